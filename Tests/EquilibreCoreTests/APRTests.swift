import Testing

@testable import EquilibreCore

/// The worked examples of the annex to décret n° 2002-928 (10 June 2002), which illustrate the
/// actuarial-equivalence equation now in the annex to article R314-3 of the Code de la consommation.
/// Time is in years: normalised months of 1/12 of a year.
@Suite("TAEG : exemples de l'annexe du décret n° 2002-928")
struct DecreeExampleTests {
  /// The example through the default path, which must be the fast one here, checked against
  /// the GMP-only bracket.
  func apr(_ flows: [(Int, Int)], q: Int = 12, places: Int = 2) throws -> APRResult {
    let periodic = flows.map { APR.PeriodicFlow(index: $0.0, cents: $0.1) }
    let result = try APR.solve(periodic: periodic, periodsPerYear: q, places: places)
    let exact = try APR.solve(periodic: periodic, periodsPerYear: q, places: places, method: .exact)
    #expect(result.method == .fast)
    #expect(result.roundedPercent == exact.roundedPercent)
    #expect(result.lower <= exact.upper && exact.lower <= result.upper)
    return result
  }

  @Test("Exemple 1 : 1 000 € prêtés, 1 200 € rendus 18 mois plus tard → 12,92 %")
  func example1() throws {
    let r = try apr([(0, -100_000), (18, 120_000)])
    #expect(r.roundedPercent == Rational("12.92")!)
    // Closed form: X = 1.2^(2/3) − 1; check the bracket against X^3-level identity (1+X)^3 = 1.44.
    #expect((Rational.one + r.lower).power(3) <= Rational("1.44")!)
    #expect((Rational.one + r.upper).power(3) >= Rational("1.44")!)
  }

  @Test("Exemple 2 : le même avec 50 € de frais retenus (950 € nets) → 16,85 %")
  func example2() throws {
    #expect(try apr([(0, -95_000), (18, 120_000)]).roundedPercent == Rational("16.85")!)
  }

  @Test("Exemple 3 : 1 000 € ; 600 € après 1 an et 2 ans → 13,07 % (i = 0,1306623)")
  func example3() throws {
    #expect(try apr([(0, -100_000), (12, 60_000), (24, 60_000)]).roundedPercent == Rational("13.07")!)
    #expect(try apr([(0, -100_000), (12, 60_000), (24, 60_000)], places: 5).roundedPercent == Rational("13.06624")!)
    // The text's i = 0.1306623 (7 decimals, truncated): our bracket lies within 0.13066230 … 0.13066240.
    let r = try apr([(0, -100_000), (12, 60_000), (24, 60_000)], places: 8)
    #expect(r.lower >= Rational("0.1306623")! && r.upper < Rational("0.1306624")!)
  }

  @Test("Exemple 4 : 272 € à 3 et 6 mois, 544 € à 12 mois → 13,19 %")
  func example4() throws {
    #expect(try apr([(0, -100_000), (3, 27_200), (6, 27_200), (12, 54_400)]).roundedPercent == Rational("13.19")!)
  }

  @Test("Exemple 5 : 1 000 € remboursés en 36 mensualités de 30,42 € → 6,16 %")
  func example5() throws {
    let flows = [(0, -100_000)] + (1...36).map { ($0, 3042) }
    #expect(try apr(flows).roundedPercent == Rational("6.16")!)
  }

  @Test("Exemple 6 : le même avec 10 € de frais → 6,88 %")
  func example6() throws {
    let flows = [(0, -99_000)] + (1...36).map { ($0, 3042) }
    #expect(try apr(flows).roundedPercent == Rational("6.88")!)
  }

  @Test("Exemples B : taux journaliers et mensuels rendus annuels")
  func examplesB() throws {
    // B1: overdraft at 0.0274 % a day: (1.000274)^365 − 1 = 10.52 %.
    #expect(try apr([(0, -1_000_000_000), (1, 1_000_274_000)], q: 365).roundedPercent == Rational("10.52")!)
    // B2: revolving credit at 0.04 % a day: 15.72 %.
    #expect(try apr([(0, -1_000_000_000), (1, 1_000_400_000)], q: 365).roundedPercent == Rational("15.72")!)
    // B3: 1.2 % a month: 15.4 % (1 decimal in the text).
    #expect(try apr([(0, -1_000_000_000), (1, 1_012_000_000)], q: 12, places: 1).roundedPercent == Rational("15.4")!)
  }

