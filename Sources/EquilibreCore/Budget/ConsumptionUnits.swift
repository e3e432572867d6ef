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
    pivotAge = d.intComponents?.numerator ?? 14
    uses = [ua, ub, uc, ud]
  }

  /// The household's UC; the demandeur (or the oldest member) is the first person.
  public func units(ages: [Int]) -> Rational {
    guard !ages.isEmpty else { return .zero }
    var total = first
    for age in ages.dropFirst() { total += age >= pivotAge ? olderPerson : youngChild }
    return total
  }
}
