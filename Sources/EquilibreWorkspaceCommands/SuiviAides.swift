import ArgumentParser
import EquilibreCases
import EquilibreCommands
import EquilibreCore
import Foundation

/// `equilibre suivi aide`: an aid request filed, or its decision.
struct SuiviAide: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "aide", abstract: "Enregistre une demande d'aide (FSL, Action Logement, CAF…) ou sa décision.",
    discussion: """
      Organismes : \(AidOrganisation.allCases.map(\.rawValue).joined(separator: ", ")).
      Natures : \(AidKind.allCases.map(\.rawValue).joined(separator: ", ")).
      Décisions : \(AidDecision.allCases.map(\.rawValue).joined(separator: ", ")).
      Exemples :
        equilibre suivi aide EQ-2026-00001 --organisme fsl --nature pret --montant 850 --date 2026-06-03
        equilibre suivi aide EQ-2026-00001 --decider A1 --decision accorde --montant 850 --mensualite 50 --mois 17
        equilibre suivi aide EQ-2026-00001 --organisme fsl --nature pret --montant 850 --apres A1
      """)
  @Argument(help: "Référence du dossier.") var reference: String
  @Option(help: "Organisme saisi (nouvelle demande).") var organisme: String?
  @Option(help: "Nature de l'aide (nouvelle demande).") var nature: String?
  @Option(help: "Montant demandé, ou accordé avec --decider (euros).") var montant: String?
  @Option(help: "Date de la demande ou de la décision (AAAA-MM-JJ), aujourd'hui par défaut.") var date: String?
  @Option(help: "Nouvelle demande après celle-ci (refusée ou ajournée), par exemple A1.") var apres: String?
  @Option(help: "Note courte sur la demande.") var note: String?
  @Option(help: "Demande dont la décision est enregistrée (A1…).") var decider: String?
  @Option(help: "Décision : accorde, partiellement-accorde, refuse, ajourne, sans-suite.") var decision: String?
  @Option(help: "Prêt accordé : mensualité de remboursement (euros).") var mensualite: String?
  @Option(help: "Prêt accordé : nombre de mensualités.") var mois: Int?
  @OptionGroup var version: VersionOption
  @OptionGroup var store: StoreOptions

  func cents(_ text: String?, _ option: String) throws -> Int? {
    guard let text else { return nil }
    do { return try AidRequest.cents(text, option) } catch { throw CLIError.usage(error.description) }
  }

  func run() async throws {
    let ref = try caseRef(reference)
    let day = try date.map { try dateOption($0, option: "--date") } ?? CivilDate.today
    let change: CaseChange
    if let id = decider {
      guard let d = decision else {
        throw CLIError.usage("--decider : donnez aussi --decision (\(AidDecision.allCases.map(\.rawValue).joined(separator: ", ")))")
      }
      let chosen = try choice(d, option: "--decision", AidDecision.self)
      var repayment: AidRequest.Repayment?
      if let m = try cents(mensualite, "--mensualite") {
        guard let n = mois else { throw CLIError.usage("--mensualite : donnez aussi --mois (nombre de mensualités)") }
        repayment = .init(monthlyCents: m, months: n)
      }
      change = .aidDecision(
        id: id.uppercased(), decision: chosen, on: day, grantedCents: try cents(montant, "--montant"), repayment: repayment)
    } else {
      guard let o = organisme, let n = nature else {
        throw CLIError.usage("nouvelle demande : --organisme et --nature sont obligatoires (ou --decider A1)")
      }
      change = .aidRequest(
        organisation: try choice(o, option: "--organisme", AidOrganisation.self), kind: try choice(n, option: "--nature", AidKind.self),
        askedCents: try cents(montant, "--montant"), filedOn: day, note: note, previous: apres?.uppercased())
    }
    let file = try await store.apply(change, to: ref, expected: version.versionLue)
    printChange(file, decider.map { "décision sur la demande \($0.uppercased()) enregistrée" } ?? "demande d'aide enregistrée")
  }
}

