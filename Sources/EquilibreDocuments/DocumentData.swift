import EquilibreCore
import Mustache

/// The data of the documents, as Mustache contexts (also the `--format json` output).
/// Keys are French, for template authors. A fact that may be missing is `{t: texte, m: manque}`:
/// the templates print « à compléter » in a box when `m` is true.
public enum DocumentData {
  static let toComplete = "à compléter"

  /// A field that may be missing: `t` is its text, `m` tells it is missing.
  static func field(_ s: String?) -> [String: Any] {
    guard let s, !s.trimmingSpaces.isEmpty else { return ["t": toComplete, "m": true] }
    return ["t": s, "m": false]
  }

  /// A numbered line of the filing: its Cerfa number, its label and its value(s).
  static func line(_ number: String, _ label: String, _ value: String?, _ second: String?? = .none) -> [String: Any] {
    var d: [String: Any] = ["numero": number, "libelle": label, "valeur": field(value), "valeur2": false]
    if case .some(let v) = second { d["valeur2"] = field(v) }
    return d
  }

  /// The chart's style of every category, in the chart's fixed order (« #0072B2/1 »: colour
  /// and hatching), for the checks of the palette.
  public static var chartStyles: [String] { BudgetChart.categories.map { BudgetChart.descriptor(BudgetChart.style(of: $0)) } }

  /// An amount to the cent, a negative one with the minus sign (−), never a hyphen.
  static func money(_ m: Money) -> String {
    let text = m.roundedToCents(.halfAwayFromZero).french
    return text.hasPrefix("-") ? "\u{2212}" + text.dropFirst() : text
  }

  /// « aucune personne à charge », « 1 personne à charge », « 2 personnes à charge ».
  static func count(_ n: Int, _ singular: String, _ plural: String, none: String? = nil) -> String {
    if n == 0, let none { return none }
    return "\(n) \(n >= 2 ? plural : singular)"
  }

  /// « 1 unité », « 1,5 unité », « 2,3 unités » (French: plural from 2).
  static func units(_ r: Rational) -> String { "\(r.frenchExact()) \(r >= Rational(2) ? "unités" : "unité")" }

  /// The figures model by key, as `--format json` prints it under « chiffres » (plain amounts,
  /// like `budget`, `capacite` and `plan --format json`).
  static func figures(_ c: DocumentCase) -> [String: Any] {
    var out: [String: Any] = [:]
    for (key, value) in c.figures.figures { if let value { out[key] = value.plain } }
    return out
  }

  static func lines(_ l: [BudgetLine]) -> [[String: Any]] {
    l.map { ["libelle": Typography.capitalized($0.label), "montant": money($0.monthly)] }
  }

  static func anonymizer(_ c: DocumentCase) -> Anonymizer { Anonymizer(on: c.anonymous, scenario: c.scenario) }

  /// Who signs a letter of the household: the applicant, and the partner when there is one.
  static func signatories(_ s: Scenario) -> [Int] {
    let applicant = s.members.firstIndex { $0.role == .demandeur } ?? 0
    return [applicant] + (s.members.firstIndex { $0.role == .conjoint }.map { [$0] } ?? [])
  }

  /// `value` with every string neutralised for display, at any depth.
  public static func neutralized(_ value: [String: Any]) -> [String: Any] {
    value.mapValues { neutralizedValue($0, forMustache: false) }
  }

  /// ``forMustache(_:)`` for the workspace's pages (another module).
  public static func neutralizedForPages(_ value: [String: Any]) -> [String: Any] { forMustache(value) }

  /// One text as the workspace's pages hold it: neutralised, or ``EmptyText`` when empty.
  package static func forPages(_ text: String) -> Any { text.isEmpty ? EmptyText() : TextSafety.neutralized(text) }

  /// The document's data as JSON (`--format json`): its texts neutralised, its keys sorted.
  public static func json(_ value: [String: Any]) -> JSONValue {
    jsonValue(neutralized(value))
  }

