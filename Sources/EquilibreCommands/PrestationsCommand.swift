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

  @Option(
    help:
      "Écart (en euros par mois) au-delà duquel un montant déclaré est signalé (défaut : reglages.tolerance_prestations du scénario, 10 €)."
  )
  var tolerance: String?

  func run() throws {
    var (scenario, parameters, _) = try household.load()
    if let tolerance {
      let tol = try amount(tolerance, option: "--tolerance")
      guard !tol.isNegative else { throw CLIError.usage("--tolerance : le montant ne peut pas être négatif") }
      scenario.settings.benefitsTolerance = tol
    }
    let resolved = try compute { () throws(ParameterError) in try Benefits.Parameters(parameters: parameters, on: scenario.date) }
    // The same check the budget shows (one source for « droits à vérifier »).
    let check = BenefitCheck(scenario: scenario, resolved: resolved)
    guard let b = check.benefits else { throw CLIError.usage(check.gap ?? "paramètres des prestations absents") }
    let al = b.housingAid
    let explanations: [BenefitKind: Explanation] = [
      .aideLogement: al.explanation, .rsa: b.incomeSupport.rsa.explanation, .primeActivite: b.incomeSupport.primeActivite.explanation,
    ]
    let housingNote: String? =
      al.amount == nil
      ? "aide au logement non calculée (\(al.reason ?? "—")) : montant déclaré \(scenario.housing.housingBenefit.french) retenu" : nil
    switch try household.outputFormat() {
    case .json:
      var pairs: [(String, JSONValue)] = [("date", .string(scenario.date.description)), ("tolerance", .string(check.tolerance.plain))]
      for l in check.lines {
        var o: [(String, JSONValue)] = [
          ("montant", l.computed.map { .string($0.plain) } ?? .null), ("declare", .string(l.declared.plain)),
          ("ecart", l.message.map(JSONValue.string) ?? .null),
        ]
        if l.kind == .aideLogement {
          o.insert(("type", .string(al.kind)), at: 1)
          if let housingNote { o.append(("motif", .string(housingNote))) }
        }
        if household.explique { o.append(("explication", explanationJSON([explanations[l.kind]!]))) }
        pairs.append((l.kind.rawValue, .object(o)))
      }
      print(JSONValue.object(pairs).rendered())
    case .texte:
      var out = "Prestations calculées au \(scenario.date.french)\n\n"
      let table: [(String, String)] = check.lines.map { l in
        let label =
          l.kind == .aideLogement
          ? "Aide au logement" + (al.amount == nil ? "" : " (\(al.kind))") : l.kind == .rsa ? "RSA" : "Prime d'activité"
        let value = l.computed.map { $0.french + " par mois" } ?? l.kind.agreed("non calculé")
        return (label, value + " (\(l.kind.agreed("déclaré")) : \(l.declared.french))")
      }
      out += Table.keyValues(table)
      for w in check.warnings { out += "  À vérifier : \(w)\n" }
      if let housingNote { out += "  Note : \(housingNote)\n" }
      if household.explique { out += explanationText(check.lines.map { explanations[$0.kind]! }) }
      print(out, terminator: "")
    }
  }
}
