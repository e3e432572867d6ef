import Foundation
import PropertyBased
import Testing

@testable import EquilibreCore

/// The English words of a message (see ``FrenchCheck``).
func englishIn(_ text: String) -> [String] { FrenchCheck.englishWords(in: text) }

@Suite("Confiance : rien ne plante, rien n'est mal lu")
struct TrustTests {
  func parseErrors(_ yaml: String) -> [Diagnostic] {
    do {
      _ = try ScenarioFile.parse(yaml, file: "cas.yaml")
      return []
    } catch {
      return error.items
    }
  }

  static let minimal = "date: 2026-11-01\nmenage:\n  - {role: demandeur, naissance: 1980-01-01}\n"

  // MARK: YAML

  @Test("Bombe d'alias, même en clé de section : refusée à l'alias, sans expansion")
  func aliasBomb() {
    var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n"
    for k in 1...9 { yaml += "a\(k): &a\(k) [" + Array(repeating: "*a\(k - 1)", count: 9).joined(separator: ", ") + "]\n" }
    for variant in [yaml + "? *a9\n: 1\n", yaml + "ressources: *a9\n", yaml + "menage: [*a9]\n"] {
      let errors = parseErrors(variant)
      #expect(errors.count == 1)
      #expect(errors.first?.message.contains("alias trop nombreux") == true, "\(errors)")
      #expect((errors.first?.line ?? 0) <= 6, "l'erreur est à l'alias qui dépasse la limite")
    }
    // Legitimate aliases still work.
    let ok = "date: 2026-11-01\nmenage:\n  - &moi {role: demandeur, naissance: 1980-01-01}\nnotes: \"x\"\n"
    #expect(parseErrors(ok).isEmpty)
  }

  @Test("Valeur de 3 Mo dans un champ à choix : réponse immédiate, message court")
  func hugeChoice() {
    let big = String(repeating: "credit", count: 500_000)
    let errors = parseErrors(Self.minimal + "dettes:\n  - {creancier: X, nature: \(big), restant_du: 10}\n")
    #expect(errors.count == 1)
    #expect((errors.first?.message.count ?? .max) < 400)
    #expect(errors.first?.message.contains("n'est pas une valeur possible") == true)
  }

