/// How the principal is repaid.
public enum LoanKind: String, CaseIterable, Sendable, Codable {
  /// Constant instalment (annuité constante): the usual consumer and mortgage loan.
  case annuity = "constant"
  /// Constant principal (amortissement constant): instalments decrease.
  case constantPrincipal = "amortissement-constant"
  /// Interest only, principal at the last instalment (in fine).
  case inFine = "in-fine"

  public var french: String {
    switch self {
    case .annuity: "échéances constantes (annuité constante)"
    case .constantPrincipal: "amortissement constant"
    case .inFine: "in fine"
    }
  }
}

/// Length of one period.
public enum Periodicity: String, CaseIterable, Sendable, Codable {
  case monthly = "mensuelle"
  case quarterly = "trimestrielle"
  case annual = "annuelle"

  /// Periods in a year: 12, 4 or 1.
  public var periodsPerYear: Int {
    switch self {
    case .monthly: 12
    case .quarterly: 4
    case .annual: 1
    }
  }

  public var frenchPeriod: String {
    switch self {
    case .monthly: "mois"
    case .quarterly: "trimestre"
    case .annual: "an"
    }
  }
}

/// A deferral (différé) at the start of the loan.
public struct Deferral: Sendable, Equatable, Codable {
  public enum Kind: String, CaseIterable, Sendable, Codable {
    /// Interest (and insurance) are paid; no principal.
    case partial = "partiel"
    /// Nothing but insurance is paid; interest is added to the capital (capitalised).
    case total = "total"
  }

  public var periods: Int
  public var kind: Kind

  public init(periods: Int, kind: Kind) {
    self.periods = periods
    self.kind = kind
  }
}

/// Borrower insurance.
public enum Insurance: Sendable, Equatable {
  public enum Base: String, CaseIterable, Sendable, Codable {
    case initialCapital = "initial"
    case outstandingCapital = "restant"
  }

  /// An annual rate (0.0036 for 0,36 %) applied to the initial or the outstanding capital.
  case rate(annual: Rational, base: Base)
  /// A fixed premium per period.
  case premium(Money)
}

/// Which rounding mode applies at each point where a loan rule rounds to the cent.
public struct LoanRounding: Sendable, Equatable {
  /// The constant instalment (or constant principal share).
  public var instalment: RoundingMode
  /// Each period's interest.
  public var interest: RoundingMode
  /// Each period's insurance premium computed from a rate.
  public var insurance: RoundingMode

  public init(
    instalment: RoundingMode = .halfAwayFromZero, interest: RoundingMode = .halfAwayFromZero,
    insurance: RoundingMode = .halfAwayFromZero
  ) {
    self.instalment = instalment
    self.interest = interest
    self.insurance = insurance
  }

  public static let standard = LoanRounding()
}

/// Everything that defines a loan's schedule.
public struct LoanTerms: Sendable {
  /// Amount lent, in whole cents.
  public var capital: Money
  /// Nominal annual rate as a fraction (0.035 for 3,5 %); the period rate is this ÷ periods per year.
  public var annualRate: Rational
  /// Total number of periods, deferral included.
  public var periods: Int
  public var kind: LoanKind
  public var periodicity: Periodicity
  public var deferral: Deferral?
  public var insurance: Insurance?
  /// Upfront fees (frais de dossier), paid when the loan is made.
  public var fees: Money
  /// Whether the insurance counts in the TAEG (it does when the lender requires it).
  public var insuranceInAPR: Bool
  public var rounding: LoanRounding

  public init(
    capital: Money, annualRate: Rational, periods: Int, kind: LoanKind = .annuity,
    periodicity: Periodicity = .monthly, deferral: Deferral? = nil, insurance: Insurance? = nil,
    fees: Money = .zero, insuranceInAPR: Bool = true, rounding: LoanRounding = .standard
  ) {
    self.capital = capital
    self.annualRate = annualRate
    self.periods = periods
    self.kind = kind
    self.periodicity = periodicity
    self.deferral = deferral
    self.insurance = insurance
    self.fees = fees
    self.insuranceInAPR = insuranceInAPR
    self.rounding = rounding
  }

