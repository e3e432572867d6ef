import EquilibreCases
import EquilibreCore
import EquilibreScenarios

/// A scenario typed in the browser, read by the same reader as the CLI's files and computed by
/// the same engines: the figures, or the reader's French errors.
struct ComputedScenario {
  var scenario: Scenario?
  var figures: KeyFigures?
  var household: HouseholdFigures?
  var errors: [String] = []
  /// The reader's problems with their paths (for the form).
  var diagnostics: [Diagnostic] = []

  init(text: String) {
    do {
      let s = try ScenarioFile.parse(text, file: "scénario")
      scenario = s
      // A forfait file named by an example is the one compiled into the program.
      let forfaits = s.settings.forfaitsFile.flatMap { name in ExampleScenarios.files.first { $0.name == name }?.text }
        .flatMap { try? ParameterFile.parse($0, file: s.settings.forfaitsFile!) }
      household = try HouseholdFigures(scenario: s, forfaits: forfaits, withAids: false)
      figures = try KeyFigures.compute(scenario: s, forfaits: forfaits)
    } catch let d as Diagnostics {
      diagnostics = d.items
      errors = d.items.map { "ligne \($0.line) : \($0.path.isEmpty ? "" : "\($0.path) : ")\($0.message)" }
    } catch let e as ParameterError {
      errors = [e.description]
    } catch {
      errors = ["scénario illisible"]
    }
  }

  /// The key figures as the page shows them, by key.
  var shown: [String: String] {
    guard let f = figures else { return [:] }
    var out: [String: String] = [:]
    for row in f.rows { out[row.key] = KeyFigures.french(row.value, row.kind) }
    out["terme_limitant"] = household.map { $0.capacity.bindingTerm.french } ?? ""
    return out
  }

  /// The page's data for the figures panel.
  var panel: [String: Any] {
    guard let f = figures, let h = household else { return ["a_chiffres": false] }
    return [
      "a_chiffres": true,
      "chiffres": f.rows.map { ["cle": $0.key, "libelle": $0.label, "valeur": KeyFigures.french($0.value, $0.kind)] },
      "terme_limitant": h.capacity.bindingTerm.french,
      "explications": (h.budget.explanations + h.capacity.explanations).map { e in
        ["figure": e.figure, "valeur": e.value, "lignes": Array(e.frenchLines.dropFirst()).map { $0.trimmingSpaces }] as [String: Any]
      },
    ]
  }
}
