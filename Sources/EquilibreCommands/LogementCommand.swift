import ArgumentParser
import EquilibreCore
import Foundation

/// `equilibre logement`: which social and intermediate housing the household may apply for.
struct LogementCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "logement",
    abstract: "Logement social et intermédiaire : catégories de financement (PLAI, PLUS, PLS, PLI) accessibles, plafonds et marges.",
    discussion: """
      Pour chaque financement : « éligible », « non éligible » ou « à vérifier », avec le plafond de la zone,
      la catégorie du ménage, les ressources retenues (revenu fiscal de référence N-2, ou N-1 / 12 derniers
      mois s'ils sont inférieurs d'au moins 10 %), la marge, les motifs et les faits manquants.
      Le scénario porte une section logement_social: (zone ou commune, revenus_fiscaux par année,
      ressources_12_mois) et, pour un membre titulaire de la carte mobilité inclusion invalidité, handicap: true.
      Exemples (fichiers : equilibre exemples --copier NOM) :
        equilibre logement parent-separe.yaml
        equilibre logement mon-cas.yaml --date 2025-03-01 --format json --explique
      """)

  @Argument(help: "Fichier de scénario du ménage (YAML).")
  var scenario: String

  @Option(help: "Date de la demande (AAAA-MM-JJ), à la place de celle du scénario.")
  var date: String?

  @Option(help: "Fichier de paramètres qui ajoute ou remplace des valeurs datées (répétable), par exemple des plafonds manquants.")
  var parametres: [String] = []

  @Option(help: "Fichier d'offres de logement (section offres:), en plus de celles du scénario.")
  var offre: String?

  @Option(help: "Format de sortie : texte ou json.")
  var format: String = "texte"

  @Flag(help: "Détailler chaque plafond : formule, paramètres, dates et sources.")
  var explique = false

  func run() throws {
    var args = [scenario, "--format", format] + parametres.flatMap { ["--parametres", $0] }
    if let d = date { args += ["--date", d] }
    let options = try HouseholdOptions.parse(args)
    let loaded = try options.loadCase()
    let e = SocialHousingEligibility(scenario: loaded.scenario, parameters: loaded.parameters)
    var offers = loaded.scenario.offers
    if let path = offre {
      let text = try readInputText(path)
      do { offers += try ScenarioFile.parseOffers(text, file: path) } catch {
        throw CLIError.data(error.items.map(\.description).joined(separator: "\nequilibre : erreur : "))
      }
    }
    let comparisons = try OfferComparison.all(offers, scenario: loaded.scenario, parameters: loaded.parameters, forfaits: loaded.forfaits)
    switch try options.outputFormat() {
    case .json: print(Self.json(e, offers: comparisons, explain: explique).rendered())
    case .texte: print(Self.text(e, offers: comparisons, explain: explique), terminator: "")
    }
  }

  static func json(_ e: SocialHousingEligibility, offers: [OfferComparison] = [], explain: Bool) -> JSONValue {
    func money(_ m: Money?) -> JSONValue { m.map { .string($0.plainCents) } ?? .null }
    var pairs: [(String, JSONValue)] = [
      ("date", .string(e.date.description)), ("zone", e.zone.map { .string($0.rawValue) } ?? .null),
      (
        "categorie_menage",
        .object([
          ("numero", .int(e.category.number)), ("personnes_supplementaires", .int(e.category.extraPersons)),
          ("motif", .string(e.category.reason)),
        ])
      ),
      ("ressources_retenues", money(e.resources?.amount)), ("annee_ressources", e.resources?.year.map(JSONValue.int) ?? .null),
      ("motif_ressources", e.resources.map { .string($0.reason) } ?? .null),
    ]
    pairs.append(
      (
        "categories",
        .array(
          e.results.map { r in
            var p: [(String, JSONValue)] = [
              ("categorie", .string(r.financing.rawValue)), ("nom", .string(r.financing.french)), ("statut", .string(r.status.rawValue)),
              ("plafond", money(r.ceiling)), ("ressources_retenues", money(r.resources)),
              ("annee_ressources", r.resourcesYear.map(JSONValue.int) ?? .null), ("marge", money(r.margin)),
              ("motifs", .array(r.reasons.map(JSONValue.string))), ("manquants", .array(r.missing.map(JSONValue.string))),
            ]
            if explain, let x = r.explanation {
              p.append(("explication", .array(x.frenchLines.map(JSONValue.string))))
            }
            return .object(p)
          })
      ))
    func rate(_ r: Rational?) -> JSONValue { r.map { .string(Figure.rate($0).plain) } ?? .null }
    func side(_ x: OfferComparison.Side) -> JSONValue {
      .object([
        ("taux_effort_avant_aide", rate(x.effortBeforeBenefit)), ("taux_effort_apres_aide", rate(x.effortAfterBenefit)),
        ("reste_a_vivre", money(x.resteAVivre)), ("reste_a_vivre_par_uc_par_jour", money(x.resteAVivrePerUCPerDay)),
        ("capacite_remboursement", money(x.capacity)),
      ])
    }
    pairs.append(
      (
        "offres",
        .array(
          offers.map { c in
            .object([
              ("nom", .string(c.offer.name)), ("financement", .string(c.offer.financing.rawValue)),
              ("typologie", c.offer.typology.map(JSONValue.string) ?? .null), ("loyer", money(c.offer.rent)),
              ("charges", money(c.offer.charges)),
              ("aide_logement", money(c.benefits.lines.first { $0.kind == .aideLogement }!.after)),
              (
                "aide_logement_origine",
                .string(
                  c.offer.housingBenefit != nil
                    ? "estimee" : (c.benefits.lines.first { $0.kind == .aideLogement }!.computedAfter == nil ? "non_calculee" : "calculee"))
              ),
              ("statut", .string(c.eligibility.status.rawValue)),
              ("plafond", money(c.eligibility.ceiling)), ("marge", money(c.eligibility.margin)),
              ("motifs", .array(c.eligibility.reasons.map(JSONValue.string))),
              ("manquants", .array(c.eligibility.missing.map(JSONValue.string))),
              ("avant", side(c.now)), ("apres", side(c.after)), ("notes", .array(c.notes.map(JSONValue.string))),
            ])
          })
      ))
    return .object(pairs)
  }

  static func text(_ e: SocialHousingEligibility, offers: [OfferComparison] = [], explain: Bool) -> String {
    var out = "Logement social et intermédiaire au \(e.date.french)\n"
    out += "Zone : \(e.zone?.french ?? "à préciser")\n"
    out +=
      "Catégorie de ménage : \(e.category.number)\(e.category.extraPersons > 0 ? " + \(e.category.extraPersons) personne(s) supplémentaire(s)" : "") (\(e.category.reason))\n"
    if let r = e.resources { out += "Ressources retenues : \(r.amount.french) — \(r.reason)\n" }
    out += "\n"
    for r in e.results {
      out += "\(r.financing.french) : \(r.status.french)\n"
      if let c = r.ceiling { out += "  plafond : \(c.french)" + (r.margin.map { "   marge : \($0.french)" } ?? "") + "\n" }
      let zoneLine = e.zone.map { "plafond \($0.french) : " } ?? "\u{0}"
      for m in r.reasons where !m.hasPrefix("catégorie de ménage") && !m.hasPrefix(zoneLine) && !m.hasPrefix("ressources retenues") {
        out += "  • \(m)\n"
      }
      if explain, let x = r.explanation { for l in x.frenchLines { out += "  \(l)\n" } }
    }
    for c in offers {
      let o = c.offer
      out +=
        "\nOffre « \(o.name) » — \(o.financing.rawValue.uppercased())\(o.typology.map { ", \($0)" } ?? ""), loyer \(o.rent.french) + charges \(o.charges.french)"
      out += ", aide au logement \(c.housingAidFrench)\n"
      out += "  éligibilité : \(c.eligibility.status.french)" + (c.eligibility.margin.map { " (marge \($0.french))" } ?? "") + "\n"
      if c.eligibility.status != .eligible {
        for m in c.eligibility.reasons where !m.hasPrefix("catégorie de ménage") && !m.hasPrefix("ressources retenues") {
          out += "  • \(m)\n"
        }
      }
      func pct(_ r: Rational?) -> String { r.map(percentText) ?? "—" }
      out += "                          aujourd'hui        après emménagement\n"
      out +=
        "  taux d'effort avant aide  \(pct(c.now.effortBeforeBenefit).padding(toLength: 18, withPad: " ", startingAt: 0))\(pct(c.after.effortBeforeBenefit))\n"
      out +=
        "  taux d'effort après aide  \(pct(c.now.effortAfterBenefit).padding(toLength: 18, withPad: " ", startingAt: 0))\(pct(c.after.effortAfterBenefit))\n"
      out +=
        "  reste à vivre             \(c.now.resteAVivre.roundedToCents(.halfAwayFromZero).french.padding(toLength: 18, withPad: " ", startingAt: 0))\(c.after.resteAVivre.roundedToCents(.halfAwayFromZero).french)\n"
      out +=
        "  par UC et par jour        \((c.now.resteAVivrePerUCPerDay.map { $0.roundedToCents(.halfAwayFromZero).french } ?? "—").padding(toLength: 18, withPad: " ", startingAt: 0))\(c.after.resteAVivrePerUCPerDay.map { $0.roundedToCents(.halfAwayFromZero).french } ?? "—")\n"
      out +=
        "  capacité de remboursement \(c.now.capacity.french.padding(toLength: 18, withPad: " ", startingAt: 0))\(c.after.capacity.french)\n"
      for n in c.notes { out += "  note : \(n)\n" }
    }
    if !e.missing.isEmpty {
      out += "\nÀ réunir :\n"
      for m in e.missing { out += "  - \(m)\n" }
    }
    return out
  }
}
