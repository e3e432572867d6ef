import EquilibreCases
import EquilibreCore
import Foundation
import Hummingbird

/// The household form (no YAML to type): a new case or a new situation of a case. The form's
/// fields are the reader's paths; the submitted fields become the scenario text, read by the
/// same reader as the CLI, so the errors are the CLI's and land beside their fields.
struct FormController {
  let store: StorePool
  let configuration: WebConfiguration
  let today: @Sendable () -> CivilDate

  func addRoutes(to router: Router<WebContext>) {
    router.get("/dossiers/nouveau/formulaire", use: newForm)
    router.post("/dossiers/nouveau/formulaire", use: submitNew)
    router.get("/dossiers/:ref/formulaire", use: editForm)
    router.post("/dossiers/:ref/formulaire", use: submitEdit)
  }

  func render(
    title: String, leaves: [YAMLPaths.Leaf], errors: [String: [String]], computed: ComputedScenario?, ref: CaseRef?, version: Int?,
    context: WebContext, status: HTTPResponse.Status = .ok, focus: String? = nil
  ) -> HTML {
    let (sections, others, general) = HouseholdForm.model(leaves, errors: errors, focus: focus)
    let page = FormPage(
      sections: sections, others: others, hasOthers: !others.isEmpty, generalErrors: general, hasGeneralErrors: !general.isEmpty,
      hasErrors: !errors.isEmpty, isNew: ref == nil, version: version.map(String.init) ?? "",
      action: ref.map { "/dossiers/\($0)/formulaire" } ?? "/dossiers/nouveau/formulaire",
      textLink: ref.map { "/dossiers/\($0)" } ?? "/dossiers/nouveau")
    var data = TemplateData(page)
    data.merge(TemplateData((computed ?? ComputedScenario(text: YAMLPaths.build(leaves))).panel))
    return HTML.page(title, "formulaire", data, context: context, status: status)
  }

  /// The form page's own data (the figures panel is added beside it).
  struct FormPage: Codable {
    var sections: [HouseholdForm.SectionView]
    var others: [HouseholdForm.Field]
    var hasOthers: Bool
    var generalErrors: [String]
    var hasGeneralErrors, hasErrors, isNew: Bool
    var version, action, textLink: String
    enum CodingKeys: String, CodingKey {
      case sections, others = "autres", hasOthers = "a_autres", generalErrors = "erreurs_generales", hasGeneralErrors =
        "a_erreurs_generales",
        hasErrors = "a_erreurs", isNew = "nouveau", version, action, textLink = "lien_texte"
    }
  }

  static func errorsByPath(_ c: ComputedScenario) -> [String: [String]] {
    var out: [String: [String]] = [:]
    for d in c.diagnostics { out[d.path, default: []].append(d.message) }
    if c.diagnostics.isEmpty { for e in c.errors { out["", default: []].append(e) } }
    return out
  }

  @Sendable func newForm(_ request: Request, context: WebContext) async throws -> HTML {
    let leaves = HouseholdForm.formLeaves((try? YAMLPaths.flatten(ScenarioTemplate.blank(on: today()))) ?? [])
    return render(title: "Nouveau dossier", leaves: leaves, errors: [:], computed: nil, ref: nil, version: nil, context: context)
  }

  @Sendable func submitNew(_ request: Request, context: WebContext) async throws -> Response {
    let form = try await Form.read(request, context: context)
    let leaves = HouseholdForm.leaves(form)
    let text = YAMLPaths.build(leaves)
    let computed = ComputedScenario(text: text)
    guard form["faire"] == "enregistrer", let scenario = computed.scenario, let figures = computed.figures else {
      let errors = form["faire"] == nil ? [:] : Self.errorsByPath(computed)
      return try render(
        title: "Nouveau dossier", leaves: leaves, errors: errors, computed: computed, ref: nil, version: nil, context: context,
        status: errors.isEmpty ? .ok : .unprocessableContent, focus: form["ajouter"]
      ).response(from: request, context: context)
    }
    let owner = context.owner(localCounsellor: configuration.counsellor, structure: scenario.socialService?.organisation)
    // The fields were read as the typed scenario: it writes the YAML kept in the case.
    let new = NewCase(
      label: String((scenario.summary ?? "Dossier du \(today().french)").prefix(Limits.label)), counsellor: owner.counsellor,
      structure: owner.structure, openedOn: today(),
      situation: .carrying(text: ScenarioWriter.yaml(scenario), scenario: scenario, figures: figures, note: nil, previous: nil))
    let actor = context.actor
    let ref = try await store.run { try await $0.openCase(new, by: actor) }
    return Response(status: .seeOther, headers: [.location: "/dossiers/\(ref)"])
  }

  @Sendable func editForm(_ request: Request, context: WebContext) async throws -> HTML {
    let ref = try context.caseRef()
    let actor = context.actor
    let record = try await store.run { try await $0.load(ref, by: actor) }
    // The form holds the household; its variants stay on the case page and are carried on save.
    let text = record.latest.map { VariantSet.apply("", to: $0.scenarioText).text } ?? ""
    let leaves = HouseholdForm.formLeaves((try? YAMLPaths.flatten(text)) ?? [])
    return render(
      title: "Dossier \(ref) : situation", leaves: leaves, errors: [:], computed: nil, ref: ref, version: record.file.version,
      context: context)
  }

  @Sendable func submitEdit(_ request: Request, context: WebContext) async throws -> Response {
    let ref = try context.caseRef()
    let form = try await Form.read(request, context: context)
    let leaves = HouseholdForm.leaves(form)
    let text = YAMLPaths.build(leaves)
    let computed = ComputedScenario(text: text)
    let version = form["version"].flatMap(Int.init)
    guard form["faire"] == "enregistrer", let scenario = computed.scenario, let figures = computed.figures else {
      let errors = form["faire"] == nil ? [:] : Self.errorsByPath(computed)
      return try render(
        title: "Dossier \(ref) : situation", leaves: leaves, errors: errors, computed: computed, ref: ref, version: version,
        context: context,
        status: errors.isEmpty ? .ok : .unprocessableContent, focus: form["ajouter"]
      ).response(from: request, context: context)
    }
    let actor = context.actor
    do {
      _ = try await store.run { s in
        let previous = try await s.load(ref, by: actor).latest
        let draft = SituationDraft.carrying(
          text: ScenarioWriter.yaml(scenario), scenario: scenario, figures: figures, note: nil, previous: previous)
        return try await s.apply(.situation(draft), to: ref, expectedVersion: version, by: actor)
      }
    } catch let e as StoreError {
      return try render(
        title: "Dossier \(ref) : situation", leaves: leaves, errors: ["": [e.description]], computed: computed, ref: ref, version: version,
        context: context, status: .conflict
      ).response(from: request, context: context)
    }
    return Response(status: .seeOther, headers: [.location: "/dossiers/\(ref)"])
  }
}
