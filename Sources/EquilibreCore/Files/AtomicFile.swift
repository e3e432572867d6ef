#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes output files so that nothing is ever half-written, replaced by surprise or written
/// through a planted link.
///
/// The bytes go to a temporary file created exclusively (`O_CREAT|O_EXCL|O_NOFOLLOW`, a random
/// name) in the target's folder; it is flushed to disk, then linked to the final name (which
/// fails if that name exists) or, to replace, renamed over it. On any failure the temporary
/// file is removed. A file read by the same run is never replaced.
public enum AtomicFile {
  /// Who may read the file: `privateToUser` (0600) for documents holding personal data.
  public enum Access: Sendable {
    case privateToUser
    case standard

    var mode: mode_t { self == .privateToUser ? 0o600 : 0o666 }
  }

  /// Writes `bytes` to `path`. Without `overwrite`, an existing file is an error.
  public static func write(
    _ bytes: some Collection<UInt8>, to path: String, overwrite: Bool = false, access: Access = .standard
  ) throws(FileError) {
    var st = stat()
    if stat(path, &st) == 0 {
      if (st.st_mode & S_IFMT) == S_IFDIR { throw .isDirectory(path) }
      if InputFile.wasRead(path) { throw .isInput(path) }
      if !overwrite { throw .exists(path) }
    }
    let (dir, name) = split(path)
    var temp = ""
    var fd: Int32 = -1
    for _ in 0..<16 {
      temp = dir + "/." + String(name.prefix(100)) + "." + randomToken() + ".tmp"
      fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, access.mode)
      if fd >= 0 || errno != EEXIST { break }
    }
    guard fd >= 0 else { throw .cannotWrite(path, reason: FileError.reason(errno)) }
    var linked = false
    defer {
      if fd >= 0 { close(fd) }
      if !linked { unlink(temp) }
    }
    let data = Array(bytes)
    var done = 0
    while done < data.count {
      let n = data.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, data.count - done) }
      if n < 0 {
        if errno == EINTR { continue }
        throw .cannotWrite(path, reason: FileError.reason(errno))
      }
      done += n
    }
    guard fsync(fd) == 0 else { throw .cannotWrite(path, reason: FileError.reason(errno)) }
    let closed = close(fd)
    fd = -1
    guard closed == 0 else { throw .cannotWrite(path, reason: FileError.reason(errno)) }
    if overwrite {
      guard rename(temp, path) == 0 else { throw .cannotWrite(path, reason: FileError.reason(errno)) }
      linked = true
    } else {
      if link(temp, path) != 0 {
        let e = errno
        if e == EEXIST { throw .exists(path) }
        throw .cannotWrite(path, reason: FileError.reason(e))
      }
      unlink(temp)
      linked = true
    }
    // Best effort: make the new name durable too.
    let dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if dfd >= 0 {
      fsync(dfd)
      close(dfd)
    }
  }

  /// Writes `text` as UTF-8.
  public static func write(
    _ text: String, to path: String, overwrite: Bool = false, access: Access = .standard
  )
    throws(FileError)
  {
    try write(Array(text.utf8), to: path, overwrite: overwrite, access: access)
  }

  static func split(_ path: String) -> (String, String) {
    guard let slash = path.lastIndex(of: "/") else { return (".", path) }
    let dir = String(path[..<slash])
    return (dir.isEmpty ? "/" : dir, String(path[path.index(after: slash)...]))
  }

  /// 16 random hexadecimal digits from the system's generator.
  static func randomToken() -> String {
    var g = SystemRandomNumberGenerator()
    let v = g.next() as UInt64
    let s = String(v, radix: 16)
    return String(repeating: "0", count: 16 - s.count) + s
  }
}
