import ArgumentParser
import EquilibreCore
import EquilibreDocuments
import Foundation

/// Options of the two document commands.
struct DocumentOptions: ParsableArguments {
  @Argument(help: "Fichier de scénario du ménage (YAML).")
  var scenario: String

  @Option(help: "Format : html, md, pdf (avec weasyprint) ou json.")
  var format: String = "html"

  @Option(help: "Fichier à écrire (écriture atomique) ; la sortie standard sinon.")
  var sortie: String?

  @Flag(help: "Remplacer le fichier de sortie s'il existe (jamais le scénario lui-même).")
  var force = false

  @Flag(help: "Remplacer noms, adresses et dates de naissance par des libellés neutres (ateliers, revues de cas).")
  var anonyme = false

  @Option(help: "Dossier de modèles (copie adaptée de Templates/) à la place des modèles livrés.")
  var modeles: String?

  @Option(name: .customLong("date-document"), help: "Date imprimée sur le document (AAAA-MM-JJ), aujourd'hui par défaut.")
  var dateDocument: String?

  @Option(help: "Date de la situation (AAAA-MM-JJ), à la place de celle du scénario.")
  var date: String?

  @Option(help: "Fichier de paramètres qui ajoute ou remplace des valeurs datées (répétable).")
  var parametres: [String] = []

  @Option(help: "Fichier des forfaits de la commission (budget vie courante).")
  var forfaits: String?

  @Option(name: .customLong("politique-al"), help: "Politique locale des aides Action Logement.")
  var politiqueAL: String?

  @Option(help: "Règlement du FSL du département.")
  var fsl: String?

  @Flag(
    name: .customLong("annexe-parametres"), help: "Ajouter en annexe les formules et la liste complète des paramètres avec leurs sources.")
  var annexeParametres = false

  enum Format: String, CaseIterable { case html, md, pdf, json }

  /// - Parameter makeData: the document's data, for a document other than the dossier and the filing.
  func run(_ kind: DocumentKind, data makeData: ((DocumentCase) throws -> [String: Any])? = nil) throws {
    let outputFormat = try choice(format, option: "--format", Format.self)
    var args = [scenario] + parametres.flatMap { ["--parametres", $0] }
    if let d = date { args += ["--date", d] }
    if let f = forfaits { args += ["--forfaits", f] }
    if let p = politiqueAL { args += ["--politique-al", p] }
    if let f = fsl { args += ["--fsl", f] }
    let loaded = try HouseholdOptions.parse(args).loadCase()
    let day: CivilDate
    if let d = dateDocument {
      day = try dateOption(d, option: "--date-document")
    } else {
      day = CivilDate.today
    }
    if let out = sortie { try checkOutput(out) }
    let documentCase = try compute { () throws(ParameterError) in
      try DocumentCase(
        scenario: loaded.scenario, parameters: loaded.parameters, forfaits: loaded.forfaits, alPolicy: loaded.alPolicy,
        fsl: loaded.fsl, documentDate: day, anonymous: anonyme)
    }
    let data =
      try makeData?(documentCase)
      ?? (kind == .dossier ? DocumentData.dossier(documentCase, annex: annexeParametres) : DocumentData.filing(documentCase))
    let bytes: Data
    switch outputFormat {
    case .json:
      bytes = Data((DocumentData.json(data).rendered() + "\n").utf8)
    case .html, .md, .pdf:
      bytes = Data(try renderDocument(kind, markdown: outputFormat == .md, pdf: outputFormat == .pdf, data: data, modeles: modeles))
    }
    if let out = sortie {
      try writeAtomically(bytes, to: out, overwrite: force, access: .privateToUser)
      printStandardError("\(out) écrit.")
    } else {
      if outputFormat == .pdf && isatty(1) != 0 { throw CLIError.usage("--format pdf : indiquez --sortie FICHIER.pdf") }
      FileHandle.standardOutput.write(bytes)
    }
  }

  /// Refuses to write over the scenario (or any input), and over an existing file without --force.
  func checkOutput(_ out: String) throws {
    try checkOutputPath(out, force: force, inputs: [scenario] + parametres + [forfaits, politiqueAL, fsl].compactMap { $0 })
  }
}

struct DossierCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "dossier",
    abstract: "Dossier budgétaire du ménage, imprimable (HTML, Markdown, PDF ou JSON).",
    discussion: """
      Composition, ressources et charges (tableau et graphique), reste à vivre, taux d'effort, capacité de
      remboursement, aides, variantes, plan, objectifs de l'accompagnement, paramètres et explications.
      Exemples (fichiers : equilibre exemples --copier NOM) :
        equilibre dossier parent-separe.yaml --sortie dossier.html
        equilibre dossier couple-trois-enfants-revolving.yaml --format pdf --sortie dossier.pdf
        equilibre dossier parent-separe.yaml --anonyme --format md
        equilibre dossier parent-separe.yaml --modeles mes-modeles --sortie dossier.html --force
      """)

  @OptionGroup var options: DocumentOptions

  func run() throws { try options.run(.dossier) }
}

struct SurendettementCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "surendettement",
    abstract: "Brouillon de déclaration de surendettement (trame du Cerfa 13594), à vérifier avec la personne.",
    discussion: """
      Identité, situation familiale et professionnelle, logement, ressources et charges, patrimoine, dettes
      par créancier, procédures, service social, lettre explicative, pièces à joindre, déclaration sur
      l'honneur. Toute information manquante est marquée « à compléter ».
      Exemples (fichiers : equilibre exemples --copier NOM) :
        equilibre surendettement couple-trois-enfants-revolving.yaml --sortie declaration.html
        equilibre surendettement couple-trois-enfants-revolving.yaml --format pdf --sortie declaration.pdf
      """)

  @OptionGroup var options: DocumentOptions

  func run() throws { try options.run(.surendettement) }
}

