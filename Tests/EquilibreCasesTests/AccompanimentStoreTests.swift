import EquilibreCases
import EquilibreCore
import Foundation
import Testing

/// Aid requests, the household's pieces, a measure's suspension, the readable audit of a new
/// situation, archiving and the year's report: on a real SQLite file and a real PostgreSQL.
@Suite("Accompagnement : aides, pièces, suspension, archivage, rapport (SQLite et PostgreSQL)")
struct AccompanimentStoreTests {
  /// A minimal PDF, PNG and JPEG (their first bytes are what counts).
  static let pdf = Array("%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n".utf8)
  static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]
  static let exe: [UInt8] = Array("MZ\u{90}\0this program cannot be run in DOS mode".utf8)

  @Test("Demande FSL refusée, redéposée puis accordée avec son remboursement ; une décision ne s'écrase pas", arguments: Backends.all)
  func aidRequests(_ backend: String) async throws {
    let s = try await Backends.open(try Backends.fresh(backend))
    defer { Task { try? await s.close() } }
    let ref = try await CaseStoreTests.newCase(s)
    try await s.apply(
      .aidRequest(
        organisation: .fsl, kind: .impayes, askedCents: 85_000, filedOn: day("2026-11-05"), note: "dette de loyer", previous: nil), to: ref,
      expectedVersion: nil, by: "C. Martin")
    try await s.apply(
      .aidDecision(id: "A1", decision: .refuse, on: day("2026-11-12"), grantedCents: nil, repayment: nil), to: ref, expectedVersion: nil,
      by: "C. Martin")
    // A decision is final (except a postponement): refiling is a new request.
    await #expect(throws: StoreError.self) {
      try await s.apply(
        .aidDecision(id: "A1", decision: .accorde, on: day("2026-11-13"), grantedCents: 85_000, repayment: nil), to: ref,
        expectedVersion: nil, by: "t")
    }
    try await s.apply(
      .aidRequest(organisation: .fsl, kind: .pret, askedCents: 85_000, filedOn: day("2026-11-14"), note: nil, previous: "A1"), to: ref,
      expectedVersion: nil, by: "C. Martin")
    // Granted needs an amount; a refusal has none; a repayment is for a loan.
    await #expect(throws: StoreError.self) {
      try await s.apply(
        .aidDecision(id: "A2", decision: .accorde, on: day("2026-11-20"), grantedCents: nil, repayment: nil), to: ref, expectedVersion: nil,
        by: "t")
    }
    await #expect(throws: StoreError.self) {
      try await s.apply(
        .aidDecision(id: "A2", decision: .accorde, on: day("2026-11-10"), grantedCents: 85_000, repayment: nil), to: ref,
        expectedVersion: nil, by: "t")
    }
    try await s.apply(
      .aidDecision(
        id: "A2", decision: .accorde, on: day("2026-11-20"), grantedCents: 85_000,
        repayment: .init(monthlyCents: 5_000, months: 17, firstOn: day("2027-01-05"))),
      to: ref, expectedVersion: nil, by: "C. Martin")
    await #expect(throws: StoreError.self) {
      try await s.apply(
        .aidRequest(organisation: .caf, kind: .secours, askedCents: nil, filedOn: day("2026-11-20"), note: nil, previous: "A9"), to: ref,
        expectedVersion: nil, by: "t")
    }
    let r = try await s.load(ref, by: "t")
    #expect(r.aidRequests.map(\.id) == ["A1", "A2"])
    #expect(r.aidRequests[0].decision == .refuse && r.aidRequests[0].grantedCents == nil && r.aidRequests[0].note == "dette de loyer")
    #expect(r.aidRequests[1].previous == "A1" && r.aidRequests[1].grantedCents == 85_000)
    #expect(r.aidRequests[1].repayment == .init(monthlyCents: 5_000, months: 17, firstOn: day("2027-01-05")))
    #expect(r.aidRequests[1].french.contains("remboursement 50,00\u{00A0}€ par mois pendant 17 mois"))
    #expect(
      try await s.auditLog(ref).filter { $0.action.hasPrefix("aide-") }.map(\.action) == [
        "aide-demandee", "aide-decision", "aide-demandee", "aide-decision",
      ])
    // The granted loan becomes a variant: its repayment a monthly charge of 50 €.
    let scenario = try ScenarioFile.parse(r.situations[0].scenarioText, file: "s")
    let variant = try r.aidRequests[1].variant(in: scenario, creditor: nil)
    #expect(variant.changes.count == 1)
    if case .addCharge(let c) = variant.changes[0] { #expect(c.amount == Money(cents: 5_000)) } else { Issue.record("charge attendue") }
    #expect(throws: StoreError.self) { _ = try r.aidRequests[0].variant(in: scenario, creditor: nil) }
    // The review counts them.
    let review = try CaseDocuments.review(r, measure: nil, proposal: .clore, comment: nil, date: day("2026-11-23"))
    #expect(review["aides_resume"] as? String == "2 demande(s), 1 accordée(s), 850,00\u{00A0}€ obtenus")
    #expect((review["aides"] as? [[String: Any]])?.map { $0["decision"] as? String } == ["refusé le 12/11/2026", "accordé le 20/11/2026"])
    #expect(try await s.verify().isEmpty)
  }

  @Test("Une action en retard remonte dans les alertes, par la base comme par le dossier lu", arguments: Backends.all)
  func overdueAction(_ backend: String) async throws {
    let s = try await Backends.open(try Backends.fresh(backend))
    defer { Task { try? await s.close() } }
    let ref = try await CaseStoreTests.newCase(s)
    try await s.apply(
      .objective(theme: .logement, wording: "Apurer la dette", agreed: true, due: nil), to: ref, expectedVersion: nil, by: "t")
    try await s.apply(
      .action(objective: "O1", wording: "Demander le FSL", due: day("2026-11-30"), owner: .conseiller), to: ref, expectedVersion: nil,
      by: "t")
    try await s.apply(
      .action(objective: "O1", wording: "Apporter la quittance", due: day("2026-11-30"), owner: .menage), to: ref, expectedVersion: nil,
      by: "t")
    try await s.apply(.actionUpdate(id: "O1.2", status: .faite), to: ref, expectedVersion: nil, by: "t")
    let record = try await s.load(ref, by: "t")
    for (d, expected) in [
      ("2026-11-30", [String]()),
      ("2026-12-01", ["action O1.1 « Demander le FSL » (le conseiller) : échéance du 30 novembre 2026 dépassée"]),
    ] {
      let fromStore = try #require(try await s.followUpInputs(CaseFilter(), among: [ref], today: day(d)).first { $0.ref == ref })
      for input in [FollowUp.Input(record), fromStore] {
        #expect(FollowUp.alerts(input, policy: .shipped, today: day(d)).map(\.message) == expected)
      }
    }
  }

  @Test("Pièces du ménage : type lu dans le contenu, 10 Mo au plus, liste des pièces cochée", arguments: Backends.all)
  func pieces(_ backend: String) async throws {
    let s = try await Backends.open(try Backends.fresh(backend))
    defer { Task { try? await s.close() } }
    let ref = try await CaseStoreTests.newCase(s)
    var r = try await s.load(ref, by: "t")
    let before = PieceChecklist(r)
    let line = try #require(before.lines.first { $0.piece.hasPrefix("Trois derniers bulletins de salaire") }).piece
    #expect(before.missing == before.lines.count)
    try await s.apply(
      .piece(fileName: "bulletins.pdf", date: day("2026-11-10"), checklistLine: line, content: Self.pdf), to: ref, expectedVersion: nil,
      by: "t")
    try await s.apply(
      .piece(fileName: "avis.png", date: day("2026-11-10"), checklistLine: nil, content: Self.png), to: ref, expectedVersion: nil, by: "t")
    // A program renamed .pdf, an empty file and 10 MB + 1 byte are refused, and nothing is written.
    for (name, bytes) in [
      ("facture.pdf", Self.exe), ("vide.pdf", []),
      ("gros.pdf", Self.pdf + [UInt8](repeating: 0, count: UploadedPiece.maximumBytes + 1 - Self.pdf.count)),
    ] {
      await #expect(throws: StoreError.self, "\(name)") {
        try await s.apply(
          .piece(fileName: name, date: day("2026-11-10"), checklistLine: nil, content: bytes), to: ref, expectedVersion: nil, by: "t")
      }
    }
    r = try await s.load(ref, by: "t")
    #expect(r.documents.map(\.format) == ["pdf", "png"] && r.documents.allSatisfy(\.isPiece))
    let after = PieceChecklist(r)
    #expect(after.missing == before.missing - 1)
    #expect(after.lines.first { $0.piece == line }?.received.map(\.id) == ["D1"])
    #expect(after.unlinked.map(\.id) == ["D2"])
    #expect(try await s.documentContent(ref, id: "D1") == Self.pdf)
    #expect(r.file.version == 3)
  }

  @Test("Suspendre une mesure recule sa fin d'autant de jours, sans alerte pendant la suspension", arguments: Backends.all)
  func suspension(_ backend: String) async throws {
    let s = try await Backends.open(try Backends.fresh(backend))
    defer { Task { try? await s.close() } }
    let ref = try await CaseStoreTests.newCase(s)
    try await s.apply(
      .openMeasure(type: .asll, prescriber: "FSL", start: day("2026-05-01"), months: 6), to: ref, expectedVersion: nil, by: "t")
    // 6 months from 1 May: last day 31 October 2026.
    #expect(try await s.load(ref, by: "t").measures[0].plannedEnd == day("2026-11-01"))
    try await s.apply(.suspendMeasure(id: "M1", on: day("2026-09-01"), reason: "hospitalisation"), to: ref, expectedVersion: nil, by: "t")
    await #expect(throws: StoreError.self) {
      try await s.apply(.suspendMeasure(id: "M1", on: day("2026-09-02"), reason: "x"), to: ref, expectedVersion: nil, by: "t")
    }
    var m = try await s.load(ref, by: "t").measures[0]
    #expect(m.isSuspended)
    #expect(FollowUp.alerts(FollowUp.Input(try await s.load(ref, by: "t")), policy: .shipped, today: day("2026-11-23")).isEmpty)
    try await s.apply(.resumeMeasure(id: "M1", on: day("2026-09-21")), to: ref, expectedVersion: nil, by: "t")
    m = try await s.load(ref, by: "t").measures[0]
    // 20 days suspended: the end moves from 1 November to 21 November.
    #expect(!m.isSuspended && m.suspendedDays == 20 && m.plannedEnd == day("2026-11-21"))
    #expect(MeasurePolicy.shipped.summary(m).contains("(20 jours de suspension)"))
    await #expect(throws: StoreError.self) {
      try await s.apply(.resumeMeasure(id: "M1", on: day("2026-09-22")), to: ref, expectedVersion: nil, by: "t")
    }
  }

  @Test("Nouvelle situation : le journal dit ce qui a changé, champ par champ, en français", arguments: Backends.all)
  func readableDiff(_ backend: String) async throws {
    let s = try await Backends.open(try Backends.fresh(backend))
    defer { Task { try? await s.close() } }
    let ref = try await CaseStoreTests.newCase(s)
    var draft = try exampleDraft(date: "2026-11-20")
    draft.scenarioText = draft.scenarioText.replacingOccurrences(of: "loyer: 420", with: "loyer: 450")
      .replacingOccurrences(of: "{type: salaire, montant: 600", with: "{type: salaire, montant: 1200")
    try await s.apply(.situation(draft), to: ref, expectedVersion: nil, by: "t")
    let line = try #require(try await s.auditLog(ref).last { $0.action == "situation" })
    #expect(line.detail.contains("loyer : 420,00\u{00A0}€ → 450,00\u{00A0}€"))
    #expect(line.detail.contains("ressource salaire (Sophie) « CDD à mi-temps » : 600,00\u{00A0}€ → 1\u{00A0}200,00\u{00A0}€ par mois"))
    #expect(line.detail.contains("date : 1er novembre 2026 → 20 novembre 2026"))
    #expect(!line.detail.contains("montant:"))
  }

  @Test("Archivage : chaque champ personnel effacé, les chiffres restent dans le rapport", arguments: Backends.all)
  func archiveKeepsFigures(_ backend: String) async throws {
    let s = try await Backends.open(try Backends.fresh(backend))
    defer { Task { try? await s.close() } }
    let ref = try await CaseStoreTests.newCase(s)
    try await s.apply(
      .openMeasure(type: .asll, prescriber: "Mme Prescriptrice", start: day("2026-11-01"), months: 6), to: ref, expectedVersion: nil,
      by: "t")
    try await s.apply(
      .objective(theme: .logement, wording: "Reloger Sophie rue X", agreed: true, due: nil), to: ref, expectedVersion: nil, by: "t")
    try await s.apply(
      .objectiveUpdate(id: "O1", status: .atteint, wording: nil, due: nil, agreed: nil, assessment: "Sophie relogée"), to: ref,
      expectedVersion: nil, by: "t")
    try await s.apply(
      .action(objective: "O1", wording: "Appeler le bailleur de Sophie", due: nil, owner: .menage), to: ref, expectedVersion: nil, by: "t")
    try await s.apply(
      .aidRequest(organisation: .fsl, kind: .impayes, askedCents: 50_000, filedOn: day("2026-11-05"), note: "Sophie, dette", previous: nil),
      to: ref, expectedVersion: nil, by: "t")
    try await s.apply(
      .aidDecision(id: "A1", decision: .accorde, on: day("2026-11-10"), grantedCents: 40_000, repayment: nil), to: ref,
      expectedVersion: nil, by: "t")
    try await s.apply(
      .piece(fileName: "sophie-bulletin.pdf", date: day("2026-11-10"), checklistLine: "x", content: Self.pdf), to: ref,
      expectedVersion: nil, by: "t")
    try await s.apply(
      .contact(
        date: day("2026-11-12"), channel: .visiteDomicile, synthesis: "Sophie va mieux", privateNote: "secret", nextAppointment: nil),
      to: ref, expectedVersion: nil, by: "t")
    try await s.apply(
      .appointment(date: day("2026-11-30"), time: "10:00", channel: .visiteDomicile, purpose: "voir Sophie"), to: ref, expectedVersion: nil,
      by: "t")
    try await s.apply(.situation(try exampleDraft(date: "2026-11-20")), to: ref, expectedVersion: nil, by: "t")
    try await s.apply(
      .close(reason: .relogement, note: "Sophie relogée rue Y", on: day("2026-11-22")), to: ref, expectedVersion: nil, by: "t")
    let filter = YearReport.Filter(from: day("2026-01-01"), to: day("2026-12-31"))
    let before = YearReport(try await s.reportRecords(CaseFilter(), by: "t"), filter: filter, policy: .shipped)
    #expect(try await s.purge(closedBefore: day("2026-11-23"), by: "t") == [ref])
    let r = try await s.load(ref, by: "t")
    // Every text written about the person is gone, wherever it was.
    let dump = (try FrenchKeys.writer.string(r)) + (try await s.auditLog(ref)).map(\.detail).joined()
    for word in ["Sophie", "secret", "rue X", "rue Y", "Prescriptrice", "bailleur", "Mère séparée"] {
      #expect(!dump.contains(word), "\(word)")
    }
    #expect(r.contacts.isEmpty && r.documents.isEmpty && r.appointments.isEmpty && r.objectives.allSatisfy { $0.actions.isEmpty })
    // The report counts the same after archiving.
    let after = YearReport(try await s.reportRecords(CaseFilter(), by: "t"), filter: filter, policy: .shipped)
    #expect(
      after.total == before.total && after.objectives == before.objectives && after.aids == before.aids
        && after.evolution == before.evolution)
    #expect(
      after.aids == [YearReport.AidLine(organisation: "FSL", decision: "accordé", count: 1, askedCents: 50_000, grantedCents: 40_000)])
    #expect(try await s.verify().isEmpty)
  }

  @Test("Exporter puis importer garde les demandes d'aide, les pièces et la suspension", arguments: Backends.all)
  func exportImport(_ backend: String) async throws {
    let s = try await Backends.open(try Backends.fresh(backend))
    defer { Task { try? await s.close() } }
    let ref = try await CaseStoreTests.newCase(s)
    try await s.apply(
      .openMeasure(type: .asll, prescriber: nil, start: day("2026-11-01"), months: 6), to: ref, expectedVersion: nil, by: "t")
    try await s.apply(.suspendMeasure(id: "M1", on: day("2026-11-10"), reason: "absence"), to: ref, expectedVersion: nil, by: "t")
    try await s.apply(
      .aidRequest(organisation: .actionLogement, kind: .pret, askedCents: 120_000, filedOn: day("2026-11-05"), note: nil, previous: nil),
      to: ref, expectedVersion: nil, by: "t")
    try await s.apply(
      .aidDecision(
        id: "A1", decision: .partiel, on: day("2026-11-15"), grantedCents: 80_000, repayment: .init(monthlyCents: 4_000, months: 20)),
      to: ref, expectedVersion: nil, by: "t")
    try await s.apply(
      .piece(fileName: "avis.png", date: day("2026-11-10"), checklistLine: "Dernier avis d'imposition", content: Self.png), to: ref,
      expectedVersion: nil, by: "t")
    let record = try await s.load(ref, by: "t")
    let files = try CaseArchive.files(
      record, documents: ["D1": Self.png], audit: try await s.auditLog(ref), exportedAt: "2026-11-23T00:00:00Z")
    let json = String(decoding: try #require(files.first { $0.path == "dossier.json" }).bytes, as: UTF8.self)
    #expect(json.contains("\"aides\"") && json.contains("\"montant_accorde_centimes\": 80000") && json.contains("\"ligne_liste_pieces\""))
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "equilibre-aides-\(getpid())-\(backend)-\(UInt32.random(in: 0...UInt32.max))"
    ).path
    try CaseArchive.write(
      record, documents: ["D1": Self.png], audit: try await s.auditLog(ref), to: dir, exportedAt: "2026-11-23T00:00:00Z")
    let (back, docs) = try CaseArchive.read(dir)
    let target = try await Backends.open(try Backends.fresh(backend))
    defer { Task { try? await target.close() } }
    try await target.importCase(back, documents: docs, by: "t")
    #expect(try await target.load(ref, by: "t") == record)
  }
}

