import Hummingbird

/// Headers on every response: a Content-Security-Policy with no inline script and nothing from
/// elsewhere, no framing, no sniffing, no referrer, no caching of personal pages.
struct SecurityHeadersMiddleware: RouterMiddleware {
  typealias Context = WebContext
  /// Behind TLS: browsers keep to HTTPS for a year.
  var hsts = false

  static let policy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"

  func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
    var response = try await next(request, context)
    response.headers[.contentSecurityPolicy] = Self.policy
    response.headers[.xContentTypeOptions] = "nosniff"
    response.headers[.init("X-Frame-Options")!] = "DENY"
    response.headers[.init("Referrer-Policy")!] = "no-referrer"
    if hsts { response.headers[.init("Strict-Transport-Security")!] = "max-age=31536000" }
    if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
    return response
  }
}
