/// Which financing categories of social and intermediate housing a household may apply for:
/// its household category (arrêté du 29 juillet 1987, art. 1), the resources that count
/// (revenu fiscal de référence N-2, or N-1 / the last 12 months when lower by at least 10 %),
/// and each ceiling by zone. PLS is the PLUS ceiling raised by 30 %; PLI/LLI are a declared gap.
public struct SocialHousingEligibility: Sendable {
  /// Financing of the housing: the order a counsellor reads them in.
  public enum Financing: String, CaseIterable, Sendable {
    case plai, plus, pls, pli

    public var french: String {
      switch self {
      case .plai: "PLAI (prêt locatif aidé d'intégration, logement très social)"
      case .plus: "PLUS (prêt locatif à usage social, HLM)"
      case .pls: "PLS (prêt locatif social)"
      case .pli: "PLI / LLI (logement intermédiaire)"
      }
    }
  }

  /// The household category of the arrêté (1 to 6), with the persons beyond the sixth.
  public struct Category: Sendable, Equatable {
    /// 1 to 6.
    public let number: Int
    /// Persons counted beyond category 6 (each adds the "par personne supplémentaire" amount).
    public let extraPersons: Int
    /// Why, in French (the alternative of the arrêté that applies).
    public let reason: String

    public init(number: Int, extraPersons: Int, reason: String) {
      self.number = number
      self.extraPersons = extraPersons
      self.reason = reason
    }
  }

  /// The resources retained and why.
  public struct Resources: Sendable {
    public let amount: Money
    /// The year of the revenu fiscal de référence used (nil for the last twelve months).
    public let year: Int?
    public let reason: String
  }

  public struct Result: Sendable {
    public let financing: Financing
    public let status: AidStatus
    public let ceiling: Money?
    public let resources: Money?
    public let resourcesYear: Int?
    /// Ceiling minus resources (negative: over the ceiling).
    public let margin: Money?
    public let reasons: [String]
    public let missing: [String]
    public let explanation: Explanation?
  }

  public let date: CivilDate
  public let zone: SocialHousingZone?
  public let category: Category
  public let resources: Resources?
  public let results: [Result]
  /// Facts to gather, common to every financing.
  public let missing: [String]

  // MARK: The household category

  /// Article 1 of the arrêté: the highest category whose description fits the household.
  /// - "personne seule": one adult without spouse; "jeune ménage": a couple without dependants
  ///   whose ages add up to 55 or less; a member with a disability (carte mobilité inclusion
  ///   « invalidité ») counts the household as one person more.
  public static func category(persons: Int, dependants: Int, couple: Bool, agesOfCouple: (Int, Int)?, disabledMember: Bool)
    -> Category
  {
    var best = (index: max(1, persons), why: "\(persons) personne\(persons > 1 ? "s" : "")")
    func consider(_ index: Int, _ why: String) { if index > best.index { best = (index, why) } }
    if persons == 2 && dependants == 0 && !couple && !disabledMember {
      best = (2, "deux personnes sans personne à charge")
    }
    if !couple && dependants > 0 {
      consider(dependants + 2, "personne seule avec \(dependants) personne\(dependants > 1 ? "s" : "") à charge")
    }
    if couple && dependants == 0, let (a, b) = agesOfCouple, a + b <= 55 {
      consider(3, "jeune ménage sans personne à charge (âges \(a) + \(b) = \(a + b) ≤ 55)")
    }
    if disabledMember {
      consider(persons + 1, "\(persons) personne\(persons > 1 ? "s" : "") dont au moins une en situation de handicap")
    }
    return Category(number: min(best.index, 6), extraPersons: max(0, best.index - 6), reason: best.why)
  }

  // MARK: Resources

