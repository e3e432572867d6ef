import ArgumentParser
import EquilibreCore
import EquilibreStatements
import EquilibreStatementsSynthetic
import Foundation

/// `equilibre-dev releves-mesurer`: detection figures on generated households, and the time to
/// read and analyse three months of a busy account.
struct MeasureStatements: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "releves-mesurer", abstract: "Détection sur des relevés générés (précision, rappel) et temps de lecture.")
  @Option var menages = 500
  @Option var graine: UInt64 = 2026
  @Option var repetitions = 21
  @Option(help: "Écrire les fichiers de huit ménages dans ce dossier (exemples).") var ecrire: String?
  @Option(help: "Premier des huit ménages écrits.") var depuis = 0

  func run() throws {
    let e = try SyntheticEvaluation.run(households: menages, seed: graine)
    print(e)
    for m in e.misses { print("  \(m)") }
    if let dir = ecrire {
      try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
      for i in depuis..<(depuis + 8) {
        let h = SyntheticHousehold.make(index: i, seed: graine, start: CivilDate(year: 2026, month: 1, day: 1)!)
        for f in SyntheticFiles.files(h) {
          FileManager.default.createFile(atPath: (dir as NSString).appendingPathComponent("menage\(i)-\(f.name)"), contents: Data(f.bytes))
        }
      }
    }
    // A busy account: 600 lines over three months, in one file, read and analysed.
    let busy = SyntheticFiles.busyAccount(lines: 600, seed: graine)
    var times: [Duration] = []
    var count = 0
    for _ in 0..<repetitions {
      let t = ContinuousClock.now
      let s = try StatementReader.read(bytes: busy, file: "compte-charge.csv")
      let a = StatementAnalyzer.analyse([s])
      count = s.lines.count + a.flows.count * 0
      times.append(ContinuousClock.now - t)
    }
    print(
      "lecture et analyse de \(count) lignes (Crédit Agricole, Windows-1252) : médiane \(times.sorted()[times.count / 2]) sur \(repetitions)"
    )
  }
}