  static func jsonValue(_ value: Any) -> JSONValue {
    switch value {
    case let s as String: .string(s)
    case let b as Bool: .bool(b)
    case let i as Int: .int(i)
    case let d as [String: Any]: .object(d.keys.sorted().map { ($0, jsonValue(d[$0]!)) })
    case let a as [Any]: .array(a.map(jsonValue))
    case Optional<Any>.none: .null
    default: .string(String(describing: value))
    }
  }

  /// ``neutralized(_:)`` for Mustache: an empty text also becomes ``EmptyText``.
  static func forMustache(_ value: [String: Any]) -> [String: Any] {
    value.mapValues { neutralizedValue($0, forMustache: true) }
  }

  /// An empty text: renders nothing and, unlike Mustache's `""`, opens no section.
  struct EmptyText: MustacheCustomRenderable {
    var renderText: String { "" }
    var isNull: Bool { true }
  }

  package static func neutralizedValue(_ value: Any, forMustache: Bool) -> Any {
    switch value {
    case let s as String: forMustache ? forPages(s) : TextSafety.neutralized(s)
    case let d as [String: Any]: d.mapValues { neutralizedValue($0, forMustache: forMustache) }
    case let a as [Any]: a.map { neutralizedValue($0, forMustache: forMustache) }
    default: value
    }
  }

  // MARK: Shared pieces

  static func members(_ c: DocumentCase, _ a: Anonymizer) -> [[String: Any]] {
    let s = c.scenario
    return s.members.enumerated().map { i, m in
      var activity: String?
      if let act = m.activity {
        activity = [
          act.status.french, act.status == .salarie ? act.contract?.french : nil, act.sector.map { "employeur \($0.french)" },
          act.employerHeadcount.map { "\($0) salariés" },
        ].compactMap { $0 }.joined(separator: ", ")
      }
      return [
        "nom": a.memberName(i), "role": Typography.capitalized(m.role.french), "age": "\(m.age(on: s.date)) ans",
        "naissance": field(a.on ? "[anonymisée]" : m.birthDate.french),
        "activite": activity.map(Typography.capitalized) ?? (m.role == .enfant ? "—" : toComplete),
      ]
    }
  }

  /// The housing lines that apply: a tenant has a rent, an owner with a loan has instalments.
  static func housingLines(_ h: Housing) -> [[String: Any]] {
    let tenant = [.locataireSocial, .locatairePrive, .foyer].contains(h.status)
    let borrower = h.status == .proprietaireAccedant
    var out: [[String: Any]] = []
    if tenant || !h.rent.isZero { out.append(["libelle": "Loyer hors charges", "montant": money(h.rent)]) }
    if tenant || !h.charges.isZero { out.append(["libelle": tenant ? "Charges locatives" : "Charges", "montant": money(h.charges)]) }
    if !h.housingBenefit.isZero { out.append(["libelle": "Aide au logement (APL ou AL)", "montant": money(h.housingBenefit)]) }
    if borrower || !h.mortgagePayment.isZero {
      out.append(["libelle": "Mensualité du prêt immobilier", "montant": money(h.mortgagePayment)])
    }
    return out
  }

  /// The rules behind the figures, by family of parameters, in the order of the document.
  static let rules: [(prefix: String, label: String)] = [
    ("uc.", "Unités de consommation : échelle de l'OCDE modifiée (INSEE)"),
    ("reste_a_vivre.", "Reste à vivre par jour, sur un mois compté en jours par réglage"),
    ("saisie.", "Barème des saisies sur salaire (Code du travail, articles R3252-2 et R3252-3)"),
    ("rsa.", "RSA du foyer (Code de l'action sociale et des familles, articles L262-2 et R262-1)"),
    ("forfait.", "Budget de la vie courante : forfaits de la commission de surendettement"),
    ("smic.", "SMIC horaire"),
    ("asd.", "Service d'accompagnement social d'Action Logement"),
    ("al.", "Aides d'Action Logement : politique de l'agence"),
    ("visale.", "Visale"),
    ("locapass.", "Avance Loca-Pass"),
    ("mobili_jeune.", "Mobili-Jeune"),
    ("fsl.", "Fonds de solidarité pour le logement du département"),
    ("interet_legal.", "Taux de l'intérêt légal"),
  ]

