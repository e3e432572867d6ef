import Foundation
import Testing

@testable import EquilibreCore

func day(_ s: String) -> CivilDate { CivilDate(s)! }

@Suite("Barème des saisies (R3252-2, R3252-3)")
struct SeizureScaleTests {
  /// Monthly seizable amount when the annual resources sit exactly on each threshold.
  func cumulative(on date: String) throws -> [Money] {
    let scale = try SeizureScale(parameters: .national, on: day(date))
    return scale.thresholds.map { scale.monthlySeizable(Money($0 / Rational(12)), dependants: 0) }
  }

  @Test("2023 : montants cumulés aux seuils, identiques à gesim.fr")
  func checkValues2023() throws {
    // surendettement.md §2.3: 17,38 / 50,46 / 116,96 / 199,25 / 309,53 / 533,97 (http://gesim.fr/index.php?id=20).
    #expect(try cumulative(on: "2023-06-01").map(\.plain) == ["17.38", "50.46", "116.96", "199.25", "309.53", "533.97"])
  }

  @Test("2026 : montants cumulés aux seuils (eurex.fr), 213,38 exact au 4e seuil")
  func checkValues2026() throws {
    // eurex.fr prints 213,37 at the 4th threshold by adding rounded monthly parts; the exact
    // value is (224 + 425 + 854 + 1 057,50) ÷ 12 = 2 560,50 ÷ 12 = 213,375 → 213,38 half-up.
    #expect(try cumulative(on: "2026-06-01").map(\.plain) == ["18.67", "54.08", "125.25", "213.38", "331.15", "572.26"])
  }

  @Test("Au-delà du dernier seuil, tout est saisissable ; personnes à charge")
  func aboveLastThreshold() throws {
    let scale = try SeizureScale(parameters: .national, on: day("2026-06-01"))
    // 30 000 €/an, 2026: 224 + 425 + 854 + 1 057,50 + 4 240/3 + 4 340 × 2/3 + (30 000 − 25 810) = 11 084,6666…
    let (annual, _) = scale.annualSeizable(Rational(30_000), dependants: 0)
    #expect(annual == Rational(224 + 425 + 854) + Rational(2115, 2) + Rational(4240, 3) + Rational(8680, 3) + Rational(4190))
    // One dependant raises every threshold by 1 740: 12 000 €/an →
    // 6 220/20 + 4 250/10 + (12 000 − 10 470)/5 = 311 + 425 + 306 = 1 042 → 86,83 a month.
    #expect(scale.monthlySeizable(Money(euros: 1000), dependants: 1) == Money(cents: 8683))
  }

  @Test("Années sans barème fourni (2017, 2022) : le dernier barème connu, dit provisoire sur le chiffre ; avant 2016 : refus")
  func gaps() throws {
    let provisional = try SeizureScale(parameters: .national, on: day("2022-05-01"))
    #expect(provisional.thresholds.first == Rational(3870))  // the 2020 scale (unchanged in 2021)
    let use = try #require(provisional.uses.first { $0.key == "saisie.seuils_annuels" })
    #expect(use.gapSince == day("2022-01-01") && use.isProvisional)
    #expect(use.warnings.contains { $0.contains("valeur provisoire") && $0.contains("1er janvier 2022") })
    #expect(try SeizureScale(parameters: .national, on: day("2017-05-01")).thresholds.first == Rational(3730))
    #expect(throws: ParameterError.self) { try SeizureScale(parameters: .national, on: day("2015-12-31")) }
    #expect((try? SeizureScale(parameters: .national, on: day("2019-03-01")))?.thresholds.first == Rational(3830))
    #expect((try? SeizureScale(parameters: .national, on: day("2016-03-01")))?.perDependant == Rational(1420))
  }
}

@Suite("RSA du foyer (R262-1) contre les tables publiées")
struct RSAHouseholdTests {
  func rsa(_ date: String, partner: Bool, children: Int, rounding: String = "global") throws -> String {
    var set = ParameterSet.national
    if rounding != "global" {
      set.merge(
        try ParameterFile.parse(
          "reglage.rsa_arrondi:\n  valeurs:\n    1970-01-01: {valeur: \(rounding)}\n", file: "test.yaml"))
    }
    let deps = (0..<children).map { (label: "enfant \($0 + 1)", isYoung: true) }
    return try RSAHousehold(hasPartner: partner, dependants: deps, parameters: set, on: day(date)).amount.plain
  }

  @Test("2024 (635,71 €) : legisocial et econostrum")
  func table2024() throws {
    #expect(try rsa("2024-06-01", partner: false, children: 0) == "635.71")
    #expect(try rsa("2024-06-01", partner: false, children: 1) == "953.57")
    #expect(try rsa("2024-06-01", partner: true, children: 0) == "953.57")
    #expect(try rsa("2024-06-01", partner: false, children: 2) == "1144.28")
    #expect(try rsa("2024-06-01", partner: true, children: 1) == "1144.28")
    #expect(try rsa("2024-06-01", partner: true, children: 2) == "1334.99")
    #expect(try rsa("2024-06-01", partner: false, children: 3) == "1398.56")
    // The table's 1 589,27 for a couple with 3 children is the sum of rounded majorations:
    // 635,71 + 317,86 + 190,71 + 190,71 + 254,28. Rounded once, 2,5 × 635,71 = 1 589,275 → 1 589,28.
    #expect(try rsa("2024-06-01", partner: true, children: 3) == "1589.28")
    #expect(try rsa("2024-06-01", partner: true, children: 3, rounding: "par-majoration") == "1589.27")
  }

