import Foundation
import Testing

@testable import EquilibreCore

/// Issue 28: the causes of the difficulties with their dates (`situation.evenements`), as the
/// over-indebtedness filing asks them; and a situation's variants kept beside its text.
@Suite("Causes datées et variantes gardées à côté de la situation")
struct EventTests {
  static let head = """
    date: 2026-11-01
    menage:
      - {prenom: Sophie, role: demandeur, naissance: 1988-02-03}
    ressources:
      - {type: salaire, montant: 1 000, personne: Sophie}

    """

  @Test("Un événement se donne par son nom, ou avec sa date et une précision ; l'ordre et le texte passent l'écriture et la relecture")
  func datedEvents() throws {
    let text =
      Self.head + """
        situation:
          evenements:
            - {type: separation, date: 2026-03-15, precision: "départ du conjoint, pension non versée"}
            - maladie
            - {type: perte-emploi, date: 2026-06-30}
        """
    let s = try ScenarioFile.parse(text, file: "cas.yaml")
    #expect(s.situation.events == [.separation, .maladie, .perteEmploi])
    #expect(s.situation.timeline.map(\.event) == [.separation, .maladie, .perteEmploi])
    #expect(s.situation.date(of: .separation) == CivilDate(year: 2026, month: 3, day: 15))
    #expect(s.situation.date(of: .maladie) == nil)
    #expect(s.situation.timeline[0].detail == "départ du conjoint, pension non versée")
    let again = try ScenarioFile.parse(ScenarioWriter.yaml(s), file: "relu.yaml")
    #expect(again.situation.timeline == s.situation.timeline)
    #expect(ScenarioWriter.yaml(again) == ScenarioWriter.yaml(s))
    #expect(CivilDate(year: 2026, month: 3, day: 15)!.frenchMonth == "mars 2026")
  }

  @Test("Sans date ni précision, la liste reste courte ; un événement posé par le code sans date s'écrit aussi")
  func wordsOnly() throws {
    var s = try ScenarioFile.parse(Self.head + "situation:\n  evenements: [perte-emploi, impayes-loyer]\n", file: "cas.yaml")
    #expect(ScenarioWriter.yaml(s).contains("  evenements: [perte-emploi, impayes-loyer]\n"))
    s.situation.events.insert(.maladie)
    let again = try ScenarioFile.parse(ScenarioWriter.yaml(s), file: "relu.yaml")
    #expect(again.situation.events == [.perteEmploi, .impayesLoyer, .maladie])
  }

  @Test(
    "Un événement mal donné est refusé avec sa ligne et son champ",
    arguments: [
      ("- {type: separation, date: 2026-12-15}", "situation.evenements[1].date", "est après la date de la situation"),
      ("- {type: demenagement, date: 2026-01-15}", "situation.evenements[1].type", "demenagement"),
      ("- {date: 2026-01-15}", "situation.evenements[1].type", "champ obligatoire « type »"),
      ("- {type: maladie, quand: 2026-01-15}", "situation.evenements[1].quand", "clé inconnue"),
      ("- {type: maladie, date: 15 janvier}", "situation.evenements[1].date", "date"),
    ])
  func refused(item: String, path: String, words: String) {
    let text = Self.head + "situation:\n  evenements:\n    \(item)\n"
    do {
      _ = try ScenarioFile.parse(text, file: "cas.yaml")
      Issue.record("refus attendu pour \(item)")
    } catch {
      let d = error.items.first
      #expect(d?.line == 8 && d?.path == path, "\(error.items)")
      #expect(d?.message.contains(words) == true, "\(error.items)")
    }
  }

  @Test(
    "Variantes à côté du texte : le texte garde ses commentaires, ses variantes sont remplacées ; une variante qui ne s'applique plus est nommée"
  )
  func variantSet() throws {
    let text =
      Self.head + """
        # Le loyer du mois.
        charges:
          - {type: energie, montant: 80}
        dettes:
          - {creancier: Banque, nature: decouvert, restant_du: 500}
        variantes:
          - nom: Ancienne
            changements:
              - modifier_ressource: {type: salaire, montant: 1 100}
        notes: fin
        """
    var s = try ScenarioFile.parse(text, file: "cas.yaml")
    s.variants = [
      Variant(name: "Plus d'énergie", changes: [.setCharge(type: .energie, amount: Money(euros: 120))]),
      Variant(name: "Dette « soldée »", changes: [.removeDebt(creditor: "Banque")]),
    ]
    let block = VariantSet.yaml(s)
    #expect(VariantSet.names(block) == ["Plus d'énergie", "Dette « soldée »"])
    let applied = VariantSet.apply(block, to: text)
    #expect(applied.refused.isEmpty && applied.text.contains("# Le loyer du mois.") && applied.text.contains("notes: fin"))
    let read = try ScenarioFile.parse(applied.text, file: "cas.yaml")
    #expect(read.variants.map(\.name) == ["Plus d'énergie", "Dette « soldée »"])
    // Without the debt, the second variant no longer applies: named, the first kept.
    let withoutDebt = text.replacingOccurrences(of: "dettes:\n  - {creancier: Banque, nature: decouvert, restant_du: 500}\n", with: "")
    let stale = VariantSet.apply(block, to: withoutDebt)
    #expect(stale.refused.count == 1 && stale.refused[0].hasPrefix("variante « Dette « soldée » » : "), "\(stale.refused)")
    #expect(VariantSet.names(stale.kept) == ["Plus d'énergie"])
    #expect(try ScenarioFile.parse(stale.text, file: "cas.yaml").variants.map(\.name) == ["Plus d'énergie"])
    // No variants: the text without its own.
    #expect(try ScenarioFile.parse(VariantSet.apply("", to: text).text, file: "cas.yaml").variants.isEmpty)
  }
}
