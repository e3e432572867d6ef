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
        for (a, b) in zip(random, tricky) {
          view.append(a)
          view.append(b)
        }
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
      s.situation.householdAccount = text
      s.socialService = SocialService(referent: text)
      let yaml = ScenarioWriter.yaml(s, header: text)
      do {
        let r = try ScenarioFile.parse(yaml, file: "aller-retour.yaml")
        #expect(r.members.first?.name == label)
        #expect(r.notes == text && r.summary == text && r.contact.address == text)
        #expect(r.situation.householdAccount == text && r.socialService?.referent == text)
        #expect(r.resources.first?.label == text && r.resources.first?.person == 0)
        #expect(r.debts.first?.creditor == label && r.debts.first?.reference == text)
      } catch {
        Issue.record("relecture impossible : \(error) — texte \(text.unicodeScalars.map { String($0.value, radix: 16) })")
      }
    }
  }

  @Test("Le fichier d'exemple du format (chaque champ une fois) : écrit puis relu à l'identique, sections déclarées comprises")
  func formatExampleRoundTrip() throws {
    let path = packageRoot.appendingPathComponent("docs/format-scenario-exemple.yaml").path
    let s = try ScenarioFile.load(path: path)
    #expect(s.situation.householdAccount?.hasPrefix("Mon CDD n'a pas été renouvelé") == true)
    #expect(s.accompaniment?.months != nil && s.socialService?.organisation != nil)
    let written = ScenarioWriter.yaml(s)
    let r = try ScenarioFile.parse(written, file: "aller-retour.yaml")
    #expect(ScenarioWriter.yaml(r) == written)
    // Each field of the declared sections is written, under its key, when it is set.
    for (section, keys) in [
      ("situation", ScenarioSchema.situation.keys), ("suivi_social", ScenarioSchema.socialService.keys),
      ("accompagnement", ScenarioSchema.accompaniment.keys),
    ] {
      for key in keys { #expect(written.contains("\n  \(key):"), "\(section).\(key) absent de l'écriture") }
    }
    #expect(r.situation.householdAccount == s.situation.householdAccount && r.situation.mutationDate == s.situation.mutationDate)
    #expect(r.accompaniment?.objectives == s.accompaniment?.objectives && r.socialService?.email == s.socialService?.email)
  }

  @Test("Champs du dépôt de surendettement : écrits puis relus à l'identique (ménage fictif complet)")
  func filingFieldsRoundTrip() throws {
    let path = packageRoot.appendingPathComponent("Tests/Fixtures/donnees-personnelles.yaml").path
    let s = try ScenarioFile.load(path: path)
    // The fixture holds every filing field: the test reads them first, then round-trips them.
    #expect(s.members[0].birthName == "Kowalczyk" && s.members[0].birthPlace == "Roubaix" && s.members[0].nationality == "française")
    #expect(s.members[0].activity?.employerName == "Transports Vandamme")
    #expect(s.housing.landlord == Party(name: "SCI Les Hortensias", address: "7 avenue Foch, 59100 Roubaix"))
    #expect(s.matrimonialRegime == .communauteLegale)
    #expect(s.bankAccounts.map(\.balance) == [Money(cents: -24_050), Money(cents: 3_500)])
    #expect(s.previousFilings.map(\.date) == [CivilDate(year: 2019, month: 5, day: 6)!])
    #expect(s.debts.map(\.caution) == [.aucune, .garantie, nil])
    #expect(s.debts[1].guarantor == "Odette Kowalczyk")
    #expect(s.procedures.map(\.kind) == [.saisieSalaire, .cessionRemuneration])
    let written = ScenarioWriter.yaml(s)
    let r = try ScenarioFile.parse(written, file: "aller-retour.yaml")
    #expect(ScenarioWriter.yaml(r) == written)
    #expect(r.members.map(\.birthName) == s.members.map(\.birthName) && r.members.map(\.birthPlace) == s.members.map(\.birthPlace))
    #expect(r.members.map(\.nationality) == s.members.map(\.nationality))
    #expect(r.members.map { $0.activity?.employerAddress } == s.members.map { $0.activity?.employerAddress })
    #expect(r.housing.landlord == s.housing.landlord && r.matrimonialRegime == s.matrimonialRegime)
    #expect(r.bankAccounts.map(\.bank) == s.bankAccounts.map(\.bank) && r.bankAccounts.map(\.date) == s.bankAccounts.map(\.date))
    #expect(r.previousFilings.map(\.outcome) == s.previousFilings.map(\.outcome))
    #expect(r.debts.map(\.caution) == s.debts.map(\.caution) && r.debts.map(\.guarantor) == s.debts.map(\.guarantor))
    #expect(r.procedures.map(\.kind) == s.procedures.map(\.kind))
    #expect(r.declaredNone.isEmpty)
  }

  @Test("Listes déclarées vides exprès (« aucun », « [] ») : distinctes d'une liste absente, conservées à l'écriture")
  func declaredNone() throws {
    let base = """
      date: 2026-11-01
      menage:
        - {prenom: Ana, role: demandeur, naissance: 1990-01-01}
      ressources:
        - {type: rsa, montant: 600}

      """
    let none = try ScenarioFile.parse(base + "patrimoine: aucun\ncomptes: []\ndepots_anterieurs: non\nprocedures: aucune\n", file: "a.yaml")
    #expect(none.declaredNone == Set(DeclaredList.allCases))
    let absent = try ScenarioFile.parse(base, file: "b.yaml")
    #expect(absent.declaredNone.isEmpty)
    let again = try ScenarioFile.parse(ScenarioWriter.yaml(none), file: "c.yaml")
    #expect(again.declaredNone == none.declaredNone)
    #expect(throws: Diagnostics.self) { try ScenarioFile.parse(base + "procedures: peut-être\n", file: "d.yaml") }
  }

  @Test("Le modèle d'« equilibre nouveau », champs du dépôt décommentés, se lit sans erreur")
  func templateFilingFields() throws {
    let keys = [
      "adresse:", "telephone:", "courriel:", "situation_familiale:", "nom:", "nom_naissance:", "lieu_naissance:",
      "nationalite:", "employeur:", "employeur_adresse:", "bailleur:", "caution_nom:", "comptes:", "- {banque",
      "depots_anterieurs:", "procedures:", "situation:", "evenements:",
    ]
    var uncommented = 0
    let lines = ScenarioTemplate.text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
      guard let hash = line.range(of: "# "), line[..<hash.lowerBound].allSatisfy({ $0 == " " }) else { return String(line) }
      let rest = line[hash.upperBound...]
      guard keys.contains(where: { rest.trimmingCharacters(in: .whitespaces).hasPrefix($0) }) else { return String(line) }
      uncommented += 1
      return String(line[..<hash.lowerBound]) + rest
    }
    #expect(uncommented >= 15)
    let s = try ScenarioFile.parse(lines.joined(separator: "\n"), file: "nouveau.yaml")
    #expect(s.members[0].birthPlace != nil && s.housing.landlord?.name != nil && !s.bankAccounts.isEmpty)
    #expect(s.declaredNone.contains(.depotsAnterieurs) && s.declaredNone.contains(.procedures))
  }
}
