import EquilibreCore

extension SituationVersion {
  /// The text the engines compute for this situation: the text as typed with the variants the
  /// case keeps for it (``variants``) in place of its own.
  public var computed: VariantSet.Applied {
    guard let v = variants else { return VariantSet.Applied(text: scenarioText, kept: "", refused: []) }
    return VariantSet.apply(v, to: scenarioText)
  }
}

extension SituationDraft {
  /// A situation to save from `text`, read as `scenario`. The variants it declares are its own
  /// (until one is edited, when they are kept beside it); a text that declares none carries the
  /// variants of `previous` that still apply (those that no longer do are named in the note).
  public static func carrying(
    text: String, scenario: Scenario, figures: KeyFigures, note: String?, previous: SituationVersion?
  ) -> SituationDraft {
    guard scenario.variants.isEmpty, let previous else {
      return SituationDraft(date: scenario.date, scenarioText: text, figures: figures, note: note)
    }
    let old = previous.variants ?? (try? ScenarioFile.parse(previous.scenarioText, file: "situation")).map(VariantSet.yaml) ?? ""
    guard !old.isEmpty else { return SituationDraft(date: scenario.date, scenarioText: text, figures: figures, note: note) }
    let applied = VariantSet.apply(old, to: text)
    var fullNote = note
    if !applied.refused.isEmpty {
      let dropped = "non reprise(s) : " + applied.refused.joined(separator: " ; ")
      fullNote = note.map { $0 + " — " + dropped } ?? dropped
    }
    return SituationDraft(date: scenario.date, scenarioText: text, figures: figures, note: fullNote, variants: applied.kept)
  }
}