  /// The « Sources » box: one line per rule used, with the text and the date of its latest value;
  /// the example or uncertain values said once, in plain French.
  static func sources(_ c: DocumentCase) -> (lines: [String], caveat: String?) {
    let uses = parameterUses(c)
    var out: [String] = []
    var unsure: [String] = []
    for (prefix, label) in rules {
      let group = uses.filter { $0.key.hasPrefix(prefix) }
      guard !group.isEmpty else { continue }
      var line = label
      let latest = group.max { $0.from < $1.from }!
      let references = Array(
        Set(
          group.compactMap { u -> String? in
            guard let r = u.reference?.trimmingSpaces, !r.isEmpty, !r.uppercased().contains("EXEMPLE"), u.from == latest.from,
              Departements.referenceApplies(r, to: c.scenario.departement)
            else { return nil }
            return r
          })
      ).sorted()
      if !latest.isUndated { line += " : valeurs en vigueur depuis le \(latest.from.french)" }
      if let r = references.first, !label.localizedCaseInsensitiveContains(r) { line += " (\(r))" }
      out.append(line)
      if group.contains(where: { $0.unsure || $0.isPastReview || ($0.reference ?? "").uppercased().contains("EXEMPLE") }) {
        unsure.append(label.split(separator: ":").first.map { String($0).trimmingSpaces } ?? label)
      }
    }
    let caveat =
      unsure.isEmpty
      ? nil
      : "À vérifier auprès de l'organisme concerné : les valeurs de ces règles sont des exemples, viennent d'une seule source ou n'ont pas été revues récemment : "
        + unsure.joined(separator: " ; ") + "."
    return (out, caveat)
  }

  static func parameterUses(_ c: DocumentCase) -> [ParameterUse] {
    let hidden = hiddenAids(c.scenario)
    return c.budget.explanations.flatMap(\.parameters) + c.capacity.explanations.flatMap(\.parameters)
      + c.aids.results.filter { !hidden.contains($0.id) }.flatMap(\.parameters)
  }

  /// Aids that make no sense for this household and are not shown: rental guarantees and
  /// mobility aids for a homeowner with no housing project.
  static func hiddenAids(_ s: Scenario) -> Set<AidID> {
    let owner = [.proprietaire, .proprietaireAccedant].contains(s.housing.status)
    return owner && s.project == nil ? [.visale, .locapass, .mobiliJeune] : []
  }

  /// The full parameter list, for the optional annex (`--annexe-parametres`).
  static func parameterAnnex(_ c: DocumentCase) -> [[String: Any]] {
    var seen = Set<String>()
    var out: [[String: Any]] = []
    for u in parameterUses(c) where seen.insert("\(u.key)@\(u.from)").inserted {
      out.append([
        "description": Typography.capitalized(u.description), "valeur": "\(u.value.french) (\(u.unit))",
        "depuis": u.isUndated ? "—" : u.from.french, "reference": u.reference ?? "", "source": u.source ?? "",
        "a_source": !(u.source ?? "").isEmpty,
      ])
    }
    return out
  }

  static func capacity(_ c: DocumentCase) -> [String: Any] {
    let k = c.capacity
    return [
      "ressources": money(k.resources), "personnes_a_charge": String(k.dependants),
      "personnes_a_charge_texte": count(k.dependants, "personne à charge", "personnes à charge", none: "aucune personne à charge"),
      "quotite_saisissable": money(k.quotiteSaisissable), "rsa_foyer": money(k.rsa.amount),
      "multiplicateur_rsa": k.rsa.multiplier.frenchExact(), "ressources_moins_rsa": money(k.resourcesMinusRSA),
      "budget_vie_courante": money(k.budgetVieCourante.total), "methode_bvc": k.budgetVieCourante.method.rawValue,
      "ressources_moins_bvc": money(k.resourcesMinusBudget), "capacite_remboursement": money(k.capacity),
      "terme_limitant": k.bindingTerm.french, "solde_bancaire_insaisissable": money(k.soldeBancaireInsaisissable),
      "limite_qs": k.bindingTerm == .quotiteSaisissable, "limite_rsa": k.bindingTerm == .rsaFoyer,
      "limite_bvc": k.bindingTerm == .budgetVieCourante,
      "notes_bvc": k.budgetVieCourante.notes.map(Typography.sentence).joined(separator: " "),
    ]
  }

