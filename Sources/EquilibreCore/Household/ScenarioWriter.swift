/// Writes a scenario as the YAML that ``ScenarioFile`` reads: every field, so that a scenario
/// goes through the CLI, the store and the web workspace without loss.
///
/// Texts are double-quoted with YAML escapes for every character a YAML file may not hold raw
/// (controls, line separators, noncharacters), so any text round-trips. Amounts are written
/// the plain way (`1234.56`), rates in percent, dates `AAAA-MM-JJ`.
public enum ScenarioWriter {
  /// `text` as a YAML double-quoted scalar that reads back identical.
  public static func quote(_ text: String) -> String {
    var out = "\""
    for v in text.unicodeScalars {
      switch v {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      case "\u{00}": out += "\\0"
      case "\u{85}": out += "\\N"
      case "\u{2028}": out += "\\L"
      case "\u{2029}": out += "\\P"
      default:
        if isYAMLPrintable(v) {
          out.unicodeScalars.append(v)
        } else {
          out += escape(v.value)
        }
      }
    }
    return out + "\""
  }

  /// The characters libyaml accepts raw in a file (its reader's printable set).
  static func isYAMLPrintable(_ v: Unicode.Scalar) -> Bool {
    let c = v.value
    return (0x20...0x7E).contains(c) || (0xA0...0xD7FF).contains(c) || ((0xE000...0xFFFD).contains(c) && c != 0xFEFF)
      || (0x10000...0x10FFFF).contains(c)
  }

  static func escape(_ c: UInt32) -> String {
    let hex = String(c, radix: 16, uppercase: true)
    if c <= 0xFF { return "\\x" + String(repeating: "0", count: 2 - hex.count) + hex }
    if c <= 0xFFFF { return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex }
    return "\\U" + String(repeating: "0", count: 8 - hex.count) + hex
  }

  static func amount(_ m: Money) -> String { quote(m.plain) }
  static func bool(_ b: Bool) -> String { b ? "oui" : "non" }
  static func percent(_ r: Rational) -> String { quote((r * 100).frenchExactPlain) }

  /// The YAML of `s`, with `header` as a comment at the top: each section by its own writer, in
  /// the order of the format (docs/format-scenario.md).
  public static func yaml(_ s: Scenario, header: String? = nil) -> String {
    var w = Writer()
    if let h = header {
      for line in h.split(separator: "\n", omittingEmptySubsequences: false) {
        w.line(0, "# " + TextSafety.neutralized(String(line), allowLayout: false))
      }
    }
    if let d = s.summary { w.line(0, "description: \(quote(d))") }
    w.line(0, "date: \(s.date)")
    if let d = s.departement { w.line(0, "departement: \(quote(d))") }
    if let a = s.contact.address { w.line(0, "adresse: \(quote(a))") }
    if let p = s.contact.phone { w.line(0, "telephone: \(quote(p))") }
    if let e = s.contact.email { w.line(0, "courriel: \(quote(e))") }
    if let f = s.familyStatus { w.line(0, "situation_familiale: \(f.rawValue)") }
    if let r = s.matrimonialRegime { w.line(0, "regime_matrimonial: \(r.rawValue)") }
    household(s, &w)
    housing(s, &w)
    budget(s, &w)
    debts(s, &w)
    filing(s, &w)
    situation(s, &w)
    project(s, &w)
    socialFollowUp(s, &w)
    offers(s, &w)
    variants(s, &w)
    if let n = s.notes {
      w.blank()
      w.line(0, "notes: \(quote(n))")
    }
    let st = s.settings
    if st.resteAVivrePolicy.name != ResteAVivrePolicy.chargesFixes.name || st.forfaitsFile != nil
      || st.seizureDependants != nil || st.actionLogementPolicyFile != nil || st.fslFile != nil || st.earlierPlanMonths != 0
      || st.benefitsMode != .declarees || st.benefitsTolerance != Money(euros: 10)
    {
      w.blank()
      w.line(0, "reglages:")
      if st.resteAVivrePolicy.name != ResteAVivrePolicy.chargesFixes.name {
        w.line(1, "politique_reste_a_vivre: \(st.resteAVivrePolicy.name)")
      }
      if let v = st.forfaitsFile { w.line(1, "forfaits: \(quote(v))") }
      if let v = st.seizureDependants { w.line(1, "personnes_a_charge_saisie: \(v)") }
      if let v = st.actionLogementPolicyFile { w.line(1, "politique_action_logement: \(quote(v))") }
      if let v = st.fslFile { w.line(1, "fsl: \(quote(v))") }
      if st.earlierPlanMonths != 0 { w.line(1, "plans_anterieurs_mois: \(st.earlierPlanMonths)") }
      if st.benefitsMode != .declarees { w.line(1, "prestations: \(st.benefitsMode.rawValue)") }
      if st.benefitsTolerance != Money(euros: 10) { w.line(1, "tolerance_prestations: \(amount(st.benefitsTolerance))") }
    }
    if !s.expected.isEmpty {
      w.blank()
      w.line(0, "attendu:")
      for e in s.expected { w.line(1, "\(e.key): \(quote(e.text))") }
    }
    return w.text
  }

