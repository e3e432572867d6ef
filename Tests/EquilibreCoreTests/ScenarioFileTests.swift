import Foundation
import Testing

@testable import EquilibreCore

/// Every `Scenarios/*.yaml` file, so that an agency's own cases run with `swift test`.
let scenarioFiles: [String] = {
  let dir = packageRoot.appendingPathComponent("Scenarios")
  let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
  return names.filter { $0.hasSuffix(".yaml") }.sorted()
}()

/// Loads a scenario and the forfait file it names.
func loadScenarioWithForfaits(_ name: String) throws -> (Scenario, ParameterSet?) {
  let path = packageRoot.appendingPathComponent("Scenarios").appendingPathComponent(name).path
  let scenario = try ScenarioFile.load(path: path)
  let forfaits = try scenario.settings.forfaitsFile.map { f in
    try ParameterFile.parse(
      String(decoding: try readPackageFile("Scenarios/" + f), as: UTF8.self), file: f)
  }
  return (scenario, forfaits)
}

@Suite("Scénarios du dossier Scenarios/")
struct ScenarioLibraryTests {
  @Test("Au moins six scénarios, chacun avec des chiffres attendus")
  func library() throws {
    #expect(scenarioFiles.count >= 6)
    for name in scenarioFiles {
      let (s, _) = try loadScenarioWithForfaits(name)
      #expect(!s.expected.isEmpty, "\(name) n'a pas de section attendu:")
    }
  }

  @Test("Chiffres attendus retrouvés", arguments: scenarioFiles)
  func expectedFigures(name: String) throws {
    let (scenario, forfaits) = try loadScenarioWithForfaits(name)
    let figures = try HouseholdFigures(scenario: scenario, forfaits: forfaits)
    for (e, got) in figures.mismatches(scenario.expected) {
      Issue.record("\(name):\(e.line) : \(e.key) attendu \(e.text), calculé \(got)")
    }
  }

  @Test("Le modèle d'« equilibre nouveau » est un scénario valide")
  func template() throws {
    let s = try ScenarioFile.parse(ScenarioTemplate.text, file: "nouveau.yaml")
    #expect(s.members.count == 2)
    #expect(s.debts.count == 1)
    _ = try HouseholdFigures(scenario: s)
  }
}

@Suite("Erreurs de saisie des scénarios")
struct ScenarioErrorTests {
  let valid = """
    date: 2026-11-01
    menage:
      - {prenom: Ana, role: demandeur, naissance: 1990-01-01}
    ressources:
      - {type: salaire, montant: "1 234,56", personne: Ana}
    """

  @Test("Toutes les erreurs d'un fichier, avec ligne, colonne, champ et suggestion")
  func allErrorsAtOnce() {
    let text = """
      date: 2026-02-30
      menage:
        - prenom: Ana
          role: demandeuse
          naissance: 1990-01-01
      logement:
        statut: locataire-prive
        loyr: 500
      ressources:
        - type: salaire
          montant: -100
          personne: Anna
      charges:
        - type: energie
          montant: douze
      """
    do {
      _ = try ScenarioFile.parse(text, file: "cas.yaml")
      Issue.record("erreurs attendues")
    } catch {
      let lines = error.items.map(\.description)
      #expect(lines.count == 6)
      #expect(lines[0] == "cas.yaml:1:7 : date : date invalide ou impossible « 2026-02-30 » (attendu AAAA-MM-JJ ou JJ/MM/AAAA)")
      #expect(
        lines[1].hasPrefix(
          "cas.yaml:4:11 : menage[1].role : « demandeuse » n'est pas une valeur possible ; vouliez-vous dire « demandeur » ?"))
      #expect(lines[2] == "cas.yaml:8:3 : logement.loyr : clé inconnue « loyr » ; vouliez-vous dire « loyer » ?")
      #expect(lines[3].hasPrefix("cas.yaml:11:14 : ressources[1].montant : le montant ne peut pas être négatif"))
      // Ana is not a member (her role is wrong), so no suggestion can name her.
      #expect(lines[4].hasPrefix("cas.yaml:12:15 : ressources[1].personne : personne inconnue « Anna »"))
      #expect(lines[5].hasPrefix("cas.yaml:15:14 : charges[1].montant : « douze » n'est pas un nombre valide"))
    }
  }

  @Test("Montants à la française")
  func frenchAmounts() throws {
    let s = try ScenarioFile.parse(valid, file: "ok.yaml")
    #expect(s.resources[0].amount == Money(cents: 123_456))
    #expect(s.resources[0].person == 0)
  }

  @Test(
    "Cas refusés",
    arguments: [
      ("date: 2026-11-01\nmenage: []\n", "au moins une personne"),
      ("date: 2026-11-01\nmenage:\n  - {role: enfant, naissance: 2020-01-01}\n", "exactement un demandeur"),
      ("menage:\n  - {role: demandeur, naissance: 1990-01-01}\n", "champ obligatoire « date »"),
      ("date: 2026-11-01\nmenage:\n  - {role: demandeur, naissance: 2030-01-01}\n", "postérieure"),
      (
        "date: 2026-11-01\nmenage:\n  - {role: demandeur, naissance: 1990-01-01}\ndettes:\n  - {creancier: X, nature: pret-personnel, restant_du: 100, impayes: 200}\n",
        "dépassent le restant dû"
      ),
      (
        "date: 2026-11-01\nmenage:\n  - {role: demandeur, naissance: 1990-01-01}\ncharges:\n  - {type: energie, montant: 1,5}\n",
        "entre guillemets"
      ),
      ("date: 2026-11-01\nmenage: [\n", "YAML mal formé"),
      ("", "vide"),
      ("- 1\n- 2\n", "une section"),
    ])
  func rejected(text: String, fragment: String) {
    do {
      _ = try ScenarioFile.parse(text, file: "x.yaml")
      Issue.record("erreur attendue pour : \(text)")
    } catch {
      #expect(error.description.contains(fragment), "\(error.description)")
      #expect(error.items.allSatisfy { $0.line >= 1 && $0.column >= 1 && $0.file == "x.yaml" })
    }
  }
}

