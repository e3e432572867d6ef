import EquilibreCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import EquilibreWeb

/// The plan d'apurement from the case page: the same document as `equilibre apurement`.
@Suite("Espace de travail : proposition de plan d'apurement")
struct ArrearsPlanRouteTests {
  @Test("Dans le dossier : 12 mois donnent 12 × 70,00 € ; sans durée, ou une durée hors bornes, un refus en français")
  func fromTheCase() async throws {
    try await RouteTests.withApp { client in
      let token = try await RouteTests.token(client)
      try await WorkspaceFixesTests.openExample(client, token)
      let page = String(buffer: try await client.execute(uri: "/dossiers/EQ-2026-00001", method: .get).body)
      #expect(page.contains("<option value=\"apurement\">Proposition de plan d&#39;apurement de la dette de loyer</option>"))
      #expect(page.contains("<label for=\"mois-apurement\">"))
      let r = try await client.execute(
        uri: "/dossiers/EQ-2026-00001/documents", method: .post, headers: RouteTests.headers(token),
        body: RouteTests.form([("_csrf", token), ("type", "apurement"), ("format", "html"), ("mois_apurement", "12")]))
      #expect(r.status == .ok && r.headers[.contentDisposition] == "attachment; filename=\"apurement-EQ-2026-00001.html\"")
      let html = String(buffer: r.body)
      #expect(
        html.contains("data-chiffre=\"mensualite_apurement\">70,00\u{00A0}€<")
          && html.contains("data-chiffre=\"dette_loyer\">840,00\u{00A0}€<"))
      #expect(html.contains("Office HLM Exemple"))
      for (typed, shown) in [("", "indiquez un nombre de mois entre 1 et 120"), ("0", "(« 0 » tapé)"), ("douze", "(« douze » tapé)")] {
        let bad = try await client.execute(
          uri: "/dossiers/EQ-2026-00001/documents", method: .post, headers: RouteTests.headers(token),
          body: RouteTests.form([("_csrf", token), ("type", "apurement"), ("format", "html"), ("mois_apurement", typed)]))
        #expect(bad.status == .unprocessableContent && RouteTests.unescape(String(buffer: bad.body)).contains(shown), "« \(typed) »")
      }
    }
  }
}
