import EquilibreCases
import EquilibreCore
import EquilibreWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Issue 24, items 7 to 9, in shared mode: a form token belongs to its session, a foreign
/// origin is refused, a password change ends the account's other sessions, and every refusal
/// is journaled whatever the role.
@Suite("Espace partagé : jeton lié à la session, origine, sessions closes, refus au journal")
struct HostileSessionTests {
  typealias Browser = SharedModeTests.Browser
  static let passwords = SharedModeTests.passwords

  /// A browser signed in as `login`.
  static func signedIn(_ client: any TestClientProtocol, _ login: String) async throws -> Browser {
    let b = Browser(client)
    _ = try await b.signIn(login, passwords[login]!)
    return b
  }

  static func contact(_ synthesis: String) -> [(String, String)] {
    [("date", "2026-11-23"), ("canal", "telephone"), ("synthese", synthesis)]
  }

  @Test("7. Un couple cookie-jeton pris dans un autre navigateur est refusé ; son propre jeton passe")
  func tokenBoundToSession() async throws {
    try await SharedModeTests.withApp { client, store in
      let claire = try await Self.signedIn(client, "claire")
      let paul = try await Self.signedIn(client, "paul")
      // Paul's session, with Claire's CSRF cookie and Claire's token.
      var cookies = paul.cookies
      cookies["equilibre_csrf"] = claire.cookies["equilibre_csrf"]
      let header = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
      let stolen = try await client.execute(
        uri: "/dossiers/EQ-2026-00002/contacts", method: .post,
        headers: [.contentType: "application/x-www-form-urlencoded", .cookie: header],
        body: RouteTests.form([("_csrf", claire.csrf)] + Self.contact("volé")))
      #expect(stolen.status == .forbidden && String(buffer: stolen.body).contains("Jeton de sécurité invalide"))
      // The pre-session cookie's value is no token once signed in.
      let cookieOnly = try await client.execute(
        uri: "/dossiers/EQ-2026-00002/contacts", method: .post,
        headers: [.contentType: "application/x-www-form-urlencoded", .cookie: paul.cookieHeader],
        body: RouteTests.form([("_csrf", paul.cookies["equilibre_csrf"] ?? "")] + Self.contact("cookie")))
      #expect(cookieOnly.status == .forbidden)
      #expect(try await paul.post("/dossiers/EQ-2026-00002/contacts", Self.contact("le sien")).status == .seeOther)
      #expect(try await store.load(CaseRef("EQ-2026-00002")!, by: "t").contacts.map(\.synthesis) == ["le sien"])
    }
  }

  @Test(
    "7. Une origine étrangère est refusée partout, connexion et déconnexion comprises", arguments: ["https://malveillant.example", "null"])
  func foreignOrigin(_ origin: String) async throws {
    try await SharedModeTests.withApp { client, store in
      let paul = try await Self.signedIn(client, "paul")
      func post(_ uri: String, _ fields: [(String, String)], browser: Browser, site: String? = nil) async throws -> TestResponse {
        var h: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .cookie: browser.cookieHeader, .origin: origin]
        if let site { h[.init("Sec-Fetch-Site")!] = site }
        return try await client.execute(uri: uri, method: .post, headers: h, body: RouteTests.form([("_csrf", browser.csrf)] + fields))
      }
      let write = try await post("/dossiers/EQ-2026-00002/contacts", Self.contact("intrus"), browser: paul)
      #expect(write.status == .forbidden && String(buffer: write.body).contains("autre site"))
      #expect(try await post("/deconnexion", [], browser: paul).status == .forbidden)
      #expect(try await paul.get("/dossiers").status == .ok)
      let fresh = Browser(client)
      _ = try await fresh.get("/connexion")
      let login = try await post("/connexion", [("identifiant", "claire"), ("mot_de_passe", Self.passwords["claire"]!)], browser: fresh)
      #expect(login.status == .forbidden && fresh.cookies["equilibre_session"] == nil)
      #expect(
        try await post("/dossiers/EQ-2026-00002/contacts", Self.contact("site"), browser: paul, site: "cross-site").status == .forbidden)
      #expect(try await store.load(CaseRef("EQ-2026-00002")!, by: "t").contacts.isEmpty)
    }
  }

  @Test("8. Changer son mot de passe, ou sa réinitialisation par l'administrateur, ferme les autres sessions du compte")
  func passwordChangeEndsSessions() async throws {
    try await SharedModeTests.withApp { client, store in
      let here = try await Self.signedIn(client, "claire")
      let elsewhere = try await Self.signedIn(client, "claire")
      #expect(try await elsewhere.get("/dossiers", follow: false).status == .ok)
      let changed = try await here.post(
        "/compte/mot-de-passe",
        [("actuel", Self.passwords["claire"]!), ("nouveau", "Tartine verte au quai 9"), ("confirmation", "Tartine verte au quai 9")])
      #expect(changed.status == .ok && String(buffer: changed.body).contains("vos autres connexions sont fermées"))
      #expect(try await here.get("/dossiers", follow: false).status == .ok)
      #expect(try await elsewhere.get("/dossiers", follow: false).status == .seeOther)
      // An administrator's reset ends every session of the account.
      let paul = try await Self.signedIn(client, "paul")
      let admin = try await Self.signedIn(client, "admin")
      let reset = try await admin.post("/comptes/paul/mot-de-passe", [("mot_de_passe", "Provisoire du lundi 7")])
      #expect(reset.status == .ok, "\(String(buffer: reset.body).prefix(300))")
      #expect(try await paul.get("/dossiers", follow: false).status == .seeOther)
      // Common passwords are refused, with the reason.
      let weak = try await admin.post("/comptes/paul/mot-de-passe", [("mot_de_passe", "Password1234")])
      #expect(weak.status == .unprocessableContent && String(buffer: weak.body).contains("trop courant"))
      _ = store
    }
  }

  @Test("9. Le refus d'un dossier à un administrateur est au journal, comme pour les autres rôles")
  func adminRefusalAudited() async throws {
    try await SharedModeTests.withApp { client, store in
      let admin = try await Self.signedIn(client, "admin")
      let r = try await admin.get("/dossiers/EQ-2026-00001", follow: false)
      #expect(r.status == .forbidden)
      let refused = try await store.auditLog(CaseRef("EQ-2026-00001")!).filter { $0.action == "acces-refuse" && $0.actor == "admin" }
      #expect(refused.count == 1 && refused.first?.detail.contains("/dossiers/EQ-2026-00001") == true)
      // A conseiller on the accounts page: refused and journaled too.
      let claire = try await Self.signedIn(client, "claire")
      #expect(try await claire.get("/comptes", follow: false).status == .forbidden)
      #expect(
        try await store.auditLog(nil).contains { $0.action == "acces-refuse" && $0.actor == "claire" && $0.detail.contains("/comptes") })
    }
  }
}
