import EquilibreCases
import EquilibreCore
import EquilibreDocuments
import Foundation
import Hummingbird

/// The cases: list, new case, the case page, a new situation, contacts and objectives.
/// Each handler turns the request into library calls and the result into a page.
struct CasesController {
  let store: StorePool
  let configuration: WebConfiguration
  let today: @Sendable () -> CivilDate
  /// The case page's fixed lists, rendered once.
  let lists: CasePage.FixedLists

  init(store: StorePool, configuration: WebConfiguration, today: @escaping @Sendable () -> CivilDate) {
    self.store = store
    self.configuration = configuration
    self.today = today
    lists = CasePage.FixedLists(policy: configuration.policy)
  }

  static let pageSize = 50

  func addRoutes(to router: Router<WebContext>) {
    router.get("/", use: { _, _ in Response(status: .seeOther, headers: [.location: "/dossiers"]) })
    router.get("/dossiers", use: list)
    router.get("/dossiers/nouveau", use: newCase)
    router.post("/dossiers", use: create)
    router.get("/dossiers/:ref", use: show)
    router.post("/dossiers/:ref", use: saveSituation)
    router.post("/dossiers/:ref/contacts", use: addContact)
    router.post("/dossiers/:ref/objectifs", use: addObjective)
    router.post("/dossiers/:ref/variantes", use: addVariant)
    router.post("/dossiers/:ref/variantes/retirer", use: removeVariant)
    router.post("/dossiers/:ref/variantes/gerer", use: manageVariant)
  }

  // MARK: List

  @Sendable func list(_ request: Request, context: WebContext) async throws -> HTML {
    let q = request.uri.queryParameters
    let search = q["q"].map(String.init)?.trimmingSpaces ?? ""
    let status = q["statut"].flatMap { CaseStatus(rawValue: String($0)) }
    let measure = q["mesure"].flatMap { MeasureType(rawValue: String($0)) }
    let onlyAlerts = q["alerte"] == "1"
    let counsellor = q["conseiller"].map(String.init)?.trimmingSpaces ?? ""
    let after = q["apres"].flatMap { CaseRef(String($0)) }
    let before = q["avant"].flatMap { CaseRef(String($0)) }
    let policy = configuration.policy
    let day = today()
    let filter = CaseFilter(status: status, counsellor: counsellor.isEmpty ? nil : counsellor, visibleTo: context.viewer.account)
    let query = CaseQuery(
      filter: filter, search: search, measure: measure, after: after, before: after == nil ? before : nil, limit: Self.pageSize)
    let (page, alerts): (CaseListing, [CaseRef: [String]]) = try await store.run { s in
      // The alerts' messages of the cases among `refs` (all when nil) that have some.
      func alertMessages(among refs: [CaseRef]?) async throws -> [CaseRef: [String]] {
        var alerts: [CaseRef: [String]] = [:]
        for input in try await s.followUpInputs(filter, among: refs, today: day) {
          let a = FollowUp.alerts(input, policy: policy, today: day)
          if !a.isEmpty { alerts[input.ref] = a.map(\.message) }
        }
        return alerts
      }
      // « Avec alerte » : the cases come from the due dates' query, then are paged in order.
      if onlyAlerts {
        let alerts = try await alertMessages(among: nil)
        let all = try await s.page(CaseQuery(filter: filter, search: search, measure: measure, limit: 0)).cases.filter {
          alerts[$0.ref] != nil
        }
        return (Self.slice(all, after: query.after, before: query.before), alerts)
      }
      let page = try await s.page(query)
      return (page, try await alertMessages(among: page.cases.map(\.ref)))
    }
    func link(_ key: String, _ ref: CaseRef?) -> String {
      var c = URLComponents()
      c.path = "/dossiers"
      var items: [URLQueryItem] = []
      if let ref { items.append(URLQueryItem(name: key, value: ref.text)) }
      if !search.isEmpty { items.append(URLQueryItem(name: "q", value: search)) }
      if let status { items.append(URLQueryItem(name: "statut", value: status.rawValue)) }
      if let measure { items.append(URLQueryItem(name: "mesure", value: measure.rawValue)) }
      if onlyAlerts { items.append(URLQueryItem(name: "alerte", value: "1")) }
      if !counsellor.isEmpty { items.append(URLQueryItem(name: "conseiller", value: counsellor)) }
      c.queryItems = items.isEmpty ? nil : items
      return c.string ?? "/dossiers"
    }
    let model = CaseListPage(
      search: search, counsellor: counsellor, total: String(page.total),
      range: page.hasPrevious || page.hasNext ? "\(page.cases.first?.ref.text ?? "") à \(page.cases.last?.ref.text ?? "")" : "",
      statuses: [.init(value: "", label: "tous", selected: status == nil)]
        + CaseStatus.allCases.map { .init(value: $0.rawValue, label: $0.french, selected: $0 == status) },
      measures: [.init(value: "", label: "toutes", selected: measure == nil)]
        + MeasureType.allCases.map { .init(value: $0.rawValue, label: $0.french, selected: $0 == measure) },
      onlyAlerts: onlyAlerts,
      hasCases: !page.cases.isEmpty,
      cases: page.cases.map { c in
        .init(ref: c.ref.text, label: c.label, counsellor: c.counsellor, status: c.status.french, alerts: alerts[c.ref] ?? [])
      },
      first: page.hasPrevious ? link("", nil) : "",
      previous: page.hasPrevious ? page.cases.first.map { link("avant", $0.ref) } ?? "" : "",
      next: page.hasNext ? page.cases.last.map { link("apres", $0.ref) } ?? "" : "")
    return HTML.page("Dossiers", "dossiers", model: model, context: context)
  }

