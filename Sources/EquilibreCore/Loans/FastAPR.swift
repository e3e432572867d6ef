import CGMP
import Foundation  // pow, for the search guess only

/// A fast, certified TAEG for the common credit: one drawdown first, then only payments.
///
/// The search uses floating point and machine integers, but they only guess. The answer is a
/// bracket proved with exact integer arithmetic, as tight as the one of the exact method.
///
/// With v = (1+i)^(−1) and c_e the net cents at period e, the annex equation reads
/// P(v) = Σ_{e≥1} c_e vᵉ − |c₀| = 0. Here c₀ < 0 and every other c_e ≥ 0, so P strictly
/// increases for v > 0 and has one root v*.
///
/// 1. Guess: Newton on P in floating point gives v₀ (about 10⁻¹⁶ off).
/// 2. Refine: one Newton step in fixed point, V₁ = V₀ − P(V₀)/P′(v₀). P(V₀) is computed on
///    integers (V in 2⁻¹⁰⁰ units, sums in 2⁻⁸⁰ cent), so V₁ is about 2⁻⁹⁴ off. P′ is a
///    float; an error there only moves the guess.
/// 3. Proof: for V₋ = V₁ − h and V₊ = V₁ + h (h = 2⁻⁹⁰, widened if needed), S(v) = Σ c_e vᵉ is
///    evaluated by Horner at the exact dyadic points V₋ and V₊, rounding every product up for
///    an upper bound and down for a lower bound. S(V₋) ≤ upper < |c₀| and
///    S(V₊) ≥ lower > |c₀| prove V₋ < v* < V₊.
/// 4. Answer: i ∈ [1/V₊ − 1, 1/V₋ − 1] and X ∈ [V₊^(−q) − 1, V₋^(−q) − 1], exact rationals.
///    The rounded TAEG is certified when both ends round alike.
///
/// When a step fails (the root within about 10⁻²⁶ of a rounding boundary, an exact tie, flows
/// that alternate, a rate below −50 %, amounts beyond 2⁴⁰ cents, an overflow), the answer is
/// nil and ``APR`` brackets the root with GMP integers instead.
enum FastAPR {
  /// Fractional bits of v.
  static let vBits = 100
  /// Fractional bits of a cent in the Horner sums.
  static let accBits = 80

  /// The certified bracket, or nil when the fast path cannot prove it.
  static func solve(flows: [APR.PeriodicFlow], periodsPerYear q: Int, places: Int) -> APRResult? {
    guard q >= 1, q <= 366 else { return nil }
    let e = flows.map(\.index).max() ?? 0
    guard e >= 1, e <= 5_000, flows.allSatisfy({ $0.index >= 0 }) else { return nil }
    var c = [Int](repeating: 0, count: e + 1)
    for f in flows {
      let (sum, overflow) = c[f.index].addingReportingOverflow(f.cents)
      guard !overflow else { return nil }
      c[f.index] = sum
    }
    guard c[0] < 0 else { return nil }
    var total = 0
    for x in c.dropFirst() {
      guard x >= 0 else { return nil }
      total += x
      // Amounts within 2^40 cents (about 11 billion euros): with v ≤ 1 the sums stay below 2^120.
      guard total < 1 << 40 else { return nil }
    }
    guard total > 0, -c[0] < 1 << 40 else { return nil }
    let a = UInt128(-c[0]) << UInt128(accBits)

    // 1. Guess (floating point).
    guard let (v0, slope) = guessDiscount(c), v0 > 0, v0 < 2, slope > 0 else { return nil }
    let guess = UInt128(v0 * 0x1p100)
    // 2. One Newton step on integers: the correction, in 2^−100 units, is P(V₀)·2²⁰ / P′.
    guard let s0 = horner(c, guess, up: false) else { return nil }
    // The correction is a float: it only moves the guess, and step 3 proves whatever it gives.
    let p0 = s0 >= a ? Double(s0 - a) : -Double(a - s0)
    let step = (p0 * 0x1p20 / slope).rounded()
    guard step.isFinite, abs(step) < 0x1p90 else { return nil }
    let refined = step >= 0 ? guess.subtractingReportingOverflow(UInt128(step)) : guess.addingReportingOverflow(UInt128(-step))
    guard !refined.overflow else { return nil }
    // 3. Proof at V₁ ± h.
    for halfWidth in [UInt128(1) << 10, UInt128(1) << 24] {
      guard refined.partialValue > halfWidth << 1 else { return nil }
      let low = refined.partialValue - halfWidth
      let high = refined.partialValue + halfWidth
      guard let sLow = horner(c, low, up: true), let sHigh = horner(c, high, up: false) else { return nil }
      if sLow < a && sHigh > a {
        // 4. The bracket as exact rationals.
        let result = bracket(low: low, high: high, periodsPerYear: q, places: places)
        return result.roundingIsCertain ? result : nil
      }
    }
    return nil
  }

  /// The rounded TAEG in percent, or nil when not certified.
  static func roundedPercent(flows: [APR.PeriodicFlow], periodsPerYear q: Int, places: Int) -> Rational? {
    solve(flows: flows, periodsPerYear: q, places: places)?.roundedPercent
  }

