// The system's LibYAML (module CYaml); its event parser is read directly so that aliases, positions and
// messages stay under our control, and nesting and alias expansion are bounded here.
import CYaml

/// One node of a YAML document, with its position (1-based line and column).
///
/// Aliases share the node they point to (no copy); ``YAMLDocument`` bounds how many nodes they
/// may add, so that a few lines cannot expand into billions of nodes.
final class YAMLNode {
  enum Kind {
    /// `plain`: written without quotes (so `~`, `null` and an empty value mean "no value").
    case scalar(String, plain: Bool)
    case mapping([(key: YAMLNode, value: YAMLNode)])
    case sequence([YAMLNode])
  }

  let kind: Kind
  let line: Int
  let column: Int

  init(_ kind: Kind, line: Int, column: Int) {
    self.kind = kind
    self.line = line
    self.column = column
  }

  /// The text of a scalar, nil for a mapping or a sequence.
  var scalarText: String? {
    if case .scalar(let s, _) = kind { return s }
    return nil
  }
}

/// A YAML problem located in the file, already in French.
struct YAMLProblem: Error {
  let line: Int
  let column: Int
  let message: String
}

/// Parses YAML text into ``YAMLNode``s through libyaml's event stream.
enum YAMLDocument {
  /// How many nodes aliases may add to a document in all (their expansion, not their count).
  static let aliasExpansionLimit = 100_000
  /// Deepest nesting accepted (a scenario needs 6 levels).
  static let maximumDepth = 64

