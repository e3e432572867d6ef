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
    let counsellor = q["conseiller"].map(String.init)?.trimmingSpaces ?? ""
    let page = max(1, q["page"].flatMap { Int(String($0)) } ?? 1)
    let policy = configuration.policy
    let day = today()
    let visibleTo = context.viewer.account
    let (cases, alerts) = try await store.run { s in
      let list = try await s.list(CaseFilter(status: status, counsellor: counsellor.isEmpty ? nil : counsellor, visibleTo: visibleTo))
      let shown = Set(list.map(\.ref))
      var alerts: [CaseRef: [String]] = [:]
      for input in try await s.followUpInputs() where shown.contains(input.ref) {
        let a = FollowUp.alerts(input, policy: policy, today: day)
        if !a.isEmpty { alerts[input.ref] = a.map(\.message) }
      }
      return (list, alerts)
    }
    let filtered =
      search.isEmpty
      ? cases
      : cases.filter { $0.ref.text.localizedCaseInsensitiveContains(search) || $0.label.localizedCaseInsensitiveContains(search) }
    let pages = max(1, (filtered.count + Self.pageSize - 1) / Self.pageSize)
    let shown = filtered.dropFirst((min(page, pages) - 1) * Self.pageSize).prefix(Self.pageSize)
    func link(_ p: Int) -> String {
      var c = URLComponents()
      c.path = "/dossiers"
      c.queryItems =
        [URLQueryItem(name: "page", value: String(p))]
        + (search.isEmpty ? [] : [URLQueryItem(name: "q", value: search)])
        + (status.map { [URLQueryItem(name: "statut", value: $0.rawValue)] } ?? [])
        + (counsellor.isEmpty ? [] : [URLQueryItem(name: "conseiller", value: counsellor)])
      return c.string ?? "/dossiers"
    }
    let model = CaseListPage(
      search: search, counsellor: counsellor, total: String(filtered.count), page: String(min(page, pages)),
      pages: pages > 1 ? String(pages) : "",
      statuses: [.init(value: "", label: "tous", selected: status == nil)]
        + CaseStatus.allCases.map { .init(value: $0.rawValue, label: $0.french, selected: $0 == status) },
      hasCases: !shown.isEmpty,
      cases: shown.map { c in
        .init(ref: c.ref.text, label: c.label, counsellor: c.counsellor, status: c.status.french, alerts: alerts[c.ref] ?? [])
      },
      previous: page > 1 ? link(page - 1) : "", next: page < pages ? link(page + 1) : "")
    return HTML.page("Dossiers", "dossiers", model: model, context: context)
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
      page.measureKinds = MeasureType.allCases.map { t in
        .init(value: t.rawValue, label: HouseholdForm.capitalized(t.french) + (policy.initialMonths(t).map { " — \($0) mois" } ?? ""))
      }
      page.closingReasons = ClosingReason.allCases.map { .init(value: $0.rawValue, label: HouseholdForm.capitalized($0.french)) }
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
      page.actionOwners = ActionOwner.allCases.map { .init(value: $0.rawValue, label: HouseholdForm.capitalized($0.french)) }
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
      page.themes = ObjectiveTheme.allCases.map { .init(value: $0.rawValue, label: $0.french) }
      page.channels = ContactChannel.allCases.map { .init(value: $0.rawValue, label: $0.french) }
      page.documentKinds = DocumentsController.Kind.allCases.map { .init(value: $0.rawValue, label: $0.french) }
      // The variant form's lists: kinds in plain French, the case's own creditors and offers.
      let s = computed.scenario
      page.variantKinds = Self.variantKinds.map { .init(value: $0.value, label: $0.label) }
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
      page.aidOrganisations = AidOrganisation.allCases.map { .init(value: $0.rawValue, label: HouseholdForm.capitalized($0.french)) }
      page.aidKinds = AidKind.allCases.map { .init(value: $0.rawValue, label: HouseholdForm.capitalized($0.french)) }
      page.aidDecisions = AidDecision.allCases.map { .init(value: $0.rawValue, label: HouseholdForm.capitalized($0.french)) }
      let checklist = PieceChecklist(r)
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
    var data = TemplateData.dictionary(page)
    data.merge(TemplateData.dictionary(fragments ?? ComputedScenario.fragments(computed.panel))) { $1 }
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

  // MARK: The case

  @Sendable func show(_ request: Request, context: WebContext) async throws -> HTML {
    let ref = try context.caseRef()
    let actor = context.actor
    let shared = context.viewer.account != nil
    let (record, access) = try await store.run { s in
      (try await s.load(ref, by: actor), shared ? try await s.caseAccess(ref) : nil)
    }
    let text = record.latest?.computed.text ?? ""
    let figures = FiguresCache.shared.entry(text)
    return situationPage(
      title: "Dossier \(ref)", record: record, scenarioText: text, computed: figures.computed, errors: [], context: context, access: access,
      fragments: figures.fragments)
  }

  @Sendable func saveSituation(_ request: Request, context: WebContext) async throws -> Response {
    let ref = try context.caseRef()
    let form = try await Form.read(request, context: context)
    let text = form["scenario"] ?? ""
    let computed = ComputedScenario(text: text)
    let actor = context.actor
    guard form["faire"] == "enregistrer", let scenario = computed.scenario, let figures = computed.figures else {
      let record = try await store.run { try await $0.load(ref, by: actor) }
      let status: HTTPResponse.Status = computed.errors.isEmpty ? .ok : .unprocessableContent
      return try situationPage(
        title: "Dossier \(ref)", record: record, scenarioText: text, computed: computed, errors: computed.errors, context: context,
        status: status
      )
      .response(from: request, context: context)
    }
    // The expert editor shows the variants with the text: what it saves is the whole situation.
    let draft = SituationDraft.carrying(
      text: text, scenario: scenario, figures: figures, note: form["note"].flatMap { $0.isEmpty ? nil : $0 }, previous: nil)
    let expected = form["version"].flatMap(Int.init)
    do {
      _ = try await store.run { try await $0.apply(.situation(draft), to: ref, expectedVersion: expected, by: actor) }
    } catch let e as StoreError {
      // The counsellor's text is shown again with the reason: nothing typed is lost.
      let record = try await store.run { try await $0.load(ref, by: actor) }
      return try situationPage(
        title: "Dossier \(ref)", record: record, scenarioText: text, computed: computed, errors: [e.description], context: context,
        status: .conflict
      )
      .response(from: request, context: context)
    }
    return Response(status: .seeOther, headers: [.location: "/dossiers/\(ref)"])
  }

  @Sendable func addContact(_ request: Request, context: WebContext) async throws -> Response {
    let ref = try context.caseRef()
    let form = try await Form.read(request, context: context)
    guard let channel = form["canal"].flatMap(ContactChannel.init(rawValue:)) else {
      throw WebError(status: .unprocessableContent, message: "Canal du contact : choisissez dans la liste.")
    }
    guard let date = form["date"].flatMap({ CivilDate($0) }) else {
      throw WebError(status: .unprocessableContent, message: "Date du contact invalide (AAAA-MM-JJ).")
    }
    let note = form["note_privee"].flatMap { $0.trimmingSpaces.isEmpty ? nil : $0 }
    let change = CaseChange.contact(
      date: date, channel: channel, synthesis: form["synthese"] ?? "", privateNote: note, nextAppointment: nil)
    return try await store.apply(change, form: form, to: ref, context: context)
  }

  @Sendable func addObjective(_ request: Request, context: WebContext) async throws -> Response {
    let ref = try context.caseRef()
    let form = try await Form.read(request, context: context)
    let theme = form["theme"].flatMap(ObjectiveTheme.init(rawValue:)) ?? .autre
    let dueText = (form["echeance"] ?? "").trimmingSpaces
    guard dueText.isEmpty || CivilDate(dueText) != nil else {
      throw WebError(status: .unprocessableContent, message: "Échéance de l'objectif : date invalide « \(dueText.excerpt) » (AAAA-MM-JJ).")
    }
    let change = CaseChange.objective(theme: theme, wording: form["libelle"] ?? "", agreed: true, due: CivilDate(dueText))
    return try await store.apply(change, form: form, to: ref, context: context)
  }

  /// The kinds of change a variant makes from the page, as a counsellor names them.
  static let variantKinds: [(value: String, label: String)] = [
    ("salaire", "Nouvel emploi : un salaire en plus (par mois)"),
    ("salaire-modifie", "Salaire du demandeur modifié : nouveau montant (par mois)"),
    ("perte-emploi", "Perte d'emploi : salaire du demandeur supprimé, allocation chômage (par mois, 0 si aucune)"),
    ("heures", "Heures de travail du demandeur changées : salaire au prorata (heures par semaine, avant → après)"),
    ("loyer", "Nouveau loyer hors charges (par mois)"),
    ("offre", "Emménagement dans une offre de logement (choisir l'offre)"),
    ("aide", "Aide accordée (FSL, Action Logement…) qui apure une dette : montant"),
    ("dette", "Dette rééchelonnée : nouvelle mensualité"),
    ("dette-effacee", "Dette effacée ou soldée (montant : 0)"),
    ("regroupement", "Regroupement des dettes cochées en un prêt : capital, taux, durée, frais"),
    ("naissance", "Naissance ou arrivée d'un enfant (prénom facultatif ; montant inutile)"),
    ("depart", "Départ d'une personne du foyer, avec ses ressources (choisir la personne ; montant inutile)"),
  ]

  /// The variant's changes from the page's form: the same `VariantChange` the YAML and the CLI use.
  static func variantChanges(_ form: Form, scenario: Scenario) throws -> [VariantChange] {
    // The household changes need no amount.
    switch form["type"] {
    case "naissance":
      let name = (form["prenom_personne"] ?? "").trimmingSpaces
      guard name.count <= 100, !scenario.members.contains(where: { $0.name == name && !name.isEmpty }) else {
        throw WebError(status: .unprocessableContent, message: "Prénom de l'enfant : 100 caractères au plus, différent de ceux du ménage.")
      }
      return [.addMember(Member(name: name.isEmpty ? "Bébé" : name, role: .enfant, birthDate: scenario.date))]
    case "heures":
      func hours(_ field: String, _ label: String) throws -> Rational {
        let t = (form[field] ?? "").trimmingSpaces
        guard let r = try? Rational(french: t), r > Rational(0), r <= Rational(100) else {
          throw WebError(
            status: .unprocessableContent,
            message: "Heures de travail, \(label) : « \(t.excerpt) » illisible (de 1 à 100 heures par semaine).")
        }
        return r
      }
      guard
        let change = VariantChange.hours(
          in: scenario, person: 0, from: try hours("heures_avant", "avant"), to: try hours("heures_apres", "après"))
      else {
        throw WebError(status: .unprocessableContent, message: "Heures de travail : le demandeur n'a pas de salaire dans la situation.")
      }
      return [change]
    case "depart":
      let name = (form["personne"] ?? "").trimmingSpaces
      guard scenario.members.contains(where: { $0.name == name && $0.role != .demandeur }) else {
        throw WebError(
          status: .unprocessableContent,
          message:
            "Personne qui part : choisissez-la dans la liste (\(scenario.members.filter { $0.role != .demandeur }.compactMap(\.name).joined(separator: ", ")))"
        )
      }
      return [.removeMember(name: name)]
    default: break
    }
    guard let amountText = form["montant"]?.trimmingSpaces, let amount = try? Money(french: amountText), !amount.isNegative,
      amount.exactCents != nil,
      amount.value <= Rational(Money.maximumInputEuros)
    else { throw WebError(status: .unprocessableContent, message: "Montant de la variante illisible : par exemple 450 ou 450,50.") }
    func debt() throws -> Debt {
      let creditor = (form["creancier"] ?? "").trimmingSpaces
      guard let d = scenario.debts.first(where: { $0.creditor == creditor }) else {
        throw WebError(
          status: .unprocessableContent,
          message: "Créancier inconnu : choisissez-le dans la liste des dettes (\(scenario.debts.map(\.creditor).joined(separator: ", ")))")
      }
      return d
    }
    switch form["type"] {
    case "salaire": return [.addResource(Resource(type: .salaire, amount: amount, person: 0))]
    case "salaire-modifie": return [.setResource(type: .salaire, person: 0, amount: amount)]
    case "perte-emploi":
      return [.removeResource(type: .salaire, person: 0)]
        + (amount.isZero ? [] : [.addResource(Resource(type: .chomage, amount: amount, person: 0))])
    case "loyer": return [.housing(rent: amount, charges: nil, benefit: nil, status: nil)]
    case "offre":
      let chosen = (form["offre"] ?? "").trimmingSpaces
      guard let o = scenario.offers.first(where: { $0.name == chosen }) else {
        throw WebError(
          status: .unprocessableContent,
          message: scenario.offers.isEmpty
            ? "Ce dossier n'a pas d'offre de logement : ajoutez-la à la situation (offres) avant de simuler l'emménagement."
            : "Offre inconnue : choisissez-la dans la liste (\(scenario.offers.map(\.name).joined(separator: ", ")))")
      }
      return [.offer(o)]
    case "aide":
      let d = try debt()
      let remaining = d.remainingDue - amount
      let arrears = d.arrears - amount
      return [
        .setDebt(
          creditor: d.creditor, payment: nil, remaining: remaining.isNegative ? .zero : remaining,
          arrears: arrears.isNegative ? .zero : arrears)
      ]
    case "dette": return [.setDebt(creditor: try debt().creditor, payment: amount, remaining: nil, arrears: nil)]
    case "dette-effacee": return [.removeDebt(creditor: try debt().creditor)]
    case "regroupement":
      let chosen = form.fields.filter { $0.name == "regrouper" }.map(\.value)
      guard !chosen.isEmpty, chosen.allSatisfy({ c in scenario.debts.contains { $0.creditor == c } }) else {
        throw WebError(status: .unprocessableContent, message: "Regroupement : cochez au moins une des dettes du dossier à regrouper.")
      }
      func number(_ field: String, _ label: String) throws -> Rational {
        let t = (form[field] ?? "").trimmingSpaces
        guard let r = try? Rational(french: t), !r.isNegative else {
          throw WebError(status: .unprocessableContent, message: "Regroupement, \(label) : « \(t.excerpt) » illisible.")
        }
        return r
      }
      let rate = try number("taux", "taux annuel (%)") / Rational(100)
      let months = try number("duree", "durée (mois)")
      let fees = (form["frais"] ?? "").trimmingSpaces.isEmpty ? Money.zero : Money(try number("frais", "frais de dossier"))
      guard let periods = months.scaledInteger(by: 1), (1...LoanTerms.maximumPeriods).contains(periods) else {
        throw WebError(
          status: .unprocessableContent, message: "Regroupement, durée : un nombre entier de mois, de 1 à \(LoanTerms.maximumPeriods).")
      }
      var terms = LoanTerms(capital: amount, annualRate: rate, periods: periods)
      terms.fees = fees
      do { try terms.validate() } catch { throw WebError(status: .unprocessableContent, message: "Regroupement : \(error.description)") }
      return [.newLoan(label: "Prêt de regroupement", terms: terms, settles: chosen)]
    default: throw WebError(status: .unprocessableContent, message: "Type de changement : choisissez dans la liste.")
    }
  }

  /// A variant removed from the page (by its name); the situation itself is unchanged.
  @Sendable func removeVariant(_ request: Request, context: WebContext) async throws -> Response {
    try await editVariants(request, context: context, unreadable: "Situation impossible à calculer.") { scenario, form in
      let name = form["nom"] ?? ""
      guard let i = scenario.variants.firstIndex(where: { $0.name == name }) else {
        throw WebError(status: .notFound, message: "Variante introuvable : elle a peut-être déjà été retirée.")
      }
      scenario.variants.remove(at: i)
      return "variante « \(name) » retirée"
    }
  }

  /// A variant renamed, moved up or down, or removed (`faire`), by its name.
  @Sendable func manageVariant(_ request: Request, context: WebContext) async throws -> Response {
    try await editVariants(request, context: context, unreadable: "Situation impossible à calculer.") { scenario, form in
      let name = form["nom"] ?? ""
      guard let i = scenario.variants.firstIndex(where: { $0.name == name }) else {
        throw WebError(status: .notFound, message: "Variante introuvable : elle a peut-être été retirée ou renommée entre-temps.")
      }
      switch form["faire"] {
      case "renommer":
        let new = (form["nouveau_nom"] ?? "").trimmingSpaces
        guard !new.isEmpty, new.count <= 200 else {
          throw WebError(status: .unprocessableContent, message: "Nouveau nom de la variante : obligatoire, 200 caractères au plus.")
        }
        guard new == name || !scenario.variants.contains(where: { $0.name == new }) else {
          throw WebError(
            status: .unprocessableContent, message: "Nouveau nom de la variante : « \(new.excerpt) » existe déjà ; choisissez un autre nom."
          )
        }
        scenario.variants[i] = Variant(name: new, changes: scenario.variants[i].changes)
        return "variante « \(name) » renommée « \(new) »"
      case "monter", "descendre":
        let up = form["faire"] == "monter"
        let j = up ? i - 1 : i + 1
        guard scenario.variants.indices.contains(j) else { return "variante « \(name) » déjà \(up ? "en tête" : "en dernier")" }
        scenario.variants.swapAt(i, j)
        return "variante « \(name) » déplacée \(up ? "vers le haut" : "vers le bas")"
      case "retirer":
        scenario.variants.remove(at: i)
        return "variante « \(name) » retirée"
      default:
        throw WebError(status: .unprocessableContent, message: "Action sur la variante : renommer, monter, descendre ou retirer.")
      }
    }
  }

  /// A what-if variant added from the page: kept beside the latest situation, not a new version
  /// of it (the engines compute it like the CLI's `variantes:`).
  @Sendable func addVariant(_ request: Request, context: WebContext) async throws -> Response {
    try await editVariants(request, context: context, unreadable: "Variante impossible à calculer.") { scenario, form in
      let name = (form["nom"] ?? "").trimmingSpaces
      guard !name.isEmpty, name.count <= 200 else {
        throw WebError(status: .unprocessableContent, message: "Nom de la variante : obligatoire, 200 caractères au plus.")
      }
      guard !scenario.variants.contains(where: { $0.name == name }) else {
        throw WebError(
          status: .unprocessableContent, message: "Nom de la variante : « \(name.excerpt) » existe déjà ; choisissez un autre nom.")
      }
      scenario.variants.append(Variant(name: name, changes: try Self.variantChanges(form, scenario: scenario)))
      return "variante « \(name) » ajoutée"
    }
  }

  /// The latest situation's variants changed by `edit` (which returns the audit's note), checked
  /// against the situation and kept beside it; `unreadable` is the refusal when they no longer compute.
  func editVariants(
    _ request: Request, context: WebContext, unreadable: String, _ edit: (inout Scenario, Form) throws -> String
  ) async throws -> Response {
    let ref = try context.caseRef()
    let form = try await Form.read(request, context: context)
    let actor = context.actor
    let record = try await store.run { try await $0.load(ref, by: actor) }
    guard let latest = record.latest, var scenario = try? ScenarioFile.parse(latest.computed.text, file: "situation") else {
      throw WebError(status: .unprocessableContent, message: "La dernière situation ne se lit plus : enregistrez-en une nouvelle version.")
    }
    let note = try edit(&scenario, form)
    let yaml = VariantSet.yaml(scenario)
    // Every variant must still compute on the situation it starts from.
    let computed = ComputedScenario(text: VariantSet.apply(yaml, to: latest.scenarioText).text)
    guard computed.scenario != nil, computed.figures != nil else {
      throw WebError(status: .unprocessableContent, message: computed.errors.first ?? unreadable)
    }
    let expected = form["version"].flatMap(Int.init)
    _ = try await store.run {
      try await $0.apply(.variants(situation: latest.number, yaml: yaml, note: note), to: ref, expectedVersion: expected, by: actor)
    }
    return Response(status: .seeOther, headers: [.location: "/dossiers/\(ref)"])
  }
}
