import EquilibreCore

/// The case store: SQLite by default, PostgreSQL for an agency network, behind one protocol.
/// Every change is one transaction with its audit entry; a writer that read an older version of
/// the case is refused (``StoreError/conflict``).
public protocol CaseStore: AnyObject, Sendable {
  var backend: StoreBackend { get }
  /// Opens a case with its first situation; returns its new reference.
  func openCase(_ new: NewCase, by actor: String) async throws -> CaseRef
  /// A whole case. In shared mode (PostgreSQL) the read is logged.
  func load(_ ref: CaseRef, by actor: String) async throws -> CaseRecord
  /// Every case `filter` selects, by reference.
  func list(_ filter: CaseFilter) async throws -> [CaseSummary]
  /// One page of the cases a query selects, by reference, with their total.
  func page(_ query: CaseQuery) async throws -> CaseListing
  /// Applies one change in one transaction, with its audit entry; `expectedVersion` (the version
  /// the writer read) makes a concurrent edit fail instead of overwriting.
  @discardableResult
  func apply(_ change: CaseChange, to ref: CaseRef, expectedVersion: Int?, by actor: String) async throws -> CaseFile
  /// What the due dates need on `today`, for the cases not closed that `filter` selects (among
  /// `refs` when given): only the rows that can raise an alert (measures under way with their
  /// last home visit, objectives and actions past due), never whole cases.
  func followUpInputs(_ filter: CaseFilter, among refs: [CaseRef]?, today: CivilDate) async throws -> [FollowUp.Input]
  func auditLog(_ ref: CaseRef?) async throws -> [AuditEntry]
  func documentContent(_ ref: CaseRef, id: String) async throws -> [UInt8]
  /// Imports a whole case as exported (a new base, or a reference not in use).
  func importCase(_ record: CaseRecord, documents: [String: [UInt8]], by actor: String) async throws
  /// Archives the cases closed before `closedBefore` (among `among` when given): their
  /// personal data are blanked, the counts and figures the report needs are kept.
  func purge(closedBefore: CivilDate, among: [CaseRef]?, by actor: String) async throws -> [CaseRef]
  /// Erases a case's personal data on request, now.
  func erase(_ ref: CaseRef, by actor: String) async throws
  func statistics() async throws -> Statistics
  /// The cases `filter` selects, whole, for the year's report: one audit line for the report
  /// (in shared mode), not one per case.
  func reportRecords(_ filter: CaseFilter, by actor: String) async throws -> [CaseRecord]
  /// Appointments not yet held from `from` to `to` (inclusive), of `counsellor` (all when nil),
  /// among the cases `filter` selects, by date and time.
  func agenda(from: CivilDate, to: CivilDate, counsellor: String?, filter: CaseFilter) async throws -> [AgendaEntry]
  /// Integrity problems, in French (empty when the base is sound).
  func verify() async throws -> [String]
  func close() async throws
}

extension CaseStore {
  /// Archives every case closed before `closedBefore`.
  public func purge(closedBefore: CivilDate, by actor: String) async throws -> [CaseRef] {
    try await purge(closedBefore: closedBefore, among: nil, by: actor)
  }
}

public enum StoreBackend: String, Sendable {
  case sqlite
  case postgres

  public var french: String { self == .sqlite ? "SQLite" : "PostgreSQL" }
}

/// A case to open.
public struct NewCase: Sendable {
  public var label: String
  public var counsellor: String
  public var structure: String?
  public var openedOn: CivilDate
  public var situation: SituationDraft

  public init(label: String, counsellor: String, structure: String?, openedOn: CivilDate, situation: SituationDraft) {
    self.label = label
    self.counsellor = counsellor
    self.structure = structure
    self.openedOn = openedOn
    self.situation = situation
  }
}

/// A situation to save: the scenario text as typed, its date and its figures.
public struct SituationDraft: Sendable {
  public var date: CivilDate
  public var scenarioText: String
  public var figures: KeyFigures
  public var note: String?
  /// The situation's what-if variants (a ``VariantSet`` block), kept beside the text; `nil`:
  /// those the text declares.
  public var variants: String?

  public init(date: CivilDate, scenarioText: String, figures: KeyFigures, note: String? = nil, variants: String? = nil) {
    self.date = date
    self.scenarioText = scenarioText
    self.figures = figures
    self.note = note
    self.variants = variants
  }
}

