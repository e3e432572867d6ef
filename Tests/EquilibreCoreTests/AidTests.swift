import Testing

@testable import EquilibreCore

/// Each aid rule at its boundaries, on small scenarios built in the test.
@Suite("Aides : règles à leurs limites")
struct AidBoundaryTests {
  static func person(
    born: String, role: Role = .demandeur, status: ActivityStatus = .salarie, contract: ContractType? = .cdi,
    start: String? = "2020-01-01", end: String? = nil, headcount: Int? = 50, sector: EmployerSector? = .prive, gross: Int? = nil
  ) -> Member {
    var a = Activity(
      status: status, contract: contract, start: start.map(day), end: end.map(day), employerHeadcount: headcount, sector: sector)
    a.grossSalary = gross.map { Money(euros: $0) }
    return Member(name: "P", role: role, birthDate: day(born), activity: a)
  }

  static func scenario(
    _ date: String, _ members: [Member], salaryCents: Int = 140_000, rent: Int = 500, charges: Int = 0, benefit: Int = 0,
    zone: Int? = 3, events: Set<LifeEvent> = [.separation], departement: String = "45"
  ) -> Scenario {
    var s = Scenario(
      date: day(date), departement: departement, members: members,
      housing: Housing(status: .heberge),
      resources: [Resource(type: .salaire, amount: Money(cents: salaryCents), person: 0)])
    s.project = HousingProject(
      rent: Money(euros: rent), charges: Money(euros: charges), housingBenefit: Money(euros: benefit), sector: .prive, visaleZone: zone)
    s.situation.events = events
    return s
  }

  func status(_ s: Scenario, _ id: AidID) throws -> AidStatus {
    try #require(try AidAssessment(scenario: s).result(id)).status
  }

  @Test("Visale : 30 ans la veille des 31 ans, 31 ans le jour de l'anniversaire")
  func visaleAge() throws {
    // Over 30 with a salary above the ceiling and no other route: only the age can open Visale.
    let eve = Self.scenario("2026-05-09", [Self.person(born: "1995-05-10")], salaryCents: 300_000)
    let birthday = Self.scenario("2026-05-10", [Self.person(born: "1995-05-10")], salaryCents: 300_000)
    #expect(try status(eve, .visale) == .eligible)
    #expect(try status(birthday, .visale) == .nonEligible)
  }

  @Test("Visale : salaire net de 1 500,00 € contre 1 500,01 € (plus de 30 ans, règles 2025)")
  func visaleSalary() throws {
    let at = Self.scenario("2025-06-01", [Self.person(born: "1980-01-01")], salaryCents: 150_000, rent: 300)
    let above = Self.scenario("2025-06-01", [Self.person(born: "1980-01-01")], salaryCents: 150_001, rent: 300)
    #expect(try status(at, .visale) == .eligible)
    #expect(try status(above, .visale) == .nonEligible)
  }

  @Test("Visale : 5 contre 6 janvier 2026 (plafond 1 500 € puis 1 710 €)")
  func visaleRuleChange() throws {
    let members = [Self.person(born: "1980-01-01")]
    let jan5 = Self.scenario("2026-01-05", members, salaryCents: 160_000, rent: 300)
    let jan6 = Self.scenario("2026-01-06", members, salaryCents: 160_000, rent: 300)
    #expect(try status(jan5, .visale) == .nonEligible)
    #expect(try status(jan6, .visale) == .eligible)
    // Zone 3 rent ceiling: 1 300 € until 5 January, 1 365 € from the 6th (young candidate).
    let young = [Self.person(born: "2000-01-01")]
    let rent1350a = Self.scenario("2026-01-05", young, salaryCents: 400_000, rent: 1350)
    let rent1350b = Self.scenario("2026-01-06", young, salaryCents: 400_000, rent: 1350)
    #expect(try status(rent1350a, .visale) == .nonEligible)
    #expect(try status(rent1350b, .visale) == .eligible)
  }

  @Test("Visale : loyer à exactement 50 % des ressources, puis un centime au-dessus")
  func visaleFiftyPercent() throws {
    // Resources 1 000 € + 67 % × 300 € of APL = 1 201 €: half is 600,50 €.
    let young = [Self.person(born: "2000-01-01")]
    let exact = Self.scenario("2026-06-01", young, salaryCents: 100_000, rent: 600, charges: 0, benefit: 300)
    var exactHalf = exact
    exactHalf.project!.charges = Money(cents: 50)  // 600,50 € = 50 % exactly
    var above = exact
    above.project!.charges = Money(cents: 51)
    #expect(try status(exactHalf, .visale) == .eligible)
    #expect(try status(above, .visale) == .nonEligible)
  }

