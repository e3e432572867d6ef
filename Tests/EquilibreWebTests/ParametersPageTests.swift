import EquilibreCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import EquilibreWeb

/// « Paramètres légaux » : the values in force on a date, with their texts and sources; the same
/// list as `equilibre parametres`, read from the same ``ParameterListing``.
@Suite("Page des paramètres légaux")
struct ParametersPageTests {
  @Test("Au 1er avril 2026 : la durée maximale du plan (84 mois, L732-3, depuis le 1er janvier 2018) et le SMIC, avec leur source")
  func inForce() async throws {
    try await RouteTests.withApp { client in
      let r = try await client.execute(uri: "/parametres?date=2026-04-01", method: .get)
      #expect(r.status == .ok)
      let page = RouteTests.unescape(String(buffer: r.body))
      #expect(page.contains("<h1>Paramètres légaux</h1>") && page.contains("Valeurs en vigueur au 1er avril 2026"))
      #expect(page.contains("<h2 id=\"theme-plan\">Plan de surendettement</h2>"))
      // The row of the plan's length: value, date of effect, article, link to the source.
      let row = try #require(page.components(separatedBy: "<code>plan.duree_max_mois</code>").dropFirst().first?.prefix(700))
      #expect(row.contains("<td>84 (mois)") && row.contains("<td>1er janvier 2018</td>") && row.contains("L732-3"))
      #expect(row.contains("<a href=\"https://www.doctrine.fr/") && row.contains("rel=\"noreferrer noopener\""))
      // Every value shown is the library's, on that date (one source with the CLI).
      let listing = ParameterListing(.national, on: CivilDate(year: 2026, month: 4, day: 1)!)
      for e in listing.entries {
        guard let u = e.use else {
          #expect(page.contains(e.error ?? "aucune valeur"), "\(e.key)")
          continue
        }
        #expect(page.contains("<code>\(e.key)</code>"), "\(e.key) absent de la page")
        #expect(page.contains("\(u.value.french) (\(u.unit))"), "\(e.key) : \(u.value.french)")
        for w in u.warnings { #expect(page.contains("<li>\(w)</li>"), "\(e.key) : avertissement « \(w) » absent") }
      }
      // A value marked UNSURE in the data files says so on its row.
      #expect(page.contains("<li>à vérifier : source unique ou incertaine</li>"))
      // Each theme once in the contents, in order, linked to its heading.
      for t in listing.themes {
        #expect(page.contains("<a href=\"#theme-\(t.prefix.replacingOccurrences(of: "_", with: "-"))\">\(t.title)</a>"))
      }
      #expect(page.contains("<a href=\"/parametres\">Paramètres légaux</a>"))
    }
  }

  @Test("Sans date : aujourd'hui ; une autre date donne les valeurs de ce jour-là (SMIC 2025 puis 2026)")
  func byDate() async throws {
    try await RouteTests.withApp { client in
      let today = RouteTests.unescape(String(buffer: try await client.execute(uri: "/parametres", method: .get).body))
      #expect(today.contains("Valeurs en vigueur au 23 novembre 2026") && today.contains("value=\"2026-11-23\""))
      let smic = { (d: CivilDate) in try ParameterSet.national.use("smic.horaire_brut", on: d) }
      let before = try smic(CivilDate(year: 2025, month: 6, day: 1)!)
      let now = try smic(CivilDate(year: 2026, month: 6, day: 1)!)
      #expect(before.value.french != now.value.french)
      let old = RouteTests.unescape(String(buffer: try await client.execute(uri: "/parametres?date=2025-06-01", method: .get).body))
      let row = try #require(old.components(separatedBy: "<code>smic.horaire_brut</code>").dropFirst().first?.prefix(300))
      #expect(row.contains("<td>\(before.value.french) (\(before.unit))") && !row.contains("<td>\(now.value.french) ("))
    }
  }

  @Test("Une date invalide : message français au champ, statut 422, rien d'affiché de faux ; le texte tapé est échappé")
  func badDate() async throws {
    try await RouteTests.withApp { client in
      for typed in ["2026-13-01", "demain", "<script>alert(1)</script>", "1850-01-01"] {
        let query = typed.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let r = try await client.execute(uri: "/parametres?date=\(query)", method: .get)
        let page = String(buffer: r.body)
        #expect(r.status == .unprocessableContent, "\(typed)")
        #expect(page.contains("aria-invalid=\"true\" aria-describedby=\"date-err\"") && page.contains("n&#39;est pas une date"))
        #expect(!page.contains("<table") && !page.contains("<script>alert"))
      }
    }
  }
}
