import Foundation

/// Reading the housing sections: `situation`, `projet`, `logement_social` and the offers (`offres`, `--offre`).
extension ScenarioFile {
  static func situationSection(_ node: YNode, date: CivilDate?) -> SituationFacts? {
    guard
      let m = node.mapping(keys: ["evenements"] + ScenarioSchema.situation.keys)
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
    ScenarioSchema.situation.read(m, into: &f)
    return f
  }

  static func projectSection(_ node: YNode) -> HousingProject? {
    guard let m = node.mapping(keys: ScenarioSchema.project.keys) else { return nil }
    var p = HousingProject(rent: .zero)
    return ScenarioSchema.project.read(m, into: &p) ? p : nil
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
}
