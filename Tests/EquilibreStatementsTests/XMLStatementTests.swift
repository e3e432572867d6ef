import EquilibreCore
import Testing

@testable import EquilibreStatements

@Suite("Relevés OFX/QFX et CAMT.053 : lus par SWXMLHash, entités et déclarations refusées")
struct XMLStatementTests {
  static let ofx1 = """
    OFXHEADER:100
    DATA:OFXSGML
    VERSION:102
    SECURITY:NONE
    ENCODING:USASCII
    CHARSET:1252
    COMPRESSION:NONE
    OLDFILEUID:NONE
    NEWFILEUID:NONE

    <OFX>
    <SIGNONMSGSRSV1><SONRS><STATUS><CODE>0<SEVERITY>INFO</STATUS><DTSERVER>20260401<LANGUAGE>FRA</SONRS></SIGNONMSGSRSV1>
    <BANKMSGSRSV1><STMTTRNRS><TRNUID>0<STATUS><CODE>0<SEVERITY>INFO</STATUS>
    <STMTRS><CURDEF>EUR<BANKACCTFROM><BANKID>30003<BRANCHID>01234<ACCTID>00012345678<ACCTTYPE>CHECKING</BANKACCTFROM>
    <BANKTRANLIST><DTSTART>20260101<DTEND>20260331
    <STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20260110<TRNAMT>-84.20<FITID>A1<NAME>PRLV SEPA EDF<MEMO>ECH 01/10</STMTTRN>
    <STMTTRN><TRNTYPE>CREDIT<DTPOSTED>20260105120000[+1:CET]<TRNAMT>1620,00<FITID>A2<NAME>VIR ACME & FILS<MEMO>SALAIRE</STMTTRN>
    </BANKTRANLIST><LEDGERBAL><BALAMT>1234.56<DTASOF>20260331</LEDGERBAL></STMTRS></STMTTRNRS></BANKMSGSRSV1>
    </OFX>

    """

  @Test("OFX 1.x (SGML, Windows-1252) : balises fermées, montants au point ou à la virgule, ligne de chaque opération")
  func ofxSGML() throws {
    let s = try StatementReader.read(bytes: cp1252(Self.ofx1), file: "releve.ofx")
    #expect(s.format == .ofx && s.account == "00012345678" && s.encoding == "windows-1252")
    #expect(summary(s) == ["2026-01-10 -8420 PRLV SEPA EDF ECH 01/10", "2026-01-05 162000 VIR ACME & FILS SALAIRE"])
    #expect(s.lines.map(\.line) == [16, 17])
  }

  @Test("OFX 2.x (XML) lu de même")
  func ofxXML() throws {
    let text = """
      <?xml version="1.0" encoding="UTF-8"?>
      <?OFX OFXHEADER="200" VERSION="211" SECURITY="NONE" OLDFILEUID="NONE" NEWFILEUID="NONE"?>
      <OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>EUR</CURDEF>
      <BANKACCTFROM><BANKID>1</BANKID><ACCTID>FR761234</ACCTID><ACCTTYPE>CHECKING</ACCTTYPE></BANKACCTFROM>
      <BANKTRANLIST>
      <STMTTRN><TRNTYPE>DEBIT</TRNTYPE><DTPOSTED>20260212</DTPOSTED><TRNAMT>-19.99</TRNAMT><FITID>1</FITID><NAME>PRLV SEPA FREE MOBILE</NAME></STMTTRN>
      </BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>

      """
    let s = try StatementReader.read(bytes: Array(text.utf8), file: "releve.qfx")
    #expect(summary(s) == ["2026-02-12 -1999 PRLV SEPA FREE MOBILE"] && s.lines[0].line == 6 && s.account == "FR761234")
  }

  static let camt = """
    <?xml version="1.0" encoding="UTF-8"?>
    <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
      <BkToCstmrStmt>
        <GrpHdr><MsgId>1</MsgId><CreDtTm>2026-04-01T08:00:00</CreDtTm></GrpHdr>
        <Stmt>
          <Id>S1</Id>
          <Acct><Id><IBAN>FR7630003012340001234567890</IBAN></Id><Ccy>EUR</Ccy></Acct>
          <Ntry>
            <Amt Ccy="EUR">520.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts>
            <BookgDt><Dt>2026-01-06</Dt></BookgDt>
            <NtryDtls><TxDtls><RltdPties><Cdtr><Nm>GIRONDE HABITAT</Nm></Cdtr></RltdPties><RmtInf><Ustrd>LOYER JANVIER</Ustrd></RmtInf></TxDtls></NtryDtls>
          </Ntry>
          <Ntry>
            <Amt Ccy="EUR">312.45</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
            <BookgDt><Dt>2026-01-05</Dt></BookgDt>
            <AddtlNtryInf>VIR CAF DE LA GIRONDE</AddtlNtryInf>
          </Ntry>
          <Ntry>
            <Amt Ccy="EUR">10.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>PDNG</Sts>
            <BookgDt><Dt>2026-01-31</Dt></BookgDt><AddtlNtryInf>EN ATTENTE</AddtlNtryInf>
          </Ntry>
        </Stmt>
      </BkToCstmrStmt>
    </Document>

    """

  @Test("CAMT.053 : écritures comptabilisées, sens, contrepartie et motif, IBAN ; les écritures en attente écartées")
  func camt053() throws {
    let s = try StatementReader.read(bytes: Array(Self.camt.utf8), file: "releve.xml")
    #expect(s.format == .camt053 && s.account == "FR7630003012340001234567890")
    #expect(summary(s) == ["2026-01-06 -52000 GIRONDE HABITAT LOYER JANVIER", "2026-01-05 31245 VIR CAF DE LA GIRONDE"])
    #expect(s.lines.map(\.line) == [8, 13])
  }

  @Test("Entité externe, DOCTYPE, XML mal formé, formule dans un libellé : refusés avec la ligne")
  func hostileXML() throws {
    func refusal(_ text: String, _ file: String = "x.xml") -> StatementError? {
      do {
        _ = try StatementReader.read(bytes: Array(text.utf8), file: file)
        return nil
      } catch { return error }
    }
    let xxe = Self.camt.replacingOccurrences(
      of: "<Document", with: "<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<Document"
    )
    .replacingOccurrences(of: "LOYER JANVIER", with: "&x;")
    let e1 = try #require(refusal(xxe))
    #expect(e1.line == 2 && e1.message.contains("DOCTYPE"))
    #expect(!e1.description.contains("root:"))
    let ofxEntity = Self.ofx1.replacingOccurrences(of: "<OFX>", with: "<!ENTITY a \"b\">\n<OFX>")
    #expect(try #require(refusal(ofxEntity, "r.ofx")).message.contains("ENTITY"))
    let broken = Self.camt.replacingOccurrences(of: "</Stmt>", with: "")
    #expect(try #require(refusal(broken)).message.contains("XML mal formé"))
    let formula = Self.camt.replacingOccurrences(of: "VIR CAF DE LA GIRONDE", with: "=HYPERLINK(1)")
    let e4 = try #require(refusal(formula))
    #expect(e4.line == 13 && e4.message.contains("formule"))
    #expect(try #require(refusal("<root><a>1</a></root>")).message.contains("ni un relevé CAMT.053 ni un OFX"))
  }
}
