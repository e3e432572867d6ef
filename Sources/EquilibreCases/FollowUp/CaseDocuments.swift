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
  static func latestScenario(_ r: CaseRecord) -> Scenario? {
    guard let text = r.latest?.computed.text else { return nil }
    return try? ScenarioFile.parse(text, file: "situation.yaml")
  }

  /// The anonymiser of the case's latest situation (names, addresses…), or one with no names.
  static func anonymizer(_ r: CaseRecord, _ on: Bool) -> Anonymizer {
    latestScenario(r).map { Anonymizer(on: on, scenario: $0) } ?? Anonymizer(on: on)
  }

  /// The household's adults (applicant and partner) from the latest situation.
  static func adults(_ r: CaseRecord, _ a: Anonymizer) -> [String] {
    guard let s = latestScenario(r) else { return [] }
    return s.members.indices.filter { s.members[$0].role == .demandeur || s.members[$0].role == .conjoint }.map { a.memberName($0) }
  }

  /// The case's own names (counsellor, agency, prescriber, reference), replaced when anonymous.
  static func caseNames(_ r: CaseRecord, _ m: Measure?, _ a: Anonymizer) -> [String: Any] {
    [
      "reference": a.person(r.file.ref.text, "[référence]"),
      "structure": r.file.structure.map { a.person($0, "[structure]") } ?? "",
      "conseiller": a.person(r.file.counsellor, "[conseiller]"),
      "prescripteur": m?.prescriber.map { a.person($0, "[prescripteur]") } ?? "",
    ]
  }

  static func accompaniment(_ r: CaseRecord) -> Accompaniment? {
    guard let s = latestScenario(r) else { return nil }
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

  /// `anonymous`: names, the agency, the counsellor and the reference replaced, dates to their
  /// month (the rules of ``Anonymizer``).
  public static func convention(
    _ r: CaseRecord, measure id: String?, policy: MeasurePolicy, date: CivilDate, anonymous: Bool = false
  ) throws -> [String: Any] {
    let m = try measure(r, id)
    let a = anonymizer(r, anonymous)
    let rule = policy.rule(m.type)
    let adults = adults(r, a)
    let plan = accompaniment(r)
    let objectives = r.objectives.filter { $0.agreed && $0.status != .abandonne }
    let household = (plan?.householdCommitments ?? []).map { sentence(a.wording($0)) }
    let counsellor = (plan?.counsellorCommitments ?? []).map { sentence(a.wording($0)) }
    var renewal = "La mesure peut être renouvelée"
    if let agreed = rule.agreedBy { renewal += " avec l'accord \(FrenchGrammar.of(agreed))" }
    if let max = rule.maximumMonths { renewal += ", dans la limite de \(max) mois au total" }
    if let n = rule.maximumRenewals { renewal += ", \(n) fois au plus" }
    renewal += ", après un bilan établi avec le ménage."
    let actionLogement = m.type == .asd || m.type == .actiLoge
    let names = caseNames(r, m, a)
    let body: [String: Any] = [
      "titre": actionLogement ? "Contrat d'engagement réciproque" : "Convention d'accompagnement",
      "date_document": date.french,
      "menage": adults.isEmpty ? ["le ménage"] : adults,
      "mesure": sentence(m.type.french),
      "debut": a.date(m.start),
      "duree": "\(m.grantedMonths) mois",
      "fin": a.date(m.plannedEnd.adding(days: -1)),
      // Numbered by their place in this document: objective 2 holds actions 2.1, 2.2…
      "objectifs": objectives.enumerated().map { k, o in
        [
          "numero": "\(k + 1)", "theme": sentence(o.theme.french), "libelle": sentence(a.wording(o.wording)), "echeance": a.date(o.due),
          "actions": o.actions.enumerated().map { j, act in
            ["numero": "\(k + 1).\(j + 1)", "libelle": sentence(a.wording(act.wording)), "echeance": a.date(act.due)]
          },
        ] as [String: Any]
      },
      "a_objectifs": !objectives.isEmpty,
      "engagements_menage": household.isEmpty
        ? [
          "Participer aux rendez-vous convenus et prévenir en cas d'empêchement.",
          "Informer le conseiller de tout changement de situation.",
          "Mettre en œuvre les démarches convenues.",
        ]
        : household,
      "engagements_conseiller": counsellor.isEmpty
        ? [
          "Accompagner le ménage dans les démarches convenues, en le conseillant sans agir à sa place.",
          "Faire le point à chaque rendez-vous et préparer le bilan avec le ménage.",
        ]
        : counsellor,
      "confidentialite": actionLogement
        ? "Les informations confiées au conseiller restent confidentielles. Elles ne sont jamais communiquées à l'employeur."
        : "Les informations confiées au conseiller restent confidentielles. Elles ne sont partagées qu'avec l'accord du ménage.",
      "renouvellement": renewal,
      "signataires": (adults.isEmpty ? ["Le ménage"] : adults) + ["\(names["conseiller"]!) (conseiller)"],
    ]
    return names.merging(body) { $1 }
  }

  public static func review(
    _ r: CaseRecord, measure id: String?, proposal: ReviewProposal, comment: String?, date: CivilDate, anonymous: Bool = false
  ) throws -> [String: Any] {
    let m = try? measure(r, id)
    let a = anonymizer(r, anonymous)
    let names = caseNames(r, m, a)
    // Since the previous renewal (a review made the day of a renewal covers the period before it).
    let from = m.map { mm in mm.renewals.last(where: { $0.date < date })?.date ?? mm.start } ?? r.file.openedOn
    let contacts = r.contacts.filter { $0.date >= from && $0.date <= date }
    var byChannel: [ContactChannel: Int] = [:]
    for c in contacts { byChannel[c.channel, default: 0] += 1 }
    let versions = r.situations.filter { $0.date <= date }
    let evolution = Evolution(versions)
    let reached = r.objectives.filter { $0.status == .atteint }.count
    let aids = r.aidRequests.filter {
      ($0.filedOn >= from && $0.filedOn <= date) || ($0.decidedOn.map { $0 >= from && $0 <= date } ?? false)
    }
    let body: [String: Any] = [
      "titre": "Bilan de l'accompagnement",
      "date_document": date.french,
      "menage": adults(r, a),
      "mesure": m.map { sentence($0.type.french) } ?? "Accompagnement",
      "periode": "du \(a.date(from)) au \(date.french)",
      "contacts": contacts.map { c in
        ["date": anonymous ? a.date(c.date) : c.date.slashed, "canal": sentence(c.channel.french), "synthese": a.removed(c.synthesis)]
      },
      "a_contacts": !contacts.isEmpty,
      "contacts_par_canal": ContactChannel.allCases.compactMap { ch in
        byChannel[ch].map { "\($0) \(ch.french)" }
      }.joined(separator: ", "),
      "objectifs": r.objectives.map { o in
        [
          "id": o.id, "theme": sentence(o.theme.french), "libelle": sentence(a.wording(o.wording)), "statut": o.status.french,
          "atteint": o.status == .atteint,
        ] as [String: Any]
      },
      "a_objectifs": !r.objectives.isEmpty,
      "objectifs_resume": "\(reached) objectif(s) atteint(s) sur \(r.objectives.count)",
      // Aid requests of the period (filed or decided in it).
      "aides": aids.map { x in
        [
          "id": x.id, "organisme": x.organisation.short, "nature": x.kind.french,
          "depose": anonymous ? a.date(x.filedOn) : x.filedOn.slashed,
          "demande": x.askedCents.map { Money(cents: $0).french } ?? "—",
          "decision": x.decision.map { d in d.french + (x.decidedOn.map { " le " + (anonymous ? a.date($0) : $0.slashed) } ?? "") }
            ?? "en attente",
          "accorde": x.decision?.grants == true ? x.grantedCents.map { Money(cents: $0).french } ?? "—" : "—",
        ] as [String: Any]
      },
      "a_aides": !aids.isEmpty,
      "aides_resume": "\(aids.count) demande(s), \(aids.filter { $0.decision?.grants == true }.count) accordée(s), "
        + "\(Money(cents: aids.compactMap { $0.decision?.grants == true ? $0.grantedCents : nil }.reduce(0, +)).french) obtenus",
      "versions": evolution.versions.map { ["numero": String($0.number), "date": anonymous ? a.date($0.date) : $0.date.slashed] },
      "evolution": evolution.rows.map { row in
        [
          "libelle": row.label, "valeurs": row.values.map { KeyFigures.french($0, row.kind) },
          "variation": KeyFigures.french(row.change, row.kind, signed: true),
        ] as [String: Any]
      },
      "a_evolution": versions.count >= 1,
      "graphique_svg": EvolutionChart.svg(versions),
      "proposition": sentence(proposal.french),
      "commentaire": comment.map(a.wording) ?? "",
      "signataires": adults(r, a) + ["\(names["conseiller"]!) (conseiller)"],
    ]
    return names.merging(body) { $1 }
  }
}
