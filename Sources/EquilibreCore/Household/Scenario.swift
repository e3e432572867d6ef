/// A household's situation on a date: the input of every engine. Read from YAML by
/// ``ScenarioFile``.
public struct Scenario: Sendable {
  public var date: CivilDate
  public var departement: String?
  public var members: [Member]
  public var housing: Housing
  public var resources: [Resource]
  public var charges: [Charge]
  public var debts: [Debt]
  public var assets: [Asset]
  public var notes: String?
  /// Counsellor's settings for the calculation.
  public var settings: Settings
  /// Figures the scenario expects (`attendu:`), keyed like the JSON output.
  public var expected: [ExpectedFigure]
  /// Facts for the aid rules (`situation:`).
  public var situation: SituationFacts = SituationFacts()
  /// The home sought or just entered (`projet_logement:`).
  public var project: HousingProject?
  /// Social-housing facts (`logement_social:`): zone, revenus fiscaux de référence.
  public var socialHousing: SocialHousingFacts?
  /// Housing offers to compare (`offres:`).
  public var offers: [HousingOffer] = []
  /// Named what-if variants (`variantes:`).
  public var variants: [Variant] = []
  /// One-line description (`description:`).
  public var summary: String?
  /// Postal address, phone and e-mail of the household (filing).
  public var contact = Contact()
  public var familyStatus: FamilyStatus?
  /// Procedures in progress: seizures, eviction… (`procedures:`).
  public var procedures: [Procedure] = []
  /// The social service following the household (`suivi_social:`).
  public var socialService: SocialService?
  /// The accompaniment agreement: objectives and commitments (`accompagnement:`).
  public var accompaniment: Accompaniment?
  /// Where the scenario was read, and where each section and setting is in it: what an error
  /// found later (no debts for a plan, a missing policy file) points at.
  public var source = ScenarioSource()
  /// Matrimonial regime of a married couple (filing).
  public var matrimonialRegime: MatrimonialRegime?
  /// Bank and savings accounts with their balances (`comptes:`, filing).
  public var bankAccounts: [BankAccount] = []
  /// Earlier over-indebtedness filings (`depots_anterieurs:`).
  public var previousFilings: [PreviousFiling] = []
  /// Lists the scenario declares empty on purpose (`procedures: aucune`): the filing then says
  /// « aucun » instead of « à compléter ».
  public var declaredNone: Set<DeclaredList> = []

  public init(
    date: CivilDate, departement: String? = nil, members: [Member], housing: Housing = Housing(),
    resources: [Resource] = [], charges: [Charge] = [], debts: [Debt] = [], assets: [Asset] = [],
    notes: String? = nil, settings: Settings = Settings(), expected: [ExpectedFigure] = []
  ) {
    self.date = date
    self.departement = departement
    self.members = members
    self.housing = housing
    self.resources = resources
    self.charges = charges
    self.debts = debts
    self.assets = assets
    self.notes = notes
    self.settings = settings
    self.expected = expected
  }
}

public struct Member: Sendable {
  /// First name or label used to attach resources (`personne:`); may be anonymised.
  public var name: String?
  /// Family name (filing).
  public var familyName: String?
  /// Name at birth, when it differs (nom de naissance).
  public var birthName: String?
  /// Place of birth (commune, and country when abroad).
  public var birthPlace: String?
  public var nationality: String?
  public var role: Role
  public var birthDate: CivilDate
  public var activity: Activity?
  /// For a spouse or other dependant: counted as "à charge" for the seizure scale (R3252-3)
  /// whatever their resources; nil lets the engine decide.
  public var dependantForSeizure: Bool?
  /// Holds the carte mobilité inclusion « invalidité » (`handicap: true`): the household moves
  /// up a category for the social-housing ceilings.
  public var disabled: Bool?

  public init(name: String? = nil, role: Role, birthDate: CivilDate, activity: Activity? = nil, dependantForSeizure: Bool? = nil) {
    self.name = name
    self.role = role
    self.birthDate = birthDate
    self.activity = activity
    self.dependantForSeizure = dependantForSeizure
  }

  /// Age in whole years on `date`.
  public func age(on date: CivilDate) -> Int {
    var years = date.year - birthDate.year
    if (date.month, date.day) < (birthDate.month, birthDate.day) { years -= 1 }
    return years
  }

