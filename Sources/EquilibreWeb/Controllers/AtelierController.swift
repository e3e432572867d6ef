import EquilibreCases
import EquilibreCore
import EquilibreDocuments
import EquilibreScenarios
import Foundation
import Hummingbird

/// Workshop mode for an educator with a projector: large type, the example households, what-if
/// changes shown before and after, a household built line by line with the running reste à
/// vivre. Nothing is saved unless asked (« Reprendre ce ménage dans un dossier »).
struct AtelierController {
  let today: @Sendable () -> CivilDate

  func addRoutes(to router: Router<WebContext>) {
    router.get("/atelier", use: home)
    router.get("/atelier/exemple/:nom", use: example)
    router.post("/atelier/simuler", use: simulate)
    router.get("/atelier/pas-a-pas", use: stepStart)
    router.post("/atelier/pas-a-pas", use: step)
  }

  /// The workshop's pages: large type.
  func page(_ title: String, _ model: WorkshopPage, context: WebContext, status: HTTPResponse.Status = .ok) -> HTML {
    HTML.page(title, "atelier", model: model, context: context, status: status, wide: true)
  }

  static var examples: [(name: String, text: String)] {
    ExampleScenarios.files.filter { $0.name.hasSuffix(".yaml") && !$0.name.contains("/") }.map { (String($0.name.dropLast(5)), $0.text) }
  }

  /// The forfait file an example names, from the examples compiled into the program.
  static func forfaits(_ s: Scenario) -> ParameterSet? {
    s.settings.forfaitsFile.flatMap { f in ExampleScenarios.files.first { $0.name == f }?.text }.flatMap {
      try? ParameterFile.parse($0, file: "forfaits")
    }
  }

  static func money(_ m: Money?) -> String { m.map { $0.roundedToCents(.halfAwayFromZero).french } ?? "—" }

  @Sendable func home(_ request: Request, context: WebContext) async throws -> HTML {
    var model = WorkshopPage(isHome: true)
    model.examples = Self.examples.map { e in
      .init(name: e.name, summary: (try? ScenarioFile.parse(e.text, file: e.name))?.summary ?? e.name)
    }
    return page("Atelier budget", model, context: context)
  }

  func exampleData(_ name: String, loyer: String? = nil, salaire: String? = nil) throws -> WorkshopPage {
    guard let e = Self.examples.first(where: { $0.name == name }) else {
      throw WebError(status: .notFound, message: "Ménage d'exemple inconnu.")
    }
    let computed = ComputedScenario(text: e.text)
    guard let s = computed.scenario, let h = computed.household else {
      throw WebError(status: .internalServerError, message: "Exemple illisible.")
    }
    let forfaits = Self.forfaits(s)
    var model = WorkshopPage(
      isExample: true, name: name, summary: s.summary ?? name, scenario: e.text, resources: Self.money(h.budget.resources),
      charges: Self.money(h.budget.charges), resteAVivre: Self.money(h.budget.resteAVivre),
      perUCPerDay: Self.money(h.budget.resteAVivrePerUCPerDay),
      rent: loyer ?? s.housing.rent.value.frenchExact(minPlaces: 2), salary: salaire ?? "")
    for v in s.variants {
      guard let after = try? v.applied(to: s).scenario,
        let f = try? HouseholdFigures(scenario: after, forfaits: forfaits, withAids: false)
      else { continue }
      model.variants.append(
        .init(
          name: v.name, changes: v.changes.map(\.french).joined(separator: " ; "), resteAVivre: Self.money(f.budget.resteAVivre),
          perUCPerDay: Self.money(f.budget.resteAVivrePerUCPerDay),
          change: (f.budget.resteAVivre - h.budget.resteAVivre).roundedToCents(.halfAwayFromZero).french))
    }
    model.hasVariants = !model.variants.isEmpty
    return model
  }

  @Sendable func example(_ request: Request, context: WebContext) async throws -> HTML {
    let name = context.parameters.get("nom") ?? ""
    return page("Atelier budget", try exampleData(name), context: context)
  }

