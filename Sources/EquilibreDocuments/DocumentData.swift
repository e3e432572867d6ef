import EquilibreCore

/// The data of the documents, as Mustache contexts (also the `--format json` output).
/// Keys are French, for template authors. A missing fact is `{t: "à compléter", m: true}`.
public enum DocumentData {
  static let toComplete = "à compléter"

  /// A field that may be missing: `t` is its text, `m` tells it is missing.
  static func field(_ s: String?) -> [String: Any] {
    guard let s, !s.trimmingSpaces.isEmpty else { return ["t": toComplete, "m": true] }
    return ["t": s, "m": false]
  }

  static func money(_ m: Money) -> String { m.roundedToCents(.halfAwayFromZero).french }

  static func lines(_ l: [BudgetLine]) -> [[String: Any]] {
    l.map { ["libelle": $0.label, "montant": money($0.monthly)] }
  }

  static func anonymizer(_ c: DocumentCase) -> Anonymizer {
    Anonymizer(on: c.anonymous, members: c.scenario.members, creditors: c.scenario.debts.map(\.creditor))
  }

  static func members(_ c: DocumentCase, _ a: Anonymizer) -> [[String: Any]] {
    let s = c.scenario
    return s.members.enumerated().map { i, m in
      var activity: String?
      if let act = m.activity {
        activity = [act.status.french, act.contract?.french, act.sector.map { "employeur \($0.french)" },
          act.employerHeadcount.map { "\($0) salariés" }].compactMap { $0 }.joined(separator: ", ")
      }
      return [
        "nom": a.memberName(i), "role": m.role.french, "age": "\(m.age(on: s.date)) ans",
        "naissance": field(a.birth(m.birthDate) ?? (c.anonymous ? "[anonymisé]" : nil)),
        "activite": activity ?? (m.role == .enfant ? "—" : toComplete),
      ]
    }
  }

  /// Parameters used by the figures, without repeats, with their dates and sources.
  static func parameters(_ c: DocumentCase) -> [[String: Any]] {
    var seen = Set<String>()
    var out: [[String: Any]] = []
    let uses = c.budget.explanations.flatMap(\.parameters) + c.capacity.explanations.flatMap(\.parameters)
      + c.aids.results.flatMap(\.parameters)
    for u in uses where seen.insert("\(u.key)@\(u.from)").inserted {
      out.append([
        "cle": u.key, "description": u.description, "valeur": "\(u.value.french) (\(u.unit))", "depuis": u.from.french,
        "reference": u.reference ?? "", "source": u.source ?? "", "avertissement": u.warnings.joined(separator: " ; "),
      ])
    }
    return out
  }

  static func capacity(_ c: DocumentCase) -> [String: Any] {
    let k = c.capacity
    return [
      "ressources": money(k.resources), "personnes_a_charge": String(k.dependants),
      "quotite_saisissable": money(k.quotiteSaisissable), "rsa_foyer": money(k.rsa.amount),
      "multiplicateur_rsa": k.rsa.multiplier.frenchExact(), "ressources_moins_rsa": money(k.resourcesMinusRSA),
      "budget_vie_courante": money(k.budgetVieCourante.total), "methode_bvc": k.budgetVieCourante.method.rawValue,
      "ressources_moins_bvc": money(k.resourcesMinusBudget), "capacite_remboursement": money(k.capacity),
      "terme_limitant": k.bindingTerm.french, "solde_bancaire_insaisissable": money(k.soldeBancaireInsaisissable),
      "limite_qs": k.bindingTerm == .quotiteSaisissable, "limite_rsa": k.bindingTerm == .rsaFoyer,
      "limite_bvc": k.bindingTerm == .budgetVieCourante, "notes_bvc": k.budgetVieCourante.notes,
    ]
  }

  static func aids(_ c: DocumentCase, _ a: Anonymizer) -> [[String: Any]] {
    c.aids.results.map { r in
      [
        "nom": r.id.french, "cle": r.id.rawValue, "statut": r.status.french, "classe": r.status.rawValue,
        "montant": r.amount.map { "\(r.amountLabel ?? "montant") : \(money($0))" } ?? "", "a_montant": r.amount != nil,
        "motifs": r.reasons.map(a.text), "manquants": r.missing.map(a.text), "a_manquants": !r.missing.isEmpty,
        "avertissements": r.warnings,
      ]
    }
  }

  /// The household budget dossier.
  /// `value` with every string neutralised for display, at any depth.
  public static func neutralized(_ value: [String: Any]) -> [String: Any] {
    value.mapValues(neutralizedValue)
  }

