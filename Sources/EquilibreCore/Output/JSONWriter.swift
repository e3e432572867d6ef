/// The one JSON writer: encodes any `Encodable` into a ``JSONValue`` whose object keys keep the
/// order the type encodes them in (its properties' order for synthesised `Codable`), then renders it.
///
/// Foundation's `JSONEncoder` can only sort keys or leave them in hash order; a counsellor reading
/// an export or a `--format json` output expects the order of the form. `keys` renames keys (the
/// case export writes French keys from English property names).
public struct JSONWriter: Sendable {
  /// Indented by two spaces, or on one line (stored figures, live updates).
  public var pretty: Bool
  /// The written name of the last key of a coding path; nil writes the key as it is.
  public var keys: (@Sendable ([any CodingKey]) -> String)?

  public init(pretty: Bool = true, keys: (@Sendable ([any CodingKey]) -> String)? = nil) {
    self.pretty = pretty
    self.keys = keys
  }

  /// The value as a JSON tree.
  public func value<T: Encodable>(_ value: T) throws -> JSONValue {
    if let ready = value as? JSONValue { return ready }
    let root = Node()
    try JSONWriter.encode(value, into: root, path: [], keys: keys)
    return root.resolved
  }

  /// The value as JSON text, ending without a newline.
  public func string<T: Encodable>(_ value: T) throws -> String {
    try self.value(value).rendered(pretty: pretty)
  }

  /// The value as UTF-8 bytes.
  public func bytes<T: Encodable>(_ value: T) throws -> [UInt8] {
    Array(try string(value).utf8)
  }

  /// A key named by its text.
  public struct Key: CodingKey, Sendable {
    public var stringValue: String
    public var intValue: Int? { nil }
    public init(_ s: String) { stringValue = s }
    public init?(stringValue: String) { self.stringValue = stringValue }
    public init?(intValue: Int) { nil }
  }

  struct Index: CodingKey {
    var intValue: Int?
    var stringValue: String { String(intValue!) }
    init(_ i: Int) { intValue = i }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
  }

  /// A value being encoded; becomes a scalar, an object or an array.
  final class Node {
    var scalar: JSONValue?
    var object: [(String, Node)]?
    var positions: [String: Int] = [:]
    var array: [Node]?

    var resolved: JSONValue {
      if let scalar { return scalar }
      if let array { return .array(array.map(\.resolved)) }
      // An object, or a value that encoded nothing (like JSONEncoder: `{}`).
      return .object((object ?? []).map { ($0.0, $0.1.resolved) })
    }

    func child(for key: String) -> Node {
      if object == nil { object = [] }
      let node = Node()
      if let at = positions[key] {
        object![at].1 = node
      } else {
        positions[key] = object!.count
        object!.append((key, node))
      }
      return node
    }

    func appended() -> Node {
      if array == nil { array = [] }
      let node = Node()
      array!.append(node)
      return node
    }
  }

  struct NodeEncoder: Encoder {
    let node: Node
    let codingPath: [any CodingKey]
    let keys: (@Sendable ([any CodingKey]) -> String)?
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<K: CodingKey>(keyedBy type: K.Type) -> KeyedEncodingContainer<K> {
      if node.object == nil { node.object = [] }
      return KeyedEncodingContainer(Keyed<K>(node: node, codingPath: codingPath, keys: keys))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
      if node.array == nil { node.array = [] }
      return Unkeyed(node: node, codingPath: codingPath, keys: keys)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
      Single(node: node, codingPath: codingPath, keys: keys)
    }
  }

  static func encode<T: Encodable>(
    _ value: T, into node: Node, path: [any CodingKey], keys: (@Sendable ([any CodingKey]) -> String)?
  )
    throws
  {
    if let ready = value as? JSONValue {
      node.scalar = ready
      return
    }
    // A dictionary's keys are data, not names: sorted (reproducible output) and never renamed.
    if let dictionary = value as? any StringKeyedDictionary {
      node.object = []
      for (key, item) in dictionary.sortedEntries() {
        try encode(item, into: node.child(for: key), path: path + [Key(key)], keys: keys)
      }
      return
    }
    try value.encode(to: NodeEncoder(node: node, codingPath: path, keys: keys))
  }

