import ArgumentParser
import EquilibreCore
import Foundation

@main
struct Equilibre: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "equilibre",
    abstract: "Équilibre : budget, capacité de remboursement et crédits, calculés au centime près.",
    discussion: """
      Exemples :
        equilibre echeancier --capital 12000 --taux 3,5 --duree 48
        equilibre taeg --capital 1000 --taux 6 --duree 36 --frais 10
        equilibre taeg --flux Scenarios/flux-decret-2002-928-exemple-1.csv
      """,
    version: "0.1.0",
    subcommands: [
      BudgetCommand.self, CapaciteCommand.self, AidesCommand.self, SimulerCommand.self, PlanCommand.self, DossierCommand.self,
      SurendettementCommand.self, ExemplesCommand.self, LotCommand.self, Echeancier.self, Taeg.self, ParametresCommand.self, NouveauCommand.self,
      VerifierCommand.self, Bench.self, MemoryLoop.self,
    ]
  )

  /// Runs a command; French one-line errors with sysexits codes instead of stack traces.
  static func main() {
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch let error as CLIError {
      printError(error.message)
      Foundation.exit(error.code)
    } catch {
      let code = exitCode(for: error)
      if code == .success || error is CleanExit {
        exit(withError: error)
      }
      printError(translate(message(for: error)))
      Foundation.exit(CLIError.usage)
    }
  }

  static func printError(_ message: String) {
    fflush(nil)  // what was printed comes first
    FileHandle.standardError.write(Data("equilibre : erreur : \(message)\n".utf8))
  }

  /// French wording for swift-argument-parser's own errors.
  static func translate(_ message: String) -> String {
    let first = message.split(separator: "\n").first.map(String.init) ?? message
    let pairs: [(String, String)] = [
      ("Error: ", ""),
      ("Unknown option", "option inconnue"),
      ("Unexpected argument", "argument inattendu"),
      ("Missing expected argument", "argument obligatoire manquant"),
      ("Missing value for", "valeur manquante pour"),
      ("The value", "la valeur"),
      ("is invalid for", "n'est pas valide pour"),
      ("Please provide one of", "valeurs possibles :"),
      ("Unexpected extra value", "valeur en trop"),
    ]
    var text = first
    for (en, fr) in pairs { text = text.replacingOccurrences(of: en, with: fr) }
    return text + " (voir equilibre --help)"
  }
}

