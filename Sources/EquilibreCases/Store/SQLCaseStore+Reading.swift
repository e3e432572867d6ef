import EquilibreCore
import Foundation
import PostgresKit
import SQLKit
import SQLiteKit

/// Opening a case and reading cases: one case with its history, the list, the follow-up inputs, the report, the agenda, the audit.
extension SQLCaseStore {
  // MARK: Opening and reading

  public func openCase(_ new: NewCase, by actor: String) async throws -> CaseRef {
    try Limits.requireText(new.counsellor, "conseiller", max: Limits.name)
    try Limits.optionalText(new.label, "libellé du dossier", max: Limits.label)
    try Limits.optionalText(new.structure, "structure", max: Limits.name)
    try Limits.requireDate(new.openedOn, "date d'ouverture")
    guard new.openedOn <= today() else { throw StoreError.invalid("date d'ouverture : le \(new.openedOn.french) est après aujourd'hui") }
    try checkSituation(new.situation)
    return try await transaction {
      let year = new.openedOn.year
      let n = try await nextCounter("dossier-\(year)")
      let ref = CaseRef(year: year, number: n)
      let at = now()
      try await run(
        """
        INSERT INTO cases (ref, year, label, search_key, counsellor, structure, status, opened_on, version, purged, updated_at, updated_by)
        VALUES (\(bind: ref.text), \(bind: year), \(bind: new.label), \(bind: SearchKey.of(label: new.label, ref: ref)), \(bind: new.counsellor), \(bind: new.structure), 'ouvert',
          \(bind: new.openedOn.description), 1, 0, \(bind: at), \(bind: actor))
        """)
      try await insertSituation(ref, number: 1, new.situation, at: at, by: actor)
      try await audit(
        ref, actor, "ouverture",
        "dossier ouvert par \(new.counsellor) le \(new.openedOn.french) ; situation n° 1 du \(new.situation.date.french)",
        version: 1)
      return ref
    }
  }

  /// A situation's bounds: its date, its note, the size of its text and its figures.
  func checkSituation(_ s: SituationDraft) throws(StoreError) {
    try Limits.requireDate(s.date, "situation")
    try Limits.optionalText(s.note, "note de la situation", max: Limits.longText)
    guard s.scenarioText.utf8.count <= Limits.scenarioBytes else {
      throw .invalid("situation : scénario de plus de \(Limits.scenarioBytes / 1_000_000) Mo")
    }
    guard (s.variants?.utf8.count ?? 0) <= Limits.scenarioBytes else {
      throw .invalid("situation : variantes de plus de \(Limits.scenarioBytes / 1_000_000) Mo")
    }
    let f = s.figures
    for (label, cents) in [
      ("ressources", f.resources), ("charges", f.charges), ("reste à vivre", f.resteAVivre), ("total des dettes", f.totalDebts),
    ] {
      try Limits.requireCents(cents, "situation, \(label)")
    }
  }

  /// Today, by the store's clock (or the one the command line replays).
  func today() -> CivilDate {
    if let d = day { return d() }
    return CivilDate(String(now().prefix(10))) ?? CivilDate(dayNumber: 0)
  }

  func insertSituation(_ ref: CaseRef, number: Int, _ s: SituationDraft, at: String, by actor: String) async throws {
    let figures = try JSONWriter.stored.string(s.figures)
    try await run(
      """
      INSERT INTO situations (ref, number, date, scenario, figures, note, saved_at, saved_by, variants)
      VALUES (\(bind: ref.text), \(bind: number), \(bind: s.date.description), \(bind: s.scenarioText), \(bind: figures), \(bind: s.note),
        \(bind: at), \(bind: actor), \(bind: s.variants))
      """)
  }

