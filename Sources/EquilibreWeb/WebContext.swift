import Foundation
import Hummingbird
import NIOCore

/// The request context of the workspace: the CSRF token of the browser, set by ``CSRFMiddleware``.
public struct WebContext: RequestContext {
  public var coreContext: CoreRequestContextStorage
  /// The token every form of the page carries back.
  public var csrfToken: String = ""

  public init(source: ApplicationRequestContextSource) {
    coreContext = .init(source: source)
  }

  /// Uploads: a scenario or an exported case, 10 MB at most.
  public var maxUploadSize: Int { 10 * 1024 * 1024 }
}

/// An HTML page.
struct HTML: ResponseGenerator {
  var status: HTTPResponse.Status = .ok
  let body: String

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
    let buffer = try await request.body.collect(upTo: context.maxUploadSize)
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
    let page = Pages.shared.page(title: "Erreur", body: Pages.shared.render("erreur", ["statut": String(status.code), "message": message]))
    return Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: page)))
  }
}
