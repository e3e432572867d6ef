import EquilibreCore
import Foundation

/// Neutral labels for personal data (`--anonyme`), applied when a document is built; the
/// engines always compute on the real scenario, so figures are unchanged.
///
/// Every value the scenario holds as personal data (names, birth names and places, birth dates,
/// addresses, phones, e-mails, references, employers, the landlord, guarantors, the agency and
/// its referent) is replaced wherever it appears, free text included; free text is also scanned
/// for phone numbers, e-mail addresses and dates.
struct Anonymizer {
  let on: Bool
  let members: [Member]
  let creditors: [String]
  /// Personal values and their replacement, longest first.
  let replacements: [(String, String)]

  init(on: Bool, scenario s: Scenario) {
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
      if let c = p.creditor, Self.titles.contains(where: { c.hasPrefix($0 + " ") }) { addPerson(c, "[créancier]") } else { add(p.creditor, "[créancier]") }
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

  func memberName(_ i: Int) -> String {
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
  func text(_ t: String) -> String {
    guard on else { return t }
    var out = t
    for (value, label) in replacements { out = out.replacingWord(value, with: label) }
    out = Anonymizer.scrubPatterns(out)
    // French elision before a replacement: « d'Personne 2 » → « de Personne 2 ».
    for (a, b) in [("d'Personne", "de Personne"), ("D'Personne", "De Personne"), ("qu'Personne", "que Personne"),
      ("l'Personne", "la Personne"), ("d'Créancier", "de Créancier"), ("d’Personne", "de Personne"), ("d'[", "de ["),
      ("d’[", "de ["), ("l'[", "le ["), ("qu'[", "que [")]
    {
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
    (#"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"#, "[courriel]"),
    (#"(?:\+33[\s.\-\x{00A0}]?(?:\(0\))?[1-9]|\b0[1-9])(?:[\s.\-\x{00A0}]?\d{2}){4}\b"#, "[téléphone]"),
    (#"\b\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4}\b"#, "[date]"),
    (#"\b\d{4}-\d{2}-\d{2}\b"#, "[date]"),
    (#"\b(?:1er|\d{1,2}) (?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) (?:19|20)\d{2}\b"#, "[date]"),
    (#"\b[A-Z]{2}[\s\-]?\d{3}[\s\-]?[A-Z]{2}\b"#, "[immatriculation]"),
  ].map { pattern, label in
    // A pattern that does not compile is a programming error caught by the tests.
    (try! NSRegularExpression(pattern: pattern, options: [.caseInsensitive]), label)
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
      let isWord = !(before?.isLetter ?? false) && !(after?.isLetter ?? false)
      out += rest[..<r.lowerBound] + (isWord ? replacement : String(rest[r]))
      rest = rest[r.upperBound...]
    }
    return out + rest
  }
}
