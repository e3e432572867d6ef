import ArgumentParser
import EquilibreCases
import EquilibreCore
import Foundation

@main
struct Equilibre: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "equilibre",
    abstract: "Équilibre : budget, capacité de remboursement et crédits, calculés au centime près.",
    discussion: """
      Premiers pas :
        equilibre exemples                          les ménages d'exemple
        equilibre exemples --copier parent-separe   partir d'un exemple
        equilibre atelier                           questionnaire guidé
        equilibre nouveau cas.yaml                  scénario à compléter
      Un ménage :
        equilibre budget cas.yaml        equilibre capacite cas.yaml --explique
        equilibre aides cas.yaml         equilibre simuler cas.yaml
        equilibre plan cas.yaml          equilibre dossier cas.yaml --sortie d.html
        equilibre surendettement cas.yaml --format pdf --sortie declaration.pdf
      Une file active :
        equilibre lot dossiers/ --format csv --sortie file-active.csv
      Prêts :
        equilibre echeancier --capital 12000 --taux 3,5 --duree 48
        equilibre taeg --flux flux.csv
      Complétion : equilibre --generate-completion-script bash|zsh|fish
      """,
    version: Equilibre.versionText,
    subcommands: [
      BudgetCommand.self, CapaciteCommand.self, AidesCommand.self, SimulerCommand.self, PlanCommand.self, DossierCommand.self,
      SurendettementCommand.self, ExemplesCommand.self, LotCommand.self, AtelierCommand.self,
      FicheViergeCommand.self, Echeancier.self, Taeg.self, ParametresCommand.self, NouveauCommand.self,
      VerifierCommand.self, LogementCommand.self, PrestationsCommand.self, SuiviCommand.self, BaseCommand.self, ComptesCommand.self, ServeurCommand.self, Bench.self, MemoryLoop.self, GenerateBatch.self, FuzzCommand.self,
    ]
  )

  /// The release number, kept in one place (`.ci/release` reads it from here).
  static let version = "0.1.0"

  /// `equilibre --version`: the release and the date of the newest national parameter value
  /// compiled in.
  static var versionText: String {
    let date = ParameterSet.national.latestValueDate.map { " ; paramètres nationaux à jour au \($0.french)" } ?? ""
    return "equilibre \(version)\(date)"
  }

  /// Runs a command; French one-line errors with sysexits codes instead of stack traces.
  static func main() {
    // A write to a full disk or past a file-size limit must fail with a message, not a signal.
    signal(SIGXFSZ, SIG_IGN)
    signal(SIGPIPE, SIG_IGN)
    // A parent (a test runner, a service) may have blocked these: Ctrl-C and a stop request must
    // work whatever launched us.
    var unblock = sigset_t()
    sigemptyset(&unblock)
    for s in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&unblock, s) }
    sigprocmask(SIG_UNBLOCK, &unblock, nil)
    let width = French.terminalWidth
    setenv("COLUMNS", French.renderWidth, 1)
    do {
      var command: any ParsableCommand
      do { command = try parseAsRoot() } catch {
        // `--duree -6` reads as two options to the parser: say what is wrong with the value.
        if let message = negativeValue(Array(CommandLine.arguments.dropFirst())) {
          printError(message)
          Foundation.exit(CLIError.usage)
        }
        throw error
      }
      // The docs test checks that every command quoted in the guides parses, without running it.
      if ProcessInfo.processInfo.environment["EQUILIBRE_ANALYSE_SEULE"] == "1" { return }
      try command.run()
    } catch {
      let code = exitCode(for: error)
      if let (message, status) = describe(error) {
        printError(message)
        Foundation.exit(status)
      }
      // Help, version, completion scripts.
      let text = fullMessage(for: error)
      if !text.isEmpty && text.contains("USAGE:") {
        print(French.help(text, width: width))
        Foundation.exit(0)
      }
      _ = code
      exit(withError: error)
    }
  }

  /// The French message and exit code of an error; nil for a clean exit (help, version).
  static func describe(_ error: Error) -> (String, Int32)? {
    switch error {
    case let e as CLIError: return (e.message, e.code)
    case let e as Diagnostics: return (e.items.map(\.description).joined(separator: "\nequilibre : erreur : "), CLIError.data)
    case let e as ParameterError: return (e.description, CLIError.data)
    case let e as FileError: return (e.description, CLIError.cannotCreate)
    case let e as LoanError: return ("calcul impossible : \(e.description)", CLIError.usage)
    case let e as APR.Failure: return ("TAEG : \(e.description)", CLIError.data)
    case let e as PlanError: return (e.description, CLIError.data)
    case let e as StoreError:
      switch e {
      case .notFound: return (e.description, CLIError.noInput)
      case .conflict: return (e.description, 75)
      case .unavailable: return (e.description, 69)
      case .exists: return (e.description, CLIError.cannotCreate)
      default: return (e.description, CLIError.data)
      }
    default:
      let code = exitCode(for: error)
      if code == .success || error is CleanExit { return nil }
      if code == .validationFailure { return (French.error(message(for: error)), CLIError.usage) }
      return ("erreur interne : \(String(describing: error).excerpt) (à signaler)", 70)
    }
  }

  /// The French message for an option given a value that starts with a minus sign (a negative
  /// number or a malformed date), which the parser would take for an option of its own.
  static func negativeValue(_ arguments: [String]) -> String? {
    for (k, a) in arguments.enumerated() where a.hasPrefix("--") && !a.contains("=") && k + 1 < arguments.count {
      let v = arguments[k + 1]
      guard v.hasPrefix("-"), let second = v.dropFirst().first, second.isNumber || second == "," || second == "." else { continue }
      let shown = v.displaySafe.excerpt
      if v.dropFirst().contains("-") || v.contains("/") || a.contains("date") || a.contains("debut") || a.contains("echeance") {
        return "\(a) : date mal formée « \(shown) » (AAAA-MM-JJ attendu)"
      }
      return "\(a) : la valeur doit être positive (« \(shown) » reçu)"
    }
    return nil
  }

  static func printError(_ message: String) {
    printStandardError("\(Style.red("equilibre : erreur :", fd: 2)) \(message)")
  }
}
