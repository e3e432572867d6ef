import EquilibreCases
import Hummingbird

/// Request bodies are capped by route, before anything is read: an exported case (10 MB) on
/// `/importer`, a form or a scenario's text (2 MB) anywhere else. A declared length beyond the
/// cap is refused at once with a French 413; a body sent without a length is cut at the cap
/// when it is read (``Request/bodyLimit``).
struct BodyLimitMiddleware: RouterMiddleware {
  typealias Context = WebContext

  /// A case archive or a scenario file sent to `/importer`.
  static let importLimit = 10 * 1024 * 1024
  /// Every other form: a scenario's text is 1 MB at most, with the form's other fields.
  static let formLimit = 2 * 1024 * 1024

  /// A household's piece (10 MB) with the form's other fields.
  static let pieceLimit = UploadedPiece.maximumBytes + 64 * 1024

  /// A household's bank statements sent together (each 10 MB at most; three months weigh far less).
  static let statementsLimit = 20 * 1024 * 1024

  static func limit(for path: String) -> Int {
    if path == "/importer" { return importLimit }
    if path.hasPrefix("/dossiers/"), path.hasSuffix("/releves") { return statementsLimit }
    if path.hasPrefix("/dossiers/"), path.hasSuffix("/pieces") { return pieceLimit }
    return formLimit
  }

  /// The French refusal for a body beyond `limit` bytes.
  static func refusal(_ limit: Int) -> WebError {
    WebError(status: .contentTooLarge, message: "Envoi trop volumineux : \(max(1, limit / (1024 * 1024))) Mo au plus.")
  }

  func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
    let limit = request.bodyLimit
    if let declared = request.headers[.contentLength] {
      guard let length = Int(declared), length >= 0 else { throw WebError(status: .badRequest, message: "Longueur de requête illisible.") }
      if length > limit { throw Self.refusal(limit) }
    }
    return try await next(request, context)
  }
}

extension Request {
  /// The largest body this request's route takes.
  var bodyLimit: Int { BodyLimitMiddleware.limit(for: uri.path) }
}
