import Foundation
import PropertyBased
import Testing

@testable import EquilibreCore

/// The scenario YAML is the interchange format between the CLI, the store and the web
/// workspace: writing a scenario and reading it back must lose nothing.
@Suite("Écriture des scénarios : aller-retour sans perte")
struct ScenarioWriterTests {
  @Test("Chaque exemple : écrire puis relire donne le même fichier et les mêmes chiffres", arguments: scenarioFiles)
  func examplesRoundTrip(name: String) throws {
    let (original, forfaits) = try loadScenarioWithForfaits(name)
    let written = ScenarioWriter.yaml(original)
    let reread = try ScenarioFile.parse(written, file: name)
    // The writer writes every field it knows: a second pass is identical.
    #expect(ScenarioWriter.yaml(reread) == written)
    // Every figure the engines compute is the same for both.
    let a = try HouseholdFigures(scenario: original, forfaits: forfaits, withAids: true)
    let b = try HouseholdFigures(scenario: reread, forfaits: forfaits, withAids: true)
    for (key, value) in a.budget.figures + a.capacity.figures {
      #expect(b.figure(key)?.plain == value?.plain, "\(name) : \(key)")
    }
    for r in a.aids!.results {
      let other = b.aids!.result(r.id)
      #expect(other?.status == r.status && other?.amount == r.amount, "\(name) : aide \(r.id.rawValue)")
    }
    #expect(reread.variants.map(\.name) == original.variants.map(\.name))
    #expect(reread.variants.map { $0.changes.map(\.french) } == original.variants.map { $0.changes.map(\.french) })
    #expect(reread.debts.map(\.creditor) == original.debts.map(\.creditor))
    #expect(reread.expected.map(\.text) == original.expected.map(\.text))
  }

  /// Characters that break naive writers: quotes, backslashes, YAML indicators, line and
  /// paragraph separators, NEL, controls, bidi overrides, noncharacters, astral characters.
  static let tricky: [UInt32] = [
    0x22, 0x27, 0x5C, 0x3A, 0x23, 0x2D, 0x7E, 0x7B, 0x5B, 0x26, 0x2A, 0x21, 0x7C, 0x3E, 0x25, 0x40, 0x60,
    0x00, 0x07, 0x08, 0x09, 0x0A, 0x0D, 0x1B, 0x7F, 0x85, 0xA0, 0x2028, 0x2029, 0x202E, 0x200F, 0xFEFF,
    0xFFFE, 0xFFFF, 0x1FFFE, 0x1F600, 0xE9, 0x20AC,
  ]

  static let scalar = Gen.int(in: 0...0x10FFFF).map { v -> Unicode.Scalar in
    Unicode.Scalar(UInt32(v)) ?? "\u{FFFD}"
  }
  static let trickyScalar = Gen.int(in: 0...(tricky.count - 1)).map { Unicode.Scalar(tricky[$0])! }

  @Test("Tout texte Unicode fait l'aller-retour (propriété, 2 000 textes)")
  func anyTextRoundTrips() async {
    await propertyCheck(count: 2000, input: Self.scalar.array(of: 0...12), Self.trickyScalar.array(of: 0...12), Gen.bool) {
      random, tricky, interleave in
      var view = String.UnicodeScalarView()
      if interleave {
        for (a, b) in zip(random, tricky) { view.append(a); view.append(b) }
      } else {
        view.append(contentsOf: tricky)
        view.append(contentsOf: random)
      }
      let text = String(view)
      let label = "x" + text  // a creditor or a first name needs a visible character
      var s = Scenario(
        date: CivilDate(year: 2026, month: 3, day: 1)!,
        members: [Member(name: label, role: .demandeur, birthDate: CivilDate(year: 1980, month: 1, day: 1)!)])
      s.notes = text
      s.summary = text
      s.resources = [Resource(type: .salaire, amount: Money(cents: 150_000), person: 0, label: text)]
      s.debts = [Debt(creditor: label, reference: text, nature: .autre, remainingDue: Money(cents: 10_000))]
      s.contact.address = text
      let yaml = ScenarioWriter.yaml(s, header: text)
      do {
        let r = try ScenarioFile.parse(yaml, file: "aller-retour.yaml")
        #expect(r.members.first?.name == label)
        #expect(r.notes == text && r.summary == text && r.contact.address == text)
        #expect(r.resources.first?.label == text && r.resources.first?.person == 0)
        #expect(r.debts.first?.creditor == label && r.debts.first?.reference == text)
      } catch {
        Issue.record("relecture impossible : \(error) — texte \(text.unicodeScalars.map { String($0.value, radix: 16) })")
      }
    }
  }
}
