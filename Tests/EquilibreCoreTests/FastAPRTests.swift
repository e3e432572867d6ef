import PropertyBased
import Testing

@testable import EquilibreCore

/// The fast TAEG (float guess, integer proof) against the exact bracket of ``APR``.
@Suite("TAEG rapide certifié")
struct FastAPRTests {
  @Test(
    "Propriété : sur des prêts au hasard (frais, assurance, différé, trois périodicités), le TAEG rapide est celui du calcul exact, ou il s'abstient"
  )
  func fastEqualsExact() async {
    final class Count: @unchecked Sendable {
      var fast = 0
      var abstained = 0
    }
    let count = Count()
    await propertyCheck(
      count: 2000, input: Gen.int(in: 10_000...100_000_000), Gen.int(in: 0...2500), Gen.int(in: 1...480),
      Gen.int(in: 0...8), Gen.int(in: 0...100), Gen.int(in: 0...10_000), Gen.int(in: 0...30)
    ) { capital, rate, periods, shape, deferral, insurance, fees in
      let terms = SchedulePropertyTests.loan(
        capitalCents: capital, rateBasisPoints: rate, periods: periods, shape: shape, deferral: deferral, insurance: insurance,
        feesPerMille: fees)
      let schedule = try Schedule(terms: terms)
      let exact = try APR.solve(schedule: schedule, method: .exact)
      let result = try APR.solve(schedule: schedule)
      // Same rounded TAEG and proportional TEG, and both brackets hold the root: they overlap.
      #expect(result.roundedPercent == exact.roundedPercent, "\(terms)")
      #expect(result.proportionalPercent == exact.proportionalPercent, "\(terms)")
      #expect(result.lower <= exact.upper && exact.lower <= result.upper, "\(terms)")
      if result.method == .fast {
        count.fast += 1
        // As tight as the exact bracket: within 2^−85 on the period rate.
        #expect((result.periodRateUpper! - result.periodRateLower!) * Rational(1 << 42) * Rational(1 << 43) <= .one)
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
    #expect(
      FastAPR.roundedPercent(flows: [.init(index: 0, cents: -100_000), .init(index: 1, cents: 120_000)], periodsPerYear: 1, places: 2)
        == Rational(20))
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
    let result = try APR.solve(periodic: flows, periodsPerYear: 1)
    #expect(result.method == .exact)
    #expect(result.roundedPercent == Rational(1235, 100))
    // Three decimals: 12,345 % is no longer a tie, and the fast path proves it.
    let three = try APR.solve(periodic: flows, periodsPerYear: 1, places: 3)
    #expect(three.method == .fast)
    #expect(three.roundedPercent == Rational(12345, 1000))
  }

  @Test("Flux qui alternent ou hors de portée : le rapide s'abstient")
  func outOfScope() throws {
    let alternating = [APR.PeriodicFlow(index: 0, cents: -100_000), .init(index: 1, cents: 230_000), .init(index: 2, cents: -132_000)]
    #expect(FastAPR.roundedPercent(flows: alternating, periodsPerYear: 12, places: 2) == nil)
    let huge = [APR.PeriodicFlow(index: 0, cents: -(1 << 50)), .init(index: 1, cents: (1 << 50) + (1 << 45))]
    #expect(FastAPR.roundedPercent(flows: huge, periodsPerYear: 12, places: 2) == nil)
    // The exact path answers both: the first with its several rates, the second by GMP.
    // −1 000 + 2 300 v − 1 320 v² = 0 at v = 10/11 and 5/6: 10 % and 20 % a month.
    do {
      _ = try APR.solve(periodic: alternating, periodsPerYear: 12)
      Issue.record("deux taux attendus")
    } catch {
      guard case .multipleRoots(let rates) = error else {
        Issue.record("\(error)")
        return
      }
      #expect(rates.count == 2)
    }
    #expect((try? APR.solve(periodic: huge, periodsPerYear: 12))?.method == .exact)
  }
}
