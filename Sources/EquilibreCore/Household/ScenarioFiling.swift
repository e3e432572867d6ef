// The facts of an over-indebtedness filing and of the accompaniment (Cerfa 13594*02 sections),
// and the calculation settings; the household itself is in Scenario.swift.

/// Debts that a plan may not erase or reduce (C. conso L711-4), unless the creditor agrees.
public enum ErasureExclusion: String, CaseIterable, Sendable {
  case alimentaire
  case reparationPenale = "reparation-penale"
  case fraudeSociale = "fraude-sociale"
  case fiscaleMajoree = "fiscale-majoree"
  case amendePenale = "amende-penale"
  case pretSurGage = "pret-sur-gage"

  public var french: String {
    switch self {
    case .alimentaire: "dette alimentaire (L711-4 1°)"
    case .reparationPenale: "réparation due à une victime après une condamnation pénale (L711-4 2°)"
    case .fraudeSociale: "dette née d'une fraude aux organismes sociaux (L711-4 3°)"
    case .fiscaleMajoree: "dette fiscale majorée non rémissible (L711-4 4°)"
    case .amendePenale: "amende pénale (toujours exclue)"
    case .pretSurGage: "prêt sur gage du crédit municipal"
    }
  }
}

/// Calculation choices a counsellor can make per scenario.
public struct Settings: Sendable {
  /// Which resources and charges the reste à vivre counts.
  public var resteAVivrePolicy: ResteAVivrePolicy
  /// Path of a commission's forfait file (budget vie courante), relative to the scenario.
  public var forfaitsFile: String?
  /// Dependants for the seizure scale, when the counsellor sets the number explicitly.
  public var seizureDependants: Int?
  /// Path of the agency's Action Logement policy file, relative to the scenario.
  public var actionLogementPolicyFile: String?
  /// Path of the département's FSL policy file, relative to the scenario.
  public var fslFile: String?
  /// Months of earlier plans, which count towards the maximum duration.
  public var earlierPlanMonths: Int = 0
  /// Which benefits the budget counts: the declared amounts (the default, what a filing keeps)
  /// or those the tool computes (`reglages.prestations`).
  public var benefitsMode: BenefitsMode = .declarees
  /// Gap between a declared and a computed benefit above which the budget says « droits à
  /// vérifier » (`reglages.tolerance_prestations`, 10 € by default).
  public var benefitsTolerance: Money = Money(euros: 10)

  public init(resteAVivrePolicy: ResteAVivrePolicy = .chargesFixes, forfaitsFile: String? = nil, seizureDependants: Int? = nil) {
    self.resteAVivrePolicy = resteAVivrePolicy
    self.forfaitsFile = forfaitsFile
    self.seizureDependants = seizureDependants
  }
}

/// The file a scenario was read from and the place of its fields (`dettes`, `reglages.forfaits`).
public struct ScenarioSource: Sendable {
  public var file: String?
  public var locations: [String: (line: Int, column: Int)] = [:]

  public init(file: String? = nil) { self.file = file }

  /// A located problem about `field`: at its line when the file has it, else at the top of the file.
  public func diagnostic(_ field: String, _ message: String) -> Diagnostic {
    let place = locations[field] ?? locations[String(field.split(separator: ".").first ?? "")] ?? (1, 1)
    return Diagnostic(file: file ?? "scénario", line: place.line, column: place.column, path: field, message: message)
  }
}

/// A figure the scenario expects, checked by `equilibre verifier`.
public struct ExpectedFigure: Sendable {
  public let key: String
  public let text: String
  public let line: Int
  public let column: Int
}

public struct Contact: Sendable {
  public var address: String?
  public var phone: String?
  public var email: String?
  public init() {}
}

public enum FamilyStatus: String, CaseIterable, Sendable {
  case celibataire, marie, pacse, concubinage, divorce, separe, veuf

  public var french: String {
    switch self {
    case .celibataire: "célibataire"
    case .marie: "marié(e)"
    case .pacse: "pacsé(e)"
    case .concubinage: "en concubinage"
    case .divorce: "divorcé(e)"
    case .separe: "séparé(e)"
    case .veuf: "veuf ou veuve"
    }
  }
}

/// A person or body named in the filing (a landlord): name and address.
public struct Party: Sendable, Equatable {
  public var name: String?
  public var address: String?

  public init(name: String? = nil, address: String? = nil) {
    self.name = name
    self.address = address
  }
}

public enum MatrimonialRegime: String, CaseIterable, Sendable {
  case communauteLegale = "communaute-legale", separationDeBiens = "separation-de-biens"
  case participationAuxAcquets = "participation-aux-acquets", communauteUniverselle = "communaute-universelle"
  case autre

