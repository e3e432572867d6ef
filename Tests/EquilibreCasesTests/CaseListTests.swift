import EquilibreCases
import EquilibreCore
import Foundation
import PropertyBased
import Testing

/// The list of cases answered by SQL (filters, search, keyset pages) and the due dates read
/// by their query, checked against the whole cases they summarise.
@Suite("Liste des dossiers et échéances en SQL : SQLite et PostgreSQL, mêmes tests")
struct CaseListTests {
  static let labels = [
    "Ménage Éloïse N'Diaye", "Famille Dupont", "Mme Lefèvre", "M. Œuvray", "Famille 100% solidaire", "Ménage_Test", "Famille dupond",
  ]

  static func open(_ s: SQLCaseStore, _ label: String, counsellor: String = "C. Martin") async throws -> CaseRef {
    try await s.openCase(
      NewCase(
        label: label, counsellor: counsellor, structure: "Association Exemple", openedOn: day("2026-01-05"),
        situation: try exampleDraft()), by: counsellor)
  }

  @Test("Pages par clé : mises bout à bout, dans un sens puis dans l'autre, elles redonnent la liste entière", arguments: Backends.all)
  func keysetPages(_ backend: String) async throws {
    let s = try await Backends.open(try Backends.fresh(backend))
    defer { Task { try? await s.close() } }
    var refs: [CaseRef] = []
    for i in 0..<23 {
      refs.append(try await Self.open(s, Self.labels[i % Self.labels.count], counsellor: i % 3 == 0 ? "P. Roux" : "C. Martin"))
    }
    let all = try await s.list(CaseFilter())
    #expect(all.map(\.ref) == refs && all.allSatisfy { $0.situations == 1 && $0.lastSituation == (try? exampleDraft())?.date })
    // Forward, 5 at a time.
    var seen: [CaseRef] = []
    var page = try await s.page(CaseQuery(limit: 5))
    #expect(page.total == 23 && !page.hasPrevious && page.hasNext)
    while true {
      seen += page.cases.map(\.ref)
      guard page.hasNext else { break }
      page = try await s.page(CaseQuery(after: page.cases.last!.ref, limit: 5))
      #expect(page.hasPrevious && page.total == 23)
    }
    #expect(seen == refs && page.cases.count == 3)
    // Backward from the end.
    var back: [CaseRef] = []
    page = try await s.page(CaseQuery(before: CaseRef(year: 2026, number: 99_999), limit: 5))
    while true {
      back = page.cases.map(\.ref) + back
      #expect(page.cases.count == 5 || !page.hasPrevious)
      guard page.hasPrevious else { break }
      page = try await s.page(CaseQuery(before: page.cases.first!.ref, limit: 5))
    }
    #expect(back == refs)
    // A counsellor's cases, paged too.
    let roux = try await s.page(CaseQuery(filter: CaseFilter(counsellor: "P. Roux"), limit: 3))
    #expect(roux.total == 8 && roux.cases.map(\.ref) == [refs[0], refs[3], refs[6]] && roux.hasNext)
  }

