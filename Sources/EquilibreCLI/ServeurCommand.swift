import ArgumentParser
import EquilibreCases
import EquilibreCore
import EquilibreWeb
import Foundation

/// `equilibre serveur`: the counsellor's workspace in the browser.
struct ServeurCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serveur",
    abstract: "Espace de travail dans le navigateur (local par défaut : 127.0.0.1, aucune donnée ne sort de l'ordinateur).",
    discussion: """
      Exemples :
        equilibre serveur                      puis ouvrir http://127.0.0.1:8080
        equilibre serveur --port 8181 --base dossiers.sqlite
      Ctrl-C arrête l'espace : les requêtes en cours se terminent, puis la base se ferme.
      """)

  @Option(help: "Port d'écoute.") var port = 8080
  @Option(help: "Adresse d'écoute ; hors de 127.0.0.1, seulement avec --partage.") var ecoute = "127.0.0.1"
  @Flag(help: "Mode partagé (plusieurs conseillers) : nécessaire pour écouter hors de la boucle locale.") var partage = false
  @OptionGroup var policy: PolicyOption
  @OptionGroup var store: StoreOptions

  func run() throws {
    guard (1...65535).contains(port) else { throw CLIError.usage("--port : de 1 à 65535") }
    if !partage && !WebConfiguration.isLoopback(ecoute) {
      throw CLIError.usage("--ecoute \(ecoute) : hors de la boucle locale, l'espace ne s'ouvre qu'en mode partagé (--partage)")
    }
    if partage {
      throw CLIError(message: "--partage : le mode partagé (comptes, rôles) n'est pas encore disponible dans cette version", code: 69)
    }
    let config = WebConfiguration(
      host: ecoute, port: port, base: store.location, counsellor: store.actor, shared: partage, policy: try policy.load())
    let shownHost = ecoute.contains(":") ? "[\(ecoute)]" : ecoute
    let address = "http://\(shownHost):\(port)"
    try blocking {
      try await runWorkspace(config, today: { CivilDate.today }) {
        print("Espace de travail ouvert : \(address)  (Ctrl-C pour arrêter)")
        fflush(nil)
      }
    }
    print("Espace de travail arrêté.")
  }
}