  public var french: String {
    switch self {
    case .communauteLegale: "communauté réduite aux acquêts (régime légal)"
    case .separationDeBiens: "séparation de biens"
    case .participationAuxAcquets: "participation aux acquêts"
    case .communauteUniverselle: "communauté universelle"
    case .autre: "autre régime"
    }
  }
}

/// A bank or savings account and its balance (negative: overdrawn).
public struct BankAccount: Sendable {
  public enum Kind: String, CaseIterable, Sendable {
    case courant, epargne, livret, autre

    public var french: String {
      switch self {
      case .courant: "compte courant"
      case .epargne: "épargne"
      case .livret: "livret"
      case .autre: "autre compte"
      }
    }
  }

  public var bank: String
  public var kind: Kind
  public var balance: Money
  /// Date of the balance.
  public var date: CivilDate?

  public init(bank: String, kind: Kind, balance: Money, date: CivilDate? = nil) {
    self.bank = bank
    self.kind = kind
    self.balance = balance
    self.date = date
  }
}

/// A list of the filing that can be declared empty on purpose, by its YAML key.
public enum DeclaredList: String, CaseIterable, Sendable {
  case patrimoine, comptes, depotsAnterieurs = "depots_anterieurs", procedures
}

/// An earlier over-indebtedness filing and how it ended.
public struct PreviousFiling: Sendable {
  public var date: CivilDate
  public var outcome: String?

  public init(date: CivilDate, outcome: String? = nil) {
    self.date = date
    self.outcome = outcome
  }
}

public struct Procedure: Sendable {
  public enum Kind: String, CaseIterable, Sendable {
    case saisieSalaire = "saisie-salaire", saisieCompte = "saisie-compte", expulsion, saisieImmobiliere = "saisie-immobiliere"
    /// A wage assignment agreed to by the debtor (cession des rémunérations, R721).
    case cessionRemuneration = "cession-remuneration"
    case autre

    public var french: String {
      switch self {
      case .saisieSalaire: "saisie sur salaire"
      case .saisieCompte: "saisie sur compte bancaire"
      case .expulsion: "procédure d'expulsion"
      case .saisieImmobiliere: "saisie immobilière"
      case .cessionRemuneration: "cession des rémunérations consentie"
      case .autre: "autre procédure"
      }
    }
  }

  public var kind: Kind
  public var description: String?
  public var date: CivilDate?
  public var creditor: String?
}

public struct SocialService: Sendable {
  public var organisation: String?
  public var referent: String?
  public var phone: String?
  public var email: String?
}

public struct Accompaniment: Sendable {
  public var start: CivilDate?
  public var months: Int?
  public var objectives: [String] = []
  public var householdCommitments: [String] = []
  public var counsellorCommitments: [String] = []
}

/// One month of incidents on a bank account, as counted on the statements the counsellor accepted
/// (`incidents_bancaires:`): the filing's account of the causes shows them month by month.
public struct BankIncidentMonth: Sendable, Equatable {
  /// The month, as its first day.
  public var month: CivilDate
  /// The account they were seen on (`comptes[].banque`).
  public var account: String?
  /// Payments the bank rejected.
  public var rejections: Int?
  /// Fees charged for incidents (commissions d'intervention, frais de rejet, lettres…).
  public var fees: Money
  /// Overdraft interest (agios).
  public var overdraftInterest: Money
  /// Days the account ended below zero; nil when the statement gives no balance.
  public var daysOverdrawn: Int?
  /// Paid to gambling operators.
  public var gambling: Money

  public init(
    month: CivilDate, account: String? = nil, rejections: Int? = nil, fees: Money = .zero, overdraftInterest: Money = .zero,
    daysOverdrawn: Int? = nil, gambling: Money = .zero
  ) {
    self.month = month
    self.account = account
    self.rejections = rejections
    self.fees = fees
    self.overdraftInterest = overdraftInterest
    self.daysOverdrawn = daysOverdrawn
    self.gambling = gambling
  }
}

extension BankIncidentMonth {
  /// The months added up: rejections, fees, interest and gambling over the whole period; days
  /// overdrawn only when every month gives them.
  public static func total(
    _ months: [BankIncidentMonth]
  ) -> (
    rejections: Int, fees: Money, overdraftInterest: Money, daysOverdrawn: Int?, gambling: Money
  ) {
    var r = 0
    var fees = Money.zero
    var interest = Money.zero
    var gambling = Money.zero
    var days: Int? = months.isEmpty ? nil : 0
    for m in months {
      r += m.rejections ?? 0
      fees = fees + m.fees
      interest = interest + m.overdraftInterest
      gambling = gambling + m.gambling
      days = days.flatMap { d in m.daysOverdrawn.map { d + $0 } }
    }
    return (r, fees, interest, days, gambling)
  }
}
