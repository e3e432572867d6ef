import EquilibreCore
import EquilibreStatementsSynthetic
import Testing

@testable import EquilibreStatements

@Suite("Relevés générés dont on connaît la vérité : chaque banque, chaque encodage, lus et détectés")
struct SyntheticDetectionTests {
  @Test("120 ménages × 3 mois : flux réguliers à 95 % au moins (précision et rappel), chaque crédit trouvé, aucun ponctuel au mois")
  func detection() throws {
    let e = try SyntheticEvaluation.run(households: 120, seed: 7)
    #expect(e.files == 360 && e.truthFlows > 700 && e.truthCredits > 150, "\(e)")
    #expect(e.precision >= 0.95 && e.recall >= 0.95, "\(e)\n\(e.misses.joined(separator: "\n"))")
    #expect(e.foundCredits == e.truthCredits, "\(e.misses)")
    #expect(e.oneOffsAsMonthly == 0, "\(e.misses)")
    #expect(e.rightPeriodicity >= e.foundFlows * 95 / 100)
  }

  @Test("Les fichiers générés passent par chaque mise en page livrée et ses encodages")
  func everyLayout() throws {
    var seen: Set<String> = []
    var encodings: Set<String> = []
    var formats: Set<Statement.Format> = []
    for i in 0..<StatementLayout.shipped.count + 2 {
      let h = SyntheticHousehold.make(index: i, seed: 1, start: day("2026-01-01"))
      for f in SyntheticFiles.files(h) {
        let s = try StatementReader.read(bytes: f.bytes, file: f.name)
        #expect(s.layout?.id ?? s.format.rawValue == h.layout, "\(f.name)")
        formats.insert(s.format)
        seen.insert(h.layout)
        encodings.insert(s.encoding)
      }
    }
    #expect(seen == Set(StatementLayout.shipped.map(\.id) + ["ofx", "camt.053"]))
    #expect(formats == [.csv, .ofx, .camt053])
    #expect(encodings.isSuperset(of: ["utf-8", "windows-1252", "iso-8859-1", "iso-8859-15"]))
  }
}
