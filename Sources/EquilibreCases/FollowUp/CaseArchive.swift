import Crypto
import EquilibreCore
import Foundation

/// A case as a folder, for the right of access and for moving a case between bases:
/// every situation version as the YAML the CLI reads (`situations/`), every document handed
/// over (`documents/`), and a JSON of the rest (`dossier.json`, audit included).
public enum CaseArchive {
  struct Manifest: Codable {
    struct Situation: Codable {
      var number: Int
      var date: CivilDate
      var file: String
      var sha256: String
      var figures: KeyFigures
      var note: String?
      var savedAt: String
      var savedBy: String
      /// The variants kept beside the situation (absent from exports made before them).
      var variants: String?
    }
    struct Document: Codable {
      var document: HandedDocument
      var file: String
    }
    var format: String
    var exportedAt: String
    var file: CaseFile
    var situations: [Situation]
    var measures: [Measure]
    var objectives: [Objective]
    var contacts: [Contact]
    var documents: [Document]
    var audit: [AuditEntry]
    /// Absent from exports made before appointments.
    var appointments: [Appointment]?
    /// Absent from exports made before aid requests.
    var aidRequests: [AidRequest]?
  }

  /// The export's format: 2 has French keys; 1 (English keys) still imports.
  static let formatName = "equilibre-dossier-2"

  /// SHA-256 in lower-case hexadecimal.
  public static func sha(_ bytes: [UInt8]) -> String { SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined() }

