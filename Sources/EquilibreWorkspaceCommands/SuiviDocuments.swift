import ArgumentParser
import EquilibreCases
import EquilibreCommands
import EquilibreCore
import EquilibreDocuments
import Foundation

/// Output options of the convention and the review.
struct CaseDocumentOptions: ParsableArguments {
  @Option(help: "html, md ou pdf (avec weasyprint).") var format = "html"
  @Option(help: "Fichier à écrire ; la sortie standard sinon.") var sortie: String?
  @Flag(help: "Remplacer le fichier de sortie s'il existe.") var force = false
  @Option(help: "Dossier de modèles (en-tête de la structure…).") var modeles: String?
  @Option(name: .customLong("date-document"), help: "Date du document (AAAA-MM-JJ), aujourd'hui par défaut.") var dateDocument: String?
  @Flag(help: "Enregistrer le document comme remis au ménage (conservé dans la base avec son SHA-256).") var remettre = false
  @Flag(help: "Noms, structure, conseiller et référence remplacés, dates ramenées au mois, synthèses retirées (revues de cas).")
  var anonyme = false

  enum Format: String, CaseIterable { case html, md, pdf }

  var day: CivilDate { get throws { try dateDocument.map { try dateOption($0, option: "--date-document") } ?? CivilDate.today } }

  /// Renders, writes, and records the document as handed over when asked.
  func emit(_ kind: DocumentKind, data: [String: Any], ref: CaseRef, situation: Int?, store: StoreOptions) async throws {
    let f = try choice(format, option: "--format", Format.self)
    if let out = sortie { try checkOutputPath(out, force: force) }
    let bytes = try renderDocument(kind, markdown: f == .md, pdf: f == .pdf, data: data, modeles: modeles)
    if let out = sortie {
      try writeAtomically(bytes, to: out, overwrite: force, access: .privateToUser)
      printStandardError("\(out) écrit.")
    } else {
      if f == .pdf && isatty(1) != 0 { throw CLIError.usage("--format pdf : indiquez --sortie FICHIER.pdf") }
      FileHandle.standardOutput.write(Data(bytes))
    }
    if remettre {
      guard !anonyme else { throw CLIError.usage("--remettre : un document anonymisé n'est pas remis au ménage") }
      let date = try day
      let name = sortie.map { ($0 as NSString).lastPathComponent } ?? "\(kind.rawValue)-\(ref).\(f.rawValue)"
      let change = CaseChange.document(
        type: kind.rawValue, date: date, situation: situation, format: f.rawValue, fileName: name, content: bytes)
      let file = try await store.apply(change, to: ref)
      printStandardError("\(file.ref) : \(kind.rawValue) enregistré comme remis (version \(file.version)).")
    }
  }
}

struct SuiviConvention: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "convention", abstract: "Convention d'accompagnement / contrat d'engagement réciproque, à signer.",
    discussion: """
      Parties, mesure et durée, objectifs convenus, engagements des deux côtés, confidentialité (envers
      l'employeur pour Action Logement), renouvellement, signatures.
      Exemple :
        equilibre suivi convention EQ-2026-00001 --sortie convention.pdf --format pdf --remettre
      """)
  @Argument(help: "Référence du dossier.") var reference: String
  @Option(help: "Mesure concernée (M1) ; la dernière ouverte sinon.") var mesure: String?
  @OptionGroup var output: CaseDocumentOptions
  @OptionGroup var policy: PolicyOption
  @OptionGroup var store: StoreOptions

  func run() async throws {
    let ref = try caseRef(reference)
    let actor = store.actor
    let record = try await store.withStore { try await $0.load(ref, by: actor) }
    let data = try CaseDocuments.convention(
      record, measure: mesure, policy: try policy.load(), date: try output.day, anonymous: output.anonyme)
    try await output.emit(.convention, data: data, ref: ref, situation: record.latest?.number, store: store)
  }
}

