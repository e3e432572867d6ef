import Yams

/// Reads a YAML document node by node, collecting every problem with its position and field
/// path instead of stopping at the first one.
final class YAMLReader {
  let file: String
  private(set) var diagnostics: [Diagnostic] = []

  init(file: String) { self.file = file }

  /// The root node of `text`, or nil with a diagnostic when the YAML itself is malformed.
  func root(of text: String) -> YNode? {
    do {
      guard let node = try Yams.compose(yaml: text) else {
        report(line: 1, column: 1, path: "", "le fichier est vide")
        return nil
      }
      return YNode(node: node, path: "", reader: self)
    } catch let error as YamlError {
      report(yamlError: error)
      return nil
    } catch {
      report(line: 1, column: 1, path: "", "YAML illisible : \(error)")
      return nil
    }
  }

  func report(line: Int, column: Int, path: String, _ message: String) {
    diagnostics.append(Diagnostic(file: file, line: line, column: column, path: path, message: message))
  }

  private func report(yamlError error: YamlError) {
    switch error {
    case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      let why = [context?.text, problem].compactMap { $0 }.joined(separator: " ")
      report(line: mark.line, column: mark.column, path: "", "YAML mal formé : \(why)")
    case .duplicatedKeysInMapping(let duplicates, let context):
      report(
        line: context.mark.line, column: context.mark.column, path: "",
        "clé en double : \(duplicates.joined(separator: ", "))")
    default:
      report(line: 1, column: 1, path: "", "YAML mal formé : \(error)")
    }
  }
}

/// A node with its field path.
struct YNode {
  let node: Node
  let path: String
  let reader: YAMLReader

  var line: Int { node.mark?.line ?? 1 }
  var column: Int { node.mark?.column ?? 1 }

  func error(_ message: String) {
    reader.report(line: line, column: column, path: path, message)
  }

