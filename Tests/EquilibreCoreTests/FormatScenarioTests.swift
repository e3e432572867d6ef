import Foundation
import Testing

@testable import EquilibreCore

/// `docs/format-scenario.md` is generated from a recorded parse of
/// `docs/format-scenario-exemple.yaml`: every key the parser accepts must be in the example
/// file and described, and the page must match the generated text.
@Suite("Format du scénario : page générée depuis le code")
struct FormatScenarioTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  @Test("Chaque clé acceptée est dans l'exemple complet, décrite, et la page est à jour")
  func referenceIsCurrent() throws {
    let example = Self.root.appendingPathComponent("docs/format-scenario-exemple.yaml")
    let text = try String(contentsOf: example, encoding: .utf8)
    let recorder = FieldRecorder()
    _ = try ScenarioFile.parse(text, file: "format-scenario-exemple.yaml", recorder: recorder)
    let missing = ScenarioReference.missing(recorder)
    #expect(missing.isEmpty, "clés acceptées par le lecteur mais absentes de format-scenario-exemple.yaml : \(missing)")
    let undescribed = ScenarioReference.undescribed(recorder)
    #expect(undescribed.isEmpty, "champs sans description dans ScenarioReference.descriptions : \(undescribed)")
    let generated = ScenarioReference.markdown(recorder)
    let page = Self.root.appendingPathComponent("docs/format-scenario.md")
    if ProcessInfo.processInfo.environment["EQUILIBRE_REGENERER_DOCS"] == "1" {
      try generated.write(to: page, atomically: true, encoding: .utf8)
    }
    let current = (try? String(contentsOf: page, encoding: .utf8)) ?? ""
    #expect(
      current == generated, "docs/format-scenario.md n'est plus à jour : EQUILIBRE_REGENERER_DOCS=1 swift test --filter FormatScenarioTests"
    )
  }
}
