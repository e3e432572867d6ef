import EquilibreCases
import Foundation

/// Failed sign-ins counted per identifier and per address, in the base (every instance counts
/// the same ones): after `maxFailures` within the window for one identifier (four times as many
/// for one address, which a whole office may share), that identifier (or address) waits until
/// the window has passed.
struct LoginThrottle: Sendable {
  let store: StorePool
  let maxFailures: Int
  let window: Int

  init(store: StorePool, maxFailures: Int, minutes: Int) {
    self.store = store
    self.maxFailures = maxFailures
    self.window = minutes * 60
  }

  static func seconds(_ d: Date) -> Int { Int(d.timeIntervalSince1970) }

  /// Minutes left before `keys` may try again (nil when they may now).
  func wait(_ keys: [String], now: Date = Date()) async throws -> Int? {
    let t = Self.seconds(now)
    var longest = 0
    for k in keys {
      let recent = try await store.run { [window] in try await $0.loginFailures(k, since: t - window) }
      let limit = k.hasPrefix("adresse:") ? maxFailures * 4 : maxFailures
      if recent.count >= limit, let first = recent.suffix(limit).first {
        longest = max(longest, window - (t - first))
      }
    }
    return longest > 0 ? max(1, (longest + 59) / 60) : nil
  }

  func failed(_ keys: [String], now: Date = Date()) async throws {
    let t = Self.seconds(now)
    try await store.run { try await $0.recordLoginFailure(keys, at: t) }
  }

  func succeeded(_ keys: [String]) async throws {
    for k in keys { try await store.run { try await $0.clearLoginFailures(k) } }
  }
}
