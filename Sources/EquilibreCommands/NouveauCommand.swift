import ArgumentParser
import EquilibreCore

struct NouveauCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "nouveau",
    abstract: "Écrit un scénario de ménage commenté, à compléter ; ne remplace jamais un fichier existant.",
    discussion: """
      Exemple :
        equilibre nouveau dossier-dupont.yaml
      """)

  @Argument(help: "Fichier à créer (.yaml).")
  var fichier: String

  func run() throws {
    try writeAtomically(ScenarioTemplate.text, to: fichier)
    print("Scénario écrit dans \(fichier). Complétez-le, puis : equilibre budget \(fichier)")
  }
}
