import EquilibreCases
import EquilibreCore
import Foundation
import PropertyBased
import Testing

/// Issue 24 at the store: dates checked against the case and today, one limit for free texts,
/// archives checked whole before anything is written, drawings that cannot overflow, and the
/// common passwords refused.
@Suite("Base des dossiers : dates, textes, archives et mots de passe contrôlés")
struct HostileStoreTests {
  static func invalid(_ body: () async throws -> Void) async -> String? {
    do {
      try await body()
      return nil
    } catch let e as StoreError {
      return e.description
    } catch {
      return "autre : \(error)"
    }
  }

  @Test(
    "13. Contacts : pas avant l'ouverture, pas après aujourd'hui, rendez-vous pas avant le contact ; textes bornés", arguments: Backends.all
  )
  func followUpDates(_ backend: String) async throws {
    let s = try await Backends.open(try Backends.fresh(backend))
    defer { Task { try? await s.close() } }
    let ref = try await CaseStoreTests.newCase(s)  // opened on 2026-11-01; the test clock says 2026-11-23
    func contact(
      _ d: String, next: String? = nil, synthesis: String = "point", note: String? = nil, by actor: String = "C. Martin"
    ) async -> String? {
      await Self.invalid {
        try await s.apply(
          .contact(date: day(d), channel: .telephone, synthesis: synthesis, privateNote: note, nextAppointment: next.map(day)), to: ref,
          expectedVersion: nil, by: actor)
      }
    }
    #expect(await contact("2026-10-31")?.contains("précède l'ouverture du dossier") == true)
    #expect(await contact("2099-01-01")?.contains("est après aujourd'hui") == true)
    #expect(await contact("2026-11-24")?.contains("est après aujourd'hui") == true)
    #expect(await contact("2026-11-20", next: "2026-11-19")?.contains("précède le contact qui le fixe") == true)
    #expect(await contact("2026-11-20", next: "2099-01-01")?.contains("à plus de 5 ans") == true)
    #expect(
      await contact("2026-11-20", note: String(repeating: "n", count: Limits.longText + 1))?.contains(
        "note privée : 20000 caractères au plus") == true)
    #expect(
      await contact("2026-11-20", synthesis: String(repeating: "s", count: Limits.longText + 1))?.contains(
        "synthèse : 20000 caractères au plus") == true)
    #expect(await contact("2026-11-20", by: "   ")?.contains("conseiller : texte obligatoire") == true)
    #expect(await contact("2026-11-20", by: String(repeating: "c", count: 201))?.contains("conseiller : 200 caractères au plus") == true)
    // Nothing was written by the refusals; a good contact still goes through.
    #expect(try await s.load(ref, by: "t").file.version == 1)
    #expect(await contact("2026-11-20", next: "2026-12-04") == nil)
    #expect(try await s.load(ref, by: "t").file.version == 2)
    // A situation's note, and a new case's counsellor, are held to the same limits.
    var draft = try exampleDraft()
    draft.note = String(repeating: "x", count: Limits.longText + 1)
    #expect(
      await Self.invalid { try await s.apply(.situation(draft), to: ref, expectedVersion: nil, by: "t") }?.contains("note de la situation")
        == true)
    #expect(
      await Self.invalid {
        _ = try await s.openCase(
          NewCase(label: "x", counsellor: "", structure: nil, openedOn: day("2026-11-01"), situation: try exampleDraft()), by: "t")
      }?.contains("conseiller : texte obligatoire") == true)
  }

  /// An archive of the example case, to tamper with.
  static func exampleRecord() throws -> (CaseRecord, [String: [UInt8]]) {
    let draft = try exampleDraft()
    let content = Array("<p>dossier</p>".utf8)
    let sha = CaseArchive.sha(content)
    let record = CaseRecord(
      file: CaseFile(ref: CaseRef(year: 2026, number: 12), label: "Ménage", counsellor: "C. Martin", openedOn: day("2026-11-01")),
      situations: [
        SituationVersion(
          number: 1, date: draft.date, scenarioText: draft.scenarioText, figures: draft.figures, savedAt: "2026-11-01T10:00:00Z",
          savedBy: "C. Martin")
      ],
      contacts: [Contact(id: "C1", date: day("2026-11-05"), channel: .telephone, synthesis: "appel", counsellor: "C. Martin")],
      documents: [
        HandedDocument(
          id: "D1", type: "dossier", date: day("2026-11-05"), situationNumber: 1, format: "html", sha256: sha, size: content.count,
          fileName: "d.html")
      ])
    return (record, ["D1": content])
  }

  @Test("0, 1, 2, 4. Une archive est contrôlée en entier : identifiants, références, numéros, montants, empreintes")
  func importCheck() throws {
    let (good, docs) = try Self.exampleRecord()
    try good.checkForImport(documents: docs)
    func refused(_ edit: (inout CaseRecord, inout [String: [UInt8]]) -> Void) -> String {
      var r = good
      var d = docs
      edit(&r, &d)
      do {
        try r.checkForImport(documents: d)
        return "accepté"
      } catch { return error.description }
    }
    #expect(
      refused { r, d in
        r.documents[0].id = "../../tmp/x"
        d["../../tmp/x"] = d["D1"]
      }.contains("identifiant « ../../tmp/x » invalide"))
    #expect(refused { r, _ in r.contacts[0].id = "C01" }.contains("identifiant"))
    #expect(refused { r, _ in r.contacts.append(r.contacts[0]) }.contains("en double"))
    #expect(refused { r, _ in r.situations.append(r.situations[0]) }.contains("situation n° 1 figure deux fois"))
    #expect(refused { r, _ in r.situations[0].number = 2 }.contains("numéros attendus de 1 à 1"))
    #expect(
      refused { r, _ in r.situations[0].figures.totalDebts = -9_000_000_000_000_000_000 }.contains(
        "chiffres.total_dettes » : montant hors de portée"))
    #expect(refused { r, _ in r.situations[0].figures.resteAVivre = 100_000_000_000_000_000 }.contains("chiffres.reste_a_vivre"))
    #expect(refused { _, d in d["D1"] = Array("autre".utf8) }.contains("octets annoncés"))
    #expect(refused { r, _ in r.documents[0].sha256 = String(repeating: "G", count: 64) }.contains("sha256"))
    #expect(refused { r, _ in r.file.counsellor = "" }.contains("« conseiller »"))
    #expect(refused { r, _ in r.contacts[0].privateNote = String(repeating: "p", count: Limits.longText + 1) }.contains("« note_privee »"))
  }

  @Test(
    "1. Une référence d'archive n'est lue que sous sa forme canonique",
    arguments: ["EQ-2026-ABC", "", "EQ-2026-12345678901234567890", "../../x-1", "eq-2026-07104", "EQ-0000-00001", "EQ-2026-+0001"])
  func strictReference(_ text: String) throws {
    let json = Data("{\"text\": \"\(text)\"}".utf8)
    #expect(throws: DecodingError.self) { _ = try JSONDecoder().decode(CaseRef.self, from: json) }
    #expect(try JSONDecoder().decode(CaseRef.self, from: Data("{\"text\": \"EQ-2026-07104\"}".utf8)).text == "EQ-2026-07104")
  }

  @Test("0. Property : des archives modifiées au hasard sont lues ou refusées en français, jamais un piège", .timeLimit(.minutes(2)))
  func archiveFuzz() async throws {
    let (good, docs) = try Self.exampleRecord()
    let files = Dictionary(
      uniqueKeysWithValues: try CaseArchive.files(good, documents: docs, audit: [], exportedAt: "2026-11-23T10:00:00Z").map {
        ($0.path, $0.bytes)
      })
    let manifest = files["dossier.json"]!
    final class Counts: @unchecked Sendable { var accepted = 0, refused = 0 }
    let counts = Counts()
    await propertyCheck(count: 300, input: Gen.int(in: 0...(manifest.count - 1)).array(of: 1...8), Gen<UInt8>.uint8().array(of: 1...8)) {
      positions, bytes in
      var m = manifest
      for (k, p) in positions.enumerated() { m[p] = bytes[k % bytes.count] }
      var f = files
      f["dossier.json"] = m
      do {
        _ = try CaseArchive.read { f[$0] }
        counts.accepted += 1
      } catch let e as StoreError {
        #expect(!e.description.isEmpty)
        counts.refused += 1
      } catch {
        Issue.record("erreur non française : \(error)")
      }
    }
    #expect(counts.accepted + counts.refused == 300 && counts.refused > 0)
  }

  @Test("2. Le graphique d'évolution et les écarts ne débordent jamais, même sur des chiffres extrêmes")
  func chartBounds() {
    let extreme = KeyFigures(
      resources: Int.max, charges: Int.min, resteAVivre: Int.min, perUCPerDay: nil, effortRate: nil, capacity: 0, bindingTerm: "",
      totalDebts: Int.max)
    let small = KeyFigures(
      resources: 0, charges: 0, resteAVivre: Int.max, perUCPerDay: nil, effortRate: nil, capacity: 0, bindingTerm: "", totalDebts: Int.min)
    let versions = [
      SituationVersion(number: 1, date: day("2026-11-01"), scenarioText: "", figures: extreme, savedAt: "", savedBy: ""),
      SituationVersion(number: 2, date: day("2026-12-01"), scenarioText: "", figures: small, savedAt: "", savedBy: ""),
    ]
    #expect(EvolutionChart.svg(versions).hasPrefix("<svg"))
    let e = Evolution(versions)
    #expect(e.rows.first { $0.key == "reste_a_vivre" }?.change == nil)
  }

  @Test("8. Mots de passe courants, bâtis sur l'identifiant, le nom ou le logiciel : refusés avec la raison en français")
  func commonPasswords() {
    for p in [
      "Password1234", "123456789012", "azertyuiop12", "motdepasse123", "equilibre2026", String(repeating: " ", count: 12), "P@ssw0rd2026!",
      "Qwertyuiop!!", "Soleil!20262026",
    ] {
      #expect(Passwords.weakness(p, login: "claire", name: "Claire Dubois") != nil, "\(p) accepté")
    }
    #expect(Passwords.weakness("Claire-2026-dubois", login: "cdupont", name: "Claire Dubois")?.contains("votre nom") == true)
    #expect(Passwords.weakness("xx-cdupont-42-zz", login: "cdupont", name: "")?.contains("identifiant") == true)
    #expect(Passwords.weakness("Equ1l1bre-du-mois", login: "x1", name: "")?.contains("nom du logiciel") == true)
    // The list is the one its header names, and is large.
    #expect(Passwords.common.count >= 30_000)
    for p in ["Suivi-des-menages-1", "Tartine verte au quai 9", "k7#Vq2!mZp4w"] {
      #expect(Passwords.weakness(p, login: "claire", name: "Claire Dubois") == nil, "\(p) refusé")
    }
  }
}
