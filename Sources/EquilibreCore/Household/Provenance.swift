/// Where a budget or debt line comes from when the counsellor did not type it: the household's
/// bank statements (`source: releve`), with what was seen and how sure the reading is.
public struct Provenance: Sendable, Equatable {
  /// The origins of a line that was not typed.
  public enum Source: String, Sendable, CaseIterable {
    case releve
  }

  /// How sure the statements' reading is: `haute` (regular in date and amount, a known
  /// counterparty), `moyenne` (regular but few or varying), `basse` (to check).
  public enum Confidence: String, Sendable, CaseIterable {
    case haute, moyenne, basse
  }

  /// One movement seen on the statements.
  public struct Evidence: Sendable, Equatable {
    public var date: CivilDate
    public var amount: Money
    public init(date: CivilDate, amount: Money) {
      self.date = date
      self.amount = amount
    }
  }

  public var source: Source
  public var confidence: Confidence
  public var evidence: [Evidence]
  /// A debt whose amount still owed is not on the statements: written `restant_du: à compléter`,
  /// which the scenario refuses until the counsellor fills it in.
  public var remainingDueToAsk: Bool

  public init(source: Source = .releve, confidence: Confidence, evidence: [Evidence], remainingDueToAsk: Bool = false) {
    self.source = source
    self.confidence = confidence
    self.evidence = evidence
    self.remainingDueToAsk = remainingDueToAsk
  }

  /// The words that mark a debt's amount still owed as to be asked.
  public static let toComplete = "à compléter"
}

extension ScenarioFile {
  /// `source`, `confiance` and `preuves` of a line, when it has them.
  static func provenance(_ m: YMapping) -> Provenance? {
    guard let s = m["source"] else {
      for key in ["confiance", "preuves"] where m.has(key) { m[key]?.error("« \(key) » demande « source: releve »") }
      return nil
    }
    let source = s.choice(Provenance.Source.self, aliases: ["releves": .releve, "relevé": .releve])
    let confidence = m["confiance"]?.choice(Provenance.Confidence.self) ?? .moyenne
    var evidence: [Provenance.Evidence] = []
    for item in m["preuves"]?.sequence() ?? [] {
      guard let text = item.requiredString() else { continue }
      let parts = text.split(separator: ":", maxSplits: 1).map { String($0).trimmingSpaces }
      guard parts.count == 2, let d = CivilDate(String(parts[0])),
        let a = try? Money(french: String(parts[1]).replacingOccurrences(of: "€", with: "").trimmingSpaces)
      else {
        item.error("« AAAA-MM-JJ : montant » attendu (par exemple « 2026-01-06 : 1 854,32 »)")
        continue
      }
      evidence.append(Provenance.Evidence(date: d, amount: a))
    }
    guard let source else { return nil }
    return Provenance(source: source, confidence: confidence, evidence: evidence)
  }
}

extension ScenarioWriter {
  /// A line's `source`, `confiance` and `preuves`.
  static func provenance(_ p: Provenance?, _ level: Int, _ w: inout Writer) {
    guard let p else { return }
    w.line(level, "source: \(p.source.rawValue)")
    w.line(level, "confiance: \(p.confidence.rawValue)")
    if !p.evidence.isEmpty {
      w.line(level, "preuves:")
      for e in p.evidence { w.line(level + 1, "- \"\(e.date) : \(e.amount.plain)\"") }
    }
  }
}
