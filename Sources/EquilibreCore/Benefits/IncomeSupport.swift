/// One computed benefit: its monthly amount and how it was reached.
public struct ComputedBenefit: Sendable {
  public let amount: Money
  public let explanation: Explanation

  public init(amount: Money, explanation: Explanation) {
    self.amount = amount
    self.explanation = explanation
  }
}

/// The RSA due (CASF L262-2, R262-1 to R262-11) and the prime d'activité (CSS L841-1, D843-1 to
/// D843-5, R844-1 to R844-5) of a foyer, for one month, from the steady monthly resources of the
/// reference quarter. Exact rationals; each amount is rounded once, to the cent (half away from
/// zero), then set to 0 below the amount the law does not pay.
public struct IncomeSupport: Sendable {
  public let rsa: ComputedBenefit
  public let primeActivite: ComputedBenefit

  /// The parameters of one date, resolved once (a batch or the variants of one case reuse them).
  public struct Parameters: Sendable {
    let rsaP: RSAParameters
    let rsaFL: [Rational], rsaMin: Rational, rsaIso: [Rational]
    let paBase: Rational, paMaj: [Rational], paIso: [Rational], paRate: Rational, bonus: [Rational], paFL: [Rational], paMin: Rational
    let aahThreshold: Rational, smic: Rational
    let uRsaFL: ParameterUse, uRsaMin: ParameterUse, uRsaIso: ParameterUse, uPaBase: ParameterUse, uPaMaj: ParameterUse
    let uPaIso: ParameterUse, uPaRate: ParameterUse, uBonus: ParameterUse, uPaFL: ParameterUse, uPaMin: ParameterUse
    let uAah: ParameterUse, uSmic: ParameterUse

    public init(parameters p: ParameterSet = .national, on date: CivilDate) throws(ParameterError) {
      rsaP = try RSAParameters(parameters: p, on: date)
      (rsaFL, uRsaFL) = try p.numbers("rsa.forfait_logement", on: date)
      (rsaMin, uRsaMin) = try p.number("rsa.montant_minimum_verse", on: date)
      (rsaIso, uRsaIso) = try p.numbers("rsa.majoration_isolement", on: date)
      (paBase, uPaBase) = try p.number("prime_activite.montant_forfaitaire", on: date)
      (paMaj, uPaMaj) = try p.numbers("prime_activite.majorations", on: date)
      (paIso, uPaIso) = try p.numbers("prime_activite.majoration_isolement", on: date)
      (paRate, uPaRate) = try p.number("prime_activite.taux_revenus_activite", on: date)
      (bonus, uBonus) = try p.numbers("prime_activite.bonification", on: date)
      (paFL, uPaFL) = try p.numbers("prime_activite.forfait_logement", on: date)
      (paMin, uPaMin) = try p.number("prime_activite.montant_minimum_verse", on: date)
      (aahThreshold, uAah) = try p.number("prime_activite.seuil_aah_activite", on: date)
      (smic, uSmic) = try p.number("smic.horaire_brut", on: date)
    }
  }

  public init(_ h: BenefitHousehold, parameters p: ParameterSet = .national) throws(ParameterError) {
    self.init(h, resolved: try Parameters(parameters: p, on: h.date))
  }