  /// A page of `all` (in order), for the filters answered outside the list's query.
  static func slice(_ all: [CaseSummary], after: CaseRef?, before: CaseRef?) -> CaseListing {
    var start = 0
    var end = min(all.count, pageSize)
    if let after {
      start = all.firstIndex { $0.ref > after } ?? all.count
      end = min(all.count, start + pageSize)
    } else if let before {
      end = all.firstIndex { $0.ref >= before } ?? all.count
      start = max(0, end - pageSize)
    }
    return CaseListing(cases: Array(all[start..<end]), total: all.count, hasPrevious: start > 0, hasNext: end < all.count)
  }

  // MARK: New case

  func situationPage(
    title: String, record: CaseRecord?, scenarioText: String, computed: ComputedScenario, errors: [String], context: WebContext,
    status: HTTPResponse.Status = .ok, access: CaseAccess? = nil, fragments: FiguresPanel.Fragments? = nil
  ) -> HTML {
    var page = CasePage(
      isNew: record == nil, scenario: scenarioText, hasErrors: !errors.isEmpty, errors: errors,
      action: record.map { "/dossiers/\($0.file.ref)" } ?? "/dossiers", version: record.map { String($0.file.version) } ?? "",
      today: today().description)
    if let access, let me = context.viewer.account {
      page.shared = true
      page.followedBy = access.counsellor
      page.sharedStructure = access.structure ?? ""
      page.sharedWith = access.sharedWith
      page.hasSharedWith = !access.sharedWith.isEmpty
      page.mayShare = access.counsellor == me.login || me.role == .responsable
    }
    if let r = record {
      let f = r.file
      page.ref = f.ref.text
      page.label = f.label
      page.status = f.status.french
      page.counsellor = f.counsellor
      page.structure = f.structure ?? ""
      page.alerts = FollowUp.alerts(FollowUp.Input(r), policy: configuration.policy, today: today()).map(\.message)
      page.hasAlerts = !page.alerts.isEmpty
      page.hasEvolution = r.situations.count > 1
      page.evolutionSVG = EvolutionChart.svg(r.situations)
      let policy = configuration.policy
      page.measures = r.measures.map { m in
        let rule = policy.rule(m.type)
        return .init(
          id: m.id, summary: policy.summary(m), isOpen: m.isOpen, isSuspended: m.isSuspended,
          renewalMonths: rule.renewalMonths.map(String.init) ?? "",
          agreedBy: rule.agreedBy ?? "")
      }
      page.setLists(lists)
      page.isOpenCase = f.status == .ouvert
      page.isSuspended = f.status == .suspendu
      page.isClosed = f.status == .clos
      page.objectives = r.objectives.map { o in
        .init(
          id: o.id, text: "\(o.id) \(HouseholdForm.capitalized(o.theme.french)) : \(o.wording)", status: o.status.french,
          due: o.due?.description ?? "", dueFrench: o.due.map { "échéance le \($0.french)" } ?? "sans échéance",
          assessment: o.assessment ?? "",
          statuses: ObjectiveStatus.allCases.map {
            .init(value: $0.rawValue, label: HouseholdForm.capitalized($0.french), selected: $0 == o.status)
          },
          actions: o.actions.map { a in
            .init(
              id: a.id,
              text: "\(a.id) \(a.wording)" + (a.owner.map { " — \($0.french)" } ?? "") + (a.due.map { ", pour le \($0.french)" } ?? ""),
              statuses: ActionStatus.allCases.map {
                .init(value: $0.rawValue, label: HouseholdForm.capitalized($0.french), selected: $0 == a.status)
              })
          })
      }
      page.contacts = r.contacts.map { c in
        .init(
          text: "\(c.date.french), \(c.channel.french) (\(c.counsellor)) : \(c.synthesis)",
          privateNote: AccessPolicy.mayReadPrivateNote(by: c.counsellor, viewer: context.viewer) ? c.privateNote ?? "" : "")
      }
      page.mayReadAudit = AccessPolicy.mayReadAudit(context.viewer)
      page.appointments = r.appointments.map { a in
        .init(
          id: a.id, text: "\(a.id) " + a.french + (a.contact.map { " — tenu (contact \($0))" } ?? ""), held: a.isHeld,
          mayHold: !a.isHeld && a.date <= today())
      }
      page.hasPendingAppointments = r.appointments.contains { !$0.isHeld }
      // The variant form's lists: kinds in plain French, the case's own creditors and offers.
      let s = computed.scenario
      page.creditors = (s?.debts ?? []).map(\.creditor)
      page.hasCreditors = !page.creditors.isEmpty
      page.offerNames = (s?.offers ?? []).map(\.name)
      page.hasOfferNames = !page.offerNames.isEmpty
      page.leavers = (s?.members ?? []).filter { $0.role != .demandeur }.compactMap(\.name)
      page.hasLeavers = !page.leavers.isEmpty
      let names = (s?.variants ?? []).map(\.name)
      page.variants = names.enumerated().map { i, name in .init(name: name, rank: i + 1, first: i == 0, last: i == names.count - 1) }
      page.hasVariants = !names.isEmpty
      page.staleVariants = r.latest?.computed.refused ?? []
      page.hasStaleVariants = !page.staleVariants.isEmpty
      let handed = r.documents.filter { !$0.isPiece }
      page.hasDocuments = !handed.isEmpty
      page.documents = handed.map { d in "\(d.id) \(d.date.french) : \(d.type) (\(d.format)), SHA-256 \(String(d.sha256.prefix(12)))…" }
      page.aids = r.aidRequests.map { a in
        .init(
          id: a.id, text: a.french + (a.note.map { " — \($0)" } ?? ""), pending: a.isPending, granted: a.decision?.grants == true,
          isLoan: a.kind == .pret)
      }
      // The page's own situation, already parsed, when it is the latest (no second parse per view).
      let checklist = PieceChecklist(r, latest: scenarioText == r.latest?.computed.text ? computed.scenario : nil)
      func piece(_ d: HandedDocument) -> CasePage.ChecklistEntry.Piece {
        .init(id: d.id, text: "\(d.id) \(d.fileName) (\(d.format.uppercased()), reçue le \(d.date.french))")
      }
      page.checklist = checklist.lines.map { .init(piece: $0.piece, why: $0.why, received: $0.isReceived, pieces: $0.received.map(piece)) }
      page.hasChecklist = !page.checklist.isEmpty
      page.missingPieces =
        checklist.missing == 0
        ? "toutes les pièces demandées sont reçues" : "\(checklist.missing) pièce(s) manquante(s) sur \(checklist.lines.count)"
      page.otherPieces = checklist.unlinked.map(piece)
      page.hasOtherPieces = !page.otherPieces.isEmpty
      page.mayErase = AccessPolicy.mayReport(context.viewer)
      page.purged = f.purged
    }
    var data = TemplateData(page)
    data.merge(TemplateData(fragments ?? ComputedScenario.fragments(computed.panel)))
    return HTML.page(title, "dossier", data, context: context, status: status)
  }