  func caseFile(_ row: any SQLRow) throws -> CaseFile {
    CaseFile(
      ref: CaseRef(stored: try row.decode(column: "ref", as: String.self)),
      label: try row.decode(column: "label", as: String.self),
      counsellor: try row.decode(column: "counsellor", as: String.self),
      structure: try row.decode(column: "structure", as: String?.self),
      status: CaseStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .ouvert,
      closingReason: try row.decode(column: "closing_reason", as: String?.self).flatMap(ClosingReason.init(rawValue:)),
      closingNote: try row.decode(column: "closing_note", as: String?.self),
      openedOn: try date(row, "opened_on")!,
      closedOn: try date(row, "closed_on"),
      version: try row.decode(column: "version", as: Int.self),
      purged: try row.decode(column: "purged", as: Int.self) != 0)
  }

  func date(_ row: any SQLRow, _ column: String) throws -> CivilDate? {
    try optText(row, column).flatMap { CivilDate(iso: $0) }
  }

  /// Fast decoding for the hot paths: a non-optional decode after a null check (the drivers'
  /// optional decoding goes through a slower generic path).
  func text(_ row: any SQLRow, _ column: String) throws -> String { try row.decode(column: column, as: String.self) }
  func optText(_ row: any SQLRow, _ column: String) throws -> String? {
    try row.decodeNil(column: column) ? nil : row.decode(column: column, as: String.self)
  }
  func int(_ row: any SQLRow, _ column: String) throws -> Int { try row.decode(column: column, as: Int.self) }

  func fileRow(_ ref: CaseRef) async throws -> CaseFile {
    guard let row = try await first("SELECT * FROM cases WHERE ref = \(bind: ref.text)") else { throw StoreError.notFound(ref) }
    return try caseFile(row)
  }

  /// PostgreSQL: the case read in one round trip, then its view line in one statement of its
  /// own (counter and line together, committed without waiting for the disk). The page is shown
  /// only once the line is written. Nil when the audit counter does not exist yet: the caller
  /// then writes the line the usual way, which creates it.
  func loadThenAuditView(_ ref: CaseRef, by actor: String) async throws -> CaseRecord? {
    let record = try await loadRecord(ref)
    let written = try await first(
      """
      WITH nosync AS (SELECT set_config('synchronous_commit', 'off', true)),
        c AS (UPDATE counters SET value = value + 1 WHERE name = 'audit' RETURNING value)
      INSERT INTO audit (seq, ref, version, at, actor, action, detail)
      SELECT c.value, \(bind: ref.text), NULL, \(bind: now()), \(bind: actor), 'lecture', 'dossier consulté' FROM c, nosync
      RETURNING seq
      """)
    return written == nil ? nil : record
  }

  /// One decoder for every version's stored figures (a decoder is safe to share).
  static let figuresDecoder = JSONDecoder()

  public func load(_ ref: CaseRef, by actor: String) async throws -> CaseRecord {
    guard logsReads else { return try await loadRecord(ref) }
    if backend == .postgres, let record = try await loadThenAuditView(ref, by: actor) { return record }
    // A view changes no data, so its audit line is committed without waiting for the disk
    // (PostgreSQL: synchronous_commit off for this transaction; SQLite in WAL mode:
    // synchronous NORMAL for this transaction). A crash may lose the last fraction of a second
    // of view lines, never a change nor half a line. The line is written last: the audit
    // counter's row stays locked only until the commit.
    if backend == .sqlite { try await run("PRAGMA synchronous = NORMAL") }
    do {
      let record = try await transaction {
        let record = try await loadRecord(ref)
        if backend == .postgres { try await run("SET LOCAL synchronous_commit = off") }
        try await audit(ref, actor, "lecture", "dossier consulté")
        return record
      }
      if backend == .sqlite { try await run("PRAGMA synchronous = FULL") }
      return record
    } catch {
      if backend == .sqlite { try? await run("PRAGMA synchronous = FULL") }
      throw error
    }
  }

