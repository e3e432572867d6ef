import CGMP

/// The TAEG (taux annuel effectif global) by the actuarial equivalence of the annex to
/// article R314-3 of the Code de la consommation:
///
///     Σ C_k (1+X)^(−t_k) = Σ D_l (1+X)^(−s_l)
///
/// C_k: sums made available to the borrower; D_l: instalments, insurance and fees paid;
/// t, s: times in years from the first drawdown.
///
/// - Periodic flows (normalised months, quarters, years): with (1+X) = (1+i)^q the equation
///   is a polynomial in 1/(1+i) with rational coefficients. Its root i is bracketed between
///   two dyadic rationals by exact integer evaluation of the sign (Newton steps, safeguarded
///   by bisection), so the bracket on X is exact.
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

    public var description: String {
      switch self {
      case .noFlows: "il faut au moins un versement au prêteur et un remboursement"
      case .noRoot: "aucun taux entre −100 % et 10⁶ % n'égalise les flux"
      }
    }
  }

  /// Default number of decimals of the percentage (12,92 %).
  public static let defaultPlaces = 2
  /// Largest number of decimals of the percentage that can be asked for.
  public static let maximumPlaces = 10

  /// The TAEG of flows at whole periods, `periodsPerYear` periods a year (12: normalised months).
  public static func solve(periodic flows: [PeriodicFlow], periodsPerYear q: Int, places: Int = defaultPlaces)
    throws(Failure) -> APRResult
  {
    guard flows.contains(where: { $0.cents > 0 }), flows.contains(where: { $0.cents < 0 }) else {
      throw .noFlows
    }
    let solver = PolynomialSolver(flows: flows)
    let (lo, hi) = try solver.bracketRoot()
    return APRResult(
      periodRateLower: lo, periodRateUpper: hi, periodsPerYear: q,
      lower: (Rational.one + lo).power(q) - .one, upper: (Rational.one + hi).power(q) - .one, places: places)
  }

  /// The TAEG of a schedule: capital less fees lent at 0, then each instalment (with the
  /// insurance when it counts in the TAEG) at its period.
  public static func solve(schedule: Schedule, places: Int = defaultPlaces) throws(Failure) -> APRResult {
    let terms = schedule.terms
    var flows = [PeriodicFlow(index: 0, cents: -terms.capital.exactCents! + terms.fees.exactCents!)]
    for row in schedule.rows {
      let paid = row.paymentCents - (terms.insuranceInAPR ? 0 : row.insuranceCents)
      flows.append(PeriodicFlow(index: row.number, cents: paid))
    }
    return try solve(periodic: flows, periodsPerYear: terms.periodicity.periodsPerYear, places: places)
  }

  /// The TAEG of dated flows (day counts, 365 or 366 days a year).
  public static func solve(dated flows: [DatedFlow], places: Int = defaultPlaces) throws(Failure) -> APRResult {
    guard flows.contains(where: { $0.cents > 0 }), flows.contains(where: { $0.cents < 0 }) else {
      throw .noFlows
    }
    let origin = flows.filter { $0.cents < 0 }.map(\.date).min()!
    let solver = DatedSolver(flows: flows, origin: origin)
    let (lo, hi) = try solver.bracketRoot()
    return APRResult(periodRateLower: nil, periodRateUpper: nil, periodsPerYear: nil, lower: lo, upper: hi, places: places)
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
      let nextYear = CivilDate(year: year + 1, month: 1, day: 1)!.dayNumber
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
  /// Net cents at each period index 0…E.
  var coefficients: [Int]

  init(flows: [APR.PeriodicFlow]) {
    let e = flows.map(\.index).max() ?? 0
    var c = [Int](repeating: 0, count: e + 1)
    for f in flows { c[f.index] += f.cents }
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

// MARK: - Dated flows: rigorous interval evaluation

private struct DatedSolver {
  struct Term {
    let cents: Int
    let common: Int
    let leap: Int
  }

  let terms: [Term]

  init(flows: [APR.DatedFlow], origin: CivilDate) {
    terms = flows.map { f in
      let (c, l) = f.date < origin ? (0, 0) : APR.dayCount(from: origin, to: f.date)
      return Term(cents: f.cents, common: c, leap: l)
    }
  }

  /// Sign of F(X) = Σ A (1+X)^(−t) at X = m/2^S, or 0 if the interval at the precisions
  /// tried still contains 0.
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
    let totalLo = MPZ(0)
    let totalHi = MPZ(0)
    let a = MPZ()
    for term in terms {
      let fLo = mul(pow(l365, term.common, p, up: false), pow(l366, term.leap, p, up: false), p, up: false)
      let fHi = mul(pow(u365, term.common, p, up: true), pow(u366, term.leap, p, up: true), p, up: true)
      a.set(term.cents)
      if term.cents >= 0 {
        __gmpz_addmul(totalLo.z, a.z, fLo.z)
        __gmpz_addmul(totalHi.z, a.z, fHi.z)
      } else {
        __gmpz_addmul(totalLo.z, a.z, fHi.z)
        __gmpz_addmul(totalHi.z, a.z, fLo.z)
      }
    }
    return (totalLo, totalHi)
  }

  /// x·y / 2^p on fixed-point numbers, rounded down or up.
  func mul(_ x: MPZ, _ y: MPZ, _ p: Int, up: Bool) -> MPZ {
    let r = MPZ()
    __gmpz_mul(r.z, x.z, y.z)
    if up { __gmpz_cdiv_q_2exp(r.z, r.z, UInt(p)) } else { __gmpz_fdiv_q_2exp(r.z, r.z, UInt(p)) }
    return r
  }

  /// x^k on fixed-point numbers (1.0 = 2^p), rounding every product the same way.
  func pow(_ x: MPZ, _ k: Int, _ p: Int, up: Bool) -> MPZ {
    var result = MPZ()
    __gmpz_set_ui(result.z, 1)
    __gmpz_mul_2exp(result.z, result.z, UInt(p))
    var base = x
    var e = k
    while e > 0 {
      if e & 1 == 1 { result = mul(result, base, p, up: up) }
      e >>= 1
      if e > 0 { base = mul(base, base, p, up: up) }
    }
    return result
  }

  /// Bisection on X between dyadic points until the bracket is under 2^−64.
  func bracketRoot() throws(APR.Failure) -> (Rational, Rational) {
    let one = MPZ()
    __gmpz_set_ui(one.z, 1)
    __gmpz_mul_2exp(one.z, one.z, UInt(scale))
    let lo = MPZ(0)
    let hi = MPZ(0)
    let s0 = sign(at: lo)
    if s0 == 0 { return (.zero, .zero) }
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
    let tolerance = MPZ()
    __gmpz_set_ui(tolerance.z, 1)
    __gmpz_mul_2exp(tolerance.z, tolerance.z, UInt(scale - 64))
    let mid = MPZ()
    let width = MPZ()
    while true {
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
        // F's interval still holds 0 at 1024 bits: F(mid) is 0 to ~300 digits, so the root is
        // mid to that precision; keep one grid step either side.
        __gmpz_sub_ui(lo.z, mid.z, 1)
        __gmpz_add_ui(hi.z, mid.z, 1)
        break
      }
    }
    let grid = MPZ()
    __gmpz_set(grid.z, one.z)
    return (Rational(numerator: lo, denominator: grid), Rational(numerator: hi, denominator: grid))
  }
}
