import EquilibreCore
import Foundation

/// Neutral labels for personal data (`--anonyme`), applied field by field when a document is
/// built; the engines always compute on the real scenario, so figures are unchanged.
///
/// One rule per field (docs/guide-conseiller.md, « --anonyme »):
/// - **replaced** by a neutral label: names (« Personne 1 »), birth names and places, addresses,
///   phones, e-mails, references, employers, the landlord, guarantors, creditors (« Créancier 1 »),
///   banks, the agency and its referent, the counsellor, nationality;
/// - **generalised**: a date to its month (« 10/2002 »), a town to its department, a resource,
///   charge or asset label to its category, an offer to « Offre 1 », a variant to « Variante 1 »;
/// - **removed**: birth dates, free-text notes, the situation's summary, descriptions of
///   procedures and earlier filings, contact summaries, the wording of objectives, actions and
///   commitments (their theme and status stay);
/// - **kept, personal values replaced**: the engines' own texts.
/// Engine texts (aid reasons, plan notes) keep their meaning with every personal value replaced;
/// they are also scanned for phone numbers, e-mail addresses and dates.
public struct Anonymizer {
  public let on: Bool
  let members: [Member]
  let creditors: [String]
  /// Personal values and their replacement, longest first.
  let replacements: [(String, String)]

  /// For a document with no situation to read names from.
  public init(on: Bool) {
    self.on = on
    members = []
    creditors = []
    replacements = []
  }

