import CGMP

/// An exact rational number, always in lowest terms.
///
/// A value whose numerator and denominator fit in an `Int` is kept inline (no allocation);
/// any other value lives in a GMP `mpq_t`. Every operation first tries machine integers with
/// overflow checks and falls back to GMP, so results are exact either way. The form is
/// canonical: a value that fits inline is always inline, so equal values are stored alike.
///
/// A value type: GMP storage is written once and then shared, never mutated. Arithmetic never
/// rounds; only ``rounded(toPlaces:_:)`` does, with a named ``RoundingMode``.
public struct Rational: Sendable {
  /// Inline numerator and denominator (denominator > 0), valid when `big` is nil.
  let n: Int
  let d: Int
  let big: MPQ?

  /// A canonical value from GMP storage: inline when it fits.
  init(storage: MPQ) {
    if __gmpz_fits_slong_p(storage.num) != 0, __gmpz_fits_slong_p(storage.den) != 0 {
      let num = __gmpz_get_si(storage.num)
      if num != Int.min {
        (n, d, big) = (num, __gmpz_get_si(storage.den), nil)
        return
      }
    }
    (n, d, big) = (0, 1, storage)
  }

  /// An inline value already in lowest terms, with `den > 0` and `num != Int.min`.
  @inline(__always)
  init(reduced num: Int, _ den: Int) {
    (n, d, big) = (num, den, nil)
  }

  /// The value in an `mpq_t` (allocated for an inline value: slow paths only).
  var storage: MPQ {
    if let big { return big }
    let s = MPQ()
    __gmpq_set_si(s.q, n, UInt(d))
    return s
  }

  /// Runs `body` on the value's `mpq_t`, kept alive for the call (an inline value gets a
  /// temporary one).
  @inline(__always)
  func withMPQ<R>(_ body: (MPQ) -> R) -> R {
    let s = storage
    return withExtendedLifetime(s) { body(s) }
  }

  /// GMP binary operation on two values, both kept alive for the call.
  @inline(__always)
  static func gmp(
    _ a: Rational, _ b: Rational,
    _ op: (UnsafeMutablePointer<__mpq_struct>, UnsafePointer<__mpq_struct>, UnsafePointer<__mpq_struct>) -> Void
  ) -> Rational {
    a.withMPQ { x in b.withMPQ { y in make { op($0, x.q, y.q) } } }
  }

  /// Builds a value by letting GMP write into a fresh `mpq_t`.
  @inline(__always)
  static func make(_ body: (UnsafeMutablePointer<__mpq_struct>) -> Void) -> Rational {
    let s = MPQ()
    body(s.q)
    return Rational(storage: s)
  }

  /// The integer `value`.
  public init(_ value: Int) {
    if value != Int.min {
      (n, d, big) = (value, 1, nil)
    } else {
      let s = MPQ()
      __gmpq_set_si(s.q, value, 1)
      (n, d, big) = (0, 1, s)
    }
  }

  /// `numerator / denominator`, reduced. The denominator must not be zero.
  public init(_ numerator: Int, _ denominator: Int) {
    precondition(denominator != 0, "dénominateur nul")
    if let r = Rational.reduce(Int128(numerator), Int128(denominator)) {
      self = r
      return
    }
    let s = MPQ()
    let num = MPZ(numerator)
    let den = MPZ(denominator)
    __gmpq_set_num(s.q, num.z)
    __gmpq_set_den(s.q, den.z)
    __gmpq_canonicalize(s.q)
    self.init(storage: s)
  }

  /// `numerator / denominator` from GMP integers already coprime, with `denominator > 0`
  /// (no gcd taken: the caller proves it).
  init(coprimeNumerator numerator: MPZ, positiveDenominator denominator: MPZ) {
    precondition(denominator.sign > 0, "dénominateur non positif")
    let s = MPQ()
    __gmpq_set_num(s.q, numerator.z)
    __gmpq_set_den(s.q, denominator.z)
    self.init(storage: s)
  }

