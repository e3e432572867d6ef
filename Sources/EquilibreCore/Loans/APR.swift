import CGMP
import Foundation  // exp and log, for search guesses only

/// The TAEG (taux annuel effectif global) by the actuarial equivalence of the annex to
/// article R314-3 of the Code de la consommation:
///
///     Σ C_k (1+X)^(−t_k) = Σ D_l (1+X)^(−s_l)
///
/// C_k: sums made available to the borrower; D_l: instalments, insurance and fees paid;
/// t, s: times in years from the first drawdown.
///
/// - Periodic flows (normalised months, quarters, years): with (1+X) = (1+i)^q the equation
///   is a polynomial in 1/(1+i) with rational coefficients. The common credit (one drawdown,
///   then payments) goes through ``FastAPR``: a floating-point guess, then a proof on machine
///   integers. Otherwise, or when that proof fails, the root i is bracketed between two dyadic
///   rationals by exact GMP evaluation of the sign (Newton steps, safeguarded by bisection).
///   Either way the bracket on X is exact.
/// - Dated flows: t counts days over 365-day years, or 366 in a leap year (each calendar
///   year's share of the interval over its own length). Terms are bounded with directed
///   rounding on GMP integers, so the bracket on X is rigorous.
public enum APR {
  /// One flow of a periodic credit: `index` periods after the first drawdown.
  public struct PeriodicFlow: Sendable, Equatable {
    public let index: Int
    /// Cents paid by the borrower (> 0: instalment, fees) or made available (< 0: drawdown).
    public let cents: Int

    public init(index: Int, cents: Int) {
      self.index = index
      self.cents = cents
    }
  }

  /// One dated flow: cents paid by the borrower (> 0) or made available to the borrower (< 0).
  public struct DatedFlow: Sendable, Equatable {
    public let date: CivilDate
    public let cents: Int

    public init(date: CivilDate, cents: Int) {
      self.date = date
      self.cents = cents
    }
  }

  public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
    case noFlows
    case noRoot
    /// Several rates balance the flows (annual rates, as fractions, ascending).
    case multipleRoots([Rational])
    /// Amounts too large for the calculation.
    case outOfRange

