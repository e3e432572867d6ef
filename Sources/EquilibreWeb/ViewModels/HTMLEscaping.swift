import Mustache

/// HTML escaping for the workspace's pages: the same five entities as swift-mustache's HTML
/// content type (`&lt; &gt; &amp; &quot; &#39;`), but byte by byte on UTF-8, so that a text
/// with nothing to escape is returned as is. Swift-mustache's escaper walks grapheme clusters
/// through a dictionary and was half of the case page's time (perf, `.ci/bench-serveur`). It is
/// also stricter: a `<` carrying a combining mark is escaped too.
struct FastHTMLContentType: MustacheContentType {
  static let name = "HTML_EQUILIBRE"

  func escapeText(_ text: String) -> String { Self.escape(text) }

  static func escape(_ text: String) -> String {
    let original = text
    var text = text
    return text.withUTF8 { bytes -> String in
      guard bytes.contains(where: { $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0x22 || $0 == 0x27 }) else { return original }
      var out: [UInt8] = []
      out.reserveCapacity(bytes.count + bytes.count / 8 + 16)
      for b in bytes {
        switch b {
        case 0x3C: out.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B])  // &lt;
        case 0x3E: out.append(contentsOf: [0x26, 0x67, 0x74, 0x3B])  // &gt;
        case 0x26: out.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B])  // &amp;
        case 0x22: out.append(contentsOf: [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B])  // &quot;
        case 0x27: out.append(contentsOf: [0x26, 0x23, 0x33, 0x39, 0x3B])  // &#39;
        default: out.append(b)
        }
      }
      return String(decoding: out, as: UTF8.self)
    }
  }

  /// Registered once, before the first template is compiled.
  static let registered: Void = MustacheContentTypes.register(FastHTMLContentType(), named: name)
}
