/// A case's audit (`journal.mustache`), for a responsable: every read and change, in order.
struct AuditPage: Codable {
  struct Line: Codable {
    var number, when, who, action, detail, version: String
    /// A new situation's changes, one per line (the detail's « changements : a ; b »).
    var changes: [String] = []
    var hasChanges = false
    enum CodingKeys: String, CodingKey {
      case number = "numero", when = "quand", who = "qui", action, detail, version, changes = "changements", hasChanges = "a_changements"
    }
  }
  var ref: String
  var count: String
  var lines: [Line]
  enum CodingKeys: String, CodingKey { case ref, count = "nombre", lines = "lignes" }
}
