import ArgumentParser
import Foundation

/// The workspace's commands (`serveur`, `suivi`, `base`, `comptes`) live in `equilibre-espace`,
/// installed beside `equilibre`, so that computing a budget never builds the server stack.
/// `equilibre suivi …` runs `equilibre-espace suivi …` in its place, with the same arguments.
package enum WorkspaceForward {
  /// The commands handed over, with the abstract both executables show.
  package static let abstracts: [(name: String, abstract: String)] = [
    ("suivi", "Suivi des ménages dans la base des dossiers (SQLite, ou PostgreSQL en mode partagé)."),
    ("base", "La base des dossiers : sauvegarde, contrôle, purge des dossiers anciens, statistiques anonymes."),
    ("comptes", "Les comptes de l'espace partagé : création, liste, rôle, désactivation, mot de passe."),
    (
      "serveur",
      "Espace de travail dans le navigateur (local par défaut : 127.0.0.1, aucune donnée ne sort de l'ordinateur)."
    ),
  ]

  package static func abstract(_ name: String) -> String { abstracts.first { $0.name == name }?.abstract ?? "" }

  /// The name of the second executable.
  package static let executable = "equilibre-espace"

  /// Entries of `equilibre --help`; never run (``execIfNeeded`` hands them over first).
  static let commands: [any ParsableCommand.Type] = [Suivi.self, Base.self, Comptes.self, Serveur.self]

  struct Suivi: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "suivi", abstract: abstract("suivi"))
    @Argument(parsing: .allUnrecognized) var rest: [String] = []
  }
  struct Base: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "base", abstract: abstract("base"))
    @Argument(parsing: .allUnrecognized) var rest: [String] = []
  }
  struct Comptes: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "comptes", abstract: abstract("comptes"))
    @Argument(parsing: .allUnrecognized) var rest: [String] = []
  }
  struct Serveur: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serveur", abstract: abstract("serveur"))
    @Argument(parsing: .allUnrecognized) var rest: [String] = []
  }

  /// Replaces this process by `equilibre-espace` when the command is one of the workspace's
  /// (`equilibre help suivi` too); returns otherwise. A missing `equilibre-espace` is a French
  /// error, exit 69.
  package static func execIfNeeded(_ arguments: [String]) {
    var rest = Array(arguments.dropFirst())
    if rest.count >= 2, rest[0] == "help", abstracts.contains(where: { $0.name == rest[1] }) {
      rest = [rest[1], "--help"] + rest.dropFirst(2)
    }
    guard let first = rest.first, abstracts.contains(where: { $0.name == first }) else { return }
    let path = siblingPath()
    guard FileManager.default.isExecutableFile(atPath: path) else {
      CommandMain.printError(
        "« equilibre \(first) » fait partie de l'espace de travail, qui n'est pas installé à côté de equilibre "
          + "(\(executable) introuvable dans \(URL(fileURLWithPath: path).deletingLastPathComponent().path.displaySafe)) ; "
          + "depuis les sources : swift build --product \(executable)")
      exit(69)
    }
    let argv = ([path] + rest).map { strdup($0) } + [nil]
    execv(path, argv)
    CommandMain.printError("impossible de lancer \(path.displaySafe) : \(String(cString: strerror(errno)))")
    exit(71)
  }

  /// `equilibre-espace` in the folder of the running executable.
  static func siblingPath() -> String {
    let own =
      (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
      ?? Bundle.main.executablePath ?? CommandLine.arguments[0]
    return URL(fileURLWithPath: own).deletingLastPathComponent().appendingPathComponent(executable).path
  }
}
