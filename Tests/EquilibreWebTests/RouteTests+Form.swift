import EquilibreCases
import EquilibreCore
import EquilibreWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import ZIPFoundation

extension RouteTests {
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