  /// `numerator / denominator` from GMP integers, reduced.
  init(numerator: MPZ, denominator: MPZ) {
    precondition(denominator.sign != 0, "dénominateur nul")
    let s = MPQ()
    __gmpq_set_num(s.q, numerator.z)
    __gmpq_set_den(s.q, denominator.z)
    __gmpq_canonicalize(s.q)
    self.init(storage: s)
  }

  /// `num / den` (den ≠ 0) reduced, when it fits inline.
  @inline(__always)
  static func reduce(_ num: Int128, _ den: Int128) -> Rational? {
    var a = num
    var b = den
    if b < 0 {
      a = -a
      b = -b
    }
    let g = Int128(gcd(a.magnitude, b.magnitude))
    if g > 1 {
      a /= g
      b /= g
    }
    guard let x = Int(exactly: a), let y = Int(exactly: b), x != Int.min else { return nil }
    return Rational(reduced: x, y)
  }

  /// Binary gcd (gcd(0, b) = b).
  @inline(__always)
  static func gcd(_ x: UInt128, _ y: UInt128) -> UInt128 {
    var a = x
    var b = y
    if a == 0 { return b }
    if b == 0 { return a }
    let shift = (a | b).trailingZeroBitCount
    a >>= a.trailingZeroBitCount
    repeat {
      b >>= b.trailingZeroBitCount
      if a > b { swap(&a, &b) }
      b -= a
    } while b != 0
    return a << shift
  }

  public static let zero = Rational(0)
  public static let one = Rational(1)

  /// −1, 0 or 1.
  public var sign: Int { big?.sign ?? n.signum() }
  public var isZero: Bool { big == nil && n == 0 }
  public var isNegative: Bool { sign < 0 }
  public var isInteger: Bool { big.map { __gmpz_cmp_ui($0.den, 1) == 0 } ?? (d == 1) }

  /// The numerator in lowest terms, in decimal.
  public var numeratorString: String { big == nil ? String(n) : withMPQ { mpzDecimalString($0.num) } }
  /// The denominator in lowest terms (always positive), in decimal.
  public var denominatorString: String { big == nil ? String(d) : withMPQ { mpzDecimalString($0.den) } }

  /// Numerator and denominator when both fit in an `Int`.
  public var intComponents: (numerator: Int, denominator: Int)? {
    big == nil ? (n, d) : nil
  }

  /// `self × k` as an `Int` when it is a whole number that fits (no allocation).
  public func scaledInteger(by k: Int) -> Int? {
    guard let (n, d) = intComponents, k % d == 0 else { return nil }
    let (p, overflow) = n.multipliedReportingOverflow(by: k / d)
    return overflow ? nil : p
  }

  /// Copies of the numerator and denominator as GMP integers.
  func components() -> (MPZ, MPZ) {
    let n = MPZ()
    let d = MPZ()
    withMPQ { q in
      __gmpz_set(n.z, q.num)
      __gmpz_set(d.z, q.den)
    }
    return (n, d)
  }

  public var magnitude: Rational {
    sign >= 0 ? self : -self
  }

  /// Largest magnitude, and largest denominator, of a number typed by a user (10^12): any
  /// such number computes in every engine.
  public static let inputLimit = 1_000_000_000_000

  /// True for a value a user may type: |value| ≤ 10^12 with a denominator ≤ 10^12.
  public var magnitudeIsReasonable: Bool {
    guard let (n, d) = intComponents else { return false }
    return d <= Rational.inputLimit && n.magnitude / UInt(d) <= UInt(Rational.inputLimit)
  }

  /// 1 / self. Self must not be zero.
  public var reciprocal: Rational {
    precondition(!isZero, "inverse de zéro")
    if big == nil { return n > 0 ? Rational(reduced: d, n) : Rational(reduced: -d, -n) }
    return withMPQ { q in Rational.make { __gmpq_inv($0, q.q) } }
  }

