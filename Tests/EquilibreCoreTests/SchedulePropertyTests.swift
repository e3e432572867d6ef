import PropertyBased
import Testing

@testable import EquilibreCore

/// Invariants of the loan engine over thousands of random loans.
@Suite("Échéanciers : propriétés sur des prêts aléatoires")
struct SchedulePropertyTests {
  static let kinds = LoanKind.allCases
  static let periodicities = Periodicity.allCases

  /// A loan from plain integers, so that the generators shrink well.
  static func loan(
    capitalCents: Int, rateBasisPoints: Int, periods: Int, shape: Int, deferral: Int, insurance: Int, feesPerMille: Int
  ) -> LoanTerms {
    let kind = kinds[shape % 3]
    let periodicity = periodicities[(shape / 3) % 3]
    let n = periodicity == .monthly ? periods : max(1, periods / (periodicity == .quarterly ? 3 : 12))
    let d = deferral % 4 == 0 || n < 3 ? nil : Deferral(periods: min(deferral % 13, n - 1), kind: deferral % 2 == 0 ? .partial : .total)
    let ins: Insurance? =
      switch insurance % 4 {
      case 0: nil
      case 1: .rate(annual: Rational(insurance % 60, 10_000), base: .initialCapital)
      case 2: .rate(annual: Rational(insurance % 60, 10_000), base: .outstandingCapital)
      default: .premium(Money(cents: insurance % 3000))
      }
    let fees = Money(cents: capitalCents * feesPerMille / 1000)
    return LoanTerms(
      capital: Money(cents: capitalCents), annualRate: Rational(rateBasisPoints, 10_000), periods: n, kind: kind,
      periodicity: periodicity, deferral: d, insurance: ins, fees: fees)
  }

  @Test("Capital remboursé = capital prêté, solde jamais négatif, échéance = intérêts + capital + assurance")
  func scheduleInvariants() async {
    await propertyCheck(
      count: 3000, input: Gen.int(in: 10_000...100_000_000), Gen.int(in: -200...2500), Gen.int(in: 1...480),
      Gen.int(in: 0...8), Gen.int(in: 0...100), Gen.int(in: 0...10_000), Gen.int(in: 0...30)
    ) { capital, rate, periods, shape, deferral, insurance, fees in
      let terms = Self.loan(
        capitalCents: capital, rateBasisPoints: rate, periods: periods, shape: shape, deferral: deferral,
        insurance: insurance, feesPerMille: fees)
      let s = try Schedule(terms: terms)
      // The instalments actually due: all the periods, or fewer when a rounded-up instalment
      // settles the loan early; then no row before the last has a zero balance.
      #expect(s.rows.count == s.summary.numberOfInstalments && s.rows.count <= terms.periods)
      #expect(s.rows.dropLast().allSatisfy { $0.balanceCents > 0 } || s.rows.count == terms.periods)
      // Sums via key paths: closures inside #expect in one function can be mixed up by the
      // compiler (seen with Swift 6.3), so none are used here.
      let principal = s.rows.map(\.principalCents).reduce(0, +)
      #expect(principal == capital)
      for row in s.rows {
        #expect(row.balanceCents >= 0)
        #expect(row.paymentCents == row.interestCents + row.principalCents + row.insuranceCents)
      }
      #expect(s.rows.last!.balanceCents == 0)
      var balance = capital
      for row in s.rows {
        balance -= row.principalCents
        #expect(row.balanceCents == balance)
      }
      let interest = s.rows.map(\.interestCents).reduce(0, +)
      let insurancePaid = s.rows.map(\.insuranceCents).reduce(0, +)
      #expect(s.summary.totalInterest == Money(cents: interest))
      #expect(s.summary.totalCostOfCredit == Money(cents: interest + insurancePaid) + terms.fees)
      #expect(s.summary.totalPaid == Money(cents: capital + interest + insurancePaid))
    }
  }

  @Test("Avec des frais, le TAEG dépasse le taux actuariel du taux nominal")
  func feesRaiseTheAPR() async {
    await propertyCheck(
      count: 1500, input: Gen.int(in: 200_000...100_000_000), Gen.int(in: 0...2000), Gen.int(in: 1...360),
      Gen.int(in: 0...8), Gen.int(in: 1...30)
    ) { capital, rate, periods, shape, fees in
      let terms = Self.loan(
        capitalCents: capital, rateBasisPoints: rate, periods: periods, shape: shape, deferral: 0, insurance: 0,
        feesPerMille: fees)
      let q = terms.periodicity.periodsPerYear
      let actuarial = (Rational.one + terms.periodRate).power(q) - .one
      let apr = try APR.solve(schedule: try Schedule(terms: terms))
      #expect(apr.lower > actuarial)
    }
  }

