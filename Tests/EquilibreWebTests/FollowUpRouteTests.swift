import EquilibreCases
import EquilibreCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import EquilibreWeb

/// Issue 29 (first part): measures and the case's life from the case page, under the measure
/// policy, with the same refusals as `equilibre suivi mesure`.
@Suite("Accompagnement dans l'espace : mesures et vie du dossier")
struct FollowUpRouteTests {
  static let path = "/dossiers/EQ-2026-00001"

  static func page(_ client: any TestClientProtocol) async throws -> String {
    RouteTests.unescape(String(buffer: try await client.execute(uri: path, method: .get).body))
  }

  @Test("ASLL : 6 mois, renouvelée 3 + 3 mois avec l'accord de la commission, puis le maximum refusé et expliqué ; close avec son issue")
  func asll() async throws {
    try await RouteTests.withApp { client, store in
      let token = try await RouteTests.token(client)
      try await WorkspaceFixesTests.openExample(client, token)
      let post = { (uri: String, fields: [(String, String)]) in try await WorkspaceFixesTests.post(client, uri, token, fields) }
      // More than the policy's 6 months: refused, in French, with the policy's word.
      let tooLong = try await post(Self.path + "/mesures", [("type", "asll"), ("debut", "2026-11-02"), ("duree", "9")])
      #expect(tooLong.status == .unprocessableContent)
      #expect(
        RouteTests.unescape(String(buffer: tooLong.body)).contains(
          "Durée de 9 mois : la politique prévoit 6 mois pour accompagnement social lié au logement (ASLL)"))
      // The policy's duration by default.
      #expect(
        try await post(Self.path + "/mesures", [("type", "asll"), ("prescripteur", "FSL 22"), ("debut", "2026-11-02"), ("duree", "")])
          .status == .seeOther)
      var page = try await Self.page(client)
      #expect(
        page.contains(
          "M1 accompagnement social lié au logement (ASLL) : 6 mois, jusqu'au 1er mai 2027 ; 0 renouvellement sur 2 ; 6 mois sur 12 au plus"
        ), "\(page.components(separatedBy: "class=\"mesures\"").last?.prefix(600) ?? "")")
      // Two renewals of 3 months, the commission's agreement filled from the policy.
      #expect(page.contains("value=\"la commission du département (FSL)\""))
      for day in ["2027-04-20", "2027-07-20"] {
        let r = try await post(
          Self.path + "/mesures/M1",
          [("faire", "renouveler"), ("duree", "3"), ("accord", "la commission du département (FSL)"), ("date", day)])
        #expect(r.status == .seeOther, "\(String(buffer: r.body).prefix(300))")
      }
      page = try await Self.page(client)
      #expect(
        page.contains(
          "M1 accompagnement social lié au logement (ASLL) : 6 + 3 + 3 mois, jusqu'au 1er novembre 2027 ; 2 renouvellements sur 2, maximum atteint ; 12 mois sur 12 au plus, maximum atteint"
        ))
      // A third one: refused and explained; with « dérogation », accepted and said in the audit.
      let third = try await post(
        Self.path + "/mesures/M1", [("faire", "renouveler"), ("duree", "3"), ("accord", "commission"), ("date", "2027-10-20")])
      #expect(third.status == .unprocessableContent)
      #expect(
        RouteTests.unescape(String(buffer: third.body)).contains(
          "Renouvellement refusé : M1 accompagnement social lié au logement (ASLL) : 2 renouvellement(s) au plus selon la politique, déjà 2"
        ))
      #expect(
        try await post(
          Self.path + "/mesures/M1",
          [("faire", "renouveler"), ("duree", "3"), ("accord", "commission"), ("date", "2027-10-20"), ("derogation", "oui")]
        ).status == .seeOther)
      let ref = CaseRef("EQ-2026-00001")!
      #expect(try await store.auditLog(ref).contains { $0.detail.contains("accord de commission (dérogation)") })
      // Closed with its outcome: no more renewal form for it.
      #expect(
        try await post(Self.path + "/mesures/M1", [("faire", "clore"), ("motif", "objectifs atteints"), ("date", "2027-11-30")]).status
          == .seeOther)
      page = try await Self.page(client)
      #expect(page.contains("close le 30 novembre 2027 (objectifs atteints)") && !page.contains("id=\"renouveler-M1\""))
      #expect(try await post(Self.path + "/mesures/M9", [("faire", "clore"), ("motif", "x")]).status == .notFound)
    }
  }

  @Test("Le dossier se suspend, se rouvre, se clôt avec son motif ; clos, il refuse toute modification en le disant")
  func caseLife() async throws {
    try await RouteTests.withApp { client, store in
      let token = try await RouteTests.token(client)
      try await WorkspaceFixesTests.openExample(client, token)
      let post = { (uri: String, fields: [(String, String)]) in try await WorkspaceFixesTests.post(client, uri, token, fields) }
      #expect(try await post(Self.path + "/etat", [("faire", "suspendre"), ("note", "hospitalisation")]).status == .seeOther)
      var page = try await Self.page(client)
      #expect(page.contains("État du dossier : suspendu") && page.contains("Rouvrir le dossier"))
      #expect(try await post(Self.path + "/etat", [("faire", "rouvrir")]).status == .seeOther)
      let wrong = try await post(Self.path + "/etat", [("faire", "clore"), ("motif", "fini")])
      #expect(wrong.status == .unprocessableContent && String(buffer: wrong.body).contains("Motif de clôture"))
      #expect(
        try await post(Self.path + "/etat", [("faire", "clore"), ("motif", "relogement"), ("date", "2026-11-20"), ("note", "bail signé")])
          .status == .seeOther)
      page = try await Self.page(client)
      #expect(page.contains("État du dossier : clos") && !page.contains("Ouvrir la mesure"))
      let refused = try await post(Self.path + "/mesures", [("type", "avdl")])
      #expect(refused.status != .seeOther && RouteTests.unescape(String(buffer: refused.body)).contains("est clos : rouvrez-le d'abord"))
      let r = try await store.load(CaseRef("EQ-2026-00001")!, by: "t")
      #expect(r.file.status == .clos && r.file.closingReason == .relogement && r.file.closingNote == "bail signé")
      let actions = try await store.auditLog(r.file.ref).map(\.action)
      #expect(actions.contains("suspension") && actions.contains("reouverture") && actions.contains("cloture"))
    }
  }
}