/// `equilibre suivi piece`: a piece the household brought, kept in the base.
struct SuiviPiece: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "piece", abstract: "Garde une pièce apportée par le ménage (PDF, JPEG ou PNG, 10 Mo au plus) dans le dossier.",
    discussion: """
      Le type est lu dans le contenu du fichier, pas dans son nom. --ligne relie la pièce à une ligne
      de la liste des pièces du dossier de surendettement (equilibre suivi voir la montre).
      Exemple :
        equilibre suivi piece EQ-2026-00001 bulletin-octobre.pdf --ligne "Trois derniers bulletins de salaire de Sophie"
      """)
  @Argument(help: "Référence du dossier.") var reference: String
  @Argument(help: "Fichier de la pièce.") var fichier: String
  @Option(help: "Ligne de la liste des pièces qu'elle satisfait.") var ligne: String?
  @Option(help: "Date de réception (AAAA-MM-JJ), aujourd'hui par défaut.") var date: String?
  @OptionGroup var version: VersionOption
  @OptionGroup var store: StoreOptions

  func run() async throws {
    let ref = try caseRef(reference)
    let day = try date.map { try dateOption($0, option: "--date") } ?? CivilDate.today
    let bytes: [UInt8]
    do { bytes = try InputFile.read(fichier, limit: UploadedPiece.maximumBytes + 1) } catch {
      throw CLIError(message: error.description, code: CLIError.noInput)
    }
    let name = (fichier as NSString).lastPathComponent
    let file = try await store.apply(
      .piece(fileName: name, date: day, checklistLine: ligne, content: bytes), to: ref, expected: version.versionLue)
    printChange(file, "pièce « \(name.excerpt) » rangée")
  }
}

/// `equilibre suivi rapport`: the year's report, as text or CSV.
struct SuiviRapport: AsyncParsableCommand {
  enum Format: String, ExpressibleByArgument, CaseIterable { case texte, csv }
  static let configuration = CommandConfiguration(
    commandName: "rapport", abstract: "Rapport d'activité pour les financeurs : ménages, objectifs, aides, dépôts, évolution.",
    discussion: """
      Par défaut l'année civile en cours. Le CSV s'ouvre tel quel dans un tableur français
      (UTF-8 avec BOM, séparateur « ; », virgule décimale).
      Exemple :
        equilibre suivi rapport --du 2026-01-01 --au 2026-12-31 --mesure asll --format csv --sortie rapport-2026.csv
      """)
  @Option(help: "Début de la période (AAAA-MM-JJ).") var du: String?
  @Option(help: "Fin de la période (AAAA-MM-JJ).") var au: String?
  @Option(help: "Seulement les ménages ayant cette mesure.") var mesure: String?
  @Option(help: "Seulement les mesures de ce financeur (tel que la politique le nomme).") var financeur: String?
  @Option(name: .customLong("suivi-par"), help: "Seulement les dossiers de ce conseiller.") var suiviPar: String?
  @Option(help: "texte (par défaut) ou csv.") var format: Format?
  @Option(help: "Fichier à écrire (sinon la sortie standard).") var sortie: String?
  @Flag(help: "Remplacer --sortie s'il existe.") var force = false
  @OptionGroup var policy: PolicyOption
  @OptionGroup var store: StoreOptions

  func run() async throws {
    let year = CivilDate.today.year
    let from = try du.map { try dateOption($0, option: "--du") } ?? CivilDate(year: year, month: 1, day: 1)!
    let to = try au.map { try dateOption($0, option: "--au") } ?? CivilDate(year: year, month: 12, day: 31)!
    guard from <= to else { throw CLIError.usage("--du doit précéder --au") }
    let filter = YearReport.Filter(
      from: from, to: to, measure: try mesure.map { try choice($0, option: "--mesure", MeasureType.self) }, funder: financeur,
      counsellor: suiviPar)
    let rules = try policy.load()
    let actor = store.actor
    let records = try await store.withStore { try await $0.reportRecords(CaseFilter(), by: actor) }
    let report = YearReport(records, filter: filter, policy: rules)
    let csv = format == .csv
    let text = csv ? report.csv : Self.text(report)
    if let out = sortie {
      try checkOutputPath(out, force: force)
      try writeAtomically(text, to: out, overwrite: force, access: .privateToUser)
      printStandardError("\(out) écrit.")
    } else {
      print(text, terminator: csv ? "" : "\n")
    }
  }

