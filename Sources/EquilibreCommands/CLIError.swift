/// An error shown to the user as one French line, with a sysexits exit code.
package struct CLIError: Error {
  /// Bad command-line value (EX_USAGE).
  package static let usage: Int32 = 64
  /// Bad data in an input file (EX_DATAERR).
  package static let data: Int32 = 65
  /// Input file missing or unreadable (EX_NOINPUT).
  package static let noInput: Int32 = 66
  /// Output cannot be written (EX_CANTCREAT).
  package static let cannotCreate: Int32 = 73
  /// `--strict`: a legal parameter is missing or provisional on the date (EX_UNAVAILABLE).
  package static let missingParameterCode: Int32 = 69

  package let message: String
  package let code: Int32

  package init(message: String, code: Int32) {
    self.message = message
    self.code = code
  }

  package static func usage(_ message: String) -> CLIError { CLIError(message: message, code: usage) }
  package static func data(_ message: String) -> CLIError { CLIError(message: message, code: data) }
  package static func missingParameter(_ message: String) -> CLIError { CLIError(message: message, code: missingParameterCode) }
}
