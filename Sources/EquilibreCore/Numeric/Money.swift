/// An amount in euros. The value is exact (any rational); it changes to whole cents only
/// through ``roundedToCents(_:)``.
public struct Money: Sendable, Hashable, Comparable, Codable {
  public let value: Rational

  public init(_ value: Rational) { self.value = value }

  /// `cents / 100` euros.
  public init(cents: Int) { value = Rational(cents, 100) }

  /// Whole euros.
  public init(euros: Int) { value = Rational(euros) }

  /// Parses French input (`1 234,56`, `1234,56 €`). A percent sign is refused, and so is an
  /// ambiguous `1.200` (see ``FrenchNumber/ambiguousReadings(_:)``).
  public init(french text: String) throws(FrenchNumber.ParseError) {
    let parsed = try FrenchNumber.parse(text)
    if parsed.unit == .percent {
      throw FrenchNumber.ParseError(text: text, reason: "un montant en euros est attendu, pas un pourcentage")
    }
    if let readings = FrenchNumber.ambiguousReadings(text) {
      throw FrenchNumber.ParseError(text: text, reason: "point ambigu", readings: readings)
    }
    value = parsed.value
  }

  /// Largest amount a scenario or an option may hold: 1 000 000 000 €. Sums of thousands of
  /// such amounts stay exact in machine integers (cents), so every accepted amount computes.
  public static let maximumInputEuros = 1_000_000_000
  public static let maximumInputCents = maximumInputEuros * 100

  /// True when the amount is a whole number of cents within ±``maximumInputEuros``.
  public var isWithinInputRange: Bool {
    guard let c = exactCents else { return false }
    return c.magnitude <= UInt(Money.maximumInputCents)
  }

  public static let zero = Money(Rational.zero)

  public var isZero: Bool { value.isZero }
  public var isNegative: Bool { value.isNegative }

  /// The amount in cents when it is a whole number of cents.
  public var exactCents: Int? { value.scaledInteger(by: 100) }

  /// The amount rounded to the cent with `mode`: the only way a `Money` loses precision.
  public func roundedToCents(_ mode: RoundingMode) -> Money {
    Money(value.rounded(toPlaces: 2, mode))
  }

  public static func + (a: Money, b: Money) -> Money { Money(a.value + b.value) }
  public static func - (a: Money, b: Money) -> Money { Money(a.value - b.value) }
  public static prefix func - (a: Money) -> Money { Money(-a.value) }
  public static func * (a: Money, k: Rational) -> Money { Money(a.value * k) }
  public static func * (k: Rational, a: Money) -> Money { Money(a.value * k) }
  /// Exact division by a number (k ≠ 0).
  public static func / (a: Money, k: Rational) -> Money { Money(a.value / k) }
  /// The exact ratio of two amounts (b ≠ 0).
  public static func / (a: Money, b: Money) -> Rational { a.value / b.value }
  public static func += (a: inout Money, b: Money) { a = a + b }
  public static func -= (a: inout Money, b: Money) { a = a - b }
  public static func < (a: Money, b: Money) -> Bool { a.value < b.value }

  /// French display: `1 234,56 €` (no-break spaces). A value with more than two decimals is
  /// shown with all its decimals, never silently rounded.
  public var french: String { value.frenchExact(minPlaces: 2) + "\u{00A0}€" }

  /// Plain text for JSON and CSV: `1234.56` (more decimals only if the value has them).
  public var plain: String {
    if let places = value.terminatingPlaces { return value.plainDecimal(places: max(2, places)) }
    return value.description
  }

  public init(from decoder: Decoder) throws { value = try Rational(from: decoder) }
  public func encode(to encoder: Encoder) throws { try value.encode(to: encoder) }
}

extension Sequence where Element == Money {
  /// The exact sum.
  public func sum() -> Money { reduce(.zero, +) }
}
