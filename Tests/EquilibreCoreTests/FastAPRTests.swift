import PropertyBased
import Testing

@testable import EquilibreCore

/// The fast TAEG (float guess, integer proof) against the exact bracket of ``APR``.
@Suite("TAEG rapide certifié")
struct FastAPRTests {
  @Test("Propriété : sur des prêts au hasard (frais, assurance, différé, trois périodicités), le TAEG rapide est celui du calcul exact, ou il s'abstient")
  func fastEqualsExact() async {
    final class Count: @unchecked Sendable { var fast = 0; var abstained = 0 }
    let count = Count()
    await propertyCheck(
      count: 2000, input: Gen.int(in: 10_000...100_000_000), Gen.int(in: 0...2500), Gen.int(in: 1...480),
      Gen.int(in: 0...8), Gen.int(in: 0...100), Gen.int(in: 0...10_000), Gen.int(in: 0...30)
    ) { capital, rate, periods, shape, deferral, insurance, fees in
      let terms = SchedulePropertyTests.loan(
        capitalCents: capital, rateBasisPoints: rate, periods: periods, shape: shape, deferral: deferral, insurance: insurance,
        feesPerMille: fees)
      let schedule = try Schedule(terms: terms)
      let exact = try APR.solve(schedule: schedule)
      let flows = try APR.flows(of: schedule)
      if let fast = FastAPR.roundedPercent(flows: flows, periodsPerYear: terms.periodicity.periodsPerYear, places: 2) {
        #expect(fast == exact.roundedPercent, "\(terms)")
        count.fast += 1
      } else {
        count.abstained += 1
      }
    }
    // The fast path must answer almost always (it abstains only near a boundary or out of range).
    #expect(count.fast >= 1990, "rapide \(count.fast), abstentions \(count.abstained)")
  }

  @Test("Exemples du décret 2002-928 et de la directive 98/7 : même TAEG que le calcul exact")
  func legalExamples() throws {
    // Directive 98/7, annex, example 1: 1 000 lent, 1 200 repaid after 1 year → 20,00 %.
    #expect(FastAPR.roundedPercent(flows: [.init(index: 0, cents: -100_000), .init(index: 1, cents: 120_000)], periodsPerYear: 1, places: 2) == Rational(20))
    // 1 000 lent, 1 200 repaid after 18 months (monthly periods): 1,2^(12/18) − 1 = 12,92 %.
    let flows18 = [APR.PeriodicFlow(index: 0, cents: -100_000), .init(index: 18, cents: 120_000)]
    #expect(FastAPR.roundedPercent(flows: flows18, periodsPerYear: 12, places: 2) == Rational(1292, 100))
    #expect(try APR.solve(periodic: flows18, periodsPerYear: 12).roundedPercent == Rational(1292, 100))
  }

  @Test("Une racine exactement sur une frontière d'arrondi : le rapide s'abstient, le calcul exact arrondit au demi supérieur")
  func tieFallsBack() throws {
    // 1 000,00 € lent, 1 123,45 € repaid after one year: X = 12,345 % exactly, a tie between 12,34 and 12,35.
    let flows = [APR.PeriodicFlow(index: 0, cents: -100_000), .init(index: 1, cents: 112_345)]
    #expect(FastAPR.roundedPercent(flows: flows, periodsPerYear: 1, places: 2) == nil)
    #expect(try APR.solve(periodic: flows, periodsPerYear: 1).roundedPercent == Rational(1235, 100))
  }

  @Test("Flux qui alternent ou hors de portée : le rapide s'abstient")
  func outOfScope() {
    let alternating = [APR.PeriodicFlow(index: 0, cents: -100_000), .init(index: 1, cents: 230_000), .init(index: 2, cents: -132_000)]
    #expect(FastAPR.roundedPercent(flows: alternating, periodsPerYear: 12, places: 2) == nil)
    let huge = [APR.PeriodicFlow(index: 0, cents: -(1 << 50)), .init(index: 1, cents: 1 << 50)]
    #expect(FastAPR.roundedPercent(flows: huge, periodsPerYear: 12, places: 2) == nil)
  }
}
