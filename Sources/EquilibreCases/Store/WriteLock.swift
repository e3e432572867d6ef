import Foundation

/// One writer at a time among the connections of one process to one SQLite base: a waiting
/// writer waits here, in order, instead of in SQLite's busy handler (which sleeps and retries,
/// up to 100 ms a time). Other processes are still kept apart by SQLite's own lock.
public final class WriteLock: @unchecked Sendable {
  private var locked = false
  private var waiters: [CheckedContinuation<Void, Never>] = []
  private let mutex = NSLock()

  public init() {}

  func acquire() async {
    await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
      mutex.lock()
      if locked {
        waiters.append(c)
        mutex.unlock()
      } else {
        locked = true
        mutex.unlock()
        c.resume()
      }
    }
  }

  func release() {
    mutex.lock()
    if waiters.isEmpty {
      locked = false
      mutex.unlock()
    } else {
      let next = waiters.removeFirst()
      mutex.unlock()
      next.resume()
    }
  }
}
