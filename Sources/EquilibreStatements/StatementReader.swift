import EquilibreCore

/// Reads a statement file: its format from its first bytes, then, for a CSV export, the layout
/// whose header it carries (or a guess, marked as such). The whole file is read or none of it.
public enum StatementReader {
  /// The statement at `path`, with `layouts` tried in order, or only the one named `forced`.
  public static func read(
    _ path: String, layouts: [StatementLayout] = StatementLayout.shipped, forced: String? = nil
  ) throws
    -> Statement
  {
    let bytes: [UInt8]
    do { bytes = try InputFile.read(path, limit: StatementText.limit) } catch {
      if case .tooLarge = error {
        throw StatementError(
          file: path, line: nil,
          "fichier trop gros (plus de \(StatementText.limit / 1_000_000) Mo) ; trois mois de relevé en font moins d'un")
      }
      throw error
    }
    return try read(bytes: bytes, file: path, layouts: layouts, forced: forced)
  }

  /// The statement in `bytes` (`file` names it in messages).
  public static func read(
    bytes: [UInt8], file: String, layouts: [StatementLayout] = StatementLayout.shipped, forced: String? = nil
  )
    throws(StatementError) -> Statement
  {
    guard bytes.count <= StatementText.limit else {
      throw StatementError(file: file, line: nil, "fichier trop gros (plus de \(StatementText.limit / 1_000_000) Mo)")
    }
    let head = String(decoding: bytes.prefix(512), as: UTF8.self).trimmingPrefix("\u{FEFF}").drop { $0.isWhitespace }
    if head.hasPrefix("OFXHEADER") || head.hasPrefix("<OFX") || (head.hasPrefix("<?") && head.contains("OFX")) {
      return try OFXStatement.read(bytes, file: file)
    }
    if head.hasPrefix("<") {
      guard head.contains("camt.053") else {
        throw StatementError(file: file, line: 1, "fichier XML qui n'est ni un relevé CAMT.053 ni un OFX")
      }
      let (text, used) = try StatementText.decode(bytes, as: .utf8, file: file)
      return try XMLStatement.camt053(text, file: file, encoding: used)
    }
    if let forced {
      guard let layout = layouts.first(where: { $0.id == forced }) else {
        throw StatementError(
          file: file, line: nil, "mise en page « \(forced) » inconnue (connues : \(layouts.map(\.id).joined(separator: ", ")))")
      }
      return try CSVStatement.read(bytes, file: file, layout: layout)
    }
    if let layout = bestLayout(bytes, layouts: layouts, file: file) {
      return try CSVStatement.read(bytes, file: file, layout: layout)
    }
    return try CSVStatement.read(bytes, file: file, layout: LayoutGuess.guess(bytes, file: file))
  }

  /// The layout whose header matches the most columns of the file (nil when none matches). Only
  /// the file's first 60 lines are read for this, once per encoding and separator.
  static func bestLayout(_ bytes: [UInt8], layouts: [StatementLayout], file: String) -> StatementLayout? {
    var best: (StatementLayout, Int)?
    var cache: [String: [[String]]] = [:]
    var newlines = 0
    let end =
      bytes.firstIndex { b in
        if b == 0x0A { newlines += 1 }
        return newlines == 60
      } ?? bytes.endIndex
    let head = Array(bytes[..<end])
    let isUTF8 = String(validating: bytes, as: UTF8.self) != nil
    for layout in layouts {
      let key = "\(isUTF8 ? "utf-8" : layout.encoding.rawValue)|\(layout.separator)"
      let names: [[String]]
      if let n = cache[key] {
        names = n
      } else {
        // Leniently: the header names the layout even when a later byte or quote is broken,
        // which the layout's own reading then refuses with its line. A file saved again in
        // UTF-8 is read as such, whatever the layout says (as the reading does).
        let text =
          layout.encoding == .utf8 || isUTF8
          ? String(decoding: head, as: UTF8.self)
          : String(String.UnicodeScalarView(head.map { StatementText.singleByte($0, layout.encoding) ?? "\u{FFFD}" }))
        guard let r = try? CSVStatement.rows(text, separator: layout.separator, file: file, strict: false) else { continue }
        names = r.prefix(40).map { $0.cells.map(Label.fold) }
        cache[key] = names
      }
      if let (_, columns) = CSVStatement.header(names: names, layout), columns.count > (best?.1 ?? 0) { best = (layout, columns.count) }
    }
    return best?.0
  }
}
