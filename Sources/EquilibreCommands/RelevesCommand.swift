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

  @Flag(help: "Montrer, pour chaque ligne proposée, sa règle et chaque mouvement vu (fichier, ligne, date, montant).")
  var explique = false

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
    if explique { print(RelevesSummary.explanations(analysis), terminator: "") }
  }
}

/// The table printed after a reading: files, recurring flows, debts, incidents, one-offs.
enum RelevesSummary {
  static func nature(_ f: StatementAnalysis.Flow) -> String {
    switch f.kind {
    case .resource(let t): "ressource : " + (t?.french ?? "à qualifier")
    case .charge(let t): "charge : " + (t?.french ?? "à qualifier")
    case .housingAid: "aide au logement"
    }
  }

  static func seen(_ l: StatementLine) -> String {
    "    vu : \((l.file ?? "").excerptPath):\(l.line), le \(l.date.french), \(Money(cents: l.cents).french) « \(l.label.excerpt) »\n"
  }

  /// `--explique`: each proposed line's rule, in French, and every movement it rests on.
  static func explanations(_ a: StatementAnalysis) -> String {
    var out = "\nExplications\n"
    for f in a.flows {
      let amounts = f.seen.map { Money(cents: abs($0.cents)) }.sorted()
      let gaps = zip(f.seen.dropFirst(), f.seen).map { "\($0.date.dayNumber - $1.date.dayNumber)" }
      out += "  \(nature(f)) — \(f.counterparty)\n"
      out += "    règle : montant du milieu des \(amounts.count) montants vus (\(amounts.map(\.french).joined(separator: ", ")))"
      out += gaps.isEmpty ? " ; vu une fois" : " ; écarts de \(gaps.joined(separator: ", ")) jours"
      out +=
        " : \(f.periodicity.rawValue) ; par mois : \(f.periodicity.frenchRule) = \(f.monthly.roundedToCents(.halfAwayFromZero).french)\n"
      if let n = f.note { out += "    note : \(n)\n" }
      for l in f.seen { out += seen(l) }
    }
    for d in a.debts {
      out += "  crédit : \(d.lender) (\(d.nature.french))\n"
      if let n = d.splitInto, let due = d.remainingDue {
        out +=
          "    règle : paiement en \(n) fois, \(d.seen.count) échéance(s) vue(s) : restant dû estimé \(n - d.seen.count > 0 ? n - d.seen.count : 0) × \(d.instalment.french) = \(due.french)\n"
      } else if d.nature != .decouvert {
        out += "    règle : mensualité = montant du milieu des échéances vues ; restant dû à demander au créancier\n"
      }
      for l in d.seen { out += seen(l) }
    }
    return out
  }

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
        let nature = nature(f)
        let spread = f.range.lowerBound == f.range.upperBound ? "—" : "\(f.range.lowerBound.french) à \(f.range.upperBound.french)"
        return [
          nature, f.counterparty, f.periodicity.rawValue, f.amount.french, spread,
          f.monthly.roundedToCents(.halfAwayFromZero).french, "\(f.seen.count) fois",
          f.confidence.rawValue + (f.note.map { " (\($0))" } ?? ""),
        ]
      }, leftAligned: [0, 1, 2, 7])
    out += "\nCrédits vus (mensualités)\n"
    if a.debts.isEmpty { out += "  aucun\n" }
    for d in a.debts where d.nature == .decouvert {
      let interest = d.seen.filter { $0.label != "solde" }.map { Money(cents: -$0.cents) }.sum()
      let balance = d.remainingDue.map { "à découvert de \($0.french) en fin de relevé" } ?? "solde de fin non donné"
      out += "  \(d.lender) : \(balance) ; intérêts débiteurs vus \(interest.french)\n"
    }
    for d in a.debts where d.nature != .decouvert {
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
    let months = p.items.filter { if case .incidents = $0.kind { true } else { false } }.count
    if months > 0 { out += "(\(months) mois écrits dans « incidents_bancaires », repris par le brouillon de dépôt)\n" }
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
