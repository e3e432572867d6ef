import EquilibreCases
import EquilibreCore
import EquilibreWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import ZIPFoundation

extension SharedModeTests {
  @Test(
    "Responsable : tous les dossiers de sa structure, aucun d'une autre ; administrateur : les comptes, aucun dossier",
    arguments: WebBackends.all)
  func roles(_ backend: String) async throws {
    try await Self.withApp(backend: backend) { client, _ in
      let rose = Browser(client)
      _ = try await rose.signIn("rose", Self.passwords["rose"]!)
      let list = String(buffer: try await rose.get("/dossiers").body)
      #expect(list.contains("EQ-2026-00001") && list.contains("EQ-2026-00002"))
      #expect(try await rose.get("/dossiers/EQ-2026-00002").status == .ok)
      #expect(try await rose.get("/comptes").status == .forbidden)
      let zoe = Browser(client)
      _ = try await zoe.signIn("zoe", Self.passwords["zoe"]!)
      #expect(!String(buffer: try await zoe.get("/dossiers").body).contains("EQ-2026-0000"))
      #expect(try await zoe.get("/dossiers/EQ-2026-00001").status == .forbidden)
      let admin = Browser(client)
      let signedIn = try await admin.signIn("admin", Self.passwords["admin"]!)
      #expect(signedIn.headers[.location] == "/dossiers")
      #expect(try await admin.get("/dossiers").status == .forbidden)
      #expect(try await admin.get("/dossiers/EQ-2026-00001").status == .forbidden)
      #expect(try await admin.get("/calcul").status == .forbidden)
      let accounts = try await admin.get("/comptes")
      #expect(accounts.status == .ok && String(buffer: accounts.body).contains("zoe"))
      #expect(!String(buffer: accounts.body).contains("$2"))
    }
  }

  @Test("Chaque consultation d'un dossier est inscrite au journal, au nom du compte", arguments: WebBackends.all)
  func viewsAudited(_ backend: String) async throws {
    try await Self.withApp(backend: backend) { client, store in
      let rose = Browser(client)
      _ = try await rose.signIn("rose", Self.passwords["rose"]!)
      _ = try await rose.get("/dossiers/EQ-2026-00001")
      _ = try await rose.get("/dossiers/EQ-2026-00001/situation.yaml")
      let reads = try await store.auditLog(CaseRef("EQ-2026-00001")!).filter { $0.action == "lecture" }
      #expect(reads.map(\.actor) == ["rose", "rose"])
    }
  }

  @Test("Administrateur : crée un compte (mot de passe faible refusé), le désactive ; le compte désactivé perd sa session")
  func accountAdministration() async throws {
    try await Self.withApp { client, store in
      let admin = Browser(client)
      _ = try await admin.signIn("admin", Self.passwords["admin"]!)
      let weak = try await admin.post(
        "/comptes", [("identifiant", "luc"), ("nom", "Luc"), ("role", "conseiller"), ("structure", "Toit"), ("mot_de_passe", "court")])
      #expect(weak.status == .unprocessableContent && String(buffer: weak.body).contains("mot de passe trop court"), "\(weak.status)")
      #expect(try await store.account("luc") == nil)
      let made = try await admin.post(
        "/comptes",
        [
          ("identifiant", "luc"), ("nom", "Luc <script>"), ("role", "conseiller"), ("structure", "Toit"),
          ("mot_de_passe", "Suivi-des-menages-9"),
        ])
      #expect(made.status == .ok && String(buffer: made.body).contains("Luc &lt;script&gt;"))
      let luc = Browser(client)
      #expect(try await luc.signIn("luc", "Suivi-des-menages-9").status == .seeOther)
      #expect(try await luc.get("/dossiers").status == .ok)
      // Deactivated: the next request no longer passes.
      #expect(try await admin.post("/comptes/luc", [("role", "conseiller"), ("structure", "Toit"), ("actif", "non")]).status == .ok)
      #expect(try await luc.get("/dossiers").status == .seeOther)
      #expect(try await luc.signIn("luc", "Suivi-des-menages-9").status == .unauthorized)
      // The administrator cannot lock themself out.
      let selfLock = try await admin.post("/comptes/admin", [("role", "conseiller"), ("actif", "oui")])
      #expect(selfLock.status == .unprocessableContent)
      // A conseiller cannot create accounts.
      let claire = Browser(client)
      _ = try await claire.signIn("claire", Self.passwords["claire"]!)
      #expect(
        try await claire.post(
          "/comptes", [("identifiant", "x1"), ("nom", "x"), ("role", "administrateur"), ("mot_de_passe", "Suivi-des-menages-8")]
        ).status == .forbidden)
    }
  }

  @Test("Import d'un dossier d'un autre conseiller refusé en mode partagé")
  func importOthersCase() async throws {
    try await Self.withApp { client, _ in
      let paul = Browser(client)
      _ = try await paul.signIn("paul", Self.passwords["paul"]!)
      let zip = try await paul.get("/dossiers/EQ-2026-00002/export.zip")
      #expect(zip.status == .ok)
      // Same base: renaming is not needed, the refusal comes before (the case belongs to paul; claire tries).
      let claire = Browser(client)
      _ = try await claire.signIn("claire", Self.passwords["claire"]!)
      var (headers, body) = RouteTests.multipart("EQ-2026-00002.zip", Array(zip.body.readableBytesView))
      headers[.cookie] = claire.cookieHeader
      let r = try await client.execute(uri: "/importer?_csrf=\(claire.csrf)", method: .post, headers: headers, body: body)
      #expect(r.status == .forbidden && String(buffer: r.body).contains("suivi par « paul »"))
    }
  }
}
