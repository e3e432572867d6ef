import EquilibreCore
import Foundation

/// A page of the list of cases: the filters, a search and where the page starts. The store
/// answers it with a few indexed queries (``CaseStore/page(_:)``), never by loading every case.
public struct CaseQuery: Sendable {
  public var filter: CaseFilter
  /// Words typed by the counsellor: found in the label (the household's name) or the
  /// reference, whatever the case and accents.
  public var search: String?
  /// Only the cases with an open measure of this type.
  public var measure: MeasureType?
  /// Keyset paging: the page starts after this reference (the next page), or ends before it
  /// (the previous page).
  public var after: CaseRef?
  public var before: CaseRef?
  /// Lines per page; 0 for every line.
  public var limit: Int

  public init(
    filter: CaseFilter = CaseFilter(), search: String? = nil, measure: MeasureType? = nil, after: CaseRef? = nil,
    before: CaseRef? = nil, limit: Int = 50
  ) {
    self.filter = filter
    self.search = search
    self.measure = measure
    self.after = after
    self.before = before
    self.limit = limit
  }
}

/// One page of cases, in the order of their references.
public struct CaseListing: Sendable, Equatable {
  public var cases: [CaseSummary]
  /// How many cases the filters and the search select, on every page.
  public var total: Int
  /// Whether there are cases before the first line and after the last one.
  public var hasPrevious: Bool
  public var hasNext: Bool

  public init(cases: [CaseSummary], total: Int, hasPrevious: Bool, hasNext: Bool) {
    self.cases = cases
    self.total = total
    self.hasPrevious = hasPrevious
    self.hasNext = hasNext
  }
}

/// The folded form of what a search compares: lower case, no accents, single spaces.
public enum SearchKey {
  public static func fold(_ s: String) -> String {
    s.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
      .split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
  }

  /// What the base keeps for a case: its label and reference, folded.
  public static func of(label: String, ref: CaseRef) -> String { fold(label) + " " + fold(ref.text) }
}
