import ArgumentParser
import EquilibreCases
import EquilibreCommands
import EquilibreCore
import Foundation

/// `equilibre base …`: backup, integrity, retention and anonymous statistics of the case base.
struct BaseCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "base",
    abstract: WorkspaceForward.abstract("base"),
    discussion: """
      Exemples :
        equilibre base creer
        equilibre base info
        equilibre base sauvegarder sauvegarde-2026-11-23.sqlite
        equilibre base verifier
        equilibre base purger --conservation-ans 2
        equilibre base statistiques --format json
      PostgreSQL : sauvegardez avec pg_dump (voir « equilibre base sauvegarder --help »).
      """,
    subcommands: [
      BaseCreer.self, BaseInfo.self, BaseDroits.self, BaseSauvegarder.self, BaseVerifier.self, BasePurger.self, BaseStatistiques.self,
    ])
}

struct BaseCreer: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "creer", abstract: "Crée une base vide (SQLite), ou le schéma d'une base PostgreSQL ; refuse une base qui existe.")
  @OptionGroup var store: StoreOptions

  func run() async throws {
    let location = store.location
    if !CaseBase.isPostgres(location) && CaseBase.exists(location) {
      throw CLIError(message: "\(location.displaySafe) existe déjà : rien n'a été créé", code: CLIError.cannotCreate)
    }
    let schema = try await store.withStore(creates: true) { try await $0.schemaVersion() }
    print("Base prête (schéma \(schema)).")
  }
}

struct BaseInfo: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "info", abstract: "Où est la base, son moteur et son schéma.")
  @OptionGroup var store: StoreOptions

  func run() async throws {
    let location = store.location
    let (backend, schema, count) = try await store.withStore { s in
      (s.backend, try await s.schemaVersion(), try await s.list(CaseFilter()).count)
    }
    let shown = CaseBase.isPostgres(location) ? (URLComponents(string: location)?.host ?? "serveur") : location
    print("Base : \(shown) (\(backend.french), schéma \(schema)) — \(count) dossier(s).")
  }
}

struct BaseSauvegarder: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sauvegarder",
    abstract: "Copie la base SQLite pendant qu'elle sert (sauvegarde en ligne de SQLite) dans un nouveau fichier.",
    discussion: """
      La copie est contrôlée (intégrité) avant de prendre son nom ; elle ne remplace jamais un fichier.
      Exemple :
        equilibre base sauvegarder /media/cle/dossiers-2026-11-23.sqlite
      PostgreSQL (mode partagé) : la sauvegarde se fait côté serveur, avec pg_dump, par exemple
        pg_dump --format=custom --file=equilibre-2026-11-23.dump "postgres://utilisateur@hôte/base"
      et se restaure avec pg_restore dans une base vide.
      """)
  @Argument(help: "Fichier de sauvegarde à créer.") var fichier: String
  @OptionGroup var store: StoreOptions

  func run() async throws {
    let location = store.location
    if CaseBase.isPostgres(location) {
      throw CLIError(
        message:
          "base PostgreSQL : sauvegardez-la avec pg_dump côté serveur, par exemple pg_dump --format=custom --file=equilibre.dump \"postgres://…\" (restauration : pg_restore)",
        code: 69)
    }
    // Opening first migrates and checks the base; the copy is then taken from the file.
    _ = try await store.withStore { try await $0.schemaVersion() }
    do { try await SQLiteBackup.copy(from: location, to: fichier) } catch let e as StoreError {
      throw CLIError(message: e.description, code: CLIError.cannotCreate)
    }
    print("Sauvegarde écrite : \(fichier).")
  }
}

struct BaseVerifier: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verifier",
    abstract: "Contrôle l'intégrité : fichier SQLite, journal de chaque modification, versions, empreintes des documents.")
  @OptionGroup var store: StoreOptions

  func run() async throws {
    let problems = try await store.withStore { try await $0.verify() }
    if problems.isEmpty {
      print("Base saine : intégrité, journal, versions et documents vérifiés.")
      return
    }
    for p in problems { print(p.displaySafe) }
    throw CLIError.data("\(problems.count) problème(s) dans la base")
  }
}