  /// Before and after a rent change or an added salary, computed by the same engines.
  @Sendable func simulate(_ request: Request, context: WebContext) async throws -> HTML {
    let form = try await Form.read(request, context: context)
    let name = form["exemple"] ?? ""
    var data = try exampleData(name, loyer: form["loyer"], salaire: form["salaire"])
    guard let e = Self.examples.first(where: { $0.name == name }), let s = try? ScenarioFile.parse(e.text, file: name) else {
      throw WebError(status: .notFound, message: "Ménage d'exemple inconnu.")
    }
    let before = try HouseholdFigures(scenario: s, forfaits: Self.forfaits(s), withAids: false)
    // The same variant code as the case page and `equilibre simuler`: a Variant of changes.
    var errors: [String] = []
    var changes: [VariantChange] = []
    if let l = form["loyer"]?.trimmingSpaces, !l.isEmpty {
      if let m = try? Money(french: l), !m.isNegative, m.exactCents != nil {
        changes.append(.housing(rent: m, charges: nil, benefit: nil, status: nil))
      } else {
        errors.append("Loyer : montant illisible « \(l.excerpt) » (par exemple 450 ou 450,50).")
      }
    }
    if let w = form["salaire"]?.trimmingSpaces, !w.isEmpty {
      if let m = try? Money(french: w), !m.isNegative, m.exactCents != nil {
        changes.append(.addResource(Resource(type: .salaire, amount: m, person: 0)))
      } else {
        errors.append("Salaire : montant illisible « \(w.excerpt) ».")
      }
    }
    if errors.isEmpty, !changes.isEmpty, let reaction = try? Variant(name: "Atelier", changes: changes).applied(to: s),
      let after = try? HouseholdFigures(scenario: reaction.scenario, forfaits: Self.forfaits(s), withAids: false)
    {
      data.hasSimulation = true
      // The benefits react as the law says (computed before and after, applied to the declared amounts).
      data.sentence = reaction.summary ?? ""
      data.hasSentence = reaction.summary != nil
      func row(_ label: String, _ a: Money?, _ b: Money?) -> WorkshopPage.BeforeAfter {
        .init(label: label, before: Self.money(a), after: Self.money(b))
      }
      data.simulation = [
        row("Ressources", before.budget.resources, after.budget.resources),
        row("dont aide au logement", before.budget.benefit(.aideLogement), after.budget.benefit(.aideLogement)),
        row("dont RSA", before.budget.benefit(.rsa), after.budget.benefit(.rsa)),
        row("dont prime d'activité", before.budget.benefit(.primeActivite), after.budget.benefit(.primeActivite)),
        row("Charges", before.budget.charges, after.budget.charges),
        row("Reste à vivre par mois", before.budget.resteAVivre, after.budget.resteAVivre),
        row("Par UC et par jour", before.budget.resteAVivrePerUCPerDay, after.budget.resteAVivrePerUCPerDay),
        row("Capacité de remboursement", before.capacity.capacity, after.capacity.capacity),
      ]
    }
    data.errors = errors
    data.hasErrors = !errors.isEmpty
    return page("Atelier budget", data, context: context, status: errors.isEmpty ? .ok : .unprocessableContent)
  }

  // MARK: Step by step

  /// The line types offered: resources first, then charges.
  static let lineTypes: [(value: String, label: String)] =
    ResourceType.allCases.map { ("r:" + $0.rawValue, "Ressource — " + $0.french) }
    + ChargeType.allCases.map { ("c:" + $0.rawValue, "Charge — " + $0.french) }

  func stepPage(_ lines: [(String, String)], errors: [String], context: WebContext) -> HTML {
    // The typed scenario: one adult and the lines typed so far (amounts checked when added).
    var s = Scenario(date: today(), members: [Member(role: .demandeur, birthDate: CivilDate(year: 1990, month: 1, day: 1)!)])
    for (type, amount) in lines {
      guard let m = try? Money(french: amount) else { continue }
      if type.hasPrefix("r:"), let t = ResourceType(rawValue: String(type.dropFirst(2))) {
        s.resources.append(Resource(type: t, amount: m))
      }
      if type.hasPrefix("c:"), let t = ChargeType(rawValue: String(type.dropFirst(2))) { s.charges.append(Charge(type: t, amount: m)) }
    }
    let h = try? HouseholdFigures(scenario: s, forfaits: nil, withAids: false)
    let label = Dictionary(uniqueKeysWithValues: Self.lineTypes.map { ($0.value, $0.label) })
    var model = WorkshopPage(
      isStepByStep: true, lines: lines.map { "\(label[$0.0] ?? $0.0) : \((try? Money(french: $0.1))?.french ?? $0.1)" },
      hasLines: !lines.isEmpty,
      state: lines.enumerated().flatMap { i, l in [.init(name: "l\(i).type", value: l.0), .init(name: "l\(i).montant", value: l.1)] },
      lineTypes: Self.lineTypes.map { .init(value: $0.value, label: $0.label) }, errors: errors, hasErrors: !errors.isEmpty)
    model.resources = Self.money(h?.budget.resources)
    model.charges = Self.money(h?.budget.charges)
    model.resteAVivre = Self.money(h?.budget.resteAVivre)
    return page("Un ménage pas à pas", model, context: context, status: errors.isEmpty ? .ok : .unprocessableContent)
  }

  @Sendable func stepStart(_ request: Request, context: WebContext) async throws -> HTML { stepPage([], errors: [], context: context) }

  @Sendable func step(_ request: Request, context: WebContext) async throws -> HTML {
    let form = try await Form.read(request, context: context)
    var lines: [(String, String)] = []
    var i = 0
    while let t = form["l\(i).type"], let m = form["l\(i).montant"], i < 200 {
      if Self.lineTypes.contains(where: { $0.value == t }) { lines.append((t, m)) }
      i += 1
    }
    var errors: [String] = []
    if let t = form["ligne"], let m = form["montant"]?.trimmingSpaces, !m.isEmpty {
      guard Self.lineTypes.contains(where: { $0.value == t }) else {
        throw WebError(status: .unprocessableContent, message: "Type de ligne inconnu.")
      }
      if let money = try? Money(french: m), !money.isNegative, money.exactCents != nil, money.value <= Rational(Money.maximumInputEuros) {
        lines.append((t, money.plain))
      } else {
        errors.append("Montant illisible « \(m.excerpt) » : par exemple 450 ou 450,50.")
      }
    }
    return stepPage(lines, errors: errors, context: context)
  }
}
