import EquilibreCore

extension StatementProposal {
  /// What the analysis proposes on top of `base`: one item per recurring flow, credit, account and
  /// month with incidents; what is already typed is a note, not an item.
  public static func make(base: Scenario, analysis: StatementAnalysis) -> StatementProposal {
    var items: [Item] = []
    var notes: [String] = []
    func add(_ kind: Item.Kind, _ wording: String, _ amount: Money?, _ seen: [StatementLine], _ c: Provenance.Confidence, ask: Bool = false)
    {
      items.append(
        Item(
          id: "l\(items.count + 1)", kind: kind, seen: seen, confidence: c, wording: wording, amount: amount, asksRemainingDue: ask))
    }
    func alreadyTyped(_ kind: String, _ f: StatementAnalysis.Flow) -> String {
      "\(kind) déjà saisi : vu sur les relevés \(f.amount.french) (\(f.counterparty)), non ajouté"
    }
    let typedResources = Set(base.resources.filter { $0.provenance == nil }.map(\.type))
    let typedCharges = Set(base.charges.filter { $0.provenance == nil }.map(\.type))
    var rentProposed = false
    var aidProposed = false
    for f in analysis.flows {
      switch f.kind {
      case .resource(let t):
        let type = t ?? .autre
        if t != nil && typedResources.contains(type) {
          notes.append(alreadyTyped(type.french, f))
          continue
        }
        let r = Resource(type: type, amount: f.amount, periodicity: f.periodicity, label: f.counterparty)
        add(.resource(r), "\(type.french) — \(f.counterparty)", f.amount, f.seen, f.confidence)
      case .housingAid:
        if base.housing.housingBenefit.isZero && !aidProposed {
          aidProposed = true
          let m = f.amount * f.periodicity.monthlyFactor
          add(.housingAid(m), "Aide au logement (logement.aide_logement) — \(f.counterparty)", m, f.seen, f.confidence)
        } else {
          notes.append("aide au logement déjà saisie (\(base.housing.housingBenefit.french)) ; les relevés montrent \(f.amount.french)")
        }
      case .charge(let t):
        let type = t ?? .autre
        if type == .loyer {
          if base.housing.rent.isZero && !rentProposed {
            rentProposed = true
            let m = f.amount * f.periodicity.monthlyFactor
            add(.rent(m), "Loyer, charges comprises, à vérifier (logement.loyer) — \(f.counterparty)", m, f.seen, f.confidence)
          } else {
            notes.append("loyer déjà saisi (\(base.housing.rent.french)) ; les relevés montrent \(f.amount.french) (\(f.counterparty))")
          }
          continue
        }
        if t != nil && typedCharges.contains(type) {
          notes.append(alreadyTyped(type.french, f))
          continue
        }
        let c = Charge(type: type, amount: f.amount, periodicity: f.periodicity, label: f.counterparty)
        add(.charge(c), "\(type.french) — \(f.counterparty)", f.amount, f.seen, f.confidence)
      }
    }
    var creditors = Set(base.debts.map(\.creditor))
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
      let debt = Debt(creditor: name, nature: d.nature, remainingDue: d.remainingDue ?? .zero, monthlyPayment: d.instalment)
      add(.debt(debt), "Dette : \(name) (\(d.nature.french))", d.instalment, d.seen, d.confidence, ask: d.remainingDue == nil)
    }
    let accounts = accounts(analysis)
    for (name, last) in accounts where !base.bankAccounts.contains(where: { $0.bank == name }) {
      guard let last, let balance = last.balance else {
        notes.append("compte \(name) : le relevé ne donne pas de solde ; à reporter dans « comptes » avec sa date")
        continue
      }
      let a = BankAccount(bank: name, kind: .courant, balance: Money(cents: balance), date: last.date)
      add(.account(a), "Compte : \(name), solde au \(last.date.french)", a.balance, [last], .haute)
    }
    // Incidents month by month; named after the account when only one was read.
    let account = accounts.count == 1 ? accounts[0].name : nil
    for m in analysis.incidents where m.rejections + m.fees + m.gambling > 0 || !m.overdraftInterest.isZero || (m.daysOverdrawn ?? 0) > 0 {
      guard let month = CivilDate(m.month + "-01") else { continue }
      let incident = BankIncidentMonth(
        month: month, account: account, rejections: m.rejections, fees: m.feesAmount, overdraftInterest: m.overdraftInterest,
        daysOverdrawn: m.daysOverdrawn, gambling: m.gamblingAmount)
      if base.bankIncidents.contains(where: { $0.month == month && $0.account == account }) {
        notes.append("incidents de \(month.frenchMonth) déjà saisis, non remplacés")
        continue
      }
      add(.incidents(incident), "Incidents de \(month.frenchMonth) (frais d'incidents)", m.feesAmount, [], .haute)
    }
    return StatementProposal(base: base, items: items, notes: notes)
  }

  /// The accounts read (their files together), each with its latest line that gives a balance.
  static func accounts(_ analysis: StatementAnalysis) -> [(name: String, last: StatementLine?)] {
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
    return accounts
  }
}
