/// Action Logement's loans and subsidies for employees in difficulty. The products' amounts,
/// rates, durations and reste-à-vivre threshold are not public: they come from a local policy
/// file (an example ships with the tool), and every result says they must be confirmed.
enum ActionLogementAids {
  static let confirm = "montants, taux, durées et seuils de la politique locale : à confirmer avec la directive de l'agence Action Logement"

  static func evaluate(
    _ s: Scenario, asd: AidResult, policy: ParameterSet, parameters: ParameterSet, budget: Budget, capacity: RepaymentCapacity?
  ) throws(ParameterError) -> [AidResult] {
    let date = s.date
    // Financial imbalance (loans).
    func imbalance(_ r: AidRules) throws(ParameterError) {
      let minFall = try r.number(policy, "al.baisse_ressources_min", date)
      let maxEffort = try r.number(policy, "al.taux_effort_desequilibre", date)
      var known = false
      if let before = s.situation.resourcesBefore, !before.isZero {
        known = true
        let fall = (before - budget.resourcesWithoutHousingBenefit) / before
        if fall >= minFall {
          r.pass("déséquilibre financier : baisse de ressources de \(percentText(fall)) (≥ \(percentText(minFall)))")
          return
        }
      }
      if let effort = budget.effortRateAfterBenefit {
        known = true
        if effort > maxEffort {
          r.pass("déséquilibre financier : taux d'effort après aide de \(percentText(effort)) (> \(percentText(maxEffort)))")
          return
        }
      }
      if s.situation.chargesRose == true {
        r.pass("déséquilibre financier : hausse des charges déclarée")
        return
      }
      if s.situation.overIndebtednessFiling == true {
        r.pass("déséquilibre financier : dossier déposé à la commission de surendettement")
        return
      }
      if known && s.situation.chargesRose == false && s.situation.overIndebtednessFiling == false {
        r.fail("pas de déséquilibre financier : ni baisse de ressources, ni hausse des charges, ni dépôt de dossier de surendettement")
      } else {
        r.unknown(
          "déséquilibre financier (ressources avant l'événement, hausse des charges ou dépôt d'un dossier de surendettement)",
          "déséquilibre financier non établi")
      }
    }
    // Reste-à-vivre condition (subsidies).
    func resteAVivre(_ r: AidRules) throws(ParameterError) {
      let max = try r.number(policy, "al.subvention_reste_a_vivre_max", date)
      guard let perUC = budget.resteAVivrePerUCPerDay else {
        r.unknown("composition du ménage", "reste à vivre par UC non calculable")
        return
      }
      if perUC.value < max {
        r.pass(
          "condition de reste à vivre : \(perUC.roundedToCents(.halfAwayFromZero).french) par UC et par jour (< \(Money(max).french), politique locale)"
        )
      } else {
        r.fail(
          "condition de reste à vivre : \(perUC.roundedToCents(.halfAwayFromZero).french) par UC et par jour (≥ \(Money(max).french), politique locale) ; un prêt est plus adapté"
        )
      }
    }
    func base(_ id: AidID) -> AidRules {
      let r = AidRules(id)
      r.quietUnsure = true
      switch asd.status {
      case .eligible: r.pass("ouvert aux salariés éligibles au service d'accompagnement social (éligible ici)")
      case .aVerifier:
        r.unknown("éligibilité au service d'accompagnement social", "éligibilité au service d'accompagnement social à vérifier")
      case .nonEligible: r.fail("réservé aux salariés éligibles au service d'accompagnement social (non éligible ici)")
      }
      r.warnings.append(confirm)
      if let (name, u) = try? policy.text("al.politique", on: date) {
        r.use(u)
        r.note("politique locale : \(name)")
      }
      return r
    }
    func loan(_ r: AidRules, _ product: String, need: Money?) throws(ParameterError) {
      let max = Money(try r.number(policy, "al.\(product).montant_max", date))
      let rate = try r.number(policy, "al.\(product).taux", date) / Rational(100)
      let months = try r.whole(policy, "al.\(product).duree_mois", date)
      guard months > 0 else { throw .wrongType("al.\(product).duree_mois", expected: "un nombre de mois positif") }
      let amount = need.map { Swift.min($0, max) } ?? max
      r.amount = amount
      r.amountLabel = need == nil ? "plafond du prêt" : "prêt (besoin \(need!.french), plafond \(max.french))"
      if let sched = try? Schedule(terms: LoanTerms(capital: amount, annualRate: rate, periods: months)) {
        r.schedule = sched
        r.note(
          "échéancier : \(sched.summary.numberOfInstalments) mensualités de \(sched.summary.instalment.french) à \(rate.frenchPercent())")
        if let c = capacity, sched.summary.instalment > c.capacity {
          r.warnings.append(
            "la mensualité (\(sched.summary.instalment.french)) dépasse la capacité de remboursement (\(c.capacity.french))")
        }
      }
    }
    func subsidy(_ r: AidRules, _ product: String, need: Money?) throws(ParameterError) {
      let max = Money(try r.number(policy, "al.\(product).montant_max", date))
      r.amount = need.map { Swift.min($0, max) } ?? max
      r.amountLabel = need == nil ? "plafond de la subvention" : "subvention (besoin \(need!.french), plafond \(max.french))"
    }

    let status = s.housing.status
    let rentArrears = s.debts.filter { [.loyer, .energie, .eau].contains($0.nature) }.map(\.arrears).sum()
    let mortgageArrears = s.debts.filter { $0.nature == .creditImmobilier }.map(\.arrears).sum()
    let accessNeed = s.project.map { ($0.deposit ?? .zero) + $0.rent + $0.charges }
    let seeking = s.project != nil || status == .heberge || status == .sansLogement || status == .foyer

    var out: [AidResult] = []
    // Refinancing a mortgage.
    do {
      let r = base(.alPretRefinancement)
      if status == .proprietaireAccedant || !s.housing.mortgagePayment.isZero {
        r.pass("propriétaire accédant avec un prêt immobilier en cours")
        try imbalance(r)
        try loan(r, "pret_refinancement", need: mortgageArrears.isZero ? nil : mortgageArrears)
      } else {
        r.fail("sans objet : pas de prêt immobilier en cours")
      }
      out.append(r.result)
    }
    // Access to rented housing: loan and subsidy.
    for (id, product, isLoan) in [(AidID.alPretAcces, "pret_acces", true), (.alSubventionAcces, "subvention_acces", false)] {
      let r = base(id)
      if seeking {
        r.pass("accès à un logement locatif" + (s.project == nil ? " (ménage sans logement propre)" : " (projet de logement déclaré)"))
        if isLoan {
          try imbalance(r)
          try loan(r, product, need: accessNeed)
        } else {
          try resteAVivre(r)
          try subsidy(r, product, need: accessNeed)
        }
        if accessNeed == nil { r.note("besoin à préciser : dépôt de garantie, premier loyer et charges du logement visé") }
      } else {
        r.fail("sans objet : aucun projet d'accès à un logement")
      }
      out.append(r.result)
    }
    // Charges linked to the home (rent, charges, energy…): loan and subsidy.
    for (id, product, isLoan) in [(AidID.alPretCharges, "pret_charges", true), (.alSubventionCharges, "subvention_charges", false)] {
      let r = base(id)
      if !rentArrears.isZero || !mortgageArrears.isZero {
        r.pass("charges de logement impayées : \((rentArrears + mortgageArrears).french)")
        if isLoan {
          try imbalance(r)
          try loan(r, product, need: rentArrears + mortgageArrears)
        } else {
          try resteAVivre(r)
          try subsidy(r, product, need: rentArrears + mortgageArrears)
        }
      } else if status == .locataireSocial || status == .locatairePrive || status == .proprietaireAccedant {
        r.unknown("charges de logement à financer (impayés, échéances à venir)", "aucun impayé de logement déclaré")
        if isLoan {
          try imbalance(r)
          try loan(r, product, need: nil)
        } else {
          try resteAVivre(r)
          try subsidy(r, product, need: nil)
        }
      } else {
        r.fail("sans objet : le ménage ne paie pas de loyer ni de prêt immobilier")
      }
      out.append(r.result)
    }
    // Hébergement.
    do {
      let r = base(.alSubventionHebergement)
      if status == .heberge || status == .sansLogement || status == .foyer || s.knownEvents.contains(.violences) {
        r.pass("besoin d'hébergement : \(status?.french ?? "situation de violences")")
        try resteAVivre(r)
        try subsidy(r, "subvention_hebergement", need: nil)
      } else {
        r.fail("sans objet : le ménage a un logement")
      }
      out.append(r.result)
    }
    return out
  }
}
