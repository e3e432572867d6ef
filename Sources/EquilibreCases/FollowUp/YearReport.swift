import EquilibreCore

/// The activity report a structure gives its funders, over a period: households followed,
/// opened and closed and how long they were followed; objectives by domain and outcome; aid
/// requests by organisation and decision with their amounts; filings made; and how the reste à
/// vivre and the debts moved between each household's first and last situation. Counted from
/// the cases alone (no personal data); archived cases count with the figures they keep.
public struct YearReport: Sendable {
  /// Which cases and which period.
  public struct Filter: Sendable, Equatable {
    public var from: CivilDate
    public var to: CivilDate
    public var measure: MeasureType?
    public var funder: String?
    public var counsellor: String?

    public init(from: CivilDate, to: CivilDate, measure: MeasureType? = nil, funder: String? = nil, counsellor: String? = nil) {
      self.from = from
      self.to = to
      self.measure = measure
      self.funder = funder
      self.counsellor = counsellor
    }

    /// « du 1er janvier 2026 au 31 décembre 2026, ASLL, conseillère … »
    public var french: String {
      var s = "du \(from.french) au \(to.french)"
      if let measure { s += ", mesure \(measure.french)" }
      if let funder { s += ", financeur \(funder)" }
      if let counsellor { s += ", suivi par \(counsellor)" }
      return s
    }
  }

  /// Households followed, opened and closed within the period, for one group.
  public struct Activity: Sendable, Equatable {
    public var label: String
    public var followed = 0
    public var opened = 0
    public var closed = 0

    public init(label: String, followed: Int = 0, opened: Int = 0, closed: Int = 0) {
      self.label = label
      self.followed = followed
      self.opened = opened
      self.closed = closed
    }
  }

  /// A count under a label.
  public struct Count: Sendable, Equatable {
    public var label: String
    public var count: Int
  }

  /// The objectives of one domain, by outcome (in ``ObjectiveStatus/allCases`` order).
  public struct ObjectiveLine: Sendable, Equatable {
    public var domain: String
    public var byStatus: [Int]
    public var total: Int { byStatus.reduce(0, +) }
  }

  /// Aid requests of one organisation and decision.
  public struct AidLine: Sendable, Equatable {
    public var organisation: String
    public var decision: String
    public var count = 0
    public var askedCents = 0
    public var grantedCents = 0

    public init(organisation: String, decision: String, count: Int = 0, askedCents: Int = 0, grantedCents: Int = 0) {
      self.organisation = organisation
      self.decision = decision
      self.count = count
      self.askedCents = askedCents
      self.grantedCents = grantedCents
    }
  }

  /// Reste à vivre and debts at each household's first and last situation (those with two).
  public struct Evolution: Sendable, Equatable {
    public var households = 0
    public var firstResteAVivreCents = 0
    public var lastResteAVivreCents = 0
    public var firstDebtsCents = 0
    public var lastDebtsCents = 0
    /// Households whose reste à vivre rose.
    public var improved = 0

    /// An average, rounded to the cent half away from zero; nil without households.
    public func mean(_ totalCents: Int) -> Money? {
      households == 0 ? nil : (Money(cents: totalCents) / Rational(households)).roundedToCents(.halfAwayFromZero)
    }
  }

  public var filter: Filter
  public var total: Activity
  public var byMeasure: [Activity]
  public var byFunder: [Activity]
  public var byCounsellor: [Activity]
  /// Days each case closed in the period was followed (opening to closing), in order.
  public var durationsDays: [Int]
  public var closingReasons: [Count]
  public var objectives: [ObjectiveLine]
  public var aids: [AidLine]
  /// Over-indebtedness filings made (requests of that kind filed in the period).
  public var filings: Int
  /// Filing drafts handed to households in the period.
  public var filingDrafts: Int
  public var evolution: Evolution

  /// Mean duration of the cases closed in the period, in whole days (half away from zero).
  public var meanDurationDays: Int? {
    guard !durationsDays.isEmpty else { return nil }
    let r = (Rational(durationsDays.reduce(0, +)) / Rational(durationsDays.count)).rounded(toPlaces: 0, .halfAwayFromZero)
    return r.scaledInteger(by: 1)
  }

