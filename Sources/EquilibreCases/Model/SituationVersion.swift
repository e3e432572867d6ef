import EquilibreCore

/// The household's situation at a date: the scenario exactly as typed (the YAML the CLI reads,
/// so nothing is lost) and the key figures computed when it was saved. A new version never
/// replaces an older one.
public struct SituationVersion: Sendable, Codable, Equatable {
  /// 1, 2, 3… within the case.
  public var number: Int
  /// The situation's date (the scenario's `date:`).
  public var date: CivilDate
  public var scenarioText: String
  public var figures: KeyFigures
  public var note: String?
  /// When and by whom it was saved (ISO 8601 timestamp, counsellor).
  public var savedAt: String
  public var savedBy: String
  /// Its what-if variants (a ``VariantSet`` block), kept beside the text so that they change
  /// without a new version; `nil`: those the text declares (situations saved before them).
  public var variants: String?

  public init(
    number: Int, date: CivilDate, scenarioText: String, figures: KeyFigures, note: String? = nil, savedAt: String, savedBy: String,
    variants: String? = nil
  ) {
    self.variants = variants
    self.number = number
    self.date = date
    self.scenarioText = scenarioText
    self.figures = figures
    self.note = note
    self.savedAt = savedAt
    self.savedBy = savedBy
  }
}

/// The key figures of a situation as shown when it was saved: amounts in cents (rounded half
/// away from zero, as the documents show them), the effort rate in hundredths of a percent.
public struct KeyFigures: Sendable, Codable, Equatable {
  public var resources: Int
  public var charges: Int
  public var resteAVivre: Int
  public var perUCPerDay: Int?
  /// Effort rate after housing benefit, in hundredths of a percent (1611 = 16,11 %).
  public var effortRate: Int?
  public var capacity: Int
  /// `quotite_saisissable`, `rsa`, `budget_vie_courante`.
  public var bindingTerm: String
  public var totalDebts: Int
  /// The simulated plan, when there are debts: duration in months and amount erased.
  public var planMonths: Int?
  public var planErased: Int?

  public init(
    resources: Int, charges: Int, resteAVivre: Int, perUCPerDay: Int?, effortRate: Int?, capacity: Int, bindingTerm: String,
    totalDebts: Int, planMonths: Int? = nil, planErased: Int? = nil
  ) {
    self.resources = resources
    self.charges = charges
    self.resteAVivre = resteAVivre
    self.perUCPerDay = perUCPerDay
    self.effortRate = effortRate
    self.capacity = capacity
    self.bindingTerm = bindingTerm
    self.totalDebts = totalDebts
    self.planMonths = planMonths
    self.planErased = planErased
  }

  /// The figures of `scenario`, computed by the engines (the same as `equilibre budget`,
  /// `capacite` and `plan`).
  public static func compute(scenario: Scenario, forfaits: ParameterSet?) throws(ParameterError) -> KeyFigures {
    let h = try HouseholdFigures(scenario: scenario, forfaits: forfaits, withAids: false)
    func cents(_ m: Money) -> Int { m.roundedToCents(.halfAwayFromZero).exactCents ?? 0 }
    let plan = scenario.debts.isEmpty ? nil : try? DebtPlan(scenario: scenario, capacity: h.capacity.capacity)
    let rate = h.budget.effortRateAfterBenefit.map { ($0 * Rational(10_000)).rounded(toPlaces: 0, .halfAwayFromZero) }
    return KeyFigures(
      resources: cents(h.budget.resources), charges: cents(h.budget.charges), resteAVivre: cents(h.budget.resteAVivre),
      perUCPerDay: h.budget.resteAVivrePerUCPerDay.map(cents), effortRate: rate.flatMap { $0.scaledInteger(by: 1) },
      capacity: cents(h.capacity.capacity), bindingTerm: h.capacity.bindingTerm.rawValue,
      totalDebts: cents(scenario.debts.map(\.remainingDue).sum()), planMonths: plan?.months,
      planErased: plan.map { $0.creditors.map(\.erasedCents).reduce(0, +) })
  }

  /// Each figure with its French label and value, in display order.
  public var rows: [(key: String, label: String, value: Int?, kind: FigureKind)] {
    [
      ("ressources_mensuelles", "Ressources mensuelles", resources, .money),
      ("charges_mensuelles", "Charges mensuelles", charges, .money),
      ("reste_a_vivre", "Reste à vivre", resteAVivre, .money),
      ("reste_a_vivre_par_uc_par_jour", "Reste à vivre par UC et par jour", perUCPerDay, .money),
      ("taux_effort", "Taux d'effort après aide", effortRate, .percent),
      ("capacite_remboursement", "Capacité de remboursement", capacity, .money),
      ("total_dettes", "Total des dettes", totalDebts, .money),
      ("plan_duree", "Durée du plan simulé", planMonths, .months),
      ("plan_efface", "Effacé en fin de plan", planErased, .money),
    ]
  }

  public enum FigureKind: Sendable { case money, percent, months }

  /// A value in French: `1 234,56 €`, `16,11 %`, `84 mois`.
  public static func french(_ value: Int?, _ kind: FigureKind, signed: Bool = false) -> String {
    guard let value else { return "—" }
    let sign = signed && value > 0 ? "+" : ""
    switch kind {
    case .money: return sign + Money(cents: value).french
    case .percent: return sign + (Rational(value, 100)).french(places: 2) + "\u{00A0}%"
    case .months: return sign + "\(value)\u{00A0}mois"
    }
  }
}
