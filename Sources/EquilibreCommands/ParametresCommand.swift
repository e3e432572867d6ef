import ArgumentParser
import EquilibreCore
import Foundation

/// The options of `parametres`, shared with `parametres verifier` (ArgumentParser's way for a
/// subcommand to read options its parent also declares).
struct ParametresOptions: ParsableArguments {
  @Option(help: "Date (AAAA-MM-JJ), aujourd'hui par défaut.")
  var date: String?

  @Option(help: "Fichier de paramètres qui ajoute ou remplace des valeurs datées (répétable).")
  var parametres: [String] = []

  @Option(help: "Format de sortie : texte ou json.")
  var format: String = "texte"
}

struct ParametresCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "parametres",
    abstract:
      "Liste les paramètres légaux en vigueur à une date, avec leur référence et leur source (valeurs intégrées et locales côte à côte).",
    discussion: """
      Exemples :
        equilibre parametres
        equilibre parametres --date 2024-06-01
        equilibre parametres --parametres mes-parametres.yaml --format json
        equilibre parametres verifier          (valeurs peut-être périmées, et où trouver les nouvelles)
        equilibre parametres importer FICHIER  (ajouter une valeur datée et sourcée)
      """,
    subcommands: [ParametresVerifier.self, ParametresImporter.self])

  @OptionGroup var options: ParametresOptions

  func run() throws {
    let day = try options.date.map { try dateOption($0, option: "--date") } ?? CivilDate.today
    let set = try loadParameters(options.parametres)
    let outputFormat = try choice(options.format, option: "--format", HouseholdOptions.Format.self)
    var json: [JSONValue] = []
    var text = "Paramètres en vigueur au \(day.french)\n" + localFilesText()
    for entry in ParameterListing(set, on: day).entries {
      let key = entry.key
      guard let u = entry.use else {
        let message = entry.error ?? "aucune valeur"
        json.append(.object([("cle", .string(key)), ("erreur", .string(message))]))
        text += "\n\(key)\n  \(message)\n"
        continue
      }
      // The embedded value beside a local one that replaces it.
      let embedded = entry.embedded
      json.append(
        .object([
          ("cle", .string(key)), ("description", .string(u.description)), ("valeur", .string(u.value.french)),
          ("unite", .string(u.unit)), ("depuis", .string(u.from.description)),
          ("reference", u.reference.map(JSONValue.string) ?? .null), ("source", u.source.map(JSONValue.string) ?? .null),
          ("fichier", .string(u.origin)), ("locale", .bool(u.isLocal)), ("provisoire", .bool(u.isProvisional)),
          (
            "valeur_integree",
            embedded.map { .object([("valeur", .string($0.value.french)), ("depuis", .string($0.from.description))]) } ?? .null
          ),
          ("avertissements", .array(u.warnings.map(JSONValue.string))),
        ]))
      text += "\n\(key)\n  \(u.description)\n"
      text += "  \(u.isLocal ? "valeur locale : " : "")\(u.value.french) (\(u.unit)), depuis le \(u.from.french)\n"
      if let r = u.reference { text += "  référence : \(r)\n" }
      if let s = u.source { text += "  source : \(s)\n" }
      if u.isLocal { text += "  fichier : \(u.origin)\n" }
      if let e = embedded {
        text += "  valeur intégrée à l'outil : \(e.value.french), depuis le \(e.from.french)\(e.gapSince != nil ? " (provisoire)" : "")\n"
      }
      for w in u.warnings { text += "  \(w)\n" }
    }
    print(outputFormat == .json ? JSONValue.array(json).rendered() : text, terminator: outputFormat == .json ? "\n" : "")
  }

  func localFilesText() -> String {
    let l = LocalParameters.loaded
    var out = ""
    if !l.files.isEmpty { out += "Valeurs locales lues dans : \(l.files.joined(separator: ", "))\n" }
    for e in l.errors { out += "Fichier local ignoré : \(e)\n" }
    return out
  }
}

