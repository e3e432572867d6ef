/// Reads a parameter file (the format of the files in `Parameters/Data`):
///
/// ```yaml
/// rsa.montant_forfaitaire:
///   description: Montant forfaitaire du RSA pour une personne seule
///   unite: euros par mois
///   revision: annuelle           # semestrielle, trimestrielle, annuelle, decret, stable
///   prochaine_source: "décret de revalorisation, fin mars (https://www.legifrance.gouv.fr)"
///   revu_jusqu_au: 2027-03-31
///   valeurs:
///     2026-04-01:
///       valeur: "651,69"          # a number, a list [4480, 8730], a setting, or null (gap)
///       reference: Décret n° 2026-220 du 30 mars 2026
///       source: https://…
///       incertain: false
/// ```
public enum ParameterFile {
  static let parameterKeys = ["description", "unite", "revision", "prochaine_source", "revu_jusqu_au", "valeurs"]
  static let valueKeys = ["valeur", "reference", "source", "incertain"]

  /// - Parameter quotesValues: false for a file the user did not name (see ``YAMLReader``).
  /// - Parameters:
  ///   - requireSource: every value must name its source (a local import).
  ///   - reference: the parameters the tool knows: a key must be one of them, with the same unit
  ///     and the same kind of value (a local import).
  public static func parse(
    _ text: String, file: String, origin: String? = nil, quotesValues: Bool = true, requireSource: Bool = false,
    reference: ParameterSet? = nil
  ) throws(Diagnostics) -> ParameterSet {
    let reader = YAMLReader(file: file, quotesValues: quotesValues)
    var parameters: [String: Parameter] = [:]
    if let root = reader.root(of: text), let pairs = root.pairs() {
      for (key, keyNode, node) in pairs {
        guard isValidKey(key) else {
          keyNode.error("nom de paramètre invalide \(reader.quote(key)) (lettres, chiffres, « . », « _ », « - »)")
          continue
        }
        guard let m = node.mapping(keys: parameterKeys) else { continue }
        let description = m["description"]?.string() ?? ""
        let unit = m["unite"]?.string() ?? ""
        let known = reference?.parameters[key]
        if reference != nil && known == nil {
          keyNode.error("paramètre \(reader.quote(key)) inconnu de l'outil (la liste : equilibre parametres)")
        }
        if let k = known, !unit.isEmpty, unit != k.unit, let u = m["unite"] {
          u.error("unité \(reader.quote(unit)) : l'outil attend « \(k.unit) » pour \(reader.quote(key))")
        }
        let expectedShape = known?.values.compactMap(\.value).last.map(\.shape)
        let reviewed = m["revu_jusqu_au"]?.date()
        var revision: Revision?
        if let r = m["revision"], let text = r.string() {
          revision = Revision(rawValue: text)
          if revision == nil {
            r.error("révision \(reader.quote(text)) inconnue (\(Revision.allCases.map(\.rawValue).joined(separator: ", ")))")
          }
        }
        var values: [DatedValue] = []
        if let vs = m.required("valeurs"), let datedPairs = vs.pairs() {
          for (dateText, dateNode, valueNode) in datedPairs {
            guard let from = CivilDate(dateText) else {
              dateNode.error("date invalide \(reader.quote(dateText)) (attendu AAAA-MM-JJ)")
              continue
            }
            if let previous = values.last?.from, from <= previous {
              dateNode.error("dates dans l'ordre croissant attendues : \(from.french) après \(previous.french)")
            }
            guard let vm = valueNode.mapping(keys: valueKeys) else { continue }
            guard let raw = vm.entries["valeur"] else {
              _ = vm.required("valeur")
              continue
            }
            let value: ParameterValue?
            if raw.isNull {
              value = nil
            } else if let v = parseValue(raw) {
              value = v
              if let e = expectedShape, v.shape != e { raw.error("\(e) attendu pour \(reader.quote(key)), lu « \(v.french) »") }
            } else {
              continue
            }
            if requireSource && (vm["source"]?.string() ?? "").trimmingSpaces.isEmpty {
              valueNode.error("source obligatoire pour chaque valeur (texte officiel ou publication où la valeur a été lue)")
            }
            values.append(
              DatedValue(
                from: from, value: value, reference: vm["reference"]?.string(), source: vm["source"]?.string(),
                unsure: vm["incertain"]?.bool() ?? false, origin: origin ?? file))
          }
        }
        if values.isEmpty { node.error("aucune valeur datée pour \(reader.quote(key))") }
        parameters[key] = Parameter(
          key: key, description: description, unit: unit, reviewedUntil: reviewed, revision: revision,
          nextSource: m["prochaine_source"]?.string(), values: values.sorted { $0.from < $1.from })
      }
    }
    if !reader.diagnostics.isEmpty { throw Diagnostics(reader.diagnostics) }
    return ParameterSet(parameters: parameters)
  }

  static func isValidKey(_ key: String) -> Bool {
    !key.isEmpty && key.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
  }

  /// A number (`651,69`, `0.5`, `1/20`), a list of numbers, a word (setting) or a list of words.
  static func parseValue(_ node: YNode) -> ParameterValue? {
    if let items = asSequence(node) {
      let texts = items.compactMap { $0.text }
      guard texts.count == items.count else {
        node.error("liste de valeurs simples attendue")
        return nil
      }
      let numbers = texts.compactMap(number)
      if numbers.count == texts.count { return .numbers(numbers) }
      if numbers.isEmpty { return .texts(texts) }
      node.error("liste mêlant nombres et textes")
      return nil
    }
    guard let t = node.string() else { return nil }
    if let n = number(t) { return .number(n) }
    return .text(t)
  }

  static func asSequence(_ node: YNode) -> [YNode]? {
    if node.isSequence { return node.sequence() }
    return nil
  }

  static func number(_ text: String) -> Rational? {
    if text.contains("/") { return Rational(text.trimmingSpaces) }
    return try? FrenchNumber.parse(text).scaledValue
  }
}
