import EquilibreCore
import Foundation
import SQLKit

/// The list of cases and the follow-up's due dates, each from a few indexed queries: a page
/// reads its 50 lines, the due dates read only the rows that can raise an alert.
extension SQLCaseStore {
  /// The conditions on `cases c` that a filter adds (visibility is the SQL form of
  /// ``AccessPolicy/mayOpen``, tested against it).
  func conditions(_ filter: CaseFilter) -> SQLQueryString {
    var q: SQLQueryString = ""
    if let st = filter.status { q = q + " AND c.status = \(bind: st.rawValue)" }
    if let c = filter.counsellor { q = q + " AND c.counsellor = \(bind: c)" }
    if let a = filter.visibleTo {
      switch a.role {
      case _ where !a.active: q = q + " AND 1 = 0"
      case .conseiller:
        q = q + " AND (c.counsellor = \(bind: a.login) OR c.ref IN (SELECT ref FROM shares WHERE login = \(bind: a.login)))"
      case .responsable: if let st = a.structure { q = q + " AND c.structure = \(bind: st)" }
      case .administrateur: q = q + " AND 1 = 0"
      }
    }
    return q
  }

  /// The conditions of a page's query: its filter, the search and the measure.
  func conditions(_ query: CaseQuery) -> SQLQueryString {
    var q = conditions(query.filter)
    if let words = query.search.map(SearchKey.fold), !words.isEmpty {
      // LIKE's own wildcards in what was typed are matched as such.
      let escaped = words.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
        .replacingOccurrences(of: "_", with: "\\_")
      q = q + " AND c.search_key LIKE \(bind: "%" + escaped + "%") ESCAPE '\\'"
    }
    if let m = query.measure {
      q = q + " AND c.ref IN (SELECT ref FROM measures WHERE type = \(bind: m.rawValue) AND end_on IS NULL)"
    }
    return q
  }

  public func list(_ filter: CaseFilter) async throws -> [CaseSummary] {
    try await page(CaseQuery(filter: filter, limit: 0)).cases
  }

  public func page(_ query: CaseQuery) async throws -> CaseListing {
    let cond = conditions(query)
    let total = try await first("SELECT COUNT(*) AS n FROM cases c WHERE 1 = 1" + cond).map { try int($0, "n") } ?? 0
    var q: SQLQueryString =
      """
      SELECT c.ref, c.label, c.counsellor, c.status, c.opened_on, c.version, c.next_appointment,
        (SELECT COUNT(*) FROM situations s WHERE s.ref = c.ref) AS n, (SELECT MAX(s.date) FROM situations s WHERE s.ref = c.ref) AS last
      FROM cases c WHERE 1 = 1
      """ + cond
    let backwards = query.before != nil && query.after == nil
    if let a = query.after {
      q = q + " AND c.ref > \(bind: a.text)"
    } else if let b = query.before {
      q = q + " AND c.ref < \(bind: b.text)"
    }
    q = q + (backwards ? " ORDER BY c.ref DESC" : " ORDER BY c.ref")
    if query.limit > 0 { q = q + " LIMIT \(literal: query.limit + 1)" }
    var lines = try await rows(q).map { row in
      CaseSummary(
        ref: CaseRef(stored: try text(row, "ref")), label: try text(row, "label"), counsellor: try text(row, "counsellor"),
        status: CaseStatus(rawValue: try text(row, "status")) ?? .ouvert, openedOn: try date(row, "opened_on")!,
        version: try int(row, "version"), situations: try row.decodeNil(column: "n") ? 0 : try int(row, "n"),
        lastSituation: try date(row, "last"), nextAppointment: try date(row, "next_appointment"))
    }
    let more = query.limit > 0 && lines.count > query.limit
    if more { lines.removeLast() }
    if backwards { lines.reverse() }
    // Whether lines lie on the other side of the page's start.
    func exists(_ side: SQLQueryString) async throws -> Bool {
      try await first("SELECT c.ref FROM cases c WHERE 1 = 1" + cond + side + " LIMIT 1") != nil
    }
    let hasPrevious: Bool
    let hasNext: Bool
    if backwards {
      (hasPrevious, hasNext) = (more, try await exists(" AND c.ref >= \(bind: query.before!.text)"))
    } else if let a = query.after {
      (hasPrevious, hasNext) = (try await exists(" AND c.ref <= \(bind: a.text)"), more)
    } else {
      (hasPrevious, hasNext) = (false, more)
    }
    return CaseListing(cases: lines, total: total, hasPrevious: hasPrevious, hasNext: hasNext)
  }

