import ArgumentParser
import EquilibreCore
import Foundation

struct VerifierCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verifier",
    abstract: "Vérifie les chiffres attendus (section attendu:) d'un ou plusieurs scénarios.",
    discussion: """
      Code de sortie 0 si tous les chiffres sont retrouvés, 65 sinon.
      Exemples (fichiers : equilibre exemples --copier NOM) :
        equilibre verifier *.yaml
        equilibre verifier mon-cas.yaml --parametres parametres-agence.yaml
      """)

  @Argument(help: "Fichiers de scénario.")
  var fichiers: [String]

  @Option(help: "Fichier de paramètres qui ajoute ou remplace des valeurs datées (répétable).")
  var parametres: [String] = []

  func run() throws {
    guard !fichiers.isEmpty else { throw CLIError.usage("indiquez au moins un fichier de scénario") }
    var failures = 0
    var checked = 0
    for path in fichiers {
      do {
        let options = try HouseholdOptions.parse([path] + parametres.flatMap { ["--parametres", $0] })
        let loaded = try options.loadCase()
        let scenario = loaded.scenario
        let figures = try compute { () throws(ParameterError) in
          try HouseholdFigures(
            scenario: scenario, parameters: loaded.parameters, forfaits: loaded.forfaits, alPolicy: loaded.alPolicy, fsl: loaded.fsl)
        }
        if scenario.expected.isEmpty {
          print("\(path) : aucun chiffre attendu (section attendu:)")
          continue
        }
        let bad = figures.mismatches(scenario.expected)
        checked += scenario.expected.count
        if bad.isEmpty {
          print(
            "\(path) : OK, \(scenario.expected.count) chiffre\(scenario.expected.count > 1 ? "s" : "") retrouvé\(scenario.expected.count > 1 ? "s" : "")"
          )
        } else {
          failures += 1
          for (e, got) in bad {
            print("\(path):\(e.line):\(e.column) : attendu.\(e.key) : attendu \(e.text), calculé \(got)")
          }
        }
      } catch let e as CLIError {
        failures += 1
        print("\(path) : erreur :\n  " + e.message.replacingOccurrences(of: "\nequilibre : erreur : ", with: "\n  "))
      }
    }
    if failures > 0 {
      throw CLIError.data("\(failures) fichier\(failures > 1 ? "s" : "") en écart ou en erreur sur \(fichiers.count)")
    }
  }
}
