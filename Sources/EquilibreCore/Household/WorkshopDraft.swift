/// The answers of an unfinished `equilibre atelier` session, saved after every answer so that
/// nothing typed is lost (end of input, Ctrl-C, a closed terminal), and resumed with
/// `equilibre atelier --reprendre FICHIER`.
public struct WorkshopDraft: Sendable, Equatable {
  /// The question to ask next (0-based).
  public var question: Int
  /// Answers by question key, in the order given.
  public var answers: [String: String]

  public init(question: Int = 0, answers: [String: String] = [:]) {
    self.question = question
    self.answers = answers
  }

  /// The draft as YAML (every answer quoted, any text round-trips).
  public func yaml(resumeHint: String) -> String {
    var out = "# Brouillon de « equilibre atelier » : réponses en cours, enregistrées après chaque réponse.\n"
    out += "# Reprise : \(TextSafety.neutralized(resumeHint, allowLayout: false))\n"
    out += "brouillon_atelier:\n  question: \(question)\n  reponses:\n"
    for key in answers.keys.sorted() {
      out += "    \(ScenarioWriter.quote(key)): \(ScenarioWriter.quote(answers[key]!))\n"
    }
    if answers.isEmpty { out += "    {}\n" }
    return out
  }

  /// Reads a draft; the diagnostics name the file, line and field.
  public static func parse(_ text: String, file: String) throws(Diagnostics) -> WorkshopDraft {
    let reader = YAMLReader(file: file)
    var draft = WorkshopDraft()
    if let root = reader.root(of: text), let top = root.mapping(keys: ["brouillon_atelier"]),
      let d = top.required("brouillon_atelier")?.mapping(keys: ["question", "reponses"])
    {
      draft.question = d.required("question")?.integer(in: 0...10_000) ?? 0
      for (key, _, value) in d["reponses"]?.pairs() ?? [] {
        if let v = value.string() { draft.answers[key] = v }
      }
    }
    if !reader.diagnostics.isEmpty { throw Diagnostics(reader.diagnostics) }
    return draft
  }
}
