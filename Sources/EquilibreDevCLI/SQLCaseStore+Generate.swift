import EquilibreCases
import EquilibreCore
import Foundation
import SQLKit

extension SQLCaseStore {
  /// Fills the base with `cases` generated households (benchmarks; `equilibre-dev base-generer`): each with `versions`
  /// situation versions of `scenario`, `contacts` contacts, an Acti'Loge measure and two
  /// objectives, written in large transactions with their audit lines.
  func generate(cases: Int, versions: Int, contacts: Int, scenario: String, figures: KeyFigures, start: CivilDate) async throws {
    let figuresJSON = try JSONWriter.stored.string(figures)
    let batch = 200
    var made = 0
    while made < cases {
      let n = min(batch, cases - made)
      try await transaction {
        for k in 0..<n {
          let i = made + k
          let opened = start.adding(days: i % 700)
          let year = opened.year
          let number = try await nextCounter("dossier-\(year)")
          let ref = CaseRef(year: year, number: number).text
          let version = 1 + versions - 1 + contacts + 3
          try await run(
            """
            INSERT INTO cases (ref, year, label, search_key, counsellor, structure, status, opened_on, version, purged, next_appointment, updated_at, updated_by)
            VALUES (\(bind: ref), \(bind: year), \(bind: "Ménage \(i)"), \(bind: SearchKey.of(label: "Ménage \(i)", ref: CaseRef(ref)!)), \(bind: "conseiller \(i % 40)"), 'Structure', \(bind: i % 10 == 0 ? "clos" : "ouvert"),
              \(bind: opened.description), \(bind: version), 0, \(bind: opened.adding(days: 400).description), \(bind: now()), 'generateur')
            """)
          for v in 1...versions {
            try await run(
              """
              INSERT INTO situations (ref, number, date, scenario, figures, note, saved_at, saved_by)
              VALUES (\(bind: ref), \(bind: v), \(bind: opened.adding(months: v - 1).description), \(bind: scenario), \(bind: figuresJSON), NULL, \(bind: now()), 'generateur')
              """)
          }
          try await run(
            """
            INSERT INTO measures (ref, id, type, prescriber, start_on, planned_months) VALUES (\(bind: ref), 'M1', 'acti-loge', 'Action Logement', \(bind: opened.description), 6)
            """)
          for o in 1...2 {
            try await run(
              """
              INSERT INTO objectives (ref, id, rank, theme, wording, agreed, status, due)
              VALUES (\(bind: ref), \(bind: "O\(o)"), \(bind: o), 'budget', \(bind: "Objectif \(o)"), 1, 'en-cours', \(bind: opened.adding(months: 3 * o).description))
              """)
          }
          for c in 1...max(1, contacts) {
            try await run(
              """
              INSERT INTO contacts (ref, id, rank, date, channel, synthesis, private_note, next_appointment, counsellor)
              VALUES (\(bind: ref), \(bind: "C\(c)"), \(bind: c), \(bind: opened.adding(days: 15 * c).description), \(bind: c % 2 == 0 ? "visite-domicile" : "telephone"),
                \(bind: "Point n° \(c)"), NULL, NULL, 'generateur')
              """)
          }
          try await audit(CaseRef(ref), "generateur", "generation", "dossier généré", version: version)
        }
      }
      made += n
    }
  }
}

extension SQLCaseStore {
  /// Rows of a read-only statement, for benchmark diagnostics.
  func rowCount(_ sql: String) async throws -> Int { try await rows(SQLQueryString(sql)).count }
}
