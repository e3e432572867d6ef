import EquilibreCases
import EquilibreCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import EquilibreWeb

/// Issue 28, what the counsellor met besides the form: error pages, a new case that is empty,
/// the workshop's hand-off, downloads, shared-mode wording, Enter in the form.
@Suite("Espace de travail : pages d'erreur, dossier vide, reprise de l'atelier, mode partagé")
struct WorkspaceFixesTests {
  /// Opens the case EQ-2026-00001 from Scenarios/parent-separe.yaml.
  static func openExample(_ client: any TestClientProtocol, _ token: String) async throws {
    let r = try await client.execute(
      uri: "/dossiers", method: .post, headers: RouteTests.headers(token),
      body: RouteTests.form([("_csrf", token), ("scenario", RouteTests.example), ("faire", "enregistrer")]))
    #expect(r.status == .seeOther)
  }

  @Test("Une page d'erreur dit en français ce qui s'est passé et où aller, sans « Code 404 »")
  func errorPages() async throws {
    try await RouteTests.withApp { client in
      let missing = try await client.execute(uri: "/dossiers/EQ-2026-99999", method: .get)
      let page = String(buffer: missing.body)
      #expect(missing.status == .notFound)
      #expect(page.contains("<title>Page introuvable") && page.contains("le dossier a été effacé"))
      #expect(page.contains("<a href=\"/dossiers\">Aller à la liste des dossiers</a>") && !page.contains("Code 404"))
      // A refused entry goes back to the page it came from, never to another site.
      let token = try await RouteTests.token(client)
      var headers = RouteTests.headers(token)
      headers[.referer] = "/dossiers/EQ-2026-99999"
      let bad = try await client.execute(
        uri: "/dossiers/EQ-2026-99999/documents", method: .post, headers: headers,
        body: RouteTests.form([("_csrf", token), ("type", "inconnu")]))
      let text = String(buffer: bad.body)
      #expect(bad.status == .unprocessableContent && text.contains("Saisie refusée") && text.contains("corrigez ce qui est indiqué"))
      #expect(text.contains("<a href=\"/dossiers/EQ-2026-99999\">Revenir à la page précédente</a>"))
      headers[.referer] = "https://ailleurs.example/piege"
      let foreign = String(
        buffer: try await client.execute(
          uri: "/dossiers/EQ-2026-99999/documents", method: .post, headers: headers,
          body: RouteTests.form([("_csrf", token), ("type", "inconnu")])
        ).body)
      #expect(!foreign.contains("ailleurs.example") && !foreign.contains("Revenir à la page précédente"))
    }
  }

  @Test("Un nouveau dossier s'ouvre vide, à la date du jour : aucun ménage fictif, l'exemple est un choix explicite")
  func blankNewCase() async throws {
    try await RouteTests.withApp { client in
      for uri in ["/dossiers/nouveau", "/dossiers/nouveau/formulaire"] {
        let page = String(buffer: try await client.execute(uri: uri, method: .get).body)
        #expect(!page.contains("Camille") && !page.contains("Banque Exemple") && !page.contains("2026-11-01"), "\(uri)")
        #expect(page.contains("2026-11-23"), "\(uri) : date du jour")
        #expect(page.contains("<a href=\"/atelier\">partir d'un exemple de l'atelier</a>"), "\(uri)")
      }
      // The blank text is refused on saving with the missing fields named, never opened half-empty.
      let token = try await RouteTests.token(client)
      let r = try await client.execute(
        uri: "/dossiers", method: .post, headers: RouteTests.headers(token),
        body: RouteTests.form([
          ("_csrf", token), ("scenario", ScenarioTemplate.blank(on: CivilDate(year: 2026, month: 11, day: 23)!)), ("faire", "enregistrer"),
        ]))
      #expect(r.status == .unprocessableContent && String(buffer: r.body).contains("naissance"))
      #expect(String(buffer: try await client.execute(uri: "/dossiers", method: .get).body).contains("Aucun dossier."))
    }
  }