  /// How the member is named in outputs.
  public var label: String { name ?? role.french }
}

public struct Activity: Sendable {
  public var status: ActivityStatus
  public var contract: ContractType?
  public var start: CivilDate?
  public var end: CivilDate?
  public var hoursLast12Months: Int?
  public var employerHeadcount: Int?
  public var sector: EmployerSector?
  /// Monthly gross salary written in the contract (alternance: Mobili-Jeune).
  public var grossSalary: Money?
  /// The employer's name and address (filing).
  public var employerName: String?
  public var employerAddress: String?

  public init(
    status: ActivityStatus, contract: ContractType? = nil, start: CivilDate? = nil, end: CivilDate? = nil,
    hoursLast12Months: Int? = nil, employerHeadcount: Int? = nil, sector: EmployerSector? = nil
  ) {
    self.status = status
    self.contract = contract
    self.start = start
    self.end = end
    self.hoursLast12Months = hoursLast12Months
    self.employerHeadcount = employerHeadcount
    self.sector = sector
  }
}

public struct Housing: Sendable {
  public var status: HousingStatus?
  /// Monthly rent, charges excluded.
  public var rent: Money
  /// Monthly charges locatives.
  public var charges: Money
  /// Monthly housing benefit (APL or AL).
  public var housingBenefit: Money
  /// Monthly mortgage instalment (owners with a loan).
  public var mortgagePayment: Money
  public var mortgageOutstanding: Money?
  /// The landlord of a tenant (filing): name and address.
  public var landlord: Party?
  /// Code INSEE of the commune (housing aid zone), and the zone when the counsellor gives it.
  public var commune: String?
  public var aplZone: APLZone?
  /// Furnished letting, flat share, dwelling under an APL convention (a social landlord's is).
  public var furnished: Bool?
  public var flatShare: Bool?
  public var conventionne: Bool?

  public init(
    status: HousingStatus? = nil, rent: Money = .zero, charges: Money = .zero, housingBenefit: Money = .zero,
    mortgagePayment: Money = .zero, mortgageOutstanding: Money? = nil
  ) {
    self.status = status
    self.rent = rent
    self.charges = charges
    self.housingBenefit = housingBenefit
    self.mortgagePayment = mortgagePayment
    self.mortgageOutstanding = mortgageOutstanding
  }
}

public struct Resource: Sendable {
  public var type: ResourceType
  public var amount: Money
  public var periodicity: BudgetPeriodicity
  /// Index in ``Scenario/members``; nil for a household-level resource.
  public var person: Int?
  public var label: String?
  /// The taxable amount (« net imposable » of the payslip), same periodicity, when it differs
  /// from the amount received: the housing aid counts it.
  public var taxable: Money?

  public init(
    type: ResourceType, amount: Money, periodicity: BudgetPeriodicity = .mensuelle, person: Int? = nil, label: String? = nil,
    taxable: Money? = nil
  ) {
    self.type = type
    self.amount = amount
    self.periodicity = periodicity
    self.person = person
    self.label = label
    self.taxable = taxable
  }

  public var monthly: Money { amount * periodicity.monthlyFactor }
  /// The monthly taxable amount: the declared one, or the amount received.
  public var monthlyTaxable: Money { (taxable ?? amount) * periodicity.monthlyFactor }
}

public struct Charge: Sendable {
  public var type: ChargeType
  public var amount: Money
  public var periodicity: BudgetPeriodicity
  public var label: String?

  public init(type: ChargeType, amount: Money, periodicity: BudgetPeriodicity = .mensuelle, label: String? = nil) {
    self.type = type
    self.amount = amount
    self.periodicity = periodicity
    self.label = label
  }

  public var monthly: Money { amount * periodicity.monthlyFactor }
}

public struct Debt: Sendable {
  public var creditor: String
  public var address: String?
  public var reference: String?
  public var nature: DebtNature
  /// Capital remaining due, arrears included.
  public var remainingDue: Money
  /// Unpaid instalments or bills (impayés), part of the remaining due.
  public var arrears: Money
  public var monthlyPayment: Money
  /// Annual rate as a fraction.
  public var rate: Rational?
  public var end: CivilDate?
  /// Whether a guarantor stands behind the debt; nil: not yet asked (the filing says « à compléter »).
  public var caution: CautionStatus?
  /// The guarantor's name, when there is one.
  public var guarantor: String?
  /// Why the debt cannot be erased (L711-4), if it cannot.
  public var exclusion: ErasureExclusion?
  /// The creditor is a landlord (L711-6); a rent debt always is.
  public var landlord: Bool

