import EquilibreCore
import Mustache

/// The household budget dossier.
extension DocumentData {
  // MARK: The household budget dossier

  public static func dossier(_ c: DocumentCase, annex: Bool = false) -> [String: Any] {
    let s = c.scenario
    let a = anonymizer(c)
    let b = c.budget
    let (useful, notApplicable) = aids(c, a)
    let (sourceLines, caveat) = sources(c)
    var d: [String: Any] = [
      "titre": "Dossier budgétaire du ménage",
      "date_document": c.documentDate.french,
      "date_situation": s.date.french,
      "anonyme": c.anonymous,
      "description": a.removed(s.summary),
      "menage": members(c, a),
      "logement_statut": field(s.housing.status?.french).merging(["t": Typography.capitalized(s.housing.status?.french ?? toComplete)]) {
        $1
      },
      "logement_lignes": housingLines(s.housing),
      "ressources": lines(b.resourceItems.map { BudgetLine(label: a.on ? ($0.category ?? $0.label) : $0.label, monthly: $0.monthly) }),
      "total_ressources": money(c.figures.resourcesTotal),
      "ressources_par_personne": b.resourcesByPerson.map { l in
        let name = s.members.firstIndex { $0.label == l.label }.map { a.memberName($0) } ?? Typography.capitalized(l.label)
        return "\(name) : \(money(l.monthly))"
      }.joined(separator: " ; "),
      "charges": lines(b.chargeItems.map { BudgetLine(label: a.on ? ($0.category ?? $0.label) : $0.label, monthly: $0.monthly) }),
      "total_charges": money(b.charges),
      "graphique_svg": BudgetChart.svg(
        resources: b.resourcesByType, charges: b.chargesByCategory, resourcesTotal: b.resources, chargesTotal: b.charges,
        resteAVivre: b.resteAVivre),
      "politique": "\(b.policy.description)",
      "reste_a_vivre": money(b.resteAVivre),
      "reste_a_vivre_par_personne": b.resteAVivrePerPerson.map(money) ?? "—",
      "reste_a_vivre_par_uc_par_jour": b.resteAVivrePerUCPerDay.map(money) ?? "—",
      "unites_consommation": b.consumptionUnits.frenchExact(),
      "unites_texte": units(b.consumptionUnits),
      "jours_par_mois": String(b.daysPerMonth),
      "taux_effort_avant": b.effortRateBeforeBenefit.map(percentText) ?? "—",
      "taux_effort_apres": b.effortRateAfterBenefit.map(percentText) ?? "—",
      "capacite": capacity(c),
      "aides": useful,
      "a_aides": !useful.isEmpty,
      "aides_sans_objet": notApplicable,
      "a_orientations": !c.aids.orientations.isEmpty,
      "orientations": c.aids.orientations.map {
        ["nom": $0.name, "motif": $0.why, "duree": $0.duration, "conditions": $0.conditions.joined(separator: " ; ")]
      },
      "notes": a.removed(s.notes?.trimmingSpaces),
      "a_notes": !a.removed(s.notes?.trimmingSpaces).isEmpty,
      "sources": sourceLines,
      "sources_reserve": caveat ?? "",
      "a_annexe": annex,
      "parametres": annex ? parameterAnnex(c) : [],
      "explications": annex
        ? (b.explanations + c.capacity.explanations).map { ["chiffre": $0.figure, "valeur": $0.value, "formule": $0.formula] } : [],
      "chiffres": figures(c),
      // Every section flag is present, so that a template's unknown name is a real typo.
      "a_variantes": false, "a_plan": false, "a_plan_proprietaire": false, "a_accompagnement": false, "a_logement_social": false,
    ]
    if let e = c.socialHousing {
      d["a_logement_social"] = true
      d["logement_social"] =
        [
          "zone": e.zone?.french ?? "à préciser",
          "categorie":
            "\(e.category.number)\(e.category.extraPersons > 0 ? " + " + count(e.category.extraPersons, "personne supplémentaire", "personnes supplémentaires") : "") — \(e.category.reason)",
          "ressources": e.resources.map { "\(money($0.amount)) — \($0.reason)" } ?? "à réunir",
          "lignes": e.results.map { r -> [String: Any] in
            [
              "financement": r.financing.french, "statut": r.status.french, "classe": r.status.rawValue,
              "plafond": r.ceiling.map(money) ?? "—", "marge": r.margin.map(money) ?? "—",
            ]
          },
          "manquants": e.missing.joined(separator: " ; "),
          "a_offres": !c.offers.isEmpty,
          "offres": c.offers.enumerated().map { k, o -> [String: Any] in
            let pct = { (r: Rational?) in r.map(percentText) ?? "—" }
            return [
              "nom": a.on ? "Offre \(k + 1)" : o.offer.name, "financement": o.offer.financing.rawValue.uppercased(),
              "typologie": a.label(o.offer.typology) ?? "",
              "cout": "\(money(o.offer.rent)) + \(money(o.offer.charges))", "aide": o.housingAidFrench,
              "statut": o.eligibility.status.french,
              "effort_avant": "\(pct(o.now.effortBeforeBenefit)) → \(pct(o.after.effortBeforeBenefit))",
              "effort_apres": "\(pct(o.now.effortAfterBenefit)) → \(pct(o.after.effortAfterBenefit))",
              "reste_a_vivre": "\(money(o.now.resteAVivre)) → \(money(o.after.resteAVivre))",
              "par_uc_par_jour": "\(o.now.resteAVivrePerUCPerDay.map(money) ?? "—") → \(o.after.resteAVivrePerUCPerDay.map(money) ?? "—")",
              "capacite": "\(money(o.now.capacity)) → \(money(o.after.capacity))",
            ]
          },
        ] as [String: Any]
    }
    if !c.variants.isEmpty {
      let base = HouseholdFiguresRow(budget: c.budget, capacity: c.capacity, aids: c.aids)
      let cols =
        [("Situation actuelle", base)]
        + c.variants.map {
          ($0.name, HouseholdFiguresRow(budget: $0.figures.budget, capacity: $0.figures.capacity, aids: $0.figures.aids!))
        }
      d["a_variantes"] = true
      d["variantes_entetes"] = cols.enumerated().map { k, col in k == 0 || !a.on ? col.0 : "Variante \(k)" }
      d["variantes_nombre"] = cols.count
      d["variantes_changements"] = c.variants.enumerated().map { k, v -> [String: Any] in
        var row: [String: Any] = [
          "nom": a.on ? "Variante \(k + 1)" : v.name, "changements": Typography.sentence(v.changes.map(a.text).joined(separator: " ; ")),
        ]
        let sentence = c.variantBenefits[k].summary
        row["a_phrase_prestations"] = sentence != nil
        row["phrase_prestations"] = sentence ?? ""
        return row
      }
      d["variantes_lignes"] = HouseholdFiguresRow.rows.map { label, get in ["libelle": label, "valeurs": cols.map { get($0.1) }] }
    }
    if let p = c.plan {
      d["a_plan"] = true
      d["plan"] = planData(p, a)
    }
    if let loan = c.figures.homeLoan {
      // What the plan does with the home: said before the plan, never a write-off of the loan.
      var note = "Le ménage est propriétaire de sa résidence principale"
      if let value = c.figures.realEstate { note += " (valeur déclarée : \(money(value)))" }
      note += ". Son prêt immobilier\(loan.creditor.map { " (\(a.creditor($0)))" } ?? "") n'est pas effacé : "
      note += c.plan?.settings.homeLoan.french ?? HomeLoanTreatment.arrieres.french
      note += ". Sa mensualité de \(money(loan.instalment)) est réservée dans le budget vie courante, avant la capacité de remboursement. "
      note +=
        "Pour éviter la vente du logement, la durée de 7 ans peut être dépassée pour ce prêt (articles L732-3 et L733-3 du Code de la consommation), et les remboursements peuvent, avec l'accord du ménage, dépasser la part saisissable (L731-2). La vente du logement reste une autre issue, à étudier avec la commission."
      d["a_plan_proprietaire"] = true
      d["plan_proprietaire_note"] = note
    }
    if let acc = s.accompaniment {
      d["a_accompagnement"] = true
      d["accompagnement"] = [
        "debut": field(acc.start.map { a.date($0) }), "duree": field(acc.months.map { "\($0) mois" }),
        "objectifs": acc.objectives.map { Typography.capitalized(a.wording($0)) },
        "engagements_menage": acc.householdCommitments.map { Typography.capitalized(a.wording($0)) },
        "engagements_conseiller": acc.counsellorCommitments.map { Typography.capitalized(a.wording($0)) },
      ]
    } else {
      d["a_accompagnement"] = false
    }
    return d
  }
}
