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

  @Test("Formulaire sans YAML : erreurs à côté du champ, ligne ajoutée sans script, scénario inchangé web → YAML → web")
  func householdForm() async throws {
    try await Self.withApp { client in
      let token = try await Self.token(client)
      let blank = String(buffer: try await client.execute(uri: "/dossiers/nouveau/formulaire", method: .get).body)
      #expect(blank.contains("<legend>3. Ressources</legend>") && blank.contains("<label for="))
      // A case opened from the example text, then its form sent back untouched.
      _ = try await client.execute(
        uri: "/dossiers", method: .post, headers: Self.headers(token),
        body: Self.form([("_csrf", token), ("scenario", Self.example), ("faire", "enregistrer")]))
      let formPage = String(buffer: try await client.execute(uri: "/dossiers/EQ-2026-00001/formulaire", method: .get).body)
      let fields = Self.fields(formPage)
      #expect(fields.contains { $0.0 == "f:logement.loyer" && $0.1 == "420" })
      let saved = try await client.execute(
        uri: "/dossiers/EQ-2026-00001/formulaire", method: .post, headers: Self.headers(token),
        body: Self.form([("_csrf", token), ("version", "1"), ("faire", "enregistrer")] + fields))
      #expect(saved.status == .seeOther)
      // Both versions read as the same scenario.
      let json = String(buffer: try await client.execute(uri: "/dossiers/EQ-2026-00001", method: .get).body)
      #expect(json.contains("version 2"))
      let original = try ScenarioFile.parse(Self.example, file: "a")
      let store = fields.map { YAMLPaths.Leaf(path: String($0.0.dropFirst(2)), value: $0.1) }
      let again = try ScenarioFile.parse(YAMLPaths.build(store), file: "b")
      // The form holds the household; the variants stay on the case page and are carried.
      var household = original
      household.variants = []
      #expect(!original.variants.isEmpty)
      #expect(ScenarioWriter.yaml(again) == ScenarioWriter.yaml(household))
      let yaml2 = String(buffer: try await client.execute(uri: "/dossiers/EQ-2026-00001/situation.yaml", method: .get).body)
      #expect(ScenarioWriter.yaml(try ScenarioFile.parse(yaml2, file: "c")) == ScenarioWriter.yaml(original))
      // A wrong amount: the reader's message beside the field, nothing saved.
      var wrong = fields.filter { $0.0 != "f:logement.loyer" }
      wrong.append(("f:logement.loyer", "quatre cents"))
      let refused = try await client.execute(
        uri: "/dossiers/EQ-2026-00001/formulaire", method: .post, headers: Self.headers(token),
        body: Self.form([("_csrf", token), ("version", "2"), ("faire", "enregistrer")] + wrong))
      #expect(refused.status == .unprocessableContent)
      let page = String(buffer: refused.body)
      #expect(page.contains("name=\"f:logement.loyer\" value=\"quatre cents\" aria-invalid=\"true\""))
      #expect(page.contains("id=\"f-logement-loyer-err\""))
      // Add a row without script: one more resources row.
      let added = try await client.execute(
        uri: "/dossiers/EQ-2026-00001/formulaire", method: .post, headers: Self.headers(token),
        body: Self.form([("_csrf", token), ("version", "2"), ("ajouter", "ressources")] + fields))
      let rows = Self.fields(String(buffer: added.body)).filter { $0.0.hasPrefix("f:ressources[") && $0.0.hasSuffix("].type") }
      #expect(rows.count == Self.fields(formPage).filter { $0.0.hasPrefix("f:ressources[") && $0.0.hasSuffix("].type") }.count + 1)
    }
  }

  static func multipart(_ name: String, _ bytes: [UInt8]) -> (HTTPFields, ByteBuffer) {
    let boundary = "----equilibre\(UInt32.random(in: 0...UInt32.max))"
    var body = ByteBuffer()
    body.writeString(
      "--\(boundary)\r\nContent-Disposition: form-data; name=\"fichier\"; filename=\"\(name)\"\r\nContent-Type: application/octet-stream\r\n\r\n"
    )
    body.writeBytes(bytes)
    body.writeString("\r\n--\(boundary)--\r\n")
    return ([.contentType: "multipart/form-data; boundary=\(boundary)"], body)
  }

  @Test("Import et export : zip d'un dossier exporté puis réimporté à l'identique ; YAML ouvert dans l'éditeur ; zip piégé refusé")
  func importExport() async throws {
    final class Box: @unchecked Sendable { var bytes: [UInt8] = [] }
    let exported = Box()
    try await Self.withApp { client in
      let token = try await Self.token(client)
      _ = try await client.execute(
        uri: "/dossiers", method: .post, headers: Self.headers(token),
        body: Self.form([("_csrf", token), ("scenario", Self.example), ("faire", "enregistrer")]))
      let yaml = try await client.execute(uri: "/dossiers/EQ-2026-00001/situation.yaml", method: .get)
      #expect(String(buffer: yaml.body) == Self.example)
      let zip = try await client.execute(uri: "/dossiers/EQ-2026-00001/export.zip", method: .get)
      #expect(zip.status == .ok && zip.headers[.contentType] == "application/zip")
      exported.bytes = Array(zip.body.readableBytesView)
    }
    try await Self.withApp { client in
      let token = try await Self.token(client)
      var (headers, body) = Self.multipart("EQ-2026-00001.zip", exported.bytes)
      headers[.cookie] = "equilibre_csrf=\(token)"
      let r = try await client.execute(uri: "/importer?_csrf=\(token)", method: .post, headers: headers, body: body)
      #expect(r.status == .seeOther && r.headers[.location] == "/dossiers/EQ-2026-00001", "\(String(buffer: r.body))")
      let page = String(buffer: try await client.execute(uri: "/dossiers/EQ-2026-00001", method: .get).body)
      #expect(page.contains("data-cle=\"reste_a_vivre\">230,00\u{00A0}€"))
      // A scenario file opens in the editor, not saved yet.
      (headers, body) = Self.multipart("cas.yaml", Array(Self.example.utf8))
      headers[.cookie] = "equilibre_csrf=\(token)"
      let y = try await client.execute(uri: "/importer?_csrf=\(token)", method: .post, headers: headers, body: body)
      #expect(y.status == .ok && String(buffer: y.body).contains("Ouvrir le dossier"))
      // Without the token in the action: refused.
      (headers, body) = Self.multipart("cas.yaml", Array(Self.example.utf8))
      headers[.cookie] = "equilibre_csrf=\(token)"
      #expect(try await client.execute(uri: "/importer", method: .post, headers: headers, body: body).status == .forbidden)
      // A zip with a ../ entry is refused before anything is written.
      let trap = try Archive(data: Data(), accessMode: .create)
      let payload = Data("pwned".utf8)
      try trap.addEntry(with: "../../evil.txt", type: .file, uncompressedSize: Int64(payload.count)) { position, size in
        payload.subdata(in: Int(position)..<Int(position) + size)
      }
      (headers, body) = Self.multipart("piege.zip", Array(trap.data!))
      headers[.cookie] = "equilibre_csrf=\(token)"
      let refused = try await client.execute(uri: "/importer?_csrf=\(token)", method: .post, headers: headers, body: body)
      #expect(refused.status == .unprocessableContent && String(buffer: refused.body).contains("chemin interdit"))
      #expect(
        !FileManager.default.fileExists(
          atPath: FileManager.default.temporaryDirectory.deletingLastPathComponent().appendingPathComponent("evil.txt").path))
      // A zip bomb: 120 MB of zeros in a few hundred kilobytes.
      let bomb = try Archive(data: Data(), accessMode: .create)
      let size = 120 * 1024 * 1024
      try bomb.addEntry(with: "EQ-2026-00009/dossier.json", type: .file, uncompressedSize: Int64(size), compressionMethod: .deflate) {
        _, n in
        Data(count: n)
      }
      #expect(bomb.data!.count < 1_000_000)
      (headers, body) = Self.multipart("bombe.zip", Array(bomb.data!))
      headers[.cookie] = "equilibre_csrf=\(token)"
      let bombed = try await client.execute(uri: "/importer?_csrf=\(token)", method: .post, headers: headers, body: body)
      #expect(bombed.status == .unprocessableContent && String(buffer: bombed.body).contains("trop volumineuse"))
    }
  }

  @Test("Atelier : gros caractères, exemples, avant/après, ménage pas à pas, rien d'enregistré")
  func atelier() async throws {
    try await Self.withApp { client in
      let token = try await Self.token(client)
      let home = String(buffer: try await client.execute(uri: "/atelier", method: .get).body)
      #expect(home.contains("class=\"atelier\"") && home.contains("/atelier/exemple/parent-separe"))
      let ex = String(buffer: try await client.execute(uri: "/atelier/exemple/couple-trois-enfants-revolving", method: .get).body)
      // Scenarios/couple-trois-enfants-revolving.yaml: reste à vivre 495,00 ; the rescheduling variant 725,00 (+230,00).
      #expect(ex.contains("495,00\u{00A0}€") && ex.contains("725,00\u{00A0}€") && ex.contains("230,00\u{00A0}€"))
      // What if the rent went from 560 to 500: 60 € more to live on (495 → 555).
      let sim = try await client.execute(
        uri: "/atelier/simuler", method: .post, headers: Self.headers(token),
        body: Self.form([("_csrf", token), ("exemple", "couple-trois-enfants-revolving"), ("loyer", "500"), ("salaire", "")]))
      let simText = String(buffer: sim.body)
      #expect(sim.status == .ok && simText.contains("<td class=\"montant\">495,00\u{00A0}€</td><td class=\"montant\">555,00\u{00A0}€</td>"))
      // Step by step: 1 200 of salary, 450 of rent: 750 to live on.
      var state: [(String, String)] = [("_csrf", token), ("ligne", "r:salaire"), ("montant", "1 200")]
      var r = try await client.execute(uri: "/atelier/pas-a-pas", method: .post, headers: Self.headers(token), body: Self.form(state))
      #expect(String(buffer: r.body).contains("1\u{00A0}200,00\u{00A0}€"))
      state = [("_csrf", token), ("l0.type", "r:salaire"), ("l0.montant", "1200.00"), ("ligne", "c:loyer"), ("montant", "450")]
      r = try await client.execute(uri: "/atelier/pas-a-pas", method: .post, headers: Self.headers(token), body: Self.form(state))
      #expect(String(buffer: r.body).contains("<span class=\"cle\" aria-live=\"polite\">750,00\u{00A0}€</span>"))
      let bad = try await client.execute(
        uri: "/atelier/pas-a-pas", method: .post, headers: Self.headers(token),
        body: Self.form([("_csrf", token), ("ligne", "c:loyer"), ("montant", "beaucoup")]))
      #expect(bad.status == .unprocessableContent && String(buffer: bad.body).contains("Montant illisible"))
      // Nothing was saved.
      #expect(String(buffer: try await client.execute(uri: "/dossiers", method: .get).body).contains("Aucun dossier."))
    }
  }

  @Test("La page du dossier : trois termes de la capacité, aides, plan, variante ajoutée depuis la page")
  func caseFigures() async throws {
    try await Self.withApp { client in
      let token = try await Self.token(client)
      _ = try await client.execute(
        uri: "/dossiers", method: .post, headers: Self.headers(token),
        body: Self.form([("_csrf", token), ("scenario", Self.example), ("faire", "enregistrer")]))
      let page = String(buffer: try await client.execute(uri: "/dossiers/EQ-2026-00001", method: .get).body)
      // Hand calculation in Scenarios/parent-separe.yaml: 105,08 ; 26,96 (binding) ; 305,00.
      #expect(page.contains("105,08\u{00A0}€") && page.contains("<strong>26,96\u{00A0}€</strong>") && page.contains("305,00\u{00A0}€"))
      #expect(page.contains("Fonds de solidarité pour le logement (FSL)") && page.contains("Plan de remboursement simulé"))
      // A variant from the page: 300 € more of Sophie's salary (600 → 900 €). The benefits react:
      // housing aid 413 → 396 € computed (OpenFisca 396), −17 € on the declared 260 € ; prime
      // d'activité 359,10 → 490,97 € (the individual bonus starts above 59 × the SMIC hourly rate),
      // +131,87 € on the declared 190 €. The same engine, given OpenFisca's family benefits
      // (368,18 €), gives OpenFisca's 350,25 → 272,79 €. Left to live on: 230 + 300 − 17 + 131,87.
      let v = try await client.execute(
        uri: "/dossiers/EQ-2026-00001/variantes", method: .post, headers: Self.headers(token),
        body: Self.form([("_csrf", token), ("version", "1"), ("nom", "Reprise à temps plein"), ("type", "salaire"), ("montant", "300")]))
      #expect(v.status == .seeOther)
      let after = String(buffer: try await client.execute(uri: "/dossiers/EQ-2026-00001", method: .get).body)
      #expect(after.contains("Reprise à temps plein") && after.contains("644,87\u{00A0}€") && after.contains("version 2"))
      let unknown = try await client.execute(
        uri: "/dossiers/EQ-2026-00001/variantes", method: .post, headers: Self.headers(token),
        body: Self.form([("_csrf", token), ("nom", "x"), ("type", "dette"), ("montant", "10"), ("creancier", "Personne")]))
      #expect(unknown.status == .unprocessableContent && String(buffer: unknown.body).contains("Créancier inconnu"))
    }
  }
}
