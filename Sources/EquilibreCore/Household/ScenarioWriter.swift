/// Writes a scenario as the YAML that ``ScenarioFile`` reads: every field, so that a scenario
/// goes through the CLI, the store and the web workspace without loss.
///
/// Texts are double-quoted with YAML escapes for every character a YAML file may not hold raw
/// (controls, line separators, noncharacters), so any text round-trips. Amounts are written
/// the plain way (`1234.56`), rates in percent, dates `AAAA-MM-JJ`.
public enum ScenarioWriter {
  /// `text` as a YAML double-quoted scalar that reads back identical.
  public static func quote(_ text: String) -> String {
    var out = "\""
    for v in text.unicodeScalars {
      switch v {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      case "\u{00}": out += "\\0"
      case "\u{85}": out += "\\N"
      case "\u{2028}": out += "\\L"
      case "\u{2029}": out += "\\P"
      default:
        if isYAMLPrintable(v) {
          out.unicodeScalars.append(v)
        } else {
          out += escape(v.value)
        }
      }
    }
    return out + "\""
  }

  /// The characters libyaml accepts raw in a file (its reader's printable set).
  static func isYAMLPrintable(_ v: Unicode.Scalar) -> Bool {
    let c = v.value
    return (0x20...0x7E).contains(c) || (0xA0...0xD7FF).contains(c) || ((0xE000...0xFFFD).contains(c) && c != 0xFEFF)
      || (0x10000...0x10FFFF).contains(c)
  }

  static func escape(_ c: UInt32) -> String {
    let hex = String(c, radix: 16, uppercase: true)
    if c <= 0xFF { return "\\x" + String(repeating: "0", count: 2 - hex.count) + hex }
    if c <= 0xFFFF { return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex }
    return "\\U" + String(repeating: "0", count: 8 - hex.count) + hex
  }

  static func amount(_ m: Money) -> String { quote(m.plain) }
  static func bool(_ b: Bool) -> String { b ? "oui" : "non" }
  static func percent(_ r: Rational) -> String { quote((r * 100).frenchExactPlain) }

