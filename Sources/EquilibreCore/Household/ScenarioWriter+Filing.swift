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
      for a in s.assets { ScenarioSchema.asset.write(a, level: 1, item: true, &w) }
    }
    writeNone(.comptes, s.bankAccounts.isEmpty, "aucun", &w)
    if !s.bankAccounts.isEmpty {
      w.blank()
      w.line(0, "comptes:")
      for a in s.bankAccounts { ScenarioSchema.bankAccount.write(a, level: 1, item: true, &w) }
    }
    if !s.bankIncidents.isEmpty {
      w.blank()
      w.line(0, "incidents_bancaires:")
      for m in s.bankIncidents { ScenarioSchema.bankIncidents.write(m, level: 1, item: true, &w) }
    }
    writeNone(.depotsAnterieurs, s.previousFilings.isEmpty, "aucun", &w)
    if !s.previousFilings.isEmpty {
      w.blank()
      w.line(0, "depots_anterieurs:")
      for f in s.previousFilings { ScenarioSchema.previousFiling.write(f, level: 1, item: true, &w) }
    }
    writeNone(.procedures, s.procedures.isEmpty, "aucune", &w)
    if !s.procedures.isEmpty {
      w.blank()
      w.line(0, "procedures:")
      for p in s.procedures { ScenarioSchema.procedure.write(p, level: 1, item: true, &w) }
    }
  }

  /// `situation`: the events and facts of the household's situation.
  static func situation(_ s: Scenario, _ w: inout Writer) {
    let f = s.situation
    if !f.events.isEmpty || !ScenarioSchema.situation.isEmpty(f) {
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
      ScenarioSchema.situation.write(f, level: 1, &w)
    }
  }

  /// `suivi_social` and `accompagnement`.
  static func socialFollowUp(_ s: Scenario, _ w: inout Writer) {
    if let ss = s.socialService {
      w.blank()
      w.line(0, "suivi_social:")
      ScenarioSchema.socialService.write(ss, level: 1, &w)
      if ScenarioSchema.socialService.isEmpty(ss) { w.append(" {}") }
    }
    if let a = s.accompaniment {
      w.blank()
      w.line(0, "accompagnement:")
      ScenarioSchema.accompaniment.write(a, level: 1, &w)
      if ScenarioSchema.accompaniment.isEmpty(a) { w.append(" {}") }
    }
  }
}