  static func neutralizedValue(_ value: Any) -> Any {
    switch value {
    case let s as String: TextSafety.neutralized(s)
    case let d as [String: Any]: neutralized(d)
    case let a as [Any]: a.map(neutralizedValue)
    default: value
    }
  }

  public static func dossier(_ c: DocumentCase) -> [String: Any] {
    let s = c.scenario
    let a = anonymizer(c)
    let b = c.budget
    var d: [String: Any] = [
      "titre": "Dossier budgétaire du ménage",
      "date_document": c.documentDate.french,
      "date_situation": s.date.french,
      "anonyme": c.anonymous,
      "description": s.summary.map(a.text) ?? "",
      "menage": members(c, a),
      "logement": [
        "statut": field(s.housing.status?.french), "loyer": money(s.housing.rent), "charges": money(s.housing.charges),
        "aide": money(s.housing.housingBenefit), "pret": money(s.housing.mortgagePayment),
      ],
      "ressources": lines(b.resourcesByType), "total_ressources": money(b.resources),
      "ressources_par_personne": lines(b.resourcesByPerson.map { l in
        BudgetLine(label: a.on ? (s.members.firstIndex { $0.label == l.label }.map { "Personne \($0 + 1)" } ?? l.label) : l.label, monthly: l.monthly)
      }),
      "charges": lines(b.chargesByCategory), "total_charges": money(b.charges),
      "graphique_svg": BudgetChart.svg(resources: b.resourcesByType, charges: b.chargesByCategory),
      "politique": "\(b.policy.name) : \(b.policy.description)",
      "reste_a_vivre": money(b.resteAVivre),
      "reste_a_vivre_par_personne": b.resteAVivrePerPerson.map(money) ?? "—",
      "reste_a_vivre_par_uc_par_jour": b.resteAVivrePerUCPerDay.map(money) ?? "—",
      "unites_consommation": b.consumptionUnits.frenchExact(),
      "jours_par_mois": String(b.daysPerMonth),
      "taux_effort_avant": b.effortRateBeforeBenefit.map(percentText) ?? "—",
      "taux_effort_apres": b.effortRateAfterBenefit.map(percentText) ?? "—",
      "capacite": capacity(c),
      "aides": aids(c, a),
      "a_orientations": !c.aids.orientations.isEmpty,
      "orientations": c.aids.orientations.map { ["nom": $0.name, "motif": $0.why, "duree": $0.duration, "conditions": $0.conditions] },
      "parametres": parameters(c),
      "explications": (b.explanations + c.capacity.explanations).map {
        ["chiffre": $0.figure, "valeur": $0.value, "formule": $0.formula]
      },
    ]
    // Variants side by side.
    if !c.variants.isEmpty {
      let base = HouseholdFiguresRow(budget: c.budget, capacity: c.capacity, aids: c.aids)
      let cols = [("Situation actuelle", base)] + c.variants.map { ($0.name, HouseholdFiguresRow(budget: $0.figures.budget, capacity: $0.figures.capacity, aids: $0.figures.aids!)) }
      d["a_variantes"] = true
      d["variantes_entetes"] = cols.map { a.text($0.0) }
      d["variantes_changements"] = c.variants.map { ["nom": a.text($0.name), "changements": $0.changes.map(a.text).joined(separator: " ; ")] }
      d["variantes_lignes"] = HouseholdFiguresRow.rows.map { label, get in
        ["libelle": label, "valeurs": cols.map { get($0.1) }]
      }
    }
    if let p = c.plan {
      d["a_plan"] = true
      d["plan"] = planData(p, a)
    }
    if let acc = s.accompaniment {
      d["a_accompagnement"] = true
      d["accompagnement"] = [
        "debut": field(acc.start?.french), "duree": field(acc.months.map { "\($0) mois" }),
        "objectifs": acc.objectives.map(a.text), "engagements_menage": acc.householdCommitments.map(a.text),
        "engagements_conseiller": acc.counsellorCommitments.map(a.text),
      ]
    } else {
      d["a_accompagnement"] = false
    }
    return d
  }

  static func planData(_ p: DebtPlan, _ a: Anonymizer) -> [String: Any] {
    [
      "duree": p.months > 0 ? "\(p.months) mois" : "aucun versement",
      "mensualite": p.months > 0 ? money(p.monthTotal(1)) : money(.zero),
      "total_du": money(p.totalOwed), "total_rembourse": money(p.totalRepaid), "total_efface": money(p.totalErased),
      "a_moratoire": p.moratoireMonths > 0, "moratoire": "\(p.moratoireMonths) mois",
      "reexamen": p.reexamination?.french ?? "", "compromise": p.irremediablementCompromise,
      "creanciers": p.creditors.map { cr in
        [
          "nom": a.creditor(cr.name), "du": money(cr.owed), "premiere_mensualite": money(Money(cents: cr.monthlyCents.first ?? 0)),
          "rembourse": money(cr.repaid), "efface": money(cr.erased), "reste_du": money(cr.remaining),
        ] as [String: Any]
      },
      "notes": p.notes.map(a.text),
    ]
  }

