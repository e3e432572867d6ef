import ArgumentParser
import EquilibreCore

/// `equilibre prestations`: the RSA and the prime d'activité the household's resources give,
/// beside the amounts it declares.
struct PrestationsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "prestations",
    abstract: "Prestations calculées : RSA et prime d'activité du foyer, à côté des montants déclarés (aide au logement : pas encore calculée).",
    discussion: """
      Le calcul prend les ressources mensuelles du scénario comme celles du trimestre de référence,
      l'aide au logement déclarée pour le forfait logement, et les enfants de moins de 25 ans.
      Un écart entre montant déclaré et montant calculé au-delà de la tolérance est signalé :
      « droits à vérifier ».
      Exemples (fichiers : equilibre exemples --copier NOM) :
        equilibre prestations parent-separe.yaml
        equilibre prestations interimaire-credits-conso.yaml --format json --explique
      """)

  @OptionGroup var household: HouseholdOptions

  @Option(help: "Écart (en euros par mois) au-delà duquel un montant déclaré est signalé.")
  var tolerance: String = "5"

  func run() throws {
    let (scenario, parameters, _) = try household.load()
    let tol = try amount(tolerance, option: "--tolerance")
    guard !tol.isNegative else { throw CLIError.usage("--tolerance : le montant ne peut pas être négatif") }
    let h = BenefitHousehold(scenario: scenario)
    let s = try compute { () throws(ParameterError) in try IncomeSupport(h, parameters: parameters) }
    func declared(_ t: ResourceType) -> Money? {
      let list = scenario.resources.filter { $0.type == t }
      return list.isEmpty ? nil : list.map(\.monthly).sum()
    }
    let rows: [(key: String, label: String, computed: ComputedBenefit, declared: Money?)] = [
      ("rsa", "RSA", s.rsa, declared(.rsa)), ("prime_activite", "Prime d'activité", s.primeActivite, declared(.primeActivite)),
    ]
    func gap(_ c: ComputedBenefit, _ d: Money?) -> String? {
      guard let d else { return c.amount.isZero ? nil : "— montant non déclaré, calculé \(c.amount.french) : droits à vérifier" }
      let diff = (c.amount - d).value
      return diff.magnitude > tol.value ? "— montant déclaré \(d.french), calculé \(c.amount.french) : droits à vérifier" : nil
    }
    let housingGap = "calcul de l'aide au logement pas encore disponible dans l'outil : montant déclaré \(scenario.housing.housingBenefit.french) retenu"
    switch try household.outputFormat() {
    case .json:
      var pairs: [(String, JSON)] = [("date", .string(scenario.date.description))]
      pairs.append(
        ("aide_logement", .object([("montant", .null), ("declare", .string(scenario.housing.housingBenefit.plain)), ("motif", .string(housingGap))])))
      for r in rows {
        var o: [(String, JSON)] = [
          ("montant", .string(r.computed.amount.plain)), ("declare", r.declared.map { .string($0.plain) } ?? .null),
          ("ecart", gap(r.computed, r.declared).map(JSON.string) ?? .null),
        ]
        if household.explique { o.append(("explication", explanationJSON([r.computed.explanation]))) }
        pairs.append((r.key, .object(o)))
      }
      print(JSON.object(pairs).render())
    case .texte:
      var out = "Prestations calculées au \(scenario.date.french)\n\n"
      var table: [(String, String)] = []
      for r in rows {
        table.append((r.label, r.computed.amount.french + " par mois" + (r.declared.map { " (déclaré : \($0.french))" } ?? "")))
      }
      table.append(("Aide au logement", "non calculée (déclarée : \(scenario.housing.housingBenefit.french))"))
      out += Table.keyValues(table)
      for r in rows { if let g = gap(r.computed, r.declared) { out += "  À vérifier : \(r.label) \(g)\n" } }
      out += "  Note : \(housingGap)\n"
      if household.explique { out += explanationText(rows.map(\.computed.explanation)) }
      print(out, terminator: "")
    }
  }
}
