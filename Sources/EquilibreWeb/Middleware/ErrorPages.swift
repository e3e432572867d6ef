import EquilibreCases
import EquilibreCore
import Hummingbird
import Logging
import NIOCore

/// No stack trace reaches the browser: a known error becomes a French page with its status,
/// anything else a 500 page, with the details in the server log only.
struct ErrorPagesMiddleware: RouterMiddleware {
  typealias Context = WebContext

  func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
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
        case .contentTooLarge: "Fichier trop volumineux : 10 Mo au plus."
        case .methodNotAllowed: "Action impossible sur cette page."
        default: "Requête refusée."
        }
      return try WebError(status: e.status, message: message).response(from: request, context: context)
    } catch is NIOTooManyBytesError {
      return try WebError(status: .contentTooLarge, message: "Fichier trop volumineux : 10 Mo au plus.").response(from: request, context: context)
    } catch {
      context.logger.error("erreur interne", metadata: ["erreur": "\(String(reflecting: error))"])
      return try WebError(status: .internalServerError, message: "Erreur interne : l'action n'a pas été faite. Le détail est dans le journal du serveur.")
        .response(from: request, context: context)
    }
  }
}
