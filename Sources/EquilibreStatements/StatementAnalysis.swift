import EquilibreCore

/// What the statements show: the recurring incomes and charges, the credit instalments, the
/// account incidents month by month, and the one-off movements kept apart.
public struct StatementAnalysis: Sendable {
  /// A recurring income or charge.
  public struct Flow: Sendable {
    public enum Kind: Sendable, Equatable {
      case resource(ResourceType?)
      case charge(ChargeType?)
      /// Housing aid paid to the household (the scenario's `logement.aide_logement`).
      case housingAid
    }
    public var kind: Kind
    /// The counterparty, cleaned of the bank's wording and references.
    public var counterparty: String
    public var periodicity: BudgetPeriodicity
    /// The middle amount seen (the lower of the two middles for an even count): always an
    /// amount that was really paid, in whole cents.
    public var amount: Money
    /// The smallest and largest amounts seen.
    public var range: ClosedRange<Money>
    public var seen: [StatementLine]
    public var confidence: Provenance.Confidence
    /// Why the periodicity or the confidence is what it is, in French.
    public var note: String?

    public var monthly: Money { amount * periodicity.monthlyFactor }
  }

  /// A credit found by its instalments.
  public struct DebtFinding: Sendable {
    public var lender: String
    public var nature: DebtNature
    public var instalment: Money
    public var seen: [StatementLine]
    /// Known only for a split payment (instalments left × amount); otherwise asked.
    public var remainingDue: Money?
    /// The split payment's number of instalments (« 4 » for « paiement en 4 fois »).
    public var splitInto: Int?
    public var confidence: Provenance.Confidence
  }

  /// One month's incidents.
  public struct MonthIncidents: Sendable, Equatable {
    /// `2026-01`.
    public var month: String
    public var rejections = 0
    public var fees = 0
    public var feesAmount = Money.zero
    public var gambling = 0
    public var gamblingAmount = Money.zero
    public var overdraftInterest = Money.zero
    /// Days ending with a negative balance; nil when the statement gives no balance.
    public var daysOverdrawn: Int?
  }

  public var statements: [Statement]
  public var flows: [Flow] = []
  public var debts: [DebtFinding] = []
  public var incidents: [MonthIncidents] = []
  /// Movements that are neither recurring, nor a credit, nor an incident: never counted as monthly.
  public var oneOffs: [StatementLine] = []
  /// Lines read twice (overlapping files of one account), counted once.
  public var duplicates = 0
}

extension StatementAnalysis {
  /// The month key of a date (`2026-01`).
  static func monthKey(_ d: CivilDate) -> String {
    "\(d.year)-" + (d.month < 10 ? "0" : "") + "\(d.month)"
  }

  /// Fee, rejection, gambling and overdraft-interest lines counted by month, with the days
  /// overdrawn when the balances are known.
  static func incidents(
    _ lines: [StatementLine], fees: [StatementLine], rejections: [StatementLine], gambling: [StatementLine],
    interest: [StatementLine]
  ) -> [MonthIncidents] {
    var byMonth: [String: MonthIncidents] = [:]
    func add(_ l: StatementLine, _ f: (inout MonthIncidents) -> Void) {
      let k = monthKey(l.date)
      f(&byMonth[k, default: MonthIncidents(month: k)])
    }
    for l in lines { add(l) { _ in } }
    for l in fees {
      add(l) {
        $0.fees += 1
        $0.feesAmount += Money(cents: -l.cents)
      }
    }
    for l in rejections { add(l) { $0.rejections += 1 } }
    for l in gambling {
      add(l) {
        $0.gambling += 1
        $0.gamblingAmount += Money(cents: -l.cents)
      }
    }
    for l in interest { add(l) { $0.overdraftInterest += Money(cents: -l.cents) } }
    // Days overdrawn: each day's last known balance, carried over days without a movement.
    let withBalance = lines.filter { $0.balance != nil }
    if let first = withBalance.map(\.date).min(), let last = withBalance.map(\.date).max() {
      var endOfDay: [Int: Int] = [:]
      for l in withBalance { endOfDay[l.date.dayNumber] = l.balance }
      var current: Int?
      for n in first.dayNumber...last.dayNumber {
        if let b = endOfDay[n] { current = b }
        let k = monthKey(first.adding(days: n - first.dayNumber))
        if byMonth[k]?.daysOverdrawn == nil { byMonth[k, default: MonthIncidents(month: k)].daysOverdrawn = 0 }
        if let current, current < 0 { byMonth[k]!.daysOverdrawn! += 1 }
      }
    }
    return byMonth.values.sorted { $0.month < $1.month }
  }
}