  @Test(
    "Messages YAML en français, à leur vraie place",
    arguments: [
      ("date: 2026-11-01\nmenage:\n  - {role: demandeur, naissance: 1980-01-01, prenom: \"a\u{1B}b\"}\n", 3, 56),
      ("date: [2026\n", 2, 1),
      ("date: 2026-11-01\n  menage: x\n", 2, 9),
      ("date: \"2026\n", 2, 1),
      ("a: {b: 1\n", 2, 1),
      ("- a\nb: c\n", 2, 1),
      ("a:\n\t- b\n", 2, 1),
      ("a: *x\n", 1, 4),
      ("a: @b\n", 1, 4),
      ("a: \"\\q\"\n", 1, 5),
      ("--- a\n--- b\n", 2, 1),
      ("a: b: c\n", 1, 5),
      ("%YAML 2.0\n--- a\n", 1, 1),
      ("a: !<x\n", 1, 7),
    ] as [(String, Int, Int)])
  func yamlErrorsInFrench(_ text: String, line: Int, column: Int) {
    let errors = parseErrors(text)
    #expect(!errors.isEmpty)
    for e in errors {
      #expect(englishIn(e.message).isEmpty, "anglais : \(e.message)")
    }
    #expect(errors.first.map { $0.line == line } == true, "\(errors.first?.description ?? "")")
    if column > 0 { #expect(errors.first.map { abs($0.column - column) <= 2 } == true, "\(errors.first?.description ?? "")") }
  }

  @Test("Tout message de libyaml a sa traduction")
  func everyLibyamlMessageTranslated() {
    for (english, french) in YAMLMessages.table {
      #expect(englishIn(french).isEmpty, "\(english) → \(french)")
    }
    #expect(YAMLMessages.table.count >= 75)
  }

  // MARK: Amounts and rates

  @Test("« 1.200 » : ambigu, refusé avec les deux lectures ; 1.20, 1 200, 0.200 et 1200.5 acceptés")
  func ambiguousDot() throws {
    #expect(throws: FrenchNumber.ParseError.self) { try Money(french: "1.200") }
    do { _ = try Money(french: "1.200") } catch {
      #expect(error.description.contains("1\u{00A0}200,00\u{00A0}€ ou 1,20\u{00A0}€"))
    }
    #expect(throws: FrenchNumber.ParseError.self) { try Money(french: "-12.500 €") }
    #expect(try Money(french: "1.20") == Money(cents: 120))
    #expect(try Money(french: "1 200") == Money(cents: 120_000))
    #expect(try Money(french: "0.200") == Money(cents: 20))
    #expect(try Money(french: "1200.5") == Money(cents: 120_050))
    let errors = parseErrors(Self.minimal + "ressources:\n  - {type: salaire, montant: 1.200}\n")
    #expect(errors.first?.line == 5 && errors.first?.message.contains("ambigu") == true)
  }

  @Test("Taux de dette négatif, montant hors de portée, date hors de portée : erreurs situées")
  func outOfRangeValues() {
    let rate = parseErrors(Self.minimal + "dettes:\n  - {creancier: X, nature: autre, restant_du: 10, taux: \"-50,9\"}\n")
    #expect(rate.first?.path == "dettes[1].taux" && rate.first?.message.contains("négatif") == true)
    let huge = parseErrors(Self.minimal + "ressources:\n  - {type: salaire, montant: 99999999999999999999}\n")
    #expect(huge.first?.message.contains("hors de portée") == true)
    let far = parseErrors("date: 9999-01-01\nmenage:\n  - {role: demandeur, naissance: 1980-01-01}\n")
    #expect(far.first?.line == 1 && far.first?.message.contains("hors de portée") == true)
  }

  @Test("Dates : l'arithmétique ne sort jamais de la plage représentable")
  func dateArithmetic() {
    let d = CivilDate(year: 2199, month: 12, day: 31)!
    #expect(d.adding(months: 120).year == 2209)
    #expect(CivilDate(year: 9999, month: 12, day: 1)!.adding(months: 84).description == "10006-12-01")
    #expect(CivilDate(year: 1, month: 3, day: 31)!.adding(months: -14).description == "0000-01-31")
    #expect(CivilDate(year: 0, month: 1, day: 31)!.adding(months: -1).description == "-0001-12-31")
  }

  // MARK: Loans over the whole accepted range

  static let mode = Gen.int(in: 0...(RoundingMode.allCases.count - 1)).map { RoundingMode.allCases[$0] }

  @Test("Toute option acceptée calcule ou donne une erreur propre (propriété, 3 000 prêts)")
  func everyAcceptedLoanComputes() async {
    await propertyCheck(
      count: 3000,
      input: Gen.int(in: 1...(LoanTerms.maximumCapitalEuros * 100)), Gen.int(in: -9_999...1_000_000), Gen.int(in: 1...600),
      Gen.int(in: 0...600), Gen.int(in: 0...5), Gen.int(in: 0...(LoanTerms.maximumCapitalEuros * 100)), Self.mode, Self.mode
    ) { capital, rateBasisPoints, periods, deferral, shape, extra, instalmentMode, interestMode in
      var terms = LoanTerms(
        capital: Money(cents: capital), annualRate: Rational(rateBasisPoints, 10_000), periods: periods,
        kind: LoanKind.allCases[shape % 3], periodicity: Periodicity.allCases[(shape + capital) % 3])
      if deferral > 0 && deferral < periods {
        terms.deferral = Deferral(periods: deferral, kind: shape % 2 == 0 ? .partial : .total)
      }
      switch extra % 4 {
      case 0: terms.insurance = .premium(Money(cents: extra))
      case 1: terms.insurance = .rate(annual: Rational(extra % 1_000_000, 10_000), base: .initialCapital)
      case 2: terms.insurance = .rate(annual: Rational(extra % 1_000_000, 10_000), base: .outstandingCapital)
      default: terms.fees = Money(cents: extra)
      }
      terms.rounding = LoanRounding(instalment: instalmentMode, interest: interestMode)
      do {
        try terms.validate()
      } catch {
        return  // refused by the parser's rules: a clean French error
      }
      do {
        let schedule = try Schedule(terms: terms)
        #expect(schedule.rows.count == schedule.summary.numberOfInstalments)
        #expect(schedule.rows.last?.balanceCents == 0)
        _ = try? APR.solve(schedule: schedule)
      } catch {
        #expect((error as? LoanError) == LoanError.outOfRange)
      }
    }
  }

  @Test("Les reproductions de l'issue : différé total à 100 %, prime immense, amortissement constant")
  func reportedTraps() throws {
    var deferred = LoanTerms(capital: Money(euros: 1000), annualRate: Rational(1), periods: 600)
    deferred.deferral = Deferral(periods: 599, kind: .total)
    #expect(throws: LoanError.outOfRange) { try Schedule(terms: deferred) }
    var premium = LoanTerms(capital: Money(euros: 1000), annualRate: Rational(3, 100), periods: 12)
    premium.insurance = .premium(Money(cents: 900_000_000_000_000_000))
    #expect(throws: LoanError.self) { try premium.validate() }
    premium.kind = .constantPrincipal
    #expect(throws: LoanError.self) { try premium.validate() }
    // The largest premium accepted computes, and so does its TAEG.
    premium.insurance = .premium(Money(euros: LoanTerms.maximumCapitalEuros))
    let s = try Schedule(terms: premium)
    #expect(s.summary.totalInsurance == Money(euros: 12 * LoanTerms.maximumCapitalEuros))
    _ = try APR.solve(schedule: s)
  }

  @Test("Échéance arrondie par excès : le nombre d'échéances est celui des échéances dues")
  func earlyEnd() throws {
    // 100 € at 0 % over 600 months, instalment rounded up: 100 ÷ 600 = 0,1666… → 0,17 €.
    // 588 × 0,17 = 99,96 €; the 589th instalment pays the last 0,04 €: 589 instalments, not 600.
    var t = LoanTerms(capital: Money(euros: 100), annualRate: .zero, periods: 600)
    t.rounding = LoanRounding(instalment: .ceiling)
    let s = try Schedule(terms: t)
    #expect(s.summary.numberOfInstalments == 589)
    #expect(s.summary.plannedInstalments == 600 && s.summary.endsEarly)
    #expect(s.rows.count == 589)
    #expect(s.rows.last?.payment == Money(cents: 4))
    #expect(s.rows.map(\.principalCents).reduce(0, +) == 10_000)
    #expect(s.explanation().contains { $0.contains("soldé à l'échéance 589 au lieu de 600") })
    // Rounded down (0,16 €), the last instalment absorbs the rest: 600 instalments.
    t.rounding = LoanRounding(instalment: .floor)
    #expect(try Schedule(terms: t).summary.numberOfInstalments == 600)
  }

  // MARK: Flow files

  @Test("Fichiers de flux : fins de ligne Windows (CRLF) et Mac (CR), BOM")
  func lineEnds() throws {
    for text in [
      "date;type;montant\r\n2001-01-01;pret;1000\r\n2002-07-01;remboursement;1200\r\n",
      "date;type;montant\r2001-01-01;pret;1000\r2002-07-01;remboursement;1200\r",
      "\u{FEFF}date;type;montant\n2001-01-01;pret;1000\n2002-07-01;remboursement;1200",
    ] {
      guard case .dated(let flows) = try FlowFile.parse(text) else {
        Issue.record("flux datés attendus")
        continue
      }
      #expect(flows.count == 2)
      // 546 days of common years: (1 200 / 1 000)^(365/546) − 1 = 12,96 %.
      #expect(try APR.solve(dated: flows).roundedPercent == Rational("12.96")!)
    }
    do {
      _ = try FlowFile.parse("date;type;montant\r\n2001-01-01;pret;1000\r\n9999-01-01;remboursement;1200\r\n")
      Issue.record("année 9999 acceptée")
    } catch {
      #expect(error.line == 3 && error.message.contains("hors de portée"))
    }
  }

  @Test("Plusieurs taux égalisent les flux : taux non unique, candidats donnés")
  func multipleRates() throws {
    // −1000 + 2300 v − 1320 v² = 0 with v = 1/(1+i): v = 10/11 or 5/6, i = 10 % or 20 % a month;
    // annual: 1,1^12 − 1 = 213,84 % and 1,2^12 − 1 = 791,61 %.
    let flows = [APR.PeriodicFlow(index: 0, cents: -100_000), .init(index: 1, cents: 230_000), .init(index: 2, cents: -132_000)]
    do {
      _ = try APR.solve(periodic: flows, periodsPerYear: 12)
      Issue.record("taux unique annoncé")
    } catch {
      guard case .multipleRoots(let rates) = error else {
        Issue.record("\(error)")
        return
      }
      #expect(rates.map { ($0 * 100).rounded(toPlaces: 2, .halfAwayFromZero) } == [Rational("213.84")!, Rational("791.61")!])
      #expect(error.description.contains("213,84\u{00A0}% et 791,61\u{00A0}%"))
    }
    // One sign change: the rate is unique and said so.
    let one = try APR.solve(periodic: [.init(index: 0, cents: -100_000), .init(index: 18, cents: 120_000)], periodsPerYear: 12)
    #expect(one.uniqueness == .proven)
  }

  @Test("Deux flux du même mois au plafond des montants : pas de dépassement")
  func sameMonthSum() throws {
    let big = Money.maximumInputCents
    let flows = [
      APR.PeriodicFlow(index: 0, cents: -big), .init(index: 0, cents: -big), .init(index: 12, cents: big), .init(index: 12, cents: big),
    ]
    #expect(try APR.solve(periodic: flows, periodsPerYear: 12).roundedPercent == .zero)
    let dated = [
      APR.DatedFlow(date: day("2025-01-01"), cents: -big), .init(date: day("2025-01-01"), cents: -big),
      .init(date: day("2026-01-01"), cents: big), .init(date: day("2026-01-01"), cents: big + 2 * big / 100),
    ]
    // 2 × 10^11 cents lent, 2,02 × 10^11 repaid a year later (365 days): exactly 1 %.
    #expect(try APR.solve(dated: dated).roundedPercent == Rational(1))
  }

  @Test("Flux datés : le TAEG certifié est celui de la bissection exacte (propriété, 300 échéanciers)")
  func certifiedDatedRate() async {
    await propertyCheck(count: 300, input: Gen.int(in: 1_000...5_000_000), Gen.int(in: 2...60), Gen.int(in: 0...3_000), Gen.int(in: 1...28))
    {
      capital, months, extraBasis, startDay in
      let start = CivilDate(year: 2024, month: 1, day: startDay)!
      let payment = capital / months + capital * extraBasis / 100_000
      var flows = [APR.DatedFlow(date: start, cents: -capital)]
      for m in 1...months { flows.append(.init(date: start.adding(months: m), cents: payment)) }
      do {
        let r = try APR.solve(dated: flows)
        #expect(r.lower <= r.upper)
        // The rounding is certain: both ends of the bracket round alike, or the bracket is exact.
        #expect(r.roundingIsCertain || (r.upper - r.lower) * 100 < Rational(1, 1 << 40))
      } catch {
        #expect((error as? APR.Failure) == .noRoot || (error as? APR.Failure) == .noFlows)
      }
    }
  }

  // MARK: Figures

  @Test("RSA du foyer : un ascendant de 70 ans n'est pas à charge (R262-3) → 651,69 €, pas 977,54 €")
  func rsaAscendant() throws {
    var s = Scenario(
      date: day("2026-11-01"),
      members: [
        Member(name: "A", role: .demandeur, birthDate: day("1975-01-01")), Member(name: "Mère", role: .autre, birthDate: day("1956-01-01")),
      ])
    s.resources = [Resource(type: .salaire, amount: Money(euros: 1500), person: 0)]
    let c = try RepaymentCapacity(scenario: s)
    // 651,69 € alone; the old count added 50 %: 651,69 × 1,5 = 977,535 → 977,54 €.
    #expect(c.rsa.amount == Money(cents: 65_169))
    // A young dependant (20 years old) counts: 651,69 × 1,5 = 977,535 → 977,54 €.
    s.members[1].birthDate = day("2006-01-01")
    #expect(try RepaymentCapacity(scenario: s).rsa.amount == Money(cents: 97_754))
  }

  @Test("Plan avec intérêts : le bailleur est soldé, intérêts compris, avant tout autre créancier")
  func landlordInterest() throws {
    var s = Scenario(date: day("2026-03-01"), members: [Member(role: .demandeur, birthDate: day("1980-01-01"))])
    s.debts = [
      Debt(creditor: "Bailleur", nature: .loyer, remainingDue: Money(euros: 1000)),
      Debt(creditor: "Banque", nature: .pretPersonnel, remainingDue: Money(euros: 3000)),
    ]
    var settings = PlanSettings()
    settings.annualRate = Rational(24, 1000)  // 2,4 % ≤ 2,62 % (autres cas, 1er semestre 2026): 0,2 % a month
    let p = try DebtPlan(scenario: s, capacity: Money(euros: 300), settings: settings)
    let landlord = p.creditors[0].monthlyCents
    let bank = p.creditors[1].monthlyCents
    // Interest runs on the capital, and a payment settles the capital first (L733-1 2°).
    // Month 1: interest 1 000 × 0,2 % = 2,00 €; the 300 € go to the capital: 700 € + 2,00 € due.
    // Month 2: 700 × 0,2 % = 1,40 € → 400 € + 3,40 €. Month 3: 0,80 € → 100 € + 4,20 €.
    // Month 4: 0,20 € → 100 + 4,40 = 104,40 € clears the landlord; the bank gets 300 − 104,40 = 195,60 €.
    #expect(Array(landlord.prefix(4)) == [30_000, 30_000, 30_000, 10_440])
    #expect(bank[0] == 0 && bank[1] == 0 && bank[2] == 0 && bank[3] == 19_560)
    #expect(landlord.dropFirst(4).allSatisfy { $0 == 0 })
    #expect(p.creditors[0].remaining == .zero && p.creditors[0].erased == .zero)
    // No payment under 15 € except one that clears a debt.
    for c in p.creditors {
      for (m, v) in c.monthlyCents.enumerated() where v > 0 && v < 1500 {
        #expect(m == c.monthlyCents.lastIndex { $0 > 0 }, "\(c.name) mois \(m + 1) : \(v) centimes")
      }
    }
  }

  // MARK: Text outputs

  @Test("Texte neutralisé : échappements ANSI, retour chariot, bidi, non-caractères")
  func neutralised() {
    let hostile = "A\u{1B}[31mB\rC\u{202E}D\u{FFFE}E\u{7}\nF\tG"
    let shown = TextSafety.neutralized(hostile)
    #expect(!shown.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\r" || $0 == "\u{202E}" || $0 == "\u{FFFE}" || $0 == "\u{7}" })
    #expect(shown.contains("␛[31m") && shown.contains("⟨U+202E⟩") && shown.contains("\n") && shown.contains("\t"))
    #expect(hostile.excerpt.count <= TextSafety.excerptLength + 1 && !hostile.excerpt.contains("\n"))
  }

  @Test("La lecture rapide sur octets UTF-8 voit exactement les caractères à neutraliser : tous les scalaires, puis 3 000 textes")
  func unsafeBytesEqualScalars() async {
    for allowLayout in [true, false] {
      let wrong = (0...0x10FFFF).compactMap(Unicode.Scalar.init).filter {
        TextSafety.mayHoldUnsafe("a\($0)é", allowLayout: allowLayout) != TextSafety.isUnsafe($0, allowLayout: allowLayout)
      }
      #expect(wrong.isEmpty, "écarts : \(wrong.prefix(5).map { String($0.value, radix: 16) })")
    }
    let pool: [Unicode.Scalar] = [
      "a", "é", "\u{A0}", "€", "\n", "\t", "\u{1B}", "\u{85}", "\u{202E}", "\u{2069}", Unicode.Scalar(0xFDD0)!, Unicode.Scalar(0x1FFFF)!,
      "😀",
    ]
    await propertyCheck(count: 3000, input: Gen.int(in: 0...(pool.count - 1)).array(of: 0...12)) { picks in
      var text = String.UnicodeScalarView()
      text.append(contentsOf: picks.map { pool[$0] })
      let s = String(text)
      #expect(TextSafety.mayHoldUnsafe(s, allowLayout: true) == s.unicodeScalars.contains { TextSafety.isUnsafe($0) })
    }
  }

  @Test("CSV : injections de formule neutralisées, guillemets RFC 4180, variante Excel française")
  func csv() {
    var c = CSV()
    c.header(["nom", "montant"])
    c.row([.text("=HYPERLINK(\"http://x\")"), .number("-12.50")])
    c.row([.text("+33 1 02"), .number("3")])
    c.row([.text("-2+3"), .number("0.5")])
    c.row([.text("@SUM(A1)"), .number("1")])
    c.row([.text("a\rb,c"), .number("2")])
    c.row([.text("\tx"), .number("2")])
    let lines = c.text.components(separatedBy: "\r\n")
    #expect(lines[1] == "\"'=HYPERLINK(\"\"http://x\"\")\",-12.50")
    #expect(lines[2] == "'+33 1 02,3")
    #expect(lines[3] == "'-2+3,0.5")
    #expect(lines[4] == "'@SUM(A1),1")
    #expect(lines[5] == "\"a␍b,c\",2")
    #expect(lines[6] == "'\tx,2")
    var e = CSV(.excel)
    e.header(["nom", "montant"])
    e.row([.text("Dupont; fils"), .number("1234.56")])
    #expect(e.text == "\u{FEFF}nom;montant\r\n\"Dupont; fils\";1234,56\r\n")
  }
}