  /// Largest number of periods accepted (50 years of months).
  public static let maximumPeriods = 600
  /// Largest capital accepted, in euros (also the largest fees and premium).
  public static let maximumCapitalEuros = 1_000_000_000
  /// Largest annual rate accepted: 10 000 % (a fraction of 100).
  public static let maximumRate = Rational(100)

  static let minusOne = Rational(-1)

  /// The rate of one period: annual rate ÷ periods per year (proportional rate).
  public var periodRate: Rational { annualRate / Rational(periodicity.periodsPerYear) }

  /// Checks the terms; the error names the field in French.
  public func validate() throws(LoanError) {
    guard capital.value.sign > 0 else { throw .invalid(field: "capital", "le capital doit être positif") }
    guard capital.exactCents != nil else {
      throw .invalid(field: "capital", "le capital doit être un nombre entier de centimes")
    }
    guard capital.exactCents! <= LoanTerms.maximumCapitalEuros * 100 else {
      throw .invalid(field: "capital", "le capital dépasse 1 000 000 000 €")
    }
    guard (1...LoanTerms.maximumPeriods).contains(periods) else {
      throw .invalid(field: "duree", "la durée doit être comprise entre 1 et \(LoanTerms.maximumPeriods) périodes")
    }
    guard annualRate > LoanTerms.minusOne else {
      throw .invalid(field: "taux", "le taux doit être supérieur à −100 %")
    }
    guard annualRate <= LoanTerms.maximumRate, annualRate.magnitudeIsReasonable else {
      throw .invalid(field: "taux", "taux hors de portée : au plus 10 000 % par an, 10 décimales")
    }
    if let d = deferral {
      guard d.periods >= 0, d.periods < periods else {
        throw .invalid(field: "differe", "le différé doit être inférieur à la durée (\(periods) périodes)")
      }
    }
    guard !fees.isNegative, fees.exactCents != nil else {
      throw .invalid(field: "frais", "les frais doivent être un montant positif ou nul, en centimes entiers")
    }
    guard fees.exactCents! <= LoanTerms.maximumCapitalEuros * 100 else {
      throw .invalid(field: "frais", "les frais dépassent 1 000 000 000 €")
    }
    switch insurance {
    case .rate(let r, _):
      guard !r.isNegative else { throw .invalid(field: "assurance", "le taux d'assurance doit être positif ou nul") }
      guard r <= LoanTerms.maximumRate, r.magnitudeIsReasonable else {
        throw .invalid(field: "assurance", "taux d'assurance hors de portée : au plus 10 000 % par an, 10 décimales")
      }
    case .premium(let p):
      guard !p.isNegative, p.exactCents != nil else {
        throw .invalid(field: "assurance", "la prime d'assurance doit être un montant positif, en centimes entiers")
      }
      guard p.exactCents! <= LoanTerms.maximumCapitalEuros * 100 else {
        throw .invalid(field: "assurance", "la prime d'assurance dépasse 1 000 000 000 €")
      }
    case nil: break
    }
  }
}

/// A loan that cannot be scheduled, with the field at fault.
public enum LoanError: Error, Sendable, Equatable, CustomStringConvertible {
  case invalid(field: String, String)

  /// Amounts beyond what the calculation can hold (a total deferral at a very high rate, a
  /// huge premium): a clean error, never a trap.
  public static let outOfRange = LoanError.invalid(
    field: "montants", "hors de portée du calcul : les montants de cet échéancier dépassent les limites de l'outil")

  public var field: String {
    switch self {
    case .invalid(let f, _): f
    }
  }

  public var description: String {
    switch self {
    case .invalid(let f, let m): "\(f) : \(m)"
    }
  }
}