  /// Several reads, in order. (PostgresNIO does not pipeline concurrent queries on one
  /// connection: sending them together was measured, and gained nothing.)
  func rowSets(_ queries: [SQLQueryString]) async throws -> [[any SQLRow]] {
    var out: [[any SQLRow]] = []
    for q in queries { out.append(try await rows(q)) }
    return out
  }

  /// A whole case in one round trip (PostgreSQL): each table's rows as a JSON array, in the
  /// order of ``loadRecord(_:)``'s queries. Ten queries cost ten round trips, each a write and a
  /// wake-up on both sides, which is what the case page spent most on under load.
  func caseRowSets(_ r: String) async throws -> [[any SQLRow]] {
    func agg(_ select: String, _ order: String) -> SQLQueryString {
      "(SELECT CAST(json_agg(x ORDER BY \(unsafeRaw: order)) AS TEXT) FROM (\(unsafeRaw: select) WHERE ref = \(bind: r)) x)"
    }
    let q: SQLQueryString =
      "SELECT " + agg("SELECT * FROM cases", "x.ref") + " AS c0, " + agg("SELECT * FROM situations", "x.number") + " AS c1, "
      + agg("SELECT * FROM renewals", "x.measure_id, x.rank") + " AS c2, " + agg("SELECT * FROM measures", "x.id") + " AS c3, "
      + agg("SELECT * FROM actions", "x.rank") + " AS c4, " + agg("SELECT * FROM objectives", "x.rank") + " AS c5, "
      + agg("SELECT * FROM contacts", "x.rank") + " AS c6, "
      + agg(
        "SELECT id, type, date, situation_number, format, sha256, size, file_name, origin, checklist_line, rank FROM documents", "x.rank")
      + " AS c7, " + agg("SELECT * FROM appointments", "x.rank") + " AS c8, " + agg("SELECT * FROM aid_requests", "x.rank") + " AS c9"
    guard let row = try await first(q) else { return Array(repeating: [], count: 10) }
    return try (0..<10).map { i in try JSONRow.rows(try optText(row, "c\(i)")) }
  }

