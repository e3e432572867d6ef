import EquilibreCases
import Foundation

/// The base's connections shared by the requests: each request borrows one connection for the
/// whole of its work and gives it back. Borrowers wait in order when all are busy.
public final class StorePool: @unchecked Sendable {
  private var free: [any WorkspaceStore]
  private var waiters: [CheckedContinuation<any WorkspaceStore, Never>] = []
  private let mutex = NSLock()
  /// Every connection, to close them at the end.
  public let all: [any WorkspaceStore]

  public init(_ stores: [any WorkspaceStore]) {
    precondition(!stores.isEmpty, "a pool needs a connection")
    free = stores
    all = stores
  }

  public convenience init(_ store: any WorkspaceStore) { self.init([store]) }

  /// Runs `body` with a connection of its own.
  public func run<T: Sendable>(_ body: @Sendable (any WorkspaceStore) async throws -> T) async throws -> T {
    let store = await acquire()
    defer { release(store) }
    return try await body(store)
  }

  private func acquire() async -> any WorkspaceStore {
    await withCheckedContinuation { (c: CheckedContinuation<any WorkspaceStore, Never>) in
      mutex.lock()
      if let s = free.popLast() {
        mutex.unlock()
        c.resume(returning: s)
      } else {
        waiters.append(c)
        mutex.unlock()
      }
    }
  }

  private func release(_ store: any WorkspaceStore) {
    mutex.lock()
    if waiters.isEmpty {
      free.append(store)
      mutex.unlock()
    } else {
      let next = waiters.removeFirst()
      mutex.unlock()
      next.resume(returning: store)
    }
  }

  /// Closes every connection (when the server stops).
  public func close() async {
    for s in all { try? await s.close() }
  }
}
