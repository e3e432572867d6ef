import Testing

@testable import EquilibreCore

/// Schedules checked against published values or hand calculations written out here.
@Suite("Échéanciers : exemples calculés à la main")
struct ScheduleExampleTests {
  func cents(_ text: String) -> Int { Money(Rational(text)!).exactCents! }

  @Test("Manuel : 100 000 à 6 % sur 30 ans, mensualité 599,55")
  func textbookMortgage() throws {
    // The standard textbook example (100 000 at 6 %/year, 360 months): payment 599.55.
    // By hand: r = 0.005, 1.005^360 = 6.022575…, P = 100000·0.005·6.022575/5.022575 = 599.5505…
    let s = try Schedule(terms: LoanTerms(capital: Money(euros: 100_000), annualRate: Rational(6, 100), periods: 360))
    #expect(s.summary.instalment == Money(cents: 59955))
    // First month: interest 100000 × 0.5 % = 500.00, principal 99.55.
    #expect(s.rows[0].interestCents == 50000)
    #expect(s.rows[0].principalCents == 9955)
    #expect(s.rows.last!.balanceCents == 0)
  }

  @Test("12 000 € à 3,5 % sur 48 mois")
  func consumerLoan() throws {
    let s = try Schedule(terms: LoanTerms(capital: Money(euros: 12_000), annualRate: Rational(35, 1000), periods: 48))
    // Exact payment: 12000·r/(1−(1+r)^−48) with r = 0.035/12, rounded half-up.
    let r = Rational(35, 12_000)
    let exact = Rational(12_000) * r / (.one - (.one + r).power(-48))
    #expect(exact > Rational("268.265")! && exact < Rational("268.275")!)
    #expect(s.summary.instalment == Money(cents: 26827))
    // Month 1: interest 12000 × 0.035/12 = 35.00 exactly; principal 233.27; balance 11 766.73.
    #expect(s.rows[0].interestCents == 3500)
    #expect(s.rows[0].balanceCents == 1_176_673)
    // Month 2: 11 766.73 × 0.035/12 = 34.3196… → 34.32.
    #expect(s.rows[1].interestCents == 3432)
    // 47 payments of 268.27 plus a last one of 268.37 repay 12 000 + 877.06 of interest.
    #expect(s.rows.last!.paymentCents == 26837)
    let paid = s.rows.map(\.paymentCents).reduce(0, +)
    #expect(paid == 47 * 26827 + 26837)
    #expect(paid == 1_200_000 + 87706)
    #expect(s.summary.totalInterest == Money(cents: 87706))
  }

  @Test("Prêt à 0 % : 1 000 € en 3 mois, le dernier centime à la fin")
  func zeroRate() throws {
    let s = try Schedule(terms: LoanTerms(capital: Money(euros: 1000), annualRate: .zero, periods: 3))
    #expect(s.rows.map(\.paymentCents) == [33333, 33333, 33334])
    #expect(s.rows.map(\.interestCents) == [0, 0, 0])
    #expect(s.summary.totalCostOfCredit == .zero)
  }

  @Test("Annuités annuelles : 1 000 € à 10 % sur 2 ans")
  func annualAnnuity() throws {
    // P = 1000·0.1/(1 − 1.1^−2) = 100/(1 − 100/121) = 12100/21 = 576.190… → 576.19.
    // Year 1: interest 100.00, principal 476.19, balance 523.81.
    // Year 2: interest 52.381 → 52.38, principal 523.81, payment 576.19.
    let s = try Schedule(
      terms: LoanTerms(
        capital: Money(euros: 1000), annualRate: Rational(1, 10), periods: 2, periodicity: .annual))
    #expect(s.rows.map(\.paymentCents) == [57619, 57619])
    #expect(s.rows.map(\.interestCents) == [10000, 5238])
    #expect(s.rows.map(\.principalCents) == [47619, 52381])
    #expect(s.rows.map(\.balanceCents) == [52381, 0])
  }

