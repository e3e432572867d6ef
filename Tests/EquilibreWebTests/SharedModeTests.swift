import EquilibreCases
import EquilibreCore
import EquilibreWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import ZIPFoundation

/// Shared mode (`--partage`) through its routes, over a real SQLite base: sign-in, roles,
/// case-level access, audit of views, rate limiting, cookies.
@Suite("Espace partagé : comptes, rôles, accès aux dossiers, journal")
struct SharedModeTests {
  static let example = RouteTests.example

  /// A browser: its cookies (CSRF and session) kept between requests.
  final class Browser: @unchecked Sendable {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]
    init(_ client: any TestClientProtocol) { self.client = client }

    /// The token the last page carried (a signed-in session's own), else the pre-session cookie.
    var pageToken: String?
    var cookieHeader: String { cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
    var csrf: String { pageToken ?? cookies["equilibre_csrf"] ?? "" }

    @discardableResult
    func get(_ uri: String, follow: Bool = true) async throws -> TestResponse {
      let r = keep(try await client.execute(uri: uri, method: .get, headers: cookies.isEmpty ? [:] : [.cookie: cookieHeader]))
      // A browser lands on the page it is sent to (the sign-in form after a session ends).
      if follow, r.status == .seeOther, let next = r.headers[.location], next.hasPrefix("/") { try await get(next, follow: false) }
      return r
    }

    @discardableResult
    func post(_ uri: String, _ fields: [(String, String)], csrf: Bool = true) async throws -> TestResponse {
      if cookies["equilibre_csrf"] == nil { try await get("/connexion") }
      var h: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .cookie: cookieHeader]
      if cookies.isEmpty { h[.cookie] = nil }
      let r = keep(
        try await client.execute(uri: uri, method: .post, headers: h, body: RouteTests.form((csrf ? [("_csrf", self.csrf)] : []) + fields)))
      // A browser follows the redirect: the page it lands on carries the session's token.
      if r.status == .seeOther, let next = r.headers[.location], next.hasPrefix("/") { try await get(next, follow: false) }
      return r
    }

    func keep(_ r: TestResponse) -> TestResponse {
      let html = String(buffer: r.body)
      if let range = html.range(of: "name=\"_csrf\" value=\""), html[range.upperBound...].first != "\"" {
        pageToken = String(html[range.upperBound...].prefix { $0 != "\"" })
      } else if let range = html.range(of: "<meta name=\"csrf\" content=\"") {
        pageToken = String(html[range.upperBound...].prefix { $0 != "\"" })
      }
      for line in r.headers[values: .setCookie] {
        let kv = line.split(separator: ";").first!.split(separator: "=", maxSplits: 1)
        let name = String(kv[0])
        if kv.count < 2 || line.contains("Max-Age=0") || Self.expired(line) { cookies[name] = nil } else { cookies[name] = String(kv[1]) }
      }
      return r
    }

