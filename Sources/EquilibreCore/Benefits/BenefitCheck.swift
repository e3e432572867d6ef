/// How the budget counts the housing aid, the RSA and the prime d'activité (`reglages.prestations`).
public enum BenefitsMode: String, Sendable, CaseIterable {
  /// The amounts the household declares it receives: what a filing keeps (the default).
  case declarees
  /// The amounts the tool computes (``Benefits``), for a rights check or a what-if.
  case calculees

  public var french: String { self == .declarees ? "prestations déclarées" : "prestations calculées" }
}

/// One of the three benefits the tool computes.
public enum BenefitKind: String, Sendable, CaseIterable {
  case aideLogement = "aide_logement", rsa, primeActivite = "prime_activite"

  public var french: String {
    switch self {
    case .aideLogement: "aide au logement"
    case .rsa: "RSA"
    case .primeActivite: "prime d'activité"
    }
  }

  /// The past participle agreed with the benefit's gender: « déclaré » for the RSA,
  /// « déclarée » for the two others.
  public func agreed(_ participle: String) -> String { self == .rsa ? participle : participle + "e" }

  /// What the scenario declares for this benefit, per month.
  public func declared(in s: Scenario) -> Money {
    switch self {
    case .aideLogement: s.housing.housingBenefit
    case .rsa: s.resources.filter { $0.type == .rsa }.map(\.monthly).sum()
    case .primeActivite: s.resources.filter { $0.type == .primeActivite }.map(\.monthly).sum()
    }
  }

  /// The scenario with this benefit set to `amount` a month (one line, on the applicant).
  public func setting(_ amount: Money, in s: Scenario) -> Scenario {
    var out = s
    switch self {
    case .aideLogement:
      out.housing.housingBenefit = amount
    case .rsa, .primeActivite:
      let type: ResourceType = self == .rsa ? .rsa : .primeActivite
      let first = s.resources.first { $0.type == type }
      out.resources.removeAll { $0.type == type }
      if !amount.isZero {
        let applicant = s.members.firstIndex { $0.role == .demandeur }
        var r = Resource(type: type, amount: amount, person: first?.person ?? applicant)
        r.label = first?.label
        out.resources.append(r)
      }
    }
    return out
  }
}

/// The three benefits of a scenario, declared and computed side by side: the budget says where
/// they differ by more than the tolerance (« droits à vérifier »), and counts the computed ones
/// when the scenario asks for them (`reglages.prestations: calculees`).
public struct BenefitCheck: Sendable {
  public struct Line: Sendable {
    public let kind: BenefitKind
    public let declared: Money
    /// Nil when the tool does not compute it here (``reason`` says why).
    public let computed: Money?
    public let reason: String?
    /// The gap is above the tolerance.
    public let flagged: Bool

    /// Computed minus declared.
    public var gap: Money? { computed.map { $0 - declared } }

    /// « aide au logement déclarée 180,00 €, calculée 236,00 € : droits à vérifier ».
    public var message: String? {
      guard flagged, let c = computed else { return nil }
      return "\(kind.french) \(kind.agreed("déclaré")) \(declared.french), \(kind.agreed("calculé")) \(c.french) : "
        + (c > declared ? "droits à vérifier" : "montant déclaré à vérifier (droits calculés plus bas)")
    }
  }

  public let mode: BenefitsMode
  public let tolerance: Money
  public let lines: [Line]
  /// The computation itself, with its explanations; nil when its parameters are missing.
  public let benefits: Benefits?
  /// Why nothing is computed (parameters missing at this date).
  public let gap: String?

  /// The check of `s` with the benefit parameters of its date (``Benefits/Parameters``).
  public init(scenario s: Scenario, resolved: Benefits.Parameters?, gap: String? = nil) {
    mode = s.settings.benefitsMode
    tolerance = s.settings.benefitsTolerance
    self.gap = resolved == nil ? (gap ?? "paramètres des prestations absents") : nil
    guard let resolved else {
      benefits = nil
      lines = BenefitKind.allCases.map { Line(kind: $0, declared: $0.declared(in: s), computed: nil, reason: gap, flagged: false) }
      return
    }
    let b = Benefits(BenefitHousehold(scenario: s), resolved: resolved)
    benefits = b
    let tolerance = tolerance
    lines = BenefitKind.allCases.map { k in
      let declared = k.declared(in: s)
      let computed: Money?
      let reason: String?
      switch k {
      case .aideLogement:
        computed = b.housingAid.amount
        reason = b.housingAid.reason
      case .rsa:
        computed = b.incomeSupport.rsa.amount
        reason = nil
      case .primeActivite:
        computed = b.incomeSupport.primeActivite.amount
        reason = nil
      }
      let flagged = computed.map { tolerance.value < ($0 - declared).value.magnitude } ?? false
      return Line(kind: k, declared: declared, computed: computed, reason: reason, flagged: flagged)
    }
  }

  public func line(_ k: BenefitKind) -> Line { lines.first { $0.kind == k }! }

  /// « droits à vérifier » lines, for the budget's warnings.
  public var warnings: [String] { lines.compactMap(\.message) }

  /// The scenario as the budget counts it: in `calculees` mode, each computed benefit in place
  /// of the declared one (a benefit not computed keeps its declared amount).
  public func counted(_ s: Scenario) -> Scenario {
    guard mode == .calculees else { return s }
    var out = s
    for l in lines { if let c = l.computed { out = l.kind.setting(c, in: out) } }
    return out
  }

  /// How the budget counts the benefits, in French, with each line declared and computed.
  public var explanation: Explanation {
    let counted =
      mode == .calculees ? "montants calculés par l'outil (réglage prestations: calculees)" : "montants déclarés (réglage par défaut)"
    return Explanation(
      figure: "Prestations comptées", value: mode.french,
      formula: "le budget compte les \(counted) ; écart signalé au-delà de \(tolerance.french) (tolérance réglable dans le scénario)",
      inputs: lines.map { l in
        "\(l.kind.french) : \(l.kind.agreed("déclaré")) \(l.declared.french), "
          + (l.computed.map { "\(l.kind.agreed("calculé")) \($0.french)" } ?? "\(l.kind.agreed("non calculé")) (\(l.reason ?? gap ?? "—"))")
      },
      notes: warnings + (benefits.map { _ in ["détail du calcul : equilibre prestations SCENARIO --explique"] } ?? []))
  }
}

extension HouseholdParameters {
  /// The benefit check of `s` (parameters resolved with the rest).
  public func benefitCheck(_ s: Scenario) -> BenefitCheck {
    BenefitCheck(scenario: s, resolved: benefits, gap: benefitsGap)
  }
}
