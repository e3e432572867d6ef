import CGMP
import Foundation  // exp and log, for search guesses only

// MARK: - Periodic flows: exact sign of a polynomial at dyadic points

/// Scale of the dyadic grid of the TAEG solvers: points are m / 2^dyadicScale.
let dyadicScale = 96

struct PolynomialSolver {
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
    __gmpz_mul_2exp(y.z, y.z, UInt(dyadicScale))
    __gmpz_add(y.z, y.z, m.z)
    let term = MPZ()
    g.set(0)
    h.set(0)
    for (e, c) in coefficients.enumerated() {
      __gmpz_mul(g.z, g.z, y.z)
      __gmpz_mul(h.z, h.z, y.z)
      if c != 0 {
        term.set(c)
        __gmpz_mul_2exp(term.z, term.z, UInt(dyadicScale * e))
        __gmpz_add(g.z, g.z, term.z)
        if e > 0 {
          __gmpz_mul_si(term.z, term.z, e)
          __gmpz_mul_2exp(term.z, term.z, UInt(dyadicScale))
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
    __gmpz_mul_2exp(one.z, one.z, UInt(dyadicScale))  // 1.0 on the grid
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
        __gmpz_mul_2exp(t.z, t.z, UInt(dyadicScale - k))
        __gmpz_sub(lo.z, t.z, one.z)
        if sign(at: lo) > 0 { break }
        hi.set(lo)
        k += 1
        if k >= dyadicScale - 1 { throw .noRoot }
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
        __gmpz_mul_2exp(y.z, y.z, UInt(dyadicScale))
        __gmpz_add(y.z, y.z, x.z)
        __gmpz_mul(step.z, g.z, y.z)
        __gmpz_mul_2exp(step.z, step.z, UInt(dyadicScale))
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
