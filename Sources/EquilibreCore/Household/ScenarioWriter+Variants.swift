/// `variantes`: the « et si » variants and their changes.
extension ScenarioWriter {
  /// `variantes`: each variant and its changes.
  static func variants(_ s: Scenario, _ w: inout Writer) {
    if !s.variants.isEmpty {
      w.blank()
      w.line(0, "variantes:")
      for v in s.variants {
        w.line(1, "- nom: \(quote(v.name))")
        w.line(2, "changements:")
        for c in v.changes {
          // The change's own lines, then its nested resource or charge (one writer at a time).
          var sub = Writer()
          change(c, &sub, person: { person(s, $0) })
          w.text += sub.text
          switch c {
          case .addResource(let r): resource(r, 5, first: "", s, &w)
          case .addCharge(let ch): charge(ch, 5, first: "", &w)
          default: break
          }
        }
      }
    }
  }

  /// The lines of one variant change (a resource or charge added is written by the caller).
  static func change(_ c: VariantChange, _ w: inout Writer, person: (Int?) -> String?) {
    switch c {
    case .addResource:
      w.line(3, "- ajouter_ressource:")
    case .setResource(let t, let p, let m):
      w.line(3, "- modifier_ressource:")
      w.line(5, "type: \(t.rawValue)")
      w.line(5, "montant: \(amount(m))")
      if let name = person(p) { w.line(5, "personne: \(quote(name))") }
    case .removeResource(let t, let p):
      w.line(3, "- supprimer_ressource:")
      w.line(5, "type: \(t.rawValue)")
      if let name = person(p) { w.line(5, "personne: \(quote(name))") }
    case .offer(let o):
      w.line(3, "- offre: \(quote(o.name))")
    case .addCharge:
      w.line(3, "- ajouter_charge:")
    case .setCharge(let t, let m):
      w.line(3, "- modifier_charge:")
      w.line(5, "type: \(t.rawValue)")
      w.line(5, "montant: \(amount(m))")
    case .removeCharge(let t):
      w.line(3, "- supprimer_charge:")
      w.line(5, "type: \(t.rawValue)")
    case .housing(let rent, let charges, let benefit, let status):
      w.line(3, "- logement:")
      if let v = rent { w.line(5, "loyer: \(amount(v))") }
      if let v = charges { w.line(5, "charges: \(amount(v))") }
      if let v = benefit { w.line(5, "aide_logement: \(amount(v))") }
      if let v = status { w.line(5, "statut: \(v.rawValue)") }
      if rent == nil && charges == nil && benefit == nil && status == nil { w.append(" {}") }
    case .rentChange(let d):
      w.line(3, "- loyer_variation: \(amount(d))")
    case .setDebt(let creditor, let payment, let remaining, let arrears):
      w.line(3, "- modifier_dette:")
      w.line(5, "creancier: \(quote(creditor))")
      if let v = payment { w.line(5, "mensualite: \(amount(v))") }
      if let v = remaining { w.line(5, "restant_du: \(amount(v))") }
      if let v = arrears { w.line(5, "impayes: \(amount(v))") }
    case .removeDebt(let creditor):
      w.line(3, "- supprimer_dette:")
      w.line(5, "creancier: \(quote(creditor))")
    case .addMember(let m):
      w.line(3, "- ajouter_personne:")
      if let n = m.name { w.line(5, "prenom: \(quote(n))") }
      w.line(5, "role: \(m.role.rawValue)")
      w.line(5, "naissance: \(m.birthDate)")
      if let d = m.disabled { w.line(5, "handicap: \(bool(d))") }
    case .removeMember(let name):
      w.line(3, "- retirer_personne:")
      w.line(5, "prenom: \(quote(name))")
    case .newLoan(let label, let t, let settles):
      w.line(3, "- nouveau_pret:")
      w.line(5, "libelle: \(quote(label))")
      w.line(5, "capital: \(amount(t.capital))")
      w.line(5, "taux: \(percent(t.annualRate))")
      w.line(5, "duree: \(t.periods)")
      if let d = t.deferral, d.periods > 0 { w.line(5, "differe: \(d.periods)") }
      if !t.fees.isZero { w.line(5, "frais: \(amount(t.fees))") }
      if settles.count == 1 { w.line(5, "solde: \(quote(settles[0]))") }
      if settles.count > 1 { w.line(5, "solde: [" + settles.map(quote).joined(separator: ", ") + "]") }
    }
  }

  /// Lines with two-space indentation.
}
