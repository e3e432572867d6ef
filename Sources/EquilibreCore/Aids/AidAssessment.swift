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
    // A rule whose parameters are unknown on the date is « à vérifier » with the reason; the
    // other aids still compute.
    let asd = Self.guarded(.asd, s.date) { () throws(ParameterError) in try ASDRule.evaluate(s, parameters) }
    var results = [asd]
    do {
      results += try ActionLogementAids.evaluate(
        s, asd: asd, policy: alPolicy ?? AidAssessment.examplePolicy, parameters: parameters, budget: budget, capacity: capacity)
    } catch {
      for id in [
        AidID.alPretRefinancement, .alPretAcces, .alSubventionAcces, .alPretCharges, .alSubventionCharges, .alSubventionHebergement,
      ] {
        results.append(Self.unknownRule(id, s.date, error))
      }
    }
    results.append(Self.guarded(.visale, s.date) { () throws(ParameterError) in try VisaleRule.evaluate(s, parameters, budget: budget) })
    results.append(Self.guarded(.locapass, s.date) { () throws(ParameterError) in try LocaPassRule.evaluate(s, parameters) })
    results.append(Self.guarded(.mobiliJeune, s.date) { () throws(ParameterError) in try MobiliJeuneRule.evaluate(s, parameters) })
    results.append(Self.guarded(.fsl, s.date) { () throws(ParameterError) in try FSLRule.evaluate(s, policy: fsl, budget: budget) })
    self.results = results
    orientations = OrientationRules.suggest(s, asd: asd)
  }

  public func result(_ id: AidID) -> AidResult? { results.first { $0.id == id } }

  static func guarded(_ id: AidID, _ date: CivilDate, _ body: () throws(ParameterError) -> AidResult) -> AidResult {
    do { return try body() } catch { return unknownRule(id, date, error) }
  }

  /// An aid whose rule has no parameters on the date: to check, with the reason.
  static func unknownRule(_ id: AidID, _ date: CivilDate, _ error: ParameterError) -> AidResult {
    AidResult(
      id: id, status: .aVerifier, reasons: ["? règle non évaluable au \(date.french) : \(error.description)"],
      missing: ["les conditions de l'aide en vigueur au \(date.french)"], amount: nil, amountLabel: nil, details: [], schedule: nil,
      warnings: ["règle non évaluable à cette date : \(error.description)"], parameters: [])
  }
}
