import EquilibreCore
import Testing

/// Social-housing eligibility: the tables as published, the household category of the arrêté du
/// 29 juillet 1987, the resources that count, and the boundaries.
@Suite("Logement social : plafonds publiés, catégorie de ménage, ressources retenues")
struct SocialHousingTests {
  static func day(_ s: String) -> CivilDate { CivilDate(s)! }

  /// `table[zone]` of a published year: 7 amounts (categories 1 to 6, per extra person).
  static func cells(_ fin: String, _ zone: String, _ date: String) throws -> [Int] {
    try ParameterSet.national.numbers("logement_social.plafonds.\(fin).\(zone)", on: day(date)).0.map { $0.scaledInteger(by: 1)! }
  }

  @Test("PLUS 2024 : les 21 cellules de l'annexe I (Légifrance, LEGIARTI000048667288)")
  func plus2024() throws {
    #expect(try Self.cells("plus", "paris_limitrophes", "2024-06-01") == [26044, 38925, 51025, 60921, 72482, 81562, 9089])
    #expect(try Self.cells("plus", "ile_de_france", "2024-06-01") == [26044, 38925, 46789, 56046, 66347, 74662, 8319])
    #expect(try Self.cells("plus", "autres_regions", "2024-06-01") == [22642, 30238, 36362, 43899, 51641, 58200, 6492])
  }

  @Test("PLUS et PLAI 2023 : les 42 cellules du tableau publié (weblex.fr, arrêté du 27 décembre 2022)")
  func tables2023() throws {
    #expect(try Self.cells("plus", "paris_limitrophes", "2023-01-01") == [25165, 37611, 49303, 58865, 70036, 78809, 8782])
    #expect(try Self.cells("plus", "ile_de_france", "2023-01-01") == [25165, 37611, 45210, 54154, 64108, 72142, 8038])
    #expect(try Self.cells("plus", "autres_regions", "2023-01-01") == [21878, 29217, 35135, 42417, 49898, 56236, 6273])
    #expect(try Self.cells("plai", "paris_limitrophes", "2023-01-01") == [13845, 22567, 29581, 32380, 38518, 43347, 4829])
    #expect(try Self.cells("plai", "ile_de_france", "2023-01-01") == [13845, 22567, 27126, 29784, 35261, 39678, 4419])
    #expect(try Self.cells("plai", "autres_regions", "2023-01-01") == [12032, 17531, 21082, 23457, 27445, 30930, 3449])
  }

  @Test("PLAI 2024 : les 21 cellules du tableau publié (arrêté du 18 décembre 2023)")
  func plai2024() throws {
    #expect(try Self.cells("plai", "paris_limitrophes", "2024-01-01") == [14329, 23355, 30614, 33511, 39863, 44861, 4998])
    #expect(try Self.cells("plai", "ile_de_france", "2024-01-01") == [14329, 23355, 28074, 30824, 36493, 41064, 4573])
    #expect(try Self.cells("plai", "autres_regions", "2024-01-01") == [12452, 18143, 21818, 24276, 28404, 32010, 3569])
  }

