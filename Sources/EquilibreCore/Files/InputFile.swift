import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads input files: regular files only (never a device or a pipe that would never end), of
/// bounded size, and remembered so that no output of the same run replaces them.
public enum InputFile {
  /// Largest input file read (a scenario, a policy, a flow file of 100 000 lines).
  public static let defaultLimit = 32_000_000

  /// The identities (device, inode) of every file read by this process.
  static let readFiles = Mutex<Set<FileIdentity>>([])

  /// The bytes of `path`. `remember: false` for a file the run will write again itself (a
  /// draft it resumes).
  public static func read(_ path: String, limit: Int = defaultLimit, remember: Bool = true) throws(FileError) -> [UInt8] {
    let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)
    guard fd >= 0 else {
      let e = errno
      if e == ENOENT || e == ENOTDIR { throw .notFound(path) }
      throw .unreadable(path, reason: FileError.reason(e))
    }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0 else { throw .unreadable(path, reason: FileError.reason(errno)) }
    if (st.st_mode & S_IFMT) == S_IFDIR { throw .isDirectory(path) }
    guard (st.st_mode & S_IFMT) == S_IFREG else { throw .notRegular(path) }
    guard Int(st.st_size) <= limit else { throw .tooLarge(path, limit: limit) }
    if remember { readFiles.withLock { _ = $0.insert(FileIdentity(st)) } }
    var bytes = [UInt8](repeating: 0, count: Int(st.st_size))
    var done = 0
    while true {
      if done == bytes.count { bytes.append(contentsOf: repeatElement(0, count: 65_536)) }
      let n = bytes.withUnsafeMutableBytes { buf in Glibc.read(fd, buf.baseAddress! + done, buf.count - done) }
      if n < 0 {
        if errno == EINTR { continue }
        throw .unreadable(path, reason: FileError.reason(errno))
      }
      if n == 0 { break }
      done += n
      guard done <= limit else { throw .tooLarge(path, limit: limit) }
    }
    bytes.removeSubrange(done...)
    return bytes
  }

  /// The text of `path`, which must be UTF-8 (a leading byte-order mark is dropped).
  public static func text(_ path: String, limit: Int = defaultLimit, remember: Bool = true) throws(FileError) -> String {
    var bytes = try read(path, limit: limit, remember: remember)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
    guard let s = String(validating: bytes, as: UTF8.self) else { throw .notUTF8(path) }
    return s
  }

  /// True when `path` is a file this process has read.
  public static func wasRead(_ path: String) -> Bool {
    var st = stat()
    guard stat(path, &st) == 0 else { return false }
    let id = FileIdentity(st)
    return readFiles.withLock { $0.contains(id) }
  }

  /// Marks a file as an input (for inputs read by other means, such as a folder listing).
  public static func markAsInput(_ path: String) {
    var st = stat()
    guard stat(path, &st) == 0 else { return }
    readFiles.withLock { _ = $0.insert(FileIdentity(st)) }
  }
}

/// A file's identity on this machine: its device and inode.
struct FileIdentity: Hashable, Sendable {
  let device: UInt64
  let inode: UInt64

  init(_ st: stat) {
    device = UInt64(st.st_dev)
    inode = UInt64(st.st_ino)
  }
}
