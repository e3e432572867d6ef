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

  /// `value` with every string neutralised for display, at any depth.
  public static func neutralized(_ value: [String: Any]) -> [String: Any] {
    value.mapValues { neutralizedValue($0, forMustache: false) }
  }

  /// ``forMustache(_:)`` for the workspace's pages (another module).
  public static func neutralizedForPages(_ value: [String: Any]) -> [String: Any] { forMustache(value) }

  /// ``neutralized(_:)`` for Mustache: an empty text also becomes ``EmptyText``.
  static func forMustache(_ value: [String: Any]) -> [String: Any] {
    value.mapValues { neutralizedValue($0, forMustache: true) }
  }

  /// An empty text: renders nothing and, unlike Mustache's `""`, opens no section.
  struct EmptyText: MustacheCustomRenderable {
    var renderText: String { "" }
    var isNull: Bool { true }
  }

  static func neutralizedValue(_ value: Any, forMustache: Bool) -> Any {
    switch value {
    case let s as String: forMustache && s.isEmpty ? EmptyText() : TextSafety.neutralized(s)
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

  // MARK: The household budget dossier

  public static func dossier(_ c: DocumentCase, annex: Bool = false) -> [String: Any] {
    let s = c.scenario
    let a = anonymizer(c)
    let b = c.budget
    let (useful, notApplicable) = aids(c, a)
    let (sourceLines, caveat) = sources(c)
    var d: [String: Any] = [
      "titre": "Dossier budgétaire du ménage",
      "date_document": c.documentDate.french,
      "date_situation": s.date.french,
      "anonyme": c.anonymous,
      "description": a.removed(s.summary),
      "menage": members(c, a),
      "logement_statut": field(s.housing.status?.french).merging(["t": Typography.capitalized(s.housing.status?.french ?? toComplete)]) {
        $1
      },
      "logement_lignes": housingLines(s.housing),
      "ressources": lines(b.resourceItems.map { BudgetLine(label: a.on ? ($0.category ?? $0.label) : $0.label, monthly: $0.monthly) }),
      "total_ressources": money(c.figures.resourcesTotal),
      "ressources_par_personne": b.resourcesByPerson.map { l in
        let name = s.members.firstIndex { $0.label == l.label }.map { a.memberName($0) } ?? Typography.capitalized(l.label)
        return "\(name) : \(money(l.monthly))"
      }.joined(separator: " ; "),
      "charges": lines(b.chargeItems.map { BudgetLine(label: a.on ? ($0.category ?? $0.label) : $0.label, monthly: $0.monthly) }),
      "total_charges": money(b.charges),
      "graphique_svg": BudgetChart.svg(
        resources: b.resourcesByType, charges: b.chargesByCategory, resourcesTotal: b.resources, chargesTotal: b.charges,
        resteAVivre: b.resteAVivre),
      "politique": "\(b.policy.description)",
      "reste_a_vivre": money(b.resteAVivre),
      "reste_a_vivre_par_personne": b.resteAVivrePerPerson.map(money) ?? "—",
      "reste_a_vivre_par_uc_par_jour": b.resteAVivrePerUCPerDay.map(money) ?? "—",
      "unites_consommation": b.consumptionUnits.frenchExact(),
      "unites_texte": units(b.consumptionUnits),
      "jours_par_mois": String(b.daysPerMonth),
      "taux_effort_avant": b.effortRateBeforeBenefit.map(percentText) ?? "—",
      "taux_effort_apres": b.effortRateAfterBenefit.map(percentText) ?? "—",
      "capacite": capacity(c),
      "aides": useful,
      "a_aides": !useful.isEmpty,
      "aides_sans_objet": notApplicable,
      "a_orientations": !c.aids.orientations.isEmpty,
      "orientations": c.aids.orientations.map {
        ["nom": $0.name, "motif": $0.why, "duree": $0.duration, "conditions": $0.conditions.joined(separator: " ; ")]
      },
      "notes": a.removed(s.notes?.trimmingSpaces),
      "a_notes": !a.removed(s.notes?.trimmingSpaces).isEmpty,
      "sources": sourceLines,
      "sources_reserve": caveat ?? "",
      "a_annexe": annex,
      "parametres": annex ? parameterAnnex(c) : [],
      "explications": annex
        ? (b.explanations + c.capacity.explanations).map { ["chiffre": $0.figure, "valeur": $0.value, "formule": $0.formula] } : [],
      "chiffres": figures(c),
      // Every section flag is present, so that a template's unknown name is a real typo.
      "a_variantes": false, "a_plan": false, "a_plan_proprietaire": false, "a_accompagnement": false, "a_logement_social": false,
    ]
    if let e = c.socialHousing {
      d["a_logement_social"] = true
      d["logement_social"] =
        [
          "zone": e.zone?.french ?? "à préciser",
          "categorie":
            "\(e.category.number)\(e.category.extraPersons > 0 ? " + " + count(e.category.extraPersons, "personne supplémentaire", "personnes supplémentaires") : "") — \(e.category.reason)",
          "ressources": e.resources.map { "\(money($0.amount)) — \($0.reason)" } ?? "à réunir",
          "lignes": e.results.map { r -> [String: Any] in
            [
              "financement": r.financing.french, "statut": r.status.french, "classe": r.status.rawValue,
              "plafond": r.ceiling.map(money) ?? "—", "marge": r.margin.map(money) ?? "—",
            ]
          },
          "manquants": e.missing.joined(separator: " ; "),
          "a_offres": !c.offers.isEmpty,
          "offres": c.offers.enumerated().map { k, o -> [String: Any] in
            let pct = { (r: Rational?) in r.map(percentText) ?? "—" }
            return [
              "nom": a.on ? "Offre \(k + 1)" : o.offer.name, "financement": o.offer.financing.rawValue.uppercased(),
              "typologie": a.label(o.offer.typology) ?? "",
              "cout": "\(money(o.offer.rent)) + \(money(o.offer.charges))", "aide": o.housingAidFrench,
              "statut": o.eligibility.status.french,
              "effort_avant": "\(pct(o.now.effortBeforeBenefit)) → \(pct(o.after.effortBeforeBenefit))",
              "effort_apres": "\(pct(o.now.effortAfterBenefit)) → \(pct(o.after.effortAfterBenefit))",
              "reste_a_vivre": "\(money(o.now.resteAVivre)) → \(money(o.after.resteAVivre))",
              "par_uc_par_jour": "\(o.now.resteAVivrePerUCPerDay.map(money) ?? "—") → \(o.after.resteAVivrePerUCPerDay.map(money) ?? "—")",
              "capacite": "\(money(o.now.capacity)) → \(money(o.after.capacity))",
            ]
          },
        ] as [String: Any]
    }
    if !c.variants.isEmpty {
      let base = HouseholdFiguresRow(budget: c.budget, capacity: c.capacity, aids: c.aids)
      let cols =
        [("Situation actuelle", base)]
        + c.variants.map {
          ($0.name, HouseholdFiguresRow(budget: $0.figures.budget, capacity: $0.figures.capacity, aids: $0.figures.aids!))
        }
      d["a_variantes"] = true
      d["variantes_entetes"] = cols.enumerated().map { k, col in k == 0 || !a.on ? col.0 : "Variante \(k)" }
      d["variantes_nombre"] = cols.count
      d["variantes_changements"] = c.variants.enumerated().map { k, v -> [String: Any] in
        var row: [String: Any] = [
          "nom": a.on ? "Variante \(k + 1)" : v.name, "changements": Typography.sentence(v.changes.map(a.text).joined(separator: " ; ")),
        ]
        let sentence = c.variantBenefits[k].summary
        row["a_phrase_prestations"] = sentence != nil
        row["phrase_prestations"] = sentence ?? ""
        return row
      }
      d["variantes_lignes"] = HouseholdFiguresRow.rows.map { label, get in ["libelle": label, "valeurs": cols.map { get($0.1) }] }
    }
    if let p = c.plan {
      d["a_plan"] = true
      d["plan"] = planData(p, a)
    }
    if let loan = c.figures.homeLoan {
      // What the plan does with the home: said before the plan, never a write-off of the loan.
      var note = "Le ménage est propriétaire de sa résidence principale"
      if let value = c.figures.realEstate { note += " (valeur déclarée : \(money(value)))" }
      note += ". Son prêt immobilier\(loan.creditor.map { " (\(a.creditor($0)))" } ?? "") n'est pas effacé : "
      note += c.plan?.settings.homeLoan.french ?? HomeLoanTreatment.arrieres.french
      note += ". Sa mensualité de \(money(loan.instalment)) est réservée dans le budget vie courante, avant la capacité de remboursement. "
      note +=
        "Pour éviter la vente du logement, la durée de 7 ans peut être dépassée pour ce prêt (articles L732-3 et L733-3 du Code de la consommation), et les remboursements peuvent, avec l'accord du ménage, dépasser la part saisissable (L731-2). La vente du logement reste une autre issue, à étudier avec la commission."
      d["a_plan_proprietaire"] = true
      d["plan_proprietaire_note"] = note
    }
    if let acc = s.accompaniment {
      d["a_accompagnement"] = true
      d["accompagnement"] = [
        "debut": field(acc.start.map { a.date($0) }), "duree": field(acc.months.map { "\($0) mois" }),
        "objectifs": acc.objectives.map { Typography.capitalized(a.wording($0)) },
        "engagements_menage": acc.householdCommitments.map { Typography.capitalized(a.wording($0)) },
        "engagements_conseiller": acc.counsellorCommitments.map { Typography.capitalized(a.wording($0)) },
      ]
    } else {
      d["a_accompagnement"] = false
    }
    return d
  }

  // MARK: The over-indebtedness filing draft (Cerfa 13594*02)

  public static func filing(_ c: DocumentCase) -> [String: Any] {
    let s = c.scenario
    let a = anonymizer(c)
    let applicant = s.members.firstIndex { $0.role == .demandeur } ?? 0
    let partner = s.members.firstIndex { $0.role == .conjoint }
    let couple = partner != nil
    let dependants = s.members.enumerated().filter { $0.element.role == .enfant || $0.element.role == .autre }
    func both(_ f: (Int) -> String?) -> (String?, String??) {
      (f(applicant), couple ? .some(f(partner!)) : .none)
    }
    func member(_ i: Int) -> Member { s.members[i] }
    func identity(_ n: String, _ label: String, _ f: (Int) -> String?) -> [String: Any] {
      let (x, y) = both(f)
      return line(n, label, x, y)
    }
    let identite: [[String: Any]] = [
      identity("1.1", "Nom", { a.familyName($0) }),
      identity("1.2", "Nom de naissance", { a.personal(member($0).birthName, "[nom de naissance]") }),
      identity("1.3", "Prénom(s)", { a.firstName($0) }),
      identity("1.4", "Date de naissance", { a.on ? "[date]" : member($0).birthDate.slashed }),
      identity("1.5", "Lieu de naissance", { a.personal(member($0).birthPlace, "[lieu de naissance]") }),
      identity("1.6", "Nationalité", { a.personal(member($0).nationality, "[nationalité]") }),
    ]
    let coordonnees: [[String: Any]] = [
      line("1.7", "Adresse", a.personal(s.contact.address, "[adresse]")),
      line("1.8", "Téléphone", a.personal(s.contact.phone.map(Typography.phone), "[téléphone]")),
      line("1.9", "Courriel", a.personal(s.contact.email, "[courriel]")),
    ]
    let married = s.familyStatus == .marie || s.familyStatus == .pacse
    var personnelles: [[String: Any]] = [
      line("2.1", "Situation familiale", s.familyStatus.map { Typography.capitalized($0.french) }),
      line(
        "2.2", "Régime matrimonial",
        married ? s.matrimonialRegime.map { Typography.capitalized($0.french) } : (s.familyStatus == nil ? nil : "sans objet")),
    ]
    func job(_ i: Int) -> (String?, String?, String?, String?) {
      guard let act = member(i).activity else { return (nil, nil, nil, nil) }
      let profession = [act.status.french, act.status == .salarie ? act.contract?.french : nil].compactMap { $0 }.joined(separator: ", ")
      guard act.status == .salarie else { return (Typography.capitalized(profession), "sans objet", "sans objet", "sans objet") }
      return (
        Typography.capitalized(profession), a.personal(act.employerName, "[employeur]"),
        a.personal(act.employerAddress, "[adresse]"), a.slashed(act.start)
      )
    }
    let (ja, jb) = (job(applicant), partner.map(job))
    personnelles += [
      line("2.3", "Profession, contrat", ja.0, couple ? .some(jb?.0) : .none),
      line("2.4", "Employeur", ja.1, couple ? .some(jb?.1) : .none),
      line("2.5", "Adresse de l'employeur", ja.2, couple ? .some(jb?.2) : .none),
      line("2.6", "En poste depuis le", ja.3, couple ? .some(jb?.3) : .none),
    ]
    let tenant = [.locataireSocial, .locatairePrive, .foyer].contains(s.housing.status)
    // The landlord: as the scenario names it, or the creditor of the rent debt.
    let rentDebt = s.debts.first { $0.nature == .loyer || $0.landlord }
    let landlordName: String? =
      s.housing.landlord?.name.flatMap { a.personal($0, "[bailleur]") } ?? rentDebt.map { a.creditor($0.creditor) }
    let landlordAddress = s.housing.landlord?.address ?? (s.housing.landlord?.name == nil ? rentDebt?.address : nil)
    let logement: [[String: Any]] = [
      line("2.8", "Logement", s.housing.status.map { Typography.capitalized($0.french) }),
      line("2.9", "Bailleur : nom", tenant ? landlordName : "sans objet"),
      line("2.10", "Bailleur : adresse", tenant ? a.personal(landlordAddress, "[adresse]") : "sans objet"),
      line(
        "2.11", "Dossier de surendettement déposé auparavant",
        s.previousFilings.isEmpty
          ? (s.settings.earlierPlanMonths > 0
            ? "oui (plans antérieurs : \(s.settings.earlierPlanMonths) mois)" : (s.declaredNone.contains(.depotsAnterieurs) ? "non" : nil))
          : s.previousFilings.map { "le \(a.slashed($0.date)!)" + ($0.outcome.map { a.on ? "" : " : \($0)" } ?? "") }.joined(
            separator: " ; ")),
      line(
        "2.12", "Service social qui accompagne le ménage",
        s.socialService.flatMap { ss in
          ss.organisation == nil && ss.referent == nil
            ? nil
            : [
              a.personal(ss.organisation, "[structure]"), a.personal(ss.referent, "[référent]"),
              a.personal(ss.phone.map(Typography.phone), "[téléphone]"), a.personal(ss.email, "[courriel]"),
            ]
            .compactMap { $0 }.joined(separator: ", ")
        }),
    ]
    // Rubriques 4 to 7 read the figures model: no sum here.
    let f = c.figures
    func row(_ l: CaseFigures.Line) -> [String: Any] {
      ["libelle": Budget.itemLabelForDocuments(l.category, a.label(l.label)), "montant": money(l.monthly)]
    }
    let ressources: [[String: Any]] = f.resources.map { l in
      row(l).merging(["personne": l.person.map { a.memberName($0) } ?? "Foyer"]) { $1 }
    }
    let charges = f.fixedCharges.map(row)
    let expenses = f.expenses.map(row)
    // Debts, one numbered row each; a guarantor is never asserted without data.
    let debts = f.debts.map { r -> [String: Any] in
      let d = r.debt
      let caution: String? =
        switch d.caution {
        case nil: nil
        case .aucune: "aucune"
        case .garantie: "oui" + (d.guarantor.map { " : \(a.on ? "[caution]" : $0)" } ?? " (nom à compléter)")
        case .debiteurCaution: "le déposant est caution"
        }
      let address = a.personal(d.address, "[adresse]")
      let reference = a.personal(d.reference, "[référence]")
      let missing = [address == nil ? "adresse" : nil, reference == nil ? "référence" : nil].compactMap { $0 }
      return [
        "numero": r.number, "nature": Typography.capitalized(d.nature.french) + (r.isHomeLoan ? " (résidence principale)" : ""),
        "creancier": a.creditor(d.creditor),
        "adresse": address ?? "", "reference": reference.map { "Réf. \($0)" } ?? "",
        "manquants": missing.joined(separator: ", "), "a_manquants": !missing.isEmpty,
        "restant_du": money(d.remainingDue), "impayes": money(d.arrears), "mensualite": money(d.monthlyPayment),
        "caution": field(caution), "exclusion": d.exclusion.map { Typography.capitalized($0.french) } ?? "",
        "a_exclusion": d.exclusion != nil,
      ]
    }
    let n = s.debts.count
    let cessions = s.procedures.filter { $0.kind == .cessionRemuneration }
    let executions = s.procedures.filter { $0.kind != .cessionRemuneration }
    func procedureText(_ p: Procedure) -> String {
      var t = Typography.capitalized(p.kind.french)
      if let cr = p.creditor { t += " (\(a.creditor(cr)))" }
      if let d = a.slashed(p.date) { t += ", le \(d)" }
      if let desc = p.description, !a.on { t += " : \(desc)" }
      return t
    }
    // The list of procedures is answered as a whole (cessions included): once it holds one, the
    // other kind is « aucune ».
    let answered = s.declaredNone.contains(.procedures) || !s.procedures.isEmpty
    let complementaires: [[String: Any]] = [
      line(
        "7.\(n + 1)", "Cessions de rémunération consenties",
        cessions.isEmpty ? (answered ? "aucune" : nil) : cessions.map(procedureText).joined(separator: " ; ")),
      line(
        "7.\(n + 2)", "Procédures en cours (saisies, expulsion)",
        executions.isEmpty ? (answered ? "aucune" : nil) : executions.map(procedureText).joined(separator: " ; ")),
    ]
    // Assets and accounts.
    let biens = s.assets.map {
      ["type": Typography.capitalized($0.type.french), "libelle": a.label($0.label) ?? "", "valeur": money($0.value)]
    }
    let comptes = s.bankAccounts.map {
      [
        "banque": a.on ? "[banque]" : $0.bank, "type": Typography.capitalized($0.kind.french), "solde": money($0.balance),
        "date": a.slashed($0.date) ?? "",
      ]
    }
    let filers = couple ? [applicant, partner!] : [applicant]
    return [
      "titre": "Déclaration de surendettement — brouillon",
      "cerfa": "Cerfa n° 13594*02",
      "date_document": c.documentDate.slashed,
      "date_situation": s.date.slashed,
      "anonyme": c.anonymous,
      "a_codeposant": couple,
      "nom_deposant": a.memberName(applicant),
      "nom_codeposant": partner.map { a.memberName($0) } ?? "",
      "identite": identite,
      "coordonnees": coordonnees,
      "personnelles": personnelles,
      "personnes_a_charge": dependants.map { i, m in
        ["nom": a.memberName(i), "lien": Typography.capitalized(m.role.french), "naissance": a.on ? "[date]" : m.birthDate.slashed]
      },
      "a_personnes_a_charge": !dependants.isEmpty,
      "logement": logement,
      "ressources": ressources,
      "total_ressources": money(f.resourcesTotal),
      "biens": biens, "a_biens": !biens.isEmpty, "aucun_bien": s.declaredNone.contains(.patrimoine),
      "comptes": comptes, "a_comptes": !comptes.isEmpty, "aucun_compte": s.declaredNone.contains(.comptes),
      "charges": charges, "total_charges": money(f.fixedChargesTotal),
      "depenses": expenses, "total_depenses": money(f.expensesTotal),
      "total_charges_depenses": money(f.currentCharges),
      "dettes": debts,
      "total_dettes": money(f.debtsTotal),
      "total_impayes": money(f.arrearsTotal),
      "total_mensualites": money(f.instalmentsTotal),
      "note_pret_residence": f.homeLoan.map { l in
        l.debtIndex == nil
          ? ""
          : "Le prêt de la résidence principale figure ici, en dettes, avec sa mensualité de \(money(l.instalment)) : il n'est pas repris dans les charges (rubrique 5)."
      } ?? "",
      "complementaires": complementaires,
      "lettre": Letter.make(c, a, filers: filers),
      "pieces": supportingDocuments(s, a),
      "capacite": capacity(c),
      "signataires": filers.map { ["nom": a.memberName($0)] },
      "chiffres": figures(c),
    ]
  }

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
