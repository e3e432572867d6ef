import EquilibreCore
import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import SQLKit
import SQLiteKit

/// Where the case base is and how to open it: an SQLite file (the default, zero set-up) or a
/// PostgreSQL server (`postgres://…`, shared mode for an agency network).
public enum CaseBase {
  /// `--base`, else `EQUILIBRE_BASE`, else `$XDG_DATA_HOME/equilibre/dossiers.sqlite`
  /// (`~/.local/share/equilibre/dossiers.sqlite`).
  public static func location(_ option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
    if let o = option, !o.isEmpty { return o }
    if let e = environment["EQUILIBRE_BASE"], !e.isEmpty { return e }
    let data =
      environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
      ?? ((environment["HOME"] ?? NSHomeDirectory()) as NSString).appendingPathComponent(".local/share")
    return (data as NSString).appendingPathComponent("equilibre/dossiers.sqlite")
  }

  public static func isPostgres(_ location: String) -> Bool {
    location.hasPrefix("postgres://") || location.hasPrefix("postgresql://")
  }

  /// Opens (and creates or upgrades) the base at `location`. `actor` is recorded in the audit
  /// of a migration. Reads of a case are logged when `logReads` says so (by default on
  /// PostgreSQL, the shared backend).
  public static func open(
    _ location: String, actor: String, now: (@Sendable () -> String)? = nil, logReads: Bool? = nil, migrate: Bool = true,
    writeLock: WriteLock? = nil, create: Creation = .fileAndFolders
  ) async throws -> SQLCaseStore {
    let store: SQLCaseStore
    if isPostgres(location) {
      store = try await openPostgres(location, now: now, logReads: logReads ?? true)
    } else {
      store = try await openSQLite(location, now: now, logReads: logReads ?? false, writeLock: writeLock, create: create)
    }
    do {
      if migrate { try await store.migrate(by: actor) } else { try await store.checkSchema() }
    } catch {
      try? await store.close()
      throw error
    }
    return store
  }

  /// `size` connections to the same base (the first one migrates it), for a server.
  public static func openPool(
    _ location: String, size: Int, actor: String, logReads: Bool? = nil, create: Creation = .fileAndFolders
  ) async throws -> [SQLCaseStore] {
    var out: [SQLCaseStore] = []
    let writeLock = isPostgres(location) ? nil : WriteLock()
    do {
      for k in 0..<max(1, size) {
        out.append(
          try await open(
            location, actor: actor, logReads: logReads, migrate: k == 0, writeLock: writeLock, create: k == 0 ? create : .never))
      }
    } catch {
      for s in out { try? await s.close() }
      throw error
    }
    return out
  }

  static var logger: Logger {
    var l = Logger(label: "equilibre.base")
    l.logLevel = .critical
    return l
  }

  /// Whether opening may create an SQLite base that does not exist yet. Only an explicit
  /// command creates one (`base creer`, the first case opened, the workspace): every other
  /// command refuses a missing base and names the path, so that a mistyped `--base` never
  /// answers from a new, empty base.
  public enum Creation: Sendable {
    /// A missing base is refused.
    case never
    /// The file may be created; its folder must exist.
    case file
    /// The file and its folders may be created (the default location).
    case fileAndFolders
  }

  /// Is there an SQLite base at `location` already (always true for PostgreSQL)?
  public static func exists(_ location: String) -> Bool {
    isPostgres(location) || FileManager.default.fileExists(atPath: location)
  }

  /// Refuses an empty location.
  public static func checkLocation(_ location: String) throws {
    guard !location.trimmingSpaces.isEmpty else { throw StoreError.unavailable("--base : chemin vide ; donnez le fichier de la base") }
  }

  // MARK: SQLite

