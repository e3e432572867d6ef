import EquilibreCases
import EquilibreCore
import Foundation
import Hummingbird
import MultipartKit
import ZIPFoundation

/// Import and export: a scenario as the CLI's YAML, a whole case as the zip of the folder that
/// `equilibre suivi exporter` writes. A zip is checked before anything is written: entry names
/// (no `..`, no absolute path, no link), entry count, and total size once unpacked.
struct ImportExportController {
  let store: StorePool
  let configuration: WebConfiguration
  let today: @Sendable () -> CivilDate

  static let maxEntries = 2_000
  static let maxUnpacked: UInt64 = 100 * 1024 * 1024

  func addRoutes(to router: Router<WebContext>) {
    router.get("/importer", use: form)
    router.post("/importer", use: upload)
    router.get("/dossiers/:ref/situation.yaml", use: scenario)
    router.get("/dossiers/:ref/export.zip", use: export)
  }


  @Sendable func form(_ request: Request, context: WebContext) async throws -> HTML {
    HTML.page("Importer", "import", [:], context: context)
  }

  @Sendable func scenario(_ request: Request, context: WebContext) async throws -> Response {
    let ref = try context.caseRef()
    let actor = context.actor
    let record = try await store.run { try await $0.load(ref, by: actor) }
    guard let latest = record.latest else { throw WebError(status: .notFound, message: "Ce dossier n'a pas de situation.") }
    return Response(
      status: .ok,
      headers: [.contentType: "application/yaml; charset=utf-8", .contentDisposition: "attachment; filename=\"\(ref)-situation-\(latest.number).yaml\""],
      body: .init(byteBuffer: ByteBuffer(string: latest.scenarioText)))
  }