    /// A cookie whose `Expires` is now or past: the server removes it.
    static func expired(_ line: String) -> Bool {
      guard let part = line.split(separator: ";").first(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix("Expires=") }) else {
        return false
      }
      let f = DateFormatter()
      f.locale = Locale(identifier: "en_US_POSIX")
      f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
      guard let date = f.date(from: String(part.trimmingCharacters(in: .whitespaces).dropFirst("Expires=".count))) else { return false }
      return date <= Date().addingTimeInterval(1)
    }

    func signIn(_ login: String, _ password: String) async throws -> TestResponse {
      let r = try await post("/connexion", [("identifiant", login), ("mot_de_passe", password), ("suite", "/dossiers")])
      // Signed in: the session's own token is on every page with a form (one's account page).
      if r.status == .seeOther { try await get("/compte") }
      return r
    }
  }

  static let passwords = [
    "admin": "Gestion-des-comptes-1", "claire": "Suivi-des-menages-1", "paul": "Suivi-des-menages-2", "rose": "Suivi-des-menages-3",
    "zoe": "Suivi-des-menages-4",
  ]

  /// A shared workspace with five accounts and two cases: EQ-2026-00001 (claire, Toit) and EQ-2026-00002 (paul, Toit).
  static func withApp(
    backend: String = "sqlite", sharing: WebConfiguration.Sharing = WebConfiguration.Sharing(maxFailures: 3, throttleMinutes: 15),
    _ test: @Sendable (any TestClientProtocol, SQLCaseStore) async throws -> Void
  ) async throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "equilibre-partage-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let location = backend == "sqlite" ? dir.appendingPathComponent("base.sqlite").path : try WebBackends.freshPostgres()
    let config = WebConfiguration(base: location, counsellor: "local", shared: true, sharing: sharing)
    // The server's own pool (several connections on PostgreSQL); the test reads through one more.
    let pool = try await openWorkspaceStore(config)
    let store = try await CaseBase.open(config.base, actor: "test", logReads: true)
    for (login, role, structure) in [
      ("admin", Account.Role.administrateur, nil), ("claire", .conseiller, "Toit"), ("paul", .conseiller, "Toit"),
      ("rose", .responsable, "Toit"),
      ("zoe", .responsable, "Abri"),
    ] as [(String, Account.Role, String?)] {
      try await store.createAccount(
        Account(login: login, name: login.capitalized, role: role, structure: structure),
        passwordHash: Passwords.hash(passwords[login]!, cost: 4), by: "test")
    }
    let text = example
    for owner in ["claire", "paul"] {
      _ = try await store.openCase(
        NewCase(
          label: "Ménage de \(owner)", counsellor: owner, structure: "Toit", openedOn: CivilDate(year: 2026, month: 11, day: 2)!,
          situation: SituationDraft(
            date: CivilDate(year: 2026, month: 11, day: 1)!, scenarioText: text, figures: ComputedFiguresForTests.figures(text))),
        by: owner)
    }
    let app = try buildApplication(store: pool, configuration: config, today: { CivilDate(year: 2026, month: 11, day: 23)! })
    try await app.test(.router) { client in try await test(client, store) }
    try await store.close()
    await pool.close()
  }

  @Test("Sans connexion : les pages mènent à la connexion, les écritures sont refusées ; les feuilles de style restent servies")
  func signInRequired() async throws {
    try await Self.withApp { client, store in
      let b = Browser(client)
      let r = try await b.get("/dossiers/EQ-2026-00001")
      #expect(r.status == .seeOther && r.headers[.location] == "/connexion?suite=/dossiers/EQ-2026-00001")
      #expect(try await b.get("/static/espace.css").status == .ok)
      let login = try await b.get("/connexion")
      #expect(login.status == .ok && String(buffer: login.body).contains("autocomplete=\"current-password\""))
      let post = try await b.post("/dossiers/EQ-2026-00001/contacts", [("date", "2026-11-23"), ("canal", "telephone"), ("synthese", "x")])
      #expect(post.status == .unauthorized)
      #expect(try await store.load(CaseRef("EQ-2026-00001")!, by: "t").contacts.isEmpty)
    }
  }

  @Test("Connexion : mauvais mot de passe refusé (401, journal), bon mot de passe : cookie de session HttpOnly, SameSite=Strict")
  func signIn() async throws {
    try await Self.withApp { client, store in
      let b = Browser(client)
      let bad = try await b.signIn("claire", "Suivi-des-menages-2")
      #expect(bad.status == .unauthorized && String(buffer: bad.body).contains("Identifiant ou mot de passe incorrect"))
      #expect(b.cookies["equilibre_session"] == nil)
      let unknown = try await b.signIn("personne", "Suivi-des-menages-2")
      #expect(unknown.status == .unauthorized)
      let ok = try await b.signIn("claire", Self.passwords["claire"]!)
      #expect(ok.status == .seeOther && ok.headers[.location] == "/dossiers")
      let cookie = ok.headers[values: .setCookie].first { $0.hasPrefix("equilibre_session=") } ?? ""
      #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && !cookie.contains("Secure"))
      let page = String(buffer: try await b.get("/dossiers").body)
      #expect(page.contains("Claire (claire, conseiller ou conseillère)"))
      let actions = try await store.auditLog(nil).filter { $0.ref == nil }.map { "\($0.actor) \($0.action)" }
      #expect(actions.suffix(3) == ["claire connexion-refusee", "personne connexion-refusee", "claire connexion"])
      // Signing out ends the session.
      let out = try await b.post("/deconnexion", [])
      #expect(out.status == .seeOther && b.cookies["equilibre_session"] == nil)
      #expect(try await b.get("/dossiers").status == .seeOther)
    }
  }

  @Test("Derrière TLS : cookies « Secure » et HSTS")
  func secureCookies() async throws {
    try await Self.withApp(sharing: .init(behindTLSProxy: true)) { client, _ in
      let b = Browser(client)
      let first = try await b.get("/connexion")
      #expect(first.headers[values: .setCookie].allSatisfy { $0.contains("Secure") })
      #expect(first.headers[.init("Strict-Transport-Security")!] == "max-age=31536000")
      let ok = try await b.signIn("claire", Self.passwords["claire"]!)
      #expect(ok.headers[values: .setCookie].contains { $0.hasPrefix("equilibre_session=") && $0.contains("Secure") })
    }
  }

  @Test("Connexions limitées : après 3 échecs, même le bon mot de passe attend (429), l'échec est au journal")
  func rateLimited() async throws {
    try await Self.withApp { client, store in
      let b = Browser(client)
      for _ in 0..<3 { #expect(try await b.signIn("paul", "Mauvais-mot-de-passe").status == .unauthorized) }
      let blocked = try await b.signIn("paul", Self.passwords["paul"]!)
      #expect(
        blocked.status == .tooManyRequests && String(buffer: blocked.body).contains("Trop de tentatives : réessayez dans 15 minutes."))
      #expect(b.cookies["equilibre_session"] == nil)
      #expect(try await store.auditLog(nil).last?.action == "connexion-bloquee")
      // Another identifier from the same address still signs in (an office behind one address):
      // the address itself waits only after four times as many failures.
      let other = Browser(client)
      #expect(try await other.signIn("rose", Self.passwords["rose"]!).status == .seeOther)
      for _ in 0..<9 { _ = try await other.signIn("x\(UInt8.random(in: 0...255))", "Mauvais-mot-de-passe") }
      #expect(try await Browser(client).signIn("zoe", Self.passwords["zoe"]!).status == .tooManyRequests)
    }
  }

  @Test("Un conseiller qui ouvre le dossier d'un autre est refusé (403, journal) ; partagé, il l'ouvre", arguments: WebBackends.all)
  func caseLevelAccess(_ backend: String) async throws {
    try await Self.withApp(backend: backend) { client, store in
      let claire = Browser(client)
      _ = try await claire.signIn("claire", Self.passwords["claire"]!)
      #expect(try await claire.get("/dossiers/EQ-2026-00001").status == .ok)
      for path in [
        "/dossiers/EQ-2026-00002", "/dossiers/EQ-2026-00002/formulaire", "/dossiers/EQ-2026-00002/export.zip",
        "/dossiers/EQ-2026-00002/situation.yaml",
      ] {
        let r = try await claire.get(path)
        #expect(r.status == .forbidden, "\(path)")
        #expect(String(buffer: r.body).contains("pas dans votre portefeuille") && !String(buffer: r.body).contains("Ménage de paul"))
      }
      let write = try await claire.post(
        "/dossiers/EQ-2026-00002/contacts", [("date", "2026-11-23"), ("canal", "telephone"), ("synthese", "intrusion")])
      #expect(write.status == .forbidden)
      let ref2 = CaseRef("EQ-2026-00002")!
      #expect(try await store.load(ref2, by: "t").contacts.isEmpty)
      #expect(try await store.auditLog(ref2).filter { $0.action == "acces-refuse" && $0.actor == "claire" }.count == 5)
      // The list shows her case only.
      let list = String(buffer: try await claire.get("/dossiers").body)
      #expect(list.contains("EQ-2026-00001") && !list.contains("EQ-2026-00002"))
      // She may not share Paul's case with herself.
      #expect(try await claire.post("/dossiers/EQ-2026-00002/partages", [("identifiant", "claire")]).status == .forbidden)
      // Paul shares it with her: now she opens it, and may add a contact.
      let paul = Browser(client)
      _ = try await paul.signIn("paul", Self.passwords["paul"]!)
      #expect(
        try await paul.post("/dossiers/EQ-2026-00002/partages", [("identifiant", "claire"), ("faire", "partager")]).status == .seeOther)
      let shared = try await claire.get("/dossiers/EQ-2026-00002")
      #expect(shared.status == .ok && String(buffer: shared.body).contains("Suivi par paul"))
      let contact = try await claire.post(
        "/dossiers/EQ-2026-00002/contacts", [("date", "2026-11-23"), ("canal", "telephone"), ("synthese", "relais")])
      #expect(contact.status == .seeOther)
      #expect(try await store.load(ref2, by: "t").contacts.map(\.synthesis) == ["relais"])
    }
  }

}

