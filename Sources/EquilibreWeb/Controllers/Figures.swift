import EquilibreCases
import EquilibreCore
import EquilibreDocuments
import EquilibreScenarios

/// A scenario typed in the browser, read by the same reader as the CLI's files and computed by
/// the same engines: the figures, or the reader's French errors.
struct ComputedScenario {
  var scenario: Scenario?
  var figures: KeyFigures?
  var household: HouseholdFigures?
  var forfaits: ParameterSet?
  var errors: [String] = []
  /// The reader's problems with their paths (for the form).
  var diagnostics: [Diagnostic] = []

  init(text: String) {
    do {
      let s = try ScenarioFile.parse(text, file: "scénario")
      scenario = s
      // A forfait file named by an example is the one compiled into the program.
      let forfaits = s.settings.forfaitsFile.flatMap { name in ExampleScenarios.files.first { $0.name == name }?.text }
        .flatMap { try? ParameterFile.parse($0, file: s.settings.forfaitsFile!) }
      self.forfaits = forfaits
      household = try HouseholdFigures(scenario: s, forfaits: forfaits, withAids: false)
      figures = try KeyFigures.compute(scenario: s, forfaits: forfaits)
    } catch let d as Diagnostics {
      diagnostics = d.items
      errors = d.items.map { "ligne \($0.line) : \($0.path.isEmpty ? "" : "\($0.path) : ")\($0.message)" }
    } catch let e as ParameterError {
      errors = [e.description]
    } catch {
      errors = ["scénario illisible"]
    }
  }

  /// The key figures as the page shows them, by key.
  var shown: [String: String] {
    guard let f = figures else { return [:] }
    var out: [String: String] = [:]
    for row in f.rows { out[row.key] = KeyFigures.french(row.value, row.kind) }
    out["terme_limitant"] = household.map { $0.capacity.bindingTerm.french } ?? ""
    if let s = scenario, s.socialHousing != nil || !s.offers.isEmpty {
      for r in SocialHousingEligibility(scenario: s).results { out["logement_\(r.financing.rawValue)"] = Self.housingLine(r) }
    }
    return out
  }

