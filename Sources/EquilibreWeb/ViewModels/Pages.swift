import EquilibreCases
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
      ("atelier", PackageResources.atelier_mustache), ("connexion", PackageResources.connexion_mustache),
      ("comptes", PackageResources.comptes_mustache), ("chiffres", PackageResources.chiffres_mustache),
      ("explications", PackageResources.explications_mustache), ("journal", PackageResources.journal_mustache),
      ("rapport", PackageResources.rapport_mustache), ("agenda", PackageResources.agenda_mustache),
      ("parametres", PackageResources.parametres_mustache),
      ("options", PackageResources.options_mustache),
      ("releves", PackageResources.releves_mustache), ("releves-revue", PackageResources.releves_revue_mustache),
    ] {
      // The shipped templates are tested; a broken one is a build defect. Every page escapes
      // with the fast escaper (same entities as swift-mustache's HTML type).
      _ = FastHTMLContentType.registered
      templates[name] = try! MustacheTemplate(
        string: "{{% CONTENT_TYPE: \(FastHTMLContentType.name)}}" + String(decoding: bytes, as: UTF8.self))
    }
    library = MustacheLibrary(templates: templates)
  }

  /// A body template with its data (every text neutralised, empty texts open no section).
  func render(_ name: String, _ data: [String: Any]) -> String {
    render(name, TemplateData(values: data))
  }

  /// A body template with data already prepared (neutralised once, when it was built).
  func render(_ name: String, _ data: TemplateData) -> String {
    library.render(data.values, withTemplate: name) ?? ""
  }

  /// A whole page: title, navigation for who is asking, the body, the CSRF token for the script.
  func page(title: String, body: String, context: WebContext?, wide: Bool = false) -> String {
    let viewer = context?.viewer ?? .local(name: "")
    var data: [String: Any] = [
      "titre": title, "csrf": context?.csrfToken ?? "", "large": wide, "partage": context?.sharedMode.value ?? false,
      "dossiers": AccessPolicy.mayWorkOnCases(viewer), "admin": AccessPolicy.mayManageAccounts(viewer),
      "rapport": AccessPolicy.mayReport(viewer) && AccessPolicy.mayWorkOnCases(viewer),
    ]
    if let a = viewer.account {
      data["compte"] = ["identifiant": a.login, "nom": a.name, "role": a.role.french]
    }
    return library.render(DocumentData.neutralizedForPages(data).merging(["corps": body]) { $1 }, withTemplate: "page") ?? body
  }
}
