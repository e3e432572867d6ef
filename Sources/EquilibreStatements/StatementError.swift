import EquilibreCore

/// Why a statement file is refused, in French, with the file and the line: nothing of the file
/// is imported.
public struct StatementError: Error, Sendable, Equatable, CustomStringConvertible {
  public let file: String
  /// The physical line of the file (1 for the first), nil when the whole file is at fault.
  public let line: Int?
  public let message: String

  public init(file: String, line: Int?, _ message: String) {
    self.file = file
    self.line = line
    self.message = message
  }

  public var description: String {
    let at = line.map { ":\($0)" } ?? ""
    return "\(file.excerptPath)\(at) : \(message) ; rien n'est importé de ce fichier"
  }
}
