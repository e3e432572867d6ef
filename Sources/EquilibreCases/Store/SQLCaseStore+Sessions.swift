import EquilibreCore
import SQLKit

/// The workspace's sessions in the base: one row per session, read by every instance.
extension SQLCaseStore {
  public func putSession(_ s: StoredSession, createOnly: Bool) async throws -> Bool {
    if createOnly {
      // A sign-in also clears the sessions that have expired since the last one.
      try await run("DELETE FROM web_sessions WHERE expires_at IS NOT NULL AND expires_at <= \(bind: s.lastSeen)")
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

  public func session(_ key: String, now: Int, idleSeconds: Int?) async throws -> StoredSession? {
    var q: SQLQueryString = """
      SELECT key, login, value, expires_at, last_seen FROM web_sessions
      WHERE key = \(bind: key) AND (expires_at IS NULL OR expires_at > \(bind: now))
      """
    if let idleSeconds { q = q + " AND last_seen > \(bind: now - idleSeconds)" }
    guard let row = try await rows(q).first else { return nil }
    // Used now: its idle time starts again (written at most once a minute, not at every request).
    let seen = try row.decode(column: "last_seen", as: Int.self)
    if seen < now - 60 {
      try await run("UPDATE web_sessions SET last_seen = \(bind: now) WHERE key = \(bind: key) AND last_seen < \(bind: now - 60)")
    }
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

  public func recordLoginFailure(_ subjects: [String], at: Int) async throws {
    for subject in subjects { try await run("INSERT INTO login_failures (subject, at) VALUES (\(bind: subject), \(bind: at))") }
  }

  public func loginFailures(_ subject: String, since: Int) async throws -> [Int] {
    try await run("DELETE FROM login_failures WHERE subject = \(bind: subject) AND at <= \(bind: since)")
    return try await rows("SELECT at FROM login_failures WHERE subject = \(bind: subject) ORDER BY at").map {
      try $0.decode(column: "at", as: Int.self)
    }
  }

  public func clearLoginFailures(_ subject: String) async throws {
    try await run("DELETE FROM login_failures WHERE subject = \(bind: subject)")
  }
}
