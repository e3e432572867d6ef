import Foundation

/// Writes `text` to `path` atomically: a temporary file in the same folder, then a hard link
/// to the final name, which fails if the name exists. A half-written file is never visible and
/// an existing file is never replaced unless `overwrite` is set.
func writeAtomically(_ text: String, to path: String, overwrite: Bool = false) throws {
  try writeAtomically(Data(text.utf8), to: path, overwrite: overwrite)
}

func writeAtomically(_ bytes: Data, to path: String, overwrite: Bool = false) throws {
  let url = URL(fileURLWithPath: path)
  let dir = url.deletingLastPathComponent()
  let temp = dir.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
  do {
    try bytes.write(to: temp)
  } catch {
    throw CLIError(message: "\(path) : écriture impossible (\(dir.path))", code: CLIError.cannotCreate)
  }
  defer { unlink(temp.path) }
  if overwrite {
    guard rename(temp.path, path) == 0 else {
      throw CLIError(message: "\(path) : écriture impossible", code: CLIError.cannotCreate)
    }
  } else if link(temp.path, path) != 0 {
    let exists = errno == EEXIST
    throw CLIError(
      message: exists ? "\(path) existe déjà : il n'est pas remplacé (choisissez un autre nom)" : "\(path) : écriture impossible",
      code: CLIError.cannotCreate)
  }
}

/// Refuses an existing output file unless `force` is set.
func checkNotExisting(_ path: String, force: Bool) throws {
  if FileManager.default.fileExists(atPath: path) && !force {
    throw CLIError(message: "\(path) existe déjà : ajoutez --force pour le remplacer", code: CLIError.cannotCreate)
  }
}
