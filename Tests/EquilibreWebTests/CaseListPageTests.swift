import EquilibreCases
import EquilibreCore
import EquilibreWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The list of cases in the workspace: pages by reference, filters kept from page to page.
@Suite("Liste des dossiers : pages, recherche, mesure et alertes")
struct CaseListPageTests {
  @Test("120 dossiers : 50 par page, suivants puis précédents, filtres gardés, recherche sans accents, « avec alerte »")
  func pages() async throws {
    try await RouteTests.withApp { client, store in
      let s = try #require(store as? SQLCaseStore)
      let text = RouteTests.example
      let scenario = try ScenarioFile.parse(text, file: "exemple.yaml")
      let figures = try KeyFigures.compute(scenario: scenario, forfaits: nil)
      for i in 1...120 {
        _ = try await s.openCase(
          NewCase(
            label: i == 77 ? "Famille Lefèvre" : "Ménage \(i)", counsellor: i % 2 == 0 ? "C. Martin" : "P. Roux", structure: nil,
            openedOn: CivilDate(year: 2026, month: 1, day: 5)!,
            situation: SituationDraft(date: CivilDate(year: 2026, month: 1, day: 5)!, scenarioText: text, figures: figures)),
          by: "t")
      }
      // An ASLL on one case, started long ago: its end is past, so it has an alert.
      try await s.apply(
        .openMeasure(type: .asll, prescriber: nil, start: CivilDate(year: 2026, month: 1, day: 5)!, months: 6),
        to: CaseRef("EQ-2026-00077")!, expectedVersion: nil, by: "t")
      func get(_ uri: String) async throws -> String {
        let r = try await client.execute(uri: uri, method: .get)
        #expect(r.status == .ok, "\(uri)")
        return RouteTests.unescape(String(buffer: r.body))
      }
      let first = try await get("/dossiers")
      #expect(first.contains("120 dossier(s) — ici de EQ-2026-00001 à EQ-2026-00050"))
      #expect(first.contains("/dossiers/EQ-2026-00050\"") && !first.contains("/dossiers/EQ-2026-00051\""))
      #expect(first.contains("href=\"/dossiers?apres=EQ-2026-00050\">Dossiers suivants") && !first.contains("Dossiers précédents"))
      let second = try await get("/dossiers?apres=EQ-2026-00050")
      #expect(second.contains("ici de EQ-2026-00051 à EQ-2026-00100") && second.contains("href=\"/dossiers?avant=EQ-2026-00051\""))
      let back = try await get("/dossiers?avant=EQ-2026-00051")
      #expect(back.contains("ici de EQ-2026-00001 à EQ-2026-00050"))
      // Filters stay in the links.
      let roux = try await get("/dossiers?conseiller=P.%20Roux")
      #expect(roux.contains("60 dossier(s)") && roux.contains("apres=EQ-2026-00099&conseiller=P.%20Roux"))
      let found = try await get("/dossiers?q=LEFEVRE")
      #expect(found.contains("1 dossier(s).") && found.contains("Famille Lefèvre"))
      let asll = try await get("/dossiers?mesure=asll")
      #expect(asll.contains("1 dossier(s).") && asll.contains("EQ-2026-00077"))
      let alerts = try await get("/dossiers?alerte=1")
      #expect(alerts.contains("1 dossier(s).") && alerts.contains("EQ-2026-00077") && alerts.contains("⚠"))
      // A reference typed by hand that is not one: the list from its start.
      #expect(try await get("/dossiers?apres=%3Cscript%3E").contains("ici de EQ-2026-00001 à EQ-2026-00050"))
    }
  }
}
