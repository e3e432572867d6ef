import ArgumentParser
import EquilibreCore
import EquilibreScenarios
import Foundation

struct ExemplesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "exemples",
    abstract: "Liste les ménages d'exemple (ateliers, démonstrations) et en copie un pour partir de lui.",
    discussion: """
      Exemples :
        equilibre exemples
        equilibre exemples --copier parent-separe mon-atelier.yaml
      """)

  @Option(help: "Nom de l'exemple à copier (sans .yaml).")
  var copier: String?

  @Argument(help: "Fichier à écrire (par défaut : le nom de l'exemple dans le dossier courant).")
  var fichier: String?

  func run() throws {
    let scenarios = ExampleScenarios.files.filter { $0.name.hasSuffix(".yaml") && !$0.name.contains("/") }
    guard let name = copier else {
      var rows: [[String]] = []
      for f in scenarios {
        let description = f.text.split(separator: "\n").first { $0.hasPrefix("description:") }
          .map { String($0.dropFirst("description:".count)).trimmingSpaces } ?? ""
        rows.append([String(f.name.dropLast(5)), description])
      }
      print("Ménages d'exemple (equilibre exemples --copier NOM [FICHIER])\n")
      print(Table.render(header: ["Nom", "Description"], rows: rows, leftAligned: [0, 1]), terminator: "")
      return
    }
    let key = name.hasSuffix(".yaml") ? String(name.dropLast(5)) : name
    guard let file = scenarios.first(where: { $0.name == key + ".yaml" }) else {
      let names = scenarios.map { String($0.name.dropLast(5)) }
      var message = "--copier : exemple inconnu « \(name) »"
      if let c = closest(to: key, in: names) { message += " ; vouliez-vous dire « \(c) » ?" }
      throw CLIError.usage(message + " (equilibre exemples pour la liste)")
    }
    let target = fichier ?? file.name
    try writeAtomically(file.text, to: target)
    var written = [target]
    // A scenario that names a forfait file gets it next to itself.
    if let line = file.text.split(separator: "\n").first(where: { String($0).trimmingSpaces.hasPrefix("forfaits:") }) {
      let relative = String(String(line).trimmingSpaces.dropFirst("forfaits:".count)).trimmingSpaces
      if let extra = ExampleScenarios.files.first(where: { $0.name == relative }) {
        let path = URL(fileURLWithPath: target).deletingLastPathComponent().appendingPathComponent(relative).path
        if !FileManager.default.fileExists(atPath: path) {
          try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
          try writeAtomically(extra.text, to: path)
          written.append(path)
        }
      }
    }
    print("Copié : \(written.joined(separator: ", ")). Essayez : equilibre budget \(target)")
  }
}