  @Test("Recherche : sans majuscules ni accents, par nom ou référence ; « % » et « _ » cherchés tels quels", arguments: Backends.all)
  func search(_ backend: String) async throws {
    let s = try await Backends.open(try Backends.fresh(backend))
    defer { Task { try? await s.close() } }
    var refs: [CaseRef] = []
    for label in Self.labels { refs.append(try await Self.open(s, label)) }
    func found(_ q: String) async throws -> [Int] {
      try await s.page(CaseQuery(search: q)).cases.compactMap { refs.firstIndex(of: $0.ref) }
    }
    #expect(try await found("eloise") == [0])
    #expect(try await found("  ÉLOÏSE   n'diaye ") == [0])
    #expect(try await found("lefevre") == [2])
    #expect(try await found("dupon") == [1, 6])
    #expect(try await found("100%") == [4])
    #expect(try await found("%") == [4])
    #expect(try await found("e_t") == [5])
    #expect(try await found("eq-2026-00003") == [2])
    #expect(try await found("00007") == [6])
    #expect(try await found("introuvable").isEmpty)
    // Measures under way: only the open ones count.
    try await s.apply(
      .openMeasure(type: .asll, prescriber: nil, start: day("2026-02-01"), months: 6), to: refs[1], expectedVersion: nil, by: "t")
    try await s.apply(
      .openMeasure(type: .asll, prescriber: nil, start: day("2026-02-01"), months: 6), to: refs[2], expectedVersion: nil, by: "t")
    try await s.apply(.closeMeasure(id: "M1", end: day("2026-05-01"), reason: "fin"), to: refs[2], expectedVersion: nil, by: "t")
    #expect(try await s.page(CaseQuery(measure: .asll)).cases.map(\.ref) == [refs[1]])
    #expect(try await s.page(CaseQuery(search: "famille", measure: .asll)).total == 1)
    #expect(try await s.verify().isEmpty)
  }

  @Test(
    "Un dossier lu en une seule requête (PostgreSQL) est le même que lu table par table (SQLite), texte hostile compris",
    .enabled(if: Backends.all.contains("postgres"), "PostgreSQL absent : EQUILIBRE_TEST_POSTGRES non défini"))
  func oneRoundTripRead() async throws {
    let hostile = "Ménage « Œ » \\ \"guillemets\" ' \u{202E}rebours\u{202C} 👪 \t tab\nligne\r\n{\"json\": [1]} %_"
    var records: [CaseRecord] = []
    for backend in ["sqlite", "postgres"] {
      let s = try await Backends.open(try Backends.fresh(backend))
      let ref = try await Self.open(s, hostile)
      for change in [
        CaseChange.openMeasure(type: .asll, prescriber: hostile, start: day("2026-02-01"), months: 6),
        .renewMeasure(id: "M1", renewal: Renewal(date: day("2026-07-15"), months: 3, agreedBy: hostile)),
        .objective(theme: .logement, wording: hostile, agreed: true, due: day("2026-03-01")),
        .action(objective: "O1", wording: hostile, due: day("2026-04-01"), owner: .menage),
        .contact(date: day("2026-02-10"), channel: .visiteDomicile, synthesis: hostile, privateNote: hostile, nextAppointment: nil),
        .appointment(date: day("2026-12-01"), time: "14:30", channel: .entretienBureau, purpose: hostile),
        .aidRequest(organisation: .fsl, kind: .subvention, askedCents: 85_000, filedOn: day("2026-02-12"), note: hostile, previous: nil),
        .document(
          type: "convention", date: day("2026-02-01"), situation: 1, format: "txt", fileName: "c.txt", content: Array(hostile.utf8)),
        .situation(try exampleDraft(date: "2026-03-01")),
      ] { try await s.apply(change, to: ref, expectedVersion: nil, by: hostile) }
      var r = try await s.load(ref, by: "t")
      // What differs by construction between two bases: the clock of each save.
      for i in r.situations.indices { r.situations[i].savedAt = "" }
      records.append(r)
      try await s.close()
    }
    #expect(records[0] == records[1])
    #expect(records[1].contacts.first?.synthesis == hostile && records[1].file.label == hostile)
  }

