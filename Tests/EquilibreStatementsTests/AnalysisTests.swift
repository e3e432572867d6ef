import EquilibreCore
import Testing

@testable import EquilibreStatements

/// Lines as a test writes them: `("2026-01-05", "PRLV SEPA EDF", -8420)`.
func lines(_ items: [(String, String, Int)], balances: [Int?]? = nil) -> [StatementLine] {
  items.enumerated().map { i, t in
    StatementLine(date: day(t.0), label: t.1, cents: t.2, line: i + 2, balance: balances?[i])
  }
}

func statement(_ l: [StatementLine], bank: String = "Crédit Agricole") -> Statement {
  var layout = StatementLayout.shipped[0]
  layout.bank = bank
  return Statement(file: "releve.csv", format: .csv, layout: layout, account: "123", lines: l, encoding: "utf-8")
}

@Suite("Lecture des relevés : flux réguliers, crédits, incidents, ponctuels, comme le conseiller les lit")
struct AnalysisTests {
  @Test("Salaire qui varie, deux versements CAF par mois, loyer, énergie : mensuels, montant du milieu et écart")
  func monthlyFlows() {
    let a = StatementAnalyzer.analyse([
      statement(
        lines([
          ("2026-01-05", "VIR SEPA ACME SALAIRE JANVIER", 162_000), ("2026-02-04", "VIR SEPA ACME SALAIRE FEVRIER", 175_000),
          ("2026-03-05", "VIR SEPA ACME SALAIRE MARS", 150_000),
          ("2026-01-05", "VIR CAF DE LA GIRONDE PRESTATIONS", 31_245), ("2026-02-05", "VIR CAF DE LA GIRONDE PRESTATIONS", 31_245),
          ("2026-03-05", "VIR CAF DE LA GIRONDE PRESTATIONS", 31_245),
          ("2026-01-25", "VIR CAF DE LA GIRONDE APL", 18_000), ("2026-02-25", "VIR CAF DE LA GIRONDE APL", 18_000),
          ("2026-03-25", "VIR CAF DE LA GIRONDE APL", 18_000),
          ("2026-01-06", "PRLV SEPA OPH LOYER REF 1234", -52_000), ("2026-02-06", "PRLV SEPA OPH LOYER REF 1299", -52_000),
          ("2026-03-06", "PRLV SEPA OPH LOYER REF 1377", -52_000),
        ]))
    ])
    let salary = a.flows.first { $0.kind == .resource(.salaire) }
    #expect(salary?.amount == Money(cents: 162_000) && salary?.periodicity == .mensuelle)
    #expect(salary?.range == Money(cents: 150_000)...Money(cents: 175_000))
    #expect(salary?.confidence == .moyenne, "un salaire qui varie de plus de 10 % n'est pas sûr au même degré")
    #expect(a.flows.first { $0.kind == .resource(.prestationsFamiliales) }?.confidence == .haute)
    #expect(a.flows.contains { $0.kind == .housingAid && $0.amount == Money(cents: 18_000) })
    #expect(a.flows.first { $0.kind == .charge(.loyer) }?.counterparty == "OPH LOYER")
    #expect(a.oneOffs.isEmpty && a.debts.isEmpty)
  }

  @Test("Toutes les quatre semaines et trimestriel se distinguent du mensuel")
  func periodicities() {
    let a = StatementAnalyzer.analyse([
      statement(
        lines([
          ("2026-01-02", "VIR FRANCE TRAVAIL ARE", 98_000), ("2026-01-30", "VIR FRANCE TRAVAIL ARE", 98_000),
          ("2026-02-27", "VIR FRANCE TRAVAIL ARE", 98_000), ("2026-03-27", "VIR FRANCE TRAVAIL ARE", 98_000),
          ("2026-01-08", "PRLV SEPA VEOLIA EAU", -6_100), ("2026-04-08", "PRLV SEPA VEOLIA EAU", -6_250),
        ]))
    ])
    #expect(a.flows.first { $0.kind == .resource(.chomage) }?.periodicity == .quatreSemaines)
    #expect(a.flows.first { $0.kind == .charge(.eau) }?.periodicity == .trimestrielle)
    // 13 payments a year: 980 × 13 ÷ 12, exactly.
    #expect(a.flows.first { $0.kind == .resource(.chomage) }?.monthly == Money(Rational(98_000 * 13, 1200)))
  }

