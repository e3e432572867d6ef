import PropertyBased
import Testing

@testable import EquilibreCore

/// The plan d'apurement: equal instalments rounded up to the cent, the last one takes the rest;
/// the instalments always add up to the arrears, to the cent.
@Suite("Plan d'apurement de la dette de loyer")
struct ArrearsPlanTests {
  /// parent-separe.yaml: 840 € owed to « Office HLM Exemple », its capacity computed by the engines.
  static func household(_ debts: [Debt]? = nil) throws -> (Scenario, RepaymentCapacity) {
    let (s0, forfaits) = try loadScenarioWithForfaits("parent-separe.yaml")
    var s = s0
    if let debts { s.debts = debts }
    return (s, try HouseholdFigures(scenario: s0, forfaits: forfaits, withAids: false).capacity)
  }

  static func rent(_ cents: Int, _ landlord: String = "Office HLM Exemple") -> Debt {
    Debt(creditor: landlord, nature: .loyer, remainingDue: Money(cents: cents), arrears: Money(cents: cents))
  }

  @Test("840 € sur 12 mois : 70,00 € par mois, de décembre 2026 à novembre 2027 (la situation est du 1er novembre 2026)")
  func twelveMonths() throws {
    let (s, capacity) = try Self.household()
    let p = try ArrearsPlan(scenario: s, capacity: capacity, choice: .months(12))
    // 840 ÷ 12 = 70 exactly: twelve equal instalments.
    #expect(p.arrears == Money(euros: 840) && p.landlord == "Office HLM Exemple")
    #expect(p.instalments.count == 12 && p.instalments.allSatisfy { $0.amount == Money(euros: 70) })
    #expect(p.instalments.first?.month == CivilDate(year: 2026, month: 12, day: 1))
    #expect(p.instalments.last?.month == CivilDate(year: 2027, month: 11, day: 1) && p.instalments.last?.remaining == .zero)
    // Rent 430 + charges 60 − housing aid, from the scenario: what the household pays each month.
    #expect(p.currentHousingCost == s.housing.rent + s.housing.charges - s.housing.housingBenefit)
    #expect(p.monthlyTotal == p.currentHousingCost + Money(euros: 70))
    #expect(p.capacity == capacity.capacity)
  }

  @Test("1 000 € sur 3 mois : 333,34 + 333,34 + 333,32 (arrondi par excès, la dernière prend le reste)")
  func roundingUp() throws {
    let (s, capacity) = try Self.household([Self.rent(100_000)])
    let p = try ArrearsPlan(scenario: s, capacity: capacity, choice: .months(3))
    // 1 000 ÷ 3 = 333,333… → 333,34 ; 1 000 − 2 × 333,34 = 333,32.
    #expect(p.instalments.map(\.amount.plain) == ["333.34", "333.34", "333.32"])
    #expect(p.instalments.map(\.remaining.plain) == ["666.66", "333.32", "0.00"])
    #expect(p.explanation.formula.contains("par excès"))
  }

  @Test("1 € sur 30 mois : 0,04 € arrondi solde la dette en 25 mois, et le document le dit")
  func endsEarlier() throws {
    let (s, capacity) = try Self.household([Self.rent(100)])
    let p = try ArrearsPlan(scenario: s, capacity: capacity, choice: .months(30))
    // 1 ÷ 30 = 0,0333… → 0,04 ; 25 × 0,04 = 1,00.
    #expect(p.instalments.count == 25 && p.monthly == Money(cents: 4) && p.last == Money(cents: 4))
    #expect(p.warnings == ["la mensualité arrondie solde la dette en 25 mois au lieu de 30"])
  }

  @Test("Mensualité choisie de 50 € sur 840 € : 16 × 50 € puis 40 € ; au-dessus de la capacité, un avertissement")
  func chosenMonthly() throws {
    let (s, capacity) = try Self.household()
    let p = try ArrearsPlan(scenario: s, capacity: capacity, choice: .monthly(Money(euros: 50)))
    #expect(p.instalments.count == 17 && p.last == Money(euros: 40))
    let big = try ArrearsPlan(scenario: s, capacity: capacity, choice: .monthly(capacity.capacity + Money(cents: 1)))
    #expect(big.warnings.contains { $0.hasPrefix("la mensualité (") && $0.contains("dépasse la capacité de remboursement") })
    // A monthly amount above the debt: one instalment, the debt.
    #expect(
      try ArrearsPlan(scenario: s, capacity: capacity, choice: .monthly(Money(euros: 5000))).instalments.map(\.amount) == [
        Money(euros: 840)
      ])
  }

  @Test("Refus en français : pas de dette de loyer, deux bailleurs sans choix, durée hors bornes, mensualité nulle ou sous le centime")
  func refusals() throws {
    let (s, capacity) = try Self.household([Debt(creditor: "Banque", nature: .decouvert, remainingDue: Money(euros: 100))])
    #expect(throws: ArrearsPlanError.self) { try ArrearsPlan(scenario: s, capacity: capacity, choice: .months(6)) }
    let (two, _) = try Self.household([Self.rent(10_000, "A"), Self.rent(20_000, "B")])
    do {
      _ = try ArrearsPlan(scenario: two, capacity: capacity, choice: .months(6))
      Issue.record("deux bailleurs acceptés sans choix")
    } catch { #expect(error.description.contains("plusieurs bailleurs sont créanciers (A, B)")) }
    #expect(try ArrearsPlan(scenario: two, capacity: capacity, choice: .months(6), creditor: "B").arrears == Money(euros: 200))
    let (one, _) = try Self.household()
    for n in [0, -1, ArrearsPlan.maximumMonths + 1] {
      #expect(throws: ArrearsPlanError.self) { try ArrearsPlan(scenario: one, capacity: capacity, choice: .months(n)) }
    }
    for m in [Money.zero, Money(cents: -100), Money(Rational(12_345, 1000))] {
      #expect(throws: ArrearsPlanError.self) { try ArrearsPlan(scenario: one, capacity: capacity, choice: .monthly(m)) }
    }
  }

  @Test("Propriété : la somme des mensualités est la dette au centime, aucune n'est nulle ni au-dessus de la première, les mois se suivent")
  func invariants() async throws {
    let (s, capacity) = try Self.household()
    await propertyCheck(
      count: 2000, input: Gen.int(in: 1...5_000_000), Gen.int(in: 1...ArrearsPlan.maximumMonths), Gen.int(in: 1...60_000), Gen.bool
    ) { cents, months, monthlyCents, byMonths in
      var h = s
      h.debts = [Self.rent(cents)]
      let choice: ArrearsPlan.Choice = byMonths ? .months(months) : .monthly(Money(cents: monthlyCents))
      guard let p = try? ArrearsPlan(scenario: h, capacity: capacity, choice: choice) else {
        Issue.record("plan refusé : \(cents) centimes, \(choice)")
        return
      }
      #expect(p.instalments.map(\.amount).sum() == Money(cents: cents))
      #expect(p.instalments.allSatisfy { !$0.amount.isZero && !$0.amount.isNegative && $0.amount <= p.monthly })
      #expect(p.instalments.last?.remaining == .zero)
      #expect(
        p.instalments.enumerated().allSatisfy {
          $0.element.number == $0.offset + 1 && $0.element.month == p.instalments[0].month.adding(months: $0.offset)
        })
      if case .months(let n) = choice { #expect(p.instalments.count <= n) }
      #expect(p.instalments.allSatisfy { $0.amount.roundedToCents(.halfAwayFromZero) == $0.amount })
    }
  }
}
