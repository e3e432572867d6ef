import EquilibreCore

public enum ContactChannel: String, CaseIterable, Sendable, Codable {
  case visiteDomicile = "visite-domicile"
  case entretienBureau = "entretien-bureau"
  case telephone
  case courrier
  case partenaire

  public var french: String {
    switch self {
    case .visiteDomicile: "visite à domicile"
    case .entretienBureau: "entretien au bureau"
    case .telephone: "téléphone"
    case .courrier: "courrier"
    case .partenaire: "échange avec un partenaire"
    }
  }
}

/// A contact with the household or about it.
public struct Contact: Sendable, Codable, Equatable {
  /// `C1`, `C2`… within the case.
  public var id: String
  public var date: CivilDate
  public var channel: ContactChannel
  /// What may be shared with the household (printed in the review).
  public var synthesis: String
  /// The counsellor's private note: never printed in a document for the household.
  public var privateNote: String?
  public var nextAppointment: CivilDate?
  public var counsellor: String

  public init(
    id: String, date: CivilDate, channel: ContactChannel, synthesis: String, privateNote: String? = nil,
    nextAppointment: CivilDate? = nil, counsellor: String
  ) {
    self.id = id
    self.date = date
    self.channel = channel
    self.synthesis = synthesis
    self.privateNote = privateNote
    self.nextAppointment = nextAppointment
    self.counsellor = counsellor
  }
}
