/// The RSA montant forfaitaire for a household (CASF L262-2, R262-1): the one-person amount ×
/// a multiplier that grows with the household: +50 % for the second person, +30 % for each
/// further person, +40 % for each child or dependant under 25 from the third.
public struct RSAHousehold: Sendable {
  public let base: Money
  public let multiplier: Rational
  public let amount: Money
  /// One line per person counted, with its majoration.
  public let steps: [(label: String, rate: Rational)]
  public let rounding: String
  public let uses: [ParameterUse]

  /// - Parameters:
  ///   - hasPartner: a spouse, PACS partner or concubin lives in the household.
  ///   - dependants: each dependant (child or other person à charge) with `isYoung` true for a
  ///     child or a person under 25 (they count for the 40 % rule).
  public init(
    hasPartner: Bool, dependants: [(label: String, isYoung: Bool)], parameters: ParameterSet, on date: CivilDate
  ) throws(ParameterError) {
    let (b, ub) = try parameters.number("rsa.montant_forfaitaire", on: date)
    let (second, u2) = try parameters.number("rsa.majoration.deuxieme_personne", on: date)
    let (further, u3) = try parameters.number("rsa.majoration.personne_supplementaire", on: date)
    let (third, u4) = try parameters.number("rsa.majoration.a_partir_du_troisieme_enfant", on: date)
    let (mode, u5) = try parameters.text("reglage.rsa_arrondi", on: date)
    base = Money(b)
    var steps: [(String, Rational)] = [("première personne", .one)]
    var persons = 1
    var young = 0
    if hasPartner {
      steps.append(("conjoint", second))
      persons += 1
    }
    for d in dependants {
      if d.isYoung { young += 1 }
      let rate: Rational
      if persons == 1 {
        rate = second
      } else if d.isYoung && young >= 3 {
        rate = third
      } else {
        rate = further
      }
      steps.append((d.label, rate))
      persons += 1
    }
    self.steps = steps
    multiplier = steps.map(\.1).reduce(.zero, +)
    if mode == "par-majoration" {
      rounding = "par-majoration"
      amount = steps.map { Money(b * $0.1).roundedToCents(.halfAwayFromZero) }.sum()
    } else {
      rounding = "global"
      amount = Money(b * multiplier).roundedToCents(.halfAwayFromZero)
    }
    uses = [ub, u2, u3, u4, u5]
  }
}
