/// The housing sought: `projet_logement`, `logement_social`, `offres`.
extension ScenarioWriter {
  /// `projet_logement` and `logement_social`.
  static func project(_ s: Scenario, _ w: inout Writer) {
    if let p = s.project {
      w.blank()
      w.line(0, "projet_logement:")
      ScenarioSchema.project.write(p, level: 1, &w)
    }
    if let h = s.socialHousing {
      w.blank()
      w.line(0, "logement_social:")
      if let z = h.zone { w.line(1, "zone: \(z.rawValue)") }
      if let c = h.commune { w.line(1, "commune: \(quote(c))") }
      if !h.taxIncome.isEmpty {
        w.line(1, "revenus_fiscaux:")
        for (year, amount) in h.taxIncome.sorted(by: { $0.key < $1.key }) { w.line(2, "\(year): \(self.amount(amount))") }
      }
      if let m = h.lastTwelveMonths { w.line(1, "ressources_12_mois: \(amount(m))") }
      if h.zone == nil && h.commune == nil && h.taxIncome.isEmpty && h.lastTwelveMonths == nil { w.append(" {}") }
    }
  }

  /// `offres`: the social-housing offers to compare.
  static func offers(_ s: Scenario, _ w: inout Writer) {
    if !s.offers.isEmpty {
      w.blank()
      w.line(0, "offres:")
      for o in s.offers {
        w.line(1, "- nom: \(quote(o.name))")
        w.line(2, "financement: \(o.financing.rawValue)")
        if let t = o.typology { w.line(2, "typologie: \(quote(t))") }
        if let z = o.zone { w.line(2, "zone: \(z.rawValue)") }
        if let c = o.commune { w.line(2, "commune: \(quote(c))") }
        w.line(2, "loyer: \(amount(o.rent))")
        w.line(2, "charges: \(amount(o.charges))")
        if let b = o.housingBenefit { w.line(2, "aide_logement: \(amount(b))") }
      }
    }
  }
}