  func child(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

  /// The scalar text, or nil for null / `~` / empty.
  var text: String? {
    guard case .scalar(let s) = node else { return nil }
    if s.style == .plain && (s.string.isEmpty || s.string == "~" || s.string.lowercased() == "null") { return nil }
    return s.string
  }

  var isNull: Bool {
    if case .scalar = node { return text == nil }
    return false
  }

  /// A mapping whose keys must be among `keys`; an unknown key is reported with the closest
  /// valid one.
  func mapping(keys: [String]) -> YMapping? {
    guard case .mapping(let m) = node else {
      error("une section (clé: valeur) est attendue ici, \(describe()) trouvé")
      return nil
    }
    var entries: [String: YNode] = [:]
    for (k, v) in m {
      let name = k.string ?? ""
      let keyNode = YNode(node: k, path: child(name), reader: reader)
      if !keys.contains(name) {
        var message = "clé inconnue « \(name) »"
        if name.first?.isNumber == true {
          message += " ; entre accolades { … }, la virgule sépare les champs : mettez un nombre à virgule entre guillemets (\"20,9\")"
        } else if let s = closest(to: name, in: keys) {
          message += " ; vouliez-vous dire « \(s) » ?"
        } else {
          message += " ; clés possibles : \(keys.joined(separator: ", "))"
        }
        keyNode.error(message)
        continue
      }
      if entries[name] != nil { keyNode.error("clé « \(name) » en double") }
      entries[name] = YNode(node: v, path: child(name), reader: reader)
    }
    return YMapping(owner: self, entries: entries)
  }

  /// A mapping with free keys (parameter names, expected figures), in file order.
  func pairs() -> [(key: String, keyNode: YNode, value: YNode)]? {
    guard case .mapping(let m) = node else {
      error("une section (clé: valeur) est attendue ici, \(describe()) trouvé")
      return nil
    }
    return m.map { k, v in
      let name = k.string ?? ""
      return (name, YNode(node: k, path: child(name), reader: reader), YNode(node: v, path: child(name), reader: reader))
    }
  }

  /// The items of a list (an absent value gives an empty list).
  func sequence() -> [YNode]? {
    if isNull { return [] }
    guard case .sequence(let s) = node else {
      error("une liste (lignes commençant par « - ») est attendue ici, \(describe()) trouvé")
      return nil
    }
    return s.enumerated().map { i, n in YNode(node: n, path: "\(path)[\(i + 1)]", reader: reader) }
  }

  func describe() -> String {
    switch node {
    case .scalar(let s): s.string.isEmpty ? "une valeur vide" : "la valeur « \(s.string) »"
    case .mapping: "une section"
    case .sequence: "une liste"
    case .alias: "un alias"
    }
  }

  func string() -> String? {
    guard case .scalar = node else {
      error("un texte est attendu, \(describe()) trouvé")
      return nil
    }
    return text
  }

  func requiredString() -> String? {
    guard let s = string(), !s.trimmingSpaces.isEmpty else {
      if case .scalar = node { error("valeur obligatoire manquante") }
      return nil
    }
    return s
  }

  /// An amount in euros, French or plain (`1 234,56`, `1234.56`, `1 234,56 €`), whole cents.
  func money(allowNegative: Bool = false) -> Money? {
    guard let s = requiredString() else { return nil }
    do {
      let parsed = try FrenchNumber.parse(s)
      if parsed.unit == .percent {
        error("un montant en euros est attendu, pas un pourcentage (« \(s) »)")
        return nil
      }
      let m = Money(parsed.value)
      if !allowNegative && m.isNegative {
        error("le montant ne peut pas être négatif (« \(s) »)")
        return nil
      }
      guard m.exactCents != nil else {
        error("le montant doit tenir en centimes entiers (« \(s) »)")
        return nil
      }
      return m
    } catch {
      self.error(error.description)
      return nil
    }
  }

  /// A number as written (`3,5` → 3.5); a percent sign divides by 100.
  func number(allowNegative: Bool = true) -> Rational? {
    guard let s = requiredString() else { return nil }
    if let r = Rational(s), s.contains("/") { return r }
    do {
      let v = try FrenchNumber.parse(s).scaledValue
      if !allowNegative && v.isNegative {
        error("la valeur ne peut pas être négative (« \(s) »)")
        return nil
      }
      return v
    } catch {
      self.error(error.description)
      return nil
    }
  }

  /// A rate typed in percent (`3,5` or `3,5 %`), returned as a fraction (0.035).
  func percent() -> Rational? {
    guard let s = requiredString() else { return nil }
    do {
      let parsed = try FrenchNumber.parse(s)
      if parsed.unit == .euro {
        error("un taux en % est attendu, pas un montant (« \(s) »)")
        return nil
      }
      return parsed.value / Rational(100)
    } catch {
      self.error(error.description)
      return nil
    }
  }

  func integer(in range: ClosedRange<Int>) -> Int? {
    guard let s = requiredString() else { return nil }
    guard let n = Int(s.trimmingSpaces) else {
      error("un nombre entier est attendu (« \(s) »)")
      return nil
    }
    guard range.contains(n) else {
      error("\(n) est hors des limites (\(range.lowerBound) à \(range.upperBound))")
      return nil
    }
    return n
  }

  func bool() -> Bool? {
    guard let s = requiredString() else { return nil }
    switch normalizedChoice(s) {
    case "oui", "true", "vrai", "yes": return true
    case "non", "false", "faux", "no": return false
    default:
      error("oui ou non est attendu (« \(s) »)")
      return nil
    }
  }

  /// A date `AAAA-MM-JJ` or `JJ/MM/AAAA` that exists in the calendar.
  func date() -> CivilDate? {
    guard let s = requiredString() else { return nil }
    guard let d = CivilDate(s) else {
      error("date invalide ou impossible « \(s) » (attendu AAAA-MM-JJ ou JJ/MM/AAAA)")
      return nil
    }
    return d
  }

  /// One of a closed list, matched without case or accents; the error suggests the closest.
  func choice<T: RawRepresentable & CaseIterable>(_ type: T.Type, aliases: [String: T] = [:]) -> T?
  where T.RawValue == String {
    guard let s = requiredString() else { return nil }
    let key = normalizedChoice(s)
    if let v = T(rawValue: key) ?? aliases[key] { return v }
    let allowed = T.allCases.map(\.rawValue)
    var message = "« \(s) » n'est pas une valeur possible"
    if let c = closest(to: key, in: allowed + aliases.keys.sorted()) { message += " ; vouliez-vous dire « \(c) » ?" }
    message += " (valeurs possibles : \(allowed.joined(separator: ", ")))"
    error(message)
    return nil
  }
}

/// A mapping whose keys have been checked.
struct YMapping {
  let owner: YNode
  let entries: [String: YNode]

  /// The value of `key`, or nil when absent or null.
  subscript(_ key: String) -> YNode? {
    guard let n = entries[key], !n.isNull else { return nil }
    return n
  }

  func has(_ key: String) -> Bool { self[key] != nil }

  /// The value of `key`; reports it missing.
  func required(_ key: String) -> YNode? {
    if let n = self[key] { return n }
    owner.reader.report(
      line: owner.line, column: owner.column, path: owner.child(key), "champ obligatoire « \(key) » manquant")
    return nil
  }
}
