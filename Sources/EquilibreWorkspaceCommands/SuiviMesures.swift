import ArgumentParser
import EquilibreCases
import EquilibreCommands
import EquilibreCore
import EquilibreDocuments
import Foundation

// `equilibre suivi mesure`, `echeances` and `evolution`: the measures, the deadlines and the figures over time.
struct SuiviMesure: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "mesure", abstract: "Ouvre, renouvelle ou clôt une mesure d'accompagnement.",
    discussion: """
      Types : asd, acti-loge, asll, avdl, iml, education-budgetaire, autre. Durées et renouvellements
      suivent la politique des mesures (livrée, ou --politique FICHIER) : un renouvellement au-delà est
      refusé, sauf --derogation.
      Exemples :
        equilibre suivi mesure EQ-2026-00001 ouvrir --type acti-loge --debut 2026-11-01 --duree 6 --prescripteur "Action Logement"
        equilibre suivi mesure EQ-2026-00001 renouveler M1 --duree 4 --accord "conseillère Action Logement"
        equilibre suivi mesure EQ-2026-00001 clore M1 --motif "objectifs atteints"
      """)
  @Argument(help: "Référence du dossier.") var reference: String
  @Argument(help: "ouvrir, renouveler ou clore.") var action: String
  @Argument(help: "Mesure (M1) à renouveler ou clore.") var id: String?
  @Option(help: "Type de mesure (ouvrir).") var type: String?
  @Option(help: "Prescripteur (ouvrir).") var prescripteur: String?
  @Option(help: "Début (AAAA-MM-JJ), aujourd'hui par défaut.") var debut: String?
  @Option(help: "Durée en mois (ouvrir, renouveler).") var duree: Int?
  @Option(help: "Qui a donné son accord (renouveler).") var accord: String?
  @Option(help: "Date du renouvellement ou de la fin (AAAA-MM-JJ), aujourd'hui par défaut.") var date: String?
  @Option(help: "Motif de fin (clore).") var motif: String?
  @Flag(help: "Accepter un renouvellement au-delà de la politique (noté au journal).") var derogation = false
  @OptionGroup var policy: PolicyOption
  @OptionGroup var version: VersionOption
  @OptionGroup var store: StoreOptions

  enum Verb: String, CaseIterable { case ouvrir, renouveler, clore }

  func run() async throws {
    let ref = try caseRef(reference)
    let verb = try choice(action, option: "ACTION", Verb.self)
    let day = try date.map { try dateOption($0, option: "--date") } ?? CivilDate.today
    let actor = store.actor
    let expected = version.versionLue
    let policy = try policy.load()
    switch verb {
    case .ouvrir:
      guard let t = type else { throw CLIError.usage("--type : asd, acti-loge, asll, avdl, iml, education-budgetaire ou autre") }
      let measureType = try choice(t, option: "--type", MeasureType.self)
      guard let months = duree ?? policy.initialMonths(measureType) else {
        throw CLIError.usage("--duree : aucune durée n'est fixée pour cette mesure par la politique, indiquez-la en mois")
      }
      if let refusal = policy.openingRefusal(measureType, months: months), !derogation {
        throw CLIError.usage("--duree \(months) : \(refusal) (--derogation pour passer outre)")
      }
      let start = try debut.map { try dateOption($0, option: "--debut") } ?? CivilDate.today
      let change = CaseChange.openMeasure(type: measureType, prescriber: prescripteur, start: start, months: months)
      let file = try await store.apply(change, to: ref, expected: expected)
      printChange(file, "mesure ouverte : \(measureType.french), \(months) mois à partir du \(start.french)")
    case .renouveler:
      guard let id = id?.uppercased() else { throw CLIError.usage("indiquez la mesure à renouveler (M1)") }
      let record = try await store.withStore { try await $0.load(ref, by: actor) }
      guard let m = record.measures.first(where: { $0.id == id }) else {
        throw CLIError.data("mesure \(id) introuvable dans le dossier \(ref)")
      }
      let rule = policy.rule(m.type)
      guard let months = duree ?? rule.renewalMonths else { throw CLIError.usage("--duree : durée du renouvellement en mois") }
      guard let who = accord ?? rule.agreedBy else { throw CLIError.usage("--accord : qui a donné son accord au renouvellement") }
      if let refusal = FollowUp.renewalRefusal(m, months: months, policy: policy), !derogation {
        throw CLIError.data("\(refusal) (--derogation pour passer outre, noté au journal)")
      }
      let renewal = Renewal(date: day, months: months, agreedBy: derogation ? "\(who) (dérogation)" : who)
      let file = try await store.apply(.renewMeasure(id: id, renewal: renewal), to: ref, expected: expected)
      printChange(file, "mesure \(id) renouvelée pour \(months) mois")
    case .clore:
      guard let id = id?.uppercased() else { throw CLIError.usage("indiquez la mesure à clore (M1)") }
      guard let reason = motif else { throw CLIError.usage("--motif : pourquoi la mesure prend fin") }
      let file = try await store.apply(.closeMeasure(id: id, end: day, reason: reason), to: ref, expected: expected)
      printChange(file, "mesure \(id) close le \(day.french)")
    }
  }
}

