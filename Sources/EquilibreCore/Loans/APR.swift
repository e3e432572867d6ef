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

// MARK: - Periodic flows: exact sign of a polynomial at dyadic points

/// Scale of the dyadic grid: points are m / 2^scale.
private let scale = 96

private struct PolynomialSolver {
  /// Net cents at each period index 0…E, oriented so that the first non-zero one is negative
  /// (negating the equation does not move its roots).
  var coefficients: [Int]

  init(flows: [APR.PeriodicFlow]) throws(APR.Failure) {
    let e = flows.map(\.index).max() ?? 0
    guard e <= 100_000, flows.allSatisfy({ $0.index >= 0 }) else { throw .outOfRange }
    var c = [Int](repeating: 0, count: e + 1)
    for f in flows {
      let (sum, overflow) = c[f.index].addingReportingOverflow(f.cents)
      guard !overflow, sum.magnitude < UInt(1) << 62 else { throw .outOfRange }
      c[f.index] = sum
    }
    if (c.first { $0 != 0 } ?? 0) > 0 { c = c.map { -$0 } }
    coefficients = c
  }

  /// With i = m/2^S, y = 2^S + m, z = 2^S:
  /// F(i)·y^E = G = Σ c_e z^e y^(E−e), and −F'(i)·y^(E+1) = H = Σ e·c_e z^(e+1) y^(E−e).
  func evaluate(_ m: MPZ, g: MPZ, h: MPZ) {
    let y = MPZ()
    __gmpz_set_ui(y.z, 1)
    __gmpz_mul_2exp(y.z, y.z, UInt(scale))
    __gmpz_add(y.z, y.z, m.z)
    let term = MPZ()
    g.set(0)
    h.set(0)
    for (e, c) in coefficients.enumerated() {
      __gmpz_mul(g.z, g.z, y.z)
      __gmpz_mul(h.z, h.z, y.z)
      if c != 0 {
        term.set(c)
        __gmpz_mul_2exp(term.z, term.z, UInt(scale * e))
        __gmpz_add(g.z, g.z, term.z)
        if e > 0 {
          __gmpz_mul_si(term.z, term.z, e)
          __gmpz_mul_2exp(term.z, term.z, UInt(scale))
          __gmpz_add(h.z, h.z, term.z)
        }
      }
    }
  }

  func sign(at m: MPZ) -> Int {
    let g = MPZ()
    let h = MPZ()
    evaluate(m, g: g, h: h)
    return g.sign
  }

