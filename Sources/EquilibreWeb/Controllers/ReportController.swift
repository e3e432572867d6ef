import EquilibreCases
import EquilibreCore
import Foundation
import Hummingbird

/// The responsable's pages and the counsellor's agenda: the year's report (page and CSV, from
/// ``YearReport``), archiving the cases past the retention period, erasing a case on request,
/// and the appointments of the week with their calendar feed.
struct ReportController {
  let store: StorePool
  let configuration: WebConfiguration
  let today: @Sendable () -> CivilDate

  func addRoutes(to router: Router<WebContext>) {
    router.get("/rapport", use: report)
    router.get("/rapport.csv", use: reportCSV)
    router.post("/rapport/archiver", use: archive)
    router.post("/dossiers/:ref/effacer", use: erase)
    router.get("/agenda", use: agenda)
    router.get("/agenda.ics", use: agendaFeed)
  }

  func requireReport(_ context: WebContext) throws {
    guard AccessPolicy.mayReport(context.viewer), AccessPolicy.mayWorkOnCases(context.viewer) else {
      throw WebError(status: .forbidden, message: "Le rapport d'activité, l'archivage et l'effacement se font par un compte responsable.")
    }
  }

  /// The report's filter from the query: the calendar year by default.
  func filter(_ request: Request) throws -> YearReport.Filter {
    let q = request.uri.queryParameters
    let year = today().year
    func day(_ name: String, _ fallback: CivilDate) throws -> CivilDate {
      guard let t = q[Substring(name)].map(String.init)?.trimmingSpaces, !t.isEmpty else { return fallback }
      guard let d = CivilDate(t), CivilDate.inputYears.contains(d.year) else {
        throw WebError(status: .unprocessableContent, message: "Période, champ « \(name) » : date invalide « \(t.excerpt) » (AAAA-MM-JJ).")
      }
      return d
    }
    let from = try day("du", CivilDate(year: year, month: 1, day: 1)!)
    let to = try day("au", CivilDate(year: year, month: 12, day: 31)!)
    guard from <= to else {
      throw WebError(status: .unprocessableContent, message: "Période : le début (« du ») doit précéder la fin (« au »).")
    }
    func text(_ name: String) -> String? {
      q[Substring(name)].map(String.init).map(\.trimmingSpaces).flatMap { $0.isEmpty ? nil : String($0.prefix(200)) }
    }
    var measure: MeasureType?
    if let m = text("mesure") {
      guard let t = MeasureType(rawValue: m) else {
        throw WebError(status: .unprocessableContent, message: "Mesure : choisissez dans la liste.")
      }
      measure = t
    }
    return YearReport.Filter(from: from, to: to, measure: measure, funder: text("financeur"), counsellor: text("conseiller"))
  }

  func build(_ request: Request, context: WebContext) async throws -> YearReport {
    try requireReport(context)
    let f = try filter(request)
    let actor = context.actor
    let visible = CaseFilter(visibleTo: context.viewer.account)
    let records = try await store.run { try await $0.reportRecords(visible, by: actor) }
    return YearReport(records, filter: f, policy: configuration.policy)
  }

  @Sendable func report(_ request: Request, context: WebContext) async throws -> HTML {
    let r = try await build(request, context: context)
    var link = URLComponents()
    link.path = "/rapport.csv"
    link.query = request.uri.query
    let funders = Array(Set(MeasureType.allCases.compactMap { configuration.policy.rule($0).funder })).sorted()
    var model = ReportPage(r, policy: configuration.policy, funders: funders, csvLink: link.string ?? "/rapport.csv", today: today())
    if let n = request.uri.queryParameters["archives"].flatMap({ Int($0) }) {
      model.archived =
        n == 0
        ? "Aucun dossier n'était à archiver."
        : "\(n) dossier(s) archivé(s) : leurs champs personnels sont effacés, leurs chiffres restent dans ce rapport."
    }
    return HTML.page("Rapport d'activité", "rapport", model: model, context: context, wide: true)
  }

