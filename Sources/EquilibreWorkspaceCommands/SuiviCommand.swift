import ArgumentParser
import EquilibreCases
import EquilibreCommands
import EquilibreCore
import EquilibreDocuments
import Foundation

/// `equilibre suivi …`: the follow-up of a household over months, in the case base.
struct SuiviCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "suivi",
    abstract: WorkspaceForward.abstract("suivi"),
    discussion: """
      Exemples, un accompagnement de bout en bout :
        equilibre suivi ouvrir parent-separe.yaml --conseiller "C. Martin"
        equilibre suivi mesure EQ-2026-00001 ouvrir --type acti-loge --debut 2026-11-01 --duree 6
        equilibre suivi objectif EQ-2026-00001 --ajouter "Apurer la dette de loyer" --theme logement
        equilibre suivi contact EQ-2026-00001 --canal visite-domicile --synthese "Budget revu ensemble"
        equilibre suivi situation EQ-2026-00001 situation-janvier.yaml
        equilibre suivi echeances --jours 30
        equilibre suivi evolution EQ-2026-00001
        equilibre suivi convention EQ-2026-00001 --sortie convention.html --remettre
        equilibre suivi bilan EQ-2026-00001 --proposition renouveler --sortie bilan.pdf --format pdf
        equilibre suivi clore EQ-2026-00001 --motif objectifs-atteints
      Base : --base FICHIER ou postgres://… (sinon EQUILIBRE_BASE, sinon ~/.local/share/equilibre/dossiers.sqlite).
      """,
    subcommands: [
      SuiviOuvrir.self, SuiviListe.self, SuiviVoir.self, SuiviSituation.self, SuiviContact.self, SuiviObjectif.self, SuiviMesure.self,
      SuiviEcheances.self, SuiviEvolution.self, SuiviConvention.self, SuiviBilan.self, SuiviRemettre.self, SuiviExporter.self,
      SuiviImporter.self, SuiviClore.self, SuiviSuspendre.self, SuiviRouvrir.self, SuiviEffacer.self, SuiviAide.self, SuiviPiece.self,
      SuiviMesureEtat.self, SuiviRapport.self,
    ])
}

/// `--version-lue N`: the version the counsellor read; a concurrent edit then fails cleanly.
struct VersionOption: ParsableArguments {
  @Option(name: .customLong("version-lue"), help: "Version du dossier que vous avez lue : refusé si quelqu'un l'a modifié depuis.")
  var versionLue: Int?
}

/// Reads a scenario file and computes its key figures, as `equilibre budget` would.
package func situationDraft(_ path: String, note: String?) throws -> (SituationDraft, Scenario) {
  let text = try readInputText(path)
  let loaded = try HouseholdOptions.parse([path]).loadCase()
  let figures = try compute { () throws(ParameterError) in try KeyFigures.compute(scenario: loaded.scenario, forfaits: loaded.forfaits) }
  return (.carrying(text: text, scenario: loaded.scenario, figures: figures, note: note, previous: nil), loaded.scenario)
}

func printChange(_ file: CaseFile, _ what: String) {
  print("\(file.ref) : \(what) (version \(file.version)).")
}

struct SuiviOuvrir: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ouvrir", abstract: "Ouvre un dossier à partir d'un scénario (situation n° 1) ; la référence seule en dernière ligne.",
    discussion: """
      Exemple :
        equilibre suivi ouvrir parent-separe.yaml --conseiller "C. Martin" --structure "Association Exemple"
      """)
  @Argument(help: "Scénario du ménage (YAML) : la situation de départ.") var scenario: String
  @Option(help: "Structure qui suit le ménage.") var structure: String?
  @Option(help: "Libellé court du dossier dans les listes (la description du scénario sinon).") var libelle: String?
  @Option(name: .customLong("date-ouverture"), help: "Date d'ouverture (AAAA-MM-JJ), aujourd'hui par défaut.") var dateOuverture: String?
  @Option(help: "Note sur la situation de départ.") var note: String?
  @OptionGroup var store: StoreOptions

  func run() async throws {
    let (draft, scenario) = try situationDraft(scenario, note: note)
    let opened = try dateOuverture.map { try dateOption($0, option: "--date-ouverture") } ?? CivilDate.today
    let label = libelle ?? scenario.summary ?? "Dossier du \(opened.french)"
    let new = NewCase(
      label: String(label.prefix(Limits.label)), counsellor: store.actor, structure: structure ?? scenario.socialService?.organisation,
      openedOn: opened, situation: draft)
    let actor = store.actor
    let ref = try await store.withStore(creates: true) { try await $0.openCase(new, by: actor) }
    print("Dossier ouvert : situation n° 1 du \(draft.date.french), reste à vivre \(Money(cents: draft.figures.resteAVivre).french).")
    print(ref.text)
  }
}

