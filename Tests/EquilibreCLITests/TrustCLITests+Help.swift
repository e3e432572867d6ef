import EquilibreCore
import Foundation
import Testing

extension TrustCLITests {
  @Test("Aide de chaque commande à 60, 80, 120 et 200 colonnes : en français, dans la largeur")
  func helpAtEveryWidth() throws {
    let commands = try Self.visibleCommands()
    for width in [60, 80, 120, 200] {
      var environment = ProcessInfo.processInfo.environment
      environment["COLUMNS"] = String(width)
      for c in commands {
        let r = try Run(c + ["--help"], environment: environment)
        #expect(r.status == 0)
        #expect(englishWordsIn(r.stdout).isEmpty, "\(c) à \(width) colonnes : \(englishWordsIn(r.stdout))")
        for line in r.stdout.split(separator: "\n") where line.count > width {
          Issue.record("\(c) à \(width) colonnes : ligne de \(line.count) caractères : \(line)")
        }
      }
      let help = try Run(["help", "plan"], environment: environment)
      #expect(englishWordsIn(help.stdout).isEmpty)
    }
  }

  @Test(
    "Erreurs d'options en français",
    arguments: [
      ["echeancier", "--fromat", "json"], ["echeancier", "a", "b"], ["plan"], ["echeancier", "--explique=3"],
      ["echeancier", "--capital"], ["inconnue"], ["plan", "--duree-max", "abc", "x.yaml"], ["budget", "--format"],
      ["-x"], ["echeancier", "--capital", "1.200", "--taux", "3", "--duree", "12"],
      ["budget", "--date", "9999-01-01", "Scenarios/parent-separe.yaml"],
    ])
  func parserErrors(_ args: [String]) throws {
    for width in ["60", "200"] {
      var environment = ProcessInfo.processInfo.environment
      environment["COLUMNS"] = width
      let r = try Run(args, environment: environment)
      #expect(r.status == 64, "\(args) : \(r.stderr)")
      #expect(r.stderr.hasPrefix("equilibre : erreur :"))
      #expect(englishWordsIn(r.stderr).isEmpty, "\(args) : \(r.stderr)")
    }
  }

  @Test("Erreurs sans place : pas de variante, pas de dette → fichier, ligne, champ")
  func locatedErrors() throws {
    let dir = try freshDir("place")
    defer { try? FileManager.default.removeItem(at: dir) }
    let cas = dir.appendingPathComponent("cas.yaml")
    try (Self.minimal + "dettes: []\n").write(to: cas, atomically: true, encoding: .utf8)
    let plan = try Run(["plan", cas.path])
    #expect(plan.status == 65 && plan.stderr.contains("cas.yaml:4:9 : dettes : aucune dette"), "\(plan.stderr)")
    let simuler = try Run(["simuler", cas.path])
    #expect(simuler.status == 65 && simuler.stderr.contains("cas.yaml:1:1 : variantes : aucune variante"), "\(simuler.stderr)")
  }

  // MARK: Mutation fuzz

  @Test("Fuzz par mutation (échantillon de CI ; .ci/fuzz en passe 10 000) : aucun plantage, aucun blocage, aucun anglais")
  func mutationFuzz() throws {
    let count = ProcessInfo.processInfo.environment["EQUILIBRE_FUZZ"] ?? "150"
    let r = try Run(["fuzz", "--nombre", count, "--graine", String(UInt32.random(in: 0...UInt32.max))], dev: true)
    #expect(r.status == 0, "\(r.stdout)\n\(r.stderr)")
    #expect(r.stdout.contains("0 message en anglais"), "\(r.stdout)")
    #expect(r.stdout.contains("fichiers altérés"))
  }

  // MARK: Workshop

  @Test("Atelier : « fin » avec une question facultative sans réponse, « corriger 30 » refusé, caractère de contrôle refusé")
  func workshopCommands() throws {
    let dir = try freshDir("atelier3")
    defer { try? FileManager.default.removeItem(at: dir) }
    let input =
      ["2026-11-01", "corriger 30", "", "1", "Al\u{1B}[31mex", "Alex", "1980-01-01", "0", "2", "1.200", "600", "fin", "alex.yaml"]
      .joined(separator: "\n") + "\n"
    let r = try runWithInput(["atelier", "--dossier", dir.path], input: input)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("Numéro de question invalide : de 1 à 2"))
    #expect(r.stdout.contains("Réponse refusée : elle contient un caractère invisible (U+001B)"))
    #expect(r.stdout.contains("« 1.200 » est ambigu"))
    #expect(!r.stdout.contains("Il manque des réponses"))
    #expect(!r.stdout.unicodeScalars.contains("\u{1B}"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["alex.yaml"], "le brouillon est supprimé à la fin")
    let budget = try Run(["budget", dir.appendingPathComponent("alex.yaml").path, "--format", "json"])
    #expect(budget.json["charges_mensuelles"] as? String == "600.00")
  }

  @Test("Atelier : Ctrl-D garde les réponses ; --reprendre les retrouve et termine")
  func workshopResume() throws {
    let dir = try freshDir("atelier4")
    defer { try? FileManager.default.removeItem(at: dir) }
    let first = try runWithInput(["atelier", "--dossier", dir.path], input: "2026-11-01\n75\n1\nAlex\n1980-01-01\n0\n2\n700\n")
    #expect(first.status == 65 && first.stderr.contains("--reprendre"))
    let draft = dir.appendingPathComponent("atelier-brouillon.yaml")
    #expect(FileManager.default.fileExists(atPath: draft.path))
    let second = try runWithInput(["atelier", "--reprendre", draft.path], input: "fin\nalex.yaml\n")
    #expect(second.status == 0, "\(second.stderr)")
    #expect(second.stdout.contains("Reprise du brouillon"))
    let budget = try Run(["budget", dir.appendingPathComponent("alex.yaml").path, "--format", "json"])
    #expect(budget.json["charges_mensuelles"] as? String == "700.00")
    #expect(!FileManager.default.fileExists(atPath: draft.path))
  }

  @Test("Atelier : Ctrl-C garde les réponses et dit comment reprendre")
  func workshopInterrupt() throws {
    let dir = try freshDir("atelier5")
    defer { try? FileManager.default.removeItem(at: dir) }
    let process = Process()
    process.executableURL = Run.binary
    process.arguments = ["atelier", "--dossier", dir.path]
    let input = Pipe()
    let err = Pipe()
    process.standardInput = input
    process.standardOutput = FileHandle.nullDevice
    process.standardError = err
    try process.run()
    input.fileHandleForWriting.write(Data("2026-11-01\n13\n1\nCamille\n".utf8))
    let draft = dir.appendingPathComponent("atelier-brouillon.yaml").path
    let deadline = Date().addingTimeInterval(20)
    while Date() < deadline {
      if let text = try? String(contentsOfFile: draft, encoding: .utf8), text.contains("Camille") { break }
      usleep(50_000)
    }
    process.interrupt()
    // Never hang the suite: a process that ignores Ctrl-C is killed and the test fails.
    let stop = Date().addingTimeInterval(10)
    while process.isRunning && Date() < stop { usleep(50_000) }
    if process.isRunning {
      kill(process.processIdentifier, SIGKILL)
      Issue.record("Ctrl-C sans effet")
    }
    process.waitUntilExit()
    let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(process.terminationStatus == 130)
    #expect(message.contains("Interrompu") && message.contains("--reprendre"))
    #expect(try String(contentsOfFile: draft, encoding: .utf8).contains("\"prenom1\": \"Camille\""))
  }
}
