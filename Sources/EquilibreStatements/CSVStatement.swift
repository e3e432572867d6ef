import CSV
import EquilibreCore
import Foundation

/// A bank's CSV export read with a layout: the header line is found by its column names, the
/// lines above it give the account, and every line below is a dated amount or a refusal.
public enum CSVStatement {
  /// One record of the file with the physical line it starts on.
  struct Row {
    var cells: [String]
    var line: Int
  }

  /// The records of `text`, read by CSV.swift, each with its first line. A quote left open
  /// (a record that swallows the rest of the file) is refused with its line.
  /// `strict: false` only to look for a header: nothing is refused then.
  static func rows(_ text: String, separator: Unicode.Scalar, file: String, strict: Bool = true) throws(StatementError) -> [Row] {
    let reader: CSVReader
    do {
      reader = try CSVReader(string: text, hasHeaderRow: false, trimFields: false, delimiter: separator)
    } catch {
      throw StatementError(file: file, line: 1, "fichier CSV illisible")
    }
    var out: [Row] = []
    var line = 1
    while let cells = reader.next() {
      var newlines = 0
      for cell in cells where cell.utf8.contains(0x0A) || cell.utf8.contains(0x0D) {
        // A field over several lines is allowed (a long label), not one that holds separators too.
        if strict && (cell.unicodeScalars.contains(separator) || cell.utf8.count > 2_000) {
          throw StatementError(file: file, line: line, "guillemet ouvert et jamais refermé : le reste du fichier serait un seul champ")
        }
        newlines += lineBreaks(cell)
      }
      out.append(Row(cells: cells, line: line))
      line += 1 + newlines
    }
    if let e = reader.error { throw StatementError(file: file, line: line, "fichier CSV illisible (\(e))") }
    return out
  }

  /// Line breaks in a field: CRLF, LF or CR alone, each one.
  static func lineBreaks(_ s: String) -> Int {
    var n = 0
    var lastCR = false
    for b in s.utf8 {
      if b == 0x0D {
        n += 1
        lastCR = true
      } else {
        if b == 0x0A && !lastCR { n += 1 }
        lastCR = false
      }
    }
    return n
  }

