/// The Avance Loca-Pass: an interest-free advance of the security deposit, repaid after a
/// deferral. Sources: infos-jeunes, service-public F18490 (aides-logement.md §4.3).
enum LocaPassRule {
  static func evaluate(_ s: Scenario, _ p: ParameterSet) throws(ParameterError) -> AidResult {
    let r = AidRules(.locapass)
    let date = s.date
    let max = Money(try r.number(p, "locapass.montant_max", date))
    let maxMonths = try r.whole(p, "locapass.duree_max_mois", date)
    let minPayment = try r.number(p, "locapass.mensualite_min", date)
    let deferral = try r.whole(p, "locapass.differe_mois", date)
    let deadline = try r.whole(p, "locapass.delai_demande_mois", date)

    // Beneficiary: a private non-agricultural employee, or under 30 in alternance or job-seeking.
    var who: String?
    var unknown: [String] = []
    for (_, m) in s.adults {
      guard let a = m.activity else {
        unknown.append("activité de \(m.label)")
        continue
      }
      let age = m.age(on: date)
      if a.status == .salarie && a.sector == .prive {
        who = "\(m.label) : emploi salarié du secteur privé non agricole"
      } else if a.status == .salarie && a.sector == nil {
        unknown.append("secteur de l'employeur de \(m.label)")
      } else if age < 30 && (a.contract == .apprentissage || a.contract == .professionnalisation || a.status == .demandeurEmploi) {
        who = "\(m.label), moins de 30 ans, " + (a.status == .demandeurEmploi ? "en recherche d'emploi" : "en alternance")
      } else if a.status == .etudiant {
        unknown.append("statut d'étudiant de \(m.label) (boursier, ou CDD ou stage d'au moins 3 mois)")
      } else if a.sector == .agricole {
        r.note("salarié agricole : voir l'Agri-Loca-Pass")
      }
      if who != nil { break }
    }
    if let w = who {
      r.pass(w)
    } else if !unknown.isEmpty {
      r.unknown(unknown.joined(separator: ", "), "bénéficiaire à établir")
    } else {
      r.fail("ni salarié du secteur privé non agricole, ni jeune de moins de 30 ans en alternance ou en recherche d'emploi")
    }

    guard let project = s.project else {
      r.unknown("logement visé et dépôt de garantie", "pas de logement visé")
      return r.result
    }
    if let entry = project.moveIn {
      let limit = entry.adding(months: deadline)
      if date <= limit {
        r.pass("demande possible jusqu'au \(limit.french) (\(deadline) mois après l'entrée dans les lieux du \(entry.french))")
      } else {
        r.fail(
          "délai dépassé : demande à faire dans les \(deadline) mois suivant l'entrée dans les lieux (\(entry.french)), soit avant le \(limit.french)"
        )
      }
    } else {
      r.note("demande à faire au plus tard \(deadline) mois après l'entrée dans les lieux")
    }
    let amount = project.deposit.map { Swift.min($0, max) } ?? max
    r.amount = amount
    r.amountLabel = project.deposit == nil ? "avance maximale (dépôt de garantie à préciser)" : "avance du dépôt de garantie"
    // Repayment: as many months as allowed, but never below the minimum payment.
    let byMinimum = (amount.value / minPayment).rounded(toPlaces: 0, .floor).intComponents?.numerator ?? 1
    let months = Swift.max(1, Swift.min(maxMonths, byMinimum))
    let terms = LoanTerms(
      capital: amount, annualRate: .zero, periods: months + deferral,
      deferral: deferral > 0 ? Deferral(periods: deferral, kind: .partial) : nil)
    if let schedule = try? Schedule(terms: terms) {
      r.schedule = schedule
      r.note(
        "prêt à 0 % : \(deferral) mois de différé, puis \(months) mensualités de \(schedule.summary.instalment.french) (au moins \(Money(minPayment).french), au plus \(maxMonths) mois)"
      )
    }
    r.note("non cumulable avec une aide du FSL de même nature pour le même logement")
    return r.result
  }
}