  /// The draft of the Banque de France over-indebtedness filing (Cerfa 13594).
  public static func filing(_ c: DocumentCase) -> [String: Any] {
    let s = c.scenario
    let a = anonymizer(c)
    func person(_ i: Int?) -> [String: Any] {
      guard let i else { return ["present": false] }
      let m = s.members[i]
      let act = m.activity
      let employed = act?.status == .salarie
      let none: [String: Any] = ["t": "—", "m": false]
      return [
        "present": true, "nom": field(a.familyName(i)), "prenom": field(a.firstName(i)),
        "naissance": field(a.birth(m.birthDate) ?? (c.anonymous ? "[anonymisé]" : nil)),
        "profession": field(act.map { [$0.status.french, $0.contract?.french].compactMap { $0 }.joined(separator: ", ") }),
        "employeur": employed
          ? field(act?.sector.map { s in "secteur \(s.french)" + (act?.employerHeadcount.map { ", \($0) salariés" } ?? "") }) : none,
        "depuis": employed ? field(act?.start?.french) : none,
      ]
    }
    let applicant = s.members.firstIndex { $0.role == .demandeur }
    let partner = s.members.firstIndex { $0.role == .conjoint }
    let dependants = s.members.enumerated().filter { $0.element.role == .enfant || $0.element.role == .autre }
    let debts = s.debts.map { d -> [String: Any] in
      [
        "nature": d.nature.french, "creancier": a.creditor(d.creditor), "adresse": field(a.address(d.address)),
        "reference": field(a.reference(d.reference)), "restant_du": money(d.remainingDue), "impayes": money(d.arrears),
        "mensualite": money(d.monthlyPayment), "caution": d.caution.french, "a_caution": d.caution != .aucune,
        "exclusion": d.exclusion?.french ?? "",
      ]
    }
    var letter: [String] = []
    let events = s.knownEvents.map(\.french).sorted()
    letter.append("Madame, Monsieur,")
    letter.append(
      "Je sollicite l'examen de ma situation par la commission de surendettement des particuliers. "
        + "Je ne parviens plus à faire face à mes dettes non professionnelles, dont le montant total s'élève à \(money(s.debts.map(\.remainingDue).sum())), "
        + "avec des ressources mensuelles de \(money(c.capacity.resources)).")
    if !events.isEmpty {
      letter.append("Mes difficultés s'expliquent par : " + events.joined(separator: ", ") + ".")
    }
    if let n = s.notes, !n.trimmingSpaces.isEmpty {
      letter.append(a.text(n.trimmingSpaces))
    } else {
      letter.append("[à compléter : les causes et l'enchaînement des difficultés, avec les dates]")
    }
    letter.append("Je m'engage à ne pas aggraver mon endettement et à informer la commission de tout changement de ma situation.")
    letter.append("Je vous prie d'agréer, Madame, Monsieur, l'expression de mes salutations distinguées.")
    return [
      "titre": "Déclaration de surendettement — brouillon",
      "cerfa": "Cerfa n° 13594*02",
      "date_document": c.documentDate.french,
      "date_situation": s.date.french,
      "anonyme": c.anonymous,
      "deposant": person(applicant),
      "codeposant": person(partner),
      "adresse": field(a.address(s.contact.address)),
      "telephone": field(a.contact(s.contact.phone)),
      "courriel": field(a.contact(s.contact.email)),
      "situation_familiale": field(s.familyStatus?.french),
      "personnes_a_charge": dependants.map { i, m in
        ["nom": a.memberName(i), "lien": m.role.french, "naissance": field(a.birth(m.birthDate) ?? (c.anonymous ? "[anonymisé]" : nil)), "age": "\(m.age(on: s.date)) ans"]
      },
      "a_personnes_a_charge": !dependants.isEmpty,
      "logement": [
        "statut": field(s.housing.status?.french), "loyer": money(s.housing.rent), "charges": money(s.housing.charges),
        "aide": money(s.housing.housingBenefit), "pret": money(s.housing.mortgagePayment),
      ],
      "ressources": s.resources.map { r in
        ["libelle": r.label.map(a.text) ?? r.type.french, "personne": r.person.map { a.memberName($0) } ?? "foyer", "montant": money(r.monthly)]
      } + (s.housing.housingBenefit.isZero ? [] : [["libelle": "aide au logement", "personne": "foyer", "montant": money(s.housing.housingBenefit)]]),
      "total_ressources": money(c.capacity.resources),
      "charges": lines(c.budget.chargesByCategory.filter { $0.label != "mensualités des dettes en cours" }),
      "patrimoine": s.assets.map { ["type": $0.type.french, "libelle": $0.label.map(a.text) ?? "", "valeur": money($0.value)] },
      "a_patrimoine": !s.assets.isEmpty,
      "dettes": debts,
      "total_dettes": money(s.debts.map(\.remainingDue).sum()),
      "total_impayes": money(s.debts.map(\.arrears).sum()),
      "total_mensualites": money(s.debts.map(\.monthlyPayment).sum()),
      "procedures": s.procedures.map { p in
        ["type": p.kind.french, "description": p.description.map(a.text) ?? "", "date": field(p.date?.french),
          "creancier": p.creditor.map(a.creditor) ?? ""] as [String: Any]
      },
      "a_procedures": !s.procedures.isEmpty,
      "suivi_social": [
        "structure": field(s.socialService?.organisation), "referent": field(c.anonymous ? (s.socialService?.referent == nil ? nil : "[anonymisé]") : s.socialService?.referent),
        "telephone": field(a.contact(s.socialService?.phone)), "courriel": field(a.contact(s.socialService?.email)),
      ],
      "lettre": letter,
      "pieces": supportingDocuments(s),
      "capacite": capacity(c),
      "parametres": parameters(c).filter { ($0["cle"] as? String)?.hasPrefix("rsa") == true || ($0["cle"] as? String)?.hasPrefix("saisie") == true },
    ]
  }

