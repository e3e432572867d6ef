import EquilibreCases
import EquilibreCore
import Foundation
import Hummingbird

/// The accompaniment from the case page: measures opened, renewed and closed under the measure
/// policy, and the case's life (suspended, reopened, closed with its reason). Each form becomes
/// one `CaseChange`; the policy's word comes from `EquilibreCases`, as for `equilibre suivi`.
struct FollowUpController {
  let store: StorePool
  let configuration: WebConfiguration
  let today: @Sendable () -> CivilDate

  func addRoutes(to router: Router<WebContext>) {
    router.post("/dossiers/:ref/mesures", use: openMeasure)
    router.post("/dossiers/:ref/mesures/:id", use: changeMeasure)
    router.post("/dossiers/:ref/etat", use: changeState)
    router.get("/dossiers/:ref/journal", use: audit)
    router.post("/dossiers/:ref/rendez-vous", use: addAppointment)
    router.post("/dossiers/:ref/rendez-vous/:id", use: appointmentHeld)
    router.get("/dossiers/:ref/rendez-vous/:id", use: appointmentCalendar)
    router.post("/dossiers/:ref/objectifs/:id", use: reviewObjective)
    router.post("/dossiers/:ref/objectifs/:id/actions", use: addAction)
    router.post("/dossiers/:ref/actions/:id", use: changeAction)
    router.post("/dossiers/:ref/aides", use: addAidRequest)
    router.post("/dossiers/:ref/aides/:id", use: changeAidRequest)
  }

  static func refused(_ message: String) -> WebError { WebError(status: .unprocessableContent, message: message) }

  /// A date field, today when left empty.
  func date(_ form: Form, _ field: String, _ label: String) throws -> CivilDate {
    let t = (form[field] ?? "").trimmingSpaces
    if t.isEmpty { return today() }
    guard let d = CivilDate(t) else { throw Self.refused("\(label) : date invalide « \(t.excerpt) » (AAAA-MM-JJ).") }
    return d
  }

  func months(_ form: Form, _ field: String, default value: Int?) throws -> Int {
    let t = (form[field] ?? "").trimmingSpaces
    if t.isEmpty, let value { return value }
    guard let n = Int(t), (1...120).contains(n) else {
      throw Self.refused(
        "Durée : un nombre entier de mois, de 1 à 120" + (value == nil ? " (la politique n'en fixe pas pour cette mesure)." : "."))
    }
    return n
  }

  func apply(_ change: CaseChange, _ form: Form, _ ref: CaseRef, _ context: WebContext) async throws -> Response {
    try await store.apply(change, form: form, to: ref, context: context, anchor: "#t-suivi")
  }

  /// Opens a measure: its type, prescriber, start and duration (the policy's by default).
  @Sendable func openMeasure(_ request: Request, context: WebContext) async throws -> Response {
    let ref = try context.caseRef()
    let form = try await Form.read(request, context: context)
    guard let type = form["type"].flatMap(MeasureType.init(rawValue:)) else {
      throw Self.refused("Type de mesure : choisissez dans la liste.")
    }
    let policy = configuration.policy
    let months = try months(form, "duree", default: policy.initialMonths(type))
    if let refusal = policy.openingRefusal(type, months: months), form["derogation"] == nil {
      throw Self.refused("Durée de \(months) mois : \(refusal). Cochez « dérogation » pour passer outre ; elle est notée au journal.")
    }
    let prescriber = (form["prescripteur"] ?? "").trimmingSpaces
    let change = CaseChange.openMeasure(
      type: type, prescriber: prescriber.isEmpty ? nil : prescriber, start: try date(form, "debut", "Début de la mesure"), months: months)
    return try await apply(change, form, ref, context)
  }