extension FollowUpRouteTests {
  @Test("Objectifs et actions : domaine, échéance, statut, bilan ; chaque action dit qui la fait, pour quand, où elle en est")
  func objectivesAndActions() async throws {
    try await RouteTests.withApp { client, store in
      let token = try await RouteTests.token(client)
      try await WorkspaceFixesTests.openExample(client, token)
      let post = { (uri: String, fields: [(String, String)]) in try await WorkspaceFixesTests.post(client, uri, token, fields) }
      #expect(
        try await post(
          Self.path + "/objectifs", [("libelle", "Apurer la dette de loyer"), ("theme", "logement"), ("echeance", "2027-03-31")]
        ).status == .seeOther)
      let badDate = try await post(Self.path + "/objectifs", [("libelle", "x"), ("theme", "budget"), ("echeance", "31 mars")])
      #expect(badDate.status == .unprocessableContent)
      #expect(
        try await post(
          Self.path + "/objectifs/O1/actions", [("libelle", "Demander le FSL maintien"), ("qui", "conseiller"), ("echeance", "2026-12-15")]
        ).status == .seeOther)
      #expect(
        try await post(Self.path + "/objectifs/O1/actions", [("libelle", "Payer le loyer courant"), ("qui", "menage")]).status == .seeOther)
      #expect(try await post(Self.path + "/objectifs/O1/actions", [("libelle", "x"), ("qui", "voisin")]).status == .unprocessableContent)
      #expect(try await post(Self.path + "/actions/O1.1", [("statut", "faite")]).status == .seeOther)
      #expect(
        try await post(
          Self.path + "/objectifs/O1",
          [("statut", "partiellement-atteint"), ("echeance", "2027-03-31"), ("bilan", "Dette réduite de moitié")]
        )
        .status == .seeOther)
      let page = try await Self.page(client)
      #expect(
        page.contains(
          "<strong>O1 Logement : Apurer la dette de loyer</strong> — partiellement atteint, échéance le 31 mars 2027. Bilan : Dette réduite de moitié"
        ))
      #expect(
        page.contains("O1.1 Demander le FSL maintien — le conseiller, pour le 15 décembre 2026")
          && page.contains("O1.2 Payer le loyer courant — le ménage"))
      #expect(page.contains("<option value=\"faite\" selected>Faite</option>"))
      let r = try await store.load(CaseRef("EQ-2026-00001")!, by: "t")
      let o = try #require(r.objectives.first)
      #expect(
        o.status == .partiellementAtteint && o.assessment == "Dette réduite de moitié" && o.actions.map(\.owner) == [.conseiller, .menage])
      #expect(o.actions[0].status == .faite)
    }
  }
}