  /// `s` without the white space around it (the standard library's, not Foundation's: per cell).
  static func trimmed(_ s: String) -> String {
    guard let first = s.first, let last = s.last, first.isWhitespace || last.isWhitespace else { return s }
    return String(s.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
  }

  /// Where the layout's header is: the row's index and each column's position.
  static func header(_ rows: [Row], _ layout: StatementLayout) -> (index: Int, columns: [StatementLayout.Column: Int])? {
    header(names: rows.prefix(40).map { $0.cells.map(Label.fold) }, layout)
  }

  /// The same, on the first rows' cells already normalised (tried against every layout).
  static func header(names rows: [[String]], _ layout: StatementLayout) -> (index: Int, columns: [StatementLayout.Column: Int])? {
    let wanted = layout.columns.mapValues { $0.map(Label.fold) }
    for (i, names) in rows.enumerated() {
      var found: [StatementLayout.Column: Int] = [:]
      for (column, candidates) in wanted {
        for c in candidates {
          if let k = names.firstIndex(of: c), !found.values.contains(k) {
            found[column] = k
            break
          }
        }
      }
      let amounts = found[.montant] != nil || (found[.debit] != nil && found[.credit] != nil)
      if found[.date] != nil && found[.libelle] != nil && amounts { return (i, found) }
    }
    return nil
  }

  /// The statement in `bytes`, read with `layout`.
  public static func read(_ bytes: [UInt8], file: String, layout: StatementLayout) throws(StatementError) -> Statement {
    let (text, encoding) = try StatementText.decode(bytes, as: layout.encoding, file: file)
    let rows = try rows(text, separator: layout.separator, file: file)
    guard let (h, columns) = header(rows, layout) else {
      throw StatementError(
        file: file, line: nil,
        "ligne des colonnes de la mise en page « \(layout.id) » introuvable (attendu : \(layout.columns[.date]?.first ?? "Date"), \(layout.columns[.libelle]?.first ?? "Libellé")…)"
      )
    }
    var account = preambleAccount(rows[..<h], layout)
    var lines: [StatementLine] = []
    var setAside: [(Int, String)] = []
    let kept = Set(layout.keptStates.map(Label.fold))
    for row in rows[(h + 1)...] {
      if row.cells.allSatisfy({ $0.allSatisfy(\.isWhitespace) }) { continue }
      func cell(_ c: StatementLayout.Column) -> String? {
        guard let k = columns[c] else { return nil }
        return k < row.cells.count ? trimmed(row.cells[k]) : ""
      }
      func fail(_ c: StatementLayout.Column, _ message: String) -> StatementError {
        let name = layout.columns[c]?.first ?? c.rawValue
        return StatementError(file: file, line: row.line, "colonne « \(name) » : \(message)")
      }
      if let state = cell(.etat), !kept.isEmpty, !kept.contains(Label.fold(state)) {
        setAside.append((row.line, "opération à l'état « \(state.excerpt) », non comptée"))
        continue
      }
      if let currency = cell(.devise), !currency.isEmpty, Label.fold(currency) != "EUR" {
        throw fail(.devise, "devise « \(currency.excerpt) » : seuls les comptes en euros sont lus")
      }
      let dateText = cell(.date) ?? ""
      guard let date = StatementValues.date(dateText, layout.dateFormat) else {
        throw fail(
          .date, dateText.isEmpty ? "date absente" : "date illisible « \(dateText.excerpt) » (attendu \(layout.dateFormat.rawValue))")
      }
      var label = cell(.libelle) ?? ""
      // The detail completes the label, unless one already holds the other.
      if let detail = cell(.detail), !detail.isEmpty {
        let (l, d) = (Label.fold(label), Label.fold(detail))
        if Label.holds(d, l) || l.isEmpty {
          label = detail
        } else if !Label.holds(l, d) {
          label += " " + detail
        }
      }
      label = label.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
      if let why = StatementValues.formulaLike(label) { throw fail(.libelle, why) }
      func amount(_ c: StatementLayout.Column, _ text: String) throws(StatementError) -> Int {
        do {
          return try StatementValues.cents(text, decimalComma: layout.decimalComma)
        } catch {
          throw fail(c, "montant illisible « \(text.excerpt) » (\(error.message))")
        }
      }
      var cents: Int
      if let m = cell(.montant), columns[.debit] == nil || !m.isEmpty {
        guard !m.isEmpty else { throw fail(.montant, "montant absent") }
        cents = try amount(.montant, m)
      } else {
        let d = cell(.debit) ?? ""
        let c = cell(.credit) ?? ""
        guard !d.isEmpty || !c.isEmpty else { throw fail(.debit, "ni débit ni crédit sur cette ligne") }
        cents = (c.isEmpty ? 0 : abs(try amount(.credit, c))) - (d.isEmpty ? 0 : abs(try amount(.debit, d)))
      }
      if let f = cell(.frais), !f.isEmpty { cents -= abs(try amount(.frais, f)) }
      if account == nil, let a = cell(.compte), !a.isEmpty { account = a }
      var balance: Int?
      if let b = cell(.solde), !b.isEmpty { balance = try amount(.solde, b) }
      lines.append(StatementLine(date: date, label: label, cents: cents, line: row.line, balance: balance))
    }
    guard !lines.isEmpty else { throw StatementError(file: file, line: nil, "aucune opération sous la ligne des colonnes") }
    var s = Statement(file: file, format: .csv, layout: layout, account: account, lines: lines, encoding: encoding)
    s.setAside = setAside
    return s
  }

  /// The account number written above the header: after one of the layout's labels, or as a
  /// spreadsheet text cell `="…"`.
  static func preambleAccount(_ rows: ArraySlice<Row>, _ layout: StatementLayout) -> String? {
    let labels = Set(layout.accountLabels.map(Label.fold))
    for row in rows {
      for (k, cell) in row.cells.enumerated() {
        let t = cell.trimmingCharacters(in: .whitespaces)
        if t.hasPrefix("=\"") && t.hasSuffix("\"") && t.count > 3 { return String(t.dropFirst(2).dropLast()) }
        let folded = Label.fold(t)
        if labels.contains(folded) || labels.contains(where: { !$0.isEmpty && folded.hasPrefix($0 + " ") }) {
          if let next = row.cells[(k + 1)...].first(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            return next.trimmingCharacters(in: .whitespaces)
          }
          if let colon = t.firstIndex(of: ":") {
            let rest = t[t.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if !rest.isEmpty { return rest }
          }
        }
      }
    }
    return nil
  }
}
