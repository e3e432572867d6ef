/// One problem in an input file, located for the user: `fichier:ligne:colonne : champ : message`.
public struct Diagnostic: Error, Sendable, Equatable, CustomStringConvertible {
  public let file: String
  public let line: Int
  public let column: Int
  /// Field path in the file, e.g. `ressources[2].montant`.
  public let path: String
  public let message: String

  public init(file: String, line: Int, column: Int, path: String, message: String) {
    self.file = file
    self.line = line
    self.column = column
    self.path = path
    self.message = message
  }

  public var description: String {
    let at = path.isEmpty ? "" : "\(path) : "
    return "\(file):\(line):\(column) : \(at)\(message)"
  }
}

/// Every problem found in one file, in file order.
public struct Diagnostics: Error, Sendable, CustomStringConvertible {
  public let items: [Diagnostic]

  public init(_ items: [Diagnostic]) {
    self.items = items.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
  }

  public var description: String { items.map(\.description).joined(separator: "\n") }
}

/// The closest candidate to `word` by edit distance, when close enough to be a likely typo.
///
/// The work is bounded: a word much longer than every candidate cannot be a typo of one, so it
/// gets no suggestion (a 3 MB value is answered at once).
public func closest(to word: String, in candidates: [String]) -> String? {
  let longest = candidates.map(\.count).max() ?? 0
  guard word.utf8.count <= 4 * (longest + 2) else { return nil }
  let w = Array(word.lowercased())
  guard w.count <= 2 * longest + 3 else { return nil }
  var best: (String, Int)?
  for c in candidates.prefix(500) {
    let d = editDistance(w, Array(c.lowercased()))
    if d < (best?.1 ?? Int.max) { best = (c, d) }
  }
  guard let (candidate, distance) = best else { return nil }
  return distance <= max(2, candidate.count / 3) ? candidate : nil
}

func editDistance(_ a: [Character], _ b: [Character]) -> Int {
  if a.isEmpty { return b.count }
  if b.isEmpty { return a.count }
  var previous = Array(0...b.count)
  var current = [Int](repeating: 0, count: b.count + 1)
  for i in 1...a.count {
    current[0] = i
    for j in 1...b.count {
      current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
    }
    swap(&previous, &current)
  }
  return previous[b.count]
}

/// Lowercase, accents removed, spaces and underscores as hyphens: `Intérim` → `interim`,
/// `charges locatives` → `charges-locatives`.
func normalizedChoice(_ text: String) -> String {
  let folded = text.trimmingSpaces.lowercased().map { ch -> String in
    switch ch {
    case "é", "è", "ê", "ë": "e"
    case "à", "â", "ä": "a"
    case "î", "ï": "i"
    case "ô", "ö": "o"
    case "ù", "û", "ü": "u"
    case "ç": "c"
    case " ", "_", "’", "'": "-"
    default: String(ch)
    }
  }
  return folded.joined()
}
