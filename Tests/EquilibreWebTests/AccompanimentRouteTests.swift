import EquilibreCases
import EquilibreCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import EquilibreWeb

/// Issue 29 (last part), through the routes: aid requests and their decisions, the household's
/// pieces, a measure suspended and resumed, the agenda, the year's report, archiving and erasure.
@Suite("Accompagnement dans l'espace : aides, pièces, agenda, rapport, archivage")
struct AccompanimentRouteTests {
  static let path = "/dossiers/EQ-2026-00001"
  static let ref = CaseRef("EQ-2026-00001")!

  static func page(_ client: any TestClientProtocol, _ uri: String = path) async throws -> String {
    RouteTests.unescape(String(buffer: try await client.execute(uri: uri, method: .get).body))
  }

  /// A multipart form: text fields, then the file.
  static func multipart(_ fields: [(String, String)], file: (name: String, bytes: [UInt8])) -> (String, ByteBuffer) {
    let boundary = "----equilibre\(UInt32.random(in: 0...UInt32.max))"
    var body = ByteBuffer()
    for (k, v) in fields { body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(k)\"\r\n\r\n\(v)\r\n") }
    body.writeString(
      "--\(boundary)\r\nContent-Disposition: form-data; name=\"fichier\"; filename=\"\(file.name)\"\r\nContent-Type: application/pdf\r\n\r\n"
    )
    body.writeBytes(file.bytes)
    body.writeString("\r\n--\(boundary)--\r\n")
    return ("multipart/form-data; boundary=\(boundary)", body)
  }

  static func upload(
    _ client: any TestClientProtocol, _ token: String, _ fields: [(String, String)], _ name: String, _ bytes: [UInt8], path: String = path,
    cookie: String? = nil
  ) async throws -> TestResponse {
    let (type, body) = multipart(fields, file: (name, bytes))
    return try await client.execute(
      uri: path + "/pieces?_csrf=\(token)", method: .post, headers: [.contentType: type, .cookie: cookie ?? "equilibre_csrf=\(token)"],
      body: body)
  }

  @Test("Demande FSL refusée, redéposée puis accordée avec son remboursement, simulée en variante ; refus en français")
  func aidRequests() async throws {
    try await RouteTests.withApp { client, store in
      let token = try await RouteTests.token(client)
      try await WorkspaceFixesTests.openExample(client, token)
      let post = { (uri: String, fields: [(String, String)]) in try await WorkspaceFixesTests.post(client, uri, token, fields) }
      #expect(
        try await post(
          Self.path + "/aides", [("organisme", "fsl"), ("nature", "prise-en-charge-impayes"), ("montant", "850"), ("date", "2026-11-05")]
        ).status == .seeOther)
      #expect(
        try await post(Self.path + "/aides/A1", [("faire", "decider"), ("decision", "refuse"), ("date", "2026-11-12")]).status == .seeOther)
      let again = try await post(
        Self.path + "/aides/A1", [("faire", "decider"), ("decision", "accorde"), ("accorde", "850"), ("date", "2026-11-13")])
      #expect(
        again.status == .unprocessableContent
          && RouteTests.unescape(String(buffer: again.body)).contains("la demande A1 a déjà une décision (refusé)"))
      #expect(
        try await post(
          Self.path + "/aides",
          [("organisme", "fsl"), ("nature", "pret"), ("montant", "850,00"), ("date", "2026-11-14"), ("precedente", "a1")]
        ).status == .seeOther)
      let noAmount = try await post(Self.path + "/aides/A2", [("faire", "decider"), ("decision", "accorde"), ("date", "2026-11-20")])
      #expect(
        noAmount.status == .unprocessableContent
          && RouteTests.unescape(String(buffer: noAmount.body)).contains("montant accordé : obligatoire"))
      let badAmount = try await post(Self.path + "/aides", [("organisme", "fsl"), ("nature", "pret"), ("montant", "huit cents")])
      #expect(badAmount.status == .unprocessableContent && RouteTests.unescape(String(buffer: badAmount.body)).contains("Montant demandé"))
      #expect(try await post(Self.path + "/aides", [("organisme", "nasa"), ("nature", "pret")]).status == .unprocessableContent)
      #expect(
        try await post(
          Self.path + "/aides/A2",
          [("faire", "decider"), ("decision", "accorde"), ("accorde", "850"), ("mensualite", "50"), ("mois", "17"), ("date", "2026-11-20")]
        ).status == .seeOther)
      var page = try await Self.page(client)
      #expect(page.contains("A1 FSL, prise en charge d'impayés : 850,00\u{00A0}€ demandés le 5 novembre 2026 ; refusé le 12 novembre 2026"))
      #expect(
        page.contains(
          "A2 FSL, prêt : 850,00\u{00A0}€ demandés le 14 novembre 2026 ; accordé le 20 novembre 2026 (850,00\u{00A0}€), remboursement 50,00\u{00A0}€ par mois pendant 17 mois (nouvelle demande après A1)"
        ))
      // The granted loan as a variant: its repayment a charge of 50 € a month, the situation unchanged.
      #expect(try await post(Self.path + "/aides/A2", [("faire", "variante")]).status == .seeOther)
      page = try await Self.page(client)
      #expect(page.contains("Aide A2 : FSL, prêt accordé"))
      let record = try await store.load(Self.ref, by: "t")
      #expect(record.situations.count == 1 && record.latest?.variants?.contains("Remboursement du prêt FSL (A2)") == true)
      #expect(try await post(Self.path + "/aides/A1", [("faire", "variante")]).status == .unprocessableContent)
    }
  }

  @Test("Pièces : un PDF coche sa ligne et s'ouvre dans le navigateur sans script ; un .exe renommé .pdf et 20 Mo sont refusés")
  func pieces() async throws {
    try await RouteTests.withApp { client, store in
      let token = try await RouteTests.token(client)
      try await WorkspaceFixesTests.openExample(client, token)
      var page = try await Self.page(client)
      let line = "Trois derniers bulletins de salaire de Sophie"
      #expect(page.contains("✘ manquante</span> — \(line)"))
      let pdf = Array("%PDF-1.4\n%\u{E2}\u{E3}\n1 0 obj<<>>endobj\n%%EOF\n".utf8)
      let ok = try await Self.upload(
        client, token, [("ligne", line), ("date", "2026-11-20"), ("version", "1")], "bulletins octobre.pdf", pdf)
      #expect(ok.status == .seeOther, "\(String(buffer: ok.body).prefix(300))")
      page = try await Self.page(client)
      #expect(page.contains("✔ reçue</span> — \(line)") && page.contains("href=\"/dossiers/EQ-2026-00001/pieces/D1\""))
      let shown = try await client.execute(uri: Self.path + "/pieces/D1", method: .get)
      #expect(shown.status == .ok && shown.headers[.contentType] == "application/pdf" && Array(shown.body.readableBytesView) == pdf)
      #expect(shown.headers[.contentDisposition]?.hasPrefix("inline;") == true)
      #expect(
        shown.headers[.contentSecurityPolicy]?.hasPrefix("default-src 'none'") == true
          && shown.headers[.contentSecurityPolicy]?.contains("script") == false)
      // A program renamed .pdf: refused by its content, nothing stored.
      let exe = try await Self.upload(client, token, [("version", "2")], "facture.pdf", Array("MZ\u{90}\0 program".utf8))
      #expect(
        exe.status == .unprocessableContent
          && RouteTests.unescape(String(buffer: exe.body)).contains("ni PDF, ni JPEG, ni PNG d'après son contenu"))
      // 20 MB: refused before it is read.
      let big = try await Self.upload(client, token, [("version", "2")], "gros.pdf", [UInt8](repeating: 0x25, count: 20 * 1024 * 1024))
      #expect(big.status == .contentTooLarge)
      // A stale version is refused (someone else changed the case).
      #expect(try await Self.upload(client, token, [("version", "1")], "b.pdf", pdf).status == .conflict)
      #expect(try await store.load(Self.ref, by: "t").documents.map(\.id) == ["D1"])
      #expect(try await client.execute(uri: Self.path + "/pieces/D2", method: .get).status == .notFound)
      // A handed document is not served as a piece.
      #expect(try await client.execute(uri: Self.path + "/pieces/../export.zip", method: .get).status != .ok)
    }
  }

  @Test("Mesure suspendue puis reprise : la fin recule d'autant, dit sur la page")
  func suspension() async throws {
    try await RouteTests.withApp { client, _ in
      let token = try await RouteTests.token(client)
      try await WorkspaceFixesTests.openExample(client, token)
      let post = { (uri: String, fields: [(String, String)]) in try await WorkspaceFixesTests.post(client, uri, token, fields) }
      #expect(try await post(Self.path + "/mesures", [("type", "asll"), ("debut", "2026-11-02")]).status == .seeOther)
      #expect(try await post(Self.path + "/mesures/M1", [("faire", "suspendre"), ("date", "2026-11-10")]).status == .unprocessableContent)
      #expect(
        try await post(Self.path + "/mesures/M1", [("faire", "suspendre"), ("motif", "hospitalisation"), ("date", "2026-11-10")]).status
          == .seeOther)
      var page = try await Self.page(client)
      #expect(page.contains("suspendue depuis le 10 novembre 2026") && page.contains("Reprendre la mesure"))
      #expect(try await post(Self.path + "/mesures/M1", [("faire", "reprendre"), ("date", "2026-11-20")]).status == .seeOther)
      page = try await Self.page(client)
      #expect(page.contains("6 mois, jusqu'au 11 mai 2027 (10 jours de suspension)"))
    }
  }

  @Test("Journal : une nouvelle situation s'y lit champ par champ, pas en YAML")
  func readableAudit() async throws {
    try await RouteTests.withApp { client, _ in
      let token = try await RouteTests.token(client)
      try await WorkspaceFixesTests.openExample(client, token)
      let text = RouteTests.example.replacingOccurrences(of: "loyer: 420", with: "loyer: 450")
      #expect(
        try await WorkspaceFixesTests.post(client, Self.path, token, [("scenario", text), ("faire", "enregistrer"), ("version", "1")])
          .status == .seeOther)
      let journal = try await Self.page(client, Self.path + "/journal")
      #expect(journal.contains("<ul class=\"changements\"><li>loyer : 420,00\u{00A0}€ → 450,00\u{00A0}€</li></ul>"))
      #expect(!journal.contains("loyer: 450"))
    }
  }

  @Test("Agenda de la semaine et flux .ics de tous les rendez-vous à venir")
  func agenda() async throws {
    try await RouteTests.withApp { client, _ in
      let token = try await RouteTests.token(client)
      try await WorkspaceFixesTests.openExample(client, token)
      let post = { (uri: String, fields: [(String, String)]) in try await WorkspaceFixesTests.post(client, uri, token, fields) }
      #expect(
        try await post(
          Self.path + "/rendez-vous", [("date", "2026-11-25"), ("heure", "10:30"), ("canal", "visite-domicile"), ("objet", "Budget")]
        ).status == .seeOther)
      #expect(
        try await post(Self.path + "/rendez-vous", [("date", "2026-12-08"), ("canal", "telephone"), ("objet", "Point FSL")]).status
          == .seeOther)
      let week = try await Self.page(client, "/agenda")
      #expect(week.contains("semaine du 23 novembre 2026 au 29 novembre 2026") && week.contains("Mercredi 25 novembre 2026"))
      #expect(week.contains("10 h 30 — EQ-2026-00001") && week.contains("visite à domicile, Budget") && !week.contains("Point FSL"))
      let later = try await Self.page(client, "/agenda?semaine=2026-12-09")
      #expect(later.contains("Mardi 8 décembre 2026") && later.contains("Point FSL"))
      #expect(try await client.execute(uri: "/agenda?semaine=demain", method: .get).status == .unprocessableContent)
      let feed = try await client.execute(uri: "/agenda.ics", method: .get)
      let ics = String(buffer: feed.body)
      #expect(feed.headers[.contentType] == "text/calendar; charset=utf-8")
      #expect(
        ics.contains("UID:EQ-2026-00001-R1@equilibre") && ics.contains("UID:EQ-2026-00001-R2@equilibre")
          && ics.contains("DTSTART:20261125T103000"))
    }
  }

  @Test("Rapport d'activité : la page et son CSV donnent les mêmes nombres ; l'archivage efface chaque champ personnel")
  func reportAndArchive() async throws {
    try await RouteTests.withApp { client, store in
      let token = try await RouteTests.token(client)
      try await WorkspaceFixesTests.openExample(client, token)
      let post = { (uri: String, fields: [(String, String)]) in try await WorkspaceFixesTests.post(client, uri, token, fields) }
      #expect(try await post(Self.path + "/mesures", [("type", "asll"), ("debut", "2026-11-02")]).status == .seeOther)
      #expect(try await post(Self.path + "/objectifs", [("libelle", "Apurer la dette"), ("theme", "logement")]).status == .seeOther)
      #expect(try await post(Self.path + "/objectifs/O1", [("statut", "atteint"), ("bilan", "fait")]).status == .seeOther)
      #expect(
        try await post(Self.path + "/aides", [("organisme", "fsl"), ("nature", "pret"), ("montant", "850"), ("date", "2026-11-05")]).status
          == .seeOther)
      #expect(
        try await post(
          Self.path + "/aides/A1", [("faire", "decider"), ("decision", "accorde"), ("accorde", "700"), ("date", "2026-11-12")]
        ).status == .seeOther)
      // An old case, closed three years ago: past the policy's two years.
      let old = try await store.openCase(
        NewCase(
          label: "Ancien ménage", counsellor: "C. Martin", structure: nil, openedOn: CivilDate(year: 2023, month: 1, day: 10)!,
          situation: SituationDraft(
            date: CivilDate(year: 2023, month: 1, day: 10)!, scenarioText: RouteTests.example,
            figures: ComputedFiguresForTests.figures(RouteTests.example))),
        by: "C. Martin")
      try await store.apply(
        .contact(
          date: CivilDate(year: 2023, month: 2, day: 1)!, channel: .visiteDomicile, synthesis: "Sophie, 12 rue des Lilas",
          privateNote: "secret", nextAppointment: nil), to: old, expectedVersion: nil, by: "C. Martin")
      try await store.apply(
        .close(reason: .relogement, note: "relogée rue des Roses", on: CivilDate(year: 2023, month: 6, day: 1)!), to: old,
        expectedVersion: nil, by: "C. Martin")
      let report = try await Self.page(client, "/rapport?du=2026-01-01&au=2026-12-31")
      #expect(report.contains("<td data-chiffre=\"suivis\">1</td><td data-chiffre=\"entres\">1</td><td data-chiffre=\"sortis\">0</td>"))
      #expect(
        report.contains(
          "<th scope=\"row\">FSL</th><td>accordé</td><td data-chiffre=\"aides-nombre\">1</td><td class=\"montant\">850,00\u{00A0}€</td><td class=\"montant\">700,00\u{00A0}€</td>"
        ))
      #expect(report.contains("<svg") && report.contains("aria-label=\"Demandes d'aide par décision\""))
      let csv = try await client.execute(uri: "/rapport.csv?du=2026-01-01&au=2026-12-31", method: .get)
      let text = String(buffer: csv.body)
      #expect(csv.headers[.contentType] == "text/csv; charset=utf-8" && text.hasPrefix("\u{FEFF}"))
      #expect(text.contains("tous les ménages;1;1;0\r\n") && text.contains("FSL;accordé;1;850,00;700,00\r\n"))
      // 2023: the old case, followed, opened and closed that year.
      #expect(
        String(buffer: try await client.execute(uri: "/rapport.csv?du=2023-01-01&au=2023-12-31", method: .get).body).contains(
          "tous les ménages;1;1;1\r\n"))
      #expect(try await client.execute(uri: "/rapport?du=2026-12-31&au=2026-01-01", method: .get).status == .unprocessableContent)
      // Archiving needs the box ticked; then the old case keeps no personal text.
      #expect(try await post("/rapport/archiver", []).status == .unprocessableContent)
      let archived = try await post("/rapport/archiver", [("confirmer", "oui")])
      #expect(archived.status == .seeOther && archived.headers[.location] == "/rapport?archives=1#t-archivage")
      let r = try await store.load(old, by: "t")
      let dump =
        (try FrenchKeys.writer.string(r)) + (try await store.auditLog(old)).map(\.detail).joined()
      for word in ["Sophie", "Lilas", "Roses", "secret", "Ancien ménage"] { #expect(!dump.contains(word), "\(word)") }
      #expect(r.file.purged && r.situations.first?.figures.resteAVivre == 23_000)
      #expect(
        String(buffer: try await client.execute(uri: "/rapport.csv?du=2023-01-01&au=2023-12-31", method: .get).body).contains(
          "tous les ménages;1;1;1\r\n"))
      #expect(!(try await store.load(Self.ref, by: "t")).file.purged)
      // Erasure on request: the reference typed again.
      #expect(try await post(Self.path + "/effacer", [("confirmation", "EQ-2026-0000")]).status == .unprocessableContent)
      #expect(try await post(Self.path + "/effacer", [("confirmation", "EQ-2026-00001")]).status == .seeOther)
      #expect(try await store.load(Self.ref, by: "t").file.purged)
      #expect(try await store.auditLog(Self.ref).contains { $0.action == "effacement" })
    }
  }
}

