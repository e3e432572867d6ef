import EquilibreCore
import Foundation

/// The durations, renewal limits and visit rhythm of each measure type: data, shipped in
/// `mesures.yaml` with a source for each, and replaceable by an agency's own file.
public struct MeasurePolicy: Sendable {
  public struct Rule: Sendable, Equatable {
    public var initialMonths: ClosedRange<Int>?
    public var maximumMonths: Int?
    public var maximumRenewals: Int?
    public var renewalMonths: Int?
    public var agreedBy: String?
    /// A home visit is expected at least every this many days.
    public var homeVisitDays: Int?
    /// Who funds the measure (the year's report groups by it); nil when the policy does not say.
    public var funder: String?
    public var source: String
  }

  public let rules: [MeasureType: Rule]
  /// Years a closed case keeps its personal data before it is archived (`conservation`), and
  /// where that figure comes from.
  public var retentionYears: Int = 2
  public var retentionSource: String = "réglage par défaut"
  /// The file it was read from (`mesures.yaml` for the shipped one).
  public let file: String

  /// Who funds `type`, or « financeur non renseigné ».
  public func funder(_ type: MeasureType) -> String { rule(type).funder ?? "financeur non renseigné" }

  public func rule(_ type: MeasureType) -> Rule {
    rules[type] ?? Rule(source: "aucune règle pour ce type de mesure")
  }

  /// The policy shipped with the program.
  public static let shipped: MeasurePolicy = {
    // The shipped file is tested; a failure here is a build defect.
    try! parse(String(decoding: PackageResources.mesures_yaml, as: UTF8.self), file: "mesures.yaml")
  }()

  /// A policy file, with every problem located (file, line, field) in French.
  public static func parse(_ text: String, file: String) throws(Diagnostics) -> MeasurePolicy {
    let reader = YAMLReader(file: file)
    guard let root = reader.root(of: text), let pairs = root.pairs() else { throw Diagnostics(reader.diagnostics) }
    var rules: [MeasureType: Rule] = [:]
    var retention: (Int, String)?
    for (key, keyNode, value) in pairs {
      if key == "conservation" {
        if let m = value.mapping(keys: ["apres_cloture_ans", "source"]), let years = m.required("apres_cloture_ans")?.integer(in: 0...50) {
          retention = (years, m.required("source")?.requiredString() ?? "")
        }
        continue
      }
      guard let type = MeasureType(rawValue: key) else {
        keyNode.error(
          "type de mesure inconnu ; types possibles : \(MeasureType.allCases.map(\.rawValue).joined(separator: ", ")), ou « conservation »")
        continue
      }
      guard
        let m = value.mapping(keys: [
          "duree_initiale_mois", "duree_maximale_mois", "renouvellements_max", "renouvellement_duree_mois", "accord_renouvellement",
          "visite_domicile_jours", "financeur", "source",
        ])
      else { continue }
      var rule = Rule(source: "")
      if let d = m["duree_initiale_mois"], let r = d.mapping(keys: ["min", "max"]) {
        if let lo = r.required("min")?.integer(in: 1...120), let hi = r.required("max")?.integer(in: 1...120) {
          if lo <= hi { rule.initialMonths = lo...hi } else { d.error("« min » dépasse « max »") }
        }
      }
      rule.maximumMonths = m["duree_maximale_mois"]?.integer(in: 1...240)
      rule.maximumRenewals = m["renouvellements_max"]?.integer(in: 0...50)
      rule.renewalMonths = m["renouvellement_duree_mois"]?.integer(in: 1...120)
      rule.agreedBy = m["accord_renouvellement"]?.string()
      rule.homeVisitDays = m["visite_domicile_jours"]?.integer(in: 1...366)
      rule.funder = m["financeur"]?.string()
      rule.source = m.required("source")?.requiredString() ?? ""
      rules[type] = rule
    }
    if !reader.diagnostics.isEmpty { throw Diagnostics(reader.diagnostics) }
    var policy = MeasurePolicy(rules: rules, file: file)
    if let (years, source) = retention {
      policy.retentionYears = years
      policy.retentionSource = source
    }
    return policy
  }
}