  /// The report over `records` (those the reader may see).
  public init(_ records: [CaseRecord], filter: Filter, policy: MeasurePolicy) {
    self.filter = filter
    var total = Activity(label: "tous les ménages")
    var measure: [String: Activity] = [:]
    var funder: [String: Activity] = [:]
    var counsellor: [String: Activity] = [:]
    var durations: [Int] = []
    var reasons: [String: Int] = [:]
    var objectives: [ObjectiveTheme: [Int]] = [:]
    var aids: [String: AidLine] = [:]
    var filings = 0
    var drafts = 0
    var evolution = Evolution()
    let inPeriod = { (d: CivilDate) in d >= filter.from && d <= filter.to }
    for r in records {
      let f = r.file
      // Followed within the period: opened by its end, not closed before its start.
      guard f.openedOn <= filter.to, f.closedOn.map({ $0 >= filter.from }) ?? true else { continue }
      if let c = filter.counsellor, f.counsellor != c { continue }
      if let m = filter.measure, !r.measures.contains(where: { $0.type == m }) { continue }
      if let fu = filter.funder, !r.measures.contains(where: { policy.funder($0.type) == fu }) { continue }
      let opened = inPeriod(f.openedOn)
      let closed = f.closedOn.map(inPeriod) ?? false
      func count(_ a: inout Activity) {
        a.followed += 1
        if opened { a.opened += 1 }
        if closed { a.closed += 1 }
      }
      count(&total)
      let types = r.measures.isEmpty ? ["sans mesure"] : Array(Set(r.measures.map(\.type.french))).sorted()
      for t in types { count(&measure[t, default: Activity(label: t)]) }
      let funders = r.measures.isEmpty ? ["sans mesure"] : Array(Set(r.measures.map { policy.funder($0.type) })).sorted()
      for fu in funders { count(&funder[fu, default: Activity(label: fu)]) }
      count(&counsellor[f.counsellor, default: Activity(label: f.counsellor)])
      if closed, let end = f.closedOn {
        durations.append(end.dayNumber - f.openedOn.dayNumber)
        reasons[f.closingReason?.french ?? "motif non renseigné", default: 0] += 1
      }
      for o in r.objectives {
        var line = objectives[o.theme] ?? Array(repeating: 0, count: ObjectiveStatus.allCases.count)
        line[ObjectiveStatus.allCases.firstIndex(of: o.status)!] += 1
        objectives[o.theme] = line
      }
      for a in r.aidRequests where inPeriod(a.filedOn) {
        let decision = a.decision?.french ?? "en attente"
        let key = a.organisation.short + "|" + decision
        var line = aids[key] ?? AidLine(organisation: a.organisation.short, decision: decision)
        line.count += 1
        line.askedCents += a.askedCents ?? 0
        if a.decision?.grants == true { line.grantedCents += a.grantedCents ?? 0 }
        aids[key] = line
        if a.kind == .dossierSurendettement { filings += 1 }
      }
      drafts += r.documents.filter { $0.type == "surendettement" && inPeriod($0.date) }.count
      let versions = r.situations.filter { $0.date <= filter.to }.sorted { $0.number < $1.number }
      if versions.count >= 2, let first = versions.first, let last = versions.last {
        evolution.households += 1
        evolution.firstResteAVivreCents += first.figures.resteAVivre
        evolution.lastResteAVivreCents += last.figures.resteAVivre
        evolution.firstDebtsCents += first.figures.totalDebts
        evolution.lastDebtsCents += last.figures.totalDebts
        if last.figures.resteAVivre > first.figures.resteAVivre { evolution.improved += 1 }
      }
    }
    self.total = total
    byMeasure = measure.values.sorted { $0.label < $1.label }
    byFunder = funder.values.sorted { $0.label < $1.label }
    byCounsellor = counsellor.values.sorted { $0.label < $1.label }
    durationsDays = durations.sorted()
    closingReasons = reasons.map { Count(label: $0.key, count: $0.value) }.sorted { $0.label < $1.label }
    self.objectives = ObjectiveTheme.allCases.compactMap { t in objectives[t].map { ObjectiveLine(domain: t.french, byStatus: $0) } }
    let organisations = AidOrganisation.allCases.map(\.short)
    let decisions = AidDecision.allCases.map(\.french) + ["en attente"]
    self.aids = aids.values.sorted {
      (organisations.firstIndex(of: $0.organisation) ?? 99, decisions.firstIndex(of: $0.decision) ?? 99)
        < (organisations.firstIndex(of: $1.organisation) ?? 99, decisions.firstIndex(of: $1.decision) ?? 99)
    }
    self.filings = filings
    filingDrafts = drafts
    self.evolution = evolution
  }

