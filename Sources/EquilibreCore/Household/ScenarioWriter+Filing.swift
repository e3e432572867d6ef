/// The sections of an over-indebtedness filing and of the accompaniment: `patrimoine`, `comptes`,
/// `depots_anterieurs`, `procedures`, `situation`, `suivi_social`, `accompagnement`.
extension ScenarioWriter {
  /// `patrimoine`, `comptes`, `depots_anterieurs`, `procedures` (or `aucun` when declared empty).
  static func filing(_ s: Scenario, _ w: inout Writer) {
    /// `patrimoine: aucun`: a list the scenario declares empty on purpose.
    func writeNone(_ list: DeclaredList, _ isEmpty: Bool, _ word: String, _ w: inout Writer) {
      guard s.declaredNone.contains(list) && isEmpty else { return }
      w.blank()
      w.line(0, "\(list.rawValue): \(word)")
    }
    writeNone(.patrimoine, s.assets.isEmpty, "aucun", &w)
    if !s.assets.isEmpty {
      w.blank()
      w.line(0, "patrimoine:")
      for a in s.assets {
        w.line(1, "- type: \(a.type.rawValue)")
        w.line(2, "valeur: \(amount(a.value))")
        if let l = a.label { w.line(2, "libelle: \(quote(l))") }
      }
    }
    writeNone(.comptes, s.bankAccounts.isEmpty, "aucun", &w)
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
    writeNone(.depotsAnterieurs, s.previousFilings.isEmpty, "aucun", &w)
    if !s.previousFilings.isEmpty {
      w.blank()
      w.line(0, "depots_anterieurs:")
      for f in s.previousFilings {
        w.line(1, "- date: \(f.date)")
        if let o = f.outcome { w.line(2, "issue: \(quote(o))") }
      }
    }
    writeNone(.procedures, s.procedures.isEmpty, "aucune", &w)
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
  }

  /// `situation`: the events and facts of the household's situation.
  static func situation(_ s: Scenario, _ w: inout Writer) {
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
  }

  /// `suivi_social` and `accompagnement`.
  static func socialFollowUp(_ s: Scenario, _ w: inout Writer) {
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
  }
}