  @Sendable func export(_ request: Request, context: WebContext) async throws -> Response {
    let ref = try context.caseRef()
    let actor = context.actor
    let (record, contents, audit) = try await store.run { s in
      let r = try await s.load(ref, by: actor)
      var contents: [String: [UInt8]] = [:]
      for d in r.documents { contents[d.id] = try await s.documentContent(ref, id: d.id) }
      return (r, contents, try await s.auditLog(ref))
    }
    let work = FileManager.default.temporaryDirectory.appendingPathComponent("equilibre-export-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
    defer { try? FileManager.default.removeItem(at: work) }
    let folder = work.appendingPathComponent(ref.text)
    try CaseArchive.write(record, documents: contents, audit: audit, to: folder.path, exportedAt: SQLCaseStore.isoNow())
    let archive = try Archive(data: Data(), accessMode: .create)
    let files = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? []
    for relative in files.sorted() {
      var isDir: ObjCBool = false
      FileManager.default.fileExists(atPath: folder.appendingPathComponent(relative).path, isDirectory: &isDir)
      if isDir.boolValue { continue }
      try archive.addEntry(with: "\(ref.text)/\(relative)", relativeTo: work, compressionMethod: .deflate)
    }
    guard let data = archive.data else { throw WebError(status: .internalServerError, message: "Export impossible.") }
    return Response(
      status: .ok, headers: [.contentType: "application/zip", .contentDisposition: "attachment; filename=\"\(ref).zip\""],
      body: .init(byteBuffer: ByteBuffer(bytes: data)))
  }

  /// The bytes of the `fichier` part of a multipart form.
  static func filePart(_ body: ByteBuffer, boundary: String) throws -> [UInt8]? {
    let parser = MultipartParser(boundary: boundary)
    var name: String?
    var current: [UInt8] = []
    var found: [UInt8]?
    parser.onHeader = { field, value in
      if field.lowercased() == "content-disposition", let r = value.range(of: "name=\"") {
        name = String(value[r.upperBound...].prefix { $0 != "\"" })
      }
    }
    parser.onBody = { chunk in current += chunk.readableBytesView }
    parser.onPartComplete = {
      if name == "fichier" { found = current }
      name = nil
      current = []
    }
    try parser.execute(body)
    return found
  }

  @Sendable func upload(_ request: Request, context: WebContext) async throws -> Response {
    guard let type = request.headers[.contentType], type.hasPrefix("multipart/form-data"),
      let boundary = type.components(separatedBy: "boundary=").last?.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
    else { throw WebError(status: .badRequest, message: "Envoyez un fichier avec le formulaire d'import.") }
    let body = try await request.body.collect(upTo: context.maxUploadSize)
    guard let bytes = try? Self.filePart(body, boundary: boundary) else {
      throw WebError(status: .badRequest, message: "Fichier illisible : envoyez un .yaml ou un .zip exporté.")
    }
    if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
      let ref = try await importZip(bytes, context: context)
      return Response(status: .seeOther, headers: [.location: "/dossiers/\(ref)"])
    }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw WebError(status: .unprocessableContent, message: "Ce fichier n'est ni un scénario YAML (texte UTF-8) ni un dossier exporté (.zip).")
    }
    // A scenario is shown in the editor first: nothing is saved until « Ouvrir le dossier ».
    let computed = ComputedScenario(text: text)
    var data: [String: Any] = [
      "nouveau": true, "scenario": text, "a_erreurs": !computed.errors.isEmpty, "erreurs": computed.errors, "action": "/dossiers",
      "version": "",
    ]
    data.merge(ComputedScenario.fragments(computed.panel)) { $1 }
    return try HTML.page("Nouveau dossier", "dossier", data, context: context).response(from: request, context: context)
  }

  /// Unpacks a case export after checking every entry, then imports it.
  func importZip(_ bytes: [UInt8], context: WebContext) async throws -> CaseRef {
    let archive: Archive
    do { archive = try Archive(data: Data(bytes), accessMode: .read) } catch {
      throw WebError(status: .unprocessableContent, message: "Archive zip illisible.")
    }
    var entries: [Entry] = []
    var total: UInt64 = 0
    for e in archive {
      entries.append(e)
      guard entries.count <= Self.maxEntries else { throw WebError(status: .unprocessableContent, message: "Archive refusée : trop de fichiers.") }
      let parts = e.path.split(separator: "/", omittingEmptySubsequences: false)
      guard e.type != .symlink, !e.path.hasPrefix("/"), !e.path.contains("\\"), !parts.contains(".."), !parts.contains("."), !e.path.contains("\0") else {
        throw WebError(status: .unprocessableContent, message: "Archive refusée : chemin interdit (« .. », chemin absolu ou lien).")
      }
      total += e.uncompressedSize
      guard total <= Self.maxUnpacked else { throw WebError(status: .unprocessableContent, message: "Archive refusée : trop volumineuse une fois décompressée.") }
    }
    let work = FileManager.default.temporaryDirectory.appendingPathComponent("equilibre-import-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
    defer { try? FileManager.default.removeItem(at: work) }
    var written: UInt64 = 0
    for e in entries where e.type == .file {
      var data = Data()
      // The declared sizes may lie: the bytes actually unpacked are counted too.
      _ = try archive.extract(e, skipCRC32: false) { chunk in
        written += UInt64(chunk.count)
        if written > Self.maxUnpacked { throw WebError(status: .unprocessableContent, message: "Archive refusée : trop volumineuse une fois décompressée.") }
        data.append(chunk)
      }
      let target = work.appendingPathComponent(e.path)
      guard target.standardizedFileURL.path.hasPrefix(work.standardizedFileURL.path + "/") else {
        throw WebError(status: .unprocessableContent, message: "Archive refusée : chemin interdit.")
      }
      try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
      guard FileManager.default.createFile(atPath: target.path, contents: data, attributes: [.posixPermissions: 0o600]) else {
        throw WebError(status: .internalServerError, message: "Import impossible.")
      }
    }
    // The export is one folder holding dossier.json, or dossier.json at the top.
    var root = work
    if !FileManager.default.fileExists(atPath: work.appendingPathComponent("dossier.json").path) {
      let tops = (try? FileManager.default.contentsOfDirectory(atPath: work.path)) ?? []
      guard tops.count == 1 else { throw WebError(status: .unprocessableContent, message: "Ce zip n'est pas un dossier exporté par Équilibre.") }
      root = work.appendingPathComponent(tops[0])
    }
    let (record, documents) = try CaseArchive.read(root.path)
    // Shared mode: only a case one could open may come in (no one imports a colleague's case).
    let access = CaseAccess(counsellor: record.file.counsellor, structure: record.file.structure, sharedWith: [])
    guard AccessPolicy.mayOpen(access, viewer: context.viewer) else {
      throw WebError(
        status: .forbidden,
        message: "Ce dossier est suivi par « \(record.file.counsellor) » : seul ce compte, ou le ou la responsable de sa structure, peut l'importer.")
    }
    let actor = context.actor
    try await store.run { try await $0.importCase(record, documents: documents, by: actor) }
    return record.file.ref
  }
}
