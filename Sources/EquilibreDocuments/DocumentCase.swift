import EquilibreCore

/// Everything a document shows, computed once by the engines. The documents only format these
/// results: every figure in a document is the engine's own figure.
public struct DocumentCase {
  public let scenario: Scenario
  public let budget: Budget
  public let capacity: RepaymentCapacity
  public let aids: AidAssessment
  /// The plan with the default settings; a home loan enters it by its arrears only (``HomeLoan``).
  public let plan: DebtPlan?
  /// Every amount the documents print (one source: ``CaseFigures``).
  public let figures: CaseFigures
  public let variants: [(name: String, changes: [String], figures: HouseholdFigures)]
  /// Each variant's benefits after the change (same order as ``variants``).
  public let variantBenefits: [BenefitReaction]
  /// Social-housing eligibility and the offers compared, when the scenario speaks of them.
  public let socialHousing: SocialHousingEligibility?
  public let offers: [OfferComparison]
  /// Date printed on the document.
  public let documentDate: CivilDate
  /// Names, addresses and birth dates replaced by neutral labels.
  public let anonymous: Bool

  public init(
    scenario: Scenario, parameters: ParameterSet = .national, forfaits: ParameterSet? = nil, alPolicy: ParameterSet? = nil,
    fsl: ParameterSet? = nil, documentDate: CivilDate, anonymous: Bool = false
  ) throws(ParameterError) {
    self.scenario = scenario
    let resolved = try HouseholdParameters(parameters: parameters, on: scenario.date)
    budget = Budget(scenario: scenario, resolved: resolved)
    capacity = try RepaymentCapacity(scenario: scenario, resolved: resolved, forfaits: forfaits)
    aids = try AidAssessment(scenario: scenario, parameters: parameters, alPolicy: alPolicy, fsl: fsl, forfaits: forfaits)
    plan = scenario.debts.isEmpty ? nil : try? DebtPlan(scenario: scenario, capacity: capacity.capacity, parameters: parameters)
    figures = CaseFigures(scenario: scenario, budget: budget, capacity: capacity, plan: plan)
    var variants: [(String, [String], HouseholdFigures)] = []
    var reactions: [BenefitReaction] = []
    for v in scenario.variants {
      let reaction = try v.applied(to: scenario, parameters: parameters)
      let figures = try HouseholdFigures(
        scenario: reaction.scenario, parameters: parameters, forfaits: forfaits, alPolicy: alPolicy, fsl: fsl, withAids: true)
      variants.append((v.name, v.changes.map(\.french), figures))
      reactions.append(reaction)
    }
    self.variants = variants
    variantBenefits = reactions
    if scenario.socialHousing != nil || !scenario.offers.isEmpty {
      socialHousing = SocialHousingEligibility(scenario: scenario, parameters: parameters)
      offers = try OfferComparison.all(scenario.offers, scenario: scenario, parameters: parameters, forfaits: forfaits)
    } else {
      socialHousing = nil
      offers = []
    }
    self.documentDate = documentDate
    self.anonymous = anonymous
  }
}
