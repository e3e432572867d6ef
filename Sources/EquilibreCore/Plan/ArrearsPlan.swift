/// A plan d'apurement: the household's rent arrears repaid to the landlord in monthly instalments,
/// on top of the current rent, as proposed in the letter `equilibre apurement` prints.
///
/// The rule: an instalment amount `M` (chosen, or the arrears divided by the months chosen and
/// rounded up to the cent, `RoundingMode.ceiling`, so that the months chosen are enough); then as
/// many instalments of `M` as fit, and a last one that takes what is left. The instalments add up
/// to the arrears exactly, none is above `M`, and none is zero.
public struct ArrearsPlan: Sendable {
  /// How the counsellor sets the plan.
  public enum Choice: Sendable, Equatable {
    /// Repay over this many months (the plan may end a month or more earlier when the rounded
    /// instalment covers the arrears sooner).
    case months(Int)
    /// Repay this much each month.
    case monthly(Money)
  }

  /// One month of the plan.
  public struct Instalment: Sendable, Equatable {
    public let number: Int
    /// The first day of the month it is due.
    public let month: CivilDate
    public let amount: Money
    /// Arrears still due once it is paid.
    public let remaining: Money
  }

  /// The landlord the arrears are owed to.
  public let landlord: String
  public let arrears: Money
  /// The day of the situation (the arrears are known on that day).
  public let asOf: CivilDate
  public let instalments: [Instalment]
  /// What the household pays for its home each month: rent + charges − housing aid.
  public let currentHousingCost: Money
  /// The household's repayment capacity, to compare.
  public let capacity: Money
  public let explanation: Explanation
  /// In French: what the counsellor must look at before sending (the instalment is above the
  /// repayment capacity, the plan ends before the months chosen).
  public let warnings: [String]

  public var monthly: Money { instalments[0].amount }
  public var last: Money { instalments[instalments.count - 1].amount }
  /// The housing cost and the instalment: what the household pays the landlord each month.
  public var monthlyTotal: Money { currentHousingCost + monthly }

  /// The plan for the rent debts of `scenario` owed to `creditor` (the only landlord owed, when nil).
  /// - Parameter start: the month of the first instalment; the month after the situation's by default.
  public init(
    scenario s: Scenario, capacity: RepaymentCapacity, choice: Choice, creditor: String? = nil, start: CivilDate? = nil
  ) throws(ArrearsPlanError) {
    let rentDebts = s.debts.filter { $0.nature == .loyer && !$0.remainingDue.isZero }
    let creditors = rentDebts.map(\.creditor).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
    guard !creditors.isEmpty else { throw ArrearsPlanError("aucune dette de loyer dans le scénario (dettes, nature « loyer »)") }
    let landlord: String
    if let creditor {
      guard let found = creditors.first(where: { $0 == creditor }) else {
        throw ArrearsPlanError("aucune dette de loyer envers « \(creditor) » (dettes de loyer : \(creditors.joined(separator: ", ")))")
      }
      landlord = found
    } else {
      guard creditors.count == 1 else {
        throw ArrearsPlanError("plusieurs bailleurs sont créanciers (\(creditors.joined(separator: ", "))) : choisissez-en un")
      }
      landlord = creditors[0]
    }
    let debts = rentDebts.filter { $0.creditor == landlord }
    let arrears = debts.reduce(Money.zero) { $0 + $1.remainingDue }

    let amount: Money
    var formula: String
    switch choice {
    case .months(let n):
      guard (1...ArrearsPlan.maximumMonths).contains(n) else {
        throw ArrearsPlanError("durée de \(n) mois : entre 1 et \(ArrearsPlan.maximumMonths) mois")
      }
      amount = (arrears / Rational(n)).roundedToCents(.ceiling)
      formula = "mensualité = dette de loyer ÷ \(n) mois, arrondie au centime \(RoundingMode.ceiling.frenchDescription)"
    case .monthly(let m):
      guard !m.isZero && !m.isNegative else { throw ArrearsPlanError("mensualité de \(m.french) : un montant positif est attendu") }
      guard m.roundedToCents(.halfAwayFromZero) == m else {
        throw ArrearsPlanError("mensualité de \(m.value.frenchExact(minPlaces: 2)) € : au centime près, s'il vous plaît")
      }
      amount = min(m, arrears)
      formula = "mensualité choisie"
    }
    // As many full instalments as fit, then the rest.
    let first = start ?? CivilDate(year: s.date.year, month: s.date.month, day: 1)!.adding(months: 1)
    var out: [Instalment] = []
    var remaining = arrears
    while !remaining.isZero && !remaining.isNegative {
      let pay = min(amount, remaining)
      remaining = remaining - pay
      out.append(Instalment(number: out.count + 1, month: first.adding(months: out.count), amount: pay, remaining: remaining))
    }
    formula += " ; autant de mensualités pleines que la dette en contient, la dernière prend le reste"

    self.landlord = landlord
    self.arrears = arrears
    asOf = s.date
    instalments = out
    currentHousingCost = s.housing.rent + s.housing.charges - s.housing.housingBenefit
    self.capacity = capacity.capacity
    var warnings: [String] = []
    if case .months(let n) = choice, out.count < n {
      warnings.append("la mensualité arrondie solde la dette en \(out.count) mois au lieu de \(n)")
    }
    if amount > capacity.capacity {
      warnings.append(
        "la mensualité (\(amount.french)) dépasse la capacité de remboursement du ménage (\(capacity.capacity.french) par mois)")
    }
    self.warnings = warnings
    let lastAmount = out[out.count - 1].amount
    explanation = Explanation(
      figure: "mensualité du plan d'apurement", value: amount.french, formula: formula,
      inputs: debts.map { "dette de loyer envers \($0.creditor) : \($0.remainingDue.french)" } + [
        "\(out.count) mensualité\(out.count > 1 ? "s" : "") de \(amount.french)"
          + (lastAmount != amount ? ", la dernière de \(lastAmount.french)" : "") + ", à partir de \(first.frenchMonth)",
        "capacité de remboursement : \(capacity.capacity.french) par mois",
      ],
      notes: warnings)
  }

  /// The longest plan the command accepts (ten years): beyond, the arrears belong in an
  /// over-indebtedness filing, not in an amicable plan.
  public static let maximumMonths = 120
}

/// Why a plan d'apurement cannot be drawn up, in French.
public struct ArrearsPlanError: Error, CustomStringConvertible, Sendable {
  public let description: String
  init(_ d: String) { description = d }
}
