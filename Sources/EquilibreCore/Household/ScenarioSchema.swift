/// Sections of the scenario declared once, key by key: the reader (``ScenarioFile``), the writer
/// (``ScenarioWriter``) and the format's reference page (`docs/format-scenario.md`) all go through
/// these declarations, so that adding a field there adds it everywhere (CONTRIBUTING.md).
///
/// Sections with lists of records or rules across fields (the household, the budget, the debts,
/// the variants) keep their own reading and writing code in `ScenarioFile+…`/`ScenarioWriter+…`.
package enum ScenarioSchema {
  /// `situation`: the household's situation, after its list of events (read and written apart).
  static let situation = ScenarioSection<SituationFacts>(
    path: "situation",
    fields: [
      .bool("catastrophe_reconnue", \.recognisedCatastrophe, "Catastrophe naturelle ou technologique reconnue."),
      .money("ressources_avant", \.resourcesBefore, "Ressources mensuelles avant l'événement (baisse de ressources)."),
      .bool("hausse_charges", \.chargesRose, "Hausse brutale des charges."),
      .bool("depot_surendettement", \.overIndebtednessFiling, "Dossier de surendettement déposé ou à déposer."),
      .date("mutation", \.mutationDate, "Date d'une mutation professionnelle."),
      .date("promesse_embauche", \.jobPromiseStart, "Date d'embauche promise."),
      .bool("mobilite_professionnelle", \.professionalMobility, "Déménagement pour l'emploi (Mobili-Jeune, Mobili-Pass)."),
      .text(
        "recit", \.householdAccount,
        "Le récit du ménage, en ses propres mots : repris tel quel dans la lettre qui explique la situation (déclaration de surendettement)."
      ),
    ])

  /// `suivi_social`: the social service that follows the household.
  static let socialService = ScenarioSection<SocialService>(
    path: "suivi_social",
    fields: [
      .text("structure", \.organisation, "Nom de la structure."),
      .text("referent", \.referent, "Travailleur social référent."),
      .text("telephone", \.phone, "Téléphone."),
      .text("courriel", \.email, "Courriel."),
    ])

  /// `accompagnement`: the accompaniment's start, length, objectives and commitments.
  static let accompaniment = ScenarioSection<Accompaniment>(
    path: "accompagnement",
    fields: [
      .date("debut", \.start, "Début de la mesure."),
      .integer("duree_mois", \.months, in: 1...60, "Durée en mois."),
      .texts("objectifs", \.objectives, "Objectifs, un par ligne."),
      .texts("engagements_menage", \.householdCommitments, "Engagements du ménage."),
      .texts("engagements_conseiller", \.counsellorCommitments, "Engagements du conseiller."),
    ])

  /// The descriptions declared here, by full path, for the reference page.
  package static let descriptions: [String: String] = {
    var out: [String: String] = [:]
    for (path, fields) in [situation.described, socialService.described, accompaniment.described] {
      for (key, description) in fields { out[path + "." + key] = description }
    }
    return out
  }()
}

/// A mapping of the scenario whose keys are each one ``ScenarioField``.
struct ScenarioSection<Value>: Sendable {
  let path: String
  let fields: [ScenarioField<Value>]

  var keys: [String] { fields.map(\.key) }
  var described: (String, [(String, String)]) { (path, fields.map { ($0.key, $0.description) }) }

  /// Reads every declared key present in `mapping` into `value`.
  func read(_ mapping: YMapping, into value: inout Value) {
    for f in fields { if let node = mapping[f.key] { f.read(node, &value) } }
  }

  /// True when no field would be written.
  func isEmpty(_ value: Value) -> Bool { fields.allSatisfy { $0.write(value) == nil } }

  /// The `key: value` lines of the fields set, at `level`.
  func write(_ value: Value, level: Int, _ w: inout ScenarioWriter.Writer) {
    for f in fields {
      guard let text = f.write(value) else { continue }
      if text.hasPrefix("\n") {
        w.line(level, f.key + ":")
        for item in text.dropFirst().split(separator: "\n", omittingEmptySubsequences: false) { w.line(level + 1, String(item)) }
      } else {
        w.line(level, "\(f.key): \(text)")
      }
    }
  }
}

/// One key of a section: its name, its description, how it is read and how it is written.
struct ScenarioField<Value>: Sendable {
  let key: String
  let description: String
  let read: @Sendable (YNode, inout Value) -> Void
  /// The YAML value; nil when the field is not set. A block (a list) starts with a newline.
  let write: @Sendable (Value) -> String?

  static func text(_ key: String, _ path: WritableKeyPath<Value, String?> & Sendable, _ description: String) -> Self {
    Self(
      key: key, description: description, read: { $1[keyPath: path] = $0.string() }, write: { $0[keyPath: path].map(ScenarioWriter.quote) })
  }

  static func texts(_ key: String, _ path: WritableKeyPath<Value, [String]> & Sendable, _ description: String) -> Self {
    Self(
      key: key, description: description, read: { $1[keyPath: path] = ($0.sequence() ?? []).compactMap { $0.string() } },
      write: { v in v[keyPath: path].isEmpty ? nil : "\n" + v[keyPath: path].map { "- " + ScenarioWriter.quote($0) }.joined(separator: "\n")
      })
  }

  static func date(_ key: String, _ path: WritableKeyPath<Value, CivilDate?> & Sendable, _ description: String) -> Self {
    Self(key: key, description: description, read: { $1[keyPath: path] = $0.date() }, write: { $0[keyPath: path]?.description })
  }

  static func money(_ key: String, _ path: WritableKeyPath<Value, Money?> & Sendable, _ description: String) -> Self {
    Self(
      key: key, description: description, read: { $1[keyPath: path] = $0.money() }, write: { $0[keyPath: path].map(ScenarioWriter.amount) })
  }

  static func bool(_ key: String, _ path: WritableKeyPath<Value, Bool?> & Sendable, _ description: String) -> Self {
    Self(key: key, description: description, read: { $1[keyPath: path] = $0.bool() }, write: { $0[keyPath: path].map(ScenarioWriter.bool) })
  }

  static func integer(
    _ key: String, _ path: WritableKeyPath<Value, Int?> & Sendable, in range: ClosedRange<Int>, _ description: String
  ) -> Self {
    Self(
      key: key, description: description, read: { $1[keyPath: path] = $0.integer(in: range) },
      write: { $0[keyPath: path].map(String.init) })
  }
}
