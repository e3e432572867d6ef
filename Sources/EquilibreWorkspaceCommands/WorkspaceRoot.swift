import ArgumentParser
import EquilibreCases
import EquilibreCommands
import EquilibreCore
import Foundation

/// The root of `equilibre-espace`: the workspace and the case store. Users reach it through
/// `equilibre serveur|suivi|base|comptes` (``WorkspaceForward``), hence the command name.
package struct EquilibreWorkspace: AsyncParsableCommand {
  package init() {}

  package static let configuration = CommandConfiguration(
    commandName: "equilibre",
    abstract: "Équilibre : l'espace de travail et la base des dossiers (equilibre serveur, suivi, base, comptes).",
    version: Equilibre.versionText,
    subcommands: [SuiviCommand.self, BaseCommand.self, ComptesCommand.self, ServeurCommand.self]
  )

  package static func start() async {
    await CommandMain.run(Self.self, describe: describeStoreError)
  }

  /// The French message and exit code of the case store's errors.
  package static func describeStoreError(_ error: Error) -> (String, Int32)? {
    guard let e = error as? StoreError else { return nil }
    switch e {
    case .notFound: return (e.description, CLIError.noInput)
    case .conflict: return (e.description, 75)
    case .unavailable: return (e.description, 69)
    case .exists: return (e.description, CLIError.cannotCreate)
    default: return (e.description, CLIError.data)
    }
  }
}
