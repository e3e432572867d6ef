import CGMP
import Foundation  // exp and log, for search guesses only

// MARK: - Dated flows: floating-point guess, certified by interval arithmetic

/// F(X) = Σ A_k (1+X)^(−t_k) for dated flows, t_k = common_k/365 + leap_k/366.
///
/// Flows of the same day are summed; days are sorted, so each term's discount factor is the
/// previous one times (1+X)^(−Δcommon/365) (1+X)^(−Δleap/366): one or two multiplications per
/// day, with the few distinct powers cached. Bounds are fixed-point GMP integers rounded down
/// for the lower bound and up for the upper one, so F's true value lies between them.
struct DatedSolver {
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
    __gmpz_mul_2exp(n.z, n.z, UInt(dyadicScale))
    __gmpz_add(n.z, n.z, m.z)
    func root(_ q: Int) -> (MPZ, MPZ) {
      // floor(D·2^(p·q)/N)^(1/q) ≤ 2^p·(D/N)^(1/q) < that + 1
      let t = MPZ()
      __gmpz_set_ui(t.z, 1)
      __gmpz_mul_2exp(t.z, t.z, UInt(dyadicScale + p * q))
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
    __gmpz_mul_2exp(z.z, z.z, UInt(dyadicScale - 52))
    return z
  }

  /// [lo, hi] with F(lo) ≥ 0 ≥ F(hi), narrow enough that both round alike to `places`
  /// decimals of a percentage, or under 2^−64.
  func bracketRoot(places: Int) throws(APR.Failure) -> (Rational, Rational) {
    let one = MPZ()
    __gmpz_set_ui(one.z, 1)
    __gmpz_mul_2exp(one.z, one.z, UInt(dyadicScale))
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
    __gmpz_mul_2exp(tolerance.z, tolerance.z, UInt(dyadicScale - 64))
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
        __gmpz_mul_2exp(t.z, t.z, UInt(dyadicScale - k))
        __gmpz_sub(lo.z, t.z, one.z)
        if sign(at: lo) > 0 { break }
        hi.set(lo)
        k += 1
        if k >= 60 { throw .noRoot }
      }
    }
  }
}
