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
  let csrf = TokenBox()
  /// The local user, or the signed-in account in shared mode.
  public var viewer: Viewer = .local(name: "")
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
      func decode(_ s: Substring) -> String {
        String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
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

  func response(from request: Request, context: some RequestContext) throws -> Response {
    let page = Pages.shared.page(
      title: "Erreur", body: Pages.shared.render("erreur", ["statut": String(status.code), "message": message]), context: context as? WebContext)
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
final class TokenBox: @unchecked Sendable {
  private let lock = NSLock()
  private var stored = ""
  var value: String {
    get { lock.withLock { stored } }
    set { lock.withLock { stored = newValue } }
  }
}
