/// A labelled monthly amount in a breakdown.
public struct BudgetLine: Sendable {
  public let label: String
  public let monthly: Money
  /// For an item: its category alone (the label may add the counsellor's words).
  public let category: String?

  public init(label: String, monthly: Money, category: String? = nil) {
    self.label = label
    self.monthly = monthly
    self.category = category
  }
}

/// The household budget on a month: resources, charges, taux d'effort and reste à vivre.
///
/// Every amount is normalised to a month exactly (``BudgetPeriodicity/monthlyFactor``) and kept
/// exact; rounding to the cent happens only for display.
public struct Budget: Sendable {
  public let policy: ResteAVivrePolicy
  /// Counted resources by type (the housing benefit on its own line).
  public let resourcesByType: [BudgetLine]
  public let resourcesByPerson: [BudgetLine]
  /// Deducted charges by category (housing and debt instalments on their own lines).
  public let chargesByCategory: [BudgetLine]
  /// Each resource counted, labelled « Catégorie — libellé » when the counsellor named it.
  public let resourceItems: [BudgetLine]
  /// Each charge counted, labelled the same way (housing and debt instalments included).
  public let chargeItems: [BudgetLine]
  public let resources: Money
  public let charges: Money
  public let housingBenefit: Money
  /// Resources without the housing benefit: the base of the taux d'effort.
  public let resourcesWithoutHousingBenefit: Money
  /// Rent + charges locatives + mortgage instalment.
  public let housingCost: Money
  /// Housing cost ÷ resources (without housing benefit), before and after the benefit.
  public let effortRateBeforeBenefit: Rational?
  public let effortRateAfterBenefit: Rational?
  public let resteAVivre: Money
  public let persons: Int
  public let consumptionUnits: Rational
  public let daysPerMonth: Int
  public let resteAVivrePerPerson: Money?
  public let resteAVivrePerUCPerDay: Money?
  /// The three benefits declared and computed; in `calculees` mode the computed ones are counted.
  public let benefitCheck: BenefitCheck
  /// The scenario and parameter values behind the figures, for ``explanations``.
  let scenario: Scenario
  let scaleUses: [ParameterUse]
  let daysUse: ParameterUse

  /// « Impôts — taxe foncière »: the category first (capitalised), then the counsellor's label
  /// when it says more.
  static func itemLabel(_ category: String, _ label: String?) -> String {
    let c = category.prefix(1).uppercased() + category.dropFirst()
    guard let l = label?.trimmingSpaces, !l.isEmpty, l.lowercased() != category.lowercased() else { return c }
    return c + " — " + l
  }

  /// The budget of `scenario` on its date.
  public init(
    scenario s: Scenario, parameters: ParameterSet = .national, policy: ResteAVivrePolicy? = nil
  ) throws(ParameterError) {
    self.init(scenario: s, resolved: try HouseholdParameters(parameters: parameters, on: s.date), policy: policy)
  }

