import EquilibreCases
import EquilibreCore
import PropertyBased
import Testing

/// The follow-up engine: pure functions, tested without a base. Dates and durations are
/// worked out by hand in each test from the shipped policy (mesures.yaml and its sources).
@Suite("Suivi : échéances, alertes, évolution, politique des mesures")
struct FollowUpTests {
  let policy = MeasurePolicy.shipped
  let ref = CaseRef(year: 2026, number: 1)

  func input(
    _ measures: [Measure], objectives: [Objective] = [], visits: [CivilDate] = [], next: CivilDate? = nil, status: CaseStatus = .ouvert
  ) -> FollowUp.Input {
    FollowUp.Input(ref: ref, status: status, measures: measures, objectives: objectives, homeVisits: visits, nextAppointment: next)
  }

  @Test(
    "La politique livrée : Acti'Loge 4 à 8 mois, 24 au plus, une visite par mois ; ASLL 6 mois, 2 renouvellements de 3 mois ; AVDL 12 au plus"
  )
  func shippedPolicy() {
    let a = policy.rule(.actiLoge)
    #expect(a.initialMonths == 4...8 && a.maximumMonths == 24 && a.homeVisitDays == 31 && a.maximumRenewals == nil)
    let s = policy.rule(.asll)
    #expect(s.initialMonths == 6...6 && s.maximumRenewals == 2 && s.renewalMonths == 3 && s.maximumMonths == 12 && s.homeVisitDays == 15)
    let v = policy.rule(.avdl)
    #expect(v.initialMonths == 3...6 && v.maximumMonths == 12)
    // A measure without sourced durations stays an explicit gap.
    #expect(policy.rule(.iml).maximumMonths == nil && policy.rule(.iml).source.contains("aucune durée"))
    for t in MeasureType.allCases { #expect(!policy.rule(t).source.isEmpty, "\(t)") }
  }

  @Test("Politique d'une structure : erreurs en français avec ligne et champ")
  func policyErrors() {
    do {
      _ = try MeasurePolicy.parse("acti-loge:\n  duree_maximale_mois: vingt\n  source: x\nasl:\n  source: y\n", file: "politique.yaml")
      Issue.record("politique invalide acceptée")
    } catch {
      let text = error.description
      #expect(text.contains("politique.yaml:2:") && text.contains("duree_maximale_mois"))
      #expect(text.contains("politique.yaml:4:") && text.contains("type de mesure inconnu"))
    }
  }

  @Test("Acti'Loge du 15/01/2026, 6 mois : dernier jour le 14/07 ; alerte à 30 jours, pas à 31")
  func renewalDue() {
    let m = Measure(id: "M1", type: .actiLoge, start: day("2026-01-15"), plannedMonths: 6)
    #expect(m.plannedEnd == day("2026-07-15"))
    // 14/07 − 14/06 = 30 days: inside a 30-day horizon; 13/06 is 31 days before.
    let due = FollowUp.alerts(input([m], visits: [day("2026-06-10")]), policy: policy, today: day("2026-06-14"))
    #expect(due.map(\.kind) == [.renouvellement])
    #expect(due.first?.date == day("2026-07-14") && due.first?.message.contains("dans 30 jour(s)") == true)
    #expect(due.first?.message.contains("accord du conseiller social d'Action Logement") == true)
    #expect(FollowUp.alerts(input([m], visits: [day("2026-06-10")]), policy: policy, today: day("2026-06-13")).isEmpty)
  }

  @Test("Durée maximale : Acti'Loge 6 + 10 + 8 = 24 mois atteints ; ASLL après 2 renouvellements")
  func maximum() {
    let a = Measure(
      id: "M1", type: .actiLoge, start: day("2025-01-01"), plannedMonths: 6,
      renewals: [Renewal(date: day("2025-06-20"), months: 10, agreedBy: "x"), Renewal(date: day("2026-04-20"), months: 8, agreedBy: "x")])
    #expect(a.grantedMonths == 24 && a.plannedEnd == day("2027-01-01"))
    let alerts = FollowUp.alerts(input([a], visits: [day("2026-12-10")]), policy: policy, today: day("2026-12-15"))
    #expect(alerts.map(\.kind) == [.dureeMaximale])
    #expect(FollowUp.renewalRefusal(a, months: 1, policy: policy) != nil)
    let s = Measure(
      id: "M1", type: .asll, start: day("2026-01-01"), plannedMonths: 6,
      renewals: [Renewal(date: day("2026-06-25"), months: 3, agreedBy: "x"), Renewal(date: day("2026-09-25"), months: 3, agreedBy: "x")])
    #expect(FollowUp.renewalRefusal(s, months: 1, policy: policy)?.contains("2 renouvellement(s) au plus") == true)
    let one = Measure(
      id: "M1", type: .asll, start: day("2026-01-01"), plannedMonths: 6,
      renewals: [Renewal(date: day("2026-06-25"), months: 3, agreedBy: "x")])
    #expect(FollowUp.renewalRefusal(one, months: 3, policy: policy) == nil)
    #expect(FollowUp.renewalRefusal(one, months: 4, policy: policy)?.contains("12 mois") == true)
  }

  @Test("Visites à domicile : Acti'Loge, 31 jours au plus entre deux visites ; ASLL, 15")
  func visits() {
    let m = Measure(id: "M1", type: .actiLoge, start: day("2026-01-01"), plannedMonths: 8)
    // Last visit 01/03: on 01/04 (31 days) nothing; on 02/04 (32 days) an alert.
    #expect(FollowUp.alerts(input([m], visits: [day("2026-03-01")]), policy: policy, today: day("2026-04-01")).isEmpty)
    let late = FollowUp.alerts(input([m], visits: [day("2026-03-01")]), policy: policy, today: day("2026-04-02"))
    #expect(late.map(\.kind) == [.visite] && late.first?.message.contains("il y a 32 jours") == true)
    let asll = Measure(id: "M1", type: .asll, start: day("2026-01-01"), plannedMonths: 6)
    #expect(FollowUp.alerts(input([asll]), policy: policy, today: day("2026-01-16")).isEmpty)
    #expect(FollowUp.alerts(input([asll]), policy: policy, today: day("2026-01-17")).map(\.kind) == [.visite])
    // A measure with no rhythm in the policy (AVDL) gives no visit alert.
    let avdl = Measure(id: "M1", type: .avdl, start: day("2026-01-01"), plannedMonths: 6)
    #expect(FollowUp.alerts(input([avdl]), policy: policy, today: day("2026-03-01")).isEmpty)
  }

  @Test("Objectif dépassé, rendez-vous du jour, dossier clos sans alerte")
  func objectivesAndAppointments() {
    let o = [
      Objective(id: "O1", theme: .dettes, wording: "Déposer le dossier", status: .enCours, due: day("2026-03-31")),
      Objective(id: "O2", theme: .budget, wording: "Budget", status: .atteint, due: day("2026-01-31")),
    ]
    let a = FollowUp.alerts(input([], objectives: o, next: day("2026-04-02")), policy: policy, today: day("2026-04-02"))
    #expect(a.map(\.kind) == [.objectif, .rendezVous])
    #expect(
      FollowUp.alerts(input([], objectives: o, next: day("2026-04-02"), status: .clos), policy: policy, today: day("2026-04-02")).isEmpty)
  }

