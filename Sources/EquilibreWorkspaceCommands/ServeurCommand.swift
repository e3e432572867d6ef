import ArgumentParser
import EquilibreCases
import EquilibreCommands
import EquilibreCore
import EquilibreStatements
import EquilibreWeb
import Foundation

/// `equilibre serveur`: the counsellor's workspace in the browser.
struct ServeurCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serveur",
    abstract: WorkspaceForward.abstract("serveur"),
    discussion: """
      Exemples :
        equilibre serveur                      puis ouvrir http://127.0.0.1:8080
        equilibre serveur --port 8181 --base dossiers.sqlite
      Mode partagé (comptes, rôles, journal des consultations) :
        equilibre comptes creer admin --nom "Administrateur" --role administrateur --base postgres://…
        equilibre serveur --partage --base postgres://… --ecoute 0.0.0.0 --tls-certificat cert.pem --tls-cle cle.pem
      Ctrl-C arrête l'espace : les requêtes en cours se terminent, puis la base se ferme.
      """)

  @Option(help: "Port d'écoute.") var port = 8080
  @Option(help: "Adresse d'écoute ; hors de 127.0.0.1, seulement avec --partage.") var ecoute = "127.0.0.1"
  @Flag(help: "Mode partagé : comptes, rôles, connexion ; nécessaire pour écouter hors de la boucle locale.") var partage = false
  @Option(help: "Mode partagé : certificat TLS (PEM) ; l'espace répond alors en HTTPS.") var tlsCertificat: String?
  @Option(help: "Mode partagé : clé privée TLS (PEM) du certificat.") var tlsCle: String?
  @Flag(help: "Mode partagé : un serveur mandataire HTTPS est devant l'espace (cookies « Secure »).") var derriereProxyTls = false
  @Option(help: "Mode partagé : durée d'une connexion, en heures.") var sessionHeures = 8
  @Option(help: "Mode partagé : une connexion inutilisée pendant ce délai, en minutes, se ferme.") var sessionInactiviteMinutes = 30
  @Option(help: "Ferme une connexion inactive, ou une requête à moitié envoyée, après ce délai en secondes.") var inactiviteSecondes = 30
  @Option(
    name: .customLong("mises-en-page"),
    help: "Dossier de mises en page de banques (.yaml) ajoutées à celles livrées, pour « importer des relevés ».")
  var misesEnPage: String?
  @OptionGroup var policy: PolicyOption
  @OptionGroup var store: StoreOptions

  func run() async throws {
    guard (1...65535).contains(port) else { throw CLIError.usage("--port : de 1 à 65535") }
    guard (1...24).contains(sessionHeures) else { throw CLIError.usage("--session-heures : de 1 à 24") }
    guard (5...480).contains(sessionInactiviteMinutes) else { throw CLIError.usage("--session-inactivite-minutes : de 5 à 480") }
    let sharing = WebConfiguration.Sharing(
      tlsCertificate: tlsCertificat, tlsKey: tlsCle, behindTLSProxy: derriereProxyTls, sessionHours: sessionHeures,
      idleMinutes: sessionInactiviteMinutes)
    if let base = store.base { try CaseBase.checkLocation(base) }
    var config = WebConfiguration(
      host: ecoute, port: port, base: store.location, counsellor: store.actor, shared: partage, policy: try policy.load(), sharing: sharing)
    guard (1...3600).contains(inactiviteSecondes) else { throw CLIError.usage("--inactivite-secondes : de 1 à 3600") }
    config.idleSeconds = inactiviteSecondes
    config.creation = store.creation(true)
    if let misesEnPage {
      do { config.statementLayouts = try StatementLayout.all(adding: misesEnPage) } catch let e as Diagnostics {
        throw CLIError.data(diagnosticsText(e))
      } catch let e as FileError {
        throw CLIError(message: e.description, code: CLIError.noInput)
      } catch {
        throw CLIError.data("\(error)")
      }
    }
    let existed = CaseBase.exists(config.base)
    let configuration = config
    if let refusal = config.refusal { throw CLIError.usage(refusal) }
    let shownHost = ecoute.contains(":") ? "[\(ecoute)]" : ecoute
    let address = "\(partage && tlsCertificat != nil ? "https" : "http")://\(shownHost):\(port)"
    try await runWorkspace(configuration, today: { CivilDate.today }) {
      print("Espace de travail \(partage ? "partagé" : "local") ouvert : \(address)  (Ctrl-C pour arrêter)")
      // After the address, which scripts read on the first line.
      if !existed { print("Nouvelle base créée : \(configuration.base.displaySafe)") }
      fflush(nil)
    }
    print("Espace de travail arrêté.")
  }
}
