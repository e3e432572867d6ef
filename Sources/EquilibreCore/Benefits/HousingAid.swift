/// The aide personnelle au logement of a tenant (APL in a dwelling under convention, ALF or ALS
/// otherwise: one computation since 2020), for one month, in metropolitan France (CCH L821-1,
/// R822-1 to R822-25, D823-16, D823-17, arrêté du 27 septembre 2019):
///
///     aide = L + C − Pp,   Pp = P0 + (TF + TL) × max(0 ; R − R0)
///
/// then the seuil de versement, the reduction for high rents, the minoration forfaitaire, the
/// RLS of a social landlord, the CRDS, and the amount rounded down to the euro. R is the annual
/// resources of the twelve months before the month before (R822-2), taken here as twelve times
/// the scenario's steady monthly taxable amounts, rounded up to the hundred euros.
public struct HousingAid: Sendable {
  /// The amount paid, or nil when the tool cannot compute it (`reason` says why).
  public let amount: Money?
  /// « APL » (dwelling under convention) or « AL ».
  public let kind: String
  public let reason: String?
  public let explanation: Explanation
  /// The resources R counted (annual, rounded up to the hundred), for tests and workshops.
  public let resources: Rational?

  /// The parameters of one date, resolved once.
  public struct Parameters: Sendable {
    let ceilings: [APLZone: [Rational]], degressivity: [APLZone: [Rational]]
    let rlsAmount: [APLZone: [Rational]], rlsCeiling: [APLZone: [Rational]]
    let flatShareCoef: Rational, charges: [Rational], chargesShared: [Rational], p0: [Rational], r0: [Rational], tf: [Rational]
    let tl: [Rational], minoration: Rational, threshold: [Rational], doubleActivity: Rational, bmaf: Rational, crds: Rational
    let proDeduction: [Rational], pensionDeduction: [Rational], rlsFraction: Rational, unemploymentAbatement: Rational
    let uses: [String: ParameterUse]

    public init(parameters p: ParameterSet = .national, on date: CivilDate) throws(ParameterError) {
      var uses: [String: ParameterUse] = [:]
      func list(_ key: String, on day: CivilDate = date) throws(ParameterError) -> [Rational] {
        let (v, u) = try p.numbers(key, on: day)
        uses[key] = u
        return v
      }
      func one(_ key: String) throws(ParameterError) -> Rational {
        let (v, u) = try p.number(key, on: date)
        uses[key] = u
        return v
      }
      var c: [APLZone: [Rational]] = [:], d: [APLZone: [Rational]] = [:], ra: [APLZone: [Rational]] = [:], rc: [APLZone: [Rational]] = [:]
      for z in APLZone.allCases {
        c[z] = try list("aide_logement.loyer_plafond.zone_\(z.rawValue)")
        d[z] = try list("aide_logement.degressivite.zone_\(z.rawValue)")
        ra[z] = try list("rls.montant.zone_\(z.rawValue)")
        rc[z] = try list("rls.plafond_ressources.zone_\(z.rawValue)")
      }
      (ceilings, degressivity, rlsAmount, rlsCeiling) = (c, d, ra, rc)
      flatShareCoef = try one("aide_logement.coefficient_colocation")
      charges = try list("aide_logement.forfait_charges")
      chargesShared = try list("aide_logement.forfait_charges_colocation")
      p0 = try list("aide_logement.participation_minimale")
      r0 = try list("aide_logement.abattement_r0")
      tf = try list("aide_logement.taux_famille")
      tl = try list("aide_logement.taux_loyer")
      minoration = try one("aide_logement.minoration_forfaitaire")
      threshold = try list("aide_logement.seuil_versement")
      doubleActivity = try one("aide_logement.abattement_double_activite")
      bmaf = try one("prestations_familiales.bmaf")
      crds = try one("crds.taux")
      // The professional deduction of the previous year's income, as OpenFisca-France reads it.
      proDeduction = try list("impot_revenu.abattement_frais_professionnels", on: CivilDate(year: date.year - 1, month: 1, day: 1)!)
      pensionDeduction = try list("impot_revenu.abattement_pensions")
      rlsFraction = try one("rls.fraction_baisse_aide")
      unemploymentAbatement = try one("aide_logement.abattement_chomage")
      self.uses = uses
    }

