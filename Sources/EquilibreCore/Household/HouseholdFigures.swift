/// A key figure of a household, as written in JSON and checked against `attendu:`.
public enum Figure: Sendable {
  case money(Money)
  /// A fraction (0.3125), shown as a percentage.
  case rate(Rational)
  case number(Rational)
  case text(String)

  /// JSON text: amounts with 2 decimals (rounded half-up), rates in percent with 2 decimals.
  public var plain: String {
    switch self {
    case .money(let m): m.plainCents
    case .rate(let r): (r * Rational(100)).rounded(toPlaces: 2, .halfAwayFromZero).plainDecimal(places: 2)
    case .number(let r): r.terminatingPlaces != nil ? r.description : r.rounded(toPlaces: 4, .halfAwayFromZero).description
    case .text(let t): t
    }
  }

  public var french: String {
    switch self {
    case .money(let m): m.roundedToCents(.halfAwayFromZero).french
    case .rate(let r): percentText(r)
    case .number(let r): r.terminatingPlaces != nil ? r.frenchExact() : r.rounded(toPlaces: 4, .halfAwayFromZero).frenchExact()
    case .text(let t): t
    }
  }

  /// Whether `expected` (as typed in a scenario) designates this figure: amounts to the cent,
  /// rates to the hundredth of a point, numbers exactly, texts without case or accents.
  public func matches(_ expected: String) -> Bool {
    switch self {
    case .money(let m):
      guard let e = try? Money(french: expected) else { return false }
      return e == m.roundedToCents(.halfAwayFromZero)
    case .rate(let r):
      guard let parsed = try? FrenchNumber.parse(expected) else { return false }
      return parsed.value == (r * Rational(100)).rounded(toPlaces: 2, .halfAwayFromZero)
    case .number(let r):
      guard let e = try? Rational(french: expected) else { return false }
      return e == r || e == r.rounded(toPlaces: 4, .halfAwayFromZero)
    case .text(let t):
      return normalizedChoice(expected) == normalizedChoice(t)
    }
  }
}

/// Budget and capacity of a scenario together, with the key figures by JSON key.
public struct HouseholdFigures: Sendable {
  public let budget: Budget
  public let capacity: RepaymentCapacity
  /// The aids, computed when the scenario expects any (`aide_…`) or when asked.
  public let aids: AidAssessment?
  /// The documents' figures (``CaseFigures``), computed when the scenario expects one of them.
  public let model: CaseFigures?

  public init(
    scenario: Scenario, parameters: ParameterSet = .national, forfaits: ParameterSet? = nil, alPolicy: ParameterSet? = nil,
    fsl: ParameterSet? = nil, withAids: Bool? = nil
  ) throws(ParameterError) {
    budget = try Budget(scenario: scenario, parameters: parameters)
    capacity = try RepaymentCapacity(scenario: scenario, parameters: parameters, forfaits: forfaits)
    let needsAids = withAids ?? scenario.expected.contains { $0.key.hasPrefix("aide_") }
    aids =
      needsAids
      ? try AidAssessment(scenario: scenario, parameters: parameters, alPolicy: alPolicy, fsl: fsl, forfaits: forfaits) : nil
    if scenario.expected.contains(where: { CaseFigures.isOwnKey($0.key) }) {
      let plan = scenario.debts.isEmpty ? nil : try? DebtPlan(scenario: scenario, capacity: capacity.capacity, parameters: parameters)
      model = CaseFigures(scenario: scenario, budget: budget, capacity: capacity, plan: plan)
    } else {
      model = nil
    }
  }

  /// Every figure by key (the capacity's resources are the budget's).
  public func figure(_ key: String) -> Figure? {
    if key.hasPrefix("aide_"), let aids {
      var id = String(key.dropFirst(5))
      let wantsAmount = id.hasSuffix("_montant")
      if wantsAmount { id = String(id.dropLast(8)) }
      guard let aid = AidID(rawValue: id), let r = aids.result(aid) else { return nil }
      if wantsAmount { return r.amount.map(Figure.money) ?? .text("aucun") }
      return .text(r.status.rawValue)
    }
    return (budget.figures + capacity.figures).first { $0.0 == key }?.1 ?? model?.figure(key)
  }

  /// The expected figures that do not match, with what was computed.
  public func mismatches(_ expected: [ExpectedFigure]) -> [(ExpectedFigure, String)] {
    expected.compactMap { e in
      guard let f = figure(e.key) else { return (e, "non calculé") }
      return f.matches(e.text) ? nil : (e, f.french)
    }
  }
}

extension Budget {
  /// The budget's key figures by JSON key, in output order.
  public var figures: [(String, Figure?)] {
    [
      ("ressources_mensuelles", .money(resources)),
      ("charges_mensuelles", .money(charges)),
      ("reste_a_vivre", .money(resteAVivre)),
      ("reste_a_vivre_par_personne", resteAVivrePerPerson.map(Figure.money)),
      ("reste_a_vivre_par_uc_par_jour", resteAVivrePerUCPerDay.map(Figure.money)),
      ("unites_consommation", .number(consumptionUnits)),
      ("taux_effort", effortRateAfterBenefit.map(Figure.rate)),
      ("taux_effort_avant_aide", effortRateBeforeBenefit.map(Figure.rate)),
    ]
  }
}

extension RepaymentCapacity {
  /// The capacity's key figures by JSON key, in output order.
  public var figures: [(String, Figure?)] {
    [
      ("ressources_mensuelles", .money(resources)),
      ("personnes_a_charge", .number(Rational(dependants))),
      ("quotite_saisissable", .money(quotiteSaisissable)),
      ("rsa_foyer", .money(rsa.amount)),
      ("budget_vie_courante", .money(budgetVieCourante.total)),
      ("capacite_remboursement", .money(capacity)),
      ("terme_limitant", .text(bindingTerm.rawValue)),
      ("solde_bancaire_insaisissable", .money(soldeBancaireInsaisissable)),
    ]
  }
}
