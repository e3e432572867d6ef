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

    case .openMeasure(let type, let prescriber, let start, let months):
      try Limits.requireDate(start, "début de la mesure")
      try Limits.optionalText(prescriber, "prescripteur", max: Limits.name)
      guard (1...120).contains(months) else { throw StoreError.invalid("durée de la mesure : de 1 à 120 mois") }
      let n = try await first("SELECT COUNT(*) AS n FROM measures WHERE ref = \(bind: r)")!.decode(column: "n", as: Int.self) + 1
      try await run(
        """
        INSERT INTO measures (ref, id, type, prescriber, start_on, planned_months)
        VALUES (\(bind: r), \(bind: "M\(n)"), \(bind: type.rawValue), \(bind: prescriber), \(bind: start.description), \(bind: months))
        """)
      return "mesure M\(n) ouverte : \(type.french), \(months) mois à partir du \(start.french)"

    case .renewMeasure(let id, let renewal):
      try Limits.requireDate(renewal.date, "renouvellement")
      try Limits.requireText(renewal.agreedBy, "accord du renouvellement", max: Limits.name)
      guard (1...120).contains(renewal.months) else { throw StoreError.invalid("durée du renouvellement : de 1 à 120 mois") }
      guard let row = try await first("SELECT end_on FROM measures WHERE ref = \(bind: r) AND id = \(bind: id)") else {
        throw StoreError.invalid("mesure \(id) introuvable dans le dossier \(ref)")
      }
      if try date(row, "end_on") != nil { throw StoreError.invalid("la mesure \(id) est close : elle ne se renouvelle plus") }
      let rank = try await first(
        "SELECT COALESCE(MAX(rank), 0) + 1 AS n FROM renewals WHERE ref = \(bind: r) AND measure_id = \(bind: id)")!
        .decode(column: "n", as: Int.self)
      try await run(
        """
        INSERT INTO renewals (ref, measure_id, rank, date, months, agreed_by)
        VALUES (\(bind: r), \(bind: id), \(bind: rank), \(bind: renewal.date.description), \(bind: renewal.months), \(bind: renewal.agreedBy))
        """)
      return "mesure \(id) renouvelée (n° \(rank)) le \(renewal.date.french) pour \(renewal.months) mois, accord de \(renewal.agreedBy)"

    case .closeMeasure(let id, let end, let reason):
      try Limits.requireDate(end, "fin de la mesure")
      try Limits.requireText(reason, "motif", max: Limits.wording)
      guard let row = try await first("SELECT end_on FROM measures WHERE ref = \(bind: r) AND id = \(bind: id)") else {
        throw StoreError.invalid("mesure \(id) introuvable dans le dossier \(ref)")
      }
      if try date(row, "end_on") != nil { throw StoreError.invalid("la mesure \(id) est déjà close") }
      try await run(
        "UPDATE measures SET end_on = \(bind: end.description), end_reason = \(bind: reason), suspended_on = NULL WHERE ref = \(bind: r) AND id = \(bind: id)"
      )
      return "mesure \(id) close le \(end.french)"

    case .document(let type, let date, let situation, let format, let fileName, let content):
      try Limits.requireDate(date, "document")
      try Limits.requireText(type, "type de document", max: Limits.name)
      try Limits.requireText(fileName, "nom du fichier", max: 255)
      let rank = try await nextRank("documents", ref)
      let digest = CaseArchive.sha(content)
      try await run(
        """
        INSERT INTO documents (ref, id, rank, type, date, situation_number, format, sha256, size, file_name, content)
        VALUES (\(bind: r), \(bind: "D\(rank)"), \(bind: rank), \(bind: type), \(bind: date.description), \(bind: situation), \(bind: format),
          \(bind: digest), \(bind: content.count), \(bind: fileName), \(bind: Data(content)))
        """)
      return "document D\(rank) remis : \(type) (\(format), SHA-256 \(digest.prefix(12))…)"

    case .piece(let fileName, let date, let line, let content):
      try Limits.requireDate(date, "pièce")
      guard date <= today() else { throw StoreError.invalid("date de la pièce : le \(date.french) est après aujourd'hui") }
      try Limits.requireText(fileName, "nom du fichier", max: 255)
      try Limits.optionalText(line, "ligne de la liste des pièces", max: Limits.wording)
      let format = try UploadedPiece.check(content, fileName: fileName)
      let rank = try await nextRank("documents", ref)
      let digest = CaseArchive.sha(content)
      try await run(
        """
        INSERT INTO documents (ref, id, rank, type, date, situation_number, format, sha256, size, file_name, content, origin, checklist_line)
        VALUES (\(bind: r), \(bind: "D\(rank)"), \(bind: rank), 'piece', \(bind: date.description), NULL, \(bind: format.rawValue),
          \(bind: digest), \(bind: content.count), \(bind: fileName), \(bind: Data(content)), \(bind: UploadedPiece.origin), \(bind: line))
        """)
      return "pièce D\(rank) reçue du ménage (\(format.rawValue.uppercased()), \(content.count) octets, SHA-256 \(digest.prefix(12))…)"
        + (line == nil ? "" : " pour la liste des pièces")

    case .aidRequest(let organisation, let kind, let asked, let filedOn, let note, let previous):
      try Limits.requireDate(filedOn, "date de la demande")
      guard filedOn <= today() else { throw StoreError.invalid("date de la demande : le \(filedOn.french) est après aujourd'hui") }
      try Limits.requireCents(asked, "montant demandé")
      if let asked, asked < 0 { throw StoreError.invalid("montant demandé : montant négatif refusé") }
      try Limits.optionalText(note, "note de la demande", max: Limits.wording)
      if let previous {
        guard try await first("SELECT id FROM aid_requests WHERE ref = \(bind: r) AND id = \(bind: previous)") != nil else {
          throw StoreError.invalid("demande \(previous) introuvable dans le dossier \(ref)")
        }
      }
      let rank = try await nextRank("aid_requests", ref)
      try await run(
        """
        INSERT INTO aid_requests (ref, id, rank, organisation, kind, asked_cents, filed_on, note, previous)
        VALUES (\(bind: r), \(bind: "A\(rank)"), \(bind: rank), \(bind: organisation.rawValue), \(bind: kind.rawValue), \(bind: asked),
          \(bind: filedOn.description), \(bind: note), \(bind: previous))
        """)
      return "demande A\(rank) : \(organisation.short), \(kind.french)" + (asked.map { ", \(Money(cents: $0).french)" } ?? "")
        + (previous.map { ", nouvelle demande après \($0)" } ?? "")

    case .aidDecision(let id, let decision, let on, let granted, let repayment):
      guard let row = try await first("SELECT * FROM aid_requests WHERE ref = \(bind: r) AND id = \(bind: id)") else {
        throw StoreError.invalid("demande \(id) introuvable dans le dossier \(ref)")
      }
      try Limits.requireDate(on, "date de la décision")
      if let earlier = try optText(row, "decision").flatMap(AidDecision.init(rawValue:)), earlier != .ajourne {
        throw StoreError.invalid(
          "la demande \(id) a déjà une décision (\(earlier.french)) : pour la représenter, enregistrez une nouvelle demande « après \(id) »"
        )
      }
      let filed = try date(row, "filed_on")!
      guard on >= filed else { throw StoreError.invalid("date de la décision : le \(on.french) précède la demande (\(filed.french))") }
      guard on <= today() else { throw StoreError.invalid("date de la décision : le \(on.french) est après aujourd'hui") }
      if decision.grants {
        guard let granted, granted > 0 else { throw StoreError.invalid("montant accordé : obligatoire pour une aide \(decision.french)") }
        try Limits.requireCents(granted, "montant accordé")
      } else if granted != nil && granted != 0 {
        throw StoreError.invalid("montant accordé : aucun pour une demande \(decision.french)")
      }
      let kind = AidKind(rawValue: try text(row, "kind")) ?? .autre
      if let repayment {
        guard kind == .pret, decision.grants else { throw StoreError.invalid("remboursement : seulement pour un prêt accordé") }
        guard repayment.monthlyCents > 0, (1...240).contains(repayment.months) else {
          throw StoreError.invalid("remboursement : une mensualité positive et de 1 à 240 mois")
        }
        try Limits.requireCents(repayment.monthlyCents, "mensualité de remboursement")
        if let f = repayment.firstOn { try requireAhead(f, "première mensualité") }
      }
      try await run(
        """
        UPDATE aid_requests SET decision = \(bind: decision.rawValue), decided_on = \(bind: on.description),
          granted_cents = \(bind: decision.grants ? granted : nil), repayment_cents = \(bind: repayment?.monthlyCents),
          repayment_months = \(bind: repayment?.months), repayment_from = \(bind: repayment?.firstOn?.description)
        WHERE ref = \(bind: r) AND id = \(bind: id)
        """)
      return "demande \(id) : \(decision.french) le \(on.french)"
        + (decision.grants ? granted.map { " (\(Money(cents: $0).french))" } ?? "" : "")

    case .suspendMeasure(let id, let on, let reason):
      try Limits.requireDate(on, "suspension de la mesure")
      try Limits.requireText(reason, "motif de la suspension", max: Limits.wording)
      guard let row = try await first("SELECT start_on, end_on, suspended_on FROM measures WHERE ref = \(bind: r) AND id = \(bind: id)")
      else {
        throw StoreError.invalid("mesure \(id) introuvable dans le dossier \(ref)")
      }
      if try date(row, "end_on") != nil { throw StoreError.invalid("la mesure \(id) est close") }
      if try date(row, "suspended_on") != nil { throw StoreError.invalid("la mesure \(id) est déjà suspendue") }
      let start = try date(row, "start_on")!
      guard on >= start, on <= today() else {
        throw StoreError.invalid("suspension de la mesure : entre son début (\(start.french)) et aujourd'hui")
      }
      try await run("UPDATE measures SET suspended_on = \(bind: on.description) WHERE ref = \(bind: r) AND id = \(bind: id)")
      return "mesure \(id) suspendue le \(on.french) : \(reason)"

    case .resumeMeasure(let id, let on):
      try Limits.requireDate(on, "reprise de la mesure")
      guard let row = try await first("SELECT suspended_on, suspended_days FROM measures WHERE ref = \(bind: r) AND id = \(bind: id)")
      else {
        throw StoreError.invalid("mesure \(id) introuvable dans le dossier \(ref)")
      }
      guard let since = try date(row, "suspended_on") else { throw StoreError.invalid("la mesure \(id) n'est pas suspendue") }
      guard on >= since, on <= today() else {
        throw StoreError.invalid("reprise de la mesure : entre sa suspension (\(since.french)) et aujourd'hui")
      }
      let days = on.dayNumber - since.dayNumber
      let total = (try row.decode(column: "suspended_days", as: Int?.self) ?? 0) + days
      try await run(
        "UPDATE measures SET suspended_on = NULL, suspended_days = \(bind: total) WHERE ref = \(bind: r) AND id = \(bind: id)")
      return "mesure \(id) reprise le \(on.french) après \(days) jour(s) de suspension (fin reportée d'autant)"

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
        INSERT INTO cases (ref, year, label, counsellor, structure, status, closing_reason, closing_note, opened_on, closed_on, version,
          purged, next_appointment, updated_at, updated_by)
        VALUES (\(bind: ref.text), \(bind: f.openedOn.year), \(bind: f.label), \(bind: f.counsellor), \(bind: f.structure),
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
      "UPDATE cases SET label = '', structure = NULL, closing_note = NULL, next_appointment = NULL, purged = 1 WHERE ref = \(bind: r)")
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
