import EquilibreScenarios
import Foundation
import Testing

/// Runs the binary with `input` on its standard input.
func runWithInput(_ arguments: [String], input: String, environment: [String: String]? = nil) throws -> Run {
  let dir = FileManager.default.temporaryDirectory.appendingPathComponent("equilibre-in-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
  try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: dir) }
  let file = dir.appendingPathComponent("stdin.txt")
  try input.write(to: file, atomically: true, encoding: .utf8)
  return try Run(["-c", "exec \"$0\" \"$@\" < \"\(file.path)\"", Run.binary.path] + arguments, shell: true, environment: environment)
}

@Suite("Atelier, exemples, lot, aide et complétion")
struct WorkshopTests {
  func tempDir(_ name: String) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("equilibre-\(name)-\(getpid())")
    try? FileManager.default.removeItem(at: dir)
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
  }

  @Test("Atelier scripté avec une correction : scénario enregistré, reste à vivre recalculé")
  func scriptedSession() throws {
    let dir = try tempDir("atelier")
    defer { try? FileManager.default.removeItem(at: dir) }
    // 1 adult (Sonia) + 1 child; rent 450 corrected to 480 through « corriger 10 »; charges 40;
    // housing benefit 150; salary 1 300; family benefits 120; then « fin ».
    let answers =
      [
        "2026-11-01", "76", "1", "Sonia", "1985-04-02", "1", "Malo", "2018-05-06", "2", "450", "40", "150", "1 300",
        "", "", "", "", "", "120", "corriger", "corriger 10", "480", "", "", "fin", "sonia.yaml",
      ].joined(separator: "\n") + "\n"
    let r = try runWithInput(["atelier", "--dossier", dir.path], input: answers)
    #expect(r.status == 0, "\(r.stderr)")
    // Running figure after the correction: 1 300 + 120 + 150 − (480 + 40) = 1 050 €;
    // per UC and day: 1 050 ÷ 1,3 ÷ 30 = 26,92 €.
    #expect(r.stdout.contains("reste à vivre provisoire : 1\u{00A0}050,00\u{00A0}€ par mois, 26,92\u{00A0}€ par UC et par jour"))
    #expect(r.stdout.contains("10. Loyer mensuel hors charges [450,00\u{00A0}€] : 480"))
    let file = dir.appendingPathComponent("sonia.yaml").path
    #expect(FileManager.default.fileExists(atPath: file))
    let budget = try Run(["budget", file, "--format", "json"])
    #expect(budget.json["reste_a_vivre"] as? String == "1050.00")
    #expect(budget.json["unites_consommation"] as? String == "1.3")
  }

  @Test("Atelier : réponses invalides redemandées ; entrée coupée : brouillon gardé, aucun scénario")
  func invalidAndTruncated() throws {
    let dir = try tempDir("atelier2")
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try runWithInput(["atelier", "--dossier", dir.path], input: "2026-02-30\n2026-11-01\n\n3\n")
    #expect(r.stdout.contains("Date invalide « 2026-02-30 »"))
    #expect(r.stdout.contains("Un nombre de 1 à 2 est attendu."))
    #expect(r.status == 65)
    #expect(r.stderr.contains("entrée terminée"))
    #expect(r.stderr.contains("--reprendre"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["atelier-brouillon.yaml"])
  }

  @Test("exemples : au moins 10 ménages décrits, copie d'un exemple avec ses forfaits")
  func examples() throws {
    let list = try Run(["exemples"])
    #expect(list.status == 0)
    let names = ExampleScenarios.files.filter { $0.name.hasSuffix(".yaml") && !$0.name.contains("/") }
    #expect(names.count >= 10)
    for f in names { #expect(list.stdout.contains(String(f.name.dropLast(5)))) }
    // Every scenario of the folder is compiled into the binary (Package.swift lists them).
    let onDisk = try FileManager.default.contentsOfDirectory(atPath: Run.packageRoot.appendingPathComponent("Scenarios").path)
      .filter { $0.hasSuffix(".yaml") }
    #expect(Set(onDisk) == Set(names.map(\.name)))
    let dir = try tempDir("exemples")
    defer { try? FileManager.default.removeItem(at: dir) }
    let target = dir.appendingPathComponent("cas.yaml").path
    #expect(try Run(["exemples", "--copier", "couple-trois-enfants-revolving", target]).status == 0)
    #expect(try Run(["capacite", target, "--format", "json"]).json["capacite_remboursement"] as? String == "179.00")
    // Copying again over an unchanged copy is harmless; over an edited one it is refused, and
    // the counsellor's edits stay.
    let again = try Run(["exemples", "--copier", "couple-trois-enfants-revolving", target])
    #expect(again.status == 0 && again.stdout.contains("identique"))
    try ("# modifié\n" + String(contentsOfFile: target, encoding: .utf8)).write(toFile: target, atomically: true, encoding: .utf8)
    #expect(try Run(["exemples", "--copier", "couple-trois-enfants-revolving", target]).status == 73)
    #expect(try String(contentsOfFile: target, encoding: .utf8).hasPrefix("# modifié\n"))
    // Other example files: a flow file and a forfait file, with their folder.
    let flows = try Run(["exemples", "--copier", "flux-dates-exemple.csv", dir.appendingPathComponent("flux.csv").path])
    #expect(flows.status == 0)
    #expect(try Run(["taeg", "--flux", dir.appendingPathComponent("flux.csv").path]).status == 0)
    #expect(try Run(["exemples", "--copier", "parent-separee"]).stderr.contains("parent-separe"))
  }

  @Test("lot : fichiers valides et cassés, erreurs signalées, code de sortie")
  func batch() throws {
    let dir = try tempDir("lot")
    defer { try? FileManager.default.removeItem(at: dir) }
    for name in ["parent-separe.yaml", "apprenti-recherche-logement.yaml"] {
      try FileManager.default.copyItem(
        at: Run.packageRoot.appendingPathComponent("Scenarios/\(name)"), to: dir.appendingPathComponent(name))
    }
    try "date: 2026-11-01\nmenage:\n  - {role: demandeur, naissance: 1990-13-01}\n".write(
      to: dir.appendingPathComponent("casse.yaml"), atomically: true, encoding: .utf8)
    try "pas: [du yaml\n".write(to: dir.appendingPathComponent("illisible.yaml"), atomically: true, encoding: .utf8)
    let csv = try Run(["lot", dir.path, "--format", "csv"])
    #expect(csv.status == 65)
    let lines = csv.stdout.split(whereSeparator: \.isNewline)
    #expect(lines.count == 3)
    #expect(lines[0].hasPrefix("fichier,date,ressources_mensuelles"))
    #expect(csv.stdout.contains("parent-separe.yaml,2026-11-01,1200.00,970.00,230.00,4.79,24.47,26.96,rsa_foyer"))
    #expect(csv.stderr.contains("casse.yaml ignoré : ligne 3"))
    #expect(csv.stderr.contains("illisible.yaml ignoré"))
    #expect(csv.stderr.contains("2 dossiers calculés, 2 en erreur"))
    let json = try Run(["lot", dir.path, "--format", "json"])
    #expect((json.json["dossiers"] as? [[String: Any]])?.count == 2)
    #expect((json.json["erreurs"] as? [[String: Any]])?.count == 2)
    try FileManager.default.removeItem(at: dir.appendingPathComponent("casse.yaml"))
    try FileManager.default.removeItem(at: dir.appendingPathComponent("illisible.yaml"))
    #expect(try Run(["lot", dir.path]).status == 0)
  }

  @Test("Scripts de complétion bash, zsh et fish")
  func completion() throws {
    for shell in ["bash", "zsh", "fish"] {
      let r = try Run(["--generate-completion-script", shell])
      #expect(r.status == 0)
      #expect(r.stdout.contains("equilibre"))
      #expect(r.stdout.contains("capacite"))
    }
  }

  @Test("Aide en français avec un exemple pour chaque commande ; pas de couleur hors terminal")
  func helpAndColour() throws {
    for command in [
      "budget", "capacite", "aides", "simuler", "plan", "dossier", "surendettement", "exemples", "lot", "atelier",
      "echeancier", "taeg", "parametres", "nouveau", "verifier", "suivi", "serveur",
    ] {
      let r = try Run([command, "--help"])
      #expect(r.status == 0)
      #expect(r.stdout.contains("Exemple"), "\(command)")
      #expect(r.stdout.contains("UTILISATION\u{00A0}:"), "\(command)")
      #expect(!r.stdout.contains("Show help information"), "\(command)")
    }
    let piped = try Run(["aides", "Scenarios/parent-separe.yaml"])
    #expect(!piped.stdout.contains("\u{1B}["))
    let error = try Run(["budget", "/nonexistent.yaml"])
    #expect(!error.stderr.contains("\u{1B}["))
  }
}

@Suite("Fiche vierge")
struct BlankWorksheetTests {
  @Test("Fiche vierge HTML : toutes les catégories de ressources, de charges et de dettes")
  func categories() throws {
    let r = try Run(["fiche-vierge"])
    #expect(r.status == 0)
    for label in [
      "Salaire", "Allocation chômage", "AAH", "Énergie", "Pension alimentaire versée", "Téléphone et internet",
      "crédit renouvelable", "Reste à vivre par mois = A − B",
    ] {
      #expect(r.stdout.contains(HTMLEscapeForTest.text(label)), "\(label)")
    }
    #expect(!r.stdout.contains("http://") && !r.stdout.contains("https://"))
  }
}

enum HTMLEscapeForTest {
  static func text(_ s: String) -> String { s.replacingOccurrences(of: "'", with: "&#39;") }
}
