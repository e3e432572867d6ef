/// A statement label as words: folded (capitals, no accents, no punctuation), and its
/// counterparty cleaned of the bank's wording, references, dates and card numbers.
enum Label {
  /// Capitals without accents; anything but letters and digits becomes a space (one between
  /// words). Read scalar by scalar: the hot path of every line.
  static func fold(_ s: String) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(s.utf8.count)
    var space = true
    func put(_ b: UInt8) {
      out.append(b)
      space = false
    }
    for c in s.unicodeScalars {
      let v = c.value
      if v >= 0x61 && v <= 0x7A {
        put(UInt8(v - 32))
      } else if (v >= 0x41 && v <= 0x5A) || (v >= 0x30 && v <= 0x39) {
        put(UInt8(v))
      } else if let base = latinBase[v] {
        for b in base.utf8 { put(b) }
      } else if !space {
        out.append(0x20)
        space = true
      }
    }
    if out.last == 0x20 { out.removeLast() }
    return String(decoding: out, as: UTF8.self)
  }

  /// Accented Latin letters and ligatures, as their capital base letters.
  static let latinBase: [UInt32: String] = {
    var t: [UInt32: String] = [:]
    let groups: [(String, String)] = [
      ("ÀÁÂÃÄÅàáâãäå", "A"), ("ÇçĆćČč", "C"), ("ÈÉÊËèéêëĘęĚě", "E"), ("ÌÍÎÏìíîï", "I"), ("Ññ", "N"), ("ÒÓÔÕÖØòóôõöø", "O"),
      ("ÙÚÛÜùúûü", "U"), ("Ýýÿ", "Y"), ("Šš", "S"), ("Žž", "Z"), ("Œœ", "OE"), ("Ææ", "AE"), ("ß", "SS"),
    ]
    for (letters, base) in groups { for u in letters.unicodeScalars { t[u.value] = base } }
    return t
  }()

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

  /// Whether the folded label holds `phrase` (folded) as whole words, compared byte by byte.
  static func holds(_ folded: String, _ phrase: String) -> Bool {
    var f = folded
    var p = phrase
    return f.withUTF8 { fb in p.withUTF8 { pb in holds(fb, pb) } }
  }

  static func holds(_ f: UnsafeBufferPointer<UInt8>, _ p: UnsafeBufferPointer<UInt8>) -> Bool {
    guard !p.isEmpty, p.count <= f.count else { return false }
    let first = p[0]
    var i = 0
    while i <= f.count - p.count {
      if f[i] == first && (i == 0 || f[i - 1] == 0x20) && (i + p.count == f.count || f[i + p.count] == 0x20) {
        var k = 1
        while k < p.count && f[i + k] == p[k] { k += 1 }
        if k == p.count { return true }
      }
      i += 1
    }
    return false
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