struct SuiviBilan: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bilan", abstract: "Bilan de l'accompagnement, au renouvellement ou à la clôture.",
    discussion: """
      Période, contacts tenus (synthèses partagées, jamais les notes privées), objectifs atteints ou non,
      évolution des chiffres clés (tableau et graphique), proposition.
      Exemple :
        equilibre suivi bilan EQ-2026-00001 --proposition renouveler --commentaire "dette de loyer en voie d'apurement"
      """)
  @Argument(help: "Référence du dossier.") var reference: String
  @Option(help: "Mesure concernée (M1) ; la dernière ouverte sinon.") var mesure: String?
  @Option(help: "renouveler, clore ou orienter.") var proposition = "renouveler"
  @Option(help: "Commentaire de la proposition.") var commentaire: String?
  @OptionGroup var output: CaseDocumentOptions
  @OptionGroup var store: StoreOptions

  func run() async throws {
    let ref = try caseRef(reference)
    let proposal = try choice(proposition, option: "--proposition", ReviewProposal.self)
    let actor = store.actor
    let record = try await store.withStore { try await $0.load(ref, by: actor) }
    let data = try CaseDocuments.review(
      record, measure: mesure, proposal: proposal, comment: commentaire, date: try output.day, anonymous: output.anonyme)
    try await output.emit(.bilan, data: data, ref: ref, situation: record.latest?.number, store: store)
  }
}

struct SuiviRemettre: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "remettre", abstract: "Enregistre un document remis au ménage (fichier conservé dans la base, avec son SHA-256).",
    discussion: """
      Exemple :
        equilibre dossier cas.yaml --sortie dossier.html
        equilibre suivi remettre EQ-2026-00001 dossier.html --type dossier --situation 2
      """)
  @Argument(help: "Référence du dossier.") var reference: String
  @Argument(help: "Fichier remis.") var fichier: String
  @Option(help: "Type : dossier, surendettement, convention, bilan, ou un autre mot.") var type: String
  @Option(help: "Version de la situation dont il est issu.") var situation: Int?
  @Option(help: "Date de remise (AAAA-MM-JJ), aujourd'hui par défaut.") var date: String?
  @OptionGroup var store: StoreOptions

  func run() async throws {
    let ref = try caseRef(reference)
    let bytes: [UInt8]
    do { bytes = try InputFile.read(fichier, limit: 50_000_000) } catch {
      throw CLIError(message: error.description, code: CLIError.noInput)
    }
    let day = try date.map { try dateOption($0, option: "--date") } ?? CivilDate.today
    let ext = (fichier as NSString).pathExtension.lowercased()
    let change = CaseChange.document(
      type: String(type.prefix(60)), date: day, situation: situation, format: ext.isEmpty ? "fichier" : ext,
      fileName: (fichier as NSString).lastPathComponent, content: bytes)
    let file = try await store.apply(change, to: ref)
    printChange(file, "document enregistré comme remis")
  }
}

struct SuiviExporter: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "exporter",
    abstract: "Exporte tout un dossier (droit d'accès) : chaque situation en YAML, chaque document, un JSON du reste.",
    discussion: """
      Exemple :
        equilibre suivi exporter EQ-2026-00001 export-EQ-2026-00001
      """)
  @Argument(help: "Référence du dossier.") var reference: String
  @Argument(help: "Dossier à créer (il ne doit pas exister).") var dossier: String
  @OptionGroup var store: StoreOptions

  func run() async throws {
    let ref = try caseRef(reference)
    let actor = store.actor
    let destination = dossier
    try await store.withStore { s in
      let record = try await s.load(ref, by: actor)
      var contents: [String: [UInt8]] = [:]
      for d in record.documents { contents[d.id] = try await s.documentContent(ref, id: d.id) }
      let audit = try await s.auditLog(ref)
      try CaseArchive.write(record, documents: contents, audit: audit, to: destination, exportedAt: SQLCaseStore.isoNow())
    }
    print("\(ref) exporté dans \(dossier).")
  }
}

