/// Every aid of a scenario, with the accompaniment measures to consider.
public struct AidAssessment: Sendable {
  public let results: [AidResult]
  public let orientations: [Orientation]

  /// The example Action Logement policy compiled into the tool (values to be confirmed).
  public static let examplePolicy: ParameterSet = {
    (try? ParameterFile.parse(
      String(decoding: PackageResources.action_logement_exemple_yaml, as: UTF8.self), file: "action-logement-exemple.yaml"))
      ?? ParameterSet()
  }()

  /// The text of the example policy, to copy and adapt.
  public static var examplePolicyText: String { String(decoding: PackageResources.action_logement_exemple_yaml, as: UTF8.self) }

  /// - Parameters:
  ///   - alPolicy: the agency's Action Logement policy (the example when nil).
  ///   - fsl: the département's FSL policy (a shipped example when nil and one exists).
  public init(
    scenario s: Scenario, parameters: ParameterSet = .national, alPolicy: ParameterSet? = nil, fsl: ParameterSet? = nil,
    forfaits: ParameterSet? = nil
  ) throws(ParameterError) {
    let resolved = try HouseholdParameters(parameters: parameters, on: s.date)
    let budget = Budget(scenario: s, resolved: resolved)
    let capacity = try? RepaymentCapacity(scenario: s, resolved: resolved, forfaits: forfaits)
    let asd = try ASDRule.evaluate(s, parameters)
    var results = [asd]
    results += try ActionLogementAids.evaluate(
      s, asd: asd, policy: alPolicy ?? AidAssessment.examplePolicy, parameters: parameters, budget: budget, capacity: capacity)
    results.append(try VisaleRule.evaluate(s, parameters, budget: budget))
    results.append(try LocaPassRule.evaluate(s, parameters))
    results.append(try MobiliJeuneRule.evaluate(s, parameters))
    results.append(try FSLRule.evaluate(s, policy: fsl, budget: budget))
    self.results = results
    orientations = OrientationRules.suggest(s, asd: asd)
  }

  public func result(_ id: AidID) -> AidResult? { results.first { $0.id == id } }
}
