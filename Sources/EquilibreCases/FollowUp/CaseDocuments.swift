import EquilibreCore
import EquilibreDocuments

/// What a review proposes at a renewal or at closing.
public enum ReviewProposal: String, CaseIterable, Sendable {
  case renouveler, clore, orienter

  public var french: String {
    switch self {
    case .renouveler: "renouveler la mesure"
    case .clore: "clore l'accompagnement"
    case .orienter: "orienter vers une autre mesure"
    }
  }
}

/// The data of the engagement document (« convention d'accompagnement » / « contrat
/// d'engagement réciproque ») and of the review (« bilan »), for the same templates and
/// partials as the other documents. Private notes are never part of them.
public enum CaseDocuments {
  /// The household's adults (applicant and partner) from the latest situation.
  static func adults(_ r: CaseRecord) -> [String] {
    guard let text = r.latest?.scenarioText, let s = try? ScenarioFile.parse(text, file: "situation.yaml") else { return [] }
    return s.members.filter { $0.role == .demandeur || $0.role == .conjoint }.map { m in
      [m.name, m.familyName].compactMap { $0 }.joined(separator: " ")
    }
  }

  static func accompaniment(_ r: CaseRecord) -> Accompaniment? {
    guard let text = r.latest?.scenarioText, let s = try? ScenarioFile.parse(text, file: "situation.yaml") else { return nil }
    return s.accompaniment
  }

  static func sentence(_ s: String) -> String {
    guard let f = s.first else { return s }
    return f.uppercased() + s.dropFirst()
  }

  /// The measure a document is about: `id`, else the latest open one, else the latest.
  public static func measure(_ r: CaseRecord, _ id: String?) throws -> Measure {
    if let id {
      guard let m = r.measures.first(where: { $0.id == id.uppercased() }) else {
        throw StoreError.invalid("mesure \(id) introuvable dans le dossier \(r.file.ref)")
      }
      return m
    }
    guard let m = r.measures.last(where: \.isOpen) ?? r.measures.last else {
      throw StoreError.invalid("le dossier \(r.file.ref) n'a pas de mesure : ouvrez-en une (equilibre suivi mesure \(r.file.ref) ouvrir …)")
    }
    return m
  }

  public static func convention(_ r: CaseRecord, measure id: String?, policy: MeasurePolicy, date: CivilDate) throws -> [String: Any] {
    let m = try measure(r, id)
    let rule = policy.rule(m.type)
    let adults = adults(r)
    let plan = accompaniment(r)
    let objectives = r.objectives.filter { $0.agreed && $0.status != .abandonne }
    let household = (plan?.householdCommitments ?? []).map(sentence)
    let counsellor = (plan?.counsellorCommitments ?? []).map(sentence)
    var renewal = "La mesure peut être renouvelée"
    if let agreed = rule.agreedBy { renewal += " avec l'accord \(FrenchGrammar.of(agreed))" }
    if let max = rule.maximumMonths { renewal += ", dans la limite de \(max) mois au total" }
    if let n = rule.maximumRenewals { renewal += ", \(n) fois au plus" }
    renewal += ", après un bilan établi avec le ménage."
    let actionLogement = m.type == .asd || m.type == .actiLoge
    return [
      "titre": actionLogement ? "Contrat d'engagement réciproque" : "Convention d'accompagnement",
      "reference": r.file.ref.text,
      "date_document": date.french,
      "structure": r.file.structure ?? "",
      "conseiller": r.file.counsellor,
      "menage": adults.isEmpty ? ["le ménage"] : adults,
      "mesure": sentence(m.type.french),
      "prescripteur": m.prescriber ?? "",
      "debut": m.start.french,
      "duree": "\(m.grantedMonths) mois",
      "fin": m.plannedEnd.adding(days: -1).french,
      "objectifs": objectives.map { o in
        [
          "theme": sentence(o.theme.french), "libelle": sentence(o.wording), "echeance": o.due?.french ?? "",
          "actions": o.actions.map { ["libelle": sentence($0.wording), "echeance": $0.due?.french ?? ""] },
        ] as [String: Any]
      },
      "a_objectifs": !objectives.isEmpty,
      "engagements_menage": household.isEmpty
        ? ["Participer aux rendez-vous convenus et prévenir en cas d'empêchement.", "Informer le conseiller de tout changement de situation.",
          "Mettre en œuvre les démarches convenues."]
        : household,
      "engagements_conseiller": counsellor.isEmpty
        ? ["Accompagner le ménage dans les démarches convenues, en le conseillant sans agir à sa place.",
          "Faire le point à chaque rendez-vous et préparer le bilan avec le ménage."]
        : counsellor,
      "confidentialite": actionLogement
        ? "Les informations confiées au conseiller restent confidentielles. Elles ne sont jamais communiquées à l'employeur."
        : "Les informations confiées au conseiller restent confidentielles. Elles ne sont partagées qu'avec l'accord du ménage.",
      "renouvellement": renewal,
      "signataires": (adults.isEmpty ? ["Le ménage"] : adults) + ["\(r.file.counsellor) (conseiller)"],
    ]
  }

  public static func review(
    _ r: CaseRecord, measure id: String?, proposal: ReviewProposal, comment: String?, date: CivilDate
  ) throws -> [String: Any] {
    let m = try? measure(r, id)
    // Since the previous renewal (a review made the day of a renewal covers the period before it).
    let from = m.map { mm in mm.renewals.last(where: { $0.date < date })?.date ?? mm.start } ?? r.file.openedOn
    let contacts = r.contacts.filter { $0.date >= from && $0.date <= date }
    var byChannel: [ContactChannel: Int] = [:]
    for c in contacts { byChannel[c.channel, default: 0] += 1 }
    let versions = r.situations.filter { $0.date <= date }
    let evolution = Evolution(versions)
    let reached = r.objectives.filter { $0.status == .atteint }.count
    return [
      "titre": "Bilan de l'accompagnement",
      "reference": r.file.ref.text,
      "date_document": date.french,
      "structure": r.file.structure ?? "",
      "conseiller": r.file.counsellor,
      "menage": adults(r),
      "mesure": m.map { sentence($0.type.french) } ?? "Accompagnement",
      "periode": "du \(from.french) au \(date.french)",
      "contacts": contacts.map { c in
        ["date": c.date.slashed, "canal": sentence(c.channel.french), "synthese": c.synthesis]
      },
      "a_contacts": !contacts.isEmpty,
      "contacts_par_canal": ContactChannel.allCases.compactMap { ch in
        byChannel[ch].map { "\($0) \(ch.french)" }
      }.joined(separator: ", "),
      "objectifs": r.objectives.map { o in
        [
          "id": o.id, "theme": sentence(o.theme.french), "libelle": sentence(o.wording), "statut": o.status.french,
          "atteint": o.status == .atteint,
        ] as [String: Any]
      },
      "a_objectifs": !r.objectives.isEmpty,
      "objectifs_resume": "\(reached) objectif(s) atteint(s) sur \(r.objectives.count)",
      "versions": evolution.versions.map { ["numero": String($0.number), "date": $0.date.slashed] },
      "evolution": evolution.rows.map { row in
        [
          "libelle": row.label, "valeurs": row.values.map { KeyFigures.french($0, row.kind) },
          "variation": KeyFigures.french(row.change, row.kind, signed: true),
        ] as [String: Any]
      },
      "a_evolution": versions.count >= 1,
      "graphique_svg": EvolutionChart.svg(versions),
      "proposition": sentence(proposal.french),
      "commentaire": comment ?? "",
      "signataires": adults(r) + ["\(r.file.counsellor) (conseiller)"],
    ]
  }
}