  func loadRecord(_ ref: CaseRef) async throws -> CaseRecord {
    let r = ref.text
    let sets =
      backend == .postgres
      ? try await caseRowSets(r)
      : try await rowSets([
        "SELECT * FROM cases WHERE ref = \(bind: r)",
        "SELECT * FROM situations WHERE ref = \(bind: r) ORDER BY number",
        "SELECT * FROM renewals WHERE ref = \(bind: r) ORDER BY measure_id, rank",
        "SELECT * FROM measures WHERE ref = \(bind: r)",
        "SELECT * FROM actions WHERE ref = \(bind: r) ORDER BY rank",
        "SELECT * FROM objectives WHERE ref = \(bind: r) ORDER BY rank",
        "SELECT * FROM contacts WHERE ref = \(bind: r) ORDER BY rank",
        "SELECT id, type, date, situation_number, format, sha256, size, file_name, origin, checklist_line FROM documents WHERE ref = \(bind: r) ORDER BY rank",
        "SELECT * FROM appointments WHERE ref = \(bind: r) ORDER BY rank",
        "SELECT * FROM aid_requests WHERE ref = \(bind: r) ORDER BY rank",
      ])
    guard let fileRow = sets[0].first else { throw StoreError.notFound(ref) }
    var record = CaseRecord(file: try caseFile(fileRow))
    for row in sets[1] {
      let figures = try Self.figuresDecoder.decode(KeyFigures.self, from: Data(try row.decode(column: "figures", as: String.self).utf8))
      record.situations.append(
        SituationVersion(
          number: try row.decode(column: "number", as: Int.self), date: try date(row, "date")!,
          scenarioText: try row.decode(column: "scenario", as: String.self), figures: figures,
          note: try row.decode(column: "note", as: String?.self), savedAt: try row.decode(column: "saved_at", as: String.self),
          savedBy: try row.decode(column: "saved_by", as: String.self), variants: try row.decode(column: "variants", as: String?.self)))
    }
    var renewals: [String: [Renewal]] = [:]
    for row in sets[2] {
      renewals[try row.decode(column: "measure_id", as: String.self), default: []].append(
        Renewal(
          date: try date(row, "date")!, months: try row.decode(column: "months", as: Int.self),
          agreedBy: try row.decode(column: "agreed_by", as: String.self)))
    }
    for row in sets[3] {
      let id = try row.decode(column: "id", as: String.self)
      record.measures.append(
        Measure(
          id: id, type: MeasureType(rawValue: try row.decode(column: "type", as: String.self)) ?? .autre,
          prescriber: try row.decode(column: "prescriber", as: String?.self), start: try date(row, "start_on")!,
          plannedMonths: try row.decode(column: "planned_months", as: Int.self), renewals: renewals[id] ?? [],
          end: try date(row, "end_on"), endReason: try row.decode(column: "end_reason", as: String?.self),
          suspendedOn: try date(row, "suspended_on"), suspendedDays: try row.decode(column: "suspended_days", as: Int?.self)))
    }
    record.measures.sort { $0.id.localizedStandardCompare($1.id) == .orderedAscending }
    var actions: [String: [ObjectiveAction]] = [:]
    for row in sets[4] {
      actions[try row.decode(column: "objective_id", as: String.self), default: []].append(
        ObjectiveAction(
          id: try row.decode(column: "id", as: String.self), wording: try row.decode(column: "wording", as: String.self),
          status: ActionStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .prevue, due: try date(row, "due"),
          owner: try row.decode(column: "owner", as: String?.self).flatMap(ActionOwner.init(rawValue:))))
    }
    for row in sets[5] {
      let id = try row.decode(column: "id", as: String.self)
      record.objectives.append(
        Objective(
          id: id, theme: ObjectiveTheme(rawValue: try row.decode(column: "theme", as: String.self)) ?? .autre,
          wording: try row.decode(column: "wording", as: String.self), agreed: try row.decode(column: "agreed", as: Int.self) != 0,
          status: ObjectiveStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .prevu, due: try date(row, "due"),
          actions: actions[id] ?? [], assessment: try row.decode(column: "assessment", as: String?.self)))
    }
    for row in sets[6] {
      record.contacts.append(
        Contact(
          id: try row.decode(column: "id", as: String.self), date: try date(row, "date")!,
          channel: ContactChannel(rawValue: try row.decode(column: "channel", as: String.self)) ?? .telephone,
          synthesis: try row.decode(column: "synthesis", as: String.self),
          privateNote: try row.decode(column: "private_note", as: String?.self),
          nextAppointment: try date(row, "next_appointment"), counsellor: try row.decode(column: "counsellor", as: String.self)))
    }
    for row in sets[7] {
      record.documents.append(
        HandedDocument(
          id: try row.decode(column: "id", as: String.self), type: try row.decode(column: "type", as: String.self),
          date: try date(row, "date")!, situationNumber: try row.decode(column: "situation_number", as: Int?.self),
          format: try row.decode(column: "format", as: String.self), sha256: try row.decode(column: "sha256", as: String.self),
          size: try row.decode(column: "size", as: Int.self), fileName: try row.decode(column: "file_name", as: String.self),
          origin: try optText(row, "origin"), checklistLine: try optText(row, "checklist_line")))
    }
    for row in sets[8] {
      record.appointments.append(
        Appointment(
          id: try row.decode(column: "id", as: String.self), date: try date(row, "date")!,
          time: try row.decode(column: "time", as: String?.self),
          channel: ContactChannel(rawValue: try row.decode(column: "channel", as: String.self)) ?? .entretienBureau,
          purpose: try row.decode(column: "purpose", as: String.self), counsellor: try row.decode(column: "counsellor", as: String.self),
          contact: try row.decode(column: "contact_id", as: String?.self)))
    }
    for row in sets[9] {
      let repaid = try row.decode(column: "repayment_cents", as: Int?.self)
      record.aidRequests.append(
        AidRequest(
          id: try text(row, "id"), organisation: AidOrganisation(rawValue: try text(row, "organisation")) ?? .autre,
          kind: AidKind(rawValue: try text(row, "kind")) ?? .autre, askedCents: try row.decode(column: "asked_cents", as: Int?.self),
          filedOn: try date(row, "filed_on")!, decision: try optText(row, "decision").flatMap(AidDecision.init(rawValue:)),
          decidedOn: try date(row, "decided_on"), grantedCents: try row.decode(column: "granted_cents", as: Int?.self),
          repayment: try repaid.map {
            AidRequest.Repayment(
              monthlyCents: $0, months: try row.decode(column: "repayment_months", as: Int?.self) ?? 0,
              firstOn: try date(row, "repayment_from"))
          },
          note: try optText(row, "note"), previous: try optText(row, "previous")))
    }
    return record
  }

