import EquilibreCore

public enum ObjectiveTheme: String, CaseIterable, Sendable, Codable {
  case budget, logement, dettes, droits, emploi, sante, autre

  public var french: String {
    switch self {
    case .budget: "budget"
    case .logement: "logement"
    case .dettes: "dettes"
    case .droits: "accès aux droits"
    case .emploi: "emploi"
    case .sante: "santé"
    case .autre: "autre"
    }
  }
}

public enum ObjectiveStatus: String, CaseIterable, Sendable, Codable {
  case prevu
  case enCours = "en-cours"
  case atteint
  case partiellementAtteint = "partiellement-atteint"
  case reporte
  case abandonne

  public var french: String {
    switch self {
    case .prevu: "prévu"
    case .enCours: "en cours"
    case .atteint: "atteint"
    case .partiellementAtteint: "partiellement atteint"
    case .reporte: "reporté"
    case .abandonne: "abandonné"
    }
  }

  /// Still to be worked on (a postponed objective included).
  public var isOpen: Bool { self == .prevu || self == .enCours || self == .reporte }
}

public enum ActionStatus: String, CaseIterable, Sendable, Codable {
  case prevue
  case enCours = "en-cours"
  case faite
  case abandonnee

  public var french: String {
    switch self {
    case .prevue: "prévue"
    case .enCours: "en cours"
    case .faite: "faite"
    case .abandonnee: "abandonnée"
    }
  }
}

/// Who carries out an action, as the engagement document says it.
public enum ActionOwner: String, CaseIterable, Sendable, Codable {
  case menage, conseiller, partenaire

  public var french: String {
    switch self {
    case .menage: "le ménage"
    case .conseiller: "le conseiller"
    case .partenaire: "un partenaire"
    }
  }
}

/// A step towards an objective.
public struct ObjectiveAction: Sendable, Codable, Equatable {
  /// `O2.1`: objective and rank.
  public var id: String
  public var wording: String
  public var status: ActionStatus
  public var due: CivilDate?
  /// Who does it (absent from actions recorded before).
  public var owner: ActionOwner?

  public init(id: String, wording: String, status: ActionStatus = .prevue, due: CivilDate? = nil, owner: ActionOwner? = nil) {
    self.id = id
    self.wording = wording
    self.status = status
    self.due = due
    self.owner = owner
  }
}

/// An objective set with the household, adjusted over time.
public struct Objective: Sendable, Codable, Equatable {
  /// `O1`, `O2`… within the case.
  public var id: String
  public var theme: ObjectiveTheme
  public var wording: String
  /// Agreed with the household (it then appears in the engagement document).
  public var agreed: Bool
  public var status: ObjectiveStatus
  public var due: CivilDate?
  public var actions: [ObjectiveAction]
  /// A short assessment: what was done, what is left.
  public var assessment: String?

  public init(
    id: String, theme: ObjectiveTheme, wording: String, agreed: Bool = true, status: ObjectiveStatus = .prevu, due: CivilDate? = nil,
    actions: [ObjectiveAction] = [], assessment: String? = nil
  ) {
    self.assessment = assessment
    self.id = id
    self.theme = theme
    self.wording = wording
    self.agreed = agreed
    self.status = status
    self.due = due
    self.actions = actions
  }
}
