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
    self.init(hasPartner: hasPartner, dependants: dependants, rsa: try RSAParameters(parameters: parameters, on: date))
  }

  public init(hasPartner: Bool, dependants: [(label: String, isYoung: Bool)], rsa p: RSAParameters) {
    base = Money(p.base)
    var steps: [(String, Rational)] = [("première personne", .one)]
    var persons = 1
    var young = 0
    if hasPartner {
      steps.append(("conjoint", p.secondPerson))
      persons += 1
    }
    for d in dependants {
      if d.isYoung { young += 1 }
      let rate: Rational
      if persons == 1 {
        rate = p.secondPerson
      } else if d.isYoung && young >= 3 {
        rate = p.fromThirdChild
      } else {
        rate = p.furtherPerson
      }
      steps.append((d.label, rate))
      persons += 1
    }
    self.steps = steps
    multiplier = steps.map(\.1).reduce(.zero, +)
    if p.rounding == "par-majoration" {
      rounding = "par-majoration"
      amount = steps.map { Money(p.base * $0.1).roundedToCents(.halfAwayFromZero) }.sum()
    } else {
      rounding = "global"
      amount = Money(p.base * multiplier).roundedToCents(.halfAwayFromZero)
    }
    uses = p.uses
  }
}
