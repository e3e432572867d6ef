import EquilibreCore

/// What changed from one situation version to the next, as a counsellor reads it: « loyer :
/// 420,00 € → 450,00 € », « ressource salaire (Sophie) : 600,00 € → 1 200,00 € », « dette
/// Cofidis ajoutée ». The amounts are monthly, as the budget counts them. Any other part of
/// the file that changed is named by its section (« procédures modifiées »). Goes into the
/// audit line of the new version, so the audit reads as a history of the household.
public enum SituationDiff {
  /// The changes from `old` to `new`, in French, in the file's order; empty when nothing
  /// changed that a reader would see.
  public static func lines(from old: Scenario, to new: Scenario) -> [String] {
    var out: [String] = []
    func money(_ label: String, _ a: Money, _ b: Money) {
      if a != b { out.append("\(label) : \(cents(a)) → \(cents(b))") }
    }
    if old.date != new.date { out.append("date : \(old.date.french) → \(new.date.french)") }
    // Household: people by their label (first name, else role).
    let before = old.members.map(\.label)
    let after = new.members.map(\.label)
    for name in after where !before.contains(name) { out.append("personne ajoutée au foyer : \(name)") }
    for name in before where !after.contains(name) { out.append("personne partie du foyer : \(name)") }
    // Housing.
    if old.housing.status != new.housing.status {
      out.append("logement : \(old.housing.status?.french ?? "non renseigné") → \(new.housing.status?.french ?? "non renseigné")")
    }
    money("loyer", old.housing.rent, new.housing.rent)
    money("charges locatives", old.housing.charges, new.housing.charges)
    money("aide au logement", old.housing.housingBenefit, new.housing.housingBenefit)
    money("mensualité du prêt immobilier", old.housing.mortgagePayment, new.housing.mortgagePayment)
    // Resources and charges: monthly amounts, by kind and person.
    func resourceKey(_ s: Scenario, _ r: Resource) -> String {
      r.type.french + (r.person.map { " (\(s.members.indices.contains($0) ? s.members[$0].label : "?"))" } ?? "")
        + (r.label.map { " « \($0) »" } ?? "")
    }
    compare(
      "ressource", old.resources.map { (resourceKey(old, $0), $0.monthly) }, new.resources.map { (resourceKey(new, $0), $0.monthly) }, &out)
    compare(
      "charge", old.charges.map { ($0.type.french + ($0.label.map { " « \($0) »" } ?? ""), $0.monthly) },
      new.charges.map { ($0.type.french + ($0.label.map { " « \($0) »" } ?? ""), $0.monthly) }, &out)
    // Debts: by creditor and nature; what is owed and the instalment.
    func debtKey(_ d: Debt) -> String { "\(d.creditor) (\(d.nature.french))" }
    let oldDebts = Dictionary(old.debts.map { (debtKey($0), $0) }, uniquingKeysWith: { a, _ in a })
    let newDebts = Dictionary(new.debts.map { (debtKey($0), $0) }, uniquingKeysWith: { a, _ in a })
    for d in new.debts {
      let k = debtKey(d)
      guard let o = oldDebts[k] else {
        out.append("dette ajoutée : \(k), \(cents(d.remainingDue)) restant dû")
        continue
      }
      money("dette \(k), restant dû", o.remainingDue, d.remainingDue)
      money("dette \(k), impayés", o.arrears, d.arrears)
      money("dette \(k), mensualité", o.monthlyPayment, d.monthlyPayment)
    }
    for d in old.debts where newDebts[debtKey(d)] == nil { out.append("dette retirée : \(debtKey(d))") }
    // Every other section of the file, compared as the writer writes it.
    let covered: Set<String> = ["date", "menage", "logement", "ressources", "charges", "dettes", "variantes"]
    let a = sections(ScenarioWriter.yaml(old))
    let b = sections(ScenarioWriter.yaml(new))
    for key in (a.keys.sorted() + b.keys.sorted()).uniqued() where !covered.contains(key) && a[key] != b[key] {
      out.append("\(sectionNames[key] ?? key) : modifié")
    }
    // A person's details (birth date, activity) changed without the person changing.
    if before == after, a["menage"] != b["menage"] { out.append("composition ou activité du foyer : modifiée") }
    if a["logement"] != b["logement"],
      !out.contains(where: {
        $0.hasPrefix("logement") || $0.hasPrefix("loyer") || $0.hasPrefix("charges locatives") || $0.hasPrefix("aide au logement")
          || $0.hasPrefix("mensualité du prêt")
      })
    {
      out.append("logement (bailleur, adresse ou autres détails) : modifié")
    }
    return out
  }

  static func cents(_ m: Money) -> String { m.roundedToCents(.halfAwayFromZero).french }

  /// Lines keyed by label; several lines of the same label are summed.
  static func compare(_ noun: String, _ old: [(String, Money)], _ new: [(String, Money)], _ out: inout [String]) {
    func sums(_ xs: [(String, Money)]) -> [(String, Money)] {
      var order: [String] = []
      var total: [String: Money] = [:]
      for (k, v) in xs {
        if total[k] == nil { order.append(k) }
        total[k] = (total[k] ?? .zero) + v
      }
      return order.map { ($0, total[$0]!) }
    }
    let a = sums(old)
    let b = sums(new)
    let oldMap = Dictionary(a, uniquingKeysWith: { x, _ in x })
    let newMap = Dictionary(b, uniquingKeysWith: { x, _ in x })
    for (k, v) in b {
      if let o = oldMap[k] {
        if o != v { out.append("\(noun) \(k) : \(cents(o)) → \(cents(v)) par mois") }
      } else {
        out.append("\(noun) ajoutée : \(k), \(cents(v)) par mois")
      }
    }
    for (k, v) in a where newMap[k] == nil { out.append("\(noun) retirée : \(k) (\(cents(v)) par mois)") }
  }

  /// The file's top-level sections (`menage`, `procedures`…) and their text.
  static func sections(_ yaml: String) -> [String: String] {
    var out: [String: String] = [:]
    var current: String?
    for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
      if let first = line.first, first != " ", first != "#", first != "-", let colon = line.firstIndex(of: ":") {
        current = String(line[..<colon])
      }
      if let c = current { out[c, default: ""] += line + "\n" }
    }
    return out
  }

  static let sectionNames: [String: String] = [
    "description": "résumé", "departement": "département", "logement_social": "logement social", "offres": "offres de logement",
    "patrimoine": "patrimoine", "notes": "notes", "attendu": "chiffres attendus", "situation": "causes et événements",
    "procedures": "procédures", "depots_anterieurs": "dépôts antérieurs", "comptes": "comptes bancaires",
    "service_social": "service social", "accompagnement": "accompagnement", "contact": "coordonnées", "reglages": "réglages",
    "projet": "projet de logement", "situation_familiale": "situation familiale", "regime_matrimonial": "régime matrimonial",
  ]
}

extension Sequence where Element: Hashable {
  /// The elements in order, each once.
  func uniqued() -> [Element] {
    var seen = Set<Element>()
    return filter { seen.insert($0).inserted }
  }
}
