import EquilibreCore
import Foundation
import VaporCSQLite

/// A copy of an SQLite base while it is in use, through SQLite's online backup API (the
/// SQLite library bundled with sqlite-nio), into a new file that never replaces another.
public enum SQLiteBackup {
  /// Copies the base at `source` to `destination`, which must not exist. The copy is written
  /// to an exclusively created temporary file beside it (mode 0600), checked, then linked into
  /// place: an interrupted backup leaves no half-written file under the final name.
  public static func copy(from source: String, to destination: String) throws {
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

    var src: OpaquePointer?
    var dst: OpaquePointer?
    defer {
      sqlite_nio_sqlite3_close(src)
      sqlite_nio_sqlite3_close(dst)
    }
    guard sqlite_nio_sqlite3_open_v2(source, &src, SQLITE_OPEN_READONLY, nil) == SQLITE_OK,
      sqlite_nio_sqlite3_open_v2(temp, &dst, SQLITE_OPEN_READWRITE, nil) == SQLITE_OK
    else { throw StoreError.unavailable("sauvegarde impossible : base illisible") }
    sqlite_nio_sqlite3_busy_timeout(src, 5_000)
    guard let backup = sqlite_nio_sqlite3_backup_init(dst, "main", src, "main") else {
      throw StoreError.unavailable("sauvegarde impossible : \(String(cString: sqlite_nio_sqlite3_errmsg(dst)))")
    }
    var rc: Int32
    repeat {
      rc = sqlite_nio_sqlite3_backup_step(backup, 512)
      if rc == SQLITE_BUSY || rc == SQLITE_LOCKED { usleep(20_000) }
    } while rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED
    let finish = sqlite_nio_sqlite3_backup_finish(backup)
    guard rc == SQLITE_DONE, finish == SQLITE_OK else { throw StoreError.unavailable("sauvegarde interrompue (code SQLite \(rc))") }
    // The copy is a plain file (no WAL left behind), checked before it takes its name.
    var statement: OpaquePointer?
    sqlite_nio_sqlite3_prepare_v2(dst, "PRAGMA integrity_check", -1, &statement, nil)
    defer { sqlite_nio_sqlite3_finalize(statement) }
    guard sqlite_nio_sqlite3_step(statement) == SQLITE_ROW, let text = sqlite_nio_sqlite3_column_text(statement, 0),
      String(cString: text) == "ok"
    else { throw StoreError.unavailable("sauvegarde refusée : la copie ne passe pas le contrôle d'intégrité") }
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
}
