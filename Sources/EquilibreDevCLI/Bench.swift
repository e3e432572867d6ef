import ArgumentParser
import EquilibreCommands
import EquilibreCore
import Foundation

/// The loan-schedule benchmark of `../shared/bench/amortize_peers.py`, on the real engine.
struct Bench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Mesure : amortit N prêts de 240 mois (jeu de amortize_peers.py) ; à lancer en build release.",
    discussion: """
      Prêt i : capital 10000 + 37·i €, taux annuel 1,25 % + (i mod 50)/1000, 240 mensualités,
      échéance et intérêts arrondis demi-haut au centime, dernière échéance ajustée.
      Exemple :
        swift build -c release && .build/release/equilibre-dev bench --prets 10000
      """,
  )

  @Option(help: "Nombre de prêts.")
  var prets: Int = 10_000

  @Option(help: "Nombre de répétitions (le meilleur temps est retenu).")
  var repetitions: Int = 5

  @Option(help: "Écrire toutes les lignes (pret,numero,echeance,interets,capital,restant) dans ce fichier, pour comparaison.")
  var lignes: String?

  @Option(help: "Calculer aussi le TAEG des N premiers prêts, par les deux méthodes, et les chronométrer.")
  var taeg: Int = 0

  @Option(name: .customLong("taeg-fichier"), help: "Écrire les TAEG (pret,taeg en %) dans ce fichier, pour comparaison.")
  var taegFichier: String?

  @Option(help: "Mesurer plutôt budget + capacité sur N ménages générés (ex. 100000).")
  var menages: Int = 0

  @Option(help: "Mesurer plutôt l'aide au logement, le RSA et la prime d'activité de N ménages générés (temps médian par ménage).")
  var prestations: Int = 0

  func run() throws {
    if menages > 0 {
      try benchHouseholds()
      return
    }
    if prestations > 0 {
      try benchBenefits()
      return
    }
    guard prets > 0, repetitions > 0 else { throw CLIError.usage("--prets et --repetitions doivent être positifs") }
    let months = 240
    let loans = (0..<prets).map { i in
      LoanTerms(
        capital: Money(euros: 10_000 + 37 * i),
        annualRate: Rational(125, 10_000) + Rational(i % 50, 1000),
        periods: months)
    }
    let amortizer = Amortizer()
    var buffer: [ScheduleRow] = []
    buffer.reserveCapacity(months)
    var best = UInt64.max  // nanoseconds
    var rows = 0
    var checksum = 0
    for _ in 0..<repetitions {
      rows = 0
      checksum = 0
      let start = DispatchTime.now().uptimeNanoseconds
      for terms in loans {
        _ = try amortizer.amortize(terms, into: &buffer)
        rows += buffer.count
        checksum &+= buffer[buffer.count - 1].paymentCents
      }
      best = min(best, max(1, DispatchTime.now().uptimeNanoseconds - start))
    }
    let millis = (best + 500_000) / 1_000_000
    let seconds = "\(millis / 1000)." + String(String(millis % 1000 + 1000).dropFirst())
    let rate = UInt64(rows) * 1_000_000_000 / best
    print("equilibre loans=\(prets) rows=\(rows) s=\(seconds) rows/s=\(rate) checksum=\(checksum)")
    if taeg > 0 {
      // The same schedules (built beforehand) through the exact GMP bracket, then through the
      // default path (fast proof, GMP when it abstains): median time per loan of each.
      let schedules = try loans.prefix(taeg).map { try amortizer.schedule(for: $0) }
      func measure(_ method: APR.Method) throws -> (median: Double, sum: Rational, fast: Int) {
        var times: [UInt64] = []
        times.reserveCapacity(schedules.count)
        var sum = Rational.zero
        var fast = 0
        for s in schedules {
          let t0 = DispatchTime.now().uptimeNanoseconds
          let r = try APR.solve(schedule: s, method: method)
          times.append(DispatchTime.now().uptimeNanoseconds - t0)
          sum += r.roundedPercent
          if r.method == .fast { fast += 1 }
        }
        times.sort()
        return (Double(times[times.count / 2]) / 1000, sum, fast)
      }
      let exact = try measure(.exact)
      let fast = try measure(.fast)
      print("equilibre-taeg-exact loans=\(schedules.count) median_us=\(String(format: "%.2f", exact.median)) sum=\(exact.sum)")
      print(
        "equilibre-taeg loans=\(schedules.count) median_us=\(String(format: "%.2f", fast.median)) sum=\(fast.sum) "
          + "rapides=\(fast.fast) repli_exact=\(schedules.count - fast.fast) identique=\(fast.sum == exact.sum ? "oui" : "NON")")
      if let path = taegFichier {
        var out = ""
        for (i, s) in schedules.enumerated() {
          out += "\(i),\(try APR.solve(schedule: s).roundedPercent.frenchExact(minPlaces: 2).replacingOccurrences(of: ",", with: "."))\n"
        }
        try writeAtomically(out, to: path, overwrite: true)
      }
    }
    if let path = lignes {
      var out = ""
      out.reserveCapacity(rows * 48)
      for (i, terms) in loans.enumerated() {
        _ = try amortizer.amortize(terms, into: &buffer)
        for r in buffer {
          out += "\(i),\(r.number),\(r.payment.plain),\(r.interest.plain),\(r.principal.plain),\(r.balance.plain)\n"
        }
      }
      try Data(out.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
  }
}

extension Bench {
  /// Household i of the generated set: 1 to 6 persons, resources, charges and debts that vary with i.
  static func household(_ i: Int) -> Scenario {
    var members = [Member(name: "D", role: .demandeur, birthDate: CivilDate(year: 1960 + i % 40, month: 1 + i % 12, day: 1 + i % 28)!)]
    if i % 3 == 0 { members.append(Member(name: "C", role: .conjoint, birthDate: CivilDate(year: 1962 + i % 38, month: 6, day: 15)!)) }
    for k in 0..<(i % 5) {
      members.append(Member(name: "E\(k)", role: .enfant, birthDate: CivilDate(year: 2004 + (i + 5 * k) % 22, month: 3, day: 9)!))
    }
    var resources = [Resource(type: .salaire, amount: Money(cents: 90_000 + (i * 7919) % 250_000), person: 0)]
    if i % 3 == 0 { resources.append(Resource(type: .salaire, amount: Money(cents: (i * 104_729) % 180_000), person: 1)) }
    if i % 5 > 1 { resources.append(Resource(type: .prestationsFamiliales, amount: Money(cents: 14_000 * (i % 5)))) }
    if i % 7 == 0 { resources.append(Resource(type: .primeActivite, amount: Money(cents: 60_000), periodicity: .trimestrielle)) }
    return Scenario(
      date: CivilDate(year: 2026, month: 11, day: 1)!, members: members,
      housing: Housing(
        status: i % 2 == 0 ? .locataireSocial : .locatairePrive, rent: Money(cents: 35_000 + (i * 31) % 60_000),
        charges: Money(cents: 5_000), housingBenefit: Money(cents: (i * 13) % 30_000)),
      resources: resources,
      charges: [
        Charge(type: .energie, amount: Money(cents: 6_000 + (i % 90) * 100)),
        Charge(type: .assurances, amount: Money(cents: 2_500)),
        Charge(type: .impots, amount: Money(cents: (i * 17) % 150_000), periodicity: .annuelle),
        Charge(type: .transport, amount: Money(cents: 2_000), periodicity: .hebdomadaire),
      ],
      debts: [
        Debt(
          creditor: "A", nature: .creditRenouvelable, remainingDue: Money(cents: 300_000), monthlyPayment: Money(cents: 9_000 + i % 10_000)),
        Debt(creditor: "B", nature: .loyer, remainingDue: Money(cents: 120_000), arrears: Money(cents: 120_000)),
      ])
  }

  func benchHouseholds() throws {
    let households = (0..<menages).map(Self.household)
    let start = DispatchTime.now().uptimeNanoseconds
    var checksum = 0
    // All households share the date: the parameters are resolved once, as `lot` does.
    let resolved = try HouseholdParameters(on: households[0].date)
    for s in households {
      let budget = Budget(scenario: s, resolved: resolved)
      let capacity = try RepaymentCapacity(scenario: s, resolved: resolved)
      checksum &+= capacity.capacity.exactCents! &+ (budget.resteAVivre.roundedToCents(.floor).exactCents ?? 0)
    }
    let ns = max(1, DispatchTime.now().uptimeNanoseconds - start)
    let millis = (ns + 500_000) / 1_000_000
    print(
      "equilibre-menages menages=\(menages) s=\(millis / 1000).\(String(String(millis % 1000 + 1000).dropFirst())) menages/s=\(UInt64(menages) * 1_000_000_000 / ns) checksum=\(checksum)"
    )
  }
}

/// A loop over the exact-number operations, for valgrind / LeakSanitizer (`.ci/leakcheck`).
struct MemoryLoop: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "memoire", abstract: "Boucle d'opérations exactes pour la détection de fuites (.ci/leakcheck).")

  @Option var iterations: Int = 2000

  @Option(help: "Calculer aussi le TAEG exact des N premiers prêts, et le chronométrer.")
  var taeg: Int = 0

  func run() throws {
    var acc = Rational.zero
    var seen = Set<Rational>()
    for i in 1...iterations {
      let a = try Rational(french: "1 234,56 €")
      let b = Rational(i, 7)
      let c = (a * b - Rational(3)) / (b + Rational.one)
      let p = c.power(3).power(-1)
      acc = acc + p.rounded(toPlaces: 4, .halfEven) - c.rounded(toPlaces: 2, .halfAwayFromZero)
      _ = acc.rounded(toPlaces: 2, .floor).french(places: 2)
      _ = Money(acc.rounded(toPlaces: 2, .ceiling)).plain
      _ = acc.description
      _ = Rational(c.description)
      seen.insert(c.rounded(toPlaces: 1, .towardZero))
      let encoded = Data(try JSONWriter().bytes([c]))
      _ = try JSONDecoder().decode([Rational].self, from: encoded)
      if i % 100 == 0 {
        let terms = LoanTerms(
          capital: Money(euros: 1000 + i), annualRate: Rational(i % 17, 100), periods: 24,
          insurance: .rate(annual: Rational(3, 1000), base: .outstandingCapital), fees: Money(euros: 10))
        let s = try Schedule(terms: terms)
        _ = try APR.solve(schedule: s)
        _ = s.explanation()
        // Scenario parsing (LibYAML), budget, capacity and their explanations.
        let scenario = try ScenarioFile.parse(ScenarioTemplate.text, file: "modele.yaml")
        let figures = try HouseholdFigures(scenario: scenario)
        _ = figures.budget.explanations.count + figures.capacity.explanations.count
        _ = try? ScenarioFile.parse("date: 2026-13-01\nmenage: [ {role: x} ]\n", file: "faux.yaml")
      }
    }
    let dated = [
      APR.DatedFlow(date: CivilDate("2024-01-15")!, cents: -100_000),
      APR.DatedFlow(date: CivilDate("2024-07-15")!, cents: 52_000),
      APR.DatedFlow(date: CivilDate("2025-01-15")!, cents: 52_000),
    ]
    _ = try APR.solve(dated: dated)
    print("ok \(seen.count) \(acc.sign)")
  }
}

