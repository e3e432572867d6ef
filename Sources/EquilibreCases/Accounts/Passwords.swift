import Foundation
import HummingbirdBcrypt

/// Passwords of shared mode: bcrypt hashes (hummingbird-auth), never the password itself.
public enum Passwords {
  /// bcrypt's cost: 2^12 rounds (about a quarter of a second here), a setting of the server.
  public static let defaultCost: UInt8 = 12
  /// The shortest password accepted (a setting of the structure; 12 by default).
  public static let defaultMinimumLength = 12

  public static func hash(_ password: String, cost: UInt8 = defaultCost) -> String {
    Bcrypt.hash(password, cost: cost)
  }

  public static func verify(_ password: String, hash: String) -> Bool {
    Bcrypt.verify(password, hash: hash)
  }

  /// A hash of nothing anyone types, verified for an unknown login so that the answer takes
  /// the same time as for a known one.
  public static let decoy = Bcrypt.hash("équilibre : compte inexistant", cost: defaultCost)

  /// A short fingerprint of a password hash, kept in a session: when the password changes (by
  /// its owner or an administrator), every session opened with the old one stops matching.
  public static func fingerprint(_ hash: String) -> String {
    String(CaseArchive.sha(Array(hash.utf8)).prefix(24))
  }

  /// The 30 000 most common passwords (zxcvbn's list; source in the file's header), and words
  /// French users often build on, which that list lacks.
  public static let common: Set<String> = {
    var set = Set<String>()
    for line in String(decoding: PackageResources.mots_de_passe_courants_txt, as: UTF8.self).split(separator: "\n")
    where !line.hasPrefix("#") {
      set.insert(String(line))
    }
    for w in frenchWords { set.insert(w) }
    return set
  }()

  /// Added by this project: French words and the product's own name.
  static let frenchWords = [
    "azerty", "azertyuiop", "motdepasse", "motdepass", "mdp", "bonjour", "bonsoir", "soleil", "doudou", "loulou", "chouchou", "bisous",
    "coucou", "jetaime", "mamour", "cheri", "cherie", "amour", "chocolat", "princesse", "marseille", "paris", "france", "liberte",
    "nicolas", "julien", "camille", "celine", "nathalie", "isabelle", "sandrine", "stephanie", "sebastien", "frederic", "catherine",
    "equilibre", "conseiller", "conseillere", "dossier", "logement", "actionlogement", "association", "accueil", "secretariat",
  ]

  /// Why `password` is refused, in French (nil when accepted): too short or too long, only
  /// spaces, digits or symbols, a common password (even with digits, symbols or capitals around
  /// it, or letters written as digits), or built on the login, the person's name or the
  /// product's name.
  public static func weakness(_ password: String, login: String, name: String = "", minimumLength: Int = defaultMinimumLength) -> String? {
    if password.count < minimumLength { return "mot de passe trop court : \(minimumLength) caractères au moins" }
    if password.count > 72 || password.utf8.count > 72 { return "mot de passe trop long : 72 octets au plus (limite de bcrypt)" }
    if password.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
      return "le mot de passe contient un caractère de contrôle"
    }
    if password.allSatisfy(\.isWhitespace) { return "le mot de passe ne peut pas être fait que d'espaces" }
    if Set(password).count < 5 { return "mot de passe trop répétitif : 5 caractères différents au moins" }
    let plain = fold(password)
    // What is left once digits, spaces and symbols around it are taken away.
    let core = String(plain.drop { !$0.isLetter }.reversed().drop { !$0.isLetter }.reversed())
    if core.isEmpty { return "le mot de passe ne peut pas être fait que de chiffres ou de symboles : ajoutez des mots" }
    if unleet(plain).contains("equilibre") { return "le mot de passe ne doit pas contenir le nom du logiciel" }
    let lettersOnly = String(plain.filter(\.isLetter))
    for candidate in [plain, core, lettersOnly, unleet(plain), unleet(core)] where common.contains(candidate) {
      return "mot de passe trop courant (il figure parmi les mots de passe les plus utilisés, même avec des chiffres autour)"
    }
    if isSequence(lettersOnly) || isSequence(String(plain.filter(\.isNumber))) && lettersOnly.count < 4 {
      return "mot de passe trop prévisible (suite de touches ou de lettres)"
    }
    let l = fold(login)
    if l.count >= 3, plain.contains(l) || unleet(plain).contains(l) { return "le mot de passe ne doit pas contenir l'identifiant" }
    for part in fold(name).split(whereSeparator: { !$0.isLetter }) where part.count >= 3 {
      if plain.contains(part) || unleet(plain).contains(part) { return "le mot de passe ne doit pas contenir votre nom ou votre prénom" }
    }
    return nil
  }

  /// Lower case, accents removed.
  static func fold(_ s: String) -> String {
    s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "fr_FR")).lowercased()
  }

  /// Digits and symbols read as the letters they stand for (`p4ssw0rd` → `password`).
  static func unleet(_ s: String) -> String {
    let map: [Character: Character] = [
      "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "@": "a", "$": "s", "!": "i", "€": "e",
    ]
    return String(s.map { map[$0] ?? $0 })
  }

  /// A run along the alphabet, the digits or a keyboard row (`abcdefgh`, `qwertyui`, `azertyui`).
  static func isSequence(_ s: String) -> Bool {
    guard s.count >= 6 else { return false }
    for row in ["abcdefghijklmnopqrstuvwxyz", "0123456789", "azertyuiop", "qwertyuiop", "qsdfghjklm", "asdfghjkl", "wxcvbn", "zxcvbnm"] {
      if row.contains(s) || String(row.reversed()).contains(s) { return true }
    }
    return false
  }
}
