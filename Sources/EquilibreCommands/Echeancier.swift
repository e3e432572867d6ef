import ArgumentParser
import EquilibreCore

struct Echeancier: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "echeancier",
    abstract: "Tableau d'amortissement d'un prêt, au centime près, avec son coût total et son TAEG.",
    discussion: """
      Exemples :
        equilibre echeancier --capital 12000 --taux 3,5 --duree 48
        equilibre echeancier --capital "150 000" --taux 3,2 --duree 240 --assurance "0,30 %" --frais 800 --categorie immo
        equilibre echeancier --capital 3000 --taux 0 --duree 36 --differe 3 --format csv
      """)

  @OptionGroup var loan: LoanOptions
  @OptionGroup var apr: APROptions

  @Option(help: "Format de sortie : texte, csv ou json.")
  var format: String = "texte"

  @Flag(help: "Expliquer chaque chiffre : formule, données, arrondis et sources.")
  var explique = false

  @Flag(name: .customLong("csv-excel"), help: "CSV pour Excel ou LibreOffice en français : « ; », virgule décimale, BOM UTF-8.")
  var csvExcel = false

  func run() throws {
    let terms = try loan.terms()
    let outputFormat = try choice(format, option: "--format", OutputFormat.self)
    let places = try apr.places()
    let (schedule, rate) = try computeLoan(terms, places: places)
    let category = try apr.usuryCategory(capital: terms.capital, months: terms.periods * 12 / terms.periodicity.periodsPerYear)
    let (usury, gap) = try apr.usury(aprPercent: rate.roundedPercent, category: category)
    let report = LoanReport(
      schedule: schedule, apr: rate, usury: usury, usuryGap: gap, category: category, showProportional: apr.tegProportionnel)
    switch outputFormat {
    case .texte: print(report.text(explain: explique), terminator: "")
    case .csv: print(report.csv(dialect: csvExcel ? .excel : .standard), terminator: "")
    case .json: print(report.json())
    }
    try apr.enforceStrict(usury)
  }
}
