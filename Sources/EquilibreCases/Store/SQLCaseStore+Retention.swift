import EquilibreCore
import Foundation
import SQLKit

/// Import, retention, erasure, statistics and integrity checks of the base.
extension SQLCaseStore {
  // MARK: Import, retention, erasure, statistics, integrity

  public func importCase(_ record: CaseRecord, documents: [String: [UInt8]], by actor: String) async throws {
    // Checked whole before the transaction opens: nothing is written for a refused archive.
    try record.checkForImport(documents: documents)
    let ref = record.file.ref
    try await transaction {
      if try await first("SELECT ref FROM cases WHERE ref = \(bind: ref.text)") != nil { throw StoreError.exists(ref) }
      let f = record.file
      try await run(
        """
        INSERT INTO cases (ref, year, label, search_key, counsellor, structure, status, closing_reason, closing_note, opened_on, closed_on,
          version, purged, next_appointment, updated_at, updated_by)
        VALUES (\(bind: ref.text), \(bind: f.openedOn.year), \(bind: f.label), \(bind: SearchKey.of(label: f.label, ref: ref)), \(bind: f.counsellor), \(bind: f.structure),
          \(bind: f.status.rawValue), \(bind: f.closingReason?.rawValue), \(bind: f.closingNote), \(bind: f.openedOn.description),
          \(bind: f.closedOn?.description), \(bind: f.version), \(bind: f.purged ? 1 : 0),
          \(bind: FollowUp.Input(record).nextAppointment?.description), \(bind: now()), \(bind: actor))
        """)
      // Keep the reference counter ahead of imported references.
      let counter = "dossier-\(ref.year)"
      let number = ref.number
      if let row = try await first("SELECT value FROM counters WHERE name = \(bind: counter)") {
        if try row.decode(column: "value", as: Int.self) < number {
          try await run("UPDATE counters SET value = \(bind: number) WHERE name = \(bind: counter)")
        }
      } else {
        try await run("INSERT INTO counters (name, value) VALUES (\(bind: counter), \(bind: number))")
      }
      for s in record.situations {
        try await insertSituation(
          ref, number: s.number,
          SituationDraft(date: s.date, scenarioText: s.scenarioText, figures: s.figures, note: s.note, variants: s.variants), at: s.savedAt,
          by: s.savedBy)
      }
      for m in record.measures {
        try await run(
          """
          INSERT INTO measures (ref, id, type, prescriber, start_on, planned_months, end_on, end_reason, suspended_on, suspended_days)
          VALUES (\(bind: ref.text), \(bind: m.id), \(bind: m.type.rawValue), \(bind: m.prescriber), \(bind: m.start.description),
            \(bind: m.plannedMonths), \(bind: m.end?.description), \(bind: m.endReason), \(bind: m.suspendedOn?.description),
            \(bind: m.suspendedDays))
          """)
        for (k, rn) in m.renewals.enumerated() {
          try await run(
            """
            INSERT INTO renewals (ref, measure_id, rank, date, months, agreed_by)
            VALUES (\(bind: ref.text), \(bind: m.id), \(bind: k + 1), \(bind: rn.date.description), \(bind: rn.months), \(bind: rn.agreedBy))
            """)
        }
      }
      for (k, o) in record.objectives.enumerated() {
        try await run(
          """
          INSERT INTO objectives (ref, id, rank, theme, wording, agreed, status, due, assessment)
          VALUES (\(bind: ref.text), \(bind: o.id), \(bind: k + 1), \(bind: o.theme.rawValue), \(bind: o.wording), \(bind: o.agreed ? 1 : 0),
            \(bind: o.status.rawValue), \(bind: o.due?.description), \(bind: o.assessment))
          """)
        for (j, a) in o.actions.enumerated() {
          try await run(
            """
            INSERT INTO actions (ref, id, objective_id, rank, wording, status, due, owner)
            VALUES (\(bind: ref.text), \(bind: a.id), \(bind: o.id), \(bind: j + 1), \(bind: a.wording), \(bind: a.status.rawValue),
              \(bind: a.due?.description), \(bind: a.owner?.rawValue))
            """)
        }
      }
      for (k, c) in record.contacts.enumerated() {
        try await run(
          """
          INSERT INTO contacts (ref, id, rank, date, channel, synthesis, private_note, next_appointment, counsellor)
          VALUES (\(bind: ref.text), \(bind: c.id), \(bind: k + 1), \(bind: c.date.description), \(bind: c.channel.rawValue),
            \(bind: c.synthesis), \(bind: c.privateNote), \(bind: c.nextAppointment?.description), \(bind: c.counsellor))
          """)
      }
      for (k, a) in record.appointments.enumerated() {
        try await run(
          """
          INSERT INTO appointments (ref, id, rank, date, time, channel, purpose, counsellor, contact_id)
          VALUES (\(bind: ref.text), \(bind: a.id), \(bind: k + 1), \(bind: a.date.description), \(bind: a.time), \(bind: a.channel.rawValue),
            \(bind: a.purpose), \(bind: a.counsellor), \(bind: a.contact))
          """)
      }
      for (k, d) in record.documents.enumerated() {
        // Present and matching its SHA-256: checked by checkForImport above.
        let content = documents[d.id] ?? []
        try await run(
          """
          INSERT INTO documents (ref, id, rank, type, date, situation_number, format, sha256, size, file_name, content, origin, checklist_line)
          VALUES (\(bind: ref.text), \(bind: d.id), \(bind: k + 1), \(bind: d.type), \(bind: d.date.description), \(bind: d.situationNumber),
            \(bind: d.format), \(bind: d.sha256), \(bind: d.size), \(bind: d.fileName), \(bind: Data(content)), \(bind: d.origin),
            \(bind: d.checklistLine))
          """)
      }
      for (k, a) in record.aidRequests.enumerated() {
        try await run(
          """
          INSERT INTO aid_requests (ref, id, rank, organisation, kind, asked_cents, filed_on, decision, decided_on, granted_cents,
            repayment_cents, repayment_months, repayment_from, note, previous)
          VALUES (\(bind: ref.text), \(bind: a.id), \(bind: k + 1), \(bind: a.organisation.rawValue), \(bind: a.kind.rawValue),
            \(bind: a.askedCents), \(bind: a.filedOn.description), \(bind: a.decision?.rawValue), \(bind: a.decidedOn?.description),
            \(bind: a.grantedCents), \(bind: a.repayment?.monthlyCents), \(bind: a.repayment?.months),
            \(bind: a.repayment?.firstOn?.description), \(bind: a.note), \(bind: a.previous))
          """)
      }
      try await audit(ref, actor, "import", "dossier importé (version \(f.version))", version: f.version)
    }
  }

