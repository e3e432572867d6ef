import ArgumentParser
import EquilibreCases
import EquilibreCommands
import EquilibreCore
import Foundation

/// Options every `suivi` and `base` command takes.
package struct StoreOptions: ParsableArguments {
  package init() {}

  @Option(
    help: ArgumentHelp(
      "Base des dossiers : fichier SQLite, ou adresse postgres://… (mode partagé).",
      discussion: "Par défaut EQUILIBRE_BASE, sinon ~/.local/share/equilibre/dossiers.sqlite."))
  var base: String?

  @Option(help: "Nom du conseiller qui agit (journal) ; EQUILIBRE_CONSEILLER ou l'utilisateur sinon.")
  var conseiller: String?

  var location: String { CaseBase.location(base) }

  package var actor: String {
    let env = ProcessInfo.processInfo.environment
    let name = conseiller ?? env["EQUILIBRE_CONSEILLER"] ?? env["USER"] ?? "conseiller"
    return name.trimmingSpaces.isEmpty ? "conseiller" : String(name.trimmingSpaces.prefix(200))
  }

  /// How this command may create a missing SQLite base: the file (and, at the default
  /// location only, its folders) when the command creates bases, never otherwise.
  func creation(_ creates: Bool) -> CaseBase.Creation {
    guard creates else { return .never }
    let atDefault = base == nil && (ProcessInfo.processInfo.environment["EQUILIBRE_BASE"] ?? "").isEmpty
    return atDefault ? .fileAndFolders : .file
  }

  /// Runs `body` with the open base, and closes it. Only a command that `creates` bases (`base
  /// creer`, `suivi ouvrir`, `suivi importer`, `comptes creer`) may create a missing one, and it
  /// says so on the error output.
  package func withStore<T>(creates: Bool = false, _ body: (SQLCaseStore) async throws -> T) async throws -> T {
    if let base { try CaseBase.checkLocation(base) }
    let location = location
    let existed = CaseBase.exists(location)
    let store = try await CaseBase.open(location, actor: actor, create: creation(creates))
    if !existed { printStandardError("nouvelle base créée : \(location.displaySafe)") }
    let today = CivilDate.today
    store.day = { today }
    do {
      let r = try await body(store)
      try? await store.close()
      return r
    } catch {
      try? await store.close()
      throw error
    }
  }
}

extension StoreOptions {
  /// Applies one change (one transaction with its audit line) and returns the case.
  func apply(_ change: CaseChange, to ref: CaseRef, expected: Int? = nil) async throws -> CaseFile {
    let actor = actor
    return try await withStore { try await $0.apply(change, to: ref, expectedVersion: expected, by: actor) }
  }
}

/// The measure policy: `--politique`, else `EQUILIBRE_POLITIQUE`, else the shipped one.
struct PolicyOption: ParsableArguments {
  @Option(help: "Politique des mesures (durées, renouvellements, visites) à la place de celle livrée.")
  var politique: String?

  func load() throws -> MeasurePolicy {
    guard let path = politique ?? ProcessInfo.processInfo.environment["EQUILIBRE_POLITIQUE"] else { return .shipped }
    let text = try readInputText(path)
    do { return try MeasurePolicy.parse(text, file: path) } catch {
      throw CLIError.data(error.items.map(\.description).joined(separator: "\nequilibre : erreur : "))
    }
  }
}

/// A case reference typed on the command line.
package func caseRef(_ text: String) throws -> CaseRef {
  guard let r = CaseRef(text) else { throw CLIError.usage("référence de dossier invalide « \(text.excerpt) » (EQ-AAAA-NNNNN attendu)") }
  return r
}

/// JSON for `--format json`: French keys (``FrenchKeys``) in the model's order, dates as AAAA-MM-JJ.
func jsonText<T: Encodable>(_ value: T) throws -> String {
  try FrenchKeys.writer.string(value)
}
