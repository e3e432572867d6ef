import PropertyBased
import Testing

@testable import EquilibreCore

@Suite("Dates ISO de la base des dossiers")
struct CivilDateISOTests {
  @Test("CivilDate(iso:) lit comme CivilDate(_:) : chaque date valide, et refuse ce que l'autre refuse (propriété)")
  func sameAsGeneralParser() async {
    await propertyCheck(input: Gen.int(in: 1900...2199), Gen.int(in: 0...13), Gen.int(in: 0...32)) { y, m, d in
      let text = String(format: "%04d-%02d-%02d", y, m, d)
      #expect(CivilDate(iso: text) == CivilDate(text))
    }
    for bad in ["2026-1-01", "2026/01/01", "2026-01-0x", "20260101", "", "2026-02-30", "２０２６-01-01", "2026-01-01 "] {
      #expect(CivilDate(iso: bad) == CivilDate(bad), "\(bad)")
    }
    #expect(CivilDate(iso: "2024-02-29") == CivilDate(year: 2024, month: 2, day: 29))
    #expect(CivilDate(iso: "2025-02-29") == nil)
  }
}
