/// Reads a YAML document node by node, collecting every problem with its position and field
/// path instead of stopping at the first one.
package final class YAMLReader {
  package let file: String
  /// False for a file the user did not name (a policy named inside a scenario): its messages
  /// give the place and the reason, never the file's contents.
  let quotesValues: Bool
  package private(set) var diagnostics: [Diagnostic] = []
  /// When set, notes every field the parser reads (for the generated scenario reference).
  package var recorder: FieldRecorder?

  package init(file: String, quotesValues: Bool = true) {
    self.file = file
    self.quotesValues = quotesValues
  }

  /// The root node of `text`, or nil with a diagnostic when the YAML itself is malformed.
  package func root(of text: String) -> YNode? {
    do {
      guard let node = try YAMLDocument.parse(text) else {
        report(line: 1, column: 1, path: "", "le fichier est vide")
        return nil
      }
      return YNode(node: node, path: "", reader: self)
    } catch {
      report(line: error.line, column: error.column, path: "", error.message)
      return nil
    }
  }

  package func report(line: Int, column: Int, path: String, _ message: String) {
    diagnostics.append(Diagnostic(file: file, line: line, column: column, path: path, message: message))
  }

  /// `« value »` for a message, or a neutral word when the file's contents must not be shown.
  package func quote(_ value: String) -> String {
    quotesValues ? "« \(value.excerpt) »" : "(contenu non affiché)"
  }
}