  /// `ressources` and `charges`.
  static func budget(_ s: Scenario, _ w: inout Writer) {
    if !s.resources.isEmpty {
      w.blank()
      w.line(0, "ressources:")
      for r in s.resources { resource(r, 1, first: "- ", s, &w) }
    }
    if !s.charges.isEmpty {
      w.blank()
      w.line(0, "charges:")
      for c in s.charges { charge(c, 1, first: "- ", &w) }
    }
  }

  static func person(_ s: Scenario, _ i: Int?) -> String? {
    guard let i, i < s.members.count else { return nil }
    let m = s.members[i]
    return m.name ?? (m.role == .demandeur || m.role == .conjoint ? m.role.rawValue : nil)
  }
  // `first` is "- " for a list item (its other keys one level in), "" for a nested section.
  static func resource(_ r: Resource, _ level: Int, first: String, _ s: Scenario, _ w: inout Writer) {
    let inner = first.isEmpty ? level : level + 1
    w.line(level, "\(first)type: \(r.type.rawValue)")
    w.line(inner, "montant: \(amount(r.amount))")
    if r.periodicity != .mensuelle { w.line(inner, "periodicite: \(r.periodicity.rawValue)") }
    if let p = person(s, r.person) { w.line(inner, "personne: \(quote(p))") }
    if let l = r.label { w.line(inner, "libelle: \(quote(l))") }
    if let t = r.taxable { w.line(inner, "imposable: \(amount(t))") }
    provenance(r.provenance, inner, &w)
  }
  static func charge(_ c: Charge, _ level: Int, first: String, _ w: inout Writer) {
    let inner = first.isEmpty ? level : level + 1
    w.line(level, "\(first)type: \(c.type.rawValue)")
    w.line(inner, "montant: \(amount(c.amount))")
    if c.periodicity != .mensuelle { w.line(inner, "periodicite: \(c.periodicity.rawValue)") }
    if let l = c.label { w.line(inner, "libelle: \(quote(l))") }
    provenance(c.provenance, inner, &w)
  }

  struct Writer {
    var text = ""
    mutating func line(_ level: Int, _ s: String) {
      text += String(repeating: "  ", count: level) + s + "\n"
    }
    mutating func blank() { if !text.isEmpty { text += "\n" } }
    /// Appends to the last line (an empty section's `{}`).
    mutating func append(_ s: String) {
      if text.hasSuffix("\n") { text.removeLast() }
      text += s + "\n"
    }
  }
}

extension Rational {
  /// The exact value as a plain decimal (`3.125`), or a fraction when it does not terminate.
  var frenchExactPlain: String {
    guard let places = terminatingPlaces else { return numeratorString + "/" + denominatorString }
    return plainDecimal(places: places)
  }
}
