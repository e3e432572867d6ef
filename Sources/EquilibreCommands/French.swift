import EquilibreCore
import Foundation

/// swift-argument-parser speaks English: its help headings and its parser errors are put in
/// French here, whatever the terminal's width. Help is rendered unwrapped (COLUMNS forced
/// wide), translated, then wrapped to the real width, so no phrase is ever cut in two before
/// translation.
enum French {
  /// The terminal's width as the user has it (COLUMNS, else the terminal, else 80), 40 to 250.
  static let terminalWidth: Int = {
    if let c = ProcessInfo.processInfo.environment["COLUMNS"].flatMap({ Int($0) }), c > 0 { return min(max(c, 40), 250) }
    var w = winsize()
    if ioctl(1, UInt(TIOCGWINSZ), &w) == 0, w.ws_col > 0 { return min(max(Int(w.ws_col), 40), 250) }
    return 80
  }()

  /// Width the parser renders at: wide enough never to wrap.
  static let renderWidth = "1000"

  static let helpPairs: [(String, String)] = [
    ("OVERVIEW: ", ""), ("USAGE:", "UTILISATION :"), ("ARGUMENTS:", "ARGUMENTS :"), ("OPTIONS:", "OPTIONS :"),
    ("SUBCOMMANDS:", "COMMANDES :"), ("Show help information.", "Afficher cette aide."),
    ("Show the version.", "Afficher la version."), ("(default: ", "(défaut : "),
    (
      "See 'equilibre help <subcommand>' for detailed help.", "Aide d'une commande : equilibre help COMMANDE, ou equilibre COMMANDE --help."
    ),
    ("<subcommand>", "<commande>"), ("(values: ", "(valeurs : "),
    ("(optional)", "(facultatif)"),
  ]

  /// Help text in French, wrapped to `width`.
  static func help(_ text: String, width: Int = terminalWidth) -> String {
    var out = text
    for (en, fr) in helpPairs { out = out.replacingOccurrences(of: en, with: fr) }
    // A group's own line: "See 'equilibre help suivi <commande>' for detailed help."
    if let see = out.range(of: "See 'equilibre help "),
      let end = out.range(of: " <commande>' for detailed help.", range: see.upperBound..<out.endIndex)
    {
      let group = out[see.upperBound..<end.lowerBound]
      out.replaceSubrange(see.lowerBound..<end.upperBound, with: "Aide d'une commande : equilibre \(group) COMMANDE --help.")
    }
    // French typography: no line starts with « ; », « : » or « » » (no-break spaces).
    for (a, b) in [
      (" ;", "\u{00A0};"), (" :", "\u{00A0}:"), (" ?", "\u{00A0}?"), (" !", "\u{00A0}!"), ("« ", "«\u{00A0}"), (" »", "\u{00A0}»"),
    ] {
      out = out.replacingOccurrences(of: a, with: b)
    }
    return wrap(reflow(out), width: width)
  }

