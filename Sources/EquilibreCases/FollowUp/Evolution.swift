import EquilibreCore

/// How the key figures moved between situation versions.
public struct Evolution: Sendable {
  public struct Row: Sendable {
    public let key: String
    public let label: String
    public let kind: KeyFigures.FigureKind
    /// One value per version, oldest first (nil: not computed for that version).
    public let values: [Int?]
    /// Last minus first, when both exist.
    public var change: Int? {
      guard let a = values.first ?? nil, let b = values.last ?? nil else { return nil }
      let (d, overflow) = b.subtractingReportingOverflow(a)
      return overflow ? nil : d
    }
  }

  public let versions: [SituationVersion]
  public let rows: [Row]

  /// The evolution over `versions` (sorted by number).
  public init(_ versions: [SituationVersion]) {
    let sorted = versions.sorted { $0.number < $1.number }
    self.versions = sorted
    let template =
      (sorted.first?.figures
      ?? KeyFigures(
        resources: 0, charges: 0, resteAVivre: 0, perUCPerDay: nil, effortRate: nil, capacity: 0, bindingTerm: "", totalDebts: 0)).rows
    rows = template.indices.map { i in
      Row(key: template[i].key, label: template[i].label, kind: template[i].kind, values: sorted.map { $0.figures.rows[i].value })
    }
  }

  /// Between two versions only.
  public static func between(_ a: SituationVersion, _ b: SituationVersion) -> Evolution { Evolution([a, b]) }
}
