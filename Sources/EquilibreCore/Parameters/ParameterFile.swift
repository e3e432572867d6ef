/// Reads a parameter file (the format of the files in `Parameters/Data`):
///
/// ```yaml
/// rsa.montant_forfaitaire:
///   description: Montant forfaitaire du RSA pour une personne seule
///   unite: euros par mois
///   revu_jusqu_au: 2027-03-31
///   valeurs:
///     2026-04-01:
///       valeur: "651,69"          # a number, a list [4480, 8730], a setting, or null (gap)
///       reference: Décret n° 2026-220 du 30 mars 2026
///       source: https://…
///       incertain: false
/// ```
public enum ParameterFile {
  static let parameterKeys = ["description", "unite", "revu_jusqu_au", "valeurs"]
  static let valueKeys = ["valeur", "reference", "source", "incertain"]

  /// - Parameter quotesValues: false for a file the user did not name (see ``YAMLReader``).
  public static func parse(_ text: String, file: String, origin: String? = nil, quotesValues: Bool = true)
    throws(Diagnostics) -> ParameterSet
  {
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
        let reviewed = m["revu_jusqu_au"]?.date()
        var values: [DatedValue] = []
        if let vs = m.required("valeurs"), let datedPairs = vs.pairs() {
          for (dateText, dateNode, valueNode) in datedPairs {
            guard let from = CivilDate(dateText) else {
              dateNode.error("date invalide \(reader.quote(dateText)) (attendu AAAA-MM-JJ)")
              continue
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
            } else {
              continue
            }
            values.append(
              DatedValue(
                from: from, value: value, reference: vm["reference"]?.string(), source: vm["source"]?.string(),
                unsure: vm["incertain"]?.bool() ?? false, origin: origin ?? file))
          }
        }
        if values.isEmpty { node.error("aucune valeur datée pour \(reader.quote(key))") }
        parameters[key] = Parameter(
          key: key, description: description, unit: unit, reviewedUntil: reviewed,
          values: values.sorted { $0.from < $1.from })
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
