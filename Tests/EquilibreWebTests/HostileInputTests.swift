import EquilibreCases
import EquilibreCore
import EquilibreWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import PropertyBased
import Testing
import ZIPFoundation

/// Issue 24's reproductions through the routes: hostile archives, bodies and forms must be
/// refused with a French page, write nothing, and leave the workspace serving the next request.
@Suite("Espace de travail : entrées hostiles refusées, le serveur continue")
struct HostileInputTests {
  typealias Files = [String: Data]

  static func unzip(_ bytes: [UInt8]) throws -> Files {
    let archive = try Archive(data: Data(bytes), accessMode: .read)
    var out: Files = [:]
    for e in archive where e.type == .file {
      var d = Data()
      _ = try archive.extract(e) { d.append($0) }
      out[e.path] = d
    }
    return out
  }

  static func zip(_ files: Files) throws -> [UInt8] {
    let archive = try Archive(data: Data(), accessMode: .create)
    for (path, data) in files.sorted(by: { $0.key < $1.key }) {
      try archive.addEntry(
        with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .none,
        provider: { p, n in data.subdata(in: Int(p)..<Int(p) + n) })
    }
    return Array(archive.data!)
  }

  /// Opens the example case (with one handed document) and returns its export's files.
  static func exportedCase(_ client: any TestClientProtocol, token: String) async throws -> Files {
    _ = try await client.execute(
      uri: "/dossiers", method: .post, headers: RouteTests.headers(token),
      body: RouteTests.form([("_csrf", token), ("scenario", RouteTests.example), ("faire", "enregistrer")]))
    let doc = try await client.execute(
      uri: "/dossiers/EQ-2026-00001/documents", method: .post, headers: RouteTests.headers(token),
      body: RouteTests.form([("_csrf", token), ("type", "dossier"), ("format", "html"), ("remis", "oui")]))
    #expect(doc.status == .ok)
    let zip = try await client.execute(uri: "/dossiers/EQ-2026-00001/export.zip", method: .get)
    #expect(zip.status == .ok)
    return try unzip(Array(zip.body.readableBytesView))
  }

  /// The export's `dossier.json` changed by `edit`, zipped again.
  static func tampered(_ files: Files, _ edit: (inout [String: Any]) -> Void) throws -> [UInt8] {
    var files = files
    let key = files.keys.first { $0.hasSuffix("/dossier.json") }!
    var json = try JSONSerialization.jsonObject(with: files[key]!) as! [String: Any]
    edit(&json)
    files[key] = try JSONSerialization.data(withJSONObject: json)
    return try zip(files)
  }

  /// The archive's case reference, as `dossier.json` holds it.
  static func setRef(_ json: inout [String: Any], _ text: String) {
    var file = json["dossier"] as! [String: Any]
    file["reference"] = text
    json["dossier"] = file
  }

  static func upload(
    _ client: any TestClientProtocol, _ token: String, _ bytes: [UInt8], name: String = "dossier.zip"
  ) async throws -> TestResponse {
    var (headers, body) = RouteTests.multipart(name, bytes)
    headers[.cookie] = "equilibre_csrf=\(token)"
    return try await client.execute(uri: "/importer?_csrf=\(token)", method: .post, headers: headers, body: body)
  }

