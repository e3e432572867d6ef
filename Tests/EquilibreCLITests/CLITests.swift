import Foundation
import Testing

/// Runs the built `equilibre` binary, which sits next to the test bundle.
struct Run {
  let status: Int32
  let stdout: String
  let stderr: String

  static let binary: URL = {
    let bundle = URL(fileURLWithPath: CommandLine.arguments[0])
    return bundle.deletingLastPathComponent().appendingPathComponent("equilibre")
  }()

  /// The developers' executable (benchmarks, fuzz, generators), never installed.
  static let devBinary = binary.deletingLastPathComponent().appendingPathComponent("equilibre-dev")

  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  init(_ arguments: [String], shell: Bool = false, dev: Bool = false, environment: [String: String]? = nil) throws {
    let process = Process()
    process.executableURL = shell ? URL(fileURLWithPath: "/bin/sh") : dev ? Run.devBinary : Run.binary
    process.arguments = arguments
    if let environment { process.environment = environment }
    process.currentDirectoryURL = Run.packageRoot
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    status = process.terminationStatus
    stdout = String(decoding: outData, as: UTF8.self)
    stderr = String(decoding: errData, as: UTF8.self)
  }

  var json: [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(stdout.utf8))) as? [String: Any] ?? [:]
  }
}

@Suite("Commande equilibre")
struct CLITests {
  let nbsp = "\u{00A0}"

  @Test("L'exemple du README : 12 000 € à 3,5 % sur 48 mois")
  func readmeExample() throws {
    let r = try Run(["echeancier", "--capital", "12000", "--taux", "3,5", "--duree", "48", "--date", "2026-01-15"])
    #expect(r.status == 0)
    #expect(r.stdout.contains("268,27\(nbsp)€"))
    #expect(r.stdout.contains("268,37\(nbsp)€"))
    #expect(r.stdout.contains("877,06\(nbsp)€"))
    #expect(r.stdout.contains("3,56\(nbsp)%"))
    #expect(r.stderr.isEmpty)
  }

  @Test("JSON : clés françaises, montants à 2 décimales, lignes")
  func json() throws {
    let r = try Run(["echeancier", "--capital", "12 000", "--taux", "3,5", "--duree", "48", "--frais", "150", "--format", "json"])
    #expect(r.status == 0)
    let j = r.json
    #expect(j["mensualite"] as? String == "268.27")
    #expect(j["nombre_echeances"] as? Int == 48)
    #expect(j["total_interets"] as? String == "877.06")
    #expect(j["cout_total_credit"] as? String == "1027.06")
    #expect(j["frais"] as? String == "150.00")
    let lines = try #require(j["lignes"] as? [[String: Any]])
    #expect(lines.count == 48)
    #expect(Set(lines[0].keys) == ["numero", "echeance", "interets", "assurance", "capital", "capital_restant"])
    #expect(lines[47]["capital_restant"] as? String == "0.00")
    #expect(lines[47]["echeance"] as? String == "268.37")
    let twoDecimals = try Regex("^-?[0-9]+\\.[0-9]{2}$")
    for key in ["mensualite", "total_interets", "cout_total_credit", "montant_total_du", "total_assurance"] {
      let value = try #require(j[key] as? String)
      #expect(value.wholeMatch(of: twoDecimals) != nil, "\(key) = \(value)")
    }
    for line in lines {
      for key in ["echeance", "interets", "assurance", "capital", "capital_restant"] {
        #expect((line[key] as? String)?.wholeMatch(of: twoDecimals) != nil)
      }
    }
    // With fees the TAEG is above the 3.56 % of the fee-free loan.
    let taeg = try #require(j["taeg"] as? String)
    #expect(taeg.wholeMatch(of: try Regex("^[0-9]+\\.[0-9]{2}$")) != nil)
    #expect(taeg > "3.56")
  }

  @Test("CSV : en-tête et une ligne par échéance")
  func csv() throws {
    let r = try Run(["echeancier", "--capital", "3000", "--taux", "0", "--duree", "36", "--differe", "3", "--format", "csv"])
    #expect(r.status == 0)
    let lines = r.stdout.split(whereSeparator: \.isNewline)
    #expect(lines.first == "numero,echeance,interets,assurance,capital,capital_restant")
    #expect(lines.count == 37)
    // 0 %: 3 months of nothing, then 3000/33 = 90.909… → 90.91 × 32 and a last one of
    // 3000 − 32 × 90.91 = 3000 − 2909.12 = 90.88.
    #expect(lines[1] == "1,0.00,0.00,0.00,0.00,3000.00")
    #expect(lines[4] == "4,90.91,0.00,0.00,90.91,2909.09")
    #expect(lines[36] == "36,90.88,0.00,0.00,90.88,0.00")
  }

