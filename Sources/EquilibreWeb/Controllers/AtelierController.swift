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
  func page(_ title: String, _ data: [String: Any], context: WebContext, status: HTTPResponse.Status = .ok) -> HTML {
    HTML.page(title, "atelier", data, context: context, status: status, wide: true)
  }

  static var examples: [(name: String, text: String)] {
    ExampleScenarios.files.filter { $0.name.hasSuffix(".yaml") && !$0.name.contains("/") }.map { (String($0.name.dropLast(5)), $0.text) }
  }

  /// The forfait file an example names, from the examples compiled into the program.
  static func forfaits(_ s: Scenario) -> ParameterSet? {
    s.settings.forfaitsFile.flatMap { f in ExampleScenarios.files.first { $0.name == f }?.text }.flatMap { try? ParameterFile.parse($0, file: "forfaits") }
  }

  static func money(_ m: Money?) -> String { m.map { $0.roundedToCents(.halfAwayFromZero).french } ?? "—" }

  @Sendable func home(_ request: Request, context: WebContext) async throws -> HTML {
    let list = Self.examples.map { e -> [String: Any] in
      let summary = (try? ScenarioFile.parse(e.text, file: e.name))?.summary ?? e.name
      return ["nom": e.name, "description": summary]
    }
    return page("Atelier budget", ["accueil": true, "exemples": list], context: context)
  }

  func exampleData(_ name: String, loyer: String? = nil, salaire: String? = nil) throws -> [String: Any] {
    guard let e = Self.examples.first(where: { $0.name == name }) else { throw WebError(status: .notFound, message: "Ménage d'exemple inconnu.") }
    let computed = ComputedScenario(text: e.text)
    guard let s = computed.scenario, let h = computed.household else { throw WebError(status: .internalServerError, message: "Exemple illisible.") }
    let forfaits = Self.forfaits(s)
    var data: [String: Any] = [
      "exemple": true, "nom": name, "description": s.summary ?? name, "scenario": e.text,
      "ressources": Self.money(h.budget.resources), "charges": Self.money(h.budget.charges), "reste_a_vivre": Self.money(h.budget.resteAVivre),
      "par_uc_jour": Self.money(h.budget.resteAVivrePerUCPerDay), "loyer": loyer ?? s.housing.rent.value.frenchExact(minPlaces: 2), "salaire": salaire ?? "",
    ]
    var variants: [[String: Any]] = []
    for v in s.variants {
      guard let after = try? v.applied(to: s).scenario,
        let f = try? HouseholdFigures(scenario: after, forfaits: forfaits, withAids: false)
      else { continue }
      variants.append([
        "nom": v.name, "changements": v.changes.map(\.french).joined(separator: " ; "), "reste_a_vivre": Self.money(f.budget.resteAVivre),
        "par_uc_jour": Self.money(f.budget.resteAVivrePerUCPerDay),
        "variation": (f.budget.resteAVivre - h.budget.resteAVivre).roundedToCents(.halfAwayFromZero).french,
      ])
    }
    data["variantes"] = variants
    data["a_variantes"] = !variants.isEmpty
    return data
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
      data["a_simulation"] = true
      // The benefits react as the law says (computed before and after, applied to the declared amounts).
      data["phrase"] = reaction.summary ?? ""
      data["a_phrase"] = reaction.summary != nil
      data["simulation"] = [
        ["libelle": "Ressources", "avant": Self.money(before.budget.resources), "apres": Self.money(after.budget.resources)],
        ["libelle": "dont aide au logement", "avant": Self.money(before.budget.benefit(.aideLogement)), "apres": Self.money(after.budget.benefit(.aideLogement))],
        ["libelle": "dont RSA", "avant": Self.money(before.budget.benefit(.rsa)), "apres": Self.money(after.budget.benefit(.rsa))],
        ["libelle": "dont prime d'activité", "avant": Self.money(before.budget.benefit(.primeActivite)), "apres": Self.money(after.budget.benefit(.primeActivite))],
        ["libelle": "Charges", "avant": Self.money(before.budget.charges), "apres": Self.money(after.budget.charges)],
        ["libelle": "Reste à vivre par mois", "avant": Self.money(before.budget.resteAVivre), "apres": Self.money(after.budget.resteAVivre)],
        ["libelle": "Par UC et par jour", "avant": Self.money(before.budget.resteAVivrePerUCPerDay), "apres": Self.money(after.budget.resteAVivrePerUCPerDay)],
        ["libelle": "Capacité de remboursement", "avant": Self.money(before.capacity.capacity), "apres": Self.money(after.capacity.capacity)],
      ]
    }
    data["erreurs"] = errors
    data["a_erreurs"] = !errors.isEmpty
    return page("Atelier budget", data, context: context, status: errors.isEmpty ? .ok : .unprocessableContent)
  }

  // MARK: Step by step

  /// The line types offered: resources first, then charges.
  static let lineTypes: [(value: String, label: String)] =
    ResourceType.allCases.map { ("r:" + $0.rawValue, "Ressource — " + $0.french) } + ChargeType.allCases.map { ("c:" + $0.rawValue, "Charge — " + $0.french) }

  func stepPage(_ lines: [(String, String)], errors: [String], context: WebContext) -> HTML {
    var yaml = "date: \(today())\nmenage:\n  - {role: demandeur, naissance: 1990-01-01}\n"
    let resources = lines.filter { $0.0.hasPrefix("r:") }
    let charges = lines.filter { $0.0.hasPrefix("c:") }
    if !resources.isEmpty { yaml += "ressources:\n" + resources.map { "  - {type: \($0.0.dropFirst(2)), montant: \(ScenarioWriter.quote($0.1))}\n" }.joined() }
    if !charges.isEmpty { yaml += "charges:\n" + charges.map { "  - {type: \($0.0.dropFirst(2)), montant: \(ScenarioWriter.quote($0.1))}\n" }.joined() }
    let computed = ComputedScenario(text: yaml)
    let h = computed.household
    let label = Dictionary(uniqueKeysWithValues: Self.lineTypes.map { ($0.value, $0.label) })
    let data: [String: Any] = [
      "pas_a_pas": true, "ressources": Self.money(h?.budget.resources), "charges": Self.money(h?.budget.charges),
      "reste_a_vivre": Self.money(h?.budget.resteAVivre),
      "lignes": lines.map { "\(label[$0.0] ?? $0.0) : \((try? Money(french: $0.1))?.french ?? $0.1)" }, "a_lignes": !lines.isEmpty,
      "etat": lines.enumerated().flatMap { i, l in [["nom": "l\(i).type", "valeur": l.0], ["nom": "l\(i).montant", "valeur": l.1]] },
      "types": Self.lineTypes.map { ["valeur": $0.value, "libelle": $0.label] }, "erreurs": errors, "a_erreurs": !errors.isEmpty,
    ]
    return page("Un ménage pas à pas", data, context: context, status: errors.isEmpty ? .ok : .unprocessableContent)
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
      guard Self.lineTypes.contains(where: { $0.value == t }) else { throw WebError(status: .unprocessableContent, message: "Type de ligne inconnu.") }
      if let money = try? Money(french: m), !money.isNegative, money.exactCents != nil, money.value <= Rational(Money.maximumInputEuros) {
        lines.append((t, money.plain))
      } else {
        errors.append("Montant illisible « \(m.excerpt) » : par exemple 450 ou 450,50.")
      }
    }
    return stepPage(lines, errors: errors, context: context)
  }
}
