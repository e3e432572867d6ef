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
    // Tens of thousands of rows: read by position, and each case found by its index.
    var inputs: [FollowUp.Input] = []
    var index: [String: Int] = [:]
    for (ref, status, next) in try await positionalRows(
      "SELECT c.ref, c.status, c.next_appointment FROM cases c WHERE 1 = 1" + scope + " ORDER BY c.ref",
      { r in (try r.text(0), try r.text(1), try r.date(2)) })
    {
      index[ref] = inputs.count
      inputs.append(
        FollowUp.Input(
          ref: CaseRef(stored: ref), status: CaseStatus(rawValue: status) ?? .ouvert, measures: [], objectives: [], homeVisits: [],
          nextAppointment: next))
    }
    // Measures under way: their renewals, and the last home visit up to today (one index seek each).
    let running: SQLQueryString = " m.end_on IS NULL AND m.suspended_on IS NULL AND m.start_on <= \(bind: t)"
    var renewals: [String: [String: [Renewal]]] = [:]
    for (ref, measure, renewal) in try await positionalRows(
      """
      SELECT r.ref, r.measure_id, r.date, r.months, r.agreed_by FROM renewals r
      JOIN measures m ON m.ref = r.ref AND m.id = r.measure_id JOIN cases c ON c.ref = r.ref WHERE
      """ + running + scope + " ORDER BY r.ref, r.measure_id, r.rank",
      { r in
        guard let date = try r.date(2) else { throw PositionalRowError(column: 2) }
        return (try r.text(0), try r.text(1), Renewal(date: date, months: try r.int(3), agreedBy: try r.text(4)))
      })
    {
      renewals[ref, default: [:]][measure, default: []].append(renewal)
    }
    for (ref, id, type, start, planned, suspended, visit) in try await positionalRows(
      """
      SELECT m.ref, m.id, m.type, m.start_on, m.planned_months, m.suspended_days,
        (SELECT MAX(v.date) FROM contacts v WHERE v.channel = 'visite-domicile' AND v.ref = m.ref AND v.date <= \(bind: t)) AS visit
      FROM measures m JOIN cases c ON c.ref = m.ref WHERE
      """ + running + scope,
      { r in
        guard let start = try r.date(3) else { throw PositionalRowError(column: 3) }
        return (try r.text(0), try r.text(1), try r.text(2), start, try r.int(4), try r.optInt(5), try r.date(6))
      })
    {
      guard let i = index[ref] else { continue }
      inputs[i].measures.append(
        Measure(
          id: id, type: MeasureType(rawValue: type) ?? .autre, start: start, plannedMonths: planned,
          renewals: renewals[ref]?[id] ?? [], suspendedDays: suspended))
      if let visit { inputs[i].homeVisits = [visit] }
    }
    // Objectives and actions past their due date, not done.
    for (ref, objective) in try await positionalRows(
      """
      SELECT o.ref, o.id, o.wording, o.status, o.due FROM objectives o JOIN cases c ON c.ref = o.ref
      WHERE o.due < \(bind: t) AND o.status IN ('prevu', 'en-cours', 'reporte')
      """ + scope + " ORDER BY o.ref, o.rank",
      { r in
        (
          try r.text(0),
          Objective(
            id: try r.text(1), theme: .autre, wording: try r.text(2), status: ObjectiveStatus(rawValue: try r.text(3)) ?? .prevu,
            due: try r.date(4))
        )
      })
    {
      guard let i = index[ref] else { continue }
      inputs[i].objectives.append(objective)
    }
    for (ref, objective, action, wording, status) in try await positionalRows(
      """
      SELECT a.ref, a.objective_id, a.id, a.wording, a.status, a.due, a.owner, o.wording AS owording, o.status AS ostatus
      FROM actions a JOIN objectives o ON o.ref = a.ref AND o.id = a.objective_id JOIN cases c ON c.ref = a.ref
      WHERE a.due < \(bind: t) AND a.status IN ('prevue', 'en-cours')
      """ + scope + " ORDER BY a.ref, a.rank",
      { r in
        let action = ObjectiveAction(
          id: try r.text(2), wording: try r.text(3), status: ActionStatus(rawValue: try r.text(4)) ?? .prevue, due: try r.date(5),
          owner: try r.optText(6).flatMap(ActionOwner.init(rawValue:)))
        return (try r.text(0), try r.text(1), action, try r.text(7), try r.text(8))
      })
    {
      guard let i = index[ref] else { continue }
      if let o = inputs[i].objectives.firstIndex(where: { $0.id == objective }) {
        inputs[i].objectives[o].actions.append(action)
      } else {
        // Its objective is not overdue (or is done): the action under it, without its due date.
        inputs[i].objectives.append(
          Objective(
            id: objective, theme: .autre, wording: wording, status: ObjectiveStatus(rawValue: status) ?? .prevu,
            actions: [action]))
      }
    }
    return inputs
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