  static func text(_ r: YearReport) -> String {
    var lines = ["Rapport d'activité \(r.filter.french)", ""]
    lines.append("Ménages suivis : \(r.total.followed) ; entrés : \(r.total.opened) ; sortis : \(r.total.closed)")
    for a in r.byMeasure { lines.append("  mesure \(a.label) : \(a.followed) suivis, \(a.opened) entrés, \(a.closed) sortis") }
    for a in r.byFunder { lines.append("  financeur \(a.label) : \(a.followed) suivis, \(a.opened) entrés, \(a.closed) sortis") }
    for a in r.byCounsellor { lines.append("  conseiller \(a.label) : \(a.followed) suivis, \(a.opened) entrés, \(a.closed) sortis") }
    lines.append("Accompagnements clos : \(r.durationsDays.count)" + (r.meanDurationDays.map { ", durée moyenne \($0) jours" } ?? ""))
    for c in r.closingReasons { lines.append("  \(c.label) : \(c.count)") }
    lines.append("Objectifs (domaine : " + ObjectiveStatus.allCases.map(\.french).joined(separator: " / ") + ")")
    for o in r.objectives {
      lines.append("  \(o.domain) : " + o.byStatus.map(String.init).joined(separator: " / ") + " (total \(o.total))")
    }
    lines.append("Demandes d'aide déposées dans la période")
    for a in r.aids {
      lines.append(
        "  \(a.organisation), \(a.decision) : \(a.count), demandé \(Money(cents: a.askedCents).french), accordé \(Money(cents: a.grantedCents).french)"
      )
    }
    lines.append("Dossiers de surendettement déposés : \(r.filings) ; projets remis : \(r.filingDrafts)")
    let e = r.evolution
    if e.households > 0 {
      lines.append("Évolution (\(e.households) ménage(s) avec au moins deux situations, moyennes)")
      lines.append(
        "  reste à vivre : \(e.mean(e.firstResteAVivreCents)!.french) → \(e.mean(e.lastResteAVivreCents)!.french) ; en hausse pour \(e.improved)"
      )
      lines.append("  dettes : \(e.mean(e.firstDebtsCents)!.french) → \(e.mean(e.lastDebtsCents)!.french)")
    }
    return lines.map { TextSafety.neutralized($0) }.joined(separator: "\n")
  }
}

/// `equilibre suivi mesure-etat`: a measure suspended or resumed.
struct SuiviMesureEtat: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "suspendre-mesure", abstract: "Suspend une mesure (sa fin recule d'autant), ou la reprend avec --reprendre.",
    discussion: """
      Exemples :
        equilibre suivi suspendre-mesure EQ-2026-00001 M1 --motif "hospitalisation" --date 2026-09-01
        equilibre suivi suspendre-mesure EQ-2026-00001 M1 --reprendre --date 2026-09-20
      """)
  @Argument(help: "Référence du dossier.") var reference: String
  @Argument(help: "Mesure (M1…).") var mesure: String
  @Option(help: "Motif de la suspension.") var motif: String?
  @Flag(help: "Reprendre la mesure suspendue.") var reprendre = false
  @Option(help: "Date (AAAA-MM-JJ), aujourd'hui par défaut.") var date: String?
  @OptionGroup var version: VersionOption
  @OptionGroup var store: StoreOptions

  func run() async throws {
    let ref = try caseRef(reference)
    let day = try date.map { try dateOption($0, option: "--date") } ?? CivilDate.today
    let id = mesure.uppercased()
    let change: CaseChange
    if reprendre {
      change = .resumeMeasure(id: id, on: day)
    } else {
      guard let motif else { throw CLIError.usage("--motif : dites pourquoi la mesure est suspendue (ou --reprendre)") }
      change = .suspendMeasure(id: id, on: day, reason: motif)
    }
    let file = try await store.apply(change, to: ref, expected: version.versionLue)
    printChange(file, "mesure \(id) \(reprendre ? "reprise" : "suspendue") le \(day.french)")
  }
}
