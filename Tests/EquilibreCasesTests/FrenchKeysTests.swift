import Foundation
import Testing

@testable import EquilibreCases
@testable import EquilibreCore

/// Issue 28: the case's JSON (export, `suivi … --format json`) speaks one language, and the
/// exports made before, with English keys, still import.
@Suite("Clés JSON en français, anciens exports toujours lus")
struct FrenchKeysTests {
  /// Every key of a JSON value, with its path.
  static func keys(_ v: Any, _ path: String = "") -> [(String, String)] {
    if let d = v as? [String: Any] { return d.flatMap { k, x in [(k, path + "." + k)] + keys(x, path + "." + k) } }
    if let a = v as? [Any] { return a.flatMap { keys($0, path + "[]") } }
    return []
  }

  static func richRecord() async throws -> (CaseRecord, [String: [UInt8]], [AuditEntry]) {
    let s = try await Backends.open(try Backends.fresh("sqlite"))
    let ref = try await CaseStoreTests.newCase(s)
    try await s.apply(
      .openMeasure(type: .actiLoge, prescriber: "Action Logement", start: day("2026-11-01"), months: 6), to: ref, expectedVersion: nil,
      by: "t")
    try await s.apply(
      .renewMeasure(id: "M1", renewal: Renewal(date: day("2026-11-20"), months: 6, agreedBy: "comité")), to: ref, expectedVersion: nil,
      by: "t")
    try await s.apply(.closeMeasure(id: "M1", end: day("2026-11-25"), reason: "fin"), to: ref, expectedVersion: nil, by: "t")
    try await s.apply(
      .objective(theme: .budget, wording: "Tenir un budget", agreed: true, due: day("2027-01-01")), to: ref, expectedVersion: nil, by: "t")
    try await s.apply(
      .action(objective: "O1", wording: "Ouvrir un livret", due: day("2026-12-15"), owner: .menage), to: ref, expectedVersion: nil, by: "t")
    try await s.apply(
      .objectiveUpdate(
        id: "O1", status: .partiellementAtteint, wording: nil, due: nil, agreed: nil, assessment: "Budget tenu deux mois sur trois"),
      to: ref, expectedVersion: nil, by: "t")
    try await s.apply(
      .contact(
        date: day("2026-11-02"), channel: .visiteDomicile, synthesis: "Visite", privateNote: "privée", nextAppointment: day("2026-12-01")),
      to: ref, expectedVersion: nil, by: "t")
    try await s.apply(
      .document(type: "bilan", date: day("2026-11-03"), situation: 1, format: "pdf", fileName: "b.pdf", content: [1, 2]), to: ref,
      expectedVersion: nil, by: "t")
    try await s.apply(.variants(situation: 1, yaml: "", note: "aucune variante"), to: ref, expectedVersion: nil, by: "t")
    let r = try await s.load(ref, by: "t")
    let audit = try await s.auditLog(ref)
    let docs = ["D1": try await s.documentContent(ref, id: "D1")]
    try await s.close()
    return (r, docs, audit)
  }

