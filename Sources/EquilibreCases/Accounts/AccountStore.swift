/// The accounts of shared mode and the sharing of cases, next to the cases in the same base.
/// Every change is one transaction with its audit entry.
public protocol AccountStore: AnyObject, Sendable {
  /// An account and its password hash (nil when unknown).
  func account(_ login: String) async throws -> (account: Account, passwordHash: String)?
  func accounts() async throws -> [Account]
  /// Creates an account; refused when the login exists.
  func createAccount(_ account: Account, passwordHash: String, by actor: String) async throws
  /// Changes the name, role, structure or active flag of an account.
  func updateAccount(_ account: Account, by actor: String) async throws
  func setPassword(_ login: String, passwordHash: String, by actor: String) async throws
  /// Who owns a case, its structure and who it is shared with.
  func caseAccess(_ ref: CaseRef) async throws -> CaseAccess
  /// Shares a case with another counsellor (or stops sharing it).
  func share(_ ref: CaseRef, with login: String, by actor: String) async throws
  func unshare(_ ref: CaseRef, with login: String, by actor: String) async throws
  /// Records a sign-in, a refused sign-in, a sign-out or a refused access in the audit.
  func recordEvent(_ action: String, ref: CaseRef?, detail: String, by actor: String) async throws

  // Sessions of the workspace (every instance reads the same ones; a restart keeps them).
  /// Writes a session; `createOnly` refuses a key that exists (false is returned).
  func putSession(_ session: StoredSession, createOnly: Bool) async throws -> Bool
  /// The session under `key`, unless it has expired by `now` (seconds since 1970) or has not
  /// been used for `idleSeconds`; reading it marks it used (at most once a minute).
  func session(_ key: String, now: Int, idleSeconds: Int?) async throws -> StoredSession?
  func removeSession(_ key: String) async throws
  /// Ends every session of an account (sign-out everywhere, an account disabled).
  func removeSessions(of login: String) async throws

  // The sign-in throttle, shared by every instance.
  /// Records a failed sign-in for each subject (`identifiant:…`, `adresse:…`) at `at` (seconds).
  func recordLoginFailure(_ subjects: [String], at: Int) async throws
  /// The times of `subject`'s failures since `since`, oldest first; older ones are forgotten.
  func loginFailures(_ subject: String, since: Int) async throws -> [Int]
  func clearLoginFailures(_ subject: String) async throws
}

/// A workspace session as the base keeps it: its value (JSON), whose it is, when it expires and
/// when it was last used (seconds since 1970).
public struct StoredSession: Sendable, Equatable {
  public var key: String
  public var login: String?
  public var value: String
  public var expiresAt: Int?
  public var lastSeen: Int

  public init(key: String, login: String?, value: String, expiresAt: Int?, lastSeen: Int) {
    self.key = key
    self.login = login
    self.value = value
    self.expiresAt = expiresAt
    self.lastSeen = lastSeen
  }
}

/// What the workspace needs from its base.
public typealias WorkspaceStore = AccountStore & CaseStore

extension AccountStore {
  /// The session under `key`, unless it has expired by `now`, however long it has been idle.
  public func session(_ key: String, now: Int) async throws -> StoredSession? {
    try await session(key, now: now, idleSeconds: nil)
  }
}