    func use(_ keys: String...) -> [ParameterUse] { keys.compactMap { uses[$0] } }
  }

  public init(_ h: BenefitHousehold, neutralised: Bool = false, parameters p: ParameterSet = .national) throws(ParameterError) {
    self.init(h, neutralised: neutralised, resolved: try Parameters(parameters: p, on: h.date))
  }

  /// - Parameter neutralised: the RSA is paid: earned income and unemployment benefit are not
  ///   counted (CCH R822-15 and R822-17).
  public init(_ h: BenefitHousehold, neutralised: Bool = false, resolved r: Parameters) {
    let figure = "aide au logement"
    var notes = h.housingNotes
    func none(_ why: String, kind: String = "AL") -> (Money?, String, String?, Explanation, Rational?) {
      (
        nil, kind, why, Explanation(figure: figure, value: "non calculée", formula: "—", inputs: [], parameters: [], notes: [why] + notes),
        nil
      )
    }
    guard let t = h.tenancy else {
      (amount, kind, reason, explanation, resources) = none(
        "l'outil ne calcule l'aide au logement que pour un locataire (accession, foyer, hébergement : hors champ)")
      return
    }
    let kindName = t.conventionne ? "APL" : "AL"
    guard let zone = t.zone else {
      (amount, kind, reason, explanation, resources) = none(t.zoneWhy, kind: kindName)
      return
    }
    guard !h.adults.isEmpty else {
      (amount, kind, reason, explanation, resources) = none("aucun demandeur dans le foyer", kind: kindName)
      return
    }
    let couple = h.isCouple
    let dependants = h.childrenAges.filter { $0 < 21 }.count

    // Resources R (R822-3 to R822-5): per person, the 10 % deduction on salaries and
    // unemployment (CGI 83, 3°), on pensions (CGI 158, 5° a), over twelve months.
    let twelve = Rational(12)
    var total = Rational.zero
    var lines: [String] = []
    let pro = r.proDeduction, pen = r.pensionDeduction
    var pensionsAfter: [Rational] = []
    var pensionDeductions: [Rational] = []
    var bothActive = couple
    for a in h.adults {
      let salary = a.taxableEarned.value * twelve
      let unemployment = a.taxableUnemployment.value * twelve
      let assimilated = salary + unemployment
      var counted = Rational.zero
      if !assimilated.isZero {
        let deduction = min(max(pro[0] * assimilated, pro[1]), pro[2]).rounded(toPlaces: 0, .halfAwayFromZero)
        let net = salary - deduction
        // An AAH holder without a salary: 30 % off the unemployment benefit (R822-13, R822-14).
        let abated = !a.aah.isZero && salary.isZero
        let unemploymentCounted = (unemployment + min(.zero, net)) * (abated ? Rational.one - r.unemploymentAbatement : .one)
        counted = max(.zero, net) + unemploymentCounted
        if abated && !unemployment.isZero {
          lines.append(
            "\(a.label) : titulaire de l'AAH sans salaire, chômage compté à \((Rational.one - r.unemploymentAbatement).frenchPercent()) (CCH R822-14)"
          )
        }
        if neutralised { counted = .zero }
        lines.append(
          "\(a.label) : salaires et indemnités \(Money(salary).french), chômage \(Money(unemployment).french) sur 12 mois, moins 10 % (\(Money(deduction).french))"
            + (neutralised ? " : neutralisés (RSA versé, CCH R822-15 et R822-17)" : " = \(Money(counted).french)"))
      }
      if salary < twelve * r.bmaf { bothActive = false }
      let pensions = a.taxablePensions.value * twelve
      if !pensions.isZero {
        pensionDeductions.append(max(pen[0] * pensions, pen[1]).rounded(toPlaces: 0, .halfAwayFromZero))
        pensionsAfter.append(pensions)
      }
      total = total + counted
    }
    if !pensionsAfter.isEmpty {
      // The maximum of the pension deduction applies to the foyer.
      let deduction = min(pensionDeductions.reduce(.zero, +), pen[2])
      let gross = pensionsAfter.reduce(.zero, +)
      let counted = max(.zero, gross - deduction)
      total = total + counted
      lines.append(
        "pensions et retraites sur 12 mois \(Money(gross).french), moins 10 % (\(Money(deduction).french)) = \(Money(counted).french)")
    }
    if bothActive {
      total = max(.zero, total - r.doubleActivity)
      lines.append(
        "abattement de double activité : \(Money(r.doubleActivity).french) (chacun au moins 12 BMAF de revenus d'activité sur l'année, CCH R822-7)"
      )
    }
    let R = (total.rounded(toPlaces: 2, .halfAwayFromZero) / Rational(100)).rounded(toPlaces: 0, .ceiling) * Rational(100)

    // Rent retained L, charges C.
    let ceilingRow = r.ceilings[zone]!
    var ceiling: Rational
    if dependants > 0 {
      ceiling = ceilingRow[2] + ceilingRow[3] * Rational(dependants - 1)
    } else {
      ceiling = couple ? ceilingRow[1] : ceilingRow[0]
    }
    if t.flatShare { ceiling = (ceiling * r.flatShareCoef).rounded(toPlaces: 2, .halfEven) }
    let realRent = t.furnished ? t.rent.value * Rational(2, 3) : t.rent.value
    let L = min(realRent, ceiling)
    let C: Rational =
      t.flatShare
      ? (couple ? r.chargesShared[1] : r.chargesShared[0]) + r.chargesShared[2] * Rational(dependants)
      : r.charges[0] + r.charges[1] * Rational(dependants)

    // Personal contribution Pp.
    let E = L + C
    let P0 = max(r.p0[0] * E, r.p0[1])
    let r0: Rational
    let tf: Rational
    switch dependants {
    case 0: (r0, tf) = couple ? (r.r0[1], r.tf[1]) : (r.r0[0], r.tf[0])
    case 1...6: (r0, tf) = (r.r0[dependants + 1], r.tf[dependants + 1])
    default: (r0, tf) = (r.r0[7] + r.r0[8] * Rational(dependants - 6), r.tf[7] + r.tf[8] * Rational(dependants - 6))
    }
    let zone2 = r.ceilings[.two]!
    let reference = dependants > 0 ? zone2[2] + zone2[3] * Rational(dependants - 1) : (couple ? zone2[1] : zone2[0])
    let RLpct = (L / reference * Rational(100)).rounded(toPlaces: 2, .halfEven)
    let RL = RLpct / Rational(100)
    let (s1, s2, t2, t3) = (r.tl[0], r.tl[1], r.tl[2], r.tl[3])
    let tlRaw = RL >= s2 ? t3 * (RL - s2) + t2 * (s2 - s1) : max(.zero, t2 * (RL - s1))
    let TL = tlRaw.rounded(toPlaces: 5, .halfEven)
    let TP = tf + TL
    let Pp = P0 + TP * max(.zero, R - r0)

    // The amount: threshold, high rents, minoration, RLS, CRDS, euro.
    var steps: [String] = []
    let before = max(.zero, E - Pp)
    let threshold = t.conventionne ? r.threshold[0] : r.threshold[1]
    var brut = before >= threshold ? before : .zero
    if brut.isZero && !before.isZero {
      steps.append("\(Money(before).french) sous le seuil de versement de \(Money(threshold).french) : rien n'est versé")
    }
    let deg = r.degressivity[zone]!
    let dLow = (ceiling * deg[0]).rounded(toPlaces: 2, .halfEven)
    let dHigh = (ceiling * deg[1]).rounded(toPlaces: 2, .halfEven)
    if !t.disability && realRent > dLow && !brut.isZero {
      let coef = realRent > dHigh ? Rational.zero : Rational.one - (realRent - dLow) / (dHigh - dLow)
      brut = (brut * coef).rounded(toPlaces: 2, .halfEven)
      steps.append(
        "loyer \(Money(realRent).french) au-dessus de \(Money(dLow).french) (\(deg[0].frenchExact()) × loyer plafond) : "
          + (coef.isZero
            ? "aide supprimée au-delà de \(Money(dHigh).french)"
            : "aide multipliée par \(coef.rounded(toPlaces: 4, .halfEven).frenchExact())"))
    }
    brut = max(.zero, brut - r.minoration)
    var rls = Rational.zero
    if t.conventionne && t.status == .locataireSocial {
      let ceilingRow = r.rlsCeiling[zone]!
      let rlsCeiling: Rational
      switch dependants {
      case 0: rlsCeiling = couple ? ceilingRow[1] : ceilingRow[0]
      case 1...6: rlsCeiling = ceilingRow[dependants + 1]
      default: rlsCeiling = ceilingRow[7] + ceilingRow[8] * Rational(dependants - 6)
      }
      if R / twelve < rlsCeiling {
        let a = r.rlsAmount[zone]!
        rls = dependants > 0 ? a[2] + a[3] * Rational(dependants - 1) : (couple ? a[1] : a[0])
        let cut = rls * r.rlsFraction
        brut = max(.zero, brut - cut)
        steps.append(
          "réduction de loyer de solidarité \(Money(rls).french) (ressources \(Money(R / twelve).french) par mois sous \(Money(rlsCeiling).french)) : l'aide baisse de \(r.rlsFraction.frenchPercent()), \(Money(cut).french)"
        )
      }
    }
    let crds = (brut * r.crds * Rational(100)).rounded(toPlaces: 0, .floor) / Rational(100)
    let paid = (brut - crds).rounded(toPlaces: 0, .floor)
    if !paid.isZero { steps.append("CRDS \(Money(crds).french) retenue, montant arrondi à l'euro inférieur") }

    notes.append(
      "ressources des 12 mois de référence estimées à 12 fois les montants mensuels du scénario (la CAF les revoit chaque trimestre)")
    if t.furnished { notes.append("logement meublé : loyer retenu aux deux tiers") }
    amount = Money(paid)
    kind = kindName
    reason = nil
    resources = R
    let who = dependants == 0 ? (couple ? "couple" : "personne seule") : "\(dependants) personne\(dependants > 1 ? "s" : "") à charge"
    explanation = Explanation(
      figure: "\(figure) (\(kindName))", value: Money(paid).french,
      formula:
        "L + C − Pp, Pp = P0 + (TF + TL) × (R − R0) ; puis seuil, loyers élevés, minoration de \(Money(r.minoration).french), RLS, CRDS, euro inférieur",
      inputs: [
        "\(t.zoneWhy) ; \(who)",
        "L, loyer retenu : \(Money(L).french) (loyer \(Money(realRent).french), plafond \(Money(ceiling).french))",
        "C, forfait de charges : \(Money(C).french)",
        "P0, participation minimale : \(Money(P0).french) (max(\(r.p0[0].frenchPercent()) × \(Money(E).french) ; \(Money(r.p0[1]).french)))",
      ] + lines + [
        "R, ressources annuelles arrondies à la centaine supérieure : \(Money(R).french) ; R0 : \(Money(r0).french)",
        "TF \(tf.frenchPercent()) ; RL = \(RLpct.frenchExact()) % du loyer de référence \(Money(reference).french) → TL \(TL.frenchPercent())",
        "Pp, participation personnelle : \(Money(Pp).roundedToCents(.halfAwayFromZero).french) ; L + C − Pp = \(Money(before).roundedToCents(.halfAwayFromZero).french)",
      ] + steps,
      parameters: r.use(
        "aide_logement.loyer_plafond.zone_\(zone.rawValue)", "aide_logement.forfait_charges", "aide_logement.participation_minimale",
        "aide_logement.abattement_r0", "aide_logement.taux_famille", "aide_logement.taux_loyer",
        "aide_logement.degressivite.zone_\(zone.rawValue)",
        "aide_logement.minoration_forfaitaire", "aide_logement.seuil_versement", "impot_revenu.abattement_frais_professionnels",
        "impot_revenu.abattement_pensions", "crds.taux")
        + (rls.isZero ? [] : r.use("rls.montant.zone_\(zone.rawValue)", "rls.fraction_baisse_aide")),
      notes: notes)
  }
}
