import Foundation

/// Colour on a terminal only: none when the output is piped, when `NO_COLOR` is set, or for a
/// dumb terminal (https://no-color.org).
enum Style {
  static func enabled(fd: Int32) -> Bool {
    let env = ProcessInfo.processInfo.environment
    return isatty(fd) != 0 && env["NO_COLOR"] == nil && env["TERM"] != "dumb"
  }

  static let stdoutColour = enabled(fd: 1)
  static let stderrColour = enabled(fd: 2)

  /// `s` in colour when the stream is a terminal; the markers become escape codes in
  /// ``Terminal/safe(_:)``, the only place that writes them.
  static func paint(_ s: String, _ code: String, fd: Int32 = 1) -> String {
    (fd == 1 ? stdoutColour : stderrColour) ? Terminal.marker(code) + s + Terminal.marker("0") : s
  }

  static func bold(_ s: String) -> String { paint(s, "1") }
  static func green(_ s: String) -> String { paint(s, "32") }
  static func yellow(_ s: String) -> String { paint(s, "33") }
  static func red(_ s: String, fd: Int32 = 1) -> String { paint(s, "31", fd: fd) }
  static func dim(_ s: String) -> String { paint(s, "2") }

  /// An aid status in its colour.
  static func status(_ text: String, raw: String) -> String {
    switch raw {
    case "eligible": green(text)
    case "a_verifier": yellow(text)
    default: dim(text)
    }
  }
}