  @Test("L'atelier passe son ménage à un dossier quels que soient les retours à la ligne (CR LF du navigateur)")
  func workshopHandOff() async throws {
    try await RouteTests.withApp { client in
      let token = try await RouteTests.token(client)
      // What a browser posts for a hidden field or a text area: every line break as CR LF.
      let crlf = RouteTests.example.replacingOccurrences(of: "\n", with: "\r\n")
      let r = try await client.execute(
        uri: "/dossiers", method: .post, headers: RouteTests.headers(token),
        body: RouteTests.form([("_csrf", token), ("scenario", crlf), ("faire", "enregistrer")]))
      #expect(r.status == .seeOther)
      let page = String(buffer: try await client.execute(uri: "/dossiers/EQ-2026-00001", method: .get).body)
      #expect(page.contains("230,00\u{00A0}€") && !page.contains("\u{240D}") && !page.contains("\r"))
      // Its amounts read as French: 420,00, not 420.00.
      let workshop = String(buffer: try await client.execute(uri: "/atelier/exemple/parent-separe", method: .get).body)
      #expect(workshop.contains("name=\"loyer\" inputmode=\"decimal\" value=\"420,00\""))
    }
  }

  @Test("Enter dans un champ du formulaire enregistre : le premier bouton d'envoi est « enregistrer », jamais « Retirer cette ligne »")
  func enterSaves() async throws {
    try await RouteTests.withApp { client in
      let page = String(buffer: try await client.execute(uri: "/dossiers/nouveau/formulaire", method: .get).body)
      let form = page[page.range(of: "<form method=\"post\" action=\"/dossiers/nouveau/formulaire\"")!.lowerBound...]
      let first = form.range(of: "<button type=\"submit\"")!
      #expect(form[first.lowerBound...].hasPrefix("<button type=\"submit\" name=\"faire\" value=\"enregistrer\""))
    }
  }

  @Test("Mode partagé : aucune page ne dit que les données restent sur cet ordinateur, pas même la connexion ni une erreur")
  func sharedWording() async throws {
    try await SharedModeTests.withApp { client, _ in
      for uri in ["/connexion", "/static/inexistant.css"] {
        let page = String(buffer: try await client.execute(uri: uri, method: .get).body)
        #expect(page.contains("espace partagé de votre structure") && !page.contains("cet ordinateur"), "\(uri)")
      }
    }
    try await RouteTests.withApp { client in
      let page = String(buffer: try await client.execute(uri: "/dossiers", method: .get).body)
      #expect(page.contains("les données restent sur cet ordinateur"))
    }
  }
}

extension WorkspaceFixesTests {
  @Test("« Budget sans forfaits » se lit à côté des chiffres quand aucun barème n'est choisi, et pas autrement")
  func noForfaitsWarning() async throws {
    try await RouteTests.withApp { client in
      let token = try await RouteTests.token(client)
      let forfaits = try String(
        contentsOf: RouteTests.root.appendingPathComponent("Scenarios/couple-trois-enfants-revolving.yaml"), encoding: .utf8)
      for (text, warned) in [(RouteTests.example, true), (forfaits, false)] {
        let r = try await client.execute(
          uri: "/dossiers", method: .post, headers: RouteTests.headers(token),
          body: RouteTests.form([("_csrf", token), ("scenario", text), ("faire", "calculer")]))
        let page = String(buffer: r.body)
        #expect(page.contains("data-cle=\"reste_a_vivre\""))
        #expect(page.contains("<strong>Budget sans forfaits :</strong>") == warned)
      }
    }
  }
}

extension WorkspaceFixesTests {
  @Test("Un dossier s'ouvre sur ses chiffres : le YAML est une édition experte repliée, ouverte seulement sur une erreur")
  func figuresFirst() async throws {
    try await RouteTests.withApp { client in
      let token = try await RouteTests.token(client)
      try await Self.openExample(client, token)
      let page = String(buffer: try await client.execute(uri: "/dossiers/EQ-2026-00001", method: .get).body)
      #expect(page.contains("<div class=\"colonnes dossier-ouvert\">") && page.contains("<details class=\"edition-experte\"><summary>"))
      let editor = try #require(page.range(of: "<details class=\"edition-experte\">"))
      #expect(page[editor.upperBound...].contains("<textarea id=\"scenario\""))
      // A refused text comes back with the editor open and the errors in view.
      let refused = try await client.execute(
        uri: "/dossiers/EQ-2026-00001", method: .post, headers: RouteTests.headers(token),
        body: RouteTests.form([("_csrf", token), ("version", "1"), ("scenario", "date: demain"), ("faire", "enregistrer")]))
      let body = String(buffer: refused.body)
      #expect(refused.status == .unprocessableContent && body.contains("<details class=\"edition-experte\" open>"), "\(refused.status)")
    }
  }
}
