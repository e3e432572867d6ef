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
    "depots_anterieurs", "logement_social", "offres",
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
    var assets: [Asset] = []
    for item in items(.patrimoine) {
      guard let m = item.mapping(keys: ["type", "valeur", "libelle"]) else { continue }
      let type = m.required("type")?.choice(AssetType.self)
      let value = m.required("valeur")?.money()
      if let type, let value { assets.append(Asset(type: type, value: value, label: m["libelle"]?.string())) }
    }

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
    for item in items(.comptes) {
      guard let m = item.mapping(keys: ["banque", "type", "solde", "date"]) else { continue }
      let bank = m.required("banque")?.requiredString()
      let kind = m["type"]?.choice(BankAccount.Kind.self) ?? .courant
      let balance = m.required("solde")?.money(allowNegative: true)
      if let bank, let balance {
        scenario.bankAccounts.append(BankAccount(bank: bank, kind: kind, balance: balance, date: m["date"]?.date()))
      }
    }
    for item in items(.depotsAnterieurs) {
      guard let m = item.mapping(keys: ["date", "issue"]) else { continue }
      if let d = m.required("date")?.date() { scenario.previousFilings.append(PreviousFiling(date: d, outcome: m["issue"]?.string())) }
    }
    for item in items(.procedures) {
      guard let m = item.mapping(keys: ["type", "description", "date", "creancier"]) else { continue }
      if let kind = m.required("type")?.choice(Procedure.Kind.self, aliases: ["cession": .cessionRemuneration]) {
        scenario.procedures.append(
          Procedure(kind: kind, description: m["description"]?.string(), date: m["date"]?.date(), creditor: m["creancier"]?.string()))
      }
    }
    scenario.declaredNone = declaredNone
    if let m = top["suivi_social"]?.mapping(keys: ["structure", "referent", "telephone", "courriel"]) {
      scenario.socialService = SocialService(
        organisation: m["structure"]?.string(), referent: m["referent"]?.string(), phone: m["telephone"]?.string(),
        email: m["courriel"]?.string())
    }
    if let m = top["accompagnement"]?.mapping(keys: ["debut", "duree_mois", "objectifs", "engagements_menage", "engagements_conseiller"]) {
      var a = Accompaniment()
      a.start = m["debut"]?.date()
      a.months = m["duree_mois"]?.integer(in: 1...60)
      a.objectives = (m["objectifs"]?.sequence() ?? []).compactMap { $0.string() }
      a.householdCommitments = (m["engagements_menage"]?.sequence() ?? []).compactMap { $0.string() }
      a.counsellorCommitments = (m["engagements_conseiller"]?.sequence() ?? []).compactMap { $0.string() }
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

  static func resource(_ item: YNode, person: (YNode) -> Int?) -> Resource? {
    guard let m = item.mapping(keys: ["type", "montant", "periodicite", "personne", "libelle", "imposable"]) else { return nil }
    let type = m.required("type")?.choice(ResourceType.self, aliases: resourceAliases)
    let amount = m.required("montant")?.money()
    let periodicity = m["periodicite"]?.choice(BudgetPeriodicity.self) ?? .mensuelle
    let who = m["personne"].flatMap(person)
    let taxable = m["imposable"]?.money()
    guard let type, let amount else { return nil }
    return Resource(type: type, amount: amount, periodicity: periodicity, person: who, label: m["libelle"]?.string(), taxable: taxable)
  }

  static func charge(_ item: YNode) -> Charge? {
    guard let m = item.mapping(keys: ["type", "montant", "periodicite", "libelle"]) else { return nil }
    let type = m.required("type")?.choice(ChargeType.self, aliases: chargeAliases)
    let amount = m.required("montant")?.money()
    let periodicity = m["periodicite"]?.choice(BudgetPeriodicity.self) ?? .mensuelle
    guard let type, let amount else { return nil }
    return Charge(type: type, amount: amount, periodicity: periodicity, label: m["libelle"]?.string())
  }

  static func situationSection(_ node: YNode, date: CivilDate?) -> SituationFacts? {
    guard
      let m = node.mapping(keys: [
        "evenements", "catastrophe_reconnue", "ressources_avant", "hausse_charges", "depot_surendettement",
        "mutation", "promesse_embauche", "mobilite_professionnelle",
      ])
    else { return nil }
    var f = SituationFacts()
    let aliases: [String: LifeEvent] = ["impayes": .impayesLoyer, "chomage": .perteEmploi, "licenciement": .perteEmploi]
    for e in m["evenements"]?.sequence() ?? [] {
      // A word (`perte-emploi`), or the event with its date and detail.
      if e.isMapping {
        guard let item = e.mapping(keys: ["type", "date", "precision"]) else { continue }
        let kind = item.required("type")?.choice(LifeEvent.self, aliases: aliases)
        let when = item["date"]?.date()
        if let when, let date, when > date, let node = item["date"] {
          node.error("le \(when.french) est après la date de la situation (\(date.french)) : un événement passé est attendu")
        }
        let detail = item["precision"]?.string()
        if let kind {
          f.events.insert(kind)
          f.timeline.append(DatedEvent(kind, date: when, detail: detail))
        }
      } else if let ev = e.choice(LifeEvent.self, aliases: aliases) {
        f.events.insert(ev)
        f.timeline.append(DatedEvent(ev))
      }
    }
    f.recognisedCatastrophe = m["catastrophe_reconnue"]?.bool()
    f.resourcesBefore = m["ressources_avant"]?.money()
    f.chargesRose = m["hausse_charges"]?.bool()
    f.overIndebtednessFiling = m["depot_surendettement"]?.bool()
    f.mutationDate = m["mutation"]?.date()
    f.jobPromiseStart = m["promesse_embauche"]?.date()
    f.professionalMobility = m["mobilite_professionnelle"]?.bool()
    return f
  }

  static func projectSection(_ node: YNode) -> HousingProject? {
    guard
      let m = node.mapping(keys: [
        "loyer", "charges", "aide_logement", "parc", "zone_visale", "bail_mobilite", "entree", "depot_garantie",
        "etudiant_sans_justificatif",
      ])
    else { return nil }
    guard let rent = m.required("loyer")?.money() else { return nil }
    return HousingProject(
      rent: rent, charges: m["charges"]?.money() ?? .zero, housingBenefit: m["aide_logement"]?.money() ?? .zero,
      sector: m["parc"]?.choice(RentalSector.self), visaleZone: m["zone_visale"]?.integer(in: 1...3),
      bailMobilite: m["bail_mobilite"]?.bool(), moveIn: m["entree"]?.date(), deposit: m["depot_garantie"]?.money(),
      studentWithoutIncomeProof: m["etudiant_sans_justificatif"]?.bool())
  }

  /// `logement_social:` — zone or commune, revenus fiscaux de référence by year, last 12 months.
  static func socialHousingSection(_ node: YNode, date: CivilDate?) -> SocialHousingFacts? {
    guard let m = node.mapping(keys: ["zone", "commune", "revenus_fiscaux", "ressources_12_mois"]) else { return nil }
    var f = SocialHousingFacts()
    f.zone = m["zone"].flatMap(zone)
    f.commune = m["commune"].flatMap(commune)
    if let r = m["revenus_fiscaux"], let pairs = r.pairs() {
      for (key, keyNode, value) in pairs {
        guard let year = Int(key), (1990...2200).contains(year) else {
          keyNode.error("année attendue (par exemple 2024 : revenu fiscal de référence de l'avis d'imposition 2025)")
          continue
        }
        if let d = date, year > d.year {
          keyNode.error("année \(year) postérieure à la date de la situation")
          continue
        }
        if let amount = value.money() { f.taxIncome[year] = amount }
      }
    }
    f.lastTwelveMonths = m["ressources_12_mois"]?.money()
    return f
  }

  static let changeKeys = [
    "ajouter_ressource", "modifier_ressource", "supprimer_ressource", "ajouter_charge", "modifier_charge",
    "supprimer_charge", "logement", "offre", "loyer_variation", "modifier_dette", "supprimer_dette", "nouveau_pret",
    "ajouter_personne", "retirer_personne",
  ]

  /// An offers file (`--offre FICHIER`): `offres:` and its list, as in a scenario.
  public static func parseOffers(_ text: String, file: String) throws(Diagnostics) -> [HousingOffer] {
    let reader = YAMLReader(file: file)
    var out: [HousingOffer] = []
    if let root = reader.root(of: text), let top = root.mapping(keys: ["offres"]), let list = top.required("offres") {
      out = offerList(list)
    }
    if !reader.diagnostics.isEmpty { throw Diagnostics(reader.diagnostics) }
    return out
  }

  /// The offers of an `offres:` list; two offers may not share a name.
  static func offerList(_ node: YNode) -> [HousingOffer] {
    var out: [HousingOffer] = []
    for item in node.sequence() ?? [] {
      guard let o = offer(item) else { continue }
      if out.contains(where: { $0.name == o.name }) { item.error("deux offres portent le nom « \(o.name) »") } else { out.append(o) }
    }
    return out
  }

  /// A social-housing zone, with the short names counsellors use.
  static func zone(_ node: YNode) -> SocialHousingZone? {
    node.choice(SocialHousingZone.self, aliases: ["paris": .parisLimitrophes, "idf": .ileDeFrance, "province": .autresRegions])
  }

  /// An INSEE commune code (5 characters: digits, or 2A/2B for Corsica).
  static func commune(_ node: YNode) -> String? {
    guard let code = node.requiredString() else { return nil }
    guard code.count == 5, code.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "A" || $0 == "B") }) else {
      node.error("code INSEE de commune attendu (5 caractères, par exemple « 92040 »)")
      return nil
    }
    return code
  }

  /// One offer of `offres:`.
  static func offer(_ node: YNode) -> HousingOffer? {
    guard
      let m = node.mapping(keys: ["nom", "financement", "typologie", "zone", "commune", "loyer", "charges", "aide_logement"])
    else { return nil }
    let name = m.required("nom")?.requiredString()
    let financing = m.required("financement")?.choice(
      SocialHousingEligibility.Financing.self, aliases: ["lli": .pli, "plai-adapte": .plai])
    let rent = m.required("loyer")?.money()
    let zone = m["zone"].flatMap(zone)
    let commune = m["commune"].flatMap(commune)
    guard let name, let financing, let rent else { return nil }
    return HousingOffer(
      name: name, financing: financing, typology: m["typologie"]?.string(), zone: zone, commune: commune, rent: rent,
      charges: m["charges"]?.money() ?? .zero, housingBenefit: m["aide_logement"]?.money())
  }

  static func variant(
    _ node: YNode, person: (YNode) -> Int?, creditors: [String], offers: [HousingOffer] = [], members: [Member] = [],
    date: CivilDate? = nil
  ) -> Variant? {
    guard let m = node.mapping(keys: ["nom", "changements"]) else { return nil }
    let name = m.required("nom")?.requiredString()
    var changes: [VariantChange] = []
    func creditor(_ n: YNode?) -> String? {
      guard let n, let c = n.requiredString() else { return nil }
      if creditors.contains(c) { return c }
      var message = "créancier inconnu « \(c) »"
      if let s = closest(to: c, in: creditors) { message += " ; vouliez-vous dire « \(s) » ?" }
      n.error(message + " (nom exact d'un créancier de la section dettes)")
      return nil
    }
    for item in m.required("changements")?.sequence() ?? [] {
      guard let cm = item.mapping(keys: changeKeys) else { continue }
      guard cm.entries.count == 1, let (key, value) = cm.entries.first else {
        item.error("un changement par ligne : \(changeKeys.joined(separator: ", "))")
        continue
      }
      switch key {
      case "ajouter_ressource":
        if let r = resource(value, person: person) { changes.append(.addResource(r)) }
      case "modifier_ressource":
        guard let v = value.mapping(keys: ["type", "montant", "personne"]) else { continue }
        if let t = v.required("type")?.choice(ResourceType.self, aliases: resourceAliases), let a = v.required("montant")?.money() {
          changes.append(.setResource(type: t, person: v["personne"].flatMap(person), amount: a))
        }
      case "supprimer_ressource":
        guard let v = value.mapping(keys: ["type", "personne"]) else { continue }
        if let t = v.required("type")?.choice(ResourceType.self, aliases: resourceAliases) {
          changes.append(.removeResource(type: t, person: v["personne"].flatMap(person)))
        }
      case "ajouter_charge":
        if let c = charge(value) { changes.append(.addCharge(c)) }
      case "modifier_charge":
        guard let v = value.mapping(keys: ["type", "montant"]) else { continue }
        if let t = v.required("type")?.choice(ChargeType.self, aliases: chargeAliases), let a = v.required("montant")?.money() {
          changes.append(.setCharge(type: t, amount: a))
        }
      case "supprimer_charge":
        guard let v = value.mapping(keys: ["type"]) else { continue }
        if let t = v.required("type")?.choice(ChargeType.self, aliases: chargeAliases) { changes.append(.removeCharge(type: t)) }
      case "logement":
        guard let v = value.mapping(keys: ["loyer", "charges", "aide_logement", "statut"]) else { continue }
        changes.append(
          .housing(
            rent: v["loyer"]?.money(), charges: v["charges"]?.money(), benefit: v["aide_logement"]?.money(),
            status: v["statut"]?.choice(HousingStatus.self)))
      case "offre":
        guard let nameNode = Optional(value), let wanted = nameNode.requiredString() else { continue }
        if let o = offers.first(where: { $0.name == wanted }) {
          changes.append(.offer(o))
        } else {
          var message = "offre inconnue « \(wanted) »"
          if let c = closest(to: wanted, in: offers.map(\.name)) { message += " ; vouliez-vous dire « \(c) » ?" }
          value.error(message + " (nom exact d'une offre de la section offres)")
        }
      case "loyer_variation":
        if let d = value.money(allowNegative: true) { changes.append(.rentChange(d)) }
      case "modifier_dette":
        guard let v = value.mapping(keys: ["creancier", "mensualite", "restant_du", "impayes"]) else { continue }
        if let c = creditor(v.required("creancier")) {
          changes.append(
            .setDebt(creditor: c, payment: v["mensualite"]?.money(), remaining: v["restant_du"]?.money(), arrears: v["impayes"]?.money()))
        }
      case "supprimer_dette":
        guard let v = value.mapping(keys: ["creancier"]) else { continue }
        if let c = creditor(v.required("creancier")) { changes.append(.removeDebt(creditor: c)) }
      case "ajouter_personne":
        guard let v = value.mapping(keys: ["prenom", "role", "naissance", "handicap"]) else { continue }
        let role = v.required("role")?.choice(Role.self)
        let birth = v.required("naissance")?.date()
        if role == .demandeur {
          v.owner.error("le ménage a déjà son demandeur : une personne qui arrive est conjoint, enfant ou autre personne à charge")
        }
        if let birth, let date, birth > date {
          v.owner.error("date de naissance postérieure à la date de la situation : une naissance se simule à la date de la situation")
        } else if let role, role != .demandeur, let birth {
          var m = Member(name: v["prenom"]?.string(), role: role, birthDate: birth)
          m.disabled = v["handicap"]?.bool()
          changes.append(.addMember(m))
        }
      case "retirer_personne":
        guard let v = value.mapping(keys: ["prenom"]), let node = v.required("prenom") else { continue }
        if let k = person(node) {
          if let name = members[k].name, members[k].role != .demandeur {
            changes.append(.removeMember(name: name))
          } else {
            node.error("le demandeur ne quitte pas son propre dossier : retirez une autre personne du ménage")
          }
        }
      case "nouveau_pret":
        guard let v = value.mapping(keys: ["libelle", "capital", "taux", "duree", "differe", "solde", "frais"]) else { continue }
        let label = v["libelle"]?.string() ?? "nouveau prêt"
        let capital = v.required("capital")?.money()
        let rate = v["taux"]?.percent() ?? .zero
        let months = v.required("duree")?.integer(in: 1...LoanTerms.maximumPeriods)
        let deferral = v["differe"]?.integer(in: 0...(LoanTerms.maximumPeriods - 1))
        // One creditor, or a list of them (a consolidation).
        let settles: [String] =
          if let node = v["solde"], node.isSequence { (node.sequence() ?? []).compactMap { creditor($0) } } else {
            v["solde"].flatMap { creditor($0) }.map { [$0] } ?? []
          }
        let fees = v["frais"]?.money() ?? .zero
        if let capital, let months {
          var terms = LoanTerms(capital: capital, annualRate: rate, periods: months)
          terms.fees = fees
          if let d = deferral, d > 0 { terms.deferral = Deferral(periods: d, kind: .partial) }
          do {
            try terms.validate()
            changes.append(.newLoan(label: label, terms: terms, settles: settles))
          } catch {
            value.error(error.description)
          }
        }
      default: break
      }
    }
    guard let name else { return nil }
    return Variant(name: name, changes: changes)
  }

  static let resourceAliases: [String: ResourceType] = [
    "ij": .indemnitesJournalieres, "pension": .retraite, "retraite-pension": .retraite, "are": .chomage,
    "caf": .prestationsFamiliales, "allocations-familiales": .prestationsFamiliales, "prime-d-activite": .primeActivite,
  ]
  static let chargeAliases: [String: ChargeType] = [
    "electricite": .energie, "gaz": .energie, "telephone": .telephoneInternet, "internet": .telephoneInternet,
    "assurance": .assurances, "impot": .impots, "pension-alimentaire": .pensionAlimentaireVersee,
    "creche": .garde, "frais-de-garde": .garde,
  ]

  static func member(_ node: YNode) -> Member? {
    guard
      let m = node.mapping(keys: [
        "prenom", "nom", "nom_naissance", "lieu_naissance", "nationalite", "role", "naissance", "activite", "a_charge_saisie",
        "handicap",
      ])
    else { return nil }
    let role = m.required("role")?.choice(Role.self, aliases: ["autre": .autre, "personne-a-charge": .autre])
    let birth = m.required("naissance")?.date()
    var activity: Activity?
    if let a = m["activite"] {
      if role == .enfant {
        a.error("un enfant n'a pas d'activité dans le scénario ; un jeune salarié est demandeur ou conjoint")
      } else {
        activity = self.activity(a)
      }
    }
    let dependant = m["a_charge_saisie"]?.bool()
    guard let role, let birth else { return nil }
    var member = Member(name: m["prenom"]?.string(), role: role, birthDate: birth, activity: activity, dependantForSeizure: dependant)
    member.familyName = m["nom"]?.string()
    member.birthName = m["nom_naissance"]?.string()
    member.birthPlace = m["lieu_naissance"]?.string()
    member.nationality = m["nationalite"]?.string()
    member.disabled = m["handicap"]?.bool()
    return member
  }

  static func activity(_ node: YNode) -> Activity? {
    guard
      let m = node.mapping(keys: [
        "statut", "contrat", "debut", "fin", "heures_12_mois", "effectif_employeur", "secteur", "salaire_brut", "employeur",
        "employeur_adresse",
      ])
    else { return nil }
    guard let status = m.required("statut")?.choice(ActivityStatus.self, aliases: ["salariee": .salarie, "chomeur": .demandeurEmploi])
    else { return nil }
    var a = Activity(status: status)
    if status == .salarie {
      a.contract = m.required("contrat")?.choice(ContractType.self)
      a.sector = m["secteur"]?.choice(EmployerSector.self, aliases: ["prive-non-agricole": .prive])
    } else {
      a.contract = m["contrat"]?.choice(ContractType.self)
      a.sector = m["secteur"]?.choice(EmployerSector.self)
    }
    a.start = m["debut"]?.date()
    a.end = m["fin"]?.date()
    if let s = a.start, let e = a.end, e < s { m["fin"]?.error("la date de fin précède la date de début") }
    a.hoursLast12Months = m["heures_12_mois"]?.integer(in: 0...3000)
    a.employerHeadcount = m["effectif_employeur"]?.integer(in: 0...10_000_000)
    a.grossSalary = m["salaire_brut"]?.money()
    a.employerName = m["employeur"]?.string()
    a.employerAddress = m["employeur_adresse"]?.string()
    return a
  }

  static func housingSection(_ node: YNode) -> Housing? {
    guard
      let m = node.mapping(keys: [
        "statut", "loyer", "charges", "aide_logement", "pret_immobilier", "bailleur", "commune", "zone_apl", "meuble",
        "colocation", "conventionne",
      ])
    else { return nil }
    var h = Housing()
    h.status = m.required("statut")?.choice(HousingStatus.self)
    h.rent = m["loyer"]?.money() ?? .zero
    h.charges = m["charges"]?.money() ?? .zero
    h.housingBenefit = m["aide_logement"]?.money() ?? .zero
    if let c = m["commune"] {
      if let code = c.string(), APLZoning.isCommuneCode(code) {
        h.commune = code
      } else {
        c.error("code INSEE de commune attendu (5 caractères, par exemple 22278 ou 2A004)")
      }
    }
    h.aplZone = m["zone_apl"]?.choice(APLZone.self)
    h.furnished = m["meuble"]?.bool()
    h.flatShare = m["colocation"]?.bool()
    h.conventionne = m["conventionne"]?.bool()
    if let p = m["pret_immobilier"]?.mapping(keys: ["mensualite", "capital_restant_du"]) {
      h.mortgagePayment = p.required("mensualite")?.money() ?? .zero
      h.mortgageOutstanding = p["capital_restant_du"]?.money()
    }
    if let b = m["bailleur"]?.mapping(keys: ["nom", "adresse"]) {
      h.landlord = Party(name: b["nom"]?.string(), address: b["adresse"]?.string())
    }
    if let s = h.status, [.proprietaire, .proprietaireAccedant, .heberge, .sansLogement].contains(s), !h.rent.isZero {
      m["loyer"]?.error("un loyer est déclaré pour un ménage « \(s.rawValue) »")
    }
    return h
  }

  static func debt(_ node: YNode) -> Debt? {
    guard
      let m = node.mapping(keys: [
        "creancier", "adresse", "reference", "nature", "restant_du", "impayes", "mensualite", "taux", "fin", "caution",
        "caution_nom", "exclue_effacement", "bailleur",
      ])
    else { return nil }
    let creditor = m.required("creancier")?.requiredString()
    let nature = m.required("nature")?.choice(DebtNature.self, aliases: ["revolving": .creditRenouvelable, "credit-conso": .pretPersonnel])
    let due = m.required("restant_du")?.money()
    let arrears = m["impayes"]?.money() ?? .zero
    if let due, arrears > due { m["impayes"]?.error("les impayés (\(arrears.french)) dépassent le restant dû (\(due.french))") }
    let payment = m["mensualite"]?.money() ?? .zero
    let rate = m["taux"]?.percent()
    let caution = m["caution"]?.choice(CautionStatus.self, aliases: ["garantie": .garantie, "oui": .garantie, "non": .aucune])
    let exclusion = m["exclue_effacement"]?.choice(
      ErasureExclusion.self, aliases: ["pension-alimentaire": .alimentaire, "amende": .amendePenale])
    let landlord = m["bailleur"]?.bool()
    guard let creditor, let nature, let due else { return nil }
    var debt = Debt(
      creditor: creditor, address: m["adresse"]?.string(), reference: m["reference"]?.string(), nature: nature,
      remainingDue: due, arrears: arrears, monthlyPayment: payment, rate: rate, end: m["fin"]?.date(), caution: caution,
      exclusion: exclusion, landlord: landlord)
    debt.guarantor = m["caution_nom"]?.string()
    return debt
  }
}
