import EquilibreCore
import EquilibreDocuments
import Foundation
import Testing

/// Golden files: `EQUILIBRE_MAJ_GOLDEN=1 swift test --filter DocumentTests` rewrites them after a
/// deliberate change of a template; review the diff before committing.
@Suite("Documents : dossier et brouillon de surendettement")
struct DocumentTests {
  static let goldenDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
  static let cases: [(String, String, String)] = [
    ("dossier", "couple-trois-enfants-revolving", "html"), ("dossier", "couple-trois-enfants-revolving", "md"),
    ("dossier", "parent-separe", "html"), ("dossier", "parent-separe", "md"),
    ("surendettement", "couple-trois-enfants-revolving", "html"), ("surendettement", "couple-trois-enfants-revolving", "md"),
    ("surendettement", "parent-separe", "html"), ("surendettement", "parent-separe", "md"),
    ("apurement", "parent-separe", "html"), ("apurement", "parent-separe", "md"),
  ]

  @Test("Fichiers de référence (golden) sur deux scénarios", arguments: cases.map { "\($0.0)|\($0.1)|\($0.2)" })
  func golden(_ key: String) throws {
    let parts = key.split(separator: "|").map(String.init)
    let extra = parts[0] == "apurement" ? ["--mois", "12"] : []
    let r = try Run([parts[0], "Scenarios/\(parts[1]).yaml", "--format", parts[2], "--date-document", "2026-11-22"] + extra)
    #expect(r.status == 0, "\(r.stderr)")
    let file = Self.goldenDir.appendingPathComponent("\(parts[0])-\(parts[1]).\(parts[2])")
    if ProcessInfo.processInfo.environment["EQUILIBRE_MAJ_GOLDEN"] == "1" {
      try r.stdout.write(to: file, atomically: true, encoding: .utf8)
    }
    let golden = try String(contentsOf: file, encoding: .utf8)
    #expect(r.stdout == golden, "écart avec \(file.lastPathComponent) ; EQUILIBRE_MAJ_GOLDEN=1 pour le régénérer")
  }

  /// `data-chiffre="key">value<` pairs of an HTML document.
  static func marked(_ html: String) -> [(String, String)] {
    var out: [(String, String)] = []
    var rest = html[...]
    while let r = rest.range(of: "data-chiffre=\"") {
      rest = rest[r.upperBound...]
      guard let q = rest.firstIndex(of: "\""), let gt = rest.firstIndex(of: ">"), let lt = rest[gt...].firstIndex(of: "<") else { break }
      out.append((String(rest[..<q]), String(rest[rest.index(after: gt)..<lt])))
      rest = rest[lt...]
    }
    return out
  }