  @Sendable func reportCSV(_ request: Request, context: WebContext) async throws -> Response {
    let r = try await build(request, context: context)
    let name = "rapport-\(r.filter.from)-\(r.filter.to).csv"
    return Response(
      status: .ok,
      headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(name)\""],
      body: .init(byteBuffer: ByteBuffer(string: r.csv)))
  }

  /// Archives the cases this responsable sees that were closed before the retention period.
  @Sendable func archive(_ request: Request, context: WebContext) async throws -> Response {
    try requireReport(context)
    let form = try await Form.read(request, context: context)
    guard form["confirmer"] == "oui" else {
      throw WebError(
        status: .unprocessableContent, message: "Archivage : cochez la confirmation ; les données personnelles effacées ne reviennent pas.")
    }
    let cutoff = today().adding(years: -configuration.policy.retentionYears)
    let actor = context.actor
    let visible = CaseFilter(status: .clos, visibleTo: context.viewer.account)
    let refs = try await store.run { s in
      let among = try await s.list(visible).map(\.ref)
      return try await s.purge(closedBefore: cutoff, among: among, by: actor)
    }
    return Response(status: .seeOther, headers: [.location: "/rapport?archives=\(refs.count)#t-archivage"])
  }

  /// Erases a case's personal data on the person's request (typed confirmation).
  @Sendable func erase(_ request: Request, context: WebContext) async throws -> Response {
    let ref = try context.caseRef()
    try requireReport(context)
    let form = try await Form.read(request, context: context)
    guard (form["confirmation"] ?? "").trimmingSpaces == ref.text else {
      throw WebError(status: .unprocessableContent, message: "Effacement : recopiez la référence du dossier (\(ref)) pour confirmer.")
    }
    let actor = context.actor
    try await store.run { try await $0.erase(ref, by: actor) }
    return Response(status: .seeOther, headers: [.location: "/dossiers/\(ref)"])
  }

  /// Whose agenda: the signed-in counsellor, or the local user.
  func owner(_ context: WebContext) -> String { context.viewer.account?.login ?? configuration.counsellor }

  /// The week starting on the Monday of `?semaine=` (today by default).
  @Sendable func agenda(_ request: Request, context: WebContext) async throws -> HTML {
    let typed = request.uri.queryParameters["semaine"].map(String.init) ?? ""
    guard typed.isEmpty || CivilDate(typed).map({ CivilDate.inputYears.contains($0.year) }) == true else {
      throw WebError(status: .unprocessableContent, message: "Semaine : date invalide « \(typed.excerpt) » (AAAA-MM-JJ).")
    }
    let day = CivilDate(typed) ?? today()
    let monday = Self.monday(of: day)
    let sunday = monday.adding(days: 6)
    let who = owner(context)
    let visible = CaseFilter(visibleTo: context.viewer.account)
    let entries = try await store.run { try await $0.agenda(from: monday, to: sunday, counsellor: who, filter: visible) }
    let days = (0..<7).compactMap { k -> AgendaPage.Day? in
      let d = monday.adding(days: k)
      let items = entries.filter { $0.appointment.date == d }
      guard !items.isEmpty else { return nil }
      return AgendaPage.Day(
        title: Self.weekdays[k] + " " + d.french,
        items: items.map { e in
          let a = e.appointment
          return .init(
            ref: e.ref.text,
            text: (a.time.map { $0.replacingOccurrences(of: ":", with: " h ") + " — " } ?? "")
              + "\(e.ref) \(e.label) : \(a.channel.french), \(a.purpose)",
            link: "/dossiers/\(e.ref)#t-rendez-vous", ics: "/dossiers/\(e.ref)/rendez-vous/\(a.id).ics")
        })
    }
    let model = AgendaPage(
      week: "du \(monday.french) au \(sunday.french)", previous: monday.adding(days: -7).description,
      next: monday.adding(days: 7).description,
      counsellor: who, days: days, hasAppointments: !days.isEmpty)
    return HTML.page("Agenda", "agenda", model: model, context: context)
  }

  /// Every appointment to come of the counsellor, as one calendar file.
  @Sendable func agendaFeed(_ request: Request, context: WebContext) async throws -> Response {
    let who = owner(context)
    let visible = CaseFilter(visibleTo: context.viewer.account)
    let from = today()
    let entries = try await store.run {
      try await $0.agenda(from: from, to: from.adding(years: Limits.yearsAhead), counsellor: who, filter: visible)
    }
    let stamp = SQLCaseStore.isoNow().prefix(19).replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "") + "Z"
    return Response(
      status: .ok,
      headers: [.contentType: "text/calendar; charset=utf-8", .contentDisposition: "attachment; filename=\"agenda.ics\""],
      body: .init(byteBuffer: ByteBuffer(string: AppointmentCalendar.ics(entries.map { ($0.ref, $0.appointment) }, stamp: stamp))))
  }

  static let weekdays = ["Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche"]

  /// The Monday of `d`'s week (2026-11-23 was a Monday).
  static func monday(of d: CivilDate) -> CivilDate {
    let reference = CivilDate(year: 2026, month: 11, day: 23)!.dayNumber
    let offset = ((d.dayNumber - reference) % 7 + 7) % 7
    return d.adding(days: -offset)
  }
}
