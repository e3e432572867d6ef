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
    /// For `1.200`: the two readings (1 200 and 1,20), which the user must choose between.
    public let readings: (thousands: Rational, decimal: Rational)?

    public init(text: String, reason: String, readings: (thousands: Rational, decimal: Rational)? = nil) {
      self.text = text
      self.reason = reason
      self.readings = readings
    }

    public static func == (a: ParseError, b: ParseError) -> Bool { a.text == b.text && a.reason == b.reason }

    public var description: String {
      if let r = readings {
        return "« \(text.excerpt) » est ambigu : \(Money(r.thousands).french) ou \(Money(r.decimal).french) ? "
          + "Écrivez \(r.thousands.frenchExact()) ou \(r.decimal.frenchExact(minPlaces: 2)) (virgule décimale)"
      }
      return "« \(text.excerpt) » n'est pas un nombre valide : \(reason)"
    }
  }

  /// For an amount written `1.200` (a dot then exactly three digits, 1 to 3 digits before, not
  /// starting with 0): the two readings. Many French users group thousands with a dot, others
  /// use it as the decimal point, so such an amount is refused rather than guessed.
  public static func ambiguousReadings(_ text: String) -> (thousands: Rational, decimal: Rational)? {
    var t = Substring(text.trimmingSpaces)
    if t.hasSuffix("€") { t = t.dropLast() }
    if t.uppercased().hasSuffix("EUR") { t = t.dropLast(3) }
    t = Substring(String(t).trimmingSpaces)
    if t.first == "-" || t.first == "+" || t.first == "\u{2212}" { t = t.dropFirst() }
    let parts = t.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 2, (1...3).contains(parts[0].count), parts[1].count == 3, parts[0].first != "0",
      parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) })
    else { return nil }
    let negative = text.trimmingSpaces.first == "-" || text.trimmingSpaces.first == "\u{2212}"
    let whole = Rational.fromDigits(String(parts[0]) + String(parts[1]), places: 0, negative: negative)
    let decimal = Rational.fromDigits(String(parts[0]) + String(parts[1]), places: 3, negative: negative)
    return (whole, decimal)
  }

  static let spaces: Set<Character> = [" ", "\u{00A0}", "\u{202F}", "\u{2009}"]

  /// Parses `1234.56`, `1 234,56`, `1234,56 €`, `3,5 %`, `-12`, `+0,5`.
  ///
  /// Thousands may be grouped by spaces (ordinary, no-break or thin) in groups of three. The
  /// decimal separator is a comma or a dot, never both. Anything else is an error.
  public static func parse(_ text: String) throws(ParseError) -> FrenchNumber {
    func fail(_ reason: String) -> ParseError { ParseError(text: text, reason: reason) }
    func isSpace(_ v: Unicode.Scalar) -> Bool {
      v == " " || v == "\t" || v == "\u{00A0}" || v == "\u{202F}" || v == "\u{2009}"
    }
    let all = text.unicodeScalars
    var start = all.startIndex
    var end = all.endIndex
    func trim() {
      while start < end, isSpace(all[start]) { start = all.index(after: start) }
      while start < end, isSpace(all[all.index(before: end)]) { end = all.index(before: end) }
    }
    trim()
    if start == end { throw fail("texte vide") }
    var unit: Unit?
    let last = all[all.index(before: end)]
    if last == "€" {
      unit = .euro
      end = all.index(before: end)
    } else if last == "%" {
      unit = .percent
      end = all.index(before: end)
    } else if all.distance(from: start, to: end) >= 3 {
      let e3 = all.index(end, offsetBy: -3)
      if String(String.UnicodeScalarView(all[e3..<end])).uppercased() == "EUR" {
        unit = .euro
        end = e3
      }
    }
    trim()
    var negative = false
    if start < end, all[start] == "-" || all[start] == "+" || all[start] == "\u{2212}" {
      negative = all[start] != "+"
      start = all.index(after: start)
    }
    if start == end { throw fail("aucun chiffre") }
    // One pass: digits, group separators (spaces), one decimal separator.
    var value = 0  // the digits read so far, while they fit
    var digitCount = 0
    var places = 0
    var separator: Unicode.Scalar?
    var groups: [Int] = [0]  // digit count of each space-separated group of the integer part
    var lastWasSpace = false
    var i = start
    while i < end {
      let v = all[i]
      if v.value >= 48 && v.value <= 57 {
        if digitCount < 18 { value = value * 10 + Int(v.value - 48) }
        digitCount += 1
        if separator != nil { places += 1 } else { groups[groups.count - 1] += 1 }
        lastWasSpace = false
      } else if v == "," || v == "." {
        if let sep = separator {
          throw fail(sep != v ? "virgule et point mélangés ; écrivez 1 234,56 ou 1234.56" : "plusieurs séparateurs décimaux")
        }
        separator = v
        lastWasSpace = false
      } else if isSpace(v) && separator == nil {
        if lastWasSpace || groups.last == 0 { throw fail("espaces mal placées") }
        groups.append(0)
        lastWasSpace = true
      } else if separator != nil {
        throw fail("décimales invalides")
      } else {
        throw fail("caractère inattendu « \(String(v).excerpt) »")
      }
      i = all.index(after: i)
    }
    if separator != nil && places == 0 { throw fail("aucun chiffre après le séparateur décimal") }
    if groups[0] == 0 { throw fail(separator != nil ? "aucun chiffre avant le séparateur décimal" : "aucun chiffre") }
    if lastWasSpace { throw fail("espaces mal placées") }
    if groups.count > 1 && (groups[0] > 3 || groups.dropFirst().contains { $0 != 3 }) {
      throw fail("les milliers se groupent par trois chiffres")
    }
    let result: Rational
    if digitCount <= 18 {
      var scale = 1
      for _ in 0..<places { scale *= 10 }
      result = Rational(negative ? -value : value, scale)
    } else {
      var digits = ""
      digits.unicodeScalars.append(contentsOf: all[start..<end].filter { $0.value >= 48 && $0.value <= 57 })
      result = Rational.fromDigits(digits, places: places, negative: negative)
    }
    return FrenchNumber(value: result, unit: unit)
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
