import PropertyBased
import Testing

@testable import EquilibreCore

@Suite("Plan de désendettement")
struct DebtPlanTests {
  static func scenario(_ debts: [Debt], assets: [Asset] = [], earlier: Int = 0) -> Scenario {
    var s = Scenario(
      date: day("2026-11-01"), members: [Member(role: .demandeur, birthDate: day("1980-01-01"))], debts: debts, assets: assets)
    s.settings.earlierPlanMonths = earlier
    return s
  }

  static func debt(_ name: String, _ euros: Int, _ nature: DebtNature = .pretPersonnel, exclusion: ErasureExclusion? = nil) -> Debt {
    Debt(creditor: name, nature: nature, remainingDue: Money(euros: euros), exclusion: exclusion)
  }

  @Test("Forme de la décision de Rouen (2025) : 324,75 € sur 84 mois à 0 %, effacement du reste")
  func rouenShape() throws {
    // Debts in ratio 1:2:2 (7 000 / 14 000 / 14 000 €): the pro rata shares of 324,75 € are exact,
    // 64,95 / 129,90 / 129,90 €, every month. Repaid: 84 × 64,95 = 5 455,80 and 84 × 129,90 = 10 911,60;
    // erased: 7 000 − 5 455,80 = 1 544,20 and 14 000 − 10 911,60 = 3 088,40. Totals 27 279,00 and 7 721,00.
    let s = Self.scenario([Self.debt("A", 7000), Self.debt("B", 14000), Self.debt("C", 14000)])
    let p = try DebtPlan(scenario: s, capacity: Money(cents: 32475))
    #expect(p.months == 84)
    #expect(p.creditors.map(\.repaid.plain) == ["5455.80", "10911.60", "10911.60"])
    #expect(p.creditors.map(\.erased.plain) == ["1544.20", "3088.40", "3088.40"])
    #expect(p.totalRepaid == Money(cents: 2_727_900))
    #expect(p.totalErased == Money(cents: 772_100))
    #expect(p.creditors[0].monthlyCents.allSatisfy { $0 == 6495 })
    #expect(p.balanceSeries.last == 772_100)
  }

  @Test("Un bailleur absorbe toute la capacité des premiers mois")
  func landlordFirst() throws {
    // 300 €/month; landlord 1 000 €: 300, 300, 300, then 100 + 200 to the bank;
    // the bank's 5 000 − 200 = 4 800 € take 16 more months: the plan ends at month 20.
    let s = Self.scenario([Self.debt("Banque", 5000), Self.debt("Bailleur", 1000, .loyer)])
    let p = try DebtPlan(scenario: s, capacity: Money(euros: 300))
    #expect(Array(p.creditors[1].monthlyCents.prefix(4)) == [30000, 30000, 30000, 10000])
    #expect(Array(p.creditors[0].monthlyCents.prefix(5)) == [0, 0, 0, 20000, 30000])
    #expect(p.months == 20)
    #expect(p.totalErased == .zero)
    #expect(p.creditors.allSatisfy { $0.repaidCents == $0.owedCents })
  }

  @Test("Moratoire : capacité sous le minimum, actifs réalisables, réexamen à 24 mois")
  func moratoire() throws {
    let s = Self.scenario([Self.debt("A", 3000)], assets: [Asset(type: .vehicule, value: Money(euros: 1500))])
    let p = try DebtPlan(scenario: s, capacity: Money(euros: 10))
    #expect(p.moratoireMonths == 24)
    #expect(p.reexamination == day("2028-11-01"))
    #expect(p.months == 0)
    #expect(!p.irremediablementCompromise)
    #expect(p.creditors[0].remaining == Money(euros: 3000))
    #expect(p.totalRepaid == .zero)
  }

  @Test("Capacité nulle sans actif : situation irrémédiablement compromise, sauf dettes exclues")
  func compromised() throws {
    let s = Self.scenario([Self.debt("A", 3000), Self.debt("Trésor public", 400, .amende)])
    let p = try DebtPlan(scenario: s, capacity: .zero)
    #expect(p.irremediablementCompromise)
    #expect(p.creditors[0].erased == Money(euros: 3000))
    #expect(p.creditors[1].erased == .zero)
    #expect(p.creditors[1].remaining == Money(euros: 400))
  }

  @Test("Petites dettes d'abord plutôt que des mensualités de contact")
  func smallDebtsFirst() throws {
    // 100 €/month, debts 20 / 5 000 / 5 000: the pro rata share of the 20 € debt (0,19 €) is below
    // 15 €, so it is paid off in month 1; the 80 € left go 40 / 40.
    let s = Self.scenario([Self.debt("Petit", 20), Self.debt("A", 5000), Self.debt("B", 5000)])
    let p = try DebtPlan(scenario: s, capacity: Money(euros: 100))
    #expect(p.creditors.map { $0.monthlyCents[0] } == [2000, 4000, 4000])
    #expect(p.creditors.map { $0.monthlyCents[1] } == [0, 5000, 5000])
  }

  @Test("Dette exclue de l'effacement : payée avant les autres, jamais effacée")
  func excluded() throws {
    let s = Self.scenario([Self.debt("Banque", 10_000), Self.debt("Pension", 2000, .familiale, exclusion: .alimentaire)])
    var settings = PlanSettings()
    settings.maxMonths = 10
    let p = try DebtPlan(scenario: s, capacity: Money(euros: 150), settings: settings)
    // 10 × 150 = 1 500 € all go to the alimentary debt, which stays due for 500 €.
    #expect(p.creditors[1].repaid == Money(euros: 1500))
    #expect(p.creditors[1].remaining == Money(euros: 500))
    #expect(p.creditors[1].erased == .zero)
    #expect(p.creditors[0].erased == Money(euros: 10_000))
  }

