import EquilibreCore

/// Reads the statements' lines as a counsellor does: who pays and who is paid, how often, how
/// much; which lines are credit instalments, fees, rejections or bets; and what happened once.
public enum StatementAnalyzer {
  public static func analyse(_ statements: [Statement], knowledge: Knowledge = .shipped) -> StatementAnalysis {
    var analysis = StatementAnalysis(statements: statements)
    // Overlapping exports of one account: a line read twice counts once.
    var seen: Set<String> = []
    var lines: [StatementLine] = []
    for s in statements {
      for var l in s.lines {
        l.file = s.file
        let key = "\(s.account ?? s.file)|\(l.date)|\(l.cents)|\(l.label)"
        if seen.insert(key).inserted { lines.append(l) } else { analysis.duplicates += 1 }
      }
    }
    lines.sort { ($0.date, $0.line) < ($1.date, $1.line) }

    var fees: [StatementLine] = []
    var rejections: [StatementLine] = []
    var gambling: [StatementLine] = []
    var interest: [StatementLine] = []
    // A lender's lines, apart for each number of instalments of a split payment (nil: a credit).
    var lenderLines: [LenderKey: [StatementLine]] = [:]
    var groups: [String: (kind: StatementAnalysis.Flow.Kind, counterparty: String, card: Bool, lines: [StatementLine])] = [:]
    var order: [String] = []
    for l in lines {
      let folded = Label.fold(l.label)
      let held = { (list: [String]) in list.contains { Label.holds(folded, $0) } }
      // A fee's label often names what was rejected (« FRAIS REJET PRLV »): fees first.
      if l.cents < 0 && held(knowledge.fees) {
        fees.append(l)
        continue
      }
      if held(knowledge.rejections) {
        rejections.append(l)
        continue
      }
      if l.cents < 0 && held(knowledge.overdraftInterest) {
        interest.append(l)
        continue
      }
      if l.cents < 0 && held(knowledge.gambling) {
        gambling.append(l)
        continue
      }
      if l.cents < 0, let i = knowledge.lenders.firstIndex(where: { held($0.words) }) {
        let lender = knowledge.lenders[i]
        let split = lender.instalments ?? (held(lender.splitWords) ? splitCount(folded) : nil)
        lenderLines[LenderKey(lender: i, split: split), default: []].append(l)
        continue
      }
      let card =
        folded.hasPrefix("CARTE") || folded.hasPrefix("CB ") || folded.hasPrefix("PAIEMENT CB") || folded.hasPrefix("PAIEMENT PAR CARTE")
        || folded.hasPrefix("RETRAIT")
      let kind: StatementAnalysis.Flow.Kind =
        l.cents >= 0
        ? (held(knowledge.housingAid) ? .housingAid : .resource(Label.longestMatch(folded, knowledge.resources)?.0))
        : .charge(Label.longestMatch(folded, knowledge.charges)?.0)
      let counterparty = Label.counterparty(l.label)
      let key = "\(l.cents >= 0 ? "+" : "-")|\(counterparty)|\(kind)"
      if groups[key] == nil {
        groups[key] = (kind, counterparty, card, [])
        order.append(key)
      }
      groups[key]!.lines.append(l)
    }

    for key in order {
      let g = groups[key]!
      let typed: Bool
      switch g.kind {
      case .resource(let t): typed = t != nil
      case .charge(let t): typed = t != nil
      case .housingAid: typed = true
      }
      // Known counterparties vary (hours worked, consumption); others are fixed subscriptions.
      // Unknown payees and card payments: only a subscription (the same amount, three times) is recurring.
      let tolerance = typed && !g.card ? 35 : 1
      let minimum = typed && !g.card ? 2 : 3
      // Shopping several times a month (card payments, an unknown payee) is everyday spending,
      // not a recurring charge, even when two amounts happen to match a month apart.
      let frequent = zip(g.lines.dropFirst(), g.lines).contains { $0.date.dayNumber - $1.date.dayNumber < 15 }
      // The series split the group's lines: those of a series that is not a flow are left over.
      var left: [StatementLine] = []
      for s in series(g.lines, tolerancePercent: tolerance) {
        if s.count >= minimum && !(frequent && (g.card || !typed)), let (periodicity, regular) = periodicity(s) {
          analysis.flows.append(flow(g.kind, g.counterparty, s, periodicity, typed: typed, regular: regular))
        } else {
          left += s
        }
      }
      // Seen once in three months: a quarterly or yearly bill of a known kind, to be checked.
      for l in left.sorted(by: { ($0.date, $0.line) < ($1.date, $1.line) }) {
        if case .charge(let t?) = g.kind, [.assurances, .eau, .impots].contains(t), !g.card, g.lines.count == 1 {
          var f = flow(g.kind, g.counterparty, [l], t == .impots ? .annuelle : .trimestrielle, typed: true, regular: false)
          f.confidence = .basse
          f.note = "vu une seule fois : \(t == .impots ? "annuel" : "trimestriel") supposé, à vérifier (semestriel ou annuel possible)"
          analysis.flows.append(f)
        } else {
          analysis.oneOffs.append(l)
        }
      }
    }

    func name(_ k: LenderKey) -> String { knowledge.lenders[k.lender].name }
    for (key, ls) in lenderLines.sorted(by: { (name($0.key), $0.key.split ?? 0) < (name($1.key), $1.key.split ?? 0) }) {
      let lender = knowledge.lenders[key.lender]
      if let n = key.split {
        // Each purchase paid in n times is its own plan: same amount, a month apart.
        for s in series(ls, tolerancePercent: 1) {
          let amount = Money(cents: -s.last!.cents)
          analysis.debts.append(
            StatementAnalysis.DebtFinding(
              lender: lender.name, nature: lender.nature, instalment: amount, seen: s,
              remainingDue: amount * Rational(max(0, n - s.count)), splitInto: n, confidence: s.count >= 2 ? .moyenne : .basse))
        }
      } else {
        let sorted = ls.map { -$0.cents }.sorted()
        analysis.debts.append(
          StatementAnalysis.DebtFinding(
            lender: lender.name, nature: lender.nature, instalment: Money(cents: sorted[(sorted.count - 1) / 2]), seen: ls,
            remainingDue: nil, splitInto: nil, confidence: ls.count >= 2 ? .haute : .moyenne))
      }
    }
    analysis.incidents = StatementAnalysis.incidents(lines, fees: fees, rejections: rejections, gambling: gambling, interest: interest)
    // The overdraft: interest charged, or an account that ends below zero, is a debt to the bank.
    let last = lines.last { $0.balance != nil }
    if !interest.isEmpty || (last?.balance ?? 0) < 0 {
      let bank = statements.compactMap { $0.layout?.bank }.first ?? "banque du compte"
      analysis.debts.append(
        StatementAnalysis.DebtFinding(
          lender: "Découvert (\(bank))", nature: .decouvert, instalment: .zero,
          seen: interest.isEmpty ? [StatementLine(date: last!.date, label: "solde", cents: last!.balance!, line: last!.line)] : interest,
          remainingDue: last?.balance.map { $0 < 0 ? Money(cents: -$0) : .zero }, splitInto: nil,
          confidence: last?.balance != nil ? .haute : .basse))
    }
    return analysis
  }

