import EquilibreCore

/// One line of a bank statement: its date, its label as the bank wrote it, and its amount in
/// exact cents (negative for money going out).
public struct StatementLine: Sendable, Equatable {
  public var date: CivilDate
  public var label: String
  public var cents: Int
  /// The physical line of the file it was read from (first line of a multi-line record).
  public var line: Int
  /// The account's balance after this line, in cents, when the export gives it.
  public var balance: Int?
  /// The file it was read from (set when statements are analysed together).
  public var file: String?

  public init(date: CivilDate, label: String, cents: Int, line: Int, balance: Int? = nil) {
    self.date = date
    self.label = label
    self.cents = cents
    self.line = line
    self.balance = balance
  }

  public var amount: Money { Money(cents: cents) }
}

/// A statement file read whole: its lines in file order, the layout it was read with, and the
/// lines set aside (cancelled or pending operations), each with its reason.
public struct Statement: Sendable, Equatable {
  /// The file's name as given (never its contents in a message).
  public var file: String
  public var format: Format
  /// The layout of a CSV export (nil for OFX and CAMT.053).
  public var layout: StatementLayout?
  /// The account number, when the file gives it.
  public var account: String?
  public var lines: [StatementLine]
  /// Lines read but not counted, with the reason (« opération annulée », …).
  public var setAside: [(line: Int, reason: String)] = []
  /// How the text was decoded (`windows-1252`, or `utf-8` for a file saved again in UTF-8).
  public var encoding: String

  /// The file formats read.
  public enum Format: String, Sendable {
    case csv, ofx, camt053 = "camt.053"
  }

  public init(file: String, format: Format, layout: StatementLayout?, account: String?, lines: [StatementLine], encoding: String) {
    self.file = file
    self.format = format
    self.layout = layout
    self.account = account
    self.lines = lines
    self.encoding = encoding
  }

  /// The first and last dates of its lines.
  public var period: ClosedRange<CivilDate>? {
    guard let lo = lines.map(\.date).min(), let hi = lines.map(\.date).max() else { return nil }
    return lo...hi
  }

  public static func == (a: Statement, b: Statement) -> Bool {
    a.file == b.file && a.format == b.format && a.layout == b.layout && a.account == b.account && a.lines == b.lines
      && a.encoding == b.encoding && a.setAside.map(\.line) == b.setAside.map(\.line)
      && a.setAside.map(\.reason) == b.setAside.map(\.reason)
  }
}
