import ArgumentParser
import EquilibreCore
import Foundation

struct Taeg: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "taeg",
    abstract: "TAEG d'un prêt (mêmes options qu'echeancier) ou d'un fichier CSV de flux datés.",
    discussion: """
      Exemples (fichiers : equilibre exemples --copier NOM) :
        equilibre taeg --capital 1000 --taux 6 --duree 36 --frais 10
        equilibre taeg --capital 12000 --taux 3,5 --duree 48 --decimales 10 --teg-proportionnel
        equilibre taeg --flux flux-decret-2002-928-exemple-1.csv

      Fichier de flux (séparateur ; ou ,) :
        date;type;montant          (ou mois;type;montant, en mois normalisés)
        2001-01-01;pret;1000
        2002-07-01;remboursement;1200
      Types : pret (somme mise à disposition), remboursement, frais (payés par l'emprunteur).
      """)

  @OptionGroup var loan: LoanOptions
  @OptionGroup var apr: APROptions

  @Option(help: "Fichier CSV de flux (date;type;montant ou mois;type;montant).")
  var flux: String?

  @Option(help: "Format de sortie : texte ou json.")
  var format: String = "texte"

  @Flag(help: "Expliquer le calcul : équation, encadrement, arrondi, sources.")
  var explique = false

  func run() throws {
    let outputFormat = try choice(format, option: "--format", OutputFormat.self)
    guard outputFormat != .csv else { throw CLIError.usage("--format : texte ou json pour taeg") }
    let places = try apr.places()
    if let path = flux {
      guard loan.isEmpty else { throw CLIError.usage("--flux s'utilise sans --capital, --taux ni --duree") }
      try runFlows(path: path, places: places, format: outputFormat)
      return
    }
    let terms = try loan.terms()
    let (schedule, rate) = try computeLoan(terms, places: places)
    let category = try apr.usuryCategory(capital: terms.capital, months: terms.periods * 12 / terms.periodicity.periodsPerYear)
    let (usury, gap) = try apr.usury(aprPercent: rate.roundedPercent, category: category)
    let report = LoanReport(
      schedule: schedule, apr: rate, usury: usury, usuryGap: gap, category: category, showProportional: apr.tegProportionnel)
    if outputFormat == .json {
      print(report.json(includeRows: false))
    } else {
      print(report.aprText(explain: explique), terminator: "")
    }
    try apr.enforceStrict(usury)
  }

  func runFlows(path: String, places: Int, format: OutputFormat) throws {
    let text = try readInputText(path)
    let content: FlowFile.Content
    do { content = try FlowFile.parse(text) } catch {
      throw CLIError.data("\(path.excerpt):\(error.line) : champ « \(error.field) » : \(error.message)")
    }
    let result: APRResult
    let periodic: Bool
    do {
      switch content {
      case .monthly(let flows):
        result = try APR.solve(periodic: flows, periodsPerYear: 12, places: places)
        periodic = true
      case .dated(let flows):
        result = try APR.solve(dated: flows, places: places)
        periodic = false
      }
    } catch {
      throw CLIError.data("\(path.excerpt) : \(error.description)")
    }
    let report = APRReport(result: result, periodic: periodic, showProportional: apr.tegProportionnel)
    print(format == .json ? report.json() : report.text(explain: explique), terminator: format == .json ? "\n" : "")
  }
}
