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

  /// The figures panel: key figures, the capacity's three terms, aids, plan and variants, each
  /// from the engines (the dossier's own computation).
  var panel: FiguresPanel {
    var p = FiguresPanel()
    guard let f = figures, let h = household, let s = scenario else {
      // The key figures' places, empty: the page's script fills them as soon as the text computes.
      let none = KeyFigures(
        resources: 0, charges: 0, resteAVivre: 0, perUCPerDay: nil, effortRate: nil, capacity: 0, bindingTerm: "", totalDebts: 0)
      p.waiting = none.rows.map { .init(key: $0.key, label: $0.label, value: "—") }
      return p
    }
    let money = { (m: Money) in m.roundedToCents(.halfAwayFromZero).french }
    let k = h.capacity
    p.terms = [
      .init(label: "Part saisissable des ressources", value: money(k.quotiteSaisissable), binding: k.bindingTerm == .quotiteSaisissable),
      .init(label: "Ressources moins le RSA du foyer", value: money(k.resourcesMinusRSA), binding: k.bindingTerm == .rsaFoyer),
      .init(
        label: "Ressources moins le budget de la vie courante", value: money(k.resourcesMinusBudget),
        binding: k.bindingTerm == .budgetVieCourante),
    ]
    if let c = try? DocumentCase(scenario: s, forfaits: forfaits, documentDate: s.date) {
      p.aids = c.aids.results.filter { $0.status != .nonEligible }.map { r in
        .init(
          name: r.id.french, status: r.status.french, amount: r.amount.map(money) ?? "", reasons: r.reasons,
          missing: r.missing.joined(separator: ", "), hasMissing: !r.missing.isEmpty)
      }
      if let plan = c.plan {
        p.hasPlan = true
        p.plan = "\(plan.months) mois, \(money(plan.capacity)) par mois ; effacé en fin de plan : \(money(plan.totalErased))"
        p.planCreditors = plan.creditors.map {
          .init(name: $0.name, owed: money($0.owed), repaid: money($0.repaid), erased: money($0.erased))
        }
      }
      p.variants = zip(zip(c.variants, c.variantBenefits), s.variants).map { pair, variant in
        let (v, r) = pair
        let loan = variant.changes.compactMap { $0.loanSummary(on: s.date) }
        return .init(
          name: v.name, changes: v.changes.joined(separator: " ; "), resteAVivre: money(v.figures.budget.resteAVivre),
          capacity: money(v.figures.capacity.capacity), netGain: money(r.netChange),
          benefits: r.lines.filter { !$0.change.isZero }.map { "\($0.kind.french) \(money($0.before)) → \(money($0.after))" }.joined(
            separator: " ; "),
          hasBenefits: r.lines.contains { !$0.change.isZero }, sentence: r.summary ?? "", hasSentence: r.summary != nil,
          loan: loan.joined(separator: " "), hasLoan: !loan.isEmpty)
      }
      p.hasVariants = !c.variants.isEmpty
      // The base and the variants side by side, differences marked (the same cells as `simuler`).
      let comparison = VariantComparison(base: h, variants: c.variants.map { ($0.name, $0.figures) })
      p.columns = comparison.columns
      p.comparisonRows = comparison.rows.map { r in
        .init(label: r.label, cells: r.cells.map { .init(text: $0.french, differs: $0.direction != 0) })
      }
      // Social housing: the same DocumentCase computation as the dossier and `equilibre logement`.
      if let e = c.socialHousing {
        p.hasHousing = true
        p.housing = e.results.map { .init(key: "logement_\($0.financing.rawValue)", text: Self.housingLine($0)) }
        p.housingCategory =
          "catégorie \(e.category.number) (\(e.category.reason)), ressources retenues "
          + (e.resources.map { money($0.amount) } ?? "à réunir")
        p.hasOffers = !c.offers.isEmpty
        p.offers = c.offers.map { o -> String in
          "\(o.offer.name) (\(o.offer.financing.rawValue.uppercased())) : \(o.eligibility.status.french) ; aide au logement \(o.housingAidFrench) ; "
            + "taux d'effort après aide \(o.now.effortAfterBenefit.map(percentText) ?? "—") → \(o.after.effortAfterBenefit.map(percentText) ?? "—") ; "
            + "reste à vivre \(money(o.now.resteAVivre)) → \(money(o.after.resteAVivre))"
        }
      }
    }
    // A figure resting on a provisional value (a gap in the parameters) says so, visibly.
    p.provisional = Array(
      Set(
        (h.budget.explanations + h.capacity.explanations).flatMap(\.parameters).filter { $0.gapSince != nil }.map {
          "\($0.description) : \($0.warnings.joined(separator: " ; "))"
        })
    ).sorted()
    p.hasProvisional = !p.provisional.isEmpty
    // The three benefits declared and computed, side by side, each opened to its explanation.
    let check = h.budget.benefitCheck
    let explained: [BenefitKind: Explanation] =
      check.benefits.map {
        [
          .aideLogement: $0.housingAid.explanation, .rsa: $0.incomeSupport.rsa.explanation,
          .primeActivite: $0.incomeSupport.primeActivite.explanation,
        ]
      } ?? [:]
    p.benefitsMode =
      check.mode == .declarees
      ? "Le budget compte les montants déclarés (réglage « prestations: calculees » pour compter les montants calculés)."
      : "Le budget compte les montants calculés (réglage « prestations: calculees »)."
    p.benefits = check.lines.map { l in
      .init(
        key: l.kind.rawValue, name: l.kind.french.prefix(1).uppercased() + l.kind.french.dropFirst(), declared: money(l.declared),
        computed: l.computed.map(money) ?? l.kind.agreed("non calculé"), message: l.message ?? "", hasMessage: l.message != nil,
        reason: l.computed == nil ? (l.reason ?? check.gap ?? "") : "", hasReason: l.computed == nil,
        lines: (explained[l.kind]?.frenchLines ?? []).map { $0.trimmingSpaces })
    }
    // A warning that changes a figure is shown where the figure is (issue 28).
    p.withoutForfaits = h.capacity.budgetVieCourante.method == .reel
    p.hasFigures = true
    p.figures = f.rows.map { .init(key: $0.key, label: $0.label, value: KeyFigures.french($0.value, $0.kind)) }
    p.bindingTerm = h.capacity.bindingTerm.french
    p.explanations = (h.budget.explanations + h.capacity.explanations).map { e in
      .init(figure: e.figure, value: e.value, lines: Array(e.frenchLines.dropFirst()).map { $0.trimmingSpaces })
    }
    return p
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
  static func fragments(_ panel: FiguresPanel) -> FiguresPanel.Fragments {
    let data = TemplateData(panel)
    return .init(
      hasFigures: panel.hasFigures, waiting: panel.waiting, figuresHTML: Pages.shared.render("chiffres", data),
      explanationsHTML: Pages.shared.render("explications", data))
  }
}
