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
  }

  static func sha(_ bytes: [UInt8]) -> String { SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined() }

  /// A file name safe on every system: letters, digits, `.`, `-` and `_` only.
  static func safeName(_ s: String) -> String {
    String(s.map { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) ? $0 : "_" }.prefix(80))
  }

  /// Writes the case into the new folder `directory` (which must not exist), built beside it
  /// under a temporary name and renamed into place when complete.
  public static func write(
    _ record: CaseRecord, documents: [String: [UInt8]], audit: [AuditEntry], to directory: String, exportedAt: String
  ) throws {
    let fm = FileManager.default
    if fm.fileExists(atPath: directory) { throw StoreError.unavailable("\(directory.excerptPath) existe déjà : l'export crée un nouveau dossier") }
    let parent = (directory as NSString).deletingLastPathComponent
    let temp = ((parent.isEmpty ? "." : parent) as NSString).appendingPathComponent(".\((directory as NSString).lastPathComponent).\(getpid()).tmp")
    do {
      try fm.createDirectory(atPath: temp, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
    } catch {
      throw StoreError.unavailable("\(directory.excerptPath) : dossier d'export impossible à créer")
    }
    var done = false
    defer { if !done { try? fm.removeItem(atPath: temp) } }
    func put(_ relative: String, _ bytes: [UInt8]) throws {
      let path = (temp as NSString).appendingPathComponent(relative)
      let sub = (path as NSString).deletingLastPathComponent
      if !fm.fileExists(atPath: sub) { try fm.createDirectory(atPath: sub, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700]) }
      guard fm.createFile(atPath: path, contents: Data(bytes), attributes: [.posixPermissions: 0o600]) else {
        throw StoreError.unavailable("\(relative) : écriture impossible")
      }
    }
    var manifest = Manifest(
      format: "equilibre-dossier-1", exportedAt: exportedAt, file: record.file, situations: [], measures: record.measures,
      objectives: record.objectives, contacts: record.contacts, documents: [], audit: audit)
    for s in record.situations {
      let name = "situations/\(s.number)-\(s.date).yaml"
      let bytes = Array(s.scenarioText.utf8)
      try put(name, bytes)
      manifest.situations.append(
        .init(number: s.number, date: s.date, file: name, sha256: sha(bytes), figures: s.figures, note: s.note, savedAt: s.savedAt, savedBy: s.savedBy))
    }
    for d in record.documents {
      let name = "documents/\(d.id)-\(safeName(d.fileName))"
      try put(name, documents[d.id] ?? [])
      manifest.documents.append(.init(document: d, file: name))
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    try put("dossier.json", Array(try encoder.encode(manifest)))
    guard !fm.fileExists(atPath: directory), rename(temp, directory) == 0 else {
      throw StoreError.unavailable("\(directory.excerptPath) : impossible de nommer l'export")
    }
    done = true
  }

  /// Reads an exported folder back: the case and the documents' contents, every file checked
  /// against its SHA-256.
  public static func read(_ directory: String) throws -> (record: CaseRecord, documents: [String: [UInt8]]) {
    func get(_ relative: String) throws -> [UInt8] {
      guard !relative.contains(".."), !relative.hasPrefix("/") else { throw StoreError.invalid("\(relative) : chemin refusé dans l'export") }
      let path = (directory as NSString).appendingPathComponent(relative)
      guard let data = FileManager.default.contents(atPath: path) else { throw StoreError.invalid("\(relative) : fichier absent de l'export") }
      return Array(data)
    }
    let manifest: Manifest
    do {
      manifest = try JSONDecoder().decode(Manifest.self, from: Data(try get("dossier.json")))
    } catch let e as StoreError {
      throw e
    } catch {
      throw StoreError.invalid("\((directory as NSString).appendingPathComponent("dossier.json").excerptPath) : export illisible ou d'un autre format")
    }
    guard manifest.format == "equilibre-dossier-1" else { throw StoreError.invalid("dossier.json : format d'export inconnu") }
    var record = CaseRecord(file: manifest.file, measures: manifest.measures, objectives: manifest.objectives, contacts: manifest.contacts)
    for s in manifest.situations {
      let bytes = try get(s.file)
      guard sha(bytes) == s.sha256 else { throw StoreError.invalid("\(s.file) : l'empreinte SHA-256 ne correspond pas, fichier modifié") }
      guard let text = String(validating: bytes, as: UTF8.self) else { throw StoreError.invalid("\(s.file) : texte UTF-8 attendu") }
      record.situations.append(
        SituationVersion(number: s.number, date: s.date, scenarioText: text, figures: s.figures, note: s.note, savedAt: s.savedAt, savedBy: s.savedBy))
    }
    var contents: [String: [UInt8]] = [:]
    for d in manifest.documents {
      contents[d.document.id] = try get(d.file)
      record.documents.append(d.document)
    }
    return (record, contents)
  }
}
