import EquilibreCore
import Foundation
import SWXMLHash

/// The XML statements: CAMT.053 (ISO 20022) and OFX (2.x in XML, 1.x in SGML made XML by
/// closing its leaf tags), read with SWXMLHash. A document type declaration or an entity is
/// refused before any parsing: no external entity is ever fetched or expanded.
enum XMLStatement {
  /// Refuses `<!DOCTYPE` and `<!ENTITY`, with their line.
  static func refuseDeclarations(_ text: String, file: String) throws(StatementError) {
    for word in ["<!DOCTYPE", "<!ENTITY"] {
      if let r = text.range(of: word, options: .caseInsensitive) {
        throw StatementError(
          file: file, line: line(of: r.lowerBound, in: text),
          "déclaration « \(word.dropFirst(2)) » refusée : un relevé n'en a pas besoin, et elle peut faire lire d'autres fichiers")
      }
    }
  }

  static func line(of index: String.Index, in text: String) -> Int {
    1 + text[..<index].utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
  }

  /// The line of each occurrence of `tag` (`<Ntry`), in order.
  static func lines(of tag: String, in text: String) -> [Int] {
    var out: [Int] = []
    var line = 1
    var i = text.startIndex
    let u = text.utf8
    let first = tag.utf8.first!
    while i < text.endIndex {
      let b = u[i]
      if b == 0x0A {
        line += 1
      } else if b == first, u[i...].starts(with: tag.utf8) {
        let after = u.index(i, offsetBy: tag.utf8.count)
        if after == u.endIndex || u[after] == UInt8(ascii: ">") || u[after] == UInt8(ascii: " ") { out.append(line) }
      }
      i = u.index(after: i)
    }
    return out
  }

  static func parse(_ text: String, file: String) throws(StatementError) -> XMLIndexer {
    let xml = XMLHash.config {
      $0.detectParsingErrors = true
      $0.shouldProcessNamespaces = true
    }.parse(Data(text.utf8))
    if case .parsingError(let e) = xml {
      throw StatementError(file: file, line: e.line, "XML mal formé (colonne \(e.column))")
    }
    return xml
  }

  /// An amount written with a point (or a comma), in cents.
  static func cents(_ text: String?, file: String, line: Int) throws(StatementError) -> Int {
    let t = (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    do {
      return try StatementValues.cents(t, decimalComma: t.contains(",") && !t.contains("."))
    } catch {
      throw StatementError(file: file, line: line, "montant illisible « \(t.excerpt) » (\(error.message))")
    }
  }

  // MARK: CAMT.053

  static func camt053(_ text: String, file: String, encoding: String) throws(StatementError) -> Statement {
    try refuseDeclarations(text, file: file)
    let xml = try parse(text, file: file)
    let statements = xml["Document"]["BkToCstmrStmt"]["Stmt"].all
    guard !statements.isEmpty else { throw StatementError(file: file, line: nil, "CAMT.053 sans relevé (élément Stmt absent)") }
    let entryLines = (lines(of: "<Ntry", in: text) + lines(of: "<camt:Ntry", in: text)).sorted()
    var lines: [StatementLine] = []
    var account: String?
    var k = 0
    for stmt in statements {
      account = account ?? stmt["Acct"]["Id"]["IBAN"].element?.text ?? stmt["Acct"]["Id"]["Othr"]["Id"].element?.text
      for entry in stmt["Ntry"].all {
        let line = k < entryLines.count ? entryLines[k] : 1
        k += 1
        // Only booked entries count (`<Sts>BOOK</Sts>`, or `<Sts><Cd>BOOK</Cd></Sts>` in later versions).
        let own = entry["Sts"].element?.text.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let status = own.isEmpty ? entry["Sts"]["Cd"].element?.text.trimmingCharacters(in: .whitespacesAndNewlines) : own
        if entry["Sts"].element != nil && status != "BOOK" { continue }
        let amountElement = entry["Amt"].element
        if let ccy = amountElement?.attribute(by: "Ccy")?.text, ccy != "EUR" {
          throw StatementError(file: file, line: line, "devise « \(ccy.excerpt) » : seuls les comptes en euros sont lus")
        }
        var cents = try cents(amountElement?.text, file: file, line: line)
        switch entry["CdtDbtInd"].element?.text.trimmingCharacters(in: .whitespaces) {
        case "DBIT": cents = -abs(cents)
        case "CRDT": cents = abs(cents)
        default: throw StatementError(file: file, line: line, "sens de l'écriture (CdtDbtInd) absent ou inconnu")
        }
        let dateText = entry["BookgDt"]["Dt"].element?.text ?? entry["BookgDt"]["DtTm"].element?.text ?? ""
        guard let date = StatementValues.date(dateText, .yearMonthDay) else {
          throw StatementError(file: file, line: line, "date de comptabilisation illisible « \(dateText.excerpt) »")
        }
        let details = entry["NtryDtls"]["TxDtls"]
        let party = cents < 0 ? details["RltdPties"]["Cdtr"]["Nm"] : details["RltdPties"]["Dbtr"]["Nm"]
        let parts = [entry["AddtlNtryInf"].element?.text, party.element?.text, details["RmtInf"]["Ustrd"].element?.text]
        var label = ""
        for p in parts.compactMap({ $0?.trimmingCharacters(in: .whitespacesAndNewlines) }) where !p.isEmpty && !label.contains(p) {
          label += (label.isEmpty ? "" : " ") + p
        }
        label = label.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if let why = StatementValues.formulaLike(label) { throw StatementError(file: file, line: line, why) }
        lines.append(StatementLine(date: date, label: label, cents: cents, line: line))
      }
    }
    guard !lines.isEmpty else { throw StatementError(file: file, line: nil, "aucune écriture comptabilisée (Ntry) dans ce relevé") }
    return Statement(file: file, format: .camt053, layout: nil, account: account, lines: lines, encoding: encoding)
  }
}
