import ArgumentParser
import EquilibreCore
import Foundation

/// The root of `equilibre`: the calculations, the documents and the workshop. The workspace's
/// commands are handed to `equilibre-espace` (``WorkspaceForward``).
package struct Equilibre: ParsableCommand {
  package init() {}

  package static let configuration = CommandConfiguration(
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
      SurendettementCommand.self, ApurementCommand.self, ExemplesCommand.self, LotCommand.self, AtelierCommand.self,
      FicheViergeCommand.self, Echeancier.self, Taeg.self, ParametresCommand.self, NouveauCommand.self,
      VerifierCommand.self, LogementCommand.self, PrestationsCommand.self, RelevesCommand.self,
    ] + WorkspaceForward.commands
  )

  /// The release number, kept in one place (`.ci/release` reads it from here).
  package static let version = "0.1.0"

  /// `equilibre --version`: the release and the date of the newest national parameter value
  /// compiled in.
  package static var versionText: String {
    let date = ParameterSet.national.latestValueDate.map { " ; paramètres nationaux à jour au \($0.french)" } ?? ""
    return "equilibre \(version)\(date)"
  }

  /// `equilibre …`: the workspace's commands go to `equilibre-espace`; the others run here.
  package static func start() async {
    WorkspaceForward.execIfNeeded(CommandLine.arguments)
    await CommandMain.run(Self.self)
  }
}
