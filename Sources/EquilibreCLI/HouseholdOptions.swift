import ArgumentParser
import EquilibreCore
import Foundation

/// Options shared by the commands that read a household scenario.
struct HouseholdOptions: ParsableArguments {
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
  func loadCase() throws -> LoadedCase {
    let (scenario, parameters, forfaitSet) = try load()
    func policy(_ option: String?, _ setting: String?) throws -> ParameterSet? {
      guard let path = option ?? setting.map(relativeToScenario) else { return nil }
      return try loadParameterFile(path)
    }
    return LoadedCase(
      scenario: scenario, parameters: parameters, forfaits: forfaitSet,
      alPolicy: try policy(politiqueAL, scenario.settings.actionLogementPolicyFile),
      fsl: try policy(fsl, scenario.settings.fslFile))
  }

  func relativeToScenario(_ f: String) -> String {
    ScenarioFile.path(f, relativeTo: scenario)
  }

  /// The scenario, the parameters and the forfaits, or a French error.
  func load() throws -> (Scenario, ParameterSet, ParameterSet?) {
    var scenario = try loadScenario(scenario)
    if let d = date {
      guard let parsed = CivilDate(d) else { throw CLIError.usage("--date : date invalide « \(d) » (AAAA-MM-JJ)") }
      scenario.date = parsed
    }
    let parameters = try loadParameters(parametres)
    var forfaitsPath = forfaits
    if forfaitsPath == nil, let f = scenario.settings.forfaitsFile { forfaitsPath = relativeToScenario(f) }
    let forfaitSet = try forfaitsPath.map { try loadParameterFile($0) }
    return (scenario, parameters, forfaitSet)
  }
}

/// A scenario with its parameters and local policies.
struct LoadedCase {
  let scenario: Scenario
  let parameters: ParameterSet
  let forfaits: ParameterSet?
  let alPolicy: ParameterSet?
  let fsl: ParameterSet?

  func aids(_ s: Scenario? = nil) throws -> AidAssessment {
    try compute { () throws(ParameterError) in
      try AidAssessment(scenario: s ?? scenario, parameters: parameters, alPolicy: alPolicy, fsl: fsl, forfaits: forfaits)
    }
  }
}

func loadScenario(_ path: String) throws -> Scenario {
  guard FileManager.default.isReadableFile(atPath: path) else {
    throw CLIError(message: "\(path) : fichier introuvable ou illisible", code: CLIError.noInput)
  }
  do {
    return try ScenarioFile.load(path: path)
  } catch {
    throw CLIError(message: diagnosticsText(error), code: CLIError.data)
  }
}

func loadParameterFile(_ path: String) throws -> ParameterSet {
  guard let data = FileManager.default.contents(atPath: path) else {
    throw CLIError(message: "\(path) : fichier introuvable ou illisible", code: CLIError.noInput)
  }
  do {
    return try ParameterFile.parse(String(decoding: data, as: UTF8.self), file: path)
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
func diagnosticsText(_ d: Diagnostics) -> String {
  d.items.map(\.description).joined(separator: "\nequilibre : erreur : ")
}

/// Runs an engine; a missing parameter becomes a data error.
func compute<T>(_ body: () throws(ParameterError) -> T) throws -> T {
  do { return try body() } catch { throw CLIError.data(error.description) }
}

func explanationText(_ explanations: [Explanation]) -> String {
  "\nExplications\n" + explanations.flatMap(\.frenchLines).map { "  " + $0 }.joined(separator: "\n") + "\n"
}

func figuresJSON(_ figures: [(String, Figure?)]) -> [(String, JSON)] {
  figures.map { ($0.0, $0.1.map { JSON.string($0.plain) } ?? .null) }
}

func explanationJSON(_ explanations: [Explanation]) -> JSON {
  .array(
    explanations.map { e in
      .object([
        ("chiffre", .string(e.figure)), ("valeur", .string(e.value)), ("formule", .string(e.formula)),
        ("donnees", .array(e.inputs.map(JSON.string))),
        (
          "parametres",
          .array(
            e.parameters.map { p in
              .object([
                ("cle", .string(p.key)), ("valeur", .string(p.value.french)), ("depuis", .string(p.from.description)),
                ("reference", p.reference.map(JSON.string) ?? .null), ("source", p.source.map(JSON.string) ?? .null),
                ("avertissements", .array(p.warnings.map(JSON.string))),
              ])
            })
        ),
        ("notes", .array(e.notes.map(JSON.string))),
      ])
    })
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
