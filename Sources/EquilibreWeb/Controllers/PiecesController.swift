import EquilibreCases
import EquilibreCore
import Foundation
import Hummingbird

/// The pieces a household brings: uploaded from the case page (PDF, JPEG or PNG, 10 MB at
/// most, checked by content in `EquilibreCases`), linked to a line of the filing's checklist,
/// and opened in the browser with no script at all. The case's access rules apply
/// (``CaseAccessMiddleware``), by URL as by link.
struct PiecesController {
  let store: StorePool
  let configuration: WebConfiguration
  let today: @Sendable () -> CivilDate

  /// A piece's page may show it and nothing else: no script, no form, no frame around it.
  static let piecePolicy =
    "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; object-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

  func addRoutes(to router: Router<WebContext>) {
    router.post("/dossiers/:ref/pieces", use: upload)
    router.get("/dossiers/:ref/pieces/:id", use: view)
  }

  static func refused(_ message: String) -> WebError { WebError(status: .unprocessableContent, message: message) }

  @Sendable func upload(_ request: Request, context: WebContext) async throws -> Response {
    let ref = try context.caseRef()
    guard let type = request.headers[.contentType], let boundary = ImportExportController.boundary(type) else {
      throw Self.refused("Envoyez la pièce avec le formulaire « Pièces du ménage » (envoi « multipart/form-data » attendu).")
    }
    let body = try await request.body.collect(upTo: request.bodyLimit)
    guard let parts = try? ImportExportController.parts(body, boundary: boundary), let file = parts["fichier"] else {
      throw Self.refused("Pièce illisible : choisissez un fichier PDF, JPEG ou PNG.")
    }
    func text(_ name: String) -> String { parts[name].map { String(decoding: $0.bytes, as: UTF8.self) }?.trimmingSpaces ?? "" }
    let name = (file.fileName ?? "").trimmingSpaces
    let fileName =
      name.isEmpty ? "piece" : String(name.split(separator: "/").last ?? "piece").split(separator: "\\").last.map(String.init) ?? "piece"
    let dateText = text("date")
    let date: CivilDate
    if dateText.isEmpty {
      date = today()
    } else {
      guard let d = CivilDate(dateText) else { throw Self.refused("Date de la pièce : « \(dateText.excerpt) » (AAAA-MM-JJ).") }
      date = d
    }
    let line = text("ligne")
    let actor = context.actor
    let expected = Int(text("version"))
    let change = CaseChange.piece(fileName: fileName, date: date, checklistLine: line.isEmpty ? nil : line, content: file.bytes)
    _ = try await store.run { try await $0.apply(change, to: ref, expectedVersion: expected, by: actor) }
    return Response(status: .seeOther, headers: [.location: "/dossiers/\(ref)#t-pieces"])
  }

  /// A piece, shown inline by the browser (its own PDF viewer or image view).
  @Sendable func view(_ request: Request, context: WebContext) async throws -> Response {
    let ref = try context.caseRef()
    let id = (context.parameters.get("id") ?? "").uppercased()
    let actor = context.actor
    let (record, bytes) = try await store.run { s -> (CaseRecord, [UInt8]?) in
      let r = try await s.load(ref, by: actor)
      guard r.documents.contains(where: { $0.id == id && $0.isPiece }) else { return (r, nil) }
      return (r, try await s.documentContent(ref, id: id))
    }
    // A statement keeps the format its reader recognised; any other piece is known by its first bytes.
    guard let bytes, let d = record.documents.first(where: { $0.id == id }),
      let format = d.type == StatementPiece.type ? UploadedPiece.Format(rawValue: d.format) : UploadedPiece.format(of: bytes)
    else {
      throw WebError(status: .notFound, message: "Pièce « \(id.excerpt) » introuvable dans ce dossier.")
    }
    var response = Response(
      status: .ok,
      headers: [
        .contentType: format.mimeType,
        .contentDisposition:
          "\(format.isStatement ? "attachment" : "inline"); filename=\"\(ref)-\(d.id).\(format == .jpeg ? "jpg" : format.rawValue)\"",
        .contentSecurityPolicy: Self.piecePolicy,
      ],
      body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    response.headers[.cacheControl] = "no-store"
    return response
  }
}
