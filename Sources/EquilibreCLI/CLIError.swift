/// An error shown to the user as one French line, with a sysexits exit code.
struct CLIError: Error {
  /// Bad command-line value (EX_USAGE).
  static let usage: Int32 = 64
  /// Bad data in an input file (EX_DATAERR).
  static let data: Int32 = 65
  /// Input file missing or unreadable (EX_NOINPUT).
  static let noInput: Int32 = 66
  /// Output cannot be written (EX_CANTCREAT).
  static let cannotCreate: Int32 = 73
  /// `--strict`: a legal parameter is missing or provisional on the date (EX_UNAVAILABLE).
  static let missingParameterCode: Int32 = 69

  let message: String
  let code: Int32

  static func usage(_ message: String) -> CLIError { CLIError(message: message, code: usage) }
  static func data(_ message: String) -> CLIError { CLIError(message: message, code: data) }
  static func missingParameter(_ message: String) -> CLIError { CLIError(message: message, code: missingParameterCode) }
}