    public var description: String {
      switch self {
      case .noFlows: "il faut au moins un versement au prêteur et un remboursement"
      case .noRoot: "aucun taux entre −100 % et 10⁶ % n'égalise les flux"
      case .multipleRoots(let rates):
        "le taux n'est pas unique : plusieurs taux égalisent ces flux ("
          + rates.map { ($0 * 100).rounded(toPlaces: 2, .halfAwayFromZero).frenchExact(minPlaces: 2) + "\u{00A0}%" }
          .joined(separator: " et ")
          + ") ; des versements et des remboursements alternent : le TAEG n'est pas défini pour ces flux"
      case .outOfRange: "montants hors de portée du calcul"
      }
    }
  }

  /// Whether the rate found is the only one (Descartes' rule of signs on the flows).
  public enum Uniqueness: Sendable, Equatable {
    /// The flows change sign once in time order: exactly one rate balances them.
    case proven
    /// The flows change sign `signChanges` times; a search of the whole range found one rate.
    case searched(signChanges: Int)
  }

  /// Default number of decimals of the percentage (12,92 %).
  public static let defaultPlaces = 2
  /// Largest number of decimals of the percentage that can be asked for.
  public static let maximumPlaces = 10

  /// How a bracket is proved.
  public enum Method: Sendable, Equatable {
    /// Fixed-point proof on machine integers (``FastAPR``), falling back to ``exact``.
    case fast
    /// GMP integers only.
    case exact
  }

  /// The TAEG of flows at whole periods, `periodsPerYear` periods a year (12: normalised months).
  /// `method: .exact` skips the fast path (for comparison).
  public static func solve(
    periodic flows: [PeriodicFlow], periodsPerYear q: Int, places: Int = defaultPlaces, method: Method = .fast
  ) throws(Failure) -> APRResult {
    guard flows.contains(where: { $0.cents > 0 }), flows.contains(where: { $0.cents < 0 }) else {
      throw .noFlows
    }
    if method == .fast, let result = FastAPR.solve(flows: flows, periodsPerYear: q, places: places) {
      return result
    }
    let solver = try PolynomialSolver(flows: flows)
    let changes = signChanges(solver.coefficients.lazy.map { $0.signum() })
    let (lo, hi): (Rational, Rational)
    if changes == 1 {
      (lo, hi) = try solver.bracketRoot()
    } else {
      let roots = RootScan.roots(upper: 20) { solver.sign(at: $0) }
      guard !roots.isEmpty else { throw .noRoot }
      guard roots.count == 1 else { throw .multipleRoots(roots.map { (Rational.one + $0.1).power(q) - .one }) }
      (lo, hi) = roots[0]
    }
    return APRResult(
      periodRateLower: lo, periodRateUpper: hi, periodsPerYear: q,
      lower: (Rational.one + lo).power(q) - .one, upper: (Rational.one + hi).power(q) - .one, places: places,
      uniqueness: changes == 1 ? .proven : .searched(signChanges: changes), method: .exact)
  }

  /// Sign changes of a sequence, zeros skipped: by Descartes' rule (and its extension to real
  /// exponents), an upper bound on the number of rates that balance the flows.
  static func signChanges(_ signs: some Sequence<Int>) -> Int {
    var last = 0
    var changes = 0
    for s in signs where s != 0 {
      if last != 0 && s != last { changes += 1 }
      last = s
    }
    return changes
  }

  /// The TAEG of a schedule: capital less fees lent at 0, then each instalment (with the
  /// insurance when it counts in the TAEG) at its period.
  public static func solve(schedule: Schedule, places: Int = defaultPlaces, method: Method = .fast) throws(Failure) -> APRResult {
    try solve(
      periodic: try flows(of: schedule), periodsPerYear: schedule.terms.periodicity.periodsPerYear, places: places,
      method: method)
  }

  /// A schedule's flows: capital less fees lent at 0, then each instalment (with the insurance
  /// when it counts in the TAEG) at its period.
  static func flows(of schedule: Schedule) throws(Failure) -> [PeriodicFlow] {
    let terms = schedule.terms
    guard let capital = terms.capital.exactCents, let fees = terms.fees.exactCents else { throw .outOfRange }
    var flows = [PeriodicFlow(index: 0, cents: -capital + fees)]
    for row in schedule.rows {
      let paid = row.paymentCents - (terms.insuranceInAPR ? 0 : row.insuranceCents)
      flows.append(PeriodicFlow(index: row.number, cents: paid))
    }
    return flows
  }

  /// The TAEG of dated flows (day counts, 365 or 366 days a year).
  ///
  /// A floating-point search gives a guess, which is then certified: the sign of the equation is
  /// evaluated with rigorous interval arithmetic on each side of the guess. When the two sides
  /// round alike to `places` decimals, the rounded rate is proven; otherwise the bracket is
  /// narrowed by exact bisection, as is the whole range when the guess fails.
  public static func solve(dated flows: [DatedFlow], places: Int = defaultPlaces) throws(Failure) -> APRResult {
    guard flows.contains(where: { $0.cents > 0 }), flows.contains(where: { $0.cents < 0 }) else {
      throw .noFlows
    }
    let origin = flows.filter { $0.cents < 0 }.map(\.date).min()!
    let solver = try DatedSolver(flows: flows, origin: origin)
    let changes = solver.signChanges
    let (lo, hi): (Rational, Rational)
    if changes == 1 {
      (lo, hi) = try solver.bracketRoot(places: places)
    } else {
      let roots = RootScan.roots(upper: 14) { solver.sign(at: $0) }
      guard !roots.isEmpty else { throw .noRoot }
      guard roots.count == 1 else { throw .multipleRoots(roots.map(\.1)) }
      (lo, hi) = roots[0]
    }
    return APRResult(
      periodRateLower: nil, periodRateUpper: nil, periodsPerYear: nil, lower: lo, upper: hi, places: places,
      uniqueness: changes == 1 ? .proven : .searched(signChanges: changes), method: .exact)
  }

  /// Years between `a` and `b` (a ≤ b) as days in common years and days in leap years:
  /// t = common/365 + leap/366.
  public static func dayCount(from a: CivilDate, to b: CivilDate) -> (common: Int, leap: Int) {
    var common = 0
    var leap = 0
    var start = a.dayNumber
    let end = b.dayNumber
    var year = a.year
    while start < end {
      let nextYear = CivilDate(year: year + 1, month: 1, day: 1)?.dayNumber ?? end
      let stop = min(end, nextYear)
      if CivilDate.isLeap(year) { leap += stop - start } else { common += stop - start }
      start = stop
      year += 1
    }
    return (common, leap)
  }
}