  static func number<F: BinaryFloatingPoint & LosslessStringConvertible>(_ v: F, path: [any CodingKey]) throws -> JSONValue {
    guard v.isFinite else {
      throw EncodingError.invalidValue(v, .init(codingPath: path, debugDescription: "nombre non fini : \(v)"))
    }
    let text = v.description
    return .number(text.hasSuffix(".0") ? String(text.dropLast(2)) : text)
  }

  struct Keyed<K: CodingKey>: KeyedEncodingContainerProtocol {
    let node: Node
    let codingPath: [any CodingKey]
    let keys: (@Sendable ([any CodingKey]) -> String)?

    private func name(_ key: K) -> String { keys?(codingPath + [key]) ?? key.stringValue }
    private func put(_ v: JSONValue, _ key: K) { node.child(for: name(key)).scalar = v }

    mutating func encodeNil(forKey key: K) throws { put(.null, key) }
    mutating func encode(_ v: Bool, forKey key: K) throws { put(.bool(v), key) }
    mutating func encode(_ v: String, forKey key: K) throws { put(.string(v), key) }
    mutating func encode(_ v: Double, forKey key: K) throws { put(try JSONWriter.number(v, path: codingPath + [key]), key) }
    mutating func encode(_ v: Float, forKey key: K) throws { put(try JSONWriter.number(v, path: codingPath + [key]), key) }
    mutating func encode(_ v: Int, forKey key: K) throws { put(.int(v), key) }
    mutating func encode(_ v: Int8, forKey key: K) throws { put(.int(Int(v)), key) }
    mutating func encode(_ v: Int16, forKey key: K) throws { put(.int(Int(v)), key) }
    mutating func encode(_ v: Int32, forKey key: K) throws { put(.int(Int(v)), key) }
    mutating func encode(_ v: Int64, forKey key: K) throws { put(.int(Int(v)), key) }
    mutating func encode(_ v: UInt, forKey key: K) throws { put(.number(String(v)), key) }
    mutating func encode(_ v: UInt8, forKey key: K) throws { put(.int(Int(v)), key) }
    mutating func encode(_ v: UInt16, forKey key: K) throws { put(.int(Int(v)), key) }
    mutating func encode(_ v: UInt32, forKey key: K) throws { put(.int(Int(v)), key) }
    mutating func encode(_ v: UInt64, forKey key: K) throws { put(.number(String(v)), key) }
    mutating func encode<T: Encodable>(_ v: T, forKey key: K) throws {
      try JSONWriter.encode(v, into: node.child(for: name(key)), path: codingPath + [key], keys: keys)
    }
    // Optionals: a nil is left out, like JSONEncoder does.
    mutating func encodeIfPresent<T: Encodable>(_ v: T?, forKey key: K) throws {
      if let v { try encode(v, forKey: key) }
    }

    mutating func nestedContainer<N: CodingKey>(keyedBy: N.Type, forKey key: K) -> KeyedEncodingContainer<N> {
      let child = node.child(for: name(key))
      child.object = []
      return KeyedEncodingContainer(Keyed<N>(node: child, codingPath: codingPath + [key], keys: keys))
    }
    mutating func nestedUnkeyedContainer(forKey key: K) -> any UnkeyedEncodingContainer {
      let child = node.child(for: name(key))
      child.array = []
      return Unkeyed(node: child, codingPath: codingPath + [key], keys: keys)
    }
    mutating func superEncoder() -> any Encoder {
      NodeEncoder(node: node.child(for: "super"), codingPath: codingPath + [JSONWriter.Key("super")], keys: keys)
    }
    mutating func superEncoder(forKey key: K) -> any Encoder {
      NodeEncoder(node: node.child(for: name(key)), codingPath: codingPath + [key], keys: keys)
    }
  }

  struct Unkeyed: UnkeyedEncodingContainer {
    let node: Node
    let codingPath: [any CodingKey]
    let keys: (@Sendable ([any CodingKey]) -> String)?
    var count: Int { node.array?.count ?? 0 }

