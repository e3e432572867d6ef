import EquilibreCore
import Foundation
import SQLKit

extension SQLCaseStore {
  @discardableResult
  public func apply(_ change: CaseChange, to ref: CaseRef, expectedVersion: Int?, by actor: String) async throws -> CaseFile {
    try await transaction {
      // PostgreSQL locks the case's row; SQLite's BEGIN IMMEDIATE already holds the write lock.
      let lock: SQLQueryString =
        backend == .postgres
        ? "SELECT * FROM cases WHERE ref = \(bind: ref.text) FOR UPDATE" : "SELECT * FROM cases WHERE ref = \(bind: ref.text)"
      guard let row = try await first(lock) else { throw StoreError.notFound(ref) }
      var file = try caseFile(row)
      if file.purged { throw StoreError.purged(ref) }
      if let expected = expectedVersion, expected != file.version {
        throw StoreError.conflict(
          ref: ref, expected: expected, current: file.version, by: try row.decode(column: "updated_by", as: String.self),
          at: try row.decode(column: "updated_at", as: String.self))
      }
      if file.status == .clos, case .reopen = change {} else if file.status == .clos { throw StoreError.closed(ref) }
      var nextAppointment = try date(row, "next_appointment")
      let detail = try await perform(change, ref, &file, &nextAppointment, actor)
      file.version += 1
      try await run(
        """
        UPDATE cases SET version = \(bind: file.version), status = \(bind: file.status.rawValue),
          closing_reason = \(bind: file.closingReason?.rawValue), closing_note = \(bind: file.closingNote),
          closed_on = \(bind: file.closedOn?.description), next_appointment = \(bind: nextAppointment?.description),
          updated_at = \(bind: now()), updated_by = \(bind: actor)
        WHERE ref = \(bind: ref.text)
        """)
      try await audit(ref, actor, change.action, detail, version: file.version)
      return file
    }
  }

  /// The first appointment not yet held, from today on (the case's « prochain rendez-vous »).
  func nextOpenAppointment(_ ref: CaseRef) async throws -> CivilDate? {
    let row = try await first(
      "SELECT MIN(date) AS d FROM appointments WHERE ref = \(bind: ref.text) AND contact_id IS NULL AND date >= \(bind: today().description)"
    )
    return try row.flatMap { try date($0, "d") }
  }

  /// The next rank of `table` in the case (the case's row is locked).
  func nextRank(_ table: String, _ ref: CaseRef, extra: SQLQueryString = "") async throws -> Int {
    let q: SQLQueryString = "SELECT COALESCE(MAX(rank), 0) + 1 AS n FROM \(ident: table) WHERE ref = \(bind: ref.text)" + extra
    guard let row = try await first(q) else { return 1 }
    return try row.decode(column: "n", as: Int.self)
  }

  /// A date set ahead (an appointment, a due date): within ``Limits/yearsAhead`` years of today.
  func requireAhead(_ d: CivilDate, _ what: String) throws {
    try Limits.requireDate(d, what)
    let limit = today().adding(months: 12 * Limits.yearsAhead)
    guard d <= limit else { throw StoreError.invalid("\(what) : le \(d.french) est à plus de \(Limits.yearsAhead) ans") }
  }