/// One change to a case.
public enum CaseChange: Sendable {
  case situation(SituationDraft)
  /// The what-if variants of situation `situation` replaced by `yaml` (a ``VariantSet`` block,
  /// "" for none); not a new version of the situation. `note` says what changed, in French.
  case variants(situation: Int, yaml: String, note: String)
  case contact(date: CivilDate, channel: ContactChannel, synthesis: String, privateNote: String?, nextAppointment: CivilDate?)
  /// An appointment set with the household (date, time `HH:MM` or none, how, what for).
  case appointment(date: CivilDate, time: String?, channel: ContactChannel, purpose: String)
  /// An appointment held: it becomes a contact, in the same transaction.
  case appointmentHeld(id: String, synthesis: String, privateNote: String?)
  case objective(theme: ObjectiveTheme, wording: String, agreed: Bool, due: CivilDate?)
  case objectiveUpdate(id: String, status: ObjectiveStatus?, wording: String?, due: CivilDate?, agreed: Bool?, assessment: String? = nil)
  case action(objective: String, wording: String, due: CivilDate?, owner: ActionOwner? = nil)
  case actionUpdate(id: String, status: ActionStatus)
  case openMeasure(type: MeasureType, prescriber: String?, start: CivilDate, months: Int)
  case renewMeasure(id: String, renewal: Renewal)
  case closeMeasure(id: String, end: CivilDate, reason: String)
  case document(type: String, date: CivilDate, situation: Int?, format: String, fileName: String, content: [UInt8])
  /// A piece the household brought (PDF, JPEG or PNG, checked by content), and the filing
  /// checklist line it satisfies.
  case piece(fileName: String, date: CivilDate, checklistLine: String?, content: [UInt8])
  /// Bank statements the household downloaded, kept together as pieces (all or none), for the
  /// filing checklist line `checklistLine`.
  case statements(files: [StatementPiece], date: CivilDate, checklistLine: String?)
  /// An aid request filed for the household; `previous` names the request it files again.
  case aidRequest(organisation: AidOrganisation, kind: AidKind, askedCents: Int?, filedOn: CivilDate, note: String?, previous: String?)
  /// The answer to an aid request, with the amount granted and a loan's repayment.
  case aidDecision(id: String, decision: AidDecision, on: CivilDate, grantedCents: Int?, repayment: AidRequest.Repayment?)
  /// A measure suspended (its end moves back by the days it stays so) or resumed.
  case suspendMeasure(id: String, on: CivilDate, reason: String)
  case resumeMeasure(id: String, on: CivilDate)
  case suspend(note: String?)
  case reopen
  case close(reason: ClosingReason, note: String?, on: CivilDate)

  /// The audit's action word.
  public var action: String {
    switch self {
    case .situation: "situation"
    case .variants: "variantes"
    case .contact: "contact"
    case .appointment: "rendez-vous"
    case .appointmentHeld: "rendez-vous-tenu"
    case .objective: "objectif"
    case .objectiveUpdate: "objectif-modifie"
    case .action: "action"
    case .actionUpdate: "action-modifiee"
    case .openMeasure: "mesure-ouverte"
    case .renewMeasure: "mesure-renouvelee"
    case .closeMeasure: "mesure-close"
    case .document: "document"
    case .piece: "piece"
    case .statements: "releves"
    case .aidRequest: "aide-demandee"
    case .aidDecision: "aide-decision"
    case .suspendMeasure: "mesure-suspendue"
    case .resumeMeasure: "mesure-reprise"
    case .suspend: "suspension"
    case .reopen: "reouverture"
    case .close: "cloture"
    }
  }
}

/// Which cases a list shows.
public struct CaseFilter: Sendable {
  public var status: CaseStatus?
  public var counsellor: String?
  /// Shared mode: only the cases this account may open (``AccessPolicy``).
  public var visibleTo: Account?

  public init(status: CaseStatus? = nil, counsellor: String? = nil, visibleTo: Account? = nil) {
    self.status = status
    self.counsellor = counsellor
    self.visibleTo = visibleTo
  }
}

/// A line of a list of cases.
public struct CaseSummary: Sendable, Codable, Equatable {
  public var ref: CaseRef
  public var label: String
  public var counsellor: String
  public var status: CaseStatus
  public var openedOn: CivilDate
  public var version: Int
  public var situations: Int
  public var lastSituation: CivilDate?
  public var nextAppointment: CivilDate?
}

/// An appointment in a counsellor's agenda, with its case.
public struct AgendaEntry: Sendable, Equatable {
  public var ref: CaseRef
  public var label: String
  public var appointment: Appointment
}

/// Anonymous counts, without any personal data.
public struct Statistics: Sendable, Codable, Equatable {
  public struct Count: Sendable, Codable, Equatable {
    public var key: String
    public var count: Int

    public init(key: String, count: Int) {
      self.key = key
      self.count = count
    }
  }

  public var byStatus: [Count]
  public var byClosingReason: [Count]
  public var byMeasureType: [Count]
  /// Cases opened per year (`2026`).
  public var openedByYear: [Count]
  public var closedByYear: [Count]
  public var purged: Int
}

/// Why the store refused, in French.
public enum StoreError: Error, CustomStringConvertible, Equatable {
  case notFound(CaseRef)
  case conflict(ref: CaseRef, expected: Int, current: Int, by: String, at: String)
  case newerSchema(found: Int, known: Int)
  case invalid(String)
  case closed(CaseRef)
  case purged(CaseRef)
  case unavailable(String)
  case exists(CaseRef)

  public var description: String {
    switch self {
    case .notFound(let r): "dossier \(r) introuvable dans cette base"
    case .conflict(let r, let expected, let current, let by, let at):
      "le dossier \(r) a été modifié par \(by) le \(at) (version \(current)) depuis votre lecture (version \(expected)) : rien n'a été enregistré ; relisez le dossier puis refaites votre modification"
    case .newerSchema(let found, let known):
      "cette base a été créée ou mise à jour par une version plus récente d'Équilibre (schéma \(found), cette version connaît le schéma \(known)) : mettez Équilibre à jour ; la base n'a pas été modifiée"
    case .invalid(let m): m
    case .closed(let r): "le dossier \(r) est clos : rouvrez-le d'abord (equilibre suivi rouvrir \(r))"
    case .purged(let r): "les données du dossier \(r) ont été purgées ou effacées"
    case .unavailable(let m): m
    case .exists(let r): "le dossier \(r) existe déjà dans cette base"
    }
  }
}
