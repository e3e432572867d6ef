/// The aids Équilibre checks, by the key used in JSON and in `attendu:` (`aide_visale`).
public enum AidID: String, CaseIterable, Sendable {
  case asd
  case alPretRefinancement = "al_pret_refinancement"
  case alPretAcces = "al_pret_acces"
  case alSubventionAcces = "al_subvention_acces"
  case alPretCharges = "al_pret_charges"
  case alSubventionCharges = "al_subvention_charges"
  case alSubventionHebergement = "al_subvention_hebergement"
  case visale
  case locapass
  case mobiliJeune = "mobili_jeune"
  case fsl

  public var french: String {
    switch self {
    case .asd: "Action Logement — service d'accompagnement social (salariés en difficulté)"
    case .alPretRefinancement: "Action Logement — prêt de refinancement d'un prêt immobilier"
    case .alPretAcces: "Action Logement — prêt pour l'accès au logement locatif"
    case .alSubventionAcces: "Action Logement — subvention pour l'accès au logement locatif"
    case .alPretCharges: "Action Logement — prêt pour les charges liées au logement"
    case .alSubventionCharges: "Action Logement — subvention pour les charges liées au logement"
    case .alSubventionHebergement: "Action Logement — aide à l'hébergement"
    case .visale: "Visale (garantie de loyers)"
    case .locapass: "Avance Loca-Pass (dépôt de garantie)"
    case .mobiliJeune: "Aide Mobili-Jeune"
    case .fsl: "Fonds de solidarité pour le logement (FSL)"
    }
  }
}

extension AidID {
  /// Short name for tables.
  public var short: String {
    switch self {
    case .asd: "AL accompagnement social"
    case .alPretRefinancement: "AL prêt refinancement"
    case .alPretAcces: "AL prêt accès"
    case .alSubventionAcces: "AL subvention accès"
    case .alPretCharges: "AL prêt charges"
    case .alSubventionCharges: "AL subvention charges"
    case .alSubventionHebergement: "AL aide hébergement"
    case .visale: "Visale"
    case .locapass: "Avance Loca-Pass"
    case .mobiliJeune: "Mobili-Jeune"
    case .fsl: "FSL"
    }
  }
}

public enum AidStatus: String, Sendable {
  case eligible = "eligible"
  case nonEligible = "non_eligible"
  case aVerifier = "a_verifier"

  public var french: String {
    switch self {
    case .eligible: "éligible"
    case .nonEligible: "non éligible"
    case .aVerifier: "à vérifier"
    }
  }
}

/// The outcome of one aid's rules: status, reasons citing the rule, missing facts, amount.
public struct AidResult: Sendable {
  public let id: AidID
  public let status: AidStatus
  /// Each condition checked, in French, with its rule.
  public let reasons: [String]
  /// Facts the scenario must give before the aid can be decided.
  public let missing: [String]
  public let amount: Money?
  /// What the amount is: `montant mensuel`, `plafond`, `avance`…
  public let amountLabel: String?
  /// Other figures: ceilings, cover, conditions of the product.
  public let details: [String]
  public let schedule: Schedule?
  public let warnings: [String]
  public let parameters: [ParameterUse]
}

/// Accumulates the conditions of one aid, then gives its status: any failed condition makes it
/// non éligible; otherwise any unknown fact makes it à vérifier.
final class AidRules {
  let id: AidID
  private(set) var reasons: [String] = []
  private(set) var missing: [String] = []
  private(set) var failed = false
  var amount: Money?
  var amountLabel: String?
  var details: [String] = []
  var schedule: Schedule?
  var warnings: [String] = []
  private(set) var parameters: [ParameterUse] = []
  /// Uncertain values are covered by one warning of their own (a local policy of examples).
  var quietUnsure = false

  init(_ id: AidID) { self.id = id }

  func pass(_ reason: String) { reasons.append("✓ " + reason) }
  func fail(_ reason: String) {
    reasons.append("✗ " + reason)
    failed = true
  }
  func unknown(_ fact: String, _ reason: String? = nil) {
    missing.append(fact)
    if let r = reason { reasons.append("? " + r) }
  }
  func note(_ text: String) { details.append(text) }
  func use(_ u: ParameterUse) {
    parameters.append(u)
    for w in u.warnings where !(quietUnsure && u.unsure && !u.isPastReview) {
      let line = "\(u.description) : \(w)"
      if !warnings.contains(line) { warnings.append(line) }
    }
  }

  /// A parameter value, recorded for the explanation.
  func number(_ p: ParameterSet, _ key: String, _ date: CivilDate) throws(ParameterError) -> Rational {
    let (v, u) = try p.number(key, on: date)
    use(u)
    return v
  }

  /// A whole-number parameter (months, years), recorded for the explanation.
  func whole(_ p: ParameterSet, _ key: String, _ date: CivilDate) throws(ParameterError) -> Int {
    let (v, u) = try p.wholeNumber(key, on: date)
    use(u)
    return v
  }

  func numbers(_ p: ParameterSet, _ key: String, _ date: CivilDate) throws(ParameterError) -> [Rational] {
    let (v, u) = try p.numbers(key, on: date)
    use(u)
    return v
  }

  var result: AidResult {
    AidResult(
      id: id, status: failed ? .nonEligible : (missing.isEmpty ? .eligible : .aVerifier), reasons: reasons,
      missing: missing, amount: failed ? nil : amount, amountLabel: amountLabel, details: details,
      schedule: failed ? nil : schedule, warnings: warnings, parameters: parameters)
  }
}

extension Member {
  var isAdult: Bool { role == .demandeur || role == .conjoint }
}

extension Scenario {
  /// Adults of the household (the demandeur first).
  var adults: [(index: Int, member: Member)] {
    members.enumerated().filter { $0.element.isAdult }.sorted {
      ($0.element.role == .demandeur ? 0 : 1) < ($1.element.role == .demandeur ? 0 : 1)
    }
    .map { ($0.offset, $0.element) }
  }

  /// Monthly resources of one person (salary only when `salaryOnly`).
  func monthlyResources(of person: Int, salaryOnly: Bool = false) -> Money {
    resources.filter { $0.person == person && (!salaryOnly || $0.type == .salaire) }.map(\.monthly).sum()
  }

  /// Events declared, plus those the debts show (arrears of rent or of a mortgage).
  public var knownEvents: Set<LifeEvent> {
    var e = situation.events
    if debts.contains(where: { $0.nature == .loyer && !$0.arrears.isZero }) { e.insert(.impayesLoyer) }
    if debts.contains(where: { $0.nature == .creditImmobilier && !$0.arrears.isZero }) { e.insert(.impayesPret) }
    if situation.overIndebtednessFiling == true { e.insert(.surendettement) }
    return e
  }

  /// The département is in metropolitan France or a DROM: true, false, or nil when not given.
  var housedInFrance: Bool? {
    guard let d = departement?.trimmingSpaces.uppercased(), !d.isEmpty else { return nil }
    if d == "2A" || d == "2B" { return true }
    guard let n = Int(d) else { return false }
    return (1...95).contains(n) && n != 20 || (971...976).contains(n)
  }
}
