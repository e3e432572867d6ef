import EquilibreCore
import Foundation
import PostgresKit
import SQLKit
import SQLiteKit

/// The case store over SQLKit: one code path for SQLite and PostgreSQL, on one connection.
/// Use ``CaseBase/open(_:)`` to get one.
public final class SQLCaseStore: CaseStore, @unchecked Sendable {
  public let backend: StoreBackend
  let db: any SQLDatabase
  let closer: @Sendable () async throws -> Void
  /// The clock, as an ISO 8601 UTC timestamp (tests give their own).
  package let now: @Sendable () -> String
  /// Reads of a case are logged in shared mode.
  let logsReads: Bool
  /// Shared by the connections of a pool to one SQLite base (nil otherwise).
  let writeLock: WriteLock?
  /// Today's date when it is not the clock's (`EQUILIBRE_AUJOURDHUI` in the command line):
  /// dates of contacts and appointments are checked against it.
  public var day: (@Sendable () -> CivilDate)?
  /// Set once the connection to PostgreSQL was lost: a pool opens another one.
  public var isBroken: Bool { broken || !(isAlive?() ?? true) }
  private var broken = false
  /// Whether the driver still holds its connection (PostgreSQL).
  var isAlive: (@Sendable () -> Bool)?
  /// Reads rows by position on the store's connection (the follow-up's due dates).
  var positional: PositionalReader?

  init(
    backend: StoreBackend, db: any SQLDatabase, logsReads: Bool, now: @escaping @Sendable () -> String = SQLCaseStore.isoNow,
    writeLock: WriteLock? = nil, closer: @escaping @Sendable () async throws -> Void
  ) {
    self.writeLock = writeLock
    self.backend = backend
    self.db = db
    self.logsReads = logsReads
    self.now = now
    self.closer = closer
  }

  public static let isoNow: @Sendable () -> String = {
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return f.string(from: Date())
  }

  public func close() async throws { try await closer() }

  // MARK: SQL helpers

  package func run(_ q: SQLQueryString) async throws {
    do { try await db.raw(q).run() } catch { throw translated(error) }
  }
  package func rows(_ q: SQLQueryString) async throws -> [any SQLRow] {
    do { return try await db.raw(q).all() } catch { throw translated(error) }
  }
  func first(_ q: SQLQueryString) async throws -> (any SQLRow)? {
    do { return try await db.raw(q).first() } catch { throw translated(error) }
  }

  /// A driver's error in French, without the statement or its values.
  func translated(_ error: Error) -> Error {
    if error is StoreError { return error }
    if let e = error as? PSQLError {
      let state = e.serverInfo?[.sqlState] ?? "?"
      if e.code == .server {
        switch state {
        case "42501": return StoreError.unavailable("PostgreSQL : droits insuffisants pour cette opération (SQLSTATE 42501)")
        case "40001", "40P01": return StoreError.unavailable("PostgreSQL : conflit entre deux écritures, recommencez (SQLSTATE \(state))")
        default: return StoreError.unavailable("PostgreSQL : opération refusée par le serveur (SQLSTATE \(state))")
        }
      }
      broken = true
      return StoreError.unavailable(
        "Base indisponible : connexion à PostgreSQL perdue ou refusée. Réessayez dans un instant ; rien n'a été enregistré.")
    }
    if let e = error as? SQLiteError {
      switch e.reason {
      case .full:
        return StoreError.unavailable(
          "SQLite : disque plein, rien n'a été enregistré ; libérez de la place sur le disque de la base, puis recommencez")
      case .readOnly:
        return StoreError.unavailable("SQLite : base en lecture seule, rien n'a été enregistré (droits du fichier ou du disque)")
      default: break
      }
      return StoreError.unavailable("SQLite : opération refusée (\(e.reason))")
    }
    return StoreError.unavailable("base : opération refusée")
  }

  /// `body` in one transaction: committed whole, or rolled back whole.
  package func transaction<T>(_ body: () async throws -> T) async throws -> T {
    if let writeLock {
      await writeLock.acquire()
      defer { writeLock.release() }
      return try await transactionBody(body)
    }
    return try await transactionBody(body)
  }

