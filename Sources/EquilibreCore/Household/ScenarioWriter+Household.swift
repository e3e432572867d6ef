/// The household's sections: `menage`, `logement`, `dettes`.
extension ScenarioWriter {
  /// `menage`: the members and their activity.
  static func household(_ s: Scenario, _ w: inout Writer) {
    w.blank()
    w.line(0, "menage:")
    for m in s.members {
      w.line(1, "- role: \(m.role.rawValue)")
      if let n = m.name { w.line(2, "prenom: \(quote(n))") }
      if let n = m.familyName { w.line(2, "nom: \(quote(n))") }
      if let n = m.birthName { w.line(2, "nom_naissance: \(quote(n))") }
      w.line(2, "naissance: \(m.birthDate)")
      if let n = m.birthPlace { w.line(2, "lieu_naissance: \(quote(n))") }
      if let n = m.nationality { w.line(2, "nationalite: \(quote(n))") }
      if let d = m.dependantForSeizure { w.line(2, "a_charge_saisie: \(bool(d))") }
      if let d = m.disabled { w.line(2, "handicap: \(bool(d))") }
      if let a = m.activity {
        w.line(2, "activite:")
        w.line(3, "statut: \(a.status.rawValue)")
        if let c = a.contract { w.line(3, "contrat: \(c.rawValue)") }
        if let d = a.start { w.line(3, "debut: \(d)") }
        if let d = a.end { w.line(3, "fin: \(d)") }
        if let h = a.hoursLast12Months { w.line(3, "heures_12_mois: \(h)") }
        if let h = a.employerHeadcount { w.line(3, "effectif_employeur: \(h)") }
        if let sec = a.sector { w.line(3, "secteur: \(sec.rawValue)") }
        if let g = a.grossSalary { w.line(3, "salaire_brut: \(amount(g))") }
        if let e = a.employerName { w.line(3, "employeur: \(quote(e))") }
        if let e = a.employerAddress { w.line(3, "employeur_adresse: \(quote(e))") }
      }
    }
  }

  /// `logement`: the current home.
  static func housing(_ s: Scenario, _ w: inout Writer) {
    // The housing section needs a status; without one the scenario has no housing section.
    let h = s.housing
    if let st = h.status {
      w.blank()
      w.line(0, "logement:")
      w.line(1, "statut: \(st.rawValue)")
      w.line(1, "loyer: \(amount(h.rent))")
      w.line(1, "charges: \(amount(h.charges))")
      w.line(1, "aide_logement: \(amount(h.housingBenefit))")
      if !h.mortgagePayment.isZero || h.mortgageOutstanding != nil {
        w.line(1, "pret_immobilier:")
        w.line(2, "mensualite: \(amount(h.mortgagePayment))")
        if let o = h.mortgageOutstanding { w.line(2, "capital_restant_du: \(amount(o))") }
      }
      if let c = h.commune { w.line(1, "commune: \(quote(c))") }
      if let z = h.aplZone { w.line(1, "zone_apl: \(quote(z.rawValue))") }
      if let v = h.furnished { w.line(1, "meuble: \(bool(v))") }
      if let v = h.flatShare { w.line(1, "colocation: \(bool(v))") }
      if let v = h.conventionne { w.line(1, "conventionne: \(bool(v))") }
      if let l = h.landlord {
        w.line(1, "bailleur:")
        if let n = l.name { w.line(2, "nom: \(quote(n))") }
        if let a = l.address { w.line(2, "adresse: \(quote(a))") }
        if l.name == nil && l.address == nil { w.append(" {}") }
      }
    }
  }

  /// `dettes`.
  static func debts(_ s: Scenario, _ w: inout Writer) {
    if !s.debts.isEmpty {
      w.blank()
      w.line(0, "dettes:")
      for d in s.debts {
        w.line(1, "- creancier: \(quote(d.creditor))")
        if let a = d.address { w.line(2, "adresse: \(quote(a))") }
        if let r = d.reference { w.line(2, "reference: \(quote(r))") }
        w.line(2, "nature: \(d.nature.rawValue)")
        w.line(2, "restant_du: \(d.provenance?.remainingDueToAsk == true ? quote(Provenance.toComplete) : amount(d.remainingDue))")
        if !d.arrears.isZero { w.line(2, "impayes: \(amount(d.arrears))") }
        if !d.monthlyPayment.isZero { w.line(2, "mensualite: \(amount(d.monthlyPayment))") }
        if let r = d.rate { w.line(2, "taux: \(percent(r))") }
        if let e = d.end { w.line(2, "fin: \(e)") }
        if let c = d.caution { w.line(2, "caution: \(c.rawValue)") }
        if let g = d.guarantor { w.line(2, "caution_nom: \(quote(g))") }
        let defaultExclusion: ErasureExclusion? = d.nature == .amende ? .amendePenale : nil
        if d.exclusion != defaultExclusion { w.line(2, "exclue_effacement: \(d.exclusion?.rawValue ?? "~")") }
        if d.landlord != (d.nature == .loyer) { w.line(2, "bailleur: \(bool(d.landlord))") }
        provenance(d.provenance, 2, &w)
      }
    }
  }
}
