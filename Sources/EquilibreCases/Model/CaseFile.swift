import EquilibreCore

/// A case reference: `EQ-2026-00042` (year of opening, number in the base).
public struct CaseRef: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
  public let text: String

  public init(year: Int, number: Int) {
    let n = String(number)
    text = "EQ-\(year)-" + String(repeating: "0", count: max(0, 5 - n.count)) + n
  }

  /// A reference as typed (case-insensitive), or nil when it is not of the form `EQ-AAAA-NNNNN`.
  public init?(_ typed: String) {
    let t = typed.trimmingSpaces.uppercased()
    let parts = t.split(separator: "-", omittingEmptySubsequences: false)
    func digits(_ s: Substring) -> Bool { s.allSatisfy { $0.isASCII && $0.isNumber } }
    guard parts.count == 3, parts[0] == "EQ", parts[1].count == 4, digits(parts[1]), let year = Int(parts[1]), year >= 1000,
      !parts[2].isEmpty, parts[2].count <= 9, digits(parts[2]), let n = Int(parts[2]), n > 0
    else { return nil }
    self.init(year: year, number: n)
  }

  /// The year of opening and the number in the base (0 for a reference not of the form, which
  /// only ``init(stored:)`` can build).
  public var year: Int { Int(text.split(separator: "-").dropFirst().first ?? "") ?? 0 }
  public var number: Int { Int(text.split(separator: "-").last ?? "") ?? 0 }

  /// A reference as the base stores it (already canonical).
  init(stored: String) { text = stored }

  public var description: String { text }
  public static func < (a: CaseRef, b: CaseRef) -> Bool { a.text < b.text }

  enum CodingKeys: String, CodingKey { case text }

  /// Written as the plain reference, `"EQ-2026-00042"`.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(text)
  }

  /// Only the canonical form is read back (an archive is never trusted to hold a path); the
  /// form of earlier exports, `{"text": "EQ-…"}`, is read too.
  public init(from decoder: any Decoder) throws {
    let t: String
    if let single = try? decoder.singleValueContainer(), let s = try? single.decode(String.self) {
      t = s
    } else {
      t = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .text)
    }
    guard let r = CaseRef(t), r.text == t else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "référence invalide (EQ-AAAA-NNNNN attendu) : « \(t.excerpt) »"))
    }
    self = r
  }
}

/// Where a case stands.
public enum CaseStatus: String, CaseIterable, Sendable, Codable {
  case ouvert, suspendu, clos

  public var french: String { rawValue }
}

/// Why a case was closed (a list, for statistics).
public enum ClosingReason: String, CaseIterable, Sendable, Codable {
  case objectifsAtteints = "objectifs-atteints"
  case relogement
  case orientation = "orientation-autre-mesure"
  case finDeMesure = "fin-de-mesure"
  case abandon = "abandon-du-menage"
  case demenagement
  case deces
  case autre

  public var french: String {
    switch self {
    case .objectifsAtteints: "objectifs atteints"
    case .relogement: "relogement"
    case .orientation: "orientation vers une autre mesure"
    case .finDeMesure: "fin de la mesure"
    case .abandon: "fin demandée par le ménage"
    case .demenagement: "déménagement hors du secteur"
    case .deces: "décès"
    case .autre: "autre motif"
    }
  }
}

/// The case itself: who follows it, where it stands, and its version (optimistic locking).
public struct CaseFile: Sendable, Codable, Equatable {
  public var ref: CaseRef
  /// A short label for lists (the scenario's description at opening; may be changed).
  public var label: String
  public var counsellor: String
  public var structure: String?
  public var status: CaseStatus
  public var closingReason: ClosingReason?
  public var closingNote: String?
  public var openedOn: CivilDate
  public var closedOn: CivilDate?
  /// Incremented by every change; a writer that read an older version is refused.
  public var version: Int
  /// True once the personal data were purged (retention) or erased on request.
  public var purged: Bool

  public init(
    ref: CaseRef, label: String, counsellor: String, structure: String? = nil, status: CaseStatus = .ouvert,
    closingReason: ClosingReason? = nil, closingNote: String? = nil, openedOn: CivilDate, closedOn: CivilDate? = nil,
    version: Int = 1, purged: Bool = false
  ) {
    self.ref = ref
    self.label = label
    self.counsellor = counsellor
    self.structure = structure
    self.status = status
    self.closingReason = closingReason
    self.closingNote = closingNote
    self.openedOn = openedOn
    self.closedOn = closedOn
    self.version = version
    self.purged = purged
  }
}

/// Everything a case holds.
public struct CaseRecord: Sendable, Codable, Equatable {
  public var file: CaseFile
  public var situations: [SituationVersion]
  public var measures: [Measure]
  public var objectives: [Objective]
  public var contacts: [Contact]
  public var documents: [HandedDocument]
  public var appointments: [Appointment] = []
  public var aidRequests: [AidRequest] = []

  public init(
    file: CaseFile, situations: [SituationVersion] = [], measures: [Measure] = [], objectives: [Objective] = [],
    contacts: [Contact] = [], documents: [HandedDocument] = [], appointments: [Appointment] = [], aidRequests: [AidRequest] = []
  ) {
    self.aidRequests = aidRequests
    self.appointments = appointments
    self.file = file
    self.situations = situations
    self.measures = measures
    self.objectives = objectives
    self.contacts = contacts
    self.documents = documents
  }

  /// The latest situation version.
  public var latest: SituationVersion? { situations.max { $0.number < $1.number } }
}