struct ApurementCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "apurement",
    abstract: "Proposition de plan d'apurement de la dette de loyer au bailleur : lettre, échéancier et calcul.",
    discussion: """
      La dette de loyer (dettes de nature « loyer ») est répartie en mensualités égales, arrondies au centime
      supérieur, la dernière prenant le reste : leur total est la dette, au centime. Le document compare la
      mensualité à la capacité de remboursement du ménage et le signale quand elle la dépasse.
      Exemples (fichiers : equilibre exemples --copier NOM) :
        equilibre apurement parent-separe.yaml --mois 12 --sortie apurement.html
        equilibre apurement parent-separe.yaml --mensualite 50 --debut 2027-01 --format md
      """)

  @OptionGroup var options: DocumentOptions

  @Option(help: "Durée du plan, en mois (1 à 120).")
  var mois: Int?

  @Option(help: "Mensualité du plan, au centime (« 85,50 »), à la place de --mois.")
  var mensualite: String?

  @Option(help: "Bailleur créancier, quand le ménage en doit à plusieurs.")
  var bailleur: String?

  @Option(help: "Mois de la première mensualité (AAAA-MM), le mois qui suit la situation par défaut.")
  var debut: String?

  func run() throws {
    let choice: ArrearsPlan.Choice
    switch (mois, mensualite) {
    case (let n?, nil): choice = .months(n)
    case (nil, let m?):
      do { choice = .monthly(Money(try Rational(french: m))) } catch {
        throw CLIError.usage("--mensualite : « \(m.excerpt) » n'est pas un montant (par exemple 85,50)")
      }
    case (nil, nil): throw CLIError.usage("indiquez la durée (--mois N) ou la mensualité (--mensualite MONTANT) du plan")
    case (_?, _?): throw CLIError.usage("--mois et --mensualite : l'un ou l'autre, pas les deux")
    }
    let start = try debut.map { text -> CivilDate in
      let parts = text.split(separator: "-")
      guard parts.count == 2 || parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]),
        let d = CivilDate(year: y, month: m, day: 1), CivilDate.inputYears.contains(y)
      else { throw CLIError.usage("--debut : « \(text.excerpt) » n'est pas un mois (AAAA-MM, par exemple 2027-01)") }
      return d
    }
    try options.run(.apurement) { c in
      do {
        let plan = try ArrearsPlan(scenario: c.scenario, capacity: c.capacity, choice: choice, creditor: bailleur, start: start)
        return DocumentData.arrearsPlan(c, plan)
      } catch let error as ArrearsPlanError {
        throw CLIError(message: "\(options.scenario.excerptPath) : \(error.description)", code: CLIError.data)
      }
    }
  }
}

struct FicheViergeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fiche-vierge",
    abstract: "Fiche budget vierge à imprimer pour les ateliers (mêmes catégories que les scénarios).",
    discussion: """
      Exemples :
        equilibre fiche-vierge --sortie fiche.html
        equilibre fiche-vierge --format pdf --sortie fiche.pdf
      """)

  @Option(help: "Format : html, md ou pdf (avec weasyprint).")
  var format: String = "html"

  @Option(help: "Fichier à écrire (écriture atomique) ; la sortie standard sinon.")
  var sortie: String?

  @Flag(help: "Remplacer le fichier de sortie s'il existe.")
  var force = false

  @Option(help: "Dossier de modèles (copie adaptée de Templates/).")
  var modeles: String?

  enum Format: String, CaseIterable { case html, md, pdf }

  func run() throws {
    let f = try choice(format, option: "--format", Format.self)
    if let out = sortie { try checkOutputPath(out, force: force) }
    let bytes: Data
    do {
      var renderer = try DocumentRenderer(templatesDirectory: modeles)
      let text = try renderer.render(.ficheVierge, markdown: f == .md, data: DocumentData.blankWorksheet(on: CivilDate.today))
      warn(renderer.warnings)
      bytes = f == .pdf ? try PDFRenderer.pdf(fromHTML: text) : Data(text.utf8)
    } catch let e as DocumentError {
      throw CLIError(message: e.description, code: e.description.hasPrefix("weasyprint est introuvable") ? 69 : CLIError.data)
    }
    if let out = sortie {
      try writeAtomically(bytes, to: out, overwrite: force)
    } else {
      if f == .pdf && isatty(1) != 0 { throw CLIError.usage("--format pdf : indiquez --sortie FICHIER.pdf") }
      FileHandle.standardOutput.write(bytes)
    }
  }
}

/// A document rendered with the templates (and `--modeles`), as HTML, Markdown or PDF bytes;
/// template warnings go to the error stream.
package func renderDocument(_ kind: DocumentKind, markdown: Bool, pdf: Bool, data: [String: Any], modeles: String?) throws -> [UInt8] {
  do {
    var renderer = try DocumentRenderer(templatesDirectory: modeles)
    let text = try renderer.render(kind, markdown: markdown, data: data)
    warn(renderer.warnings)
    return pdf ? Array(try PDFRenderer.pdf(fromHTML: text)) : Array(text.utf8)
  } catch let e as DocumentError {
    throw CLIError(message: e.description, code: e.description.hasPrefix("weasyprint est introuvable") ? 69 : CLIError.data)
  }
}

/// Template warnings on the error stream (the document is still written).
package func warn(_ warnings: [String]) {
  for w in warnings { printStandardError("equilibre : attention : \(w)") }
}
