/// Consumption units (UC) by the scale of the parameters `uc.*` (OECD-modified by default):
/// the first person 1, each other person aged `uc.age_pivot` or more 0,5, each younger child 0,3.
public struct ConsumptionScale: Sendable {
  public let first: Rational
  public let olderPerson: Rational
  public let youngChild: Rational
  public let pivotAge: Int
  public let uses: [ParameterUse]

  public init(parameters: ParameterSet, on date: CivilDate) throws(ParameterError) {
    let (a, ua) = try parameters.number("uc.premiere_personne", on: date)
    let (b, ub) = try parameters.number("uc.personne_14_ans_ou_plus", on: date)
    let (c, uc) = try parameters.number("uc.enfant_moins_14_ans", on: date)
    let (d, ud) = try parameters.number("uc.age_pivot", on: date)
    first = a
    olderPerson = b
    youngChild = c
    guard let (age, one) = d.intComponents, one == 1, age > 0 else {
      throw .wrongType("uc.age_pivot", expected: "un âge en années entières")
    }
    pivotAge = age
    uses = [ua, ub, uc, ud]
  }

  /// The scale in words, for a worksheet: « 1 pour le premier adulte, plus 0,5 par personne de
  /// 14 ans ou plus, plus 0,3 par enfant de moins de 14 ans ».
  public var french: String {
    "\(first.frenchExact()) pour le premier adulte, plus \(olderPerson.frenchExact()) par personne de \(pivotAge) ans ou plus, "
      + "plus \(youngChild.frenchExact()) par enfant de moins de \(pivotAge) ans"
  }

  /// The household's UC; the demandeur (or the oldest member) is the first person.
  public func units(ages: [Int]) -> Rational {
    guard !ages.isEmpty else { return .zero }
    var total = first
    for age in ages.dropFirst() { total += age >= pivotAge ? olderPerson : youngChild }
    return total
  }
}
