import EquilibreCases
import EquilibreCore
import EquilibreWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Issue 31: shared mode's sessions live in the base, so that several instances share a sign-in
/// and a restart logs no one out; signing out ends the session on every instance.
@Suite("Sessions dans la base : deux instances, un redémarrage, une déconnexion partout")
struct SessionsInBaseTests {
  @Test(
    "Connectée par une instance, Claire travaille par l'autre ; après sa déconnexion, aucune des deux ne la reconnaît",
    arguments: WebBackends.all)
  func twoInstances(_ backend: String) async throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "equilibre-sessions-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let location = backend == "sqlite" ? dir.appendingPathComponent("base.sqlite").path : try WebBackends.freshPostgres()
    let config = WebConfiguration(
      base: location, counsellor: "local", shared: true, sharing: WebConfiguration.Sharing(maxFailures: 3, throttleMinutes: 15))
    let setup = try await CaseBase.open(location, actor: "test")
    try await setup.createAccount(
      Account(login: "claire", name: "Claire", role: .conseiller, structure: "Toit"),
      passwordHash: Passwords.hash(SharedModeTests.passwords["claire"]!, cost: 4), by: "test")
    try await setup.close()
    let today: @Sendable () -> CivilDate = { CivilDate(year: 2026, month: 11, day: 23)! }
    let poolA = try await openWorkspaceStore(config)
    let poolB = try await openWorkspaceStore(config)
    let jar = Jar()
    let first = try buildApplication(store: poolA, configuration: config, today: today)
    let second = try buildApplication(store: poolB, configuration: config, today: today)
    try await first.test(.router) { a in
      try await second.test(.router) { b in
        let viaA = SharedModeTests.Browser(a)
        let signedIn = try await viaA.signIn("claire", SharedModeTests.passwords["claire"]!)
        #expect(signedIn.status == .seeOther)
        // The same browser (its cookies) on the other instance: still Claire.
        let viaB = SharedModeTests.Browser(b)
        viaB.cookies = viaA.cookies
        let page = try await viaB.get("/dossiers", follow: false)
        #expect(page.status == .ok && String(buffer: page.body).contains("Claire (claire"), "\(page.status)")
        // A form posted through B with the token a page of A gave: the same session's token.
        let account = try await viaB.get("/compte")
        #expect(account.status == .ok)
        // Signing out through B ends the session on A too.
        let out = try await viaB.post("/deconnexion", [])
        #expect(out.status == .seeOther)
        let again = try await viaA.get("/dossiers", follow: false)
        #expect(again.status == .seeOther && again.headers[.location]?.hasPrefix("/connexion") == true)
        // Failures through A count on B too: after 3, B makes the right password wait.
        for _ in 0..<3 { #expect(try await SharedModeTests.Browser(a).signIn("claire", "Mauvais-mot-de-passe").status == .unauthorized) }
        let blocked = try await SharedModeTests.Browser(b).signIn("claire", SharedModeTests.passwords["claire"]!)
        #expect(blocked.status == .tooManyRequests)
        let store = try await CaseBase.open(location, actor: "test")
        try await store.clearLoginFailures("identifiant:claire")
        try await store.close()
        // Signed in again through A, before both instances stop.
        let next = SharedModeTests.Browser(a)
        #expect(try await next.signIn("claire", SharedModeTests.passwords["claire"]!).status == .seeOther)
        jar.cookies = next.cookies
      }
    }
    await poolA.close()
    await poolB.close()
    // A restart: a new instance over the base reads the sessions still there.
    let pool = try await openWorkspaceStore(config)
    let restarted = try buildApplication(store: pool, configuration: config, today: today)
    try await restarted.test(.router) { c in
      let b = SharedModeTests.Browser(c)
      b.cookies = jar.cookies
      let page = try await b.get("/dossiers", follow: false)
      #expect(page.status == .ok, "session perdue au redémarrage : \(page.status)")
    }
    await pool.close()
  }
}

/// Cookies carried from one run of the application to the next.
final class Jar: @unchecked Sendable {
  var cookies: [String: String] = [:]
}