  @Test("Un renouvelable caché parmi les paiements par carte, un paiement en 4 fois : chaque échéance trouvée")
  func credits() {
    let a = StatementAnalyzer.analyse([
      statement(
        lines([
          ("2026-01-15", "CARTE X1234 14/01 COFIDIS", -12_030), ("2026-02-15", "CARTE X1234 14/02 COFIDIS", -11_870),
          ("2026-03-16", "CARTE X1234 15/03 COFIDIS", -11_950),
          ("2026-01-12", "PRLV SEPA ALMA ACHAT", -4_990), ("2026-02-11", "PRLV SEPA ALMA ACHAT", -4_990),
          ("2026-02-20", "PRLV SEPA ONEY 3X CDISCOUNT", -8_000), ("2026-03-20", "PRLV SEPA ONEY 3X CDISCOUNT", -8_000),
          ("2026-03-01", "CARTE X1234 28/02 CARREFOUR", -6_512),
        ]))
    ])
    let cofidis = a.debts.first { $0.lender == "Cofidis" }
    #expect(cofidis?.instalment == Money(cents: 11_950) && cofidis?.remainingDue == nil && cofidis?.seen.count == 3)
    let alma = a.debts.first { $0.lender == "Alma" }
    #expect(alma?.splitInto == 4 && alma?.remainingDue == Money(cents: 9_980))
    let oney = a.debts.first { $0.lender == "Oney" }
    #expect(oney?.splitInto == 3 && oney?.remainingDue == Money(cents: 8_000))
    #expect(a.oneOffs.map(\.label) == ["CARTE X1234 28/02 CARREFOUR"])
  }

  @Test("Incidents par mois : rejet et ses frais, commission d'intervention, jeux, jours à découvert depuis le solde")
  func incidents() {
    let a = StatementAnalyzer.analyse([
      statement(
        lines(
          [
            ("2026-02-10", "PRLV SEPA EDF", -8_420), ("2026-02-12", "REJET PRLV EDF", 8_420), ("2026-02-13", "FRAIS REJET PRLV", -2_000),
            ("2026-02-14", "COMMISSION D'INTERVENTION", -800), ("2026-03-07", "CARTE X1234 06/03 WINAMAX", -5_000),
            ("2026-03-09", "PARIONS SPORT EN LIGNE", -2_000), ("2026-03-31", "INTERETS DEBITEURS", -1_234),
          ], balances: [-1_000, 7_420, 5_420, 4_620, -380, -2_380, -3_614]))
    ])
    let feb = a.incidents.first { $0.month == "2026-02" }
    #expect(feb?.rejections == 1 && feb?.fees == 2 && feb?.feesAmount == Money(cents: 2_800))
    // The 10th ends below zero; from the 12th the balance is positive again (10, 11 overdrawn).
    #expect(feb?.daysOverdrawn == 2)
    let mar = a.incidents.first { $0.month == "2026-03" }
    #expect(mar?.gambling == 2 && mar?.gamblingAmount == Money(cents: 7_000))
    #expect(mar?.overdraftInterest == Money(cents: 1_234) && mar?.daysOverdrawn == 25)
    let overdraft = a.debts.first { $0.nature == .decouvert }
    #expect(overdraft?.lender == "Découvert (Crédit Agricole)" && overdraft?.remainingDue == Money(cents: 3_614))
  }

  @Test("Ponctuels jamais mensuels : un achat, des courses plusieurs fois par mois, un virement unique")
  func oneOffs() {
    let a = StatementAnalyzer.analyse([
      statement(
        lines([
          ("2026-01-03", "CARTE X1234 02/01 LIDL", -4_210), ("2026-01-10", "CARTE X1234 09/01 LIDL", -3_980),
          ("2026-02-03", "CARTE X1234 02/02 LIDL", -4_210), ("2026-02-10", "CARTE X1234 09/02 LIDL", -3_990),
          ("2026-03-03", "CARTE X1234 02/03 LIDL", -4_215), ("2026-03-21", "CARTE X1234 20/03 DARTY", -34_900),
          ("2026-02-14", "VIR M DUPONT CADEAU", 10_000),
        ]))
    ])
    #expect(a.flows.isEmpty)
    #expect(a.oneOffs.count == 7)
  }