  /// The aids that apply or are worth checking, in full; those that do not apply in one line.
  /// A homeowner with no housing project sees no rental-guarantee rows at all.
  static func aids(_ c: DocumentCase, _ a: Anonymizer) -> (useful: [[String: Any]], notApplicable: String) {
    let hidden = hiddenAids(c.scenario)
    var useful: [[String: Any]] = []
    var others: [AidID] = []
    for r in c.aids.results where !hidden.contains(r.id) {
      // A refusal of the FSL is a decision on the household's figures, shown with its reason;
      // the other aids that do not apply share one « sans objet » line.
      guard r.status != .nonEligible || r.id == .fsl else {
        others.append(r.id)
        continue
      }
      useful.append([
        "nom": r.id.french, "cle": r.id.rawValue, "statut": Typography.capitalized(r.status.french), "classe": r.status.rawValue,
        "montant": r.amount.map { "\(Typography.capitalized(r.amountLabel ?? "montant")) : \(money($0))" } ?? "",
        "a_montant": r.amount != nil, "motifs": r.reasons.map { Typography.capitalized(a.text($0)) },
        "manquants": r.missing.map(a.text).joined(separator: ", "), "a_manquants": !r.missing.isEmpty,
        "avertissements": condensed(r.warnings), "a_avertissements": !r.warnings.isEmpty,
      ])
    }
    return (useful, notApplicableLine(others))
  }

  /// Warnings said once: « X : à vérifier : raison » for several parameters becomes one sentence
  /// per reason, « À vérifier (raison) : X ; Y. », the other warnings as they are.
  static func condensed(_ warnings: [String]) -> String {
    var plain: [String] = []
    var byReason: [(reason: String, items: [String])] = []
    for w in warnings {
      guard let r = w.range(of: " : à vérifier : ") else {
        if !plain.contains(w) { plain.append(w) }
        continue
      }
      let item = String(w[..<r.lowerBound]).split(separator: ":").first.map { String($0).trimmingSpaces } ?? ""
      let reason = String(w[r.upperBound...])
      if let k = byReason.firstIndex(where: { $0.reason == reason }) {
        if !byReason[k].items.contains(item) { byReason[k].items.append(item) }
      } else {
        byReason.append((reason, [item]))
      }
    }
    let grouped = byReason.map {
      "À vérifier (\($0.reason)) : " + $0.items.map { $0.prefix(1).lowercased() + $0.dropFirst() }.joined(separator: " ; ")
    }
    return (plain + grouped).map(Typography.sentence).joined(separator: " ")
  }

  /// « Sans objet pour ce ménage aujourd'hui : Action Logement (prêt …, aide …) ; Visale (garantie de loyers). »
  static func notApplicableLine(_ ids: [AidID]) -> String {
    let prefix = "Action Logement — "
    let al = ids.map(\.french).filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
    let rest = ids.map(\.french).filter { !$0.hasPrefix(prefix) }
    let parts = (al.isEmpty ? [] : ["Action Logement (" + al.joined(separator: ", ") + ")"]) + rest
    return parts.isEmpty ? "" : "Sans objet pour ce ménage aujourd'hui : " + parts.joined(separator: " ; ") + "."
  }

