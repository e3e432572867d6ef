import Foundation
import Hummingbird

/// CSRF protection by double submit: each browser gets a random token in an HttpOnly,
/// SameSite=Strict cookie; every state-changing request must send it back in the `_csrf`
/// field (forms) or the `X-CSRF` header (the page's script). A request without it is refused.
struct CSRFMiddleware: RouterMiddleware {
  typealias Context = WebContext
  let secureCookie: Bool

  static let cookieName = "equilibre_csrf"

  static func newToken() -> String {
    var g = SystemRandomNumberGenerator()
    return (0..<4).map { _ in String(g.next() as UInt64, radix: 16) }.joined()
  }

  static func cookieToken(_ request: Request) -> String? {
    guard let header = request.headers[.cookie] else { return nil }
    for part in header.split(separator: ";") {
      let kv = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
      if kv.count == 2, kv[0] == Self.cookieName, kv[1].count >= 32, kv[1].allSatisfy(\.isHexDigit) { return String(kv[1]) }
    }
    return nil
  }

  func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
    var context = context
    let existing = Self.cookieToken(request)
    context.csrfToken = existing ?? Self.newToken()
    if request.method != .get && request.method != .head {
      guard let expected = existing else { throw WebError(status: .forbidden, message: "Jeton de sécurité absent : rechargez la page, puis recommencez.") }
      var sent = request.headers[.init("X-CSRF")!]
      if sent == nil, let type = request.headers[.contentType], type.hasPrefix("application/x-www-form-urlencoded") {
        // The form is read once here and kept for the route.
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        sent = Form(text: String(buffer: buffer))["_csrf"]
        guard sent == expected else { throw WebError(status: .forbidden, message: "Jeton de sécurité invalide : rechargez la page, puis recommencez.") }
        return try await finish(next(request, context), token: context.csrfToken, set: existing == nil)
      }
      if sent == nil, let type = request.headers[.contentType], type.hasPrefix("multipart/form-data") {
        sent = request.uri.queryParameters["_csrf"].map(String.init)
      }
      guard sent == expected else { throw WebError(status: .forbidden, message: "Jeton de sécurité invalide : rechargez la page, puis recommencez.") }
    }
    return try await finish(next(request, context), token: context.csrfToken, set: existing == nil)
  }

  func finish(_ response: Response, token: String, set: Bool) -> Response {
    guard set else { return response }
    var response = response
    response.headers[values: .setCookie].append(
      "\(Self.cookieName)=\(token); Path=/; HttpOnly; SameSite=Strict\(secureCookie ? "; Secure" : "")")
    return response
  }
}