  /// Returns [lo, hi] with F(lo) ≥ 0 ≥ F(hi), hi − lo ≤ 2^−(scale−8).
  func bracketRoot() throws(APR.Failure) -> (Rational, Rational) {
    let one = MPZ()
    __gmpz_set_ui(one.z, 1)
    __gmpz_mul_2exp(one.z, one.z, UInt(scale))  // 1.0 on the grid
    let lo = MPZ(0)
    let hi = MPZ(0)
    let s0 = sign(at: lo)
    if s0 == 0 { return (.zero, .zero) }
    if s0 > 0 {
      // Root above 0: try 1, 2, 4, … (rates up to 2^20 per period).
      hi.set(one)
      var k = 0
      while sign(at: hi) > 0 {
        lo.set(hi)
        __gmpz_mul_2exp(hi.z, hi.z, 1)
        k += 1
        if k > 20 { throw .noRoot }
      }
    } else {
      // Root below 0: try −1/2, −3/4, … toward −1.
      var k = 1
      while true {
        // lo = −(1 − 2^−k)
        let t = MPZ()
        __gmpz_set_ui(t.z, 1)
        __gmpz_mul_2exp(t.z, t.z, UInt(scale - k))
        __gmpz_sub(lo.z, t.z, one.z)
        if sign(at: lo) > 0 { break }
        hi.set(lo)
        k += 1
        if k >= scale - 1 { throw .noRoot }
      }
    }
    let tolerance = MPZ(256)  // 2^−(scale−8)
    let x = MPZ()
    x.set(lo)
    let g = MPZ()
    let h = MPZ()
    let y = MPZ()
    let step = MPZ()
    let width = MPZ()
    for _ in 0..<400 {
      __gmpz_sub(width.z, hi.z, lo.z)
      if __gmpz_cmp(width.z, tolerance.z) <= 0 { break }
      evaluate(x, g: g, h: h)
      let s = g.sign
      if s == 0 {
        lo.set(x)
        hi.set(x)
        break
      }
      if s > 0 { lo.set(x) } else { hi.set(x) }
      // Newton: x' = x + G·y·2^S / H (in grid units).
      var haveStep = false
      if h.sign > 0 {
        __gmpz_set_ui(y.z, 1)
        __gmpz_mul_2exp(y.z, y.z, UInt(scale))
        __gmpz_add(y.z, y.z, x.z)
        __gmpz_mul(step.z, g.z, y.z)
        __gmpz_mul_2exp(step.z, step.z, UInt(scale))
        __gmpz_fdiv_q(step.z, step.z, h.z)
        // Near the root, overshoot by half the tolerance to close the far side too.
        let absStep = MPZ()
        __gmpz_abs(absStep.z, step.z)
        if __gmpz_cmp_ui(absStep.z, 512) < 0 {
          if s > 0 { __gmpz_add_ui(step.z, step.z, 128) } else { __gmpz_sub_ui(step.z, step.z, 128) }
        }
        __gmpz_add(step.z, step.z, x.z)
        haveStep = __gmpz_cmp(step.z, lo.z) > 0 && __gmpz_cmp(step.z, hi.z) < 0
      }
      if haveStep {
        x.set(step)
      } else {
        __gmpz_add(x.z, lo.z, hi.z)
        __gmpz_fdiv_q_2exp(x.z, x.z, 1)
      }
    }
    let grid = MPZ()
    __gmpz_set(grid.z, one.z)
    return (Rational(numerator: lo, denominator: grid), Rational(numerator: hi, denominator: grid))
  }
}

// MARK: - Dated flows: floating-point guess, certified by interval arithmetic

/// F(X) = Σ A_k (1+X)^(−t_k) for dated flows, t_k = common_k/365 + leap_k/366.
///
/// Flows of the same day are summed; days are sorted, so each term's discount factor is the
/// previous one times (1+X)^(−Δcommon/365) (1+X)^(−Δleap/366): one or two multiplications per
/// day, with the few distinct powers cached. Bounds are fixed-point GMP integers rounded down
/// for the lower bound and up for the upper one, so F's true value lies between them.
private struct DatedSolver {
  /// Net cents of each distinct day, in date order.
  let amounts: [MPZ]
  /// Days (common, leap) since the previous distinct day (the first: since the origin).
  let steps: [(common: Int, leap: Int)]
  /// The same amounts, and times in years, for the floating-point search.
  let approximate: [(amount: Double, years: Double)]

