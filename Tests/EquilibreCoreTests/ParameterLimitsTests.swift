import Foundation
import Testing

@testable import EquilibreCore

/// The limits and counts that used to have a value in the code: they come from the parameter
/// files, with their source, and a value that is not a count is refused.
@Suite("Limites et comptes tirés des paramètres, jamais du code")
struct ParameterLimitsTests {
  static func day(_ s: String) -> CivilDate { CivilDate(s)! }

  @Test("Plan : 7 ans (L732-3, L733-3), moratoire de 2 ans (L733-1 4°), 15 € minimum, chacun avec sa source")
  func planLimitsFromParameters() throws {
    let s = DebtPlanTests.scenario([DebtPlanTests.debt("A", 7000), DebtPlanTests.debt("B", 14000)])
    let p = try DebtPlan(scenario: s, capacity: Money(euros: 100))
    #expect(p.maxMonths == 84 && p.maxMoratoireMonths == 24 && p.minimumPayment == Money(euros: 15))
    #expect(p.limitUses.map(\.key) == ["plan.duree_max_mois", "plan.moratoire_max_mois", "plan.versement_minimal"])
    #expect(p.limitUses.allSatisfy { $0.source?.hasPrefix("https://") == true && $0.from == Self.day("2018-01-01") })
    // 7 000 + 14 000 € at 100 € a month over 84 months: 8 400 € repaid, the rest erased.
    #expect(p.months == 84 && p.totalRepaid == Money(euros: 8400))
  }

  @Test("Plan : une valeur locale du versement minimal (fichier de paramètres) remplace celle livrée, et la voici citée")
  func localMinimumPayment() throws {
    var set = ParameterSet.national
    set.merge(
      try ParameterFile.parse(
        "plan.versement_minimal:\n  unite: euros par mois\n  valeurs:\n    2026-01-01: {valeur: 30, reference: politique de la commission, source: essai}\n",
        file: "commission.yaml"))
    // 20 € a month, under the commission's 30 € minimum (15 € by the shipped value): a moratoire
    // rather than contact payments (L733-1 4°).
    let s = DebtPlanTests.scenario([DebtPlanTests.debt("A", 1000), DebtPlanTests.debt("B", 9000)])
    let p = try DebtPlan(scenario: s, capacity: Money(euros: 20), parameters: set)
    #expect(p.minimumPayment == Money(euros: 30))
    #expect(p.limitsExplanation.parameters.contains { $0.key == "plan.versement_minimal" && $0.reference == "politique de la commission" })
    #expect(p.moratoireMonths > 0)
  }

  @Test("Plan avant 2018 : les limites du 1er janvier 2018 appliquées à titre provisoire, et dites telles dans le plan")
  func provisionalBefore2018() throws {
    var s = DebtPlanTests.scenario([DebtPlanTests.debt("A", 7000)])
    s.date = Self.day("2017-06-01")
    let p = try DebtPlan(scenario: s, capacity: Money(euros: 100))
    #expect(p.maxMonths == 84 && p.maxMoratoireMonths == 24 && p.minimumPayment == Money(euros: 15))
    let notes = p.notes.filter { $0.contains("à titre provisoire") }
    #expect(notes.count == 3 && notes.allSatisfy { $0.contains("aucune valeur relevée avant le 1er janvier 2018") })
    // With the counsellor's own limits, nothing provisional is said.
    var settings = PlanSettings()
    settings.maxMonths = 60
    settings.maxMoratoireMonths = 12
    settings.minimumPayment = Money(euros: 10)
    let given = try DebtPlan(scenario: s, capacity: Money(euros: 100), settings: settings)
    #expect(given.limitUses.isEmpty && !given.notes.contains { $0.contains("à titre provisoire") })
  }

  @Test("Un nombre de mois ou un âge non entier est refusé, pas arrondi ni remplacé")
  func wholeNumbersRefused() throws {
    var set = ParameterSet.national
    set.merge(
      try ParameterFile.parse(
        "uc.age_pivot:\n  unite: ans\n  valeurs:\n    2026-01-01: {valeur: \"14,5\", source: essai}\n"
          + "locapass.duree_max_mois:\n  unite: mois\n  valeurs:\n    2026-01-01: {valeur: \"25,5\", source: essai}\n",
        file: "essai.yaml"))
    let date = Self.day("2026-11-01")
    #expect(throws: ParameterError.wrongType("uc.age_pivot", expected: "un âge en années entières")) {
      try ConsumptionScale(parameters: set, on: date)
    }
    #expect(throws: ParameterError.wrongType("locapass.duree_max_mois", expected: "un nombre entier")) {
      try set.wholeNumber("locapass.duree_max_mois", on: date)
    }
  }

  @Test("Fiche vierge : l'échelle des unités de consommation vient des paramètres (INSEE, OCDE modifiée)")
  func consumptionScaleInWords() throws {
    let scale = try ConsumptionScale(parameters: .national, on: Self.day("2026-11-01"))
    #expect(scale.french == "1 pour le premier adulte, plus 0,5 par personne de 14 ans ou plus, plus 0,3 par enfant de moins de 14 ans")
  }
}