  @Test("PLUS 2025 et 2026 : les cellules citées par les tableaux publiés (plan-immobilier.fr 2025, lessentieldeleco.fr 2026)")
  func plus2025and2026() throws {
    let p25 = try Self.cells("plus", "paris_limitrophes", "2025-01-01"), i25 = try Self.cells("plus", "ile_de_france", "2025-01-01")
    let a25 = try Self.cells("plus", "autres_regions", "2025-01-01")
    #expect(
      Array(p25.prefix(3)) == [26687, 39885, 52284] && Array(i25.prefix(3)) == [26687, 39885, 47944]
        && Array(a25.prefix(2)) == [23201, 30984])
    let p26 = try Self.cells("plus", "paris_limitrophes", "2026-01-01"), a26 = try Self.cells("plus", "autres_regions", "2026-01-01")
    #expect([p26[0], p26[1], p26[3], p26[6]] == [26920, 40233, 62968, 9394] && [a26[0], a26[1], a26[3]] == [23403, 31254, 45374])
  }

  @Test("PLAI 2025 et 2026 : lacune déclarée, refusée avec un message clair")
  func plaiGap() throws {
    #expect(throws: ParameterError.self) {
      try ParameterSet.national.numbers("logement_social.plafonds.plai.autres_regions", on: Self.day("2026-03-01"))
    }
  }

  @Test("PLS 2023 : PLUS × 1,3 à l'euro le plus proche redonne le tableau PLS publié (autres régions, catégories 1 à 5)")
  func pls2023() throws {
    // logementsocial69.fr, « à compter du 1er janvier 2023 » : 28 441, 37 982, 45 676, 55 142, 64 867.
    // À la main : 21 878 × 1,3 = 28 441,4 ; 29 217 × 1,3 = 37 982,1 ; 35 135 × 1,3 = 45 675,5 → 45 676 ; …
    for (n, published) in [28441, 37982, 45676, 55142, 64867].enumerated() {
      let category = SocialHousingEligibility.Category(number: n + 1, extraPersons: 0, reason: "")
      let (ceiling, _, _) = try SocialHousingEligibility.ceiling(
        .pls, zone: .autresRegions, category: category, parameters: .national, date: Self.day("2023-06-01"))
      #expect(ceiling == Money(euros: published), "catégorie \(n + 1)")
    }
  }

  @Test("Catégorie de ménage, alternative par alternative de l'arrêté (handicap compris, sans cumul)")
  func categories() {
    func cat(_ persons: Int, _ dependants: Int, couple: Bool, ages: (Int, Int)? = nil, disabled: Bool = false) -> (Int, Int) {
      let c = SocialHousingEligibility.category(
        persons: persons, dependants: dependants, couple: couple, agesOfCouple: ages, disabledMember: disabled)
      return (c.number, c.extraPersons)
    }
    #expect(cat(1, 0, couple: false) == (1, 0))  // une personne seule
    #expect(cat(1, 0, couple: false, disabled: true) == (2, 0))  // une personne seule en situation de handicap
    #expect(cat(2, 0, couple: true, ages: (40, 42)) == (2, 0))  // deux personnes sans personne à charge
    #expect(cat(2, 0, couple: true, ages: (27, 28)) == (3, 0))  // jeune ménage : 27 + 28 = 55
    #expect(cat(2, 0, couple: true, ages: (28, 28)) == (2, 0))  // 56 > 55 : pas jeune ménage
    #expect(cat(2, 0, couple: true, ages: (40, 42), disabled: true) == (3, 0))  // deux personnes dont une handicapée
    #expect(cat(2, 1, couple: false) == (3, 0))  // personne seule avec une personne à charge
    #expect(cat(2, 1, couple: false, disabled: true) == (3, 0))  // les deux alternatives donnent 3 : pas de cumul
    #expect(cat(3, 2, couple: false) == (4, 0))  // personne seule avec deux personnes à charge
    #expect(cat(3, 1, couple: true, ages: (30, 31), disabled: true) == (4, 0))  // trois personnes dont une handicapée
    #expect(cat(6, 4, couple: true, ages: (35, 36)) == (6, 0))
    #expect(cat(7, 5, couple: true, ages: (35, 36)) == (6, 1))  // au-delà : une personne supplémentaire
    #expect(cat(6, 5, couple: false) == (6, 1))  // personne seule avec 5 à charge : « 7 »
    #expect(cat(7, 5, couple: true, ages: (35, 36), disabled: true) == (6, 2))
  }

  @Test("Ressources : N-1 à exactement 90 % de N-2 est retenu ; un euro de plus, c'est N-2")
  func resourcesBoundary() {
    let n2 = Money(euros: 20_000)
    // 90 % de 20 000 = 18 000 : « inférieurs d'au moins 10 % » inclut l'égalité.
    let at = SocialHousingEligibility.resources(year: 2026, taxIncome: [2024: n2, 2025: Money(euros: 18_000)], lastTwelveMonths: nil)!
    #expect(at.amount == Money(euros: 18_000) && at.year == 2025)
    let above = SocialHousingEligibility.resources(year: 2026, taxIncome: [2024: n2, 2025: Money(euros: 18_001)], lastTwelveMonths: nil)!
    #expect(above.amount == n2 && above.year == 2024)
    let below = SocialHousingEligibility.resources(year: 2026, taxIncome: [2024: n2, 2025: Money(euros: 17_999)], lastTwelveMonths: nil)!
    #expect(below.amount == Money(euros: 17_999))
    // The last twelve months, lower still, are taken.
    let months = SocialHousingEligibility.resources(
      year: 2026, taxIncome: [2024: n2, 2025: Money(euros: 17_000)], lastTwelveMonths: Money(euros: 15_000))!
    #expect(months.amount == Money(euros: 15_000) && months.year == nil)
    #expect(SocialHousingEligibility.resources(year: 2026, taxIncome: [2025: n2], lastTwelveMonths: nil) == nil)
  }

  static func scenario(_ rfr: String, zone: String = "autres-regions", date: String = "2026-03-01", extra: String = "") throws -> Scenario {
    try ScenarioFile.parse(
      """
      date: \(date)
      departement: "35"
      menage:
        - {prenom: Léa, role: demandeur, naissance: 1985-02-01\(extra)}
      logement: {statut: locataire-prive, loyer: 500}
      logement_social:
        zone: \(zone)
        revenus_fiscaux:
          2024: \(rfr)
      """, file: "cas.yaml")
  }

  @Test("Au plafond : éligible (marge 0) ; un euro au-dessus : non éligible (PLUS 2026, personne seule, autres régions : 23 403 €)")
  func ceilingBoundary() throws {
    let at = SocialHousingEligibility(scenario: try Self.scenario("23403"))
    let plus = at.results.first { $0.financing == .plus }!
    #expect(plus.status == .eligible && plus.ceiling == Money(euros: 23_403) && plus.margin == .zero && plus.resourcesYear == 2024)
    let over = SocialHousingEligibility(scenario: try Self.scenario("23404"))
    let plus2 = over.results.first { $0.financing == .plus }!
    #expect(plus2.status == .nonEligible && plus2.margin == Money(euros: -1))
    // PLS at the same resources: 23 403 × 1,3 = 30 423,9 → 30 424, so eligible with 7 020 € of margin.
    let pls = over.results.first { $0.financing == .pls }!
    #expect(pls.status == .eligible && pls.ceiling == Money(euros: 30_424) && pls.margin == Money(euros: 7_020))
    // PLAI 2026: a declared gap, « à vérifier » with the reason.
    let plai = over.results.first { $0.financing == .plai }!
    #expect(plai.status == .aVerifier && plai.reasons.contains { $0.contains("lacune") })
  }

  @Test("Un membre handicapé fait passer le ménage à la catégorie 2 : personne seule à 25 000 € éligible au PLUS 2026 (plafond 31 254 €)")
  func disabledMember() throws {
    let e = SocialHousingEligibility(scenario: try Self.scenario("25000", extra: ", handicap: true"))
    #expect(e.category.number == 2)
    let plus = e.results.first { $0.financing == .plus }!
    #expect(plus.status == .eligible && plus.ceiling == Money(euros: 31_254) && plus.margin == Money(euros: 6_254))
  }

  @Test("Zone : commune limitrophe, département 92 sans commune (à vérifier), Boulogne-Billancourt")
  func zones() {
    #expect(SocialHousingZone.of(commune: "92040", departement: nil) == .parisLimitrophes)
    #expect(SocialHousingZone.of(commune: "92012", departement: nil) == .parisLimitrophes)
    #expect(SocialHousingZone.of(commune: "92002", departement: nil) == .ileDeFrance)
    #expect(SocialHousingZone.of(commune: nil, departement: "92") == nil)
    #expect(SocialHousingZone.of(commune: nil, departement: "78") == .ileDeFrance)
    #expect(SocialHousingZone.of(commune: nil, departement: "35") == .autresRegions)
    #expect(SocialHousingZone.of(commune: nil, departement: "974") == .outreMer)
  }

  // MARK: Offers

  static func example(_ name: String) throws -> (Scenario, ParameterSet?) {
    let s = try ScenarioFile.parse(String(decoding: try readPackageFile("Scenarios/\(name).yaml"), as: UTF8.self), file: "\(name).yaml")
    let forfaits = try s.settings.forfaitsFile.map { f in
      try ParameterFile.parse(String(decoding: try readPackageFile("Scenarios/\(f)"), as: UTF8.self), file: f)
    }
    return (s, forfaits)
  }

  static func pct(_ r: Rational?) -> String { Figure.rate(r!).plain }
  static func eur(_ m: Money?) -> String { m!.plainCents }

  @Test("Couple, trois enfants (Clermont-Ferrand) : trois offres, taux d'effort et reste à vivre calculés à la main")
  func coupleOffers() throws {
    let (s, forfaits) = try Self.example("couple-trois-enfants-revolving")
    #expect(s.offers.map(\.name) == ["T5 Clermont-Ferrand", "T4 Cournon", "T5 Riom"])
    let c = try s.offers.map { try OfferComparison(offer: $0, scenario: s, forfaits: forfaits) }
    // Aujourd'hui : 650 ÷ 2 110 = 30,81 % ; 340 ÷ 2 110 = 16,11 % ; reste à vivre 495,00 ; 495 ÷ 2,4 ÷ 30 = 6,875 → 6,88.
    #expect(Self.pct(c[0].now.effortBeforeBenefit) == "30.81" && Self.pct(c[0].now.effortAfterBenefit) == "16.11")
    #expect(Self.eur(c[0].now.resteAVivre) == "495.00" && Self.eur(c[0].now.resteAVivrePerUCPerDay) == "6.88")
    // T5 Clermont (PLUS) : 610 + 110 = 720 ; 720 ÷ 2 110 = 34,12 % ; (720 − 330) ÷ 2 110 = 18,48 % ;
    // ressources 2 110 + 330 = 2 440, charges 1 925 − 650 + 720 = 1 995 → 445,00 ; 445 ÷ 72 = 6,18.
    #expect(Self.pct(c[0].after.effortBeforeBenefit) == "34.12" && Self.pct(c[0].after.effortAfterBenefit) == "18.48")
    #expect(Self.eur(c[0].after.resteAVivre) == "445.00" && Self.eur(c[0].after.resteAVivrePerUCPerDay) == "6.18")
    // Catégorie 5 (5 personnes), PLUS 2026 autres régions 53 376 ; 53 376 − 18 400 = 34 976.
    #expect(c[0].eligibility.status == .eligible && c[0].eligibility.margin == Money(euros: 34_976))
    // T4 Cournon (PLAI) : 575 ÷ 2 110 = 27,25 % ; 215 ÷ 2 110 = 10,19 % ; 2 470 − 1 850 = 620,00 ; 620 ÷ 72 = 8,61.
    #expect(Self.pct(c[1].after.effortBeforeBenefit) == "27.25" && Self.pct(c[1].after.effortAfterBenefit) == "10.19")
    #expect(Self.eur(c[1].after.resteAVivre) == "620.00" && Self.eur(c[1].after.resteAVivrePerUCPerDay) == "8.61")
    #expect(c[1].eligibility.status == .aVerifier)  // PLAI 2026 : lacune déclarée
    // T5 Riom (PLS) : 840 ÷ 2 110 = 39,81 % ; 590 ÷ 2 110 = 27,96 % ; 2 360 − 2 115 = 245,00 ; 245 ÷ 72 = 3,40.
    #expect(Self.pct(c[2].after.effortBeforeBenefit) == "39.81" && Self.pct(c[2].after.effortAfterBenefit) == "27.96")
    #expect(Self.eur(c[2].after.resteAVivre) == "245.00" && Self.eur(c[2].after.resteAVivrePerUCPerDay) == "3.40")
    // PLS : 53 376 × 1,3 = 69 388,8 → 69 389 ; marge 69 389 − 18 400 = 50 989.
    #expect(c[2].eligibility.ceiling == Money(euros: 69_389) && c[2].eligibility.margin == Money(euros: 50_989))
  }

  @Test("Mère séparée, deux enfants : trois offres, dont une sans aide au logement saisie (calculée pour l'offre)")
  func parentOffers() throws {
    let (s, forfaits) = try Self.example("parent-separe")
    let c = try s.offers.map { try OfferComparison(offer: $0, scenario: s, forfaits: forfaits) }
    // Ressources hors aide au logement : 600 + 150 + 190 = 940 ; aujourd'hui 490 ÷ 940 = 52,13 % ; 230 ÷ 940 = 24,47 %.
    #expect(Self.pct(c[0].now.effortBeforeBenefit) == "52.13" && Self.pct(c[0].now.effortAfterBenefit) == "24.47")
    // T3 Saint-Brieuc (PLAI) : 440 ÷ 940 = 46,81 % ; 140 ÷ 940 = 14,89 % ; 1 240 − 920 = 320,00 ; 320 ÷ (1,6 × 30) = 6,67.
    #expect(Self.pct(c[0].after.effortBeforeBenefit) == "46.81" && Self.pct(c[0].after.effortAfterBenefit) == "14.89")
    #expect(Self.eur(c[0].after.resteAVivre) == "320.00" && Self.eur(c[0].after.resteAVivrePerUCPerDay) == "6.67")
    // T3 Lamballe (PLUS) : 530 ÷ 940 = 56,38 % ; 280 ÷ 940 = 29,79 % ; 1 190 − 1 010 = 180,00 ; 180 ÷ 48 = 3,75.
    #expect(Self.pct(c[1].after.effortBeforeBenefit) == "56.38" && Self.pct(c[1].after.effortAfterBenefit) == "29.79")
    #expect(Self.eur(c[1].after.resteAVivre) == "180.00" && Self.eur(c[1].after.resteAVivrePerUCPerDay) == "3.75")
    #expect(c[1].eligibility.status == .eligible && c[1].eligibility.margin == Money(euros: 37_474))
    // T4 Plérin (PLS), aide non saisie : calculée pour l'offre (zone 3 du ménage, l'offre n'a pas de
    // commune) : APL 421 € (OpenFisca-France 176.1.8 : 421 pour un loyer de 560 € à Saint-Brieuc).
    // 650 ÷ 940 = 69,15 % avant aide ; (650 − 421) ÷ 940 = 24,36 % après ; 940 + 421 − 1 130 = 231,00 ; 231 ÷ 48 = 4,81.
    #expect(c[2].benefits.line(.aideLogement).after == Money(euros: 421))
    #expect(Self.pct(c[2].after.effortBeforeBenefit) == "69.15" && Self.pct(c[2].after.effortAfterBenefit) == "24.36")
    #expect(Self.eur(c[2].after.resteAVivre) == "231.00" && Self.eur(c[2].after.resteAVivrePerUCPerDay) == "4.81")
    #expect(c[2].notes.contains { $0.contains("commune de l'offre non indiquée") })
  }

  @Test("Une variante « offre » est l'emménagement dans cette offre, et le scénario s'écrit puis se relit identique")
  func offerVariantRoundTrip() throws {
    var text = String(decoding: try readPackageFile("Scenarios/parent-separe.yaml"), as: UTF8.self)
    // First in the example's list of variants.
    text = text.replacingOccurrences(
      of: "\nvariantes:\n",
      with: """

        variantes:
          - nom: Emménager à Lamballe
            changements:
              - offre: T3 Lamballe

        """)
    let s = try ScenarioFile.parse(text, file: "cas.yaml")
    let moved = s.variants[0].apply(to: s)
    #expect(
      moved.housing.rent == Money(euros: 450) && moved.housing.charges == Money(euros: 80)
        && moved.housing.housingBenefit == Money(euros: 250))
    let again = try ScenarioFile.parse(ScenarioWriter.yaml(s), file: "réécrit.yaml")
    #expect(again.offers == s.offers && again.socialHousing == s.socialHousing)
    #expect(ScenarioWriter.yaml(again) == ScenarioWriter.yaml(s))
    #expect(throws: Diagnostics.self) {
      try ScenarioFile.parse(text.replacingOccurrences(of: "- offre: T3 Lamballe", with: "- offre: T3 Lambale"), file: "cas.yaml")
    }
  }
}
