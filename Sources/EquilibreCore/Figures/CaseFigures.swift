/// Every amount a case's documents print, computed once from the engines' results: the letter,
/// the dossier, the filing draft, the engagement and the review read their figures here, and
/// the CLI's `--format json` prints the same values (``figures``). Documents format these
/// amounts; they never add, subtract or filter them.
public struct CaseFigures: Sendable {
  /// One monthly amount of a heading: its category, the counsellor's label, the person.
  public struct Line: Sendable {
    public let category: String
    public let label: String?
    /// Index in `scenario.members`; nil for the household.
    public let person: Int?
    public let monthly: Money
  }

  /// A debt of rubrique 7, numbered as the filing numbers it.
  public struct DebtRow: Sendable {
    public let number: String
    public let debt: Debt
    /// The loan of the main residence (``HomeLoan``).
    public let isHomeLoan: Bool
  }

  /// The debts of one nature: what is owed, what is in arrears, and to whom.
  public struct NatureTotal: Sendable {
    public let nature: DebtNature
    public let remainingDue: Money
    public let arrears: Money
    public let monthlyPayment: Money
    /// Creditors with their arrears, in the declared order.
    public let creditors: [(name: String, arrears: Money)]
  }

  public let budget: Budget
  public let capacity: RepaymentCapacity
  /// The plan with the default settings (home loan: arrears only), when there are debts.
  public let plan: DebtPlan?
  public let homeLoan: HomeLoan?

  /// Rubrique 4: each resource, then the housing benefit.
  public let resources: [Line]
  /// The household's monthly resources (housing benefit included): the letter's, the filing's,
  /// the dossier's and the capacity's.
  public let resourcesTotal: Money
  /// Rubrique 5 (« Vos charges »): housing, taxes, alimony paid, insurance, childcare, schooling.
  public let fixedCharges: [Line]
  public let fixedChargesTotal: Money
  /// Rubrique 6 (« Vos dépenses chaque mois »): the other current expenses.
  public let expenses: [Line]
  public let expensesTotal: Money
  /// Rubriques 5 and 6 together: the household's charges without any debt instalment.
  public let currentCharges: Money
  /// Rubrique 7.
  public let debts: [DebtRow]
  public let debtsTotal: Money
  public let arrearsTotal: Money
  public let instalmentsTotal: Money
  /// Declared value of the real estate (« bien immobilier »), when there is any.
  public let realEstate: Money?
  /// Debts by nature, in the order of ``DebtNature``, only the natures present.
  public let byNature: [NatureTotal]

  /// Charges of rubrique 5 as the Banque de France online filing splits them from rubrique 6.
  public static let fixedChargeTypes: Set<ChargeType> = [
    .loyer, .chargesLocatives, .impots, .pensionAlimentaireVersee, .assurances, .mutuelle, .garde, .scolarite,
  ]

  public init(scenario s: Scenario, budget: Budget, capacity: RepaymentCapacity, plan: DebtPlan?) {
    self.budget = budget
    self.capacity = capacity
    self.plan = plan
    let loan = s.homeLoan
    homeLoan = loan

    var resources = s.resources.filter { !$0.amount.isZero }.map {
      Line(category: $0.type.french, label: $0.label, person: $0.person, monthly: $0.monthly)
    }
    if !s.housing.housingBenefit.isZero {
      resources.append(Line(category: "aide au logement (APL ou AL)", label: nil, person: nil, monthly: s.housing.housingBenefit))
    }
    self.resources = resources
    resourcesTotal = capacity.resources

    var fixed: [Line] = []
    for (category, m) in [("loyer hors charges", s.housing.rent), ("charges locatives", s.housing.charges)] where !m.isZero {
      fixed.append(Line(category: category, label: nil, person: nil, monthly: m))
    }
    // The home loan is a debt of rubrique 7 when listed there; otherwise its instalment is a charge.
    if let loan, loan.debtIndex == nil, !loan.instalment.isZero {
      fixed.append(Line(category: "mensualité du prêt immobilier", label: nil, person: nil, monthly: loan.instalment))
    }
    var expenses: [Line] = []
    for c in s.charges where !c.amount.isZero {
      let line = Line(category: c.type.french, label: c.label, person: nil, monthly: c.monthly)
      if Self.fixedChargeTypes.contains(c.type) { fixed.append(line) } else { expenses.append(line) }
    }
    fixedCharges = fixed
    self.expenses = expenses
    fixedChargesTotal = fixed.map(\.monthly).sum()
    expensesTotal = expenses.map(\.monthly).sum()
    currentCharges = fixedChargesTotal + expensesTotal

    let property = s.assets.filter { $0.type == .bienImmobilier }.map(\.value).sum()
    realEstate = property.isZero ? nil : property
    debts = s.debts.enumerated().map { k, d in DebtRow(number: "7.\(k + 1)", debt: d, isHomeLoan: loan?.debtIndex == k) }
    debtsTotal = s.debtsTotal
    arrearsTotal = s.debts.map(\.arrears).sum()
    instalmentsTotal = s.debts.map(\.monthlyPayment).sum()
    byNature = DebtNature.allCases.compactMap { nature in
      let of = s.debts.filter { $0.nature == nature }
      guard !of.isEmpty else { return nil }
      return NatureTotal(
        nature: nature, remainingDue: of.map(\.remainingDue).sum(), arrears: of.map(\.arrears).sum(),
        monthlyPayment: of.map(\.monthlyPayment).sum(), creditors: of.map { ($0.creditor, $0.arrears) })
    }
  }

