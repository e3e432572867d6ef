import EquilibreCore
import Testing

/// The RSA due and the prime d'activité, worked by hand (the figures of OpenFisca-France noted in
/// `openfisca-oracle.md`, and the formulas of CASF R262-1 to R262-10 and CSS D843-1 to D843-5).
@Suite("RSA versé et prime d'activité : calculs à la main")
struct IncomeSupportTests {
  static func day(_ s: String) -> CivilDate { CivilDate(s)! }

  @Test(
    "Personne seule sans revenu, aide au logement 308 € (novembre 2026) : RSA 651,69 − 12 % × 651,69 = 573,49 € ; pas de prime d'activité")
  func singleNoIncome() throws {
    let h = BenefitHousehold(
      date: Self.day("2026-11-01"), adults: [.init(label: "A", age: 40)], childrenAges: [], housingAid: Money(euros: 308))
    let s = try IncomeSupport(h)
    #expect(s.rsa.amount == Money(cents: 57349))
    #expect(s.primeActivite.amount == .zero)
  }

  @Test("Couple sans revenu, aide au logement 420 € : RSA 651,69 × 1,5 = 977,535 − 16 % = 821,13 €")
  func coupleNoIncome() throws {
    let h = BenefitHousehold(
      date: Self.day("2026-11-01"), adults: [.init(label: "A", age: 40), .init(label: "B", age: 38)], childrenAges: [],
      housingAid: Money(euros: 420))
    #expect(try IncomeSupport(h).rsa.amount == Money(cents: 82113))
  }

  @Test(
    "Personne seule, salaire 670 €, aide au logement 304 € (mai 2026) : prime 638,28 + 59,85 % × 670 − (670 + 12 % × 638,28) = 292,68 € ; RSA 0"
  )
  func singleWorker() throws {
    let h = BenefitHousehold(
      date: Self.day("2026-05-01"), adults: [.init(label: "A", age: 53, earned: Money(euros: 670))], childrenAges: [],
      housingAid: Money(euros: 304))
    let s = try IncomeSupport(h)
    // 638,28 + 400,995 − (670 + 76,5936) = 292,6814 → 292,68 (below 59 SMIC hours: no bonification).
    #expect(s.primeActivite.amount == Money(cents: 29268))
    // RSA: 651,69 − 78,2028 − 670 < 0.
    #expect(s.rsa.amount == .zero)
  }

  @Test("Bonification : nulle à 59 SMIC horaires, maximale (37,7 % × 638,28 = 240,63 €) à 138 SMIC horaires et au-delà (novembre 2026)")
  func bonus() throws {
    let smic = Rational(1231, 100)
    func pa(_ earned: Rational) throws -> Money {
      try IncomeSupport(
        BenefitHousehold(date: Self.day("2026-11-01"), adults: [.init(label: "A", age: 40, earned: Money(earned))], childrenAges: [])
      ).primeActivite.amount
    }
    // Without bonification and without housing: 638,28 + 59,85 % × R − max(R ; 638,28).
    let r59 = smic * 59
    #expect(try pa(r59) == Money(Rational(63828, 100) + Rational(5985, 10000) * r59 - r59).roundedToCents(.halfAwayFromZero))
    let r138 = smic * 138
    #expect(
      try pa(r138)
        == Money(Rational(63828, 100) + Rational(24063, 100) + Rational(5985, 10000) * r138 - r138).roundedToCents(.halfAwayFromZero))
  }

  @Test("Seuils de versement : RSA sous 6 € et prime d'activité sous 15 € ne sont pas versés")
  func minimums() throws {
    // RSA: 651,69 − 646 = 5,69 € → 0.
    let rsa = BenefitHousehold(
      date: Self.day("2026-11-01"), adults: [.init(label: "A", age: 40, other: Money(euros: 646))], childrenAges: [])
    let s = try IncomeSupport(rsa)
    #expect(s.rsa.amount == .zero)
    #expect(s.rsa.explanation.notes.contains { $0.contains("sous le seuil de versement de 6,00") })
  }

  @Test("Aucun adulte de 25 ans ni enfant : pas de RSA, et la raison")
  func under25() throws {
    let h = BenefitHousehold(date: Self.day("2026-11-01"), adults: [.init(label: "A", age: 22)], childrenAges: [])
    let s = try IncomeSupport(h)
    #expect(s.rsa.amount == .zero && s.rsa.explanation.notes.contains { $0.contains("CASF L262-4") })
  }
}
