import ArgumentParser
import Dispatch
import EquilibreCore
import Foundation

struct LotCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lot",
    abstract: "Chiffres clés de tous les scénarios d'un dossier (revue de file active), en parallèle.",
    discussion: """
      Un fichier illisible est signalé (fichier, ligne, message) et sauté ; le code de sortie vaut 65 si au
      moins un fichier a échoué, 0 sinon.
      Exemples (fichiers : equilibre exemples --copier NOM) :
        equilibre lot dossiers/ --format csv --sortie file-active.csv
        equilibre lot mes-dossiers/ --format json --recursif
      """)

  @Argument(help: "Dossier de scénarios (.yaml).")
  var dossier: String

  @Option(help: "Format : csv ou json.")
  var format: String = "csv"

  @Option(help: "Fichier à écrire (écriture atomique) ; la sortie standard sinon.")
  var sortie: String?

  @Flag(help: "Remplacer le fichier de sortie s'il existe.")
  var force = false

  @Flag(help: "Parcourir aussi les sous-dossiers.")
  var recursif = false

  @Option(help: "Fichier de paramètres qui ajoute ou remplace des valeurs datées (répétable).")
  var parametres: [String] = []

  @Flag(name: .customLong("csv-excel"), help: "CSV pour Excel ou LibreOffice en français : « ; », virgule décimale, BOM UTF-8.")
  var csvExcel = false

  enum Format: String, CaseIterable { case csv, json }

  static let columns = [
    "fichier", "date", "ressources_mensuelles", "charges_mensuelles", "reste_a_vivre", "reste_a_vivre_par_uc_par_jour",
    "taux_effort", "capacite_remboursement", "terme_limitant", "total_dettes", "plan_duree_mois", "plan_total_efface",
  ]

  func run() throws {
    let outputFormat = try choice(format, option: "--format", Format.self)
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: dossier, isDirectory: &isDir), isDir.boolValue else {
      throw CLIError(message: "\(dossier.excerpt) : dossier introuvable", code: CLIError.noInput)
    }
    let parameters = try loadParameters(parametres)
    let files = try scenarioFiles()
    // An output never replaces a file this run reads.
    if let out = sortie { try checkOutputPath(out, force: force, inputs: files + parametres) }
    let results = BatchResults(count: files.count)
    let progress = Progress(total: files.count, enabled: isatty(2) != 0)
    let cache = ParameterCache(parameters)
    DispatchQueue.concurrentPerform(iterations: files.count) { i in
      results.set(i, Self.evaluate(files[i], cache: cache))
      progress.tick()
    }
    progress.finish()
    var rows: [[String]] = []
    var errors: [(String, String)] = []
    for r in results.all {
      switch r {
      case .row(let cells): rows.append(cells)
      case .failure(let file, let message): errors.append((file, message))
      case nil: break
      }
    }
    let text: String
    switch outputFormat {
    case .csv:
      var csv = CSV(csvExcel ? .excel : .standard)
      csv.header(Self.columns)
      for r in rows { csv.row(r.enumerated().map { $0.offset < 3 ? .text($0.element) : .number($0.element) }) }
      text = csv.text
    case .json:
      text =
        JSONValue.object([
          ("dossiers", .array(rows.map { r in .object(zip(Self.columns, r).map { ($0, JSONValue.string($1)) }) })),
          ("erreurs", .array(errors.map { .object([("fichier", .string($0.0)), ("message", .string($0.1))]) })),
        ]).rendered() + "\n"
    }
    if let out = sortie {
      try writeAtomically(text, to: out, overwrite: force, access: .privateToUser)
    } else {
      print(text, terminator: "")
    }
    for (file, message) in errors {
      printStandardError("equilibre : lot : \(file) ignoré : \(message)")
    }
    printStandardError(
      "equilibre : lot : \(rows.count) dossier\(rows.count > 1 ? "s" : "") calculé\(rows.count > 1 ? "s" : ""), \(errors.count) en erreur")
    if !errors.isEmpty {
      throw CLIError.data("\(errors.count) fichier\(errors.count > 1 ? "s" : "") sur \(files.count) en erreur")
    }
  }

  func scenarioFiles() throws -> [String] {
    let root = URL(fileURLWithPath: dossier)
    var out: [String] = []
    if recursif {
      let e = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
      while let u = e?.nextObject() as? URL {
        if u.pathExtension == "yaml" { out.append(u.path) }
      }
    } else {
      for name in try FileManager.default.contentsOfDirectory(atPath: dossier) where name.hasSuffix(".yaml") {
        out.append((dossier as NSString).appendingPathComponent(name))
      }
    }
    return out.sorted()
  }

  enum Outcome: Sendable {
    case row([String])
    case failure(String, String)
  }

  static func evaluate(_ path: String, cache: ParameterCache) -> Outcome {
    do {
      let s = try ScenarioFile.load(path: path)
      let forfaits = try ScenarioFile.loadNamed(.forfaits, of: s)
      let resolved = try cache.resolved(for: s.date)
      let budget = Budget(scenario: s, resolved: resolved)
      let capacity = try RepaymentCapacity(scenario: s, resolved: resolved, forfaits: forfaits)
      let plan = s.debts.isEmpty ? nil : try? DebtPlan(scenario: s, capacity: capacity.capacity, parameters: cache.parameters)
      let cells: [String] = [
        path, s.date.description, budget.resources.plainCents, budget.charges.plainCents, budget.resteAVivre.plainCents,
        budget.resteAVivrePerUCPerDay?.plainCents ?? "", budget.effortRateAfterBenefit.map { Figure.rate($0).plain } ?? "",
        capacity.capacity.plainCents, capacity.bindingTerm.rawValue, s.debtsTotal.plainCents,
        plan.map { String($0.months) } ?? "", plan.map { $0.totalErased.plain } ?? "",
      ]
      return .row(cells)
    } catch let d as Diagnostics {
      let first = d.items.first
      let more = d.items.count > 1 ? " (et \(d.items.count - 1) autre\(d.items.count > 2 ? "s" : ""))" : ""
      return .failure(
        path,
        first.map { d in
          let place = d.file == path ? "" : "\(d.file.excerpt) "
          return "\(place)ligne \(d.line), colonne \(d.column) : \(d.path.isEmpty ? "" : d.path + " : ")\(d.message)" + more
        } ?? "illisible")
    } catch let e as ParameterError {
      return .failure(path, e.description)
    } catch {
      return .failure(path, "calcul impossible")
    }
  }
}

