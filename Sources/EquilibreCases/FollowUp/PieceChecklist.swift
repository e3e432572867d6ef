import EquilibreCore
import EquilibreDocuments

/// The filing's list of pieces for the case's latest situation (the same list as the draft's
/// Annexe B), each line with the pieces the household brought for it: what is received and
/// what is still missing.
public struct PieceChecklist: Sendable {
  public struct Line: Sendable {
    public var piece: String
    public var why: String
    /// The uploaded pieces linked to this line.
    public var received: [HandedDocument]
    public var isReceived: Bool { !received.isEmpty }
  }

  public var lines: [Line]
  /// Pieces linked to a line the latest situation no longer asks for, or to none.
  public var unlinked: [HandedDocument]

  public var missing: Int { lines.filter { !$0.isReceived }.count }

  /// The checklist of a case; `latest` is its latest situation already read (it is read from
  /// the record's text otherwise).
  public init(_ record: CaseRecord, latest: Scenario? = nil) {
    let pieces = record.documents.filter(\.isPiece)
    let wanted = (latest ?? CaseDocuments.latestScenario(record)).map { DocumentData.supportingPieces($0) } ?? []
    lines = wanted.map { w in Line(piece: w.piece, why: w.why, received: pieces.filter { $0.checklistLine == w.piece }) }
    let asked = Set(wanted.map(\.piece))
    unlinked = pieces.filter { $0.checklistLine.map { !asked.contains($0) } ?? true }
  }
}
