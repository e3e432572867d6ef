/// The repayment capacity as a Banque de France commission computes it (C. conso R731-1,
/// L731-2): the smallest of three terms, never below 0.
///
/// - the quotité saisissable of the household's resources (barème R3252-2, dependants R3252-3);
/// - resources − RSA montant forfaitaire of the household (R731-1);
/// - resources − budget vie courante (L731-2; commission practice).
public struct RepaymentCapacity: Sendable {
  public enum Term: String, Sendable {
    case quotiteSaisissable = "quotite_saisissable"
    case rsaFoyer = "rsa_foyer"
    case budgetVieCourante = "budget_vie_courante"

    public var french: String {
      switch self {
      case .quotiteSaisissable: "quotité saisissable"
      case .rsaFoyer: "ressources − RSA du foyer"
      case .budgetVieCourante: "ressources − budget vie courante"
      }
    }
  }

  /// Monthly resources of the household, pooled for a couple, housing benefit included.
  public let resources: Money
  public let dependants: Int
  public let dependantReasons: [String]
  public let quotiteSaisissable: Money
  public let rsa: RSAHousehold
  public let resourcesMinusRSA: Money
  public let budgetVieCourante: BudgetVieCourante
  public let resourcesMinusBudget: Money
  /// max(0, min of the three terms), rounded down to the cent.
  public let capacity: Money
  public let bindingTerm: Term
  /// Solde bancaire insaisissable: the RSA for one person (CPCE L162-2).
  public let soldeBancaireInsaisissable: Money
  /// What ``explanations`` needs.
  let scenario: Scenario
  let scale: SeizureScale
  let rsaUse: ParameterUse
  let ageUses: [ParameterUse]

  public init(
    scenario s: Scenario, parameters: ParameterSet = .national, forfaits: ParameterSet? = nil
  )
    throws(ParameterError)
  {
    try self.init(scenario: s, resolved: try HouseholdParameters(parameters: parameters, on: s.date), forfaits: forfaits)
  }

  /// The capacity with parameters already resolved for the scenario's date (batch work).
  public init(
    scenario declared: Scenario, resolved p: HouseholdParameters, forfaits: ParameterSet? = nil
  )
    throws(ParameterError)
  {
    let s = declared.settings.benefitsMode == .calculees ? p.benefitCheck(declared).counted(declared) : declared
    let date = s.date
    let scale = p.seizure
    let rsaOne = p.rsa.base
    let rsaUse = p.rsa.baseUse
    let childAge = p.childAgeLimit
    let childAgeUse = p.childAgeUse
    let youngAge = p.rsa.youngAgeLimit
    let youngAgeUse = p.rsa.uses[4]

    let resources = s.resources.map(\.monthly).sum() + s.housing.housingBenefit
    self.resources = resources

    // Dependants for the seizure scale (R3252-3).
    var reasons: [String] = []
    var count = 0
    for (i, m) in s.members.enumerated() {
      let age = m.age(on: date)
      switch m.role {
      case .demandeur:
        continue
      case .conjoint:
        let own = s.resources.filter { $0.person == i }.map(\.monthly).sum()
        let counts = m.dependantForSeizure ?? (own.value < rsaOne)
        if counts {
          count += 1
          reasons.append("\(m.label) (conjoint, ressources propres \(own.frenchDisplay) < RSA d'une personne)")
        }
      case .enfant:
        if m.dependantForSeizure ?? (Rational(age) < childAge) {
          count += 1
          reasons.append("\(m.label) (enfant, \(age) ans)")
        }
      case .autre:
        if m.dependantForSeizure ?? true {
          count += 1
          reasons.append("\(m.label) (autre personne à charge)")
        }
      }
    }
    if let forced = s.settings.seizureDependants {
      count = forced
      reasons = ["nombre fixé dans le scénario : \(forced)"]
    }
    dependants = count
    dependantReasons = reasons

    let (annualSeized, tranches) = scale.annualSeizable(resources.value * Rational(12), dependants: count)
    let qs = Money(annualSeized / Rational(12)).roundedToCents(.halfAwayFromZero)
    quotiteSaisissable = qs

    // RSA of the household: CASF R262-3 counts as à charge only the children giving right to
    // family benefits and the persons under 25 (the spouse apart); an ascendant or any other
    // adult of 25 or more adds no majoration.
    let hasPartner = s.members.contains { $0.role == .conjoint }
    let deps = s.members.filter { $0.role == .enfant || $0.role == .autre }
      .filter { Rational($0.age(on: date)) < youngAge }
      .sorted { $0.birthDate < $1.birthDate }
      .map { (label: $0.label, isYoung: true) }
    let rsa = RSAHousehold(hasPartner: hasPartner, dependants: deps, rsa: p.rsa)
    self.rsa = rsa
    resourcesMinusRSA = resources - rsa.amount

    let bvc = try BudgetVieCourante(scenario: s, forfaits: forfaits, on: date)
    budgetVieCourante = bvc
    resourcesMinusBudget = resources - bvc.total

    let terms: [(Term, Money)] = [
      (.quotiteSaisissable, qs), (.rsaFoyer, resourcesMinusRSA), (.budgetVieCourante, resourcesMinusBudget),
    ]
    let binding = terms.min { $0.1 < $1.1 }!
    bindingTerm = binding.0
    capacity = binding.1.isNegative ? .zero : binding.1.roundedToCents(.floor)
    soldeBancaireInsaisissable = Money(rsaOne)
    scenario = s
    self.scale = scale
    self.rsaUse = rsaUse
    ageUses = [childAgeUse, youngAgeUse]
  }