  /// The figures of `scenario` with the engines' defaults.
  public init(
    scenario: Scenario, parameters: ParameterSet = .national, forfaits: ParameterSet? = nil
  ) throws(ParameterError) {
    let resolved = try HouseholdParameters(parameters: parameters, on: scenario.date)
    let budget = Budget(scenario: scenario, resolved: resolved)
    let capacity = try RepaymentCapacity(scenario: scenario, resolved: resolved, forfaits: forfaits)
    let plan = scenario.debts.isEmpty ? nil : try? DebtPlan(scenario: scenario, capacity: capacity.capacity, parameters: parameters)
    self.init(scenario: scenario, budget: budget, capacity: capacity, plan: plan)
  }

  /// The debts of `nature`, if any.
  public func nature(_ nature: DebtNature) -> NatureTotal? { byNature.first { $0.nature == nature } }

  /// The natures with arrears, for the letter: « des impayés de loyer (2 360,00 €) ».
  public var arrearsByNature: [NatureTotal] { byNature.filter { !$0.arrears.isZero } }

  /// The plan's first monthly payment (its regular instalment), when it has payments.
  public var planInstalment: Money? { plan.flatMap { $0.months > 0 ? $0.monthTotal(1) : nil } }

  /// Every figure by JSON key, as `--format json` prints them and as documents mark them
  /// (`data-chiffre`).
  public var figures: [(String, Figure?)] {
    var out = budget.figures + capacity.figures.filter { $0.0 != "ressources_mensuelles" }
    out += [
      ("ressources_moins_rsa", .money(capacity.resourcesMinusRSA)),
      ("ressources_moins_bvc", .money(capacity.resourcesMinusBudget)),
      ("charges_fixes", .money(fixedChargesTotal)),
      ("depenses_courantes", .money(expensesTotal)),
      ("charges_courantes", .money(currentCharges)),
      ("total_dettes", .money(debtsTotal)),
      ("total_impayes", .money(arrearsTotal)),
      ("total_mensualites_dettes", .money(instalmentsTotal)),
      ("mensualite_pret_residence", homeLoan.map { .money($0.instalment) }),
    ]
    for n in byNature {
      let key = n.nature.rawValue.replacingOccurrences(of: "-", with: "_")
      out.append(("restant_du_\(key)", .money(n.remainingDue)))
      out.append(("impayes_\(key)", .money(n.arrears)))
    }
    if let p = plan {
      out += [
        ("plan_mensualite", .money(planInstalment ?? .zero)),
        ("plan_duree_mois", .number(Rational(p.months))),
        ("plan_total_du", .money(p.totalOwed)),
        ("plan_total_rembourse", .money(p.totalRepaid)),
        ("plan_total_efface", .money(p.totalErased)),
      ]
    }
    return out
  }

  /// One figure by key.
  public func figure(_ key: String) -> Figure? { figures.first { $0.0 == key }?.1 }

  /// The keys of the model that `budget` and `capacite` do not print, accepted under `attendu:`.
  public static let ownKeys = [
    "ressources_moins_rsa", "ressources_moins_bvc", "charges_fixes", "depenses_courantes", "charges_courantes", "total_dettes",
    "total_impayes", "total_mensualites_dettes", "mensualite_pret_residence", "plan_mensualite", "plan_duree_mois", "plan_total_du",
    "plan_total_rembourse", "plan_total_efface",
  ]

  /// Whether `key` is one of the model's own keys, `impayes_<nature>` or `restant_du_<nature>` included.
  public static func isOwnKey(_ key: String) -> Bool {
    if ownKeys.contains(key) { return true }
    for prefix in ["impayes_", "restant_du_"] where key.hasPrefix(prefix) {
      return DebtNature(rawValue: key.dropFirst(prefix.count).replacingOccurrences(of: "_", with: "-")) != nil
    }
    return false
  }
}

extension Scenario {
  /// What the household owes in all (rubrique 7's total).
  public var debtsTotal: Money { debts.map(\.remainingDue).sum() }
}

extension DebtNature {
  /// The arrears of this nature, as a letter names them, with their article: « des impayés de loyer ».
  public var arrearsFrench: String {
    switch self {
    case .creditImmobilier: "des impayés de prêt immobilier"
    case .creditRenouvelable: "des impayés de crédit renouvelable"
    case .pretPersonnel: "des impayés de prêt personnel"
    case .creditAffecte: "des impayés de crédit affecté"
    case .decouvert: "un découvert bancaire"
    case .loyer: "des impayés de loyer"
    case .energie: "des impayés d'énergie"
    case .eau: "des impayés d'eau"
    case .fiscale: "des impayés d'impôts"
    case .sociale: "des dettes sociales"
    case .familiale: "des dettes familiales"
    case .amende: "des amendes"
    case .autre: "d'autres impayés"
    }
  }
}