  @Test(
    "Chaque chiffre du document est celui du moteur pour le même scénario",
    arguments: ["couple-trois-enfants-revolving", "parent-separe", "locataire-impayes-perte-emploi"])
  func figuresAreTheEngines(_ name: String) throws {
    let path = Run.packageRoot.appendingPathComponent("Scenarios/\(name).yaml").path
    let scenario = try ScenarioFile.load(path: path)
    let forfaits = try scenario.settings.forfaitsFile.map { f in
      try ParameterFile.parse(
        try String(contentsOfFile: Run.packageRoot.appendingPathComponent("Scenarios/\(f)").path, encoding: .utf8), file: f)
    }
    let engine = try HouseholdFigures(scenario: scenario, forfaits: forfaits, withAids: true)
    let model = try CaseFigures(scenario: scenario, forfaits: forfaits)
    for kind in ["dossier", "surendettement"] {
      let r = try Run([kind, "Scenarios/\(name).yaml", "--date-document", "2026-11-22"])
      #expect(r.status == 0)
      let figures = Self.marked(r.stdout)
      #expect(figures.count >= 2)
      for (key, shown) in figures {
        if key == "total_dettes" {
          #expect(shown == scenario.debts.map(\.remainingDue).sum().roundedToCents(.halfAwayFromZero).french)
        }
        let f = try #require(engine.figure(key) ?? model.figure(key), "\(key)")
        #expect(shown == f.french, "\(kind) \(key) : document \(shown), moteur \(f.french)")
      }
      if kind == "dossier", let aids = engine.aids {
        // Useful aids carry their status, and so does a refused FSL (a decision on the
        // household's figures); the others share one « sans objet » line.
        let html = r.stdout
        let line =
          html.range(of: "Sans objet pour ce ménage aujourd&#39;hui\u{00A0}: ").map { String(html[$0.upperBound...].prefix { $0 != "<" }) }
          ?? ""
        for a in aids.results {
          if a.status == .nonEligible && a.id != .fsl {
            #expect(Self.aidStatus(a.id.rawValue, html: html) == nil, "\(a.id)")
            let name = a.id.french.replacingOccurrences(of: "Action Logement — ", with: "").replacingOccurrences(of: "'", with: "&#39;")
            #expect(line.contains(name), "\(a.id) absente de la ligne « sans objet »")
          } else {
            #expect(
              Self.aidStatus(a.id.rawValue, html: html) == a.status.french.prefix(1).uppercased() + a.status.french.dropFirst(), "\(a.id)")
          }
        }
      }
    }
  }

  static func aidStatus(_ id: String, html: String) -> String? {
    guard let r = html.range(of: "data-aide=\"\(id)\">") else { return nil }
    return String(html[r.upperBound...].prefix { $0 != "<" })
  }

  @Test("Texte hostile dans chaque champ libre : échappé en HTML, document complet")
  func hostileText() throws {
    let evil = #"<script>alert("x")</script> & 'q' \"#
    let long = String(repeating: "très long texte ", count: 2000)
    func y(_ s: String) -> String {
      "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
    let yaml = """
      description: \(y(evil))
      date: 2026-11-01
      departement: "28"
      adresse: \(y(evil))
      telephone: \(y(evil))
      courriel: \(y(evil))
      menage:
        - {prenom: \(y(evil)), nom: \(y(evil)), role: demandeur, naissance: 1980-01-01, activite: {statut: salarie, contrat: CDI, effectif_employeur: 20, secteur: prive}}
        - {prenom: \(y("<b>enfant</b>")), role: enfant, naissance: 2015-01-01}
      logement: {statut: locataire-prive, loyer: 500, charges: 50}
      ressources:
        - {type: salaire, montant: 1600, libelle: \(y(evil)), personne: demandeur}
      charges:
        - {type: autre, montant: 10, libelle: \(y(evil + long))}
      dettes:
        - {creancier: \(y(evil)), adresse: \(y(evil)), reference: \(y(evil)), nature: pret-personnel, restant_du: 3000, mensualite: 100}
      patrimoine:
        - {type: autre, valeur: 100, libelle: \(y(evil))}
      procedures:
        - {type: expulsion, description: \(y(evil)), creancier: \(y(evil))}
      suivi_social: {structure: \(y(evil)), referent: \(y(evil)), telephone: \(y(evil)), courriel: \(y(evil))}
      accompagnement:
        objectifs: [\(y(evil))]
        engagements_menage: [\(y(evil))]
        engagements_conseiller: [\(y(evil))]
      variantes:
        - nom: \(y(evil))
          changements:
            - ajouter_charge: {type: autre, montant: 5, libelle: \(y(evil))}
      notes: \(y(evil + long))
      """
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("equilibre-hostile-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("hostile.yaml")
    try yaml.write(to: file, atomically: true, encoding: .utf8)
    for kind in ["dossier", "surendettement"] {
      let r = try Run([kind, file.path])
      #expect(r.status == 0, "\(r.stderr)")
      #expect(!r.stdout.contains("<script>"))
      #expect(!r.stdout.contains("<b>enfant"))
      #expect(r.stdout.contains("&lt;script&gt;"))
      #expect(!r.stdout.contains("alert(\"x\")"))
      #expect(r.stdout.contains("&amp;"))
      #expect(r.stdout.hasSuffix("</html>\n") || r.stdout.hasSuffix("</html>"))
    }
    let md = try Run(["dossier", file.path, "--format", "md"])
    #expect(md.status == 0)
    #expect(!md.stdout.contains("<script>"))
  }

  @Test("--anonyme : ni noms ni adresses ni dates de naissance, mêmes chiffres")
  func anonymous() throws {
    let plain = try Run(["surendettement", "Scenarios/couple-trois-enfants-revolving.yaml", "--date-document", "2026-11-22"])
    let anon = try Run(["surendettement", "Scenarios/couple-trois-enfants-revolving.yaml", "--date-document", "2026-11-22", "--anonyme"])
    #expect(anon.status == 0)
    for secret in [
      "David", "Aurélie", "Martin", "Manon", "Tilleuls", "30/11/1986", "Mme Conseillère", "06\u{00A0}00\u{00A0}00\u{00A0}00\u{00A0}00",
      "Renouvelable A",
    ] {
      #expect(plain.stdout.contains(secret))
      #expect(!anon.stdout.contains(secret), "\(secret)")
    }
    #expect(Self.marked(anon.stdout).map(\.1) == Self.marked(plain.stdout).map(\.1))
    let dossier = try Run(["dossier", "Scenarios/couple-trois-enfants-revolving.yaml", "--anonyme"])
    #expect(!dossier.stdout.contains("Aurélie"))
    #expect(dossier.stdout.contains("Personne 2"))
  }

  @Test("Fichiers : écriture atomique, pas d'écrasement sans --force, jamais le scénario")
  func files() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("equilibre-doc-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("dossier.html").path
    #expect(try Run(["dossier", "Scenarios/parent-separe.yaml", "--sortie", out]).status == 0)
    #expect(try Run(["dossier", "Scenarios/parent-separe.yaml", "--sortie", out]).status == 73)
    #expect(try Run(["dossier", "Scenarios/parent-separe.yaml", "--sortie", out, "--force"]).status == 0)
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["dossier.html"])
    let scenario = dir.appendingPathComponent("cas.yaml").path
    try FileManager.default.copyItem(atPath: Run.packageRoot.appendingPathComponent("Scenarios/parent-separe.yaml").path, toPath: scenario)
    let before = try String(contentsOfFile: scenario, encoding: .utf8)
    let r = try Run(["dossier", scenario, "--sortie", scenario, "--force"])
    #expect(r.status == 73)
    #expect(r.stderr.contains("jamais remplacé"))
    #expect(try String(contentsOfFile: scenario, encoding: .utf8) == before)
  }

  @Test("PDF : message d'installation sans weasyprint ; texte des chiffres clés avec weasyprint et pdftotext")
  func pdf() throws {
    let noTool = try Run(
      ["dossier", "Scenarios/parent-separe.yaml", "--format", "pdf", "--sortie", "/tmp/equilibre-\(getpid()).pdf"],
      environment: ["PATH": "/nonexistent"])
    #expect(noTool.status == 69)
    #expect(noTool.stderr.contains("pip install weasyprint"))
    // The PDF itself: only with the tools (ExternalToolsTests says when they are missing, and fails in CI).
    guard PrintTests.pdfAvailable else { return }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("equilibre-pdf-test-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let pdf = dir.appendingPathComponent("dossier.pdf").path
    let r = try Run(["dossier", "Scenarios/couple-trois-enfants-revolving.yaml", "--format", "pdf", "--sortie", pdf])
    #expect(r.status == 0, "\(r.stderr)")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
    process.arguments = ["-enc", "UTF-8", pdf, "-"]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    for figure in ["179,00", "2 420,00", "1 629,23", "394,04"] {
      #expect(text.replacingOccurrences(of: "\u{00A0}", with: " ").contains(figure), "\(figure)")
    }
  }

  @Test("Modèles : un dossier --modeles remplace un modèle, les autres restent ceux livrés")
  func customTemplates() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("equilibre-modeles-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    try "<p>Agence Exemple — {{reste_a_vivre}}</p>".write(
      to: dir.appendingPathComponent("dossier.html.mustache"), atomically: true, encoding: .utf8)
    let r = try Run(["dossier", "Scenarios/parent-separe.yaml", "--modeles", dir.path])
    #expect(r.stdout == "<p>Agence Exemple — 230,00\u{00A0}€</p>")
    let other = try Run(["surendettement", "Scenarios/parent-separe.yaml", "--modeles", dir.path])
    #expect(other.stdout.contains("Déclaration de surendettement — brouillon"))
  }

  @Test(
    "Modèles : section non fermée → message français à la ligne d'ouverture ; variable inconnue → avertissement ; en-tête d'agence en partiel"
  )
  func templateErrors() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("equilibre-modeles-err-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    func write(_ name: String, _ text: String) throws {
      try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    try write("dossier.md.mustache", "ligne 1\n{{#menage}}\n{{nom}}\nligne 4\n")
    try write("dossier.html.mustache", "<html>\n<p>{{reste_a_vivre}}</p>\n<p>{{rest_a_vivre}}</p>\n{{> logo}}\n</html>\n")
    try write("entete.mustache", "<p>Agence Exemple — 1 place du Marché</p>\n")
    let broken = try Run(["dossier", "Scenarios/parent-separe.yaml", "--modeles", dir.path, "--format", "md"])
    #expect(broken.status == 65)
    #expect(
      broken.stderr.contains("modèle « dossier.md.mustache », ligne 2 : la section « menage » n'est jamais fermée"), "\(broken.stderr)")
    #expect(!broken.stderr.contains("ParserError") && !broken.stderr.contains("expectedSectionEnd"))
    #expect(broken.stdout.isEmpty)
    let typo = try Run(["dossier", "Scenarios/parent-separe.yaml", "--modeles", dir.path])
    #expect(typo.status == 0)
    #expect(typo.stdout.contains("230,00\u{00A0}€"))
    #expect(typo.stderr.contains("modèle « dossier.html.mustache », ligne 3 : variable inconnue « rest_a_vivre »"), "\(typo.stderr)")
    #expect(typo.stderr.contains("ligne 4 : le modèle inclus « logo » n'existe pas"))
    // The broken Markdown dossier does not stop the filing, which uses the agency's letterhead.
    let filing = try Run(["surendettement", "Scenarios/parent-separe.yaml", "--modeles", dir.path])
    #expect(filing.status == 0, "\(filing.stderr)")
    #expect(filing.stdout.contains("Agence Exemple — 1 place du Marché"))
    #expect(filing.stderr.isEmpty)
    // Without --modeles, the letterhead is empty.
    let plain = try Run(["surendettement", "Scenarios/parent-separe.yaml"])
    #expect(!plain.stdout.contains("Agence Exemple"))
  }
}
