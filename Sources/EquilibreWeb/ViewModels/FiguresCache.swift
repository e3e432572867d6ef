import Foundation

/// The figures of a scenario text, remembered: a case page shown again, or a text typed back
/// after a correction, is not read and computed twice. The figures are a pure function of the
/// text (the scenario carries its own date), so a remembered answer is the answer. Bounded: the
/// least recently used text goes first.
final class FiguresCache: @unchecked Sendable {
  static let shared = FiguresCache(capacity: 128)

  final class Entry: @unchecked Sendable {
    let computed: ComputedScenario
    private var builtFragments: FiguresPanel.Fragments?
    private var builtShown: [String: String]?
    private let lock = NSLock()
    init(_ computed: ComputedScenario) { self.computed = computed }

    /// The case page's figures fragments, rendered on first use.
    var fragments: FiguresPanel.Fragments {
      lock.lock()
      defer { lock.unlock() }
      if let builtFragments { return builtFragments }
      let p = ComputedScenario.fragments(computed.panel)
      builtFragments = p
      return p
    }

    /// The figures by key for `POST /calcul`, on first use.
    var shown: [String: String] {
      lock.lock()
      defer { lock.unlock() }
      if let builtShown { return builtShown }
      let s = computed.shown
      builtShown = s
      return s
    }
  }

  private let capacity: Int
  private var entries: [String: (entry: Entry, used: UInt64)] = [:]
  private var tick: UInt64 = 0
  private let lock = NSLock()

  init(capacity: Int) { self.capacity = capacity }

  func entry(_ text: String) -> Entry {
    lock.lock()
    tick += 1
    if let hit = entries[text] {
      entries[text] = (hit.entry, tick)
      lock.unlock()
      return hit.entry
    }
    lock.unlock()
    // Computed outside the lock: two requests may compute the same text once each.
    let entry = Entry(ComputedScenario(text: text))
    lock.lock()
    defer { lock.unlock() }
    if entries.count >= capacity, let oldest = entries.min(by: { $0.value.used < $1.value.used })?.key { entries[oldest] = nil }
    entries[text] = (entry, tick)
    return entry
  }
}
