import EquilibreCore

/// Who an aid request is made to.
public enum AidOrganisation: String, CaseIterable, Sendable, Codable {
  case fsl
  case actionLogement = "action-logement"
  case caf
  case ccas
  case banqueDeFrance = "banque-de-france"
  case fondsEnergie = "fonds-energie"
  case caisseRetraite = "caisse-retraite"
  case association = "association-caritative"
  case autre

  public var french: String {
    switch self {
    case .fsl: "FSL (fonds de solidarité logement)"
    case .actionLogement: "Action Logement"
    case .caf: "CAF"
    case .ccas: "CCAS"
    case .banqueDeFrance: "Banque de France"
    case .fondsEnergie: "fonds énergie (chèque énergie, fournisseur)"
    case .caisseRetraite: "caisse de retraite"
    case .association: "association caritative"
    case .autre: "autre organisme"
    }
  }

  /// The short name used in lists and reports.
  public var short: String {
    switch self {
    case .fsl: "FSL"
    case .actionLogement: "Action Logement"
    case .caf: "CAF"
    case .ccas: "CCAS"
    case .banqueDeFrance: "Banque de France"
    case .fondsEnergie: "fonds énergie"
    case .caisseRetraite: "caisse de retraite"
    case .association: "association"
    case .autre: "autre"
    }
  }
}

/// What is asked.
public enum AidKind: String, CaseIterable, Sendable, Codable {
  case subvention
  case pret
  case garantie
  case depotGarantie = "depot-de-garantie"
  case impayes = "prise-en-charge-impayes"
  case secours
  case dossierSurendettement = "dossier-surendettement"
  case autre

  public var french: String {
    switch self {
    case .subvention: "subvention"
    case .pret: "prêt"
    case .garantie: "garantie de loyer"
    case .depotGarantie: "dépôt de garantie"
    case .impayes: "prise en charge d'impayés"
    case .secours: "secours ponctuel"
    case .dossierSurendettement: "dossier de surendettement"
    case .autre: "autre aide"
    }
  }
}

/// The answer to a request.
public enum AidDecision: String, CaseIterable, Sendable, Codable {
  case accorde
  case partiel = "partiellement-accorde"
  case refuse
  case ajourne
  case sansSuite = "sans-suite"

  public var french: String {
    switch self {
    case .accorde: "accordé"
    case .partiel: "partiellement accordé"
    case .refuse: "refusé"
    case .ajourne: "ajourné"
    case .sansSuite: "sans suite"
    }
  }

  /// Whether an amount was granted.
  public var grants: Bool { self == .accorde || self == .partiel }
}

/// An aid request made for the household: to whom, what, how much, and its answer. A granted
/// loan carries its repayment, which the household's budget must then bear.
public struct AidRequest: Sendable, Codable, Equatable {
  /// How a granted loan is repaid.
  public struct Repayment: Sendable, Codable, Equatable {
    /// Monthly instalment, in cents.
    public var monthlyCents: Int
    public var months: Int
    /// First instalment (nil when not known yet).
    public var firstOn: CivilDate?

    public init(monthlyCents: Int, months: Int, firstOn: CivilDate? = nil) {
      self.monthlyCents = monthlyCents
      self.months = months
      self.firstOn = firstOn
    }
  }

  /// `A1`, `A2`… within the case.
  public var id: String
  public var organisation: AidOrganisation
  public var kind: AidKind
  /// Amount asked, in cents (nil: no amount, e.g. a guarantee).
  public var askedCents: Int?
  public var filedOn: CivilDate
  public var decision: AidDecision?
  public var decidedOn: CivilDate?
  /// Amount granted, in cents.
  public var grantedCents: Int?
  public var repayment: Repayment?
  public var note: String?
  /// The request this one files again (after a refusal or a postponement).
  public var previous: String?