  /// `self` raised to an integer power, exactly (a negative exponent needs a non-zero value).
  public func power(_ exponent: Int) -> Rational {
    if exponent == 0 { return .one }
    if exponent < 0 { return reciprocal.power(-exponent) }
    let (n, d) = components()
    __gmpz_pow_ui(n.z, n.z, UInt(exponent))
    __gmpz_pow_ui(d.z, d.z, UInt(exponent))
    // (n/d)^k is already in lowest terms when n/d is.
    let r = MPQ()
    __gmpq_set_num(r.q, n.z)
    __gmpq_set_den(r.q, d.z)
    return Rational(storage: r)
  }

  /// The value rounded to `places` decimals (negative `places` rounds to tens, hundreds…).
  public func rounded(toPlaces places: Int, _ mode: RoundingMode) -> Rational {
    if big == nil && places >= 0 && places <= 18 {
      var scale: Int128 = 1
      for _ in 0..<places { scale *= 10 }
      let q = mode.divide(Int128(n) * scale, by: Int128(d))
      if let r = Rational.reduce(q, scale) { return r }
    }
    let (n, d) = components()
    let scale = MPZ()
    __gmpz_ui_pow_ui(scale.z, 10, UInt(abs(places)))
    if places >= 0 { __gmpz_mul(n.z, n.z, scale.z) } else { __gmpz_mul(d.z, d.z, scale.z) }
    let q = Rational.roundedQuotient(n, d, mode)
    if places >= 0 { return Rational(numerator: q, denominator: scale) }
    __gmpz_mul(q.z, q.z, scale.z)
    return Rational(numerator: q, denominator: MPZ(1))
  }

  /// The integer nearest to `n / d` (d > 0) under `mode`.
  static func roundedQuotient(_ n: MPZ, _ d: MPZ, _ mode: RoundingMode) -> MPZ {
    let q = MPZ()
    let r = MPZ()
    __gmpz_tdiv_qr(q.z, r.z, n.z, d.z)
    let rs = r.sign
    if rs == 0 { return q }
    let step = rs < 0 ? -1 : 1
    let away: Bool
    switch mode {
    case .towardZero: away = false
    case .floor: away = rs < 0
    case .ceiling: away = rs > 0
    case .halfAwayFromZero, .halfEven:
      __gmpz_abs(r.z, r.z)
      __gmpz_mul_2exp(r.z, r.z, 1)
      let c = __gmpz_cmp(r.z, d.z)
      if c != 0 {
        away = c > 0
      } else {
        away = mode == .halfAwayFromZero || __gmpz_tstbit(q.z, 0) != 0
      }
    }
    if away {
      if step > 0 { __gmpz_add_ui(q.z, q.z, 1) } else { __gmpz_sub_ui(q.z, q.z, 1) }
    }
    return q
  }

  /// True when the value has a finite decimal expansion (denominator of the form 2^a·5^b).
  public var isTerminatingDecimal: Bool { terminatingPlaces != nil }

  /// Number of decimals of the exact expansion, or nil when it does not terminate.
  public var terminatingPlaces: Int? {
    if big == nil {
      var rest = d
      let twos = rest.trailingZeroBitCount
      rest >>= twos
      var fives = 0
      while rest % 5 == 0 {
        rest /= 5
        fives += 1
      }
      return rest == 1 ? max(twos, fives) : nil
    }
    let d = MPZ()
    withMPQ { q in __gmpz_set(d.z, q.den) }
    let two = MPZ(2)
    let five = MPZ(5)
    let twos = Int(__gmpz_remove(d.z, d.z, two.z))
    let fives = Int(__gmpz_remove(d.z, d.z, five.z))
    return withExtendedLifetime((two, five)) { __gmpz_cmp_ui(d.z, 1) == 0 ? max(twos, fives) : nil }
  }
}
