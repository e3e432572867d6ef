/// How the housing aid, the RSA and the prime d'activité react when the household changes (a
/// variant, a move to an offer): the law's change, computed on both sides, applied to what the
/// household receives.
///
/// - In `declarees` mode, each benefit becomes « declared + (computed after − computed before) »,
///   at least 0: the household's own amount moves as the law says it would.
/// - In `calculees` mode, each becomes the computed amount.
/// - A benefit the change sets itself (an offer's estimated aid, a typed RSA) keeps that amount.
/// - On a move, the housing aid is the one computed for the new dwelling.
/// - A benefit not computed on either side (owner, unknown zone) keeps its amount, and says why.
public struct BenefitReaction: Sendable {
  public struct Line: Sendable {
    public let kind: BenefitKind
    /// What the budget counts before and after the change.
    public let before: Money
    public let after: Money
    public let computedBefore: Money?
    public let computedAfter: Money?
    /// How `after` was obtained, in French.
    public let how: String

    public var change: Money { after - before }
  }

  public let lines: [Line]
  /// The changed scenario with the benefits after the reaction, as declared amounts.
  public let scenario: Scenario
  /// The change of the other resources (salaries, pensions…), per month: the gross change.
  public let grossChange: Money
  /// The gross change is a change of salary alone (a job replacing another resource is not).
  let salaryChange: Bool

  /// The line of one benefit.
  public func line(_ k: BenefitKind) -> Line { lines.first { $0.kind == k }! }

  /// Sum of the benefits' changes.
  public var change: Money { lines.map(\.change).sum() }
  /// What the household gains in the end, per month: the gross change and the benefits' reaction.
  public var netChange: Money { grossChange + change }

  /// The workshop's sentence: « Pour 600,00 € de ressources en plus par mois, le ménage garde
  /// 412,00 € : la prime d'activité baisse de 120,00 €… Sur 100 € de plus, il lui reste 68,67 € ».
  /// Nil when the change brings no other resource.
  public var summary: String? {
    guard !grossChange.isZero else { return nil }
    let more = !grossChange.isNegative
    var text = "Pour \(Money(grossChange.value.magnitude).french) de ressources \(more ? "en plus" : "en moins") par mois, "
    text += more ? "le ménage garde \(netChange.french)" : "le ménage perd \(Money(netChange.value.magnitude).french)"
    let moves = lines.filter { !$0.change.isZero }
    if moves.isEmpty {
      text += " : les prestations ne changent pas."
    } else {
      text +=
        " : "
        + moves.map { l in
          "\(l.kind.french) \(l.change.isNegative ? "en baisse de" : "en hausse de") \(Money(l.change.value.magnitude).french)"
        }.joined(separator: ", ") + "."
    }
    if more {
      let kept = Money((netChange.value / grossChange.value * Rational(100)).rounded(toPlaces: 2, .halfAwayFromZero))
      text += " Sur 100 € \(salaryChange ? "de salaire" : "de ressources") en plus, il vous reste \(kept.french)."
    }
    return text
  }

  /// - Parameters:
  ///   - fixed: the benefits the change sets itself.
  ///   - moved: the household moves (the housing aid of the new dwelling is computed afresh).
  public init(
    base: Scenario, changed: Scenario, fixed: Set<BenefitKind> = [], moved: Bool = false, parameters: ParameterSet = .national
  ) throws(ParameterError) {
    let p = try HouseholdParameters(parameters: parameters, on: changed.date)
    let pBase = base.date == changed.date ? p : try HouseholdParameters(parameters: parameters, on: base.date)
    self.init(base: base, changed: changed, fixed: fixed, moved: moved, resolvedBase: pBase, resolved: p)
  }

  public init(
    base: Scenario, changed: Scenario, fixed: Set<BenefitKind>, moved: Bool, resolvedBase pBase: HouseholdParameters,
    resolved p: HouseholdParameters
  ) {
    let before = pBase.benefitCheck(base)
    let counted = before.counted(base)
    // The change first, with the benefits as the base counts them.
    var s = changed
    for k in BenefitKind.allCases where !fixed.contains(k) {
      s = k.setting(k.declared(in: counted), in: s)
    }
    let after = p.benefitCheck(s)
    var lines: [Line] = []
    for k in BenefitKind.allCases {
      let b = k.declared(in: counted)
      let cb = before.line(k).computed
      let ca = after.line(k).computed
      var value = k.declared(in: s)
      var how: String
      if fixed.contains(k) {
        how = "montant saisi dans la variante"
      } else if let ca, changed.settings.benefitsMode == .calculees {
        value = ca
        how = "calculée"
      } else if let ca, k == .aideLogement, moved {
        value = ca
        how = "calculée pour le nouveau logement"
      } else if let ca, let cb {
        let moved = b + (ca - cb)
        value = moved.isNegative ? .zero : moved
        how =
          ca == cb
          ? "inchangée par le calcul"
          : "montant déclaré, variation calculée \((ca - cb).isNegative ? "−" : "+")\(Money((ca - cb).value.magnitude).french) : \(cb.french) → \(ca.french)"
      } else {
        how = "non recalculée : \(after.line(k).reason ?? before.line(k).reason ?? after.gap ?? "—")"
      }
      s = k.setting(value, in: s)
      lines.append(Line(kind: k, before: b, after: value, computedBefore: cb, computedAfter: ca, how: how))
    }
    self.lines = lines
    scenario = s
    func others(_ x: Scenario) -> Money { x.resources.filter { $0.type != .rsa && $0.type != .primeActivite }.map(\.monthly).sum() }
    grossChange = others(s) - others(base)
    func salaries(_ x: Scenario) -> Money { x.resources.filter { $0.type == .salaire }.map(\.monthly).sum() }
    salaryChange = salaries(s) - salaries(base) == grossChange
  }
}

extension Variant {
  /// The benefits this variant sets itself (a typed RSA or prime d'activité, a housing aid).
  public var fixedBenefits: Set<BenefitKind> {
    var out: Set<BenefitKind> = []
    for c in changes {
      switch c {
      case .addResource(let r) where r.type == .rsa: out.insert(.rsa)
      case .addResource(let r) where r.type == .primeActivite: out.insert(.primeActivite)
      case .setResource(let t, _, _), .removeResource(let t, _):
        if t == .rsa { out.insert(.rsa) }
        if t == .primeActivite { out.insert(.primeActivite) }
      case .housing(_, _, let benefit, _) where benefit != nil: out.insert(.aideLogement)
      case .offer(let o) where o.housingBenefit != nil: out.insert(.aideLogement)
      default: break
      }
    }
    return out
  }

  /// The variant moves the household (an offer).
  public var moves: Bool { changes.contains { if case .offer = $0 { true } else { false } } }

  /// The scenario with every change applied and the benefits' reaction (``BenefitReaction``).
  public func applied(to base: Scenario, parameters: ParameterSet = .national) throws(ParameterError) -> BenefitReaction {
    try BenefitReaction(base: base, changed: apply(to: base), fixed: fixedBenefits, moved: moves, parameters: parameters)
  }
}
