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

  /// Why `password` is refused, in French (nil when accepted).
  public static func weakness(_ password: String, login: String, minimumLength: Int = defaultMinimumLength) -> String? {
    if password.count < minimumLength { return "mot de passe trop court : \(minimumLength) caractères au moins" }
    if password.count > 72 || password.utf8.count > 72 { return "mot de passe trop long : 72 octets au plus (limite de bcrypt)" }
    if password.lowercased().contains(login.lowercased()) { return "le mot de passe ne doit pas contenir l'identifiant" }
    if Set(password).count < 5 { return "mot de passe trop répétitif" }
    if password.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
      return "le mot de passe contient un caractère de contrôle"
    }
    return nil
  }
}
