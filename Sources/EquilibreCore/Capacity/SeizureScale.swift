/// The wage-seizure scale (barème des saisies, C. trav. R3252-2) with its per-dependant increase
/// (R3252-3), read from the parameters `saisie.*` in force on a date.
public struct SeizureScale: Sendable {
  /// Fractions of the six tranches (1/20 … 2/3); above the last threshold, everything.
  public let fractions: [Rational]
  /// Annual upper thresholds of the tranches, in euros.
  public let thresholds: [Rational]
  /// Annual increase of every threshold per dependant.
  public let perDependant: Rational
  public let uses: [ParameterUse]

  public init(parameters: ParameterSet, on date: CivilDate) throws(ParameterError) {
    let (f, uf) = try parameters.numbers("saisie.fractions", on: date)
    // A year without a known scale takes the last known one, provisionally: the figure says so
    // (ParameterUse.gapSince), and `--strict` refuses it.
    let ut = try parameters.provisional("saisie.seuils_annuels", on: date)
    let ud = try parameters.provisional("saisie.majoration_par_personne_a_charge", on: date)
    guard case .numbers(let t) = ut.value else { throw .wrongType(ut.key, expected: "une liste de nombres") }
    guard case .number(let d) = ud.value else { throw .wrongType(ud.key, expected: "un nombre") }
    guard f.count == t.count, !t.isEmpty else {
      throw .wrongType("saisie.seuils_annuels", expected: "autant de seuils que de fractions")
    }
    fractions = f
    thresholds = t
    perDependant = d
    uses = [uf, ut, ud]
  }

  /// One tranche of a computation: the part of the annual resources in it and what is seized.
  public struct Tranche: Sendable {
    public let lower: Rational
    /// nil for the last, open tranche.
    public let upper: Rational?
    public let fraction: Rational
    public let base: Rational
    public let seized: Rational
  }

  /// The exact annual seizable amount of `annual` resources with `dependants`, tranche by tranche.
  public func annualSeizable(_ annual: Rational, dependants: Int) -> (total: Rational, tranches: [Tranche]) {
    let raise = perDependant * Rational(dependants)
    var lower = Rational.zero
    var total = Rational.zero
    var tranches: [Tranche] = []
    for (threshold, fraction) in zip(thresholds, fractions) {
      let upper = threshold + raise
      let base = max(.zero, min(annual, upper) - lower)
      let seized = base * fraction
      tranches.append(Tranche(lower: lower, upper: upper, fraction: fraction, base: base, seized: seized))
      total += seized
      lower = upper
    }
    let rest = max(.zero, annual - lower)
    tranches.append(Tranche(lower: lower, upper: nil, fraction: .one, base: rest, seized: rest))
    return (total + rest, tranches)
  }

  /// The monthly quotité saisissable of `monthly` resources: annualised (× 12), the tranches
  /// applied exactly, divided by 12, rounded half-up to the cent once at the end.
  public func monthlySeizable(_ monthly: Money, dependants: Int) -> Money {
    let (annual, _) = annualSeizable(monthly.value * Rational(12), dependants: dependants)
    return Money(annual / Rational(12)).roundedToCents(.halfAwayFromZero)
  }
}
