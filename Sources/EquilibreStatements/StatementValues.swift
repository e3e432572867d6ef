import EquilibreCore

/// The values of a statement's cells: amounts in exact cents, dates, and labels checked for
/// spreadsheet formulas.
enum StatementValues {
  struct AmountError: Error {
    let message: String
  }

  /// An amount as banks write it (`-1 234,56`, `1.234,56 €`, `+12.50`, `45,00-`), in cents.
  static func cents(_ text: String, decimalComma: Bool) throws(AmountError) -> Int {
    func isSpace(_ c: Character) -> Bool { c.isWhitespace || c == "\u{00A0}" || c == "\u{202F}" }
    var s = Substring(text).drop(while: isSpace)
    while let l = s.last, isSpace(l) { s = s.dropLast() }
    for suffix in ["€", "EUR", "eur"] where s.hasSuffix(suffix) { s = s.dropLast(suffix.count) }
    while let l = s.last, isSpace(l) { s = s.dropLast() }
    var negative = false
    if let f = s.first, f == "-" || f == "+" || f == "\u{2212}" {
      negative = f != "+"
      s = s.dropFirst().drop(while: isSpace)
    } else if s.last == "-" {
      negative = true
      s = s.dropLast()
    }
    let (decimal, grouping): (Character, Character) = decimalComma ? (",", ".") : (".", ",")
    let parts = s.split(separator: decimal, omittingEmptySubsequences: false)
    guard parts.count <= 2, let whole = parts.first, !whole.isEmpty || parts.count == 2 else {
      throw AmountError(message: "nombre attendu")
    }
    // Thousands are grouped by the layout's separator or by spaces, in groups of three.
    let groups = whole.split(omittingEmptySubsequences: false, whereSeparator: { $0 == grouping || isSpace($0) })
    guard groups.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) || whole.isEmpty,
      groups.count == 1 || (groups.first!.count <= 3 && groups.dropFirst().allSatisfy { $0.count == 3 })
    else { throw AmountError(message: "nombre attendu") }
    let digits = groups.joined()
    guard digits.count <= 10 else { throw AmountError(message: "montant hors de portée") }
    var fraction = parts.count == 2 ? String(parts[1]) : ""
    guard fraction.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw AmountError(message: "nombre attendu") }
    while fraction.count > 2 && fraction.hasSuffix("0") { fraction.removeLast() }
    guard fraction.count <= 2 else { throw AmountError(message: "plus de deux décimales") }
    let euros = Int(digits.isEmpty ? "0" : digits)!
    let cents = euros * 100 + Int(fraction.padding(toLength: 2, withPad: "0", startingAt: 0))!
    guard cents <= Money.maximumInputCents else { throw AmountError(message: "montant hors de portée") }
    return negative ? -cents : cents
  }

  /// A date in the layout's order (`/`, `-` or `.` between parts; a two-digit year is 20xx; a
  /// time after the date is ignored), between 2000 and 2099.
  static func date(_ text: String, _ format: StatementLayout.DateFormat) -> CivilDate? {
    let head = text.prefix { $0 != " " && $0 != "T" }
    let parts = head.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "." }).map { Int($0) }
    guard parts.count == 3, let a = parts[0], let b = parts[1], var c = parts[2] else { return nil }
    let (y, m, d): (Int, Int, Int)
    switch format {
    case .dayMonthYear:
      if head.split(whereSeparator: { "/-.".contains($0) }).last!.count == 2 { c += 2000 }
      (y, m, d) = (c, b, a)
    case .yearMonthDay:
      (y, m, d) = (a, b, c)
    }
    guard (2000...2099).contains(y) else { return nil }
    return CivilDate(year: y, month: m, day: d)
  }

  /// Why a label looks like a spreadsheet formula (nil when it does not): a bank never writes
  /// one, and a file that holds one is refused rather than carried into a table.
  static func formulaLike(_ label: String) -> String? {
    guard let first = label.first else { return nil }
    let second = label.dropFirst().first
    let risky = first == "=" || first == "@" || ((first == "+" || first == "-") && second.map { !$0.isWhitespace } == true)
    return risky ? "libellé qui commence par « \(first) » comme une formule de tableur : un relevé de banque n'en contient pas" : nil
  }
}
