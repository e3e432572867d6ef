import ArgumentParser
import EquilibreCore

struct PlanCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "plan",
    abstract: "Plan de désendettement dans la capacité de remboursement, comme une commission le construirait.",
    discussion: """
      Bailleurs payés en premier (L711-6), puis répartition au prorata des sommes dues (ou dans l'ordre
      déclaré), 84 mois au plus plans antérieurs compris, aucun versement sous 15 € sauf pour solder une
      dette, effacement partiel du reste en fin de plan (sauf dettes exclues par L711-4), moratoire si la
      capacité est trop faible.
      Exemples (fichiers : equilibre exemples --copier NOM) :
        equilibre plan couple-trois-enfants-revolving.yaml
        equilibre plan interimaire-credits-conso.yaml --duree-max 60 --repartition ordre --format csv
        equilibre plan parent-separe.yaml --capacite 150 --format json --explique
      """)

  @OptionGroup var household: HouseholdOptions

  @Option(
    name: .customLong("duree-max"),
    help: "Durée maximale en mois, plans antérieurs compris ; sinon le paramètre plan.duree_max_mois (84, L732-3, L733-3).")
  var dureeMax: Int?

  @Option(parsing: .unconditional, help: "Taux annuel des dettes rééchelonnées, en % (au plus le taux légal).")
  var taux: String = "0"

  @Option(help: "Répartition entre créanciers hors bailleurs : prorata ou ordre.")
  var repartition: String = "prorata"

  @Option(parsing: .unconditional, help: "Capacité mensuelle à utiliser, à la place de celle calculée.")
  var capacite: String?

  @Option(help: "Versement mensuel minimal par créancier, en euros ; sinon le paramètre plan.versement_minimal (15 €).")
  var minimum: String?

  @Option(name: .customLong("colonne-taux-legal"), help: "Colonne du taux légal qui plafonne le taux : autres-cas ou particuliers.")
  var colonneTauxLegal: String = "autres-cas"

  @Option(
    name: .customLong("taux-legal"),
    help: "Taux de l'intérêt légal en vigueur, en %, quand l'outil ne le connaît pas encore (arrêté semestriel).")
  var tauxLegal: String?

  @Flag(
    name: .customLong("strict"), help: "Sortie en erreur (code 69) si le plafond du taux (intérêt légal) est inconnu à la date du plan.")
  var strict = false

  @Option(
    name: .customLong("pret-residence"),
    help: "Prêt de la résidence principale d'un propriétaire : arrieres (ses impayés dans le plan, par défaut) ou hors-plan.")
  var pretResidence: String = "arrieres"

  @Flag(name: .customLong("csv-excel"), help: "CSV pour Excel ou LibreOffice en français : « ; », virgule décimale, BOM UTF-8.")
  var csvExcel = false

  enum PlanFormat: String, CaseIterable { case texte, csv, json }

  func run() throws {
    let loaded = try household.loadCase()
    let s = loaded.scenario
    var settings = PlanSettings()
    if let dureeMax {
      guard (1...84).contains(dureeMax) else { throw CLIError.usage("--duree-max : entre 1 et 84 mois (L732-3, L733-3)") }
      settings.maxMonths = dureeMax
    }
    settings.annualRate = try number(taux, option: "--taux") / Rational(100)
    guard !settings.annualRate.isNegative else { throw CLIError.usage("--taux : le taux ne peut pas être négatif") }
    settings.allocation = try choice(repartition, option: "--repartition", PlanAllocation.self)
    if let minimum { settings.minimumPayment = try amount(minimum, option: "--minimum") }
    settings.legalRateColumn = try choice(colonneTauxLegal, option: "--colonne-taux-legal", LegalRateColumn.self)
    settings.homeLoan = try choice(pretResidence, option: "--pret-residence", HomeLoanTreatment.self)
    if let t = tauxLegal {
      let rate = try number(t, option: "--taux-legal") / Rational(100)
      guard !rate.isNegative, rate < 1 else { throw CLIError.usage("--taux-legal : un pourcentage entre 0 et 100") }
      settings.givenLegalRate = rate
    }
    let format = try choice(household.format, option: "--format", PlanFormat.self)
    let capacity: RepaymentCapacity?
    let monthly: Money
    if let c = capacite {
      monthly = try amount(c, option: "--capacite")
      guard !monthly.isNegative else { throw CLIError.usage("--capacite : le montant ne peut pas être négatif") }
      capacity = nil
    } else {
      let computed = try compute { () throws(ParameterError) in
        try RepaymentCapacity(scenario: s, parameters: loaded.parameters, forfaits: loaded.forfaits)
      }
      capacity = computed
      monthly = computed.capacity
    }
    let plan: DebtPlan
    do {
      plan = try DebtPlan(scenario: s, capacity: monthly, settings: settings, parameters: loaded.parameters)
    } catch {
      throw error == .noDebts
        ? CLIError.data(
          s.source.diagnostic("dettes", "aucune dette déclarée : un plan répartit des dettes (section « dettes: »)").description)
        : CLIError.usage(error.description)
    }
    switch format {
    case .json: print(planJSON(plan, explain: household.explique, capacity: capacity).rendered())
    case .csv: print(planCSV(plan, dialect: csvExcel ? .excel : .standard), terminator: "")
    case .texte: print(planText(plan, capacity: capacity, explain: household.explique), terminator: "")
    }
    if strict && plan.legalRateIsProvisional {
      throw CLIError.missingParameter(
        "--strict : taux de l'intérêt légal inconnu au \(plan.start.french) ; indiquez-le avec --taux-legal ou importez-le (equilibre parametres importer)"
      )
    }
  }
}