/// The key figures of a scenario text, computed by the engines (the same call as the store's tests).
enum ComputedFiguresForTests {
  static func figures(_ text: String) -> KeyFigures {
    let scenario = try! ScenarioFile.parse(text, file: "exemple.yaml")
    let forfaits = scenario.settings.forfaitsFile.map { f in
      try! ParameterFile.parse(try! String(contentsOf: RouteTests.root.appendingPathComponent("Scenarios/\(f)"), encoding: .utf8), file: f)
    }
    return try! KeyFigures.compute(scenario: scenario, forfaits: forfaits)
  }
}

/// The PostgreSQL half of the shared-mode tests (EQUILIBRE_TEST_POSTGRES, started by `.ci/run`).
enum WebBackends {
  static let postgresURL = ProcessInfo.processInfo.environment["EQUILIBRE_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }

  static var all: [String] {
    guard postgresURL != nil else {
      let line = "⚠︎ PostgreSQL : EQUILIBRE_TEST_POSTGRES non défini, la moitié PostgreSQL des tests de l'espace partagé n'est PAS exécutée."
      FileHandle.standardError.write(Data((line + "\n").utf8))
      return ["sqlite"]
    }
    return ["sqlite", "postgres"]
  }

  /// A new database on the test server.
  static func freshPostgres() throws -> String {
    guard let url = postgresURL else { throw StoreError.unavailable("PostgreSQL absent") }
    let name = "equilibre_w\(getpid())_\(UInt32.random(in: 0...UInt32.max))"
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["psql", "-q", "-v", "ON_ERROR_STOP=1", url, "-c", "CREATE DATABASE \(name)"]
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    try p.run()
    p.waitUntilExit()
    guard p.terminationStatus == 0 else { throw StoreError.unavailable("psql : CREATE DATABASE impossible") }
    return url.replacingOccurrences(of: "/postgres?", with: "/\(name)?")
  }
}

extension SharedModeTests {
  @Test(
    "Une note privée ne se lit que par son auteur (ni un collègue du dossier partagé, ni le responsable) ; le journal, par le responsable seul",
    arguments: WebBackends.all)
  func privateNotesAndAudit(_ backend: String) async throws {
    try await Self.withApp(backend: backend) { client, store in
      let paul = Browser(client)
      _ = try await paul.signIn("paul", Self.passwords["paul"]!)
      #expect(
        try await paul.post(
          "/dossiers/EQ-2026-00002/contacts",
          [("date", "2026-11-20"), ("canal", "telephone"), ("synthese", "Point budget"), ("note_privee", "Craint une expulsion")]
        ).status == .seeOther)
      #expect(
        try await paul.post("/dossiers/EQ-2026-00002/partages", [("identifiant", "claire"), ("faire", "partager")]).status == .seeOther)
      #expect(String(buffer: try await paul.get("/dossiers/EQ-2026-00002").body).contains("Craint une expulsion"))
      let claire = Browser(client)
      _ = try await claire.signIn("claire", Self.passwords["claire"]!)
      let hers = String(buffer: try await claire.get("/dossiers/EQ-2026-00002").body)
      #expect(hers.contains("Point budget") && !hers.contains("Craint une expulsion"))
      let rose = Browser(client)
      _ = try await rose.signIn("rose", Self.passwords["rose"]!)
      let responsable = String(buffer: try await rose.get("/dossiers/EQ-2026-00002").body)
      #expect(responsable.contains("Point budget") && !responsable.contains("Craint une expulsion"))
      // The audit: the responsable reads it (reads and changes, never the private text); a conseiller does not.
      #expect(responsable.contains("href=\"/dossiers/EQ-2026-00002/journal\"") && !hers.contains("/journal\""))
      let journal = try await rose.get("/dossiers/EQ-2026-00002/journal")
      let page = RouteTests.unescape(String(buffer: journal.body))
      #expect(
        journal.status == .ok && page.contains("<td>contact</td>") && page.contains("<td>lecture</td>") && page.contains("<td>paul</td>"))
      #expect(!page.contains("Craint une expulsion"))
      #expect(try await claire.get("/dossiers/EQ-2026-00002/journal").status == .forbidden)
      #expect(try await store.auditLog(CaseRef("EQ-2026-00002")!).allSatisfy { !$0.detail.contains("Craint") })
    }
  }
}
