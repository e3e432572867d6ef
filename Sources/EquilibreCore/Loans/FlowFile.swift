/// A CSV file of credit flows for the TAEG, as a counsellor writes it:
///
///     date;type;montant
///     2001-01-01;pret;1 000
///     2002-07-01;remboursement;1 200
///
/// The first column is either `date` (AAAA-MM-JJ or JJ/MM/AAAA: day counts, 365/366-day years)
/// or `mois` (normalised months after the first drawdown). `type` is `pret` (sum made
/// available), `remboursement` or `frais` (paid by the borrower). The separator is `;` or `,`.
/// Lines starting with `#` and blank lines are ignored.
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
    var header: [String]?
    var separator: Character = ";"
    var dated: [APR.DatedFlow] = []
    var datedLines: [Int] = []
    var monthly: [APR.PeriodicFlow] = []
    var byMonth = false
    for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let lineNo = offset + 1
      let line = String(raw).trimmingSpaces
      if line.isEmpty || line.hasPrefix("#") { continue }
      if header == nil {
        separator = line.contains(";") ? ";" : ","
        let cols = line.split(separator: separator).map { String($0).trimmingSpaces.lowercased() }
        guard cols.count == 3, cols[0] == "date" || cols[0] == "mois", cols[1] == "type", cols[2] == "montant"
        else {
          throw ParseError(
            line: lineNo, field: "en-tête", message: "en-tête attendu : date;type;montant (ou mois;type;montant)")
        }
        byMonth = cols[0] == "mois"
        header = cols
        continue
      }
      let cells = line.split(separator: separator, omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
      guard cells.count == 3 else {
        throw ParseError(line: lineNo, field: "ligne", message: "3 colonnes attendues, \(cells.count) trouvées")
      }
      let sign: Int
      switch cells[1].lowercased() {
      case "pret", "prêt", "tirage": sign = -1
      case "remboursement", "echeance", "échéance", "frais": sign = 1
      default:
        throw ParseError(line: lineNo, field: "type", message: "« \(cells[1]) » : attendu pret, remboursement ou frais")
      }
      let amount: Money
      do { amount = try Money(french: cells[2]) } catch {
        throw ParseError(line: lineNo, field: "montant", message: error.description)
      }
      guard !amount.isNegative, let cents = amount.exactCents else {
        throw ParseError(line: lineNo, field: "montant", message: "montant positif en centimes entiers attendu")
      }
      if byMonth {
        guard let m = Int(cells[0]), m >= 0, m <= 12 * 100 else {
          throw ParseError(line: lineNo, field: "mois", message: "« \(cells[0]) » : nombre de mois entre 0 et 1200 attendu")
        }
        monthly.append(APR.PeriodicFlow(index: m, cents: sign * cents))
      } else {
        guard let d = CivilDate(cells[0]) else {
          throw ParseError(line: lineNo, field: "date", message: "« \(cells[0]) » : date invalide (AAAA-MM-JJ)")
        }
        dated.append(APR.DatedFlow(date: d, cents: sign * cents))
        datedLines.append(lineNo)
      }
    }
    guard header != nil else { throw ParseError(line: 1, field: "en-tête", message: "fichier vide") }
    if byMonth { return .monthly(monthly) }
    if let origin = dated.filter({ $0.cents < 0 }).map(\.date).min(),
      let early = dated.firstIndex(where: { $0.date < origin })
    {
      throw ParseError(
        line: datedLines[early], field: "date",
        message: "le flux du \(dated[early].date) précède le premier prêt (\(origin))")
    }
    return .dated(dated)
  }
}
