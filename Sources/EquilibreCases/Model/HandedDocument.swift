import EquilibreCore

/// A document handed over to the household, kept in the base with its SHA-256.
public struct HandedDocument: Sendable, Codable, Equatable {
  /// `D1`, `D2`… within the case.
  public var id: String
  /// `dossier`, `surendettement`, `convention`, `bilan`, or a type the counsellor names.
  public var type: String
  public var date: CivilDate
  /// The situation version it was made from.
  public var situationNumber: Int?
  /// `html`, `md`, `pdf`…
  public var format: String
  public var sha256: String
  public var size: Int
  public var fileName: String

  public init(
    id: String, type: String, date: CivilDate, situationNumber: Int?, format: String, sha256: String, size: Int, fileName: String
  ) {
    self.id = id
    self.type = type
    self.date = date
    self.situationNumber = situationNumber
    self.format = format
    self.sha256 = sha256
    self.size = size
    self.fileName = fileName
  }
}

/// A line of the audit log: who, when, what, and the change.
public struct AuditEntry: Sendable, Codable, Equatable {
  public var seq: Int
  public var ref: CaseRef?
  /// The case version this change produced (nil for a read, a purge, a migration).
  public var version: Int?
  /// ISO 8601, UTC.
  public var at: String
  public var actor: String
  /// `ouverture`, `situation`, `contact`, `lecture`…
  public var action: String
  /// What changed, in French (empty after a purge).
  public var detail: String

  public init(seq: Int, ref: CaseRef?, version: Int? = nil, at: String, actor: String, action: String, detail: String) {
    self.seq = seq
    self.ref = ref
    self.version = version
    self.at = at
    self.actor = actor
    self.action = action
    self.detail = detail
  }
}