  @Test("Amortissement constant : 1 200 € à 12 % sur 12 mois")
  func constantPrincipal() throws {
    // Principal 100.00 a month; interest (1200 − 100(k−1)) × 1 %; total 1 % × 100 × (12+…+1) = 78.
    let s = try Schedule(
      terms: LoanTerms(
        capital: Money(euros: 1200), annualRate: Rational(12, 100), periods: 12, kind: .constantPrincipal))
    #expect(s.rows.allSatisfy { $0.principalCents == 10000 })
    #expect(s.rows.map(\.interestCents) == (1...12).map { (13 - $0) * 100 })
    #expect(s.summary.totalInterest == Money(euros: 78))
    #expect(s.summary.instalment == Money(euros: 112))
  }

  @Test("In fine : 10 000 € à 6 % sur 12 mois")
  func inFine() throws {
    // 50.00 of interest a month; the capital comes back with the 12th instalment.
    let s = try Schedule(
      terms: LoanTerms(
        capital: Money(euros: 10_000), annualRate: Rational(6, 100), periods: 12, kind: .inFine))
    #expect(s.rows.dropLast().allSatisfy { $0.paymentCents == 5000 && $0.balanceCents == 1_000_000 })
    #expect(s.rows.last!.paymentCents == 1_005_000)
    #expect(s.summary.totalInterest == Money(euros: 600))
  }

  @Test("Trimestriel : 20 000 € à 4 % sur 20 trimestres, taux de période 1 %")
  func quarterly() throws {
    // P = 20000·0.01/(1 − 1.01^−20); 1.01^20 = 1.22019004…, P = 1108.3133… → 1108.31.
    let s = try Schedule(
      terms: LoanTerms(
        capital: Money(euros: 20_000), annualRate: Rational(4, 100), periods: 20, periodicity: .quarterly))
    #expect(s.summary.instalment == Money(cents: 110831))
    #expect(s.rows[0].interestCents == 20000)
  }

  @Test("Différé partiel de 2 mois : 1 200 € à 12 % sur 6 mois")
  func partialDeferral() throws {
    // Months 1–2: interest only, 12.00. Then 4 payments on 1 200 at 1 %:
    // 1.01^4 = 1.04060401; P = 12 × 1.04060401 / 0.04060401 = 307.5350… → 307.54.
    let s = try Schedule(
      terms: LoanTerms(
        capital: Money(euros: 1200), annualRate: Rational(12, 100), periods: 6,
        deferral: Deferral(periods: 2, kind: .partial)))
    #expect(s.rows[0].paymentCents == 1200 && s.rows[1].paymentCents == 1200)
    #expect(s.rows[0].principalCents == 0 && s.rows[1].balanceCents == 120_000)
    #expect(s.rows[2].paymentCents == 30754)
    #expect(s.summary.instalment == Money(cents: 30754))
    #expect(s.rows.last!.balanceCents == 0)
  }

  @Test("Différé total de 2 mois : les intérêts s'ajoutent au capital")
  func totalDeferral() throws {
    // Month 1: 12.00 capitalised → 1 212.00; month 2: 12.12 → 1 224.12.
    // Then P = 1224.12 × 0.01 × 1.04060401 / 0.04060401 = 313.7174… → 313.72.
    let s = try Schedule(
      terms: LoanTerms(
        capital: Money(euros: 1200), annualRate: Rational(12, 100), periods: 6,
        deferral: Deferral(periods: 2, kind: .total)))
    #expect(s.rows[0].paymentCents == 0 && s.rows[0].balanceCents == 121_200)
    #expect(s.rows[1].interestCents == 1212 && s.rows[1].balanceCents == 122_412)
    #expect(s.rows[2].paymentCents == 31372)
    let principal = s.rows.map(\.principalCents).reduce(0, +)
    #expect(principal == 120_000)
  }

