import ArgumentParser
import EquilibreCore

struct CapaciteCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "capacite",
    abstract: "Capacité de remboursement comme la calcule une commission de surendettement (R731-1, L731-2).",
    discussion: """
      capacité = max(0 ; min(quotité saisissable ; ressources − RSA du foyer ; ressources − budget vie courante))
      Exemples (fichiers : equilibre exemples --copier NOM) :
        equilibre capacite interimaire-credits-conso.yaml
        equilibre capacite couple-trois-enfants-revolving.yaml --forfaits forfaits/puy-de-dome-2012.yaml --explique
        equilibre capacite parent-separe.yaml --date 2026-01-15 --format json
      """)

  @OptionGroup var household: HouseholdOptions

  @Flag(name: .customLong("strict"), help: "Sortie en erreur (code 69) si un paramètre légal manque à cette date (valeur provisoire).")
  var strict = false

  func run() throws {
    let (scenario, parameters, forfaits) = try household.load()
    let c = try compute { () throws(ParameterError) in
      try RepaymentCapacity(scenario: scenario, parameters: parameters, forfaits: forfaits)
    }
    let warnings = parameterWarnings(c.explanations)
    switch try household.outputFormat() {
    case .json:
      var pairs = figuresJSON(c.figures)
      pairs.insert(("date", .string(scenario.date.description)), at: 0)
      pairs.append(("ressources_moins_rsa", .string(c.resourcesMinusRSA.plainCents)))
      pairs.append(("ressources_moins_budget_vie_courante", .string(c.resourcesMinusBudget.plainCents)))
      pairs.append(("methode_budget_vie_courante", .string(c.budgetVieCourante.method.rawValue)))
      pairs.append(("avertissements", .array((warnings + c.budgetVieCourante.notes).map(JSONValue.string))))
      if household.explique { pairs.append(("explications", explanationJSON(c.explanations))) }
      print(JSONValue.object(pairs).rendered())
    case .texte:
      var out = "Capacité de remboursement au \(scenario.date.french)\n\n"
      let mark: (RepaymentCapacity.Term) -> String = { $0 == c.bindingTerm ? "  ← terme limitant" : "" }
      out += Table.keyValues([
        ("Ressources mensuelles", c.resources.frenchDisplay),
        ("Personnes à charge (R3252-3)", String(c.dependants)),
        ("Quotité saisissable", c.quotiteSaisissable.french + mark(.quotiteSaisissable)),
        ("RSA du foyer", c.rsa.amount.french + " (× \(c.rsa.multiplier.frenchExact()))"),
        ("Ressources − RSA du foyer", c.resourcesMinusRSA.frenchDisplay + mark(.rsaFoyer)),
        ("Budget vie courante (\(c.budgetVieCourante.method.rawValue))", c.budgetVieCourante.total.frenchDisplay),
        ("Ressources − budget vie courante", c.resourcesMinusBudget.frenchDisplay + mark(.budgetVieCourante)),
        ("Capacité de remboursement", c.capacity.french),
        ("Solde bancaire insaisissable", c.soldeBancaireInsaisissable.french),
      ])
      for n in c.budgetVieCourante.notes { out += "  Note : \(n)\n" }
      for w in warnings { out += "  À vérifier : \(w)\n" }
      if household.explique { out += explanationText(c.explanations) }
      print(out, terminator: "")
    }
    if strict { try enforceStrict(c.explanations) }
  }
}