  /// A creditor's payments as runs: « 29,70 € le mois 8, puis de 31,64 € à 31,65 € par mois des
  /// mois 9 à 84 ». Months whose amounts differ by one cent at most (the plan's cent rounding) share
  /// a run, shown with its lowest and highest amount; `regular` is the most frequent amount.
  static func paymentRuns(_ cents: [Int]) -> (start: Int?, regular: Money, end: Int?, text: String) {
    var runs: [(from: Int, to: Int, low: Int, high: Int)] = []
    for (m, v) in cents.enumerated() where v > 0 {
      if let last = runs.last, last.to == m, max(last.high, v) - min(last.low, v) <= 1 {
        runs[runs.count - 1] = (last.from, m + 1, min(last.low, v), max(last.high, v))
      } else {
        runs.append((m + 1, m + 1, v, v))
      }
    }
    guard let first = runs.first, let last = runs.last else { return (nil, .zero, nil, "aucun versement") }
    var frequency: [Int: Int] = [:]
    for v in cents where v > 0 { frequency[v, default: 0] += 1 }
    let regular = frequency.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }!.key
    let shown = runs.prefix(4).map { r in
      let amount =
        r.low == r.high
        ? money(Money(cents: r.low))
        : "de \(money(Money(cents: r.low))) à \(money(Money(cents: r.high)))"
      return r.from == r.to ? "\(amount) le mois \(r.from)" : "\(amount) par mois des mois \(r.from) à \(r.to)"
    }
    var text = shown.joined(separator: ", puis ")
    if runs.count > 4 { text += ", puis \(runs.count - 4) autres montants jusqu'au mois \(last.to)" }
    return (first.from, Money(cents: regular), last.to, Typography.capitalized(text))
  }

  static func planData(_ p: DebtPlan, _ a: Anonymizer) -> [String: Any] {
    [
      "duree": p.months > 0 ? "\(p.months) mois" : "aucun versement",
      "mensualite": money(p.months > 0 ? p.monthTotal(1) : .zero),
      "total_du": money(p.totalOwed), "total_rembourse": money(p.totalRepaid), "total_efface": money(p.totalErased),
      "a_moratoire": p.moratoireMonths > 0, "moratoire": "\(p.moratoireMonths) mois",
      "reexamen": p.reexamination?.french ?? "", "compromise": p.irremediablementCompromise,
      "creanciers": p.creditors.map { cr in
        let runs = paymentRuns(cr.monthlyCents)
        return [
          "nom": a.creditor(cr.name) + (cr.homeLoanArrears ? " (impayés du prêt immobilier)" : ""), "du": money(cr.owed),
          "debut": runs.start.map { "mois \($0) (\(monthName(p.start.adding(months: $0))))" } ?? "—",
          "mensualite": runs.start == nil ? "—" : money(runs.regular),
          "versements": runs.text,
          "rembourse": money(cr.repaid), "efface": money(cr.erased), "reste_du": money(cr.remaining),
        ] as [String: Any]
      },
      "notes": p.notes.map { Typography.sentence(a.text($0)) },
    ]
  }

  static func monthName(_ d: CivilDate) -> String { "\(CivilDate.frenchMonths[d.month - 1]) \(d.year)" }

}

extension Budget {
  /// « Impôts — taxe foncière »: the category and the counsellor's label, both.
  static func itemLabelForDocuments(_ category: String, _ label: String?) -> String {
    let c = Typography.capitalized(category)
    guard let l = label?.trimmingSpaces, !l.isEmpty, l.lowercased() != category.lowercased() else { return c }
    return c + " — " + l
  }
}

/// The figures compared across variants.
struct HouseholdFiguresRow {
  let budget: Budget
  let capacity: RepaymentCapacity
  let aids: AidAssessment

  static var rows: [(String, (HouseholdFiguresRow) -> String)] {
    [
      ("Ressources mensuelles", { DocumentData.money($0.budget.resources) }),
      ("Charges mensuelles", { DocumentData.money($0.budget.charges) }),
      ("Reste à vivre", { DocumentData.money($0.budget.resteAVivre) }),
      ("Reste à vivre par UC et par jour", { $0.budget.resteAVivrePerUCPerDay.map(DocumentData.money) ?? "—" }),
      ("Taux d'effort après aide", { $0.budget.effortRateAfterBenefit.map(percentText) ?? "—" }),
      ("Capacité de remboursement", { DocumentData.money($0.capacity.capacity) }),
      ("dont aide au logement", { DocumentData.money($0.budget.benefit(.aideLogement)) }),
      ("dont RSA", { DocumentData.money($0.budget.benefit(.rsa)) }),
      ("dont prime d'activité", { DocumentData.money($0.budget.benefit(.primeActivite)) }),
    ]
  }
}
