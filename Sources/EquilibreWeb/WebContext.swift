import EquilibreCases
import Foundation
import Hummingbird
import HummingbirdAuth
import NIOCore

/// The request context of the workspace: the CSRF token of the browser (``CSRFMiddleware``),
/// the session and who is asking (``ViewerMiddleware``).
public struct WebContext: RequestContext, SessionRequestContext, RemoteAddressRequestContext {
  public var coreContext: CoreRequestContextStorage
  /// The token every form of the page carries back.
  public var csrfToken: String {
    get { csrf.value }
    nonmutating set { csrf.value = newValue }
  }
  /// Shared by every copy of this request's context: an error page, rendered outside the
  /// middleware that chose the token, still carries it.
  let csrf = SharedBox("")
  /// The local user, or the signed-in account in shared mode.
  public var viewer: Viewer = .local(name: "")
  /// Shared mode: who follows the case the address names, as ``CaseAccessMiddleware`` read it
  /// to let the request through (the case page shows it without reading it again).
  public var caseAccess: CaseAccess?
  /// Shared mode (set by ``ErrorPagesMiddleware``, the first to see the request; seen by every copy): the
  /// pages never say the data stay on this computer.
  let sharedMode = SharedBox(false)
  /// Shared mode's sign-in (hummingbird-auth sessions).
  public let sessions = SessionContext<WebSession>()

  /// The peer's address (rate-limiting of sign-ins).
  public let remoteAddress: SocketAddress?

  public init(source: ApplicationRequestContextSource) {
    coreContext = .init(source: source)
    remoteAddress = source.channel.remoteAddress
  }

  /// The name recorded in the audit for this request.
  var actor: String { viewer.actor }

  /// Who a new case belongs to: in shared mode the signed-in account and its structure
  /// (so that access follows), locally the configured counsellor and the structure given.
  func owner(localCounsellor: String, structure: String?) -> (counsellor: String, structure: String?) {
    if let a = viewer.account { return (a.login, a.structure) }
    return (localCounsellor, structure)
  }

}

extension WebContext {
  /// The case named by the route's `:ref`, or a French 404.
  func caseRef() throws -> CaseRef {
    guard let text = parameters.get("ref"), let ref = CaseRef(text) else {
      throw WebError(status: .notFound, message: "Référence de dossier invalide.")
    }
    return ref
  }
}

/// An HTML page.
struct HTML: ResponseGenerator {
  var status: HTTPResponse.Status = .ok
  let body: String

  /// A whole page: `template` rendered with `data` and the form token, inside `page.mustache`.
  static func page(
    _ title: String, _ template: String, _ data: [String: Any], context: WebContext, status: HTTPResponse.Status = .ok, wide: Bool = false
  ) -> HTML {
    page(title, template, TemplateData(values: data), context: context, status: status, wide: wide)
  }

  /// A whole page from data already prepared for the templates.
  static func page(
    _ title: String, _ template: String, _ data: TemplateData, context: WebContext, status: HTTPResponse.Status = .ok, wide: Bool = false
  ) -> HTML {
    var d = data
    d["csrf"] = context.csrfToken
    return HTML(status: status, body: Pages.shared.page(title: title, body: Pages.shared.render(template, d), context: context, wide: wide))
  }

  func response(from request: Request, context: some RequestContext) throws -> Response {
    Response(
      status: status, headers: [.contentType: "text/html; charset=utf-8"],
      body: .init(byteBuffer: ByteBuffer(string: body)))
  }
}

/// A form's fields in order (a field may repeat), from `application/x-www-form-urlencoded`.
struct Form: Sendable {
  let fields: [(name: String, value: String)]

  subscript(_ name: String) -> String? { fields.last { $0.name == name }?.value }

  static func read(_ request: Request, context: WebContext) async throws -> Form {
    let buffer = try await request.body.collect(upTo: request.bodyLimit)
    return Form(text: String(buffer: buffer))
  }

  init(text: String) {
    var out: [(String, String)] = []
    for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      // Browsers send every line break of a field as CR LF (HTML form submission): back to LF,
      // so a scenario typed or carried in a hidden field reads as the file it came from.
      func decode(_ s: Substring) -> String {
        (String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "")
          .replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
      }
      out.append((decode(parts[0]), parts.count > 1 ? decode(parts[1]) : ""))
    }
    fields = out
  }
}