  static func openSQLite(
    _ path: String, now: (@Sendable () -> String)?, logReads: Bool, writeLock: WriteLock?, create: Creation
  ) async throws -> SQLCaseStore {
    try checkLocation(path)
    let fm = FileManager.default
    let dir = (path as NSString).deletingLastPathComponent
    if !fm.fileExists(atPath: path) {
      switch create {
      case .never:
        throw StoreError.unavailable(
          "base introuvable : \(path.excerptPath) n'existe pas ; vérifiez --base, ou créez-la avec « equilibre base creer --base \(path.excerptPath) »"
        )
      case .file:
        if !dir.isEmpty, !fm.fileExists(atPath: dir) {
          throw StoreError.unavailable("base introuvable : le dossier \(dir.excerptPath) n'existe pas ; vérifiez --base")
        }
      case .fileAndFolders: break
      }
    }
    if !dir.isEmpty, !fm.fileExists(atPath: dir) {
      do {
        try fm.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
      } catch {
        throw StoreError.unavailable("\(dir.excerptPath) : dossier de la base impossible à créer")
      }
    }
    var isDir: ObjCBool = false
    if fm.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
      throw StoreError.unavailable("\(path.excerptPath) est un dossier, pas une base")
    }
    // A new base is created by us, readable by its owner only (mode 0600), before SQLite opens it.
    if !fm.fileExists(atPath: path) {
      let fd = Foundation.open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
      if fd >= 0 {
        Foundation.close(fd)
      } else if errno != EEXIST {
        throw StoreError.unavailable("\(path.excerptPath) : base impossible à créer (\(String(cString: strerror(errno))))")
      }
    } else if let head = Self.firstBytes(path, 16), !head.isEmpty, head != Array("SQLite format 3\0".utf8) {
      throw StoreError.unavailable("\(path.excerptPath) n'est pas une base Équilibre (fichier SQLite attendu)")
    }
    // A thread of its own per connection: a connection waiting for another's write lock
    // (busy_timeout) must not hold a thread the writer needs to finish (shared pool deadlock).
    let threads = NIOThreadPool(numberOfThreads: 1)
    threads.start()
    let connection: SQLiteConnection
    do {
      connection = try await SQLiteConnection.open(
        storage: .file(path: path), threadPool: threads, logger: logger, on: MultiThreadedEventLoopGroup.singleton.any())
    } catch {
      try? await threads.shutdownGracefully()
      throw StoreError.unavailable("\(path.excerptPath) : base impossible à ouvrir")
    }
    let db = connection.sql()
    do {
      try await db.raw("PRAGMA journal_mode = WAL").run()
      try await db.raw("PRAGMA synchronous = FULL").run()
      try await db.raw("PRAGMA foreign_keys = ON").run()
      // Another connection writing (the server's pool, a CLI command): wait for it up to 10 s.
      try await db.raw("PRAGMA busy_timeout = 10000").run()
    } catch {
      try? await connection.close()
      try? await threads.shutdownGracefully()
      throw StoreError.unavailable("\(path.excerptPath) n'est pas une base Équilibre lisible")
    }
    let store = SQLCaseStore(
      backend: .sqlite, db: db, logsReads: logReads, now: now ?? SQLCaseStore.isoNow, writeLock: writeLock,
      closer: {
        try await connection.close()
        try await threads.shutdownGracefully()
      })
    store.positional = .sqlite(connection)
    return store
  }

  // MARK: PostgreSQL

  /// `postgres://utilisateur[:mot-de-passe]@hôte[:port]/base[?sslmode=disable|prefer|require]`, or
  /// `postgres:///base?host=/chemin/socket&user=nom` for a Unix socket.
  static func postgresConfiguration(_ url: String) throws -> PostgresConnection.Configuration {
    guard let c = URLComponents(string: url) else {
      throw StoreError.unavailable("adresse PostgreSQL illisible : postgres://utilisateur@hôte:port/base attendu")
    }
    let items = Dictionary((c.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
    let user = c.user ?? items["user"] ?? ProcessInfo.processInfo.environment["USER"] ?? "postgres"
    let password = c.password ?? items["password"]
    let database = c.path.split(separator: "/").first.map(String.init)
    if let socket = items["host"], socket.hasPrefix("/") {
      let port = c.port ?? Int(items["port"] ?? "") ?? 5432
      return PostgresConnection.Configuration(
        unixSocketPath: (socket as NSString).appendingPathComponent(".s.PGSQL.\(port)"), username: user, password: password,
        database: database)
    }
    guard let host = c.host, !host.isEmpty else {
      throw StoreError.unavailable("adresse PostgreSQL sans hôte : postgres://utilisateur@hôte:port/base attendu")
    }
    let tls: PostgresConnection.Configuration.TLS
    switch items["sslmode"] ?? "prefer" {
    case "disable": tls = .disable
    case "require", "verify-full", "verify-ca":
      do { tls = try .require(.init(configuration: .makeClientConfiguration())) } catch {
        throw StoreError.unavailable("PostgreSQL : configuration TLS impossible")
      }
    default:
      do { tls = try .prefer(.init(configuration: .makeClientConfiguration())) } catch {
        throw StoreError.unavailable("PostgreSQL : configuration TLS impossible")
      }
    }
    return PostgresConnection.Configuration(
      host: host, port: c.port ?? 5432, username: user, password: password, database: database, tls: tls)
  }

  /// Whether the PostgreSQL database at `url` holds no table of its own (a restore's destination).
  public static func isEmptyPostgres(_ url: String) async throws -> Bool {
    let store = try await openPostgres(url, now: nil, logReads: false)
    defer { Task { try? await store.close() } }
    let row = try await store.rows(
      "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')"
    ).first
    return try row?.decode(column: "n", as: Int.self) == 0
  }

  static func openPostgres(_ url: String, now: (@Sendable () -> String)?, logReads: Bool) async throws -> SQLCaseStore {
    var configuration = try postgresConfiguration(url)
    // A server that does not answer is reported within seconds, not after the default delay.
    configuration.options.connectTimeout = .seconds(5)
    let connection: PostgresConnection
    do {
      connection = try await PostgresConnection.connect(
        on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration, id: 1, logger: logger)
    } catch {
      let shown = (URLComponents(string: url)?.host).map { "\($0)" } ?? "le serveur"
      throw StoreError.unavailable("PostgreSQL : connexion impossible à \(shown) (serveur arrêté, adresse, utilisateur ou mot de passe)")
    }
    let db = connection.sql(queryLogLevel: nil, logger: logger)
    do {
      try await db.raw("SET client_min_messages = WARNING").run()
    } catch {}
    let store = SQLCaseStore(
      backend: .postgres, db: db, logsReads: logReads, now: now ?? SQLCaseStore.isoNow,
      closer: { try await connection.close() })
    store.isAlive = { !connection.isClosed }
    store.positional = .postgres(connection, logger: logger)
    return store
  }
}

extension CaseBase {
  /// The first `count` bytes of a file (its header), never the whole file: a base holds
  /// gigabytes. Nil when it cannot be read (SQLite then says why).
  static func firstBytes(_ path: String, _ count: Int) -> [UInt8]? {
    guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
    defer { try? handle.close() }
    return (try? handle.read(upToCount: count)).map { Array($0 ?? Data()) }
  }
}
