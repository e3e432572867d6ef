import Foundation
import Hummingbird

/// CSRF protection on every state-changing request:
/// - **a signed-in session** (shared mode) has a token of its own, kept in the session on the
///   server: a token, or a cookie-and-token pair, taken from another browser is refused;
/// - **before signing in** (the sign-in form) and in local mode, a pre-session token in an
///   HttpOnly, SameSite=Strict cookie must come back in the form (double submit);
/// - the token comes back in the `_csrf` field (forms), the `X-CSRF` header (the page's
///   script) or the `_csrf` query parameter (file uploads);
/// - the browser's `Sec-Fetch-Site` (or, without it, `Origin`) must be this site.
struct CSRFMiddleware: RouterMiddleware {
  typealias Context = WebContext
  let secureCookie: Bool
  /// Behind a TLS proxy, the host the browser used is in `X-Forwarded-Host`.
  var behindProxy = false

  static let cookieName = "equilibre_csrf"

  static func newToken() -> String {
    var g = SystemRandomNumberGenerator()
    return (0..<4).map { _ in
      let s = String(g.next() as UInt64, radix: 16)
      return String(repeating: "0", count: 16 - s.count) + s
    }.joined()
  }

  static func cookieToken(_ request: Request) -> String? {
    guard let header = request.headers[.cookie] else { return nil }
    for part in header.split(separator: ";") {
      let kv = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
      if kv.count == 2, kv[0] == Self.cookieName, kv[1].count >= 32, kv[1].count <= 128, kv[1].allSatisfy(\.isHexDigit) {
        return String(kv[1])
      }
    }
    return nil
  }

  /// Constant-time comparison of two tokens.
  static func same(_ a: String?, _ b: String) -> Bool {
    guard let a, a.utf8.count == b.utf8.count else { return false }
    var diff: UInt8 = 0
    for (x, y) in zip(a.utf8, b.utf8) { diff |= x ^ y }
    return diff == 0
  }

  /// Does the request come from a page of this site? `Sec-Fetch-Site` when the browser sends
  /// it, else `Origin` (`null`, sent by sandboxed frames and `data:` pages, is refused); a
  /// client that sends neither (not a browser) is let through to the token check.
  func sameOrigin(_ request: Request) -> Bool {
    if let site = request.headers[.init("Sec-Fetch-Site")!] {
      return site == "same-origin" || site == "none"
    }
    if let origin = request.headers[.origin] {
      guard origin != "null", let url = URLComponents(string: origin), let host = url.host, !host.isEmpty else { return false }
      let authority = url.port.map { "\(host):\($0)" } ?? host
      let forwarded =
        behindProxy
        ? request.headers[.init("X-Forwarded-Host")!]?.split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespaces) } : nil
      guard let own = forwarded ?? request.head.authority else { return false }
      return authority.lowercased() == own.lowercased()
    }
    return true
  }

  func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
    let existing = Self.cookieToken(request)
    let session = context.sessions.session
    context.csrfToken = session?.csrf ?? existing ?? Self.newToken()
    let setCookie = session == nil && existing == nil
    if request.method != .get && request.method != .head {
      guard sameOrigin(request) else {
        throw WebError(
          status: .forbidden, message: "Requête venue d'un autre site : refusée. Rechargez la page de l'espace, puis recommencez.")
      }
      // A signed-in session's own token, else the pre-session cookie's.
      guard let expected = session?.csrf ?? existing else {
        throw WebError(status: .forbidden, message: "Jeton de sécurité absent : rechargez la page, puis recommencez.")
      }
      var sent = request.headers[.init("X-CSRF")!]
      if sent == nil, let type = request.headers[.contentType], type.hasPrefix("application/x-www-form-urlencoded") {
        // The form is read once here and kept for the route.
        var request = request
        let buffer = try await request.collectBody(upTo: request.bodyLimit)
        sent = Form(text: String(buffer: buffer))["_csrf"]
        guard Self.same(sent, expected) else {
          throw WebError(status: .forbidden, message: "Jeton de sécurité invalide : rechargez la page, puis recommencez.")
        }
        return try await finish(next(request, context), token: context.csrfToken, set: setCookie)
      }
      if sent == nil, let type = request.headers[.contentType], type.hasPrefix("multipart/form-data") {
        sent = request.uri.queryParameters["_csrf"].map(String.init)
      }
      guard Self.same(sent, expected) else {
        throw WebError(status: .forbidden, message: "Jeton de sécurité invalide : rechargez la page, puis recommencez.")
      }
    }
    return try await finish(next(request, context), token: context.csrfToken, set: setCookie)
  }

  func finish(_ response: Response, token: String, set: Bool) -> Response {
    guard set else { return response }
    var response = response
    response.headers[values: .setCookie].append(
      "\(Self.cookieName)=\(token); Path=/; HttpOnly; SameSite=Strict\(secureCookie ? "; Secure" : "")")
    return response
  }
}
