import EquilibreCases
import Foundation
import Testing

/// `equilibre suivi` and `equilibre base`, as a counsellor types them, on SQLite and on
/// PostgreSQL: one household followed over 6 months, a crash in the middle of writes, and two
/// counsellors editing the same case.
@Suite("Suivi des ménages en ligne de commande (SQLite et PostgreSQL)")
struct SuiviCLITests {
  static let postgresURL = ProcessInfo.processInfo.environment["EQUILIBRE_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }

  static var backends: [String] {
    if postgresURL == nil {
      FileHandle.standardError.write(
        Data("⚠︎ PostgreSQL : EQUILIBRE_TEST_POSTGRES non défini, la moitié PostgreSQL des tests de « suivi » n'est PAS exécutée.\n".utf8))
      return ["sqlite"]
    }
    return ["sqlite", "postgres"]
  }

  @Test("PostgreSQL présent en CI : sa moitié des tests n'est jamais sautée en silence")
  func postgresInCI() {
    if ProcessInfo.processInfo.environment["CI"] == "true" {
      #expect(Self.postgresURL != nil, "CI sans EQUILIBRE_TEST_POSTGRES : .ci/run doit démarrer PostgreSQL")
    }
  }

  static func base(_ backend: String) throws -> String {
    let name = "suivi_\(getpid())_\(UInt32.random(in: 0...UInt32.max))"
    if backend == "sqlite" {
      let dir = FileManager.default.temporaryDirectory.appendingPathComponent("equilibre-suivi-\(getpid())")
      try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
      return dir.appendingPathComponent("\(name).sqlite").path
    }
    let url = postgresURL!
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["psql", "-q", url, "-c", "CREATE DATABASE \(name)"]
    try p.run()
    p.waitUntilExit()
    return url.replacingOccurrences(of: "/postgres?", with: "/\(name)?")
  }

  static func env(_ today: String) -> [String: String] {
    var e = ProcessInfo.processInfo.environment
    e["EQUILIBRE_AUJOURDHUI"] = today
    e["EQUILIBRE_CONSEILLER"] = "C. Martin"
    e["COLUMNS"] = "200"
    return e
  }

  static func suivi(_ args: [String], base: String, today: String = "2026-11-01") throws -> Run {
    try Run(["suivi"] + args + ["--base", base], environment: env(today))
  }

  /// Opens a case from `scenario` (then `extra` options); its reference, the output's last line.
  static func opened(_ scenario: String, _ extra: [String] = [], base: String) throws -> String {
    try suivi(["ouvrir", "Scenarios/\(scenario).yaml"] + extra, base: base).stdout.split(separator: "\n").last.map(String.init) ?? ""
  }

  /// A month later in the same household: new date, a salary raise, an arrear paid.
  static func laterScenario(_ dir: URL, date: String, salary: String) throws -> String {
    let text = try String(contentsOf: Run.packageRoot.appendingPathComponent("Scenarios/parent-separe.yaml"), encoding: .utf8)
      .replacingOccurrences(of: "date: 2026-11-01", with: "date: \(date)")
      .replacingOccurrences(of: "montant: 600, personne: Sophie", with: "montant: \(salary), personne: Sophie")
    let file = dir.appendingPathComponent("situation-\(date).yaml")
    try text.write(to: file, atomically: true, encoding: .utf8)
    return file.path
  }

  @Test(
    "Un ménage suivi 6 mois : ouverture, 2 situations, 6 contacts, 3 objectifs, un renouvellement, bilan, convention, export puis import identique",
    arguments: backends)
  func sixMonths(_ backend: String) throws {
    let base = try Self.base(backend)
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("equilibre-suivi-flux-\(getpid())-\(backend)")
    try? FileManager.default.removeItem(at: dir)
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }

    let open = try Self.suivi(["ouvrir", "Scenarios/parent-separe.yaml", "--structure", "Association Exemple"], base: base)
    #expect(open.status == 0, "\(open.stderr)")
    let ref = open.stdout.split(separator: "\n").last.map(String.init) ?? ""
    #expect(ref == "EQ-2026-00001")
    func ok(_ args: [String], today: String = "2026-11-01") throws -> Run {
      let r = try Self.suivi(args, base: base, today: today)
      #expect(r.status == 0, "\(args) : \(r.stderr)")
      return r
    }
    _ = try ok([
      "mesure", ref, "ouvrir", "--type", "acti-loge", "--debut", "2026-11-01", "--duree", "6", "--prescripteur", "Action Logement",
    ])
    _ = try ok(["objectif", ref, "--ajouter", "Apurer la dette de loyer", "--theme", "logement", "--echeance", "2027-03-31"])
    _ = try ok(["objectif", ref, "--ajouter", "Tenir un budget mensuel", "--theme", "budget"])
    _ = try ok(["objectif", ref, "--ajouter", "Obtenir la pension alimentaire", "--theme", "droits"])
    _ = try ok(["objectif", ref, "O1", "--action", "Demander le FSL maintien", "--echeance", "2026-12-15"])
    let visits = ["2026-11-05", "2026-12-03", "2027-01-07", "2027-02-04", "2027-03-04", "2027-04-01"]
    for (k, d) in visits.enumerated() {
      _ = try ok(
        [
          "contact", ref, "--date", d, "--canal", k == 2 ? "telephone" : "visite-domicile", "--synthese", "Point budget n° \(k + 1)",
          "--note-privee", "NOTE-PRIVEE-\(k + 1)",
        ], today: d)
    }
    _ = try ok(
      ["situation", ref, try Self.laterScenario(dir, date: "2027-02-01", salary: "900"), "--note", "temps de travail augmenté"],
      today: "2027-02-01")
    _ = try ok(["objectif", ref, "O2", "--statut", "atteint"], today: "2027-03-01")
    _ = try ok(["objectif", ref, "O1.1", "--statut", "faite"], today: "2027-03-01")
    // Due dates on 10 April 2027: the measure ends on 30 April (20 days), O1 was due on 31 March.
    let due = try ok(["echeances", "--jours", "30"], today: "2027-04-10")
    #expect(due.stdout.contains("M1 Acti'Loge : dernier jour le 30 avril 2027 (dans 20 jour(s))"))
    #expect(due.stdout.contains("O1 « Apurer la dette de loyer » : échéance du 31 mars 2027 dépassée"))
    let dueJSON = try ok(["echeances", "--format", "json"], today: "2027-04-10")
    #expect(dueJSON.json.isEmpty && dueJSON.stdout.hasPrefix("["))
    _ = try ok(
      ["mesure", ref, "renouveler", "M1", "--duree", "4", "--accord", "Mme X, Action Logement", "--date", "2027-04-10"], today: "2027-04-10"
    )
    let refused = try Self.suivi(["mesure", ref, "renouveler", "M1", "--duree", "20"], base: base, today: "2027-04-11")
    #expect(refused.status == 65 && refused.stderr.contains("dépasserait la durée maximale de 24 mois"))
    // Evolution: salary 600 → 900 gives +300,00 € of resources and of reste à vivre.
    let evolution = try ok(["evolution", ref], today: "2027-04-10")
    #expect(evolution.stdout.contains("Ressources mensuelles") && evolution.stdout.contains("+300,00"))
    let bilan = try ok(
      ["bilan", ref, "--format", "md", "--proposition", "renouveler", "--date-document", "2027-04-10", "--remettre"], today: "2027-04-10")
    #expect(bilan.stdout.contains("# Bilan de l'accompagnement") && bilan.stdout.contains("1 objectif(s) atteint(s) sur 3"))
    #expect(bilan.stdout.contains("Point budget n° 6") && !bilan.stdout.contains("NOTE-PRIVEE"))
    #expect(bilan.stdout.contains("5 visite à domicile, 1 téléphone."))
    let convention = try ok(
      ["convention", ref, "--date-document", "2027-04-10", "--sortie", dir.appendingPathComponent("convention.html").path, "--remettre"],
      today: "2027-04-10")
    _ = convention
    let html = try String(contentsOf: dir.appendingPathComponent("convention.html"), encoding: .utf8)
    #expect(html.contains("Contrat d'engagement réciproque") || html.contains("Contrat d&#39;engagement réciproque"))
    #expect(html.contains("jamais communiquées à l") && !html.contains("NOTE-PRIVEE"))
    let view = try ok(["voir", ref, "--format", "json"], today: "2027-04-10")
    let record = view.json["dossier"] as? [String: Any]
    #expect((record?["situations"] as? [Any])?.count == 2 && (record?["contacts"] as? [Any])?.count == 6)
    #expect((record?["objectifs"] as? [Any])?.count == 3 && (record?["documents"] as? [Any])?.count == 2)
    #expect(!view.stdout.contains("NOTE-PRIVEE"))
    let list = try ok(["liste", "--format", "json", "--echeances"], today: "2027-04-10")
    #expect(list.stdout.contains(ref))
    // Export, then import into an empty base: the same case.
    let export = dir.appendingPathComponent("export").path
    _ = try ok(["exporter", ref, export], today: "2027-04-10")
    #expect(FileManager.default.fileExists(atPath: export + "/situations/2-2027-02-01.yaml"))
    let empty = try Self.base(backend)
    let imported = try Self.suivi(["importer", export], base: empty, today: "2027-04-10")
    #expect(imported.status == 0, "\(imported.stderr)")
    let a = try ok(["voir", ref, "--format", "json", "--notes-privees"], today: "2027-04-10").stdout
    let b = try Self.suivi(["voir", ref, "--format", "json", "--notes-privees"], base: empty, today: "2027-04-10").stdout
    #expect(a == b)
    #expect(try Run(["base", "verifier", "--base", empty]).status == 0)
    #expect(try Run(["base", "verifier", "--base", base]).status == 0)
    let closed = try ok(["clore", ref, "--motif", "objectifs-atteints", "--date", "2027-08-31"], today: "2027-08-31")
    #expect(closed.stdout.contains("clos le 31 août 2027"))
    let stats = try Run(["base", "statistiques", "--format", "json", "--base", base])
    #expect(stats.status == 0 && stats.stdout.contains("objectifs-atteints") && !stats.stdout.contains("Sophie"))
  }