struct SuiviListe: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "liste", abstract: "Les dossiers de la base, 50 par page, avec leurs échéances si demandé.",
    discussion: """
      Exemples :
        equilibre suivi liste --statut ouvert --conseiller "C. Martin"
        equilibre suivi liste --recherche dupont
        equilibre suivi liste --mesure acti-loge --apres EQ-2026-00050
        equilibre suivi liste --echeances --format json --limite 0
      """)
  @Option(help: "ouvert, suspendu ou clos.") var statut: String?
  @Option(help: "Mots cherchés dans le libellé (nom du ménage) ou la référence, sans tenir compte des majuscules ni des accents.")
  var recherche: String?
  @Option(
    help: "Seulement les dossiers ayant une mesure en cours de ce type (\(MeasureType.allCases.map(\.rawValue).joined(separator: ", "))).")
  var mesure: String?
  @Option(help: "Dossiers par page (0 : tous).") var limite = 50
  @Option(help: "Page suivante : les dossiers après cette référence.") var apres: String?
  @Flag(help: "Ajouter à chaque dossier ses échéances et alertes.") var echeances = false
  @Option(help: "Horizon des échéances en jours.") var jours = 30
  @Option(help: "texte ou json.") var format = "texte"
  @OptionGroup var policy: PolicyOption
  @OptionGroup var store: StoreOptions

  struct Line: Codable {
    var dossier: CaseSummary
    var alertes: [Alert]?
  }

  func run() async throws {
    let status = try statut.map { try choice($0, option: "--statut", CaseStatus.self) }
    let measure = try mesure.map { try choice($0, option: "--mesure", MeasureType.self) }
    guard limite >= 0 else { throw CLIError.usage("--limite : un nombre de dossiers, 0 pour tous") }
    let after = try apres.map { typed in
      guard let r = CaseRef(typed) else { throw CLIError.usage("--apres : référence attendue de la forme EQ-AAAA-NNNNN") }
      return r
    }
    let json = try choice(format, option: "--format", TextOrJSON.self) == .json
    let filter = CaseFilter(status: status, counsellor: store.conseiller)
    let query = CaseQuery(filter: filter, search: recherche, measure: measure, after: after, limit: limite)
    let policy = try policy.load()
    let today = CivilDate.today
    let horizon = jours
    let withAlerts = echeances
    let (page, lines): (CaseListing, [Line]) = try await store.withStore { s in
      let page = try await s.page(query)
      guard withAlerts else { return (page, page.cases.map { Line(dossier: $0, alertes: nil) }) }
      var alerts: [CaseRef: [Alert]] = [:]
      for input in try await s.followUpInputs(filter, among: page.cases.map(\.ref), today: today) {
        alerts[input.ref] = FollowUp.alerts(input, policy: policy, today: today, horizonDays: horizon)
      }
      return (page, page.cases.map { Line(dossier: $0, alertes: alerts[$0.ref] ?? []) })
    }
    if json {
      print(try jsonText(lines))
      return
    }
    if lines.isEmpty {
      print("Aucun dossier.")
      return
    }
    for l in lines {
      let d = l.dossier
      let next = d.nextAppointment.map { " — prochain rendez-vous le \($0.french)" } ?? ""
      print(
        "\(d.ref)  \(d.status.french.padding(toLength: 8, withPad: " ", startingAt: 0))  \(d.counsellor)  \(d.label.displaySafe.excerpt)\(next)"
      )
      for a in l.alertes ?? [] { print("    ⚠ \(a.message.displaySafe)") }
    }
    if page.hasNext || page.hasPrevious, let last = lines.last {
      print("\(lines.count) dossier(s) sur \(page.total).\(page.hasNext ? " Suite : --apres \(last.dossier.ref)" : "")")
    }
  }
}

