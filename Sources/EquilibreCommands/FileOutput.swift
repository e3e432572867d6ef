import EquilibreCore
import Foundation

/// Writes an output file atomically (see ``AtomicFile``); a French error with exit code 73.
package func writeAtomically(_ text: String, to path: String, overwrite: Bool = false, access: AtomicFile.Access = .standard) throws {
  try writeAtomically(Array(text.utf8), to: path, overwrite: overwrite, access: access)
}

package func writeAtomically(
  _ bytes: some Collection<UInt8>, to path: String, overwrite: Bool = false, access: AtomicFile.Access = .standard
) throws {
  do {
    try AtomicFile.write(bytes, to: path, overwrite: overwrite, access: access)
  } catch {
    throw CLIError(message: error.description, code: CLIError.cannotCreate)
  }
}

/// Refuses, before any work, an output that is a folder, an input of this run, or an existing
/// file without --force.
package func checkOutputPath(_ path: String, force: Bool, inputs: [String] = []) throws {
  var isDir: ObjCBool = false
  guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { return }
  if isDir.boolValue { throw CLIError(message: FileError.isDirectory(path).description, code: CLIError.cannotCreate) }
  for input in inputs { InputFile.markAsInput(input) }
  if InputFile.wasRead(path) { throw CLIError(message: FileError.isInput(path).description, code: CLIError.cannotCreate) }
  if !force { throw CLIError(message: FileError.exists(path).description, code: CLIError.cannotCreate) }
}

/// Reads a text input file; a French error with exit code 66 (missing) or 65 (not text).
package func readInputText(_ path: String) throws -> String {
  do {
    return try InputFile.text(path)
  } catch {
    switch error {
    case .notFound, .isDirectory, .notRegular, .unreadable: throw CLIError(message: error.description, code: CLIError.noInput)
    default: throw CLIError.data(error.description)
    }
  }
}
