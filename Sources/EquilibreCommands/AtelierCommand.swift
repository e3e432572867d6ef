import ArgumentParser
import EquilibreCore
import Foundation

struct AtelierCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "atelier",
    abstract: "Questionnaire guidé pour construire un budget pas à pas et l'enregistrer comme scénario.",
    discussion: """
      Répondez à chaque question puis Entrée ; Entrée seule garde la valeur proposée entre crochets.
      À tout moment : « ? » pour l'aide, « retour » pour la question précédente, « corriger » pour la
      liste des réponses, « corriger N » pour revenir à la question N, « fin » pour passer à l'enregistrement.
      Le reste à vivre provisoire s'affiche au fil des montants. Fonctionne aussi sur une entrée redirigée.
      Les réponses sont enregistrées dans un brouillon après chaque réponse : une session interrompue
      (Ctrl-C, Ctrl-D, fenêtre fermée) reprend avec --reprendre.
      Exemples :
        equilibre atelier
        equilibre atelier --reprendre atelier-brouillon.yaml
        equilibre atelier < reponses.txt
      """)

  @Option(help: "Dossier où enregistrer le scénario (le dossier courant par défaut, ou celui du brouillon repris).")
  var dossier: String?

  @Option(help: "Brouillon d'une session interrompue à reprendre.")
  var reprendre: String?

  func run() throws {
    var session: Atelier
    if let draftPath = reprendre {
      let text: String
      do { text = try InputFile.text(draftPath, remember: false) } catch {
        throw CLIError(message: error.description, code: CLIError.noInput)
      }
      let draft: WorkshopDraft
      do { draft = try WorkshopDraft.parse(text, file: draftPath) } catch { throw CLIError.data(diagnosticsText(error)) }
      let folder = dossier ?? (draftPath as NSString).deletingLastPathComponent
      session = Atelier(directory: folder.isEmpty ? "." : folder, echo: isatty(0) == 0)
      session.answers = draft.answers
      session.resumeAt = draft.question
      session.draftPath = draftPath
    } else {
      session = Atelier(directory: dossier ?? ".", echo: isatty(0) == 0)
    }
    try session.run()
  }
}