func planJSON(_ p: DebtPlan, explain: Bool, capacity: RepaymentCapacity?) -> JSONValue {
  var pairs: [(String, JSONValue)] = [
    ("date_debut", .string(p.start.description)),
    ("capacite", .string(p.capacity.plain)),
    ("duree_mois", .int(p.months)),
    ("mensualite_totale", .string(p.months > 0 ? p.monthTotal(1).plain : "0.00")),
    ("total_du", .string(p.totalOwed.plain)),
    ("total_rembourse", .string(p.totalRepaid.plain)),
    ("total_efface", .string(p.totalErased.plain)),
    ("moratoire_mois", .int(p.moratoireMonths)),
    ("date_reexamen", p.reexamination.map { .string($0.description) } ?? .null),
    ("situation_irremediablement_compromise", .bool(p.irremediablementCompromise)),
    (
      "taux_legal",
      .object([
        (
          "valeur",
          p.settings.givenLegalRate.map { .string(($0 * 100).description) }
            ?? p.legalRate.flatMap { if case .number(let r) = $0.value { .string(r.description) } else { nil } } ?? .null
        ),
        ("depuis", p.settings.givenLegalRate == nil ? (p.legalRate.map { .string($0.from.description) } ?? .null) : .null),
        ("indique_par_le_conseiller", .bool(p.settings.givenLegalRate != nil)),
        ("provisoire", .bool(p.legalRateIsProvisional)),
        ("lacune_depuis", p.legalRate?.gapSince.map { .string($0.description) } ?? .null),
      ])
    ),
    (
      "creanciers",
      .array(
        p.creditors.map { c in
          .object([
            ("nom", .string(c.name)), ("nature", .string(c.nature.rawValue)), ("bailleur", .bool(c.landlord)),
            ("exclusion_effacement", c.exclusion.map { .string($0.rawValue) } ?? .null),
            ("du", .string(c.owed.plain)), ("interets", .string(c.interest.plain)), ("rembourse", .string(c.repaid.plain)),
            ("efface", .string(c.erased.plain)), ("reste_du", .string(c.remaining.plain)),
            ("mensualites", .array(c.monthlyCents.map { .string(Money(cents: $0).plain) })),
          ])
        })
    ),
    (
      "encours",
      .array(
        p.balanceSeries.enumerated().map { .object([("mois", .int($0.offset)), ("restant_du", .string(Money(cents: $0.element).plain))]) })
    ),
    ("notes", .array(p.notes.map(JSONValue.string))),
  ]
  if explain {
    if let c = capacity { pairs.append(("explications_capacite", explanationJSON(c.explanations))) }
    pairs.append(("explications_limites", explanationJSON([p.limitsExplanation])))
  }
  return .object(pairs)
}

func planCSV(_ p: DebtPlan, dialect: CSV.Dialect = .standard) -> String {
  var csv = CSV(dialect)
  csv.header(["mois"] + p.creditors.map(\.name) + ["total", "restant_du"])
  let months = max(p.months, p.moratoireMonths)
  for m in 0..<months {
    let cells = p.creditors.map { CSV.Cell.number(Money(cents: m < $0.monthlyCents.count ? $0.monthlyCents[m] : 0).plain) }
    csv.row(
      [.number(String(m + 1))] + cells
        + [.number(p.months > 0 ? p.monthTotal(m + 1).plain : "0.00"), .number(Money(cents: p.balanceSeries[m + 1]).plain)])
  }
  return csv.text
}

func planText(_ p: DebtPlan, capacity: RepaymentCapacity?, explain: Bool) -> String {
  var out = "Plan de désendettement à partir du \(p.start.french)\n\n"
  var summary: [(String, String)] = [
    ("Capacité mensuelle", p.capacity.french + (capacity == nil ? " (fixée par --capacite)" : "")),
    ("Durée", p.months > 0 ? "\(p.months) mois" : "aucun versement"),
    ("Total dû", p.totalOwed.french),
    ("Total remboursé", p.totalRepaid.french),
    ("Total effacé", p.totalErased.french),
  ]
  if p.moratoireMonths > 0 {
    summary.append(("Moratoire", "\(p.moratoireMonths) mois, réexamen le \(p.reexamination!.french)"))
  }
  if p.irremediablementCompromise { summary.append(("Situation", "irrémédiablement compromise : rétablissement personnel à envisager")) }
  out += "Synthèse\n" + Table.keyValues(summary)
  out += "\nPar créancier\n"
  out += Table.render(
    header: ["Créancier", "Dû", "1re mensualité", "Remboursé", "Effacé", "Reste dû"],
    rows: p.creditors.map { c in
      [
        c.name + (c.landlord ? " (bailleur)" : "") + (c.exclusion != nil ? " (non effaçable)" : ""), c.owed.french,
        Money(cents: c.monthlyCents.first ?? 0).french, c.repaid.french, c.erased.french, c.remaining.french,
      ]
    }, leftAligned: [0])
  if p.months > 0 {
    out += "\nMois par mois\n"
    var rows: [[String]] = []
    for m in 1...p.months {
      let date = p.start.adding(months: m)
      rows.append(
        [String(m), "\(date.month < 10 ? "0" : "")\(date.month)/\(date.year)"]
          + p.creditors.map { Money(cents: $0.monthlyCents[m - 1]).french }
          + [p.monthTotal(m).french, Money(cents: p.balanceSeries[m]).french])
    }
    out += Table.render(header: ["Mois", "Échéance"] + p.creditors.map(\.name) + ["Total", "Restant dû"], rows: rows)
  }
  for n in p.notes { out += "  Note : \(n)\n" }
  if explain { out += explanationText((capacity?.explanations ?? []) + [p.limitsExplanation]) }
  return out
}
