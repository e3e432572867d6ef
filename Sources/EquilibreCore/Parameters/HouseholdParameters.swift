/// Every parameter the budget and capacity engines read, resolved once for a date. Batch work
/// over many households on the same date resolves it once and passes it to each engine.
public struct HouseholdParameters: Sendable {
  public let date: CivilDate
  public let seizure: SeizureScale
  public let units: ConsumptionScale
  public let rsa: RSAParameters
  /// Days in a month for the reste à vivre per day (a whole number of days).
  public let days: Int
  /// The same, as the exact divisor of the per-day figures (built once, not per household).
  public let daysPerMonth: Rational
  public let daysUse: ParameterUse
  /// Age under which a child counts as a dependant for the seizure scale.
  public let childAgeLimit: Rational
  public let childAgeUse: ParameterUse
  /// The housing aid's, the RSA's and the prime d'activité's, for ``BenefitCheck``; nil (with
  /// the reason) when missing at this date.
  public let benefits: Benefits.Parameters?
  public let benefitsGap: String?

  public init(parameters: ParameterSet = .national, on date: CivilDate) throws(ParameterError) {
    self.date = date
    do {
      benefits = try Benefits.Parameters(parameters: parameters, on: date)
      benefitsGap = nil
    } catch {
      benefits = nil
      benefitsGap = "paramètres des prestations absents au \(date.french) : \(error.description)"
    }
    seizure = try SeizureScale(parameters: parameters, on: date)
    units = try ConsumptionScale(parameters: parameters, on: date)
    rsa = try RSAParameters(parameters: parameters, on: date)
    (days, daysUse) = try parameters.wholeNumber("reste_a_vivre.jours_par_mois", on: date)
    guard days > 0 else { throw .wrongType("reste_a_vivre.jours_par_mois", expected: "un nombre de jours positif") }
    daysPerMonth = Rational(days)
    (childAgeLimit, childAgeUse) = try parameters.number("saisie.age_limite_enfant_a_charge", on: date)
  }
}

/// The RSA amounts and majorations of R262-1 in force on a date.
public struct RSAParameters: Sendable {
  public let base: Rational
  public let secondPerson: Rational
  public let furtherPerson: Rational
  public let fromThirdChild: Rational
  /// Under this age a dependant counts for the 40 % rule.
  public let youngAgeLimit: Rational
  /// `global` or `par-majoration`.
  public let rounding: String
  public let baseUse: ParameterUse
  public let uses: [ParameterUse]

  public init(parameters: ParameterSet, on date: CivilDate) throws(ParameterError) {
    let (b, ub) = try parameters.number("rsa.montant_forfaitaire", on: date)
    let (second, u2) = try parameters.number("rsa.majoration.deuxieme_personne", on: date)
    let (further, u3) = try parameters.number("rsa.majoration.personne_supplementaire", on: date)
    let (third, u4) = try parameters.number("rsa.majoration.a_partir_du_troisieme_enfant", on: date)
    let (age, u5) = try parameters.number("rsa.age_limite_personne_a_charge", on: date)
    let (mode, u6) = try parameters.text("reglage.rsa_arrondi", on: date)
    base = b
    secondPerson = second
    furtherPerson = further
    fromThirdChild = third
    youngAgeLimit = age
    rounding = mode
    baseUse = ub
    uses = [ub, u2, u3, u4, u5, u6]
  }
}
