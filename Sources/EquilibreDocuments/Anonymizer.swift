import EquilibreCore
import Foundation

/// Neutral labels for names, addresses, references and birth dates (`--anonyme`), applied when a
/// document is built; the engines always compute on the real scenario, so figures are unchanged.
struct Anonymizer {
  let on: Bool
  let members: [Member]
  let creditors: [String]

  func memberName(_ i: Int) -> String {
    guard on else {
      let m = members[i]
      return [m.name, m.familyName].compactMap { $0 }.joined(separator: " ").nonEmpty ?? m.role.french
    }
    return "Personne \(i + 1)"
  }

  func familyName(_ i: Int) -> String? { on ? "[nom]" : members[i].familyName }
  func firstName(_ i: Int) -> String? { on ? "Personne \(i + 1)" : members[i].name }
  func birth(_ d: CivilDate) -> String? { on ? nil : d.french }
  func address(_ a: String?) -> String? { on ? (a == nil ? nil : "[adresse]") : a }
  func contact(_ c: String?) -> String? { on ? (c == nil ? nil : "[anonymisé]") : c }
  func creditor(_ name: String) -> String {
    guard on, let i = creditors.firstIndex(of: name) else { return name }
    return "Créancier \(i + 1)"
  }
  func reference(_ r: String?) -> String? { on ? (r == nil ? nil : "[référence]") : r }

  /// Free text with the members' and creditors' names replaced.
  func text(_ t: String) -> String {
    guard on else { return t }
    var out = t
    for (i, m) in members.enumerated() {
      for n in [m.name, m.familyName].compactMap({ $0 }) where n.count > 1 {
        out = out.replacingAll(n, with: "Personne \(i + 1)")
      }
    }
    for (i, c) in creditors.enumerated() where c.count > 2 { out = out.replacingAll(c, with: "Créancier \(i + 1)") }
    return out
  }
}

extension String {
  var nonEmpty: String? { isEmpty ? nil : self }

  func replacingAll(_ target: String, with replacement: String) -> String {
    guard !target.isEmpty else { return self }
    var out = ""
    var rest = self[...]
    while let r = rest.range(of: target) {
      out += rest[..<r.lowerBound] + replacement
      rest = rest[r.upperBound...]
    }
    return out + rest
  }
}