/// Mutated scenario files: every mutation must end in a clean French error or a valid result.
@Suite("Fuzz : fichiers de scénario altérés")
struct ScenarioFuzzTests {

  static let garbage = [
    "", "-", ":", "{", "}", "[", "]", "\"", "'", "&a", "*a", "!!binary", "~", "null", "-1", "1e400", "99999999999999999999",
    "2026-02-29", "0000-00-00", "é", "\t", "  ", "\u{00A0}", "1 234,567", "1.234,56", "%", "€", "<script>", "montant: x",
    "role: enfant", "- type: autre", "?", "|", ">", "#", "@", "`",
  ]

  static func mutate(_ text: String, _ rng: inout SplitMix) -> String {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard !lines.isEmpty else { return text }
    let i = Int.random(in: 0..<lines.count, using: &rng)
    switch Int.random(in: 0..<9, using: &rng) {
    case 0: lines.remove(at: i)
    case 1: lines.insert(lines[i], at: i)
    case 2: lines[i] = "  " + lines[i]
    case 3: lines[i] = String(lines[i].dropFirst(min(2, lines[i].count)))
    case 4: lines[i] += " " + garbage.randomElement(using: &rng)!
    case 5:
      if let colon = lines[i].firstIndex(of: ":") {
        lines[i] = String(lines[i][...colon]) + " " + garbage.randomElement(using: &rng)!
      }
    case 6:
      var chars = Array(lines[i])
      if !chars.isEmpty { chars[Int.random(in: 0..<chars.count, using: &rng)] = garbage.randomElement(using: &rng)!.first ?? "x" }
      lines[i] = String(chars)
    case 7: lines = Array(lines.prefix(i))
    default: lines.swapAt(i, Int.random(in: 0..<lines.count, using: &rng))
    }
    return lines.joined(separator: "\n")
  }

  @Test("Des centaines de mutations : une erreur française propre ou un calcul, jamais un plantage", arguments: scenarioFiles)
  func mutations(name: String) throws {
    let original = String(decoding: try readPackageFile("Scenarios/" + name), as: UTF8.self)
    var rng = SplitMix(seed: UInt64(truncatingIfNeeded: name.utf8.reduce(5381) { ($0 << 5) &+ $0 &+ Int($1) }))
    var failures = 0
    for round in 0..<120 {
      var text = original
      for _ in 0...(round % 4) { text = Self.mutate(text, &rng) }
      do {
        let s = try ScenarioFile.parse(text, file: name)
        // A valid mutation must also compute (or give a parameter error), not crash.
        _ = try? HouseholdFigures(scenario: s)
      } catch {
        failures += 1
        #expect(!error.items.isEmpty)
        for d in error.items {
          #expect(d.file == name && d.line >= 1 && d.column >= 1)
          #expect(!d.message.isEmpty && !d.message.contains("Swift") && !d.message.contains("Optional("), "\(d)")
        }
      }
    }
    #expect(failures > 20)
  }
}