  public init(
    creditor: String, address: String? = nil, reference: String? = nil, nature: DebtNature, remainingDue: Money,
    arrears: Money = .zero, monthlyPayment: Money = .zero, rate: Rational? = nil, end: CivilDate? = nil,
    caution: CautionStatus? = nil, exclusion: ErasureExclusion? = nil, landlord: Bool? = nil
  ) {
    self.exclusion = exclusion ?? (nature == .amende ? .amendePenale : nil)
    self.landlord = landlord ?? (nature == .loyer)
    self.creditor = creditor
    self.address = address
    self.reference = reference
    self.nature = nature
    self.remainingDue = remainingDue
    self.arrears = arrears
    self.monthlyPayment = monthlyPayment
    self.rate = rate
    self.end = end
    self.caution = caution
  }
}

public struct Asset: Sendable {
  public var type: AssetType
  public var value: Money
  public var label: String?

  public init(type: AssetType, value: Money, label: String? = nil) {
    self.type = type
    self.value = value
    self.label = label
  }
}

/// Debts that a plan may not erase or reduce (C. conso L711-4), unless the creditor agrees.
public enum ErasureExclusion: String, CaseIterable, Sendable {
  case alimentaire
  case reparationPenale = "reparation-penale"
  case fraudeSociale = "fraude-sociale"
  case fiscaleMajoree = "fiscale-majoree"
  case amendePenale = "amende-penale"
  case pretSurGage = "pret-sur-gage"

  public var french: String {
    switch self {
    case .alimentaire: "dette alimentaire (L711-4 1°)"
    case .reparationPenale: "réparation due à une victime après une condamnation pénale (L711-4 2°)"
    case .fraudeSociale: "dette née d'une fraude aux organismes sociaux (L711-4 3°)"
    case .fiscaleMajoree: "dette fiscale majorée non rémissible (L711-4 4°)"
    case .amendePenale: "amende pénale (toujours exclue)"
    case .pretSurGage: "prêt sur gage du crédit municipal"
    }
  }
}

/// Calculation choices a counsellor can make per scenario.
public struct Settings: Sendable {
  /// Which resources and charges the reste à vivre counts.
  public var resteAVivrePolicy: ResteAVivrePolicy
  /// Path of a commission's forfait file (budget vie courante), relative to the scenario.
  public var forfaitsFile: String?
  /// Dependants for the seizure scale, when the counsellor sets the number explicitly.
  public var seizureDependants: Int?
  /// Path of the agency's Action Logement policy file, relative to the scenario.
  public var actionLogementPolicyFile: String?
  /// Path of the département's FSL policy file, relative to the scenario.
  public var fslFile: String?
  /// Months of earlier plans, which count towards the maximum duration.
  public var earlierPlanMonths: Int = 0
  /// Which benefits the budget counts: the declared amounts (the default, what a filing keeps)
  /// or those the tool computes (`reglages.prestations`).
  public var benefitsMode: BenefitsMode = .declarees
  /// Gap between a declared and a computed benefit above which the budget says « droits à
  /// vérifier » (`reglages.tolerance_prestations`, 10 € by default).
  public var benefitsTolerance: Money = Money(euros: 10)

  public init(resteAVivrePolicy: ResteAVivrePolicy = .chargesFixes, forfaitsFile: String? = nil, seizureDependants: Int? = nil) {
    self.resteAVivrePolicy = resteAVivrePolicy
    self.forfaitsFile = forfaitsFile
    self.seizureDependants = seizureDependants
  }
}

/// The file a scenario was read from and the place of its fields (`dettes`, `reglages.forfaits`).
public struct ScenarioSource: Sendable {
  public var file: String?
  public var locations: [String: (line: Int, column: Int)] = [:]

  public init(file: String? = nil) { self.file = file }