/// Results written by several threads, each at its own index.
final class BatchResults: @unchecked Sendable {
  private var items: [LotCommand.Outcome?]
  private let lock = NSLock()

  init(count: Int) { items = Array(repeating: nil, count: count) }

  func set(_ i: Int, _ value: LotCommand.Outcome) { lock.withLock { items[i] = value } }
  var all: [LotCommand.Outcome?] { lock.withLock { items } }
}

/// Household parameters resolved once per date, shared by the threads of a batch.
final class ParameterCache: @unchecked Sendable {
  let parameters: ParameterSet
  private var byDate: [CivilDate: HouseholdParameters] = [:]
  private let lock = NSLock()

  init(_ parameters: ParameterSet) { self.parameters = parameters }

  func resolved(for date: CivilDate) throws -> HouseholdParameters {
    if let r = lock.withLock({ byDate[date] }) { return r }
    let r = try HouseholdParameters(parameters: parameters, on: date)
    lock.withLock { byDate[date] = r }
    return r
  }
}

/// A progress bar on the terminal's error stream, only when it is a terminal.
final class Progress: @unchecked Sendable {
  let total: Int
  let enabled: Bool
  private var done = 0
  private var shown = -1
  private let lock = NSLock()

  init(total: Int, enabled: Bool) {
    self.total = total
    self.enabled = enabled && total > 0
  }

  func tick() {
    guard enabled else { return }
    lock.withLock {
      done += 1
      let percent = done * 100 / total
      guard percent != shown else { return }
      shown = percent
      let width = 30
      let filled = done * width / total
      let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
      FileHandle.standardError.write(Data("\r\(bar) \(done)/\(total) (\(percent) %)".utf8))  // our own text only
    }
  }

  func finish() {
    if enabled { FileHandle.standardError.write(Data("\n".utf8)) }
  }
}
