import ArgumentParser
import EquilibreCore
import EquilibreStatements
import Foundation

struct RelevesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "releves",
    abstract: "Propose le budget et les dettes lus sur les relevés bancaires du ménage, à confirmer.",
    discussion: """
      Lit les exports CSV des banques (Crédit Agricole, BNP Paribas, Société Générale, La Banque
      Postale, Caisse d'Épargne et Banque Populaire, Crédit Mutuel et CIC, BoursoBank, Revolut ;
      une autre mise en page est devinée et dite), les fichiers OFX/QFX et CAMT.053. Écrit une proposition : le scénario avec chaque
      ligne lue marquée « source: releve », ses preuves et sa confiance ; le scénario donné n'est
      jamais remplacé. Le restant dû des crédits vus est à demander au créancier.

      Exemples :
        equilibre releves dupont.yaml janvier.csv fevrier.csv mars.csv
        equilibre releves dupont.yaml releve.csv --sortie dupont-releves.yaml --mises-en-page mes-banques/
      """)

  @Argument(help: "Scénario du ménage (YAML), complété par la proposition.")
  var scenario: String

  @Argument(help: "Relevés exportés de la banque (CSV, OFX/QFX ou CAMT.053), trois mois en général.")
  var fichiers: [String]

  @Option(help: "Proposition à écrire (par défaut : le scénario suivi de « -releves.yaml »).")
  var sortie: String?

  @Flag(help: "Remplacer la proposition si elle existe.")
  var force = false

  @Option(name: .customLong("mises-en-page"), help: "Dossier de mises en page de banques (.yaml) ajoutées à celles livrées.")
  var misesEnPage: String?

  @Option(help: "Mise en page à utiliser pour tous les fichiers (identifiant, par exemple credit-agricole).")
  var banque: String?

  func validate() throws {
    if fichiers.isEmpty { throw ValidationError("au moins un relevé est attendu") }
  }

  func run() throws {
    let base = try loadScenario(scenario)
    let out = sortie ?? (scenario.hasSuffix(".yaml") ? String(scenario.dropLast(5)) : scenario) + "-releves.yaml"
    try checkOutputPath(out, force: force, inputs: [scenario] + fichiers)
    let layouts: [StatementLayout]
    do { layouts = try StatementLayout.all(adding: misesEnPage) } catch let e as Diagnostics {
      throw CLIError.data(diagnosticsText(e))
    } catch let e as FileError {
      throw CLIError(message: e.description, code: CLIError.noInput)
    } catch {
      throw CLIError.data("\(error)")
    }
    // Every file is read before anything is written: one refused file, nothing written.
    var statements: [Statement] = []
    for f in fichiers {
      do { statements.append(try StatementReader.read(f, layouts: layouts, forced: banque)) } catch let e as FileError {
        throw CLIError(message: e.description, code: CLIError.noInput)
      } catch {
        throw CLIError.data("\(error)")
      }
    }
    let analysis = StatementAnalyzer.analyse(statements)
    let proposal = StatementProposal.make(base: base, analysis: analysis)
    try writeAtomically(ScenarioWriter.yaml(proposal.scenario), to: out, overwrite: force)
    print(RelevesSummary.text(analysis, proposal, output: out), terminator: "")
  }
}

/// The table printed after a reading: files, recurring flows, debts, incidents, one-offs.
enum RelevesSummary {
  static func text(_ a: StatementAnalysis, _ p: StatementProposal, output: String) -> String {
    var out = "Relevés lus\n"
    for s in a.statements {
      let layout = s.layout.map { $0.guessed ? "mise en page devinée, à confirmer : \($0.french)" : $0.bank } ?? s.format.rawValue
      let period = s.period.map { "du \($0.lowerBound.french) au \($0.upperBound.french)" } ?? ""
      out += "  \(s.file.excerptPath) : \(layout), \(s.account.map { "compte \($0), " } ?? "")\(s.lines.count) opérations \(period)\n"
      for aside in s.setAside { out += "    ligne \(aside.line) : \(aside.reason)\n" }
    }
    if a.duplicates > 0 { out += "  \(a.duplicates) opération(s) lue(s) deux fois (relevés qui se chevauchent), comptée(s) une fois\n" }
    out += "\nFlux réguliers proposés (montant du milieu des montants vus ; par mois arrondi au centime, demi-haut)\n"
    out += Table.render(
      header: ["nature", "contrepartie", "périodicité", "montant", "écart vu", "par mois", "vu", "confiance"],
      rows: a.flows.map { f in
        let nature: String
        switch f.kind {
        case .resource(let t): nature = "ressource : " + (t?.french ?? "à qualifier")
        case .charge(let t): nature = "charge : " + (t?.french ?? "à qualifier")
        case .housingAid: nature = "aide au logement"
        }
        let spread = f.range.lowerBound == f.range.upperBound ? "—" : "\(f.range.lowerBound.french) à \(f.range.upperBound.french)"
        return [
          nature, f.counterparty, f.periodicity.rawValue, f.amount.french, spread,
          f.monthly.roundedToCents(.halfAwayFromZero).french, "\(f.seen.count) fois",
          f.confidence.rawValue + (f.note.map { " (\($0))" } ?? ""),
        ]
      }, leftAligned: [0, 1, 2, 7])
    out += "\nCrédits vus (mensualités)\n"
    if a.debts.isEmpty { out += "  aucun\n" }
    for d in a.debts {
      let due = d.remainingDue.map { "restant dû estimé \($0.french)" } ?? "restant dû à demander au créancier"
      out += "  \(d.lender) (\(d.nature.french)) : \(d.instalment.french), vu \(d.seen.count) fois ; \(due)\n"
    }
    out += "\nIncidents par mois\n"
    out += Table.render(
      header: ["mois", "rejets", "frais d'incident", "jeux d'argent", "intérêts débiteurs", "jours à découvert"],
      rows: a.incidents.map { m in
        [
          m.month, "\(m.rejections)", "\(m.fees) : \(m.feesAmount.french)", "\(m.gambling) : \(m.gamblingAmount.french)",
          m.overdraftInterest.french, m.daysOverdrawn.map(String.init) ?? "solde non donné",
        ]
      }, leftAligned: [0])
    let outflow = a.oneOffs.filter { $0.cents < 0 }.map { Money(cents: -$0.cents) }.sum()
    let inflow = a.oneOffs.filter { $0.cents >= 0 }.map { Money(cents: $0.cents) }.sum()
    out += "\nOpérations ponctuelles, non comptées au mois : \(a.oneOffs.count) (sorties \(outflow.french), entrées \(inflow.french))\n"
    for n in p.notes { out += "  note : \(n)\n" }
    out += "\nProposition écrite dans \(output.excerptPath) : à relire et confirmer ligne par ligne.\n"
    if !p.debtsToComplete.isEmpty {
      out += "Restant dû à compléter avant tout calcul : \(p.debtsToComplete.joined(separator: ", ")).\n"
    }
    return out
  }
}