  /// A located problem about `field`: at its line when the file has it, else at the top of the file.
  public func diagnostic(_ field: String, _ message: String) -> Diagnostic {
    let place = locations[field] ?? locations[String(field.split(separator: ".").first ?? "")] ?? (1, 1)
    return Diagnostic(file: file ?? "scénario", line: place.line, column: place.column, path: field, message: message)
  }
}

/// A figure the scenario expects, checked by `equilibre verifier`.
public struct ExpectedFigure: Sendable {
  public let key: String
  public let text: String
  public let line: Int
  public let column: Int
}

public struct Contact: Sendable {
  public var address: String?
  public var phone: String?
  public var email: String?
  public init() {}
}

public enum FamilyStatus: String, CaseIterable, Sendable {
  case celibataire, marie, pacse, concubinage, divorce, separe, veuf

  public var french: String {
    switch self {
    case .celibataire: "célibataire"
    case .marie: "marié(e)"
    case .pacse: "pacsé(e)"
    case .concubinage: "en concubinage"
    case .divorce: "divorcé(e)"
    case .separe: "séparé(e)"
    case .veuf: "veuf ou veuve"
    }
  }
}

/// A person or body named in the filing (a landlord): name and address.
public struct Party: Sendable, Equatable {
  public var name: String?
  public var address: String?

  public init(name: String? = nil, address: String? = nil) {
    self.name = name
    self.address = address
  }
}

public enum MatrimonialRegime: String, CaseIterable, Sendable {
  case communauteLegale = "communaute-legale", separationDeBiens = "separation-de-biens"
  case participationAuxAcquets = "participation-aux-acquets", communauteUniverselle = "communaute-universelle"
  case autre

  public var french: String {
    switch self {
    case .communauteLegale: "communauté réduite aux acquêts (régime légal)"
    case .separationDeBiens: "séparation de biens"
    case .participationAuxAcquets: "participation aux acquêts"
    case .communauteUniverselle: "communauté universelle"
    case .autre: "autre régime"
    }
  }
}

/// A bank or savings account and its balance (negative: overdrawn).
public struct BankAccount: Sendable {
  public enum Kind: String, CaseIterable, Sendable {
    case courant, epargne, livret, autre

    public var french: String {
      switch self {
      case .courant: "compte courant"
      case .epargne: "épargne"
      case .livret: "livret"
      case .autre: "autre compte"
      }
    }
  }

  public var bank: String
  public var kind: Kind
  public var balance: Money
  /// Date of the balance.
  public var date: CivilDate?

  public init(bank: String, kind: Kind, balance: Money, date: CivilDate? = nil) {
    self.bank = bank
    self.kind = kind
    self.balance = balance
    self.date = date
  }
}

/// A list of the filing that can be declared empty on purpose, by its YAML key.
public enum DeclaredList: String, CaseIterable, Sendable {
  case patrimoine, comptes, depotsAnterieurs = "depots_anterieurs", procedures
}

/// An earlier over-indebtedness filing and how it ended.
public struct PreviousFiling: Sendable {
  public var date: CivilDate
  public var outcome: String?

  public init(date: CivilDate, outcome: String? = nil) {
    self.date = date
    self.outcome = outcome
  }
}

public struct Procedure: Sendable {
  public enum Kind: String, CaseIterable, Sendable {
    case saisieSalaire = "saisie-salaire", saisieCompte = "saisie-compte", expulsion, saisieImmobiliere = "saisie-immobiliere"
    /// A wage assignment agreed to by the debtor (cession des rémunérations, R721).
    case cessionRemuneration = "cession-remuneration"
    case autre

    public var french: String {
      switch self {
      case .saisieSalaire: "saisie sur salaire"
      case .saisieCompte: "saisie sur compte bancaire"
      case .expulsion: "procédure d'expulsion"
      case .saisieImmobiliere: "saisie immobilière"
      case .cessionRemuneration: "cession des rémunérations consentie"
      case .autre: "autre procédure"
      }
    }
  }

  public var kind: Kind
  public var description: String?
  public var date: CivilDate?
  public var creditor: String?
}

public struct SocialService: Sendable {
  public var organisation: String?
  public var referent: String?
  public var phone: String?
  public var email: String?
}

public struct Accompaniment: Sendable {
  public var start: CivilDate?
  public var months: Int?
  public var objectives: [String] = []
  public var householdCommitments: [String] = []
  public var counsellorCommitments: [String] = []
}
