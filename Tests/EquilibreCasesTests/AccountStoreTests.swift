import EquilibreCases
import EquilibreCore
import Foundation
import PropertyBased
import Testing

/// Accounts, shares and the access rule of shared mode, on SQLite and PostgreSQL.
@Suite("Comptes et partage : SQLite et PostgreSQL, mêmes tests")
struct AccountStoreTests {
  /// bcrypt cost 4 keeps the tests fast; the server uses 12.
  static func hash(_ p: String) -> String { Passwords.hash(p, cost: 4) }

  @Test("bcrypt : vecteurs publiés d'OpenBSD/jBCrypt, et refus d'un autre mot de passe")
  func bcryptVectors() {
    // jBCrypt's test vectors (Damien Miller), from OpenBSD's bcrypt: (password, hash).
    #expect(Passwords.verify("", hash: "$2a$06$DCq7YPn5Rq63x1Lad4cll.TV4S6ytwfsfvkgY8jIucDrjc8deX1s."))
    #expect(Passwords.verify("abc", hash: "$2a$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i"))
    #expect(!Passwords.verify("abd", hash: "$2a$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i"))
    let h = Self.hash("Suivi-des-menages-1")
    #expect(h.hasPrefix("$2") && !h.contains("Suivi"))
    #expect(Passwords.verify("Suivi-des-menages-1", hash: h) && !Passwords.verify("Suivi-des-menages-2", hash: h))
  }

  @Test("Mots de passe refusés : trop court, contenant l'identifiant, répétitif, au-delà de 72 octets")
  func weakPasswords() {
    #expect(Passwords.weakness("court", login: "cm")?.contains("12 caractères") == true)
    #expect(Passwords.weakness("claire-2026-budget", login: "claire")?.contains("identifiant") == true)
    #expect(Passwords.weakness("aaaaaaaaaaaaaaaa", login: "cm")?.contains("répétitif") == true)
    #expect(Passwords.weakness(String(repeating: "abcdefgh", count: 10), login: "cm")?.contains("72") == true)
    #expect(Passwords.weakness("Suivi-des-menages-1", login: "claire") == nil)
  }

