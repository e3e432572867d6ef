/// A mapping whose keys have been checked.
package struct YMapping {
  let owner: YNode
  let entries: [String: YNode]

  /// The value of `key`, or nil when absent or null.
  package subscript(_ key: String) -> YNode? {
    guard let n = entries[key], !n.isNull else { return nil }
    return n
  }

  package func has(_ key: String) -> Bool { self[key] != nil }

  /// The value of `key`; reports it missing.
  package func required(_ key: String) -> YNode? {
    if let n = self[key] { return n }
    owner.reader.report(
      line: owner.line, column: owner.column, path: owner.child(key), "champ obligatoire « \(key) » manquant")
    return nil
  }
}

/// What a parse read: each section with the keys it accepts, and each field with the kind of
/// value expected and the value of the file read. `docs/format-scenario.md` is generated from a
/// recorded parse of `docs/format-scenario-exemple.yaml` (see ``ScenarioReference``).
package final class FieldRecorder {
  package struct Field: Sendable {
    package let kind: String
    package let example: String?
  }

  /// Section paths in the order met, with their keys.
  package private(set) var sections: [(path: String, keys: [String])] = []
  /// Field paths in the order met.
  package private(set) var order: [String] = []
  package private(set) var fields: [String: Field] = [:]

  package init() {}

  /// `ressources[2].montant` → `ressources[].montant`; a year key → `<année>`.
  package static func normalize(_ path: String) -> String {
    var out = ""
    var inIndex = false
    for c in path {
      if c == "[" {
        inIndex = true
        out += "[]"
        continue
      }
      if c == "]" {
        inIndex = false
        continue
      }
      if !inIndex { out.append(c) }
    }
    return out.split(separator: ".", omittingEmptySubsequences: false)
      .map { $0.count == 4 && $0.allSatisfy(\.isNumber) ? "<année>" : String($0) }.joined(separator: ".")
  }

  func section(path: String, keys: [String]) {
    let p = Self.normalize(path)
    if !sections.contains(where: { $0.path == p }) { sections.append((p, keys)) }
  }

  func field(path: String, kind: String, example: String?) {
    let p = Self.normalize(path)
    if fields[p] == nil {
      fields[p] = Field(kind: kind, example: example)
      order.append(p)
    }
  }
}