  @Sendable func newCase(_ request: Request, context: WebContext) async throws -> HTML {
    let text = ScenarioTemplate.blank(on: today())
    return situationPage(
      title: "Nouveau dossier", record: nil, scenarioText: text, computed: ComputedScenario(text: text), errors: [], context: context)
  }

  @Sendable func create(_ request: Request, context: WebContext) async throws -> Response {
    let form = try await Form.read(request, context: context)
    let text = form["scenario"] ?? ""
    let computed = ComputedScenario(text: text)
    guard form["faire"] == "enregistrer", let scenario = computed.scenario, let figures = computed.figures else {
      let status: HTTPResponse.Status = computed.errors.isEmpty ? .ok : .unprocessableContent
      return try situationPage(
        title: "Nouveau dossier", record: nil, scenarioText: text, computed: computed, errors: computed.errors, context: context,
        status: status
      )
      .response(from: request, context: context)
    }
    let structure = form["structure"].flatMap { $0.trimmingSpaces.isEmpty ? nil : $0 }
    let owner = context.owner(localCounsellor: configuration.counsellor, structure: structure ?? scenario.socialService?.organisation)
    let new = NewCase(
      label: String((scenario.summary ?? "Dossier du \(today().french)").prefix(Limits.label)), counsellor: owner.counsellor,
      structure: owner.structure, openedOn: today(),
      situation: .carrying(text: text, scenario: scenario, figures: figures, note: nil, previous: nil))
    let actor = context.actor
    let ref = try await store.run { try await $0.openCase(new, by: actor) }
    return Response(status: .seeOther, headers: [.location: "/dossiers/\(ref)"])
  }

}