struct SuiviEcheances: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "echeances",
    abstract: "Renouvellements à décider, durées maximales, visites en retard, objectifs dépassés, rendez-vous du jour.",
    discussion: """
      Exemple :
        equilibre suivi echeances --jours 30 --conseiller "C. Martin"
      """)
  @Option(help: "Horizon en jours pour les fins de mesure.") var jours = 30
  @Option(help: "texte ou json.") var format = "texte"
  @Flag(help: "Tous les conseillers (sinon ceux de --conseiller s'il est donné).") var tous = false
  @OptionGroup var policy: PolicyOption
  @OptionGroup var store: StoreOptions

  func run() async throws {
    let json = try choice(format, option: "--format", TextOrJSON.self) == .json
    let policy = try policy.load()
    let today = CivilDate.today
    let horizon = jours
    let only = tous ? nil : store.conseiller
    let alerts: [Alert] = try await store.withStore { s in
      try await s.followUpInputs(CaseFilter(counsellor: only), among: nil, today: today)
        .flatMap { FollowUp.alerts($0, policy: policy, today: today, horizonDays: horizon) }
    }
    if json {
      print(try jsonText(alerts))
      return
    }
    if alerts.isEmpty {
      print("Aucune échéance dans les \(jours) jours.")
      return
    }
    for a in alerts.sorted(by: { ($0.date, $0.ref) < ($1.date, $1.ref) }) {
      print("\(a.date.slashed)  \(a.ref)  \(a.message.displaySafe)")
    }
  }
}

struct SuiviEvolution: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "evolution", abstract: "Évolution des chiffres clés d'une version de la situation à l'autre.",
    discussion: """
      Exemples :
        equilibre suivi evolution EQ-2026-00001
        equilibre suivi evolution EQ-2026-00001 --de 1 --a 2
        equilibre suivi evolution EQ-2026-00001 --format svg --sortie evolution.svg
      """)
  @Argument(help: "Référence du dossier.") var reference: String
  @Option(help: "Première version (numéro).") var de: Int?
  @Option(help: "Dernière version (numéro).") var a: Int?
  @Option(help: "texte, json ou svg.") var format = "texte"
  @Option(help: "Fichier à écrire (svg).") var sortie: String?
  @Flag(help: "Remplacer le fichier de sortie.") var force = false
  @OptionGroup var store: StoreOptions

  enum Format: String, CaseIterable { case texte, json, svg }

  struct Row: Codable {
    var cle: String
    var libelle: String
    var valeurs: [Int?]
    var variation: Int?
  }

  func run() async throws {
    let ref = try caseRef(reference)
    let f = try choice(format, option: "--format", Format.self)
    let actor = store.actor
    let record = try await store.withStore { try await $0.load(ref, by: actor) }
    var versions = record.situations
    if let de { versions = versions.filter { $0.number >= de } }
    if let a { versions = versions.filter { $0.number <= a } }
    guard !versions.isEmpty else { throw CLIError.usage("aucune version de situation dans cet intervalle") }
    let evolution = versions.count == 2 ? Evolution.between(versions[0], versions[1]) : Evolution(versions)
    switch f {
    case .json:
      print(try jsonText(evolution.rows.map { Row(cle: $0.key, libelle: $0.label, valeurs: $0.values, variation: $0.change) }))
    case .svg:
      let svg = EvolutionChart.svg(versions)
      if let out = sortie {
        try checkOutputPath(out, force: force)
        try writeAtomically(svg, to: out, overwrite: force, access: .privateToUser)
        printStandardError("\(out) écrit.")
      } else {
        print(svg)
      }
    case .texte:
      let head = evolution.versions.map { "n° \($0.number) \($0.date.slashed)" }
      let width = 34
      print("".padding(toLength: width, withPad: " ", startingAt: 0) + head.map { $0.leftPadded(16) }.joined() + "Variation".leftPadded(16))
      for row in evolution.rows {
        let cells = row.values.map { KeyFigures.french($0, row.kind).leftPadded(16) }.joined()
        print(
          row.label.padding(toLength: width, withPad: " ", startingAt: 0) + cells
            + KeyFigures.french(row.change, row.kind, signed: true).leftPadded(16))
      }
    }
  }
}
