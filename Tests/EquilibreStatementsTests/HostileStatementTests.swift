import EquilibreCore
import Foundation
import PropertyBased
import Testing

@testable import EquilibreStatements

@Suite("Relevés hostiles ou abîmés : refusés en français avec la ligne, rien d'importé")
struct HostileStatementTests {
  static let header = "Date;Date de valeur;Montant;Libellé;Solde\n"

  func refusal(_ bytes: [UInt8], file: String = "releve.csv") -> StatementError? {
    do {
      _ = try StatementReader.read(bytes: bytes, file: file)
      return nil
    } catch {
      return error
    }
  }

  @Test("Encodage cassé : UTF-8 invalide, octet absent de Windows-1252, UTF-16, octet nul")
  func brokenEncodings() throws {
    // BoursoBank is UTF-8: a lone 0xE9 on line 3 is refused there.
    let bourso =
      Array(
        "dateOp;dateVal;label;category;categoryParent;supplierFound;amount;comment;accountNum;accountLabel;accountbalance\n2026-03-01;2026-03-01;OK;;;;-1,00;;1;B;0\n"
          .utf8) + Array("2026-03-02;2026-03-02;CAF".utf8) + [0xE9] + Array(";;;;2,00;;1;B;0\n".utf8)
    let e1 = try #require(refusal(bourso))
    #expect(e1.line == 3 && e1.message.contains("UTF-8"))
    #expect(e1.description.contains("releve.csv:3") && e1.description.contains("rien n'est importé"))
    // Windows-1252 leaves 0x81 undefined.
    let ca = cp1252(Self.header + "02/02/2026;02/02/2026;-1,00;A;0\n") + Array("02/02/2026;02/02/2026;-1,00;B".utf8) + [0x81] + [0x0A]
    let e2 = try #require(refusal(ca))
    // Crédit Mutuel's layout says ISO-8859-15, where 0x81 is a control character: refused too.
    #expect(e2.line == 3 && (e2.message.contains("0x81") || e2.message.contains("U+81")), "\(e2.message)")
    #expect(try #require(refusal([0xFF, 0xFE, 0x44, 0x00])).message.contains("UTF-16"))
    #expect(try #require(refusal(Array(Self.header.utf8) + [0])).message.contains("octet nul"))
  }

  @Test("Formule de tableur dans un libellé, caractère de contrôle, guillemet jamais refermé")
  func injections() throws {
    for (label, line) in [("=HYPERLINK(\"http://x\";\"clic\")", 3), ("@SUM(A1)", 3), ("+cmd|' /C calc'!A0", 3), ("-2+3+cmd", 3)] {
      let text =
        Self.header
        + "02/02/2026;02/02/2026;-1,00;LOYER;0\n02/02/2026;02/02/2026;-1,00;\"\(label.replacingOccurrences(of: "\"", with: "\"\""))\";0\n"
      let e = try #require(refusal(Array(text.utf8)), "\(label)")
      #expect(e.line == line && e.message.contains("formule"), "\(label)")
    }
    let escape = Self.header + "02/02/2026;02/02/2026;-1,00;LOYER\u{1B}[2J;0\n"
    let e = try #require(refusal(Array(escape.utf8)))
    #expect(e.line == 2 && e.message.contains("contrôle"))
    let open = Self.header + "02/02/2026;02/02/2026;-1,00;\"LOYER;0\n03/02/2026;03/02/2026;-2,00;EDF;0\n"
    #expect(try #require(refusal(Array(open.utf8))).message.contains("guillemet"))
    // An ordinary negative amount or a label starting with a digit after « - » is not a formula.
    let fine = Self.header + "02/02/2026;02/02/2026;-1,00;- 10 % REMISE;0\n"
    #expect(refusal(Array(fine.utf8)) == nil)
  }

  @Test("Fichier de 100 Mo refusé d'emblée, sans lecture en mémoire")
  func hundredMegabytes() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("releves-\(getpid())-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("gros.csv").path
    #expect(FileManager.default.createFile(atPath: path, contents: Data(Self.header.utf8)))
    let h = try #require(FileHandle(forWritingAtPath: path))
    try h.truncate(atOffset: 100_000_000)
    try h.close()
    let error = #expect(throws: StatementError.self) { _ = try StatementReader.read(path) }
    #expect(error?.description.contains("fichier trop gros") == true && error?.description.contains("gros.csv") == true)
  }

  @Test("Ligne fautive : date impossible, montant illisible, devise étrangère, rien après l'en-tête")
  func badLines() throws {
    let cases: [(String, Int?, String)] = [
      ("31/02/2026;31/02/2026;-1,00;A;0\n", 2, "date illisible"),
      ("02/02/2026;02/02/2026;-1,234;A;0\n", 2, "plus de deux décimales"),
      ("02/02/2026;02/02/2026;12 34,00;A;0\n", 2, "montant illisible"),
      ("02/02/2026;02/02/2026;abc;A;0\n", 2, "montant illisible"),
      ("", nil, "aucune opération"),
    ]
    for (body, line, words) in cases {
      let e = try #require(refusal(Array((Self.header + body).utf8)), "\(body)")
      #expect(e.line == line && e.message.contains(words), "\(body) : \(e.message)")
    }
    let sg = "Date de l'opération;Libellé;Détail de l'écriture;Montant de l'opération;Devise\n02/03/2026;A;A;-2,00;USD\n"
    #expect(try #require(refusal(Array(sg.utf8))).message.contains("USD"))
  }

  @Test("Propriété : un montant écrit à la française ou à l'anglaise se relit au centime")
  func amounts() async {
    await propertyCheck(input: Gen.int(in: -99_999_999_99...99_999_999_99)) { cents in
      let euros = abs(cents) / 100
      let c = String(format: "%02d", abs(cents) % 100)
      let sign = cents < 0 ? "-" : ""
      var grouped = ""
      for (i, ch) in String(euros).reversed().enumerated() {
        if i > 0 && i % 3 == 0 { grouped.append("\u{00A0}") }
        grouped.append(ch)
      }
      grouped = String(grouped.reversed())
      let spellings: [(String, Bool)] = [
        ("\(sign)\(euros),\(c)", true), ("\(sign)\(grouped),\(c) €", true), ("\(sign)\(euros).\(c)", false),
        ("\(sign)\(grouped.replacingOccurrences(of: "\u{00A0}", with: ".")),\(c)", true),
      ]
      for (text, comma) in spellings {
        #expect((try? StatementValues.cents(text, decimalComma: comma)) == cents, "\(text)")
      }
    }
  }
}
