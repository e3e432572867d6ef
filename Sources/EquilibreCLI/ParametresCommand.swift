import ArgumentParser
import EquilibreCore
import Foundation

struct ParametresCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "parametres",
    abstract: "Liste les paramètres en vigueur à une date, avec leur référence et leur source.",
    discussion: """
      Exemples :
        equilibre parametres
        equilibre parametres --date 2024-06-01
        equilibre parametres --parametres mes-parametres.yaml --format json
      """)

  @Option(help: "Date (AAAA-MM-JJ), aujourd'hui par défaut.")
  var date: String?

  @Option(help: "Fichier de paramètres qui ajoute ou remplace des valeurs datées (répétable).")
  var parametres: [String] = []

  @Option(help: "Format de sortie : texte ou json.")
  var format: String = "texte"

  func run() throws {
    let day = try date.map { try dateOption($0, option: "--date") } ?? CivilDate.today
    let set = try loadParameters(parametres)
    let outputFormat = try choice(format, option: "--format", HouseholdOptions.Format.self)
    var json: [JSON] = []
    var text = "Paramètres en vigueur au \(day.french)\n"
    for key in set.keys {
      do {
        let u = try set.use(key, on: day)
        json.append(
          .object([
            ("cle", .string(key)), ("description", .string(u.description)), ("valeur", .string(u.value.french)),
            ("unite", .string(u.unit)), ("depuis", .string(u.from.description)),
            ("reference", u.reference.map(JSON.string) ?? .null), ("source", u.source.map(JSON.string) ?? .null),
            ("fichier", .string(u.origin)), ("avertissements", .array(u.warnings.map(JSON.string))),
          ]))
        text += "\n\(key)\n  \(u.description)\n  \(u.value.french) (\(u.unit)), depuis le \(u.from.french)\n"
        if let r = u.reference { text += "  référence : \(r)\n" }
        if let s = u.source { text += "  source : \(s)\n" }
        if u.origin != "national" { text += "  fichier : \(u.origin)\n" }
        for w in u.warnings { text += "  \(w)\n" }
      } catch {
        json.append(.object([("cle", .string(key)), ("erreur", .string(error.description))]))
        text += "\n\(key)\n  \(error.description)\n"
      }
    }
    print(outputFormat == .json ? JSON.array(json).render() : text, terminator: outputFormat == .json ? "\n" : "")
  }
}
