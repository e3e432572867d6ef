/// How the capacity is shared among the creditors that are not landlords.
public enum PlanAllocation: String, CaseIterable, Sendable {
  /// In proportion to what each is still owed (default).
  case prorata
  /// In the order the debts are declared.
  case ordre
}

/// The settings of a plan, each with its default.
public struct PlanSettings: Sendable {
  /// Maximum total duration in months, earlier plans included; nil: the parameter
  /// `plan.duree_max_mois` in force (L732-3, L733-3: 7 years).
  public var maxMonths: Int?
  /// Annual interest rate on rescheduled debts (0 % by default, as commissions commonly decide).
  public var annualRate: Rational = .zero
  public var allocation: PlanAllocation = .prorata
  /// No creditor is paid less than this in a month, except a payment that clears its debt
  /// (no « mensualités de contact »); nil: the parameter `plan.versement_minimal` in force.
  public var minimumPayment: Money?
  /// Longest suspension of payments; nil: the parameter `plan.moratoire_max_mois` in force
  /// (L733-1 4°: 2 years).
  public var maxMoratoireMonths: Int?
  /// Which column of the legal interest rate caps the plan's rate.
  public var legalRateColumn: LegalRateColumn = .autresCas
  /// The legal rate in force, given by the counsellor (a fraction: 0,0667 for 6,67 %) when the
  /// tool does not know it yet; nil: the dated parameter.
  public var givenLegalRate: Rational?
  /// What the plan does with the loan of the main residence (``HomeLoan``): its arrears only by
  /// default; never erased.
  public var homeLoan: HomeLoanTreatment = .arrieres

  public init() {}
}

/// The two columns of the taux de l'intérêt légal.
public enum LegalRateColumn: String, CaseIterable, Sendable {
  case particuliers
  case autresCas = "autres-cas"

  var parameterKey: String { self == .particuliers ? "interet_legal.particuliers" : "interet_legal.autres_cas" }
}

public enum PlanError: Error, Sendable, Equatable, CustomStringConvertible {
  case rateAboveLegal(rate: Rational, legal: Rational, column: String)
  case noDebts
  case durationUsed(earlier: Int, max: Int)
  /// The legal rate in force is not known to the tool (a gap in the parameters).
  case legalRateUnknown(String)
  /// The minimum payment is not a whole number of cents (or is negative).
  case minimumPaymentNotInCents(Money)
  /// A limit of the plan (duration, moratoire, minimum payment) is missing from the parameters.
  case limitUnknown(String)

  public var description: String {
    switch self {
    case .rateAboveLegal(let r, let l, let c):
      "le taux du plan (\(r.frenchPercent())) dépasse le taux de l'intérêt légal en vigueur (\(l.frenchPercent()), colonne « \(c) ») : L733-1 3°"
    case .noDebts: "le scénario ne déclare aucune dette"
    case .durationUsed(let e, let m): "les plans antérieurs (\(e) mois) épuisent déjà la durée maximale de \(m) mois"
    case .minimumPaymentNotInCents(let m): "le versement minimal par créancier (\(m.french)) doit être un montant positif au centime près"
    case .limitUnknown(let why): "limite du plan inconnue : \(why)"
    case .legalRateUnknown(let why):
      "un plan avec intérêts doit respecter le taux de l'intérêt légal (L733-1 3°), inconnu à cette date : \(why)"
    }
  }
}
