/// What the RSA and the prime d'activité read from a scenario: the foyer (applicant, spouse,
/// children under 25), the monthly resources of the reference quarter (taken as the scenario's
/// steady monthly amounts), and the housing that decides the forfait logement.
public struct BenefitHousehold: Sendable {
  /// One adult of the foyer (the applicant, the spouse) and their monthly resources.
  public struct Adult: Sendable {
    public let label: String
    public let age: Int
    /// Salaries (net), daily allowances: the earned income of CSS L842-4 and CASF R262-6.
    public var earned: Money = .zero
    /// The AAH, counted as earned income for the prime d'activité above a threshold (CSS R844-1).
    public var aah: Money = .zero
    /// Unemployment benefit, pensions, maintenance received, other resources.
    public var other: Money = .zero
    /// What the housing aid counts (CCH R822-3 to R822-5): taxable salaries and daily allowances,
    /// taxable unemployment benefit, and pensions (retirement, maintenance received).
    public var taxableEarned: Money = .zero
    public var taxableUnemployment: Money = .zero
    public var taxablePensions: Money = .zero

    public init(label: String, age: Int, earned: Money = .zero, aah: Money = .zero, other: Money = .zero) {
      self.label = label
      self.age = age
      self.earned = earned
      self.aah = aah
      self.other = other
    }
  }

  public let date: CivilDate
  public let adults: [Adult]
  /// Children of the foyer under 25 (CASF R262-3), youngest first.
  public let childrenAges: [Int]
  /// Resources of the household as a whole (declared family benefits, resources not attached).
  public let familyBenefits: Money
  public let otherHouseholdResources: Money
  /// Housing aid received (declared), and whether the household is housed at no cost (owner
  /// without a loan, housed for free): both bring the forfait logement.
  public var housingAid: Money
  public let housedForFree: Bool
  /// What the tool simplifies, said in every explanation.
  public let notes: [String]
  /// The dwelling, for the housing aid: nil when the scenario gives none.
  public var tenancy: Tenancy?
  /// What the housing aid's computation cannot take into account, said in its explanation.
  public var housingNotes: [String] = []

  /// The rented dwelling as the housing aid reads it.
  public struct Tenancy: Sendable {
    public var status: HousingStatus
    /// Monthly rent, charges excluded.
    public var rent: Money
    public var zone: APLZone?
    /// How the zone was found (commune, or declared), or why it is not known.
    public var zoneWhy: String
    public var furnished = false
    public var flatShare = false
    /// Under an APL convention: APL rather than AL, and the RLS with a social landlord.
    public var conventionne = false
    /// A member holds the disability card: no reduction for a high rent (CCH D823-16).
    public var disability = false

    public init(status: HousingStatus, rent: Money, zone: APLZone?, zoneWhy: String) {
      self.status = status
      self.rent = rent
      self.zone = zone
      self.zoneWhy = zoneWhy
    }
  }

  public var persons: Int { adults.count + childrenAges.count }
  public var isCouple: Bool { adults.count == 2 }

  public init(
    date: CivilDate, adults: [Adult], childrenAges: [Int], familyBenefits: Money = .zero, otherHouseholdResources: Money = .zero,
    housingAid: Money = .zero, housedForFree: Bool = false, notes: [String] = []
  ) {
    self.date = date
    self.adults = adults
    self.childrenAges = childrenAges
    self.familyBenefits = familyBenefits
    self.otherHouseholdResources = otherHouseholdResources
    self.housingAid = housingAid
    self.housedForFree = housedForFree
    self.notes = notes
  }