  /// The root node of a single-document text; nil for an empty document.
  static func parse(_ text: String) throws(YAMLProblem) -> YAMLNode? {
    var bytes = Array(text.utf8)
    if bytes.isEmpty { return nil }
    bytes.append(0)  // not read by libyaml (the length excludes it); keeps the pointer valid
    return try bytes.withUnsafeBufferPointer { (buffer) throws(YAMLProblem) -> YAMLNode? in
      var parser = yaml_parser_t()
      guard yaml_parser_initialize(&parser) == 1 else {
        throw YAMLProblem(line: 1, column: 1, message: "mémoire insuffisante pour lire le YAML")
      }
      defer { yaml_parser_delete(&parser) }
      yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
      yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count - 1)
      var composer = Composer(text: text)
      return try composer.run(&parser)
    }
  }

  /// Builds nodes from events with an explicit stack (no recursion, whatever the depth).
  private struct Composer {
    let text: String
    var anchors: [String: (node: YAMLNode, weight: Int)] = [:]
    var aliasExpansion = 0
    var literalNodes = 0

    init(text: String) { self.text = text }

    /// A collection being filled, with its anchor and the weight (expanded node count) so far.
    enum Open {
      case mapping([(key: YAMLNode, value: YAMLNode)], pendingKey: YAMLNode?, anchor: String?, line: Int, column: Int, weight: Int)
      case sequence([YAMLNode], anchor: String?, line: Int, column: Int, weight: Int)
    }

    /// Nesting is bounded here, on the events (the system's libyaml has no such limit of its own).
    func checkDepth(_ open: Int, line: Int, column: Int) throws(YAMLProblem) {
      guard open < YAMLDocument.maximumDepth else {
        throw YAMLProblem(line: line, column: column, message: "imbrication trop profonde (plus de \(YAMLDocument.maximumDepth) niveaux)")
      }
    }

    mutating func run(_ parser: inout yaml_parser_t) throws(YAMLProblem) -> YAMLNode? {
      var stack: [Open] = []
      var root: YAMLNode?
      var documents = 0
      while true {
        var event = yaml_event_t()
        guard yaml_parser_parse(&parser, &event) == 1 else { throw problem(parser) }
        defer { yaml_event_delete(&event) }
        let line = Int(event.start_mark.line) + 1
        let column = Int(event.start_mark.column) + 1
        var finished: (node: YAMLNode, weight: Int)?
        switch event.type {
        case YAML_STREAM_END_EVENT:
          return root
        case YAML_DOCUMENT_START_EVENT:
          documents += 1
          if documents > 1 {
            throw YAMLProblem(
              line: line, column: column,
              message: "un seul document YAML est attendu par fichier (« --- » en trop)")
          }
        case YAML_SCALAR_EVENT:
          let s = event.data.scalar
          let value = String(decoding: UnsafeBufferPointer(start: s.value, count: s.length), as: UTF8.self)
          let plain = s.style == YAML_PLAIN_SCALAR_STYLE && s.tag == nil
          let node = YAMLNode(.scalar(value, plain: plain), line: line, column: column)
          literalNodes += 1
          if let a = Self.string(s.anchor) { anchors[a] = (node, 1) }
          finished = (node, 1)
        case YAML_ALIAS_EVENT:
          let name = Self.string(event.data.alias.anchor) ?? ""
          guard let target = anchors[name] else {
            throw YAMLProblem(
              line: line, column: column, message: "alias « *\(name.excerpt) » sans ancre « &\(name.excerpt) » définie avant lui")
          }
          aliasExpansion += target.weight
          if aliasExpansion > YAMLDocument.aliasExpansionLimit {
            throw YAMLProblem(
              line: line, column: column,
              message:
                "alias trop nombreux : leur expansion dépasse \(YAMLDocument.aliasExpansionLimit) éléments (fichier refusé par sécurité)")
          }
          finished = target
        case YAML_SEQUENCE_START_EVENT:
          try checkDepth(stack.count, line: line, column: column)
          literalNodes += 1
          stack.append(.sequence([], anchor: Self.string(event.data.sequence_start.anchor), line: line, column: column, weight: 1))
        case YAML_MAPPING_START_EVENT:
          try checkDepth(stack.count, line: line, column: column)
          literalNodes += 1
          stack.append(
            .mapping([], pendingKey: nil, anchor: Self.string(event.data.mapping_start.anchor), line: line, column: column, weight: 1))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
          switch stack.removeLast() {
          case .sequence(let items, let anchor, let l, let c, let w):
            let node = YAMLNode(.sequence(items), line: l, column: c)
            if let anchor { anchors[anchor] = (node, w) }
            finished = (node, w)
          case .mapping(let pairs, _, let anchor, let l, let c, let w):
            let node = YAMLNode(.mapping(pairs), line: l, column: c)
            if let anchor { anchors[anchor] = (node, w) }
            finished = (node, w)
          }
        default:
          break  // stream start, document end
        }
        guard let (node, weight) = finished else { continue }
        guard let top = stack.popLast() else {
          root = node
          continue
        }
        switch top {
        case .sequence(var items, let anchor, let l, let c, let w):
          items.append(node)
          stack.append(.sequence(items, anchor: anchor, line: l, column: c, weight: Self.add(w, weight)))
        case .mapping(var pairs, let key, let anchor, let l, let c, let w):
          if let key {
            pairs.append((key, node))
            stack.append(.mapping(pairs, pendingKey: nil, anchor: anchor, line: l, column: c, weight: Self.add(w, weight)))
          } else {
            stack.append(.mapping(pairs, pendingKey: node, anchor: anchor, line: l, column: c, weight: Self.add(w, weight)))
          }
        }
      }
    }

    static func add(_ a: Int, _ b: Int) -> Int {
      let (s, o) = a.addingReportingOverflow(b)
      return o ? Int.max : s
    }

    static func string(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? {
      guard let p else { return nil }
      return String(cString: p)
    }

    /// libyaml's error, in French, at its real place.
    func problem(_ parser: yaml_parser_t) -> YAMLProblem {
      let english = parser.problem.map { String(cString: $0) } ?? ""
      if parser.error == YAML_READER_ERROR {
        let (line, column) = Self.position(ofByte: parser.problem_offset, in: text)
        var message = YAMLMessages.french(english)
        if english == "control characters are not allowed" && parser.problem_value >= 0 {
          message +=
            " (\(codePointName(UInt32(parser.problem_value)))) : retirez-le, ou écrivez le texte entre guillemets doubles avec un échappement"
        }
        return YAMLProblem(line: line, column: column, message: "YAML illisible : " + message)
      }
      if parser.error == YAML_MEMORY_ERROR {
        return YAMLProblem(line: 1, column: 1, message: "mémoire insuffisante pour lire le YAML")
      }
      var message = "YAML mal formé : " + YAMLMessages.french(english)
      if let c = parser.context {
        let context = String(cString: c)
        let l = Int(parser.context_mark.line) + 1
        let col = Int(parser.context_mark.column) + 1
        message += " (\(YAMLMessages.french(context)), depuis la ligne \(l), colonne \(col))"
      }
      let line = Int(parser.problem_mark.line) + 1
      let column = Int(parser.problem_mark.column) + 1
      return YAMLProblem(line: line, column: column, message: message + YAMLMessages.hint(english))
    }

    /// 1-based line and column (in characters) of a byte offset of the UTF-8 text.
    static func position(ofByte offset: Int, in text: String) -> (Int, Int) {
      var line = 1
      var column = 1
      var bytes = 0
      for scalar in text.unicodeScalars {
        if bytes >= offset { break }
        bytes += UTF8.width(scalar)
        if scalar == "\n" {
          line += 1
          column = 1
        } else {
          column += 1
        }
      }
      return (line, column)
    }
  }
}

