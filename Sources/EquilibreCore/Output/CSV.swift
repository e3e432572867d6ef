/// CSV as RFC 4180 writes it, safe to open in a spreadsheet.
///
/// - Fields holding either separator (`,` or `;`), a quote, CR or LF are quoted, quotes doubled;
///   lines end in CRLF.
/// - A text cell starting with `=`, `+`, `-`, `@`, TAB or CR would be read as a formula by a
///   spreadsheet: it is prefixed with `'` (OWASP's advice). Numbers are never altered.
/// - Control and bidi characters in text are neutralised (``TextSafety``).
/// - ``Dialect/excel``: `;` separator, decimal comma and a UTF-8 byte-order mark, as French Excel
///   and LibreOffice expect.
public struct CSV: Sendable {
  public struct Dialect: Sendable, Equatable {
    public let separator: Character
    public let decimalComma: Bool
    public let byteOrderMark: Bool

    /// `,` separator, decimal point, no byte-order mark.
    public static let standard = Dialect(separator: ",", decimalComma: false, byteOrderMark: false)
    /// `;` separator, decimal comma, UTF-8 byte-order mark.
    public static let excel = Dialect(separator: ";", decimalComma: true, byteOrderMark: true)
  }

  /// A cell: free text, or a number written the plain way (`-1234.56`).
  public enum Cell: Sendable, Equatable {
    case text(String)
    case number(String)
  }

  public let dialect: Dialect
  private var lines: [String] = []

  public init(_ dialect: Dialect = .standard) { self.dialect = dialect }

  public mutating func row(_ cells: [Cell]) {
    lines.append(cells.map(render).joined(separator: String(dialect.separator)))
  }

  /// A header row (always text).
  public mutating func header(_ names: [String]) { row(names.map(Cell.text)) }

  /// The whole file.
  public var text: String {
    (dialect.byteOrderMark ? "\u{FEFF}" : "") + lines.map { $0 + "\r\n" }.joined()
  }

  static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

  func render(_ cell: Cell) -> String {
    switch cell {
    case .number(let plain):
      if CSV.isPlainNumber(plain) { return dialect.decimalComma ? plain.replacingDots() : plain }
      return render(.text(plain))
    case .text(var s):
      if let first = s.first, CSV.formulaStarts.contains(first) { s = "'" + s }
      s = TextSafety.neutralized(s)
      // Both separators are quoted whatever the dialect: the same file may be opened by a French
      // spreadsheet (`;`) or another (`,`). Scalars, not characters: CRLF is one character.
      if s.unicodeScalars.contains(where: { $0 == ";" || $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
        return "\"" + s.replacingQuotes() + "\""
      }
      return s
    }
  }

  /// `-?digits(.digits)?`
  static func isPlainNumber(_ s: String) -> Bool {
    var body = Substring(s)
    if body.first == "-" { body = body.dropFirst() }
    let parts = body.split(separator: ".", omittingEmptySubsequences: false)
    return (1...2).contains(parts.count) && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }
  }
}

extension String {
  fileprivate func replacingDots() -> String { String(map { $0 == "." ? "," : $0 }) }
  fileprivate func replacingQuotes() -> String {
    var out = ""
    for ch in self {
      if ch == "\"" { out += "\"\"" } else { out.append(ch) }
    }
    return out
  }
}
