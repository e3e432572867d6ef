import EquilibreCore
import Foundation
import SQLKit
import SQLiteKit

/// A copy of an SQLite base while it is in use (`VACUUM INTO`, through sqlite-nio's public API),
/// into a new file that never replaces another.
public enum SQLiteBackup {
  /// Copies the base at `source` to `destination`, which must not exist. The copy is written
  /// to an exclusively created temporary file beside it (mode 0600), checked, then linked into
  /// place: an interrupted backup leaves no half-written file under the final name.
  public static func copy(from source: String, to destination: String) async throws {
    let fm = FileManager.default
    guard fm.fileExists(atPath: source) else { throw StoreError.unavailable("\(source.excerptPath) : base introuvable") }
    if fm.fileExists(atPath: destination) {
      throw StoreError.unavailable("\(destination.excerptPath) existe déjà : une sauvegarde ne remplace jamais un fichier")
    }
    let dir = (destination as NSString).deletingLastPathComponent
    let temp = ((dir.isEmpty ? "." : dir) as NSString).appendingPathComponent(
      ".\((destination as NSString).lastPathComponent).\(getpid()).tmp")
    let fd = Foundation.open(temp, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw StoreError.unavailable("\(destination.excerptPath) : fichier de sauvegarde impossible à créer") }
    Foundation.close(fd)
    var done = false
    defer { if !done { unlink(temp) } }

    // `VACUUM INTO` (SQLite ≥ 3.27): a consistent copy of the live base, taken in one read
    // transaction, through the public API of the SQLite that sqlite-nio bundles.
    let live = try await open(source, "base illisible")
    do {
      try await live.sql().raw("PRAGMA busy_timeout = 10000").run()
      try await live.sql().raw("VACUUM INTO \(bind: temp)").run()
      try await live.close()
    } catch {
      try? await live.close()
      throw StoreError.unavailable("sauvegarde interrompue : \(String(describing: error).excerpt)")
    }
    // The copy is a plain file (no WAL left behind), checked before it takes its name.
    let copy = try await open(temp, "copie illisible")
    let verdict = try? await copy.sql().raw("PRAGMA integrity_check").all().first?.decode(column: "integrity_check", as: String.self)
    try? await copy.close()
    guard verdict == "ok" else {
      throw StoreError.unavailable("sauvegarde refusée : la copie ne passe pas le contrôle d'intégrité")
    }
    let file = Foundation.open(temp, O_RDONLY | O_CLOEXEC)
    if file >= 0 {
      fsync(file)
      Foundation.close(file)
    }
    guard link(temp, destination) == 0 else {
      throw StoreError.unavailable("\(destination.excerptPath) : impossible de nommer la sauvegarde (\(String(cString: strerror(errno))))")
    }
    unlink(temp)
    done = true
  }

  private static func open(_ path: String, _ what: String) async throws -> SQLiteConnection {
    do {
      return try await SQLiteConnection.open(storage: .file(path: path))
    } catch {
      throw StoreError.unavailable("sauvegarde impossible : \(what)")
    }
  }
}
