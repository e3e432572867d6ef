/// One period of a schedule. Every amount is a whole number of cents, by the rules that
/// produce it, so the row stores cents and hands out exact ``Money``.
public struct ScheduleRow: Sendable, Equatable {
  /// 1-based period number.
  public let number: Int
  public let paymentCents: Int
  public let interestCents: Int
  public let insuranceCents: Int
  /// Principal repaid this period; negative when interest is capitalised (total deferral).
  public let principalCents: Int
  /// Capital outstanding after this period.
  public let balanceCents: Int

  public init(
    number: Int, paymentCents: Int, interestCents: Int, insuranceCents: Int, principalCents: Int,
    balanceCents: Int
  ) {
    self.number = number
    self.paymentCents = paymentCents
    self.interestCents = interestCents
    self.insuranceCents = insuranceCents
    self.principalCents = principalCents
    self.balanceCents = balanceCents
  }

  static let zero = ScheduleRow(
    number: 0, paymentCents: 0, interestCents: 0, insuranceCents: 0, principalCents: 0, balanceCents: 0)

  /// What the borrower pays this period: interest + principal + insurance.
  public var payment: Money { Money(cents: paymentCents) }
  public var interest: Money { Money(cents: interestCents) }
  public var insurance: Money { Money(cents: insuranceCents) }
  public var principal: Money { Money(cents: principalCents) }
  public var balance: Money { Money(cents: balanceCents) }
}

/// Totals of a schedule, in cents like the rows.
public struct ScheduleSummary: Sendable, Equatable {
  let instalmentCents: Int
  let insuranceCents: Int
  /// Instalments actually due: fewer than planned when a rounded-up instalment settles the
  /// loan early.
  public let numberOfInstalments: Int
  /// The number of periods of the loan's terms.
  public let plannedInstalments: Int
  let interestCents: Int
  let totalInsuranceCents: Int
  let feesCents: Int
  let paidCents: Int

  /// The regular instalment without insurance (first instalment after any deferral).
  public var instalment: Money { Money(cents: instalmentCents) }
  /// The same instalment with its insurance premium.
  public var instalmentWithInsurance: Money { Money(cents: instalmentCents + insuranceCents) }
  public var totalInterest: Money { Money(cents: interestCents) }
  public var totalInsurance: Money { Money(cents: totalInsuranceCents) }
  public var fees: Money { Money(cents: feesCents) }
  /// Interest + insurance + fees.
  public var totalCostOfCredit: Money { Money(cents: interestCents + totalInsuranceCents + feesCents) }
  /// Sum of all instalments paid.
  public var totalPaid: Money { Money(cents: paidCents) }
  /// True when the loan is settled before its last planned period.
  public var endsEarly: Bool { numberOfInstalments < plannedInstalments }
}

/// A loan's full schedule and its summary.
public struct Schedule: Sendable {
  public let terms: LoanTerms
  public let rows: [ScheduleRow]
  public let summary: ScheduleSummary

  /// Computes the schedule of `terms` (see ``Amortizer``).
  public init(terms: LoanTerms) throws(LoanError) {
    self = try Amortizer().schedule(for: terms)
  }

  init(terms: LoanTerms, rows: [ScheduleRow], summary: ScheduleSummary) {
    self.terms = terms
    self.rows = rows
    self.summary = summary
  }
}