  @Test("kill -9 au milieu des écritures : la base reste cohérente, chaque modification a son journal", arguments: backends)
  func killNine(_ backend: String) throws {
    let base = try Self.base(backend)
    let open = try Self.suivi(["ouvrir", "Scenarios/parent-separe.yaml"], base: base)
    let ref = open.stdout.split(separator: "\n").last.map(String.init) ?? ""
    var versions: [Int] = []
    for round in 0..<4 {
      let p = Process()
      p.executableURL = Run.devBinary
      p.arguments = ["ecrire", ref, "--nombre", "100000", "--base", base]
      p.standardOutput = FileHandle.nullDevice
      p.standardError = FileHandle.nullDevice
      try p.run()
      // Let it write for a while (a different moment each round), then kill it without warning.
      usleep(UInt32(300_000 + round * 170_000))
      kill(p.processIdentifier, SIGKILL)
      p.waitUntilExit()
      #expect(p.terminationReason == .uncaughtSignal)
      let check = try Run(["base", "verifier", "--base", base])
      #expect(check.status == 0, "après kill -9 n° \(round + 1) : \(check.stdout) \(check.stderr)")
      let view = try Self.suivi(["voir", ref, "--format", "json"], base: base)
      let version = ((view.json["dossier"] as? [String: Any])?["dossier"] as? [String: Any])?["version"] as? Int ?? 0
      versions.append(version)
    }
    // Writes went through between the kills, and the case still takes changes.
    #expect(versions.last! > 1 && versions == versions.sorted())
    let after = try Self.suivi(["contact", ref, "--canal", "telephone", "--synthese", "après la panne"], base: base)
    #expect(after.status == 0, "\(after.stderr)")
  }

