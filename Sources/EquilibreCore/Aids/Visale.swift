/// Visale, Action Logement's rent guarantee. The rule set is chosen by the scenario's date
/// through the dated parameters: the rules until 5 January 2026, then those from 6 January 2026.
/// Sources: visale.fr FAQ and the 2026 press (aides-logement.md §3).
enum VisaleRule {
  static let idf: Set<String> = ["75", "77", "78", "91", "92", "93", "94", "95"]

  static func evaluate(_ s: Scenario, _ p: ParameterSet, budget: Budget) throws(ParameterError) -> AidResult {
    let r = AidRules(.visale)
    let date = s.date
    let ageMax = try r.number(p, "visale.age_max", date)
    let salaryMax = try r.number(p, "visale.salaire_net_max_plus_30_ans", date)
    let effortMax = try r.number(p, "visale.taux_effort_max", date)
    let benefitShare = try r.number(p, "visale.part_aide_logement", date)
    let ceilings = try r.numbers(p, "visale.plafond_loyer", date)
    let studentCeilings = try r.numbers(p, "visale.plafond_loyer_etudiant", date)
    let cover = try r.numbers(p, "visale.couverture_mois", date)
    let coverYears = try r.number(p, "visale.duree_couverture_max_annees", date)
    let rules2026 = date >= CivilDate(year: 2026, month: 1, day: 6)!
    r.note(rules2026 ? "règles en vigueur depuis le 6 janvier 2026" : "règles en vigueur jusqu'au 5 janvier 2026")

    // The applicant.
    guard let (index, applicant) = s.adults.first else {
      r.unknown("demandeur", "pas de demandeur")
      return r.result
    }
    let age = applicant.age(on: date)
    if Rational(age) <= ageMax {
      r.pass("\(applicant.label) a \(age) ans : éligible jusqu'à \(ageMax.frenchExact()) ans inclus, quel que soit son statut")
    } else {
      over30(r, s, applicant, index, age: age, salaryMax: salaryMax)
    }

    // The rent.
    let rent: Money
    let benefit: Money
    let sector: RentalSector?
    // Visale guarantees a new lease (the visa comes before the signature): without a housing
    // project there is nothing to guarantee.
    if let proj = s.project {
      rent = proj.rent + proj.charges
      benefit = proj.housingBenefit
      sector = proj.sector
    } else if [.heberge, .sansLogement, .foyer].contains(s.housing.status) {
      r.unknown(
        "loyer et charges du logement visé (projet de logement)",
        "ménage sans logement propre : le logement à garantir n'est pas encore connu")
      return r.result
    } else {
      r.fail("aucun projet de logement : Visale garantit un nouveau bail, demandé avant sa signature")
      return r.result
    }
    let zone = s.project?.visaleZone ?? (s.departement.map { idf.contains($0) ? 1 : 0 } ?? 0)
    let student = s.project?.studentWithoutIncomeProof == true
    let table = student ? studentCeilings : ceilings
    let label = student ? "plafond étudiant sans justificatif de ressources" : "plafond de loyer"
    if zone >= 1 && zone <= table.count {
      let ceiling = table[zone - 1]
      if rent.value <= ceiling {
        r.pass("loyer charges comprises \(rent.french) ≤ \(label) de la zone \(zone) (\(Money(ceiling).french))")
      } else {
        r.fail("loyer charges comprises \(rent.french) > \(label) de la zone \(zone) (\(Money(ceiling).french))")
      }
    } else {
      let lowest = table.min()!
      if rent.value <= lowest {
        r.pass("loyer charges comprises \(rent.french) ≤ \(label) de toutes les zones (\(Money(lowest).french))")
      } else {
        r.unknown(
          "zone Visale du logement (1 : Île-de-France ; 2 : agglomération de plus de 100 000 habitants, Corse, DROM ; 3 : ailleurs)",
          "loyer \(rent.french) : le plafond dépend de la zone")
      }
    }
    if !student {
      let resources = budget.resourcesWithoutHousingBenefit + benefit * benefitShare
      let limit = resources * effortMax
      if rent <= limit {
        r.pass(
          "loyer \(rent.french) ≤ \(percentText(effortMax)) des ressources (\(resources.roundedToCents(.halfAwayFromZero).french), aide au logement comptée à \(percentText(benefitShare)))"
        )
      } else {
        r.fail(
          "loyer \(rent.french) > \(percentText(effortMax)) des ressources (\(resources.roundedToCents(.halfAwayFromZero).french), aide au logement comptée à \(percentText(benefitShare)))"
        )
      }
    }
    // Cover.
    let months = sector == .social ? cover[1] : cover[0]
    r.amount = (rent * months).roundedToCents(.halfAwayFromZero)
    r.amountLabel = "loyers impayés couverts (\(months.frenchExact()) mois × \(rent.french))"
    r.note(
      "couverture : \(cover[0].frenchExact()) mois de loyers impayés dans le parc privé, \(cover[1].frenchExact()) dans le parc social ou en résidence"
        + (sector == nil ? " (parc non précisé)" : ""))
    if !coverYears.isZero { r.note("couverture limitée aux \(coverYears.frenchExact()) premières années d'occupation") }
    r.note("le visa doit être obtenu avant la signature du bail")
    return r.result
  }

  /// The routes open to a candidate over 30.
  static func over30(_ r: AidRules, _ s: Scenario, _ m: Member, _ index: Int, age: Int, salaryMax: Rational) {
    let date = s.date
    var routes: [String] = []
    var unknown: [String] = []
    if s.project?.bailMobilite == true { routes.append("bail mobilité") }
    if let d = s.situation.mutationDate, d <= date, date <= d.adding(months: 6) {
      routes.append("mutation depuis le \(d.french) (moins de 6 mois)")
    }
    if let d = s.situation.jobPromiseStart, date <= d, d <= date.adding(months: 3) {
      routes.append("promesse d'embauche pour le \(d.french) (dans les 3 mois)")
    }
    if let a = m.activity, a.status == .salarie {
      if a.sector == .public {
        unknown.append("statut de l'employeur (Visale vise les salariés du privé et du secteur agricole)")
      }
      if let start = a.start, start <= date, date <= start.adding(months: 6) {
        routes.append("embauche depuis le \(start.french) (moins de 6 mois)")
      }
      let salary = s.monthlyResources(of: index, salaryOnly: true)
      if salary.isZero {
        unknown.append("salaire net mensuel de \(m.label)")
      } else if salary.value <= salaryMax {
        routes.append("salaire net \(salary.roundedToCents(.halfAwayFromZero).french) ≤ \(Money(salaryMax).french)")
      } else {
        r.note("salaire net \(salary.roundedToCents(.halfAwayFromZero).french) > \(Money(salaryMax).french)")
      }
    } else if s.project?.bailMobilite == nil {
      unknown.append("bail mobilité")
    }
    if !routes.isEmpty {
      r.pass("\(m.label) a \(age) ans (plus de 30 ans) : " + routes.joined(separator: " ; "))
    } else if !unknown.isEmpty {
      r.unknown(unknown.joined(separator: ", "), "\(m.label) a \(age) ans : aucune des voies des plus de 30 ans n'est établie")
    } else {
      r.fail(
        "\(m.label) a \(age) ans : ni salaire net ≤ \(Money(salaryMax).french), ni embauche ou mutation de moins de 6 mois, ni promesse d'embauche dans les 3 mois, ni bail mobilité"
      )
    }
  }
}