  public init(
    id: String, organisation: AidOrganisation, kind: AidKind, askedCents: Int?, filedOn: CivilDate, decision: AidDecision? = nil,
    decidedOn: CivilDate? = nil, grantedCents: Int? = nil, repayment: Repayment? = nil, note: String? = nil, previous: String? = nil
  ) {
    self.id = id
    self.organisation = organisation
    self.kind = kind
    self.askedCents = askedCents
    self.filedOn = filedOn
    self.decision = decision
    self.decidedOn = decidedOn
    self.grantedCents = grantedCents
    self.repayment = repayment
    self.note = note
    self.previous = previous
  }

  public var isPending: Bool { decision == nil }

  /// « A2 FSL, prise en charge d'impayés : 850,00 € demandés le 3 juin 2026 ; accordé le 1er juillet 2026 (850,00 €) »
  public var french: String {
    var s = "\(id) \(organisation.short), \(kind.french)"
    s += askedCents.map { " : \(Money(cents: $0).french) demandés" } ?? " : demande"
    s += " le \(filedOn.french)"
    if let decision {
      s += " ; \(decision.french)" + (decidedOn.map { " le \($0.french)" } ?? "")
      if let g = grantedCents, decision.grants { s += " (\(Money(cents: g).french))" }
    } else {
      s += " ; en attente de décision"
    }
    if let r = repayment {
      s +=
        ", remboursement \(Money(cents: r.monthlyCents).french) par mois pendant \(r.months) mois"
        + (r.firstOn.map { " à partir du \($0.french)" } ?? "")
    }
    if let previous { s += " (nouvelle demande après \(previous))" }
    return s
  }

  /// A French amount typed in a form or an option (`850`, `850,00 €`) as cents: whole cents,
  /// zero or more, within the store's bounds; the error names `field`.
  public static func cents(_ text: String, _ field: String) throws(StoreError) -> Int {
    let money: Money
    do { money = try Money(french: text) } catch { throw .invalid("\(field) : \(error.description)") }
    guard let c = money.exactCents else { throw .invalid("\(field) : montant au centime près attendu (« \(text.excerpt) »)") }
    guard c >= 0 else { throw .invalid("\(field) : montant négatif refusé") }
    try Limits.requireCents(c, field)
    return c
  }
}

extension AidRequest {
  /// The what-if variant a granted aid makes on `scenario`: a loan's repayment becomes a monthly
  /// charge; any other aid settles `creditor`'s arrears (then what is owed) by the amount
  /// granted. The variant is named after the request (« Aide A2 : FSL, prêt accordé »).
  public func variant(in scenario: Scenario, creditor: String?) throws(StoreError) -> Variant {
    guard decision?.grants == true, let granted = grantedCents else {
      throw .invalid("demande \(id) : seule une aide accordée se simule")
    }
    let name = "Aide \(id) : \(organisation.short), \(kind.french) \(decision?.french ?? "")"
    if kind == .pret {
      guard let r = repayment else {
        throw .invalid("demande \(id) : indiquez le remboursement du prêt (mensualité et durée) avant de le simuler")
      }
      return Variant(
        name: name,
        changes: [
          .addCharge(
            Charge(type: .autre, amount: Money(cents: r.monthlyCents), label: "Remboursement du prêt \(organisation.short) (\(id))"))
        ])
    }
    guard let creditor, let d = scenario.debts.first(where: { $0.creditor == creditor }) else {
      throw .invalid(
        "demande \(id) : choisissez la dette que l'aide apure (\(scenario.debts.map(\.creditor).joined(separator: ", ")))")
    }
    let amount = Money(cents: granted)
    let arrears = d.arrears - amount
    let remaining = d.remainingDue - amount
    return Variant(
      name: name,
      changes: [
        .setDebt(
          creditor: d.creditor, payment: nil, remaining: remaining.isNegative ? .zero : remaining,
          arrears: arrears.isNegative ? .zero : arrears)
      ])
  }
}
