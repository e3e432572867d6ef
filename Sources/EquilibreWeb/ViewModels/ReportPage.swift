import EquilibreCases
import EquilibreCore

/// The year's report (`rapport.mustache`): the filter form, the tables and charts of
/// ``YearReport``, every figure formatted here from the report's own counts.
struct ReportPage: Codable {
  struct ActivityRow: Codable {
    var label, followed, opened, closed: String
    enum CodingKeys: String, CodingKey { case label = "libelle", followed = "suivis", opened = "entres", closed = "sortis" }
  }
  struct ObjectiveRow: Codable {
    var domain: String
    var counts: [String]
    var total: String
    enum CodingKeys: String, CodingKey { case domain = "domaine", counts = "nombres", total }
  }
  struct AidRow: Codable {
    var organisation, decision, count, asked, granted: String
    enum CodingKeys: String, CodingKey {
      case organisation = "organisme", decision, count = "nombre", asked = "demande", granted = "accorde"
    }
  }
  struct CountRow: Codable {
    var label, count: String
    enum CodingKeys: String, CodingKey { case label = "libelle", count = "nombre" }
  }

  var from, to, counsellor, funder: String
  var measures: [TemplateOption]
  var funders: [TemplateOption]
  var period: String
  var csvLink: String
  var total: ActivityRow
  var byMeasure, byFunder, byCounsellor: [ActivityRow]
  var closedCount, meanDuration: String
  var reasons: [CountRow]
  var statusNames: [String]
  var objectives: [ObjectiveRow]
  var hasObjectives: Bool
  var aids: [AidRow]
  var hasAids: Bool
  var filings, drafts: String
  var evolutionHouseholds, firstRAV, lastRAV, firstDebts, lastDebts, improved: String
  var hasEvolution: Bool
  var activityChart, objectivesChart, aidsChart: String
  // Archiving after the retention period.
  var retentionYears, retentionSource, retentionCutoff: String
  var archived = ""

  enum CodingKeys: String, CodingKey {
    case from = "du", to = "au", counsellor = "conseiller", funder = "financeur", measures = "mesures", funders = "financeurs",
      period = "periode", csvLink = "lien_csv", total, byMeasure = "par_mesure", byFunder = "par_financeur",
      byCounsellor = "par_conseiller", closedCount = "clos", meanDuration = "duree_moyenne", reasons = "motifs",
      statusNames = "statuts", objectives = "objectifs", hasObjectives = "a_objectifs", aids = "aides", hasAids = "a_aides",
      filings = "depots", drafts = "projets", evolutionHouseholds = "evolution_menages", firstRAV = "rav_premiere",
      lastRAV = "rav_derniere", firstDebts = "dettes_premiere", lastDebts = "dettes_derniere", improved = "ameliores",
      hasEvolution = "a_evolution", activityChart = "graphique_activite", objectivesChart = "graphique_objectifs",
      aidsChart = "graphique_aides", retentionYears = "conservation_ans", retentionSource = "conservation_source",
      retentionCutoff = "conservation_avant", archived = "archives"
  }

  init(_ r: YearReport, policy: MeasurePolicy, funders: [String], csvLink: String, today: CivilDate) {
    func row(_ a: YearReport.Activity) -> ActivityRow {
      ActivityRow(label: a.label, followed: String(a.followed), opened: String(a.opened), closed: String(a.closed))
    }
    func money(_ m: Money?) -> String { m?.french ?? "—" }
    let f = r.filter
    from = f.from.description
    to = f.to.description
    counsellor = f.counsellor ?? ""
    funder = f.funder ?? ""
    measures =
      [TemplateOption(value: "", label: "toutes", selected: f.measure == nil)]
      + MeasureType.allCases.map { TemplateOption(value: $0.rawValue, label: $0.french, selected: $0 == f.measure) }
    self.funders =
      [TemplateOption(value: "", label: "tous", selected: f.funder == nil)]
      + funders.map { TemplateOption(value: $0, label: $0, selected: $0 == f.funder) }
    period = f.french
    self.csvLink = csvLink
    total = row(r.total)
    byMeasure = r.byMeasure.map(row)
    byFunder = r.byFunder.map(row)
    byCounsellor = r.byCounsellor.map(row)
    closedCount = String(r.durationsDays.count)
    meanDuration = r.meanDurationDays.map { "\($0) jours" } ?? "—"
    reasons = r.closingReasons.map { CountRow(label: $0.label, count: String($0.count)) }
    statusNames = ObjectiveStatus.allCases.map(\.french)
    objectives = r.objectives.map { ObjectiveRow(domain: $0.domain, counts: $0.byStatus.map(String.init), total: String($0.total)) }
    hasObjectives = !objectives.isEmpty
    aids = r.aids.map {
      AidRow(
        organisation: $0.organisation, decision: $0.decision, count: String($0.count), asked: Money(cents: $0.askedCents).french,
        granted: Money(cents: $0.grantedCents).french)
    }
    hasAids = !aids.isEmpty
    filings = String(r.filings)
    drafts = String(r.filingDrafts)
    let e = r.evolution
    evolutionHouseholds = String(e.households)
    firstRAV = money(e.mean(e.firstResteAVivreCents))
    lastRAV = money(e.mean(e.lastResteAVivreCents))
    firstDebts = money(e.mean(e.firstDebtsCents))
    lastDebts = money(e.mean(e.lastDebtsCents))
    improved = String(e.improved)
    hasEvolution = e.households > 0
    activityChart = ReportChart.bars(
      "Ménages suivis, entrés et sortis", [("suivis", r.total.followed), ("entrés", r.total.opened), ("sortis", r.total.closed)])
    var byStatus = Array(repeating: 0, count: ObjectiveStatus.allCases.count)
    for o in r.objectives { for (i, n) in o.byStatus.enumerated() { byStatus[i] += n } }
    objectivesChart = ReportChart.bars(
      "Objectifs par issue", zip(ObjectiveStatus.allCases, byStatus).filter { $0.1 > 0 }.map { ($0.0.french, $0.1) })
    var byDecision: [String: Int] = [:]
    for a in r.aids { byDecision[a.decision, default: 0] += a.count }
    aidsChart = ReportChart.bars(
      "Demandes d'aide par décision",
      (AidDecision.allCases.map(\.french) + ["en attente"]).compactMap { d in byDecision[d].map { (d, $0) } })
    retentionYears = String(policy.retentionYears)
    retentionSource = policy.retentionSource
    retentionCutoff = today.adding(years: -policy.retentionYears).french
  }
}

/// A counsellor's agenda (`agenda.mustache`): one week of appointments not yet held, day by day.
struct AgendaPage: Codable {
  struct Day: Codable {
    var title: String
    var items: [Item]
    enum CodingKeys: String, CodingKey { case title = "titre", items = "rendez_vous" }
  }
  struct Item: Codable {
    var ref, text, link, ics: String
    enum CodingKeys: String, CodingKey { case ref, text = "texte", link = "lien", ics }
  }
  var week, previous, next, counsellor: String
  var days: [Day]
  var hasAppointments: Bool
  enum CodingKeys: String, CodingKey {
    case week = "semaine", previous = "precedente", next = "suivante", counsellor = "conseiller", days = "jours",
      hasAppointments = "a_rendez_vous"
  }
}
