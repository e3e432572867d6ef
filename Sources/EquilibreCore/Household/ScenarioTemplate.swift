/// The commented scenario written by `equilibre nouveau`; it parses as a valid scenario.
public enum ScenarioTemplate {
  public static var text: String { String(decoding: PackageResources.nouveau_scenario_yaml, as: UTF8.self) }
}
