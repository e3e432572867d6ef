import ArgumentParser
import EquilibreCore

/// `equilibre prestations`: the RSA and the prime d'activité the household's resources give,
/// beside the amounts it declares.
struct PrestationsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "prestations",
    abstract: "Prestations calculées : aide au logement, RSA et prime d'activité du foyer, à côté des montants déclarés.",
    discussion: """
      Le calcul prend les ressources mensuelles du scénario comme celles de la période de référence
      (trimestre pour le RSA et la prime d'activité, douze mois pour l'aide au logement), l'aide au
      logement calculée pour le forfait logement (la déclarée si elle ne peut être calculée), et les
      enfants de moins de 25 ans (21 ans pour l'aide au logement). L'aide au logement d'un locataire
      demande la zone : logement.commune (code INSEE) ou logement.zone_apl.
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
    let b = try compute { () throws(ParameterError) in try Benefits(h, parameters: parameters) }
    let s = b.incomeSupport
    let al = b.housingAid
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
    let declaredAid: Money? = scenario.housing.housingBenefit.isZero && al.amount == nil ? nil : scenario.housing.housingBenefit
    let housingGap: String? = al.amount == nil ? "aide au logement non calculée (\(al.reason ?? "")) : montant déclaré \(scenario.housing.housingBenefit.french) retenu" : nil
    let aidRow = al.amount.map { ComputedBenefit(amount: $0, explanation: al.explanation) }
    switch try household.outputFormat() {
    case .json:
      var pairs: [(String, JSON)] = [("date", .string(scenario.date.description))]
      var aidPairs: [(String, JSON)] = [
        ("montant", al.amount.map { .string($0.plain) } ?? .null), ("type", .string(al.kind)),
        ("declare", .string(scenario.housing.housingBenefit.plain)),
        ("ecart", aidRow.flatMap { gap($0, declaredAid) }.map(JSON.string) ?? .null),
      ]
      if let housingGap { aidPairs.append(("motif", .string(housingGap))) }
      if household.explique { aidPairs.append(("explication", explanationJSON([al.explanation]))) }
      pairs.append(("aide_logement", .object(aidPairs)))
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
      if let a = al.amount {
        table.insert(("Aide au logement (\(al.kind))", a.french + " par mois" + (declaredAid.map { " (déclarée : \($0.french))" } ?? "")), at: 0)
      } else {
        table.insert(("Aide au logement", "non calculée (déclarée : \(scenario.housing.housingBenefit.french))"), at: 0)
      }
      out += Table.keyValues(table)
      if let aidRow, let g = gap(aidRow, declaredAid) { out += "  À vérifier : aide au logement \(g)\n" }
      for r in rows { if let g = gap(r.computed, r.declared) { out += "  À vérifier : \(r.label) \(g)\n" } }
      if let housingGap { out += "  Note : \(housingGap)\n" }
      if household.explique { out += explanationText([al.explanation] + rows.map(\.computed.explanation)) }
      print(out, terminator: "")
    }
  }
}