  @Test("dossier.json : chaque clé est française ; l'export relu donne le même dossier")
  func exportKeys() async throws {
    let (record, docs, audit) = try await Self.richRecord()
    let files = try CaseArchive.files(record, documents: docs, audit: audit, exportedAt: "2026-12-04T10:00:00Z")
    let json = try #require(files.first { $0.path == "dossier.json" }).bytes
    // One French key per English name, and back.
    #expect(Set(FrenchKeys.french.values).count == FrenchKeys.french.count)
    #expect(!FrenchKeys.french.values.contains("dossier") && !FrenchKeys.french.values.contains("fichier"))
    let keys = Self.keys(try JSONSerialization.jsonObject(with: Data(json)))
    let french = Set(FrenchKeys.french.values).union(["dossier", "fichier"])
    let english = keys.filter { !french.contains($0.0) }
    #expect(english.isEmpty, "clés non traduites : \(english.map(\.1))")
    #expect(keys.contains { $0.1 == ".dossier.conseiller" } && keys.contains { $0.1 == ".situations[].fichier" })
    #expect(
      keys.contains { $0.1 == ".situations[].chiffres.reste_a_vivre" }
        && keys.contains { $0.1 == ".mesures[].renouvellements[].accorde_par" })
    #expect(String(decoding: json, as: UTF8.self).contains("\"format\": \"equilibre-dossier-2\""))
    let byPath = Dictionary(files.map { ($0.path, $0.bytes) }, uniquingKeysWith: { a, _ in a })
    let back = try CaseArchive.read { byPath[$0] }
    #expect(back.record == record)
  }

  @Test("Un export d'avant (clés anglaises, format 1) s'importe toujours, au même dossier")
  func olderExport() async throws {
    let (record, docs, audit) = try await Self.richRecord()
    var files = try CaseArchive.files(record, documents: docs, audit: audit, exportedAt: "2026-12-04T10:00:00Z")
    let i = try #require(files.firstIndex { $0.path == "dossier.json" })
    // The same manifest, written as version 1 wrote it: English keys, `equilibre-dossier-1`.
    var manifest = try FrenchKeys.decoder.decode(CaseArchive.Manifest.self, from: Data(files[i].bytes))
    manifest.format = "equilibre-dossier-1"
    let e = JSONEncoder()
    e.outputFormatting = [.sortedKeys]
    // Version 1 wrote a reference as `{"text": …}`.
    let text = String(decoding: try e.encode(manifest), as: UTF8.self)
      .replacingOccurrences(of: "\"\(record.file.ref.text)\"", with: "{\"text\":\"\(record.file.ref.text)\"}")
    files[i].bytes = Array(text.utf8)
    #expect(text.contains("{\"text\":\"EQ-2026-00001\"}"))
    #expect(String(decoding: files[i].bytes, as: UTF8.self).contains("\"counsellor\""))
    let byPath = Dictionary(files.map { ($0.path, $0.bytes) }, uniquingKeysWith: { a, _ in a })
    #expect(try CaseArchive.read { byPath[$0] }.record == record)
  }

  @Test("Une clé manquante est nommée comme le fichier l'écrit, en français")
  func missingKey() async throws {
    let (record, docs, audit) = try await Self.richRecord()
    var files = try CaseArchive.files(record, documents: docs, audit: audit, exportedAt: "2026-12-04T10:00:00Z")
    let i = try #require(files.firstIndex { $0.path == "dossier.json" })
    files[i].bytes = Array(
      String(decoding: files[i].bytes, as: UTF8.self).replacingOccurrences(of: "\"conseiller\":", with: "\"x\":").utf8)
    let byPath = Dictionary(files.map { ($0.path, $0.bytes) }, uniquingKeysWith: { a, _ in a })
    #expect(throws: StoreError.self) { _ = try CaseArchive.read { byPath[$0] } }
    do { _ = try CaseArchive.read { byPath[$0] } } catch {
      #expect("\(error)".contains("clé « conseiller » manquante"), "\(error)")
    }
  }
}

@Suite("Rendez-vous au format iCalendar (RFC 5545)")
struct AppointmentCalendarTests {
  @Test("Texte échappé (\\ ; , saut de ligne), lignes pliées à 75 octets sans couper un caractère, journée entière sans heure")
  func ics() {
    let ref = CaseRef("EQ-2026-00001")!
    let long = String(repeating: "é", count: 60) + ", fin"
    let a = Appointment(
      id: "R1", date: CivilDate(year: 2026, month: 12, day: 31)!, time: "23:30", channel: .telephone, purpose: "a\\b;c\nd", counsellor: "c")
    let b = Appointment(id: "R2", date: CivilDate(year: 2027, month: 1, day: 5)!, channel: .entretienBureau, purpose: long, counsellor: "c")
    let text = AppointmentCalendar.ics([(ref, a), (ref, b)], stamp: "20261204T100000Z")
    #expect(text.contains("DESCRIPTION:a\\\\b\\;c\\nd\r\n"))
    #expect(text.contains("DTSTART:20261231T233000\r\nDTEND:20261231T235900\r\n"))
    #expect(text.contains("DTSTART;VALUE=DATE:20270105\r\nDTEND;VALUE=DATE:20270106\r\n"))
    for line in text.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 75, "\(line)") }
    // Unfolded, the long text is whole again.
    #expect(text.replacingOccurrences(of: "\r\n ", with: "").contains("DESCRIPTION:" + String(repeating: "é", count: 60) + "\\, fin\r\n"))
    #expect(text.hasSuffix("END:VCALENDAR\r\n"))
  }
}