/// A node with its field path.
package struct YNode {
  let node: YAMLNode
  package let path: String
  let reader: YAMLReader

  package var line: Int { node.line }
  package var column: Int { node.column }

  package func error(_ message: String) {
    reader.report(line: line, column: column, path: path, message)
  }

  package func child(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

  /// Notes what the parser expects here (only when a recorder is set).
  @inline(__always)
  func record(_ kind: @autoclosure () -> String) {
    if let r = reader.recorder { r.field(path: path, kind: kind(), example: text) }
  }

  /// The scalar text, or nil for null / `~` / empty.
  package var text: String? {
    guard case .scalar(let s, let plain) = node.kind else { return nil }
    if plain && (s.isEmpty || s == "~" || s == "null" || s == "Null" || s == "NULL") { return nil }
    return s
  }

  package var isNull: Bool {
    if case .scalar = node.kind { return text == nil }
    return false
  }

  package var isMapping: Bool {
    if case .mapping = node.kind { return true }
    return false
  }

  package var isSequence: Bool {
    if case .sequence = node.kind { return true }
    return false
  }

  /// A mapping whose keys must be among `keys`; an unknown key is reported with the closest
  /// valid one.
  package func mapping(keys: [String]) -> YMapping? {
    reader.recorder?.section(path: path, keys: keys)
    guard case .mapping(let m) = node.kind else {
      error("une section (clé: valeur) est attendue ici, pas \(describe())")
      return nil
    }
    var entries: [String: YNode] = [:]
    for (k, v) in m {
      let name = k.scalarText ?? ""
      let keyNode = YNode(node: k, path: child(name.excerpt), reader: reader)
      if !keys.contains(name) {
        var message = k.scalarText == nil ? "une clé doit être un simple mot" : "clé inconnue \(reader.quote(name))"
        if !reader.quotesValues {
          message += " ; clés possibles : \(keys.joined(separator: ", "))"
        } else if k.scalarText == nil {
          message += " ; clés possibles : \(keys.joined(separator: ", "))"
        } else if name.first?.isNumber == true {
          message += " ; entre accolades { … }, la virgule sépare les champs : mettez un nombre à virgule entre guillemets (\"20,9\")"
        } else if let s = closest(to: name, in: keys) {
          message += " ; vouliez-vous dire « \(s) » ?"
        } else {
          message += " ; clés possibles : \(keys.joined(separator: ", "))"
        }
        keyNode.error(message)
        continue
      }
      if entries[name] != nil { keyNode.error("clé « \(name) » en double : une seule valeur par clé") }
      entries[name] = YNode(node: v, path: child(name), reader: reader)
    }
    return YMapping(owner: self, entries: entries)
  }

  /// A mapping with free keys (parameter names, expected figures), in file order.
  package func pairs() -> [(key: String, keyNode: YNode, value: YNode)]? {
    record("table")
    guard case .mapping(let m) = node.kind else {
      error("une section (clé: valeur) est attendue ici, pas \(describe())")
      return nil
    }
    var seen = Set<String>()
    var out: [(key: String, keyNode: YNode, value: YNode)] = []
    for (k, v) in m {
      let name = k.scalarText ?? ""
      let keyNode = YNode(node: k, path: child(name.excerpt), reader: reader)
      if k.scalarText == nil {
        keyNode.error("une clé doit être un simple mot")
        continue
      }
      if !seen.insert(name).inserted {
        keyNode.error("clé \(reader.quote(name)) en double : une seule valeur par clé")
        continue
      }
      out.append((name, keyNode, YNode(node: v, path: child(name.excerpt), reader: reader)))
    }
    return out
  }

  /// The items of a list (an absent value gives an empty list).
  package func sequence() -> [YNode]? {
    record("liste")
    if isNull { return [] }
    guard case .sequence(let s) = node.kind else {
      error("une liste (lignes commençant par « - ») est attendue ici, pas \(describe())")
      return nil
    }
    guard s.count <= Self.maximumItems else {
      error("liste trop longue : \(Self.maximumItems) lignes au plus par rubrique (\(s.count) lues)")
      return nil
    }
    return s.enumerated().map { i, n in YNode(node: n, path: "\(path)[\(i + 1)]", reader: reader) }
  }

  /// The most lines one list of a file may hold (debts, charges, members…): far beyond any
  /// household, low enough that every page, document and engine stays quick.
  package static let maximumItems = 500

  /// A list that may also be declared empty on purpose: `aucun`, `aucune`, `non` or `[]`
  /// (`none` true), as opposed to absent (unknown, « à compléter » in the filing).
  package func sequenceOrNone() -> (items: [YNode], none: Bool)? {
    record("liste (ou « aucune »)")
    if let t = text?.trimmingSpaces.lowercased(), ["aucun", "aucune", "non", "néant"].contains(t) { return ([], true) }
    if case .sequence(let s) = node.kind, s.isEmpty { return ([], true) }
    return sequence().map { ($0, false) }
  }

  package func describe() -> String {
    switch node.kind {
    case .scalar(let s, _): s.isEmpty ? "une valeur vide" : "la valeur \(reader.quote(s))"
    case .mapping: "une section"
    case .sequence: "une liste"
    }
  }

  package func string() -> String? {
    record("texte")
    guard case .scalar = node.kind else {
      error("un texte est attendu ici, pas \(describe())")
      return nil
    }
    return text
  }

  package func requiredString() -> String? {
    guard let s = string(), !s.trimmingSpaces.isEmpty else {
      if case .scalar = node.kind { error("valeur obligatoire manquante") }
      return nil
    }
    return s
  }

  /// An amount in euros, French or plain (`1 234,56`, `1234.56`, `1 234,56 €`), whole cents,
  /// at most ``Money/maximumInputEuros``.
  package func money(allowNegative: Bool = false) -> Money? {
    record(allowNegative ? "montant en euros (négatif permis)" : "montant en euros")
    guard let s = requiredString() else { return nil }
    do {
      let m = try Money(french: s)
      if !allowNegative && m.isNegative {
        error("le montant ne peut pas être négatif (\(reader.quote(s)))")
        return nil
      }
      guard m.value.magnitude <= Rational(Money.maximumInputEuros) else {
        error("montant hors de portée : au plus \(Money(euros: Money.maximumInputEuros).french) (\(reader.quote(s)))")
        return nil
      }
      guard m.exactCents != nil else {
        error("le montant doit tenir en centimes entiers (\(reader.quote(s)))")
        return nil
      }
      return m
    } catch {
      self.error(numberMessage(error))
      return nil
    }
  }

  package func numberMessage(_ e: FrenchNumber.ParseError) -> String {
    reader.quotesValues ? e.description : "nombre illisible : \(e.readings == nil ? e.reason : "point ambigu (1.200 : 1 200 ou 1,20 ?)")"
  }

  /// A number as written (`3,5` → 3.5); a percent sign divides by 100. Its magnitude is at
  /// most 10^12 and it has at most 12 decimals, so that every engine computes with it.
  package func number(allowNegative: Bool = true) -> Rational? {
    record("nombre")
    guard let s = requiredString() else { return nil }
    let v: Rational
    if s.contains("/"), let r = Rational(s.trimmingSpaces) {
      v = r
    } else {
      do { v = try FrenchNumber.parse(s).scaledValue } catch {
        self.error(numberMessage(error))
        return nil
      }
    }
    if !allowNegative && v.isNegative {
      error("la valeur ne peut pas être négative (\(reader.quote(s)))")
      return nil
    }
    guard v.magnitudeIsReasonable else {
      error("nombre hors de portée (\(reader.quote(s)))")
      return nil
    }
    return v
  }

  /// A rate typed in percent (`3,5` or `3,5 %`), returned as a fraction (0.035), between 0 and
  /// 1 000 % unless `allowNegative`.
  package func percent(allowNegative: Bool = false) -> Rational? {
    record("taux en %")
    guard let s = requiredString() else { return nil }
    do {
      let parsed = try FrenchNumber.parse(s)
      if parsed.unit == .euro {
        error("un taux en % est attendu, pas un montant (\(reader.quote(s)))")
        return nil
      }
      let rate = parsed.value / Rational(100)
      if !allowNegative && rate.isNegative {
        error("le taux ne peut pas être négatif (\(reader.quote(s)))")
        return nil
      }
      guard rate.magnitude <= Rational(10), rate.magnitudeIsReasonable else {
        error("taux hors de portée : au plus 1 000 % (\(reader.quote(s)))")
        return nil
      }
      return rate
    } catch {
      self.error(numberMessage(error))
      return nil
    }
  }

  package func integer(in range: ClosedRange<Int>) -> Int? {
    record("entier de \(range.lowerBound) à \(range.upperBound)")
    guard let s = requiredString() else { return nil }
    guard let n = Int(s.trimmingSpaces) else {
      error("un nombre entier est attendu (\(reader.quote(s)))")
      return nil
    }
    guard range.contains(n) else {
      error("\(n) est hors des limites (\(range.lowerBound) à \(range.upperBound))")
      return nil
    }
    return n
  }

  package func bool() -> Bool? {
    record("oui ou non")
    guard let s = requiredString() else { return nil }
    switch normalizedChoice(s) {
    case "oui", "true", "vrai", "yes": return true
    case "non", "false", "faux", "no": return false
    default:
      error("oui ou non est attendu (\(reader.quote(s)))")
      return nil
    }
  }

  /// A month `AAAA-MM`, as its first day, between the years ``CivilDate/inputYears``.
  package func month() -> CivilDate? {
    record("mois (AAAA-MM)")
    guard let s = requiredString() else { return nil }
    let parts = s.trimmingSpaces.split(separator: "-")
    guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let y = Int(parts[0]), let m = Int(parts[1]),
      let d = CivilDate(year: y, month: m, day: 1)
    else {
      error("mois invalide \(reader.quote(s)) (attendu AAAA-MM)")
      return nil
    }
    guard CivilDate.inputYears.contains(y) else {
      error(
        "mois hors de portée \(reader.quote(s)) : l'année doit être comprise entre \(CivilDate.inputYears.lowerBound) et \(CivilDate.inputYears.upperBound)"
      )
      return nil
    }
    return d
  }

  /// A date `AAAA-MM-JJ` or `JJ/MM/AAAA` that exists in the calendar, between the years
  /// ``CivilDate/inputYears``.
  package func date() -> CivilDate? {
    record("date (AAAA-MM-JJ ou JJ/MM/AAAA)")
    guard let s = requiredString() else { return nil }
    guard let d = CivilDate(s) else {
      error("date invalide ou impossible \(reader.quote(s)) (attendu AAAA-MM-JJ ou JJ/MM/AAAA)")
      return nil
    }
    guard CivilDate.inputYears.contains(d.year) else {
      error(
        "date hors de portée \(reader.quote(s)) : l'année doit être comprise entre \(CivilDate.inputYears.lowerBound) et \(CivilDate.inputYears.upperBound)"
      )
      return nil
    }
    return d
  }

  /// One of a closed list, matched without case or accents; the error suggests the closest.
  package func choice<T: RawRepresentable & CaseIterable>(_ type: T.Type, aliases: [String: T] = [:]) -> T?
  where T.RawValue == String {
    record("un de : " + T.allCases.map(\.rawValue).joined(separator: ", "))
    guard let s = requiredString() else { return nil }
    let key = normalizedChoice(s)
    if let v = T(rawValue: key) ?? aliases[key] { return v }
    let allowed = T.allCases.map(\.rawValue)
    var message = "\(reader.quote(s)) n'est pas une valeur possible"
    if reader.quotesValues, let c = closest(to: key, in: allowed + aliases.keys.sorted()) {
      message += " ; vouliez-vous dire « \(c) » ?"
    }
    message += " (valeurs possibles : \(allowed.joined(separator: ", ")))"
    error(message)
    return nil
  }
}