  @Test("Assurance : taux sur capital initial, taux sur capital restant, prime fixe")
  func insurance() throws {
    // 0,36 %/an of 12 000 = 43.20 a year = 3.60 a month.
    let initial = try Schedule(
      terms: LoanTerms(
        capital: Money(euros: 12_000), annualRate: Rational(35, 1000), periods: 48,
        insurance: .rate(annual: Rational(36, 10_000), base: .initialCapital)))
    #expect(initial.rows.allSatisfy { $0.insuranceCents == 360 })
    #expect(initial.summary.totalInsurance == Money(cents: 48 * 360))
    #expect(initial.summary.instalmentWithInsurance == Money(cents: 26827 + 360))
    // On the outstanding capital: month 1 on 12 000 = 3.60; month 2 on 11 766.73:
    // 11766.73 × 0.0003 = 3.530019 → 3.53.
    let outstanding = try Schedule(
      terms: LoanTerms(
        capital: Money(euros: 12_000), annualRate: Rational(35, 1000), periods: 48,
        insurance: .rate(annual: Rational(36, 10_000), base: .outstandingCapital)))
    #expect(outstanding.rows[0].insuranceCents == 360)
    #expect(outstanding.rows[1].insuranceCents == 353)
    let premium = try Schedule(
      terms: LoanTerms(
        capital: Money(euros: 12_000), annualRate: Rational(35, 1000), periods: 48, insurance: .premium(Money(cents: 950))))
    #expect(premium.rows.allSatisfy { $0.insuranceCents == 950 && $0.paymentCents >= 950 })
  }

  @Test("Frais et coût total du crédit")
  func feesAndCost() throws {
    let s = try Schedule(
      terms: LoanTerms(
        capital: Money(euros: 12_000), annualRate: Rational(35, 1000), periods: 48, fees: Money(euros: 150)))
    #expect(s.summary.fees == Money(euros: 150))
    #expect(s.summary.totalCostOfCredit == Money(cents: 87706 + 15000))
  }

  @Test("Arrondi configurable de l'échéance")
  func instalmentRounding() throws {
    // 12 100/21 = 576.190476… : up gives 576.20, down 576.19.
    let up = try Schedule(
      terms: LoanTerms(
        capital: Money(euros: 1000), annualRate: Rational(1, 10), periods: 2, periodicity: .annual,
        rounding: LoanRounding(instalment: .ceiling)))
    #expect(up.rows[0].paymentCents == 57620)
    #expect(up.rows[1].paymentCents == 57618)  // 523.80 + 52.38: the last one absorbs the residue
  }

  @Test(
    "Conditions refusées, avec le champ en cause",
    arguments: [
      (LoanTerms(capital: Money(euros: -5), annualRate: .zero, periods: 12), "capital"),
      (LoanTerms(capital: Money(Rational(1, 3)), annualRate: .zero, periods: 12), "capital"),
      (LoanTerms(capital: Money(euros: 1000), annualRate: .zero, periods: 0), "duree"),
      (LoanTerms(capital: Money(euros: 1000), annualRate: .zero, periods: 601), "duree"),
      (LoanTerms(capital: Money(euros: 1000), annualRate: Rational(-1), periods: 12), "taux"),
      (LoanTerms(capital: Money(euros: 1000), annualRate: .zero, periods: 12, deferral: Deferral(periods: 12, kind: .partial)), "differe"),
      (LoanTerms(capital: Money(euros: 1000), annualRate: .zero, periods: 12, fees: Money(euros: -1)), "frais"),
      (LoanTerms(capital: Money(euros: 1000), annualRate: .zero, periods: 12, insurance: .premium(Money(euros: -1))), "assurance"),
    ])
  func rejects(terms: LoanTerms, field: String) {
    #expect(throws: LoanError.self) { try Schedule(terms: terms) }
    do {
      _ = try Schedule(terms: terms)
    } catch {
      #expect(error.field == field)
    }
  }
}
