/// Neutralising user text before it reaches a terminal, a document or a message.
///
/// A household's file can hold any character. Control characters (ESC sequences move the cursor
/// or hide text, CR overwrites a line), bidirectional overrides (U+202E reverses what follows)
/// and noncharacters must never act on the reader's screen or page: they are shown as visible
/// symbols instead. The value itself is kept intact in the data; only what is displayed changes.
public enum TextSafety {
  /// True for a scalar that must not be displayed as is. Line feed and tab are allowed where
  /// `allowLayout` is set (multi-line notes, tables).
  @inlinable
  public static func isUnsafe(_ v: Unicode.Scalar, allowLayout: Bool = true) -> Bool {
    let c = v.value
    if allowLayout && (c == 0x0A || c == 0x09) { return false }
    if c < 0x20 || c == 0x7F { return true }  // C0 controls, DEL
    if (0x80...0x9F).contains(c) { return true }  // C1 controls
    switch c {
    case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true  // bidi controls
    case 0x2028, 0x2029: return true  // line and paragraph separators
    case 0xFDD0...0xFDEF: return true  // noncharacters
    case 0xFFF9...0xFFFB: return true  // interlinear annotation
    default: return c & 0xFFFE == 0xFFFE  // U+FFFE, U+FFFF and their copies in every plane
    }
  }

  /// The visible stand-in of an unsafe scalar: the Unicode control picture for C0 controls
  /// (␛ for ESC, ␍ for CR), `⟨U+202E⟩` for the others.
  public static func visible(_ v: Unicode.Scalar) -> String {
    let c = v.value
    if c < 0x20 { return String(Unicode.Scalar(0x2400 + c)!) }
    if c == 0x7F { return "\u{2421}" }
    return "⟨" + codePointName(c).split(separator: " ").first.map(String.init)! + "⟩"
  }

  /// `text` with every unsafe scalar replaced by its visible stand-in.
  public static func neutralized(_ text: String, allowLayout: Bool = true) -> String {
    guard mayHoldUnsafe(text, allowLayout: allowLayout) else { return text }
    var out = String.UnicodeScalarView()
    for v in text.unicodeScalars {
      if isUnsafe(v, allowLayout: allowLayout) {
        out.append(contentsOf: visible(v).unicodeScalars)
      } else {
        out.append(v)
      }
    }
    return String(out)
  }

  /// False when no scalar of `text` is unsafe, read on its UTF-8 bytes: every page and document
  /// neutralises all its texts, and nearly all are safe. Each unsafe range of ``isUnsafe(_:allowLayout:)``
  /// has its UTF-8 pattern here; `TrustTests` holds the two equal on every scalar.
  package static func mayHoldUnsafe(_ text: String, allowLayout: Bool) -> Bool {
    var text = text
    return text.withUTF8 { b in
      let n = b.count
      var i = 0
      while i < n {
        let c = b[i]
        if c < 0x80 {
          if c < 0x20 && !(allowLayout && (c == 0x0A || c == 0x09)) || c == 0x7F { return true }
          i += 1
          continue
        }
        // Valid UTF-8 (a Swift string): the continuation bytes are there.
        switch c {
        case 0xC2: if b[i + 1] <= 0x9F { return true }  // U+0080…009F
        case 0xD8: if b[i + 1] == 0x9C { return true }  // U+061C
        case 0xE2:
          let (c1, c2) = (b[i + 1], b[i + 2])
          if c1 == 0x80 && (c2 == 0x8E || c2 == 0x8F || (0xA8...0xAE).contains(c2)) { return true }  // U+200E/F, U+2028…202E
          if c1 == 0x81 && (0xA6...0xA9).contains(c2) { return true }  // U+2066…2069
        case 0xEF:
          let (c1, c2) = (b[i + 1], b[i + 2])
          if c1 == 0xB7 && (0x90...0xAF).contains(c2) { return true }  // U+FDD0…FDEF
          if c1 == 0xBF && ((0xB9...0xBB).contains(c2) || c2 >= 0xBE) { return true }  // U+FFF9…FFFB, U+FFFE/F
        case 0xF0...0xF4:
          if b[i + 1] & 0x0F == 0x0F && b[i + 2] == 0xBF && b[i + 3] >= 0xBE { return true }  // U+nFFFE/F
        default: break
        }
        i += c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2
      }
      return false
    }
  }

  /// Longest user value quoted in a message.
  public static let excerptLength = 60
}

extension String {
  /// The text as a message may quote it: one line, neutralised, and cut to
  /// ``TextSafety/excerptLength`` characters with "…" (a message never echoes a whole file).
  public var excerpt: String {
    var out = TextSafety.neutralized(self, allowLayout: false)
    if out.count > TextSafety.excerptLength {
      out = String(out.prefix(TextSafety.excerptLength)) + "…"
    }
    return out
  }

  /// The text neutralised for display (line feeds and tabs kept).
  public var displaySafe: String { TextSafety.neutralized(self) }
}
