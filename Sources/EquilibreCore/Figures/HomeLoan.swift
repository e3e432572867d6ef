/// The loan of the main residence of a household that owns it (docs/regles.md, « Prêt de la
/// résidence principale »). One loan, counted once everywhere:
/// - the filing lists it as a debt of rubrique 7 (outstanding, arrears, instalment), never as a
///   charge of rubriques 5 and 6; the letter's charges leave it out, like every debt;
/// - the household budget counts its instalment once, as a housing cost;
/// - the capacity reserves its instalment in the budget vie courante as a housing expense
///   (L731-2: « dépenses de logement »), because the household keeps its home and goes on paying it;
/// - the plan takes its arrears only (or nothing: ``HomeLoanTreatment``) and never erases it.
public struct HomeLoan: Sendable, Equatable {
  /// The loan's row in `scenario.debts`, when it is listed as a debt.
  public let debtIndex: Int?
  /// Its monthly instalment: the debt's, or `logement.pret_immobilier.mensualite` when the debt
  /// does not give one.
  public let instalment: Money
  public let arrears: Money
  public let outstanding: Money?
  public let creditor: String?
}

/// What the plan does with the loan of the main residence.
public enum HomeLoanTreatment: String, CaseIterable, Sendable {
  /// Its arrears go into the plan; its instalments go on outside the plan (default: the usual
  /// practice when the household keeps its home).
  case arrieres
  /// The loan stays wholly out of the plan, arrears included (settled with the lender).
  case horsPlan = "hors-plan"

  public var french: String {
    switch self {
    case .arrieres: "les impayés du prêt de la résidence principale entrent dans le plan ; ses mensualités continuent hors plan"
    case .horsPlan: "le prêt de la résidence principale reste hors du plan, impayés compris"
    }
  }
}

extension Scenario {
  /// The loan of the main residence, for an owner (accédant, or owner listing a home loan).
  public var homeLoan: HomeLoan? {
    guard let status = housing.status, status == .proprietaireAccedant || status == .proprietaire else { return nil }
    let index = debts.firstIndex { $0.nature == .creditImmobilier }
    if let i = index {
      let d = debts[i]
      let instalment = d.monthlyPayment.isZero ? housing.mortgagePayment : d.monthlyPayment
      return HomeLoan(debtIndex: i, instalment: instalment, arrears: d.arrears, outstanding: d.remainingDue, creditor: d.creditor)
    }
    guard !housing.mortgagePayment.isZero else { return nil }
    return HomeLoan(
      debtIndex: nil, instalment: housing.mortgagePayment, arrears: .zero, outstanding: housing.mortgageOutstanding, creditor: nil)
  }

  /// The debts a plan treats under `treatment`: the home loan reduced to its arrears, or left out.
  public func debtsForPlan(_ treatment: HomeLoanTreatment) -> [Debt] {
    guard let loan = homeLoan, let i = loan.debtIndex else { return debts }
    var out = debts
    switch treatment {
    case .horsPlan:
      out.remove(at: i)
    case .arrieres:
      if loan.arrears.isZero {
        out.remove(at: i)
      } else {
        out[i].remainingDue = loan.arrears
        out[i].monthlyPayment = .zero
      }
    }
    return out
  }
}