struct BasePurger: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "purger", abstract: "Purge les données personnelles des dossiers clos depuis plus que la durée de conservation.",
    discussion: """
      Par défaut : la durée de la politique des mesures (« conservation », 2 ans après la clôture dans
      celle livrée), ou --conservation-ans, ou EQUILIBRE_CONSERVATION_ANS. Les champs personnels sont
      effacés ; restent les dates, les chiffres des situations, les domaines et issues des objectifs et
      les demandes d'aide (organisme, nature, montants, décision), pour le rapport d'activité.
      Restent des compteurs anonymes (mesures, statuts, motifs, périodes) pour les statistiques.
      Exemple :
        equilibre base purger --conservation-ans 2
      """)
  @Option(name: .customLong("conservation-ans"), help: "Durée de conservation après la clôture, en années.") var conservationAns: Int?
  @Flag(name: .customLong("a-blanc"), help: "Lister sans purger.") var aBlanc = false
  @OptionGroup var store: StoreOptions
  @OptionGroup var policy: PolicyOption

  func run() async throws {
    let years =
      try conservationAns ?? ProcessInfo.processInfo.environment["EQUILIBRE_CONSERVATION_ANS"].flatMap(Int.init)
      ?? policy.load().retentionYears
    guard (0...50).contains(years) else { throw CLIError.usage("--conservation-ans : de 0 à 50") }
    let cutoff = CivilDate.today.adding(years: -years)
    let actor = store.actor
    let dry = aBlanc
    let refs: [CaseRef] = try await store.withStore { s in
      if dry {
        let closed = try await s.list(CaseFilter(status: .clos))
        var due: [CaseRef] = []
        for c in closed {
          let r = try await s.load(c.ref, by: actor)
          if !r.file.purged, let d = r.file.closedOn, d < cutoff { due.append(c.ref) }
        }
        return due
      }
      return try await s.purge(closedBefore: cutoff, by: actor)
    }
    if refs.isEmpty {
      print("Aucun dossier clos avant le \(cutoff.french).")
      return
    }
    print(
      "\(refs.count) dossier(s) clos avant le \(cutoff.french) \(dry ? "à purger" : "purgé(s)") : \(refs.map(\.text).joined(separator: ", "))."
    )
  }
}

struct BaseStatistiques: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "statistiques",
    abstract: "Comptes anonymes : statuts, motifs de clôture, types de mesure, ouvertures et clôtures par année.")
  @Option(help: "texte ou json.") var format = "texte"
  @OptionGroup var store: StoreOptions

  func run() async throws {
    let stats = try await store.withStore { try await $0.statistics() }
    if try choice(format, option: "--format", TextOrJSON.self) == .json {
      print(try jsonText(stats))
      return
    }
    func show(_ title: String, _ counts: [Statistics.Count]) {
      print(title)
      if counts.isEmpty { print("  —") }
      for c in counts { print("  \(c.key.displaySafe) : \(c.count)") }
    }
    show("Dossiers par statut", stats.byStatus)
    show("Motifs de clôture", stats.byClosingReason)
    show("Mesures par type", stats.byMeasureType)
    show("Ouvertures par année", stats.openedByYear)
    show("Clôtures par année", stats.closedByYear)
    print("Dossiers purgés ou effacés : \(stats.purged)")
  }
}

struct BaseDroits: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "droits", abstract: "Le SQL des droits minimaux des conseillers sur une base PostgreSQL partagée.",
    discussion: """
      Les conseillers lisent et écrivent les dossiers, mais ne suppriment rien et ne peuvent ni modifier
      ni effacer le journal ; purges et effacements restent à l'administrateur.
      Exemple :
        equilibre base droits --nom-base equilibre | psql "postgres://admin@serveur/equilibre"
      """)
  @Option(name: .customLong("nom-base"), help: "Nom de la base PostgreSQL.") var nomBase = "equilibre"

  func run() async throws {
    guard nomBase.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) else {
      throw CLIError.usage("--nom-base : lettres, chiffres, - et _ seulement")
    }
    print(SharedMode.grants(database: nomBase))
  }
}
