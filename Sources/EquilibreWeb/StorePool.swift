import EquilibreCases
import Foundation

/// The base's connections shared by the requests: each request borrows one connection for the
/// whole of its work and gives it back. Borrowers wait in order when all are busy.
///
/// A connection the server dropped (PostgreSQL stopped or restarted) is put aside and opened
/// again on its next use, so the workspace comes back by itself when the base does. While the
/// base is away, a request gets a French « base indisponible » within ``waitSeconds``, never
/// a hang.
public final class StorePool: @unchecked Sendable {
  private var free: [Slot]
  private var waiters: [(id: UInt64, continuation: CheckedContinuation<Slot?, Never>)] = []
  private var nextWaiter: UInt64 = 0
  private let mutex = NSLock()
  /// Opens a new connection to the same base (nil: connections are never replaced, SQLite).
  private let reopen: (@Sendable () async throws -> any WorkspaceStore)?
  /// Applied to every connection opened again (the workspace's clock).
  private var prepare: (@Sendable (any WorkspaceStore) -> Void)?
  /// Every connection opened, to close them at the end.
  private var opened: [any WorkspaceStore]
  /// How long a request waits for a connection, or for the base to answer, before it is told
  /// the base is unavailable.
  public var waitSeconds: Double = 5
  /// How long one request's work may take on its connection before the connection is put aside.
  public var workSeconds: Double = 15

  /// A connection, or the place of one to open again.
  private final class Slot: @unchecked Sendable {
    var store: (any WorkspaceStore)?
    init(_ store: (any WorkspaceStore)?) { self.store = store }
  }

  public init(_ stores: [any WorkspaceStore], reopen: (@Sendable () async throws -> any WorkspaceStore)? = nil) {
    free = stores.map { Slot($0) }
    opened = stores
    self.reopen = reopen
  }

  public convenience init(_ store: any WorkspaceStore) { self.init([store]) }

  /// The connections opened so far.
  public var all: [any WorkspaceStore] { mutex.withLock { opened } }

  /// Sets up every connection, now and when one is opened again.
  public func prepareEach(_ body: @escaping @Sendable (any WorkspaceStore) -> Void) {
    mutex.lock()
    prepare = body
    let current = opened
    mutex.unlock()
    for s in current { body(s) }
  }

  static let unavailable = StoreError.unavailable(
    "Base indisponible : le serveur de la base ne répond pas. Réessayez dans un instant ; rien n'a été enregistré.")

  /// Runs `body` with a connection of its own.
  public func run<T: Sendable>(_ body: @escaping @Sendable (any WorkspaceStore) async throws -> T) async throws -> T {
    guard let slot = await acquire() else { throw Self.unavailable }
    let store: any WorkspaceStore
    do {
      store = try await connection(of: slot)
    } catch {
      release(slot)
      throw error
    }
    guard reopen != nil else {
      defer { release(slot) }
      return try await body(store)
    }
    // PostgreSQL: the work runs beside a timer; a connection that stops answering is put aside.
    do {
      let r = try await Self.within(workSeconds) { try await body(store) }
      if Self.isBroken(store) { slot.store = nil }
      release(slot)
      return r
    } catch {
      if Self.isBroken(store) || error is TimedOut { slot.store = nil }
      release(slot)
      if error is TimedOut { throw Self.unavailable }
      throw error
    }
  }

  static func isBroken(_ store: any WorkspaceStore) -> Bool { (store as? SQLCaseStore)?.isBroken ?? false }

  /// The slot's connection, opened again when it was put aside.
  private func connection(of slot: Slot) async throws -> any WorkspaceStore {
    if let s = slot.store {
      if !Self.isBroken(s) { return s }
      slot.store = nil
      try? await s.close()
    }
    guard let reopen else { throw Self.unavailable }
    let fresh: any WorkspaceStore
    do {
      fresh = try await Self.within(waitSeconds) { try await reopen() }
    } catch {
      throw Self.unavailable
    }
    let prepare = mutex.withLock {
      opened.append(fresh)
      return self.prepare
    }
    prepare?(fresh)
    slot.store = fresh
    return fresh
  }

  struct TimedOut: Error {}

  /// A continuation resumed once, by whichever comes first.
  final class Once<T: Sendable>: @unchecked Sendable {
    let lock = NSLock()
    var continuation: CheckedContinuation<T, Error>?
    func resume(_ r: Result<T, Error>) {
      lock.lock()
      let c = continuation
      continuation = nil
      lock.unlock()
      c?.resume(with: r)
    }
  }

  /// `body`'s result, or ``TimedOut`` after `seconds` (the body is left to finish on its own).
  static func within<T: Sendable>(_ seconds: Double, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    let once = Once<T>()
    return try await withCheckedThrowingContinuation { (c: CheckedContinuation<T, Error>) in
      once.continuation = c
      let work = Task {
        do { once.resume(.success(try await body())) } catch { once.resume(.failure(error)) }
      }
      Task {
        try? await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
        once.resume(.failure(TimedOut()))
        _ = work
      }
    }
  }

  /// A free slot, waiting in order; nil after ``waitSeconds`` when none came free.
  private func acquire() async -> Slot? {
    let timer = reopen == nil ? nil : waitSeconds
    return await withCheckedContinuation { (c: CheckedContinuation<Slot?, Never>) in
      mutex.lock()
      if let s = free.popLast() {
        mutex.unlock()
        c.resume(returning: s)
        return
      }
      nextWaiter += 1
      let id = nextWaiter
      waiters.append((id, c))
      mutex.unlock()
      guard let timer else { return }
      // Only PostgreSQL can stall every connection: a waiter gives up after the delay.
      Task {
        try? await Task.sleep(nanoseconds: UInt64(timer * 1_000_000_000))
        self.giveUp(id)
      }
    }
  }

  private func giveUp(_ id: UInt64) {
    mutex.lock()
    guard let k = waiters.firstIndex(where: { $0.id == id }) else {
      mutex.unlock()
      return
    }
    let waiter = waiters.remove(at: k)
    mutex.unlock()
    waiter.continuation.resume(returning: nil)
  }

  private func release(_ slot: Slot) {
    mutex.lock()
    if waiters.isEmpty {
      free.append(slot)
      mutex.unlock()
    } else {
      let next = waiters.removeFirst()
      mutex.unlock()
      next.continuation.resume(returning: slot)
    }
  }

  /// Closes every connection (when the server stops).
  public func close() async {
    for s in all { try? await s.close() }
  }
}
