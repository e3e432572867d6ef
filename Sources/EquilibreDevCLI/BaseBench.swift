import ArgumentParser
import EquilibreCases
import EquilibreCommands
import EquilibreCore
import EquilibreScenarios
import EquilibreWorkspaceCommands
import Foundation

/// `equilibre-dev base-generer`: a benchmark base.
struct GenerateCases: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "base-generer", abstract: "Une base de dossiers générés, pour mesurer.")
  @Option var dossiers = 20_000
  @Option var versions = 12
  @Option var contacts = 24
  @OptionGroup var store: StoreOptions

  func run() async throws {
    let (draft, _) = try situationDraft(BenchExample.exampleScenario, note: nil)
    let (n, v, c) = (dossiers, versions, contacts)
    let started = ContinuousClock.now
    try await store.withStore(creates: true) { s in
      try await s.generate(
        cases: n, versions: v, contacts: c, scenario: draft.scenarioText, figures: draft.figures,
        start: CivilDate(year: 2025, month: 1, day: 1)!)
    }
    print("\(n) dossiers × \(v) versions × \(c) contacts générés en \(ContinuousClock.now - started).")
  }
}

/// `equilibre-dev base-mesurer`: median times of the follow-up queries on a base.
struct MeasureCases: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "base-mesurer", abstract: "Temps médians des requêtes du suivi sur une base.")
  @Option var repetitions = 7
  @OptionGroup var store: StoreOptions

  func run() async throws {
    let reps = repetitions
    let policy = MeasurePolicy.shipped
    let today = CivilDate(year: 2026, month: 6, day: 1)!
    let lines: [String] = try await store.withStore { s in
      func median(_ body: () async throws -> Void) async throws -> Duration {
        var times: [Duration] = []
        for _ in 0..<reps {
          let t = ContinuousClock.now
          try await body()
          times.append(ContinuousClock.now - t)
        }
        return times.sorted()[times.count / 2]
      }
      var raw: [String] = []
      var alerts = 0
      let echeances = try await median {
        alerts = try await s.followUpInputs(CaseFilter(), among: nil, today: today).map {
          FollowUp.alerts($0, policy: policy, today: today).count
        }.reduce(0, +)
      }
      var inputs: [FollowUp.Input] = []
      let loadOnly = try await median { inputs = try await s.followUpInputs(CaseFilter(), among: nil, today: today) }
      let alertsOnly = try await median { _ = inputs.map { FollowUp.alerts($0, policy: policy, today: today).count } }
      raw.append("  echeances, lecture \(loadOnly), calcul des alertes \(alertsOnly)")
      var count = 0
      let firstPage = try await median { count = try await s.page(CaseQuery()).total }
      var found = 0
      let search = try await median { found = try await s.page(CaseQuery(search: "menage 1234")).total }
      let counsellor = try await median { _ = try await s.page(CaseQuery(filter: CaseFilter(counsellor: "conseiller 7"))) }
      let liste = try await median { _ = try await s.list(CaseFilter()).count }
      let all = try await s.list(CaseFilter())
      guard !all.isEmpty else { throw CLIError.data("base vide : equilibre-dev base-generer d'abord") }
      let ref = all[all.count / 2].ref
      let open = try await median {
        let r = try await s.load(ref, by: "mesure")
        _ = Evolution(r.situations)
        _ = FollowUp.alerts(FollowUp.Input(r), policy: policy, today: today)
      }
      if ProcessInfo.processInfo.environment["EQUILIBRE_BENCH_DETAIL"] == "1" {
        for q in [
          "SELECT ref, status, next_appointment FROM cases WHERE status <> 'clos' AND purged = 0 ORDER BY ref",
          "SELECT ref, id, type, start_on, planned_months FROM measures WHERE end_on IS NULL",
          "SELECT ref, id, wording, status, due FROM objectives WHERE status IN ('prevu', 'en-cours') AND due IS NOT NULL",
          "SELECT ref, MAX(date) AS last FROM contacts WHERE channel = 'visite-domicile' GROUP BY ref",
        ] {
          var n = 0
          let t = try await median { n = try await s.rowCount(q) }
          raw.append("  brut \(n) lignes \(t) : \(q.prefix(60))")
        }
      }
      return raw + [
        "\(s.backend.french) : \(count) dossiers, médiane sur \(reps) essais",
        "  echeances (\(alerts) alertes) : \(echeances)",
        "  liste, première page (50) : \(firstPage)",
        "  liste, recherche « menage 1234 » (\(found) trouvé(s)) : \(search)",
        "  liste, un conseiller, première page : \(counsellor)",
        "  liste complète : \(liste)",
        "  ouverture d'un dossier avec son évolution : \(open)",
      ]
    }
    for l in lines { print(l) }
  }
}

enum BenchExample {
  /// The example household of the benchmark, from the examples compiled into the program.
  static var exampleScenario: String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("equilibre-bench-parent-separe.yaml").path
    if !FileManager.default.fileExists(atPath: path) {
      FileManager.default.createFile(
        atPath: path, contents: Data(ExampleScenarios.files.first { $0.name.hasPrefix("parent-separe") }!.text.utf8))
    }
    return path
  }
}

/// `equilibre-dev ecrire REF --nombre N`: N changes in a row, each its own transaction
/// (the kill -9 test interrupts it anywhere).
struct SuiviWriteLoop: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ecrire", abstract: "N changements d'un dossier, chacun sa transaction (essai de kill -9).")
  @Argument var reference: String
  @Option var nombre = 1000
  @OptionGroup var store: StoreOptions

  func run() async throws {
    let ref = try caseRef(reference)
    let actor = store.actor
    let n = nombre
    // Contacts take place today at the latest, and not before the case was opened.
    let day = CivilDate.today
    try await store.withStore { s in
      for i in 0..<n {
        let change: CaseChange =
          i % 3 == 0
          ? .contact(
            date: day, channel: .telephone, synthesis: "appel \(i) " + String(repeating: "x", count: i % 500), privateNote: nil,
            nextAppointment: nil)
          : i % 3 == 1
            ? .objective(theme: .budget, wording: "objectif \(i)", agreed: true, due: nil)
            : .document(
              type: "essai", date: day, situation: 1, format: "txt", fileName: "f\(i).txt",
              content: Array(repeating: UInt8(i % 251), count: 2000 + i % 5000))
        try await s.apply(change, to: ref, expectedVersion: nil, by: actor)
      }
    }
  }
}
