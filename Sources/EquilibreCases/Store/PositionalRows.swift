import EquilibreCore
import Logging
import PostgresKit
import SQLKit
import SQLiteKit

/// A result row read by position, straight from the driver: the follow-up's due dates read tens
/// of thousands of rows, and SQLKit's decoding by column name (a hash, a dynamic cast and a
/// generic decoder per value) was most of their time.
package struct PositionalRow {
  fileprivate enum Source {
    case sqlite([SQLiteColumn])
    case postgres(PostgresRandomAccessRow)
  }
  fileprivate let source: Source

  /// Column `i` as text, which may not be NULL.
  package func text(_ i: Int) throws -> String {
    guard let s = try optText(i) else { throw PositionalRowError(column: i) }
    return s
  }

  /// Column `i` as a whole number, which may not be NULL.
  package func int(_ i: Int) throws -> Int {
    guard let n = try optInt(i) else { throw PositionalRowError(column: i) }
    return n
  }

  /// Column `i` as a date, nil when NULL.
  package func date(_ i: Int) throws -> CivilDate? { try optText(i).flatMap { CivilDate(iso: $0) } }

  /// Column `i` as text, nil when NULL.
  package func optText(_ i: Int) throws -> String? {
    switch source {
    case .sqlite(let columns):
      switch columns[i].data {
      case .null: return nil
      case .text(let s): return s
      case .integer(let n): return String(n)
      default: throw PositionalRowError(column: i)
      }
    case .postgres(let row):
      return try row[i].decode(String?.self)
    }
  }

  /// Column `i` as a whole number, nil when NULL.
  package func optInt(_ i: Int) throws -> Int? {
    switch source {
    case .sqlite(let columns):
      switch columns[i].data {
      case .null: return nil
      case .integer(let n): return n
      default: throw PositionalRowError(column: i)
      }
    case .postgres(let row):
      return try row[i].decode(Int?.self)
    }
  }
}

/// A column that does not hold the type its reader expects (a programming error, reported as the
/// base being unreadable).
struct PositionalRowError: Error { let column: Int }

/// Runs a query on the store's own connection and reads its rows by position.
package struct PositionalReader: Sendable {
  fileprivate let run: @Sendable (String, [String], @escaping @Sendable (PositionalRow) throws -> Void) async throws -> Void

  static func sqlite(_ connection: SQLiteConnection) -> PositionalReader {
    PositionalReader { sql, binds, body in
      let failure = FirstError()
      try await connection.query(sql, binds.map { SQLiteData.text($0) }) { row in
        guard failure.error == nil else { return }
        do { try body(PositionalRow(source: .sqlite(row.columns))) } catch { failure.error = error }
      }
      if let e = failure.error { throw e }
    }
  }

  static func postgres(_ connection: PostgresConnection, logger: Logger) -> PositionalReader {
    PositionalReader { sql, binds, body in
      var bindings = PostgresBindings(capacity: binds.count)
      for b in binds { bindings.append(b) }
      for try await row in try await connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger) {
        try body(PositionalRow(source: .postgres(row.makeRandomAccess())))
      }
    }
  }
}

/// The first error a row's reading threw (rows are read one after the other, on one thread).
private final class FirstError: @unchecked Sendable { var error: Error? }

/// Rows collected in order (the driver calls back one row after the other).
private final class Collected<T>: @unchecked Sendable { var items: [T] = [] }

extension SQLCaseStore {
  /// `q`'s rows, each read by position with `read`; through SQLKit when the store has no reader.
  func positionalRows<T>(_ q: SQLQueryString, _ read: @escaping @Sendable (PositionalRow) throws -> T) async throws -> [T] {
    guard let reader = positional else { throw StoreError.unavailable("base : lecture par position indisponible") }
    var serializer = SQLSerializer(database: db)
    q.serialize(to: &serializer)
    var binds: [String] = []
    for b in serializer.binds {
      guard let s = b as? String else { throw StoreError.unavailable("base : paramètre de requête non textuel") }
      binds.append(s)
    }
    let out = Collected<T>()
    do {
      try await reader.run(serializer.sql, binds) { row in out.items.append(try read(row)) }
    } catch {
      throw translated(error)
    }
    return out.items
  }
}
