/// Action Logement's social support service for employees in difficulty (ASD): employer,
/// contract, a triggering situation, housing in France; or the catastrophe exception.
/// Sources: actionlogement.fr FAQ and its verbatim copy (aides-logement.md §1.2–1.3).
enum ASDRule {
  static func evaluate(_ s: Scenario, _ p: ParameterSet) throws(ParameterError) -> AidResult {
    let r = AidRules(.asd)
    let date = s.date
    let minPrivate = try r.number(p, "asd.effectif_min_prive", date)
    let minAgri = try r.number(p, "asd.effectif_min_agricole", date)
    let minMonths = try r.whole(p, "asd.duree_min_cdd_mois", date)
    let (minHours, hoursUse) = try p.number("asd.heures_interim_min_12_mois", on: date)
    if s.adults.contains(where: { $0.member.activity?.contract == .interim }) { r.use(hoursUse) }
    let events = s.knownEvents

    // Catastrophe exception of the directive: any employee hit by a recognised catastrophe.
    if events.contains(.catastrophe) && s.situation.recognisedCatastrophe == true
      && s.adults.contains(where: { $0.member.activity?.status == .salarie })
    {
      r.pass(
        "exception de la directive : salarié touché par une catastrophe naturelle ou technologique reconnue, quel que soit l'employeur")
      return r.result
    }

    // Employment: at least one adult must qualify.
    var anyEligible = false
    var anyUnknown: [String] = []
    var lines: [String] = []
    for (_, m) in s.adults {
      guard let a = m.activity else {
        anyUnknown.append("activité de \(m.label)")
        continue
      }
      let (ok, unknown, text) = employment(m.label, a, date, minPrivate, minAgri, minMonths, minHours)
      lines.append(text)
      if ok == true { anyEligible = true }
      if ok == nil { anyUnknown += unknown }
    }
    if anyEligible {
      r.pass("emploi : " + lines.joined(separator: " ; "))
    } else if !anyUnknown.isEmpty {
      r.unknown(
        anyUnknown.joined(separator: ", "), "emploi : " + (lines.isEmpty ? "activité non renseignée" : lines.joined(separator: " ; ")))
    } else {
      r.fail("emploi : " + (lines.isEmpty ? "aucun adulte salarié" : lines.joined(separator: " ; ")))
    }

    // Triggering situation.
    if events.isEmpty {
      r.unknown(
        "événement déclencheur (impayés, surendettement, séparation, perte d'emploi, maladie, décès, sinistre, violences)",
        "situation : aucun événement déclaré (perte d'emploi, séparation, maladie, impayés…)")
    } else {
      r.pass("situation : " + events.map(\.french).sorted().joined(separator: ", ") + " (FAQ Action Logement)")
    }

    // Housing in metropolitan France or a DROM.
    switch s.housedInFrance {
    case true?: r.pass("logement en France métropolitaine ou dans un DROM (département \(s.departement!))")
    case false?: r.fail("logement hors de France métropolitaine et des DROM (département \(s.departement!))")
    case nil: r.unknown("département du logement", "lieu du logement non renseigné")
    }
    r.note("le service est confidentiel ; l'employeur n'est pas informé ; un contrat d'engagement réciproque est signé après le diagnostic")
    return r.result
  }

  /// Whether one adult's job opens the service: true, false, or nil (facts missing).
  static func employment(
    _ who: String, _ a: Activity, _ date: CivilDate, _ minPrivate: Rational, _ minAgri: Rational, _ minMonths: Int,
    _ minHours: Rational
  ) -> (Bool?, [String], String) {
    switch a.status {
    case .salarie: break
    case .demandeurEmploi:
      if let end = a.end, end.adding(months: 12) >= date, a.contract != nil {
        return (
          nil, ["droit de \(who) après la perte de son emploi salarié le \(end.french) (à confirmer avec Action Logement)"],
          "\(who) : demandeur d'emploi depuis le \(end.french)"
        )
      }
      return (false, [], "\(who) : demandeur d'emploi, pas de contrat en cours")
    default:
      return (false, [], "\(who) : \(a.status.french), sans emploi salarié")
    }
    // Employer.
    guard let sector = a.sector else { return (nil, ["secteur de l'employeur de \(who)"], "\(who) : secteur de l'employeur inconnu") }
    if sector == .public { return (false, [], "\(who) : employeur public, hors du champ d'Action Logement") }
    let minimum = sector == .agricole ? minAgri : minPrivate
    guard let headcount = a.employerHeadcount else {
      return (nil, ["effectif de l'employeur de \(who)"], "\(who) : effectif de l'employeur inconnu")
    }
    if Rational(headcount) < minimum {
      return (false, [], "\(who) : employeur \(sector.french) de \(headcount) salariés (minimum \(minimum.frenchExact()))")
    }
    let employer = "employeur \(sector.french) de \(headcount) salariés (≥ \(minimum.frenchExact()))"
    // Contract.
    guard let contract = a.contract else { return (nil, ["type de contrat de \(who)"], "\(who) : \(employer), contrat inconnu") }
    switch contract {
    case .cdi:
      return (true, [], "\(who) : CDI, \(employer)")
    case .cdd, .apprentissage, .professionnalisation, .interim:
      guard let start = a.start, let end = a.end else {
        return (nil, ["dates de début et de fin du contrat de \(who)"], "\(who) : \(contract.french), dates inconnues")
      }
      let inProgress = start <= date && date <= end
      let longEnough = end >= start.adding(months: minMonths)
      if inProgress && longEnough {
        return (
          true, [], "\(who) : \(contract.french) en cours d'au moins \(minMonths) mois (\(start.french) – \(end.french)), \(employer)"
        )
      }
      if contract == .interim, let hours = a.hoursLast12Months {
        if Rational(hours) >= minHours {
          return (true, [], "\(who) : intérim, \(hours) h de mission sur 12 mois (≥ \(minHours.frenchExact()) h, réglage), \(employer)")
        }
        return (
          false, [],
          "\(who) : intérim, mission de moins de \(minMonths) mois et \(hours) h sur 12 mois (< \(minHours.frenchExact()) h, réglage)"
        )
      }
      if contract == .interim && inProgress {
        return (nil, ["heures de mission de \(who) sur les 12 derniers mois"], "\(who) : mission d'intérim de moins de \(minMonths) mois")
      }
      return (
        false, [],
        "\(who) : \(contract.french) " + (inProgress ? "de moins de \(minMonths) mois" : "qui n'est pas en cours au \(date.french)")
      )
    }
  }
}
