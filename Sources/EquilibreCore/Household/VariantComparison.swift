/// The base and its variants side by side: each key figure per column, with its difference from
/// the base (▲ / ▼), as `equilibre simuler` prints it and the workspace shows it.
public struct VariantComparison: Sendable {
  /// One figure across the columns.
  public struct Row: Sendable {
    public let label: String
    /// The JSON key (`reste_a_vivre`…).
    public let key: String
    public let cells: [Cell]
  }

  /// A figure of one column and how it moves from the base.
  public struct Cell: Sendable {
    public let figure: Figure?
    /// +1 up, −1 down, 0 the same as the base (always 0 in the base's column).
    public let direction: Int
    /// `▲ +120,00 €`, `▼ -99,00 €`, `▲` for a rate; empty when it does not move.
    public let difference: String

    /// `1 180,00 € ▲ +120,00 €`, or `—` when the figure does not exist.
    public var french: String {
      guard let figure else { return "—" }
      return difference.isEmpty ? figure.french : figure.french + " " + difference
    }
  }

  /// `base` then each variant's name.
  public let columns: [String]
  public let rows: [Row]

  /// The figures compared, in order: budget, capacity, then the benefits the variant moves.
  public static let figures: [(label: String, key: String, get: @Sendable (HouseholdFigures) -> Figure?)] = [
    ("Ressources mensuelles", "ressources_mensuelles", { .money($0.budget.resources) }),
    ("Charges mensuelles", "charges_mensuelles", { .money($0.budget.charges) }),
    ("Reste à vivre", "reste_a_vivre", { .money($0.budget.resteAVivre) }),
    ("Reste à vivre / UC / jour", "reste_a_vivre_par_uc_par_jour", { $0.budget.resteAVivrePerUCPerDay.map(Figure.money) }),
    ("Taux d'effort", "taux_effort", { $0.budget.effortRateAfterBenefit.map(Figure.rate) }),
    ("Capacité de remboursement", "capacite_remboursement", { .money($0.capacity.capacity) }),
    ("dont aide au logement", "aide_logement", { .money($0.budget.benefit(.aideLogement)) }),
    ("dont RSA", "rsa", { .money($0.budget.benefit(.rsa)) }),
    ("dont prime d'activité", "prime_activite", { .money($0.budget.benefit(.primeActivite)) }),
  ]

  public init(base: HouseholdFigures, variants: [(name: String, figures: HouseholdFigures)]) {
    columns = ["base"] + variants.map(\.name)
    let all = [base] + variants.map(\.figures)
    rows = Self.figures.map { label, key, get in
      let b = get(base)
      return Row(label: label, key: key, cells: all.map { Self.cell(get($0), base: b) })
    }
  }

  /// A figure with its difference from the base, rounded as shown (a cent's noise never moves).
  public static func cell(_ f: Figure?, base: Figure?) -> Cell {
    guard let f else { return Cell(figure: nil, direction: 0, difference: "") }
    switch (f, base) {
    case (.money(let m), .money(let b)?) where m.roundedToCents(.halfAwayFromZero) != b.roundedToCents(.halfAwayFromZero):
      let d = (m - b).roundedToCents(.halfAwayFromZero)
      return Cell(figure: f, direction: d.isNegative ? -1 : 1, difference: (d.isNegative ? "▼ " : "▲ +") + d.french)
    case (.rate(let r), .rate(let b)?) where f.plain != Figure.rate(b).plain:
      return Cell(figure: f, direction: r < b ? -1 : 1, difference: r < b ? "▼" : "▲")
    default:
      return Cell(figure: f, direction: 0, difference: "")
    }
  }
}