  @Test("Exemple 1 en flux datés : 546 jours ne font pas 1,5 an")
  func example1Dated() throws {
    // 1 Jan 2001 → 1 Jul 2002 = 365 + 181 days; t = 1 + 181/365, so X = 1.2^(1/t) − 1 ≈ 12.96 %:
    // the annex reaches 12.92 % only with normalised months, which the periodic solver uses.
    let r = try APR.solve(dated: [
      APR.DatedFlow(date: CivilDate("2001-01-01")!, cents: -100_000),
      APR.DatedFlow(date: CivilDate("2002-07-01")!, cents: 120_000),
    ])
    #expect(APR.dayCount(from: CivilDate("2001-01-01")!, to: CivilDate("2002-07-01")!) == (546, 0))
    #expect(r.roundedPercent == Rational("12.96")!)
  }

  @Test("Flux datés dans le désordre, ou plusieurs le même jour : même TAEG")
  func datedOrder() throws {
    // 1 000 € lent on 1 Jan 2001, 1 200 € repaid on 1 Jul 2002 in two parts on the same day.
    let sorted = [
      APR.DatedFlow(date: CivilDate("2001-01-01")!, cents: -100_000),
      APR.DatedFlow(date: CivilDate("2002-07-01")!, cents: 70_000),
      APR.DatedFlow(date: CivilDate("2002-07-01")!, cents: 50_000),
    ]
    let a = try APR.solve(dated: sorted, places: 6)
    let b = try APR.solve(dated: [sorted[2], sorted[0], sorted[1]], places: 6)
    #expect(a.roundedPercent == b.roundedPercent)
    // 1.2^(365/546) − 1 = 12.9637… % (hand calculation: ln 1.2 × 365/546 = 0.121883, e^… − 1).
    #expect(a.roundedPercent.rounded(toPlaces: 2, .halfAwayFromZero) == Rational("12.96")!)
  }

  @Test("Années bissextiles : 366 jours en 2024")
  func leapYears() throws {
    #expect(APR.dayCount(from: CivilDate("2023-12-01")!, to: CivilDate("2024-03-01")!) == (31, 60))
    // One year across 2024: 1 000 → 1 100 after exactly 366 days of a leap year is 10 %.
    let r = try APR.solve(
      dated: [
        APR.DatedFlow(date: CivilDate("2024-01-01")!, cents: -100_000),
        APR.DatedFlow(date: CivilDate("2025-01-01")!, cents: 110_000),
      ], places: 8)
    #expect(r.lower <= Rational(1, 10) && Rational(1, 10) <= r.upper)
  }

  @Test("TEG proportionnel (R314-2) : taux de période × 12")
  func proportional() throws {
    // A 12 000 € loan at 3.5 % nominal without fees: the period rate is ≈ 0.035/12, so the
    // proportional TEG is ≈ 3.50 % while the TAEG is the actuarial 3.56 %.
    let s = try Schedule(terms: LoanTerms(capital: Money(euros: 12_000), annualRate: Rational(35, 1000), periods: 48))
    let r = try APR.solve(schedule: s)
    #expect(r.proportionalPercent == Rational("3.50")!)
    #expect(r.roundedPercent == Rational("3.56")!)
  }

  @Test("Dix décimales avec une borne d'erreur plus fine que la dernière")
  func tenPlaces() throws {
    let flows = [(0, -100_000)] + (1...36).map { ($0, 3042) }
    let r = try apr(flows, places: 10)
    #expect(r.roundingIsCertain)
    #expect(r.errorExponent >= 11)
    #expect(r.roundedPercent.rounded(toPlaces: 2, .halfAwayFromZero) == Rational("6.16")!)
  }

  @Test("Flux sans remboursement : erreur claire")
  func noFlows() {
    #expect(throws: APR.Failure.noFlows) { try apr([(0, -100_000)]) }
  }
}

