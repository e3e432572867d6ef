import EquilibreCore
import Foundation
import Testing

@testable import EquilibreCases

/// Issue 32: a household's statement files are kept as pieces of the case, all of them or none,
/// with their audit entry in the same transaction, on both engines.
@Suite("Relevés bancaires gardés comme pièces du dossier")
struct StatementPieceTests {
  static let csv = Array("Date;Libellé;Montant\n05/01/2026;VIR ACME SALAIRE;1620,00\n".utf8)
  static let ofx = Array("OFXHEADER:100\nDATA:OFXSGML\n<OFX>\n</OFX>\n".utf8)

  @Test("Trois fichiers gardés ensemble, liés à la ligne des relevés ; un fichier binaire, et rien n'est gardé", arguments: Backends.all)
  func statements(_ backend: String) async throws {
    let s = try await Backends.open(try Backends.fresh(backend))
    defer { Task { try? await s.close() } }
    let ref = try await CaseStoreTests.newCase(s)
    let line = "Relevés de tous les comptes bancaires des 3 derniers mois"
    let good = [
      StatementPiece(fileName: "janvier.csv", format: .csv, content: Self.csv),
      StatementPiece(fileName: "fevrier.ofx", format: .ofx, content: Self.ofx),
    ]
    // One binary file among them, an empty one, a PDF passed off as a statement: nothing kept.
    for bad in [
      StatementPiece(fileName: "mars.csv", format: .csv, content: Array("Date;x\n".utf8) + [0, 1, 2]),
      StatementPiece(fileName: "vide.csv", format: .csv, content: []),
      StatementPiece(fileName: "avis.pdf", format: .pdf, content: Array("%PDF-1.4\n".utf8)),
    ] {
      await #expect(throws: StoreError.self, "\(bad.fileName)") {
        try await s.apply(
          .statements(files: good + [bad], date: day("2026-11-10"), checklistLine: line), to: ref, expectedVersion: nil, by: "t")
      }
    }
    var r = try await s.load(ref, by: "t")
    #expect(r.documents.isEmpty && r.file.version == 1)
    try await s.apply(.statements(files: good, date: day("2026-11-10"), checklistLine: line), to: ref, expectedVersion: 1, by: "t")
    r = try await s.load(ref, by: "t")
    #expect(r.documents.map(\.id) == ["D1", "D2"] && r.documents.map(\.format) == ["csv", "ofx"])
    #expect(r.documents.allSatisfy { $0.isPiece && $0.type == StatementPiece.type && $0.checklistLine == line })
    #expect(try await s.documentContent(ref, id: "D2") == Self.ofx)
    #expect(PieceChecklist(r).lines.first { $0.piece == line }?.received.map(\.id) == ["D1", "D2"])
    let audit = try await s.auditLog(ref)
    #expect(audit.contains { $0.action == "releves" && $0.detail.hasPrefix("relevés D1, D2 reçus du ménage (2 fichiers") })
  }
}