  /// The page's data for the figures panel: key figures, the capacity's three terms, aids,
  /// plan and variants, each from the engines (the dossier's own computation).
  var panel: [String: Any] {
    guard let f = figures, let h = household, let s = scenario else {
      // The key figures' places, empty: the page's script fills them as soon as the text computes.
      let none = KeyFigures(resources: 0, charges: 0, resteAVivre: 0, perUCPerDay: nil, effortRate: nil, capacity: 0, bindingTerm: "", totalDebts: 0)
      return ["a_chiffres": false, "attente": none.rows.map { ["cle": $0.key, "libelle": $0.label, "valeur": "—"] }]
    }
    let money = { (m: Money) in m.roundedToCents(.halfAwayFromZero).french }
    let k = h.capacity
    var more: [String: Any] = [
      "termes": [
        ["libelle": "Part saisissable des ressources", "valeur": money(k.quotiteSaisissable), "limitant": k.bindingTerm == .quotiteSaisissable],
        ["libelle": "Ressources moins le RSA du foyer", "valeur": money(k.resourcesMinusRSA), "limitant": k.bindingTerm == .rsaFoyer],
        ["libelle": "Ressources moins le budget de la vie courante", "valeur": money(k.resourcesMinusBudget), "limitant": k.bindingTerm == .budgetVieCourante],
      ]
    ]
    if let c = try? DocumentCase(scenario: s, forfaits: forfaits, documentDate: s.date) {
      more["aides"] = c.aids.results.filter { $0.status != .nonEligible }.map { r in
        [
          "nom": r.id.french, "statut": r.status.french, "montant": r.amount.map(money) ?? "",
          "motifs": r.reasons, "manquants": r.missing.joined(separator: ", "), "a_manquants": !r.missing.isEmpty,
        ] as [String: Any]
      }
      if let p = c.plan {
        more["a_plan"] = true
        more["plan"] = "\(p.months) mois, \(money(p.capacity)) par mois ; effacé en fin de plan : \(money(p.totalErased))"
        more["plan_creanciers"] = p.creditors.map { ["nom": $0.name, "du": money($0.owed), "rembourse": money($0.repaid), "efface": money($0.erased)] }
      }
      more["variantes"] = zip(zip(c.variants, c.variantBenefits), s.variants).map { pair, variant in
        let (v, r) = pair
        let loan = variant.changes.compactMap { $0.loanSummary(on: s.date) }
        return [
          "nom": v.name, "changements": v.changes.joined(separator: " ; "), "reste_a_vivre": money(v.figures.budget.resteAVivre),
          "capacite": money(v.figures.capacity.capacity), "gain_net": money(r.netChange),
          "prestations": r.lines.filter { !$0.change.isZero }.map { "\($0.kind.french) \(money($0.before)) → \(money($0.after))" }
            .joined(separator: " ; "),
          "a_prestations": r.lines.contains { !$0.change.isZero },
          "phrase": r.summary ?? "", "a_phrase": r.summary != nil,
          "pret": loan.joined(separator: " "), "a_pret": !loan.isEmpty,
        ] as [String: Any]
      }
      more["a_variantes"] = !c.variants.isEmpty
      // The base and the variants side by side, differences marked (the same cells as `simuler`).
      let comparison = VariantComparison(base: h, variants: c.variants.map { ($0.name, $0.figures) })
      more["colonnes"] = comparison.columns
      more["lignes_comparaison"] = comparison.rows.map { r in
        [
          "libelle": r.label,
          "cellules": r.cells.map { ["texte": $0.french, "ecart": $0.direction != 0] },
        ] as [String: Any]
      }
      // Social housing: the same DocumentCase computation as the dossier and `equilibre logement`.
      if let e = c.socialHousing {
        more["a_logement"] = true
        more["logement"] = e.results.map { r -> [String: Any] in ["cle": "logement_\(r.financing.rawValue)", "texte": Self.housingLine(r)] }
        more["logement_categorie"] = "catégorie \(e.category.number) (\(e.category.reason)), ressources retenues "
          + (e.resources.map { money($0.amount) } ?? "à réunir")
        more["a_offres"] = !c.offers.isEmpty
        more["offres"] = c.offers.map { o -> String in
          "\(o.offer.name) (\(o.offer.financing.rawValue.uppercased())) : \(o.eligibility.status.french) ; aide au logement \(o.housingAidFrench) ; "
            + "taux d'effort après aide \(o.now.effortAfterBenefit.map(percentText) ?? "—") → \(o.after.effortAfterBenefit.map(percentText) ?? "—") ; "
            + "reste à vivre \(money(o.now.resteAVivre)) → \(money(o.after.resteAVivre))"
        }
      }
    }
    // A figure resting on a provisional value (a gap in the parameters) says so, visibly.
    let provisional = Array(
      Set((h.budget.explanations + h.capacity.explanations).flatMap(\.parameters).filter { $0.gapSince != nil }.map {
        "\($0.description) : \($0.warnings.joined(separator: " ; "))"
      })
    ).sorted()
    // The three benefits declared and computed, side by side, each opened to its explanation.
    let check = h.budget.benefitCheck
    let explained: [BenefitKind: Explanation] = check.benefits.map {
      [.aideLogement: $0.housingAid.explanation, .rsa: $0.incomeSupport.rsa.explanation, .primeActivite: $0.incomeSupport.primeActivite.explanation]
    } ?? [:]
    more["prestations_mode"] = check.mode == .declarees
      ? "Le budget compte les montants déclarés (réglage « prestations: calculees » pour compter les montants calculés)."
      : "Le budget compte les montants calculés (réglage « prestations: calculees »)."
    more["prestations"] = check.lines.map { l -> [String: Any] in
      [
        "cle": l.kind.rawValue, "nom": l.kind.french.prefix(1).uppercased() + l.kind.french.dropFirst(), "declaree": money(l.declared),
        "calculee": l.computed.map(money) ?? l.kind.agreed("non calculé"), "message": l.message ?? "", "a_message": l.message != nil,
        "motif": l.computed == nil ? (l.reason ?? check.gap ?? "") : "", "a_motif": l.computed == nil,
        "lignes": (explained[l.kind]?.frenchLines ?? []).map { $0.trimmingSpaces },
      ]
    }
    // A warning that changes a figure is shown where the figure is (issue 28).
    let noForfaits = h.capacity.budgetVieCourante.method == .reel
    return more.merging([
      "sans_forfaits": noForfaits,
      "a_provisoires": !provisional.isEmpty,
      "provisoires": provisional,
      "a_chiffres": true,
      "chiffres": f.rows.map { ["cle": $0.key, "libelle": $0.label, "valeur": KeyFigures.french($0.value, $0.kind)] },
      "terme_limitant": h.capacity.bindingTerm.french,
      "explications": (h.budget.explanations + h.capacity.explanations).map { e in
        ["figure": e.figure, "valeur": e.value, "lignes": Array(e.frenchLines.dropFirst()).map { $0.trimmingSpaces }] as [String: Any]
      },
    ]) { $1 }
  }
}

extension ComputedScenario {
  /// One financing's line on the case page (and in `POST /calcul`'s answer, by key).
  static func housingLine(_ r: SocialHousingEligibility.Result) -> String {
    let money = { (m: Money) in m.roundedToCents(.halfAwayFromZero).french }
    return "\(r.financing.rawValue.uppercased()) : \(r.status.french)" + (r.ceiling.map { ", plafond \(money($0))" } ?? "")
      + (r.margin.map { ", marge \(money($0))" } ?? "")
  }

  /// What the case page takes from the figures: the two fragments of its figures column,
  /// rendered (and escaped) once, so that a page shown again only inserts them.
  static func fragments(_ panel: [String: Any]) -> [String: Any] {
    [
      "a_chiffres": panel["a_chiffres"] as? Bool ?? false, "attente": panel["attente"] ?? [[String: String]](),
      "chiffres_html": Pages.shared.render("chiffres", panel),
      "explications_html": Pages.shared.render("explications", panel),
    ]
  }
}

