import EquilibreCore
import Testing

/// The tenant's housing aid (CCH L821-1, R822-1 and following, D823-1 and following, arrêté du
/// 27 septembre 2019), on the households of OpenFisca-France's reference table
/// (`shared/reference/openfisca-oracle.md`, November 2026) and on the rules' own examples.
@Suite("Aide au logement des locataires : exemples")
struct HousingAidTests {
  static let november = CivilDate("2026-11-01")!

  static func single(salary: Int = 0, rent: Int, zone: APLZone?, status: HousingStatus = .locatairePrive) -> BenefitHousehold {
    var a = BenefitHousehold.Adult(label: "A", age: 40, earned: Money(euros: salary))
    a.taxableEarned = Money(euros: salary)
    var h = BenefitHousehold(date: november, adults: [a], childrenAges: [])
    h.tenancy = .init(status: status, rent: Money(euros: rent), zone: zone, zoneWhy: "test")
    h.tenancy?.conventionne = status == .locataireSocial
    return h
  }

  static func zone(_ code: String) -> APLZone { APLZoning.zone(ofCommune: code)! }

  @Test("Personne seule sans revenu, loyer 500 €, zone 2 : 308 € (tableau de référence OpenFisca, novembre 2026)")
  func singleNoIncome() throws {
    let aid = try HousingAid(Self.single(rent: 500, zone: Self.zone("63113")))
    #expect(aid.amount == Money(euros: 308))
  }

  @Test("Personne seule, salaire imposable 900 € par mois, loyer 450 €, zone 3 : ressources 12 × 900 − 10 % = 9 720 → 9 800 € ; aide 149 €")
  func singleWorker900() throws {
    let aid = try HousingAid(Self.single(salary: 900, rent: 450, zone: Self.zone("23096")))
    #expect(aid.resources == Rational(9800))
    #expect(aid.amount == Money(euros: 149))
  }

  @Test("Personne seule, salaire imposable 1 200 €, loyer 450 €, zone 3 : ressources 12 960 → 13 000 € ; aide 51 €")
  func singleWorker1200() throws {
    let aid = try HousingAid(Self.single(salary: 1200, rent: 450, zone: Self.zone("23096")))
    #expect(aid.resources == Rational(13000))
    #expect(aid.amount == Money(euros: 51))
  }

  @Test("Couple sans revenu, loyer 650 €, zone 1 : 420 € (tableau de référence OpenFisca)")
  func coupleNoIncome() throws {
    var h = BenefitHousehold(date: Self.november, adults: [.init(label: "A", age: 40), .init(label: "B", age: 38)], childrenAges: [])
    h.tenancy = .init(status: .locatairePrive, rent: Money(euros: 650), zone: Self.zone("75056"), zoneWhy: "test")
    #expect(try HousingAid(h).amount == Money(euros: 420))
  }

  @Test("Le loyer retenu est plafonné (CCH D823-16) : au-delà du plafond, l'aide ne monte plus")
  func rentCeiling() throws {
    // Zone 3, personne seule : plafond de 275,25 € au 1er octobre 2026 (arrêté du 28/09/2026).
    let a = try HousingAid(Self.single(rent: 400, zone: Self.zone("23096"))).amount!
    let b = try HousingAid(Self.single(rent: 420, zone: Self.zone("23096"))).amount!
    #expect(a == b)
    #expect(a > .zero)
  }

  @Test("Colocation : plafond de loyer réduit (coefficient de colocation), aide plus basse à loyer égal")
  func flatShare() throws {
    let alone = try HousingAid(Self.single(rent: 500, zone: Self.zone("63113"))).amount!
    var h = Self.single(rent: 500, zone: Self.zone("63113"))
    h.tenancy?.flatShare = true
    let shared = try HousingAid(h)
    #expect(shared.amount! < alone)
  }

  @Test("Logement social conventionné, ressources sous le plafond : APL et réduction de loyer de solidarité déduite")
  func rls() throws {
    let social = try HousingAid(Self.single(rent: 400, zone: Self.zone("63113"), status: .locataireSocial))
    let privateRent = try HousingAid(Self.single(rent: 400, zone: Self.zone("63113")))
    #expect(social.kind == "APL")
    #expect(social.amount! < privateRent.amount!)
    #expect(social.explanation.frenchLines.joined().contains("RLS") || social.explanation.frenchLines.joined().contains("solidarité"))
  }

  @Test("Commune inconnue, ou d'outre-mer : zone non déterminée, aide « non calculée » avec la raison")
  func unknownZone() throws {
    var s = try ScenarioFile.parse(
      """
      date: 2026-11-01
      menage:
        - role: demandeur
          naissance: 1986-01-01
      logement:
        statut: locataire-prive
        loyer: 450
        commune: "97411"
      """, file: "t.yaml")
    let overseas = try Benefits(BenefitHousehold(scenario: s))
    #expect(overseas.housingAid.amount == nil)
    #expect(overseas.housingAid.reason?.contains("outre-mer") == true)
    s.housing.commune = nil
    let unknown = try Benefits(BenefitHousehold(scenario: s))
    #expect(unknown.housingAid.amount == nil)
    #expect(unknown.housingAid.reason?.contains("logement.commune") == true)
    s.housing.commune = "23096"
    #expect(
      try Benefits(BenefitHousehold(scenario: s)).housingAid.amount
        == (try HousingAid(Self.single(rent: 450, zone: Self.zone("23096")))).amount)
  }

  @Test("Zone APL depuis le code INSEE : Paris en zone 1, Lyon et Clermont-Ferrand en 2, Guéret en 3")
  func zones() {
    #expect(APLZoning.zone(ofCommune: "75056") == APLZone(rawValue: "1"))
    #expect(APLZoning.zone(ofCommune: "69123") == APLZone(rawValue: "2"))
    #expect(APLZoning.zone(ofCommune: "63113") == APLZone(rawValue: "2"))
    #expect(APLZoning.zone(ofCommune: "23096") == APLZone(rawValue: "3"))
    #expect(APLZoning.zone(ofCommune: "97411") == nil)
  }

  @Test("Propriétaire : l'aide à l'accession n'est pas calculée, et la sortie le dit")
  func owner() throws {
    let s = try ScenarioFile.parse(
      """
      date: 2026-11-01
      menage:
        - role: demandeur
          naissance: 1986-01-01
      logement:
        statut: proprietaire
        commune: "23096"
      """, file: "t.yaml")
    let b = try Benefits(BenefitHousehold(scenario: s))
    #expect(b.housingAid.amount == nil)
    #expect(b.housingAid.reason != nil)
  }
}