struct ParametresVerifier: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verifier",
    abstract: "Liste les paramètres dont la dernière valeur connue peut être périmée à une date, et où trouver la nouvelle.",
    discussion: """
      Exemples :
        equilibre parametres verifier
        equilibre parametres verifier --date 2027-01-15 --strict
      """)

  @OptionGroup var options: ParametresOptions

  @Flag(name: .customLong("strict"), help: "Sortie en erreur (code 69) si un paramètre est à vérifier.")
  var strict = false

  func run() throws {
    let day = try options.date.map { try dateOption($0, option: "--date") } ?? CivilDate.today
    let set = try loadParameters(options.parametres)
    let outputFormat = try choice(options.format, option: "--format", HouseholdOptions.Format.self)
    let stale = set.stale(on: day)
    if outputFormat == .json {
      print(
        JSONValue.array(
          stale.map { s in
            .object([
              ("cle", .string(s.parameter.key)), ("description", .string(s.parameter.description)),
              ("motif", .string(s.reason)), ("lacune_depuis", s.gapSince.map { .string($0.description) } ?? .null),
              ("derniere_valeur", s.lastKnown?.value.map { .string($0.french) } ?? .null),
              ("derniere_valeur_depuis", s.lastKnown.map { .string($0.from.description) } ?? .null),
              ("revision", s.parameter.revision.map { .string($0.rawValue) } ?? .null),
              ("ou_trouver", (s.parameter.nextSource ?? s.lastKnown?.source).map(JSONValue.string) ?? .null),
            ])
          }
        ).rendered())
    } else {
      var text = "Paramètres à vérifier au \(day.french) : \(stale.isEmpty ? "aucun" : String(stale.count))\n"
      for s in stale {
        text += "\n\(s.parameter.key) — \(s.parameter.description)\n  \(s.reason)\n"
        if let l = s.lastKnown, let v = l.value {
          text += "  dernière valeur connue : \(v.french) (\(s.parameter.unit)), depuis le \(l.from.french)\n"
        } else {
          text += "  aucune valeur connue\n"
        }
        if let r = s.parameter.revision { text += "  \(r.french)\n" }
        if let w = s.parameter.nextSource ?? s.lastKnown?.source { text += "  où trouver la nouvelle valeur : \(w)\n" }
      }
      if !stale.isEmpty {
        text += "\nPour ajouter une valeur : equilibre parametres importer FICHIER (format : docs/parametres.md).\n"
      }
      print(text, terminator: "")
    }
    if strict && !stale.isEmpty {
      throw CLIError.missingParameter("--strict : \(stale.count) paramètre(s) à vérifier au \(day.french)")
    }
  }
}

struct ParametresImporter: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "importer",
    abstract:
      "Importe un fichier de valeurs datées et sourcées (nouveau seuil de l'usure, taux légal…), utilisé ensuite par tous les calculs.",
    discussion: """
      Le fichier suit le format des paramètres intégrés (docs/parametres.md) ; chaque valeur
      a sa source. Il est vérifié (dates croissantes, unité, type de valeur, source) puis copié
      dans le dossier des valeurs locales : $EQUILIBRE_PARAMETRES_LOCAUX, sinon
      ~/.config/equilibre/parametres. Les explications le citent comme « valeur locale ».

      Exemple :
        equilibre parametres importer interet-legal-2026-s2.yaml
      """)

  @Argument(help: "Fichier YAML de valeurs datées.")
  var fichier: String

  func run() throws {
    let text = try readInputText(fichier)
    let set: ParameterSet
    do { set = try LocalParameters.validate(text, file: fichier) } catch {
      throw CLIError(message: diagnosticsText(error), code: CLIError.data)
    }
    let target: String
    do { target = try LocalParameters.install(text, name: fichier) } catch {
      throw CLIError(message: "\(error)", code: CLIError.cannotCreate)
    }
    var out = "Valeurs locales importées dans \(target) :\n"
    for key in set.keys {
      for v in set.parameters[key]!.values {
        out += "  \(key) au \(v.from.french) : \(v.value?.french ?? "lacune déclarée")\n"
      }
    }
    out += "Elles s'appliquent aux prochains calculs ; equilibre parametres les montre à côté des valeurs intégrées.\n"
    print(out, terminator: "")
  }
}
