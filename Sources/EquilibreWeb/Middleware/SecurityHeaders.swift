import HTTPTypes
import Hummingbird
import NIOCore
import NIOHTTPTypes

/// Headers on every response: a Content-Security-Policy with no inline script and nothing from
/// elsewhere, no framing, no sniffing, no referrer sent to other sites, no caching of personal pages.
enum SecurityHeaders {
  static let policy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"

  /// Adds the headers to `fields` (a response's own Cache-Control is kept, and its own
  /// Content-Security-Policy when it sets a stricter one: a household's piece, with no script).
  static func apply(to fields: inout HTTPFields, hsts: Bool) {
    if fields[.contentSecurityPolicy]?.hasPrefix("default-src 'none'") != true { fields[.contentSecurityPolicy] = policy }
    fields[.xContentTypeOptions] = "nosniff"
    fields[HTTPField.Name("X-Frame-Options")!] = "DENY"
    // Nothing to other sites; this site's own forms keep a real `Origin` (with `no-referrer`,
    // browsers send `Origin: null`, which ``CSRFMiddleware`` cannot tell from a hostile page).
    fields[HTTPField.Name("Referrer-Policy")!] = "same-origin"
    if hsts { fields[HTTPField.Name("Strict-Transport-Security")!] = "max-age=31536000" }
    if fields[.cacheControl] == nil { fields[.cacheControl] = "no-store" }
  }
}

/// The headers on every page the router answers (``HTTPGuardHandler`` adds them to what the
/// HTTP layer answers by itself).
struct SecurityHeadersMiddleware: RouterMiddleware {
  typealias Context = WebContext
  /// Behind TLS: browsers keep to HTTPS for a year.
  var hsts = false

  func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
    var response = try await next(request, context)
    SecurityHeaders.apply(to: &response.headers, hsts: hsts)
    return response
  }
}

/// In the connection's pipeline, under the router:
/// - every response head, the HTTP layer's own refusals included (a malformed request gets a
///   400 from Hummingbird itself), carries the security headers;
/// - after a response that refuses a request before its body was read (413, or any answer to a
///   request still being sent), the rest of the body is read and dropped, the connection closes
///   once the client has finished or after `drainSeconds`: the client, which may read nothing
///   before it has sent everything, still gets its answer instead of a timeout.
final class HTTPGuardHandler: ChannelDuplexHandler, RemovableChannelHandler {
  typealias InboundIn = HTTPRequestPart
  typealias InboundOut = HTTPRequestPart
  typealias OutboundIn = HTTPResponsePart
  typealias OutboundOut = HTTPResponsePart

  let hsts: Bool
  let drainSeconds: Int64
  /// The current request's body is still arriving.
  private var requestOpen = false
  /// A refusal was sent while the body was arriving: what comes next is dropped.
  private var draining = false
  /// The response being written refuses the request.
  private var refusal = false

  init(hsts: Bool, drainSeconds: Int64 = 10) {
    self.hsts = hsts
    self.drainSeconds = drainSeconds
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    if draining {
      // Dropped; keep reading so that the client can finish sending and read our answer.
      context.read()
      return
    }
    switch unwrapInboundIn(data) {
    case .head: requestOpen = true
    case .body: break
    case .end: requestOpen = false
    }
    context.fireChannelRead(data)
  }

  func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
    switch unwrapOutboundIn(data) {
    case .head(var head):
      SecurityHeaders.apply(to: &head.headerFields, hsts: hsts)
      refusal = head.status == .contentTooLarge || (requestOpen && head.status.code >= 400)
      if refusal { head.headerFields[.connection] = "close" }
      context.write(wrapOutboundOut(.head(head)), promise: promise)
    case .end(let trailers):
      context.write(wrapOutboundOut(.end(trailers)), promise: promise)
      if refusal && requestOpen {
        draining = true
        context.flush()
        context.read()
        let channel = context.channel
        context.eventLoop.scheduleTask(in: .seconds(drainSeconds)) { channel.close(promise: nil) }
      }
    case .body:
      context.write(data, promise: promise)
    }
  }

  func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
    // The client finished sending (half-close) while we drain: nothing more to wait for.
    if draining, let e = event as? ChannelEvent, e == .inputClosed {
      context.close(promise: nil)
      return
    }
    context.fireUserInboundEventTriggered(event)
  }
}
