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
      headers: [
        .contentType: "application/yaml; charset=utf-8",
        .contentDisposition: "attachment; filename=\"\(ref)-situation-\(latest.number).yaml\"",
      ],
      body: .init(byteBuffer: ByteBuffer(string: latest.computed.text)))
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
    // Built in memory: no file of this machine is named after anything the case holds.
    let files = try CaseArchive.files(record, documents: contents, audit: audit, exportedAt: SQLCaseStore.isoNow())
    let archive = try Archive(data: Data(), accessMode: .create)
    for (relative, bytes) in files {
      let data = Data(bytes)
      try archive.addEntry(
        with: "\(ref.text)/\(relative)", type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate,
        provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
    }
    guard let data = archive.data else { throw WebError(status: .internalServerError, message: "Export impossible.") }
    return Response(
      status: .ok, headers: [.contentType: "application/zip", .contentDisposition: "attachment; filename=\"\(ref).zip\""],
      body: .init(byteBuffer: ByteBuffer(bytes: data)))
  }

  /// The boundary of a `multipart/form-data` content type, when it is one RFC 2046 allows
  /// (1 to 70 characters from its set); nil otherwise.
  static func boundary(_ contentType: String) -> String? {
    guard contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
    for parameter in contentType.split(separator: ";").dropFirst() {
      let kv = parameter.split(separator: "=", maxSplits: 1)
      guard kv.count == 2, kv[0].trimmingCharacters(in: .whitespaces).lowercased() == "boundary" else { continue }
      var b = kv[1].trimmingCharacters(in: .whitespaces)
      if b.count >= 2, b.hasPrefix("\""), b.hasSuffix("\"") { b = String(b.dropFirst().dropLast()) }
      let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'()+_,-./:=? ")
      guard (1...70).contains(b.count), b.allSatisfy({ allowed.contains($0) }), b.last != " " else { return nil }
      return b
    }
    return nil
  }

  /// The bytes of the `fichier` part of a multipart form.
  static func filePart(_ body: ByteBuffer, boundary: String) throws -> [UInt8]? {
    try parts(body, boundary: boundary)?["fichier"]?.bytes
  }

  /// A multipart form's parts by name, each with its bytes and the file name it was sent
  /// with; nil for a body the parser must not see.
  static func parts(_ body: ByteBuffer, boundary: String) throws -> [String: (bytes: [UInt8], fileName: String?)]? {
    guard let list = try partList(body, boundary: boundary) else { return nil }
    var found: [String: (bytes: [UInt8], fileName: String?)] = [:]
    for p in list where found[p.name] == nil { found[p.name] = (p.bytes, p.fileName) }
    return found
  }

  /// A multipart form's parts in order, a name possibly repeated (several files of one field).
  static func partList(_ body: ByteBuffer, boundary: String) throws -> [(name: String, bytes: [UInt8], fileName: String?)]? {
    guard !boundary.isEmpty else { return nil }
    // MultipartKit traps on a header name byte above 127 (its table has 128 entries): such a
    // body is refused here, before it reaches the parser.
    guard headerNamesAreASCII(Array(body.readableBytesView), boundary: Array(("--" + boundary).utf8)) else { return nil }
    let parser = MultipartParser(boundary: boundary)
    var name: String?
    var fileName: String?
    var current: [UInt8] = []
    var found: [(name: String, bytes: [UInt8], fileName: String?)] = []
    parser.onHeader = { field, value in
      guard field.lowercased() == "content-disposition" else { return }
      if let r = value.range(of: " name=\"") ?? value.range(of: ";name=\"") {
        name = String(value[r.upperBound...].prefix { $0 != "\"" })
      }
      if let r = value.range(of: "filename=\"") { fileName = String(value[r.upperBound...].prefix { $0 != "\"" }) }
    }
    parser.onBody = { chunk in current += chunk.readableBytesView }
    parser.onPartComplete = {
      if let name { found.append((name, current, fileName)) }
      name = nil
      fileName = nil
      current = []
    }
    try parser.execute(body)
    return found
  }

  /// Whether every header name of every part is ASCII. Every place the boundary appears starts a
  /// part (more places than the parser uses, so this refuses at least what would trap it); its
  /// headers run to the first blank line, and a header's name to its first colon.
  static func headerNamesAreASCII(_ body: [UInt8], boundary: [UInt8]) -> Bool {
    guard !boundary.isEmpty, body.count >= boundary.count else { return true }
    var i = 0
    while i <= body.count - boundary.count {
      guard body[i] == boundary[0], body[i..<(i + boundary.count)].elementsEqual(boundary) else {
        i += 1
        continue
      }
      // Skip the rest of the boundary line, then read header lines up to a blank line.
      var j = i + boundary.count
      while j < body.count && body[j] != 0x0A { j += 1 }
      j += 1
      while j < body.count {
        var end = j
        while end < body.count && body[end] != 0x0A { end += 1 }
        let line = body[j..<end]
        if line.isEmpty || line == [0x0D] { break }
        for byte in line.prefix(while: { $0 != UInt8(ascii: ":") }) where byte > 127 { return false }
        j = end + 1
      }
      i += boundary.count
    }
    return true
  }

  @Sendable func upload(_ request: Request, context: WebContext) async throws -> Response {
    guard let type = request.headers[.contentType], let boundary = Self.boundary(type) else {
      throw WebError(
        status: .badRequest, message: "Envoyez un fichier avec le formulaire d'import (envoi « multipart/form-data » attendu).")
    }
    let body = try await request.body.collect(upTo: request.bodyLimit)
    guard let bytes = try? Self.filePart(body, boundary: boundary) else {
      throw WebError(status: .badRequest, message: "Fichier illisible : envoyez un .yaml ou un .zip exporté.")
    }
    if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
      let ref = try await importZip(bytes, context: context)
      return Response(status: .seeOther, headers: [.location: "/dossiers/\(ref)"])
    }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw WebError(
        status: .unprocessableContent, message: "Ce fichier n'est ni un scénario YAML (texte UTF-8) ni un dossier exporté (.zip).")
    }
    // A scenario is shown in the editor first: nothing is saved until « Ouvrir le dossier ».
    let computed = ComputedScenario(text: text)
    let page = CasePage(
      isNew: true, scenario: text, hasErrors: !computed.errors.isEmpty, errors: computed.errors, action: "/dossiers", version: "", today: ""
    )
    var data = TemplateData(page)
    data.merge(TemplateData(ComputedScenario.fragments(computed.panel)))
    return try HTML.page("Nouveau dossier", "dossier", data, context: context).response(from: request, context: context)
  }

  /// Unpacks a case export after checking every entry, then imports it.
  func importZip(_ bytes: [UInt8], context: WebContext) async throws -> CaseRef {
    // ZIPFoundation's in-memory archive traps when a damaged archive points past its end
    // (Archive.MemoryFile.readData); read from a file, the same seek just reads nothing. The
    // upload goes to a private folder (mkdtemp, 0700), removed before this function returns.
    var template = Array((FileManager.default.temporaryDirectory.path + "/equilibre-import-XXXXXXXX").utf8CString)
    guard let made = mkdtemp(&template) else {
      throw WebError(status: .internalServerError, message: "Dossier temporaire impossible à créer pour lire l'archive.")
    }
    let dir = URL(fileURLWithPath: String(cString: made))
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("import.zip")
    guard FileManager.default.createFile(atPath: file.path, contents: Data(bytes), attributes: [.posixPermissions: 0o600]) else {
      throw WebError(status: .internalServerError, message: "Archive impossible à lire : le fichier temporaire n'a pas pu être écrit.")
    }
    let archive: Archive
    do { archive = try Archive(url: file, accessMode: .read) } catch {
      throw WebError(status: .unprocessableContent, message: "Archive zip illisible.")
    }
    var entries: [Entry] = []
    var total: UInt64 = 0
    for e in archive {
      entries.append(e)
      guard entries.count <= Self.maxEntries else {
        throw WebError(status: .unprocessableContent, message: "Archive refusée : trop de fichiers.")
      }
      let parts = e.path.split(separator: "/", omittingEmptySubsequences: false)
      guard e.type != .symlink, !e.path.hasPrefix("/"), !e.path.contains("\\"), !parts.contains(".."), !parts.contains("."),
        !e.path.contains("\0")
      else {
        throw WebError(status: .unprocessableContent, message: "Archive refusée : chemin interdit (« .. », chemin absolu ou lien).")
      }
      total += e.uncompressedSize
      guard total <= Self.maxUnpacked else {
        throw WebError(status: .unprocessableContent, message: "Archive refusée : trop volumineuse une fois décompressée.")
      }
    }
    // Unpacked in memory: only the upload itself touches the disk, in the private folder above.
    var files: [String: [UInt8]] = [:]
    var written: UInt64 = 0
    for e in entries where e.type == .file {
      var data: [UInt8] = []
      // The declared sizes may lie: the bytes actually unpacked are counted too.
      do {
        _ = try archive.extract(e, skipCRC32: false) { chunk in
          written += UInt64(chunk.count)
          if written > Self.maxUnpacked {
            throw WebError(status: .unprocessableContent, message: "Archive refusée : trop volumineuse une fois décompressée.")
          }
          data += chunk
        }
      } catch let e as WebError {
        throw e
      } catch {
        throw WebError(status: .unprocessableContent, message: "Archive zip abîmée : un fichier ne se décompresse pas.")
      }
      files[e.path] = data
    }
    // The export is one folder holding dossier.json, or dossier.json at the top.
    var root = ""
    if files["dossier.json"] == nil {
      let tops = Set(files.keys.compactMap { $0.split(separator: "/").first.map(String.init) })
      guard tops.count == 1, let top = tops.first, files["\(top)/dossier.json"] != nil else {
        throw WebError(status: .unprocessableContent, message: "Ce zip n'est pas un dossier exporté par Équilibre (dossier.json absent).")
      }
      root = top + "/"
    }
    let read = try CaseArchive.read { files[root + $0] }
    var record = read.record
    let documents = read.documents
    // Shared mode: only a case one could open may come in (no one imports a colleague's case).
    let viewer = context.viewer
    let shownCase = "import du dossier \(record.file.ref) suivi par \(record.file.counsellor.excerpt)"
    let access = CaseAccess(counsellor: record.file.counsellor, structure: record.file.structure, sharedWith: [])
    guard AccessPolicy.mayOpen(access, viewer: viewer) else {
      try await store.run {
        try await $0.recordEvent("acces-refuse", ref: nil, detail: shownCase, by: viewer.actor)
      }
      throw WebError(
        status: .forbidden,
        message:
          "Ce dossier est suivi par « \(record.file.counsellor.excerpt) » : seul ce compte, ou le ou la responsable de sa structure, peut l'importer."
      )
    }
    // An imported case belongs to the importer's structure, whatever the archive says.
    if let structure = viewer.account?.structure { record.file.structure = structure }
    let actor = context.actor
    let checked = record
    try await store.run { try await $0.importCase(checked, documents: documents, by: actor) }
    return record.file.ref
  }
}
