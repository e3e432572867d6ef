import Foundation
import Testing

@testable import EquilibreCore

/// The web form edits a scenario as `path = value` leaves: flattening then rebuilding must
/// give the same scenario, for every example and for the personal-data fixture.
@Suite("Scénario en chemins (formulaire web)")
struct YAMLPathsTests {
  @Test(
    "Chaque exemple : chemins puis YAML donnent le même scénario",
    arguments: scenarioFiles + ["../Tests/Fixtures/donnees-personnelles.yaml"])
  func roundTrip(_ name: String) throws {
    let text = try String(contentsOf: packageRoot.appendingPathComponent("Scenarios").appendingPathComponent(name), encoding: .utf8)
    let original = try ScenarioFile.parse(text, file: name)
    let leaves = try YAMLPaths.flatten(text)
    #expect(leaves.contains { $0.path == "menage[1].role" })
    let rebuilt = YAMLPaths.build(leaves)
    let back = try ScenarioFile.parse(rebuilt, file: name)
    #expect(ScenarioWriter.yaml(back) == ScenarioWriter.yaml(original))
    // And the leaves of the rebuilt text are the same leaves.
    #expect(try YAMLPaths.flatten(rebuilt) == leaves)
  }

  @Test("Lignes vides retirées, listes renumérotées, chemins invalides ignorés")
  func rebuild() throws {
    let leaves = [
      YAMLPaths.Leaf(path: "ressources[1].type", value: "salaire"), .init(path: "ressources[1].montant", value: "1 200"),
      .init(path: "ressources[2].type", value: ""), .init(path: "ressources[2].montant", value: " "),
      .init(path: "ressources[3].type", value: "rsa"), .init(path: "ressources[3].montant", value: "600"),
      .init(path: "notes", value: "a \"b\" \\ c\nd"), .init(path: "x..y", value: "1"), .init(path: "z[0]", value: "1"),
    ]
    let yaml = YAMLPaths.build(leaves)
    let back = try YAMLPaths.flatten(yaml)
    #expect(back.map(\.path) == ["ressources[1].type", "ressources[1].montant", "ressources[2].type", "ressources[2].montant", "notes"])
    #expect(back.last?.value == "a \"b\" \\ c\nd")
  }
}