  @Test("La proposition garde ce qui est saisi, marque chaque ligne lue et demande le restant dû des crédits")
  func proposal() throws {
    var base = Scenario(date: day("2026-04-01"), members: [Member(role: .demandeur, birthDate: day("1985-05-02"))])
    base.resources = [Resource(type: .salaire, amount: Money(cents: 150_000))]
    let a = StatementAnalyzer.analyse([
      statement(
        lines([
          ("2026-01-05", "VIR ACME SALAIRE", 162_000), ("2026-02-05", "VIR ACME SALAIRE", 162_000),
          ("2026-01-10", "PRLV SEPA FREE MOBILE", -1_999), ("2026-02-10", "PRLV SEPA FREE MOBILE", -1_999),
          ("2026-03-10", "PRLV SEPA FREE MOBILE", -1_999),
          ("2026-01-15", "PRLV SEPA CETELEM", -9_000), ("2026-02-15", "PRLV SEPA CETELEM", -9_000),
        ]))
    ])
    let p = StatementProposal.make(base: base, analysis: a)
    #expect(p.scenario.resources.count == 1 && p.scenario.resources[0].provenance == nil)
    #expect(p.notes.contains { $0.hasPrefix("salaire déjà saisi") })
    let phone = try #require(p.scenario.charges.first)
    #expect(phone.type == .telephoneInternet && phone.provenance?.evidence.count == 3 && phone.provenance?.confidence == .haute)
    #expect(p.debtsToComplete == ["Cetelem (BNP Paribas Personal Finance)"])
    let yaml = ScenarioWriter.yaml(p.scenario)
    #expect(yaml.contains("restant_du: \"à compléter\"") && yaml.contains("source: releve"))
    // Refused until the counsellor writes the amount owed; then read back with its evidence.
    #expect(throws: Diagnostics.self) { try ScenarioFile.parse(yaml, file: "proposition.yaml") }
    let completed = try ScenarioFile.parse(yaml.replacingOccurrences(of: "\"à compléter\"", with: "1 800"), file: "p.yaml")
    #expect(completed.debts[0].remainingDue == Money(euros: 1_800))
    #expect(completed.debts[0].provenance?.evidence.map(\.amount) == [Money(cents: 9_000), Money(cents: 9_000)])
    #expect(completed.charges[0].provenance == phone.provenance)
  }

  @Test("Relecture : accepter, corriger, rejeter ; un crédit accepté sans restant dû est refusé, une ligne sans réponse aussi")
  func review() throws {
    let base = Scenario(date: day("2026-04-01"), members: [Member(role: .demandeur, birthDate: day("1985-05-02"))])
    let a = StatementAnalyzer.analyse([
      statement(
        lines([
          ("2026-01-05", "VIR ACME SALAIRE", 162_000), ("2026-02-05", "VIR ACME SALAIRE", 162_000),
          ("2026-03-05", "VIR ACME SALAIRE", 162_000),
          ("2026-01-10", "PRLV SEPA FREE MOBILE", -1_999), ("2026-02-10", "PRLV SEPA FREE MOBILE", -1_999),
          ("2026-03-10", "PRLV SEPA FREE MOBILE", -1_999),
          ("2026-01-15", "PRLV SEPA CETELEM", -9_000), ("2026-02-15", "PRLV SEPA CETELEM", -9_000),
          ("2026-02-16", "FRAIS REJET PRELEVEMENT", -2_000),
        ]))
    ])
    let p = StatementProposal.make(base: base, analysis: a)
    let salary = try #require(p.items.first { if case .resource = $0.kind { true } else { false } })
    let phone = try #require(p.items.first { if case .charge = $0.kind { true } else { false } })
    let credit = try #require(p.items.first { $0.asksRemainingDue })
    #expect(p.items.contains { if case .incidents = $0.kind { true } else { false } })
    #expect(p.items.map(\.id) == (1...p.items.count).map { "l\($0)" })
    var answers = Dictionary(uniqueKeysWithValues: p.items.map { ($0.id, StatementProposal.Review.accept) })
    answers[phone.id] = nil
    #expect(
      throws: StatementProposal.ReviewError(messages: [
        phone.id: "choisissez : accepter, corriger ou rejeter",
        credit.id: "restant dû à demander au créancier : saisissez-le (colonne « Restant dû ») ou rejetez la ligne pour l'instant",
      ])
    ) { try p.reviewed(answers) }
    answers[phone.id] = .reject
    answers[salary.id] = .correct(amount: Money(cents: 158_000), remainingDue: nil)
    answers[credit.id] = .correct(amount: nil, remainingDue: Money(euros: 2_400))
    let s = try p.reviewed(answers)
    #expect(s.charges.isEmpty)
    #expect(s.resources.map(\.amount) == [Money(cents: 158_000)] && s.resources[0].provenance?.evidence.count == 3)
    #expect(s.debts.map(\.remainingDue) == [Money(euros: 2_400)] && s.debts[0].monthlyPayment == Money(cents: 9_000))
    #expect(s.debts[0].provenance?.remainingDueToAsk == false)
    #expect(s.bankIncidents.map(\.month) == [day("2026-02-01")] && s.bankIncidents[0].fees == Money(cents: 2_000))
    // What was saved reads back, the month of incidents included.
    let again = try ScenarioFile.parse(ScenarioWriter.yaml(s), file: "s.yaml")
    #expect(again.bankIncidents == s.bankIncidents && again.debts[0].remainingDue == Money(euros: 2_400))
    // A negative amount is refused for anything but a balance.
    answers[salary.id] = .correct(amount: Money(cents: -1), remainingDue: nil)
    #expect(throws: StatementProposal.ReviewError.self) { try p.reviewed(answers) }
  }
}