  /// Renews (`faire=renouveler`) or closes (`faire=clore`) a measure.
  @Sendable func changeMeasure(_ request: Request, context: WebContext) async throws -> Response {
    let ref = try context.caseRef()
    let id = (context.parameters.get("id") ?? "").uppercased()
    let form = try await Form.read(request, context: context)
    let actor = context.actor
    let record = try await store.run { try await $0.load(ref, by: actor) }
    guard let m = record.measures.first(where: { $0.id == id }) else {
      throw WebError(status: .notFound, message: "Mesure « \(id.excerpt) » introuvable dans ce dossier.")
    }
    let policy = configuration.policy
    switch form["faire"] {
    case "renouveler":
      let rule = policy.rule(m.type)
      let months = try months(form, "duree", default: rule.renewalMonths)
      let typed = (form["accord"] ?? "").trimmingSpaces
      guard let who = typed.isEmpty ? rule.agreedBy : typed else {
        throw Self.refused("Accord du renouvellement : qui l'a décidé (prescripteur, commission) ?")
      }
      let derogation = form["derogation"] != nil
      if let refusal = FollowUp.renewalRefusal(m, months: months, policy: policy), !derogation {
        throw Self.refused("Renouvellement refusé : \(refusal). Cochez « dérogation » pour passer outre ; elle est notée au journal.")
      }
      let renewal = Renewal(
        date: try date(form, "date", "Date du renouvellement"), months: months, agreedBy: derogation ? "\(who) (dérogation)" : who)
      return try await apply(.renewMeasure(id: id, renewal: renewal), form, ref, context)
    case "clore":
      let reason = (form["motif"] ?? "").trimmingSpaces
      guard !reason.isEmpty else { throw Self.refused("Fin de la mesure : indiquez son issue.") }
      return try await apply(.closeMeasure(id: id, end: try date(form, "date", "Fin de la mesure"), reason: reason), form, ref, context)
    case "suspendre":
      let reason = (form["motif"] ?? "").trimmingSpaces
      guard !reason.isEmpty else { throw Self.refused("Suspension de la mesure : indiquez son motif (hospitalisation, absence…).") }
      return try await apply(
        .suspendMeasure(id: id, on: try date(form, "date", "Suspension de la mesure"), reason: reason), form, ref, context)
    case "reprendre":
      return try await apply(.resumeMeasure(id: id, on: try date(form, "date", "Reprise de la mesure")), form, ref, context)
    default:
      throw Self.refused("Action sur la mesure : renouveler, suspendre, reprendre ou clore.")
    }
  }

  /// An appointment set: date, time, how, what for.
  @Sendable func addAppointment(_ request: Request, context: WebContext) async throws -> Response {
    let ref = try context.caseRef()
    let form = try await Form.read(request, context: context)
    guard let channel = form["canal"].flatMap(ContactChannel.init(rawValue:)) else {
      throw Self.refused("Rendez-vous : choisissez comment il a lieu.")
    }
    let time = (form["heure"] ?? "").trimmingSpaces
    guard time.isEmpty || Appointment.minutes(time) != nil else {
      throw Self.refused("Heure du rendez-vous : « \(time.excerpt) », HH:MM attendu (14:30).")
    }
    let purpose = (form["objet"] ?? "").trimmingSpaces
    guard !purpose.isEmpty else { throw Self.refused("Rendez-vous : indiquez son objet.") }
    let change = CaseChange.appointment(
      date: try date(form, "date", "Date du rendez-vous"), time: time.isEmpty ? nil : time, channel: channel, purpose: purpose)
    return try await apply(change, form, ref, context)
  }

  /// An appointment held: it becomes a contact.
  @Sendable func appointmentHeld(_ request: Request, context: WebContext) async throws -> Response {
    let ref = try context.caseRef()
    let id = (context.parameters.get("id") ?? "").uppercased()
    let form = try await Form.read(request, context: context)
    let note = (form["note_privee"] ?? "").trimmingSpaces
    return try await apply(
      .appointmentHeld(id: id, synthesis: form["synthese"] ?? "", privateNote: note.isEmpty ? nil : note), form, ref, context)
  }