  @Test("2025 (646,52 €) : Lefebvre Dalloz et RMC")
  func table2025() throws {
    #expect(try rsa("2025-06-01", partner: false, children: 0) == "646.52")
    #expect(try rsa("2025-06-01", partner: true, children: 0) == "969.78")
    // 1,8 × 646,52 = 1 163,736 → 1 163,74 (Lefebvre; RMC prints 1 163,73).
    #expect(try rsa("2025-06-01", partner: true, children: 1) == "1163.74")
    #expect(try rsa("2025-06-01", partner: false, children: 3) == "1422.34")  // RMC
    // Couple + 2: 2,1 × 646,52 = 1 357,692 → 1 357,69 once; Lefebvre's 1 357,70 is the sum of
    // rounded parts 646,52 + 323,26 + 193,96 + 193,96.
    #expect(try rsa("2025-06-01", partner: true, children: 2) == "1357.69")
    #expect(try rsa("2025-06-01", partner: true, children: 2, rounding: "par-majoration") == "1357.70")
    // RMC's 1 616,29 for couple + 3 matches neither rule (1 616,30 once, 1 616,31 by parts).
    #expect(try rsa("2025-06-01", partner: true, children: 3) == "1616.30")
  }

  @Test("2026 : 651,69 € depuis le 1er avril (décret 2026-220), 646,52 € la veille")
  func dates() throws {
    #expect(try rsa("2026-03-31", partner: false, children: 0) == "646.52")
    #expect(try rsa("2026-04-01", partner: false, children: 0) == "651.69")
    // A 4th child also counts 40 %: 1 + 0,5 + 0,3 + 0,3 + 0,4 + 0,4 = 2,9 × 651,69 = 1 889,901 → 1 889,90.
    #expect(try rsa("2026-06-01", partner: true, children: 4) == "1889.90")
  }
}

@Suite("Capacité de remboursement")
struct RepaymentCapacityTests {
  func household(
    resources: [Int], partner: Bool = false, childrenAges: [Int] = [], rent: Int = 0, otherCharges: Int = 0
  )
    -> Scenario
  {
    let date = day("2026-11-01")
    var members = [Member(name: "A", role: .demandeur, birthDate: day("1980-01-01"))]
    if partner { members.append(Member(name: "B", role: .conjoint, birthDate: day("1982-01-01"))) }
    for (i, age) in childrenAges.enumerated() {
      members.append(Member(name: "E\(i)", role: .enfant, birthDate: CivilDate(year: 2026 - age, month: 1, day: 1)!))
    }
    return Scenario(
      date: date, members: members,
      housing: Housing(status: .locatairePrive, rent: Money(euros: rent)),
      resources: resources.map { Resource(type: .salaire, amount: Money(euros: $0), person: 0) },
      charges: otherCharges > 0 ? [Charge(type: .autre, amount: Money(euros: otherCharges))] : [])
  }

  @Test("Exemple publié du barème forfaitaire (Puy-de-Dôme, 2012) : capacité de 157 €")
  func forfaitExample() throws {
    // surendettement.md §1.3: couple, 1 600 € of wages, rent 400 €, taxes 100 €:
    // 400 + 100 + (529 + 187) + (102 + 36) + (66 + 23) = 1 443 → 1 600 − 1 443 = 157.
    var s = household(resources: [1600], partner: true, rent: 400)
    s.charges = [Charge(type: .impots, amount: Money(euros: 100)), Charge(type: .energie, amount: Money(euros: 120))]
    let forfaits = try ParameterFile.parse(
      String(decoding: try readPackageFile("Scenarios/forfaits/puy-de-dome-2012.yaml"), as: UTF8.self), file: "forfaits")
    let c = try RepaymentCapacity(scenario: s, forfaits: forfaits)
    #expect(c.budgetVieCourante.total == Money(euros: 1443))
    #expect(c.resourcesMinusBudget == Money(euros: 157))
    #expect(c.capacity == Money(euros: 157))
    #expect(c.bindingTerm == .budgetVieCourante)
  }

  @Test("Sans ressources au-dessus du RSA, capacité nulle")
  func nilCapacity() throws {
    let c = try RepaymentCapacity(scenario: household(resources: [600]))
    #expect(c.resourcesMinusRSA == Money(cents: 60000 - 65169))
    #expect(c.capacity == .zero)
    #expect(c.soldeBancaireInsaisissable == Money(cents: 65169))
  }
}

/// The package's root folder (the source tree), for the scenario files.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent()

/// Reads a file of the package (scenarios, forfaits) from the source tree.
func readPackageFile(_ relative: String) throws -> [UInt8] {
  Array(try Data(contentsOf: packageRoot.appendingPathComponent(relative)))
}
