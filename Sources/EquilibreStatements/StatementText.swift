/// A statement's bytes as text, in the layout's encoding, checked byte by byte: a broken
/// encoding or a control character is refused with its line, never replaced silently.
enum StatementText {
  /// The largest statement file read: three months of a busy account is well under 1 Mo.
  static let limit = 10_000_000

  /// The text of `bytes` and the encoding it was read in. A file that is valid UTF-8 with
  /// accented letters is read as UTF-8 whatever the layout says (an export saved again).
  static func decode(_ bytes: [UInt8], as encoding: StatementLayout.Encoding, file: String) throws(StatementError) -> (String, String) {
    var body = bytes[...]
    if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
    if body.starts(with: [0xFF, 0xFE]) || body.starts(with: [0xFE, 0xFF]) {
      throw StatementError(file: file, line: 1, "fichier en UTF-16 : exportez-le de nouveau au format CSV de la banque")
    }
    if let zero = body.firstIndex(of: 0) {
      throw StatementError(file: file, line: line(of: zero, in: bytes), "octet nul : ce n'est pas un fichier texte")
    }
    let text: String
    let used: String
    if let utf8 = String(validating: body, as: UTF8.self) {
      (text, used) = (utf8, body.contains { $0 >= 0x80 } || encoding == .utf8 ? "utf-8" : encoding.rawValue)
    } else if encoding == .utf8 {
      let bad = firstInvalidUTF8(body) ?? body.startIndex
      throw StatementError(
        file: file, line: line(of: bad, in: bytes),
        "encodage cassé : octets qui ne sont pas de l'UTF-8 ; exportez de nouveau le relevé sans le modifier")
    } else {
      var scalars = String.UnicodeScalarView()
      scalars.reserveCapacity(body.count)
      for i in body.indices {
        guard let s = singleByte(body[i], encoding) else {
          throw StatementError(
            file: file, line: line(of: i, in: bytes),
            "encodage cassé : l'octet 0x\(String(body[i], radix: 16, uppercase: true)) n'existe pas en \(encoding.rawValue)")
        }
        scalars.append(s)
      }
      (text, used) = (String(scalars), encoding.rawValue)
    }
    // A control character (an escape sequence, a form feed…) has no place in a bank's export.
    var lineNumber = 1
    for s in text.unicodeScalars {
      if s == "\n" {
        lineNumber += 1
      } else if (s.value < 0x20 && s != "\t" && s != "\r") || s.value == 0x7F || (0x80..<0xA0).contains(s.value) {
        throw StatementError(
          file: file, line: lineNumber, "caractère de contrôle U+\(String(s.value, radix: 16, uppercase: true)) : fichier refusé")
      }
    }
    return (text, used)
  }

  /// The line (1 for the first) of the byte at `index`.
  static func line(of index: Int, in bytes: [UInt8]) -> Int {
    1 + bytes[..<index].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
  }

  /// The index of the first byte that makes `bytes` invalid UTF-8 (RFC 3629: no overlong
  /// form, no surrogate, nothing above U+10FFFF).
  static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int? {
    var i = bytes.startIndex
    while i < bytes.endIndex {
      let b = bytes[i]
      if b < 0x80 {
        i += 1
        continue
      }
      let count: Int
      var second: ClosedRange<UInt8> = 0x80...0xBF
      switch b {
      case 0xC2...0xDF: count = 1
      case 0xE0: (count, second) = (2, 0xA0...0xBF)
      case 0xED: (count, second) = (2, 0x80...0x9F)
      case 0xE1...0xEF: count = 2
      case 0xF0: (count, second) = (3, 0x90...0xBF)
      case 0xF4: (count, second) = (3, 0x80...0x8F)
      case 0xF1...0xF3: count = 3
      default: return i
      }
      guard i + count < bytes.endIndex, second.contains(bytes[i + 1]) else { return i }
      for k in 2..<(count + 1) where !(0x80...0xBF).contains(bytes[i + k]) { return i }
      i += count + 1
    }
    return nil
  }

  /// A byte of a single-byte encoding as a Unicode scalar, nil when the encoding leaves it undefined.
  static func singleByte(_ b: UInt8, _ encoding: StatementLayout.Encoding) -> Unicode.Scalar? {
    switch encoding {
    case .utf8:
      return Unicode.Scalar(b)
    case .latin9:
      let changed: [UInt8: UInt32] = [
        0xA4: 0x20AC, 0xA6: 0x0160, 0xA8: 0x0161, 0xB4: 0x017D, 0xB8: 0x017E, 0xBC: 0x0152, 0xBD: 0x0153, 0xBE: 0x0178,
      ]
      return Unicode.Scalar(changed[b] ?? UInt32(b))
    case .windows1252, .latin1:
      // Exports labelled ISO-8859-1 write « € » as 0x80: read as Windows-1252, as browsers do.
      guard (0x80..<0xA0).contains(b) else { return Unicode.Scalar(b) }
      let v = cp1252High[Int(b - 0x80)]
      return v == 0 ? nil : Unicode.Scalar(v)
    }
  }

  /// Windows-1252's bytes 0x80 to 0x9F (0 where the code page defines nothing).
  static let cp1252High: [UInt32] = [
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
  ]
}
