import EquilibreCases
import EquilibreCore
import Foundation
import Testing

/// Every schema the project has shipped, filled as that version wrote it, then opened by this
/// version: the migration keeps every row and the base passes its checks.
@Suite("Migrations : chaque schéma livré, rempli, migré sans perte")
struct MigrationTests {
  static let ref = "EQ-2026-00001"
  static let at = "2026-01-05T10:00:00.000Z"

  /// A literal SQL string (both engines: quotes doubled, backslashes as they are).
  static func lit(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "''") + "'" }

  /// What version `schema` of Équilibre wrote for one followed household, in that schema's columns.
  static func fill(_ schema: Int, _ backend: StoreBackend, draft: SituationDraft) throws -> [String] {
    let figures = try JSONWriter.stored.string(draft.figures)
    let hello = backend == .sqlite ? "X'68656c6c6f'" : "'\\x68656c6c6f'::bytea"
    let r = lit(ref)
    var sql = [
      "INSERT INTO counters (name, value) VALUES ('dossier-2026', 1)",
      """
      INSERT INTO cases (ref, year, label, counsellor, structure, status, opened_on, version, purged, next_appointment, updated_at, updated_by)
      VALUES (\(r), 2026, 'Ménage Éloïse N''Diaye', 'C. Martin', 'Association Exemple', 'ouvert', '2026-01-05', 1, 0, '2026-02-02', \(lit(at)), 'C. Martin')
      """,
      """
      INSERT INTO situations (ref, number, date, scenario, figures, note, saved_at, saved_by)
      VALUES (\(r), 1, '2026-01-05', \(lit(draft.scenarioText)), \(lit(figures)), 'premier entretien', \(lit(at)), 'C. Martin')
      """,
      "INSERT INTO measures (ref, id, type, prescriber, start_on, planned_months) VALUES (\(r), 'M1', 'acti-loge', 'Action Logement', '2026-01-05', 6)",
      "INSERT INTO renewals (ref, measure_id, rank, date, months, agreed_by) VALUES (\(r), 'M1', 1, '2026-06-20', 3, 'Action Logement')",
      """
      INSERT INTO objectives (ref, id, rank, theme, wording, agreed, status, due)
      VALUES (\(r), 'O1', 1, 'logement', 'Apurer la dette de loyer', 1, 'en-cours', '2026-03-01')
      """,
      "INSERT INTO actions (ref, id, objective_id, rank, wording, status, due) VALUES (\(r), 'O1.1', 'O1', 1, 'Demander le FSL', 'prevue', '2026-02-01')",
      """
      INSERT INTO contacts (ref, id, rank, date, channel, synthesis, private_note, next_appointment, counsellor)
      VALUES (\(r), 'C1', 1, '2026-01-20', 'visite-domicile', 'Budget revu ensemble', 'note privée', '2026-02-02', 'C. Martin')
      """,
      """
      INSERT INTO documents (ref, id, rank, type, date, situation_number, format, sha256, size, file_name, content)
      VALUES (\(r), 'D1', 1, 'convention', '2026-01-05', 1, 'txt', '\(CaseArchive.sha(Array("hello".utf8)))', 5, 'convention.txt', \(hello))
      """,
      "INSERT INTO audit (seq, ref, version, at, actor, action, detail) VALUES (1, \(r), 1, \(lit(at)), 'C. Martin', 'ouverture', 'dossier ouvert')",
      "UPDATE counters SET value = 1 WHERE name = 'audit'",
    ]
    if schema >= 2 {
      sql += [
        """
        INSERT INTO accounts (login, name, role, structure, password_hash, active, created_at, updated_at)
        VALUES ('paul', 'Paul', 'conseiller', 'Association Exemple', 'h', 1, \(lit(at)), \(lit(at)))
        """,
        "INSERT INTO shares (ref, login, granted_at, granted_by) VALUES (\(r), 'paul', \(lit(at)), 'C. Martin')",
      ]
    }
    if schema >= 3 { sql.append("UPDATE situations SET variants = '' WHERE ref = \(r)") }
    if schema >= 4 {
      sql += [
        "UPDATE objectives SET assessment = 'En bonne voie' WHERE ref = \(r)",
        "UPDATE actions SET owner = 'menage' WHERE ref = \(r)",
        """
        INSERT INTO appointments (ref, id, rank, date, time, channel, purpose, counsellor, contact_id)
        VALUES (\(r), 'R1', 1, '2026-02-02', '14:30', 'entretien-bureau', 'Point sur le FSL', 'C. Martin', NULL)
        """,
      ]
    }
    if schema >= 5 {
      sql += [
        """
        INSERT INTO aid_requests (ref, id, rank, organisation, kind, asked_cents, filed_on, decision, decided_on, granted_cents,
          repayment_cents, repayment_months, repayment_from, note, previous)
        VALUES (\(r), 'A1', 1, 'fsl', 'maintien', 85000, '2026-01-10', 'accordee', '2026-01-25', 85000, NULL, NULL, NULL, 'dette de loyer', NULL)
        """,
        "UPDATE documents SET origin = 'menage', checklist_line = 'Avis d''imposition' WHERE ref = \(r)",
      ]
    }
    if schema >= 6 {
      sql.append("INSERT INTO web_sessions (key, login, value, expires_at, last_seen) VALUES ('s1', 'paul', '{}', NULL, 1)")
    }
    return sql
  }

  /// A base at `schema`: that schema's statements (never edited once shipped), then its data.
  static func baseAt(_ schema: Int, _ backend: String, draft: SituationDraft) throws -> String {
    let location = try Backends.fresh(backend)
    let engine: StoreBackend = backend == "sqlite" ? .sqlite : .postgres
    let statements =
      ["CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)", "INSERT INTO meta (key, value) VALUES ('schema', '\(schema)')"]
      + Schema.migrations(engine).prefix(schema).flatMap { $0 } + (try fill(schema, engine, draft: draft))
    let script = statements.joined(separator: ";\n") + ";"
    if backend == "sqlite" { try sqliteScript(location, script) } else { try Backends.psql(location, script) }
    return location
  }

  static func sqliteScript(_ path: String, _ sql: String) throws {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = [
      "python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()", path, sql,
    ]
    try p.run()
    p.waitUntilExit()
    guard p.terminationStatus == 0 else { throw StoreError.unavailable("sqlite : script refusé") }
  }

  @Test("Schémas 1 à 6, tels que livrés : migrés au schéma courant, rien de perdu, recherche et échéances prêtes", arguments: Backends.all)
  func everyShippedSchema(_ backend: String) async throws {
    let draft = try exampleDraft()
    #expect(Schema.version == 7)
    for schema in 1..<Schema.version {
      let location = try Self.baseAt(schema, backend, draft: draft)
      let s = try await Backends.open(location)
      defer { Task { try? await s.close() } }
      let tag = "schéma \(schema)"
      #expect(try await s.schemaVersion() == Schema.version, "\(tag)")
      let r = try await s.load(CaseRef(Self.ref)!, by: "t")
      #expect(r.file.label == "Ménage Éloïse N'Diaye" && r.file.counsellor == "C. Martin" && r.file.version == 1, "\(tag)")
      #expect(r.situations.map(\.scenarioText) == [draft.scenarioText] && r.situations[0].figures == draft.figures, "\(tag)")
      #expect(r.situations[0].note == "premier entretien", "\(tag)")
      #expect(r.measures.map(\.id) == ["M1"] && r.measures[0].renewals.map(\.months) == [3] && r.measures[0].grantedMonths == 9, "\(tag)")
      #expect(r.objectives.map(\.id) == ["O1"] && r.objectives[0].actions.map(\.id) == ["O1.1"], "\(tag)")
      #expect(r.contacts.map(\.privateNote) == ["note privée"], "\(tag)")
      #expect(try await s.documentContent(r.file.ref, id: "D1") == Array("hello".utf8), "\(tag)")
      #expect(r.objectives[0].assessment == (schema >= 4 ? "En bonne voie" : nil), "\(tag)")
      #expect(r.appointments.map(\.purpose) == (schema >= 4 ? ["Point sur le FSL"] : []), "\(tag)")
      #expect(r.aidRequests.map(\.grantedCents) == (schema >= 5 ? [85_000] : []), "\(tag)")
      #expect(r.documents.map(\.checklistLine) == [schema >= 5 ? "Avis d'imposition" : nil], "\(tag)")
      #expect(try await s.accounts().map(\.login) == (schema >= 2 ? ["paul"] : []), "\(tag)")
      #expect(try await s.session("s1", now: 2)?.login == (schema >= 6 ? "paul" : nil), "\(tag)")
      // The new search key was filled in by the migration; the due dates come from their query.
      #expect(try await s.page(CaseQuery(search: "eloise n'diaye")).cases.map(\.ref.text) == [Self.ref], "\(tag)")
      let inputs = try await s.followUpInputs(CaseFilter(), among: nil, today: CivilDate(iso: "2026-11-23")!)
      let alerts = inputs.flatMap { FollowUp.alerts($0, policy: .shipped, today: CivilDate(iso: "2026-11-23")!) }
      #expect(alerts.map(\.kind) == FollowUp.alerts(FollowUp.Input(r), policy: .shipped, today: CivilDate(iso: "2026-11-23")!).map(\.kind))
      #expect(!alerts.isEmpty, "\(tag)")
      #expect(
        try await s.auditLog(nil).contains { $0.action == "migration" && $0.detail == "schéma \(schema) → \(Schema.version)" }, "\(tag)")
      #expect(try await s.verify().isEmpty, "\(tag)")
      // A change still works on the migrated base.
      let changed = try await s.apply(
        .objective(theme: .budget, wording: "Tenir le budget", agreed: true, due: nil), to: r.file.ref, expectedVersion: 1, by: "t")
      #expect(changed.version == 2, "\(tag)")
    }
  }
}