  /// v ∈ [low, high]·2⁻¹⁰⁰ as brackets of i = 1/v − 1 and X = v^(−q) − 1.
  static func bracket(low: UInt128, high: UInt128, periodsPerYear q: Int, places: Int) -> APRResult {
    // v = W/2^b with W odd: then 1/v − 1 = (2^b − W)/W and v^(−q) − 1 = (2^(bq) − W^q)/W^q
    // are already in lowest terms (an odd W shares no factor with a power of two).
    func rates(_ v: UInt128) -> (period: Rational, annual: Rational) {
      let t = v.trailingZeroBitCount
      let w = mpz(v >> UInt128(t))
      let b = vBits - t
      let n = MPZ()
      __gmpz_set_ui(n.z, 1)
      __gmpz_mul_2exp(n.z, n.z, UInt(b))
      __gmpz_sub(n.z, n.z, w.z)
      let period = Rational(coprimeNumerator: n, positiveDenominator: w)
      let d = MPZ()
      __gmpz_pow_ui(d.z, w.z, UInt(q))
      __gmpz_set_ui(n.z, 1)
      __gmpz_mul_2exp(n.z, n.z, UInt(b * q))
      __gmpz_sub(n.z, n.z, d.z)
      return (period, Rational(coprimeNumerator: n, positiveDenominator: d))
    }
    // The rates fall as v rises: the low end of v gives the upper rates.
    let (periodUpper, upper) = rates(low)
    let (periodLower, lower) = rates(high)
    return APRResult(
      periodRateLower: periodLower, periodRateUpper: periodUpper, periodsPerYear: q,
      lower: lower, upper: upper, places: places, uniqueness: .proven, method: .fast)
  }

  static func mpz(_ x: UInt128) -> MPZ {
    let z = MPZ()
    __gmpz_set_ui(z.z, UInt(truncatingIfNeeded: x >> 64))
    __gmpz_mul_2exp(z.z, z.z, 64)
    __gmpz_add_ui(z.z, z.z, UInt(truncatingIfNeeded: x))
    return z
  }

  /// Newton on P(v) = Σ_{e≥1} c_e vᵉ − |c₀|, increasing and convex for v > 0: from a point
  /// where P ≥ 0 the iterates decrease to the root. Returns the root and P′ there (cents per
  /// unit of v). Floating point, for a guess only.
  static func guessDiscount(_ c: [Int]) -> (Double, Double)? {
    let a = Double(-c[0])
    func p(_ v: Double) -> (Double, Double) {
      var s = 0.0
      var d = 0.0
      for e in stride(from: c.count - 1, through: 1, by: -1) {
        d = d * v + s
        s = s * v + Double(c[e])
      }
      // s = Σ c_e v^(e−1), d = Σ (e−1) c_e v^(e−2): P = v·s − a, P' = s + v·d.
      return (v * s - a, s + v * d)
    }
    var v = 1.0
    var value = p(v).0
    var tries = 0
    while value < 0 {  // a negative rate: the root is above 1
      v *= 1.25
      value = p(v).0
      tries += 1
      if tries > 8 || !value.isFinite { return nil }
    }
    for _ in 0..<100 {
      let (f, df) = p(v)
      guard df > 0, f.isFinite else { return nil }
      let next = v - f / df
      // Converged to a few ulps: the integer Newton step of the caller does the rest.
      if abs(next - v) <= 0x1p-50 * v { return (next, df) }
      v = next
    }
    return nil
  }

  /// x·y / 2^shift, rounded down or up; nil on overflow.
  @inline(__always)
  static func mulShift(_ x: UInt128, _ y: UInt128, _ shift: Int, up: Bool) -> UInt128? {
    let (high, low) = x.multipliedFullWidth(by: y)
    // The result is (high·2^128 + low) >> shift; it must fit in 128 bits.
    guard high >> UInt128(shift) == 0 else { return nil }
    var r = (high << UInt128(128 - shift)) | (low >> UInt128(shift))
    if up && low & ((UInt128(1) << UInt128(shift)) - 1) != 0 {
      let (s, o) = r.addingReportingOverflow(1)
      guard !o else { return nil }
      r = s
    }
    return r
  }

  /// Σ_{e≥1} c_e (V/2^100)^e in 2^−80 cent units, by Horner, every product rounded down (or
  /// up): the true sum at the dyadic point V lies above the first, below the second. Nil on
  /// overflow.
  static func horner(_ c: [Int], _ v: UInt128, up: Bool) -> UInt128? {
    var acc = UInt128(c[c.count - 1]) << UInt128(accBits)
    for e in stride(from: c.count - 2, through: 1, by: -1) {
      guard let m = mulShift(acc, v, vBits, up: up) else { return nil }
      let (s, o) = m.addingReportingOverflow(UInt128(c[e]) << UInt128(accBits))
      guard !o else { return nil }
      acc = s
    }
    return mulShift(acc, v, vBits, up: up)
  }
}
