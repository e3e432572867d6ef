/// Aide Mobili-Jeune: rent minus housing benefit, between 10 € and 100 € a month (300 € in
/// agriculture), for under-30s in alternance paid below 80 % of the SMIC who moved for the job.
/// Sources: Action Logement FAQ and OpenFisca (aides-logement.md §4.4).
enum MobiliJeuneRule {
  static func evaluate(_ s: Scenario, _ p: ParameterSet) throws(ParameterError) -> AidResult {
    let r = AidRules(.mobiliJeune)
    let date = s.date
    let ageMax = try r.number(p, "mobili_jeune.age_max", date)
    let minimum = try r.number(p, "mobili_jeune.montant_min", date)
    let maxima = try r.numbers(p, "mobili_jeune.montant_max", date)
    let share = try r.number(p, "mobili_jeune.part_smic_max", date)
    let smicHourly = try r.number(p, "smic.horaire_brut", date)
    let smicMonthly = smicHourly * Rational(35 * 52, 12)

    guard
      let (index, m) = s.adults.first(where: {
        $0.member.activity?.contract == .apprentissage || $0.member.activity?.contract == .professionnalisation
      })
    else {
      r.fail("aucun adulte en contrat d'apprentissage ou de professionnalisation")
      return r.result
    }
    let a = m.activity!
    let age = m.age(on: date)
    if Rational(age) < ageMax {
      r.pass("\(m.label) a \(age) ans (moins de \(ageMax.frenchExact()) ans)")
    } else {
      r.fail("\(m.label) a \(age) ans (la demande doit être faite au plus tard la veille des \(ageMax.frenchExact()) ans)")
    }
    r.pass("\(a.contract!.french)")
    let ceiling = smicMonthly * share
    if let gross = a.grossSalary {
      if gross.value < ceiling {
        r.pass(
          "salaire brut du contrat \(gross.french) < \(percentText(share)) du SMIC (\(Money(ceiling).roundedToCents(.halfAwayFromZero).french))"
        )
      } else {
        r.fail(
          "salaire brut du contrat \(gross.french) ≥ \(percentText(share)) du SMIC (\(Money(ceiling).roundedToCents(.halfAwayFromZero).french))"
        )
      }
    } else {
      let net = s.monthlyResources(of: index, salaryOnly: true)
      if !net.isZero && net.value >= ceiling {
        r.fail(
          "salaire \(net.roundedToCents(.halfAwayFromZero).french) (net déclaré) ≥ \(percentText(share)) du SMIC brut (\(Money(ceiling).roundedToCents(.halfAwayFromZero).french))"
        )
      } else {
        r.unknown(
          "salaire brut inscrit au contrat d'alternance (activite.salaire_brut)",
          "salaire brut du contrat inconnu (plafond \(Money(ceiling).roundedToCents(.halfAwayFromZero).french))")
      }
    }
    if let start = a.start {
      let from = start.adding(months: -3)
      let to = start.adding(months: 3)
      if from <= date && date <= to {
        r.pass("demande dans les 3 mois avant ou après le début du contrat (\(start.french))")
      } else {
        r.fail("demande hors délai : entre le \(from.french) et le \(to.french) (3 mois avant ou après le début du contrat)")
      }
    } else {
      r.unknown("date de début du contrat d'alternance", "délai de demande non vérifiable")
    }
    switch s.situation.professionalMobility {
    case true?: r.pass("mobilité : nouveau logement à plus de 70 km ou 40 min du premier")
    case false?: r.fail("pas de mobilité (nouveau logement à moins de 70 km et 40 min du premier)")
    case nil: r.unknown("condition de mobilité (plus de 70 km ou 40 min entre les deux logements, situation.mobilite_professionnelle)")
    }

    // Amount: rent with charges − housing benefit, within [10 €, 100 € or 300 €].
    let rent: Money
    let benefit: Money
    if let proj = s.project {
      (rent, benefit) = (proj.rent + proj.charges, proj.housingBenefit)
    } else if s.housing.status == .locatairePrive || s.housing.status == .locataireSocial || s.housing.status == .foyer {
      (rent, benefit) = (s.housing.rent + s.housing.charges, s.housing.housingBenefit)
    } else {
      r.unknown("loyer et aide au logement du logement visé", "montant non calculable")
      return r.result
    }
    let remainder = rent - benefit
    let maximum = Money(a.sector == .agricole ? maxima[1] : maxima[0])
    if remainder.value < minimum {
      r.fail("loyer \(rent.french) − aide au logement \(benefit.french) = \(remainder.french) < \(Money(minimum).french)")
    } else {
      r.amount = Swift.min(remainder, maximum)
      r.amountLabel = "aide mensuelle"
      r.pass("loyer \(rent.french) − aide au logement \(benefit.french) = \(remainder.french), plafonné à \(maximum.french)")
    }
    return r.result
  }
}
