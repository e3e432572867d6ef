import EquilibreCore

/// The budget and the debts drafted from the statements, on top of the household's scenario:
/// every proposed line says `source: releve`, what was seen and how sure the reading is. Lines the
/// counsellor typed stay as they are; a kind already typed is not proposed again.
///
/// The proposal is a list of ``Item``s the counsellor reviews one by one (accept, correct,
/// reject: ``reviewed(_:)``); ``scenario`` is the proposal with every item accepted, as the CLI
/// writes it.
public struct StatementProposal: Sendable {
  /// The scenario the statements were read against.
  public var base: Scenario
  /// What the statements propose, in order: resources, housing, charges, debts, accounts, incidents.
  public var items: [Item]
  /// What was not carried into the scenario, and why (already typed, rent in the housing…).
  public var notes: [String]

  /// One proposed line.
  public struct Item: Sendable {
    public enum Kind: Sendable {
      case resource(Resource)
      case charge(Charge)
      case debt(Debt)
      /// `logement.loyer`, monthly.
      case rent(Money)
      /// `logement.aide_logement`, monthly.
      case housingAid(Money)
      case account(BankAccount)
      case incidents(BankIncidentMonth)
    }

    /// `l1`, `l2`…: the item's rank, stable for one set of files read against one situation.
    public var id: String
    public var kind: Kind
    /// The movements it rests on.
    public var seen: [StatementLine]
    public var confidence: Provenance.Confidence
    /// What it is, in French (« Salaire — ACME », « Loyer », « Incidents de janvier 2026 »).
    public var wording: String
    /// The amount the counsellor may correct: the flow's amount, the instalment, the balance or
    /// the month's fees; nil for nothing to correct.
    public var amount: Money?
    /// A debt whose amount still owed must be asked of the creditor.
    public var asksRemainingDue: Bool
  }

  /// The counsellor's answer to one item.
  public enum Review: Sendable, Equatable {
    case accept
    case reject
    /// Accepted with the amount and, for a debt, the amount still owed, as typed (nil: as proposed).
    case correct(amount: Money?, remainingDue: Money?)
  }

  /// Why a review cannot become a situation, by item.
  public struct ReviewError: Error, Sendable, Equatable {
    /// Item id → message, in French.
    public var messages: [String: String]

    public init(messages: [String: String]) { self.messages = messages }
  }

  /// Debts whose amount still owed must be asked of the creditor.
  public var debtsToComplete: [String] {
    items.compactMap { item in
      guard item.asksRemainingDue, case .debt(let d) = item.kind else { return nil }
      return d.creditor
    }
  }

  /// Every item accepted as proposed: debts not yet known say `restant_du: "à compléter"`.
  public var scenario: Scenario {
    var s = base
    for item in items { Self.add(item, review: .accept, to: &s) }
    return s
  }

  /// The scenario with the accepted and corrected items only. Every item must have an answer;
  /// an accepted debt needs its amount still owed. Refused items are named in the error.
  public func reviewed(_ reviews: [String: Review]) throws(ReviewError) -> Scenario {
    var errors: [String: String] = [:]
    for item in items {
      switch reviews[item.id] {
      case nil:
        errors[item.id] = "choisissez : accepter, corriger ou rejeter"
      case .reject:
        continue
      case .accept:
        if item.asksRemainingDue {
          errors[item.id] = "restant dû à demander au créancier : saisissez-le (colonne « Restant dû ») ou rejetez la ligne pour l'instant"
        }
      case .correct(let amount, let due):
        if amount == nil && due == nil { errors[item.id] = "« corriger » : saisissez le montant corrigé" }
        if item.asksRemainingDue && due == nil {
          errors[item.id] = "restant dû à demander au créancier : saisissez-le ou rejetez la ligne pour l'instant"
        }
        if let amount, amount.isNegative, !item.allowsNegative { errors[item.id] = "montant négatif refusé pour cette ligne" }
        if let due, due.isNegative { errors[item.id] = "restant dû négatif refusé" }
      }
    }
    guard errors.isEmpty else { throw ReviewError(messages: errors) }
    var s = base
    for item in items {
      guard let r = reviews[item.id], r != .reject else { continue }
      Self.add(item, review: r, to: &s)
    }
    return s
  }

  /// The item written into the scenario, corrected as reviewed.
  static func add(_ item: Item, review: Review, to s: inout Scenario) {
    var amount = item.amount
    var due: Money?
    if case .correct(let a, let d) = review {
      amount = a ?? amount
      due = d
    }
    let provenance = Provenance(
      confidence: item.confidence, evidence: item.seen.map { Provenance.Evidence(date: $0.date, amount: Money(cents: abs($0.cents))) },
      remainingDueToAsk: item.asksRemainingDue && due == nil)
    switch item.kind {
    case .resource(var r):
      r.amount = amount ?? r.amount
      r.provenance = provenance
      s.resources.append(r)
    case .charge(var c):
      c.amount = amount ?? c.amount
      c.provenance = provenance
      s.charges.append(c)
    case .debt(var d):
      d.monthlyPayment = amount ?? d.monthlyPayment
      if let due { d.remainingDue = due }
      d.provenance = provenance
      s.debts.append(d)
    case .rent(let m): s.housing.rent = amount ?? m
    case .housingAid(let m): s.housing.housingBenefit = amount ?? m
    case .account(var a):
      a.balance = amount ?? a.balance
      s.bankAccounts.append(a)
    case .incidents(var m):
      m.fees = amount ?? m.fees
      s.bankIncidents.removeAll { $0.month == m.month && $0.account == m.account }
      s.bankIncidents.append(m)
    }
  }
}

extension StatementProposal.Item {
  /// A balance may be negative (overdrawn); nothing else may.
  var allowsNegative: Bool {
    if case .account = kind { return true }
    return false
  }
}
