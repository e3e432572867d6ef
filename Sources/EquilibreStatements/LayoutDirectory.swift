import EquilibreCore
import Foundation

/// The layout files of a structure's folder.
enum LayoutDirectory {
  /// The `*.yaml` files of `directory`, sorted by name.
  static func files(_ directory: String) throws -> [String] {
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDir) else { throw FileError.notFound(directory) }
    guard isDir.boolValue else { throw StatementError(file: directory, line: nil, "un dossier de mises en page est attendu") }
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    return names.filter { $0.hasSuffix(".yaml") && !$0.hasPrefix(".") }.sorted().map { (directory as NSString).appendingPathComponent($0) }
  }
}
