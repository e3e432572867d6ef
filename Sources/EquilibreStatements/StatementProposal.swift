import EquilibreCore

/// The budget and the debts drafted from the statements, on top of the household's scenario:
/// every proposed line says `source: releve`, what was seen and how sure the reading is. Lines the
/// counsellor typed stay as they are; a kind already typed is not proposed again.
public struct StatementProposal: Sendable {
  public var scenario: Scenario
  /// What was not carried into the scenario, and why (already typed, rent in the housing…).
  public var notes: [String]
  /// Debts whose amount still owed must be asked of the creditor.
  public var debtsToComplete: [String]

  public static func make(base: Scenario, analysis: StatementAnalysis) -> StatementProposal {
    var s = base
    var notes: [String] = []
    var toComplete: [String] = []
    func provenance(_ seen: [StatementLine], _ c: Provenance.Confidence, ask: Bool = false) -> Provenance {
      Provenance(
        confidence: c, evidence: seen.map { Provenance.Evidence(date: $0.date, amount: Money(cents: abs($0.cents))) },
        remainingDueToAsk: ask)
    }
    func alreadyTyped(_ kind: String, _ f: StatementAnalysis.Flow) -> String {
      "\(kind) déjà saisi : vu sur les relevés \(f.amount.french) (\(f.counterparty)), non ajouté"
    }
    let typedResources = Set(base.resources.filter { $0.provenance == nil }.map(\.type))
    let typedCharges = Set(base.charges.filter { $0.provenance == nil }.map(\.type))
    for f in analysis.flows {
      switch f.kind {
      case .resource(let t):
        let type = t ?? .autre
        if t != nil && typedResources.contains(type) {
          notes.append(alreadyTyped(type.french, f))
          continue
        }
        var r = Resource(type: type, amount: f.amount, periodicity: f.periodicity, label: f.counterparty)
        r.provenance = provenance(f.seen, f.confidence)
        s.resources.append(r)
      case .housingAid:
        if s.housing.housingBenefit.isZero {
          s.housing.housingBenefit = f.amount * f.periodicity.monthlyFactor
          notes.append("aide au logement lue sur les relevés (\(f.counterparty), \(f.amount.french)) : écrite dans logement.aide_logement")
        } else {
          notes.append("aide au logement déjà saisie (\(s.housing.housingBenefit.french)) ; les relevés montrent \(f.amount.french)")
        }
      case .charge(let t):
        let type = t ?? .autre
        if type == .loyer {
          if s.housing.rent.isZero {
            s.housing.rent = f.amount * f.periodicity.monthlyFactor
            notes.append(
              "loyer lu sur les relevés (\(f.counterparty), \(f.amount.french)) : écrit dans logement.loyer, charges comprises, à vérifier")
          } else {
            notes.append("loyer déjà saisi (\(s.housing.rent.french)) ; les relevés montrent \(f.amount.french) (\(f.counterparty))")
          }
          continue
        }
        if t != nil && typedCharges.contains(type) {
          notes.append(alreadyTyped(type.french, f))
          continue
        }
        var c = Charge(type: type, amount: f.amount, periodicity: f.periodicity, label: f.counterparty)
        c.provenance = provenance(f.seen, f.confidence)
        s.charges.append(c)
      }
    }
    var creditors = Set(s.debts.map(\.creditor))
    for d in analysis.debts {
      var name = d.lender
      if let n = d.splitInto, let first = d.seen.first {
        name += " (paiement en \(n) fois, 1re échéance vue le \(first.date.french))"
      }
      if base.debts.contains(where: { $0.creditor == d.lender }) {
        notes.append("dette « \(d.lender) » déjà saisie : mensualité vue \(d.instalment.french)")
        continue
      }
      var k = 2
      let root = name
      while creditors.contains(name) {
        name = "\(root) \(k)"
        k += 1
      }
      creditors.insert(name)
      var debt = Debt(creditor: name, nature: d.nature, remainingDue: d.remainingDue ?? .zero, monthlyPayment: d.instalment)
      debt.provenance = provenance(d.seen, d.confidence, ask: d.remainingDue == nil)
      if d.remainingDue == nil { toComplete.append(name) }
      s.debts.append(debt)
    }
    // The filing's bank accounts: one per account read (its files together), with its latest
    // balance when the export gives one.
    var accounts: [(name: String, last: StatementLine?)] = []
    for st in analysis.statements {
      let bank = st.layout.flatMap { $0.guessed ? nil : $0.bank } ?? "Banque (\(st.format.rawValue))"
      let name = bank + (st.account.map { " n° …" + String($0.suffix(4)) } ?? "")
      let last = st.lines.filter { $0.balance != nil }.max { ($0.date, $0.line) < ($1.date, $1.line) }
      if let i = accounts.firstIndex(where: { $0.name == name }) {
        if let l = last, accounts[i].last.map({ $0.date < l.date }) ?? true { accounts[i].last = l }
      } else {
        accounts.append((name, last))
      }
    }
    for (name, last) in accounts where !s.bankAccounts.contains(where: { $0.bank == name }) {
      guard let last, let balance = last.balance else {
        notes.append("compte \(name) : le relevé ne donne pas de solde ; à reporter dans « comptes » avec sa date")
        continue
      }
      s.bankAccounts.append(BankAccount(bank: name, kind: .courant, balance: Money(cents: balance), date: last.date))
    }
    return StatementProposal(scenario: s, notes: notes, debtsToComplete: toComplete)
  }
}
