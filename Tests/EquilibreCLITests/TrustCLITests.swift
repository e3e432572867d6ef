import EquilibreCore
import Foundation
import Testing

/// The English words of a message (see ``FrenchCheck``).
func englishWordsIn(_ text: String) -> [String] { FrenchCheck.englishWords(in: text) }

/// A fresh temporary folder.
func freshDir(_ name: String) throws -> URL {
  let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
    "equilibre-\(name)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
  try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
  return dir
}

@Suite("Confiance : la commande ne plante pas, ne fuit pas, n'écrase rien")
struct TrustCLITests {
  static let minimal = "date: 2026-11-01\nmenage:\n  - {prenom: Alex, role: demandeur, naissance: 1980-01-01}\n"

  // MARK: Traps

  @Test(
    "Reproductions : chaque option acceptée calcule ou donne une erreur « hors de portée »",
    arguments: [
      ["echeancier", "--capital", "1000", "--taux", "100", "--duree", "600", "--differe", "599", "--differe-type", "total"],
      ["taeg", "--capital", "1000", "--taux", "3", "--duree", "12", "--assurance", "9000000000000000 €"],
      [
        "taeg", "--capital", "1000", "--taux", "3", "--duree", "12", "--assurance", "9000000000000000 €", "--type",
        "amortissement-constant",
      ],
    ])
  func optionTraps(_ args: [String]) throws {
    let r = try Run(args)
    #expect(r.status == 64, "\(r.stderr)")
    #expect(r.stderr.hasPrefix("equilibre : erreur :"))
    #expect(r.stderr.contains("hors de portée") || r.stderr.contains("dépasse"), "\(r.stderr)")
    #expect(englishWordsIn(r.stderr).isEmpty, "\(r.stderr)")
  }

  @Test(
    "Aux limites de chaque option : un résultat ou une erreur propre",
    arguments: [
      [
        "echeancier", "--capital", "1000000000", "--taux", "10000", "--duree", "600", "--assurance", "10000 %", "--assurance-base",
        "restant",
      ],
      ["taeg", "--capital", "1000000000", "--taux", "-99,99", "--duree", "600", "--frais", "1000000000"],
      ["taeg", "--capital", "0,01", "--taux", "10000", "--duree", "1", "--assurance", "1000000000 €", "--periodicite", "annuelle"],
      ["echeancier", "--capital", "1000000000", "--taux", "0", "--duree", "600", "--differe", "599", "--arrondi", "superieur"],
    ])
  func optionLimits(_ args: [String]) throws {
    let r = try Run(args)
    #expect(r.status == 0 || r.status == 64, "\(r.stderr)")
    if r.status != 0 {
      #expect(r.stderr.hasPrefix("equilibre : erreur :") && englishWordsIn(r.stderr).isEmpty, "\(r.stderr)")
    }
  }

  @Test("Flux de l'an 9999, montants au-delà du plafond, scénario daté 9999 : erreurs situées")
  func dataTraps() throws {
    let dir = try freshDir("pieges")
    defer { try? FileManager.default.removeItem(at: dir) }
    let flux = dir.appendingPathComponent("flux.csv")
    try "date;type;montant\n2001-01-01;pret;1000\n9999-01-01;remboursement;1200\n".write(to: flux, atomically: true, encoding: .utf8)
    let a = try Run(["taeg", "--flux", flux.path])
    #expect(a.status == 65 && a.stderr.contains("flux.csv:3") && a.stderr.contains("hors de portée"), "\(a.stderr)")
    try "mois;type;montant\n0;pret;9000000000000000\n0;pret;9000000000000000\n12;remboursement;1\n".write(
      to: flux, atomically: true, encoding: .utf8)
    let b = try Run(["taeg", "--flux", flux.path])
    #expect(b.status == 65 && b.stderr.contains("flux.csv:2") && b.stderr.contains("hors de portée"), "\(b.stderr)")
    let cas = dir.appendingPathComponent("cas.yaml")
    try Self.minimal.replacingOccurrences(of: "2026-11-01", with: "9999-01-01").appending(
      "dettes:\n  - {creancier: X, nature: autre, restant_du: 100}\n"
    ).write(to: cas, atomically: true, encoding: .utf8)
    let c = try Run(["plan", cas.path])
    #expect(c.status == 65 && c.stderr.contains("cas.yaml:1:7") && c.stderr.contains("hors de portée"), "\(c.stderr)")
  }

