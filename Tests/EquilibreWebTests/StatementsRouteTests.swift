import EquilibreCases
import EquilibreCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import EquilibreWeb

/// Issue 32 in the workspace: three statement files become the case's pieces, their proposal is
/// reviewed line by line (accept, correct, reject) and saved as a new situation; the filing draft
/// then lists the account and the month's incidents.
@Suite("Relevés bancaires dans l'espace : import, relecture ligne par ligne, nouvelle situation")
struct StatementsRouteTests {
  static let path = "/dossiers/EQ-2026-00001"
  static let ref = CaseRef("EQ-2026-00001")!

  static func example(_ month: Int) -> (String, [UInt8]) {
    let name = "releve-exemple-2026-0\(month).csv"
    return (name, Array(try! Data(contentsOf: RouteTests.root.appendingPathComponent("Scenarios/" + name))))
  }

  /// A multipart form with several files in the `fichiers` field.
  static func upload(
    _ client: any TestClientProtocol, _ token: String, _ fields: [(String, String)], _ files: [(String, [UInt8])]
  ) async throws -> TestResponse {
    let boundary = "----equilibre\(UInt32.random(in: 0...UInt32.max))"
    var body = ByteBuffer()
    for (k, v) in fields { body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(k)\"\r\n\r\n\(v)\r\n") }
    for (name, bytes) in files {
      body.writeString(
        "--\(boundary)\r\nContent-Disposition: form-data; name=\"fichiers\"; filename=\"\(name)\"\r\nContent-Type: text/csv\r\n\r\n")
      body.writeBytes(bytes)
      body.writeString("\r\n")
    }
    body.writeString("--\(boundary)--\r\n")
    return try await client.execute(
      uri: path + "/releves?_csrf=\(token)", method: .post,
      headers: [.contentType: "multipart/form-data; boundary=\(boundary)", .cookie: "equilibre_csrf=\(token)"], body: body)
  }

  /// The review rows of a page: each item's id, and whether it asks for the amount still owed.
  static func rows(_ page: String) -> [(id: String, asksDue: Bool, wording: String)] {
    var out: [(String, Bool, String)] = []
    for part in page.components(separatedBy: "<tr id=\"ligne-").dropFirst() {
      let id = String(part.prefix { $0 != "\"" })
      let row = part.components(separatedBy: "</tr>")[0]
      out.append((id, row.contains("name=\"r.\(id)\""), row))
    }
    return out
  }

  @Test("Trois relevés : pièces du dossier, relecture, refus sans restant dû, puis situation enregistrée et brouillon de dépôt")
  func importReviewSave() async throws {
    try await RouteTests.withApp { client, store in
      let token = try await RouteTests.token(client)
      try await WorkspaceFixesTests.openExample(client, token)
      #expect(try await AccompanimentRouteTests.page(client).contains("href=\"/dossiers/EQ-2026-00001/releves\""))
      let form = try await AccompanimentRouteTests.page(client, Self.path + "/releves")
      #expect(form.contains("type=\"file\" multiple") && form.contains("<option value=\"credit-mutuel-cic\">Crédit Mutuel / CIC</option>"))

      let sent = try await Self.upload(client, token, [("version", "1")], [1, 2, 3].map(Self.example))
      #expect(sent.status == .seeOther, "\(String(buffer: sent.body).prefix(400))")
      let location = sent.headers[.location] ?? ""
      #expect(location == Self.path + "/releves/revue?pieces=D1,D2,D3")
      // The files are the case's pieces, for the filing checklist's line, downloaded as they came.
      var record = try await store.load(Self.ref, by: "t")
      #expect(record.documents.map(\.type) == ["releve", "releve", "releve"] && record.documents.allSatisfy(\.isPiece))
      #expect(record.documents.allSatisfy { $0.checklistLine == "Relevés de tous les comptes bancaires des 3 derniers mois" })
      let download = try await client.execute(uri: Self.path + "/pieces/D2", method: .get)
      #expect(download.status == .ok && download.headers[.contentType] == "text/csv")
      #expect(download.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
      #expect(Array(download.body.readableBytesView) == Self.example(2).1)
      #expect(try await AccompanimentRouteTests.page(client).contains("✔ reçue</span> — Relevés de tous les comptes bancaires"))

      let review = try await AccompanimentRouteTests.page(client, location)
      #expect(review.contains("releve-exemple-2026-01.csv") && review.contains("Crédit Mutuel / CIC"))
      #expect(review.contains("FRANCE TRAVAIL ALLOCATION") && review.contains("Cofinoga") && review.contains("Incidents de janvier 2026"))
      #expect(review.contains("05/01/2026 : 743,20\u{00A0}€ (releve-exemple-2026-01.csv, ligne 4)"))
      // What the counsellor typed is kept, and said so.
      #expect(review.contains("prestations familiales déjà saisi : vu sur les relevés 427,68\u{00A0}€"))
      let rows = Self.rows(review)
      #expect(rows.count >= 6)
      let caf = try #require(rows.first { $0.wording.contains("FRANCE TRAVAIL ALLOCATION") })
      let cofinoga = try #require(rows.first { $0.wording.contains("Cofinoga") })
      let overdraft = try #require(rows.first { $0.wording.contains("Découvert") })
      #expect(cofinoga.asksDue && !caf.asksDue)

      // Everything accepted as read: refused beside Cofinoga's row, nothing saved.
      var fields: [(String, String)] = [("version", "2"), ("situation", "1"), ("pieces", "D1,D2,D3"), ("banque", "")]
      for r in rows { fields.append(("d.\(r.id)", "accepter")) }
      var refused = try await WorkspaceFixesTests.post(client, Self.path + "/releves/revue", token, fields)
      var page = RouteTests.unescape(String(buffer: refused.body))
      #expect(refused.status == .unprocessableContent)
      #expect(page.contains("id=\"erreur-\(cofinoga.id)\">restant dû à demander au créancier"))
      #expect(try await store.load(Self.ref, by: "t").situations.count == 1)

      // CAF corrected, the overdraft rejected, Cofinoga's amount still owed typed.
      fields = fields.filter { !["d.\(caf.id)", "d.\(overdraft.id)"].contains($0.0) }
      fields += [
        ("d.\(caf.id)", "corriger"), ("m.\(caf.id)", "750,00"), ("d.\(overdraft.id)", "rejeter"), ("r.\(cofinoga.id)", "1 850,40"),
        ("m.\(cofinoga.id)", "94,42"),
      ]
      let saved = try await WorkspaceFixesTests.post(client, Self.path + "/releves/revue", token, fields)
      #expect(saved.status == .seeOther, "\(RouteTests.unescape(String(buffer: saved.body)).prefix(2000))")
      record = try await store.load(Self.ref, by: "t")
      #expect(record.situations.count == 2)
      let latest = try #require(record.latest)
      let s = try ScenarioFile.parse(latest.scenarioText, file: "s")
      let cafLine = try #require(s.resources.first { $0.label == "FRANCE TRAVAIL ALLOCATION" })
      #expect(cafLine.type == .chomage && cafLine.amount == Money(cents: 75_000) && cafLine.provenance?.evidence.count == 3)
      #expect(s.resources.filter { $0.type == .prestationsFamiliales }.count == 1)
      let debt = try #require(s.debts.first { $0.creditor.hasPrefix("Cofinoga") })
      #expect(debt.remainingDue == Money(cents: 185_040) && debt.monthlyPayment == Money(cents: 9_442))
      #expect(!s.debts.contains { $0.creditor.hasPrefix("Découvert") })
      #expect(s.bankAccounts.map(\.bank) == ["Crédit Mutuel / CIC"] && s.bankAccounts[0].balance == Money(cents: -91_358))
      #expect(s.bankIncidents.map(\.month.month) == [1, 2, 3] && s.bankIncidents[0].fees == Money(cents: 2_800))
      #expect(latest.note?.contains("Relevés D1, D2, D3 relus") == true && latest.note?.contains("2 corrigée(s), 1 rejetée(s)") == true)

      // The filing draft lists the account read and the incidents, month by month.
      let draft = try await WorkspaceFixesTests.post(
        client, Self.path + "/documents", token, [("type", "surendettement"), ("format", "html")])
      page = RouteTests.unescape(String(buffer: draft.body))
      #expect(draft.status == .ok && page.contains("4.3 Incidents bancaires, mois par mois"))
      #expect(
        page.contains(
          "<td>janvier 2026</td><td>Crédit Mutuel / CIC</td><td class=\"montant\">1</td><td class=\"montant\">28,00\u{00A0}€</td>"))

      // A stale version: refused whole, the answers shown again.
      refused = try await WorkspaceFixesTests.post(client, Self.path + "/releves/revue", token, fields)
      page = RouteTests.unescape(String(buffer: refused.body))
      #expect(refused.status == .conflict && page.contains("Rien n'est enregistré"))
      #expect(page.contains("id=\"d-\(overdraft.id)-r\" name=\"d.\(overdraft.id)\" value=\"rejeter\" checked"))
      #expect(try await store.load(Self.ref, by: "t").situations.count == 2)
    }
  }

  @Test("Fichiers hostiles : une formule dans un libellé, une entité XML, 30 Mo : refusés, rien n'est gardé")
  func hostile() async throws {
    try await RouteTests.withApp { client, store in
      let token = try await RouteTests.token(client)
      try await WorkspaceFixesTests.openExample(client, token)
      var bad = Self.example(2)
      bad.1 = Array(
        String(decoding: bad.1, as: UTF8.self).replacingOccurrences(of: "PRLV SEPA BOUYGUES TELECOM", with: "=HYPERLINK(1)").utf8)
      bad.0 = "fevrier.csv"
      var r = try await Self.upload(client, token, [("version", "1")], [Self.example(1), bad, Self.example(3)])
      var page = RouteTests.unescape(String(buffer: r.body))
      #expect(r.status == .unprocessableContent && page.contains("Rien n'est importé") && page.contains("fevrier.csv:"))
      let entity = Array(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\">&x;</Document>\n"
          .utf8)
      r = try await Self.upload(client, token, [("version", "1")], [("releve.xml", entity)])
      page = RouteTests.unescape(String(buffer: r.body))
      #expect(r.status == .unprocessableContent && page.contains("releve.xml:2") && !page.contains("root:"))
      r = try await Self.upload(client, token, [("version", "1")], [("gros.csv", [UInt8](repeating: 0x41, count: 30 * 1024 * 1024))])
      #expect(r.status == .contentTooLarge)
      r = try await Self.upload(client, token, [("version", "1")], [])
      #expect(r.status == .unprocessableContent)
      #expect(try await store.load(Self.ref, by: "t").documents.isEmpty)
      // A piece that is not a statement cannot be reviewed as one.
      #expect(try await client.execute(uri: Self.path + "/releves/revue?pieces=D9", method: .get).status == .notFound)
    }
  }
}