  public init(on: Bool, scenario s: Scenario) {
    self.on = on
    members = s.members
    creditors = s.debts.map(\.creditor)
    var r: [(String, String)] = []
    func add(_ value: String?, _ label: String) {
      guard let v = value?.trimmingSpaces, v.count > 1 else { return }
      r.append((v, label))
    }
    /// An address, and each of its comma-separated parts (« 12 rue des Capucines », « 59000 Lille »).
    func addAddress(_ value: String?) {
      add(value, "[adresse]")
      for part in (value ?? "").split(separator: ",").map({ String($0).trimmingSpaces }) where part.count > 4 { add(part, "[adresse]") }
    }
    /// A person's name: as written, without what is in brackets, without the title
    /// (« Mme Sabrina Lefebvre (CESF) » → « Sabrina Lefebvre »), and the family name with or without the title.
    func addPerson(_ value: String?, _ label: String) {
      guard let v = value?.trimmingSpaces, v.count > 1 else { return }
      add(v, label)
      let bare = v.replacingOccurrences(of: #"\s*\([^)]*\)"#, with: "", options: .regularExpression).trimmingSpaces
      add(bare, label)
      var words = bare.split(separator: " ").map(String.init)
      let title = words.first.flatMap { Self.titles.contains($0) ? $0 : nil }
      if title != nil { words.removeFirst() }
      add(words.joined(separator: " "), label)
      if words.count > 1, let last = words.last, last.count > 2, last.first?.isUppercase == true {
        add(last, label)
        if let title { add("\(title) \(last)", label) }
      }
    }
    for (i, m) in s.members.enumerated() {
      let label = "Personne \(i + 1)"
      if let f = m.name, let n = m.familyName {
        add("\(f) \(n)", label)
        add("\(n) \(f)", label)
      }
      add(m.name, label)
      add(m.familyName, label)
      add(m.birthName, "[nom de naissance]")
      add(m.birthPlace, "[lieu de naissance]")
      for d in [m.birthDate.french, m.birthDate.slashed, m.birthDate.description] { add(d, "[date de naissance]") }
      add(m.activity?.employerName, "[employeur]")
      addAddress(m.activity?.employerAddress)
    }
    addAddress(s.contact.address)
    add(s.contact.phone, "[téléphone]")
    add(s.contact.email, "[courriel]")
    add(s.housing.landlord?.name, "[bailleur]")
    addAddress(s.housing.landlord?.address)
    for (i, d) in s.debts.enumerated() {
      add(d.creditor, "Créancier \(i + 1)")
      addAddress(d.address)
      add(d.reference, "[référence]")
      addPerson(d.guarantor, "[caution]")
    }
    for p in s.procedures where !creditors.contains(p.creditor ?? "") {
      if let c = p.creditor, Self.titles.contains(where: { c.hasPrefix($0 + " ") }) {
        addPerson(c, "[créancier]")
      } else {
        add(p.creditor, "[créancier]")
      }
    }
    for (k, o) in s.offers.enumerated() {
      add(o.name, "Offre \(k + 1)")
      add(o.commune, s.departement.map { "[commune du \($0)]" } ?? "[commune]")
    }
    for m in s.members { add(m.nationality, "[nationalité]") }
    // Labels the counsellor wrote: generalised to their category where they are printed, and
    // replaced in any other text (a variant's change, an engine's reason).
    for l in s.resources.compactMap(\.label) + s.charges.compactMap(\.label) + s.assets.compactMap(\.label) { add(l, "[libellé]") }
    for (k, v) in s.variants.enumerated() {
      add(v.name, "Variante \(k + 1)")
      for change in v.changes {
        switch change {
        case .addResource(let r): add(r.label, "[libellé]")
        case .addCharge(let c): add(c.label, "[libellé]")
        case .newLoan(let label, _, _): add(label, "[nouveau prêt]")
        case .addMember(let m): add(m.name, "[personne qui arrive]")
        default: break
        }
      }
    }
    if let ss = s.socialService {
      add(ss.organisation, "[structure]")
      addPerson(ss.referent, "[référent]")
      add(ss.phone, "[téléphone]")
      add(ss.email, "[courriel]")
    }
    replacements = r.sorted { $0.0.count > $1.0.count }
  }

  /// Titles before a person's name.
  static let titles: Set<String> = ["M.", "Mme", "Mlle", "Madame", "Monsieur", "Mademoiselle", "Maître", "Me", "Dr", "Docteur"]

  /// A person's name given outside the scenario (the counsellor, a case's adults).
  public func person(_ value: String, _ label: String) -> String { on ? label : value }

  /// A date: in full, or its month when anonymous (« 10/2002 »).
  public func date(_ d: CivilDate?) -> String { d.map { on ? Self.month($0) : $0.french } ?? "" }

  /// A date in the filing's form (« 01/10/2002 »), or its month when anonymous.
  func slashed(_ d: CivilDate?) -> String? { d.map { on ? Self.month($0) : $0.slashed } }

  static func month(_ d: CivilDate) -> String { String(format: "%02d/%04d", d.month, d.year) }

  /// Free text that only the counsellor wrote (notes, summaries): removed when anonymous.
  public func removed(_ t: String?) -> String { on ? "" : (t ?? "") }

  /// Wording the counsellor wrote (an objective, an action, a commitment): kept, or a neutral
  /// mention when anonymous.
  public func wording(_ t: String) -> String { on ? "(texte retiré de la version anonymisée)" : t }

  /// A label the counsellor gave to a line: dropped when anonymous (the category stays).
  func label(_ t: String?) -> String? { on ? nil : t }

  public func memberName(_ i: Int) -> String {
    guard on else {
      let m = members[i]
      return [m.name, m.familyName].compactMap { $0 }.joined(separator: " ").nonEmpty ?? Typography.capitalized(m.role.french)
    }
    return "Personne \(i + 1)"
  }

  func familyName(_ i: Int) -> String? { on ? (members[i].familyName == nil ? nil : "[nom]") : members[i].familyName }
  func firstName(_ i: Int) -> String? { on ? "Personne \(i + 1)" : members[i].name }
  /// A personal value shown as is, or as `label` (nil stays nil: « à compléter »).
  func personal(_ value: String?, _ label: String) -> String? { on ? (value == nil ? nil : label) : value }
  /// A debt's creditor as « Créancier n »; any other named party (a bailiff) as free text.
  func creditor(_ name: String) -> String {
    guard on else { return name }
    guard let i = creditors.firstIndex(of: name) else { return text(name) }
    return "Créancier \(i + 1)"
  }

  /// Free text with every personal value replaced, then phone numbers, e-mails and dates.
  public func text(_ t: String) -> String {
    guard on else { return t }
    var out = t
    for (value, label) in replacements { out = out.replacingWord(value, with: label) }
    out = Anonymizer.scrubPatterns(out)
    // French elision before a replacement: « d'Personne 2 » → « de Personne 2 ».
    for (a, b) in [
      ("d'Personne", "de Personne"), ("D'Personne", "De Personne"), ("qu'Personne", "que Personne"),
      ("l'Personne", "la Personne"), ("d'Créancier", "de Créancier"), ("d’Personne", "de Personne"), ("d'[", "de ["),
      ("d’[", "de ["), ("l'[", "le ["), ("qu'[", "que ["),
    ] {
      out = out.replacingAll(a, with: b)
    }
    return out
  }

  /// Phone numbers, e-mail addresses, dates and number plates in free text.
  static func scrubPatterns(_ t: String) -> String {
    var out = t
    for (re, label) in patterns {
      out = re.stringByReplacingMatches(in: out, range: NSRange(out.startIndex..., in: out), withTemplate: label)
    }
    return out
  }

  static let patterns: [(NSRegularExpression, String)] = [
    (#"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"#, "[courriel]", true),
    (#"(?:\+33[\s.\-\x{00A0}]?(?:\(0\))?[1-9]|\b0[1-9])(?:[\s.\-\x{00A0}]?\d{2}){4}\b"#, "[téléphone]", true),
    (#"\b\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4}\b"#, "[date]", true),
    (#"\b\d{4}-\d{2}-\d{2}\b"#, "[date]", true),
    (
      #"\b(?:1er|\d{1,2}) (?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) (?:19|20)\d{2}\b"#,
      "[date]", true
    ),
    // Number plates in capitals only: « de 150 au mois » is not a plate.
    (#"\b[A-Z]{2}[\s\-]?\d{3}[\s\-]?[A-Z]{2}\b"#, "[immatriculation]", false),
  ].map { pattern, label, anyCase in
    // Constant patterns, none built from input: one that does not compile is a programming
    // error, caught by every anonymisation test before any document is produced.
    (try! NSRegularExpression(pattern: pattern, options: anyCase ? [.caseInsensitive] : []), label)
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

  /// `target` replaced where it stands as a whole word (not inside a longer name).
  func replacingWord(_ target: String, with replacement: String) -> String {
    guard !target.isEmpty else { return self }
    var out = ""
    var rest = self[...]
    while let r = rest.range(of: target, options: [.caseInsensitive]) {
      let before = r.lowerBound > rest.startIndex ? rest[rest.index(before: r.lowerBound)] : nil
      let after = r.upperBound < rest.endIndex ? rest[r.upperBound] : nil
      // A name matches as written or in capitals, never a lower-case word of a sentence:
      // « crédit renouvelable a servi » is not the creditor « Renouvelable A ».
      let found = String(rest[r])
      let sameCase = found.first?.isUppercase == target.first?.isUppercase || found == found.uppercased()
      let isWord = !(before?.isLetter ?? false) && !(after?.isLetter ?? false) && sameCase
      out += rest[..<r.lowerBound] + (isWord ? replacement : String(rest[r]))
      rest = rest[r.upperBound...]
    }
    return out + rest
  }
}