  /// N-2, unless N-1 or the last twelve months are at least 10 % lower (≤ 90 % of N-2): then the
  /// lower of those. nil when N-2 is not given.
  public static func resources(year: Int, taxIncome: [Int: Money], lastTwelveMonths: Money?) -> Resources? {
    guard let n2 = taxIncome[year - 2] else { return nil }
    let threshold = n2 * Rational(9, 10)
    var best = Resources(amount: n2, year: year - 2, reason: "revenu fiscal de référence \(year - 2) (année N-2)")
    if let n1 = taxIncome[year - 1], !(threshold < n1), n1 < best.amount {
      best = Resources(
        amount: n1, year: year - 1,
        reason: "revenu fiscal de référence \(year - 1) (N-1) : \(n1.french), au moins 10 % sous celui de \(year - 2) (\(n2.french) ; 90 % = \(threshold.french))")
    }
    if let m = lastTwelveMonths, !(threshold < m), m < best.amount {
      best = Resources(
        amount: m, year: nil,
        reason: "ressources des douze derniers mois : \(m.french), au moins 10 % sous le revenu fiscal de référence \(year - 2) (\(n2.french) ; 90 % = \(threshold.french))")
    }
    if best.year == year - 2 {
      var why = best.reason
      if let n1 = taxIncome[year - 1] { why += " ; \(year - 1) : \(n1.french), pas 10 % plus bas (90 % = \(threshold.french))" }
      best = Resources(amount: n2, year: year - 2, reason: why)
    }
    return best
  }

  // MARK: Assessment

  public init(scenario s: Scenario, parameters: ParameterSet = .national, date: CivilDate? = nil) {
    let day = date ?? s.date
    self.date = day
    let facts = s.socialHousing ?? SocialHousingFacts()
    var missing: [String] = []
    let zone = facts.zone ?? SocialHousingZone.of(commune: facts.commune, departement: s.departement)
    if zone == nil {
      if let d = s.departement, d.hasPrefix("97") {
        missing.append("les plafonds des départements d'outre-mer ne sont pas dans l'outil : indiquez logement_social.zone si le logement est en métropole")
      } else {
        missing.append("la commune du logement (logement_social.commune, code INSEE) ou sa zone (logement_social.zone) : \(s.departement.map { "le département \($0) ne suffit pas" } ?? "aucun département")")
      }
    }
    self.zone = zone
    let couple = s.members.contains { $0.role == .conjoint }
    let dependants = s.members.filter { $0.role == .enfant || $0.role == .autre }.count
    let adults = s.members.filter { $0.role == .demandeur || $0.role == .conjoint }
    let ages = couple && adults.count == 2 ? (adults[0].age(on: day), adults[1].age(on: day)) : nil
    category = Self.category(
      persons: s.members.count, dependants: dependants, couple: couple, agesOfCouple: ages,
      disabledMember: s.members.contains { $0.disabled == true })
    resources = Self.resources(year: day.year, taxIncome: facts.taxIncome, lastTwelveMonths: facts.lastTwelveMonths)
    if resources == nil {
      missing.append("le revenu fiscal de référence \(day.year - 2) du ménage (avis d'imposition \(day.year - 1)) : logement_social.revenus_fiscaux")
    }
    self.missing = missing
    var out: [Result] = []
    for f in Financing.allCases {
      out.append(Self.assess(f, zone: zone, category: category, resources: resources, missing: missing, parameters: parameters, date: day))
    }
    results = out
  }