  init(flows: [APR.DatedFlow], origin: CivilDate) throws(APR.Failure) {
    // Day numbers and cents, in date order (a file is usually sorted already).
    let originDay = origin.dayNumber
    var byDay = flows.map { (day: max($0.date.dayNumber, originDay), cents: $0.cents) }
    if !zip(byDay, byDay.dropFirst()).allSatisfy({ $0.day <= $1.day }) { byDay.sort { $0.day < $1.day } }
    // Flows of the same day summed.
    var days: [(day: Int, cents: Int128)] = []
    days.reserveCapacity(byDay.count)
    for f in byDay {
      if let last = days.last, last.day == f.day {
        days[days.count - 1].cents += Int128(f.cents)
      } else {
        days.append((f.day, Int128(f.cents)))
      }
    }
    // Orientation: the first non-zero amount negative (a drawdown), so that F decreases through
    // its root when there is one sign change. Negating F does not move its roots.
    let orientation: Int128 = (days.first { $0.cents != 0 }?.cents ?? -1) > 0 ? -1 : 1
    var amounts: [MPZ] = []
    var steps: [(Int, Int)] = []
    var approximate: [(Double, Double)] = []
    amounts.reserveCapacity(days.count)
    steps.reserveCapacity(days.count)
    approximate.reserveCapacity(days.count)
    // Day counts walked year by year: `year` holds the day `previous`.
    var previous = originDay
    var year = origin.year
    func firstDay(_ y: Int) -> Int { CivilDate(year: y, month: 1, day: 1)?.dayNumber ?? Int.max }
    var nextYear = firstDay(year + 1)
    var total = (common: 0, leap: 0)
    for (day, cents) in days {
      let a = cents * orientation
      if a == 0 { continue }
      guard a.magnitude < UInt128(1) << 62 else { throw .outOfRange }
      var step = (common: 0, leap: 0)
      while previous < day {
        let stop = min(day, nextYear)
        if CivilDate.isLeap(year) { step.leap += stop - previous } else { step.common += stop - previous }
        previous = stop
        if stop == nextYear {
          year += 1
          nextYear = firstDay(year + 1)
        }
      }
      total = (total.common + step.common, total.leap + step.leap)
      amounts.append(MPZ(Int(a)))
      steps.append(step)
      approximate.append((Double(Int(a)), Double(total.common) / 365 + Double(total.leap) / 366))
    }
    self.amounts = amounts
    self.steps = steps
    self.approximate = approximate
  }

  var signChanges: Int { APR.signChanges(amounts.lazy.map(\.sign)) }

  /// Sign of F at X = m/2^S, or 0 when the interval still contains 0 at 1024 bits.
  func sign(at m: MPZ) -> Int {
    var bits = 128
    while bits <= 1024 {
      let (lo, hi) = bounds(m, bits: bits)
      if lo.sign > 0 { return 1 }
      if hi.sign < 0 { return -1 }
      bits *= 2
    }
    return 0
  }

  /// Lower and upper bounds of F(X)·2^bits.
  func bounds(_ m: MPZ, bits p: Int) -> (MPZ, MPZ) {
    // (1+X)^−1 = D/N with N = 2^S + m, D = 2^S.
    let n = MPZ()
    __gmpz_set_ui(n.z, 1)
    __gmpz_mul_2exp(n.z, n.z, UInt(scale))
    __gmpz_add(n.z, n.z, m.z)
    func root(_ q: Int) -> (MPZ, MPZ) {
      // floor(D·2^(p·q)/N)^(1/q) ≤ 2^p·(D/N)^(1/q) < that + 1
      let t = MPZ()
      __gmpz_set_ui(t.z, 1)
      __gmpz_mul_2exp(t.z, t.z, UInt(scale + p * q))
      __gmpz_fdiv_q(t.z, t.z, n.z)
      let r = MPZ()
      __gmpz_root(r.z, t.z, UInt(q))
      let r1 = MPZ()
      __gmpz_add_ui(r1.z, r.z, 1)
      return (r, r1)
    }
    let (l365, u365) = root(365)
    let (l366, u366) = root(366)
    var cache: [Int: (MPZ, MPZ)] = [:]  // key: days × 2 + (leap ? 1 : 0)
    func power(_ days: Int, leap: Bool) -> (MPZ, MPZ) {
      let key = days * 2 + (leap ? 1 : 0)
      if let c = cache[key] { return c }
      let c =
        leap
        ? (pow(l366, days, p, up: false), pow(u366, days, p, up: true))
        : (pow(l365, days, p, up: false), pow(u365, days, p, up: true))
      cache[key] = c
      return c
    }
    let fLo = MPZ()
    let fHi = MPZ()
    __gmpz_set_ui(fLo.z, 1)
    __gmpz_mul_2exp(fLo.z, fLo.z, UInt(p))
    __gmpz_set(fHi.z, fLo.z)
    let totalLo = MPZ(0)
    let totalHi = MPZ(0)
    for (k, a) in amounts.enumerated() {
      let step = steps[k]
      if step.common > 0 {
        let (lo, hi) = power(step.common, leap: false)
        mulInPlace(fLo, lo, p, up: false)
        mulInPlace(fHi, hi, p, up: true)
      }
      if step.leap > 0 {
        let (lo, hi) = power(step.leap, leap: true)
        mulInPlace(fLo, lo, p, up: false)
        mulInPlace(fHi, hi, p, up: true)
      }
      if a.sign >= 0 {
        __gmpz_addmul(totalLo.z, a.z, fLo.z)
        __gmpz_addmul(totalHi.z, a.z, fHi.z)
      } else {
        __gmpz_addmul(totalLo.z, a.z, fHi.z)
        __gmpz_addmul(totalHi.z, a.z, fLo.z)
      }
    }
    return (totalLo, totalHi)
  }

