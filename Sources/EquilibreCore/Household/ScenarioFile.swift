import Foundation

/// Reads a household scenario from YAML (format in the README and `equilibre nouveau`).
/// Every problem of the file is reported at once, each with `fichier:ligne:colonne` and the
/// field path.
public enum ScenarioFile {
  /// Keys accepted under `attendu:`: the JSON keys of `budget` and `capacite`.
  public static let expectedKeys = [
    "ressources_mensuelles", "charges_mensuelles", "reste_a_vivre", "reste_a_vivre_par_personne",
    "reste_a_vivre_par_uc_par_jour", "unites_consommation", "taux_effort", "taux_effort_avant_aide",
    "quotite_saisissable", "rsa_foyer", "budget_vie_courante", "capacite_remboursement", "terme_limitant",
    "solde_bancaire_insaisissable", "personnes_a_charge",
  ]

  /// `aide_<id>` (a status) or `aide_<id>_montant` (an amount), for the aids of ``AidID``.
  static func isAidExpectation(_ key: String) -> Bool {
    guard key.hasPrefix("aide_") else { return false }
    var id = String(key.dropFirst(5))
    if id.hasSuffix("_montant") { id = String(id.dropLast(8)) }
    return AidID(rawValue: id) != nil
  }

  static let topKeys = [
    "date", "departement", "menage", "logement", "ressources", "charges", "dettes", "patrimoine", "notes",
    "reglages", "attendu", "description", "situation", "projet_logement", "variantes", "adresse", "telephone", "courriel",
    "situation_familiale", "procedures", "suivi_social", "accompagnement", "regime_matrimonial", "comptes",
    "depots_anterieurs", "logement_social", "offres", "incidents_bancaires",
  ]

  /// A file named in a scenario (`reglages.forfaits`…): absolute, or relative to the scenario.
  public static func path(_ file: String, relativeTo scenarioPath: String) -> String {
    file.hasPrefix("/") ? file : URL(fileURLWithPath: scenarioPath).deletingLastPathComponent().appendingPathComponent(file).path
  }

  /// Reads and parses a file; the diagnostics name it.
  public static func load(path: String) throws(Diagnostics) -> Scenario {
    let text: String
    do { text = try InputFile.text(path) } catch {
      throw Diagnostics([Diagnostic(file: path, line: 1, column: 1, path: "", message: error.description)])
    }
    return try parse(text, file: path)
  }

  /// Settings that name another file, with their scenario field.
  public enum NamedFile: String, Sendable, CaseIterable {
    case forfaits = "reglages.forfaits"
    case fsl = "reglages.fsl"
    case actionLogementPolicy = "reglages.politique_action_logement"

    func name(in s: Settings) -> String? {
      switch self {
      case .forfaits: s.forfaitsFile
      case .fsl: s.fslFile
      case .actionLogementPolicy: s.actionLogementPolicyFile
      }
    }
  }

  /// Reads a parameter file named by the scenario (relative to the scenario's folder).
  ///
  /// A scenario may come from someone else, so the file it names is treated with care: it must
  /// be a `.yaml` file, and an error about it gives the scenario line that names it, the file's
  /// path, line and column and the reason, never the file's contents.
  public static func loadNamed(_ which: NamedFile, of scenario: Scenario) throws(Diagnostics) -> ParameterSet? {
    guard let name = which.name(in: scenario.settings) else { return nil }
    let source = scenario.source
    let path = source.file.map { Self.path(name, relativeTo: $0) } ?? name
    guard name.hasSuffix(".yaml") || name.hasSuffix(".yml") else {
      throw Diagnostics([source.diagnostic(which.rawValue, "un fichier .yaml est attendu (« \(name.excerpt) »)")])
    }
    let text: String
    do { text = try InputFile.text(path, limit: 4_000_000) } catch {
      let why: String =
        switch error {
        case .notFound: "fichier « \(name.excerpt) » introuvable (cherché : \(path.excerptPath))"
        default: error.description
        }
      throw Diagnostics([source.diagnostic(which.rawValue, why)])
    }
    do {
      return try ParameterFile.parse(text, file: path, quotesValues: false)
    } catch {
      throw Diagnostics(
        [source.diagnostic(which.rawValue, "le fichier « \(name.excerpt) » contient des erreurs")] + error.items)
    }
  }

  public static func parse(_ text: String, file: String) throws(Diagnostics) -> Scenario {
    try parse(text, file: file, recorder: nil)
  }