  /// The ceiling of a financing for a category and zone, with the parameters used.
  public static func ceiling(_ f: Financing, zone: SocialHousingZone, category: Category, parameters: ParameterSet, date: CivilDate)
    throws(ParameterError) -> (Money, [ParameterUse], String)
  {
    let base: Financing = f == .pls ? .plus : f
    let (table, use) = try parameters.numbers("logement_social.plafonds.\(base.rawValue).\(zone.key)", on: date)
    guard table.count == 7 else { throw ParameterError.wrongType(use.key, expected: "7 montants (catégories 1 à 6, personne supplémentaire)") }
    var amount = Money(table[category.number - 1]) + Money(table[6]) * Rational(category.extraPersons)
    var formula = "plafond \(base.rawValue.uppercased()) catégorie \(category.number)"
      + (category.extraPersons > 0 ? " + \(category.extraPersons) × personne supplémentaire" : "")
    var uses = [use]
    if f == .pls {
      let (k, kUse) = try parameters.number("logement_social.pls.coefficient", on: date)
      let (mode, modeUse) = try parameters.text("logement_social.pls.arrondi", on: date)
      uses += [kUse, modeUse]
      let rounding: RoundingMode = mode == "euro_inferieur" ? .floor : .halfAwayFromZero
      amount = Money((amount.value * k).rounded(toPlaces: 0, rounding))
      formula = "(\(formula)) × \(k.frenchExact()), arrondi à l'euro (\(mode == "euro_inferieur" ? "inférieur" : "le plus proche"))"
    }
    return (amount, uses, formula)
  }

  static func assess(
    _ f: Financing, zone: SocialHousingZone?, category: Category, resources: Resources?, missing: [String], parameters: ParameterSet,
    date: CivilDate
  ) -> Result {
    /// « à vérifier »: the resources as far as known, no margin.
    func toCheck(_ reasons: [String], ceiling: Money? = nil, missing more: [String] = []) -> Result {
      Result(
        financing: f, status: .aVerifier, ceiling: ceiling, resources: resources?.amount, resourcesYear: resources?.year, margin: nil,
        reasons: reasons, missing: missing + more, explanation: nil)
    }
    if f == .pli {
      // Intermediate housing has its own zones (A bis to C) and compositions; the tool ships no
      // value for them (a declared gap), which a structure may add with --parametres.
      let gap = (try? parameters.numbers("logement_social.plafonds.pli.a", on: date)) == nil
      return toCheck(
        [
          gap
            ? "plafonds du logement intermédiaire (PLI / LLI) non fournis par l'outil : lacune déclarée, à vérifier auprès du bailleur"
            : "plafonds du logement intermédiaire : selon la zone A bis à C du logement, à comparer aux ressources retenues"
        ], missing: ["la zone A bis, A, B1, B2 ou C du logement intermédiaire et ses plafonds"])
    }
    var reasons = ["catégorie de ménage \(category.number)\(category.extraPersons > 0 ? " + \(category.extraPersons) personne(s) supplémentaire(s)" : "") : \(category.reason)"]
    guard let zone else { return toCheck(reasons) }
    let ceiling: Money
    let uses: [ParameterUse]
    let formula: String
    do {
      (ceiling, uses, formula) = try Self.ceiling(f, zone: zone, category: category, parameters: parameters, date: date)
    } catch {
      return toCheck(reasons + ["plafond indisponible : \(error.description)"])
    }
    reasons.append("plafond \(zone.french) : \(ceiling.french)")
    guard let r = resources else { return toCheck(reasons, ceiling: ceiling) }
    reasons.append("ressources retenues : \(r.amount.french) — \(r.reason)")
    let margin = ceiling - r.amount
    let ok = !(ceiling < r.amount)
    reasons.append(ok ? "ressources au plus égales au plafond (marge \(margin.french))" : "ressources au-dessus du plafond de \((r.amount - ceiling).french)")
    let explanation = Explanation(
      figure: "plafond \(f.rawValue.uppercased())", value: ceiling.french, formula: formula,
      inputs: ["zone : \(zone.french)", "catégorie \(category.number) : \(category.reason)", "ressources retenues : \(r.amount.french) (\(r.reason))"],
      parameters: uses)
    return Result(
      financing: f, status: ok ? .eligible : .nonEligible, ceiling: ceiling, resources: r.amount, resourcesYear: r.year, margin: margin,
      reasons: reasons, missing: missing, explanation: explanation)
  }
}