  @Test("Deux conseillers, même dossier : le second est refusé en français (code 75) et rien n'est écrit", arguments: backends)
  func concurrentEdit(_ backend: String) throws {
    let base = try Self.base(backend)
    let ref =
      try Self.opened("parent-separe", base: base)
    // Both read version 1; the first writes.
    let first = try Self.suivi(
      ["contact", ref, "--canal", "telephone", "--synthese", "appel du premier", "--version-lue", "1"], base: base)
    #expect(first.status == 0)
    let second = try Self.suivi(
      ["contact", ref, "--canal", "telephone", "--synthese", "appel du second", "--version-lue", "1"], base: base)
    #expect(second.status == 75)
    #expect(second.stderr.contains("a été modifié par C. Martin") && second.stderr.contains("rien n'a été enregistré"))
    let view = try Self.suivi(["voir", ref], base: base)
    #expect(view.stdout.contains("appel du premier") && !view.stdout.contains("appel du second"))
  }

  @Test("Erreurs en français : référence invalide, dossier absent, base illisible, schéma plus récent")
  func errors() throws {
    let base = try Self.base("sqlite")
    let bad = try Self.suivi(["voir", "XX-1"], base: base)
    #expect(bad.status == 64 && bad.stderr.contains("référence de dossier invalide"))
    // A base that does not exist is refused and named; an existing one without the case says so.
    let noBase = try Self.suivi(["voir", "EQ-2026-00042"], base: base)
    #expect(noBase.status == 69 && noBase.stderr.contains("base introuvable"))
    _ = try Run(["base", "creer", "--base", base], environment: Self.env("2026-11-01"))
    let missing = try Self.suivi(["voir", "EQ-2026-00042"], base: base)
    #expect(missing.status == 66 && missing.stderr.contains("introuvable"))
    let notABase = FileManager.default.temporaryDirectory.appendingPathComponent("pas-une-base-\(getpid()).sqlite").path
    try "ceci n'est pas une base".write(toFile: notABase, atomically: true, encoding: .utf8)
    let unreadable = try Self.suivi(["liste"], base: notABase)
    #expect(unreadable.status == 69 && unreadable.stderr.contains("n'est pas une base Équilibre") && !unreadable.stderr.contains("ceci"))
    let pg = try Self.suivi(["liste"], base: "postgres://personne@127.0.0.1:1/rien?sslmode=disable")
    #expect(pg.status == 69 && pg.stderr.contains("connexion impossible"))
    for r in [bad, missing, unreadable, pg] { #expect(!r.stderr.contains("Error(") && !r.stderr.contains("PSQLError")) }
  }

  @Test(
    "Sauvegarder puis restaurer dans une base neuve : mêmes dossiers, même journal, contrôle passé ; jamais par-dessus une base",
    arguments: backends)
  func backupAndRestore(_ backend: String) throws {
    let base = try Self.base(backend)
    let ref =
      try Self.opened("parent-separe", base: base)
    #expect(
      try Self.suivi(["contact", ref, "--canal", "visite-domicile", "--synthese", "Budget revu"], base: base, today: "2026-11-10").status
        == 0)
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("equilibre-sauvegarde-\(getpid())-\(backend)")
    try? FileManager.default.removeItem(at: dir)
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let copy = dir.appendingPathComponent(backend == "sqlite" ? "dossiers.sqlite" : "equilibre.dump").path
    let saved = try Run(["base", "sauvegarder", copy, "--base", base])
    #expect(saved.status == 0, "\(saved.stderr)")
    // Never over a file.
    let again = try Run(["base", "sauvegarder", copy, "--base", base])
    #expect(again.status == 73 && again.stderr.contains("ne remplace jamais"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == [(copy as NSString).lastPathComponent])
    let target = backend == "sqlite" ? dir.appendingPathComponent("restauree.sqlite").path : try Self.base("postgres")
    let restored = try Run(["base", "restaurer", copy, "--base", target])
    #expect(restored.status == 0 && restored.stdout.contains("1 dossier(s)"), "\(restored.stderr)")
    let original = try Self.suivi(["voir", ref, "--format", "json"], base: base, today: "2026-11-10")
    let back = try Self.suivi(["voir", ref, "--format", "json"], base: target, today: "2026-11-10")
    #expect(back.status == 0 && back.stdout == original.stdout && back.stdout.contains("Budget revu"))
    #expect(try Run(["base", "verifier", "--base", target]).status == 0)
    // Never over a base: the restored one is refused as a destination.
    let over = try Run(["base", "restaurer", copy, "--base", target])
    #expect(over.status == 73, "\(over.stderr)")
    // A damaged backup is refused with a French message, and creates nothing.
    let damaged = dir.appendingPathComponent(backend == "sqlite" ? "abimee.sqlite" : "abimee.dump").path
    try Data("pas une sauvegarde".utf8).write(to: URL(fileURLWithPath: damaged))
    let fresh = backend == "sqlite" ? dir.appendingPathComponent("jamais.sqlite").path : try Self.base("postgres")
    let refused = try Run(["base", "restaurer", damaged, "--base", fresh])
    #expect(
      refused.status != 0 && !refused.stderr.contains("pas une sauvegarde") && refused.stderr.contains("equilibre : erreur"),
      "\(refused.stderr)")
    if backend == "sqlite" { #expect(!FileManager.default.fileExists(atPath: fresh)) }
  }