  static func importFolders() -> Set<String> {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path)) ?? []
    return Set(names.filter { $0.hasPrefix("equilibre-import-") })
  }

  /// The import folders that appeared since `before` and are still there. Tests run in parallel, so
  /// another test's import may be under way: its folder goes within seconds, a leaked one never does.
  static func leftImportFolders(since before: Set<String>) async -> Set<String> {
    var left = importFolders().subtracting(before)
    for _ in 0..<50 where !left.isEmpty {
      try? await Task.sleep(for: .milliseconds(100))
      left = importFolders().subtracting(before)
    }
    return left
  }

  /// The next request is served as usual.
  static func stillServing(_ client: any TestClientProtocol) async throws {
    let r = try await client.execute(uri: "/dossiers", method: .get)
    #expect(r.status == .ok)
  }

  @Test("0. Un identifiant de document « ../../tmp/… » est refusé à l'import ; l'export nomme les fichiers par leur empreinte")
  func documentIdTraversal() async throws {
    let target = "/tmp/eq-evil-docid-\(getpid())"
    try await RouteTests.withApp { client in
      let token = try await RouteTests.token(client)
      let files = try await Self.exportedCase(client, token: token)
      // The export names each document by its SHA-256, never by an identifier.
      let docs = files.keys.filter { $0.contains("/documents/") }
      #expect(docs.count == 1)
      let json = try JSONSerialization.jsonObject(with: files.first { $0.key.hasSuffix("dossier.json") }!.value) as! [String: Any]
      let doc = ((json["documents"] as! [[String: Any]])[0]["document"] as! [String: Any])
      #expect(docs[0].contains("/documents/\(doc["sha256"] as! String)-"))
      let evil = try Self.tampered(files) { j in
        Self.setRef(&j, "EQ-2026-00077")
        var documents = j["documents"] as! [[String: Any]]
        var d = documents[0]["document"] as! [String: Any]
        d["id"] = "../../../../../../../../../..\(target)"
        documents[0]["document"] = d
        j["documents"] = documents
      }
      let r = try await Self.upload(client, token, evil)
      #expect(r.status == .unprocessableContent)
      #expect(String(buffer: r.body).contains("identifiant"))
      #expect(try await client.execute(uri: "/dossiers/EQ-2026-00077", method: .get).status == .notFound)
      let again = try await client.execute(uri: "/dossiers/EQ-2026-00001/export.zip", method: .get)
      #expect(again.status == .ok)
      #expect(!FileManager.default.fileExists(atPath: target + "-x.html"))
      try await Self.stillServing(client)
    }
  }

  @Test(
    "1 et 4. Une référence invalide, vide, trop longue, un chemin ou en minuscules est refusée (422), sans dossier temporaire laissé",
    arguments: ["EQ-2026-ABC", "", "EQ-2026-12345678901234567890", "../../x-1", "eq-2026-07104", "EQ-0000-00001"])
  func badReferences(_ ref: String) async throws {
    try await RouteTests.withApp { client in
      let token = try await RouteTests.token(client)
      let files = try await Self.exportedCase(client, token: token)
      let before = Self.importFolders()
      let bad = try Self.tampered(files) { j in
        Self.setRef(&j, ref)
      }
      let r = try await Self.upload(client, token, bad)
      #expect(r.status == .unprocessableContent, "\(ref) : \(r.status)")
      let page = String(buffer: r.body)
      #expect(page.contains("référence") && page.contains("EQ-AAAA-NNNNN"))
      #expect(!page.contains("/tmp/") && !page.contains("equilibre-import-"))
      #expect(await Self.leftImportFolders(since: before).isEmpty)
      try await Self.stillServing(client)
    }
  }

  @Test("4. Deux « situation n° 1 » dans une archive : 422 en français, sans nom de contrainte SQL")
  func duplicateSituations() async throws {
    try await RouteTests.withApp { client in
      let token = try await RouteTests.token(client)
      let files = try await Self.exportedCase(client, token: token)
      let bad = try Self.tampered(files) { j in
        Self.setRef(&j, "EQ-2026-00009")
        let situations = j["situations"] as! [[String: Any]]
        j["situations"] = situations + situations
      }
      let r = try await Self.upload(client, token, bad)
      let page = String(buffer: r.body)
      #expect(r.status == .unprocessableContent)
      #expect(page.contains("situation n° 1 figure deux fois"))
      #expect(!page.lowercased().contains("constraint") && !page.contains("UNIQUE"))
      try await Self.stillServing(client)
    }
  }

  @Test("2. Des montants importés hors de portée (10^17 centimes, −9·10^18) sont refusés ; la page du dossier reste sûre")
  func hugeImportedAmounts() async throws {
    try await RouteTests.withApp { client in
      let token = try await RouteTests.token(client)
      let files = try await Self.exportedCase(client, token: token)
      for (key, value) in [("reste_a_vivre", 100_000_000_000_000_000), ("total_dettes", -9_000_000_000_000_000_000)] {
        let bad = try Self.tampered(files) { j in
          Self.setRef(&j, "EQ-2026-00010")
          var situations = j["situations"] as! [[String: Any]]
          var figures = situations[0]["chiffres"] as! [String: Any]
          figures[key] = value
          situations[0]["chiffres"] = figures
          j["situations"] = situations
        }
        let r = try await Self.upload(client, token, bad)
        #expect(r.status == .unprocessableContent)
        #expect(String(buffer: r.body).contains("chiffres.\(key)"))
        #expect(String(buffer: r.body).contains("hors de portée"))
      }
      try await Self.stillServing(client)
    }
  }

  @Test(
    "3. Une limite multipart vide, ou illisible, est refusée (400) et le serveur continue",
    arguments: ["", "\"\"", String(repeating: "x", count: 71), "a<b>c"])
  func emptyBoundary(_ boundary: String) async throws {
    try await RouteTests.withApp { client in
      let token = try await RouteTests.token(client)
      let r = try await client.execute(
        uri: "/importer?_csrf=\(token)", method: .post,
        headers: [.contentType: "multipart/form-data; boundary=\(boundary)", .cookie: "equilibre_csrf=\(token)"],
        body: ByteBuffer(string: "--\r\nContent-Disposition: form-data; name=\"fichier\"\r\n\r\nabc\r\n----\r\n"))
      #expect(r.status == .badRequest)
      #expect(String(buffer: r.body).contains("multipart/form-data"))
      try await Self.stillServing(client)
    }
  }

  @Test("5. Un scénario de 10 000 dettes est refusé par le calcul, le texte et l'import ; un corps de plus de 2 Mo reçoit un 413 français")
  func oversized() async throws {
    let debts = (1...10_000).map { "  - { creancier: Banque \($0), nature: decouvert, restant_du: 100 }" }.joined(separator: "\n")
    let text = RouteTests.example.replacingOccurrences(of: "\ndettes:\n", with: "\ndettes:\n\(debts)\n")
    #expect(text.count > 500_000)
    try await RouteTests.withApp { client in
      let token = try await RouteTests.token(client)
      let live = try await client.execute(
        uri: "/calcul", method: .post, headers: [.cookie: "equilibre_csrf=\(token)", .init("X-CSRF")!: token],
        body: ByteBuffer(string: text))
      #expect(String(buffer: live.body).contains("liste trop longue"))
      let saved = try await client.execute(
        uri: "/dossiers", method: .post, headers: RouteTests.headers(token),
        body: RouteTests.form([("_csrf", token), ("scenario", text), ("faire", "enregistrer")]))
      #expect(saved.status != .seeOther)
      #expect(String(buffer: saved.body).contains("liste trop longue"))
      let imported = try await Self.upload(client, token, Array(text.utf8), name: "cas.yaml")
      #expect(String(buffer: imported.body).contains("liste trop longue"))
      #expect(String(buffer: try await client.execute(uri: "/dossiers", method: .get).body).contains("Aucun dossier."))
      let big = ByteBuffer(repeating: UInt8(ascii: "a"), count: 3 * 1024 * 1024)
      let tooLarge = try await client.execute(
        uri: "/calcul", method: .post, headers: [.cookie: "equilibre_csrf=\(token)", .init("X-CSRF")!: token], body: big)
      #expect(tooLarge.status == .contentTooLarge)
      #expect(String(buffer: tooLarge.body).contains("Envoi trop volumineux : 2 Mo au plus."))
      try await Self.stillServing(client)
    }
  }

  @Test("14. Un zip illisible ne montre aucun chemin du serveur ; aucun dossier temporaire n'est laissé")
  func unreadableArchive() async throws {
    try await RouteTests.withApp { client in
      let token = try await RouteTests.token(client)
      let files = try await Self.exportedCase(client, token: token)
      let before = Self.importFolders()
      var broken = files
      let key = files.keys.first { $0.hasSuffix("/dossier.json") }!
      broken[key] = Data("{ pas du json".utf8)
      let r = try await Self.upload(client, token, try Self.zip(broken))
      let page = String(buffer: r.body)
      #expect(r.status == .unprocessableContent)
      #expect(page.contains("dossier.json : export illisible"))
      #expect(!page.contains("/tmp") && !page.contains("equilibre-import-"))
      #expect(await Self.leftImportFolders(since: before).isEmpty)
      try await Self.stillServing(client)
    }
  }

  @Test(
    "3. Un nom d'en-tête de partie multipart hors ASCII (octet ≥ 128) : 400, jamais un arrêt du serveur", arguments: [0xE9, 0x80, 0xFF])
  func multipartHeaderNameByte(_ byte: Int) async throws {
    try await RouteTests.withApp { client in
      let token = try await RouteTests.token(client)
      let boundary = "limiteEquilibre"
      var body = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"fichier\"; filename=\"a.yaml\"\r\nX-".utf8)
      body += [UInt8(byte)] + Array(": 1\r\n\r\ndate: 2026-11-01\r\n--\(boundary)--\r\n".utf8)
      let r = try await client.execute(
        uri: "/importer?_csrf=\(token)", method: .post,
        headers: [.contentType: "multipart/form-data; boundary=\(boundary)", .cookie: "equilibre_csrf=\(token)"],
        body: ByteBuffer(bytes: body))
      #expect(r.status == .badRequest)
      #expect(String(buffer: r.body).contains("Fichier illisible"))
      try await Self.stillServing(client)
    }
  }

  @Test("14. Une archive dont le répertoire pointe au-delà de sa fin : 422 français, jamais un arrêt du serveur")
  func zipPointingPastItsEnd() async throws {
    try await RouteTests.withApp { client in
      let token = try await RouteTests.token(client)
      var zip = try Self.zip(try await Self.exportedCase(client, token: token))
      // Every central-directory entry (« PK\u{1}\u{2} ») gets a local-header offset far past the end.
      var i = 0
      var patched = 0
      while i + 46 <= zip.count {
        if zip[i] == 0x50 && zip[i + 1] == 0x4B && zip[i + 2] == 0x01 && zip[i + 3] == 0x02 {
          zip.replaceSubrange((i + 42)..<(i + 46), with: [0x00, 0x00, 0xF0, 0x00])
          patched += 1
        }
        i += 1
      }
      #expect(patched >= 1)
      let r = try await Self.upload(client, token, zip)
      #expect([400, 422].contains(r.status.code), "statut \(r.status.code)")
      #expect(String(buffer: r.body).contains("lang=\"fr\""))
      try await Self.stillServing(client)
    }
  }

  @Test(
    "3 et 14. Property : des envois multipart abîmés au hasard reçoivent une page française, jamais une erreur interne",
    .timeLimit(.minutes(3)))
  func multipartFuzz() async throws {
    final class Statuses: @unchecked Sendable { var seen: [UInt: Int] = [:] }
    let statuses = Statuses()
    try await RouteTests.withApp { client in
      let token = try await RouteTests.token(client)
      let files = try await Self.exportedCase(client, token: token)
      let zip = try Self.zip(files)
      let (headers, valid) = RouteTests.multipart("dossier.zip", zip)
      let body = Array(valid.readableBytesView)
      let boundary = String(headers[.contentType]!.split(separator: "=").last!)
      await propertyCheck(
        count: 200, input: Gen.int(in: 0...(body.count - 1)).array(of: 1...6), Gen<UInt8>.uint8().array(of: 1...6), Gen.int(in: 0...3)
      ) {
        positions, bytes, variant in
        var b = body
        for (k, p) in positions.enumerated() { b[p] = bytes[k % bytes.count] }
        if variant == 1 { b = Array(b.prefix(positions[0])) }  // cut short
        let type = variant == 2 ? "multipart/form-data; boundary=\(boundary.prefix(positions[0] % 8))" : headers[.contentType]!
        let r = try? await client.execute(
          uri: "/importer?_csrf=\(token)", method: .post, headers: [.contentType: type, .cookie: "equilibre_csrf=\(token)"],
          body: ByteBuffer(bytes: b))
        let code = r?.status.code ?? 0
        statuses.seen[UInt(code), default: 0] += 1
        #expect([200, 303, 400, 403, 409, 413, 422].contains(code), "statut \(code)")
        #expect(r.map { String(buffer: $0.body).contains("lang=\"fr\"") || $0.status == .seeOther } == true)
      }
      try await Self.stillServing(client)
    }
    #expect(statuses.seen[500] == nil)
  }
}