  /// Paragraph lines at the margin joined into one line (the help texts are written with hard
  /// line breaks), so that wrapping gives even lines; indented lines (examples) are kept.
  static func reflow(_ text: String) -> String {
    var out: [String] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
      // A continued sentence: the next line starts in lowercase (or with a digit or a bracket).
      if let last = out.last, !last.isEmpty, let first = line.first, first.isLowercase || first.isNumber || first == "(",
        last.first != " ", !last.hasSuffix(":"), !last.hasPrefix("UTILISATION")
      {
        out[out.count - 1] = last + " " + line
      } else {
        out.append(line)
      }
    }
    return out.joined(separator: "\n")
  }

  /// Lines longer than `width` broken between words. An option's description continues under
  /// its own column; an indented line continues two columns further in; a paragraph at the
  /// margin stays at the margin.
  static func wrap(_ text: String, width: Int) -> String {
    var out: [String] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
      guard line.count > width else {
        out.append(line)
        continue
      }
      let chars = Array(line)
      let leading = chars.prefix { $0 == " " }.count
      var prefixLength = leading
      var hanging = leading == 0 ? 0 : leading >= 8 ? leading : leading + 2
      // "  --option <value>   Description": keep the label, wrap the description in its column
      // (argument-parser's label column is 26).
      let column = 26
      if leading == 2, chars.count > column, chars[2] == "-" || chars[2] == "<", chars[column - 1] == " ", column < width / 2 {
        prefixLength = column
        hanging = column
      }
      // Words keep the spaces written after them (alignment survives where the line fits).
      var tokens: [String] = []
      var k = prefixLength
      while k < chars.count {
        var j = k
        while j < chars.count && chars[j] != " " { j += 1 }
        while j < chars.count && chars[j] == " " { j += 1 }
        tokens.append(String(chars[k..<j]))
        k = j
      }
      var current = String(chars[0..<prefixLength])
      var empty = true
      for token in tokens {
        let word = token.trailingSpacesTrimmed
        if (current + word).count > width && !empty {
          out.append(current.trailingSpacesTrimmed)
          current = String(repeating: " ", count: hanging) + token
        } else {
          current += token
        }
        empty = false
      }
      out.append(current.trailingSpacesTrimmed)
    }
    return out.joined(separator: "\n")
  }

  /// A parser error in French (its first line), with the user's values quoted « » and neutralised.
  static func error(_ message: String) -> String {
    var first = message.split(separator: "\n").first.map(String.init) ?? message
    if first.hasPrefix("Error: ") { first.removeFirst(7) }
    func q(_ s: Substring) -> String { "« \(String(s).excerpt) »" }
    func list(_ s: Substring) -> String {
      // 'a', 'b' or 'c' → « a », « b » ou « c »
      String(s).replacingOccurrences(of: "' or '", with: "' ou '").replacingOccurrences(of: "' and '", with: "' et '")
        .split(separator: "'", omittingEmptySubsequences: false).enumerated()
        .map { $0.offset % 2 == 1 ? "« \(String($0.element).excerpt) »" : String($0.element) }.joined()
    }
    if let m = first.wholeMatch(of: /Unknown option '(.+?)'\. Did you mean '(.+?)'\?/) {
      return "option inconnue \(q(m.1)) ; vouliez-vous dire \(q(m.2)) ? (voir equilibre --help)"
    }
    if let m = first.wholeMatch(of: /Unknown option '(.+)'/) { return "option inconnue \(q(m.1)) (voir equilibre --help)" }
    if let m = first.wholeMatch(of: /(\d+) unexpected arguments: (.*)/) {
      return "\(m.1) arguments inattendus : \(list(m.2)) (voir equilibre --help)"
    }
    if let m = first.wholeMatch(of: /Unexpected argument '(.*)'/) { return "argument inattendu \(q(m.1)) (voir equilibre --help)" }
    if let m = first.wholeMatch(of: /Missing expected argument '(.+)'/) {
      return "argument obligatoire manquant : \(q(m.1)) (voir equilibre --help)"
    }
    if let m = first.wholeMatch(of: /Missing one of: (.*)/) { return "il manque l'un de : \(list(m.1))" }
    if let m = first.wholeMatch(of: /Missing value for '(.+)'/) { return "valeur manquante pour \(q(m.1))" }
    if let m = first.wholeMatch(of: /The option '(.+?)' does not take any value, but '(.*)' was specified\./) {
      return "l'option \(q(m.1)) ne prend pas de valeur (\(q(m.2)) donné)"
    }
    if let m = first.wholeMatch(of: /The value '(.*?)' is invalid for '(.+?)'(.*)/) {
      var text = "la valeur \(q(m.1)) n'est pas valide pour \(q(m.2))"
      let rest = m.3
      if let p = rest.firstMatch(of: /Please provide one of (.*?)\.?$/) {
        text += " ; valeurs possibles : \(list(p.1))"
      } else if rest.hasPrefix(": ") {
        text += " : \(String(rest.dropFirst(2)).excerpt)"
      }
      return text
    }
    if let m = first.wholeMatch(of: /Invalid option: (.+)/) { return "option invalide \(q(m.1))" }
    if first.hasPrefix("Missing required subcommand") { return "commande manquante (voir equilibre --help)" }
    if let m = first.wholeMatch(of: /Value to be set with (.+) had already been set with (.+)/) {
      return "valeur donnée deux fois : \(String(m.1).excerpt), puis \(String(m.2).excerpt)"
    }
    if let m = first.wholeMatch(of: /Command '(.+)' is not a parent of the current command\./) {
      return "\(q(m.1)) n'est pas une commande de ce niveau (voir equilibre --help)"
    }
    if first.hasPrefix("Internal error") { return "erreur interne en lisant les options (voir equilibre --help)" }
    if first.hasPrefix("No value set for") { return "option sans valeur (voir equilibre --help)" }
    // Anything else from the parser: never shown in English.
    return "options illisibles (voir equilibre --help)"
  }
}