  @Test("Service d'accompagnement : CDD d'exactement 3 mois, et d'un jour de moins")
  func asdCDD() throws {
    let exact = Self.scenario("2026-10-15", [Self.person(born: "1990-01-01", contract: .cdd, start: "2026-09-01", end: "2026-12-01")])
    let short = Self.scenario("2026-10-15", [Self.person(born: "1990-01-01", contract: .cdd, start: "2026-09-01", end: "2026-11-30")])
    #expect(try status(exact, .asd) == .eligible)
    #expect(try status(short, .asd) == .nonEligible)
  }

  @Test("Service d'accompagnement : 9 contre 10 salariés ; 49 contre 50 en agriculture")
  func asdHeadcount() throws {
    #expect(try status(Self.scenario("2026-06-01", [Self.person(born: "1990-01-01", headcount: 9)]), .asd) == .nonEligible)
    #expect(try status(Self.scenario("2026-06-01", [Self.person(born: "1990-01-01", headcount: 10)]), .asd) == .eligible)
    #expect(
      try status(Self.scenario("2026-06-01", [Self.person(born: "1990-01-01", headcount: 49, sector: .agricole)]), .asd) == .nonEligible)
    #expect(
      try status(Self.scenario("2026-06-01", [Self.person(born: "1990-01-01", headcount: 50, sector: .agricole)]), .asd) == .eligible)
  }

  @Test("Service d'accompagnement : exception catastrophe, événement manquant, hors de France")
  func asdOther() throws {
    var cat = Self.scenario("2026-06-01", [Self.person(born: "1990-01-01", headcount: 3)], events: [.catastrophe])
    cat.situation.recognisedCatastrophe = true
    #expect(try status(cat, .asd) == .eligible)
    #expect(try status(Self.scenario("2026-06-01", [Self.person(born: "1990-01-01")], events: []), .asd) == .aVerifier)
    #expect(try status(Self.scenario("2026-06-01", [Self.person(born: "1990-01-01")], departement: "99"), .asd) == .nonEligible)
    #expect(try status(Self.scenario("2026-06-01", [Self.person(born: "1990-01-01")], departement: "974"), .asd) == .eligible)
  }

  /// The worked examples of the Action Logement Mobili-Jeune FAQ.
  @Test(
    "Mobili-Jeune : exemples de la FAQ Action Logement",
    arguments: [
      (350, 220, "100.00"),  // 130 € → capped at 100 €
      (350, 280, "70.00"),
      (250, 245, nil),  // 5 € < 10 €: not eligible
    ])
  func mobiliJeune(rent: Int, benefit: Int, expected: String?) throws {
    let apprentice = Self.person(born: "2006-03-01", contract: .apprentissage, start: "2026-09-01", end: "2028-08-31", gross: 1000)
    var s = Self.scenario("2026-10-01", [apprentice], salaryCents: 100_000, rent: rent, benefit: benefit)
    s.situation.professionalMobility = true
    let r = try #require(try AidAssessment(scenario: s).result(.mobiliJeune))
    if let expected {
      #expect(r.status == .eligible)
      #expect(r.amount?.plain == expected)
    } else {
      #expect(r.status == .nonEligible)
    }
  }

  @Test("Mobili-Jeune : 80 % du SMIC = 12,02 × 35 × 52 ÷ 12 × 0,8 = 1 458,43 € (janvier 2026), 12,31 × … = 1 493,61 € (juin 2026)")
  func mobiliJeuneSalary() throws {
    func result(_ gross: Int, on date: String, start: String) throws -> AidStatus {
      let a = Self.person(born: "2006-03-01", contract: .apprentissage, start: start, end: "2028-08-31", gross: gross)
      var s = Self.scenario(date, [a], rent: 350, benefit: 220)
      s.situation.professionalMobility = true
      return try status(s, .mobiliJeune)
    }
    // SMIC 12,02 €/h (décret 2025-1228): 12,02 × 35 = 420,70 ; × 52 = 21 876,40 ; ÷ 12 = 1 823,0333… ;
    // × 0,8 = 1 458,4266… €.
    #expect(try result(1458, on: "2026-03-01", start: "2026-02-01") == .eligible)
    #expect(try result(1459, on: "2026-03-01", start: "2026-02-01") == .nonEligible)
    // SMIC 12,31 €/h from 1 June 2026 (arrêté du 22 mai 2026): 12,31 × 35 = 430,85 ; × 52 = 22 404,20 ;
    // ÷ 12 = 1 867,0166… ; × 0,8 = 1 493,6133… €.
    #expect(try result(1493, on: "2026-10-01", start: "2026-09-01") == .eligible)
    #expect(try result(1494, on: "2026-10-01", start: "2026-09-01") == .nonEligible)
  }

  @Test("Loca-Pass : 1 200 € au plus, 25 mensualités au plus, 20 € au moins, après 3 mois de différé")
  func locaPass() throws {
    var big = Self.scenario("2026-10-20", [Self.person(born: "1990-01-01")])
    big.project!.deposit = Money(euros: 1500)
    big.project!.moveIn = day("2026-10-01")
    let r = try #require(try AidAssessment(scenario: big).result(.locapass))
    #expect(r.status == .eligible)
    #expect(r.amount == Money(euros: 1200))
    let rows = try #require(r.schedule?.rows)
    // 3 months of deferral, then 25 instalments of 1 200 ÷ 25 = 48 €.
    #expect(rows.count == 28)
    #expect(rows.prefix(3).allSatisfy { $0.paymentCents == 0 })
    #expect(rows.dropFirst(3).allSatisfy { $0.paymentCents == 4800 })
    var small = big
    small.project!.deposit = Money(euros: 300)
    let s = try #require(try AidAssessment(scenario: small).result(.locapass))
    // 300 ÷ 20 = 15 instalments of 20 €.
    #expect(s.schedule?.rows.count == 18)
    #expect(s.schedule?.rows.last?.paymentCents == 2000)
    // Two months after moving in is the last day to ask.
    var late = big
    late.date = day("2026-12-02")
    #expect(try status(late, .locapass) == .nonEligible)
    late.date = day("2026-12-01")
    #expect(try status(late, .locapass) == .eligible)
  }

  @Test("FSL : plafonds d'Eure-et-Loir par composition, et département sans règlement")
  func fsl() throws {
    // Single person without children: ceiling 1 026 € (resources without housing benefit).
    let at = Self.scenario("2026-06-01", [Self.person(born: "1990-01-01")], salaryCents: 102_600, departement: "28")
    let above = Self.scenario("2026-06-01", [Self.person(born: "1990-01-01")], salaryCents: 102_601, departement: "28")
    #expect(try status(at, .fsl) == .eligible)
    #expect(try status(above, .fsl) == .nonEligible)
    #expect(try status(Self.scenario("2026-06-01", [Self.person(born: "1990-01-01")], departement: "45"), .fsl) == .aVerifier)
  }

  @Test("Politique Action Logement : chaque résultat rappelle que les valeurs sont à confirmer")
  func alPolicyWarning() throws {
    let a = try AidAssessment(scenario: Self.scenario("2026-06-01", [Self.person(born: "1990-01-01")]))
    for id in [AidID.alPretAcces, .alSubventionAcces, .alPretCharges, .alSubventionCharges, .alPretRefinancement, .alSubventionHebergement]
    {
      #expect(a.result(id)?.warnings.contains(ActionLogementAids.confirm) == true)
    }
  }

  @Test("Les politiques livrées (Action Logement, FSL) se lisent")
  func shippedPolicies() throws {
    for (name, bytes) in [
      ("action-logement-exemple.yaml", PackageResources.action_logement_exemple_yaml),
      ("fsl-28-eure-et-loir.yaml", PackageResources.fsl_28_eure_et_loir_yaml),
      ("fsl-22-cotes-d-armor.yaml", PackageResources.fsl_22_cotes_d_armor_yaml),
    ] {
      _ = try ParameterFile.parse(String(decoding: bytes, as: UTF8.self), file: name)
    }
    #expect(FSLRule.shipped.keys.sorted() == ["22", "28"])
  }
}

@Suite("Variantes")
struct VariantTests {
  @Test("Un prêt qui solde une dette : mensualité ajoutée, dette retirée, base inchangée")
  func loanVariant() throws {
    let (base, _) = try loadScenarioWithForfaits("locataire-impayes-perte-emploi.yaml")
    let v = try #require(base.variants.first { $0.name == "Prêt Action Logement" })
    let s = v.apply(to: base)
    #expect(!s.debts.contains { $0.creditor == "M. Bailleur (propriétaire)" })
    let loan = try #require(s.debts.first { $0.creditor == "Prêt Action Logement" })
    // 2 360 € at 0 % over 36 months: 2 360 ÷ 36 = 65,555… → 65,56 €.
    #expect(loan.monthlyPayment == Money(cents: 6556))
    #expect(base.debts.count == 2)
    let b = try Budget(scenario: s)
    #expect(b.charges == Money(euros: 865) + Money(cents: 6556))
  }
}
