import Foundation

/// A statement label as words: folded (capitals, no accents, no punctuation), and its
/// counterparty cleaned of the bank's wording, references, dates and card numbers.
enum Label {
  /// Capitals without accents; anything but letters and digits becomes a space.
  static func fold(_ s: String) -> String {
    let t = s.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).uppercased()
    var out = ""
    out.reserveCapacity(t.utf8.count)
    var space = true
    for c in t.unicodeScalars {
      if (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") {
        out.unicodeScalars.append(c)
        space = false
      } else if !space {
        out.append(" ")
        space = true
      }
    }
    if out.hasSuffix(" ") { out.removeLast() }
    return out
  }

  /// The bank's own words, months and filler, never part of a counterparty.
  static let noise: Set<String> = [
    "PRLV", "SEPA", "PRELEVEMENT", "PRELEVEMENTS", "PRELEV", "VIR", "VIREMENT", "VIRT", "RECU", "EMIS", "EN", "VOTRE", "FAVEUR",
    "DE", "DU", "DES", "LA", "LE", "LES", "L", "D", "A", "AU", "CARTE", "CB", "PAIEMENT", "PAIEMENTS", "PAR", "FACTURE", "FACT",
    "ECH", "REF", "MOTIF", "ID", "RUM", "ICS", "NO", "N", "INST", "INSTANTANE", "SCT", "SDD", "DEBIT", "CREDIT", "AVIS", "MANDAT",
    "MME", "M", "MR", "MLLE", "ET", "POUR", "SAS", "SA", "SARL", "EURL", "FR", "CLIENTS", "PARTICULIERS", "COMPTE", "RE", "X",
    "JANVIER", "FEVRIER", "MARS", "AVRIL", "MAI", "JUIN", "JUILLET", "AOUT", "SEPTEMBRE", "OCTOBRE", "NOVEMBRE", "DECEMBRE",
    "JAN", "FEV", "AVR", "JUI", "JUIL", "SEPT", "OCT", "NOV", "DEC", "MOIS", "ECHEANCE", "PRESTATIONS", "PRESTATION",
  ]

  /// The counterparty: the first meaningful words, without references (anything with a digit).
  static func counterparty(_ label: String) -> String {
    let words = fold(label).split(separator: " ")
    let kept = words.filter { w in !noise.contains(String(w)) && !w.contains(where: \.isNumber) }
    let chosen = kept.isEmpty ? words.filter { !$0.contains(where: \.isNumber) } : kept
    return chosen.prefix(4).joined(separator: " ")
  }

  /// Whether the folded label holds `phrase` (folded) as whole words.
  static func holds(_ folded: String, _ phrase: String) -> Bool {
    guard !phrase.isEmpty, let r = folded.range(of: phrase) else { return false }
    var range = r
    while true {
      let before = range.lowerBound == folded.startIndex || folded[folded.index(before: range.lowerBound)] == " "
      let after = range.upperBound == folded.endIndex || folded[range.upperBound] == " "
      if before && after { return true }
      guard let next = folded.range(of: phrase, range: range.upperBound..<folded.endIndex) else { return false }
      range = next
    }
  }

  /// The longest phrase of `lists` the label holds, with its key.
  static func longestMatch<K>(_ folded: String, _ lists: [(K, [String])]) -> (K, String)? {
    var best: (K, String)?
    for (key, phrases) in lists {
      for p in phrases where p.count > (best?.1.count ?? 0) && holds(folded, p) { best = (key, p) }
    }
    return best
  }
}