  /// How each figure was obtained, in French (built on demand).
  public var explanations: [Explanation] {
    let s = scenario
    let resources = self.resources
    let count = dependants
    let reasons = dependantReasons
    let qs = quotiteSaisissable
    let bvc = budgetVieCourante
    let (_, tranches) = scale.annualSeizable(resources.value * Rational(12), dependants: count)
    let terms: [(Term, Money)] = [
      (.quotiteSaisissable, qs), (.rsaFoyer, resourcesMinusRSA), (.budgetVieCourante, resourcesMinusBudget),
    ]
    let (childAgeUse, youngAgeUse) = (ageUses[0], ageUses[1])
    let pct: (Rational) -> String = { $0.frenchExact() }
    var ex: [Explanation] = []
    ex.append(
      Explanation(
        figure: "Ressources retenues", value: resources.frenchDisplay,
        formula:
          "toutes les ressources du ménage ramenées au mois, mises en commun pour un couple, prestations sociales et aide au logement comprises (Cass. civ. 1, 12 février 2002)",
        inputs: s.resources.map { "\($0.label ?? $0.type.french) : \($0.monthly.frenchDisplay)" }
          + (s.housing.housingBenefit.isZero ? [] : ["aide au logement : \(s.housing.housingBenefit.french)"])))
    ex.append(
      Explanation(
        figure: "Quotité saisissable", value: qs.french,
        formula:
          "barème R3252-2 appliqué aux ressources annuelles (× 12), seuils relevés de \(scale.perDependant.frenchExact()) € par personne à charge (R3252-3), total ÷ 12, arrondi demi-haut au centime une seule fois",
        inputs: [
          "ressources annuelles : \(Money(resources.value * Rational(12)).frenchDisplay)",
          "personnes à charge : \(count)" + (reasons.isEmpty ? "" : " — " + reasons.joined(separator: " ; ")),
        ]
          + tranches.filter { !$0.base.isZero }.map { t in
            let range = t.upper.map { "de \(Money(t.lower).french) à \(Money($0).french)" } ?? "au-delà de \(Money(t.lower).french)"
            return "tranche \(range) : \(Money(t.base).frenchDisplay) × \(pct(t.fraction)) = \(Money(t.seized).frenchDisplay) par an"
          },
        parameters: scale.uses + [childAgeUse]))
    ex.append(
      Explanation(
        figure: "RSA du foyer", value: rsa.amount.french,
        formula: rsa.rounding == "global"
          ? "montant forfaitaire × \(rsa.multiplier.frenchExact()) (R262-1), arrondi demi-haut au centime une seule fois"
          : "montant forfaitaire + chaque majoration arrondie au centime (réglage par-majoration)",
        inputs: rsa.steps.map { "\($0.label) : \($0.rate.frenchExact())" },
        parameters: rsa.uses + [youngAgeUse]))
    ex.append(
      Explanation(
        figure: "Ressources − RSA du foyer", value: resourcesMinusRSA.frenchDisplay,
        formula: "ressources − RSA du foyer (R731-1 : la part affectée aux dettes ne peut excéder cette différence)",
        inputs: ["ressources : \(resources.frenchDisplay)", "RSA du foyer : \(rsa.amount.french)"]))
    ex.append(
      Explanation(
        figure: "Budget vie courante", value: bvc.total.frenchDisplay,
        formula: bvc.method == .reel
          ? "charges courantes réelles déclarées (L731-2, R731-3)"
          : "charges réelles retenues + forfaits de la commission selon la taille du ménage (R731-3)",
        inputs: bvc.lines.map { "\($0.label) : \($0.monthly.frenchDisplay)" }, parameters: bvc.uses, notes: bvc.notes))
    ex.append(
      Explanation(
        figure: "Ressources − budget vie courante", value: resourcesMinusBudget.frenchDisplay,
        formula: "ressources − budget vie courante (la part réservée couvre les dépenses courantes, L731-2)",
        inputs: ["ressources : \(resources.frenchDisplay)", "budget vie courante : \(bvc.total.frenchDisplay)"]))
    ex.append(
      Explanation(
        figure: "Capacité de remboursement", value: capacity.french,
        formula:
          "max(0 ; min(quotité saisissable ; ressources − RSA du foyer ; ressources − budget vie courante)), arrondi au centime inférieur",
        inputs: terms.map { "\($0.0.french) : \($0.1.frenchDisplay)" } + ["terme limitant : \(bindingTerm.french)"],
        notes: ["le troisième terme (budget vie courante) est la pratique des commissions et des juges, pas une formule des textes"]))
    ex.append(
      Explanation(
        figure: "Solde bancaire insaisissable", value: soldeBancaireInsaisissable.french,
        formula: "montant forfaitaire du RSA pour une personne seule (CPCE L162-2, R162-2)", parameters: [rsaUse]))
    return ex
  }
}
