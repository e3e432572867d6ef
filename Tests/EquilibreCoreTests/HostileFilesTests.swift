import EquilibreCore
import Foundation
import PropertyBased
import Testing

/// Issue 24 in the core: what a file can hold is read or refused with its line and field, never
/// a trap or a long wait.
@Suite("Fichiers hostiles : flux datés, CSV, listes trop longues")
struct HostileFilesTests {
  func refusal(_ text: String) -> FlowFile.ParseError? {
    do {
      _ = try FlowFile.parse(text)
      return nil
    } catch { return error }
  }

  @Test("6. Un montant d'un million de chiffres, ou au-delà de Int64, est refusé à sa ligne, aussitôt")
  func hugeAmounts() {
    let header = "date;type;montant\n2026-01-01;pret;1000\n"
    let million = refusal(header + "2026-02-01;remboursement;" + String(repeating: "9", count: 1_000_000) + "\n")
    #expect(million?.line == 3 && million?.field == "montant")
    for amount in ["92233720368547758,08", "92233720368547758.08", "9223372036854775808", "1000000000,01", "99999999999999"] {
      let e = refusal(header + "2026-02-01;remboursement;\(amount)\n")
      #expect(
        e?.line == 3 && e?.field == "montant" && e?.message.contains("hors de portée") == true, "\(amount) : \(String(describing: e))")
    }
    // At the bound itself: read.
    #expect(refusal(header + "2026-02-01;remboursement;1000000000\n") == nil)
  }

  @Test("6. Property : des lignes de flux au hasard sont lues ou refusées avec leur ligne, jamais un piège", .timeLimit(.minutes(2)))
  func flowFuzz() async {
    let alphabet = Array("0123456789,.;- \u{A0}e+9pretrmbousn#\r\n")
    let cell = Gen.int(in: 0...(alphabet.count - 1)).array(of: 0...40).map { String($0.map { alphabet[$0] }) }
    await propertyCheck(count: 2000, input: cell, Gen.int(in: 0...30)) { tail, digits in
      let text = "date;type;montant\n2026-01-01;pret;1000\n2026-02-01;remboursement;" + String(repeating: "9", count: digits) + tail + "\n"
      if let e = refusal(text) { #expect(e.line >= 1 && !e.message.isEmpty) }
    }
  }

  @Test("11. CSV : une cellule avec « ; », « , », un guillemet, CR ou LF est entre guillemets, dans les deux dialectes")
  func csvQuoting() {
    for dialect in [CSV.Dialect.standard, .excel] {
      var csv = CSV(dialect)
      csv.header(["mois", "Banque\rNord", "Crédit; Sud", "A, B", "dit \"X\"", "ligne\nsuivante", "Banque\r\nEst"])
      let line = csv.text.split(separator: "\r\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
      // Split on the separator outside quotes: seven cells, each whole.
      var cells: [String] = [""]
      var inQuotes = false
      for ch in line.unicodeScalars {
        if ch == "\"" { inQuotes.toggle() }
        if !inQuotes && Character(ch) == dialect.separator { cells.append("") } else { cells[cells.count - 1].unicodeScalars.append(ch) }
      }
      #expect(cells.count == 7, "\(cells)")
      #expect(line.contains("\"Crédit; Sud\"") && line.contains("\"A, B\"") && line.contains("\"dit \"\"X\"\"\""))
      #expect(cells[1].contains("Banque") && cells[1].contains("Nord"))
      // One header row: no bare CR or LF outside quotes.
      var quoted = false
      var breaks = 0
      for s in csv.text.unicodeScalars {
        if s == "\"" { quoted.toggle() } else if !quoted && (s == "\r" || s == "\n") { breaks += 1 }
      }
      #expect(breaks == 2, "une ligne attendue (CRLF) : \(breaks)")
    }
  }

  @Test("5. Une liste de plus de 500 lignes est refusée avec sa rubrique ; 500 passent")
  func longLists() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let example = try String(contentsOf: root.appendingPathComponent("Scenarios/parent-separe.yaml"), encoding: .utf8)
    func with(_ n: Int) -> String {
      let debts = (1...n).map { "  - { creancier: Banque \($0), nature: decouvert, restant_du: 100 }" }.joined(separator: "\n")
      return example.replacingOccurrences(of: "\ndettes:\n", with: "\ndettes:\n\(debts)\n")
    }
    do {
      _ = try ScenarioFile.parse(with(10_000), file: "grand.yaml")
      Issue.record("10 000 dettes acceptées")
    } catch {
      #expect(error.items.contains { $0.path == "dettes" && $0.message.contains("liste trop longue : 500 lignes au plus") })
    }
    let existing = example.components(separatedBy: "  - creancier:").count - 1
    _ = try ScenarioFile.parse(with(500 - existing), file: "limite.yaml")
  }
}