  /// With parameters already resolved for `h.date`.
  public init(_ h: BenefitHousehold, resolved r: Parameters) {
    let rsaP = r.rsaP, rsaFL = r.rsaFL, rsaMin = r.rsaMin, rsaIso = r.rsaIso
    let paBase = r.paBase, paMaj = r.paMaj, paIso = r.paIso, paRate = r.paRate, bonus = r.bonus, paFL = r.paFL, paMin = r.paMin
    let aahThreshold = r.aahThreshold, smic = r.smic
    let uRsaFL = r.uRsaFL, uRsaMin = r.uRsaMin, uRsaIso = r.uRsaIso, uPaBase = r.uPaBase, uPaMaj = r.uPaMaj, uPaIso = r.uPaIso
    let uPaRate = r.uPaRate, uBonus = r.uBonus, uPaFL = r.uPaFL, uPaMin = r.uPaMin, uAah = r.uAah, uSmic = r.uSmic
    let children = h.childrenAges.count
    let notes = h.notes

    // Forfait logement: the montant forfaitaire of one, two or three persons at most, times a rate,
    // when the household receives a housing aid (at most that aid) or is housed at no cost.
    func forfaitLogement(base: Rational, majorations m: [Rational], rates: [Rational]) -> (Rational, String) {
      let k = min(max(h.persons, 1), 3)
      let mult = Rational.one + (k >= 2 ? m[0] : .zero) + (k >= 3 ? m[1] : .zero)
      let full = base * mult * rates[k - 1]
      var fl = Rational.zero
      var why = "aucun (ni aide au logement ni logement gratuit)"
      if h.housedForFree {
        fl = full
        why = "logé sans frais : \(Money(full).french) (\(rates[k - 1].frenchPercent()) du montant de \(k) personne\(k > 1 ? "s" : ""))"
      }
      if !h.housingAid.isZero {
        let al = min(h.housingAid.value, full)
        if al > fl {
          fl = al
          why =
            "aide au logement \(h.housingAid.french), au plus \(Money(full).french) (\(rates[k - 1].frenchPercent()) du montant de \(k) personne\(k > 1 ? "s" : ""))"
        }
      }
      return (fl, why)
    }

    let earnedTotal = h.adults.map(\.earned.value).reduce(.zero, +)
    let aahTotal = h.adults.map(\.aah.value).reduce(.zero, +)
    let otherTotal = h.adults.map(\.other.value).reduce(.zero, +) + h.otherHouseholdResources.value
    let family = h.familyBenefits.value

    // RSA.
    let mf = rsaP.base * h.multiplier([rsaP.secondPerson, rsaP.furtherPerson, rsaP.fromThirdChild])
    let majore = h.isolatedParent ? rsaP.base * (rsaIso[0] + rsaIso[1] * Rational(children)) : .zero
    let socle = max(mf, majore)
    let (flRSA, flRSAWhy) = forfaitLogement(base: rsaP.base, majorations: [rsaP.secondPerson, rsaP.furtherPerson], rates: rsaFL)
    let resourcesRSA = earnedTotal + aahTotal + otherTotal + family
    let eligibleRSA = h.adults.contains { $0.age >= 25 } || children > 0
    var rsaNotes = notes
    let rsaAmount = Self.payable(
      socle - flRSA - resourcesRSA, eligible: eligibleRSA, minimum: rsaMin, notes: &rsaNotes,
      refusal: "RSA non dû : aucun adulte de 25 ans ou plus et aucun enfant à charge (CASF L262-4 ; le RSA jeune actif n'est pas calculé)")
    if h.isolatedParent {
      rsaNotes.append(
        "montant majoré de parent isolé appliqué s'il est plus élevé (enfant de moins de 3 ans ; l'isolement récent n'est pas connu de l'outil)"
      )
    }
    rsa = ComputedBenefit(
      amount: rsaAmount,
      explanation: Explanation(
        figure: "RSA versé", value: rsaAmount.french,
        formula: "max(0 ; montant forfaitaire du foyer − forfait logement − ressources du foyer), non versé sous \(Money(rsaMin).french)",
        inputs: [
          "montant forfaitaire du foyer : \(Money(mf).french) (\(rsaP.base.frenchExact()) × \(h.multiplier([rsaP.secondPerson, rsaP.furtherPerson, rsaP.fromThirdChild]).frenchExact()), \(h.persons) personne\(h.persons > 1 ? "s" : ""))"
            + (h.isolatedParent ? " ; montant majoré \(Money(majore).french)" : ""),
          "forfait logement : \(Money(flRSA).french) — \(flRSAWhy)",
          "ressources du foyer : \(Money(resourcesRSA).french) (activité \(Money(earnedTotal).french), AAH \(Money(aahTotal).french), autres \(Money(otherTotal).french), prestations familiales \(Money(family).french))",
        ],
        parameters: rsaP.uses + [uRsaFL, uRsaMin, uRsaIso], notes: rsaNotes))

    // Prime d'activité.
    let multPA = h.multiplier(paMaj)
    let mfPA = h.isolatedParent ? paBase * (paIso[0] + paIso[1] * Rational(children)) : paBase * multPA
    let (flPA, flPAWhy) = forfaitLogement(base: paBase, majorations: paMaj, rates: paFL)
    let threshold = aahThreshold * smic
    var earnedPA = Rational.zero
    var aahOther = Rational.zero
    var bonuses = Rational.zero
    var bonusLines: [String] = []
    let bonusMax = (bonus[2] * paBase).rounded(toPlaces: 2, .halfAwayFromZero)
    for a in h.adults {
      // The AAH counts as earned income when the earnings reach 29 SMIC hours (R844-1).
      let aahIsEarned = !a.aah.isZero && a.earned.value >= threshold
      let earned = a.earned.value + (aahIsEarned ? a.aah.value : .zero)
      if !aahIsEarned { aahOther = aahOther + a.aah.value }
      earnedPA = earnedPA + earned
      let s1 = bonus[0] * smic
      let s2 = bonus[1] * smic
      let b = min(bonusMax, max(.zero, bonusMax * (earned - s1) / (s2 - s1)))
      bonuses = bonuses + b
      if !earned.isZero {
        bonusLines.append("bonification de \(a.label) : \(Money(b).french) (revenus d'activité \(Money(earned).french))")
      }
    }
    let resourcesPA = earnedPA + aahOther + otherTotal + family
    let eligiblePA = h.adults.contains { $0.age >= 18 && !$0.earned.isZero }
    let raw = mfPA + bonuses + paRate * earnedPA - max(resourcesPA + flPA, mfPA)
    var paNotes = notes
    let paAmount = Self.payable(
      raw, eligible: eligiblePA, minimum: paMin, notes: &paNotes, refusal: "pas de prime d'activité : aucun revenu d'activité dans le foyer"
    )
    paNotes.append("étudiants, apprentis et travailleurs indépendants : conditions propres non vérifiées par l'outil")
    primeActivite = ComputedBenefit(
      amount: paAmount,
      explanation: Explanation(
        figure: "prime d'activité", value: paAmount.french,
        formula:
          "max(0 ; montant forfaitaire + bonifications + \(paRate.frenchPercent()) des revenus d'activité − max(ressources + forfait logement ; montant forfaitaire)), non versée sous \(Money(paMin).french)",
        inputs: [
          "montant forfaitaire : \(Money(mfPA).french)"
            + (h.isolatedParent ? " (montant majoré de parent isolé)" : " (\(paBase.frenchExact()) × \(multPA.frenchExact()))"),
          "revenus d'activité : \(Money(earnedPA).french)",
        ] + bonusLines + [
          "ressources : \(Money(resourcesPA).french)", "forfait logement : \(Money(flPA).french) — \(flPAWhy)",
        ],
        parameters: [uPaBase, uPaMaj, uPaIso, uPaRate, uBonus, uPaFL, uPaMin, uAah, uSmic], notes: paNotes))
  }

  /// The amount paid: the exact amount, at least 0, rounded once to the cent; nothing when the
  /// foyer is not eligible or the amount is under the minimum paid (each with its note).
  static func payable(_ exact: Rational, eligible: Bool, minimum: Rational, notes: inout [String], refusal: String) -> Money {
    let amount = Money(max(.zero, exact)).roundedToCents(.halfAwayFromZero)
    guard eligible else {
      notes.append(refusal)
      return .zero
    }
    if amount.value < minimum && !amount.isZero {
      notes.append("\(amount.french) est sous le seuil de versement de \(Money(minimum).french) : rien n'est versé")
      return .zero
    }
    return amount
  }
}