  /// Blanks a case's personal data inside the open transaction (archiving after the retention
  /// period, and erasure on request). What the year's report counts stays, without a word
  /// about the person: each situation's date and figures, each objective's domain and outcome,
  /// each aid request's organisation, kind, amounts and decision, the measures' dates.
  func scrub(_ ref: CaseRef) async throws {
    let r = ref.text
    for table in ["contacts", "actions", "documents", "appointments"] {
      try await run("DELETE FROM \(ident: table) WHERE ref = \(bind: r)")
    }
    try await run("UPDATE situations SET scenario = '', note = NULL, variants = NULL, saved_by = '' WHERE ref = \(bind: r)")
    try await run("UPDATE objectives SET wording = '', assessment = NULL WHERE ref = \(bind: r)")
    try await run("UPDATE aid_requests SET note = NULL WHERE ref = \(bind: r)")
    try await run("UPDATE renewals SET agreed_by = '' WHERE ref = \(bind: r)")
    try await run("UPDATE measures SET prescriber = NULL, end_reason = NULL WHERE ref = \(bind: r)")
    try await run(
      "UPDATE cases SET label = '', search_key = \(bind: SearchKey.of(label: "", ref: ref)), structure = NULL, closing_note = NULL, next_appointment = NULL, purged = 1 WHERE ref = \(bind: r)"
    )
    try await run("UPDATE audit SET detail = '' WHERE ref = \(bind: r)")
  }

  public func purge(closedBefore: CivilDate, among: [CaseRef]?, by actor: String) async throws -> [CaseRef] {
    let allowed = among.map { Set($0.map(\.text)) }
    return try await transaction {
      let due = try await rows(
        "SELECT ref, closed_on FROM cases WHERE status = 'clos' AND purged = 0 AND closed_on < \(bind: closedBefore.description) ORDER BY ref"
      )
      var out: [CaseRef] = []
      for row in due {
        let ref = CaseRef(stored: try row.decode(column: "ref", as: String.self))
        if let allowed, !allowed.contains(ref.text) { continue }
        try await scrub(ref)
        try await audit(
          ref, actor, "purge",
          "dossier archivé : données personnelles effacées, chiffres gardés pour les statistiques (dossier clos avant le \(closedBefore.french))"
        )
        out.append(ref)
      }
      return out
    }
  }

