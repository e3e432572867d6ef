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
  /// Incidents on the accounts, month by month (`incidents_bancaires:`, filing's causes).
  public var bankIncidents: [BankIncidentMonth] = []
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
  /// Where the line comes from when it was not typed (the bank statements).
  public var provenance: Provenance?

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
  /// Where the line comes from when it was not typed (the bank statements).
  public var provenance: Provenance?

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
  /// Where the line comes from when it was not typed (the bank statements).
  public var provenance: Provenance?
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
