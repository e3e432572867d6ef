import ArgumentParser
import EquilibreCommands
import EquilibreCore
import EquilibreScenarios
import Foundation

/// A mutation fuzz of the household commands: the example scenarios, altered at random (lines
/// deleted, swapped, re-indented; values replaced by hostile ones; bytes inserted; files cut),
/// go through `capacite`, `aides`, `plan`, `simuler`, `dossier` and `surendettement`, in process.
/// A trap ends the run (the last file tried is in `en-cours.txt`); a command over 10 s aborts it;
/// every error message is checked for English.
struct FuzzCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fuzz", abstract: "Fuzz par mutation des scénarios.")

  @Option(help: "Nombre de fichiers de scénario altérés.")
  var nombre: Int = 1000

  @Option(help: "Graine du générateur (même graine, mêmes fichiers).")
  var graine: UInt64 = 2026

  @Option(help: "Dossier de travail (un dossier temporaire sinon).")
  var dossier: String?

  @Option(help: "Durée maximale d'une commande, en secondes.")
  var limite: Int = 10

  static let commands: [[String]] = [
    ["capacite", "--explique"], ["aides"], ["plan"], ["simuler"], ["dossier", "--format", "html"],
    ["surendettement", "--format", "md"],
  ]

  func run() throws {
    let dir = dossier ?? NSTemporaryDirectory() + "equilibre-fuzz-\(getpid())"
    try FileManager.default.createDirectory(atPath: dir + "/forfaits", withIntermediateDirectories: true)
    for f in ExampleScenarios.files where f.name.hasPrefix("forfaits/") {
      try Data(f.text.utf8).write(to: URL(fileURLWithPath: dir + "/" + f.name))
    }
    let seeds = ExampleScenarios.files.filter { $0.name.hasSuffix(".yaml") && !$0.name.contains("/") }.map(\.text)
    var rng = SplitMix(seed: graine)
    let watchdog = Watchdog(limit: limite)
    let current = dir + "/en-cours.txt"
    var runs = 0
    var computed = 0
    var refused = 0
    var english: [String] = []
    var slowest = (seconds: 0.0, what: "")
    let devNull = open("/dev/null", O_WRONLY)
    let savedOut = dup(1)
    for i in 0..<nombre {
      let text = Mutator.mutate(seeds[Int(rng.next() % UInt64(seeds.count))], rng: &rng)
      let path = dir + String(format: "/cas-%05d.yaml", i)
      try Data(text.utf8).write(to: URL(fileURLWithPath: path))
      for command in Self.commands {
        let args = [command[0], path] + command.dropFirst()
        try? Data((args.joined(separator: " ") + "\n").utf8).write(to: URL(fileURLWithPath: current))
        let start = DispatchTime.now().uptimeNanoseconds
        watchdog.arm(args.joined(separator: " "))
        fflush(nil)
        dup2(devNull, 1)
        var message: String?
        do {
          var parsed = try Equilibre.parseAsRoot(args)
          try parsed.run()
        } catch {
          message = CommandMain.describe(error, root: Equilibre.self)?.0
        }
        fflush(nil)
        dup2(savedOut, 1)
        watchdog.disarm()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        if seconds > slowest.seconds { slowest = (seconds, args.joined(separator: " ")) }
        runs += 1
        if let m = message {
          refused += 1
          // A word the mutated file itself holds is the file's text quoted back, not the program's English.
          let typed = Set(FrenchCheck.englishWords(in: text))
          let words = FrenchCheck.englishWords(in: m).filter { !typed.contains($0) }
          if !words.isEmpty { english.append("\(args.joined(separator: " ")) : \(m.excerpt) [\(words.joined(separator: ", "))]") }
        } else {
          computed += 1
        }
      }
      if dossier == nil { unlink(path) }
    }
    unlink(current)
    if dossier == nil { try? FileManager.default.removeItem(atPath: dir) }
    print(
      "fuzz : \(nombre) fichiers altérés (graine \(graine)), \(runs) exécutions : \(computed) calculées, \(refused) refusées par une erreur en français"
    )
    print(
      "fuzz : 0 plantage, 0 exécution au-delà de \(limite) s ; la plus lente : \(String(format: "%.3f", slowest.seconds)) s (\(slowest.what))"
    )
    print("fuzz : \(english.count) message\(english.count > 1 ? "s" : "") en anglais")
    for e in english.prefix(20) { print("  " + e) }
    if !english.isEmpty { throw CLIError.data("\(english.count) message(s) en anglais") }
  }
}

/// Aborts the process when a command runs past its limit: a hang is a failure, never a wait.
final class Watchdog: @unchecked Sendable {
  private let limit: Int
  private let lock = NSLock()
  private var deadline: UInt64 = .max
  private var what = ""

  init(limit: Int) {
    self.limit = limit
    let t = Thread { [weak self] in
      while true {
        sleep(1)
        guard let self else { return }
        self.lock.lock()
        let late = DispatchTime.now().uptimeNanoseconds > self.deadline
        let name = self.what
        self.lock.unlock()
        if late {
          FileHandle.standardError.write(Data("fuzz : au-delà de \(self.limit) s : \(name)\n".utf8))
          abort()
        }
      }
    }
    t.start()
  }

