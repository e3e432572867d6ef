import EquilibreCases
import EquilibreCommands
import Foundation

/// `pg_dump` and `pg_restore` for a PostgreSQL case base: called with the password in the
/// environment (never on the command line), their errors in French, their output never echoed.
enum PostgresBackup {
  /// The tool's path on PATH, or a French error saying what to install.
  static func tool(_ name: String) throws -> String {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for dir in path.split(separator: ":") {
      let candidate = "\(dir)/\(name)"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    throw CLIError(
      message:
        "\(name) introuvable : installez les outils clients de PostgreSQL (sous Debian : apt install postgresql-client), de la même version majeure que le serveur ou plus récente",
      code: 69)
  }

  /// The connection string without its password, and the password apart.
  static func split(_ url: String) -> (url: String, password: String?) {
    guard var c = URLComponents(string: url), let password = c.password else { return (url, nil) }
    c.password = nil
    return (c.string ?? url, password)
  }

  /// Runs `tool` with `arguments`; its error output is kept for a short French message.
  static func run(_ name: String, _ arguments: [String], password: String?) throws {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: try tool(name))
    p.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    if let password { env["PGPASSWORD"] = password }
    p.environment = env
    p.standardOutput = FileHandle.nullDevice
    let err = Pipe()
    p.standardError = err
    do { try p.run() } catch { throw CLIError(message: "\(name) n'a pas pu être lancé", code: 69) }
    let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    guard p.terminationStatus == 0 else {
      let first = message.split(separator: "\n").first.map(String.init) ?? ""
      throw CLIError(message: "\(name) a échoué (code \(p.terminationStatus)) : \(first.displaySafe.excerpt)", code: CLIError.data)
    }
  }

  /// A dump in pg_dump's custom format into `destination`, which must not exist: written to an
  /// exclusively created file beside it, read back by `pg_restore --list`, then linked into place.
  static func dump(_ url: String, to destination: String) throws {
    if FileManager.default.fileExists(atPath: destination) {
      throw CLIError(
        message: "\(destination.displaySafe) existe déjà : une sauvegarde ne remplace jamais un fichier", code: CLIError.cannotCreate)
    }
    let dir = (destination as NSString).deletingLastPathComponent
    let temp = ((dir.isEmpty ? "." : dir) as NSString).appendingPathComponent(
      ".\((destination as NSString).lastPathComponent).\(getpid()).tmp")
    let fd = open(temp, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw CLIError(message: "\(destination.displaySafe) : fichier impossible à créer", code: CLIError.cannotCreate) }
    close(fd)
    var done = false
    defer { if !done { unlink(temp) } }
    let (bare, password) = split(url)
    try run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", "--file=\(temp)", "--dbname=\(bare)"], password: password)
    // The archive must list its contents, with the case table, before it takes its name.
    try run("pg_restore", ["--list", temp], password: nil)
    let file = open(temp, O_RDONLY | O_CLOEXEC)
    if file >= 0 {
      fsync(file)
      close(file)
    }
    guard link(temp, destination) == 0 else {
      throw CLIError(message: "\(destination.displaySafe) : impossible de nommer la sauvegarde", code: CLIError.cannotCreate)
    }
    unlink(temp)
    done = true
  }

  /// Restores a custom-format dump into the empty database `url`, in one transaction.
  static func restore(_ file: String, into url: String) throws {
    let (bare, password) = split(url)
    try run(
      "pg_restore", ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", "--dbname=\(bare)", file],
      password: password)
  }
}
