import EquilibreCore

/// The bounds every value that enters the store is held to, whether typed in a form, given on
/// the command line or read from an imported archive. A value outside them is refused with a
/// French message naming the field; nothing downstream has to guard against it again.
public enum Limits {
  /// Free texts written about the household: a contact's synthesis, a private note, a
  /// situation's note, a closing note (20 000 characters, about eight pages).
  public static let longText = 20_000
  /// A wording: an objective, an action, a reason (2 000 characters).
  public static let wording = 2_000
  /// A name: the counsellor, a prescriber, a structure (200 characters).
  public static let name = 200
  /// A case's label in lists, taken from the scenario's description (300 characters).
  public static let label = 300
  /// An amount kept in the store, in cents: ±10^12 € (the scenario itself stops at 10^9 €;
  /// figures derived from it, such as a total of debts, stay far below this).
  public static let maximumCents = 100_000_000_000_000
  /// Entries of one kind in one case (situations, contacts, objectives, documents…).
  public static let entriesPerKind = 5_000
  /// A scenario's text (1 MB), the largest a situation version holds.
  public static let scenarioBytes = 1_000_000
  /// How far ahead an appointment or a due date may be set (5 years).
  public static let yearsAhead = 5

  /// Refuses an empty text or one longer than `max`, naming the field.
  public static func requireText(_ t: String, _ field: String, max: Int) throws(StoreError) {
    guard !t.trimmingSpaces.isEmpty else { throw .invalid("\(field) : texte obligatoire") }
    try optionalText(t, field, max: max)
  }

  /// Refuses a text longer than `max`, or one holding a control character other than a line end
  /// or a tab.
  public static func optionalText(_ t: String?, _ field: String, max: Int) throws(StoreError) {
    guard let t else { return }
    guard t.count <= max else { throw .invalid("\(field) : \(max) caractères au plus (\(t.count) reçus)") }
    if t.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" && $0 != "\r" && $0 != "\t" || $0.value == 0x7F }) {
      throw .invalid("\(field) : caractère de contrôle refusé")
    }
  }

  /// Refuses an amount in cents beyond ±``maximumCents``.
  public static func requireCents(_ cents: Int?, _ field: String) throws(StoreError) {
    guard let cents else { return }
    guard cents.magnitude <= UInt(maximumCents) else {
      throw .invalid("\(field) : montant hors de portée (au plus \(Money(cents: maximumCents).french) en valeur absolue)")
    }
  }

  /// Refuses a date outside the years the engines accept.
  public static func requireDate(_ d: CivilDate, _ field: String) throws(StoreError) {
    guard CivilDate.inputYears.contains(d.year) else {
      throw .invalid("\(field) : date hors de la plage acceptée (\(CivilDate.inputYears.lowerBound)–\(CivilDate.inputYears.upperBound))")
    }
  }

  /// An identifier within a case: `prefix` then 1 to 6 digits, no leading zero (`C12`, `D3`).
  public static func isIdentifier(_ id: String, prefix: String) -> Bool {
    guard id.hasPrefix(prefix) else { return false }
    let digits = id.dropFirst(prefix.count)
    return (1...6).contains(digits.count) && digits.allSatisfy({ $0.isASCII && $0.isNumber }) && digits.first != "0"
  }
}
