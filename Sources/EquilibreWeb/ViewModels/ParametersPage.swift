import EquilibreCore

/// « Paramètres légaux » : every parameter in force on a date, by theme, with its value, its date
/// of effect, its reference and its source; local values beside the built-in ones; warnings
/// (provisional, to check). The same ``ParameterListing`` as `equilibre parametres`.
struct ParametersPage: Codable {
  struct Theme: Codable {
    var id, title: String
    var rows: [Row]
    enum CodingKeys: String, CodingKey { case id, title = "titre", rows = "lignes" }
  }
  struct Row: Codable {
    var key, description, value, since: String
    var reference, source, link, embedded: String?
    var isLocal: Bool
    var warnings: [String]
    var hasWarnings: Bool
    enum CodingKeys: String, CodingKey {
      case key = "cle", description, value = "valeur", since = "depuis", reference, source, link = "lien",
        embedded = "valeur_integree", isLocal = "locale", warnings = "avertissements", hasWarnings = "a_avertissements"
    }
  }
  var date: String
  var dateFrench: String
  var error: String?
  var themes: [Theme]
  var contents: [Theme]
  var localFiles: [String]
  var hasLocalFiles: Bool
  enum CodingKeys: String, CodingKey {
    case date, dateFrench = "date_francaise", error = "erreur", themes = "themes", contents = "sommaire", localFiles = "fichiers_locaux",
      hasLocalFiles = "a_fichiers_locaux"
  }

  init(date typed: String, listing: ParameterListing?, error: String?, localFiles: [String]) {
    date = typed
    dateFrench = listing?.date.french ?? ""
    self.error = error
    self.localFiles = localFiles
    hasLocalFiles = !localFiles.isEmpty
    themes = (listing?.themes ?? []).map { t in
      Theme(
        id: "theme-" + t.prefix.replacingOccurrences(of: "_", with: "-"), title: t.title,
        rows: t.entries.map { e in
          guard let u = e.use else {
            let message = e.error ?? "aucune valeur connue"
            return Row(
              key: e.key, description: "", value: "aucune valeur", since: "", isLocal: false, warnings: [message], hasWarnings: true)
          }
          // A source that is an address becomes a link; the rest of it (« valeur relevée par … ») stays text.
          let link = u.source.flatMap { s in
            s.split(separator: " ").first.map(String.init).flatMap { $0.hasPrefix("https://") || $0.hasPrefix("http://") ? $0 : nil }
          }
          return Row(
            key: e.key, description: u.description, value: "\(u.value.french) (\(u.unit))",
            since: u.isUndated ? "sans date d'effet (convention)" : u.from.french, reference: u.reference, source: u.source, link: link,
            embedded: e.embedded.map { "\($0.value.french), depuis le \($0.from.french)" }, isLocal: u.isLocal, warnings: u.warnings,
            hasWarnings: !u.warnings.isEmpty)
        })
    }
    contents = themes.map { Theme(id: $0.id, title: $0.title, rows: []) }
  }
}