  /// The budget with parameters already resolved for the scenario's date (batch work).
  public init(scenario declared: Scenario, resolved p: HouseholdParameters, policy: ResteAVivrePolicy? = nil) {
    let check = p.benefitCheck(declared)
    benefitCheck = check
    let s = check.counted(declared)
    let policy = policy ?? s.settings.resteAVivrePolicy
    self.policy = policy
    let date = s.date

    // Resources by type and by person.
    var byType = [Money](repeating: .zero, count: ResourceType.allCases.count)
    var byPerson = [Money](repeating: .zero, count: s.members.count + 1)  // last: household
    var totalResources = Money.zero
    for r in s.resources where policy.resources.contains(r.type) {
      let m = r.monthly
      byType[ResourceType.allCases.firstIndex(of: r.type)!] += m
      byPerson[r.person ?? s.members.count] += m
      totalResources += m
    }
    var typeLines = zip(ResourceType.allCases, byType).filter { !$0.1.isZero }.map {
      BudgetLine(label: $0.0.french, monthly: $0.1)
    }
    var resourceItems = s.resources.filter { policy.resources.contains($0.type) && !$0.amount.isZero }.map {
      BudgetLine(label: Budget.itemLabel($0.type.french, $0.label), monthly: $0.monthly, category: $0.type.french)
    }
    let benefit = policy.countsHousingBenefit ? s.housing.housingBenefit : .zero
    if !benefit.isZero {
      typeLines.append(BudgetLine(label: "aide au logement (APL/AL)", monthly: benefit))
      resourceItems.append(BudgetLine(label: "Aide au logement (APL/AL)", monthly: benefit))
      byPerson[s.members.count] += benefit
    }
    resourcesByType = typeLines
    self.resourceItems = resourceItems
    resourcesByPerson = byPerson.enumerated().filter { !$0.element.isZero }.map { i, m in
      BudgetLine(label: i < s.members.count ? s.members[i].label : "foyer", monthly: m)
    }
    resourcesWithoutHousingBenefit = totalResources
    resources = totalResources + benefit
    housingBenefit = benefit

    // Charges.
    var lines: [BudgetLine] = []
    var items: [BudgetLine] = []
    var totalCharges = Money.zero
    // The home loan counted once, as housing (HomeLoan); never again among the debts' instalments.
    let homeLoan = s.homeLoan
    let mortgage = homeLoan?.instalment ?? s.housing.mortgagePayment
    let housing = s.housing.rent + s.housing.charges + mortgage
    housingCost = housing
    if policy.countsHousing {
      for (label, m) in [
        ("loyer", s.housing.rent), ("charges locatives", s.housing.charges),
        ("mensualité du prêt immobilier", mortgage),
      ] where !m.isZero {
        lines.append(BudgetLine(label: label, monthly: m))
        items.append(BudgetLine(label: Budget.itemLabel(label, nil), monthly: m))
        totalCharges += m
      }
    }
    for c in s.charges where policy.charges.contains(c.type) && !c.amount.isZero {
      items.append(BudgetLine(label: Budget.itemLabel(c.type.french, c.label), monthly: c.monthly, category: c.type.french))
    }
    var byCategory = [Money](repeating: .zero, count: ChargeType.allCases.count)
    for c in s.charges where policy.charges.contains(c.type) {
      byCategory[ChargeType.allCases.firstIndex(of: c.type)!] += c.monthly
    }
    for (type, m) in zip(ChargeType.allCases, byCategory) where !m.isZero {
      lines.append(BudgetLine(label: type.french, monthly: m))
      totalCharges += m
    }
    if policy.countsDebtPayments {
      // The home loan, already in the housing section, is not counted twice.
      let skipped = policy.countsHousing && !mortgage.isZero ? homeLoan?.debtIndex : nil
      let debtPayments = s.debts.indices.filter { $0 != skipped }.map { s.debts[$0].monthlyPayment }.sum()
      if !debtPayments.isZero {
        lines.append(BudgetLine(label: "mensualités des dettes en cours", monthly: debtPayments))
        items.append(BudgetLine(label: "Mensualités des dettes en cours", monthly: debtPayments))
        totalCharges += debtPayments
      }
    }
    chargesByCategory = lines
    chargeItems = items
    charges = totalCharges

    // Taux d'effort.
    let base = resourcesWithoutHousingBenefit
    effortRateBeforeBenefit = base.isZero ? nil : housing / base
    effortRateAfterBenefit = base.isZero ? nil : (housing - s.housing.housingBenefit) / base

    // Reste à vivre.
    let rav = resources - charges
    resteAVivre = rav
    persons = s.members.count
    let scale = p.units
    let ages = s.orderedForUnits.map { $0.age(on: date) }
    consumptionUnits = scale.units(ages: ages)
    let days = p.daysPerMonth
    let daysUse = p.daysUse
    daysPerMonth = p.days
    resteAVivrePerPerson = persons > 0 ? rav / Rational(persons) : nil
    resteAVivrePerUCPerDay = consumptionUnits.isZero ? nil : rav / (consumptionUnits * days)
    scenario = s
    scaleUses = scale.uses
    self.daysUse = daysUse
  }

