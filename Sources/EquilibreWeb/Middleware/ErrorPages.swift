import EquilibreCases
import EquilibreCore
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1

/// No stack trace reaches the browser: a known error becomes a French page with its status,
/// anything else a 500 page, with the details in the server log only.
struct ErrorPagesMiddleware: RouterMiddleware {
  typealias Context = WebContext
  /// Shared mode: known before any other middleware can refuse, so every page words it right.
  var shared = false

  func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
    // The page's forms (sign-out) carry the token the CSRF middleware chose for this request:
    // the context's copies share it.
    context.sharedMode.value = shared
    do {
      return try await next(request, context)
    } catch let e as WebError {
      return try e.response(from: request, context: context)
    } catch let e as StoreError {
      let status: HTTPResponse.Status =
        switch e {
        case .notFound: .notFound
        case .conflict: .conflict
        case .invalid, .closed, .purged, .exists: .unprocessableContent
        default: .serviceUnavailable
        }
      return try WebError(status: status, message: e.description).response(from: request, context: context)
    } catch let e as HTTPError {
      let message =
        switch e.status {
        case .notFound: "Cette page n'existe pas."
        case .contentTooLarge: BodyLimitMiddleware.refusal(request.bodyLimit).message
        case .methodNotAllowed: "Action impossible sur cette page."
        default: "Requête refusée."
        }
      return try WebError(status: e.status, message: message).response(from: request, context: context)
    } catch is NIOTooManyBytesError {
      return try BodyLimitMiddleware.refusal(request.bodyLimit).response(from: request, context: context)
    } catch let e as HTTPParserError {
      // A malformed body (chunked encoding, lengths): the client's mistake, not ours.
      context.logger.notice("requête mal formée", metadata: ["erreur": "\(e)"])
      return try WebError(status: .badRequest, message: "Requête mal formée : rien n'a été fait.").response(from: request, context: context)
    } catch {
      context.logger.error("erreur interne", metadata: ["erreur": "\(String(reflecting: error))"])
      return try WebError(
        status: .internalServerError, message: "Erreur interne : l'action n'a pas été faite. Le détail est dans le journal du serveur."
      )
      .response(from: request, context: context)
    }
  }
}
