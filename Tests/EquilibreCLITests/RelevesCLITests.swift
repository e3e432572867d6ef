import Foundation
import Testing

@Suite("equilibre releves : trois relevés, une proposition à confirmer, rien d'écrasé, refus en français")
struct RelevesCLITests {
  static func folder() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("releves-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    for name in ["locataire-impayes-perte-emploi.yaml"] + (1...3).map({ "releve-exemple-2026-0\($0).csv" }) {
      try FileManager.default.copyItem(
        at: Run.packageRoot.appendingPathComponent("Scenarios/\(name)"), to: dir.appendingPathComponent(name))
    }
    return dir
  }

  @Test("Les relevés d'exemple : tableau, proposition marquée « source: releve », restant dû à compléter, explications")
  func proposal() throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let scenario = dir.appendingPathComponent("locataire-impayes-perte-emploi.yaml").path
    let before = try String(contentsOfFile: scenario, encoding: .utf8)
    let files = (1...3).map { dir.appendingPathComponent("releve-exemple-2026-0\($0).csv").path }
    let r = try Run(["releves", scenario] + files + ["--explique"])
    #expect(r.status == 0, "\(r.stderr)")
    let nbsp = "\u{00A0}€"
    for words in [
      "Crédit Mutuel / CIC", "ressource : prestations familiales", "CAF GIRONDE", "Cofinoga (crédit renouvelable) : 94,42\(nbsp)",
      "à découvert de 913,58\(nbsp) en fin de relevé", "2 : 28,00\(nbsp)", "2 : 172,37\(nbsp)", "Explications",
      "releve-exemple-2026-01.csv:3, le 5 janvier 2026, 427,68\(nbsp)", "Restant dû à compléter avant tout calcul : Cofinoga",
    ] {
      #expect(r.stdout.contains(words), "« \(words) » absent")
    }
    let proposal = try String(contentsOf: dir.appendingPathComponent("locataire-impayes-perte-emploi-releves.yaml"), encoding: .utf8)
    #expect(proposal.contains("source: releve") && proposal.contains("restant_du: \"à compléter\""))
    #expect(proposal.contains("- banque: \"Crédit Mutuel / CIC\"") && proposal.contains("solde: \"-913.58\""))
    // The incidents of each month, for the filing's account of the causes.
    #expect(r.stdout.contains("(3 mois écrits dans « incidents_bancaires », repris par le brouillon de dépôt)"))
    #expect(
      proposal.contains("incidents_bancaires:\n  - mois: 2026-01\n    compte: \"Crédit Mutuel / CIC\"\n    rejets: 1\n    frais: \"28.00\"")
    )
    #expect(try String(contentsOfFile: scenario, encoding: .utf8) == before, "le scénario donné n'est jamais modifié")
    // The proposal is refused until the amount owed is written, with its line.
    let budget = try Run(["budget", dir.appendingPathComponent("locataire-impayes-perte-emploi-releves.yaml").path])
    #expect(budget.status == 65 && budget.stderr.contains("restant dû à compléter"))
    // A second run does not replace the proposal without --force.
    #expect(try Run(["releves", scenario] + files).status == 73)
  }

  @Test("Un relevé refusé : code 65, fichier et ligne, aucune proposition écrite")
  func refusal() throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let bad = dir.appendingPathComponent("casse.csv")
    try Data("Date;Date de valeur;Montant;Libellé;Solde\n02/02/2026;02/02/2026;-1,00;=CMD(1);0\n".utf8).write(to: bad)
    let scenario = dir.appendingPathComponent("locataire-impayes-perte-emploi.yaml").path
    let r = try Run(["releves", scenario, dir.appendingPathComponent("releve-exemple-2026-01.csv").path, bad.path])
    #expect(r.status == 65 && r.stderr.contains("casse.csv:2") && r.stderr.contains("formule"))
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("locataire-impayes-perte-emploi-releves.yaml").path))
    let missing = try Run(["releves", scenario, dir.appendingPathComponent("absent.csv").path])
    #expect(missing.status == 66 && missing.stderr.contains("introuvable"))
  }
}