  public func followUpInputs(_ filter: CaseFilter, among refs: [CaseRef]?, today: CivilDate) async throws -> [FollowUp.Input] {
    if let refs, refs.isEmpty { return [] }
    let t = today.description
    var scope: SQLQueryString = " AND c.status <> 'clos' AND c.purged = 0" + conditions(filter)
    if let refs { scope = scope + " AND c.ref IN (\(binds: refs.map(\.text)))" }
    var inputs: [String: FollowUp.Input] = [:]
    var order: [String] = []
    for row in try await rows("SELECT c.ref, c.status, c.next_appointment FROM cases c WHERE 1 = 1" + scope + " ORDER BY c.ref") {
      let ref = try text(row, "ref")
      inputs[ref] = FollowUp.Input(
        ref: CaseRef(stored: ref), status: CaseStatus(rawValue: try text(row, "status")) ?? .ouvert, measures: [], objectives: [],
        homeVisits: [], nextAppointment: try date(row, "next_appointment"))
      order.append(ref)
    }
    // Measures under way: their renewals, and the last home visit up to today (one index seek each).
    let running: SQLQueryString = " m.end_on IS NULL AND m.suspended_on IS NULL AND m.start_on <= \(bind: t)"
    var renewals: [String: [Renewal]] = [:]
    for row in try await rows(
      """
      SELECT r.ref, r.measure_id, r.date, r.months, r.agreed_by FROM renewals r
      JOIN measures m ON m.ref = r.ref AND m.id = r.measure_id JOIN cases c ON c.ref = r.ref WHERE
      """ + running + scope + " ORDER BY r.ref, r.measure_id, r.rank")
    {
      renewals[try text(row, "ref") + "/" + (try text(row, "measure_id")), default: []].append(
        Renewal(date: try date(row, "date")!, months: try int(row, "months"), agreedBy: try text(row, "agreed_by")))
    }
    for row in try await rows(
      """
      SELECT m.ref, m.id, m.type, m.start_on, m.planned_months, m.suspended_days,
        (SELECT MAX(v.date) FROM contacts v WHERE v.channel = 'visite-domicile' AND v.ref = m.ref AND v.date <= \(bind: t)) AS visit
      FROM measures m JOIN cases c ON c.ref = m.ref WHERE
      """ + running + scope)
    {
      let ref = try text(row, "ref")
      guard inputs[ref] != nil else { continue }
      let id = try text(row, "id")
      inputs[ref]!.measures.append(
        Measure(
          id: id, type: MeasureType(rawValue: try text(row, "type")) ?? .autre, start: try date(row, "start_on")!,
          plannedMonths: try int(row, "planned_months"), renewals: renewals[ref + "/" + id] ?? [],
          suspendedDays: try row.decode(column: "suspended_days", as: Int?.self)))
      if let v = try date(row, "visit") { inputs[ref]!.homeVisits = [v] }
    }
    // Objectives and actions past their due date, not done.
    for row in try await rows(
      """
      SELECT o.ref, o.id, o.wording, o.status, o.due FROM objectives o JOIN cases c ON c.ref = o.ref
      WHERE o.due < \(bind: t) AND o.status IN ('prevu', 'en-cours', 'reporte')
      """ + scope + " ORDER BY o.ref, o.rank")
    {
      let ref = try text(row, "ref")
      inputs[ref]?.objectives.append(
        Objective(
          id: try text(row, "id"), theme: .autre, wording: try text(row, "wording"),
          status: ObjectiveStatus(rawValue: try text(row, "status")) ?? .prevu, due: try date(row, "due")))
    }
    for row in try await rows(
      """
      SELECT a.ref, a.id, a.objective_id, a.wording, a.status, a.due, a.owner, o.wording AS owording, o.status AS ostatus
      FROM actions a JOIN objectives o ON o.ref = a.ref AND o.id = a.objective_id JOIN cases c ON c.ref = a.ref
      WHERE a.due < \(bind: t) AND a.status IN ('prevue', 'en-cours')
      """ + scope + " ORDER BY a.ref, a.rank")
    {
      let ref = try text(row, "ref")
      guard inputs[ref] != nil else { continue }
      let action = ObjectiveAction(
        id: try text(row, "id"), wording: try text(row, "wording"), status: ActionStatus(rawValue: try text(row, "status")) ?? .prevue,
        due: try date(row, "due"), owner: try optText(row, "owner").flatMap(ActionOwner.init(rawValue:)))
      let objective = try text(row, "objective_id")
      if let i = inputs[ref]!.objectives.firstIndex(where: { $0.id == objective }) {
        inputs[ref]!.objectives[i].actions.append(action)
      } else {
        // Its objective is not overdue (or is done): the action under it, without its due date.
        inputs[ref]!.objectives.append(
          Objective(
            id: objective, theme: .autre, wording: try text(row, "owording"),
            status: ObjectiveStatus(rawValue: try text(row, "ostatus")) ?? .prevu, actions: [action]))
      }
    }
    return order.compactMap { inputs[$0] }
  }

  /// Writes every case's search key (schema 7, and after an import).
  func refreshSearchKeys() async throws {
    for row in try await rows("SELECT ref, label FROM cases WHERE search_key = ''") {
      let ref = CaseRef(stored: try text(row, "ref"))
      try await run(
        "UPDATE cases SET search_key = \(bind: SearchKey.of(label: try text(row, "label"), ref: ref)) WHERE ref = \(bind: ref.text)")
    }
  }
}