enum TextOrJSON: String, CaseIterable { case texte, json }

struct SuiviVoir: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "voir", abstract: "Tout un dossier : situations, mesures, objectifs, contacts, documents, alertes.",
    discussion: """
      Exemples :
        equilibre suivi voir EQ-2026-00001
        equilibre suivi voir EQ-2026-00001 --journal
        equilibre suivi voir EQ-2026-00001 --format json
      """)
  @Argument(help: "Référence du dossier (EQ-AAAA-NNNNN).") var reference: String
  @Option(help: "texte ou json.") var format = "texte"
  @Flag(help: "Afficher aussi le journal des modifications.") var journal = false
  @Flag(name: .customLong("notes-privees"), help: "Afficher les notes privées des contacts.") var notesPrivees = false
  @OptionGroup var policy: PolicyOption
  @OptionGroup var store: StoreOptions

  struct View: Codable {
    var dossier: CaseRecord
    var alertes: [Alert]
    var evolution: [String: [Int?]]
    var journal: [AuditEntry]?
  }

  func run() async throws {
    let ref = try caseRef(reference)
    let json = try choice(format, option: "--format", TextOrJSON.self) == .json
    let actor = store.actor
    let withJournal = journal
    let (record, audit) = try await store.withStore { s in
      let r = try await s.load(ref, by: actor)
      return (r, withJournal ? try await s.auditLog(ref) : nil)
    }
    let policy = try policy.load()
    let alerts = FollowUp.alerts(FollowUp.Input(record), policy: policy, today: CivilDate.today)
    let evolution = Evolution(record.situations)
    if json {
      var view = View(
        dossier: record, alertes: alerts, evolution: Dictionary(uniqueKeysWithValues: evolution.rows.map { ($0.key, $0.values) }),
        journal: audit)
      if !notesPrivees { for i in view.dossier.contacts.indices { view.dossier.contacts[i].privateNote = nil } }
      print(try jsonText(view))
      return
    }
    let f = record.file
    print("Dossier \(f.ref) — \(f.label.displaySafe)")
    print(
      "  \(f.status.french), ouvert le \(f.openedOn.french) par \(f.counsellor.displaySafe)\(f.structure.map { " (\($0.displaySafe))" } ?? "") — version \(f.version)"
    )
    if let c = f.closedOn {
      print("  clos le \(c.french) : \(f.closingReason?.french ?? "")\(f.closingNote.map { " — \($0.displaySafe)" } ?? "")")
    }
    if f.purged { print("  données personnelles purgées ou effacées") }
    print("\nSituations")
    for s in record.situations {
      print(
        "  n° \(s.number) du \(s.date.french) : reste à vivre \(Money(cents: s.figures.resteAVivre).french), dettes \(Money(cents: s.figures.totalDebts).french), capacité \(Money(cents: s.figures.capacity).french)"
      )
    }
    if !record.measures.isEmpty { print("\nMesures") }
    for m in record.measures {
      let state = m.end.map { "close le \($0.french)" } ?? "jusqu'au \(m.plannedEnd.adding(days: -1).french)"
      print(
        "  \(m.id) \(m.type.french), du \(m.start.french), \(m.grantedMonths) mois, \(state)"
          + (m.suspendedOn.map { ", suspendue depuis le \($0.french)" } ?? ""))
      for (k, r) in m.renewals.enumerated() {
        print("      renouvellement \(k + 1) le \(r.date.french) : \(r.months) mois, accord de \(r.agreedBy.displaySafe)")
      }
    }
    if !record.objectives.isEmpty { print("\nObjectifs") }
    for o in record.objectives {
      print(
        "  \(o.id) [\(o.status.french)] \(o.theme.french) : \(o.wording.displaySafe)\(o.due.map { ", pour le \($0.french)" } ?? "")\(o.agreed ? "" : " (non convenu)")"
      )
      for a in o.actions { print("      \(a.id) [\(a.status.french)] \(a.wording.displaySafe)") }
    }
    if !record.contacts.isEmpty { print("\nContacts") }
    for c in record.contacts {
      print("  \(c.id) \(c.date.french), \(c.channel.french) : \(c.synthesis.displaySafe)")
      if notesPrivees, let n = c.privateNote { print("      note privée : \(n.displaySafe)") }
      if let n = c.nextAppointment { print("      prochain rendez-vous : \(n.french)") }
    }
    let handed = record.documents.filter { !$0.isPiece }
    if !handed.isEmpty { print("\nDocuments remis") }
    for d in handed {
      print("  \(d.id) \(d.date.french) \(d.type.displaySafe) (\(d.format), \(d.size) octets, SHA-256 \(d.sha256.prefix(16))…)")
    }
    if !record.aidRequests.isEmpty { print("\nDemandes d'aide") }
    for a in record.aidRequests { print("  \(a.french.displaySafe)") }
    let checklist = PieceChecklist(record)
    if !checklist.lines.isEmpty {
      print("\nPièces du dossier de surendettement (\(checklist.missing) manquante(s) sur \(checklist.lines.count))")
    }
    for l in checklist.lines {
      print(
        "  [\(l.isReceived ? "reçue" : "manque")] \(l.piece.displaySafe)"
          + (l.received.isEmpty ? "" : " — " + l.received.map(\.id).joined(separator: ", ")))
    }
    for d in checklist.unlinked { print("  [autre] \(d.id) \(d.fileName.displaySafe) (\(d.format), reçue le \(d.date.french))") }
    if !alerts.isEmpty { print("\nÉchéances et alertes") }
    for a in alerts { print("  ⚠ \(a.message.displaySafe)") }
    if let audit {
      print("\nJournal")
      for e in audit { print("  \(e.at)  \(e.actor.displaySafe)  \(e.action)  \(e.detail.displaySafe)") }
    }
  }
}

