import EquilibreCore
import Foundation
import Hummingbird

/// `POST /calcul`: the scenario as typed, back as its key figures (French text) and the
/// reader's errors, for the page's script. The same library calls as the page and the CLI.
struct LiveController {
  struct Answer: Encodable {
    var chiffres: [String: String]
    var erreurs: [String]
  }

  func addRoutes(to router: Router<WebContext>) {
    router.post("/calcul", use: compute)
    router.post("/calcul/formulaire", use: computeForm)
  }

  /// The household form as typed (its fields, form-encoded): the same scenario text the form
  /// saves, the same figures.
  @Sendable func computeForm(_ request: Request, context: WebContext) async throws -> Response {
    let buffer = try await request.body.collect(upTo: request.bodyLimit)
    let text = YAMLPaths.build(HouseholdForm.leaves(Form(text: String(buffer: buffer)), adding: false))
    return try answer(FiguresCache.shared.entry(text))
  }

  func answer(_ entry: FiguresCache.Entry) throws -> Response {
    let body = try JSONWriter(pretty: false).bytes(Answer(chiffres: entry.shown, erreurs: entry.computed.errors))
    return Response(
      status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: body)))
  }

  @Sendable func compute(_ request: Request, context: WebContext) async throws -> Response {
    let buffer = try await request.body.collect(upTo: 1_000_000)
    return try answer(FiguresCache.shared.entry(String(buffer: buffer)))
  }
}

/// The style sheet and the script, from the binary.
struct AssetsController {
  func addRoutes(to router: Router<WebContext>) {
    router.get("/static/espace.css") { _, _ in
      Response(
        status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=3600"],
        body: .init(byteBuffer: ByteBuffer(bytes: PackageResources.espace_css)))
    }
    router.get("/static/espace.js") { _, _ in
      Response(
        status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "max-age=3600"],
        body: .init(byteBuffer: ByteBuffer(bytes: PackageResources.espace_js)))
    }
  }
}
