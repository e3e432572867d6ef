import ArgumentParser
import EquilibreCore
import Foundation

/// How every Équilibre executable runs a command: French one-line errors with sysexits codes
/// instead of stack traces, French help, and `async` commands awaited.
package enum CommandMain {
  /// Parses the command line against `Root` and runs the command. `describe` gives the French
  /// message and code of the errors of a layer this module does not know (the case store).
  package static func run<Root: ParsableCommand>(
    _ root: Root.Type, describe extra: (Error) -> (String, Int32)? = { _ in nil }
  ) async {
    prepareProcess()
    let width = French.terminalWidth
    do {
      guard var command = try parse(Root.self) else { return }
      if var asyncCommand = command as? any AsyncParsableCommand {
        try await asyncCommand.run()
      } else {
        try command.run()
      }
    } catch {
      fail(error, root: Root.self, width: width, describe: extra)
    }
  }

  /// The same for a synchronous command, from a `main` that is not `async`: valgrind 3.19 crashes
  /// when the main thread leaves through `dispatch_main`, so `.ci/leakcheck` needs this path.
  package static func runSynchronously<Root: ParsableCommand>(
    _ root: Root.Type, describe extra: (Error) -> (String, Int32)? = { _ in nil }
  ) {
    prepareProcess()
    let width = French.terminalWidth
    do {
      guard var command = try parse(Root.self) else { return }
      try command.run()
    } catch {
      fail(error, root: Root.self, width: width, describe: extra)
    }
  }

  private static func prepareProcess() {
    // A write to a full disk or past a file-size limit must fail with a message, not a signal.
    signal(SIGXFSZ, SIG_IGN)
    signal(SIGPIPE, SIG_IGN)
    // A parent (a test runner, a service) may have blocked these: Ctrl-C and a stop request must
    // work whatever launched us.
    var unblock = sigset_t()
    sigemptyset(&unblock)
    for s in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&unblock, s) }
    sigprocmask(SIG_UNBLOCK, &unblock, nil)
    _ = French.terminalWidth
    setenv("COLUMNS", French.renderWidth, 1)
  }

  /// The parsed command, or nil when the docs test only checks that a command parses.
  private static func parse<Root: ParsableCommand>(_ root: Root.Type) throws -> (any ParsableCommand)? {
    let command: any ParsableCommand
    do { command = try Root.parseAsRoot() } catch {
      // `--duree -6` reads as two options to the parser: say what is wrong with the value.
      if let message = negativeValue(Array(CommandLine.arguments.dropFirst())) {
        printError(message)
        Foundation.exit(CLIError.usage)
      }
      throw error
    }
    // The docs test checks that every command quoted in the guides parses, without running it.
    if ProcessInfo.processInfo.environment["EQUILIBRE_ANALYSE_SEULE"] == "1" { return nil }
    return command
  }

  private static func fail<Root: ParsableCommand>(
    _ error: Error, root: Root.Type, width: Int, describe extra: (Error) -> (String, Int32)?
  ) -> Never {
    if let (message, status) = extra(error) ?? describe(error, root: Root.self) {
      printError(message)
      Foundation.exit(status)
    }
    // Help, version, completion scripts.
    let text = Root.fullMessage(for: error)
    if !text.isEmpty && text.contains("USAGE:") {
      print(French.help(text, width: width))
      Foundation.exit(0)
    }
    Root.exit(withError: error)
  }

  /// The French message and exit code of an error; nil for a clean exit (help, version).
  package static func describe<Root: ParsableCommand>(_ error: Error, root: Root.Type) -> (String, Int32)? {
    switch error {
    case let e as CLIError: return (e.message, e.code)
    case let e as Diagnostics: return (e.items.map(\.description).joined(separator: "\nequilibre : erreur : "), CLIError.data)
    case let e as ParameterError: return (e.description, CLIError.data)
    case let e as FileError: return (e.description, CLIError.cannotCreate)
    case let e as LoanError: return ("calcul impossible : \(e.description)", CLIError.usage)
    case let e as APR.Failure: return ("TAEG : \(e.description)", CLIError.data)
    case let e as PlanError: return (e.description, CLIError.data)
    default:
      let code = Root.exitCode(for: error)
      if code == .success || error is CleanExit { return nil }
      if code == .validationFailure { return (French.error(Root.message(for: error)), CLIError.usage) }
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

  package static func printError(_ message: String) {
    printStandardError("\(Style.red("equilibre : erreur :", fd: 2)) \(message)")
  }
}
