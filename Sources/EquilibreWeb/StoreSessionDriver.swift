import EquilibreCases
import EquilibreCore
import Foundation
import Hummingbird

/// Shared mode's sessions in the base (`web_sessions`), not in one process's memory: every
/// instance behind a load balancer reads the same sign-ins, and a restart logs no one out.
/// Expired rows are never returned; removing a key ends the session on every instance.
struct StoreSessionDriver: PersistDriver {
  let store: StorePool
  /// Seconds since 1970 (a test sets the clock).
  let now: @Sendable () -> Int
  /// A session unused for this long is over (`--session-inactivite-minutes`).
  let idleSeconds: Int?

  init(store: StorePool, idleSeconds: Int? = nil, now: @escaping @Sendable () -> Int = { Int(Date().timeIntervalSince1970) }) {
    self.store = store
    self.idleSeconds = idleSeconds
    self.now = now
  }

  /// Nothing runs in the background (expired rows are filtered on read): the application does
  /// not list this driver among its services.
  func run() async throws {}

  func create<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
    let row = try stored(key, value, expires)
    guard try await store.run({ try await $0.putSession(row, createOnly: true) }) else { throw PersistError.duplicate }
  }

  func set<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
    let row = try stored(key, value, expires)
    _ = try await store.run { try await $0.putSession(row, createOnly: false) }
  }

  func get<Object: Codable & Sendable>(key: String, as type: Object.Type) async throws -> Object? {
    let at = now()
    let idle = idleSeconds
    guard let row = try await store.run({ try await $0.session(key, now: at, idleSeconds: idle) }) else { return nil }
    return try? JSONDecoder().decode(Object.self, from: Data(row.value.utf8))
  }

  func remove(key: String) async throws {
    try await store.run { try await $0.removeSession(key) }
  }

  private func stored<Object: Codable & Sendable>(_ key: String, _ value: Object, _ expires: Duration?) throws -> StoredSession {
    let at = now()
    return StoredSession(
      key: key, login: (value as? WebSession)?.login, value: try JSONWriter(pretty: false).string(value),
      expiresAt: expires.map { at + Int($0.components.seconds) }, lastSeen: at)
  }
}