  @Test("Propriété : une alerte de renouvellement tombe exactement quand le dernier jour est à l'horizon ou dépassé", .tags())
  func renewalProperty() async {
    await propertyCheck(input: Gen.int(in: 1...8), Gen.int(in: 0...400), Gen.int(in: 0...90)) { months, offset, horizon in
      let m = Measure(id: "M1", type: .actiLoge, start: day("2026-01-01"), plannedMonths: months)
      let today = day("2026-01-01").adding(days: offset)
      let last = m.plannedEnd.adding(days: -1)
      let alerts = FollowUp.alerts(input([m], visits: [today]), policy: policy, today: today, horizonDays: horizon)
      let expected = last.dayNumber - today.dayNumber <= horizon
      #expect(alerts.contains { $0.kind == .renouvellement } == expected)
      #expect(alerts.allSatisfy { $0.kind != .visite })
    }
  }

  @Test("Propriété : refus de renouvellement ⇔ durée accordée + demandée > 24 mois (Acti'Loge)")
  func refusalProperty() async {
    await propertyCheck(input: Gen.int(in: 1...8), Gen.int(in: 0...20).array(of: 0...4), Gen.int(in: 1...30)) { initial, renewals, asked in
      let m = Measure(
        id: "M1", type: .actiLoge, start: day("2026-01-01"), plannedMonths: initial,
        renewals: renewals.map { Renewal(date: day("2026-06-01"), months: max(1, $0), agreedBy: "x") })
      let total = initial + renewals.map { max(1, $0) }.reduce(0, +)
      #expect((FollowUp.renewalRefusal(m, months: asked, policy: policy) != nil) == (total + asked > 24))
    }
  }