  /// x ← x·y / 2^p, rounded down or up.
  func mulInPlace(_ x: MPZ, _ y: MPZ, _ p: Int, up: Bool) {
    __gmpz_mul(x.z, x.z, y.z)
    if up { __gmpz_cdiv_q_2exp(x.z, x.z, UInt(p)) } else { __gmpz_fdiv_q_2exp(x.z, x.z, UInt(p)) }
  }

  /// x^k on fixed-point numbers (1.0 = 2^p), rounding every product the same way.
  func pow(_ x: MPZ, _ k: Int, _ p: Int, up: Bool) -> MPZ {
    let result = MPZ()
    __gmpz_set_ui(result.z, 1)
    __gmpz_mul_2exp(result.z, result.z, UInt(p))
    let base = MPZ()
    base.set(x)
    var e = k
    while e > 0 {
      if e & 1 == 1 { mulInPlace(result, base, p, up: up) }
      e >>= 1
      if e > 0 { mulInPlace(base, base, p, up: up) }
    }
    return result
  }

  /// F and F' in floating point at x (a guess only; never a result). The discount factor is
  /// carried from day to day by multiplying powers of (1+x)^(−1/365) and (1+x)^(−1/366); the
  /// drift over 100 000 flows (about 10⁻¹¹) does not matter for a guess.
  func approximateValue(_ x: Double) -> (Double, Double) {
    let l = log1p(x)
    let common = exp(-l / 365)
    let leap = exp(-l / 366)
    // Powers for steps up to a year, by repeated multiplication.
    var commonPowers = [Double](repeating: 1, count: 367)
    var leapPowers = [Double](repeating: 1, count: 367)
    for k in 1..<367 {
      commonPowers[k] = commonPowers[k - 1] * common
      leapPowers[k] = leapPowers[k - 1] * leap
    }
    var w = 1.0
    var f = 0.0
    var d = 0.0
    for (k, (a, t)) in approximate.enumerated() {
      let (c, lp) = steps[k]
      w *= c < 367 ? commonPowers[c] : Foundation.pow(common, Double(c))
      if lp > 0 { w *= lp < 367 ? leapPowers[lp] : Foundation.pow(leap, Double(lp)) }
      f += a * w
      d -= a * t * w
    }
    return (f, d / (1 + x))
  }

