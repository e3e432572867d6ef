/// Writes a scenario as YAML that ``ScenarioFile`` reads back (the workshop questionnaire and
/// the batch generator use it). Every text is quoted; amounts are written the plain way.
public enum ScenarioWriter {
  static func quote(_ s: String) -> String {
    var out = "\""
    for ch in s {
      switch ch {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      default: out.append(ch)
      }
    }
    return out + "\""
  }

  static func amount(_ m: Money) -> String { quote(m.roundedToCents(.halfAwayFromZero).plain) }

  public static func yaml(_ s: Scenario, header: String? = nil) -> String {
    var out = ""
    if let h = header { out += h.split(separator: "\n", omittingEmptySubsequences: false).map { "# " + $0 }.joined(separator: "\n") + "\n" }
    if let d = s.summary { out += "description: \(quote(d))\n" }
    out += "date: \(s.date.description)\n"
    if let d = s.departement { out += "departement: \(quote(d))\n" }
    out += "\nmenage:\n"
    for m in s.members {
      out += "  - role: \(m.role.rawValue)\n"
      if let n = m.name { out += "    prenom: \(quote(n))\n" }
      out += "    naissance: \(m.birthDate.description)\n"
      if let a = m.activity {
        out += "    activite:\n      statut: \(a.status.rawValue)\n"
        if let c = a.contract { out += "      contrat: \(c.rawValue)\n" }
        if let d = a.start { out += "      debut: \(d.description)\n" }
        if let d = a.end { out += "      fin: \(d.description)\n" }
        if let h = a.employerHeadcount { out += "      effectif_employeur: \(h)\n" }
        if let sec = a.sector { out += "      secteur: \(sec.rawValue)\n" }
      }
    }
    let h = s.housing
    out += "\nlogement:\n"
    if let st = h.status { out += "  statut: \(st.rawValue)\n" }
    out += "  loyer: \(amount(h.rent))\n  charges: \(amount(h.charges))\n  aide_logement: \(amount(h.housingBenefit))\n"
    if !h.mortgagePayment.isZero { out += "  pret_immobilier:\n    mensualite: \(amount(h.mortgagePayment))\n" }
    func person(_ i: Int?) -> String? {
      guard let i, i < s.members.count else { return nil }
      return s.members[i].name ?? (s.members[i].role == .demandeur || s.members[i].role == .conjoint ? s.members[i].role.rawValue : nil)
    }
    if !s.resources.isEmpty {
      out += "\nressources:\n"
      for r in s.resources {
        out += "  - {type: \(r.type.rawValue), montant: \(amount(r.amount)), periodicite: \(r.periodicity.rawValue)"
        if let p = person(r.person) { out += ", personne: \(quote(p))" }
        if let l = r.label { out += ", libelle: \(quote(l))" }
        out += "}\n"
      }
    }
    if !s.charges.isEmpty {
      out += "\ncharges:\n"
      for c in s.charges {
        out += "  - {type: \(c.type.rawValue), montant: \(amount(c.amount)), periodicite: \(c.periodicity.rawValue)"
        if let l = c.label { out += ", libelle: \(quote(l))" }
        out += "}\n"
      }
    }
    if !s.debts.isEmpty {
      out += "\ndettes:\n"
      for d in s.debts {
        out += "  - {creancier: \(quote(d.creditor)), nature: \(d.nature.rawValue), restant_du: \(amount(d.remainingDue))"
        if !d.arrears.isZero { out += ", impayes: \(amount(d.arrears))" }
        if !d.monthlyPayment.isZero { out += ", mensualite: \(amount(d.monthlyPayment))" }
        out += "}\n"
      }
    }
    if !s.assets.isEmpty {
      out += "\npatrimoine:\n"
      for a in s.assets { out += "  - {type: \(a.type.rawValue), valeur: \(amount(a.value))}\n" }
    }
    if let n = s.notes { out += "\nnotes: \(quote(n))\n" }
    return out
  }
}
