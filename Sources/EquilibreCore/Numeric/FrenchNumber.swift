import CGMP

/// A number as a French user types it, with its unit if one was written.
public struct FrenchNumber: Sendable, Equatable {
  public enum Unit: Sendable, Equatable {
    case euro
    case percent
  }

  /// The number as written: `3,5 %` gives 3.5 with unit `.percent` (not 0.035).
  public let value: Rational
  public let unit: Unit?

  /// The value with a percent sign applied: `3,5 %` → 0.035; other units unchanged.
  public var scaledValue: Rational {
    unit == .percent ? value / Rational(100) : value
  }

  /// Why a text is not a number.
  public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public let text: String
    public let reason: String
    public var description: String { "« \(text) » n'est pas un nombre valide : \(reason)" }
  }

  static let spaces: Set<Character> = [" ", "\u{00A0}", "\u{202F}", "\u{2009}"]

  /// Parses `1234.56`, `1 234,56`, `1234,56 €`, `3,5 %`, `-12`, `+0,5`.
  ///
  /// Thousands may be grouped by spaces (ordinary, no-break or thin) in groups of three. The
  /// decimal separator is a comma or a dot, never both. Anything else is an error.
  public static func parse(_ text: String) throws(ParseError) -> FrenchNumber {
    func fail(_ reason: String) -> ParseError { ParseError(text: text, reason: reason) }
    var chars = Array(text)
    func trim() {
      while let f = chars.first, spaces.contains(f) || f == "\t" { chars.removeFirst() }
      while let l = chars.last, spaces.contains(l) || l == "\t" { chars.removeLast() }
    }
    trim()
    if chars.isEmpty { throw fail("texte vide") }
    var unit: Unit?
    if chars.last == "€" {
      unit = .euro
      chars.removeLast()
    } else if chars.last == "%" {
      unit = .percent
      chars.removeLast()
    } else if chars.count >= 3, String(chars.suffix(3)).uppercased() == "EUR" {
      unit = .euro
      chars.removeLast(3)
    }
    trim()
    var negative = false
    if let f = chars.first, f == "-" || f == "+" || f == "\u{2212}" {
      negative = f != "+"
      chars.removeFirst()
    }
    if chars.isEmpty { throw fail("aucun chiffre") }
    let commas = chars.filter { $0 == "," }.count
    let dots = chars.filter { $0 == "." }.count
    if commas > 0 && dots > 0 {
      throw fail("virgule et point mélangés ; écrivez 1 234,56 ou 1234.56")
    }
    if commas + dots > 1 { throw fail("plusieurs séparateurs décimaux") }
    var intChars = chars[...]
    var fracChars: ArraySlice<Character> = []
    if let sep = chars.firstIndex(where: { $0 == "," || $0 == "." }) {
      intChars = chars[..<sep]
      fracChars = chars[(sep + 1)...]
      if fracChars.isEmpty { throw fail("aucun chiffre après le séparateur décimal") }
      if !fracChars.allSatisfy(\.isASCIIDigit) { throw fail("décimales invalides") }
    }
    if intChars.isEmpty { throw fail("aucun chiffre avant le séparateur décimal") }
    // Integer part: digits, optionally grouped by three with spaces.
    let groups = intChars.split(omittingEmptySubsequences: false, whereSeparator: { spaces.contains($0) })
    for group in groups where group.isEmpty || !group.allSatisfy(\.isASCIIDigit) {
      throw fail(group.isEmpty ? "espaces mal placées" : "caractère inattendu « \(String(group.first { !$0.isASCIIDigit } ?? " ")) »")
    }
    if groups.count > 1 {
      if groups[0].count > 3 || groups.dropFirst().contains(where: { $0.count != 3 }) {
        throw fail("les milliers se groupent par trois chiffres")
      }
    }
    let digits = groups.joined()
    let value = Rational.fromDigits(
      String(digits) + String(fracChars), places: fracChars.count, negative: negative)
    return FrenchNumber(value: value, unit: unit)
  }

  /// Parses the strict plain form used in files and JSON: `-1234.56`, `12`.
  static func parsePlain(_ text: String) throws(ParseError) -> Rational {
    var body = Substring(text)
    var negative = false
    if body.first == "-" {
      negative = true
      body = body.dropFirst()
    }
    let parts = body.split(separator: ".", omittingEmptySubsequences: false)
    guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) })
    else { throw ParseError(text: text, reason: "forme attendue : 1234.56") }
    let frac = parts.count == 2 ? parts[1] : ""
    return Rational.fromDigits(String(parts[0]) + frac, places: frac.count, negative: negative)
  }
}

extension Character {
  var isASCIIDigit: Bool { isASCII && isNumber }
}

extension Rational {
  /// `±digits / 10^places`; `digits` holds ASCII digits only.
  static func fromDigits(_ digits: String, places: Int, negative: Bool) -> Rational {
    let n = MPZ()
    _ = mpzSet(n.z, decimal: digits)
    if negative { __gmpz_neg(n.z, n.z) }
    let d = MPZ()
    __gmpz_ui_pow_ui(d.z, 10, UInt(places))
    return Rational(numerator: n, denominator: d)
  }

  /// Parses French input (`1 234,56`, `3,5 %`), applying a percent sign (`3,5 %` → 0.035).
  public init(french text: String) throws(FrenchNumber.ParseError) {
    self = try FrenchNumber.parse(text).scaledValue
  }

  /// French text with exactly `places` decimals: `1 234,56` (no-break space, comma). The value
  /// must have at most `places` decimals: round first, explicitly.
  public func french(places: Int) -> String {
    Rational.insertPoint(
      scaledInteger(places: places), places: places, decimalSeparator: ",",
      groupSeparator: "\u{00A0}")
  }

  /// French text of the exact value with at least `minPlaces` decimals; a value whose
  /// expansion does not end is shown as a fraction.
  public func frenchExact(minPlaces: Int = 0) -> String {
    guard let places = terminatingPlaces else { return numeratorString + "/" + denominatorString }
    return french(places: max(places, minPlaces))
  }

  /// A rate as a French percentage: 0.035 → `3,5 %` (exact, at least `minPlaces` decimals).
  public func frenchPercent(minPlaces: Int = 0) -> String {
    (self * Rational(100)).frenchExact(minPlaces: minPlaces) + "\u{00A0}%"
  }
}