  private func transactionBody<T>(_ body: () async throws -> T) async throws -> T {
    try await run(backend == .sqlite ? "BEGIN IMMEDIATE" : "BEGIN")
    do {
      let r = try await body()
      try await run("COMMIT")
      return r
    } catch {
      try? await run("ROLLBACK")
      throw error
    }
  }

  /// The schema: created on a new base, upgraded on an older one, refused when newer.
  func migrate(by actor: String) async throws {
    // Looked up before anything is created: a counsellor's role in shared mode may not create tables.
    let exists: SQLQueryString =
      backend == .sqlite
      ? "SELECT name AS t FROM sqlite_master WHERE type = 'table' AND name = 'meta'" : "SELECT CAST(to_regclass('meta') AS TEXT) AS t"
    let hasMeta = try await first(exists).flatMap { try? $0.decode(column: "t", as: String?.self) } != nil
    if !hasMeta { try await run("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)") }
    let current =
      try await first("SELECT value FROM meta WHERE key = 'schema'").flatMap { try? $0.decode(column: "value", as: String.self) }
      .flatMap(Int.init) ?? 0
    if current > Schema.version { throw StoreError.newerSchema(found: current, known: Schema.version) }
    guard current < Schema.version else { return }
    try await transaction {
      // Checked again inside the write lock: another process may have migrated meanwhile.
      let again =
        try await first("SELECT value FROM meta WHERE key = 'schema'").flatMap { try? $0.decode(column: "value", as: String.self) }
        .flatMap(Int.init) ?? 0
      guard again < Schema.version else { return }
      let all = Schema.migrations(backend)
      for v in again..<Schema.version {
        for statement in all[v] { try await run(SQLQueryString(statement)) }
      }
      if again < 7 { try await refreshSearchKeys() }
      if again == 0 {
        try await run("INSERT INTO meta (key, value) VALUES ('schema', \(bind: String(Schema.version)))")
        try await run("INSERT INTO meta (key, value) VALUES ('created_at', \(bind: now()))")
      } else {
        try await run("UPDATE meta SET value = \(bind: String(Schema.version)) WHERE key = 'schema'")
      }
      try await audit(nil, actor, "migration", "schéma \(again) → \(Schema.version)")
    }
  }

  /// Refuses a base whose schema is newer or older than this version's (a pool's further connections).
  func checkSchema() async throws {
    let v = try await schemaVersion()
    if v > Schema.version { throw StoreError.newerSchema(found: v, known: Schema.version) }
    if v < Schema.version { throw StoreError.unavailable("base non mise à jour (schéma \(v)) : rouvrez-la") }
  }

  /// The schema version of the base.
  public func schemaVersion() async throws -> Int {
    try await first("SELECT value FROM meta WHERE key = 'schema'").flatMap { try? $0.decode(column: "value", as: String.self) }
      .flatMap(Int.init) ?? 0
  }

  package func nextCounter(_ name: String) async throws -> Int {
    if let row = try await first("UPDATE counters SET value = value + 1 WHERE name = \(bind: name) RETURNING value") {
      return try row.decode(column: "value", as: Int.self)
    }
    try await run("INSERT INTO counters (name, value) VALUES (\(bind: name), 1)")
    return 1
  }

  /// An audit line; `version` is the case version the change produced (nil for a read).
  package func audit(_ ref: CaseRef?, _ actor: String, _ action: String, _ detail: String, version: Int? = nil) async throws {
    let seq = try await nextCounter("audit")
    try await run(
      """
      INSERT INTO audit (seq, ref, version, at, actor, action, detail)
      VALUES (\(bind: seq), \(bind: ref?.text), \(bind: version), \(bind: now()), \(bind: actor), \(bind: action), \(bind: detail))
      """)
  }

}

extension JSONWriter {
  /// The figures kept with each version: one line, keys in the type's order.
  package static let stored = JSONWriter(pretty: false)
}