  public func reportRecords(_ filter: CaseFilter, by actor: String) async throws -> [CaseRecord] {
    let refs = try await list(filter).map(\.ref)
    var out: [CaseRecord] = []
    out.reserveCapacity(refs.count)
    for ref in refs { out.append(try await loadRecord(ref)) }
    if logsReads {
      try await transaction { try await audit(nil, actor, "rapport", "rapport d'activité : \(refs.count) dossier(s) lus pour des comptes") }
    }
    return out
  }

  public func agenda(from: CivilDate, to: CivilDate, counsellor: String?, filter: CaseFilter) async throws -> [AgendaEntry] {
    let visible = Dictionary(try await list(filter).map { ($0.ref.text, $0.label) }, uniquingKeysWith: { a, _ in a })
    var q: SQLQueryString = """
      SELECT * FROM appointments WHERE contact_id IS NULL AND date >= \(bind: from.description) AND date <= \(bind: to.description)
      """
    if let counsellor { q = q + " AND counsellor = \(bind: counsellor)" }
    q = q + " ORDER BY date, time, ref, rank"
    return try await rows(q).compactMap { row in
      let ref = try text(row, "ref")
      guard let label = visible[ref] else { return nil }
      return AgendaEntry(
        ref: CaseRef(stored: ref), label: label,
        appointment: Appointment(
          id: try text(row, "id"), date: try date(row, "date")!, time: try optText(row, "time"),
          channel: ContactChannel(rawValue: try text(row, "channel")) ?? .entretienBureau, purpose: try text(row, "purpose"),
          counsellor: try text(row, "counsellor")))
    }
  }

  public func auditLog(_ ref: CaseRef?) async throws -> [AuditEntry] {
    let q: SQLQueryString =
      ref.map { "SELECT * FROM audit WHERE ref = \(bind: $0.text) ORDER BY seq" } ?? "SELECT * FROM audit ORDER BY seq"
    return try await rows(q).map { row in
      AuditEntry(
        seq: try row.decode(column: "seq", as: Int.self), ref: try row.decode(column: "ref", as: String?.self).flatMap(CaseRef.init),
        version: try row.decode(column: "version", as: Int?.self),
        at: try row.decode(column: "at", as: String.self), actor: try row.decode(column: "actor", as: String.self),
        action: try row.decode(column: "action", as: String.self), detail: try row.decode(column: "detail", as: String.self))
    }
  }

  public func documentContent(_ ref: CaseRef, id: String) async throws -> [UInt8] {
    guard let row = try await first("SELECT content FROM documents WHERE ref = \(bind: ref.text) AND id = \(bind: id)") else {
      throw StoreError.invalid("document \(id) introuvable dans le dossier \(ref)")
    }
    return Array(try row.decode(column: "content", as: Data?.self) ?? Data())
  }
}
