/// A CSV file of credit flows for the TAEG, as a counsellor writes it:
///
///     date;type;montant
///     2001-01-01;pret;1 000
///     2002-07-01;remboursement;1 200
///
/// The first column is either `date` (AAAA-MM-JJ or JJ/MM/AAAA: day counts, 365/366-day years)
/// or `mois` (normalised months after the first drawdown). `type` is `pret` (sum made
/// available), `remboursement` or `frais` (paid by the borrower). The separator is `;` or `,`.
/// Lines starting with `#` and blank lines are ignored. Line ends may be LF, CRLF or CR (a file
/// saved by Excel on Windows or an old Mac).
public enum FlowFile {
  public enum Content: Sendable, Equatable {
    case dated([APR.DatedFlow])
    case monthly([APR.PeriodicFlow])
  }

  /// A problem at a line and field of the file.
  public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public let line: Int
    public let field: String
    public let message: String
    public var description: String { "ligne \(line), champ « \(field) » : \(message)" }
  }

  public static func parse(_ text: String) throws(ParseError) -> Content {
    // Work on bytes: 100 000 lines are read in a few milliseconds. Unusual cells (accents,
    // spaces in amounts, JJ/MM/AAAA dates) go through the general French parsers.
    var bytes = Array(text.utf8)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
    var header = false
    var separator: UInt8 = UInt8(ascii: ";")
    var dated: [APR.DatedFlow] = []
    var datedLines: [Int] = []
    var monthly: [APR.PeriodicFlow] = []
    var byMonth = false
    var lineNo = 0
    var i = 0
    let n = bytes.count
    while i < n || (i == n && lineNo == 0) {
      // One line: up to LF, CR or CRLF.
      lineNo += 1
      var j = i
      while j < n && bytes[j] != 0x0A && bytes[j] != 0x0D { j += 1 }
      var lineRange = trimmed(bytes, i, j)
      i = j < n && bytes[j] == 0x0D && j + 1 < n && bytes[j + 1] == 0x0A ? j + 2 : j + 1
      if lineRange.isEmpty || bytes[lineRange.lowerBound] == UInt8(ascii: "#") {
        if i > n { break }
        continue
      }
      if !header {
        let line = String(decoding: bytes[lineRange], as: UTF8.self)
        separator = line.contains(";") ? UInt8(ascii: ";") : UInt8(ascii: ",")
        let cols = line.split(separator: Character(Unicode.Scalar(separator))).map { String($0).trimmingSpaces.lowercased() }
        guard cols.count == 3, cols[0] == "date" || cols[0] == "mois", cols[1] == "type", cols[2] == "montant"
        else {
          throw ParseError(
            line: lineNo, field: "en-tête", message: "en-tête attendu : date;type;montant (ou mois;type;montant)")
        }
        byMonth = cols[0] == "mois"
        header = true
        continue
      }
      // Three cells (kept in a fixed-size tuple: no allocation per line).
      var cells = (0..<0, 0..<0, 0..<0)
      var count = 0
      var k = lineRange.lowerBound
      var cellStart = k
      while k <= lineRange.upperBound {
        if k == lineRange.upperBound || bytes[k] == separator {
          let cell = trimmed(bytes, cellStart, k)
          switch count {
          case 0: cells.0 = cell
          case 1: cells.1 = cell
          case 2: cells.2 = cell
          default: break
          }
          count += 1
          cellStart = k + 1
        }
        k += 1
      }
      guard count == 3 else {
        throw ParseError(line: lineNo, field: "ligne", message: "3 colonnes attendues, \(count) trouvées")
      }
      lineRange = lineRange.lowerBound..<lineRange.upperBound
      func text(_ r: Range<Int>) -> String { String(decoding: bytes[r], as: UTF8.self) }
      let sign: Int
      if let known = flowSign(bytes[cells.1]) {
        sign = known
      } else {
        switch text(cells.1).lowercased() {
        case "pret", "prêt", "tirage": sign = -1
        case "remboursement", "echeance", "échéance", "frais": sign = 1
        default:
          throw ParseError(line: lineNo, field: "type", message: "« \(text(cells.1).excerpt) » : attendu pret, remboursement ou frais")
        }
      }
      let cents: Int
      let tooLarge = "montant hors de portée : au plus \(Money(euros: Money.maximumInputEuros).french)"
      if let c = plainCents(bytes[cells.2]) {
        cents = c
      } else {
        // A cell longer than any amount in range is refused before it is read as a number.
        guard cells.2.count <= 40 else {
          throw ParseError(line: lineNo, field: "montant", message: "montant illisible : 40 caractères au plus (\(tooLarge))")
        }
        let amount: Money
        do { amount = try Money(french: text(cells.2)) } catch {
          throw ParseError(line: lineNo, field: "montant", message: error.description)
        }
        guard amount.value.magnitude <= Rational(Money.maximumInputEuros) else {
          throw ParseError(line: lineNo, field: "montant", message: tooLarge)
        }
        guard !amount.isNegative, let c = amount.exactCents else {
          throw ParseError(line: lineNo, field: "montant", message: "montant positif en centimes entiers attendu")
        }
        cents = c
      }
      guard cents <= Money.maximumInputCents else {
        throw ParseError(line: lineNo, field: "montant", message: tooLarge)
      }
      if byMonth {
        guard let m = Int(text(cells.0)), m >= 0, m <= 12 * 100 else {
          throw ParseError(line: lineNo, field: "mois", message: "« \(text(cells.0).excerpt) » : nombre de mois entre 0 et 1200 attendu")
        }
        monthly.append(APR.PeriodicFlow(index: m, cents: sign * cents))
      } else {
        guard let d = isoDate(bytes[cells.0]) ?? CivilDate(text(cells.0)) else {
          throw ParseError(line: lineNo, field: "date", message: "« \(text(cells.0).excerpt) » : date invalide (AAAA-MM-JJ)")
        }
        guard CivilDate.inputYears.contains(d.year) else {
          throw ParseError(
            line: lineNo, field: "date",
            message:
              "« \(text(cells.0).excerpt) » : date hors de portée (années \(CivilDate.inputYears.lowerBound) à \(CivilDate.inputYears.upperBound))"
          )
        }
        dated.append(APR.DatedFlow(date: d, cents: sign * cents))
        datedLines.append(lineNo)
      }
      if i > n { break }
    }
    guard header else { throw ParseError(line: 1, field: "en-tête", message: "fichier vide") }
    if byMonth { return .monthly(monthly) }
    if let origin = dated.lazy.filter({ $0.cents < 0 }).map(\.date.dayNumber).min(),
      let early = dated.firstIndex(where: { $0.date.dayNumber < origin })
    {
      let origin = CivilDate(dayNumber: origin)
      throw ParseError(
        line: datedLines[early], field: "date",
        message: "le flux du \(dated[early].date) précède le premier prêt (\(origin))")
    }
    return .dated(dated)
  }

  /// `bytes[from..<to]` without ASCII spaces, tabs and no-break spaces at either end.
  static func trimmed(_ b: [UInt8], _ from: Int, _ to: Int) -> Range<Int> {
    var s = from
    var e = to
    while s < e {
      if b[s] == 0x20 || b[s] == 0x09 { s += 1 } else if b[s] == 0xC2, s + 1 < e, b[s + 1] == 0xA0 { s += 2 } else { break }
    }
    while e > s {
      if b[e - 1] == 0x20 || b[e - 1] == 0x09 { e -= 1 } else if e - 2 >= s, b[e - 2] == 0xC2, b[e - 1] == 0xA0 { e -= 2 } else { break }
    }
    return s..<e
  }

  /// −1 for `pret`/`tirage`, +1 for `remboursement`/`echeance`/`frais` in ASCII letters of any
  /// case; nil for anything else, left to the general path (accents, unknown words).
  static func flowSign(_ cell: ArraySlice<UInt8>) -> Int? {
    func matches(_ word: StaticString) -> Bool {
      guard cell.count == word.utf8CodeUnitCount else { return false }
      var p = word.utf8Start
      for c in cell {
        guard (c >= 65 && c <= 90 ? c + 32 : c) == p.pointee else { return false }
        p += 1
      }
      return true
    }
    if matches("pret") || matches("tirage") { return -1 }
    if matches("remboursement") || matches("echeance") || matches("frais") { return 1 }
    return nil
  }

  /// Cents of `1234`, `1234,5` or `1234.56` (digits, at most 2 decimals, at most 13 digits);
  /// nil for anything else, left to ``Money/init(french:)``.
  static func plainCents(_ cell: ArraySlice<UInt8>) -> Int? {
    var value = 0
    var digits = 0
    var places = -1
    for c in cell {
      if c >= 48 && c <= 57 {
        // Beyond 13 digits the general path answers (and refuses what is out of range):
        // the running value never overflows.
        guard digits < 13 else { return nil }
        value = value * 10 + Int(c - 48)
        digits += 1
        if places >= 0 { places += 1 }
      } else if (c == 44 || c == 46) && places < 0 {
        places = 0
      } else {
        return nil
      }
    }
    guard digits > 0, digits <= 13, places != 0, places <= 2 else { return nil }
    return places == 2 ? value : places == 1 ? value * 10 : value * 100
  }

  /// `AAAA-MM-JJ` read from bytes.
  static func isoDate(_ cell: ArraySlice<UInt8>) -> CivilDate? {
    guard cell.count == 10 else { return nil }
    let s = cell.startIndex
    guard cell[s + 4] == 45, cell[s + 7] == 45 else { return nil }
    func number(_ from: Int, _ to: Int) -> Int? {
      var v = 0
      for k in (s + from)..<(s + to) {
        let c = cell[k]
        guard c >= 48 && c <= 57 else { return nil }
        v = v * 10 + Int(c - 48)
      }
      return v
    }
    guard let y = number(0, 4), let m = number(5, 7), let d = number(8, 10) else { return nil }
    return CivilDate(year: y, month: m, day: d)
  }
}
