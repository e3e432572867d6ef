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

  static func money(_ m: Money) -> String { m.roundedToCents(.halfAwayFromZero).french }

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
        activity = [act.status.french, act.contract?.french, act.sector.map { "employeur \($0.french)" },
          act.employerHeadcount.map { "\($0) salariés" }].compactMap { $0 }.joined(separator: ", ")
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
    ("reste_a_vivre.", "Reste à vivre par jour"),
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
      let references = Array(Set(group.compactMap { u -> String? in
        guard let r = u.reference?.trimmingSpaces, !r.isEmpty, !r.uppercased().contains("EXEMPLE"), u.from == latest.from else { return nil }
        return r
      })).sorted()
      if latest.from.year > 1990 { line += " : valeurs en vigueur depuis le \(latest.from.french)" }
      if let r = references.first, !label.localizedCaseInsensitiveContains(r) { line += " (\(r))" }
      out.append(line)
      if group.contains(where: { $0.unsure || $0.isPastReview || ($0.reference ?? "").uppercased().contains("EXEMPLE") }) {
        unsure.append(label.split(separator: ":").first.map { String($0).trimmingSpaces } ?? label)
      }
    }
    let caveat = unsure.isEmpty
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
        "depuis": u.from.year > 1990 ? u.from.french : "—", "reference": u.reference ?? "", "source": u.source ?? "",
        "a_source": !(u.source ?? "").isEmpty,
      ])
    }
    return out
  }

  static func capacity(_ c: DocumentCase) -> [String: Any] {
    let k = c.capacity
    return [
      "ressources": money(k.resources), "personnes_a_charge": String(k.dependants),
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
      guard r.status != .nonEligible else {
        others.append(r.id)
        continue
      }
      useful.append([
        "nom": r.id.french, "cle": r.id.rawValue, "statut": Typography.capitalized(r.status.french), "classe": r.status.rawValue,
        "montant": r.amount.map { "\(Typography.capitalized(r.amountLabel ?? "montant")) : \(money($0))" } ?? "",
        "a_montant": r.amount != nil, "motifs": r.reasons.map { Typography.capitalized(a.text($0)) },
        "manquants": r.missing.map(a.text).joined(separator: ", "), "a_manquants": !r.missing.isEmpty,
        "avertissements": r.warnings.map(Typography.sentence).joined(separator: " "), "a_avertissements": !r.warnings.isEmpty,
      ])
    }
    return (useful, notApplicableLine(others))
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
      let amount = r.low == r.high
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
      "mensualite": p.months > 0 ? money(p.monthTotal(1)) : money(.zero),
      "total_du": money(p.totalOwed), "total_rembourse": money(p.totalRepaid), "total_efface": money(p.totalErased),
      "a_moratoire": p.moratoireMonths > 0, "moratoire": "\(p.moratoireMonths) mois",
      "reexamen": p.reexamination?.french ?? "", "compromise": p.irremediablementCompromise,
      "creanciers": p.creditors.map { cr in
        let runs = paymentRuns(cr.monthlyCents)
        return [
          "nom": a.creditor(cr.name), "du": money(cr.owed),
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
      "description": s.summary.map(a.text) ?? "",
      "menage": members(c, a),
      "logement_statut": field(s.housing.status?.french).merging(["t": Typography.capitalized(s.housing.status?.french ?? toComplete)]) { $1 },
      "logement_lignes": housingLines(s.housing),
      "ressources": lines(b.resourceItems.map { BudgetLine(label: a.text($0.label), monthly: $0.monthly) }),
      "total_ressources": money(b.resources),
      "ressources_par_personne": b.resourcesByPerson.map { l in
        let name = s.members.firstIndex { $0.label == l.label }.map { a.memberName($0) } ?? Typography.capitalized(l.label)
        return "\(name) : \(money(l.monthly))"
      }.joined(separator: " ; "),
      "charges": lines(b.chargeItems.map { BudgetLine(label: a.text($0.label), monthly: $0.monthly) }),
      "total_charges": money(b.charges),
      "graphique_svg": BudgetChart.svg(
        resources: b.resourcesByType.map { BudgetLine(label: Typography.capitalized($0.label), monthly: $0.monthly) },
        charges: b.chargesByCategory.map { BudgetLine(label: Typography.capitalized($0.label), monthly: $0.monthly) },
        resteAVivre: b.resteAVivre),
      "politique": "\(b.policy.description)",
      "reste_a_vivre": money(b.resteAVivre),
      "reste_a_vivre_par_personne": b.resteAVivrePerPerson.map(money) ?? "—",
      "reste_a_vivre_par_uc_par_jour": b.resteAVivrePerUCPerDay.map(money) ?? "—",
      "unites_consommation": b.consumptionUnits.frenchExact(),
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
      "notes": (s.notes?.trimmingSpaces).map { a.text($0) } ?? "",
      "a_notes": !(s.notes?.trimmingSpaces.isEmpty ?? true),
      "sources": sourceLines,
      "sources_reserve": caveat ?? "",
      "a_annexe": annex,
      "parametres": annex ? parameterAnnex(c) : [],
      "explications": annex
        ? (b.explanations + c.capacity.explanations).map { ["chiffre": $0.figure, "valeur": $0.value, "formule": $0.formula] } : [],
      // Every section flag is present, so that a template's unknown name is a real typo.
      "a_variantes": false, "a_plan": false, "a_plan_proprietaire": false, "a_accompagnement": false, "a_logement_social": false,
    ]
    if let e = c.socialHousing {
      d["a_logement_social"] = true
      d["logement_social"] = [
        "zone": e.zone?.french ?? "à préciser",
        "categorie": "\(e.category.number)\(e.category.extraPersons > 0 ? " + \(e.category.extraPersons) personne(s) supplémentaire(s)" : "") — \(e.category.reason)",
        "ressources": e.resources.map { "\(money($0.amount)) — \($0.reason)" } ?? "à réunir",
        "lignes": e.results.map { r -> [String: Any] in
          [
            "financement": r.financing.french, "statut": r.status.french, "classe": r.status.rawValue,
            "plafond": r.ceiling.map(money) ?? "—", "marge": r.margin.map(money) ?? "—",
          ]
        },
        "manquants": e.missing.joined(separator: " ; "),
        "a_offres": !c.offers.isEmpty,
        "offres": c.offers.map { o -> [String: Any] in
          let pct = { (r: Rational?) in r.map(percentText) ?? "—" }
          return [
            "nom": a.text(o.offer.name), "financement": o.offer.financing.rawValue.uppercased(), "typologie": o.offer.typology.map(a.text) ?? "",
            "cout": "\(money(o.offer.rent)) + \(money(o.offer.charges))", "aide": o.offer.housingBenefit.map(money) ?? "non estimée",
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
      let cols = [("Situation actuelle", base)]
        + c.variants.map { ($0.name, HouseholdFiguresRow(budget: $0.figures.budget, capacity: $0.figures.capacity, aids: $0.figures.aids!)) }
      d["a_variantes"] = true
      d["variantes_entetes"] = cols.map { a.text($0.0) }
      d["variantes_nombre"] = cols.count
      d["variantes_changements"] = c.variants.map {
        ["nom": a.text($0.name), "changements": Typography.sentence($0.changes.map(a.text).joined(separator: " ; "))]
      }
      d["variantes_lignes"] = HouseholdFiguresRow.rows.map { label, get in ["libelle": label, "valeurs": cols.map { get($0.1) }] }
    }
    if let p = c.plan {
      d["a_plan"] = true
      d["plan"] = planData(p, a)
    }
    if let hp = c.homePlan, let p = c.plan {
      let loans = c.homeLoans.map(a.creditor).joined(separator: ", ")
      let property = s.assets.filter { $0.type == .bienImmobilier }.map(\.value).sum()
      var note = "Le ménage est propriétaire de sa résidence principale"
      if !property.isZero { note += " (valeur déclarée : \(money(property)))" }
      note += ". Le plan ci-dessus efface \(money(p.creditors.filter { c.homeLoans.contains($0.name) }.map(\.erased).sum())) du prêt immobilier (\(loans)). "
      note += "Pour éviter la vente du logement, la durée de 7 ans peut être dépassée pour ce prêt (articles L732-3 et L733-3 du Code de la consommation) ; une vente peut aussi être envisagée. "
      note += "Variante : le prêt immobilier gardé hors effacement."
      d["a_plan_proprietaire"] = true
      d["plan_proprietaire_note"] = note
      d["plan_proprietaire"] = planData(hp, a)
    }
    if let acc = s.accompaniment {
      d["a_accompagnement"] = true
      d["accompagnement"] = [
        "debut": field(acc.start?.french), "duree": field(acc.months.map { "\($0) mois" }),
        "objectifs": acc.objectives.map { Typography.capitalized(a.text($0)) },
        "engagements_menage": acc.householdCommitments.map { Typography.capitalized(a.text($0)) },
        "engagements_conseiller": acc.counsellorCommitments.map { Typography.capitalized(a.text($0)) },
      ]
    } else {
      d["a_accompagnement"] = false
    }
    return d
  }

  // MARK: The over-indebtedness filing draft (Cerfa 13594*02)

  /// Charges (« Vos charges ») and current expenses (« Vos dépenses chaque mois ») as the Banque
  /// de France online filing splits them.
  static let fixedCharges: Set<ChargeType> = [.loyer, .chargesLocatives, .impots, .pensionAlimentaireVersee, .assurances, .mutuelle, .garde, .scolarite]

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
      identity("1.6", "Nationalité", { member($0).nationality }),
    ]
    let coordonnees: [[String: Any]] = [
      line("1.7", "Adresse", a.personal(s.contact.address, "[adresse]")),
      line("1.8", "Téléphone", a.personal(s.contact.phone.map(Typography.phone), "[téléphone]")),
      line("1.9", "Courriel", a.personal(s.contact.email, "[courriel]")),
    ]
    let married = s.familyStatus == .marie || s.familyStatus == .pacse
    var personnelles: [[String: Any]] = [
      line("2.1", "Situation familiale", s.familyStatus.map { Typography.capitalized($0.french) }),
      line("2.2", "Régime matrimonial", married ? s.matrimonialRegime.map { Typography.capitalized($0.french) } : (s.familyStatus == nil ? nil : "sans objet")),
    ]
    func job(_ i: Int) -> (String?, String?, String?, String?) {
      guard let act = member(i).activity else { return (nil, nil, nil, nil) }
      let profession = [act.status.french, act.contract?.french].compactMap { $0 }.joined(separator: ", ")
      guard act.status == .salarie else { return (Typography.capitalized(profession), "sans objet", "sans objet", "sans objet") }
      return (
        Typography.capitalized(profession), a.personal(act.employerName, "[employeur]"),
        a.personal(act.employerAddress, "[adresse]"), act.start?.slashed
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
    let logement: [[String: Any]] = [
      line("2.8", "Logement", s.housing.status.map { Typography.capitalized($0.french) }),
      line("2.9", "Bailleur : nom", tenant ? a.personal(s.housing.landlord?.name, "[bailleur]") : "sans objet"),
      line("2.10", "Bailleur : adresse", tenant ? a.personal(s.housing.landlord?.address, "[adresse]") : "sans objet"),
      line("2.11", "Dossier de surendettement déposé auparavant",
        s.previousFilings.isEmpty
          ? (s.settings.earlierPlanMonths > 0
            ? "oui (plans antérieurs : \(s.settings.earlierPlanMonths) mois)" : (s.declaredNone.contains(.depotsAnterieurs) ? "non" : nil))
          : s.previousFilings.map { "le \($0.date.slashed)" + ($0.outcome.map { " : \(a.text($0))" } ?? "") }.joined(separator: " ; ")),
      line("2.12", "Service social qui accompagne le ménage",
        s.socialService.flatMap { ss in
          ss.organisation == nil && ss.referent == nil
            ? nil
            : [a.personal(ss.organisation, "[structure]"), a.personal(ss.referent, "[référent]"),
              a.personal(ss.phone.map(Typography.phone), "[téléphone]"), a.personal(ss.email, "[courriel]")]
              .compactMap { $0 }.joined(separator: ", ")
        }),
    ]
    // Resources by person, then the household's.
    let ressources: [[String: Any]] =
      s.resources.map { r in
        [
          "libelle": Budget.itemLabelForDocuments(r.type.french, r.label.map(a.text)),
          "personne": r.person.map { a.memberName($0) } ?? "Foyer", "montant": money(r.monthly),
        ]
      } + (s.housing.housingBenefit.isZero ? [] : [["libelle": "Aide au logement (APL ou AL)", "personne": "Foyer", "montant": money(s.housing.housingBenefit)]])
    // Charges and current expenses.
    var charges: [[String: Any]] = []
    var expenses: [[String: Any]] = []
    var chargesTotal = Money.zero
    var expensesTotal = Money.zero
    for (label, m) in [("Loyer hors charges", s.housing.rent), ("Charges locatives", s.housing.charges), ("Mensualité du prêt immobilier", s.housing.mortgagePayment)]
    where !m.isZero {
      charges.append(["libelle": label, "montant": money(m)])
      chargesTotal += m
    }
    for ch in s.charges where !ch.amount.isZero {
      let row: [String: Any] = ["libelle": Budget.itemLabelForDocuments(ch.type.french, ch.label.map(a.text)), "montant": money(ch.monthly)]
      if fixedCharges.contains(ch.type) {
        charges.append(row)
        chargesTotal += ch.monthly
      } else {
        expenses.append(row)
        expensesTotal += ch.monthly
      }
    }
    // Debts, one numbered row each; a guarantor is never asserted without data.
    let debts = s.debts.enumerated().map { k, d -> [String: Any] in
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
        "numero": "7.\(k + 1)", "nature": Typography.capitalized(d.nature.french), "creancier": a.creditor(d.creditor),
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
      if let d = p.date { t += ", le \(d.slashed)" }
      if let desc = p.description { t += " : \(a.text(desc))" }
      return t
    }
    let complementaires: [[String: Any]] = [
      line("7.\(n + 1)", "Cessions de rémunération consenties",
        cessions.isEmpty ? (s.declaredNone.contains(.procedures) ? "aucune" : nil) : cessions.map(procedureText).joined(separator: " ; ")),
      line("7.\(n + 2)", "Procédures en cours (saisies, expulsion)",
        executions.isEmpty ? (s.declaredNone.contains(.procedures) ? "aucune" : nil) : executions.map(procedureText).joined(separator: " ; ")),
    ]
    // Assets and accounts.
    let biens = s.assets.map { ["type": Typography.capitalized($0.type.french), "libelle": $0.label.map(a.text) ?? "", "valeur": money($0.value)] }
    let comptes = s.bankAccounts.map {
      ["banque": a.on ? "[banque]" : $0.bank, "type": Typography.capitalized($0.kind.french), "solde": money($0.balance),
        "date": $0.date?.slashed ?? ""]
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
      "total_ressources": money(c.capacity.resources),
      "biens": biens, "a_biens": !biens.isEmpty, "aucun_bien": s.declaredNone.contains(.patrimoine),
      "comptes": comptes, "a_comptes": !comptes.isEmpty, "aucun_compte": s.declaredNone.contains(.comptes),
      "charges": charges, "total_charges": money(chargesTotal),
      "depenses": expenses, "total_depenses": money(expensesTotal),
      "total_charges_depenses": money(chargesTotal + expensesTotal),
      "dettes": debts,
      "total_dettes": money(s.debts.map(\.remainingDue).sum()),
      "total_impayes": money(s.debts.map(\.arrears).sum()),
      "total_mensualites": money(s.debts.map(\.monthlyPayment).sum()),
      "complementaires": complementaires,
      "lettre": Letter.make(c, a, filers: filers, currentCharges: chargesTotal + expensesTotal),
      "pieces": supportingDocuments(s),
      "capacite": capacity(c),
      "signataires": filers.map { ["nom": a.memberName($0)] },
    ]
  }

  /// The blank worksheet for pen-and-paper workshops: the scenario files' own categories.
  public static func blankWorksheet() -> [String: Any] {
    [
      "titre": "Fiche budget du ménage",
      "lignes_menage": Array(repeating: true, count: 6),
      "ressources": ResourceType.allCases.map { Typography.capitalized($0.french) },
      "charges": ChargeType.allCases.map { Typography.capitalized($0.french) },
      "jours": "30",
      "natures": DebtNature.allCases.map(\.french).joined(separator: ", "),
      "lignes_dettes": Array(repeating: true, count: 8),
    ]
  }

  /// The supporting documents to attach, fitted to the household.
  static func supportingDocuments(_ s: Scenario) -> [String] {
    var out = [
      "Pièce d'identité en cours de validité (recto verso)" + (s.members.contains { $0.role == .conjoint } ? " de chaque déposant" : ""),
      "Justificatifs de ressources des 3 derniers mois (bulletins de salaire, attestations CAF, retraite…)",
      "Dernier avis d'imposition",
      "Relevés de tous les comptes bancaires des 3 derniers mois",
      "Justificatifs des charges : énergie, assurances, mutuelle, frais de garde et de scolarité",
      "Pour chaque dette : dernier relevé, tableau d'amortissement ou courrier du créancier indiquant le restant dû",
    ]
    let tenant = [.locataireSocial, .locatairePrive, .foyer].contains(s.housing.status)
    if tenant { out.append("Bail et dernière quittance de loyer") }
    if s.debts.contains(where: { $0.nature == .loyer && !$0.arrears.isZero }) {
      out.append("Décompte des loyers impayés établi par le bailleur")
    }
    let owner = [.proprietaire, .proprietaireAccedant].contains(s.housing.status) || s.assets.contains { $0.type == .bienImmobilier }
    if owner {
      out.append("Titre de propriété et estimation du bien immobilier")
      out.append("Dernier avis de taxe foncière")
    }
    if s.housing.status == .proprietaireAccedant || s.debts.contains(where: { $0.nature == .creditImmobilier }) {
      out.append("Offre et tableau d'amortissement du prêt immobilier")
    }
    if s.assets.contains(where: { $0.type == .vehicule }) { out.append("Certificat d'immatriculation (carte grise) du véhicule") }
    if s.members.contains(where: { $0.role == .enfant }) { out.append("Livret de famille ou actes de naissance des enfants") }
    let pensionSet = s.resources.contains { $0.type == .pensionAlimentaireRecue } || s.charges.contains { $0.type == .pensionAlimentaireVersee }
    if pensionSet || s.familyStatus == .divorce || s.familyStatus == .separe || s.knownEvents.contains(.separation) {
      out.append("Jugement fixant la pension alimentaire (divorce ou séparation)")
    }
    if s.resources.contains(where: { $0.type == .indemnitesJournalieres }) || s.knownEvents.contains(.maladie) {
      out.append("Arrêts de travail et relevés d'indemnités journalières de la CPAM")
    }
    if s.resources.contains(where: { $0.type == .chomage }) || s.knownEvents.contains(.perteEmploi)
      || s.members.contains(where: { $0.activity?.status == .demandeurEmploi })
    {
      out.append("Lettre de licenciement ou fin de contrat, et notifications de France Travail (ex-Pôle emploi)")
    }
    for p in s.procedures {
      switch p.kind {
      case .saisieSalaire: out.append("Acte de saisie sur salaire (procès-verbal, notification de l'employeur)")
      case .saisieCompte: out.append("Acte de saisie sur compte bancaire")
      case .expulsion: out.append("Actes de la procédure d'expulsion (commandement de payer, assignation, jugement)")
      case .saisieImmobiliere: out.append("Actes de la saisie immobilière (commandement, jugement d'orientation)")
      case .cessionRemuneration: out.append("Acte de cession des rémunérations")
      case .autre: out.append("Actes de la procédure : \(p.description ?? "jugement, commandement")")
      }
    }
    if s.debts.contains(where: { $0.caution == .debiteurCaution }) { out.append("Actes d'engagement de caution signés par le déposant") }
    var seen = Set<String>()
    return out.filter { seen.insert($0).inserted }
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
    ]
  }
}
