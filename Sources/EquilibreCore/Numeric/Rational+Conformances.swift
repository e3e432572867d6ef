import CGMP

// Rational's standard conformances: arithmetic operators, literals, order and hashing, French text, Codable.
// MARK: - Arithmetic

extension Rational: AdditiveArithmetic {
  public static func + (a: Rational, b: Rational) -> Rational {
    if a.big == nil && b.big == nil {
      if a.d == 1 && b.d == 1 {
        let (s, o) = a.n.addingReportingOverflow(b.n)
        if !o && s != Int.min { return Rational(reduced: s, 1) }
      }
      if let r = reduce(Int128(a.n) * Int128(b.d) + Int128(b.n) * Int128(a.d), Int128(a.d) * Int128(b.d)) { return r }
    }
    return gmp(a, b, __gmpq_add)
  }

  public static func - (a: Rational, b: Rational) -> Rational {
    if a.big == nil && b.big == nil {
      if a.d == 1 && b.d == 1 {
        let (s, o) = a.n.subtractingReportingOverflow(b.n)
        if !o && s != Int.min { return Rational(reduced: s, 1) }
      }
      if let r = reduce(Int128(a.n) * Int128(b.d) - Int128(b.n) * Int128(a.d), Int128(a.d) * Int128(b.d)) { return r }
    }
    return gmp(a, b, __gmpq_sub)
  }

  public static func * (a: Rational, b: Rational) -> Rational {
    if a.big == nil && b.big == nil, let r = reduce(Int128(a.n) * Int128(b.n), Int128(a.d) * Int128(b.d)) { return r }
    return gmp(a, b, __gmpq_mul)
  }

  /// Exact division; the divisor must not be zero.
  public static func / (a: Rational, b: Rational) -> Rational {
    precondition(!b.isZero, "division par zéro")
    if a.big == nil && b.big == nil, let r = reduce(Int128(a.n) * Int128(b.d), Int128(a.d) * Int128(b.n)) { return r }
    return gmp(a, b, __gmpq_div)
  }

  public static prefix func - (a: Rational) -> Rational {
    if a.big == nil { return Rational(reduced: -a.n, a.d) }  // n ≠ Int.min, so −n fits
    return a.withMPQ { q in make { __gmpq_neg($0, q.q) } }
  }

  public static func += (a: inout Rational, b: Rational) { a = a + b }
  public static func -= (a: inout Rational, b: Rational) { a = a - b }
  public static func *= (a: inout Rational, b: Rational) { a = a * b }
  public static func /= (a: inout Rational, b: Rational) { a = a / b }
}

extension Rational: ExpressibleByIntegerLiteral {
  public init(integerLiteral value: Int) { self.init(value) }
}

// MARK: - Comparison and hashing

extension Rational: Comparable, Hashable {
  public static func == (a: Rational, b: Rational) -> Bool {
    // Canonical form: an inline value never equals a GMP one.
    switch (a.big, b.big) {
    case (nil, nil): return a.n == b.n && a.d == b.d
    case (let x?, let y?): return x === y || __gmpq_equal(x.q, y.q) != 0
    default: return false
    }
  }

  public static func < (a: Rational, b: Rational) -> Bool {
    if a.big == nil && b.big == nil { return Int128(a.n) * Int128(b.d) < Int128(b.n) * Int128(a.d) }
    return a.withMPQ { x in b.withMPQ { y in __gmpq_cmp(x.q, y.q) < 0 } }
  }

  public func hash(into hasher: inout Hasher) {
    guard let big else {
      hasher.combine(n)
      hasher.combine(d)
      return
    }
    // Canonical form makes equal values share numerator and denominator limbs.
    for z in [big.num, big.den] {
      let size = Int(z.pointee._mp_size)
      hasher.combine(size)
      if let limbs = z.pointee._mp_d {
        for i in 0..<abs(size) { hasher.combine(limbs[i]) }
      }
    }
  }
}

// MARK: - Text

extension Rational: CustomStringConvertible, LosslessStringConvertible {
  /// Plain exact text: `1234.56`, `-0.125`, or `1/3` when the decimal expansion does not end.
  public var description: String {
    if let places = terminatingPlaces {
      return plainDecimal(places: places)
    }
    return numeratorString + "/" + denominatorString
  }

