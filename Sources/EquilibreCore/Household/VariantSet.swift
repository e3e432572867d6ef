/// The what-if variants a case keeps beside a situation, as the `variantes:` block of the
/// scenario YAML (the interchange format): the situation's text stays as typed, its variants
/// can be renamed, reordered and removed without a new version of it.
public enum VariantSet {
  /// The `variantes:` block of `s`, as ``ScenarioWriter`` writes it ("" when it has none).
  public static func yaml(_ s: Scenario) -> String {
    guard !s.variants.isEmpty else { return "" }
    var only = Scenario(date: s.date, members: s.members)
    only.variants = s.variants
    // The writer's block starts at `variantes:` and ends at the next top-level key.
    let lines = ScenarioWriter.yaml(only).split(separator: "\n", omittingEmptySubsequences: false)
    guard let start = lines.firstIndex(of: "variantes:") else { return "" }
    var block = [lines[start]]
    for line in lines[(start + 1)...] {
      if let c = line.first, c != " " { break }
      if !line.isEmpty { block.append(line) }
    }
    return block.joined(separator: "\n") + "\n"
  }

  /// Each variant's lines (`  - nom: …` and what follows) of a ``yaml(_:)`` block.
  static func items(_ yaml: String) -> [String] {
    var items: [String] = []
    for line in yaml.split(separator: "\n") where line != "variantes:" {
      if line.hasPrefix("  - ") || items.isEmpty { items.append("") }
      items[items.count - 1] += line + "\n"
    }
    return items
  }

  /// The result of ``apply(_:to:)``.
  public struct Applied: Sendable {
    /// The scenario text with the kept variants in place of its own.
    public var text: String
    /// The `variantes:` block of the variants that still apply.
    public var kept: String
    /// The variants that no longer apply to this situation (a debt or a person gone), in French.
    public var refused: [String]

    public init(text: String, kept: String, refused: [String]) {
      self.text = text
      self.kept = kept
      self.refused = refused
    }
  }

  /// `text` with `variants` (a ``yaml(_:)`` block) in place of the variants it declares; the
  /// rest of the text stays as typed, comments included. A variant that no longer applies (its
  /// creditor, person or offer is gone) is left out and named in ``Applied/refused``. A text
  /// that does not read is returned as it is.
  public static func apply(_ variants: String, to text: String) -> Applied {
    var base = withoutVariants(text)
    if (try? ScenarioFile.parse(base, file: "situation")) == nil {
      // The text's own block could not be cut out by lines: write the scenario again.
      guard var s = try? ScenarioFile.parse(text, file: "situation") else { return Applied(text: text, kept: variants, refused: []) }
      s.variants = []
      base = ScenarioWriter.yaml(s)
    }
    if variants.isEmpty { return Applied(text: base, kept: "", refused: []) }
    if (try? ScenarioFile.parse(base + "\n" + variants, file: "situation")) != nil {
      return Applied(text: base + "\n" + variants, kept: variants, refused: [])
    }
    var kept: [String] = []
    var refused: [String] = []
    for item in items(variants) {
      do {
        _ = try ScenarioFile.parse(base + "\nvariantes:\n" + item, file: "situation")
        kept.append(item)
      } catch {
        refused.append("variante « \(itemName(item)) » : \(error.items.first.map(\.message) ?? "illisible")")
      }
    }
    let block = kept.isEmpty ? "" : "variantes:\n" + kept.joined()
    return Applied(text: block.isEmpty ? base : base + "\n" + block, kept: block, refused: refused)
  }

  /// `text` without its top-level `variantes:` key and the lines under it, ending with a newline.
  static func withoutVariants(_ text: String) -> String {
    var out: [Substring] = []
    var inside = false
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if let c = line.first, c != " ", c != "\t", c != "#", c != "\r" { inside = line.hasPrefix("variantes:") }
      if !inside { out.append(line) }
    }
    var result = out.joined(separator: "\n")
    while result.hasSuffix("\n\n") { result.removeLast() }
    if !result.hasSuffix("\n") { result += "\n" }
    return result
  }

  /// The name written on a variant's first line.
  static func itemName(_ item: String) -> String {
    guard let first = item.split(separator: "\n").first, let r = first.range(of: "nom: ") else { return "?" }
    var name = String(first[r.upperBound...])
    if name.hasPrefix("\""), name.hasSuffix("\""), name.count >= 2 {
      name = String(name.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"").replacingOccurrences(of: "\\\\", with: "\\")
    }
    return name.excerpt
  }
}

extension VariantSet {
  /// The names of the variants of a ``yaml(_:)`` block, in order.
  public static func names(_ yaml: String) -> [String] { items(yaml).map(itemName) }
}