  /// A floating-point root of F: bracketed, then Newton steps safeguarded by bisection.
  func guess() -> Double? {
    var lo = 0.0
    var hi = 0.0
    let (f0, _) = approximateValue(0)
    guard f0.isFinite else { return nil }
    if f0 == 0 { return 0 }
    // Amounts are oriented so that F > 0 near −100 % and F < 0 for large rates.
    if f0 > 0 {
      hi = 1
      while true {
        let (f, _) = approximateValue(hi)
        guard f.isFinite else { return nil }
        if f < 0 { break }
        lo = hi
        hi *= 2
        if hi > 20_000 { return nil }
      }
    } else {
      lo = -0.5
      while true {
        let (f, _) = approximateValue(lo)
        guard f.isFinite else { return nil }
        if f > 0 { break }
        hi = lo
        lo = -1 + (1 + lo) / 2
        if lo < -1 + 1e-12 { return nil }
      }
    }
    // Invariant: F(lo) > 0 > F(hi).
    var x = (lo + hi) / 2
    for _ in 0..<200 {
      let (f, d) = approximateValue(x)
      guard f.isFinite, d.isFinite else { return nil }
      if f == 0 { return x }
      if f > 0 { lo = x } else { hi = x }
      var next = d != 0 ? x - f / d : (lo + hi) / 2
      if !(next > lo && next < hi) { next = (lo + hi) / 2 }
      if abs(next - x) <= 1e-15 * (1 + abs(x)) || hi - lo <= 1e-15 * (1 + abs(x)) { return next }
      x = next
    }
    return x
  }

  /// The grid point m/2^S nearest below `x`.
  static func gridPoint(_ x: Double) -> MPZ {
    let z = MPZ()
    __gmpz_set_d(z.z, (x * 0x1p52).rounded(.down))
    __gmpz_mul_2exp(z.z, z.z, UInt(scale - 52))
    return z
  }

  /// [lo, hi] with F(lo) ≥ 0 ≥ F(hi), narrow enough that both round alike to `places`
  /// decimals of a percentage, or under 2^−64.
  func bracketRoot(places: Int) throws(APR.Failure) -> (Rational, Rational) {
    let one = MPZ()
    __gmpz_set_ui(one.z, 1)
    __gmpz_mul_2exp(one.z, one.z, UInt(scale))
    func rational(_ m: MPZ) -> Rational { Rational(numerator: m, denominator: one) }
    func roundsAlike(_ lo: MPZ, _ hi: MPZ) -> Bool {
      (rational(lo) * 100).rounded(toPlaces: places, .halfAwayFromZero)
        == (rational(hi) * 100).rounded(toPlaces: places, .halfAwayFromZero)
    }
    let lo = MPZ()
    let hi = MPZ()
    var certified = false
    if let x = guess() {
      var delta = 1e-9 * max(1, abs(x))
      for _ in 0..<3 {
        let a = Self.gridPoint(x - delta)
        let b = Self.gridPoint(x + delta)
        __gmpz_add_ui(b.z, b.z, 1)
        let sa = sign(at: a)
        let sb = sign(at: b)
        if sa >= 0 && sb <= 0 && (sa != 0 || sb != 0) {
          lo.set(a)
          hi.set(b)
          if sa == 0 { hi.set(a) }
          if sb == 0 { lo.set(b) }
          certified = true
          break
        }
        delta *= 1000
      }
    }
    if !certified {
      try searchWholeRange(lo, hi, one)
    }
    // Narrow by exact bisection until the rounding is settled or the bracket is under 2^−64.
    let tolerance = MPZ()
    __gmpz_set_ui(tolerance.z, 1)
    __gmpz_mul_2exp(tolerance.z, tolerance.z, UInt(scale - 64))
    let mid = MPZ()
    let width = MPZ()
    while !roundsAlike(lo, hi) {
      __gmpz_sub(width.z, hi.z, lo.z)
      if __gmpz_cmp(width.z, tolerance.z) <= 0 { break }
      __gmpz_add(mid.z, lo.z, hi.z)
      __gmpz_fdiv_q_2exp(mid.z, mid.z, 1)
      let s = sign(at: mid)
      if s > 0 {
        lo.set(mid)
      } else if s < 0 {
        hi.set(mid)
      } else {
        // F's interval still holds 0 at 1024 bits: the root is mid to ~300 digits.
        __gmpz_sub_ui(lo.z, mid.z, 1)
        __gmpz_add_ui(hi.z, mid.z, 1)
        break
      }
    }
    return (rational(lo), rational(hi))
  }