  /// A lender (its index in the lenders file) and, for a split payment, its number of instalments.
  struct LenderKey: Hashable {
    let lender: Int
    let split: Int?
  }

  /// The number in « 3X », « 4 FOIS »… of a split payment's label (4 when none is written).
  static func splitCount(_ folded: String) -> Int {
    for n in 2...12 where Label.holds(folded, "\(n)X") || Label.holds(folded, "\(n) FOIS") || Label.holds(folded, "X\(n)") { return n }
    return 4
  }

  /// Lines split into series: each line joins the series whose last line is 20 to 100 days
  /// before it and whose middle amount is closest, within `tolerancePercent`.
  static func series(_ lines: [StatementLine], tolerancePercent: Int) -> [[StatementLine]] {
    var out: [[StatementLine]] = []
    for l in lines.sorted(by: { ($0.date, $0.line) < ($1.date, $1.line) }) {
      var best: (Int, Int)?
      for (i, s) in out.enumerated() {
        let gap = l.date.dayNumber - s.last!.date.dayNumber
        guard (20...100).contains(gap) else { continue }
        let amounts = s.map { abs($0.cents) }.sorted()
        let mid = amounts[(amounts.count - 1) / 2]
        let diff = abs(abs(l.cents) - mid)
        guard diff * 100 <= tolerancePercent * max(mid, 1) else { continue }
        if best == nil || diff < best!.1 { best = (i, diff) }
      }
      if let (i, _) = best { out[i].append(l) } else { out.append([l]) }
    }
    return out
  }

  /// The periodicity of a series from the days between its lines, and whether every gap fits it.
  static func periodicity(_ s: [StatementLine]) -> (BudgetPeriodicity, Bool)? {
    let gaps = zip(s.dropFirst(), s).map { $0.date.dayNumber - $1.date.dayNumber }
    if gaps.allSatisfy({ (27...29).contains($0) }) && s.count >= 3 {
      // Four weeks apart drifts through the month; a monthly date does not.
      let drift = abs(s.last!.date.day - s.first!.date.day)
      return (drift >= 3 && drift <= 25 ? .quatreSemaines : .mensuelle, true)
    }
    if gaps.allSatisfy({ (24...37).contains($0) }) { return (.mensuelle, true) }
    if gaps.allSatisfy({ (24...37).contains($0) || (54...67).contains($0) }) { return (.mensuelle, false) }
    if gaps.allSatisfy({ (80...100).contains($0) }) { return (.trimestrielle, true) }
    return nil
  }

  static func flow(
    _ kind: StatementAnalysis.Flow.Kind, _ counterparty: String, _ s: [StatementLine], _ p: BudgetPeriodicity, typed: Bool,
    regular: Bool
  ) -> StatementAnalysis.Flow {
    let amounts = s.map { abs($0.cents) }.sorted()
    let mid = amounts[(amounts.count - 1) / 2]
    let spread = amounts.last! - amounts.first!
    let confidence: Provenance.Confidence =
      s.count >= 3 && regular && typed && spread * 100 <= 10 * max(mid, 1)
      ? .haute : (regular && (typed || s.count >= 3) ? .moyenne : .basse)
    return StatementAnalysis.Flow(
      kind: kind, counterparty: counterparty, periodicity: p, amount: Money(cents: mid),
      range: Money(cents: amounts.first!)...Money(cents: amounts.last!), seen: s, confidence: confidence,
      note: regular ? nil : "une échéance manque dans la période")
  }
}