  /// Parses the plain forms that ``description`` writes: `1234.56`, `-3`, `1/3`.
  public init?(_ text: String) {
    if let slash = text.firstIndex(of: "/") {
      let n = MPZ()
      let d = MPZ()
      let num = String(text[..<slash])
      let den = String(text[text.index(after: slash)...])
      guard Rational.isPlainInteger(num), Rational.isPlainInteger(den, signed: false),
        mpzSet(n.z, decimal: num), mpzSet(d.z, decimal: den), d.sign != 0
      else { return nil }
      self.init(numerator: n, denominator: d)
      return
    }
    guard let value = try? FrenchNumber.parsePlain(text) else { return nil }
    self = value
  }

  static func isPlainInteger(_ s: String, signed: Bool = true) -> Bool {
    var body = Substring(s)
    if signed, body.first == "-" { body = body.dropFirst() }
    return !body.isEmpty && body.allSatisfy { $0.isASCII && $0.isNumber }
  }

  /// Exact decimal text with exactly `places` decimals and a dot. The value must have at most
  /// `places` decimals: round first with ``rounded(toPlaces:_:)``.
  public func plainDecimal(places: Int) -> String {
    let digits = scaledInteger(places: places)
    return Rational.insertPoint(digits, places: places, decimalSeparator: ".", groupSeparator: nil)
  }

  /// The integer `self × 10^places`, which must be exact.
  func scaledInteger(places: Int) -> String {
    // Fast path, no GMP: the value fits in an Int and 10^places does too.
    if let (n, d) = intComponents, places <= 18 {
      var scale = 1
      for _ in 0..<places { scale *= 10 }
      if scale % d == 0 {
        let (p, overflow) = n.multipliedReportingOverflow(by: scale / d)
        if !overflow { return String(p) }
      }
    }
    let (n, d) = components()
    let scale = MPZ()
    __gmpz_ui_pow_ui(scale.z, 10, UInt(places))
    __gmpz_mul(n.z, n.z, scale.z)
    precondition(__gmpz_divisible_p(n.z, d.z) != 0, "valeur non représentable avec \(places) décimales")
    __gmpz_divexact(n.z, n.z, d.z)
    return n.decimalString
  }

  /// `digits` (an integer, maybe signed) with a decimal point `places` from the right and its
  /// integer part grouped by three. Works on UTF-8 bytes: explanations format thousands of figures.
  static func insertPoint(
    _ digits: String, places: Int, decimalSeparator: String, groupSeparator: String?
  ) -> String {
    let zero = UInt8(ascii: "0")
    var body = Array(digits.utf8)
    let negative = body.first == UInt8(ascii: "-")
    if negative { body.removeFirst() }
    if body.count < places + 1 {
      body.insert(contentsOf: repeatElement(zero, count: places + 1 - body.count), at: 0)
    }
    let intCount = body.count - places
    let separator = groupSeparator.map { Array($0.utf8) } ?? []
    var out: [UInt8] = []
    out.reserveCapacity(body.count + (intCount / 3) * separator.count + 4)
    if negative { out.append(UInt8(ascii: "-")) }
    for i in 0..<intCount {
      if !separator.isEmpty, i > 0, (intCount - i) % 3 == 0 { out.append(contentsOf: separator) }
      out.append(body[i])
    }
    if places > 0 {
      out.append(contentsOf: decimalSeparator.utf8)
      out.append(contentsOf: body[intCount...])
    }
    return String(decoding: out, as: UTF8.self)
  }
}

// MARK: - Codable

extension Rational: Codable {
  /// Decodes a decimal string (`"1234.56"`), a fraction string (`"1/3"`) or a JSON integer.
  public init(from decoder: Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let text = try? container.decode(String.self) {
      guard let value = Rational(text) else {
        throw DecodingError.dataCorruptedError(
          in: container, debugDescription: "nombre rationnel illisible : \(text)")
      }
      self = value
    } else {
      self = Rational(try container.decode(Int.self))
    }
  }

  /// Encodes as the exact decimal string of ``description`` (a fraction when it does not end).
  public func encode(to encoder: Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}
