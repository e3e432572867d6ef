/// How a value is brought to a fixed number of decimals. Nothing in Équilibre rounds
/// without naming one of these.
public enum RoundingMode: String, CaseIterable, Sendable, Codable {
  /// Nearest; a tie goes away from zero (2,345 → 2,35 ; −2,345 → −2,35). The usual
  /// "arrondi commercial", and the default for instalments and interest.
  case halfAwayFromZero = "demi-haut"
  /// Nearest; a tie goes to the even digit (banker's rounding).
  case halfEven = "demi-pair"
  /// Toward −∞ ("arrondi inférieur").
  case floor = "inferieur"
  /// Toward +∞ ("arrondi supérieur").
  case ceiling = "superieur"
  /// Toward zero (truncation).
  case towardZero = "vers-zero"

  /// French description, for explanations.
  public var frenchDescription: String {
    switch self {
    case .halfAwayFromZero: "au plus proche, demi vers l'extérieur (demi-haut)"
    case .halfEven: "au plus proche, demi vers le pair"
    case .floor: "par défaut (inférieur)"
    case .ceiling: "par excès (supérieur)"
    case .towardZero: "par troncature (vers zéro)"
    }
  }

  /// Rounds the exact quotient `numerator / denominator` (denominator > 0) to an integer.
  /// Machine-integer fast path used by the loan engine.
  @inlinable @inline(__always)
  public func divide<T: FixedWidthInteger & SignedInteger>(_ numerator: T, by denominator: T) -> T {
    // Truncated division, then adjust: q·d + r = n with |r| < d and sign(r) = sign(n).
    let q = numerator / denominator
    let r = numerator % denominator
    if r == 0 { return q }
    let negative = r < 0
    switch self {
    case .towardZero:
      return q
    case .floor:
      return negative ? q - 1 : q
    case .ceiling:
      return negative ? q : q + 1
    case .halfAwayFromZero, .halfEven:
      let twice = (negative ? -r : r) * 2
      let away: Bool
      if twice > denominator {
        away = true
      } else if twice < denominator {
        away = false
      } else {
        away = self == .halfAwayFromZero || (q & 1) != 0
      }
      return away ? (negative ? q - 1 : q + 1) : q
    }
  }
}