  @Test("Sans frais ni assurance, TAEG = équivalent actuariel du taux nominal à 0,01 point près")
  func aprEqualsActuarialNominal() async {
    await propertyCheck(
      count: 1500, input: Gen.int(in: 200_000...100_000_000), Gen.int(in: 0...2000), Gen.int(in: 1...360),
      Gen.int(in: 0...8), Gen.int(in: 0...100)
    ) { capital, rate, periods, shape, deferral in
      let terms = Self.loan(
        capitalCents: capital, rateBasisPoints: rate, periods: periods, shape: shape, deferral: deferral, insurance: 0,
        feesPerMille: 0)
      let q = terms.periodicity.periodsPerYear
      let actuarial = (Rational.one + terms.periodRate).power(q) - .one
      let apr = try APR.solve(schedule: try Schedule(terms: terms))
      #expect((apr.midpoint - actuarial).magnitude <= Rational(1, 10_000))
      #expect(apr.lower <= apr.upper)
    }
  }

  /// The textbook algorithm on `Rational` alone: no machine integers, no fast path.
  static func referenceAnnuity(
    capitalCents: Int, annualRate: Rational, periods n: Int, mode: RoundingMode
  )
    -> [(payment: Rational, interest: Rational, balance: Rational)]
  {
    let r = annualRate / Rational(12)
    let capital = Rational(capitalCents, 100)
    let payment =
      r.isZero
      ? (capital / Rational(n)).rounded(toPlaces: 2, mode)
      : (capital * r / (.one - (.one + r).power(-n))).rounded(toPlaces: 2, mode)
    var balance = capital
    var rows: [(Rational, Rational, Rational)] = []
    for k in 1...n {
      let interest = (balance * r).rounded(toPlaces: 2, mode)
      let principal = k == n ? balance : min(payment - interest, balance)
      balance = balance - principal
      rows.append((interest + principal, interest, balance))
    }
    return rows
  }

  @Test("Le chemin rapide sur entiers machine égale le calcul rationnel de référence, tous arrondis")
  func fastPathMatchesReference() async {
    await propertyCheck(
      count: 400, input: Gen.int(in: 1...100_000_000_000), Gen.int(in: 0...3000), Gen.int(in: 1...360),
      Gen.int(in: 0...4), Gen.int(in: 0...2)
    ) { capital, rate, periods, mode, precision in
      let roundingMode = RoundingMode.allCases[mode]
      // precision 0: basis points; 1: a 12-digit denominator (128-bit products);
      // 2: a denominator beyond 64 bits (the GMP path).
      let annualRate: Rational =
        switch precision {
        case 0: Rational(rate, 10_000)
        case 1: Rational(rate * 1_000_003, 10_000_000_000_000)
        default: Rational(rate, 10_000) + Rational(1, 10).power(22)
        }
      let terms = LoanTerms(
        capital: Money(cents: capital), annualRate: annualRate, periods: periods,
        rounding: LoanRounding(instalment: roundingMode, interest: roundingMode, insurance: roundingMode))
      let s = try Schedule(terms: terms)
      let reference = Self.referenceAnnuity(
        capitalCents: capital, annualRate: annualRate, periods: periods, mode: roundingMode)
      for (row, ref) in zip(s.rows, reference) {
        #expect(row.payment.value == ref.payment)
        #expect(row.interest.value == ref.interest)
        #expect(row.balance.value == ref.balance)
      }
    }
  }

  @Test("Jeu du banc d'essai : identique à la référence rationnelle")
  func benchmarkLoans() throws {
    // Loan i of ../shared/bench/amortize_peers.py, for a sample of i.
    for i in stride(from: 0, to: 10_000, by: 397) {
      let rate = Rational(125, 10_000) + Rational(i % 50, 1000)
      let s = try Schedule(terms: LoanTerms(capital: Money(euros: 10_000 + 37 * i), annualRate: rate, periods: 240))
      let reference = Self.referenceAnnuity(
        capitalCents: (10_000 + 37 * i) * 100, annualRate: rate, periods: 240, mode: .halfAwayFromZero)
      #expect(s.rows.map(\.payment.value) == reference.map(\.payment))
      #expect(s.rows.map(\.balance.value) == reference.map(\.balance))
    }
  }
}