  /// Applies `change` inside the open transaction; returns the audit's detail, in French.
  func perform(
    _ change: CaseChange, _ ref: CaseRef, _ file: inout CaseFile, _ nextAppointment: inout CivilDate?, _ actor: String
  ) async throws -> String {
    let r = ref.text
    switch change {
    case .situation(let s):
      try checkSituation(s)
      let n = try await first("SELECT COALESCE(MAX(number), 0) + 1 AS n FROM situations WHERE ref = \(bind: r)")!.decode(
        column: "n", as: Int.self)
      // The change from the previous version, field by field, for the audit.
      var changes = ""
      if n > 1, let row = try await first("SELECT scenario FROM situations WHERE ref = \(bind: r) AND number = \(bind: n - 1)"),
        let old = try? ScenarioFile.parse(try text(row, "scenario"), file: "situation.yaml"),
        let new = try? ScenarioFile.parse(s.scenarioText, file: "situation.yaml")
      {
        let lines = SituationDiff.lines(from: old, to: new)
        let shown = lines.prefix(40)
        changes =
          lines.isEmpty ? " ; aucun champ modifié" : " ; changements : " + shown.joined(separator: " ; ") + (lines.count > 40 ? " ; …" : "")
      }
      try await insertSituation(ref, number: n, s, at: now(), by: actor)
      let carried = s.variants.map { VariantSet.names($0).count } ?? 0
      let withVariants = carried == 0 ? "" : carried == 1 ? ", 1 variante" : ", \(carried) variantes"
      return
        "situation n° \(n) du \(s.date.french)\(withVariants) (reste à vivre \(Money(cents: s.figures.resteAVivre).french), dettes \(Money(cents: s.figures.totalDebts).french))"
        + changes

    case .variants(let number, let yaml, let note):
      guard yaml.utf8.count <= Limits.scenarioBytes else {
        throw StoreError.invalid("variantes : plus de \(Limits.scenarioBytes / 1_000_000) Mo")
      }
      try Limits.requireText(note, "note", max: Limits.longText)
      guard try await first("SELECT number FROM situations WHERE ref = \(bind: r) AND number = \(bind: number)") != nil else {
        throw StoreError.invalid("situation n° \(number) introuvable dans le dossier \(ref)")
      }
      try await run("UPDATE situations SET variants = \(bind: yaml) WHERE ref = \(bind: r) AND number = \(bind: number)")
      return "situation n° \(number) : \(note)"

    case .contact(let date, let channel, let synthesis, let note, let next):
      try Limits.requireDate(date, "contact")
      guard date >= file.openedOn else {
        throw StoreError.invalid("date du contact : le \(date.french) précède l'ouverture du dossier (\(file.openedOn.french))")
      }
      guard date <= today() else {
        throw StoreError.invalid("date du contact : le \(date.french) est après aujourd'hui (un contact a eu lieu)")
      }
      if let next {
        try requireAhead(next, "prochain rendez-vous")
        guard next >= date else {
          throw StoreError.invalid("prochain rendez-vous : le \(next.french) précède le contact qui le fixe (\(date.french))")
        }
      }
      try Limits.requireText(synthesis, "synthèse", max: Limits.longText)
      try Limits.optionalText(note, "note privée", max: Limits.longText)
      try Limits.requireText(actor, "conseiller", max: Limits.name)
      let rank = try await nextRank("contacts", ref)
      try await run(
        """
        INSERT INTO contacts (ref, id, rank, date, channel, synthesis, private_note, next_appointment, counsellor)
        VALUES (\(bind: r), \(bind: "C\(rank)"), \(bind: rank), \(bind: date.description), \(bind: channel.rawValue), \(bind: synthesis),
          \(bind: note), \(bind: next?.description), \(bind: actor))
        """)
      if next != nil || nextAppointment.map({ $0 <= date }) == true { nextAppointment = next }
      return "contact C\(rank) du \(date.french) (\(channel.french))" + (next.map { ", prochain rendez-vous le \($0.french)" } ?? "")

    case .appointment(let date, let time, let channel, let purpose):
      try requireAhead(date, "rendez-vous")
      guard date >= today() else {
        throw StoreError.invalid("rendez-vous : le \(date.french) est passé ; un contact tenu s'enregistre comme contact")
      }
      if let time, Appointment.minutes(time) == nil {
        throw StoreError.invalid("heure du rendez-vous : « \(time.excerpt) », HH:MM attendu (14:30)")
      }
      try Limits.requireText(purpose, "objet du rendez-vous", max: Limits.wording)
      try Limits.requireText(actor, "conseiller", max: Limits.name)
      let rank = try await nextRank("appointments", ref)
      try await run(
        """
        INSERT INTO appointments (ref, id, rank, date, time, channel, purpose, counsellor)
        VALUES (\(bind: r), \(bind: "R\(rank)"), \(bind: rank), \(bind: date.description), \(bind: time), \(bind: channel.rawValue), \(bind: purpose),
          \(bind: actor))
        """)
      nextAppointment = try await nextOpenAppointment(ref)
      return "rendez-vous R\(rank) le \(date.french)" + (time.map { " à \($0)" } ?? "") + " (\(channel.french))"

    case .appointmentHeld(let id, let synthesis, let note):
      guard let row = try await first("SELECT * FROM appointments WHERE ref = \(bind: r) AND id = \(bind: id)") else {
        throw StoreError.invalid("rendez-vous \(id) introuvable dans le dossier \(ref)")
      }
      guard try row.decode(column: "contact_id", as: String?.self) == nil else {
        throw StoreError.invalid("le rendez-vous \(id) est déjà tenu")
      }
      let day = try date(row, "date")!
      guard day <= today() else { throw StoreError.invalid("le rendez-vous \(id) est le \(day.french) : il n'a pas encore eu lieu") }
      try Limits.requireText(synthesis, "synthèse", max: Limits.longText)
      try Limits.optionalText(note, "note privée", max: Limits.longText)
      let channel = ContactChannel(rawValue: try row.decode(column: "channel", as: String.self)) ?? .entretienBureau
      let rank = try await nextRank("contacts", ref)
      try await run(
        """
        INSERT INTO contacts (ref, id, rank, date, channel, synthesis, private_note, next_appointment, counsellor)
        VALUES (\(bind: r), \(bind: "C\(rank)"), \(bind: rank), \(bind: day.description), \(bind: channel.rawValue), \(bind: synthesis),
          \(bind: note), NULL, \(bind: actor))
        """)
      try await run("UPDATE appointments SET contact_id = \(bind: "C\(rank)") WHERE ref = \(bind: r) AND id = \(bind: id)")
      nextAppointment = try await nextOpenAppointment(ref)
      return "rendez-vous \(id) tenu : contact C\(rank) du \(day.french) (\(channel.french))"

    case .objective(let theme, let wording, let agreed, let due):
      try Limits.requireText(wording, "objectif", max: Limits.wording)
      if let due { try requireAhead(due, "échéance") }
      let rank = try await nextRank("objectives", ref)
      try await run(
        """
        INSERT INTO objectives (ref, id, rank, theme, wording, agreed, status, due)
        VALUES (\(bind: r), \(bind: "O\(rank)"), \(bind: rank), \(bind: theme.rawValue), \(bind: wording), \(bind: agreed ? 1 : 0), 'prevu',
          \(bind: due?.description))
        """)
      return "objectif O\(rank) (\(theme.french))" + (agreed ? ", convenu avec le ménage" : "")

    case .objectiveUpdate(let id, let status, let wording, let due, let agreed, let assessment):
      guard let row = try await first("SELECT * FROM objectives WHERE ref = \(bind: r) AND id = \(bind: id)") else {
        throw StoreError.invalid("objectif \(id) introuvable dans le dossier \(ref)")
      }
      var parts: [String] = []
      if let status {
        let old = ObjectiveStatus(rawValue: try row.decode(column: "status", as: String.self))?.french ?? "?"
        try await run("UPDATE objectives SET status = \(bind: status.rawValue) WHERE ref = \(bind: r) AND id = \(bind: id)")
        parts.append("statut \(old) → \(status.french)")
      }
      if let wording {
        try Limits.requireText(wording, "objectif", max: Limits.wording)
        try await run("UPDATE objectives SET wording = \(bind: wording) WHERE ref = \(bind: r) AND id = \(bind: id)")
        parts.append("libellé modifié")
      }
      if let due {
        try Limits.requireDate(due, "échéance")
        try await run("UPDATE objectives SET due = \(bind: due.description) WHERE ref = \(bind: r) AND id = \(bind: id)")
        parts.append("échéance le \(due.french)")
      }
      if let agreed {
        try await run("UPDATE objectives SET agreed = \(bind: agreed ? 1 : 0) WHERE ref = \(bind: r) AND id = \(bind: id)")
        parts.append(agreed ? "convenu avec le ménage" : "non convenu")
      }
      if let assessment {
        try Limits.optionalText(assessment, "bilan de l'objectif", max: Limits.longText)
        let text = assessment.trimmingSpaces.isEmpty ? nil : assessment
        try await run("UPDATE objectives SET assessment = \(bind: text) WHERE ref = \(bind: r) AND id = \(bind: id)")
        parts.append(text == nil ? "bilan effacé" : "bilan écrit")
      }
      guard !parts.isEmpty else { throw StoreError.invalid("objectif \(id) : rien à modifier") }
      return "objectif \(id) : " + parts.joined(separator: ", ")

    case .action(let objective, let wording, let due, let owner):
      guard try await first("SELECT id FROM objectives WHERE ref = \(bind: r) AND id = \(bind: objective)") != nil else {
        throw StoreError.invalid("objectif \(objective) introuvable dans le dossier \(ref)")
      }
      try Limits.requireText(wording, "action", max: Limits.wording)
      if let due { try requireAhead(due, "échéance") }
      let rank = try await nextRank("actions", ref, extra: " AND objective_id = \(bind: objective)")
      let id = "\(objective).\(rank)"
      try await run(
        """
        INSERT INTO actions (ref, id, objective_id, rank, wording, status, due, owner)
        VALUES (\(bind: r), \(bind: id), \(bind: objective), \(bind: rank), \(bind: wording), 'prevue', \(bind: due?.description),
          \(bind: owner?.rawValue))
        """)
      return "action \(id)" + (owner.map { " (\($0.french))" } ?? "")

    case .actionUpdate(let id, let status):
      guard let row = try await first("SELECT status FROM actions WHERE ref = \(bind: r) AND id = \(bind: id)") else {
        throw StoreError.invalid("action \(id) introuvable dans le dossier \(ref)")
      }
      let old = ActionStatus(rawValue: try row.decode(column: "status", as: String.self))?.french ?? "?"
      try await run("UPDATE actions SET status = \(bind: status.rawValue) WHERE ref = \(bind: r) AND id = \(bind: id)")
      return "action \(id) : \(old) → \(status.french)"

    case .openMeasure, .renewMeasure, .closeMeasure, .document, .piece, .statements, .aidRequest, .aidDecision, .suspendMeasure,
      .resumeMeasure:
      return try await performMeasureOrAid(change, ref, &file, &nextAppointment, actor)
    case .suspend(let note):
      try Limits.optionalText(note, "motif de la suspension", max: Limits.wording)
      guard file.status == .ouvert else { throw StoreError.invalid("le dossier \(ref) n'est pas ouvert (\(file.status.french))") }
      file.status = .suspendu
      return "dossier suspendu" + (note.map { " : \($0)" } ?? "")

    case .reopen:
      guard file.status != .ouvert else { throw StoreError.invalid("le dossier \(ref) est déjà ouvert") }
      let was = file.status
      file.status = .ouvert
      file.closedOn = nil
      file.closingReason = nil
      file.closingNote = nil
      return "dossier rouvert (il était \(was.french))"

    case .close(let reason, let note, let on):
      try Limits.requireDate(on, "clôture")
      try Limits.optionalText(note, "note de clôture", max: Limits.longText)
      file.status = .clos
      file.closingReason = reason
      file.closingNote = note
      file.closedOn = on
      try await run(
        "UPDATE measures SET end_on = \(bind: on.description), end_reason = \(bind: "clôture du dossier") WHERE ref = \(bind: r) AND end_on IS NULL"
      )
      return "dossier clos le \(on.french) : \(reason.french)"
    }
  }

}
