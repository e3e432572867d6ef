#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Local values of the legal parameters: a newer usury threshold or legal rate, imported by the
/// counsellor (`equilibre parametres importer FICHIER`) before the tool's next release.
///
/// The files live in one folder, read at start: `EQUILIBRE_PARAMETRES_LOCAUX` when set, else
/// `$XDG_CONFIG_HOME/equilibre/parametres`, else `~/.config/equilibre/parametres`. They use the
/// format of the embedded files (``ParameterFile``); every value needs its source, and the
/// explanations name it « valeur locale ».
public enum LocalParameters {
  /// The folder of the local files (nil: no home folder known).
  public static var directory: String? {
    func env(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }
    if let d = env("EQUILIBRE_PARAMETRES_LOCAUX"), !d.isEmpty { return d }
    if let x = env("XDG_CONFIG_HOME"), x.hasPrefix("/") { return x + "/equilibre/parametres" }
    if let h = env("HOME"), h.hasPrefix("/") { return h + "/.config/equilibre/parametres" }
    return nil
  }

  /// What was read at start: the merged values, the files, and the files refused (with why).
  public struct Loaded: Sendable {
    public var set = ParameterSet()
    public var files: [String] = []
    public var errors: [String] = []
  }

  public static let loaded: Loaded = load()

  static func load() -> Loaded {
    var out = Loaded()
    guard let dir = directory else { return out }
    for name in yamlFiles(in: dir) {
      let path = dir + "/" + name
      guard let text = try? InputFile.text(path, remember: false) else {
        out.errors.append("\(path) : illisible")
        continue
      }
      do {
        out.set.merge(try validate(text, file: path))
        out.files.append(path)
      } catch {
        out.errors.append(error.items.map(\.description).joined(separator: " ; "))
      }
    }
    return out
  }

  /// Checks a file of local values: the format of the embedded files, dates in increasing
  /// order, a source for every value, and a parameter the tool knows, with the same unit and
  /// the same kind of value (a number, a list of as many numbers, a setting).
  public static func validate(_ text: String, file: String) throws(Diagnostics) -> ParameterSet {
    try ParameterFile.parse(
      text, file: file, origin: file, requireSource: true, reference: ParameterSet.embedded)
  }

  /// Validates `text` and writes it as `name` in the local folder (created if needed, private
  /// to the user). A file of the same name is replaced; the user's own file is never touched.
  /// Returns the path written.
  public static func install(_ text: String, name: String, into dir: String? = nil) throws -> String {
    guard let folder = dir ?? directory else {
      throw FileError.cannotWrite("parametres", reason: "dossier de configuration inconnu (HOME absent)")
    }
    _ = try validate(text, file: name)
    try makeDirectories(folder)
    let base = name.split(separator: "/").last.map(String.init) ?? name
    let target = folder + "/" + (base.hasSuffix(".yaml") || base.hasSuffix(".yml") ? base : base + ".yaml")
    try AtomicFile.write(Array(text.utf8), to: target, overwrite: true, access: .privateToUser)
    return target
  }

  static func makeDirectories(_ path: String) throws(FileError) {
    var current = path.hasPrefix("/") ? "" : "."
    for part in path.split(separator: "/") {
      current += "/" + part
      if mkdir(current, 0o700) != 0 && errno != EEXIST { throw .cannotWrite(path, reason: FileError.reason(errno)) }
    }
  }

  static func yamlFiles(in dir: String) -> [String] {
    guard let d = opendir(dir) else { return [] }
    defer { closedir(d) }
    var names: [String] = []
    while let e = readdir(d) {
      let name = withUnsafePointer(to: e.pointee.d_name) { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
      if !name.hasPrefix(".") && (name.hasSuffix(".yaml") || name.hasSuffix(".yml")) { names.append(name) }
    }
    return names.sorted()
  }

}
