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
        equilibre exemples --copier flux-dates-exemple.csv
      """)

  @Option(help: "Nom de l'exemple à copier (sans .yaml), ou d'un autre fichier d'exemple (flux, forfaits).")
  var copier: String?

  @Argument(help: "Fichier à écrire (par défaut : le nom de l'exemple dans le dossier courant).")
  var fichier: String?

  func run() throws {
    let scenarios = ExampleScenarios.files.filter { $0.name.hasSuffix(".yaml") && !$0.name.contains("/") }
    guard let name = copier else {
      var rows: [[String]] = []
      for f in scenarios {
        let description =
          f.text.split(separator: "\n").first { $0.hasPrefix("description:") }
          .map { String($0.dropFirst("description:".count)).trimmingSpaces } ?? ""
        rows.append([String(f.name.dropLast(5)), description])
      }
      print("Ménages d'exemple (equilibre exemples --copier NOM [FICHIER])\n")
      print(Table.render(header: ["Nom", "Description"], rows: rows, leftAligned: [0, 1]), terminator: "")
      let others = ExampleScenarios.files.map(\.name).filter { !$0.hasSuffix(".yaml") || $0.contains("/") }
      if !others.isEmpty { print("\nAutres fichiers (flux de prêt, forfaits) : \(others.joined(separator: ", "))") }
      return
    }
    // A household by its name, or any other example file by its path (flux-dates-exemple.csv,
    // forfaits/puy-de-dome-2012.yaml), with or without its extension.
    let all = ExampleScenarios.files
    guard let file = all.first(where: { $0.name == name || $0.name == name + ".yaml" || $0.name == name + ".csv" }) else {
      let names = scenarios.map { String($0.name.dropLast(5)) } + all.map(\.name).filter { !$0.hasSuffix(".yaml") || $0.contains("/") }
      var message = "--copier : exemple inconnu « \(name) »"
      if let c = closest(to: name, in: names) { message += " ; vouliez-vous dire « \(c) » ?" }
      throw CLIError.usage(message + " (equilibre exemples pour la liste)")
    }
    let target = fichier ?? file.name
    // Copying again over an unchanged copy is harmless; a file that differs is never replaced.
    if let existing = FileManager.default.contents(atPath: target), existing == Data(file.text.utf8) {
      print("Déjà présent, identique : \(target).")
      return
    }
    let folder = (target as NSString).deletingLastPathComponent
    if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
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
    print(
      "Copié : \(written.joined(separator: ", "))."
        + (target.hasSuffix(".yaml") && !file.name.contains("/") ? " Essayez : equilibre budget \(target)" : ""))
  }
}
