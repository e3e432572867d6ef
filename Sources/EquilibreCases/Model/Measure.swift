import EquilibreCore

/// The accompaniment measures a case can hold.
public enum MeasureType: String, CaseIterable, Sendable, Codable {
  case asd
  case actiLoge = "acti-loge"
  case asll
  case avdl
  case iml
  case educationBudgetaire = "education-budgetaire"
  case autre

  public var french: String {
    switch self {
    case .asd: "service d'accompagnement social d'Action Logement (ASD)"
    case .actiLoge: "Acti'Loge"
    case .asll: "accompagnement social lié au logement (ASLL)"
    case .avdl: "accompagnement vers et dans le logement (AVDL)"
    case .iml: "intermédiation locative (IML)"
    case .educationBudgetaire: "éducation budgétaire"
    case .autre: "autre accompagnement"
    }
  }
}

/// A renewal of a measure: when, for how long, and who agreed.
public struct Renewal: Sendable, Codable, Equatable {
  public var date: CivilDate
  public var months: Int
  public var agreedBy: String

  public init(date: CivilDate, months: Int, agreedBy: String) {
    self.date = date
    self.months = months
    self.agreedBy = agreedBy
  }
}

/// An accompaniment measure and its renewals.
public struct Measure: Sendable, Codable, Equatable {
  /// `M1`, `M2`… within the case.
  public var id: String
  public var type: MeasureType
  public var prescriber: String?
  public var start: CivilDate
  public var plannedMonths: Int
  public var renewals: [Renewal]
  public var end: CivilDate?
  public var endReason: String?
  /// The day the measure was suspended, while it is.
  public var suspendedOn: CivilDate?
  /// Days spent suspended before (they push the planned end back); nil for none.
  public var suspendedDays: Int?

  public init(
    id: String, type: MeasureType, prescriber: String? = nil, start: CivilDate, plannedMonths: Int, renewals: [Renewal] = [],
    end: CivilDate? = nil, endReason: String? = nil, suspendedOn: CivilDate? = nil, suspendedDays: Int? = nil
  ) {
    self.suspendedOn = suspendedOn
    self.suspendedDays = suspendedDays
    self.id = id
    self.type = type
    self.prescriber = prescriber
    self.start = start
    self.plannedMonths = plannedMonths
    self.renewals = renewals
    self.end = end
    self.endReason = endReason
  }

  /// Months granted so far: the initial duration and every renewal.
  public var grantedMonths: Int { plannedMonths + renewals.map(\.months).reduce(0, +) }
  /// The day the measure ends as granted today (the day after its last granted day), pushed
  /// back by the days it spent suspended.
  public var plannedEnd: CivilDate { start.adding(months: grantedMonths).adding(days: suspendedDays ?? 0) }
  public var isSuspended: Bool { suspendedOn != nil && end == nil }
  public var isOpen: Bool { end == nil }
}