  @Test("Liste par pages, recherche et mesure : la suite se demande par référence", arguments: backends)
  func listPages(_ backend: String) throws {
    let base = try Self.base(backend)
    var refs: [String] = []
    for (file, label) in [
      ("parent-separe", "Famille Lefèvre"), ("couple-trois-enfants-revolving", "Ménage Dupont"), ("parent-separe", "Mme Éloïse"),
    ] {
      refs.append(try Self.opened(file, ["--libelle", label], base: base))
    }
    let first = try Self.suivi(["liste", "--limite", "2"], base: base)
    #expect(first.status == 0 && first.stdout.contains(refs[0]) && first.stdout.contains(refs[1]) && !first.stdout.contains(refs[2]))
    #expect(first.stdout.contains("2 dossier(s) sur 3. Suite : --apres \(refs[1])"), "\(first.stdout)")
    let next = try Self.suivi(["liste", "--limite", "2", "--apres", refs[1]], base: base)
    #expect(next.stdout.contains(refs[2]) && !next.stdout.contains(refs[0]) && !next.stdout.contains("Suite"))
    let found = try Self.suivi(["liste", "--recherche", "ELOISE"], base: base)
    #expect(found.stdout.contains(refs[2]) && !found.stdout.contains(refs[0]))
    #expect(
      try Self.suivi(["mesure", refs[1], "ouvrir", "--type", "asll", "--debut", "2026-10-01", "--duree", "6"], base: base).status == 0)
    let measured = try Self.suivi(["liste", "--mesure", "asll"], base: base)
    #expect(measured.stdout.contains(refs[1]) && !measured.stdout.contains(refs[2]))
    let bad = try Self.suivi(["liste", "--apres", "n'importe quoi"], base: base)
    #expect(bad.status == 64 && bad.stderr.contains("--apres"))
    let badMeasure = try Self.suivi(["liste", "--mesure", "inconnue"], base: base)
    #expect(badMeasure.status == 64 && badMeasure.stderr.contains("--mesure"))
  }

  @Test(
    "Sauvegarde PostgreSQL sans pg_dump : message clair, rien d'écrit",
    .enabled(if: SuiviCLITests.postgresURL != nil, "PostgreSQL absent : EQUILIBRE_TEST_POSTGRES non défini"))
  func backupWithoutPgDump() throws {
    let base = try Self.base("postgres")
    _ = try Self.suivi(["ouvrir", "Scenarios/parent-separe.yaml"], base: base)
    var env = ProcessInfo.processInfo.environment
    env["PATH"] = "/nonexistent"
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("sans-pg-dump-\(getpid()).dump").path
    let r = try Run(["base", "sauvegarder", out, "--base", base], environment: env)
    #expect(r.status == 69 && r.stderr.contains("pg_dump introuvable") && r.stderr.contains("postgresql-client"), "\(r.stderr)")
    #expect(!FileManager.default.fileExists(atPath: out))
  }

  @Test(
    "Les autres commandes : remettre, suspendre, rouvrir, clore une mesure, évolution en JSON et SVG, info, purger, effacer",
    arguments: backends)
  func otherCommands(_ backend: String) throws {
    let base = try Self.base(backend)
    let ref =
      try Self.opened("couple-trois-enfants-revolving", base: base)
    func ok(_ args: [String], today: String = "2026-11-10") throws -> Run {
      let r = try Self.suivi(args, base: base, today: today)
      #expect(r.status == 0, "\(args) : \(r.stderr)")
      return r
    }
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("remis-\(getpid())-\(backend).html")
    try "<p>dossier remis</p>".write(to: file, atomically: true, encoding: .utf8)
    _ = try ok(["remettre", ref, file.path, "--type", "dossier", "--situation", "1"])
    #expect(try ok(["voir", ref]).stdout.contains("D1 10 novembre 2026 dossier (html, 20 octets"))
    _ = try ok(["suspendre", ref, "--note", "hospitalisation"])
    #expect(try ok(["liste", "--statut", "suspendu"]).stdout.contains(ref))
    _ = try ok(["rouvrir", ref])
    _ = try ok(["mesure", ref, "ouvrir", "--type", "asll", "--duree", "6", "--debut", "2026-11-01"])
    let tooLong = try Self.suivi(["mesure", ref, "ouvrir", "--type", "asll", "--duree", "9"], base: base, today: "2026-11-10")
    #expect(tooLong.status == 64 && tooLong.stderr.contains("la politique prévoit 6 mois"))
    _ = try ok(["mesure", ref, "clore", "M1", "--motif", "orientation vers l'AVDL"])
    #expect(try ok(["voir", ref]).stdout.contains("close le 10 novembre 2026"))
    let json = try ok(["evolution", ref, "--format", "json"])
    #expect(json.stdout.contains("\"cle\": \"reste_a_vivre\"") && json.stdout.contains("49500"))
    let svg = try ok(["evolution", ref, "--format", "svg"])
    #expect(svg.stdout.hasPrefix("<svg") && svg.stdout.contains("495,00"))
    let info = try Run(["base", "info", "--base", base])
    #expect(info.status == 0 && info.stdout.contains("schéma 7") && info.stdout.contains("1 dossier(s)"))
    // Closed on 10/11/2026; purged two years later, not one day before.
    _ = try ok(["clore", ref, "--motif", "demenagement"])
    var env = Self.env("2028-11-10")
    let early = try Run(["base", "purger", "--base", base], environment: env)
    #expect(early.status == 0 && early.stdout.contains("Aucun dossier clos avant le 10 novembre 2026"))
    env = Self.env("2028-11-11")
    let purge = try Run(["base", "purger", "--base", base], environment: env)
    #expect(purge.status == 0 && purge.stdout.contains("1 dossier(s) clos avant le 11 novembre 2026 purgé(s) : \(ref)"))
    #expect(try Run(["base", "verifier", "--base", base]).status == 0)
    // Erasure on request: asks for the reference again.
    let other =
      try Self.opened("parent-separe", base: base)
    #expect(try Self.suivi(["effacer", other, "--confirmer", "EQ-2026-09999"], base: base).status == 64)
    _ = try ok(["effacer", other, "--confirmer", other])
    let erased = try ok(["voir", other, "--journal"])
    #expect(erased.stdout.contains("données personnelles purgées ou effacées") && erased.stdout.contains("effacement"))
    #expect(!erased.stdout.contains("Sophie"))
  }

  @Test("Mode partagé, moindre privilège : un conseiller écrit les dossiers mais ne peut ni effacer ni toucher au journal")
  func leastPrivilege() throws {
    guard let admin = Self.postgresURL else { return }
    let base = try Self.base("postgres")
    let ref =
      try Self.opened("parent-separe", base: base)
    let database = String(base.split(separator: "/").last!.split(separator: "?").first!)
    let grants = try Run(["base", "droits", "--nom-base", database]).stdout
    let user = "cons_\(getpid())_\(UInt32.random(in: 0...UInt32.max))"
    func psql(_ url: String, _ sql: String) throws -> Int32 {
      let p = Process()
      p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      p.arguments = ["psql", "-q", "-v", "ON_ERROR_STOP=1", url, "-c", sql]
      p.standardOutput = FileHandle.nullDevice
      p.standardError = FileHandle.nullDevice
      try p.run()
      p.waitUntilExit()
      return p.terminationStatus
    }
    // The role may exist from another run on the same cluster.
    _ = try psql(
      base,
      "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'equilibre_conseiller') THEN CREATE ROLE equilibre_conseiller NOLOGIN; END IF; END $$;"
    )
    #expect(try psql(base, grants.replacingOccurrences(of: "CREATE ROLE equilibre_conseiller NOLOGIN;", with: "")) == 0)
    #expect(try psql(admin, "CREATE ROLE \(user) LOGIN IN ROLE equilibre_conseiller") == 0)
    let asCounsellor = base.replacingOccurrences(of: "equilibre@", with: "\(user)@")
    let contact = try Self.suivi(["contact", ref, "--canal", "telephone", "--synthese", "appel"], base: asCounsellor)
    #expect(contact.status == 0, "\(contact.stderr)")
    let erase = try Self.suivi(["effacer", ref, "--confirmer", ref], base: asCounsellor)
    #expect(erase.status == 69 && erase.stderr.contains("droits insuffisants"))
    #expect(try psql(asCounsellor, "DELETE FROM audit") != 0)
    #expect(try psql(asCounsellor, "UPDATE audit SET detail = ''") != 0)
    #expect(try psql(asCounsellor, "DROP TABLE cases") != 0)
    #expect(try Self.suivi(["voir", ref], base: asCounsellor).stdout.contains("appel"))
    #expect(try Run(["base", "verifier", "--base", base]).status == 0)
  }
}
