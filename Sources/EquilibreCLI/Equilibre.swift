import ArgumentParser
import EquilibreCore
import Foundation

@main
struct Equilibre: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "equilibre",
    abstract: "Équilibre : budget, capacité de remboursement et crédits, calculés au centime près.",
    discussion: """
      Premiers pas :
        equilibre exemples                                  ménages d'exemple
        equilibre exemples --copier parent-separe cas.yaml  partir d'un exemple
        equilibre atelier                                   questionnaire guidé
        equilibre nouveau cas.yaml                          scénario commenté à compléter
      Un ménage :
        equilibre budget cas.yaml          equilibre capacite cas.yaml --explique
        equilibre aides cas.yaml           equilibre simuler cas.yaml
        equilibre plan cas.yaml            equilibre dossier cas.yaml --sortie dossier.html
        equilibre surendettement cas.yaml --format pdf --sortie declaration.pdf
      Une file active : equilibre lot dossiers/ --format csv --sortie file-active.csv
      Prêts : equilibre echeancier --capital 12000 --taux 3,5 --duree 48
              equilibre taeg --flux Scenarios/flux-decret-2002-928-exemple-1.csv
      Complétion : equilibre --generate-completion-script bash|zsh|fish (voir le README)
      """,
    version: "0.1.0",
    subcommands: [
      BudgetCommand.self, CapaciteCommand.self, AidesCommand.self, SimulerCommand.self, PlanCommand.self, DossierCommand.self,
      SurendettementCommand.self, ExemplesCommand.self, LotCommand.self, AtelierCommand.self,
      FicheViergeCommand.self, Echeancier.self, Taeg.self, ParametresCommand.self, NouveauCommand.self,
      VerifierCommand.self, Bench.self, MemoryLoop.self, GenerateBatch.self,
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
        let text = fullMessage(for: error)
        if !text.isEmpty && text.contains("USAGE:") {
          print(frenchHelp(text))
          Foundation.exit(0)
        }
        exit(withError: error)
      }
      printError(translate(message(for: error)))
      Foundation.exit(CLIError.usage)
    }
  }

  static func printError(_ message: String) {
    printStandardError("\(Style.red("equilibre : erreur :", fd: 2)) \(message)")
  }

  /// swift-argument-parser writes its help headings in English: they are put in French here.
  static func frenchHelp(_ text: String) -> String {
    let pairs: [(String, String)] = [
      ("OVERVIEW: ", ""), ("USAGE:", "UTILISATION :"), ("ARGUMENTS:", "ARGUMENTS :"), ("OPTIONS:", "OPTIONS :"),
      ("SUBCOMMANDS:", "COMMANDES :"), ("Show help information.", "Afficher cette aide."),
      ("Show the version.", "Afficher la version."), ("(default: ", "(défaut : "),
      ("See 'equilibre help <subcommand>' for detailed help.", "Aide d'une commande : equilibre help COMMANDE, ou equilibre COMMANDE --help."),
      ("<subcommand>", "<commande>"), ("<options>", "<options>"),
      ("(values: ", "(valeurs : "),
    ]
    var out = text
    for (en, fr) in pairs { out = out.replacingOccurrences(of: en, with: fr) }
    return out
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

