import EquilibreCore

/// French typography for the printed documents: no-break spaces before « ; : ! ? », inside
/// « », in amounts (already in ``Money/french``) and in phone numbers; no line ending in a
/// stray « ; »; a capital at the start of each sentence the program writes.
enum Typography {
  static let nbsp: Character = "\u{00A0}"

  /// The text of an HTML document fixed outside tags, `<style>` and `<script>`.
  static func html(_ document: String) -> String {
    var out = ""
    out.reserveCapacity(document.utf8.count)
    var text = ""
    var i = document.startIndex
    while i < document.endIndex {
      if document[i] == "<" {
        out += fix(text)
        text = ""
        let rest = document[i...]
        for raw in ["<style", "<script"] where rest.hasPrefix(raw) {
          let close = raw == "<style" ? "</style>" : "</script>"
          if let end = rest.range(of: close) {
            out += document[i..<end.upperBound]
            i = end.upperBound
            break
          }
        }
        guard i < document.endIndex, document[i] == "<" else { continue }
        let tagEnd = document[i...].firstIndex(of: ">") ?? document.index(before: document.endIndex)
        out += document[i...tagEnd]
        i = document.index(after: tagEnd)
      } else {
        text.append(document[i])
        i = document.index(after: i)
      }
    }
    out += fix(text)
    // A list written item by item may leave « ; » before a closing tag.
    return removingTrailingSemicolons(out)
  }

  /// A Markdown document fixed everywhere (it has no markup that a no-break space could break).
  static func markdown(_ document: String) -> String {
    removingTrailingSemicolons(fix(document))
  }

  static func fix(_ text: String) -> String {
    guard !text.isEmpty else { return text }
    var s = text
    for (a, b) in [
      (" ;", "\u{00A0};"), (" :", "\u{00A0}:"), (" !", "\u{00A0}!"), (" ?", "\u{00A0}?"), ("« ", "«\u{00A0}"), (" »", "\u{00A0}»"),
    ] {
      s = s.replacingAll(a, with: b)
    }
    return s
  }

  /// « ; » (with its spaces) just before a line end or a closing tag is removed.
  static func removingTrailingSemicolons(_ s: String) -> String {
    var out = ""
    var pending = ""
    for ch in s {
      // A « ; » glued to a word (an HTML entity such as « &#39; ») is not a separator.
      if ch == ";" && pending.isEmpty {
        out.append(ch)
        continue
      }
      if ch == ";" || ch == " " || ch == nbsp {
        pending.append(ch)
        continue
      }
      if !pending.isEmpty {
        let closes = ch == "\n" || ch == "<"
        out += closes && pending.contains(";") ? pending.replacingAll(";", with: "").trimmingTrailing() : pending
        pending = ""
      }
      out.append(ch)
    }
    return out + (pending.contains(";") ? "" : pending)
  }

  /// `0612345678`, `06.12.34.56.78`, `+33612345678` → `06 12 34 56 78` / `+33 6 12 34 56 78`
  /// with no-break spaces; any other text unchanged.
  static func phone(_ raw: String) -> String {
    let digits = raw.filter { $0.isNumber || $0 == "+" }
    let sep = String(nbsp)
    if digits.count == 10, digits.first == "0", digits.allSatisfy(\.isNumber) {
      let a = Array(digits)
      return stride(from: 0, to: 10, by: 2).map { String(a[$0..<$0 + 2]) }.joined(separator: sep)
    }
    if digits.hasPrefix("+33"), digits.count == 12 {
      let a = Array(digits.dropFirst(3))
      return "+33" + sep + String(a[0]) + sep + stride(from: 1, to: 9, by: 2).map { String(a[$0..<$0 + 2]) }.joined(separator: sep)
    }
    return raw
  }

  /// A sentence the program writes: capital first letter, final full stop.
  static func sentence(_ s: String) -> String {
    let t = s.trimmingSpaces
    guard let first = t.first else { return t }
    let body = first.uppercased() + t.dropFirst()
    return body.hasSuffix(".") || body.hasSuffix("!") || body.hasSuffix("?") || body.hasSuffix("…") ? body : body + "."
  }

  /// The first letter in capital (a label, a list item).
  static func capitalized(_ s: String) -> String {
    guard let first = s.first else { return s }
    return first.uppercased() + s.dropFirst()
  }
}

extension String {
  func trimmingTrailing() -> String {
    var s = self
    while let l = s.last, l == " " || l == Typography.nbsp { s.removeLast() }
    return s
  }
}

extension CivilDate {
  /// `12/04/1988`, as on the Cerfa.
  public var slashed: String {
    func pad(_ v: Int) -> String { v < 10 ? "0\(v)" : String(v) }
    return "\(pad(day))/\(pad(month))/\(year)"
  }
}
