import EquilibreCore
import Foundation

/// Everything the CLI prints goes through here, so that no character of a user's file can act
/// on the terminal: control characters, escape sequences and bidi overrides are shown as
/// visible symbols (``TextSafety``). Colours come only from ``Style``, whose markers carry a
/// random per-process token that no input can forge.
enum Terminal {
  static let token: String = {
    var g = SystemRandomNumberGenerator()
    return String(g.next() as UInt64, radix: 36)
  }()

  static let open: Unicode.Scalar = "\u{E000}"
  static let close: Unicode.Scalar = "\u{E001}"

  /// `text` ready for a terminal: user characters neutralised, ``Style`` markers turned into
  /// SGR colour codes, CRLF line ends of CSV kept.
  static func safe(_ text: String) -> String {
    // Nearly every line: no marker (U+E000/E001 start with byte EE) and nothing to neutralise.
    if !text.utf8.contains(0xEE) && !TextSafety.mayHoldUnsafe(text, allowLayout: true) { return text }
    let scalars = Array(text.unicodeScalars)
    var out = String.UnicodeScalarView()
    let tokenScalars = Array(token.unicodeScalars)
    var i = 0
    while i < scalars.count {
      let v = scalars[i]
      if v == open, let end = markerEnd(scalars, from: i + 1, token: tokenScalars) {
        let code = String(String.UnicodeScalarView(scalars[(i + 1 + tokenScalars.count)..<end]))
        out.append(contentsOf: "\u{1B}[\(code)m".unicodeScalars)
        i = end + 1
        continue
      }
      if v == "\r", i + 1 < scalars.count, scalars[i + 1] == "\n" {
        out.append(v)
      } else if v == open || v == close || TextSafety.isUnsafe(v) {
        out.append(contentsOf: TextSafety.visible(v).unicodeScalars)
      } else {
        out.append(v)
      }
      i += 1
    }
    return String(out)
  }

  /// The index of the closing marker of a genuine Style marker starting at `from`.
  static func markerEnd(_ s: [Unicode.Scalar], from: Int, token: [Unicode.Scalar]) -> Int? {
    guard from + token.count < s.count, Array(s[from..<(from + token.count)]) == token else { return nil }
    var j = from + token.count
    while j < s.count, j - from - token.count < 4, s[j].properties.numericType == .decimal, s[j].isASCII { j += 1 }
    guard j < s.count, s[j] == close, j > from + token.count else { return nil }
    return j
  }

  /// A Style marker for SGR `code`.
  static func marker(_ code: String) -> String { "\(open)\(token)\(code)\(close)" }
}

/// The CLI's `print`: like Swift's, through ``Terminal/safe(_:)``.
package func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
  let text = items.map { "\($0)" }.joined(separator: separator)
  Swift.print(Terminal.safe(text), terminator: terminator)
}

/// One line on the error stream, made safe like ``print(_:separator:terminator:)``.
package func printStandardError(_ line: String, newline: Bool = true) {
  fflush(nil)  // what was printed comes first
  FileHandle.standardError.write(Data((Terminal.safe(line) + (newline ? "\n" : "")).utf8))
}
