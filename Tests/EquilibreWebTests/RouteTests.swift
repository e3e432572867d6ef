import EquilibreCases
import EquilibreCore
import EquilibreWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import ZIPFoundation

/// Route tests of the workspace (`app.test(.router)`), over a real SQLite base.
@Suite("Espace de travail : routes, formulaires, sécurité")
struct RouteTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static let example = try! String(contentsOf: root.appendingPathComponent("Scenarios/parent-separe.yaml"), encoding: .utf8)

  /// A test application over a new SQLite base.
  static func withApp(_ test: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
    try await withApp { client, _ in try await test(client) }
  }

  /// The app and its store, to read what the pages do not show (the audit).
  static func withApp(_ test: @Sendable (any TestClientProtocol, any CaseStore) async throws -> Void) async throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "equilibre-web-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let config = WebConfiguration(base: dir.appendingPathComponent("base.sqlite").path, counsellor: "C. Martin")
    let store = try await CaseBase.open(config.base, actor: "test")
    let app = try buildApplication(store: StorePool(store), configuration: config, today: { CivilDate(year: 2026, month: 11, day: 23)! })
    try await app.test(.router) { client in try await test(client, store) }
    try await store.close()
  }

  /// The CSRF cookie a first page sets.
  static func token(_ client: any TestClientProtocol) async throws -> String {
    let r = try await client.execute(uri: "/dossiers", method: .get)
    let cookie = r.headers[.setCookie] ?? ""
    return String(cookie.split(separator: ";").first!.split(separator: "=").last!)
  }

  static func form(_ fields: [(String, String)]) -> ByteBuffer {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    let text = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)" }.joined(separator: "&")
    return ByteBuffer(string: text)
  }

  static func headers(_ token: String, form: Bool = true) -> HTTPFields {
    var h: HTTPFields = [.cookie: "equilibre_csrf=\(token)"]
    if form { h[.contentType] = "application/x-www-form-urlencoded" }
    return h
  }

  @Test("La liste : page française, en-têtes de sécurité, aucun script ni ressource extérieure")
  func list() async throws {
    try await Self.withApp { client in
      let r = try await client.execute(uri: "/dossiers", method: .get)
      #expect(r.status == .ok)
      let html = String(buffer: r.body)
      #expect(html.contains("<html lang=\"fr\">") && html.contains("Aucun dossier."))
      #expect(r.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
      #expect(r.headers[.contentSecurityPolicy]?.contains("unsafe-inline") == false)
      #expect(r.headers[.setCookie]?.contains("HttpOnly; SameSite=Strict") == true)
      #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("<script>"))
      let css = try await client.execute(uri: "/static/espace.css", method: .get)
      #expect(css.status == .ok && css.headers[.contentType]?.hasPrefix("text/css") == true)
      let missing = try await client.execute(uri: "/nulle-part", method: .get)
      #expect(missing.status == .notFound && String(buffer: missing.body).contains("Cette page n&#39;existe pas."))
    }
  }

  @Test("Sans jeton CSRF, toute écriture est refusée (403), rien n'est créé")
  func csrf() async throws {
    try await Self.withApp { client in
      let noCookie = try await client.execute(
        uri: "/dossiers", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
        body: Self.form([("scenario", Self.example), ("faire", "enregistrer")]))
      #expect(noCookie.status == .forbidden && String(buffer: noCookie.body).contains("Jeton de sécurité"))
      let token = try await Self.token(client)
      let wrong = try await client.execute(
        uri: "/dossiers", method: .post, headers: Self.headers(token),
        body: Self.form([("_csrf", "0000"), ("scenario", Self.example), ("faire", "enregistrer")]))
      #expect(wrong.status == .forbidden)
      let live = try await client.execute(
        uri: "/calcul", method: .post, headers: Self.headers(token, form: false), body: ByteBuffer(string: Self.example))
      #expect(live.status == .forbidden)
      #expect(String(buffer: try await client.execute(uri: "/dossiers", method: .get).body).contains("Aucun dossier."))
    }
  }

  @Test("Ouvrir un dossier par le formulaire, puis le voir : les chiffres du calcul à la main")
  func createAndShow() async throws {
    try await Self.withApp { client in
      let token = try await Self.token(client)
      let r = try await client.execute(
        uri: "/dossiers", method: .post, headers: Self.headers(token),
        body: Self.form([("_csrf", token), ("scenario", Self.example), ("faire", "enregistrer"), ("structure", "Association Exemple")]))
      #expect(r.status == .seeOther && r.headers[.location] == "/dossiers/EQ-2026-00001")
      let page = String(buffer: try await client.execute(uri: "/dossiers/EQ-2026-00001", method: .get).body)
      // Scenarios/parent-separe.yaml, hand calculation: 1 200,00 − 970,00 = 230,00 ; capacity 26,96 (RSA).
      #expect(page.contains("data-cle=\"reste_a_vivre\">230,00\u{00A0}€"))
      #expect(page.contains("data-cle=\"capacite_remboursement\">26,96\u{00A0}€"))
      #expect(page.contains("<details><summary>"))
      #expect(page.contains("Association Exemple"))
      // Live recompute: the same figures as JSON.
      let live = try await client.execute(
        uri: "/calcul", method: .post, headers: [.cookie: "equilibre_csrf=\(token)", .init("X-CSRF")!: token],
        body: ByteBuffer(string: Self.example.replacingOccurrences(of: "loyer: 420", with: "loyer: 400")))
      #expect(live.status == .ok)
      let json = try JSONSerialization.jsonObject(with: Data(String(buffer: live.body).utf8)) as? [String: Any]
      let figures = json?["chiffres"] as? [String: String]
      // 20 € less rent: 250,00 € of reste à vivre.
      #expect(figures?["reste_a_vivre"] == "250,00\u{00A0}€")
      // Social housing, from the scenario's hand calculation: PLUS 2026 category 4, 45 374 − 7 900 = 37 474.
      #expect(figures?["logement_plus"] == "PLUS : éligible, plafond 45\u{00A0}374,00\u{00A0}€, marge 37\u{00A0}474,00\u{00A0}€")
      #expect(page.contains("data-cle=\"logement_pls\">PLS : éligible") && page.contains("T3 Lamballe (PLUS) : éligible"))
      // A contact and an objective from the page's forms.
      let c = try await client.execute(
        uri: "/dossiers/EQ-2026-00001/contacts", method: .post, headers: Self.headers(token),
        body: Self.form([
          ("_csrf", token), ("date", "2026-11-23"), ("canal", "visite-domicile"), ("synthese", "Budget revu"), ("note_privee", "PRIVE"),
        ]))
      #expect(c.status == .seeOther)
      let o = try await client.execute(
        uri: "/dossiers/EQ-2026-00001/objectifs", method: .post, headers: Self.headers(token),
        body: Self.form([("_csrf", token), ("libelle", "Apurer la dette"), ("theme", "logement")]))
      #expect(o.status == .seeOther)
      let after = String(buffer: try await client.execute(uri: "/dossiers/EQ-2026-00001", method: .get).body)
      // The private note is read back by its author only (here the one local user), and marked so.
      #expect(after.contains("Budget revu") && after.contains("Apurer la dette"))
      #expect(RouteTests.unescape(after).contains("Note privée (vous seul la lisez) : PRIVE"))
      let list = String(buffer: try await client.execute(uri: "/dossiers?q=EQ-2026", method: .get).body)
      #expect(list.contains("/dossiers/EQ-2026-00001"))
    }
  }

  @Test("Un dossier daté de 2022 (barème des saisies absent de l'outil) : la page dit « valeurs provisoires » à côté des chiffres")
  func provisionalValuesShown() async throws {
    try await Self.withApp { client in
      let token = try await Self.token(client)
      let old = Self.example.replacingOccurrences(of: "date: 2026-11-01", with: "date: 2022-06-01")
        .replacingOccurrences(of: "    2024: 11 800", with: "    2020: 11 800").replacingOccurrences(
          of: "    2025: 7 900", with: "    2021: 7 900"
        )
        .replacingOccurrences(of: "debut: 2026-05-01", with: "debut: 2022-01-01").replacingOccurrences(
          of: "fin: 2027-04-30", with: "fin: 2022-12-31")
      let r = try await client.execute(
        uri: "/dossiers", method: .post, headers: Self.headers(token),
        body: Self.form([("_csrf", token), ("scenario", old), ("faire", "enregistrer")]))
      #expect(r.status == .seeOther)
      let page = String(buffer: try await client.execute(uri: r.headers[.location] ?? "/", method: .get).body)
      #expect(page.contains("À vérifier : valeurs provisoires"))
      #expect(page.contains("aucune valeur connue depuis le 1er janvier 2022"))
      // Today's case: nothing provisional, no such block.
      let r2 = try await client.execute(
        uri: "/dossiers", method: .post, headers: Self.headers(token),
        body: Self.form([("_csrf", token), ("scenario", Self.example), ("faire", "enregistrer")]))
      let today = String(buffer: try await client.execute(uri: r2.headers[.location] ?? "/", method: .get).body)
      #expect(today.contains("data-cle=\"reste_a_vivre\"") && !today.contains("valeurs provisoires"))
    }
  }

  @Test("Erreurs de saisie : en français, avec ligne et champ, le texte tapé reste")
  func validation() async throws {
    try await Self.withApp { client in
      let token = try await Self.token(client)
      let bad = Self.example.replacingOccurrences(of: "loyer: 420", with: "loyer: quatre cents")
      let r = try await client.execute(
        uri: "/dossiers", method: .post, headers: Self.headers(token),
        body: Self.form([("_csrf", token), ("scenario", bad), ("faire", "enregistrer")]))
      #expect(r.status == .unprocessableContent)
      let html = String(buffer: r.body)
      #expect(html.contains("logement.loyer") && html.contains("quatre cents") && html.contains("ligne "))
      #expect(!html.contains("Error(") && !html.contains("Diagnostics"))
    }
  }

  @Test("Texte hostile (<script>, {{ }}, U+202E) : échappé partout")
  func hostile() async throws {
    try await Self.withApp { client in
      let token = try await Self.token(client)
      let hostile = Self.example.replacingOccurrences(
        of: "description: ", with: "description: \"<script>alert(1)</script> {{titre}} \u{202E}gnp.exe\" # ")
      let r = try await client.execute(
        uri: "/dossiers", method: .post, headers: Self.headers(token),
        body: Self.form([("_csrf", token), ("scenario", hostile), ("faire", "enregistrer")]))
      #expect(r.status == .seeOther)
      for uri in ["/dossiers", "/dossiers/EQ-2026-00001"] {
        let html = String(buffer: try await client.execute(uri: uri, method: .get).body)
        #expect(!html.contains("<script>alert") && html.contains("&lt;script&gt;"), "\(uri)")
        #expect(!html.contains("\u{202E}"), "\(uri)")
        #expect(html.contains("{{titre}}") || html.contains("{{"), "\(uri)")
      }
    }
  }

  @Test("Deux onglets sur le même dossier : le second enregistrement est refusé (409) et le texte tapé reste à l'écran")
  func conflict() async throws {
    try await Self.withApp { client in
      let token = try await Self.token(client)
      _ = try await client.execute(
        uri: "/dossiers", method: .post, headers: Self.headers(token),
        body: Self.form([("_csrf", token), ("scenario", Self.example), ("faire", "enregistrer")]))
      let first = try await client.execute(
        uri: "/dossiers/EQ-2026-00001", method: .post, headers: Self.headers(token),
        body: Self.form([("_csrf", token), ("version", "1"), ("scenario", Self.example), ("faire", "enregistrer")]))
      #expect(first.status == .seeOther)
      let mine = Self.example.replacingOccurrences(of: "loyer: 420", with: "loyer: 415")
      let second = try await client.execute(
        uri: "/dossiers/EQ-2026-00001", method: .post, headers: Self.headers(token),
        body: Self.form([("_csrf", token), ("version", "1"), ("scenario", mine), ("faire", "enregistrer")]))
      #expect(second.status == .conflict)
      let html = String(buffer: second.body)
      #expect(html.contains("depuis votre lecture") && html.contains("loyer: 415"))
    }
  }

  @Test("Envoi de 50 Mo refusé (413), page française")
  func tooLarge() async throws {
    try await Self.withApp { client in
      let token = try await Self.token(client)
      let big = ByteBuffer(repeating: UInt8(ascii: "a"), count: 50 * 1024 * 1024)
      let r = try await client.execute(uri: "/dossiers", method: .post, headers: Self.headers(token), body: big)
      #expect(r.status == .contentTooLarge)
      #expect(String(buffer: r.body).contains("trop volumineux"))
    }
  }

  @Test(
    "Documents : téléchargés en HTML (et PDF), anonymisés sur demande ; seul un document coché « remis au ménage » entre au dossier, avec sa date"
  )
  func documents() async throws {
    try await Self.withApp { client in
      let token = try await Self.token(client)
      _ = try await client.execute(
        uri: "/dossiers", method: .post, headers: Self.headers(token),
        body: Self.form([("_csrf", token), ("scenario", Self.example), ("faire", "enregistrer")]))
      let html = try await client.execute(
        uri: "/dossiers/EQ-2026-00001/documents", method: .post, headers: Self.headers(token),
        body: Self.form([
          ("_csrf", token), ("type", "dossier"), ("format", "html"), ("anonyme", "oui"), ("remis", "oui"), ("date_remise", "20/11/2026"),
        ]))
      #expect(html.status == .ok)
      #expect(html.headers[.contentDisposition] == "attachment; filename=\"dossier-EQ-2026-00001-anonyme.html\"")
      let text = String(buffer: html.body)
      #expect(text.contains("Dossier budgétaire du ménage") && text.contains("Personne 1") && !text.contains("Sophie"))
      let filing = try await client.execute(
        uri: "/dossiers/EQ-2026-00001/documents", method: .post, headers: Self.headers(token),
        body: Self.form([("_csrf", token), ("type", "surendettement"), ("format", "html")]))
      #expect(filing.status == .ok && String(buffer: filing.body).contains("Déclaration de surendettement"))
      let page = String(buffer: try await client.execute(uri: "/dossiers/EQ-2026-00001", method: .get).body)
      // The filing draft was only downloaded: not among the documents handed.
      #expect(page.contains("Documents remis au ménage") && page.contains("D1 20 novembre 2026 : dossier (html)"))
      #expect(!page.contains("D2 ") && !page.contains("surendettement (html)"))
      // A handing date to come, or unreadable, is refused and nothing is recorded.
      for bad in ["2026-12-24", "bientôt"] {
        let r = try await client.execute(
          uri: "/dossiers/EQ-2026-00001/documents", method: .post, headers: Self.headers(token),
          body: Self.form([("_csrf", token), ("type", "dossier"), ("format", "html"), ("remis", "oui"), ("date_remise", bad)]))
        #expect(r.status == .unprocessableContent && String(buffer: r.body).contains("Date de remise au ménage"))
      }
      #expect(!String(buffer: try await client.execute(uri: "/dossiers/EQ-2026-00001", method: .get).body).contains("D2 "))
      let hasWeasy = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        .contains { FileManager.default.isExecutableFile(atPath: "\($0)/weasyprint") }
      let pdf = try await client.execute(
        uri: "/dossiers/EQ-2026-00001/documents", method: .post, headers: Self.headers(token),
        body: Self.form([("_csrf", token), ("type", "dossier"), ("format", "pdf")]))
      if hasWeasy {
        #expect(pdf.status == .ok && pdf.headers[.contentType] == "application/pdf" && String(buffer: pdf.body).hasPrefix("%PDF"))
      } else {
        #expect(pdf.status == .serviceUnavailable && String(buffer: pdf.body).contains("WeasyPrint"))
      }
    }
  }

  /// The fields of a form page (`name="…" value="…"` of inputs, selected options, textareas).
  static func fields(_ html: String) -> [(String, String)] {
    var out: [(String, String)] = []
    let patterns = [
      #"<input id="[^"]*" name="(f:[^"]*)" value="([^"]*)""#,
      #"<textarea id="[^"]*" name="(f:[^"]*)" rows="4"[^>]*>([^<]*)</textarea>"#,
    ]
    for p in patterns {
      let re = try! NSRegularExpression(pattern: p)
      for m in re.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
        out.append((String(html[Range(m.range(at: 1), in: html)!]), unescape(String(html[Range(m.range(at: 2), in: html)!]))))
      }
    }
    let select = try! NSRegularExpression(
      pattern: #"<select id="[^"]*" name="(f:[^"]*)"[^>]*>(.*?)</select>"#, options: [.dotMatchesLineSeparators])
    for m in select.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
      let name = String(html[Range(m.range(at: 1), in: html)!])
      let body = String(html[Range(m.range(at: 2), in: html)!])
      if let r = body.range(of: #"<option value="([^"]*)" selected>"#, options: .regularExpression) {
        let chosen = body[r].dropFirst("<option value=\"".count).prefix { $0 != "\"" }
        out.append((name, unescape(String(chosen))))
      }
    }
    return out
  }

  static func unescape(_ s: String) -> String {
    s.replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(
      of: "&lt;", with: "<"
    )
    .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&#10;", with: "\n").replacingOccurrences(of: "&amp;", with: "&")
  }

}
