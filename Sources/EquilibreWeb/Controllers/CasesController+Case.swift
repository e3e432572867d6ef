import EquilibreCases
import EquilibreCore
import EquilibreDocuments
import Foundation
import Hummingbird

/// The case page and its forms.
extension CasesController {
  // MARK: The case

  @Sendable func show(_ request: Request, context: WebContext) async throws -> HTML {
    let ref = try context.caseRef()
    let actor = context.actor
    let shared = context.viewer.account != nil
    let known = context.caseAccess
    let (record, access) = try await store.run { s in
      let record = try await s.load(ref, by: actor)
      guard shared else { return (record, CaseAccess?.none) }
      if let known { return (record, known) }
      return (record, try await s.caseAccess(ref))
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
