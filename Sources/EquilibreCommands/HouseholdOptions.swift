import ArgumentParser
import EquilibreCore
import Foundation

/// Options shared by the commands that read a household scenario.
package struct HouseholdOptions: ParsableArguments {
  package init() {}
  @Argument(help: "Fichier de scénario du ménage (YAML).")
  var scenario: String

  @Option(help: "Date de la situation (AAAA-MM-JJ), à la place de celle du scénario.")
  var date: String?

  @Option(help: "Fichier de paramètres qui ajoute ou remplace des valeurs datées (répétable).")
  var parametres: [String] = []

  @Option(help: "Fichier des forfaits de la commission (budget vie courante), à la place de celui du scénario.")
  var forfaits: String?

  @Option(name: .customLong("politique-al"), help: "Politique locale des aides Action Logement (montants, taux, seuils de l'agence).")
  var politiqueAL: String?

  @Option(help: "Règlement du FSL du département (fichier de politique).")
  var fsl: String?

  @Option(help: "Format de sortie : texte ou json.")
  var format: String = "texte"

  @Flag(help: "Expliquer chaque chiffre : formule, données, paramètres avec leurs dates et leurs sources.")
  var explique = false

  enum Format: String, CaseIterable { case texte, json }

  func outputFormat() throws -> Format { try choice(format, option: "--format", Format.self) }

  /// The scenario and every file it needs, or a French error.
  package func loadCase() throws -> LoadedCase {
    let (scenario, parameters, forfaitSet) = try load()
    return LoadedCase(
      scenario: scenario, parameters: parameters, forfaits: forfaitSet,
      alPolicy: try policy(politiqueAL, .actionLogementPolicy, of: scenario),
      fsl: try policy(fsl, .fsl, of: scenario))
  }

  /// The file given as an option, else the one the scenario names.
  func policy(_ option: String?, _ named: ScenarioFile.NamedFile, of scenario: Scenario) throws -> ParameterSet? {
    if let path = option { return try loadParameterFile(path) }
    do { return try ScenarioFile.loadNamed(named, of: scenario) } catch {
      throw CLIError.data(diagnosticsText(error))
    }
  }

  /// The scenario, the parameters and the forfaits, or a French error.
  func load() throws -> (Scenario, ParameterSet, ParameterSet?) {
    var scenario = try loadScenario(scenario)
    if let d = date { scenario.date = try dateOption(d, option: "--date") }
    let parameters = try loadParameters(parametres)
    return (scenario, parameters, try policy(forfaits, .forfaits, of: scenario))
  }
}

/// A date given as an option, within the years a scenario accepts.
package func dateOption(_ text: String, option: String) throws -> CivilDate {
  guard let parsed = CivilDate(text) else {
    throw CLIError.usage("\(option) : date invalide « \(text.excerpt) » (AAAA-MM-JJ ou JJ/MM/AAAA)")
  }
  guard CivilDate.inputYears.contains(parsed.year) else {
    throw CLIError.usage(
      "\(option) : date hors de portée « \(text.excerpt) » (années \(CivilDate.inputYears.lowerBound) à \(CivilDate.inputYears.upperBound))"
    )
  }
  return parsed
}

/// A scenario with its parameters and local policies.
package struct LoadedCase {
  package let scenario: Scenario
  package let parameters: ParameterSet
  package let forfaits: ParameterSet?
  package let alPolicy: ParameterSet?
  package let fsl: ParameterSet?

  func aids(_ s: Scenario? = nil) throws -> AidAssessment {
    try compute { () throws(ParameterError) in
      try AidAssessment(scenario: s ?? scenario, parameters: parameters, alPolicy: alPolicy, fsl: fsl, forfaits: forfaits)
    }
  }
}

func loadScenario(_ path: String) throws -> Scenario {
  let text = try readInputText(path)
  do {
    return try ScenarioFile.parse(text, file: path)
  } catch {
    throw CLIError(message: diagnosticsText(error), code: CLIError.data)
  }
}

func loadParameterFile(_ path: String) throws -> ParameterSet {
  let text = try readInputText(path)
  do {
    return try ParameterFile.parse(text, file: path)
  } catch {
    throw CLIError(message: diagnosticsText(error), code: CLIError.data)
  }
}

/// National parameters plus the user's files, in order.
func loadParameters(_ paths: [String]) throws -> ParameterSet {
  var set = ParameterSet.national
  for p in paths { set.merge(try loadParameterFile(p)) }
  return set
}

/// Several diagnostics, one per line, each prefixed like any error line.
package func diagnosticsText(_ d: Diagnostics) -> String {
  d.items.map(\.description).joined(separator: "\nequilibre : erreur : ")
}

/// Runs an engine; a missing parameter becomes a data error.
package func compute<T>(_ body: () throws(ParameterError) -> T) throws -> T {
  do { return try body() } catch { throw CLIError.data(error.description) }
}

func explanationText(_ explanations: [Explanation]) -> String {
  "\nExplications\n" + explanations.flatMap(\.frenchLines).map { "  " + $0 }.joined(separator: "\n") + "\n"
}

func figuresJSON(_ figures: [(String, Figure?)]) -> [(String, JSONValue)] {
  figures.map { ($0.0, $0.1.map { JSONValue.string($0.plain) } ?? .null) }
}

func explanationJSON(_ explanations: [Explanation]) -> JSONValue {
  .array(
    explanations.map { e in
      .object([
        ("chiffre", .string(e.figure)), ("valeur", .string(e.value)), ("formule", .string(e.formula)),
        ("donnees", .array(e.inputs.map(JSONValue.string))),
        (
          "parametres",
          .array(
            e.parameters.map { p in
              .object([
                ("cle", .string(p.key)), ("valeur", .string(p.value.french)), ("depuis", .string(p.from.description)),
                ("reference", p.reference.map(JSONValue.string) ?? .null), ("source", p.source.map(JSONValue.string) ?? .null),
                ("avertissements", .array(p.warnings.map(JSONValue.string))),
              ])
            })
        ),
        ("notes", .array(e.notes.map(JSONValue.string))),
      ])
    })
}

/// `--strict`: a figure that rests on a provisional value (a gap in the parameters, the last
/// known value standing in) ends the command in error, after its output.
func enforceStrict(_ explanations: [Explanation]) throws {
  let provisional = explanations.flatMap(\.parameters).filter { $0.gapSince != nil }
  guard let first = provisional.first else { return }
  let keys = Array(Set(provisional.map(\.key))).sorted().joined(separator: ", ")
  throw CLIError.missingParameter(
    "--strict : valeur provisoire (\(keys)) : aucune valeur connue depuis le \(first.gapSince!.french) ; importez-la avec equilibre parametres importer"
  )
}

/// Parameter warnings of a set of explanations, without repeats.
func parameterWarnings(_ explanations: [Explanation]) -> [String] {
  var seen = Set<String>()
  var out: [String] = []
  for p in explanations.flatMap(\.parameters) where !p.warnings.isEmpty {
    let line = "\(p.description) (\(p.key), depuis le \(p.from.french)) : \(p.warnings.joined(separator: " ; "))"
    if seen.insert(line).inserted { out.append(line) }
  }
  return out
}