/// A TAEG bracketed exactly: lower ≤ X ≤ upper.
public struct APRResult: Sendable {
  /// Bracket of the actuarial period rate i, for periodic flows.
  public let periodRateLower: Rational?
  public let periodRateUpper: Rational?
  public let periodsPerYear: Int?
  /// Bracket of the annual rate X as a fraction (0.0616 for 6,16 %).
  public let lower: Rational
  public let upper: Rational
  /// Decimals of the percentage in ``roundedPercent``.
  public let places: Int
  /// Whether no other rate balances the flows.
  public let uniqueness: APR.Uniqueness
  /// How the bracket was proved (the figures do not depend on it).
  public let method: APR.Method

  init(
    periodRateLower: Rational?, periodRateUpper: Rational?, periodsPerYear: Int?, lower: Rational, upper: Rational,
    places: Int, uniqueness: APR.Uniqueness = .proven, method: APR.Method
  ) {
    self.periodRateLower = periodRateLower
    self.periodRateUpper = periodRateUpper
    self.periodsPerYear = periodsPerYear
    self.lower = lower
    self.upper = upper
    self.places = places
    self.uniqueness = uniqueness
    self.method = method
  }

  /// The TAEG in percent, rounded half-up (demi-haut) to ``places`` decimals.
  public var roundedPercent: Rational { APRResult.roundPercent(lower, upper, places) }

  /// True when the bracket is so tight that both ends round alike (the usual case).
  public var roundingIsCertain: Bool {
    (lower * 100).rounded(toPlaces: places, .halfAwayFromZero)
      == (upper * 100).rounded(toPlaces: places, .halfAwayFromZero)
  }

  /// Half the width of the bracket on X: |X − midpoint| ≤ errorBound.
  public var errorBound: Rational { (upper - lower) / 2 }
  public var midpoint: Rational { (upper + lower) / 2 }

  /// The proportional TEG of R314-2: period rate × periods per year, in percent, rounded half-up.
  public var proportionalPercent: Rational? {
    guard let lo = periodRateLower, let hi = periodRateUpper, let q = periodsPerYear else { return nil }
    return APRResult.roundPercent(lo * Rational(q), hi * Rational(q), places)
  }

  /// Rounds the bracket [lo, hi] to a percentage; at a tie between the ends (a root on a
  /// rounding boundary beyond the bracket's precision) the upper end wins, as half-up wants.
  static func roundPercent(_ lo: Rational, _ hi: Rational, _ places: Int) -> Rational {
    (hi * 100).rounded(toPlaces: places, .halfAwayFromZero)
  }

  /// The smallest k with errorBound ≤ 10^−k percentage point.
  public var errorExponent: Int {
    var k = 0
    let bound = errorBound * 100
    if bound.isZero { return 99 }
    var limit = Rational.one
    while bound <= limit / 10 && k < 99 {
      limit = limit / 10
      k += 1
    }
    return k
  }
}