  /// Exact bracket search over the whole range, for when the guess fails.
  func searchWholeRange(_ lo: MPZ, _ hi: MPZ, _ one: MPZ) throws(APR.Failure) {
    lo.set(0)
    hi.set(0)
    let s0 = sign(at: lo)
    if s0 == 0 { return }
    if s0 > 0 {
      hi.set(one)
      var k = 0
      while sign(at: hi) > 0 {
        lo.set(hi)
        __gmpz_mul_2exp(hi.z, hi.z, 1)
        k += 1
        if k > 14 { throw .noRoot }
      }
    } else {
      var k = 1
      while true {
        let t = MPZ()
        __gmpz_set_ui(t.z, 1)
        __gmpz_mul_2exp(t.z, t.z, UInt(scale - k))
        __gmpz_sub(lo.z, t.z, one.z)
        if sign(at: lo) > 0 { break }
        hi.set(lo)
        k += 1
        if k >= 60 { throw .noRoot }
      }
    }
  }
}

// MARK: - Several sign changes: isolating every root

/// Finds the roots of a function known only by its exact sign, over rates from −99,99 % to
/// 2^upper (as grid points m/2^S): the sign is read on a geometric grid of 1 + rate, every
/// change of sign is a root, then each is narrowed by bisection to 2^−64.
enum RootScan {
  static func roots(upper: Int, points: Int = 600, sign: (MPZ) -> Int) -> [(Rational, Rational)] {
    let one = MPZ()
    __gmpz_set_ui(one.z, 1)
    __gmpz_mul_2exp(one.z, one.z, UInt(scale))
    // 1 + rate from 10^−4 to 2^upper, evenly on a log scale.
    let a = log(1e-4)
    let b = Double(upper) * log(2.0)
    var grid: [MPZ] = []
    for k in 0...points {
      let v = exp(a + (b - a) * Double(k) / Double(points)) - 1
      let z = MPZ()
      __gmpz_set_d(z.z, (v * 0x1p40).rounded(.down))
      __gmpz_mul_2exp(z.z, z.z, UInt(scale - 40))
      grid.append(z)
    }
    var brackets: [(MPZ, MPZ)] = []
    var previous: (MPZ, Int)?
    for z in grid {
      let s = sign(z)
      if s == 0 {
        brackets.append((z, z))
        previous = nil
        continue
      }
      if let (pz, ps) = previous, ps != s {
        brackets.append(ps > 0 ? (pz, z) : (z, pz))  // (where F > 0, where F < 0)
      }
      previous = (z, s)
    }
    let tolerance = MPZ()
    __gmpz_set_ui(tolerance.z, 1)
    __gmpz_mul_2exp(tolerance.z, tolerance.z, UInt(scale - 64))
    return brackets.map { (positive, negative) in
      // Bisection keeping F(p) > 0 > F(n), whatever their order.
      let p = MPZ()
      let n = MPZ()
      p.set(positive)
      n.set(negative)
      let mid = MPZ()
      let width = MPZ()
      for _ in 0..<200 {
        __gmpz_sub(width.z, n.z, p.z)
        __gmpz_abs(width.z, width.z)
        if __gmpz_cmp(width.z, tolerance.z) <= 0 { break }
        __gmpz_add(mid.z, p.z, n.z)
        __gmpz_fdiv_q_2exp(mid.z, mid.z, 1)
        let s = sign(mid)
        if s > 0 {
          p.set(mid)
        } else if s < 0 {
          n.set(mid)
        } else {
          p.set(mid)
          n.set(mid)
          break
        }
      }
      let lo = __gmpz_cmp(p.z, n.z) <= 0 ? p : n
      let hi = __gmpz_cmp(p.z, n.z) <= 0 ? n : p
      return (Rational(numerator: lo, denominator: one), Rational(numerator: hi, denominator: one))
    }
  }
}