  /// The blank worksheet for pen-and-paper workshops: the scenario files' own categories.
  public static func blankWorksheet() -> [String: Any] {
    [
      "titre": "Fiche budget du ménage",
      "lignes_menage": Array(repeating: true, count: 6),
      "ressources": ResourceType.allCases.map { $0.french.prefix(1).uppercased() + $0.french.dropFirst() },
      "charges": ChargeType.allCases.map { $0.french.prefix(1).uppercased() + $0.french.dropFirst() },
      "jours": "30",
      "natures": DebtNature.allCases.map(\.french).joined(separator: ", "),
      "lignes_dettes": Array(repeating: true, count: 8),
    ]
  }

  /// The supporting documents to attach, from the situation.
  static func supportingDocuments(_ s: Scenario) -> [String] {
    var out = [
      "pièce d'identité en cours de validité (recto verso) du déposant" + (s.members.contains { $0.role == .conjoint } ? " et du codéposant" : ""),
      "justificatifs de ressources des 3 derniers mois (bulletins de salaire, attestations Pôle emploi / France Travail, CAF, retraite…)",
      "dernier avis d'imposition",
      "justificatifs de charges : loyer (quittance ou bail), énergie, assurances, mutuelle, frais de garde…",
      "relevés de compte des 3 derniers mois",
      "pour chaque dette : dernier relevé, tableau d'amortissement ou courrier du créancier indiquant le montant restant dû",
    ]
    if s.members.contains(where: { $0.role == .enfant }) { out.append("livret de famille ou acte de naissance des enfants") }
    if s.housing.status == .proprietaire || s.housing.status == .proprietaireAccedant || s.assets.contains(where: { $0.type == .bienImmobilier }) {
      out.append("titre de propriété et estimation du bien immobilier")
    }
    if !s.procedures.isEmpty { out.append("actes des procédures en cours (commandement, jugement, saisie)") }
    if s.familyStatus == .divorce || s.familyStatus == .separe || s.knownEvents.contains(.separation) {
      out.append("jugement de divorce ou de séparation fixant la pension alimentaire")
    }
    return out
  }
}

/// The figures compared across variants.
struct HouseholdFiguresRow {
  let budget: Budget
  let capacity: RepaymentCapacity
  let aids: AidAssessment

  static var rows: [(String, (HouseholdFiguresRow) -> String)] {
    [
    ("Ressources mensuelles", { DocumentData.money($0.budget.resources) }),
    ("Charges mensuelles", { DocumentData.money($0.budget.charges) }),
    ("Reste à vivre", { DocumentData.money($0.budget.resteAVivre) }),
    ("Reste à vivre par UC et par jour", { $0.budget.resteAVivrePerUCPerDay.map(DocumentData.money) ?? "—" }),
    ("Taux d'effort après aide", { $0.budget.effortRateAfterBenefit.map(percentText) ?? "—" }),
    ("Capacité de remboursement", { DocumentData.money($0.capacity.capacity) }),
    ]
  }
}
