/// Every parameter as in force on a date, grouped by theme: what `equilibre parametres` prints
/// and the workspace's « Paramètres légaux » page shows, from the same list.
public struct ParameterListing: Sendable {
  /// One parameter on the date.
  public struct Entry: Sendable {
    public let key: String
    /// The value in force, or the last known one marked provisional; nil when none is known.
    public let use: ParameterUse?
    /// The value built into the tool, beside a local one that replaces it.
    public let embedded: ParameterUse?
    /// Why there is no value (a declared gap with no earlier value), in French.
    public let error: String?
  }

  /// The parameters of one theme (the first part of their keys).
  public struct Theme: Sendable {
    public let prefix: String
    public let title: String
    public let entries: [Entry]
  }

  public let date: CivilDate
  public let entries: [Entry]

  public init(_ set: ParameterSet, on date: CivilDate) {
    self.date = date
    entries = set.keys.map { key in
      do {
        let u = try set.provisional(key, on: date)
        let embedded = u.isLocal ? try? ParameterSet.embedded.provisional(key, on: date) : nil
        return Entry(key: key, use: u, embedded: embedded, error: nil)
      } catch {
        return Entry(key: key, use: nil, embedded: nil, error: (error as? ParameterError)?.description ?? String(describing: error))
      }
    }
  }

  /// The entries by theme, in the order of ``themeTitles`` then any other prefix.
  public var themes: [Theme] {
    var byPrefix: [String: [Entry]] = [:]
    for e in entries { byPrefix[String(e.key.prefix { $0 != "." }), default: []].append(e) }
    let known = Self.themeTitles.map(\.prefix)
    let order = known.filter { byPrefix[$0] != nil } + byPrefix.keys.filter { !known.contains($0) }.sorted()
    return order.map { p in Theme(prefix: p, title: Self.themeTitles.first { $0.prefix == p }?.title ?? p, entries: byPrefix[p]!) }
  }

  /// The French title of each theme.
  public static let themeTitles: [(prefix: String, title: String)] = [
    ("smic", "SMIC"), ("rsa", "Revenu de solidarité active"), ("prime_activite", "Prime d'activité"),
    ("prestations_familiales", "Prestations familiales"), ("aide_logement", "Aides personnelles au logement"),
    ("rls", "Réduction de loyer de solidarité"), ("logement_social", "Logement social : plafonds de ressources"),
    ("visale", "Visale"), ("locapass", "Loca-Pass"), ("mobili_jeune", "Mobili-Jeune"),
    ("asd", "Aide Action Logement aux salariés en difficulté"), ("saisie", "Saisie des rémunérations"),
    ("reste_a_vivre", "Reste à vivre"), ("uc", "Unités de consommation"), ("plan", "Plan de surendettement"),
    ("usure", "Taux d'usure"), ("interet_legal", "Taux de l'intérêt légal"), ("impot_revenu", "Impôt sur le revenu"),
    ("crds", "CRDS"), ("reglage", "Réglages"),
  ]
}
