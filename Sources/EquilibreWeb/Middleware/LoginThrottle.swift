import Foundation

/// Failed sign-ins counted per identifier and per address: after `maxFailures` within the
/// window for one identifier (four times as many for one address, which a whole office may
/// share), that identifier (or address) waits until the window has passed.
actor LoginThrottle {
  let maxFailures: Int
  let window: TimeInterval
  private var failures: [String: [Date]] = [:]

  init(maxFailures: Int, minutes: Int) {
    self.maxFailures = maxFailures
    self.window = TimeInterval(minutes * 60)
  }

  /// Minutes left before `keys` may try again (nil when they may now).
  func wait(_ keys: [String], now: Date = Date()) -> Int? {
    var longest: TimeInterval = 0
    for k in keys {
      let recent = (failures[k] ?? []).filter { now.timeIntervalSince($0) < window }
      failures[k] = recent.isEmpty ? nil : recent
      let limit = k.hasPrefix("adresse:") ? maxFailures * 4 : maxFailures
      if recent.count >= limit, let first = recent.suffix(limit).first {
        longest = max(longest, window - now.timeIntervalSince(first))
      }
    }
    return longest > 0 ? max(1, Int((longest / 60).rounded(.up))) : nil
  }

  func failed(_ keys: [String], now: Date = Date()) {
    for k in keys { failures[k, default: []].append(now) }
    // Bounded memory: forget the oldest identifiers first.
    if failures.count > 10_000 {
      for k in failures.keys.prefix(failures.count - 10_000) { failures[k] = nil }
    }
  }

  func succeeded(_ keys: [String]) {
    for k in keys { failures[k] = nil }
  }
}