/// Writes N generated scenario files, for the `lot` benchmark.
struct GenerateBatch: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "generer", abstract: "Écrit N scénarios générés (banc d'essai de lot).")

  @Argument var dossier: String
  @Option var nombre: Int = 10_000

  func run() throws {
    try FileManager.default.createDirectory(atPath: dossier, withIntermediateDirectories: true)
    for i in 0..<nombre {
      var s = Bench.household(i)
      s.summary = "Ménage généré n° \(i)"
      let path = (dossier as NSString).appendingPathComponent(String(format: "menage-%05d.yaml", i))
      try writeAtomically(ScenarioWriter.yaml(s), to: path, overwrite: true)
    }
    print("\(nombre) scénarios écrits dans \(dossier)")
  }
}

extension Bench {
  /// RSA and prime d'activité of N generated households: the foyer is built once per household,
  /// the time is that of `IncomeSupport` (the two benefits), median and 99th percentile per household.
  func benchBenefits() throws {
    // Tenants in the four zone cases (Paris, Clermont-Ferrand, Guéret, Saint-Brieuc).
    let communes = ["75056", "63113", "23096", "22278"]
    let households = (0..<prestations).map { i in
      var s = Self.household(i)
      s.housing.commune = communes[i % communes.count]
      return BenefitHousehold(scenario: s)
    }
    // As a batch or the variants of one case: the parameters resolved once per date.
    var resolved: [CivilDate: Benefits.Parameters] = [:]
    for h in households where resolved[h.date] == nil { resolved[h.date] = try Benefits.Parameters(on: h.date) }
    var best: [UInt64] = []
    var checksum = 0
    for _ in 0..<max(1, repetitions) {
      var times: [UInt64] = []
      times.reserveCapacity(households.count)
      checksum = 0
      for h in households {
        let t0 = DispatchTime.now().uptimeNanoseconds
        let b = Benefits(h, resolved: resolved[h.date]!)
        times.append(DispatchTime.now().uptimeNanoseconds - t0)
        let s = b.incomeSupport
        checksum &+= (s.rsa.amount.exactCents ?? 0) &+ (s.primeActivite.amount.exactCents ?? 0) &+ (b.housingAid.amount?.exactCents ?? -1)
      }
      times.sort()
      if best.isEmpty || times[times.count / 2] < best[best.count / 2] { best = times }
    }
    let median = Double(best[best.count / 2]) / 1000
    let p99 = Double(best[min(best.count - 1, best.count * 99 / 100)]) / 1000
    print(
      "equilibre-prestations menages=\(prestations) median_us=\(String(format: "%.2f", median)) p99_us=\(String(format: "%.2f", p99)) checksum=\(checksum)"
    )
  }
}