  @Test("Plans antérieurs : la durée restante est 84 − 24 mois")
  func earlierPlans() throws {
    let p = try DebtPlan(scenario: Self.scenario([Self.debt("A", 100_000)], earlier: 24), capacity: Money(euros: 500))
    #expect(p.months == 60)
    #expect(throws: PlanError.durationUsed(earlier: 84, max: 84)) {
      try DebtPlan(scenario: Self.scenario([Self.debt("A", 100)], earlier: 84), capacity: Money(euros: 500))
    }
  }

  @Test(
    "Taux : refusé au-dessus du taux légal, intérêts calculés sinon ; taux légal inconnu : plan calculé, plafond dit inconnu avec le dernier taux"
  )
  func rates() throws {
    var settings = PlanSettings()
    var first2026 = Self.scenario([Self.debt("A", 1000)])
    first2026.date = day("2026-03-01")
    settings.annualRate = Rational(10, 100)  // 10 % > 2,62 % (autres cas, 1er semestre 2026)
    #expect(throws: PlanError.self) { try DebtPlan(scenario: first2026, capacity: Money(euros: 100), settings: settings) }
    // The second half of 2026 is a gap in the parameters: the plan still computes, and says
    // that its ceiling is unknown, with the last known rate (2,62 % from 1st January 2026).
    let gap = try DebtPlan(scenario: Self.scenario([Self.debt("A", 1000)]), capacity: Money(euros: 100), settings: settings)
    #expect(gap.legalRateIsProvisional && gap.legalRate?.gapSince == day("2026-07-01"))
    let note = try #require(gap.notes.first { $0.contains("intérêt légal") })
    #expect(note.contains("2,62") && note.contains("DÉPASSE") && note.contains("--taux-legal"))
    // The counsellor gives the rate: checked against it, no longer provisional.
    var given = settings
    given.givenLegalRate = Rational(11, 100)
    let withRate = try DebtPlan(scenario: Self.scenario([Self.debt("A", 1000)]), capacity: Money(euros: 100), settings: given)
    #expect(!withRate.legalRateIsProvisional)
    given.givenLegalRate = Rational(5, 100)
    #expect(throws: PlanError.self) {
      try DebtPlan(scenario: Self.scenario([Self.debt("A", 1000)]), capacity: Money(euros: 100), settings: given)
    }
    _ = try DebtPlan(scenario: Self.scenario([Self.debt("A", 1000)]), capacity: Money(euros: 100))
    settings.annualRate = Rational(12, 1000)  // 1,2 %: 1 000 € → month 1 interest 1,00 €
    let p = try DebtPlan(scenario: first2026, capacity: Money(euros: 100), settings: settings)
    let c = p.creditors[0]
    #expect(c.interestCents > 0)
    #expect(c.repaidCents == c.owedCents + c.interestCents)
  }

  @Test("Propriétés : capacité respectée, remboursé + effacé + reste dû = dû, bailleurs d'abord, minimum")
  func invariants() async {
    await propertyCheck(
      count: 800, input: Gen.int(in: 1...8), Gen.int(in: 0...150_000), Gen.int(in: 1...84), Gen.int(in: 0...1_000_000),
      Gen.bool, Gen.int(in: 0...3)
    ) { count, capacityCents, maxMonths, seed, ordered, earlier in
      var debts: [Debt] = []
      var x = UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 &+ 1
      func next(_ n: Int) -> Int {
        x ^= x << 13
        x ^= x >> 7
        x ^= x << 17
        return Int(x % UInt64(n))
      }
      for k in 0..<count {
        let nature: DebtNature = next(5) == 0 ? .loyer : (next(7) == 0 ? .amende : .creditRenouvelable)
        debts.append(Debt(creditor: "C\(k)", nature: nature, remainingDue: Money(cents: 100 + next(3_000_000))))
      }
      var settings = PlanSettings()
      settings.maxMonths = max(maxMonths, earlier + 1)
      settings.allocation = ordered ? .ordre : .prorata
      let s = Self.scenario(debts, earlier: earlier)
      let p = try DebtPlan(scenario: s, capacity: Money(cents: capacityCents), settings: settings)
      #expect(p.months + p.moratoireMonths <= p.maxMonths - earlier)
      for c in p.creditors {
        #expect(c.repaidCents + c.erasedCents + c.remainingCents == c.owedCents + c.interestCents)
        #expect(c.repaidCents == c.monthlyCents.reduce(0, +))
        if c.exclusion != nil { #expect(c.erasedCents == 0) }
      }
      for m in 0..<p.months {
        let total = p.creditors.map { $0.monthlyCents[m] }.reduce(0, +)
        #expect(total <= p.capacityCents)
        // Landlords first: a non-landlord is paid only once every landlord is cleared.
        let othersPaid = p.creditors.contains { !$0.landlord && $0.monthlyCents[m] > 0 }
        if othersPaid {
          for c in p.creditors where c.landlord {
            #expect(c.monthlyCents.prefix(m + 1).reduce(0, +) == c.owedCents)
          }
        }
        // No payment under the minimum, except one that clears the debt.
        for c in p.creditors where c.monthlyCents[m] > 0 && c.monthlyCents[m] < 1500 {
          #expect(c.monthlyCents.prefix(m + 1).reduce(0, +) == c.owedCents)
        }
      }
    }
  }
}
