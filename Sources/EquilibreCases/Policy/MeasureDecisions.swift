import EquilibreCore

/// The policy's word on opening and renewing a measure, and a measure's durations against it,
/// in French: the same for `equilibre suivi mesure` and the workspace.
extension MeasurePolicy {
  /// Why opening `type` for `months` goes beyond the policy; nil when it does not.
  public func openingRefusal(_ type: MeasureType, months: Int) -> String? {
    guard let range = rule(type).initialMonths, !range.contains(months) else { return nil }
    let allowed = range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound) à \(range.upperBound)"
    return "la politique prévoit \(allowed) mois pour \(type.french)"
  }

  /// The initial duration the policy gives `type` (its longest), if it gives one.
  public func initialMonths(_ type: MeasureType) -> Int? { rule(type).initialMonths?.upperBound }

  /// « ASLL : 6 + 3 + 3 mois, jusqu'au 1er novembre 2027 ; 2 renouvellements sur 2, maximum atteint
  /// (24 mois au plus) » — a measure's durations and where it stands against the policy.
  public func summary(_ m: Measure) -> String {
    let r = rule(m.type)
    let months = ([m.plannedMonths] + m.renewals.map(\.months)).map(String.init).joined(separator: " + ")
    var text = "\(m.id) \(m.type.french) : \(months) mois"
    if let end = m.end {
      text += ", close le \(end.french)" + (m.endReason.map { " (\($0))" } ?? "")
      return text
    }
    text += ", jusqu'au \(m.plannedEnd.adding(days: -1).french)"
    if let days = m.suspendedDays, days > 0 { text += " (\(days) jour\(days > 1 ? "s" : "") de suspension)" }
    if let on = m.suspendedOn { text += ", suspendue depuis le \(on.french)" }
    var limits: [String] = []
    if let max = r.maximumRenewals {
      limits.append(
        "\(m.renewals.count) renouvellement\(m.renewals.count > 1 ? "s" : "") sur \(max)"
          + (m.renewals.count >= max ? ", maximum atteint" : ""))
    }
    if let max = r.maximumMonths {
      limits.append("\(m.grantedMonths) mois sur \(max) au plus" + (m.grantedMonths >= max ? ", maximum atteint" : ""))
    }
    if !limits.isEmpty { text += " ; " + limits.joined(separator: " ; ") }
    return text
  }
}
