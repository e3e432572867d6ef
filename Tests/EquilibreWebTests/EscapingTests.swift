import Foundation
import Mustache
import PropertyBased
import Testing

@testable import EquilibreWeb

/// The pages' HTML escaper against swift-mustache's own, and its invariants.
@Suite("Échappement HTML des pages")
struct EscapingTests {
  static let alphabet: [Character] = ["<", ">", "&", "\"", "'", "a", "é", " ", "\u{202E}", "{", "}", "€", "\u{301}", "\n", "👩‍👧"]

  @Test("Propriété : rien de brut ne reste (< > & \" '), et « désséchapper » rend le texte d'origine")
  func invariants() async {
    await propertyCheck(input: Gen.int(in: 0...(Self.alphabet.count - 1)).array(of: 0...60)) { indices in
      let text = String(indices.map { Self.alphabet[$0] })
      let escaped = FastHTMLContentType.escape(text)
      #expect(!escaped.unicodeScalars.contains { "<>\"'".unicodeScalars.contains($0) })
      #expect(Self.unescape(escaped) == Array(text.unicodeScalars))
    }
  }

  /// The five entities back to their characters, scalar by scalar (a combining mark after
  /// `;` must not hide an entity, as it would from a search by characters).
  static func unescape(_ s: String) -> [Unicode.Scalar] {
    let entities: [(String, Unicode.Scalar)] = [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")]
    let scalars = Array(s.unicodeScalars)
    var out: [Unicode.Scalar] = []
    var i = 0
    outer: while i < scalars.count {
      for (e, c) in entities {
        let es = Array(e.unicodeScalars)
        if i + es.count <= scalars.count, Array(scalars[i..<(i + es.count)]) == es {
          out.append(c)
          i += es.count
          continue outer
        }
      }
      out.append(scalars[i])
      i += 1
    }
    return out
  }

  @Test("Propriété : même sortie que l'échappement HTML de swift-mustache (textes sans signe combinant)")
  func sameAsMustache() async throws {
    let reference = try MustacheTemplate(string: "{{x}}")
    let alphabet = Self.alphabet.filter { $0 != "\u{301}" }
    await propertyCheck(input: Gen.int(in: 0...(alphabet.count - 1)).array(of: 0...60)) { indices in
      let text = String(indices.map { alphabet[$0] })
      #expect(FastHTMLContentType.escape(text) == reference.render(["x": text]))
    }
    // A combining mark on « < » makes one grapheme that swift-mustache leaves as is; ours escapes it.
    #expect(FastHTMLContentType.escape("<\u{301}script>") == "&lt;\u{301}script&gt;")
  }
}