extension FollowUpRouteTests {
  @Test("Rendez-vous : date, heure, lieu, objet ; téléchargé en .ics ; tenu, il devient un contact ; passé ou mal écrit, refusé")
  func appointments() async throws {
    try await RouteTests.withApp { client, store in
      let token = try await RouteTests.token(client)
      try await WorkspaceFixesTests.openExample(client, token)
      let post = { (uri: String, fields: [(String, String)]) in try await WorkspaceFixesTests.post(client, uri, token, fields) }
      // The workspace's day (the tests' clock, 23 November 2026): the appointment is today, so that it can be held today.
      let today = CivilDate(year: 2026, month: 11, day: 23)!
      let set = try await post(
        Self.path + "/rendez-vous",
        [("date", today.description), ("heure", "10:00"), ("canal", "visite-domicile"), ("objet", "Budget, loyers; relances")])
      #expect(set.status == .seeOther, "\(String(buffer: set.body).prefix(300))")
      #expect(
        try await post(Self.path + "/rendez-vous", [("date", "2020-01-06"), ("canal", "telephone"), ("objet", "x")]).status
          == .unprocessableContent)
      #expect(
        try await post(
          Self.path + "/rendez-vous", [("date", today.description), ("heure", "25:00"), ("canal", "telephone"), ("objet", "x")]
        ).status == .unprocessableContent)
      let ics = try await client.execute(uri: Self.path + "/rendez-vous/R1.ics", method: .get)
      let text = String(buffer: ics.body)
      let day = today.description.replacingOccurrences(of: "-", with: "")
      #expect(ics.headers[.contentType] == "text/calendar; charset=utf-8")
      #expect(text.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") && text.contains("\r\nDTSTART:\(day)T100000\r\nDTEND:\(day)T110000\r\n"))
      #expect(
        text.contains("SUMMARY:EQ-2026-00001 : visite à domicile\r\n") && text.contains("DESCRIPTION:Budget\\, loyers\\; relances\r\n"))
      #expect(
        String(buffer: try await client.execute(uri: Self.path + "/rendez-vous/tous.ics", method: .get).body).contains(
          "UID:EQ-2026-00001-R1@equilibre"))
      #expect(try await client.execute(uri: Self.path + "/rendez-vous/R9.ics", method: .get).status == .notFound)
      // Held: a home-visit contact of that day, with its synthesis; the appointment says so.
      let held = try await post(Self.path + "/rendez-vous/R1", [("synthese", "Budget revu"), ("note_privee", "fatiguée")])
      #expect(
        held.status == .seeOther,
        "\(RouteTests.unescape(String(buffer: held.body)).components(separatedBy: "<main").last?.prefix(500) ?? "")")
      #expect(try await post(Self.path + "/rendez-vous/R1", [("synthese", "encore")]).status == .unprocessableContent)
      let r = try await store.load(CaseRef("EQ-2026-00001")!, by: "t")
      #expect(r.contacts.map(\.channel) == [.visiteDomicile] && r.contacts[0].date == today && r.contacts[0].synthesis == "Budget revu")
      #expect(r.appointments.first?.contact == "C1")
      let page = try await Self.page(client)
      #expect(page.contains("R1 le \(today.french) à 10 h 00, visite à domicile : Budget, loyers; relances — tenu (contact C1)"))
    }
  }
}