  /// The same parse, noting every field read in `recorder` (for the generated reference).
  package static func parse(_ text: String, file: String, recorder: FieldRecorder?) throws(Diagnostics) -> Scenario {
    let reader = YAMLReader(file: file)
    reader.recorder = recorder
    guard let root = reader.root(of: text), let top = root.mapping(keys: topKeys) else {
      throw Diagnostics(reader.diagnostics)
    }
    let date = top.required("date")?.date()
    let departement = top["departement"]?.string()

    // Members.
    var members: [Member] = []
    var memberNodes: [YNode] = []
    if let list = top.required("menage")?.sequence() {
      if list.isEmpty { top.owner.error("le ménage doit compter au moins une personne (menage:)") }
      for item in list {
        if let m = member(item) {
          members.append(m)
          memberNodes.append(item)
        }
      }
    }
    let applicants = members.filter { $0.role == .demandeur }.count
    if !members.isEmpty && applicants != 1 {
      (memberNodes.first ?? root).error("le ménage doit avoir exactement un demandeur (\(applicants) trouvé\(applicants > 1 ? "s" : ""))")
    }
    if members.filter({ $0.role == .conjoint }).count > 1 {
      root.error("le ménage ne peut avoir qu'un conjoint")
    }
    if let d = date {
      for (m, n) in zip(members, memberNodes) where m.birthDate > d {
        n.error("date de naissance postérieure à la date de la situation")
      }
    }

    // Resolves `personne:` to a member index.
    func person(_ node: YNode) -> Int? {
      guard let ref = node.requiredString() else { return nil }
      let key = normalizedChoice(ref)
      if let i = members.firstIndex(where: { $0.name.map(normalizedChoice) == key }) { return i }
      if let i = members.firstIndex(where: { $0.role.rawValue == key }), key == "demandeur" || key == "conjoint" {
        return i
      }
      let names = members.compactMap(\.name) + ["demandeur", "conjoint"]
      var message = "personne inconnue « \(ref) »"
      if let c = closest(to: ref, in: names) { message += " ; vouliez-vous dire « \(c) » ?" }
      node.error(message + " (prénom d'un membre du ménage, « demandeur » ou « conjoint »)")
      return nil
    }

    let housing = top["logement"].flatMap(housingSection) ?? Housing()

    var resources: [Resource] = []
    for item in top["ressources"]?.sequence() ?? [] {
      if let r = resource(item, person: person) { resources.append(r) }
    }

    var charges: [Charge] = []
    for item in top["charges"]?.sequence() ?? [] {
      guard let c = charge(item) else { continue }
      let type: ChargeType? = c.type
      if type == .loyer && !housing.rent.isZero {
        item.error("le loyer est déjà déclaré dans « logement.loyer » : ne le comptez pas deux fois")
        continue
      }
      if type == .chargesLocatives && !housing.charges.isZero {
        item.error("les charges locatives sont déjà déclarées dans « logement.charges »")
        continue
      }
      charges.append(c)
    }

    var debts: [Debt] = []
    for item in top["dettes"]?.sequence() ?? [] {
      if let d = debt(item) { debts.append(d) }
    }

    var declaredNone: Set<DeclaredList> = []
    /// The items of a list the filing needs, noting a list declared empty on purpose.
    func items(_ list: DeclaredList) -> [YNode] {
      guard let r = top[list.rawValue]?.sequenceOrNone() else { return [] }
      if r.none { declaredNone.insert(list) }
      return r.items
    }
    let assets = ScenarioSchema.asset.items(items(.patrimoine), from: Asset(type: AssetType.allCases[0], value: .zero))

    var settings = Settings()
    if let r = top["reglages"]?.mapping(keys: [
      "politique_reste_a_vivre", "forfaits", "personnes_a_charge_saisie", "politique_action_logement", "fsl",
      "plans_anterieurs_mois", "prestations", "tolerance_prestations",
    ]) {
      if let p = r["prestations"], let name = p.requiredString() {
        if let mode = BenefitsMode(rawValue: normalizedChoice(name)) {
          settings.benefitsMode = mode
        } else {
          p.error("valeur inconnue « \(name) » (valeurs : declarees, calculees)")
        }
      }
      if let t = r["tolerance_prestations"]?.money() { settings.benefitsTolerance = t }
      settings.earlierPlanMonths = r["plans_anterieurs_mois"]?.integer(in: 0...84) ?? 0
      settings.actionLogementPolicyFile = r["politique_action_logement"]?.string()
      settings.fslFile = r["fsl"]?.string()
      if let p = r["politique_reste_a_vivre"], let name = p.requiredString() {
        if let policy = ResteAVivrePolicy.named(normalizedChoice(name)) {
          settings.resteAVivrePolicy = policy
        } else {
          p.error("politique inconnue « \(name) » (politiques : \(ResteAVivrePolicy.all.map(\.name).joined(separator: ", ")))")
        }
      }
      settings.forfaitsFile = r["forfaits"]?.string()
      settings.seizureDependants = r["personnes_a_charge_saisie"]?.integer(in: 0...30)
    }

    var expected: [ExpectedFigure] = []
    if let a = top["attendu"], let pairs = a.pairs() {
      for (key, keyNode, value) in pairs {
        guard expectedKeys.contains(key) || isAidExpectation(key) || CaseFigures.isOwnKey(key) else {
          var message = "figure attendue inconnue « \(key) »"
          let aidKeys = AidID.allCases.map { "aide_\($0.rawValue)" }
          if let c = closest(to: key, in: expectedKeys + CaseFigures.ownKeys + aidKeys) { message += " ; vouliez-vous dire « \(c) » ?" }
          keyNode.error(message)
          continue
        }
        if let text = value.requiredString() {
          expected.append(ExpectedFigure(key: key, text: text, line: value.line, column: value.column))
        }
      }
    }

    let situation = top["situation"].flatMap { situationSection($0, date: date) } ?? SituationFacts()
    let project = top["projet_logement"].flatMap(projectSection)
    let socialHousing = top["logement_social"].flatMap { socialHousingSection($0, date: date) }
    let offers = top["offres"].map(offerList) ?? []
    var variants: [Variant] = []
    for item in top["variantes"]?.sequence() ?? [] {
      if let v = variant(item, person: person, creditors: debts.map(\.creditor), offers: offers, members: members, date: date) {
        variants.append(v)
      }
    }
    let names = variants.map(\.name)
    if Set(names).count != names.count { top["variantes"]?.error("deux variantes portent le même nom") }

    if !reader.diagnostics.isEmpty { throw Diagnostics(reader.diagnostics) }
    guard let date else { throw Diagnostics(reader.diagnostics) }
    var scenario = Scenario(
      date: date, departement: departement, members: members, housing: housing, resources: resources, charges: charges,
      debts: debts, assets: assets, notes: top["notes"]?.string(), settings: settings, expected: expected)
    scenario.situation = situation
    scenario.project = project
    scenario.socialHousing = socialHousing
    scenario.offers = offers
    scenario.variants = variants
    scenario.summary = top["description"]?.string()
    scenario.contact.address = top["adresse"]?.string()
    scenario.contact.phone = top["telephone"]?.string()
    scenario.contact.email = top["courriel"]?.string()
    scenario.familyStatus = top["situation_familiale"]?.choice(
      FamilyStatus.self, aliases: ["mariee": .marie, "pacsee": .pacse, "divorcee": .divorce, "separee": .separe, "veuve": .veuf])
    scenario.matrimonialRegime = top["regime_matrimonial"]?.choice(MatrimonialRegime.self, aliases: ["communaute": .communauteLegale])
    scenario.bankAccounts = ScenarioSchema.bankAccount.items(items(.comptes), from: BankAccount(bank: "", kind: .courant, balance: .zero))
    scenario.bankIncidents = ScenarioSchema.bankIncidents.items(
      top["incidents_bancaires"]?.sequence() ?? [], from: BankIncidentMonth(month: CivilDate(year: 2000, month: 1, day: 1)!))
    scenario.previousFilings = ScenarioSchema.previousFiling.items(
      items(.depotsAnterieurs), from: PreviousFiling(date: CivilDate(year: 2000, month: 1, day: 1)!))
    scenario.procedures = ScenarioSchema.procedure.items(items(.procedures), from: Procedure(kind: Procedure.Kind.allCases[0]))
    scenario.declaredNone = declaredNone
    if let m = top["suivi_social"]?.mapping(keys: ScenarioSchema.socialService.keys) {
      var service = SocialService()
      ScenarioSchema.socialService.read(m, into: &service)
      scenario.socialService = service
    }
    if let m = top["accompagnement"]?.mapping(keys: ScenarioSchema.accompaniment.keys) {
      var a = Accompaniment()
      ScenarioSchema.accompaniment.read(m, into: &a)
      scenario.accompaniment = a
    }
    if !reader.diagnostics.isEmpty { throw Diagnostics(reader.diagnostics) }
    scenario.source.file = file
    for (key, node) in top.entries { scenario.source.locations[key] = (node.line, node.column) }
    if let r = top["reglages"], case .mapping(let pairs) = r.node.kind {
      for (k, v) in pairs { if let name = k.scalarText { scenario.source.locations["reglages." + name] = (v.line, v.column) } }
    }
    return scenario
  }
}
