import ArgumentParser
import EquilibreCore

struct AidesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "aides",
    abstract: "Éligibilité aux aides (Action Logement, Visale, Loca-Pass, Mobili-Jeune, FSL), avec motifs et faits manquants.",
    discussion: """
      Chaque aide est « éligible », « non éligible » ou « à vérifier » (avec la liste des faits à réunir).
      Exemples (fichiers : equilibre exemples --copier NOM) :
        equilibre aides apprenti-recherche-logement.yaml
        equilibre aides locataire-impayes-perte-emploi.yaml --format json
        equilibre aides mon-cas.yaml --politique-al politique-agence.yaml --fsl fsl-mon-departement.yaml --explique
        equilibre aides --ecrire-politique-al politique-agence.yaml
      """)

  @Argument(help: "Fichier de scénario du ménage (YAML).")
  var scenario: String?

  @Option(help: "Date de la situation (AAAA-MM-JJ), à la place de celle du scénario.")
  var date: String?

  @Option(help: "Fichier de paramètres qui ajoute ou remplace des valeurs datées (répétable).")
  var parametres: [String] = []

  @Option(name: .customLong("politique-al"), help: "Politique locale des aides Action Logement (montants, taux, seuils de l'agence).")
  var politiqueAL: String?

  @Option(help: "Règlement du FSL du département (fichier de politique).")
  var fsl: String?

  @Option(name: .customLong("ecrire-politique-al"), help: "Écrire la politique Action Logement d'exemple dans ce fichier, pour l'adapter.")
  var ecrirePolitiqueAL: String?

  @Option(help: "Format de sortie : texte ou json.")
  var format: String = "texte"

  @Flag(help: "Détailler les paramètres utilisés, avec leurs dates et leurs sources.")
  var explique = false

  func run() throws {
    if let path = ecrirePolitiqueAL {
      try writeAtomically(AidAssessment.examplePolicyText, to: path)
      print("Politique d'exemple écrite dans \(path) : remplacez ses valeurs par celles de votre agence.")
      return
    }
    guard let scenario else { throw CLIError.usage("indiquez un fichier de scénario (ou --ecrire-politique-al FICHIER)") }
    var args = [scenario, "--format", format] + parametres.flatMap { ["--parametres", $0] }
    if let d = date { args += ["--date", d] }
    if let p = politiqueAL { args += ["--politique-al", p] }
    if let f = fsl { args += ["--fsl", f] }
    let options = try HouseholdOptions.parse(args)
    let loaded = try options.loadCase()
    let assessment = try loaded.aids()
    switch try options.outputFormat() {
    case .json:
      var pairs: [(String, JSONValue)] = [("date", .string(loaded.scenario.date.description))]
      pairs.append(("aides", .array(assessment.results.map { aidJSON($0, explain: explique) })))
      pairs.append(("orientations", .array(assessment.orientations.map(orientationJSON))))
      print(JSONValue.object(pairs).rendered())
    case .texte:
      print(aidsText(assessment, date: loaded.scenario.date, explain: explique), terminator: "")
    }
  }
}

func aidJSON(_ r: AidResult, explain: Bool) -> JSONValue {
  var pairs: [(String, JSONValue)] = [
    ("aide", .string(r.id.rawValue)), ("nom", .string(r.id.french)), ("statut", .string(r.status.rawValue)),
    ("motifs", .array(r.reasons.map(JSONValue.string))), ("manquants", .array(r.missing.map(JSONValue.string))),
    ("montant", r.amount.map { .string($0.plainCents) } ?? .null),
    ("nature_montant", r.amountLabel.map(JSONValue.string) ?? .null),
    ("details", .array(r.details.map(JSONValue.string))), ("avertissements", .array(r.warnings.map(JSONValue.string))),
  ]
  if let sched = r.schedule {
    pairs.append(
      (
        "echeancier",
        .object([
          ("mensualite", .string(sched.summary.instalment.plain)),
          ("nombre_echeances", .int(sched.summary.numberOfInstalments)),
          ("cout_total_credit", .string(sched.summary.totalCostOfCredit.plain)),
          (
            "lignes",
            .array(
              sched.rows.map {
                .object([
                  ("numero", .int($0.number)), ("echeance", .string($0.payment.plain)),
                  ("capital_restant", .string($0.balance.plain)),
                ])
              })
          ),
        ])
      ))
  }
  if explain {
    pairs.append(
      (
        "parametres",
        .array(
          r.parameters.map { p in
            .object([
              ("cle", .string(p.key)), ("valeur", .string(p.value.french)), ("depuis", .string(p.from.description)),
              ("reference", p.reference.map(JSONValue.string) ?? .null), ("source", p.source.map(JSONValue.string) ?? .null),
            ])
          })
      ))
  }
  return .object(pairs)
}

func orientationJSON(_ o: Orientation) -> JSONValue {
  .object([
    ("mesure", .string(o.name)), ("motif", .string(o.why)), ("conditions", .array(o.conditions.map(JSONValue.string))),
    ("duree", .string(o.duration)),
  ])
}

func aidsText(_ a: AidAssessment, date: CivilDate, explain: Bool) -> String {
  var out = "Aides au \(date.french)\n"
  for r in a.results {
    out += "\n\(Style.bold(r.id.french))\n  \(Style.status(r.status.french.uppercased(), raw: r.status.rawValue))"
    if let m = r.amount { out += " — \(r.amountLabel ?? "montant") : \(m.french)" }
    out += "\n"
    for reason in r.reasons { out += "  \(reason)\n" }
    if !r.missing.isEmpty { out += "  À réunir : " + r.missing.joined(separator: " ; ") + "\n" }
    for d in r.details { out += "  • \(d)\n" }
    if let s = r.schedule, explain || r.id == .locapass {
      out += "  Échéancier : " + s.rows.prefix(6).map { "\($0.number) : \($0.payment.french)" }.joined(separator: ", ")
      out += s.rows.count > 6 ? ", … \(s.rows.count) : \(s.rows.last!.payment.french)\n" : "\n"
    }
    for w in r.warnings { out += "  À vérifier : \(w)\n" }
    if explain {
      for p in r.parameters { out += "  paramètre : \(p.frenchCitation)\n" }
    }
  }
  if !a.orientations.isEmpty {
    out += "\nAccompagnements à envisager\n"
    for o in a.orientations {
      out += "  \(o.name) — \(o.why)\n    durée : \(o.duration)\n    conditions : \(o.conditions.joined(separator: " ; "))\n"
    }
  }
  return out
}
