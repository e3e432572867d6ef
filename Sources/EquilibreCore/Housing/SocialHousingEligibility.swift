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
  public static func category(
    persons: Int, dependants: Int, couple: Bool, agesOfCouple: (Int, Int)?, disabledMember: Bool
  )
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

  /// Whether a child or an `autre` member counts « à charge » (CCH L442-12: the persons of CGI
  /// 196 to 196 B, the ascendants of 65 or more, and the disabled relatives living in the home),
  /// with the reason in French.
  public static func dependant(_ m: Member, on date: CivilDate) -> (counts: Bool, reason: String) {
    let age = m.age(on: date)
    if m.role == .enfant {
      if m.disabled == true { return (true, "à charge, enfant en situation de handicap (CGI 196, 196 A bis)") }
      if age < 18 { return (true, "à charge, mineur (CGI 196)") }
      if age < 21 {
        return (true, "à charge, majeur de moins de 21 ans rattaché au foyer fiscal (CGI 196 B), sauf s'il déclare seul ses revenus")
      }
      if age < 25 {
        return m.activity?.status == .etudiant
          ? (true, "à charge, étudiant de moins de 25 ans rattaché au foyer fiscal (CGI 196 B)")
          : (false, "pas à charge, 21 à 24 ans sans être étudiant (CGI 196 B) ; compté comme personne du ménage")
      }
      return (false, "pas à charge, 25 ans ou plus (CCH L442-12, CGI 196 B) ; compté comme personne du ménage")
    }
    if m.disabled == true { return (true, "à charge, personne en situation de handicap vivant au foyer (CCH L442-12, CGI 196 A bis)") }
    if age >= 65 { return (true, "à charge, 65 ans ou plus (ascendant vivant au foyer, CCH L442-12 : lien de parenté à vérifier)") }
    return (false, "pas à charge, ni handicap ni 65 ans (CCH L442-12) ; compté comme personne du ménage")
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
        reason:
          "revenu fiscal de référence \(year - 1) (N-1) : \(n1.french), au moins 10 % sous celui de \(year - 2) (\(n2.french) ; 90 % = \(threshold.french))"
      )
    }
    if let m = lastTwelveMonths, !(threshold < m), m < best.amount {
      best = Resources(
        amount: m, year: nil,
        reason:
          "ressources des douze derniers mois : \(m.french), au moins 10 % sous le revenu fiscal de référence \(year - 2) (\(n2.french) ; 90 % = \(threshold.french))"
      )
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
      if let d = facts.commune.map({ String($0.prefix(3)) }) ?? s.departement, d.hasPrefix("97") {
        missing.append(
          "la collectivité \(d) n'applique pas les plafonds du logement social des départements d'outre-mer (CCH D372-7) : indiquez logement_social.zone"
        )
      } else {
        missing.append(
          "la commune du logement (logement_social.commune, code INSEE) ou sa zone (logement_social.zone) : \(s.departement.map { "le département \($0) ne suffit pas" } ?? "aucun département")"
        )
      }
    }
    self.zone = zone
    let couple = s.members.contains { $0.role == .conjoint }
    let others = s.members.filter { $0.role == .enfant || $0.role == .autre }
    let verdicts = others.map { Self.dependant($0, on: day) }
    let dependants = verdicts.filter(\.counts).count
    let adults = s.members.filter { $0.role == .demandeur || $0.role == .conjoint }
    let ages = couple && adults.count == 2 ? (adults[0].age(on: day), adults[1].age(on: day)) : nil
    let base = Self.category(
      persons: s.members.count, dependants: dependants, couple: couple, agesOfCouple: ages,
      disabledMember: s.members.contains { $0.disabled == true })
    let why = zip(others, verdicts).map { m, v in
      let age = m.age(on: day)
      return "\(m.role == .enfant ? "enfant" : "autre personne") de \(age) an\(age > 1 ? "s" : "") : \(v.reason)"
    }
    category =
      why.isEmpty
      ? base : Category(number: base.number, extraPersons: base.extraPersons, reason: base.reason + " — " + why.joined(separator: " ; "))
    resources = Self.resources(year: day.year, taxIncome: facts.taxIncome, lastTwelveMonths: facts.lastTwelveMonths)
    if resources == nil {
      missing.append(
        "le revenu fiscal de référence \(day.year - 2) du ménage (avis d'imposition \(day.year - 1)) : logement_social.revenus_fiscaux")
    }
    self.missing = missing
    var out: [Result] = []
    for f in Financing.allCases {
      out.append(Self.assess(f, zone: zone, category: category, resources: resources, missing: missing, parameters: parameters, date: day))
    }
    results = out
  }

  /// The ceiling of a financing for a category and zone, with the parameters used.
  public static func ceiling(
    _ f: Financing, zone: SocialHousingZone, category: Category, parameters: ParameterSet, date: CivilDate
  )
    throws(ParameterError) -> (Money, [ParameterUse], String)
  {
    if zone == .outreMer { return try overseasCeiling(f, category: category, parameters: parameters, date: date) }
    let base: Financing = f == .pls ? .plus : f
    let (table, use) = try parameters.numbers("logement_social.plafonds.\(base.rawValue).\(zone.key)", on: date)
    guard table.count == 7 else {
      throw ParameterError.wrongType(use.key, expected: "7 montants (catégories 1 à 6, personne supplémentaire)")
    }
    var amount = Money(table[category.number - 1]) + Money(table[6]) * Rational(category.extraPersons)
    var formula =
      "plafond \(base.rawValue.uppercased()) catégorie \(category.number)"
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

  /// Overseas (CCH D372-7; arrêté du 14 mars 2011): the LLS ceiling (the PLUS of the overseas
  /// départements) and the LLTS ceiling (their PLAI) are the « autres régions » PLUS ceilings times
  /// a coefficient, rounded to the euro (a setting: the rounding is not published). The PLS has no
  /// sourced rule there (a declared gap).
  static func overseasCeiling(
    _ f: Financing, category: Category, parameters: ParameterSet, date: CivilDate
  )
    throws(ParameterError) -> (Money, [ParameterUse], String)
  {
    let key: String
    switch f {
    case .plus: key = "logement_social.outre_mer.coefficient_lls"
    case .plai: key = "logement_social.outre_mer.coefficient_llts"
    case .pls: key = "logement_social.outre_mer.pls"
    case .pli: throw .unknown("logement_social.plafonds.pli.outre_mer")
    }
    let (k, kUse) = try parameters.number(key, on: date)
    let (table, use) = try parameters.numbers("logement_social.plafonds.plus.autres_regions", on: date)
    guard table.count == 7 else {
      throw ParameterError.wrongType(use.key, expected: "7 montants (catégories 1 à 6, personne supplémentaire)")
    }
    let (mode, modeUse) = try parameters.text("logement_social.outre_mer.arrondi", on: date)
    let rounding: RoundingMode = mode == "euro_inferieur" ? .floor : .halfAwayFromZero
    // Each cell of the table is derived and rounded, as a published table would be.
    let cell = Money((table[category.number - 1] * k).rounded(toPlaces: 0, rounding))
    let extra = Money((table[6] * k).rounded(toPlaces: 0, rounding))
    let amount = cell + extra * Rational(category.extraPersons)
    let name = f == .plus ? "LLS (logement locatif social, PLUS d'outre-mer)" : "LLTS (logement locatif très social, PLAI d'outre-mer)"
    let formula =
      "\(name) : plafond PLUS « autres régions » catégorie \(category.number) × \(k.frenchExact())"
      + (category.extraPersons > 0 ? " + \(category.extraPersons) × (personne supplémentaire × \(k.frenchExact()))" : "")
      + ", arrondi à l'euro (\(mode == "euro_inferieur" ? "inférieur" : "le plus proche"))"
    return (amount, [use, kUse, modeUse], formula)
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
    if f == .pli && zone == .outreMer {
      return toCheck(
        [
          "logement intermédiaire outre-mer : plafonds publiés seulement pour 2023 (source secondaire), lacune déclarée ; à vérifier auprès du bailleur"
        ],
        missing: ["les plafonds du logement intermédiaire outre-mer"])
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
    var reasons = [
      "catégorie de ménage \(category.number)\(category.extraPersons > 0 ? " + \(category.extraPersons) personne(s) supplémentaire(s)" : "") : \(category.reason)"
    ]
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
    if zone == .outreMer { reasons.append(formula) }
    guard let r = resources else { return toCheck(reasons, ceiling: ceiling) }
    reasons.append("ressources retenues : \(r.amount.french) — \(r.reason)")
    let margin = ceiling - r.amount
    let ok = !(ceiling < r.amount)
    reasons.append(
      ok
        ? "ressources au plus égales au plafond (marge \(margin.french))"
        : "ressources au-dessus du plafond de \((r.amount - ceiling).french)")
    let explanation = Explanation(
      figure: "plafond \(f.rawValue.uppercased())", value: ceiling.french, formula: formula,
      inputs: [
        "zone : \(zone.french)", "catégorie \(category.number) : \(category.reason)",
        "ressources retenues : \(r.amount.french) (\(r.reason))",
      ],
      parameters: uses)
    return Result(
      financing: f, status: ok ? .eligible : .nonEligible, ceiling: ceiling, resources: r.amount, resourcesYear: r.year, margin: margin,
      reasons: reasons, missing: missing, explanation: explanation)
  }
}