  /// One random change to a case, from a number (refused changes are part of the game).
  static func change(_ n: Int, _ k: Int) -> CaseChange {
    let opened = day("2026-01-05")
    switch n {
    case 0..<18:
      return .openMeasure(
        type: MeasureType.allCases[n % MeasureType.allCases.count], prescriber: nil, start: opened.adding(days: 9 * n + k),
        months: 1 + n % 8)
    case 18..<30:
      return .renewMeasure(id: "M\(1 + n % 2)", renewal: Renewal(date: opened.adding(days: 20 * n), months: 1 + n % 4, agreedBy: "x"))
    case 30..<36: return .suspendMeasure(id: "M1", on: opened.adding(days: 4 * n + k), reason: "hospitalisation")
    case 36..<40: return .resumeMeasure(id: "M1", on: opened.adding(days: 5 * n + k))
    case 40..<44: return .closeMeasure(id: "M\(1 + n % 2)", end: opened.adding(days: 6 * n), reason: "fin")
    case 44..<58:
      return .objective(
        theme: .budget, wording: "objectif \(n)", agreed: true, due: n % 5 == 0 ? nil : opened.adding(days: 25 * (n - 40) + k))
    case 58..<66:
      return .objectiveUpdate(
        id: "O\(1 + n % 3)", status: ObjectiveStatus.allCases[n % ObjectiveStatus.allCases.count], wording: nil, due: nil, agreed: nil)
    case 66..<78:
      return .action(objective: "O\(1 + n % 2)", wording: "action \(n)", due: opened.adding(days: 30 * (n - 60) + k), owner: .menage)
    case 78..<82: return .actionUpdate(id: "O1.\(1 + n % 2)", status: n % 2 == 0 ? .faite : .enCours)
    default:
      return .contact(
        date: opened.adding(days: 11 * (n - 80) + k), channel: n % 2 == 0 ? .visiteDomicile : .telephone, synthesis: "contact \(n)",
        privateNote: nil, nextAppointment: nil)
    }
  }

  @Test("Propriété : les échéances lues par requête sont celles du dossier entier, à toute date et tout horizon", arguments: Backends.all)
  func dueDatesFromQuery(_ backend: String) async throws {
    let s = try await Backends.open(try Backends.fresh(backend))
    defer { Task { try? await s.close() } }
    var kinds: Set<Alert.Kind> = []
    func compare(_ ref: CaseRef, _ what: String) async throws {
      let record = try await s.load(ref, by: "t")
      for today in ["2026-02-01", "2026-06-15", "2026-11-23", "2027-04-01"].map(day) {
        let fromQuery = try await s.followUpInputs(CaseFilter(), among: [ref], today: today)
        #expect(fromQuery.count == (record.file.status == .clos ? 0 : 1))
        for horizon in [0, 30, 120] {
          let expected = FollowUp.alerts(FollowUp.Input(record), policy: .shipped, today: today, horizonDays: horizon)
          let got = fromQuery.flatMap { FollowUp.alerts($0, policy: .shipped, today: today, horizonDays: horizon) }
          #expect(got == expected, "\(what) le \(today) à \(horizon) jours")
          kinds.formUnion(expected.map(\.kind))
        }
      }
    }
    // An ASLL renewed twice, as far as the policy allows.
    let renewed = try await Self.open(s, "ASLL renouvelée")
    for change in [
      CaseChange.openMeasure(type: .asll, prescriber: "FSL", start: day("2026-02-01"), months: 6),
      .renewMeasure(id: "M1", renewal: Renewal(date: day("2026-07-15"), months: 3, agreedBy: "commission")),
      .renewMeasure(id: "M1", renewal: Renewal(date: day("2026-10-15"), months: 3, agreedBy: "commission")),
    ] { try await s.apply(change, to: renewed, expectedVersion: nil, by: "t") }
    try await compare(renewed, "ASLL renouvelée deux fois")
    await propertyCheck(count: backend == "sqlite" ? 40 : 15, input: Gen.int(in: 0...99).array(of: 2...14), Gen.int(in: 0...3)) {
      ops, suspendFirst in
      let ref = try await Self.open(s, "Ménage \(ops)")
      for (k, n) in ops.enumerated() { _ = try? await s.apply(Self.change(n, k), to: ref, expectedVersion: nil, by: "t") }
      if suspendFirst == 0 { _ = try? await s.apply(.suspend(note: nil), to: ref, expectedVersion: nil, by: "t") }
      try await compare(ref, "\(ops)")
    }
    // The draws reach every kind of due date but the appointment of the day.
    #expect(kinds == [.renouvellement, .dureeMaximale, .visite, .objectif])
  }
}
