/// Finds English left in a message meant for a French user: the words that give away an
/// untranslated message from libyaml, swift-argument-parser, Foundation or the Swift runtime.
/// Used by the tests and the mutation fuzz (`equilibre _fuzz`).
public enum FrenchCheck {
  public static let englishWords: Set<String> = [
    "the", "expected", "found", "error", "while", "not", "value", "unexpected", "missing", "could", "did", "cannot",
    "key", "node", "mapping", "scalar", "allowed", "characters", "invalid", "parsing", "scanning", "character",
    "stream", "token", "optional", "nil", "range", "unknown", "mean", "provide", "default", "values", "please",
    "does", "take", "any", "was", "specified", "subcommand", "show", "overview", "see", "more", "duplicate",
    "duplicated", "of", "is", "for", "with", "fatal", "crashed", "swift", "foundation", "decoding", "domain",
  ]

  /// The English words of `text` (whole words, any case).
  public static func englishWords(in text: String) -> [String] {
    text.lowercased().split { !$0.isLetter }.map(String.init).filter { englishWords.contains($0) }
  }
}

/// A small deterministic random generator (SplitMix64): the same seed gives the same sequence,
/// so a fuzz run or a generated batch can be replayed.
public struct SplitMix: RandomNumberGenerator, Sendable {
  public var state: UInt64

  public init(seed: UInt64) { state = seed }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
