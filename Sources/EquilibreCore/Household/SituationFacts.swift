/// Events that can open the Action Logement social support or justify an aid.
public enum LifeEvent: String, CaseIterable, Sendable {
  case impayesLoyer = "impayes-loyer", impayesPret = "impayes-pret"
  case difficultesFinancieres = "difficultes-financieres", surendettement, separation
  case perteEmploi = "perte-emploi", maladie, deces, sinistre, violences, catastrophe

  public var french: String {
    switch self {
    case .impayesLoyer: "impayés de loyer"
    case .impayesPret: "impayés de prêt immobilier"
    case .difficultesFinancieres: "difficultés financières"
    case .surendettement: "surendettement"
    case .separation: "séparation"
    case .perteEmploi: "perte d'emploi"
    case .maladie: "maladie"
    case .deces: "décès"
    case .sinistre: "sinistre dans le logement"
    case .violences: "violences conjugales ou intrafamiliales"
    case .catastrophe: "catastrophe naturelle ou technologique"
    }
  }
}

/// An event of the household's life, with its date and a word of detail when known: the causes
/// of the difficulties, as the over-indebtedness filing asks them (`situation.evenements`).
public struct DatedEvent: Sendable, Equatable {
  public var event: LifeEvent
  public var date: CivilDate?
  public var detail: String?

  public init(_ event: LifeEvent, date: CivilDate? = nil, detail: String? = nil) {
    self.event = event
    self.date = date
    self.detail = detail
  }
}

/// Facts of the situation that the aid rules need (section `situation:`). nil: not known.
public struct SituationFacts: Sendable {
  /// The kinds of event, for the rules.
  public var events: Set<LifeEvent> = []
  /// The events as declared, in order, with their dates and details (each is also in ``events``).
  public var timeline: [DatedEvent] = []
  /// The catastrophe has been officially recognised (arrêté de catastrophe naturelle…).
  public var recognisedCatastrophe: Bool?
  /// Monthly resources before the event, to measure a fall in resources.
  public var resourcesBefore: Money?
  public var chargesRose: Bool?
  /// A file has been lodged with the over-indebtedness commission.
  public var overIndebtednessFiling: Bool?
  /// Date of a mutation within the same firm or group.
  public var mutationDate: CivilDate?
  /// Start date of a promised job.
  public var jobPromiseStart: CivilDate?
  /// The new home is more than 70 km, or 40 min, from the previous one (Mobili-Jeune).
  public var professionalMobility: Bool?
  /// The household's own account of its situation (`situation.recit`), quoted in the filing's letter.
  public var householdAccount: String?

  public init() {}

  /// The date of the first declared `event` that has one.
  public func date(of event: LifeEvent) -> CivilDate? { timeline.first { $0.event == event && $0.date != nil }?.date }

  /// Every event, dated ones as declared, then those known only by kind.
  public var allEvents: [DatedEvent] {
    timeline + LifeEvent.allCases.filter { e in events.contains(e) && !timeline.contains { $0.event == e } }.map { DatedEvent($0) }
  }
}

public enum RentalSector: String, CaseIterable, Sendable {
  case prive, social

  public var french: String { self == .prive ? "parc privé" : "parc social ou résidence" }
}

/// The home being sought or just entered (section `projet_logement:`), for Visale, Loca-Pass
/// and Mobili-Jeune.
public struct HousingProject: Sendable {
  public var rent: Money
  public var charges: Money
  public var housingBenefit: Money
  public var sector: RentalSector?
  /// Visale zone: 1 Île-de-France; 2 agglomerations over 100 000 inhabitants, Corsica, DROM; 3 elsewhere.
  public var visaleZone: Int?
  public var bailMobilite: Bool?
  public var moveIn: CivilDate?
  public var deposit: Money?
  public var studentWithoutIncomeProof: Bool?

  public init(
    rent: Money, charges: Money = .zero, housingBenefit: Money = .zero, sector: RentalSector? = nil, visaleZone: Int? = nil,
    bailMobilite: Bool? = nil, moveIn: CivilDate? = nil, deposit: Money? = nil, studentWithoutIncomeProof: Bool? = nil
  ) {
    self.rent = rent
    self.charges = charges
    self.housingBenefit = housingBenefit
    self.sector = sector
    self.visaleZone = visaleZone
    self.bailMobilite = bailMobilite
    self.moveIn = moveIn
    self.deposit = deposit
    self.studentWithoutIncomeProof = studentWithoutIncomeProof
  }
}