  @Test("TAEG d'un fichier de flux : exemple 1 du décret")
  func flowFile() throws {
    let r = try Run(["taeg", "--flux", "Scenarios/flux-decret-2002-928-exemple-1.csv"])
    #expect(r.status == 0)
    #expect(r.stdout.contains("12,92\(nbsp)%"))
  }

  @Test("TAEG avec frais : exemple 6 du décret par la ligne de commande")
  func aprWithFees() throws {
    // 1 000 € over 36 months at the nominal rate that gives 30.42 € instalments, 10 € of fees.
    let r = try Run(["taeg", "--capital", "1000", "--taux", "6", "--duree", "36", "--frais", "10", "--format", "json"])
    #expect(r.status == 0)
    #expect(r.json["mensualite"] as? String == "30.42")
    #expect(r.json["taeg"] as? String == "6.88")
  }

  @Test(
    "Valeurs invalides : une ligne d'erreur en français, code 64",
    arguments: [
      ["--capital", "-5", "--taux", "3", "--duree", "12"],
      ["--capital", "0", "--taux", "3", "--duree", "12"],
      ["--capital", "douze", "--taux", "3", "--duree", "12"],
      ["--capital", "1000", "--taux", "3", "--duree", "0"],
      ["--capital", "1000", "--taux", "3", "--duree", "601"],
      ["--capital", "1000", "--taux", "-100", "--duree", "12"],
      ["--capital", "1000", "--taux", "-150", "--duree", "12"],
      ["--capital", "1000", "--taux", "3,5 pour cent", "--duree", "12"],
      ["--capital", "1000", "--taux", "3", "--duree", "douze"],
      ["--capital", "1000", "--taux", "3", "--duree", "12", "--type", "ballon"],
      ["--capital", "1000", "--taux", "3", "--duree", "12", "--differe", "12"],
      ["--capital", "1000", "--taux", "3", "--duree", "12", "--assurance", "5"],
      ["--capital", "1.234,56", "--taux", "3", "--duree", "12"],
      ["--taux", "3", "--duree", "12"],
      ["--capital", "1000", "--taux", "3", "--duree", "12", "--inconnue"],
    ])
  func badValues(arguments: [String]) throws {
    let r = try Run(["echeancier"] + arguments)
    #expect(r.status == 64)
    #expect(r.stdout.isEmpty)
    let lines = r.stderr.split(separator: "\n")
    #expect(lines.count == 1)
    #expect(r.stderr.hasPrefix("equilibre : erreur : "))
    #expect(!r.stderr.contains("Fatal error"))
  }

  @Test("Fichier de flux absent (66) ou invalide (65, avec la ligne et le champ)")
  func badFiles() throws {
    let missing = try Run(["taeg", "--flux", "/nonexistent/flux.csv"])
    #expect(missing.status == 66)
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("equilibre-tests-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("flux.csv")
    try "mois;type;montant\n0;pret;1000\n18;remboursement;douze\n".write(to: file, atomically: true, encoding: .utf8)
    let bad = try Run(["taeg", "--flux", file.path])
    #expect(bad.status == 65)
    #expect(bad.stderr.contains("flux.csv:3"))
    #expect(bad.stderr.contains("montant"))
    #expect(bad.stderr.split(separator: "\n").count == 1)
  }

  @Test("Explications en français")
  func explain() throws {
    let r = try Run(["echeancier", "--capital", "12000", "--taux", "3,5", "--duree", "48", "--explique"])
    #expect(r.status == 0)
    #expect(r.stdout.contains("Explications"))
    #expect(r.stdout.contains("R314-3"))
    #expect(r.stdout.contains("demi-haut") || r.stdout.contains("au plus proche"))
  }

  @Test("Aide en français avec exemples")
  func help() throws {
    let r = try Run(["echeancier", "--help"])
    #expect(r.status == 0)
    #expect(r.stdout.contains("Exemples"))
    #expect(r.stdout.contains("Capital emprunté"))
  }
}
