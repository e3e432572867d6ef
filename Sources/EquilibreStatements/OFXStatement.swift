import EquilibreCore
import SWXMLHash

/// OFX and QFX, the « Money » export of most French banks: version 1.x is SGML (leaf tags left
/// open), made XML by closing them, then read like version 2.x with SWXMLHash.
enum OFXStatement {
  static func read(_ bytes: [UInt8], file: String) throws(StatementError) -> Statement {
    // The header says the charset of a 1.x file (CHARSET:1252); 2.x is XML, UTF-8 unless it says otherwise.
    let head = String(decoding: bytes.prefix(400), as: UTF8.self).uppercased()
    let encoding: StatementLayout.Encoding =
      head.contains("CHARSET:1252") || head.contains("ENCODING=\"WINDOWS-1252\"") || head.contains("CHARSET:ISO-8859-1")
      ? .windows1252 : .utf8
    let (text, used) = try StatementText.decode(bytes, as: encoding, file: file)
    try XMLStatement.refuseDeclarations(text, file: file)
    guard let start = text.range(of: "<OFX>", options: .caseInsensitive) else {
      throw StatementError(file: file, line: 1, "fichier OFX sans élément <OFX>")
    }
    let body = String(text[start.lowerBound...])
    let firstLine = XMLStatement.line(of: start.lowerBound, in: text) - 1
    let xml: XMLIndexer
    do { xml = try XMLStatement.parse(closingLeafTags(body), file: file) } catch {
      throw StatementError(file: file, line: error.line.map { $0 + firstLine }, error.message)
    }
    let transactionLines = XMLStatement.lines(of: "<STMTTRN", in: body).map { $0 + firstLine }
    var lines: [StatementLine] = []
    var account: String?
    var k = 0
    for list in xml["OFX"]["BANKMSGSRSV1"]["STMTTRNRS"].all.map({ $0["STMTRS"] })
      + xml["OFX"]["CREDITCARDMSGSRSV1"]["CCSTMTTRNRS"].all
      .map({ $0["CCSTMTRS"] })
    {
      if let c = list["CURDEF"].element?.text.trimmingCharacters(in: .whitespacesAndNewlines), !c.isEmpty, c != "EUR" {
        throw StatementError(file: file, line: nil, "devise « \(c.excerpt) » : seuls les comptes en euros sont lus")
      }
      account = account ?? list["BANKACCTFROM"]["ACCTID"].element?.text.trimmingCharacters(in: .whitespacesAndNewlines)
      for t in list["BANKTRANLIST"]["STMTTRN"].all {
        let line = k < transactionLines.count ? transactionLines[k] : 1
        k += 1
        let field = { (name: String) in t[name].element?.text.trimmingCharacters(in: .whitespacesAndNewlines) ?? "" }
        let posted = field("DTPOSTED")
        let digits = posted.prefix(8)
        guard digits.count == 8, digits.allSatisfy(\.isNumber),
          let date = StatementValues.date("\(digits.prefix(4))-\(digits.dropFirst(4).prefix(2))-\(digits.suffix(2))", .yearMonthDay)
        else { throw StatementError(file: file, line: line, "date DTPOSTED illisible « \(posted.excerpt) »") }
        let cents = try XMLStatement.cents(field("TRNAMT"), file: file, line: line)
        var label = field("NAME")
        let memo = field("MEMO")
        if !memo.isEmpty && !label.contains(memo) { label += (label.isEmpty ? "" : " ") + memo }
        label = label.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if let why = StatementValues.formulaLike(label) { throw StatementError(file: file, line: line, why) }
        lines.append(StatementLine(date: date, label: label, cents: cents, line: line))
      }
    }
    guard !lines.isEmpty else { throw StatementError(file: file, line: nil, "aucune opération (STMTTRN) dans ce fichier OFX") }
    return Statement(file: file, format: .ofx, layout: nil, account: account, lines: lines, encoding: used)
  }

  /// SGML to XML: `<NAME>EDF` becomes `<NAME>EDF</NAME>` when the file does not close it; a
  /// bare `&` becomes `&amp;`. Line breaks are kept, so lines still match the file's.
  static func closingLeafTags(_ sgml: String) -> String {
    var out = ""
    out.reserveCapacity(sgml.utf8.count + sgml.utf8.count / 4)
    let parts = sgml.split(separator: "<", omittingEmptySubsequences: false)
    out += escapeAmpersands(String(parts[0]))
    for i in parts.indices.dropFirst() {
      let part = parts[i]
      guard let close = part.firstIndex(of: ">") else {
        out += "&lt;" + escapeAmpersands(String(part))
        continue
      }
      let tag = part[..<close]
      let name = tag.split(separator: " ").first.map(String.init) ?? ""
      let text = String(part[part.index(after: close)...])
      let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
      out += "<" + tag + ">"
      let opening = !name.isEmpty && !name.hasPrefix("/") && !name.hasPrefix("?") && !name.hasPrefix("!") && !tag.hasSuffix("/")
      let closedByFile = i + 1 < parts.count && parts[i + 1].hasPrefix("/" + name + ">")
      if opening && !value.isEmpty && !closedByFile {
        out += escapeAmpersands(value) + "</" + name + ">" + String(repeating: "\n", count: text.filter { $0 == "\n" }.count)
      } else {
        out += escapeAmpersands(text)
      }
    }
    return out
  }

  static func escapeAmpersands(_ s: String) -> String {
    guard s.contains("&") else { return s }
    var out = ""
    var rest = Substring(s)
    while let a = rest.firstIndex(of: "&") {
      out += rest[..<a]
      let after = rest[rest.index(after: a)...]
      let entity = after.prefix { $0.isLetter || $0 == "#" || $0.isNumber }
      out += (!entity.isEmpty && after.dropFirst(entity.count).first == ";") ? "&" : "&amp;"
      rest = after
    }
    return out + rest
  }
}