struct SuiviSituation: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "situation", abstract: "Enregistre une nouvelle version de la situation (les précédentes restent).",
    discussion: """
      Exemple :
        equilibre suivi situation EQ-2026-00001 situation-janvier.yaml --note "reprise d'emploi"
      """)
  @Argument(help: "Référence du dossier.") var reference: String
  @Argument(help: "Scénario de la nouvelle situation (YAML).") var scenario: String
  @Option(help: "Note sur cette version.") var note: String?
  @OptionGroup var version: VersionOption
  @OptionGroup var store: StoreOptions

  func run() async throws {
    let ref = try caseRef(reference)
    let (fileDraft, parsed) = try situationDraft(scenario, note: note)
    let expected = version.versionLue
    let actor = store.actor
    // A file without variants keeps those of the case's latest situation that still apply.
    let (file, draft) = try await store.withStore { s in
      let previous = try await s.load(ref, by: actor).latest
      let draft = SituationDraft.carrying(
        text: fileDraft.scenarioText, scenario: parsed, figures: fileDraft.figures, note: fileDraft.note, previous: previous)
      return (try await s.apply(.situation(draft), to: ref, expectedVersion: expected, by: actor), draft)
    }
    printChange(file, "situation du \(draft.date.french) enregistrée, reste à vivre \(Money(cents: draft.figures.resteAVivre).french)")
  }
}

