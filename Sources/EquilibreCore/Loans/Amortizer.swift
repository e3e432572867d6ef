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
  private let a = MPZ()
  private let b = MPZ()
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
  public func amortize(
    _ terms: LoanTerms, into rows: inout [ScheduleRow]
  ) throws(LoanError)
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

    // Rows are plain integers: a buffer of the right length is overwritten in place, so batch
    // work over loans of one length neither allocates nor clears.
    if rows.count != n {
      rows.removeAll(keepingCapacity: true)
      rows.append(contentsOf: repeatElement(ScheduleRow.zero, count: n))
    }
    let summary = try rows.withUnsafeMutableBufferPointer { (buffer) throws(LoanError) -> ScheduleSummary in
      let out = buffer.baseAddress!
      var balance = capital
      var totalInterest = 0
      var totalInsurance = 0
      var totalPaid = 0
      let interestMode = rounding.interest
      let insuranceMode = rounding.insurance
      let insurance = insuranceRate ?? ExactRate.zero

      @inline(__always) func interest(on cents: Int) throws(LoanError) -> Int {
        if let i = rate.fast(cents, interestMode) { return i }
        return try rate.apply(cents, interestMode)
      }
      @inline(__always) func premium(on cents: Int) throws(LoanError) -> Int {
        guard insuranceOnOutstanding else { return fixedPremium }
        if let p = insurance.fast(cents, insuranceMode) { return p }
        return try insurance.apply(cents, insuranceMode)
      }
      @inline(__always) func emit(_ k: Int, _ interest: Int, _ principal: Int, _ premium: Int) throws(LoanError) {
        // In a total deferral principal = −interest: the payment is the insurance alone. Every sum
        // is checked: a capitalised balance or a huge premium ends in a clean error, not a trap.
        let (p1, o1) = interest.addingReportingOverflow(principal)
        let (payment, o2) = p1.addingReportingOverflow(premium)
        let (b, o3) = balance.subtractingReportingOverflow(principal)
        let (ti, o4) = totalInterest.addingReportingOverflow(interest)
        let (ts, o5) = totalInsurance.addingReportingOverflow(premium)
        let (tp, o6) = totalPaid.addingReportingOverflow(payment)
        if o1 || o2 || o3 || o4 || o5 || o6 { throw .outOfRange }
        balance = b
        totalInterest = ti
        totalInsurance = ts
        totalPaid = tp
        out[k - 1] = ScheduleRow(
          number: k, paymentCents: payment, interestCents: interest, insuranceCents: premium,
          principalCents: principal, balanceCents: balance)
      }

      // Deferral: interest paid (partial) or added to the balance (total).
      let capitalise = terms.deferral?.kind == .total
      var k = 1
      while k <= deferralPeriods {
        let i = try interest(on: balance)
        try emit(k, i, capitalise ? -i : 0, try premium(on: balance))
        k += 1
      }

      // Amortisation over the remaining m periods; the last one settles the balance.
      let m = n - deferralPeriods
      let kind = terms.kind
      let instalment: Int  // annuity payment, or constant principal share
      switch kind {
      case .annuity: instalment = try annuityPayment(balance: balance, periods: m, rate: rate, rounding.instalment)
      case .constantPrincipal: instalment = rounding.instalment.divide(balance, by: m)
      case .inFine: instalment = 0
      }
      let firstInsurance = try premium(on: balance)
      var firstInstalment = 0
      // Common case (constant instalment, half-up interest, non-negative rate that fits 64 bits,
      // insurance absent or fixed): one division per row, no overflow check needed because
      // 2·balance·a + b fits and the balance only decreases.
      if kind == .annuity, k < n, !insuranceOnOutstanding, interestMode == .halfAwayFromZero,
        let (ra, rb) = rate.smallParts, ra >= 0, Self.halfUpFits(balance, ra, rb)
      {
        let twiceB = rb &* 2
        let first = k
        while k < n && balance > 0 {
          let i = (balance &* ra &* 2 &+ rb) / twiceB
          let principal = min(instalment &- i, balance)
          try emit(k, i, principal, fixedPremium)
          k += 1
        }
        firstInstalment = out[first - 1].interestCents + out[first - 1].principalCents
      }
      while k < n && (balance > 0 || k <= deferralPeriods) {
        let i = try interest(on: balance)
        let principal: Int
        switch kind {
        case .annuity: principal = min(instalment - i, balance)
        case .constantPrincipal: principal = min(instalment, balance)
        case .inFine: principal = 0
        }
        if k == deferralPeriods + 1 { firstInstalment = i + principal }
        try emit(k, i, principal, try premium(on: balance))
        k += 1
      }
      // The last row settles the balance; a rounded-up instalment may have settled it already,
      // and the schedule then ends at the instalment that did (k − 1).
      var last = n
      if balance == 0 && k > deferralPeriods + 1 && k <= n {
        last = k - 1
      } else {
        let lastInterest = try interest(on: balance)
        if m == 1 { firstInstalment = lastInterest + balance }
        try emit(k, lastInterest, balance, try premium(on: balance))
        last = k
      }

      return ScheduleSummary(
        instalmentCents: firstInstalment, insuranceCents: firstInsurance, numberOfInstalments: last,
        plannedInstalments: n, interestCents: totalInterest, totalInsuranceCents: totalInsurance,
        feesCents: terms.fees.exactCents!, paidCents: totalPaid)
    }
    if summary.numberOfInstalments < n { rows.removeLast(n - summary.numberOfInstalments) }
    return summary
  }

  /// True when `2·balance·a + b` and `2·b` fit in an `Int` (balance, a, b ≥ 0).
  static func halfUpFits(_ balance: Int, _ a: Int, _ b: Int) -> Bool {
    let (p, o1) = balance.multipliedReportingOverflow(by: a)
    let (p2, o2) = p.multipliedReportingOverflow(by: 2)
    let (_, o3) = p2.addingReportingOverflow(b)
    let (_, o4) = b.multipliedReportingOverflow(by: 2)
    return !(o1 || o2 || o3 || o4) && balance >= 0
  }

  /// The constant payment `B·r / (1 − (1+r)^−m)` in cents, rounded once with `mode`.
  /// With r = a/b: `B·a·(a+b)^m / (b·((a+b)^m − b^m))`, evaluated on GMP integers.
  func annuityPayment(
    balance: Int, periods m: Int, rate: ExactRate, _ mode: RoundingMode
  ) throws(LoanError)
    -> Int
  {
    if rate.isZero { return mode.divide(balance, by: m) }
    rate.load(into: a, b)
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
    guard let q = Rational.roundedQuotient(num, den, mode).intValue else { throw .outOfRange }
    return q
  }
}

