import Foundation
import Testing

@testable import EquilibreCore

/// Issue 28: a consolidation loan as a variant — the chosen debts paid off in order by the capital
/// less the fees, the new instalment, its certified TAEG and the usury verdict.
@Suite("Regroupement de dettes en variante")
struct ConsolidationTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static let text = try! String(contentsOf: root.appendingPathComponent("Scenarios/parent-separe.yaml"), encoding: .utf8)
    .replacingOccurrences(
      of: "      - modifier_ressource: {type: salaire, montant: 1 200}",
      with: """
              - modifier_ressource: {type: salaire, montant: 1 200}
          - nom: Regroupement
            changements:
              - nouveau_pret: {libelle: Prêt de regroupement, capital: 2600, taux: 5, duree: 36, frais: 50, solde: [Banque Renouvelable, Banque du compte courant]}
        """)

  @Test("2 600 € à 5 % sur 36 mois, 50 € de frais : les deux dettes soldées, mensualité 77,92 €, TAEG 6,49 %, sous l'usure")
  func consolidation() throws {
    let s = try ScenarioFile.parse(Self.text, file: "cas.yaml")
    let v = try #require(s.variants.first { $0.name == "Regroupement" })
    guard case .newLoan(_, let terms, let settles) = v.changes[0] else {
      Issue.record("nouveau prêt attendu")
      return
    }
    #expect(settles == ["Banque Renouvelable", "Banque du compte courant"] && terms.fees == Money(euros: 50))
    // 2 600 − 50 = 2 550 pays 1 900 then 650: both gone; the HLM arrears stay; the loan is a debt.
    let after = try v.applied(to: s).scenario
    #expect(after.debts.map(\.creditor) == ["Office HLM Exemple", "Prêt de regroupement"])
    // Hand calculation: 2 600 × i ÷ (1 − (1 + i)^−36), i = 5 % ÷ 12 → 77,924… → 77,92 €.
    // TAEG: numpy_financial.irr([−2 550] + 35 × [77,92] + [78,08]) = 0,52507 % a month → (1 + i)^12 − 1 = 6,486 % → 6,49 %.
    let summary = try #require(v.changes[0].loanSummary(on: s.date))
    #expect(
      summary.hasPrefix("Prêt de regroupement : mensualité 77,92\u{00A0}€, TAEG 6,49\u{00A0}% (\(UsuryCategory.consumerUpTo3000.french))."))
    #expect(summary.contains("Le TAEG ne dépasse pas le seuil de l'usure (23,60\u{00A0}%"))
    // The list of creditors and the fees go through the writer and back.
    let written = ScenarioWriter.yaml(s)
    #expect(written.contains("solde: [\"Banque Renouvelable\", \"Banque du compte courant\"]") && written.contains("frais: "))
    #expect(ScenarioWriter.yaml(try ScenarioFile.parse(written, file: "b.yaml")) == written)
  }

  @Test("Un capital plus petit que les dettes : la première soldée, la suivante réduite, ses impayés aussi")
  func partial() throws {
    let s = try ScenarioFile.parse(Self.text, file: "cas.yaml")
    let loan = VariantChange.newLoan(
      label: "Microcrédit", terms: LoanTerms(capital: Money(euros: 2000), annualRate: Rational(3, 100), periods: 24),
      settles: ["Banque Renouvelable", "Office HLM Exemple"])
    let after = try Variant(name: "x", changes: [loan]).applied(to: s).scenario
    // 2 000 pays the 1 900 of the revolving credit; 100 left for the 840 of rent arrears → 740.
    #expect(!after.debts.contains { $0.creditor == "Banque Renouvelable" })
    let hlm = try #require(after.debts.first { $0.creditor == "Office HLM Exemple" })
    #expect(hlm.remainingDue == Money(euros: 740) && hlm.arrears == Money(euros: 740))
  }
}