  /// One of the three computed benefits as the budget counts it, per month.
  public func benefit(_ k: BenefitKind) -> Money { k.declared(in: scenario) }

  /// How each figure was obtained, in French (built on demand: batch work does not pay for it).
  public var explanations: [Explanation] {
    let s = scenario
    let benefit = housingBenefit
    let lines = chargesByCategory
    let base = resourcesWithoutHousingBenefit
    let housing = housingCost
    let rav = resteAVivre
    let ages = s.orderedForUnits.map { $0.age(on: s.date) }
    var ex: [Explanation] = []
    ex.append(
      Explanation(
        figure: "Ressources mensuelles", value: resources.frenchDisplay,
        formula: "somme des ressources ramenées au mois (annuel ÷ 12, trimestriel ÷ 3, hebdomadaire × 52 ÷ 12, ponctuel ÷ 12)"
          + (benefit.isZero ? "" : " + aide au logement"),
        inputs: s.resources.map {
          "\($0.label ?? $0.type.french) : \($0.amount.french) \($0.periodicity.rawValue) → \($0.monthly.frenchDisplay) par mois"
        }
          + (benefit.isZero ? [] : ["aide au logement : \(benefit.french)"])))
    ex.append(
      Explanation(
        figure: "Charges mensuelles", value: charges.frenchDisplay,
        formula: "somme des charges retenues par la politique « \(policy.name) » : \(policy.description)",
        inputs: lines.map { "\($0.label) : \($0.monthly.frenchDisplay)" }))
    if let before = effortRateBeforeBenefit, let after = effortRateAfterBenefit {
      ex.append(
        Explanation(
          figure: "Taux d'effort", value: "\(percentText(before)) avant aide, \(percentText(after)) après aide",
          formula: "(loyer + charges locatives + mensualité immobilière [− aide au logement]) ÷ ressources hors aide au logement",
          inputs: [
            "coût du logement : \(housing.frenchDisplay)", "aide au logement : \(s.housing.housingBenefit.french)",
            "ressources hors aide : \(base.frenchDisplay)",
          ]))
    }
    ex.append(
      Explanation(
        figure: "Reste à vivre", value: rav.frenchDisplay + " par mois",
        formula: "ressources mensuelles − charges mensuelles (politique « \(policy.name) »)",
        inputs: ["ressources : \(resources.frenchDisplay)", "charges : \(charges.frenchDisplay)"]))
    if let perUC = resteAVivrePerUCPerDay {
      ex.append(
        Explanation(
          figure: "Reste à vivre par UC et par jour", value: perUC.frenchDisplay,
          formula: "reste à vivre ÷ unités de consommation ÷ jours par mois",
          inputs: [
            "reste à vivre : \(rav.frenchDisplay)",
            "unités de consommation : \(consumptionUnits.frenchExact()) (âges : \(ages.map(String.init).joined(separator: ", ")))",
            "jours par mois : \(daysPerMonth)",
          ],
          parameters: scaleUses + [daysUse]))
    }
    ex.append(benefitCheck.explanation)
    return ex
  }
}

/// A rate as a French percentage rounded half-up to 2 decimals: `31,25 %`.
public func percentText(_ r: Rational) -> String {
  (r * Rational(100)).rounded(toPlaces: 2, .halfAwayFromZero).french(places: 2) + "\u{00A0}%"
}

extension Scenario {
  /// Members with the demandeur first, for the UC scale.
  var orderedForUnits: [Member] {
    members.filter { $0.role == .demandeur } + members.filter { $0.role != .demandeur }
  }
}