  func arm(_ what: String) {
    lock.withLock {
      self.what = what
      deadline = DispatchTime.now().uptimeNanoseconds + UInt64(limit) * 1_000_000_000
    }
  }

  func disarm() { lock.withLock { deadline = .max } }
}

/// Mutations of a YAML scenario's text.
enum Mutator {
  static let values: [String] = [
    "", "~", "null", "-1", "0", "1.200", "99999999999999999999", "1e309", "NaN", "-0,01", "1/0", "1/3", "0x10",
    "9999-12-31", "0000-00-00", "2026-02-29", "1899-12-31", "2199-12-31", "[", "{", "}", "]", "*x", "&x", "&x [1, 2]",
    "!!binary aGVsbG8=", "\"\\u202E\"", "\"\\e[31m\"", "\"\\0\"", "oui", "non", "yes", "-", ": b", "%", "@x", "`x`", "|",
    ">", "« »", "😀", "ÉÀ", "1 000 000 000,01", "-999999999", "100000000000000000000000000000000000000000000000000",
    "\"" + String(repeating: "x", count: 3000) + "\"", String(repeating: "9", count: 120), "[1, 2, 3]", "{a: 1}",
    "2026-13-01", "31/12/2026", "12,345", "3,5 %", "3,5 €", "salaire", "loyer", "demandeur", "conjoint", "enfant",
    "autre", "locataire-social", "proprietaire", "credit-renouvelable", "loyer\u{0085}", "a\u{2028}b", "\t1",
  ]

  static let lines: [String] = [
    "? *a\n: 1", "a: &a [1, 2, 3]", "dettes: *a", "- {type: salaire, montant: 1}", "ressources:", "charges:",
    "dettes:", "  - {creancier: X, nature: loyer, restant_du: 100000000}", "variantes:", "  - nom: v",
    "    changements:", "      - nouveau_pret: {capital: 1000000000, taux: 1000, duree: 600, differe: 599}",
    "      - loyer_variation: -1000000000", "reglages:", "  forfaits: /etc/passwd", "  forfaits: inexistant.yaml",
    "  plans_anterieurs_mois: 84", "  personnes_a_charge_saisie: 30", "%YAML 1.1", "---", "...", "\t",
    "menage: []", "date: 2199-12-31", "attendu: {reste_a_vivre: \"1\"}", "logement: {statut: proprietaire, loyer: 500}",
    "situation: {evenements: [separation, separation]}", "projet_logement: {loyer: 999999999}",
  ]

  static func mutate(_ seed: String, rng: inout SplitMix) -> String {
    var lines = seed.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    // Mostly value replacements (the YAML stays readable and the engines are exercised), some
    // structural damage.
    let count = 1 + Int(rng.next() % 3)
    for _ in 0..<count {
      guard !lines.isEmpty else { break }
      let i = Int(rng.next() % UInt64(lines.count))
      switch rng.next() % 20 {
      case 0: lines.remove(at: i)
      case 1: lines.insert(lines[i], at: i)
      case 2:
        let j = Int(rng.next() % UInt64(lines.count))
        lines.swapAt(i, j)
      case 3...12:
        // Replace one value of the line (after one of its « key: »), up to the next « , » or « } ».
        let chars = Array(lines[i])
        let colons = chars.indices.filter { chars[$0] == ":" && $0 + 1 < chars.count && chars[$0 + 1] == " " }
        let value = values[Int(rng.next() % UInt64(values.count))]
        if colons.isEmpty {
          lines[i] += " " + value
        } else {
          let c = colons[Int(rng.next() % UInt64(colons.count))] + 2
          var e = c
          while e < chars.count && chars[e] != "," && chars[e] != "}" && chars[e] != "#" { e += 1 }
          lines[i] = String(chars[..<c]) + value + String(chars[e...])
        }
      case 13, 14, 15: lines.insert(Self.lines[Int(rng.next() % UInt64(Self.lines.count))], at: i)
      case 16:
        let shift = Int(rng.next() % 5)
        lines[i] = rng.next() % 2 == 0 ? String(repeating: " ", count: shift) + lines[i] : String(lines[i].drop { $0 == " " })
      case 17:
        let scalars: [Unicode.Scalar] = ["\u{1B}", "\u{0}", "\u{7F}", "\u{202E}", "\u{FEFF}", "\u{FFFE}", "\"", "'", "\\", "#", "\u{85}"]
        var chars = Array(lines[i])
        chars.insert(Character(scalars[Int(rng.next() % UInt64(scalars.count))]), at: Int(rng.next() % UInt64(chars.count + 1)))
        lines[i] = String(chars)
      case 18:
        // Cut the file.
        lines = Array(lines.prefix(i))
      default:
        // A number made extreme.
        if let d = lines[i].firstIndex(where: \.isNumber) {
          lines[i].insert(contentsOf: String(repeating: "9", count: 1 + Int(rng.next() % 25)), at: d)
        }
      }
    }
    return lines.joined(separator: "\n")
  }
}