/// A refusal shown as a French page with its status.
struct WebError: Error, HTTPResponseError {
  let status: HTTPResponse.Status
  let message: String

  /// The page's heading and what to do next, in French, by kind of refusal.
  var guidance: (title: String, next: String) {
    switch status.code {
    case 400: ("Demande illisible", "Rien n'a été fait. Rechargez la page, puis recommencez.")
    case 401: ("Connexion nécessaire", "Connectez-vous, puis recommencez.")
    case 403: ("Accès refusé", "Ce dossier ou cette action ne vous est pas ouvert. Demandez l'accès au responsable de votre structure.")
    case 404: ("Page introuvable", "Le lien est peut-être ancien, ou le dossier a été effacé.")
    case 405: ("Action impossible", "Revenez à la page précédente et utilisez ses boutons.")
    case 409:
      (
        "Modification concurrente",
        "Quelqu'un a modifié ce dossier entre-temps : rien n'a été écrasé. Rouvrez le dossier pour voir la version actuelle."
      )
    case 413: ("Envoi trop volumineux", "Réduisez le fichier ou le texte envoyé, puis recommencez.")
    case 422: ("Saisie refusée", "Rien n'a été enregistré. Revenez à la page précédente, corrigez ce qui est indiqué, puis renvoyez.")
    case 429: ("Trop de tentatives", "Patientez quelques instants avant de recommencer.")
    case 500...:
      ("Incident du serveur", "L'action n'a pas été faite. Réessayez ; si cela se reproduit, prévenez la personne qui gère l'espace.")
    default: ("Action refusée", "Rien n'a été fait.")
    }
  }

  func response(from request: Request, context: some RequestContext) throws -> Response {
    let (title, next) = guidance
    // Back to where the user came from when it is a page of this workspace, else the case list.
    let referer = request.headers[.referer].flatMap { URL(string: $0) }
    let back = referer.flatMap { u -> String? in
      guard u.host == nil || u.host == request.head.authority?.split(separator: ":").first.map(String.init) else { return nil }
      let path = u.path
      return path.hasPrefix("/") && !path.hasPrefix("//") && path != request.uri.path ? path : nil
    }
    let page = Pages.shared.page(
      title: title,
      body: Pages.shared.render(
        "erreur",
        ["titre": title, "message": message, "suite": next, "retour": back ?? "", "a_retour": back != nil]),
      context: context as? WebContext)
    return Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: page)))
  }
}

/// What a sign-in keeps in its session: the account's login, when it signed in, the session's
/// own CSRF token, and the fingerprint of the password it signed in with.
public struct WebSession: Codable, Sendable {
  public var login: String
  public var signedInAt: String
  /// The token every form of this session carries back (``CSRFMiddleware``): another
  /// browser's token is worthless here.
  public var csrf: String
  /// ``Passwords/fingerprint(_:)`` of the password hash at sign-in: a session whose password
  /// has changed since is ended (``ViewerMiddleware``).
  public var credential: String
}

extension WebContext {
  /// Journals a refusal (`acces-refuse`), whatever the role of who was refused.
  func recordRefusal(_ request: Request, ref: CaseRef?, store: StorePool) async throws {
    let actor = viewer.actor
    let detail = "\(request.method.rawValue) \(String(request.uri.path.prefix(200)))"
    try await store.run { try await $0.recordEvent("acces-refuse", ref: ref, detail: detail, by: actor) }
  }
}

/// A request's CSRF token, shared by the copies of its context.
/// A value every copy of one request's context shares (a context is a struct, copied by each middleware).
final class SharedBox<Value: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: Value
  init(_ value: Value) { stored = value }
  var value: Value {
    get { lock.withLock { stored } }
    set { lock.withLock { stored = newValue } }
  }
}

extension StorePool {
  /// One change from a case page's form: applied against the version the form was read at
  /// (`version`), then back to the case page (at `anchor`).
  func apply(_ change: CaseChange, form: Form, to ref: CaseRef, context: WebContext, anchor: String = "") async throws -> Response {
    let expected = form["version"].flatMap(Int.init)
    let actor = context.actor
    _ = try await run { try await $0.apply(change, to: ref, expectedVersion: expected, by: actor) }
    return Response(status: .seeOther, headers: [.location: "/dossiers/\(ref)\(anchor)"])
  }
}
