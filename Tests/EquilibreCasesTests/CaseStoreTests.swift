import EquilibreCases
import EquilibreCore
import Foundation
import Testing

/// One suite, run against a real SQLite file and a real PostgreSQL database.
@Suite("Base des dossiers : SQLite et PostgreSQL, mêmes tests")
struct CaseStoreTests {
  static func newCase(_ s: SQLCaseStore, _ draft: SituationDraft? = nil) async throws -> CaseRef {
    try await s.openCase(
      NewCase(
        label: "Mère séparée", counsellor: "C. Martin", structure: "Association Exemple", openedOn: day("2026-11-01"),
        situation: try draft ?? exampleDraft()), by: "C. Martin")
  }

  @Test("Ouvrir, modifier, relire : chaque modification a sa ligne de journal et fait monter la version", arguments: Backends.all)
  func lifecycle(_ backend: String) async throws {
    let s = try await Backends.open(try Backends.fresh(backend))
    defer { Task { try? await s.close() } }
    let ref = try await Self.newCase(s)
    #expect(ref.text == "EQ-2026-00001")
    // The figures saved with the situation are the scenario's hand calculation (Scenarios/parent-separe.yaml).
    var r = try await s.load(ref, by: "C. Martin")
    #expect(r.situations.count == 1)
    let f = r.situations[0].figures
    #expect(f.resources == 120_000 && f.charges == 97_000 && f.resteAVivre == 23_000)
    #expect(f.perUCPerDay == 479 && f.effortRate == 2447 && f.capacity == 2696 && f.bindingTerm == "rsa_foyer")
    #expect(r.situations[0].scenarioText == (try exampleDraft()).scenarioText)

    try await s.apply(
      .openMeasure(type: .actiLoge, prescriber: "Action Logement", start: day("2026-11-01"), months: 6), to: ref, expectedVersion: 1,
      by: "C. Martin")
    try await s.apply(
      .objective(theme: .logement, wording: "Apurer la dette de loyer", agreed: true, due: day("2027-03-31")), to: ref, expectedVersion: 2,
      by: "C. Martin")
    try await s.apply(.action(objective: "O1", wording: "Demander le FSL", due: nil), to: ref, expectedVersion: nil, by: "C. Martin")
    try await s.apply(
      .contact(
        date: day("2026-11-05"), channel: .visiteDomicile, synthesis: "Budget revu", privateNote: "note privée",
        nextAppointment: day("2026-12-03")),
      to: ref, expectedVersion: nil, by: "C. Martin")
    try await s.apply(
      .renewMeasure(id: "M1", renewal: Renewal(date: day("2027-04-20"), months: 4, agreedBy: "Mme X")), to: ref, expectedVersion: nil,
      by: "C. Martin")
    try await s.apply(
      .objectiveUpdate(id: "O1", status: .enCours, wording: nil, due: nil, agreed: nil), to: ref, expectedVersion: nil, by: "C. Martin")
    try await s.apply(.actionUpdate(id: "O1.1", status: .faite), to: ref, expectedVersion: nil, by: "C. Martin")
    try await s.apply(.situation(try exampleDraft(date: "2027-02-01")), to: ref, expectedVersion: nil, by: "C. Martin")
    let doc = Array("<html>dossier</html>".utf8)
    try await s.apply(
      .document(type: "dossier", date: day("2027-02-02"), situation: 2, format: "html", fileName: "d.html", content: doc), to: ref,
      expectedVersion: nil, by: "C. Martin")
    r = try await s.load(ref, by: "C. Martin")
    #expect(r.file.version == 10)
    #expect(r.situations.map(\.number) == [1, 2])
    #expect(r.measures.first?.grantedMonths == 10 && r.measures.first?.renewals.first?.agreedBy == "Mme X")
    #expect(r.objectives.first?.status == .enCours && r.objectives.first?.actions.first?.status == .faite)
    #expect(r.contacts.first?.privateNote == "note privée" && r.contacts.first?.nextAppointment == day("2026-12-03"))
    // SHA-256 of "<html>dossier</html>", computed independently (sha256sum).
    #expect(r.documents.first?.sha256 == "a88542c089f70b24714ddb0520a3406b6f85f571421dc6e43c1dbb4d67fa6679")
    #expect(try await s.documentContent(ref, id: "D1") == doc)
    let audit = try await s.auditLog(ref).filter { $0.version != nil }
    #expect(audit.map(\.version) == Array(1...10).map { Optional($0) })
    #expect(
      audit.map(\.action) == [
        "ouverture", "mesure-ouverte", "objectif", "action", "contact", "mesure-renouvelee", "objectif-modifie", "action-modifiee",
        "situation", "document",
      ])
    #expect(try await s.verify().isEmpty)
    // Reads are logged in shared mode only.
    let reads = try await s.auditLog(ref).filter { $0.action == "lecture" }.count
    #expect(backend == "postgres" ? reads >= 2 : reads == 0)
  }

  @Test(
    "Deux conseillers modifient le même dossier : le second reçoit une erreur claire, rien n'est perdu ni écrit à moitié",
    arguments: Backends.all)
  func optimisticLocking(_ backend: String) async throws {
    let location = try Backends.fresh(backend)
    let a = try await Backends.open(location)
    let b = try await Backends.open(location)
    let ref = try await Self.newCase(a)
    let readByA = try await a.load(ref, by: "A").file.version
    let readByB = try await b.load(ref, by: "B").file.version
    #expect(readByA == readByB)
    try await a.apply(
      .contact(date: day("2026-11-05"), channel: .telephone, synthesis: "appel A", privateNote: nil, nextAppointment: nil), to: ref,
      expectedVersion: readByA, by: "A")
    await #expect(throws: StoreError.self) {
      try await b.apply(
        .contact(date: day("2026-11-06"), channel: .telephone, synthesis: "appel B", privateNote: nil, nextAppointment: nil), to: ref,
        expectedVersion: readByB, by: "B")
    }
    do {
      try await b.apply(
        .contact(date: day("2026-11-06"), channel: .telephone, synthesis: "appel B", privateNote: nil, nextAppointment: nil), to: ref,
        expectedVersion: readByB, by: "B")
    } catch let e as StoreError {
      #expect(e.description.contains("modifié par A") && e.description.contains("rien n'a été enregistré"))
    }
    let after = try await b.load(ref, by: "B")
    #expect(after.contacts.map(\.synthesis) == ["appel A"])
    #expect(after.file.version == readByA + 1)
    // B re-reads, and its change goes through.
    try await b.apply(
      .contact(date: day("2026-11-06"), channel: .telephone, synthesis: "appel B", privateNote: nil, nextAppointment: nil), to: ref,
      expectedVersion: after.file.version, by: "B")
    #expect(try await a.load(ref, by: "A").contacts.count == 2)
    #expect(try await a.verify().isEmpty)
    try await a.close()
    try await b.close()
  }

  @Test("Une modification refusée ne laisse rien : ni ligne, ni version, ni journal", arguments: Backends.all)
  func rollback(_ backend: String) async throws {
    let s = try await Backends.open(try Backends.fresh(backend))
    let ref = try await Self.newCase(s)
    let before = try await s.auditLog(ref).filter { $0.version != nil }.count
    await #expect(throws: StoreError.self) {
      try await s.apply(.action(objective: "O9", wording: "x", due: nil), to: ref, expectedVersion: nil, by: "t")
    }
    await #expect(throws: StoreError.self) {
      try await s.apply(
        .objectiveUpdate(id: "O1", status: .atteint, wording: nil, due: nil, agreed: nil), to: ref, expectedVersion: nil, by: "t")
    }
    await #expect(throws: StoreError.self) {
      try await s.apply(
        .contact(date: day("2026-11-05"), channel: .courrier, synthesis: "  ", privateNote: nil, nextAppointment: nil), to: ref,
        expectedVersion: nil, by: "t")
    }
    #expect(try await s.load(ref, by: "t").file.version == 1)
    #expect(try await s.auditLog(ref).filter { $0.version != nil }.count == before)
    // A closed case takes no change but a reopening.
    try await s.apply(.close(reason: .objectifsAtteints, note: nil, on: day("2027-05-01")), to: ref, expectedVersion: nil, by: "t")
    await #expect(throws: StoreError.closed(ref)) {
      try await s.apply(
        .contact(date: day("2027-05-02"), channel: .courrier, synthesis: "x", privateNote: nil, nextAppointment: nil), to: ref,
        expectedVersion: nil, by: "t")
    }
    try await s.apply(.reopen, to: ref, expectedVersion: nil, by: "t")
    #expect(try await s.load(ref, by: "t").file.status == .ouvert)
    try await s.close()
  }

  @Test("Schéma : une base plus récente est refusée, sans être modifiée", arguments: Backends.all)
  func newerSchema(_ backend: String) async throws {
    let location = try Backends.fresh(backend)
    let s = try await Backends.open(location)
    _ = try await Self.newCase(s)
    try await s.close()
    // Pretend a future version wrote it.
    if backend == "sqlite" {
      try sqlite(location, "UPDATE meta SET value = '99' WHERE key = 'schema'")
    } else {
      try Backends.psql(location, "UPDATE meta SET value = '99' WHERE key = 'schema'")
    }
    await #expect(throws: StoreError.newerSchema(found: 99, known: 7)) { _ = try await Backends.open(location) }
  }

  @Test("Purge après la durée de conservation, effacement sur demande, statistiques anonymes", arguments: Backends.all)
  func retention(_ backend: String) async throws {
    let s = try await Backends.open(try Backends.fresh(backend))
    let old = try await Self.newCase(s)
    let recent = try await Self.newCase(s)
    let erased = try await Self.newCase(s)
    for ref in [old, recent, erased] {
      try await s.apply(
        .openMeasure(type: .asll, prescriber: "FSL", start: day("2026-11-01"), months: 6), to: ref, expectedVersion: nil, by: "t")
      try await s.apply(
        .contact(
          date: day("2026-11-05"), channel: .visiteDomicile, synthesis: "Sophie, 12 rue X", privateNote: "secret", nextAppointment: nil),
        to: ref, expectedVersion: nil, by: "t")
    }
    try await s.apply(.close(reason: .relogement, note: "relogée rue Y", on: day("2027-01-15")), to: old, expectedVersion: nil, by: "t")
    try await s.apply(.close(reason: .objectifsAtteints, note: nil, on: day("2029-06-01")), to: recent, expectedVersion: nil, by: "t")
    // Two years after 2029-03-01: only the case closed on 2027-01-15 is due.
    let purged = try await s.purge(closedBefore: day("2027-03-01"), by: "t")
    #expect(purged == [old])
    let p = try await s.load(old, by: "t")
    #expect(p.file.purged && p.file.label.isEmpty && p.file.closingNote == nil)
    // Archived: no text about the person; each situation's date and figures stay for the report.
    #expect(p.contacts.isEmpty && p.documents.isEmpty && p.appointments.isEmpty)
    #expect(
      p.situations.count == 1
        && p.situations.allSatisfy { $0.scenarioText.isEmpty && $0.note == nil && $0.variants == nil && $0.savedBy.isEmpty })
    #expect(p.situations[0].figures.resteAVivre == 23_000)
    #expect(try await s.auditLog(old).allSatisfy { $0.detail.isEmpty || $0.action == "purge" || $0.action == "lecture" })
    #expect(try await s.auditLog(old).filter { $0.version != nil }.allSatisfy { $0.detail.isEmpty })
    #expect(try await s.load(recent, by: "t").contacts.count == 1)
    try await s.erase(erased, by: "t")
    let e = try await s.load(erased, by: "t")
    #expect(e.file.purged && e.situations.allSatisfy(\.scenarioText.isEmpty) && e.contacts.isEmpty && e.file.status == .clos)
    #expect(try await s.auditLog(erased).contains { $0.action == "effacement" })
    let stats = try await s.statistics()
    #expect(stats.purged == 2)
    #expect(stats.byMeasureType == [Statistics.Count(key: "asll", count: 3)])
    // Two closed with a reason from the list; the erased case has none.
    #expect(Set(stats.byClosingReason.map { "\($0.key)=\($0.count)" }) == ["relogement=1", "objectifs-atteints=1", "—=1"])
    #expect(stats.byStatus == [Statistics.Count(key: "clos", count: 3)])
    // No personal text anywhere in the statistics.
    let text = String(decoding: try JSONEncoder().encode(stats), as: UTF8.self)
    #expect(!text.contains("Sophie") && !text.contains("rue") && !text.contains("secret"))
    #expect(try await s.verify().isEmpty)
    try await s.close()
  }

  @Test(
    "Variantes gardées à côté de la situation : pas de nouvelle version, journal dans la même transaction, lecture périmée refusée",
    arguments: Backends.all)
  func variantsBeside(_ backend: String) async throws {
    let s = try await Backends.open(try Backends.fresh(backend))
    defer { Task { try? await s.close() } }
    let ref = try await Self.newCase(s)
    var r = try await s.load(ref, by: "t")
    // Saved before any edit: the variants are the text's own.
    #expect(r.situations[0].variants == nil)
    #expect(r.situations[0].computed.text == r.situations[0].scenarioText)
    let base = try ScenarioFile.parse(r.situations[0].scenarioText, file: "s")
    var edited = base
    edited.variants.append(Variant(name: "Loyer baissé", changes: [.rentChange(Money(euros: -40))]))
    let yaml = VariantSet.yaml(edited)
    let file = try await s.apply(
      .variants(situation: 1, yaml: yaml, note: "variante « Loyer baissé » ajoutée"), to: ref, expectedVersion: r.file.version,
      by: "C. Martin")
    r = try await s.load(ref, by: "t")
    #expect(r.situations.count == 1 && r.file.version == file.version && r.situations[0].variants == yaml)
    let computed = try ScenarioFile.parse(r.situations[0].computed.text, file: "s")
    #expect(computed.variants.map(\.name) == ["CDD à temps plein", "Loyer baissé"])
    // The text as typed is untouched, comments included.
    #expect(r.situations[0].computed.text.contains("# « Et si elle passait à temps plein ? »"))
    // (PostgreSQL also logs the reads: the change's line is the last « variantes » one.)
    let last = try #require(try await s.auditLog(ref).last { $0.action == "variantes" })
    #expect(
      last.action == "variantes" && last.detail == "situation n° 1 : variante « Loyer baissé » ajoutée" && last.version == file.version)
    // A writer that read the previous version is refused; an unknown situation too.
    await #expect(throws: StoreError.self) {
      try await s.apply(.variants(situation: 1, yaml: "", note: "x"), to: ref, expectedVersion: file.version - 1, by: "t")
    }
    await #expect(throws: StoreError.invalid("situation n° 9 introuvable dans le dossier EQ-2026-00001")) {
      try await s.apply(.variants(situation: 9, yaml: "", note: "x"), to: ref, expectedVersion: nil, by: "t")
    }
    #expect(try await s.load(ref, by: "t").situations[0].variants == yaml)
  }

  @Test("Exporter puis importer dans une base vide donne un dossier identique ; un export altéré est refusé", arguments: Backends.all)
  func exportImport(_ backend: String) async throws {
    let s = try await Backends.open(try Backends.fresh(backend))
    let ref = try await Self.newCase(s)
    try await s.apply(
      .openMeasure(type: .actiLoge, prescriber: nil, start: day("2026-11-01"), months: 6), to: ref, expectedVersion: nil, by: "t")
    try await s.apply(
      .objective(theme: .budget, wording: "Tenir un budget", agreed: true, due: nil), to: ref, expectedVersion: nil, by: "t")
    try await s.apply(
      .document(type: "bilan", date: day("2026-12-01"), situation: 1, format: "pdf", fileName: "b.pdf", content: [0, 1, 2, 255]), to: ref,
      expectedVersion: nil, by: "t")
    try await s.apply(.situation(try exampleDraft(date: "2027-01-01")), to: ref, expectedVersion: nil, by: "t")
    let kept = "variantes:\n  - nom: \"Loyer\"\n    changements:\n      - loyer_variation: \"-40\"\n"
    try await s.apply(.variants(situation: 1, yaml: kept, note: "variante « Loyer » ajoutée"), to: ref, expectedVersion: nil, by: "t")
    let record = try await s.load(ref, by: "t")
    #expect(record.situations[0].variants == kept)
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "equilibre-export-\(getpid())-\(backend)-\(UInt32.random(in: 0...UInt32.max))"
    ).path
    try CaseArchive.write(
      record, documents: ["D1": try await s.documentContent(ref, id: "D1")], audit: try await s.auditLog(ref), to: dir,
      exportedAt: "2026-12-02T00:00:00Z")
    #expect(throws: StoreError.self) { try CaseArchive.write(record, documents: [:], audit: [], to: dir, exportedAt: "") }
    let (back, docs) = try CaseArchive.read(dir)
    let target = try await Backends.open(try Backends.fresh(backend))
    try await target.importCase(back, documents: docs, by: "t")
    #expect(try await target.load(ref, by: "t") == record)
    #expect(try await target.documentContent(ref, id: "D1") == [0, 1, 2, 255])
    #expect(try await target.verify().isEmpty)
    // The next case opened there gets a new reference.
    #expect(try await Self.newCase(target).text == "EQ-2026-00002")
    await #expect(throws: StoreError.exists(ref)) { try await target.importCase(back, documents: docs, by: "t") }
    // A modified situation file is refused.
    let yaml = (dir as NSString).appendingPathComponent("situations/1-2026-11-01.yaml")
    try "date: 2026-11-01\n".write(toFile: yaml, atomically: true, encoding: .utf8)
    #expect(throws: StoreError.self) { _ = try CaseArchive.read(dir) }
    try await s.close()
    try await target.close()
  }

  @Test("Contrôle : un document altéré en base est signalé", arguments: Backends.all)
  func tamper(_ backend: String) async throws {
    let location = try Backends.fresh(backend)
    let s = try await Backends.open(location)
    let ref = try await Self.newCase(s)
    try await s.apply(
      .document(type: "dossier", date: day("2026-12-01"), situation: 1, format: "html", fileName: "d.html", content: Array("abc".utf8)),
      to: ref, expectedVersion: nil, by: "t")
    #expect(try await s.verify().isEmpty)
    try await s.close()
    let statement = "UPDATE documents SET content = \(backend == "sqlite" ? "X'00'" : "'\\x00'::bytea")"
    if backend == "sqlite" { try sqlite(location, statement) } else { try Backends.psql(location, statement) }
    let again = try await Backends.open(location)
    #expect(try await again.verify().contains { $0.contains("document altéré") })
    try await again.close()
  }

  @Test("Sauvegarde SQLite en ligne : une copie contrôlée, identique, qui ne remplace jamais un fichier")
  func backup() async throws {
    let location = try Backends.fresh("sqlite")
    let s = try await Backends.open(location)
    let ref = try await Self.newCase(s)
    try await s.apply(
      .contact(date: day("2026-11-05"), channel: .telephone, synthesis: "appel", privateNote: nil, nextAppointment: nil), to: ref,
      expectedVersion: nil, by: "t")
    let copy = location + ".sauvegarde"
    // Taken while the base is open (and its WAL not checkpointed).
    try await SQLiteBackup.copy(from: location, to: copy)
    await #expect(throws: StoreError.self) { try await SQLiteBackup.copy(from: location, to: copy) }
    let restored = try await Backends.open(copy)
    #expect(try await restored.load(ref, by: "t") == (try await s.load(ref, by: "t")))
    #expect(try await restored.verify().isEmpty)
    try await restored.close()
    try await s.close()
  }

  @Test("Une nouvelle base SQLite n'est lisible que par son propriétaire (0600)")
  func permissions() async throws {
    let location = try Backends.fresh("sqlite")
    let s = try await Backends.open(location)
    try await s.close()
    let mode = (try FileManager.default.attributesOfItem(atPath: location)[.posixPermissions] as? NSNumber)?.intValue
    #expect(mode == 0o600)
  }
}

/// One SQL statement on an SQLite file, with the sqlite3 command if present, else through the store.
func sqlite(_ path: String, _ sql: String) throws {
  let p = Process()
  p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  p.arguments = ["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(sys.argv[2]); c.commit()", path, sql]
  try p.run()
  p.waitUntilExit()
  guard p.terminationStatus == 0 else { throw StoreError.unavailable("sqlite : \(sql)") }
}
