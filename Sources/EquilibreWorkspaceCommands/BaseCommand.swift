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
        equilibre base restaurer sauvegarde-2026-11-23.sqlite --base dossiers-restaures.sqlite
        equilibre base verifier
        equilibre base purger --conservation-ans 2
        equilibre base statistiques --format json
      PostgreSQL : sauvegarder et restaurer appellent pg_dump et pg_restore (paquet postgresql-client).
      """,
    subcommands: [
      BaseCreer.self, BaseInfo.self, BaseDroits.self, BaseSauvegarder.self, BaseRestaurer.self, BaseVerifier.self, BasePurger.self,
      BaseStatistiques.self,
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
    abstract: "Sauvegarde la base pendant qu'elle sert, dans un nouveau fichier contrôlé (SQLite : copie en ligne ; PostgreSQL : pg_dump).",
    discussion: """
      La copie est contrôlée avant de prendre son nom (SQLite : intégrité ; PostgreSQL : sommaire relu
      par pg_restore) ; elle ne remplace jamais un fichier. Restauration : equilibre base restaurer.
      Exemples :
        equilibre base sauvegarder /media/cle/dossiers-2026-11-23.sqlite
        equilibre base sauvegarder equilibre-2026-11-23.dump --base "postgres://equilibre@serveur/equilibre"
      PostgreSQL : pg_dump (paquet postgresql-client) doit être installé, de la version du serveur ou plus récente.
      """)
  @Argument(help: "Fichier de sauvegarde à créer.") var fichier: String
  @OptionGroup var store: StoreOptions

  func run() async throws {
    let location = store.location
    // Opening first migrates and checks the base; the copy is then taken from it.
    _ = try await store.withStore { try await $0.schemaVersion() }
    if CaseBase.isPostgres(location) {
      try PostgresBackup.dump(location, to: fichier)
      print("Sauvegarde écrite : \(fichier.displaySafe) (format personnalisé de pg_dump).")
      return
    }
    do { try await SQLiteBackup.copy(from: location, to: fichier) } catch let e as StoreError {
      throw CLIError(message: e.description, code: CLIError.cannotCreate)
    }
    print("Sauvegarde écrite : \(fichier.displaySafe).")
  }
}

struct BaseRestaurer: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "restaurer",
    abstract: "Restaure une sauvegarde dans une base neuve, puis la contrôle ; ne remplace jamais une base.",
    discussion: """
      SQLite : la sauvegarde est copiée vers --base, qui ne doit pas exister. PostgreSQL : la base
      de --base doit être vide (createdb d'abord) ; pg_restore la remplit en une transaction. La base
      restaurée est ensuite mise au schéma de cette version et contrôlée (equilibre base verifier).
      Exemples :
        equilibre base restaurer dossiers-2026-11-23.sqlite --base dossiers-restaures.sqlite
        equilibre base restaurer equilibre-2026-11-23.dump --base "postgres://equilibre@serveur/equilibre_restauree"
      """)
  @Argument(help: "Fichier de sauvegarde (SQLite, ou format personnalisé de pg_dump).") var sauvegarde: String
  @OptionGroup var store: StoreOptions

  func run() async throws {
    let location = store.location
    guard FileManager.default.isReadableFile(atPath: sauvegarde) else {
      throw CLIError(message: "\(sauvegarde.displaySafe) : sauvegarde introuvable ou illisible", code: CLIError.noInput)
    }
    if CaseBase.isPostgres(location) {
      // Refused unless empty: a restore never mixes with, nor replaces, a base in use.
      let empty = try await CaseBase.isEmptyPostgres(location)
      guard empty else {
        throw CLIError(
          message: "la base PostgreSQL de destination n'est pas vide : restaurez dans une base neuve (createdb), rien n'a été modifié",
          code: CLIError.cannotCreate)
      }
      try PostgresBackup.restore(sauvegarde, into: location)
    } else {
      if CaseBase.exists(location) {
        throw CLIError(
          message: "\(location.displaySafe) existe déjà : une restauration ne remplace jamais une base", code: CLIError.cannotCreate)
      }
      do { try await SQLiteBackup.copy(from: sauvegarde, to: location) } catch let e as StoreError {
        throw CLIError(message: e.description, code: CLIError.data)
      }
    }
    let (problems, count) = try await store.withStore { s in (try await s.verify(), try await s.list(CaseFilter()).count) }
    if !problems.isEmpty {
      for p in problems { print(p.displaySafe) }
      throw CLIError.data("base restaurée mais \(problems.count) problème(s) au contrôle")
    }
    print("Base restaurée et contrôlée : \(count) dossier(s), intégrité, journal, versions et documents vérifiés.")
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