/// libyaml's messages in French (every problem and context string of its reader, scanner and
/// parser).
enum YAMLMessages {
  static let table: [String: String] = [
    // Reader.
    "control characters are not allowed": "caractère de contrôle interdit",
    "invalid leading UTF-8 octet": "octet UTF-8 invalide",
    "invalid trailing UTF-8 octet": "octet UTF-8 invalide",
    "invalid length of a UTF-8 sequence": "séquence UTF-8 invalide",
    "incomplete UTF-8 octet sequence": "séquence UTF-8 incomplète",
    "invalid Unicode character": "caractère Unicode invalide",
    "incomplete UTF-16 character": "caractère UTF-16 incomplet",
    "incomplete UTF-16 surrogate pair": "paire UTF-16 incomplète",
    "unexpected low surrogate area": "caractère UTF-16 invalide",
    "expected low surrogate area": "caractère UTF-16 invalide",
    "input error": "erreur de lecture",
    "input is too long": "fichier trop long",
    // Scanner and parser problems.
    "block sequence entries are not allowed in this context": "un élément de liste « - » n'est pas permis à cet endroit",
    "could not find expected ':'": "« : » attendu après la clé",
    "could not find expected directive name": "nom de directive attendu",
    "did not find URI escaped octet": "échappement d'URI attendu",
    "did not find expected '!'": "« ! » attendu",
    "did not find expected ',' or ']'": "« , » ou « ] » attendu",
    "did not find expected ',' or '}'": "« , » ou « } » attendu",
    "did not find expected '-' indicator": "« - » attendu (élément de liste), ou indentation incohérente",
    "did not find expected <document start>": "début de document attendu",
    "did not find expected <stream-start>": "début de fichier attendu",
    "did not find expected alphabetic or numeric character": "lettre ou chiffre attendu",
    "did not find expected comment or line break": "commentaire ou fin de ligne attendu",
    "did not find expected digit or '.' character": "chiffre ou « . » attendu",
    "did not find expected hexdecimal number": "nombre hexadécimal attendu",
    "did not find expected key": "clé attendue (indentation incohérente ?)",
    "did not find expected node content": "valeur attendue",
    "did not find expected tag URI": "étiquette attendue",
    "did not find expected version number": "numéro de version attendu",
    "did not find expected whitespace": "espace attendu",
    "did not find expected whitespace or line break": "espace ou fin de ligne attendu",
    "did not find the expected '>'": "« > » attendu",
    "found a tab character that violates indentation": "tabulation dans l'indentation : indentez avec des espaces",
    "found a tab character where an indentation space is expected": "tabulation dans l'indentation : indentez avec des espaces",
    "found an incorrect leading UTF-8 octet": "octet UTF-8 invalide",
    "found an incorrect trailing UTF-8 octet": "octet UTF-8 invalide",
    "found an indentation indicator equal to 0": "indicateur d'indentation nul",
    "found character that cannot start any token": "caractère inattendu en début de valeur",
    "found duplicate %TAG directive": "directive %TAG en double",
    "found duplicate %YAML directive": "directive %YAML en double",
    "found extremely long version number": "numéro de version trop long",
    "found incompatible YAML document": "version de YAML non prise en charge",
    "found invalid Unicode character escape code": "échappement Unicode invalide",
    "found undefined tag handle": "préfixe d'étiquette non défini",
    "found unexpected ':'": "« : » inattendu",
    "found unexpected document indicator": "« --- » ou « ... » inattendu dans le texte",
    "found unexpected end of stream": "fin de fichier inattendue (guillemet ou crochet non fermé ?)",
    "found unexpected non-alphabetical character": "caractère inattendu",
    "found unknown directive name": "directive inconnue",
    "found unknown escape character":
      "échappement inconnu après « \\ » (entre guillemets doubles, écrivez \\\\ pour une barre oblique inverse)",
    "mapping keys are not allowed in this context": "une clé n'est pas permise à cet endroit",
    "mapping values are not allowed in this context": "« : » n'est pas permis à cet endroit (mettez le texte entre guillemets)",
    "Maximum nesting level reached, set with yaml_set_max_nest_level())": "imbrication trop profonde",
    // Contexts.
    "while parsing": "dans le document",
    "while parsing a %TAG directive": "dans une directive %TAG",
    "while parsing a block collection": "dans une liste ou une section",
    "while parsing a block mapping": "dans une section",
    "while parsing a block node": "dans une valeur",
    "while parsing a flow mapping": "dans une section entre accolades",
    "while parsing a flow node": "dans une valeur entre crochets ou accolades",
    "while parsing a flow sequence": "dans une liste entre crochets",
    "while parsing a node": "dans une valeur",
    "while parsing a quoted scalar": "dans un texte entre guillemets",
    "while parsing a tag": "dans une étiquette",
    "while parsing a tag directive": "dans une directive",
    "while scanning a %TAG directive": "dans une directive %TAG",
    "while scanning a %YAML directive": "dans une directive %YAML",
    "while scanning a block scalar": "dans un texte sur plusieurs lignes",
    "while scanning a directive": "dans une directive",
    "while scanning a plain scalar": "dans une valeur",
    "while scanning a quoted scalar": "dans un texte entre guillemets",
    "while scanning a simple key": "dans une clé",
    "while scanning a tag": "dans une étiquette",
    "while scanning a tag directive": "dans une directive",
    "while scanning an alias": "dans un alias",
    "while scanning an anchor": "dans une ancre",
    "while scanning for the next token": "en cherchant la valeur suivante",
  ]

  /// The French wording; an unknown message (a newer libyaml) is named as such, never shown in English.
  static func french(_ english: String) -> String {
    table[english] ?? "erreur de syntaxe"
  }

  /// A short hint for the frequent mistakes.
  static func hint(_ english: String) -> String {
    switch english {
    case "found character that cannot start any token":
      " ; un texte qui commence par @, ` ou % s'écrit entre guillemets"
    case "did not find expected node content":
      " ; une valeur manque, ou un texte qui commence par [ { , doit être entre guillemets"
    default: ""
    }
  }
}

/// `U+001B (ESC)`-style name of a code point, for messages.
func codePointName(_ value: UInt32) -> String {
  var hex = String(value, radix: 16, uppercase: true)
  while hex.count < 4 { hex = "0" + hex }
  let names: [UInt32: String] = [0: "NUL", 7: "BEL", 8: "BS", 0x1B: "ESC", 0x7F: "DEL", 0x0D: "CR", 0xFEFF: "BOM", 0xFFFE: "non-caractère"]
  return "U+\(hex)" + (names[value].map { " \($0)" } ?? "")
}
