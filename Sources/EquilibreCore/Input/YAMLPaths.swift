/// A scenario as a flat list of leaves, `path = value`, with the reader's own paths
/// (`ressources[2].montant`): what the web form edits, so that a field's name is the path the
/// reader names in its errors. ``build(_:)`` writes the leaves back as YAML.
public enum YAMLPaths {
  public struct Leaf: Sendable, Equatable {
    public var path: String
    public var value: String

    public init(path: String, value: String) {
      self.path = path
      self.value = value
    }
  }

  /// The leaves of a YAML text, in document order (null values left out).
  public static func flatten(_ text: String) throws(Diagnostics) -> [Leaf] {
    let root: YAMLNode?
    do { root = try YAMLDocument.parse(text) } catch {
      throw Diagnostics([Diagnostic(file: "scénario", line: error.line, column: error.column, path: "", message: error.message)])
    }
    var out: [Leaf] = []
    func walk(_ node: YAMLNode, _ path: String) {
      switch node.kind {
      case .scalar:
        if let t = node.scalarText, !(t.isEmpty || t == "~" || t == "null") { out.append(Leaf(path: path, value: t)) }
      case .mapping(let pairs):
        for (k, v) in pairs {
          let key = k.scalarText ?? ""
          walk(v, path.isEmpty ? key : "\(path).\(key)")
        }
      case .sequence(let items):
        for (i, item) in items.enumerated() { walk(item, "\(path)[\(i + 1)]") }
      }
    }
    if let root { walk(root, "") }
    return out
  }

  /// One step of a path: a key or a 1-based index.
  enum Step: Equatable {
    case key(String)
    case index(Int)
  }

  static func steps(_ path: String) -> [Step]? {
    var out: [Step] = []
    var rest = Substring(path)
    while !rest.isEmpty {
      if rest.first == "[" {
        guard let close = rest.firstIndex(of: "]"), let n = Int(rest[rest.index(after: rest.startIndex)..<close]), n >= 1, n <= 10_000
        else {
          return nil
        }
        out.append(.index(n))
        rest = rest[rest.index(after: close)...]
        if rest.first == "." { rest = rest.dropFirst() }
      } else {
        let end = rest.firstIndex { $0 == "." || $0 == "[" } ?? rest.endIndex
        let key = String(rest[..<end])
        guard !key.isEmpty, key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else { return nil }
        out.append(.key(key))
        rest = rest[end...]
        if rest.first == "." { rest = rest.dropFirst() }
      }
    }
    return out.isEmpty ? nil : out
  }

  /// A tree being rebuilt; keys and items keep the order they first appear in.
  final class Node {
    var scalar: String?
    var keys: [String] = []
    var children: [String: Node] = [:]
    var items: [Int: Node] = [:]

    func child(_ step: Step) -> Node {
      switch step {
      case .key(let k):
        if let c = children[k] { return c }
        let c = Node()
        children[k] = c
        keys.append(k)
        return c
      case .index(let i):
        if let c = items[i] { return c }
        let c = Node()
        items[i] = c
        return c
      }
    }

    var isEmpty: Bool { scalar == nil && children.values.allSatisfy(\.isEmpty) && items.values.allSatisfy(\.isEmpty) }
  }

  /// The YAML of `leaves`: every value double-quoted (so any text reads back as typed), empty
  /// values and rows left out, list items renumbered in order. A path that is not one the
  /// reader could have written (`a..b`, `x[0]`) is ignored.
  public static func build(_ leaves: [Leaf]) -> String {
    let root = Node()
    for leaf in leaves where !leaf.value.trimmingSpaces.isEmpty {
      guard let steps = steps(leaf.path) else { continue }
      var node = root
      for s in steps { node = node.child(s) }
      node.scalar = leaf.value
    }
    var lines: [String] = []
    func emit(_ node: Node, _ indent: Int) {
      let pad = String(repeating: " ", count: indent)
      for k in node.keys {
        let c = node.children[k]!
        if c.isEmpty { continue }
        if let s = c.scalar, c.keys.isEmpty && c.items.isEmpty {
          lines.append("\(pad)\(k): \(ScenarioWriter.quote(s))")
        } else {
          lines.append("\(pad)\(k):")
          emit(c, indent + 2)
        }
      }
      for i in node.items.keys.sorted() {
        let c = node.items[i]!
        if c.isEmpty { continue }
        if let s = c.scalar, c.keys.isEmpty && c.items.isEmpty {
          lines.append("\(pad)- \(ScenarioWriter.quote(s))")
        } else {
          lines.append("\(pad)-")
          emit(c, indent + 2)
        }
      }
    }
    emit(root, 0)
    return lines.joined(separator: "\n") + "\n"
  }
}
