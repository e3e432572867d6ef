import EquilibreCore
import SQLKit

/// The workspace's sessions in the base: one row per session, read by every instance.
extension SQLCaseStore {
  public func putSession(_ s: StoredSession, createOnly: Bool) async throws -> Bool {
    if createOnly {
      let inserted = try await rows(
        """
        INSERT INTO web_sessions (key, login, value, expires_at, last_seen)
        VALUES (\(bind: s.key), \(bind: s.login), \(bind: s.value), \(bind: s.expiresAt), \(bind: s.lastSeen))
        ON CONFLICT (key) DO NOTHING RETURNING key
        """)
      return !inserted.isEmpty
    }
    try await run(
      """
      INSERT INTO web_sessions (key, login, value, expires_at, last_seen)
      VALUES (\(bind: s.key), \(bind: s.login), \(bind: s.value), \(bind: s.expiresAt), \(bind: s.lastSeen))
      ON CONFLICT (key) DO UPDATE SET login = excluded.login, value = excluded.value,
        expires_at = COALESCE(excluded.expires_at, web_sessions.expires_at), last_seen = excluded.last_seen
      """)
    return true
  }

  public func session(_ key: String, now: Int) async throws -> StoredSession? {
    guard
      let row = try await rows(
        """
        SELECT key, login, value, expires_at, last_seen FROM web_sessions
        WHERE key = \(bind: key) AND (expires_at IS NULL OR expires_at > \(bind: now))
        """
      ).first
    else { return nil }
    return StoredSession(
      key: try row.decode(column: "key", as: String.self), login: try row.decode(column: "login", as: String?.self),
      value: try row.decode(column: "value", as: String.self), expiresAt: try row.decode(column: "expires_at", as: Int?.self),
      lastSeen: try row.decode(column: "last_seen", as: Int.self))
  }

  public func removeSession(_ key: String) async throws {
    try await run("DELETE FROM web_sessions WHERE key = \(bind: key)")
  }

  public func removeSessions(of login: String) async throws {
    try await run("DELETE FROM web_sessions WHERE login = \(bind: login)")
  }
}
