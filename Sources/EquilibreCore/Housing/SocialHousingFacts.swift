/// What the social-housing rules need beyond the rest of the scenario (section
/// `logement_social:`; a member's disability is `handicap: true` on the member).
public struct SocialHousingFacts: Sendable, Equatable {
  /// Where the dwelling sought is; derived from `commune` or the département when absent.
  public var zone: SocialHousingZone?
  /// INSEE code of the commune sought (`92040`): decides Paris and its neighbouring communes.
  public var commune: String?
  /// The household's revenus fiscaux de référence by year (sum of its avis d'imposition).
  public var taxIncome: [Int: Money]
  /// Resources of the last twelve months, when they fell.
  public var lastTwelveMonths: Money?

  public init(zone: SocialHousingZone? = nil, commune: String? = nil, taxIncome: [Int: Money] = [:], lastTwelveMonths: Money? = nil) {
    self.zone = zone
    self.commune = commune
    self.taxIncome = taxIncome
    self.lastTwelveMonths = lastTwelveMonths
  }
}

/// The three zones of the arrêté du 29 juillet 1987, and the overseas départements (971 to 976),
/// whose ceilings derive from the « autres régions » PLUS ceilings (CCH D372-7; arrêté du
/// 14 mars 2011).
public enum SocialHousingZone: String, CaseIterable, Sendable {
  case parisLimitrophes = "paris-limitrophes"
  case ileDeFrance = "ile-de-france"
  case autresRegions = "autres-regions"
  case outreMer = "outre-mer"

  /// The parameter keys' suffix.
  public var key: String {
    switch self {
    case .parisLimitrophes: "paris_limitrophes"
    case .ileDeFrance: "ile_de_france"
    case .autresRegions: "autres_regions"
    case .outreMer: "outre_mer"
    }
  }

  public var french: String {
    switch self {
    case .parisLimitrophes: "Paris et communes limitrophes"
    case .ileDeFrance: "Île-de-France hors Paris et communes limitrophes"
    case .autresRegions: "autres régions"
    case .outreMer: "outre-mer (Guadeloupe, Martinique, Guyane, La Réunion, Mayotte)"
    }
  }

  /// Paris and the communes bordering it (INSEE codes): OpenFisca-France's list
  /// (`zone_logement_social`), plus Boulogne-Billancourt (92012), which it leaves out (its comments
  /// are shifted by one: 93001 is Aubervilliers, 93006 Bagnolet). A counsellor can always set
  /// `logement_social.zone`.
  public static let parisAndNeighbours: Set<String> = [
    "75056", "93001", "93006", "92012", "94018", "92024", "94033", "94037", "92040", "94041", "94042", "94043", "93045", "93061",
    "92044", "92046", "93048", "92049", "92051", "94052", "93055", "92062", "92064", "93066", "94067", "94069", "93070",
    "92073", "92075", "94080",
  ]

  /// The overseas départements whose social housing follows CCH D372-7 (Saint-Pierre-et-Miquelon,
  /// 975, is not one of them).
  public static let overseas: Set<String> = ["971", "972", "973", "974", "976"]

  /// The zone of a commune or, failing that, of a département; nil when the département alone
  /// cannot tell (Hauts-de-Seine, Seine-Saint-Denis, Val-de-Marne) or is an overseas collectivity
  /// outside these rules.
  public static func of(commune: String?, departement: String?) -> SocialHousingZone? {
    if let c = commune {
      if c.hasPrefix("97") { return overseas.contains(String(c.prefix(3))) ? .outreMer : nil }
      if parisAndNeighbours.contains(c) || c.hasPrefix("751") { return .parisLimitrophes }
      let d = String(c.prefix(2))
      return ["75", "77", "78", "91", "92", "93", "94", "95"].contains(d) ? .ileDeFrance : .autresRegions
    }
    guard let d = departement else { return nil }
    switch d {
    case "75": return .parisLimitrophes
    case "77", "78", "91", "95": return .ileDeFrance
    case "92", "93", "94": return nil
    default:
      if d.hasPrefix("97") { return overseas.contains(d) ? .outreMer : nil }
      return .autresRegions
    }
  }
}