  /// The foyer of a scenario on `date` (the scenario's by default).
  public init(scenario s: Scenario, on date: CivilDate? = nil) {
    let day = date ?? s.date
    var adults: [Adult] = []
    var adultIndex: [Int: Int] = [:]
    for (i, m) in s.members.enumerated() where m.role == .demandeur || m.role == .conjoint {
      adultIndex[i] = adults.count
      adults.append(Adult(label: m.label, age: m.age(on: day)))
    }
    let children = s.members.filter { $0.role == .enfant && $0.age(on: day) < 25 }.map { $0.age(on: day) }.sorted()
    var family = Money.zero
    var other = Money.zero
    var notes: [String] = []
    for r in s.resources {
      let amount = r.monthly
      let who = r.person.flatMap { adultIndex[$0] }
      // The housing aid counts a resource not attached to an adult as the applicant's.
      let alWho = who ?? (adults.isEmpty ? nil : 0)
      let taxable = r.monthlyTaxable
      switch r.type {
      case .rsa, .primeActivite:
        continue  // the benefits computed here are not their own resources
      case .prestationsFamiliales:
        family = family + amount
      case .salaire, .indemnitesJournalieres:
        if let a = who { adults[a].earned = adults[a].earned + amount } else { other = other + amount }
        if let a = alWho { adults[a].taxableEarned = adults[a].taxableEarned + taxable }
      case .aah:
        if let a = who { adults[a].aah = adults[a].aah + amount } else { other = other + amount }
      case .chomage, .retraite, .pensionAlimentaireRecue, .autre:
        if let a = who { adults[a].other = adults[a].other + amount } else { other = other + amount }
        if let a = alWho {
          if r.type == .chomage { adults[a].taxableUnemployment = adults[a].taxableUnemployment + taxable }
          if r.type == .retraite || r.type == .pensionAlimentaireRecue { adults[a].taxablePensions = adults[a].taxablePensions + taxable }
        }
      }
    }
    if s.members.contains(where: { $0.role == .autre }) {
      notes.append("les autres personnes du logement ne font pas partie du foyer du RSA et de la prime d'activité (ni leurs ressources)")
    }
    if s.resources.contains(where: { $0.type == .prestationsFamiliales }) {
      notes.append(
        "prestations familiales déclarées comptées en entier (la loi en exclut certaines : allocation de rentrée scolaire, majorations…)")
    }
    let free = s.housing.status == .proprietaire || s.housing.status == .heberge
    if s.housing.status == .heberge {
      notes.append("hébergé : compté comme logé gratuitement (forfait logement), à vérifier s'il participe aux frais")
    }
    self.init(
      date: day, adults: adults, childrenAges: children, familyBenefits: family, otherHouseholdResources: other,
      housingAid: s.housing.housingBenefit, housedForFree: free, notes: notes)
    var hn: [String] = []
    if s.resources.contains(where: { $0.type == .autre }) {
      hn.append("ressources « autre » non comptées par l'aide au logement : à vérifier si elles sont imposables")
    }
    if s.resources.contains(where: { ($0.type == .salaire || $0.type == .chomage || $0.type == .retraite) && $0.taxable == nil }) {
      hn.append("montant net imposable pris égal au montant versé quand il n'est pas indiqué (« imposable: » sur la ressource)")
    }
    if s.members.contains(where: { $0.role == .enfant && (21..<25).contains($0.age(on: day)) }) {
      hn.append("enfant de 21 ans ou plus : pas à charge pour l'aide au logement")
    }
    if s.members.contains(where: { $0.role == .autre }) {
      hn.append("autres personnes du logement (ascendant, adulte handicapé) non comptées à charge : à vérifier")
    }
    if let status = s.housing.status, status == .locataireSocial || status == .locatairePrive {
      var zone: APLZone?
      var why: String
      if let z = s.housing.aplZone {
        zone = z
        why = "\(z.french), déclarée dans le scénario"
      } else if let c = s.housing.commune {
        if APLZoning.isOverseas(c) {
          why = "commune d'outre-mer \(c) : règles propres, non calculées"
        } else if let z = APLZoning.zone(ofCommune: c) {
          zone = z
          why = "\(z.french), commune \(c) (arrêté du 17 mars 1978 modifié, liste du \(APLZoning.source.date))"
        } else {
          why = "commune \(c) inconnue"
        }
      } else {
        why = "zone inconnue : indiquez logement.commune (code INSEE) ou logement.zone_apl"
      }
      var t = Tenancy(status: status, rent: s.housing.rent, zone: zone, zoneWhy: why)
      t.furnished = s.housing.furnished ?? false
      t.flatShare = s.housing.flatShare ?? false
      t.conventionne = s.housing.conventionne ?? (status == .locataireSocial)
      t.disability = s.members.contains { $0.disabled == true }
      tenancy = t
    }
    housingNotes = hn
  }

  /// The multiplier of the montant forfaitaire (CASF R262-1, CSS D843-1): +50 % for the second
  /// person, +30 % for the third and each further person of a couple, +40 % for each child from
  /// the third person of a single parent and from the fifth person.
  public func multiplier(_ m: [Rational]) -> Rational {
    let n = persons
    var k = Rational.one
    if n >= 2 { k = k + m[0] }
    if n >= 3 { k = k + m[1] }
    if n >= 4 { k = k + (isCouple ? m[1] : m[2]) }
    if n > 4 { k = k + m[2] * Rational(n - 4) }
    return k
  }

  /// A single parent with a child under 3: the montant majoré (isolement) may apply. Isolation
  /// after a separation of less than 12 months is not known to the tool.
  public var isolatedParent: Bool { adults.count == 1 && childrenAges.contains { $0 < 3 } }
}