/// Issue 28: household changes as variants — a birth, a departure — through the YAML and back.
@Suite("Variantes : une personne arrive, une personne part")
struct HouseholdChangeTests {
  static func scenario(_ changes: String) throws -> Scenario {
    try ScenarioFile.parse(
      ConsolidationTests.text.replacingOccurrences(
        of: "variantes:\n", with: "variantes:\n  - nom: Changement\n    changements:\n\(changes)\n"), file: "cas.yaml")
  }

  @Test("Tom part : deux personnes au lieu de trois, 1,3 UC au lieu de 1,6 ; une naissance : quatre personnes, 1,9 UC")
  func departureAndBirth() throws {
    let s = try Self.scenario("      - retirer_personne: {prenom: Tom}")
    let v = try #require(s.variants.first { $0.name == "Changement" })
    let after = try v.applied(to: s).scenario
    #expect(after.members.map(\.name) == ["Sophie", "Inès"])
    // OECD scale: 1 + 0,3 (Inès, 9) = 1,3 UC; Tom (13) counted 0,3 before: 1,6.
    let before = try HouseholdFigures(scenario: s, forfaits: nil, withAids: false)
    let figures = try HouseholdFigures(scenario: after, forfaits: nil, withAids: false)
    #expect(before.budget.consumptionUnits == Rational(16, 10) && figures.budget.consumptionUnits == Rational(13, 10))
    let born = try Self.scenario("      - ajouter_personne: {prenom: Jade, role: enfant, naissance: 2026-10-15}")
    let withJade = try #require(born.variants.first { $0.name == "Changement" }).applied(to: born).scenario
    #expect(withJade.members.count == 4)
    #expect(try HouseholdFigures(scenario: withJade, forfaits: nil, withAids: false).budget.consumptionUnits == Rational(19, 10))
    // Written and read back the same.
    for x in [s, born] {
      let written = ScenarioWriter.yaml(x)
      #expect(ScenarioWriter.yaml(try ScenarioFile.parse(written, file: "b.yaml")) == written)
    }
  }

  @Test(
    "Refusés, avec le champ : le demandeur ne part pas, une naissance après la date de la situation, une personne inconnue",
    arguments: [
      ("      - retirer_personne: {prenom: Sophie}", "le demandeur ne quitte pas"),
      ("      - ajouter_personne: {prenom: Jade, role: enfant, naissance: 2027-03-01}", "postérieure à la date de la situation"),
      ("      - retirer_personne: {prenom: Tim}", "personne inconnue « Tim »"),
      ("      - ajouter_personne: {prenom: Jade, role: demandeur, naissance: 2020-01-01}", "a déjà son demandeur"),
    ])
  func refused(line: String, message: String) {
    #expect {
      _ = try Self.scenario(line)
    } throws: { e in
      "\(e)".contains(message)
    }
  }
}

@Suite("Variantes : heures de travail changées, salaire au prorata")
struct HoursChangeTests {
  @Test("600 € pour 24 h → 35 h : 875,00 € ; 1 000 € pour 35 h → 20 h : 571,428… → 571,43 € ; sans salaire ou sans heures : rien")
  func prorata() throws {
    let base = try ScenarioFile.parse(ConsolidationTests.text, file: "cas.yaml")
    guard case .setResource(.salaire, 0, let up)? = VariantChange.hours(in: base, person: 0, from: Rational(24), to: Rational(35)) else {
      Issue.record("changement de salaire attendu")
      return
    }
    #expect(up == Money(euros: 875))
    var other = base
    other.resources = [Resource(type: .salaire, amount: Money(euros: 1000), person: 0)]
    guard case .setResource(_, _, let down)? = VariantChange.hours(in: other, person: 0, from: Rational(35), to: Rational(20)) else {
      Issue.record("changement de salaire attendu")
      return
    }
    // 1 000 × 20 ÷ 35 = 571,4285… : arrondi au centime, demi loin de zéro.
    #expect(down == Money(cents: 57143))
    #expect(VariantChange.hours(in: other, person: 0, from: Rational(0), to: Rational(20)) == nil)
    other.resources = []
    #expect(VariantChange.hours(in: other, person: 0, from: Rational(35), to: Rational(20)) == nil)
  }
}
