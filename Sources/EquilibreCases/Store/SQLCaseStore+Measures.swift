import EquilibreCore
import Foundation
import SQLKit

extension SQLCaseStore {
  /// The measures, the documents and pieces, and the aid requests: applied inside the open
  /// transaction of ``apply(_:to:expectedVersion:by:)``; returns the audit's detail, in French.
  func performMeasureOrAid(
    _ change: CaseChange, _ ref: CaseRef, _ file: inout CaseFile, _ nextAppointment: inout CivilDate?, _ actor: String
  ) async throws -> String {
    let r = ref.text
    switch change {
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

    case .statements(let files, let date, let line):
      try Limits.requireDate(date, "relevés")
      guard date <= today() else { throw StoreError.invalid("date des relevés : le \(date.french) est après aujourd'hui") }
      guard !files.isEmpty, files.count <= 24 else { throw StoreError.invalid("relevés : de 1 à 24 fichiers à la fois") }
      try Limits.optionalText(line, "ligne de la liste des pièces", max: Limits.wording)
      for f in files {
        try Limits.requireText(f.fileName, "nom du fichier", max: 255)
        try f.check()
      }
      var ids: [String] = []
      let first = try await nextRank("documents", ref)
      for (k, f) in files.enumerated() {
        let rank = first + k
        try await run(
          """
          INSERT INTO documents (ref, id, rank, type, date, situation_number, format, sha256, size, file_name, content, origin, checklist_line)
          VALUES (\(bind: r), \(bind: "D\(rank)"), \(bind: rank), \(bind: StatementPiece.type), \(bind: date.description), NULL,
            \(bind: f.format.rawValue), \(bind: CaseArchive.sha(f.content)), \(bind: f.content.count), \(bind: f.fileName),
            \(bind: Data(f.content)), \(bind: UploadedPiece.origin), \(bind: line))
          """)
        ids.append("D\(rank)")
      }
      return "relevés \(ids.joined(separator: ", ")) reçus du ménage (\(files.count) fichier\(files.count > 1 ? "s" : ""), "
        + "\(files.reduce(0) { $0 + $1.content.count }) octets)"

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

    default:
      throw StoreError.invalid("modification inattendue ici : \(change)")
    }
  }
}