    private var next: [any CodingKey] { codingPath + [Index(count)] }
    private func put(_ v: JSONValue) { node.appended().scalar = v }

    mutating func encodeNil() throws { put(.null) }
    mutating func encode(_ v: Bool) throws { put(.bool(v)) }
    mutating func encode(_ v: String) throws { put(.string(v)) }
    mutating func encode(_ v: Double) throws { put(try JSONWriter.number(v, path: next)) }
    mutating func encode(_ v: Float) throws { put(try JSONWriter.number(v, path: next)) }
    mutating func encode(_ v: Int) throws { put(.int(v)) }
    mutating func encode(_ v: Int8) throws { put(.int(Int(v))) }
    mutating func encode(_ v: Int16) throws { put(.int(Int(v))) }
    mutating func encode(_ v: Int32) throws { put(.int(Int(v))) }
    mutating func encode(_ v: Int64) throws { put(.int(Int(v))) }
    mutating func encode(_ v: UInt) throws { put(.number(String(v))) }
    mutating func encode(_ v: UInt8) throws { put(.int(Int(v))) }
    mutating func encode(_ v: UInt16) throws { put(.int(Int(v))) }
    mutating func encode(_ v: UInt32) throws { put(.int(Int(v))) }
    mutating func encode(_ v: UInt64) throws { put(.number(String(v))) }
    mutating func encode<T: Encodable>(_ v: T) throws {
      let path = next
      try JSONWriter.encode(v, into: node.appended(), path: path, keys: keys)
    }

    mutating func nestedContainer<N: CodingKey>(keyedBy: N.Type) -> KeyedEncodingContainer<N> {
      let path = next
      let child = node.appended()
      child.object = []
      return KeyedEncodingContainer(Keyed<N>(node: child, codingPath: path, keys: keys))
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
      let path = next
      let child = node.appended()
      child.array = []
      return Unkeyed(node: child, codingPath: path, keys: keys)
    }
    mutating func superEncoder() -> any Encoder {
      let path = next
      return NodeEncoder(node: node.appended(), codingPath: path, keys: keys)
    }
  }

  struct Single: SingleValueEncodingContainer {
    let node: Node
    let codingPath: [any CodingKey]
    let keys: (@Sendable ([any CodingKey]) -> String)?

    mutating func encodeNil() throws { node.scalar = .null }
    mutating func encode(_ v: Bool) throws { node.scalar = .bool(v) }
    mutating func encode(_ v: String) throws { node.scalar = .string(v) }
    mutating func encode(_ v: Double) throws { node.scalar = try JSONWriter.number(v, path: codingPath) }
    mutating func encode(_ v: Float) throws { node.scalar = try JSONWriter.number(v, path: codingPath) }
    mutating func encode(_ v: Int) throws { node.scalar = .int(v) }
    mutating func encode(_ v: Int8) throws { node.scalar = .int(Int(v)) }
    mutating func encode(_ v: Int16) throws { node.scalar = .int(Int(v)) }
    mutating func encode(_ v: Int32) throws { node.scalar = .int(Int(v)) }
    mutating func encode(_ v: Int64) throws { node.scalar = .int(Int(v)) }
    mutating func encode(_ v: UInt) throws { node.scalar = .number(String(v)) }
    mutating func encode(_ v: UInt8) throws { node.scalar = .int(Int(v)) }
    mutating func encode(_ v: UInt16) throws { node.scalar = .int(Int(v)) }
    mutating func encode(_ v: UInt32) throws { node.scalar = .int(Int(v)) }
    mutating func encode(_ v: UInt64) throws { node.scalar = .number(String(v)) }
    mutating func encode<T: Encodable>(_ v: T) throws {
      try JSONWriter.encode(v, into: node, path: codingPath, keys: keys)
    }
  }
}

/// A `[String: Value]` dictionary, written with its keys sorted.
protocol StringKeyedDictionary {
  func sortedEntries() -> [(String, any Encodable)]
}

extension Dictionary: StringKeyedDictionary where Key == String, Value: Encodable {
  func sortedEntries() -> [(String, any Encodable)] {
    sorted { $0.key < $1.key }.map { ($0.key, $0.value as any Encodable) }
  }
}
