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

  /// `projet_logement`: the home the household is moving to.
  static let project = ScenarioSection<HousingProject>(
    path: "projet_logement",
    fields: [
      .amount("loyer", \.rent, required: true, "Loyer mensuel hors charges."),
      .amount("charges", \.charges, required: false, "Charges locatives mensuelles."),
      .amount("aide_logement", \.housingBenefit, required: false, "Aide au logement mensuelle."),
      .choice("parc", \.sector, "Parc du logement visé."),
      .integer("zone_visale", \.visaleZone, in: 1...3, "Zone Visale du logement visé (plafond de loyer)."),
      .bool("bail_mobilite", \.bailMobilite, "Bail mobilité."),
      .date("entree", \.moveIn, "Date d'entrée dans les lieux."),
      .money("depot_garantie", \.deposit, "Dépôt de garantie demandé (avance Loca-Pass)."),
      .bool("etudiant_sans_justificatif", \.studentWithoutIncomeProof, "Étudiant sans justificatif de ressources (Visale)."),
    ])

  /// `patrimoine[]`: one asset.
  static let asset = ScenarioSection<Asset>(
    path: "patrimoine[]",
    fields: [
      .choice("type", \.type, required: true, "Nature du bien."),
      .amount("valeur", \.value, required: true, "Valeur estimée."),
      .text("libelle", \.label, "Libellé libre."),
    ])

  /// `comptes[]`: one bank account.
  static let bankAccount = ScenarioSection<BankAccount>(
    path: "comptes[]",
    fields: [
      .requiredText("banque", \.bank, "Nom de la banque."),
      .choice("type", \.kind, required: false, "Type de compte."),
      .amount("solde", \.balance, required: true, allowNegative: true, "Solde à la date indiquée (négatif : découvert)."),
      .date("date", \.date, "Date du solde."),
    ])

  /// `incidents_bancaires[]`: one month of incidents on an account.
  static let bankIncidents = ScenarioSection<BankIncidentMonth>(
    path: "incidents_bancaires[]",
    fields: [
      .requiredMonth("mois", \.month, "Mois (AAAA-MM)."),
      .text("compte", \.account, "Compte où ils ont été vus (nom donné dans « comptes »)."),
      .integer("rejets", \.rejections, in: 0...999, "Prélèvements, virements ou chèques rejetés dans le mois."),
      .amount("frais", \.fees, required: false, "Frais d'incidents du mois (commissions d'intervention, frais de rejet, lettres)."),
      .amount("agios", \.overdraftInterest, required: false, "Intérêts débiteurs du mois."),
      .integer("jours_debiteurs", \.daysOverdrawn, in: 0...31, "Jours où le compte a fini la journée en négatif."),
      .amount("jeux", \.gambling, required: false, "Payé aux sites de jeux d'argent dans le mois."),
    ])

  /// `depots_anterieurs[]`: one earlier filing.
  static let previousFiling = ScenarioSection<PreviousFiling>(
    path: "depots_anterieurs[]",
    fields: [
      .requiredDate("date", \.date, "Date du dépôt."),
      .text("issue", \.outcome, "Ce qu'il est devenu."),
    ])

  /// `procedures[]`: one enforcement procedure or wage assignment.
  static let procedure = ScenarioSection<Procedure>(
    path: "procedures[]",
    fields: [
      .choice("type", \.kind, required: true, aliases: ["cession": .cessionRemuneration], "Nature de la procédure."),
      .text("description", \.description, "Description."),
      .date("date", \.date, "Date de l'acte."),
      .text("creancier", \.creditor, "Créancier à la demande de qui la procédure est menée."),
    ])

  /// The descriptions declared here, by full path, for the reference page.
  package static let descriptions: [String: String] = {
    var out: [String: String] = [:]
    for (path, fields) in [
      situation.described, socialService.described, accompaniment.described, project.described, asset.described,
      bankAccount.described, bankIncidents.described, previousFiling.described, procedure.described,
    ] {
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

  /// Reads every declared key present in `mapping` into `value`; false when a required key is
  /// missing or unreadable (each reported at its line).
  @discardableResult
  func read(_ mapping: YMapping, into value: inout Value) -> Bool {
    var complete = true
    for f in fields {
      guard let node = f.required ? mapping.required(f.key) : mapping[f.key] else {
        if f.required { complete = false }
        continue
      }
      if !f.read(node, &value) && f.required { complete = false }
    }
    return complete
  }

  /// A list's items: each a mapping of these keys, read from `blank`; an incomplete item is left out.
  func items(_ nodes: [YNode], from blank: Value) -> [Value] {
    nodes.compactMap { node in
      guard let m = node.mapping(keys: keys) else { return nil }
      var v = blank
      return read(m, into: &v) ? v : nil
    }
  }

  /// True when no field would be written.
  func isEmpty(_ value: Value) -> Bool { fields.allSatisfy { $0.write(value) == nil } }

  /// The `key: value` lines of the fields set, at `level`; as a list item (`- ` before the first
  /// line, the others one level in) when `item`.
  func write(_ value: Value, level: Int, item: Bool = false, _ w: inout ScenarioWriter.Writer) {
    var first = item
    for f in fields {
      guard let text = f.write(value) else { continue }
      let prefix = first ? "- " : ""
      let at = item && !first ? level + 1 : level
      first = false
      if text.hasPrefix("\n") {
        w.line(at, prefix + f.key + ":")
        for line in text.dropFirst().split(separator: "\n", omittingEmptySubsequences: false) {
          w.line(at + (item ? 2 : 1), String(line))
        }
      } else {
        w.line(at, "\(prefix)\(f.key): \(text)")
      }
    }
  }
}

/// One key of a section: its name, its description, how it is read and how it is written.
struct ScenarioField<Value>: Sendable {
  let key: String
  let description: String
  /// A missing key is an error (« champ obligatoire manquant ») and the item is left out.
  var required = false
  /// Reads the node into the value; false when it could not (the error is reported).
  let read: @Sendable (YNode, inout Value) -> Bool
  /// The YAML value; nil when the field is not set. A block (a list) starts with a newline.
  let write: @Sendable (Value) -> String?

  /// Sets the key path when the node reads; the text written when the value is set.
  private static func make<T>(
    _ key: String, _ description: String, _ path: WritableKeyPath<Value, T?> & Sendable, read: @escaping @Sendable (YNode) -> T?,
    write: @escaping @Sendable (T) -> String
  ) -> Self {
    Self(
      key: key, description: description,
      read: { node, v in
        guard let x = read(node) else { return false }
        v[keyPath: path] = x
        return true
      }, write: { $0[keyPath: path].map(write) })
  }

  /// The same for a value that is always there (a required key, or one with a default).
  private static func always<T>(
    _ key: String, _ description: String, _ path: WritableKeyPath<Value, T> & Sendable, required: Bool,
    read: @escaping @Sendable (YNode) -> T?, write: @escaping @Sendable (T) -> String
  ) -> Self {
    Self(
      key: key, description: description, required: required,
      read: { node, v in
        guard let x = read(node) else { return false }
        v[keyPath: path] = x
        return true
      }, write: { write($0[keyPath: path]) })
  }

  static func text(_ key: String, _ path: WritableKeyPath<Value, String?> & Sendable, _ description: String) -> Self {
    make(key, description, path, read: { $0.string() }, write: ScenarioWriter.quote)
  }

  static func requiredText(_ key: String, _ path: WritableKeyPath<Value, String> & Sendable, _ description: String) -> Self {
    always(key, description, path, required: true, read: { $0.requiredString() }, write: ScenarioWriter.quote)
  }

  static func texts(_ key: String, _ path: WritableKeyPath<Value, [String]> & Sendable, _ description: String) -> Self {
    Self(
      key: key, description: description,
      read: {
        $1[keyPath: path] = ($0.sequence() ?? []).compactMap { $0.string() }
        return true
      },
      write: { v in v[keyPath: path].isEmpty ? nil : "\n" + v[keyPath: path].map { "- " + ScenarioWriter.quote($0) }.joined(separator: "\n")
      })
  }

  static func date(_ key: String, _ path: WritableKeyPath<Value, CivilDate?> & Sendable, _ description: String) -> Self {
    make(key, description, path, read: { $0.date() }, write: { $0.description })
  }

  static func requiredDate(_ key: String, _ path: WritableKeyPath<Value, CivilDate> & Sendable, _ description: String) -> Self {
    always(key, description, path, required: true, read: { $0.date() }, write: { $0.description })
  }

  /// A month `AAAA-MM`, always there.
  static func requiredMonth(_ key: String, _ path: WritableKeyPath<Value, CivilDate> & Sendable, _ description: String) -> Self {
    always(
      key, description, path, required: true, read: { $0.month() },
      write: { "\($0.year)-" + ($0.month < 10 ? "0" : "") + "\($0.month)" })
  }

  static func money(
    _ key: String, _ path: WritableKeyPath<Value, Money?> & Sendable, allowNegative: Bool = false, _ description: String
  ) -> Self {
    make(key, description, path, read: { $0.money(allowNegative: allowNegative) }, write: ScenarioWriter.amount)
  }

  /// An amount always written: required, or zero when absent (`required: false`).
  static func amount(
    _ key: String, _ path: WritableKeyPath<Value, Money> & Sendable, required: Bool, allowNegative: Bool = false,
    _ description: String
  ) -> Self {
    always(key, description, path, required: required, read: { $0.money(allowNegative: allowNegative) }, write: ScenarioWriter.amount)
  }

  static func bool(_ key: String, _ path: WritableKeyPath<Value, Bool?> & Sendable, _ description: String) -> Self {
    make(key, description, path, read: { $0.bool() }, write: ScenarioWriter.bool)
  }

  static func integer(
    _ key: String, _ path: WritableKeyPath<Value, Int?> & Sendable, in range: ClosedRange<Int>, _ description: String
  )
    -> Self
  {
    make(key, description, path, read: { $0.integer(in: range) }, write: { String($0) })
  }

  static func choice<T: RawRepresentable & CaseIterable & Sendable>(
    _ key: String, _ path: WritableKeyPath<Value, T?> & Sendable, aliases: [String: T] = [:], _ description: String
  ) -> Self where T.RawValue == String {
    make(key, description, path, read: { $0.choice(T.self, aliases: aliases) }, write: { $0.rawValue })
  }

  /// One of a closed list, always written: required, or its default when absent.
  static func choice<T: RawRepresentable & CaseIterable & Sendable>(
    _ key: String, _ path: WritableKeyPath<Value, T> & Sendable, required: Bool, aliases: [String: T] = [:], _ description: String
  ) -> Self where T.RawValue == String {
    always(key, description, path, required: required, read: { $0.choice(T.self, aliases: aliases) }, write: { $0.rawValue })
  }
}
