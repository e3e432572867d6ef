import Foundation  // pow, for the search guess only

/// A fast, certified TAEG for the common credit: one drawdown first, then only payments.
///
/// The search is in floating point (Newton on the discount factor v = 1/(1+i)), but the float
/// is only a guess. The answer is certified with exact integer arithmetic.
///
/// 1. The guess gives a candidate rounded TAEG R. R is the rounded value of the true X
///    exactly when X_lo = R − ½·10⁻ᵖ ≤ X < X_hi = R + ½·10⁻ᵖ (half-up rounding).
/// 2. The flows' value F(X) = Σ c_e (1+X)^(−e/q) strictly decreases in X: c₀ < 0, then c_e ≥ 0.
///    So the bracket holds exactly when F(X_lo) ≥ 0 and F(X_hi) < 0.
/// 3. Each boundary X_b is rational, and v_b = (1+X_b)^(−1/q) is enclosed in [V₋, V₊]
///    (fixed point, 2⁻¹⁰⁰). The enclosure is proved by raising V₋ and V₊ to the power q with
///    directed rounding and comparing with 1/(1+X_b) exactly.
/// 4. S(v) = Σ_{e≥1} c_e vᵉ is evaluated by Horner in fixed point (2⁻⁴⁰ cent), rounding down
///    from V₋ for a lower bound and up from V₊ for an upper bound. S increases in v, so the
///    true S(v_b) lies between them. Then F(X_b) = S(v_b) − |c₀|, and its sign is proved.
///
/// When a proof fails (the root within about 10⁻¹⁴ of a rounding boundary, a negative rate
/// below −50 %, an overflow), the answer is nil and the caller uses the exact bracket of
/// ``APR``. That path also settles exact ties (a root on a boundary rounds half-up).
enum FastAPR {
  static let vBits = 100
  static let accBits = 40

  /// The TAEG in percent, rounded half-up to `places` decimals, or nil when not certified.
  static func roundedPercent(flows: [APR.PeriodicFlow], periodsPerYear q: Int, places: Int) -> Rational? {
    guard q >= 1, q <= 366, (0...6).contains(places) else { return nil }
    let e = flows.map(\.index).max() ?? 0
    guard e >= 1, e <= 5_000, flows.allSatisfy({ $0.index >= 0 }) else { return nil }
    var c = [Int](repeating: 0, count: e + 1)
    for f in flows {
      let (sum, overflow) = c[f.index].addingReportingOverflow(f.cents)
      guard !overflow else { return nil }
      c[f.index] = sum
    }
    guard c[0] < 0, c.dropFirst().allSatisfy({ $0 >= 0 }) else { return nil }
    var total = 0
    for x in c.dropFirst() {
      let (s, o) = total.addingReportingOverflow(x)
      guard !o else { return nil }
      total = s
    }
    // Amounts kept within 2^40 cents (about 11 billion euros), so the fixed point cannot overflow.
    guard total > 0, total < 1 << 40, -c[0] < 1 << 40 else { return nil }
    // Floating point from here to `candidate` is only a guess of R: `certify` proves it (or a
    // neighbour) with integers, and the answer is built from integers alone.
    guard let v = guessDiscount(c) else { return nil }
    let x = pow(v, -Double(q)) - 1
    let candidate = (x * 100 * pow(10.0, Double(places))).rounded()
    guard candidate.isFinite, abs(candidate) < 1e12 else { return nil }
    let r = Int(candidate)
    var hundredths = 1
    for _ in 0..<places { hundredths *= 10 }
    for k in [r, r - 1, r + 1] where certify(c, q: q, places: places, scaled: k) {
      return Rational(k, hundredths)
    }
    return nil
  }

  /// Newton on P(v) = Σ_{e≥1} c_e vᵉ − |c₀|, increasing and convex for v > 0: from a point
  /// where P ≥ 0 the iterates decrease to the root. Floating point, for a guess only.
  static func guessDiscount(_ c: [Int]) -> Double? {
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
    for _ in 0..<200 {
      let (f, df) = p(v)
      guard df > 0, f.isFinite else { return nil }
      let next = v - f / df
      if abs(next - v) <= 1e-17 * v { return next }
      v = next
    }
    return v
  }

  /// Proves that the TAEG rounds to `scaled` × 10^−(places+2) (as a fraction).
  static func certify(_ c: [Int], q: Int, places: Int, scaled: Int) -> Bool {
    var d = 2
    for _ in 0..<(places + 2) { d *= 10 }
    // 1 + X_b = n/d at the two boundaries (scaled ∓ ½).
    let nLow = d + 2 * scaled - 1
    let nHigh = d + 2 * scaled + 1
    guard nLow > d / 2 else { return false }  // X ≥ −50 %: v stays below 2^(1/q)
    let a = UInt128(-c[0]) << UInt128(accBits)
    // F(X_lo) ≥ 0: the lower bound of S at v_lo is at least |c₀|.
    guard let (vLowLo, _) = enclose(d: d, n: nLow, q: q), let sLow = horner(c, vLowLo, up: false), sLow >= a else { return false }
    // F(X_hi) < 0: the upper bound of S at v_hi is below |c₀|.
    guard let (_, vHighHi) = enclose(d: d, n: nHigh, q: q), let sHigh = horner(c, vHighHi, up: true), sHigh < a else { return false }
    return true
  }

  /// [V₋, V₊] ∋ (d/n)^(1/q)·2¹⁰⁰, proved by V₋^q·n ≤ d·2¹⁰⁰ˣq ≤ V₊^q·n with directed rounding.
  static func enclose(d: Int, n: Int, q: Int) -> (UInt128, UInt128)? {
    // The float only places the two bounds; the checks below prove that they enclose the root.
    let guess = pow(Double(d) / Double(n), 1 / Double(q))
    guard guess.isFinite, guess > 0, guess < 2 else { return nil }
    let center = UInt128(guess * 0x1p100)
    let slack = UInt128(1) << 54
    guard center > slack << 1 else { return nil }
    let lo = center - slack
    let hi = center + slack
    guard let up = power(lo, q, up: true), let down = power(hi, q, up: false) else { return nil }
    // Compare V^q / 2^100 with d/n: V^q·n against d·2^100 (both below 2^128).
    let target = UInt128(d) << UInt128(vBits)
    guard up.multipliedReportingOverflow(by: UInt128(n)).overflow == false,
      down.multipliedReportingOverflow(by: UInt128(n)).overflow == false
    else { return nil }
    guard up * UInt128(n) <= target, down * UInt128(n) >= target else { return nil }
    return (lo, hi)
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

  /// (V/2^100)^q in 2^−100 units, rounded down or up at each step.
  static func power(_ v: UInt128, _ q: Int, up: Bool) -> UInt128? {
    var result = UInt128(1) << UInt128(vBits)
    var base = v
    var k = q
    while k > 0 {
      if k & 1 == 1 { guard let r = mulShift(result, base, vBits, up: up) else { return nil }; result = r }
      k >>= 1
      if k > 0 { guard let b = mulShift(base, base, vBits, up: up) else { return nil }; base = b }
    }
    return result
  }

  /// Σ_{e≥1} c_e (V/2^100)^e in 2^−40 cent units, by Horner, rounded down or up; nil on overflow.
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