  @Test("Comptes : création, doublon refusé, identifiant contrôlé, chaque changement au journal", arguments: Backends.all)
  func accounts(_ backend: String) async throws {
    let s = try await Backends.open(try Backends.fresh(backend))
    defer { Task { try? await s.close() } }
    try await s.createAccount(
      Account(login: "claire", name: "Claire", role: .conseiller, structure: "Toit"), passwordHash: Self.hash("x"), by: "admin")
    await #expect(throws: StoreError.invalid("le compte « claire » existe déjà")) {
      try await s.createAccount(Account(login: "claire", name: "Autre", role: .responsable, structure: nil), passwordHash: "h", by: "admin")
    }
    await #expect(throws: StoreError.self) {
      try await s.createAccount(
        Account(login: "Claire Martin", name: "x", role: .conseiller, structure: nil), passwordHash: "h", by: "admin")
    }
    var a = try #require(try await s.account("claire"))
    #expect(a.account == Account(login: "claire", name: "Claire", role: .conseiller, structure: "Toit"))
    #expect(Passwords.verify("x", hash: a.passwordHash))
    a.account.role = .responsable
    a.account.active = false
    try await s.updateAccount(a.account, by: "admin")
    try await s.setPassword("claire", passwordHash: Self.hash("y"), by: "admin")
    a = try #require(try await s.account("claire"))
    #expect(a.account.role == .responsable && !a.account.active && Passwords.verify("y", hash: a.passwordHash))
    let log = try await s.auditLog(nil).filter { $0.ref == nil && $0.action != "migration" }
    #expect(log.map(\.action) == ["compte-cree", "compte-modifie", "mot-de-passe"])
    #expect(log[1].detail == "compte claire : rôle conseiller → responsable, désactivé")
    // The hash never appears in the audit.
    #expect(!log.contains { $0.detail.contains("$2") })
  }

  @Test(
    "Session inactive : fermée après le délai ; chaque usage relance le délai (écrit au plus une fois par minute)", arguments: Backends.all)
  func idleSessions(_ backend: String) async throws {
    let s = try await Backends.open(try Backends.fresh(backend))
    defer { Task { try? await s.close() } }
    let idle = 1_800
    #expect(
      try await s.putSession(StoredSession(key: "k", login: "claire", value: "{}", expiresAt: 100_000, lastSeen: 1_000), createOnly: true))
    // Used 29 min 59 s later: still open, and its idle time starts again.
    #expect(try await s.session("k", now: 1_000 + idle - 1, idleSeconds: idle)?.login == "claire")
    #expect(try await s.session("k", now: 1_000 + idle - 1 + idle - 1, idleSeconds: idle) != nil)
    // 30 seconds later: read, but not written again (less than a minute).
    #expect(try await s.session("k", now: 1_000 + 2 * idle + 28, idleSeconds: idle) != nil)
    // Then left alone for 30 minutes: over, on every instance; without an idle limit only its expiry counts.
    #expect(try await s.session("k", now: 1_000 + 3 * idle - 1, idleSeconds: idle) == nil)
    #expect(try await s.session("k", now: 1_000 + 3 * idle - 1) != nil)
    #expect(try await s.session("k", now: 100_000) == nil)
  }

  @Test("Partage : seulement avec un conseiller actif, une fois, retiré au journal", arguments: Backends.all)
  func sharing(_ backend: String) async throws {
    let s = try await Backends.open(try Backends.fresh(backend))
    defer { Task { try? await s.close() } }
    let ref = try await CaseStoreTests.newCase(s)
    try await s.createAccount(Account(login: "paul", name: "Paul", role: .conseiller, structure: "Toit"), passwordHash: "h", by: "admin")
    try await s.createAccount(Account(login: "rose", name: "Rose", role: .responsable, structure: "Toit"), passwordHash: "h", by: "admin")
    await #expect(throws: StoreError.invalid("« rose » n'est pas un compte de conseiller actif")) {
      try await s.share(ref, with: "rose", by: "C. Martin")
    }
    await #expect(throws: StoreError.invalid("« inconnu » n'est pas un compte de conseiller actif")) {
      try await s.share(ref, with: "inconnu", by: "C. Martin")
    }
    try await s.share(ref, with: "paul", by: "C. Martin")
    try await s.share(ref, with: "paul", by: "C. Martin")
    #expect(try await s.caseAccess(ref) == CaseAccess(counsellor: "C. Martin", structure: "Association Exemple", sharedWith: ["paul"]))
    // Read in one query (the case's row once per share): two shares, in order, the case once.
    try await s.createAccount(Account(login: "anne", name: "Anne", role: .conseiller, structure: "Toit"), passwordHash: "h", by: "admin")
    try await s.share(ref, with: "anne", by: "C. Martin")
    #expect(try await s.caseAccess(ref).sharedWith == ["anne", "paul"])
    try await s.unshare(ref, with: "anne", by: "C. Martin")
    try await s.unshare(ref, with: "paul", by: "C. Martin")
    #expect(try await s.caseAccess(ref).sharedWith.isEmpty)
    #expect(
      try await s.auditLog(ref).map(\.action).filter { $0.hasPrefix("partage") } == [
        "partage", "partage", "partage-retire", "partage-retire",
      ])
  }

  @Test("Propriété : la liste filtrée en SQL est exactement ce que la règle d'accès permet d'ouvrir", arguments: Backends.all)
  func listMatchesAccessPolicy(_ backend: String) async throws {
    let s = try await Backends.open(try Backends.fresh(backend))
    defer { Task { try? await s.close() } }
    let logins = ["a1", "a2", "a3", "a4", "a5"]
    let structures: [String?] = ["Toit", "Abri", nil]
    // Each account: role (n % 3), structure (n / 3 % 3), active (n < 9). Each case: counsellor
    // (n % 6, where 5 is nobody's login) and structure (n / 6). Each share: a case and an account.
    var iteration = 0
    await propertyCheck(
      count: backend == "sqlite" ? 25 : 10, input: Gen.int(in: 0...17).array(of: 5...5), Gen.int(in: 0...17).array(of: 1...6),
      Gen.int(in: 0...29).array(of: 0...6)
    ) { accounts, cases, shares in
      iteration += 1
      let prefix = "i\(iteration)"
      var made: [Account] = []
      for (k, n) in accounts.enumerated() {
        let account = Account(
          login: "\(prefix)\(logins[k])", name: logins[k], role: Account.Role.allCases[n % 3],
          structure: structures[n / 3 % 3].map { "\(prefix)\($0)" }, active: n < 9)
        try await s.createAccount(account, passwordHash: "h", by: "t")
        made.append(account)
      }
      var refs: [CaseRef] = []
      for n in cases {
        let owner = n % 6 < 5 ? made[n % 6].login : "\(prefix)personne"
        let ref = try await s.openCase(
          NewCase(
            label: "x", counsellor: owner, structure: structures[n / 6].map { "\(prefix)\($0)" }, openedOn: day("2026-11-01"),
            situation: try exampleDraft()), by: "t")
        refs.append(ref)
      }
      for n in shares {
        let account = made[n / 6 % 5]
        if account.role == .conseiller && account.active { try await s.share(refs[n % refs.count], with: account.login, by: "t") }
      }
      let mine = Set(refs)
      for account in made {
        let listed = try await s.list(CaseFilter(visibleTo: account)).map(\.ref).filter(mine.contains)
        var allowed: [CaseRef] = []
        for ref in refs where AccessPolicy.mayOpen(try await s.caseAccess(ref), viewer: .account(account)) { allowed.append(ref) }
        // A responsable without a structure sees every case of the base; compare on this round's cases.
        #expect(Set(listed) == Set(allowed), "\(account)")
      }
    }
  }

  @Test("La règle d'accès, cas par cas (conseiller, partage, responsable, administrateur, compte désactivé)")
  func accessRule() {
    let c = CaseAccess(counsellor: "claire", structure: "Toit", sharedWith: ["paul"])
    func acc(_ l: String, _ r: Account.Role, _ s: String?, active: Bool = true) -> Viewer {
      .account(Account(login: l, name: l, role: r, structure: s, active: active))
    }
    #expect(AccessPolicy.mayOpen(c, viewer: acc("claire", .conseiller, "Toit")))
    #expect(AccessPolicy.mayOpen(c, viewer: acc("paul", .conseiller, "Abri")))
    #expect(!AccessPolicy.mayOpen(c, viewer: acc("luc", .conseiller, "Toit")))
    #expect(AccessPolicy.mayOpen(c, viewer: acc("rose", .responsable, "Toit")))
    #expect(!AccessPolicy.mayOpen(c, viewer: acc("zoe", .responsable, "Abri")))
    #expect(!AccessPolicy.mayOpen(c, viewer: acc("admin", .administrateur, nil)))
    #expect(!AccessPolicy.mayOpen(c, viewer: acc("claire", .conseiller, "Toit", active: false)))
    #expect(AccessPolicy.mayOpen(c, viewer: .local(name: "C. Martin")))
  }
}

