import EquilibreCore

/// A generated household's months as OFX 1.x (SGML, Windows-1252) or CAMT.053 files.
enum SyntheticXML {
  static func files(_ h: SyntheticHousehold) -> [(name: String, bytes: [UInt8])] {
    var byMonth: [Int: [SyntheticHousehold.Movement]] = [:]
    for m in h.movements { byMonth[m.date.year * 12 + m.date.month, default: []].append(m) }
    func plain(_ cents: Int) -> String {
      let a = abs(cents)
      return (cents < 0 ? "-" : "") + "\(a / 100)." + (a % 100 < 10 ? "0" : "") + "\(a % 100)"
    }
    func escaped(_ s: String) -> String { s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;") }
    var out: [(String, [UInt8])] = []
    for (k, key) in byMonth.keys.sorted().enumerated() {
      let ms = byMonth[key]!
      if h.layout == "ofx" {
        var t = "OFXHEADER:100\r\nDATA:OFXSGML\r\nVERSION:102\r\nSECURITY:NONE\r\nENCODING:USASCII\r\nCHARSET:1252\r\n"
        t += "COMPRESSION:NONE\r\nOLDFILEUID:NONE\r\nNEWFILEUID:NONE\r\n\r\n<OFX>\r\n<BANKMSGSRSV1><STMTTRNRS><TRNUID>0\r\n"
        t += "<STMTRS><CURDEF>EUR<BANKACCTFROM><BANKID>30003<BRANCHID>01234<ACCTID>00012345678<ACCTTYPE>CHECKING</BANKACCTFROM>\r\n"
        t += "<BANKTRANLIST>\r\n"
        for (i, m) in ms.enumerated() {
          let d = m.date.description.replacingOccurrences(of: "-", with: "")
          t += "<STMTTRN><TRNTYPE>\(m.cents < 0 ? "DEBIT" : "CREDIT")<DTPOSTED>\(d)<TRNAMT>\(plain(m.cents))"
          t += "<FITID>\(key)-\(i)<NAME>\(escaped(m.label))</STMTTRN>\r\n"
        }
        t += "</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1>\r\n</OFX>\r\n"
        out.append(("releve-\(k + 1).ofx", t.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }))
      } else {
        var t = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\">\n"
        t += "<BkToCstmrStmt><GrpHdr><MsgId>\(key)</MsgId></GrpHdr>\n<Stmt><Id>\(key)</Id>\n"
        t += "<Acct><Id><IBAN>FR7630003012340001234567890</IBAN></Id><Ccy>EUR</Ccy></Acct>\n"
        for m in ms {
          t += "<Ntry><Amt Ccy=\"EUR\">\(plain(abs(m.cents)))</Amt><CdtDbtInd>\(m.cents < 0 ? "DBIT" : "CRDT")</CdtDbtInd>"
          t += "<Sts>BOOK</Sts><BookgDt><Dt>\(m.date)</Dt></BookgDt><AddtlNtryInf>\(escaped(m.label))</AddtlNtryInf></Ntry>\n"
        }
        t += "</Stmt></BkToCstmrStmt>\n</Document>\n"
        out.append(("releve-\(k + 1).xml", Array(t.utf8)))
      }
    }
    return out
  }
}
