/// The list of cases (`dossiers.mustache`): search, status filter, one page of cases with their alerts.
struct CaseListPage: Codable {
  struct Line: Codable {
    var ref, label, counsellor, status: String
    var alerts: [String]
    enum CodingKeys: String, CodingKey { case ref, label = "libelle", counsellor = "conseiller", status = "statut", alerts = "alertes" }
  }
  var search, counsellor, total: String
  /// The first and last references of the page, when there are several pages.
  var range: String
  var statuses, measures: [TemplateOption]
  var onlyAlerts: Bool
  var hasCases: Bool
  var cases: [Line]
  var first, previous, next: String
  enum CodingKeys: String, CodingKey {
    case search = "recherche", counsellor = "conseiller", total, range = "plage", statuses = "statuts", measures = "mesures",
      onlyAlerts = "avec_alerte", hasCases = "a_dossiers", cases = "dossiers",
      first = "debut", previous = "precedente", next = "suivante"
  }
}

/// The accounts of shared mode (`comptes.mustache`), for an administrator.
struct AccountsPage: Codable {
  struct Line: Codable {
    var login, name, role, structure, state: String
    var active: Bool
    var roles: [TemplateOption]
    enum CodingKeys: String, CodingKey {
      case login = "identifiant", name = "nom", role, structure, state = "etat", active = "actif", roles
    }
  }
  var isAdmin = true
  var minimumLength: String
  var accounts: [Line]
  var newRoles: [TemplateOption]
  var message: String
  var newLogin, newName, newStructure: String
  enum CodingKeys: String, CodingKey {
    case isAdmin = "admin", minimumLength = "longueur", accounts = "comptes", newRoles = "roles_nouveau", message, newLogin =
      "n_identifiant",
      newName = "n_nom", newStructure = "n_structure"
  }
}
