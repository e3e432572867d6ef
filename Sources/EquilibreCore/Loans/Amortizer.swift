import CGMP

/// Builds loan schedules to the cent.
///
/// Rules, in order of application, for each period k:
/// - interest = balance × period rate, rounded to the cent (``LoanRounding/interest``);
/// - insurance = premium, or rate × base rounded to the cent (``LoanRounding/insurance``);
/// - during a deferral: partial pays the interest, total adds it to the balance;
/// - afterwards the principal follows the loan kind; the constant instalment is
///   `B·r / (1 − (1+r)^−m)` computed exactly and rounded once (``LoanRounding/instalment``);
/// - the last instalment absorbs the residue, so the principal repaid equals the capital and
///   the final balance is exactly 0.
///
/// Cents are machine integers and each product `balance × rate` is exact in 128 bits; rates
/// whose fraction does not fit 64 bits fall back to GMP. An `Amortizer` keeps GMP scratch space
/// between loans: reuse one per thread in batch work.
public final class Amortizer {
  private let t = MPZ()
  private let u = MPZ()
  private let num = MPZ()
  private let den = MPZ()

  public init() {}

  /// The schedule of `terms`.
  public func schedule(for terms: LoanTerms) throws(LoanError) -> Schedule {
    var rows: [ScheduleRow] = []
    let summary = try amortize(terms, into: &rows)
    return Schedule(terms: terms, rows: rows, summary: summary)
  }

  /// Writes the rows of `terms` into `rows` (emptied first, capacity kept) and returns the
  /// summary. The allocation-free form for batch work.
  public func amortize(_ terms: LoanTerms, into rows: inout [ScheduleRow]) throws(LoanError)
    -> ScheduleSummary
  {
    try terms.validate()
    let rate = try ExactRate(terms.periodRate)
    let n = terms.periods
    let capital = terms.capital.exactCents!
    let deferralPeriods = terms.deferral?.periods ?? 0
    let rounding = terms.rounding

    var insuranceRate: ExactRate?
    var fixedPremium = 0
    var insuranceOnOutstanding = false
    switch terms.insurance {
    case .rate(let annual, let base):
      let r = try ExactRate(annual / Rational(terms.periodicity.periodsPerYear))
      insuranceRate = r
      if base == .initialCapital {
        fixedPremium = try r.apply(capital, rounding.insurance)
      } else {
        insuranceOnOutstanding = true
      }
    case .premium(let p):
      fixedPremium = p.exactCents!
    case nil:
      break
    }

    rows.removeAll(keepingCapacity: true)
    rows.reserveCapacity(n)
    var balance = capital
    var instalment = 0  // annuity payment or constant principal share, set after the deferral
    var totalInterest = 0
    var totalInsurance = 0
    var totalPaid = 0
    var firstInstalment = 0
    var firstInsurance = 0

    for k in 1...n {
      let interest = try rate.apply(balance, rounding.interest)
      let premium =
        insuranceOnOutstanding ? try insuranceRate!.apply(balance, rounding.insurance) : fixedPremium
      var principal: Int
      if k <= deferralPeriods {
        principal = terms.deferral!.kind == .total ? -interest : 0
      } else {
        if k == deferralPeriods + 1 {
          let m = n - deferralPeriods
          switch terms.kind {
          case .annuity: instalment = try annuityPayment(balance: balance, periods: m, rate: rate, rounding.instalment)
          case .constantPrincipal: instalment = Int(rounding.instalment.divide(Int128(balance), by: Int128(m)))
          case .inFine: instalment = 0
          }
        }
        if k == n {
          principal = balance
        } else {
          switch terms.kind {
          case .annuity: principal = min(instalment - interest, balance)
          case .constantPrincipal: principal = min(instalment, balance)
          case .inFine: principal = 0
          }
        }
      }
      // In a total deferral principal = −interest: the payment is the insurance alone.
      let payment = interest + principal + premium
      balance -= principal
      if k == deferralPeriods + 1 {
        firstInstalment = payment - premium
        firstInsurance = premium
      }
      totalInterest += interest
      totalInsurance += premium
      totalPaid += payment
      rows.append(
        ScheduleRow(
          number: k, paymentCents: payment, interestCents: interest, insuranceCents: premium,
          principalCents: principal, balanceCents: balance))
    }

    let fees = terms.fees.exactCents!
    return ScheduleSummary(
      instalment: Money(cents: firstInstalment),
      instalmentWithInsurance: Money(cents: firstInstalment + firstInsurance),
      numberOfInstalments: n,
      totalInterest: Money(cents: totalInterest),
      totalInsurance: Money(cents: totalInsurance),
      fees: Money(cents: fees),
      totalCostOfCredit: Money(cents: totalInterest + totalInsurance + fees),
      totalPaid: Money(cents: totalPaid))
  }

  /// The constant payment `B·r / (1 − (1+r)^−m)` in cents, rounded once with `mode`.
  /// With r = a/b: `B·a·(a+b)^m / (b·((a+b)^m − b^m))`, evaluated on GMP integers.
  func annuityPayment(balance: Int, periods m: Int, rate: ExactRate, _ mode: RoundingMode) throws(LoanError)
    -> Int
  {
    if rate.isZero { return Int(mode.divide(Int128(balance), by: Int128(m))) }
    let (a, b) = rate.mpz
    __gmpz_add(t.z, a.z, b.z)
    __gmpz_pow_ui(t.z, t.z, UInt(m))  // (a+b)^m
    __gmpz_pow_ui(u.z, b.z, UInt(m))  // b^m
    __gmpz_sub(den.z, t.z, u.z)
    __gmpz_mul(den.z, den.z, b.z)
    __gmpz_mul_si(num.z, t.z, balance)
    __gmpz_mul(num.z, num.z, a.z)
    if den.sign < 0 {
      __gmpz_neg(den.z, den.z)
      __gmpz_neg(num.z, num.z)
    }
    guard let q = Rational.roundedQuotient(num, den, mode).intValue else {
      throw .invalid(field: "taux", "montants hors de portée du calcul")
    }
    return q
  }
}

/// A period rate `a/b` in lowest terms, applied to cents exactly.
struct ExactRate {
  private let small: (num: Int128, den: Int128)?
  private let big: (MPZ, MPZ)

  init(_ r: Rational) throws(LoanError) {
    big = r.components()
    if let c = r.intComponents {
      small = (Int128(c.numerator), Int128(c.denominator))
    } else {
      small = nil
    }
  }

  var isZero: Bool { big.0.sign == 0 }
  var mpz: (MPZ, MPZ) { big }

  /// `cents × a / b` rounded to a whole cent.
  @inline(__always)
  func apply(_ cents: Int, _ mode: RoundingMode) throws(LoanError) -> Int {
    if let s = small {
      // |cents| ≤ 10^11 and |a| < 2^63: the product fits in 128 bits.
      let q = mode.divide(Int128(cents) * s.num, by: s.den)
      guard let result = Int(exactly: q) else {
        throw .invalid(field: "taux", "montants hors de portée du calcul")
      }
      return result
    }
    let n = MPZ(cents)
    __gmpz_mul(n.z, n.z, big.0.z)
    guard let result = Rational.roundedQuotient(n, big.1, mode).intValue else {
      throw .invalid(field: "taux", "montants hors de portée du calcul")
    }
    return result
  }
}