extension SharedModeTests {
  @Test(
    "Partagé : un conseiller ne lit ni la pièce ni le rapport d'un autre (même en devinant l'adresse) ; le responsable de la structure, si",
    arguments: WebBackends.all)
  func piecesAndReportAccess(_ backend: String) async throws {
    try await Self.withApp(backend: backend) { client, store in
      let paul = Browser(client)
      _ = try await paul.signIn("paul", Self.passwords["paul"]!)
      _ = try await paul.get("/dossiers/EQ-2026-00002")
      let pdf = Array("%PDF-1.4\n%%EOF\n".utf8)
      let (type, body) = AccompanimentRouteTests.multipart([("version", "1")], file: ("avis.pdf", pdf))
      let up = try await client.execute(
        uri: "/dossiers/EQ-2026-00002/pieces?_csrf=\(paul.csrf)", method: .post, headers: [.contentType: type, .cookie: paul.cookieHeader],
        body: body)
      #expect(up.status == .seeOther, "\(String(buffer: up.body).prefix(300))")
      #expect(try await paul.get("/dossiers/EQ-2026-00002/pieces/D1").status == .ok)
      let claire = Browser(client)
      _ = try await claire.signIn("claire", Self.passwords["claire"]!)
      #expect(try await claire.get("/dossiers/EQ-2026-00002/pieces/D1").status == .forbidden)
      #expect(try await claire.get("/dossiers/EQ-2026-00001/pieces/D1").status == .notFound)
      #expect(try await claire.get("/rapport").status == .forbidden)
      #expect(try await claire.get("/rapport.csv").status == .forbidden)
      #expect(try await claire.post("/rapport/archiver", [("confirmer", "oui")]).status == .forbidden)
      let rose = Browser(client)
      _ = try await rose.signIn("rose", Self.passwords["rose"]!)
      #expect(try await rose.get("/dossiers/EQ-2026-00002/pieces/D1").status == .ok)
      let csv = String(buffer: try await rose.get("/rapport.csv?du=2026-01-01&au=2026-12-31").body)
      #expect(
        csv.contains("tous les ménages;2;2;0\r\n") && csv.contains("conseiller : claire;1;1;0") && csv.contains("conseiller : paul;1;1;0"))
      let zoe = Browser(client)
      _ = try await zoe.signIn("zoe", Self.passwords["zoe"]!)
      #expect(try await zoe.get("/dossiers/EQ-2026-00002/pieces/D1").status == .forbidden)
      #expect(String(buffer: try await zoe.get("/rapport.csv?du=2026-01-01&au=2026-12-31").body).contains("tous les ménages;0;0;0\r\n"))
      // Refusals are in the audit; the report's read is one line, not one per case.
      #expect(try await store.auditLog(CaseRef("EQ-2026-00002")!).contains { $0.action == "acces-refuse" && $0.actor == "claire" })
      #expect(try await store.auditLog(nil).contains { $0.action == "rapport" && $0.actor == "rose" })
      // Claire's agenda does not hold Paul's appointments.
      #expect(
        try await paul.post("/dossiers/EQ-2026-00002/rendez-vous", [("date", "2026-11-25"), ("canal", "telephone"), ("objet", "Appel")])
          .status == .seeOther)
      #expect(String(buffer: try await paul.get("/agenda").body).contains("EQ-2026-00002"))
      #expect(!String(buffer: try await claire.get("/agenda").body).contains("EQ-2026-00002"))
    }
  }
}
