import SQLKit

/// Accounts and shares on the same connection as the cases; each change audited in its transaction.
extension SQLCaseStore: AccountStore {
  func accountRow(_ row: any SQLRow) throws -> Account {
    Account(
      login: try text(row, "login"), name: try text(row, "name"), role: Account.Role(rawValue: try text(row, "role")) ?? .conseiller,
      structure: try optText(row, "structure"), active: try int(row, "active") != 0)
  }

  public func account(_ login: String) async throws -> (account: Account, passwordHash: String)? {
    guard let row = try await first("SELECT * FROM accounts WHERE login = \(bind: login)") else { return nil }
    return (try accountRow(row), try text(row, "password_hash"))
  }

  public func accounts() async throws -> [Account] {
    try await rows("SELECT * FROM accounts ORDER BY login").map(accountRow)
  }

  public func createAccount(_ account: Account, passwordHash: String, by actor: String) async throws {
    if let reason = Account.checkLogin(account.login) { throw StoreError.invalid(reason) }
    try await transaction {
      if try await first("SELECT login FROM accounts WHERE login = \(bind: account.login)") != nil {
        throw StoreError.invalid("le compte « \(account.login) » existe déjà")
      }
      let at = now()
      try await run(
        """
        INSERT INTO accounts (login, name, role, structure, password_hash, active, created_at, updated_at)
        VALUES (\(bind: account.login), \(bind: account.name), \(bind: account.role.rawValue), \(bind: account.structure),
          \(bind: passwordHash), \(bind: account.active ? 1 : 0), \(bind: at), \(bind: at))
        """)
      try await audit(
        nil, actor, "compte-cree", "compte \(account.login) (\(account.role.rawValue)\(account.structure.map { ", \($0)" } ?? ""))")
    }
  }

  public func updateAccount(_ account: Account, by actor: String) async throws {
    try await transaction {
      guard let row = try await first("SELECT * FROM accounts WHERE login = \(bind: account.login)") else {
        throw StoreError.invalid("compte « \(account.login) » inconnu")
      }
      let before = try accountRow(row)
      try await run(
        """
        UPDATE accounts SET name = \(bind: account.name), role = \(bind: account.role.rawValue), structure = \(bind: account.structure),
          active = \(bind: account.active ? 1 : 0), updated_at = \(bind: now()) WHERE login = \(bind: account.login)
        """)
      var changes: [String] = []
      if before.role != account.role { changes.append("rôle \(before.role.rawValue) → \(account.role.rawValue)") }
      if before.structure != account.structure { changes.append("structure \(before.structure ?? "—") → \(account.structure ?? "—")") }
      if before.active != account.active { changes.append(account.active ? "réactivé" : "désactivé") }
      if before.name != account.name { changes.append("nom modifié") }
      try await audit(
        nil, actor, "compte-modifie", "compte \(account.login) : \(changes.isEmpty ? "inchangé" : changes.joined(separator: ", "))")
    }
  }

  public func setPassword(_ login: String, passwordHash: String, by actor: String) async throws {
    try await transaction {
      guard try await first("SELECT login FROM accounts WHERE login = \(bind: login)") != nil else {
        throw StoreError.invalid("compte « \(login) » inconnu")
      }
      try await run("UPDATE accounts SET password_hash = \(bind: passwordHash), updated_at = \(bind: now()) WHERE login = \(bind: login)")
      try await audit(nil, actor, "mot-de-passe", "mot de passe du compte \(login) changé")
    }
  }

  public func caseAccess(_ ref: CaseRef) async throws -> CaseAccess {
    // One round trip: the case's row once per share (once, with no login, when it has none).
    let found = try await rows(
      """
      SELECT c.counsellor, c.structure, s.login FROM cases c LEFT JOIN shares s ON s.ref = c.ref
      WHERE c.ref = \(bind: ref.text) ORDER BY s.login
      """)
    guard let row = found.first else { throw StoreError.notFound(ref) }
    let shared = try found.compactMap { try optText($0, "login") }
    return CaseAccess(counsellor: try text(row, "counsellor"), structure: try optText(row, "structure"), sharedWith: shared)
  }

  public func share(_ ref: CaseRef, with login: String, by actor: String) async throws {
    try await transaction {
      guard try await first("SELECT ref FROM cases WHERE ref = \(bind: ref.text)") != nil else { throw StoreError.notFound(ref) }
      guard let row = try await first("SELECT role, active FROM accounts WHERE login = \(bind: login)"),
        try text(row, "role") == Account.Role.conseiller.rawValue, try int(row, "active") != 0
      else { throw StoreError.invalid("« \(String(login.prefix(64))) » n'est pas un compte de conseiller actif") }
      if try await first("SELECT login FROM shares WHERE ref = \(bind: ref.text) AND login = \(bind: login)") != nil { return }
      try await run(
        "INSERT INTO shares (ref, login, granted_at, granted_by) VALUES (\(bind: ref.text), \(bind: login), \(bind: now()), \(bind: actor))"
      )
      try await audit(ref, actor, "partage", "dossier partagé avec \(login)")
    }
  }

  public func unshare(_ ref: CaseRef, with login: String, by actor: String) async throws {
    try await transaction {
      try await run("DELETE FROM shares WHERE ref = \(bind: ref.text) AND login = \(bind: login)")
      try await audit(ref, actor, "partage-retire", "partage avec \(login) retiré")
    }
  }

  public func recordEvent(_ action: String, ref: CaseRef?, detail: String, by actor: String) async throws {
    try await transaction { try await audit(ref, actor, action, detail) }
  }
}