  public func erase(_ ref: CaseRef, by actor: String) async throws {
    try await transaction {
      guard try await first("SELECT ref FROM cases WHERE ref = \(bind: ref.text)") != nil else { throw StoreError.notFound(ref) }
      try await scrub(ref)
      try await run(
        "UPDATE cases SET status = 'clos', closed_on = COALESCE(closed_on, \(bind: String(now().prefix(10)))) WHERE ref = \(bind: ref.text)"
      )
      try await audit(ref, actor, "effacement", "données personnelles effacées à la demande de la personne")
    }
  }

  public func statistics() async throws -> Statistics {
    func counts(_ q: SQLQueryString) async throws -> [Statistics.Count] {
      try await rows(q).map {
        Statistics.Count(key: try $0.decode(column: "k", as: String?.self) ?? "—", count: try $0.decode(column: "n", as: Int.self))
      }
    }
    return Statistics(
      byStatus: try await counts("SELECT status AS k, COUNT(*) AS n FROM cases GROUP BY status ORDER BY status"),
      byClosingReason: try await counts(
        "SELECT closing_reason AS k, COUNT(*) AS n FROM cases WHERE status = 'clos' GROUP BY closing_reason ORDER BY closing_reason"),
      byMeasureType: try await counts("SELECT type AS k, COUNT(*) AS n FROM measures GROUP BY type ORDER BY type"),
      openedByYear: try await counts(
        "SELECT SUBSTR(opened_on, 1, 4) AS k, COUNT(*) AS n FROM cases GROUP BY SUBSTR(opened_on, 1, 4) ORDER BY k"),
      closedByYear: try await counts(
        "SELECT SUBSTR(closed_on, 1, 4) AS k, COUNT(*) AS n FROM cases WHERE closed_on IS NOT NULL GROUP BY SUBSTR(closed_on, 1, 4) ORDER BY k"
      ),
      purged: try await first("SELECT COUNT(*) AS n FROM cases WHERE purged = 1")!.decode(column: "n", as: Int.self))
  }

  public func verify() async throws -> [String] {
    var problems: [String] = []
    if backend == .sqlite {
      let check = try await rows("PRAGMA integrity_check").compactMap { try? $0.decode(column: "integrity_check", as: String.self) }
      if check != ["ok"] { problems += check.map { "SQLite : \($0)" } }
      let fk = try await rows("PRAGMA foreign_key_check")
      if !fk.isEmpty { problems.append("SQLite : \(fk.count) ligne(s) sans dossier (clés étrangères)") }
    }
    // Every change has its audit line: the case's version is the last audited version.
    for row in try await rows(
      """
      SELECT c.ref, c.version, (SELECT MAX(a.version) FROM audit a WHERE a.ref = c.ref) AS audited
      FROM cases c
      """)
    {
      let ref = try row.decode(column: "ref", as: String.self)
      let version = try row.decode(column: "version", as: Int.self)
      let audited = try row.decode(column: "audited", as: Int?.self)
      if audited != version {
        problems.append("\(ref) : version \(version), dernière modification journalisée \(audited.map(String.init) ?? "aucune")")
      }
    }
    // The search finds a case by its label and reference as they are now.
    for row in try await rows("SELECT ref, label, search_key FROM cases") {
      let ref = CaseRef(stored: try text(row, "ref"))
      if try text(row, "search_key") != SearchKey.of(label: try text(row, "label"), ref: ref) {
        problems.append("\(ref) : clé de recherche périmée (equilibre base verifier après une mise à jour interrompue ?)")
      }
    }
    // Situation numbers are 1…n.
    for row in try await rows("SELECT ref, COUNT(*) AS n, MAX(number) AS m FROM situations GROUP BY ref") {
      let n = try row.decode(column: "n", as: Int.self)
      let m = try row.decode(column: "m", as: Int.self)
      if n != m {
        problems.append("\(try row.decode(column: "ref", as: String.self)) : versions de situation non continues (\(n) pour \(m))")
      }
    }
    // Stored documents match their SHA-256.
    for row in try await rows("SELECT ref, id, sha256, content FROM documents") {
      let content = Array(try row.decode(column: "content", as: Data?.self) ?? Data())
      let digest = CaseArchive.sha(content)
      if digest != (try row.decode(column: "sha256", as: String.self)) {
        problems.append(
          "\(try row.decode(column: "ref", as: String.self)) \(try row.decode(column: "id", as: String.self)) : document altéré (SHA-256)")
      }
    }
    return problems
  }
}
