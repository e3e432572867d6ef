import EquilibreCases
import EquilibreCore
import Foundation
import Synchronization
import Testing

/// The two real backends the store tests run against: a temporary SQLite file, and a fresh
/// database on the PostgreSQL server named by `EQUILIBRE_TEST_POSTGRES` (`.ci/run` starts a
/// throw-away cluster on loopback). Without it the PostgreSQL half is skipped, and says so;
/// in CI (`CI=true`) its absence is a failure.
enum Backends {
  static let postgresURL = ProcessInfo.processInfo.environment["EQUILIBRE_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }

  static var all: [String] {
    if postgresURL == nil {
      let line =
        "⚠︎ PostgreSQL : EQUILIBRE_TEST_POSTGRES non défini, la moitié PostgreSQL des tests du magasin n'est PAS exécutée (eval \"$(.ci/postgres-start)\" pour la lancer)."
      FileHandle.standardError.write(Data((line + "\n").utf8))
      return ["sqlite"]
    }
    return ["sqlite", "postgres"]
  }

  static let counter = Mutex(0)

  /// A new, empty base of `backend`.
  static func fresh(_ backend: String) throws -> String {
    let n = counter.withLock { v -> Int in
      v += 1
      return v
    }
    let name = "equilibre_t\(getpid())_\(n)_\(UInt32.random(in: 0...UInt32.max))"
    if backend == "sqlite" {
      let dir = FileManager.default.temporaryDirectory.appendingPathComponent("equilibre-cases-\(getpid())")
      try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
      return dir.appendingPathComponent("\(name).sqlite").path
    }
    guard let url = postgresURL else { throw StoreError.unavailable("PostgreSQL absent") }
    try psql(url, "CREATE DATABASE \(name)")
    return url.replacingOccurrences(of: "/postgres?", with: "/\(name)?")
  }

  /// Runs one SQL statement with psql (creating databases, tampering in tests).
  static func psql(_ url: String, _ sql: String) throws {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["psql", "-q", "-v", "ON_ERROR_STOP=1", url, "-c", sql]
    p.standardOutput = FileHandle.nullDevice
    let err = Pipe()
    p.standardError = err
    try p.run()
    let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    guard p.terminationStatus == 0 else { throw StoreError.unavailable("psql : \(message)") }
  }

  /// A fixed clock for deterministic audit lines.
  static let clock: @Sendable () -> String = { "2026-11-23T10:00:00.000Z" }

  static func open(_ location: String) async throws -> SQLCaseStore {
    try await CaseBase.open(location, actor: "test", now: clock)
  }
}

/// The scenario text and key figures of an example household (the engines compute them).
func exampleDraft(_ name: String = "parent-separe", date: String? = nil) throws -> SituationDraft {
  let url = packageRoot.appendingPathComponent("Scenarios/\(name).yaml")
  var text = try String(contentsOf: url, encoding: .utf8)
  if let date { text = text.replacingOccurrences(of: "date: 2026-11-01", with: "date: \(date)") }
  let scenario = try ScenarioFile.parse(text, file: "\(name).yaml")
  let forfaits = try scenario.settings.forfaitsFile.map { f in
    try ParameterFile.parse(try String(contentsOf: packageRoot.appendingPathComponent("Scenarios/\(f)"), encoding: .utf8), file: f)
  }
  return SituationDraft(date: scenario.date, scenarioText: text, figures: try KeyFigures.compute(scenario: scenario, forfaits: forfaits))
}

let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func day(_ s: String) -> CivilDate { CivilDate(s)! }
