import EquilibreCore

/// The layout of an export no layout file describes, guessed from its header and first lines,
/// and marked as guessed: the counsellor confirms it (or a structure writes its layout file).
enum LayoutGuess {
  /// Header names that say what a column holds, compared folded (``Label/fold(_:)``) and by prefix.
  static let synonyms: [(StatementLayout.Column, [String])] = [
    (.date, ["date operation", "date de l'operation", "date comptable", "date de comptabilisation", "date", "booking date", "dateop"]),
    (.libelle, ["libelle", "description", "label", "intitule", "nature", "operation", "details"]),
    (.montant, ["montant", "amount", "somme", "valeur"]),
    (.debit, ["debit", "sortie", "depense"]),
    (.credit, ["credit", "entree", "recette"]),
    (.frais, ["frais", "fee"]),
    (.devise, ["devise", "currency"]),
  ].map { ($0, $1.map(Label.fold)) }

  static func guess(_ bytes: [UInt8], file: String) throws(StatementError) -> StatementLayout {
    let encoding: StatementLayout.Encoding = String(validating: bytes, as: UTF8.self) != nil ? .utf8 : .windows1252
    let (text, _) = try StatementText.decode(bytes, as: encoding, file: file)
    for separator: Unicode.Scalar in [";", ",", "\t", "|"] {
      guard let rows = try? CSVStatement.rows(text, separator: separator, file: file, strict: false) else { continue }
      for (i, row) in rows.prefix(40).enumerated() where row.cells.count >= 3 {
        var columns: [StatementLayout.Column: [String]] = [:]
        var used: Set<Int> = []
        for (column, names) in synonyms {
          for (k, cell) in row.cells.enumerated() where !used.contains(k) {
            let n = Label.fold(cell)
            if names.contains(where: { n == $0 || n.hasPrefix($0 + " ") }) {
              columns[column] = [cell.trimmingCharacters(in: .whitespaces)]
              used.insert(k)
              break
            }
          }
        }
        guard columns[.date] != nil, columns[.libelle] != nil,
          columns[.montant] != nil || (columns[.debit] != nil && columns[.credit] != nil)
        else { continue }
        let data = rows[(i + 1)...].prefix(20).map(\.cells)
        func values(_ c: StatementLayout.Column) -> [String] {
          guard let name = columns[c]?.first, let k = row.cells.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == name })
          else { return [] }
          return data.compactMap { k < $0.count ? $0[k].trimmingCharacters(in: .whitespaces) : nil }.filter { !$0.isEmpty }
        }
        let iso = values(.date).first.map { $0.count >= 10 && $0.prefix(4).allSatisfy(\.isNumber) } ?? false
        let amounts = values(.montant) + values(.debit) + values(.credit)
        let point = amounts.contains { a in
          a.split(separator: ".").last.map { $0.count <= 2 && a.contains(".") && !a.contains(",") } ?? false
        }
        return StatementLayout(
          id: "devinee", bank: "banque inconnue", source: "devinée à partir de la ligne des colonnes du fichier ; à confirmer",
          separator: separator, encoding: encoding, dateFormat: iso ? .yearMonthDay : .dayMonthYear, decimalComma: !point,
          columns: columns, guessed: true)
      }
    }
    throw StatementError(
      file: file, line: nil,
      "mise en page inconnue : aucune ligne de colonnes avec une date, un libellé et un montant (ou débit et crédit) ; "
        + "décrivez-la dans un fichier de mise en page (voir docs/releves.md)")
  }
}