  /// The YAML of `s`, with `header` as a comment at the top.
  public static func yaml(_ s: Scenario, header: String? = nil) -> String {
    var w = Writer()
    if let h = header {
      for line in h.split(separator: "\n", omittingEmptySubsequences: false) {
        w.line(0, "# " + TextSafety.neutralized(String(line), allowLayout: false))
      }
    }
    if let d = s.summary { w.line(0, "description: \(quote(d))") }
    w.line(0, "date: \(s.date)")
    if let d = s.departement { w.line(0, "departement: \(quote(d))") }
    if let a = s.contact.address { w.line(0, "adresse: \(quote(a))") }
    if let p = s.contact.phone { w.line(0, "telephone: \(quote(p))") }
    if let e = s.contact.email { w.line(0, "courriel: \(quote(e))") }
    if let f = s.familyStatus { w.line(0, "situation_familiale: \(f.rawValue)") }
    if let r = s.matrimonialRegime { w.line(0, "regime_matrimonial: \(r.rawValue)") }

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

    func person(_ i: Int?) -> String? {
      guard let i, i < s.members.count else { return nil }
      let m = s.members[i]
      return m.name ?? (m.role == .demandeur || m.role == .conjoint ? m.role.rawValue : nil)
    }
    // `first` is "- " for a list item (its other keys one level in), "" for a nested section.
    func resource(_ r: Resource, _ level: Int, first: String) {
      let inner = first.isEmpty ? level : level + 1
      w.line(level, "\(first)type: \(r.type.rawValue)")
      w.line(inner, "montant: \(amount(r.amount))")
      if r.periodicity != .mensuelle { w.line(inner, "periodicite: \(r.periodicity.rawValue)") }
      if let p = person(r.person) { w.line(inner, "personne: \(quote(p))") }
      if let l = r.label { w.line(inner, "libelle: \(quote(l))") }
      if let t = r.taxable { w.line(inner, "imposable: \(amount(t))") }
    }
    func charge(_ c: Charge, _ level: Int, first: String) {
      let inner = first.isEmpty ? level : level + 1
      w.line(level, "\(first)type: \(c.type.rawValue)")
      w.line(inner, "montant: \(amount(c.amount))")
      if c.periodicity != .mensuelle { w.line(inner, "periodicite: \(c.periodicity.rawValue)") }
      if let l = c.label { w.line(inner, "libelle: \(quote(l))") }
    }
    if !s.resources.isEmpty {
      w.blank()
      w.line(0, "ressources:")
      for r in s.resources { resource(r, 1, first: "- ") }
    }
    if !s.charges.isEmpty {
      w.blank()
      w.line(0, "charges:")
      for c in s.charges { charge(c, 1, first: "- ") }
    }
    if !s.debts.isEmpty {
      w.blank()
      w.line(0, "dettes:")
      for d in s.debts {
        w.line(1, "- creancier: \(quote(d.creditor))")
        if let a = d.address { w.line(2, "adresse: \(quote(a))") }
        if let r = d.reference { w.line(2, "reference: \(quote(r))") }
        w.line(2, "nature: \(d.nature.rawValue)")
        w.line(2, "restant_du: \(amount(d.remainingDue))")
        if !d.arrears.isZero { w.line(2, "impayes: \(amount(d.arrears))") }
        if !d.monthlyPayment.isZero { w.line(2, "mensualite: \(amount(d.monthlyPayment))") }
        if let r = d.rate { w.line(2, "taux: \(percent(r))") }
        if let e = d.end { w.line(2, "fin: \(e)") }
        if let c = d.caution { w.line(2, "caution: \(c.rawValue)") }
        if let g = d.guarantor { w.line(2, "caution_nom: \(quote(g))") }
        let defaultExclusion: ErasureExclusion? = d.nature == .amende ? .amendePenale : nil
        if d.exclusion != defaultExclusion { w.line(2, "exclue_effacement: \(d.exclusion?.rawValue ?? "~")") }
        if d.landlord != (d.nature == .loyer) { w.line(2, "bailleur: \(bool(d.landlord))") }
      }
    }
    /// `patrimoine: aucun`: a list the scenario declares empty on purpose.
    func writeNone(_ list: DeclaredList, _ isEmpty: Bool, _ word: String) {
      guard s.declaredNone.contains(list) && isEmpty else { return }
      w.blank()
      w.line(0, "\(list.rawValue): \(word)")
    }
    writeNone(.patrimoine, s.assets.isEmpty, "aucun")
    if !s.assets.isEmpty {
      w.blank()
      w.line(0, "patrimoine:")
      for a in s.assets {
        w.line(1, "- type: \(a.type.rawValue)")
        w.line(2, "valeur: \(amount(a.value))")
        if let l = a.label { w.line(2, "libelle: \(quote(l))") }
      }
    }
    writeNone(.comptes, s.bankAccounts.isEmpty, "aucun")
    if !s.bankAccounts.isEmpty {
      w.blank()
      w.line(0, "comptes:")
      for a in s.bankAccounts {
        w.line(1, "- banque: \(quote(a.bank))")
        w.line(2, "type: \(a.kind.rawValue)")
        w.line(2, "solde: \(amount(a.balance))")
        if let d = a.date { w.line(2, "date: \(d)") }
      }
    }
    writeNone(.depotsAnterieurs, s.previousFilings.isEmpty, "aucun")
    if !s.previousFilings.isEmpty {
      w.blank()
      w.line(0, "depots_anterieurs:")
      for f in s.previousFilings {
        w.line(1, "- date: \(f.date)")
        if let o = f.outcome { w.line(2, "issue: \(quote(o))") }
      }
    }
    writeNone(.procedures, s.procedures.isEmpty, "aucune")
    if !s.procedures.isEmpty {
      w.blank()
      w.line(0, "procedures:")
      for p in s.procedures {
        w.line(1, "- type: \(p.kind.rawValue)")
        if let d = p.description { w.line(2, "description: \(quote(d))") }
        if let d = p.date { w.line(2, "date: \(d)") }
        if let c = p.creditor { w.line(2, "creancier: \(quote(c))") }
      }
    }

    let f = s.situation
    if !f.events.isEmpty || f.recognisedCatastrophe != nil || f.resourcesBefore != nil || f.chargesRose != nil
      || f.overIndebtednessFiling != nil || f.mutationDate != nil || f.jobPromiseStart != nil || f.professionalMobility != nil
    {
      w.blank()
      w.line(0, "situation:")
      let all = f.allEvents
      if all.allSatisfy({ $0.date == nil && $0.detail == nil }) {
        if !all.isEmpty { w.line(1, "evenements: [" + all.map(\.event.rawValue).joined(separator: ", ") + "]") }
      } else {
        w.line(1, "evenements:")
        for e in all {
          w.line(2, "- type: \(e.event.rawValue)")
          if let d = e.date { w.line(3, "date: \(d)") }
          if let d = e.detail { w.line(3, "precision: \(quote(d))") }
        }
      }
      if let b = f.recognisedCatastrophe { w.line(1, "catastrophe_reconnue: \(bool(b))") }
      if let m = f.resourcesBefore { w.line(1, "ressources_avant: \(amount(m))") }
      if let b = f.chargesRose { w.line(1, "hausse_charges: \(bool(b))") }
      if let b = f.overIndebtednessFiling { w.line(1, "depot_surendettement: \(bool(b))") }
      if let d = f.mutationDate { w.line(1, "mutation: \(d)") }
      if let d = f.jobPromiseStart { w.line(1, "promesse_embauche: \(d)") }
      if let b = f.professionalMobility { w.line(1, "mobilite_professionnelle: \(bool(b))") }
    }
    if let p = s.project {
      w.blank()
      w.line(0, "projet_logement:")
      w.line(1, "loyer: \(amount(p.rent))")
      w.line(1, "charges: \(amount(p.charges))")
      w.line(1, "aide_logement: \(amount(p.housingBenefit))")
      if let v = p.sector { w.line(1, "parc: \(v.rawValue)") }
      if let v = p.visaleZone { w.line(1, "zone_visale: \(v)") }
      if let v = p.bailMobilite { w.line(1, "bail_mobilite: \(bool(v))") }
      if let v = p.moveIn { w.line(1, "entree: \(v)") }
      if let v = p.deposit { w.line(1, "depot_garantie: \(amount(v))") }
      if let v = p.studentWithoutIncomeProof { w.line(1, "etudiant_sans_justificatif: \(bool(v))") }
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
    if let ss = s.socialService {
      w.blank()
      w.line(0, "suivi_social:")
      if let v = ss.organisation { w.line(1, "structure: \(quote(v))") }
      if let v = ss.referent { w.line(1, "referent: \(quote(v))") }
      if let v = ss.phone { w.line(1, "telephone: \(quote(v))") }
      if let v = ss.email { w.line(1, "courriel: \(quote(v))") }
      if ss.organisation == nil && ss.referent == nil && ss.phone == nil && ss.email == nil { w.append(" {}") }
    }
    if let a = s.accompaniment {
      w.blank()
      w.line(0, "accompagnement:")
      if let d = a.start { w.line(1, "debut: \(d)") }
      if let m = a.months { w.line(1, "duree_mois: \(m)") }
      for (key, list) in [
        ("objectifs", a.objectives), ("engagements_menage", a.householdCommitments),
        ("engagements_conseiller", a.counsellorCommitments),
      ] where !list.isEmpty {
        w.line(1, "\(key):")
        for item in list { w.line(2, "- \(quote(item))") }
      }
      if a.start == nil && a.months == nil && a.objectives.isEmpty && a.householdCommitments.isEmpty
        && a.counsellorCommitments.isEmpty
      {
        w.append(" {}")
      }
    }
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
    if !s.variants.isEmpty {
      w.blank()
      w.line(0, "variantes:")
      for v in s.variants {
        w.line(1, "- nom: \(quote(v.name))")
        w.line(2, "changements:")
        for c in v.changes {
          // The change's own lines, then its nested resource or charge (one writer at a time).
          var sub = Writer()
          change(c, &sub, person: person)
          w.text += sub.text
          switch c {
          case .addResource(let r): resource(r, 5, first: "")
          case .addCharge(let ch): charge(ch, 5, first: "")
          default: break
          }
        }
      }
    }
    if let n = s.notes {
      w.blank()
      w.line(0, "notes: \(quote(n))")
    }
    let st = s.settings
    if st.resteAVivrePolicy.name != ResteAVivrePolicy.chargesFixes.name || st.forfaitsFile != nil
      || st.seizureDependants != nil || st.actionLogementPolicyFile != nil || st.fslFile != nil || st.earlierPlanMonths != 0
      || st.benefitsMode != .declarees || st.benefitsTolerance != Money(euros: 10)
    {
      w.blank()
      w.line(0, "reglages:")
      if st.resteAVivrePolicy.name != ResteAVivrePolicy.chargesFixes.name {
        w.line(1, "politique_reste_a_vivre: \(st.resteAVivrePolicy.name)")
      }
      if let v = st.forfaitsFile { w.line(1, "forfaits: \(quote(v))") }
      if let v = st.seizureDependants { w.line(1, "personnes_a_charge_saisie: \(v)") }
      if let v = st.actionLogementPolicyFile { w.line(1, "politique_action_logement: \(quote(v))") }
      if let v = st.fslFile { w.line(1, "fsl: \(quote(v))") }
      if st.earlierPlanMonths != 0 { w.line(1, "plans_anterieurs_mois: \(st.earlierPlanMonths)") }
      if st.benefitsMode != .declarees { w.line(1, "prestations: \(st.benefitsMode.rawValue)") }
      if st.benefitsTolerance != Money(euros: 10) { w.line(1, "tolerance_prestations: \(amount(st.benefitsTolerance))") }
    }
    if !s.expected.isEmpty {
      w.blank()
      w.line(0, "attendu:")
      for e in s.expected { w.line(1, "\(e.key): \(quote(e.text))") }
    }
    return w.text
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
  struct Writer {
    var text = ""
    mutating func line(_ level: Int, _ s: String) {
      text += String(repeating: "  ", count: level) + s + "\n"
    }
    mutating func blank() { if !text.isEmpty { text += "\n" } }
    /// Appends to the last line (an empty section's `{}`).
    mutating func append(_ s: String) {
      if text.hasSuffix("\n") { text.removeLast() }
      text += s + "\n"
    }
  }
}

extension Rational {
  /// The exact value as a plain decimal (`3.125`), or a fraction when it does not terminate.
  var frenchExactPlain: String {
    guard let places = terminatingPlaces else { return numeratorString + "/" + denominatorString }
    return plainDecimal(places: places)
  }
}