  /// A file name safe on every system: letters, digits, `.`, `-` and `_` only.
  static func safeName(_ s: String) -> String {
    String(s.map { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) ? $0 : "_" }.prefix(80))
  }

  /// The files of the exported case, by path relative to its folder, in a stable order:
  /// `situations/N-DATE.yaml`, `documents/SHA256-NAME` (a document is named by its checksum,
  /// never by an identifier read from elsewhere), then `dossier.json`.
  public static func files(
    _ record: CaseRecord, documents: [String: [UInt8]], audit: [AuditEntry], exportedAt: String
  ) throws -> [(path: String, bytes: [UInt8])] {
    var out: [(path: String, bytes: [UInt8])] = []
    var manifest = Manifest(
      format: formatName, exportedAt: exportedAt, file: record.file, situations: [], measures: record.measures,
      objectives: record.objectives, contacts: record.contacts, documents: [], audit: audit, appointments: record.appointments,
      aidRequests: record.aidRequests)
    for s in record.situations {
      let name = "situations/\(s.number)-\(s.date).yaml"
      let bytes = Array(s.scenarioText.utf8)
      out.append((name, bytes))
      manifest.situations.append(
        .init(
          number: s.number, date: s.date, file: name, sha256: sha(bytes), figures: s.figures, note: s.note, savedAt: s.savedAt,
          savedBy: s.savedBy, variants: s.variants))
    }
    var named = Set<String>()
    for d in record.documents {
      let bytes = documents[d.id] ?? []
      let name = "documents/\(sha(bytes))-\(safeName(d.fileName))"
      if named.insert(name).inserted { out.append((name, bytes)) }
      manifest.documents.append(.init(document: d, file: name))
    }
    out.append(("dossier.json", try FrenchKeys.writer.bytes(manifest)))
    return out
  }

  /// Writes the case into the new folder `directory` (which must not exist), built beside it
  /// under a temporary name and renamed into place when complete.
  public static func write(
    _ record: CaseRecord, documents: [String: [UInt8]], audit: [AuditEntry], to directory: String, exportedAt: String
  ) throws {
    let fm = FileManager.default
    if fm.fileExists(atPath: directory) {
      throw StoreError.unavailable("\(directory.excerptPath) existe déjà : l'export crée un nouveau dossier")
    }
    let parent = (directory as NSString).deletingLastPathComponent
    let temp = ((parent.isEmpty ? "." : parent) as NSString).appendingPathComponent(
      ".\((directory as NSString).lastPathComponent).\(getpid()).tmp")
    do {
      try fm.createDirectory(atPath: temp, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
    } catch {
      throw StoreError.unavailable("\(directory.excerptPath) : dossier d'export impossible à créer")
    }
    var done = false
    defer { if !done { try? fm.removeItem(atPath: temp) } }
    for (relative, bytes) in try files(record, documents: documents, audit: audit, exportedAt: exportedAt) {
      let path = (temp as NSString).appendingPathComponent(relative)
      let sub = (path as NSString).deletingLastPathComponent
      if !fm.fileExists(atPath: sub) {
        try fm.createDirectory(atPath: sub, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
      }
      // Exclusive creation: a name met twice is a bug, never an overwrite.
      let fd = Foundation.open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
      guard fd >= 0 else { throw StoreError.unavailable("\(relative) : écriture impossible") }
      let ok = bytes.withUnsafeBytes { b in Foundation.write(fd, b.baseAddress, b.count) == b.count }
      let synced = fsync(fd) == 0
      Foundation.close(fd)
      guard ok, synced else { throw StoreError.unavailable("\(relative) : écriture impossible") }
    }
    guard !fm.fileExists(atPath: directory), rename(temp, directory) == 0 else {
      throw StoreError.unavailable("\(directory.excerptPath) : impossible de nommer l'export")
    }
    done = true
  }

  /// Reads an exported folder back (see ``read(file:)``).
  public static func read(_ directory: String) throws -> (record: CaseRecord, documents: [String: [UInt8]]) {
    try read { relative in
      guard !relative.split(separator: "/").contains(".."), !relative.hasPrefix("/") else { return nil }
      return FileManager.default.contents(atPath: (directory as NSString).appendingPathComponent(relative)).map(Array.init)
    }
  }

  /// Reads an export from its files (`file` gives a file's bytes by its path in the export, nil
  /// when absent): the case and the documents' contents, every file checked against its
  /// SHA-256 and the whole case checked by ``CaseRecord/checkForImport(documents:)`` before
  /// anything is returned. Errors name the file and the field, never a path of this machine.
  public static func read(file: (String) throws -> [UInt8]?) throws -> (record: CaseRecord, documents: [String: [UInt8]]) {
    func get(_ relative: String) throws -> [UInt8] {
      guard relative.count <= 300, !relative.split(separator: "/").contains(".."), !relative.hasPrefix("/"), let bytes = try file(relative)
      else {
        throw StoreError.invalid("\(relative.excerpt) : fichier absent de l'export")
      }
      return bytes
    }
    let manifest: Manifest
    do {
      manifest = try FrenchKeys.decoder.decode(Manifest.self, from: Data(try get("dossier.json")))
    } catch let e as StoreError {
      throw e
    } catch let e as DecodingError {
      throw StoreError.invalid("dossier.json : export illisible ou d'un autre format (\(describe(e)))")
    } catch {
      throw StoreError.invalid("dossier.json : export illisible ou d'un autre format")
    }
    guard [formatName, "equilibre-dossier-1"].contains(manifest.format) else {
      throw StoreError.invalid("dossier.json : format d'export inconnu")
    }
    var record = CaseRecord(
      file: manifest.file, measures: manifest.measures, objectives: manifest.objectives, contacts: manifest.contacts,
      appointments: manifest.appointments ?? [], aidRequests: manifest.aidRequests ?? [])
    for s in manifest.situations {
      let bytes = try get(s.file)
      guard sha(bytes) == s.sha256 else {
        throw StoreError.invalid("\(s.file.excerpt) : l'empreinte SHA-256 ne correspond pas, fichier modifié")
      }
      guard let text = String(validating: bytes, as: UTF8.self) else { throw StoreError.invalid("\(s.file.excerpt) : texte UTF-8 attendu") }
      record.situations.append(
        SituationVersion(
          number: s.number, date: s.date, scenarioText: text, figures: s.figures, note: s.note, savedAt: s.savedAt, savedBy: s.savedBy,
          variants: s.variants))
    }
    var contents: [String: [UInt8]] = [:]
    for d in manifest.documents {
      guard contents[d.document.id] == nil else {
        throw StoreError.invalid("dossier.json, « documents » : identifiant « \(d.document.id.excerpt) » en double")
      }
      contents[d.document.id] = try get(d.file)
      record.documents.append(d.document)
    }
    try record.checkForImport(documents: contents)
    return (record, contents)
  }

  /// Where a decoding error is, in French: the field path and what was wrong.
  static func describe(_ e: DecodingError) -> String {
    func path(_ c: DecodingError.Context) -> String {
      // Named as the file spells them (French keys).
      let keys = c.codingPath.indices.map { FrenchKeys.encode(Array(c.codingPath[...$0])) }
      let p = keys.map { $0.intValue.map { "[\($0 + 1)]" } ?? ".\($0.stringValue)" }.joined()
      return p.isEmpty ? "racine" : "champ « \(p.hasPrefix(".") ? String(p.dropFirst()) : p) »"
    }
    switch e {
    case .keyNotFound(let key, let c): return "\(path(c)) : clé « \(FrenchKeys.encode(c.codingPath + [key]).stringValue) » manquante"
    case .typeMismatch(_, let c), .valueNotFound(_, let c): return "\(path(c)) : valeur de type inattendu"
    case .dataCorrupted(let c): return "\(path(c)) : \(TextSafety.neutralized(String(c.debugDescription.prefix(160)), allowLayout: false))"
    @unknown default: return "contenu inattendu"
    }
  }
}