struct SuiviImporter: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "importer", abstract: "Importe un dossier exporté (même référence, même contenu) dans la base.",
    discussion: """
      Exemple :
        equilibre suivi importer export-EQ-2026-00001 --base autre-base.sqlite
      """)
  @Argument(help: "Dossier d'export.") var dossier: String
  @OptionGroup var store: StoreOptions

  func run() async throws {
    let (record, documents) = try CaseArchive.read(dossier)
    let actor = store.actor
    try await store.withStore(creates: true) { try await $0.importCase(record, documents: documents, by: actor) }
    print("\(record.file.ref) importé.")
  }
}

struct SuiviClore: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "clore", abstract: "Clôt un dossier avec un motif de la liste (les mesures ouvertes prennent fin).",
    discussion: """
      Motifs : objectifs-atteints, relogement, orientation-autre-mesure, fin-de-mesure, abandon-du-menage,
      demenagement, deces, autre.
      Exemple :
        equilibre suivi clore EQ-2026-00001 --motif objectifs-atteints --note "budget tenu depuis 3 mois"
      """)
  @Argument(help: "Référence du dossier.") var reference: String
  @Option(help: "Motif de clôture.") var motif: String
  @Option(help: "Précision libre.") var note: String?
  @Option(help: "Date de clôture (AAAA-MM-JJ), aujourd'hui par défaut.") var date: String?
  @OptionGroup var version: VersionOption
  @OptionGroup var store: StoreOptions

  func run() async throws {
    let ref = try caseRef(reference)
    let reason = try choice(motif, option: "--motif", ClosingReason.self)
    let day = try date.map { try dateOption($0, option: "--date") } ?? CivilDate.today
    let expected = version.versionLue
    let file = try await store.apply(.close(reason: reason, note: note, on: day), to: ref, expected: expected)
    printChange(file, "dossier clos le \(day.french) (\(reason.french))")
  }
}

struct SuiviSuspendre: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "suspendre", abstract: "Suspend un dossier (hospitalisation, absence…).")
  @Argument(help: "Référence du dossier.") var reference: String
  @Option(help: "Motif.") var note: String?
  @OptionGroup var store: StoreOptions

  func run() async throws {
    let ref = try caseRef(reference)
    let n = note
    let file = try await store.apply(.suspend(note: n), to: ref)
    printChange(file, "dossier suspendu")
  }
}

struct SuiviRouvrir: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "rouvrir", abstract: "Rouvre un dossier suspendu ou clos.")
  @Argument(help: "Référence du dossier.") var reference: String
  @OptionGroup var store: StoreOptions

  func run() async throws {
    let ref = try caseRef(reference)
    let file = try await store.apply(.reopen, to: ref)
    printChange(file, "dossier rouvert")
  }
}

struct SuiviEffacer: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "effacer", abstract: "Efface les données personnelles d'un dossier à la demande de la personne (journalisé).",
    discussion: """
      Situations, contacts, objectifs et documents sont supprimés ; le journal garde l'action, sans détail ;
      restent des compteurs anonymes. Faites d'abord « exporter » si la personne demande ses données.
      Exemple :
        equilibre suivi effacer EQ-2026-00001 --confirmer EQ-2026-00001
      """)
  @Argument(help: "Référence du dossier.") var reference: String
  @Option(help: "Retapez la référence pour confirmer.") var confirmer: String
  @OptionGroup var store: StoreOptions

  func run() async throws {
    let ref = try caseRef(reference)
    guard CaseRef(confirmer) == ref else { throw CLIError.usage("--confirmer : retapez exactement la référence \(ref)") }
    let actor = store.actor
    try await store.withStore { try await $0.erase(ref, by: actor) }
    print("\(ref) : données personnelles effacées.")
  }
}