  @Test("Évolution : chaque variation est la dernière valeur moins la première (propriété)")
  func evolutionProperty() async {
    await propertyCheck(input: Gen.int(in: -500_000...500_000).array(of: 1...6)) { values in
      let versions = values.enumerated().map { i, v in
        SituationVersion(
          number: i + 1, date: day("2026-01-01").adding(months: i), scenarioText: "",
          figures: KeyFigures(
            resources: v, charges: 0, resteAVivre: v, perUCPerDay: nil, effortRate: nil, capacity: 0, bindingTerm: "", totalDebts: -v),
          savedAt: "", savedBy: "")
      }
      let e = Evolution(versions.shuffled())
      let rav = e.rows.first { $0.key == "reste_a_vivre" }!
      #expect(rav.values == values.map { Optional($0) })
      #expect(rav.change == values.last! - values.first!)
      #expect(e.rows.first { $0.key == "taux_effort" }!.change == nil)
    }
  }

  @Test("Graphique d'évolution : deux séries, chaque point étiqueté avec son montant exact")
  func chart() throws {
    let v = [(1, "2026-11-01", 23_000, 339_000), (2, "2027-02-01", 41_050, 250_000)].map { n, d, rav, debts in
      SituationVersion(
        number: n, date: day(d), scenarioText: "",
        figures: KeyFigures(
          resources: 0, charges: 0, resteAVivre: rav, perUCPerDay: nil, effortRate: nil, capacity: 0, bindingTerm: "", totalDebts: debts),
        savedAt: "", savedBy: "")
    }
    let svg = EvolutionChart.svg(v)
    for label in ["230,00", "410,50", "3\u{00A0}390,00", "2\u{00A0}500,00", "11/2026", "02/2027", "Reste à vivre", "Total des dettes"] {
      #expect(svg.contains(label), "\(label)")
    }
    #expect(svg.contains("stroke-dasharray"))
  }

  @Test("Chiffres clés d'une situation : ceux du calcul à la main du scénario (couple, 3 enfants)")
  func keyFigures() throws {
    let draft = try exampleDraft("couple-trois-enfants-revolving")
    let f = draft.figures
    // Scenarios/couple-trois-enfants-revolving.yaml, hand calculation in its comments.
    #expect(f.resources == 242_000 && f.charges == 192_500 && f.resteAVivre == 49_500 && f.perUCPerDay == 688)
    #expect(f.effortRate == 1611 && f.capacity == 17_900 && f.bindingTerm == "budget_vie_courante")
    #expect(f.totalDebts == 480_000 + 320_000 + 260_000 + 750_000 + 90_000 + 42_000)
    // The plan of `equilibre plan`: 84 months, 4 384,00 € erased (dossier golden file).
    #expect(f.planMonths == 84 && f.planErased == 438_400)
  }
}