struct SuiviContact: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "contact", abstract: "Enregistre un contact : visite, entretien, appel, courrier, échange avec un partenaire.",
    discussion: """
      Canaux : visite-domicile, entretien-bureau, telephone, courrier, partenaire.
      La note privée n'est jamais imprimée dans un document remis au ménage.
      Exemple :
        equilibre suivi contact EQ-2026-00001 --canal visite-domicile --synthese "Budget revu" --prochain-rdv 2026-12-15
      """)
  @Argument(help: "Référence du dossier.") var reference: String
  @Option(help: "Date du contact (AAAA-MM-JJ), aujourd'hui par défaut.") var date: String?
  @Option(help: "Canal du contact.") var canal: String
  @Option(help: "Synthèse, qui peut être partagée avec le ménage.") var synthese: String
  @Option(name: .customLong("note-privee"), help: "Note privée du conseiller.") var notePrivee: String?
  @Option(name: .customLong("prochain-rdv"), help: "Prochain rendez-vous (AAAA-MM-JJ).") var prochainRdv: String?
  @OptionGroup var version: VersionOption
  @OptionGroup var store: StoreOptions

  func run() async throws {
    let ref = try caseRef(reference)
    let channel = try choice(canal, option: "--canal", ContactChannel.self)
    let day = try date.map { try dateOption($0, option: "--date") } ?? CivilDate.today
    let next = try prochainRdv.map { try dateOption($0, option: "--prochain-rdv") }
    let change = CaseChange.contact(date: day, channel: channel, synthesis: synthese, privateNote: notePrivee, nextAppointment: next)
    let expected = version.versionLue
    let file = try await store.apply(change, to: ref, expected: expected)
    printChange(file, "contact du \(day.french) enregistré (\(channel.french))")
  }
}

struct SuiviObjectif: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "objectif", abstract: "Ajoute un objectif, ou en modifie un (statut, libellé, échéance, actions).",
    discussion: """
      Thèmes : budget, logement, dettes, droits, emploi, sante, autre.
      Statuts d'un objectif : prevu, en-cours, atteint, abandonne ; d'une action : prevue, en-cours, faite, abandonnee.
      Exemples :
        equilibre suivi objectif EQ-2026-00001 --ajouter "Apurer la dette de loyer" --theme logement --echeance 2027-03-31
        equilibre suivi objectif EQ-2026-00001 O1 --statut en-cours
        equilibre suivi objectif EQ-2026-00001 O1 --action "Demander le FSL maintien" --echeance 2026-12-15
        equilibre suivi objectif EQ-2026-00001 O1.1 --statut faite
      """)
  @Argument(help: "Référence du dossier.") var reference: String
  @Argument(help: "Objectif (O1) ou action (O1.2) à modifier.") var id: String?
  @Option(help: "Libellé d'un nouvel objectif.") var ajouter: String?
  @Option(help: "Thème du nouvel objectif.") var theme = "budget"
  @Option(help: "Nouveau statut.") var statut: String?
  @Option(help: "Nouveau libellé de l'objectif.") var libelle: String?
  @Option(help: "Échéance (AAAA-MM-JJ).") var echeance: String?
  @Option(help: "Ajoute une action à l'objectif.") var action: String?
  @Option(help: "Convenu avec le ménage : oui ou non.") var convenu: String?
  @OptionGroup var version: VersionOption
  @OptionGroup var store: StoreOptions

  func run() async throws {
    let ref = try caseRef(reference)
    let due = try echeance.map { try dateOption($0, option: "--echeance") }
    let agreed: Bool? = try convenu.map {
      switch $0.lowercased() {
      case "oui": return true
      case "non": return false
      default: throw CLIError.usage("--convenu : oui ou non")
      }
    }
    let change: CaseChange
    if let wording = ajouter {
      guard id == nil else { throw CLIError.usage("--ajouter crée un objectif : ne donnez pas d'identifiant") }
      change = .objective(
        theme: try choice(theme, option: "--theme", ObjectiveTheme.self), wording: wording, agreed: agreed ?? true, due: due)
    } else if let id = id?.uppercased() {
      if id.contains(".") {
        guard let s = statut else { throw CLIError.usage("action \(id) : indiquez --statut") }
        change = .actionUpdate(id: id, status: try choice(s, option: "--statut", ActionStatus.self))
      } else if let a = action {
        change = .action(objective: id, wording: a, due: due)
      } else {
        change = .objectiveUpdate(
          id: id, status: try statut.map { try choice($0, option: "--statut", ObjectiveStatus.self) }, wording: libelle, due: due,
          agreed: agreed)
      }
    } else {
      throw CLIError.usage("indiquez --ajouter LIBELLÉ, ou l'objectif à modifier (O1, O1.2)")
    }
    let expected = version.versionLue
    let file = try await store.apply(change, to: ref, expected: expected)
    printChange(file, "objectifs mis à jour")
  }
}

extension String {
  func leftPadded(_ n: Int) -> String { count >= n ? " " + self : String(repeating: " ", count: n - count) + self }
}
