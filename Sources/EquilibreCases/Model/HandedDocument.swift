import EquilibreCore

/// A document handed over to the household, kept in the base with its SHA-256.
public struct HandedDocument: Sendable, Codable, Equatable {
  /// `D1`, `D2`… within the case.
  public var id: String
  /// `dossier`, `surendettement`, `apurement`, `convention`, `bilan`, or a type the counsellor names.
  public var type: String
  public var date: CivilDate
  /// The situation version it was made from.
  public var situationNumber: Int?
  /// `html`, `md`, `pdf`…
  public var format: String
  public var sha256: String
  public var size: Int
  public var fileName: String
  /// `menage` for a piece the household brought (uploaded); nil for a document handed over.
  public var origin: String?
  /// The filing checklist line a piece satisfies (its wording, as ``PieceChecklist`` gives it).
  public var checklistLine: String?

  public init(
    id: String, type: String, date: CivilDate, situationNumber: Int?, format: String, sha256: String, size: Int, fileName: String,
    origin: String? = nil, checklistLine: String? = nil
  ) {
    self.origin = origin
    self.checklistLine = checklistLine
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

extension HandedDocument {
  /// Whether the household brought it (an uploaded piece).
  public var isPiece: Bool { origin == UploadedPiece.origin }
}

/// A piece the household brings (payslip, notice, statement…): PDF, JPEG or PNG, 10 MB at
/// most, its type read from its first bytes, never from its name.
public enum UploadedPiece {
  public static let origin = "menage"
  public static let maximumBytes = 10 * 1024 * 1024

  public enum Format: String, Sendable, CaseIterable {
    case pdf, jpeg, png
    /// Bank statements (``StatementPiece``): a CSV export, an OFX/QFX file, a CAMT.053 XML file.
    case csv, ofx, xml

    public var mimeType: String {
      switch self {
      case .pdf: "application/pdf"
      case .jpeg: "image/jpeg"
      case .png: "image/png"
      case .csv: "text/csv"
      case .ofx: "application/x-ofx"
      case .xml: "application/xml"
      }
    }

    /// A statement is downloaded, never shown by the browser.
    public var isStatement: Bool { self == .csv || self == .ofx || self == .xml }
  }

  /// The format the content's first bytes announce, or nil for anything else.
  public static func format(of bytes: [UInt8]) -> Format? {
    if bytes.starts(with: Array("%PDF-".utf8)) { return .pdf }
    if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
    if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
    return nil
  }

  /// Refuses an empty or too large piece, or one that is not a PDF, a JPEG or a PNG.
  public static func check(_ bytes: [UInt8], fileName: String) throws(StoreError) -> Format {
    guard !bytes.isEmpty else { throw .invalid("pièce « \(fileName.excerpt) » : fichier vide") }
    guard bytes.count <= maximumBytes else {
      throw .invalid("pièce « \(fileName.excerpt) » : \(maximumBytes / (1024 * 1024)) Mo au plus (\(bytes.count / (1024 * 1024)) Mo reçus)")
    }
    guard let f = format(of: bytes) else {
      throw .invalid("pièce « \(fileName.excerpt) » : ni PDF, ni JPEG, ni PNG d'après son contenu (le nom du fichier ne compte pas)")
    }
    return f
  }
}

/// A bank statement the household downloaded from its bank, kept as a piece of the case (type
/// `releve`). Its format is the one the statement reader recognised; the store checks that it is
/// text of 10 MB at most. It is never sent anywhere: only the case's readers can download it.
public struct StatementPiece: Sendable {
  public static let type = "releve"
  public var fileName: String
  public var format: UploadedPiece.Format
  public var content: [UInt8]

  public init(fileName: String, format: UploadedPiece.Format, content: [UInt8]) {
    self.fileName = fileName
    self.format = format
    self.content = content
  }

  /// Refuses an empty or too large file, a format that is not a statement's, or binary content.
  func check() throws(StoreError) {
    guard format.isStatement else { throw .invalid("relevé « \(fileName.excerpt) » : format \(format.rawValue) refusé") }
    guard !content.isEmpty else { throw .invalid("relevé « \(fileName.excerpt) » : fichier vide") }
    guard content.count <= UploadedPiece.maximumBytes else {
      throw .invalid("relevé « \(fileName.excerpt) » : \(UploadedPiece.maximumBytes / (1024 * 1024)) Mo au plus")
    }
    guard !content.contains(0) else { throw .invalid("relevé « \(fileName.excerpt) » : contenu binaire (octet nul), pas un relevé") }
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
