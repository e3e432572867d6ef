/// A housing offer a household may be proposed (section `offres:`): where, which financing,
/// which typology, and what it costs.
public struct HousingOffer: Sendable, Equatable {
  public var name: String
  public var financing: SocialHousingEligibility.Financing
  /// `T1` … `T6`, as the landlord writes it.
  public var typology: String?
  public var zone: SocialHousingZone?
  public var commune: String?
  public var rent: Money
  public var charges: Money
  /// Estimated housing benefit in the new home; nil when not estimated (counted 0).
  public var housingBenefit: Money?

  public init(
    name: String, financing: SocialHousingEligibility.Financing, typology: String? = nil, zone: SocialHousingZone? = nil,
    commune: String? = nil, rent: Money, charges: Money = .zero, housingBenefit: Money? = nil
  ) {
    self.name = name
    self.financing = financing
    self.typology = typology
    self.zone = zone
    self.commune = commune
    self.rent = rent
    self.charges = charges
    self.housingBenefit = housingBenefit
  }

  /// The household after the move: the same scenario with this rent, these charges and this
  /// benefit (0 when not estimated: ``OfferComparison`` computes it), as a tenant of the social
  /// sector (an APL convention but for a PLI), in the offer's commune.
  public func applied(to s: Scenario) -> Scenario {
    var moved = s
    moved.variants = []
    moved.expected = []
    moved.housing.rent = rent
    moved.housing.charges = charges
    moved.housing.housingBenefit = housingBenefit ?? .zero
    moved.housing.status = financing == .pli ? .locatairePrive : .locataireSocial
    moved.housing.conventionne = financing != .pli
    moved.housing.furnished = nil
    moved.housing.flatShare = nil
    if let c = commune, APLZoning.isCommuneCode(c) {
      moved.housing.commune = c
      moved.housing.aplZone = nil
    }
    return moved
  }
}

/// An offer set beside the household's present budget: eligibility, effort rate, reste à vivre
/// and capacity, before and after the move.
public struct OfferComparison: Sendable {
  public struct Side: Sendable {
    public let effortBeforeBenefit: Rational?
    public let effortAfterBenefit: Rational?
    public let resteAVivre: Money
    public let resteAVivrePerUCPerDay: Money?
    public let capacity: Money
  }

  public let offer: HousingOffer
  /// The eligibility of the household to this offer's financing, in the offer's zone.
  public let eligibility: SocialHousingEligibility.Result
  public let now: Side
  public let after: Side
  /// The housing aid, the RSA and the prime d'activité after the move (computed when the offer
  /// gives no estimate).
  public let benefits: BenefitReaction
  public let notes: [String]

  /// Every offer of a list beside today's figures, computed once for all of them.
  public static func all(
    _ offers: [HousingOffer], scenario s: Scenario, parameters: ParameterSet = .national, forfaits: ParameterSet? = nil
  )
    throws(ParameterError) -> [OfferComparison]
  {
    guard !offers.isEmpty else { return [] }
    let now = try side(s, parameters: parameters, forfaits: forfaits)
    var out: [OfferComparison] = []
    for o in offers { out.append(try OfferComparison(offer: o, scenario: s, parameters: parameters, forfaits: forfaits, now: now)) }
    return out
  }

  /// One scenario's side of the comparison.
  static func side(_ sc: Scenario, parameters: ParameterSet, forfaits: ParameterSet?) throws(ParameterError) -> Side {
    let f = try HouseholdFigures(scenario: sc, parameters: parameters, forfaits: forfaits, withAids: false)
    return Side(
      effortBeforeBenefit: f.budget.effortRateBeforeBenefit, effortAfterBenefit: f.budget.effortRateAfterBenefit,
      resteAVivre: f.budget.resteAVivre, resteAVivrePerUCPerDay: f.budget.resteAVivrePerUCPerDay, capacity: f.capacity.capacity)
  }

  /// `now`: today's side when already computed (see ``all(_:scenario:parameters:forfaits:)``).
  public init(
    offer: HousingOffer, scenario s: Scenario, parameters: ParameterSet = .national, forfaits: ParameterSet? = nil, now: Side? = nil
  ) throws(ParameterError) {
    self.offer = offer
    var located = s
    var facts = s.socialHousing ?? SocialHousingFacts()
    if let z = offer.zone ?? SocialHousingZone.of(commune: offer.commune, departement: nil) {
      facts.zone = z
      facts.commune = nil
    }
    located.socialHousing = facts
    let e = SocialHousingEligibility(scenario: located, parameters: parameters)
    eligibility = e.results.first { $0.financing == offer.financing }!
    if let now { self.now = now } else { self.now = try Self.side(s, parameters: parameters, forfaits: forfaits) }
    let reaction = try BenefitReaction(
      base: s, changed: offer.applied(to: s), fixed: offer.housingBenefit == nil ? [] : [.aideLogement], moved: true,
      parameters: parameters)
    benefits = reaction
    after = try Self.side(reaction.scenario, parameters: parameters, forfaits: forfaits)
    var notes: [String] = []
    if offer.commune == nil && offer.housingBenefit == nil {
      notes.append("commune de l'offre non indiquée : aide au logement calculée avec la zone du logement actuel")
    }
    for l in reaction.lines where l.kind == .aideLogement || l.change != .zero {
      notes.append("\(l.kind.french) : \(l.after.french) (\(l.how))")
    }
    self.notes = notes
  }
}

extension OfferComparison {
  /// The housing aid after the move as the comparison counts it: « 236,00 € (calculée) »,
  /// « 180,00 € (estimée) » by the counsellor, or « non calculée ».
  public var housingAidFrench: String {
    let al = benefits.lines.first { $0.kind == .aideLogement }!
    let amount = al.after.roundedToCents(.halfAwayFromZero).french
    if offer.housingBenefit != nil { return amount + " (estimée)" }
    return al.computedAfter == nil ? "non calculée" : amount + " (calculée)"
  }
}