@Suite("Seuils de l'usure datés")
struct UsuryTests {
  @Test("Seuil en vigueur, au-dessus et au-dessous, et seuil périmé")
  func thresholds() throws {
    let date = CivilDate("2026-01-15")!
    let check = try #require(UsuryTable.check(apr: Rational(9, 100), category: .consumerOver6000, on: date))
    #expect(check.threshold.from == CivilDate("2026-01-01")!)
    #expect(check.threshold.rate == Rational("0.0867")!)
    #expect(check.isUsurious)
    #expect(!check.isStale)
    let ok = try #require(UsuryTable.check(apr: Rational(8, 100), category: .consumerOver6000, on: date))
    #expect(!ok.isUsurious)
    // Before the first notice the tool holds (1st January 2017): no check, and the reason.
    #expect(UsuryTable.check(apr: Rational(8, 100), category: .consumerOver6000, on: CivilDate("2016-06-01")!) == nil)
    #expect(UsuryTable.unknownReason(category: .consumerOver6000, on: CivilDate("2016-06-01")!).contains("1er janvier 2017"))
    // 1st October 2026 notice (JO 26/09/2026): 8,56 % over 6 000 €, 23,60 % up to 3 000 €.
    let today = try #require(UsuryTable.check(apr: Rational(3189, 10000), category: .consumerUpTo3000, on: CivilDate("2026-12-03")!))
    #expect(today.threshold.rate == Rational(236, 1000) && today.isUsurious && !today.isProvisional)
    #expect(today.verdictFrench.contains("taux usuraire"))
    // Past the last known quarter: the last threshold, provisional, and a probable verdict.
    let next = try #require(UsuryTable.check(apr: Rational(3189, 10000), category: .consumerUpTo3000, on: CivilDate("2027-01-10")!))
    #expect(next.isProvisional && next.isUsurious && next.threshold.from == CivilDate("2026-10-01")!)
    #expect(next.verdictFrench.contains("probablement usuraire") && next.verdictFrench.contains("Contrôle provisoire"))
    // A declared gap (a user file): the last known value stands in, the gap is named.
    var gap = ParameterSet.national
    gap.merge(
      try ParameterFile.parse(
        "usure.conso-6000:\n  valeurs:\n    2027-01-01: {valeur: null, reference: lacune}\n", file: "lacune.yaml"))
    let gapped = try #require(
      UsuryTable.check(apr: Rational(8, 100), category: .consumerOver6000, on: CivilDate("2027-02-01")!, parameters: gap))
    #expect(gapped.gapSince == CivilDate("2027-01-01")! && gapped.isProvisional && !gapped.isUsurious)
    #expect(gapped.verdictFrench.contains("lacune depuis le 1er janvier 2027"))
    // A threshold supplied by the user is used, and flagged once its quarter is over.
    var set = ParameterSet.national
    set.merge(
      try ParameterFile.parse(
        "usure.conso-6000:\n  revu_jusqu_au: 2026-06-30\n  valeurs:\n    2026-04-01: {valeur: \"8,80\", source: essai}\n    2026-07-01: {valeur: null, reference: lacune}\n",
        file: "essai.yaml"))
    let current = try #require(
      UsuryTable.check(apr: Rational(8, 100), category: .consumerOver6000, on: CivilDate("2026-05-10")!, parameters: set))
    #expect(current.threshold.rate == Rational("0.088")! && !current.isStale)
    let late = try #require(
      UsuryTable.check(apr: Rational(8, 100), category: .consumerOver6000, on: CivilDate("2026-08-01")!, parameters: set))
    #expect(late.isStale)
  }
}

@Suite("Fichiers de flux")
struct FlowFileTests {
  @Test("Flux en mois et flux datés")
  func parses() throws {
    let months = try FlowFile.parse("# commentaire\nmois;type;montant\n0;pret;1000\n18;remboursement;1 200,00\n")
    guard case .monthly(let flows) = months else {
      Issue.record("flux en mois attendus")
      return
    }
    #expect(flows == [APR.PeriodicFlow(index: 0, cents: -100_000), APR.PeriodicFlow(index: 18, cents: 120_000)])
    let dated = try FlowFile.parse("date,type,montant\n15/01/2024,pret,1000\n2024-07-15,frais,10\n2025-01-15,remboursement,1000\n")
    guard case .dated(let d) = dated else {
      Issue.record("flux datés attendus")
      return
    }
    #expect(d.count == 3)
    #expect(d[1].cents == 1000)
  }

  @Test(
    "Erreurs avec la ligne et le champ",
    arguments: [
      ("mois;type;montant\n0;pret;1000\n18;remboursement;douze\n", 3, "montant"),
      ("mois;type;montant\n0;prêt-relais;1000\n", 2, "type"),
      ("date;type;montant\n2024-02-30;pret;1000\n", 2, "date"),
      ("jour;type;montant\n", 1, "en-tête"),
      ("mois;type;montant\n0;pret\n", 2, "ligne"),
    ])
  func errors(text: String, line: Int, field: String) {
    do {
      _ = try FlowFile.parse(text)
      Issue.record("erreur attendue")
    } catch {
      #expect(error.line == line)
      #expect(error.field == field)
    }
  }
}