  /// `R1.ics`: one appointment; `tous.ics`: every appointment of the case not yet held.
  @Sendable func appointmentCalendar(_ request: Request, context: WebContext) async throws -> Response {
    let ref = try context.caseRef()
    let name = context.parameters.get("id") ?? ""
    guard name.hasSuffix(".ics") else { throw WebError(status: .notFound, message: "Rendez-vous introuvable.") }
    let id = String(name.dropLast(4)).uppercased()
    let actor = context.actor
    let record = try await store.run { try await $0.load(ref, by: actor) }
    let chosen = id == "TOUS" ? record.appointments.filter { !$0.isHeld } : record.appointments.filter { $0.id == id }
    guard !chosen.isEmpty else { throw WebError(status: .notFound, message: "Rendez-vous « \(id.excerpt) » introuvable dans ce dossier.") }
    let stamp = SQLCaseStore.isoNow().prefix(19).replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "") + "Z"
    let ics = AppointmentCalendar.ics(chosen.map { (ref, $0) }, stamp: stamp)
    return Response(
      status: .ok,
      headers: [
        .contentType: "text/calendar; charset=utf-8",
        .contentDisposition: "attachment; filename=\"\(ref)-\(id == "TOUS" ? "rendez-vous" : id).ics\"",
      ],
      body: .init(byteBuffer: ByteBuffer(string: ics)))
  }

  /// The case's audit, for a responsable (or the one user of local mode).
  @Sendable func audit(_ request: Request, context: WebContext) async throws -> HTML {
    let ref = try context.caseRef()
    guard AccessPolicy.mayReadAudit(context.viewer) else {
      throw WebError(status: .forbidden, message: "Le journal d'un dossier se lit par un compte responsable.")
    }
    let entries = try await store.run { try await $0.auditLog(ref) }
    let model = AuditPage(
      ref: ref.text, count: String(entries.count),
      lines: entries.map { e in
        let parts = e.detail.components(separatedBy: " ; changements : ")
        return .init(
          number: String(e.seq), when: e.at.replacingOccurrences(of: "T", with: " ").prefix(19).description, who: e.actor, action: e.action,
          detail: parts[0], version: e.version.map(String.init) ?? "",
          changes: parts.count > 1 ? parts[1].components(separatedBy: " ; ") : [], hasChanges: parts.count > 1)
      })
    return HTML.page("Journal du dossier \(ref)", "journal", model: model, context: context, wide: true)
  }

  /// An objective's status, due date and assessment.
  @Sendable func reviewObjective(_ request: Request, context: WebContext) async throws -> Response {
    let ref = try context.caseRef()
    let id = (context.parameters.get("id") ?? "").uppercased()
    let form = try await Form.read(request, context: context)
    guard let status = form["statut"].flatMap(ObjectiveStatus.init(rawValue:)) else {
      throw Self.refused("Statut de l'objectif : choisissez dans la liste.")
    }
    let dueText = (form["echeance"] ?? "").trimmingSpaces
    let due = dueText.isEmpty ? nil : try date(form, "echeance", "Échéance de l'objectif")
    return try await apply(
      .objectiveUpdate(id: id, status: status, wording: nil, due: due, agreed: nil, assessment: form["bilan"] ?? ""), form, ref, context)
  }

  /// An action towards an objective: what, who, by when.
  @Sendable func addAction(_ request: Request, context: WebContext) async throws -> Response {
    let ref = try context.caseRef()
    let id = (context.parameters.get("id") ?? "").uppercased()
    let form = try await Form.read(request, context: context)
    let wording = (form["libelle"] ?? "").trimmingSpaces
    guard !wording.isEmpty else { throw Self.refused("Action : dites ce qui est à faire.") }
    guard let owner = form["qui"].flatMap(ActionOwner.init(rawValue:)) else {
      throw Self.refused("Action : qui la fait ? Choisissez dans la liste.")
    }
    let dueText = (form["echeance"] ?? "").trimmingSpaces
    let due = dueText.isEmpty ? nil : try date(form, "echeance", "Échéance de l'action")
    return try await apply(.action(objective: id, wording: wording, due: due, owner: owner), form, ref, context)
  }

  /// An action's status.
  @Sendable func changeAction(_ request: Request, context: WebContext) async throws -> Response {
    let ref = try context.caseRef()
    let id = (context.parameters.get("id") ?? "").uppercased()
    let form = try await Form.read(request, context: context)
    guard let status = form["statut"].flatMap(ActionStatus.init(rawValue:)) else {
      throw Self.refused("Statut de l'action : choisissez dans la liste.")
    }
    return try await apply(.actionUpdate(id: id, status: status), form, ref, context)
  }

  /// The case's life: `faire=suspendre`, `rouvrir` or `clore` (with its reason).
  @Sendable func changeState(_ request: Request, context: WebContext) async throws -> Response {
    let ref = try context.caseRef()
    let form = try await Form.read(request, context: context)
    let note = (form["note"] ?? "").trimmingSpaces
    switch form["faire"] {
    case "suspendre": return try await apply(.suspend(note: note.isEmpty ? nil : note), form, ref, context)
    case "rouvrir": return try await apply(.reopen, form, ref, context)
    case "clore":
      guard let reason = form["motif"].flatMap(ClosingReason.init(rawValue:)) else {
        throw Self.refused("Motif de clôture : choisissez dans la liste.")
      }
      return try await apply(
        .close(reason: reason, note: note.isEmpty ? nil : note, on: try date(form, "date", "Date de clôture")), form, ref, context)
    default:
      throw Self.refused("Action sur le dossier : suspendre, rouvrir ou clore.")
    }
  }

  /// An amount field in euros (`850`, `850,00`), nil when left empty.
  func cents(_ form: Form, _ field: String, _ label: String) throws -> Int? {
    let t = (form[field] ?? "").trimmingSpaces
    if t.isEmpty { return nil }
    do { return try AidRequest.cents(t, label) } catch { throw Self.refused(error.description + ".") }
  }

  /// An aid request filed: organisation, kind, amount, date, and the request it files again.
  @Sendable func addAidRequest(_ request: Request, context: WebContext) async throws -> Response {
    let ref = try context.caseRef()
    let form = try await Form.read(request, context: context)
    guard let organisation = form["organisme"].flatMap(AidOrganisation.init(rawValue:)) else {
      throw Self.refused("Demande d'aide : choisissez l'organisme dans la liste.")
    }
    guard let kind = form["nature"].flatMap(AidKind.init(rawValue:)) else {
      throw Self.refused("Demande d'aide : choisissez sa nature dans la liste.")
    }
    let note = (form["note"] ?? "").trimmingSpaces
    let previous = (form["precedente"] ?? "").trimmingSpaces.uppercased()
    let change = CaseChange.aidRequest(
      organisation: organisation, kind: kind, askedCents: try cents(form, "montant", "Montant demandé"),
      filedOn: try date(form, "date", "Date de la demande"), note: note.isEmpty ? nil : note, previous: previous.isEmpty ? nil : previous)
    return try await store.apply(change, form: form, to: ref, context: context, anchor: "#t-aides")
  }

  /// An aid request's decision (`faire=decider`), or the variant a granted aid makes (`faire=variante`).
  @Sendable func changeAidRequest(_ request: Request, context: WebContext) async throws -> Response {
    let ref = try context.caseRef()
    let id = (context.parameters.get("id") ?? "").uppercased()
    let form = try await Form.read(request, context: context)
    switch form["faire"] {
    case "decider":
      guard let decision = form["decision"].flatMap(AidDecision.init(rawValue:)) else {
        throw Self.refused("Décision : choisissez dans la liste (accordé, partiellement, refusé, ajourné, sans suite).")
      }
      let monthly = try cents(form, "mensualite", "Mensualité de remboursement")
      let monthsText = (form["mois"] ?? "").trimmingSpaces
      var repayment: AidRequest.Repayment?
      if let monthly {
        guard let n = Int(monthsText), (1...240).contains(n) else { throw Self.refused("Remboursement : durée en mois, de 1 à 240.") }
        let firstText = (form["premiere"] ?? "").trimmingSpaces
        repayment = .init(
          monthlyCents: monthly, months: n, firstOn: firstText.isEmpty ? nil : try date(form, "premiere", "Première mensualité"))
      }
      let change = CaseChange.aidDecision(
        id: id, decision: decision, on: try date(form, "date", "Date de la décision"),
        grantedCents: try cents(form, "accorde", "Montant accordé"),
        repayment: repayment)
      return try await store.apply(change, form: form, to: ref, context: context, anchor: "#t-aides")
    case "variante":
      let actor = context.actor
      let record = try await store.run { try await $0.load(ref, by: actor) }
      guard let aid = record.aidRequests.first(where: { $0.id == id }) else {
        throw WebError(status: .notFound, message: "Demande « \(id.excerpt) » introuvable dans ce dossier.")
      }
      guard let latest = record.latest, var scenario = try? ScenarioFile.parse(latest.computed.text, file: "situation") else {
        throw Self.refused("La dernière situation ne se lit plus : enregistrez-en une nouvelle version.")
      }
      let creditor = (form["creancier"] ?? "").trimmingSpaces
      let variant: Variant
      do { variant = try aid.variant(in: scenario, creditor: creditor.isEmpty ? nil : creditor) } catch {
        throw Self.refused(error.description + ".")
      }
      guard !scenario.variants.contains(where: { $0.name == variant.name }) else {
        throw Self.refused("La variante « \(variant.name) » existe déjà : retirez-la d'abord pour la refaire.")
      }
      scenario.variants.append(variant)
      let yaml = VariantSet.yaml(scenario)
      let computed = ComputedScenario(text: VariantSet.apply(yaml, to: latest.scenarioText).text)
      guard computed.scenario != nil, computed.figures != nil else {
        throw Self.refused(computed.errors.first ?? "Variante impossible à calculer.")
      }
      let change = CaseChange.variants(
        situation: latest.number, yaml: yaml, note: "variante « \(variant.name) » ajoutée depuis la demande \(id)")
      return try await store.apply(change, form: form, to: ref, context: context, anchor: "#t-variantes")
    default:
      throw Self.refused("Action sur la demande : enregistrer la décision ou la simuler en variante.")
    }
  }
}
