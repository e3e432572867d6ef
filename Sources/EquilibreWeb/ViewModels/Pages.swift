import EquilibreDocuments
import Foundation
import Mustache

/// The workspace's pages: Mustache templates compiled into the binary, rendered with the same
/// escaping and text neutralisation as the documents. A page is its body inside `page.mustache`.
final class Pages: Sendable {
  static let shared = Pages()

  let library: MustacheLibrary

  init() {
    var templates: [String: MustacheTemplate] = [:]
    for (name, bytes) in [
      ("page", PackageResources.page_mustache), ("dossiers", PackageResources.dossiers_mustache),
      ("dossier", PackageResources.dossier_mustache), ("erreur", PackageResources.erreur_mustache),
      ("formulaire", PackageResources.formulaire_mustache), ("import", PackageResources.import_mustache),
      ("atelier", PackageResources.atelier_mustache),
    ] {
      // The shipped templates are tested; a broken one is a build defect.
      templates[name] = try! MustacheTemplate(string: String(decoding: bytes, as: UTF8.self))
    }
    library = MustacheLibrary(templates: templates)
  }

  /// A body template with its data (every text neutralised, empty texts open no section).
  func render(_ name: String, _ data: [String: Any]) -> String {
    library.render(DocumentData.neutralizedForPages(data), withTemplate: name) ?? ""
  }

  /// A whole page: title, navigation, the body, the CSRF token for the script.
  func page(title: String, body: String, csrf: String = "", wide: Bool = false) -> String {
    library.render(
      DocumentData.neutralizedForPages(["titre": title, "csrf": csrf, "large": wide]).merging(["corps": body]) { $1 },
      withTemplate: "page") ?? body
  }
}