@Suite("Rapport d'activité : comptes faits à la main")
struct YearReportTests {
  static func record(
    _ n: Int, counsellor: String, opened: String, closed: String? = nil, measure: MeasureType = .asll, aids: [AidRequest] = [],
    objectives: [Objective] = [], figures: [(rav: Int, debts: Int)] = []
  ) -> CaseRecord {
    var file = CaseFile(ref: CaseRef(year: 2026, number: n), label: "", counsellor: counsellor, openedOn: day(opened))
    if let closed {
      file.status = .clos
      file.closedOn = day(closed)
      file.closingReason = .objectifsAtteints
    }
    let situations = figures.enumerated().map { k, f in
      SituationVersion(
        number: k + 1, date: day(opened).adding(days: 30 * k), scenarioText: "",
        figures: KeyFigures(
          resources: 0, charges: 0, resteAVivre: f.rav, perUCPerDay: nil, effortRate: nil, capacity: 0, bindingTerm: "", totalDebts: f.debts
        ),
        note: nil, savedAt: "", savedBy: "")
    }
    return CaseRecord(
      file: file, situations: situations, measures: [Measure(id: "M1", type: measure, start: day(opened), plannedMonths: 6)],
      objectives: objectives,
      aidRequests: aids)
  }

  @Test("Trois dossiers, deux conseillers : suivis, entrées, sorties, durées, aides et évolution")
  func handCounts() throws {
    let records = [
      // Opened 2025, closed in 2026 after 400 days.
      Self.record(
        1, counsellor: "ana", opened: "2025-03-01", closed: "2026-04-05",
        objectives: [Objective(id: "O1", theme: .logement, wording: "", status: .atteint)]),
      // Opened and closed in 2026: 100 days.
      Self.record(
        2, counsellor: "ana", opened: "2026-02-01", closed: "2026-05-12", measure: .actiLoge,
        aids: [
          AidRequest(
            id: "A1", organisation: .fsl, kind: .impayes, askedCents: 80_000, filedOn: day("2026-02-10"), decision: .refuse,
            decidedOn: day("2026-03-01")),
          AidRequest(
            id: "A2", organisation: .fsl, kind: .impayes, askedCents: 80_000, filedOn: day("2026-03-10"), decision: .accorde,
            decidedOn: day("2026-04-01"), grantedCents: 60_000),
        ],
        figures: [(10_000, 500_000), (25_000, 420_000)]),
      // Opened in 2026, still open; a filing made.
      Self.record(
        3, counsellor: "bruno", opened: "2026-06-01",
        aids: [
          AidRequest(id: "A1", organisation: .banqueDeFrance, kind: .dossierSurendettement, askedCents: nil, filedOn: day("2026-07-01"))
        ],
        objectives: [
          Objective(id: "O1", theme: .budget, wording: "", status: .enCours),
          Objective(id: "O2", theme: .logement, wording: "", status: .abandonne),
        ],
        figures: [(30_000, 900_000), (20_000, 0)]),
      // Closed in 2025: not followed in 2026.
      Self.record(4, counsellor: "bruno", opened: "2024-01-01", closed: "2025-12-31"),
    ]
    let r = YearReport(records, filter: .init(from: day("2026-01-01"), to: day("2026-12-31")), policy: .shipped)
    let total = YearReport.Activity(label: "tous les ménages", followed: 3, opened: 2, closed: 2)
    #expect(r.total == total)
    #expect(r.byCounsellor.map { "\($0.label) \($0.followed)/\($0.opened)/\($0.closed)" } == ["ana 2/1/2", "bruno 1/1/0"])
    #expect(r.byFunder.map { "\($0.label) \($0.followed)" } == ["Action Logement 1", "le département (FSL) 2"])
    #expect(r.durationsDays == [100, 400] && r.meanDurationDays == 250)
    let expected: [YearReport.AidLine] = [
      .init(organisation: "FSL", decision: "accordé", count: 1, askedCents: 80_000, grantedCents: 60_000),
      .init(organisation: "FSL", decision: "refusé", count: 1, askedCents: 80_000, grantedCents: 0),
      .init(organisation: "Banque de France", decision: "en attente", count: 1, askedCents: 0, grantedCents: 0),
    ]
    #expect(r.aids == expected)
    #expect(r.filings == 1)
    // Reste à vivre: (100 + 300) / 2 = 200 € before, (250 + 200) / 2 = 225 € after; one household improved.
    #expect(r.evolution.households == 2 && r.evolution.mean(r.evolution.firstResteAVivreCents) == Money(cents: 20_000))
    #expect(r.evolution.mean(r.evolution.lastResteAVivreCents) == Money(cents: 22_500) && r.evolution.improved == 1)
    #expect(r.evolution.mean(r.evolution.lastDebtsCents) == Money(cents: 210_000))
    let logement = try #require(r.objectives.first { $0.domain == ObjectiveTheme.logement.french })
    #expect(logement.total == 2 && logement.byStatus[ObjectiveStatus.allCases.firstIndex(of: .atteint)!] == 1)
    // One counsellor, one measure.
    let bruno = YearReport(records, filter: .init(from: day("2026-01-01"), to: day("2026-12-31"), counsellor: "bruno"), policy: .shipped)
    #expect(bruno.total.followed == 1 && bruno.filings == 1)
    let acti = YearReport(records, filter: .init(from: day("2026-01-01"), to: day("2026-12-31"), measure: .actiLoge), policy: .shipped)
    #expect(acti.total.followed == 1 && acti.aids.count == 2)
  }

  @Test("CSV : UTF-8 avec BOM, « ; », virgule décimale, formules neutralisées")
  func csv() {
    let records = [
      Self.record(
        1, counsellor: "=HYPERLINK(\"x\")", opened: "2026-02-01",
        aids: [
          AidRequest(
            id: "A1", organisation: .caf, kind: .secours, askedCents: 12_345, filedOn: day("2026-02-10"), decision: .partiel,
            decidedOn: day("2026-03-01"), grantedCents: 10_050)
        ])
    ]
    let text = YearReport(records, filter: .init(from: day("2026-01-01"), to: day("2026-12-31")), policy: .shipped).csv
    #expect(text.hasPrefix("\u{FEFF}Rapport d'activité;"))
    #expect(text.contains("CAF;partiellement accordé;1;123,45;100,50\r\n"))
    // A name is never a cell of its own: quoted, with its quotes doubled.
    #expect(text.contains("\"conseiller : =HYPERLINK(\"\"x\"\")\";1;1;0\r\n"))
    #expect(text.contains("\r\n") && !text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
  }
}
