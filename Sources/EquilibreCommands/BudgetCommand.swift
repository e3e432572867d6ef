import ArgumentParser
import EquilibreCore

struct BudgetCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "budget",
    abstract: "Budget du ménage : ressources, charges, taux d'effort et reste à vivre.",
    discussion: """
      Exemples (fichiers : equilibre exemples --copier NOM) :
        equilibre budget locataire-impayes-perte-emploi.yaml
        equilibre budget couple-trois-enfants-revolving.yaml --format json --explique
      """)

  @OptionGroup var household: HouseholdOptions

  @Flag(name: .customLong("strict"), help: "Sortie en erreur (code 69) si un paramètre légal manque à cette date (valeur provisoire).")
  var strict = false

  func run() throws {
    let (scenario, parameters, _) = try household.load()
    let budget = try compute { () throws(ParameterError) in try Budget(scenario: scenario, parameters: parameters) }
    let figures = BudgetText(budget: budget)
    switch try household.outputFormat() {
    case .json:
      var pairs = figuresJSON(budget.figures)
      pairs.insert(("date", .string(scenario.date.description)), at: 0)
      pairs.append(("politique_reste_a_vivre", .string(budget.policy.name)))
      pairs.append(("ressources_par_type", lineJSON(budget.resourcesByType)))
      pairs.append(("ressources_par_personne", lineJSON(budget.resourcesByPerson)))
      pairs.append(("charges_par_categorie", lineJSON(budget.chargesByCategory)))
      let check = budget.benefitCheck
      pairs.append(("prestations_comptees", .string(check.mode.rawValue)))
      pairs.append(
        (
          "prestations",
          .object(
            check.lines.map { l in
              (
                l.kind.rawValue,
                .object([
                  ("declare", .string(l.declared.plain)), ("calcule", l.computed.map { .string($0.plain) } ?? .null),
                  ("motif", l.computed == nil ? .string(l.reason ?? check.gap ?? "") : .null), ("droits_a_verifier", .bool(l.flagged)),
                ])
              )
            })
        ))
      pairs.append(("avertissements", .array((check.warnings + parameterWarnings(budget.explanations)).map(JSONValue.string))))
      if household.explique { pairs.append(("explications", explanationJSON(budget.explanations))) }
      print(JSONValue.object(pairs).rendered())
    case .texte:
      var out = "Budget du ménage au \(scenario.date.french)\n\n"
      out += "Ressources mensuelles\n" + Table.keyValues(budget.resourcesByType.map { ($0.label, $0.monthly.frenchDisplay) })
      if budget.resourcesByPerson.count > 1 {
        out += "\nRessources par personne\n" + Table.keyValues(budget.resourcesByPerson.map { ($0.label, $0.monthly.frenchDisplay) })
      }
      out += "\nCharges mensuelles (politique « \(budget.policy.name) »)\n"
      out += Table.keyValues(budget.chargesByCategory.map { ($0.label, $0.monthly.frenchDisplay) })
      out += "\nSynthèse\n" + Table.keyValues(figures.textPairs)
      let check = budget.benefitCheck
      out += "\nPrestations (\(check.mode == .declarees ? "montants déclarés comptés" : "montants calculés comptés"))\n"
      out += Table.keyValues(
        check.lines.map { l in
          (
            l.kind.french.prefix(1).uppercased() + l.kind.french.dropFirst(),
            "\(l.kind.agreed("déclaré")) \(l.declared.frenchDisplay), "
              + (l.computed.map { "\(l.kind.agreed("calculé")) \($0.frenchDisplay)" } ?? l.kind.agreed("non calculé"))
          )
        })
      for w in check.warnings { out += "  À vérifier : \(w)\n" }
      for w in parameterWarnings(budget.explanations) { out += "  À vérifier : \(w)\n" }
      if household.explique { out += explanationText(budget.explanations) }
      print(out, terminator: "")
    }
    if strict { try enforceStrict(budget.explanations) }
  }
}

/// The budget's key figures with French labels, for the terminal.
struct BudgetText {
  let budget: Budget

  var textPairs: [(String, String)] {
    let b = budget
    var pairs: [(String, String)] = [
      ("Ressources mensuelles", b.resources.frenchDisplay),
      ("Charges mensuelles", b.charges.frenchDisplay),
      ("Reste à vivre", b.resteAVivre.frenchDisplay + " par mois"),
    ]
    if let p = b.resteAVivrePerPerson { pairs.append(("Reste à vivre par personne", p.frenchDisplay + " par mois")) }
    if let u = b.resteAVivrePerUCPerDay {
      pairs.append(
        ("Reste à vivre par UC et par jour", u.frenchDisplay + " (\(b.consumptionUnits.frenchExact()) UC, \(b.daysPerMonth) jours)"))
    }
    if let before = b.effortRateBeforeBenefit, let after = b.effortRateAfterBenefit {
      pairs.append(("Taux d'effort avant aide", percentText(before)))
      pairs.append(("Taux d'effort après aide", percentText(after)))
    }
    return pairs
  }
}

func lineJSON(_ lines: [BudgetLine]) -> JSONValue {
  .array(lines.map { .object([("libelle", .string($0.label)), ("montant_mensuel", .string($0.monthly.plainCents))]) })
}
