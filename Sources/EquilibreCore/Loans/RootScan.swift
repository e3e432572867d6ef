import CGMP
import Foundation  // exp and log, for search guesses only

// MARK: - Several sign changes: isolating every root

/// Finds the roots of a function known only by its exact sign, over rates from −99,99 % to
/// 2^upper (as grid points m/2^S): the sign is read on a geometric grid of 1 + rate, every
/// change of sign is a root, then each is narrowed by bisection to 2^−64.
enum RootScan {
  static func roots(upper: Int, points: Int = 600, sign: (MPZ) -> Int) -> [(Rational, Rational)] {
    let one = MPZ()
    __gmpz_set_ui(one.z, 1)
    __gmpz_mul_2exp(one.z, one.z, UInt(dyadicScale))
    // 1 + rate from 10^−4 to 2^upper, evenly on a log scale.
    let a = log(1e-4)
    let b = Double(upper) * log(2.0)
    var grid: [MPZ] = []
    for k in 0...points {
      let v = exp(a + (b - a) * Double(k) / Double(points)) - 1
      let z = MPZ()
      __gmpz_set_d(z.z, (v * 0x1p40).rounded(.down))
      __gmpz_mul_2exp(z.z, z.z, UInt(dyadicScale - 40))
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
    __gmpz_mul_2exp(tolerance.z, tolerance.z, UInt(dyadicScale - 64))
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