/// A period rate `a/b` in lowest terms, applied to cents exactly: in 64 bits when the product
/// fits, else in 128 bits, else (a fraction too large for 64 bits) on GMP.
struct ExactRate {
  private let num: Int
  private let den: Int
  private let isSmall: Bool
  private let big: Rational?

  static let zero = ExactRate(num: 0, den: 1)

  private init(num: Int, den: Int) {
    (self.num, self.den, isSmall, big) = (num, den, true, nil)
  }

  init(_ r: Rational) throws(LoanError) {
    if let c = r.intComponents {
      (num, den, isSmall, big) = (c.numerator, c.denominator, true, nil)
    } else {
      (num, den, isSmall, big) = (0, 1, false, r)
    }
  }

  var isZero: Bool { isSmall && num == 0 }

  /// Numerator and denominator when both fit an `Int`.
  var smallParts: (Int, Int)? { isSmall ? (num, den) : nil }

  /// `cents × a / b` rounded, in 64 bits; nil when that does not fit.
  @inline(__always)
  func fast(_ cents: Int, _ mode: RoundingMode) -> Int? {
    guard isSmall else { return nil }
    let (p, overflow) = cents.multipliedReportingOverflow(by: num)
    return overflow ? nil : mode.divide(p, by: den)
  }

  /// Sets `a` and `b` to the numerator and denominator.
  func load(into a: MPZ, _ b: MPZ) {
    if let r = big {
      let (n, d) = r.components()
      a.set(n)
      b.set(d)
    } else {
      a.set(num)
      b.set(den)
    }
  }

  /// `cents × a / b` rounded to a whole cent (any size).
  func apply(_ cents: Int, _ mode: RoundingMode) throws(LoanError) -> Int {
    if isSmall {
      // |cents| ≤ 10^11 and |a| < 2^63: the product fits in 128 bits.
      let (product, overflow) = Int128(cents).multipliedReportingOverflow(by: Int128(num))
      if !overflow, let result = Int(exactly: mode.divide(product, by: Int128(den))) {
        return result
      }
      throw .outOfRange
    }
    let (a, b) = big!.components()
    let n = MPZ(cents)
    __gmpz_mul(n.z, n.z, a.z)
    guard let result = Rational.roundedQuotient(n, b, mode).intValue else { throw .outOfRange }
    return result
  }
}
