import EquilibreCore
import EquilibreStatements

/// Generated households read back through their files, and the reading compared with the truth.
public struct SyntheticEvaluation: Sendable, CustomStringConvertible {
  public var households = 0
  public var files = 0
  public var lines = 0
  /// Recurring incomes and charges in the truth, found, and proposed flows that are not one.
  public var truthFlows = 0
  public var foundFlows = 0
  public var proposedFlows = 0
  public var falseFlows = 0
  public var rightPeriodicity = 0
  public var truthCredits = 0
  public var foundCredits = 0
  /// Proposed flows that hold a one-off movement: must stay 0.
  public var oneOffsAsMonthly = 0
  /// What was missed or wrongly proposed, for the developer (first ones only).
  public var misses: [String] = []

  public var precision: Double { proposedFlows == 0 ? 1 : Double(proposedFlows - falseFlows) / Double(proposedFlows) }
  public var recall: Double { truthFlows == 0 ? 1 : Double(foundFlows) / Double(truthFlows) }

  public var description: String {
    func pct(_ x: Double) -> String { String(format: "%.1f %%", x * 100) }
    return """
      \(households) ménages, \(files) fichiers, \(lines) lignes
      flux réguliers : \(truthFlows) vrais, \(proposedFlows) proposés, \(foundFlows) trouvés, \(falseFlows) faux ; précision \(pct(precision)), rappel \(pct(recall)) ; périodicité juste \(rightPeriodicity)/\(foundFlows)
      crédits : \(foundCredits)/\(truthCredits) trouvés
      ponctuels comptés au mois : \(oneOffsAsMonthly)
      """
  }

  /// Reads `count` households generated from `seed` and scores the reading.
  public static func run(households count: Int, seed: UInt64) throws -> SyntheticEvaluation {
    var e = SyntheticEvaluation()
    let starts = [(2026, 2), (2026, 4), (2025, 10), (2026, 7)].map { CivilDate(year: $0.0, month: $0.1, day: 1)! }
    for i in 0..<count {
      let h = SyntheticHousehold.make(index: i, seed: seed, start: starts[i % starts.count])
      let statements = try SyntheticFiles.files(h).map { try StatementReader.read(bytes: $0.bytes, file: $0.name) }
      e.households += 1
      e.files += statements.count
      e.lines += statements.map(\.lines.count).reduce(0, +)
      e.score(h, StatementAnalyzer.analyse(statements))
    }
    return e
  }

  mutating func score(_ h: SyntheticHousehold, _ a: StatementAnalysis) {
    var truthOf: [String: SyntheticHousehold.Truth] = [:]
    for m in h.movements { truthOf["\(m.date)|\(m.cents)|\(m.label)"] = m.truth }
    func truth(_ l: StatementLine) -> SyntheticHousehold.Truth? { truthOf["\(l.date)|\(l.cents)|\(l.label)"] }
    var recurring: [String: BudgetPeriodicity] = [:]
    var credits: Set<String> = []
    for m in h.movements {
      if case .recurring(let id, _, let p) = m.truth { recurring[id] = p }
      if case .credit(let lender) = m.truth { credits.insert(lender) }
    }
    truthFlows += recurring.count
    truthCredits += credits.count
    var found: Set<String> = []
    for f in a.flows {
      proposedFlows += 1
      let ids = f.seen.compactMap { l -> String? in
        if case .recurring(let id, _, _)? = truth(l) { return id }
        return nil
      }
      if f.seen.contains(where: { truth($0) == .oneOff }) { oneOffsAsMonthly += 1 }
      guard let id = ids.first, ids.count == f.seen.count, ids.allSatisfy({ $0 == id }), !found.contains(id) else {
        falseFlows += 1
        if misses.count < 20 { misses.append("faux : \(f.counterparty) \(f.periodicity.rawValue) \(f.seen.map(\.label))") }
        continue
      }
      found.insert(id)
      foundFlows += 1
      if recurring[id] == f.periodicity { rightPeriodicity += 1 }
    }
    for (id, _) in recurring where !found.contains(id) {
      let labels = h.movements.filter { if case .recurring(id, _, _) = $0.truth { return true } else { return false } }.map(\.label)
      if misses.count < 20 { misses.append("manqué : \(id) \(labels)") }
    }
    let lenders = Set(a.debts.map(\.lender))
    for c in credits {
      if lenders.contains(c) { foundCredits += 1 } else if misses.count < 20 { misses.append("crédit manqué : \(c)") }
    }
  }
}
