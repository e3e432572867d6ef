/// A JSON value whose object keys keep the order they were written in.
///
/// Every JSON that Équilibre writes (the CLI's `--format json`, the workspace's live figures, the
/// case export's `dossier.json`, the figures kept in the store) is one of these, built by hand or
/// by ``JSONWriter`` from a `Codable` value, and rendered by ``rendered(pretty:)``.
public indirect enum JSONValue: Sendable, Equatable {
  case string(String)
  case int(Int)
  /// A number other than an `Int`, as its JSON text (`12.5`, `-3`, `1e-07`).
  case number(String)
  case bool(Bool)
  case null
  case array([JSONValue])
  case object([(String, JSONValue)])

  public static func == (a: JSONValue, b: JSONValue) -> Bool {
    switch (a, b) {
    case (.string(let x), .string(let y)): return x == y
    case (.int(let x), .int(let y)): return x == y
    case (.number(let x), .number(let y)): return x == y
    case (.bool(let x), .bool(let y)): return x == y
    case (.null, .null): return true
    case (.array(let x), .array(let y)): return x == y
    case (.object(let x), .object(let y)):
      return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    default: return false
    }
  }

  /// The JSON text: indented by two spaces (`pretty`), or on one line.
  public func rendered(pretty: Bool = true) -> String {
    var out = ""
    write(to: &out, indent: pretty ? 0 : nil)
    return out
  }

  private func write(to out: inout String, indent: Int?) {
    switch self {
    case .string(let s): JSONValue.quote(s, into: &out)
    case .int(let i): out += String(i)
    case .number(let n): out += n
    case .bool(let b): out += b ? "true" : "false"
    case .null: out += "null"
    case .array(let items):
      if items.isEmpty {
        out += "[]"
      } else {
        out += "["
        for (i, item) in items.enumerated() {
          if i > 0 { out += "," }
          JSONValue.newline(&out, indent.map { $0 + 1 })
          item.write(to: &out, indent: indent.map { $0 + 1 })
        }
        JSONValue.newline(&out, indent)
        out += "]"
      }
    case .object(let pairs):
      if pairs.isEmpty {
        out += "{}"
      } else {
        out += "{"
        for (i, (key, value)) in pairs.enumerated() {
          if i > 0 { out += "," }
          JSONValue.newline(&out, indent.map { $0 + 1 })
          JSONValue.quote(key, into: &out)
          out += indent == nil ? ":" : ": "
          value.write(to: &out, indent: indent.map { $0 + 1 })
        }
        JSONValue.newline(&out, indent)
        out += "}"
      }
    }
  }

  private static func newline(_ out: inout String, _ indent: Int?) {
    guard let indent else { return }
    out += "\n"
    out += String(repeating: "  ", count: indent)
  }

  /// A JSON string literal. Control, bidi and noncharacters are escaped as `\uXXXX`: the JSON
  /// means the same and stays safe to show on a terminal. Slashes and accents stay as they are.
  public static func quote(_ s: String) -> String {
    var out = ""
    quote(s, into: &out)
    return out
  }

  static func quote(_ s: String, into out: inout String) {
    out += "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if TextSafety.isUnsafe(scalar, allowLayout: false) {
          for unit in String(scalar).utf16 {
            let hex = String(unit, radix: 16)
            out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
          }
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    out += "\""
  }
}

extension JSONValue: Encodable {
  /// A value built by hand goes through ``JSONWriter`` as it is; through another encoder, as the
  /// same JSON (objects keep their keys, though that encoder may reorder them).
  public func encode(to encoder: any Encoder) throws {
    switch self {
    case .string(let s):
      var c = encoder.singleValueContainer()
      try c.encode(s)
    case .int(let i):
      var c = encoder.singleValueContainer()
      try c.encode(i)
    case .number(let n):
      var c = encoder.singleValueContainer()
      if let i = Int(n) {
        try c.encode(i)
      } else if let u = UInt64(n) {
        try c.encode(u)
      } else {
        try c.encode(Double(n) ?? .nan)
      }
    case .bool(let b):
      var c = encoder.singleValueContainer()
      try c.encode(b)
    case .null:
      var c = encoder.singleValueContainer()
      try c.encodeNil()
    case .array(let items):
      var c = encoder.unkeyedContainer()
      for item in items { try c.encode(item) }
    case .object(let pairs):
      var c = encoder.container(keyedBy: JSONWriter.Key.self)
      for (k, v) in pairs { try c.encode(v, forKey: JSONWriter.Key(k)) }
    }
  }
}