/// A pool of connections to one base, as the workspace opens it.
@Suite("Pool de connexions : lectures journalisées et écritures simultanées")
struct PoolTests {
  @Test(
    "4 connexions, 40 consultations journalisées et 20 contacts en même temps : tout aboutit, journal complet, versions sans trou",
    .timeLimit(.minutes(2)), arguments: Backends.all)
  func concurrentPool(_ backend: String) async throws {
    let location = try Backends.fresh(backend)
    let pool = try await CaseBase.openPool(location, size: 4, actor: "t", logReads: true)
    defer { Task { for s in pool { try? await s.close() } } }
    let ref = try await CaseStoreTests.newCase(pool[0])
    // As the workspace's pool lends them: each connection to one request at a time, the four at once.
    try await withThrowingTaskGroup(of: Void.self) { group in
      for (w, s) in pool.enumerated() {
        group.addTask {
          for k in stride(from: w, to: 60, by: pool.count) {
            if k % 3 == 0 {
              try await s.apply(
                .contact(date: day("2026-11-05"), channel: .telephone, synthesis: "appel \(k)", privateNote: nil, nextAppointment: nil),
                to: ref,
                expectedVersion: nil, by: "C. Martin")
            } else {
              _ = try await s.load(ref, by: "lecteur")
            }
          }
        }
      }
      try await group.waitForAll()
    }
    let log = try await pool[0].auditLog(ref)
    #expect(log.filter { $0.action == "lecture" }.count == 40)
    #expect(log.filter { $0.action == "contact" }.compactMap(\.version).sorted() == Array(2...21))
    #expect(try await pool[1].load(ref, by: "t").contacts.count == 20)
  }
}