  @Test("Un fichier de 100 000 flux datés donne son TAEG (durée : voir le banc .ci/bench)")
  func manyFlows() throws {
    let dir = try freshDir("flux100k")
    defer { try? FileManager.default.removeItem(at: dir) }
    // 100 000 € lent on 1 January 1901, then 99 999 daily repayments of 1,00 €... plus 30 € each
    // 1 000th day; the rate is certified, the file read in one pass.
    var text = "date;type;montant\r\n1901-01-01;pret;100000\r\n"
    var day = DateComponents(calendar: Calendar(identifier: .gregorian), year: 1901, month: 1, day: 1).date!
    for k in 1..<100_000 {
      day = day.addingTimeInterval(86_400)
      let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: day)
      text += String(format: "%04d-%02d-%02d;remboursement;%d\r\n", c.year!, c.month!, c.day!, k % 1000 == 0 ? 31 : 1)
    }
    let flux = dir.appendingPathComponent("flux.csv")
    try text.write(to: flux, atomically: true, encoding: .utf8)
    let r = try Run(["taeg", "--flux", flux.path, "--format", "json"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.json["taeg"] != nil)
  }

  // MARK: Files

  @Test("Un lien planté à la place de la sortie ne fait écrire nulle part ailleurs")
  func plantedSymlink() throws {
    let dir = try freshDir("lien")
    defer { try? FileManager.default.removeItem(at: dir) }
    let victim = dir.appendingPathComponent("victime.txt")
    try "intact".write(to: victim, atomically: true, encoding: .utf8)
    let out = dir.appendingPathComponent("dossier.html")
    try FileManager.default.createSymbolicLink(at: out, withDestinationURL: victim)
    for command in ["dossier", "surendettement"] {
      let refused = try Run([command, "Scenarios/parent-separe.yaml", "--sortie", out.path])
      #expect(refused.status == 73 && refused.stderr.contains("existe déjà"))
      #expect(try String(contentsOf: victim, encoding: .utf8) == "intact")
    }
    let forced = try Run(["dossier", "Scenarios/parent-separe.yaml", "--sortie", out.path, "--force"])
    #expect(forced.status == 0, "\(forced.stderr)")
    #expect(try String(contentsOf: victim, encoding: .utf8) == "intact")
    let attributes = try FileManager.default.attributesOfItem(atPath: out.path)
    #expect(attributes[.type] as? FileAttributeType == .typeRegular)
    #expect((attributes[.posixPermissions] as? Int) == 0o600, "document personnel : lisible par son seul propriétaire")
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["dossier.html", "victime.txt"])
  }

  @Test("Disque plein (limite de taille de fichier) : erreur avec sa cause, aucun fichier temporaire laissé")
  func fullDisk() throws {
    let dir = try freshDir("plein")
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("dossier.html").path
    let r = try Run(
      ["-c", "ulimit -f 4; exec \"$0\" dossier Scenarios/parent-separe.yaml --sortie \"$1\"", Run.binary.path, out], shell: true)
    #expect(r.status == 73, "\(r.stderr)")
    #expect(r.stderr.contains("écriture impossible (fichier trop grand pour le système)"), "\(r.stderr)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
  }

  @Test("Une sortie ne remplace jamais un fichier lu par la même commande ; un dossier est dit dossier")
  func outputsAndInputs() throws {
    let dir = try freshDir("entrees")
    defer { try? FileManager.default.removeItem(at: dir) }
    let scenario = dir.appendingPathComponent("cas.yaml")
    try FileManager.default.copyItem(at: Run.packageRoot.appendingPathComponent("Scenarios/parent-separe.yaml"), to: scenario)
    let before = try String(contentsOf: scenario, encoding: .utf8)
    let lot = try Run(["lot", dir.path, "--sortie", scenario.path, "--force"])
    #expect(lot.status == 73 && lot.stderr.contains("lu par cette commande"), "\(lot.stderr)")
    #expect(try String(contentsOf: scenario, encoding: .utf8) == before)
    let folder = try Run(["dossier", scenario.path, "--sortie", dir.path])
    #expect(folder.status == 73 && folder.stderr.contains("est un dossier"), "\(folder.stderr)")
    let missing = try Run(["dossier", scenario.path, "--sortie", dir.appendingPathComponent("absent/d.html").path])
    #expect(missing.status == 73 && missing.stderr.contains("écriture impossible (dossier inexistant)"), "\(missing.stderr)")
  }

  @Test("Fichier désigné par un scénario : jamais son contenu dans une erreur, ni dans le JSON de lot")
  func namedFilesDoNotLeak() throws {
    let dir = try freshDir("fuite")
    defer { try? FileManager.default.removeItem(at: dir) }
    try "root:$6$SECRETHASH42:19000:0:99999:7:::\nadmin:SECRETHASH43\n".write(
      to: dir.appendingPathComponent("shadow.yaml"), atomically: true, encoding: .utf8)
    try FileManager.default.createSymbolicLink(
      at: dir.appendingPathComponent("environ.yaml"), withDestinationURL: URL(fileURLWithPath: "/proc/self/environ"))
    for (name, target) in [("a", "shadow.yaml"), ("b", "environ.yaml"), ("c", "/etc/shadow"), ("d", "/proc/self/environ")] {
      try (Self.minimal + "reglages:\n  forfaits: \"\(target)\"\n").write(
        to: dir.appendingPathComponent("\(name).yaml"), atomically: true, encoding: .utf8)
    }
    var environment = ProcessInfo.processInfo.environment
    environment["JETON_SECRET"] = "SECRETHASH44"
    for name in ["a", "b", "c", "d"] {
      let r = try Run(["capacite", dir.appendingPathComponent("\(name).yaml").path], environment: environment)
      #expect(r.status != 0)
      #expect(!r.stderr.contains("SECRETHASH"), "\(name) : \(r.stderr)")
      #expect(r.stderr.contains("\(name).yaml:5:"), "l'erreur désigne la ligne du scénario : \(r.stderr)")
    }
    let lot = try Run(["lot", dir.path, "--format", "json"], environment: environment)
    #expect(!lot.stdout.contains("SECRETHASH") && !lot.stderr.contains("SECRETHASH"))
    let missing = dir.appendingPathComponent("e.yaml")
    try (Self.minimal + "reglages:\n  forfaits: absent.yaml\n").write(to: missing, atomically: true, encoding: .utf8)
    let m = try Run(["capacite", missing.path])
    #expect(m.status == 65 && m.stderr.contains("e.yaml:5:13 : reglages.forfaits : fichier « absent.yaml » introuvable"), "\(m.stderr)")
  }

  // MARK: CSV

  @Test("CSV de plan et de lot : formules neutralisées, champs RFC 4180, variante --csv-excel")
  func csvOutputs() throws {
    let dir = try freshDir("csv")
    defer { try? FileManager.default.removeItem(at: dir) }
    let cas = dir.appendingPathComponent("cas\rretour.yaml")
    try
      (Self.minimal + "ressources:\n  - {type: salaire, montant: 1500}\n"
      + "dettes:\n  - {creancier: \"=HYPERLINK(\\\"http://x\\\",\\\"ici\\\")\", nature: autre, restant_du: 1000}\n"
      + "  - {creancier: \"@SUM(A1:A9)\", nature: autre, restant_du: 500}\n").write(to: cas, atomically: true, encoding: .utf8)
    let plan = try Run(["plan", cas.path, "--format", "csv", "--capacite", "100"])
    #expect(plan.status == 0, "\(plan.stderr)")
    let header = plan.stdout.components(separatedBy: "\r\n")[0]
    #expect(header == "mois,\"'=HYPERLINK(\"\"http://x\"\",\"\"ici\"\")\",'@SUM(A1:A9),total,restant_du")
    let excel = try Run(["plan", cas.path, "--format", "csv", "--capacite", "100", "--csv-excel"])
    #expect(excel.stdout.hasPrefix("\u{FEFF}mois;"))
    #expect(excel.stdout.contains(";100,00;"))
    let lot = try Run(["lot", dir.path, "--format", "csv"])
    let rows = lot.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
    #expect(rows.count == 2, "le retour chariot du nom de fichier ne coupe pas la ligne : \(rows)")
    #expect(rows[1].contains("cas␍retour.yaml"))
  }

  // MARK: Control characters

  @Test("Échappements ANSI, retour chariot et bidi du scénario n'atteignent ni le terminal ni les documents")
  func hostileText() throws {
    let dir = try freshDir("controle")
    defer { try? FileManager.default.removeItem(at: dir) }
    let cas = dir.appendingPathComponent("cas.yaml")
    try
      ("date: 2026-11-01\nmenage:\n  - {prenom: \"Al\\e[2J\\e]0;titre\\aex\\r\\u202Eevil\", role: demandeur, naissance: 1980-01-01}\n"
      + "ressources:\n  - {type: salaire, montant: 1500, libelle: \"paie\\e[8m cachée\"}\n"
      + "dettes:\n  - {creancier: \"Banque\\u202E\\e[31m\", nature: autre, restant_du: 1000, mensualite: 50}\n"
      + "variantes:\n  - nom: \"v\\e[1m\"\n    changements:\n      - loyer_variation: 10\n").write(
        to: cas, atomically: true, encoding: .utf8)
    for args in [
      ["budget"], ["capacite", "--explique"], ["aides"], ["plan"], ["simuler"], ["dossier", "--format", "md"],
      ["dossier", "--format", "html"], ["surendettement", "--format", "md"], ["budget", "--format", "json"], ["lot"],
    ] {
      let path = args.first == "lot" ? dir.path : cas.path
      let r = try Run([args[0], path] + args.dropFirst())
      for (stream, text) in [("sortie", r.stdout), ("erreurs", r.stderr)] {
        #expect(!text.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{202E}" || $0 == "\u{7}" }, "\(args) \(stream)")
        #expect(!text.unicodeScalars.contains { $0 == "\r" } || args == ["lot"], "\(args) \(stream)")
      }
    }
    // An error message quoting a hostile value neutralises it too.
    try "date: 2026-11-01\nmenage:\n  - {role: \"x\\e[31mrouge\", naissance: 1980-01-01}\n".write(
      to: cas, atomically: true, encoding: .utf8)
    let e = try Run(["budget", cas.path])
    #expect(e.status == 65 && e.stderr.contains("␛[31m") && !e.stderr.contains("\u{1B}"))
  }

  // MARK: French everywhere

  /// Every command a user sees (nested ones too), from the parser's own description.
  static func visibleCommands() throws -> [[String]] {
    func command(_ binary: URL) throws -> [String: Any] {
      let p = Process()
      p.executableURL = binary
      p.arguments = ["--experimental-dump-help"]
      let out = Pipe()
      p.standardOutput = out
      try p.run()
      let data = out.fileHandleForReading.readDataToEndOfFile()
      p.waitUntilExit()
      return try #require((try JSONSerialization.jsonObject(with: data) as? [String: Any])?["command"] as? [String: Any])
    }
    // `equilibre` hands the workspace's commands to `equilibre-espace`, which describes them.
    var root = try command(Run.binary)
    let workspace = try command(Run.binary.deletingLastPathComponent().appendingPathComponent("equilibre-espace"))
    let real = Dictionary(
      uniqueKeysWithValues: (workspace["subcommands"] as? [[String: Any]] ?? []).compactMap { c in
        (c["commandName"] as? String).map { ($0, c) }
      })
    root["subcommands"] = (root["subcommands"] as? [[String: Any]] ?? []).map { c in (c["commandName"] as? String).flatMap { real[$0] } ?? c
    }
    var out: [[String]] = [[]]
    func walk(_ c: [String: Any], _ path: [String]) {
      for sub in c["subcommands"] as? [[String: Any]] ?? [] {
        guard sub["shouldDisplay"] as? Bool ?? true, let name = sub["commandName"] as? String, name != "help" else { continue }
        out.append(path + [name])
        walk(sub, path + [name])
      }
    }
    walk(root, [])
    return out
  }

  @Test(
    "Aide : aucun outil de développement (ils sont dans equilibre-dev), exemples sans dossier de sources, version avec la date des paramètres"
  )
  func helpForInstalledBinary() throws {
    let commands = try Self.visibleCommands()
    #expect(commands.count > 30)
    #expect(commands.contains(["suivi", "ouvrir"]) && commands.contains(["base", "sauvegarder"]))
    let dev = try Run(["--help"], dev: true)
    let devCommands = ["bench", "fuzz", "memoire", "generer", "base-generer", "base-mesurer", "ecrire"]
    for name in devCommands {
      #expect(dev.stdout.contains(name), "equilibre-dev \(name)")
      #expect(!commands.contains { $0.contains(name) }, "\(name)")
      // Not even hidden: the user's binary does not know these commands.
      #expect(try Run([name]).status == 64, "\(name)")
    }
    #expect(try Run(["suivi", "_ecrire"]).status == 64 && (try Run(["base", "_mesurer"])).status == 64)
    let root = try Run(["--help"])
    #expect(!root.stdout.contains("bench") && root.stdout.contains("suivi"))
    // An installed binary has no Scenarios/ folder: examples name files that `exemples --copier` writes.
    for c in commands {
      let r = try Run(c + ["--help"])
      #expect(!r.stdout.contains("Scenarios/"), "\(c)")
    }
    let version = try Run(["--version"])
    #expect(version.status == 0)
    // The release, then the newest national parameter value compiled in (a date in French).
    #expect(version.stdout.hasPrefix("equilibre 0."))
    #expect(version.stdout.contains("paramètres nationaux à jour au "))
    #expect(version.stdout.contains(" 202"))
  }

}
