/// The budget vie courante of a commission (L731-2, R731-2, R731-3): the household's current
/// expenses, either at their real amount or, with a commission's forfait file, real for a few
/// items (rent, taxes, childcare, health insurance, alimony paid by default) and forfaits by
/// household size for the rest (base, habitation, chauffage).
public struct BudgetVieCourante: Sendable {
  public enum Method: String, Sendable {
    case reel = "réel"
    case forfait = "forfaitaire"
  }

  public let method: Method
  public let lines: [BudgetLine]
  public let total: Money
  public let notes: [String]
  public let uses: [ParameterUse]

  /// Declared charges kept at their real amount when the forfait file does not list them.
  public static let defaultRealItems = ["loyer", "impots", "garde", "mutuelle", "pension-alimentaire-versee"]

  public init(scenario s: Scenario, forfaits: ParameterSet?, on date: CivilDate) throws(ParameterError) {
    var lines: [BudgetLine] = []
    var notes: [String] = []
    var uses: [ParameterUse] = []
    // The home loan's instalment goes on outside the plan: a housing expense (L731-2, HomeLoan).
    let homeLoan = s.homeLoan.flatMap { $0.instalment.isZero ? nil : $0 }
    let homeLoanLine = homeLoan.map {
      BudgetLine(label: "mensualité du prêt de la résidence principale (hors plan)", monthly: $0.instalment)
    }
    let homeLoanNote = "le prêt de la résidence principale continue hors plan : sa mensualité est une dépense de logement (L731-2)"
    guard let f = forfaits else {
      method = .reel
      for (label, m) in [("loyer", s.housing.rent), ("charges locatives", s.housing.charges)] where !m.isZero {
        lines.append(BudgetLine(label: label, monthly: m))
      }
      if let l = homeLoanLine { lines.append(l) }
      for type in ChargeType.allCases {
        let m = s.charges.filter { $0.type == type }.map(\.monthly).sum()
        if !m.isZero { lines.append(BudgetLine(label: type.french, monthly: m)) }
      }
      notes.append(
        "aucun barème de forfaits de la commission : toutes les charges déclarées sont retenues pour leur montant réel")
      notes.append("les mensualités de crédits et de dettes ne sont pas des charges courantes : le plan les traite")
      if homeLoanLine != nil { notes.append(homeLoanNote) }
      self.lines = lines
      total = lines.map(\.monthly).sum()
      self.notes = notes
      self.uses = uses
      return
    }
    method = .forfait
    let real: [String]
    if let (list, u) = try? f.texts("forfait.charges_reelles", on: date) {
      real = list.map(normalizedChoice)
      uses.append(u)
    } else {
      real = Self.defaultRealItems
    }
    if real.contains("loyer") && !s.housing.rent.isZero { lines.append(BudgetLine(label: "loyer (réel)", monthly: s.housing.rent)) }
    if real.contains("charges-locatives") && !s.housing.charges.isZero {
      lines.append(BudgetLine(label: "charges locatives (réel)", monthly: s.housing.charges))
    }
    if let l = homeLoanLine {
      lines.append(BudgetLine(label: l.label + " (réel)", monthly: l.monthly))
      notes.append(homeLoanNote)
    }
    for type in ChargeType.allCases where real.contains(type.rawValue) {
      let m = s.charges.filter { $0.type == type }.map(\.monthly).sum()
      if !m.isZero { lines.append(BudgetLine(label: "\(type.french) (réel)", monthly: m)) }
    }
    let n = max(1, s.members.count)
    var kinds = [("base", "forfait de base (alimentation, hygiène, habillement…)")]
    if !(s.housing.status?.isHostedFree ?? false) {
      kinds += [("habitation", "forfait habitation"), ("chauffage", "forfait chauffage")]
    } else {
      notes.append("ménage hébergé gratuitement ou sans logement : pas de forfait habitation ni chauffage")
    }
    for (key, label) in kinds {
      let (first, u1) = try f.number("forfait.\(key).premiere_personne", on: date)
      let (more, u2) = try f.number("forfait.\(key).par_personne_supplementaire", on: date)
      let amount = Money(first + more * Rational(n - 1))
      lines.append(BudgetLine(label: "\(label), \(n) personne\(n > 1 ? "s" : "")", monthly: amount))
      uses += [u1, u2]
    }
    if let (name, u) = try? f.text("forfait.commission", on: date) {
      notes.append("barème de la commission : \(name)")
      uses.append(u)
    }
    self.lines = lines
    total = lines.map(\.monthly).sum()
    self.notes = notes
    self.uses = uses
  }
}
