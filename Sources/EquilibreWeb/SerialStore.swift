import EquilibreCases

/// One database connection shared by the requests, one request at a time: an async lock
/// (not an actor, whose reentrancy would let two requests use the connection at once).
public final class SerialStore: @unchecked Sendable {
  let store: any CaseStore
  private let lock = AsyncLock()

  public init(_ store: any CaseStore) { self.store = store }

  public func run<T: Sendable>(_ body: @Sendable (any CaseStore) async throws -> T) async throws -> T {
    await lock.acquire()
    defer { lock.release() }
    return try await body(store)
  }
}

/// A first-come, first-served async lock.
final class AsyncLock: @unchecked Sendable {
  private var locked = false
  private var waiters: [CheckedContinuation<Void, Never>] = []
  private let mutex = NSLockLike()

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

import Foundation

/// Foundation's lock, named for what it does here.
typealias NSLockLike = NSLock