  // MARK: CSV

  /// The report as a CSV that French spreadsheets open as they are (UTF-8 with BOM, `;`,
  /// decimal comma): one block per table, a blank line between blocks.
  public var csv: String {
    var c = CSV(.excel)
    func number(_ n: Int) -> CSV.Cell { .number(String(n)) }
    func euros(_ cents: Int) -> CSV.Cell { .number(Money(cents: cents).plain) }
    c.header(["Rapport d'activité", filter.french])
    c.row([])
    c.header(["Ménages", "Suivis", "Entrés", "Sortis"])
    for a in [total]
      + byMeasure.map({ Activity(label: "mesure : " + $0.label, followed: $0.followed, opened: $0.opened, closed: $0.closed) })
      + byFunder.map({ Activity(label: "financeur : " + $0.label, followed: $0.followed, opened: $0.opened, closed: $0.closed) })
      + byCounsellor.map({ Activity(label: "conseiller : " + $0.label, followed: $0.followed, opened: $0.opened, closed: $0.closed) })
    {
      c.row([.text(a.label), number(a.followed), number(a.opened), number(a.closed)])
    }
    c.row([])
    c.header(["Durée des accompagnements clos", "Nombre", "Durée moyenne (jours)"])
    c.row([.text("dossiers clos dans la période"), number(durationsDays.count), meanDurationDays.map(number) ?? .text("")])
    c.row([])
    c.header(["Motif de clôture", "Nombre"])
    for r in closingReasons { c.row([.text(r.label), number(r.count)]) }
    c.row([])
    c.header(["Objectifs : domaine"] + ObjectiveStatus.allCases.map(\.french) + ["total"])
    for o in objectives { c.row([.text(o.domain)] + o.byStatus.map(number) + [number(o.total)]) }
    c.row([])
    c.header(["Demandes d'aide : organisme", "Décision", "Nombre", "Montant demandé (€)", "Montant accordé (€)"])
    for a in aids { c.row([.text(a.organisation), .text(a.decision), number(a.count), euros(a.askedCents), euros(a.grantedCents)]) }
    c.row([])
    c.header(["Surendettement", "Nombre"])
    c.row([.text("dossiers déposés"), number(filings)])
    c.row([.text("projets de dossier remis"), number(filingDrafts)])
    c.row([])
    c.header([
      "Évolution (ménages ayant au moins deux situations)", "Nombre de ménages", "Première situation (€, moyenne)",
      "Dernière situation (€, moyenne)",
    ])
    let e = evolution
    c.row([
      .text("reste à vivre mensuel"), number(e.households), e.mean(e.firstResteAVivreCents).map { .number($0.plain) } ?? .text(""),
      e.mean(e.lastResteAVivreCents).map { .number($0.plain) } ?? .text(""),
    ])
    c.row([
      .text("total des dettes"), number(e.households), e.mean(e.firstDebtsCents).map { .number($0.plain) } ?? .text(""),
      e.mean(e.lastDebtsCents).map { .number($0.plain) } ?? .text(""),
    ])
    c.row([.text("ménages dont le reste à vivre a augmenté"), number(e.improved)])
    return c.text
  }
}
