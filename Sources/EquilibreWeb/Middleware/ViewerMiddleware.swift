import EquilibreCases
import Foundation
import Hummingbird

/// Who is asking. Local mode: the one local user. Shared mode: the account of the session,
/// read again from the base on every request (a deactivated account is out at once); without
/// one, a page asks to sign in and anything else is refused.
struct ViewerMiddleware: RouterMiddleware {
  typealias Context = WebContext
  let store: StorePool
  let configuration: WebConfiguration

  /// What anyone may reach before signing in.
  static func isPublic(_ path: String) -> Bool {
    path == "/connexion" || path.hasPrefix("/static/")
  }

  func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
    var context = context
    guard configuration.shared else {
      context.viewer = .local(name: configuration.counsellor)
      return try await next(request, context)
    }
    if let session = context.sessions.session,
      let found = try await store.run({ try await $0.account(session.login) }), found.account.active,
      session.credential == Passwords.fingerprint(found.passwordHash)
    {
      context.viewer = .account(found.account)
      return try await next(request, context)
    }
    if context.sessions.session != nil { context.sessions.clearSession() }
    if Self.isPublic(request.uri.path) { return try await next(request, context) }
    if request.method == .get || request.method == .head {
      var target = URLComponents()
      target.path = "/connexion"
      target.queryItems = [URLQueryItem(name: "suite", value: request.uri.path)]
      return Response(status: .seeOther, headers: [.location: target.string ?? "/connexion"])
    }
    throw WebError(status: .unauthorized, message: "Session terminée : reconnectez-vous, puis recommencez.")
  }
}

/// Every address that names a case (`/dossiers/:ref…`) is checked against ``AccessPolicy``
/// here, once, before any controller runs; a refusal is recorded in the audit.
struct CaseAccessMiddleware: RouterMiddleware {
  typealias Context = WebContext
  let store: StorePool

  func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
    guard case .account = context.viewer else { return try await next(request, context) }
    let path = request.uri.path
    let caseWork = path == "/" || path.hasPrefix("/dossiers") || path == "/importer" || path == "/calcul"
    if caseWork && !AccessPolicy.mayWorkOnCases(context.viewer) {
      if path == "/" { return Response(status: .seeOther, headers: [.location: "/comptes"]) }
      // Journaled like any other refusal, with the case when the address names one.
      let ref = context.parameters.get("ref").flatMap { CaseRef($0) }
      try await context.recordRefusal(request, ref: ref, store: store)
      throw WebError(status: .forbidden, message: "Votre compte gère les comptes : il n'ouvre pas de dossier.")
    }
    if context.parameters.get("ref") != nil {
      let ref = try context.caseRef()
      let viewer = context.viewer
      let allowed = try await store.run { s -> CaseAccess? in
        let access = try await s.caseAccess(ref)
        if AccessPolicy.mayOpen(access, viewer: viewer) { return access }
        try await s.recordEvent(
          "acces-refuse", ref: ref, detail: "\(request.method.rawValue) \(String(path.prefix(200)))", by: viewer.actor)
        return nil
      }
      guard let allowed else {
        throw WebError(
          status: .forbidden,
          message: "Ce dossier n'est pas dans votre portefeuille : demandez au conseiller qui le suit de vous le partager.")
      }
      var context = context
      context.caseAccess = allowed
      return try await next(request, context)
    }
    return try await next(request, context)
  }
}
