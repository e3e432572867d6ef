import ArgumentParser
import EquilibreCore

struct SimulerCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "simuler",
    abstract: "Compare la situation de base et ses variantes (section variantes:) côte à côte.",
    discussion: """
      Ressources, charges, reste à vivre, taux d'effort, capacité de remboursement et aides, pour la
      base et chaque variante ; les écarts avec la base sont signalés (▲ hausse, ▼ baisse).
      Chaque variante recalcule l'aide au logement, le RSA et la prime d'activité : leur variation
      calculée s'applique aux montants déclarés, et le gain net d'un emploi est donné par mois.
      Exemples (fichiers : equilibre exemples --copier NOM) :
        equilibre simuler locataire-impayes-perte-emploi.yaml
        equilibre simuler locataire-impayes-perte-emploi.yaml --variante "Reprise d'emploi" --format json
      """)

  @OptionGroup var household: HouseholdOptions

  @Option(help: "Variante à montrer (répétable ; toutes par défaut).")
  var variante: [String] = []

  func run() throws {
    let loaded = try household.loadCase()
    let base = loaded.scenario
    var chosen = base.variants
    if !variante.isEmpty {
      chosen = []
      for name in variante {
        guard let v = base.variants.first(where: { $0.name == name }) else {
          throw CLIError.usage(
            "--variante : « \(name.excerpt) » n'existe pas (variantes : \(base.variants.map(\.name.excerpt).joined(separator: ", ")))")
        }
        chosen.append(v)
      }
    }
    guard !chosen.isEmpty else {
      throw CLIError.data(
        base.source.diagnostic("variantes", "aucune variante à comparer : ajoutez une section « variantes: » (voir equilibre nouveau)")
          .description)
    }
    let reactions = try chosen.map { v in
      try compute { () throws(ParameterError) in try v.applied(to: base, parameters: loaded.parameters) }
    }
    let cases = [("base", base, [String]())] + zip(chosen, reactions).map { v, r in (v.name, r.scenario, v.changes.map(\.french)) }
    let columns = try cases.map { name, s, changes in
      let figures = try compute { () throws(ParameterError) in
        try HouseholdFigures(
          scenario: s, parameters: loaded.parameters, forfaits: loaded.forfaits, alPolicy: loaded.alPolicy, fsl: loaded.fsl,
          withAids: true)
      }
      return (name, figures, changes)
    }
    let rows: [(String, String, (HouseholdFigures) -> Figure?)] = VariantComparison.figures.map { ($0.label, $0.key, $0.get) }
    let aidRows: [(String, String, (HouseholdFigures) -> Figure?)] = AidID.allCases.map { id in
      (id.short, "aide_\(id.rawValue)", { f in f.aids?.result(id).map { Figure.text($0.status.rawValue) } })
    }
    let baseFigures = columns[0].1
    switch try household.outputFormat() {
    case .json:
      let json = JSONValue.array(
        columns.enumerated().map { k, column in
          let (name, f, changes) = column
          var pairs: [(String, JSONValue)] = [("nom", .string(name)), ("changements", .array(changes.map(JSONValue.string)))]
          for (_, key, get) in rows + aidRows {
            pairs.append((key, get(f).map { .string($0.plain) } ?? .null))
          }
          if k > 0 {
            let r = reactions[k - 1]
            pairs.append(("variation_brute", .string(r.grossChange.plain)))
            pairs.append(("variation_prestations", .string(r.change.plain)))
            pairs.append(("gain_net", .string(r.netChange.plain)))
            pairs.append(
              (
                "prestations",
                .array(
                  r.lines.map { l in
                    .object([
                      ("prestation", .string(l.kind.rawValue)), ("avant", .string(l.before.plain)), ("apres", .string(l.after.plain)),
                      ("calcul", .string(l.how)),
                    ])
                  })
              ))
            if let sentence = r.summary { pairs.append(("phrase", .string(sentence))) }
          }
          return .object(pairs)
        })
      print(json.rendered())
    case .texte:
      var out = "Simulation au \(base.date.french)\n\n"
      for ((name, _, changes), r) in zip(columns.dropFirst(), reactions) {
        out += "« \(name) » : " + changes.joined(separator: " ; ") + "\n"
        for l in r.lines where !l.change.isZero || l.how.hasPrefix("non recalculée") {
          out += "    \(l.kind.french) : \(l.before.french) → \(l.after.french) (\(l.how))\n"
        }
        if let sentence = r.summary { out += "    " + sentence + "\n" }
        for change in chosen.first(where: { $0.name == name })?.changes ?? [] {
          if let loan = change.loanSummary(on: base.date, parameters: loaded.parameters) { out += "    " + loan + "\n" }
        }
      }
      out += "\n"
      let header = [""] + columns.map(\.0)
      var table: [[String]] = []
      for (label, _, get) in rows {
        var line = [label]
        for (_, f, _) in columns {
          line.append(VariantComparison.cell(get(f), base: get(baseFigures)).french)
        }
        table.append(line)
      }
      for (label, _, get) in aidRows {
        let values = columns.map { get($0.1) }
        if Set(values.map { $0?.plain ?? "" }).count == 1 && values.first??.plain == AidStatus.nonEligible.rawValue { continue }
        table.append(
          [label]
            + values.map { v in
              let text = v.map { AidStatus(rawValue: $0.plain)?.french ?? $0.plain } ?? "—"
              return v?.plain != get(baseFigures)?.plain ? "« \(text) »" : text
            })
      }
      out += Table.render(header: header, rows: table, leftAligned: [0])
      out += "\n▲ / ▼ : écart avec la base ; « … » : statut d'aide qui change. Les aides non éligibles partout sont omises.\n"
      print(out, terminator: "")
    }
  }
}
