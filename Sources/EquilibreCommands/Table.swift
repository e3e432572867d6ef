/// Aligned text tables for the terminal.
enum Table {
  /// Columns right-aligned (figures) except those in `leftAligned` (labels).
  static func render(header: [String], rows: [[String]], leftAligned: Set<Int> = []) -> String {
    var widths = header.map(\.count)
    for r in rows { for (i, c) in r.enumerated() { widths[i] = max(widths[i], c.count) } }
    func line(_ cells: [String]) -> String {
      cells.enumerated().map { i, c in
        let pad = String(repeating: " ", count: widths[i] - c.count)
        return leftAligned.contains(i) ? c + pad : pad + c
      }.joined(separator: "  ").trailingSpacesTrimmed
    }
    return ([line(header)] + rows.map(line)).joined(separator: "\n") + "\n"
  }

  static func keyValues(_ pairs: [(String, String)]) -> String {
    let w = pairs.map(\.0.count).max() ?? 0
    return pairs.map { "  " + $0.0 + String(repeating: " ", count: w - $0.0.count + 2) + $0.1 }.joined(separator: "\n") + "\n"
  }
}

extension String {
  var trailingSpacesTrimmed: String {
    var s = self
    while s.last == " " { s.removeLast() }
    return s
  }
}
