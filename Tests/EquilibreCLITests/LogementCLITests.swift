import Foundation
import Testing

/// `equilibre logement` on an example household, figures from the scenario's hand calculation.
@Suite("Commande equilibre logement")
struct LogementCLITests {
  @Test(
    "Mère séparée, deux enfants, département 22 : catégorie 4, revenu 2025 retenu (baisse ≥ 10 %), PLUS et PLS éligibles, PLAI 2026 à vérifier"
  )
  func example() throws {
    let r = try Run(["logement", "Scenarios/parent-separe.yaml", "--format", "json"])
    #expect(r.status == 0, "\(r.stderr)")
    let j = r.json
    #expect(j["zone"] as? String == "autres-regions")
    #expect((j["categorie_menage"] as? [String: Any])?["numero"] as? Int == 4)
    #expect(j["ressources_retenues"] as? String == "7900.00" && j["annee_ressources"] as? Int == 2025)
    let cats = try #require(j["categories"] as? [[String: Any]])
    #expect(cats.map { $0["categorie"] as! String } == ["plai", "plus", "pls", "pli"])
    #expect(cats.map { $0["statut"] as! String } == ["a_verifier", "eligible", "eligible", "a_verifier"])
    // 45 374 − 7 900 = 37 474 ; 45 374 × 1,3 = 58 986,2 → 58 986 ; 58 986 − 7 900 = 51 086.
    #expect(cats[1]["plafond"] as? String == "45374.00" && cats[1]["marge"] as? String == "37474.00")
    #expect(cats[2]["plafond"] as? String == "58986.00" && cats[2]["marge"] as? String == "51086.00")
    #expect(j["offres"] is [Any])
    let text = try Run(["logement", "Scenarios/parent-separe.yaml", "--explique"])
    #expect(text.stdout.contains("formule : (plafond PLUS catégorie 4) × 1,3, arrondi à l'euro (le plus proche)"))
    #expect(text.stdout.contains("arrêté du 19 décembre 2025"))
  }

  @Test("Sans revenu fiscal N-2 : à vérifier, avec le fait à réunir ; une année mal écrite est refusée à sa ligne")
  func missingAndErrors() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("equilibre-logement-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("cas.yaml").path
    try """
    date: 2026-03-01
    departement: "92"
    menage:
      - {prenom: Léa, role: demandeur, naissance: 1985-02-01}
    logement: {statut: locataire-prive, loyer: 500}
    """.write(toFile: path, atomically: true, encoding: .utf8)
    let r = try Run(["logement", path])
    #expect(r.status == 0)
    #expect(
      r.stdout.contains("À réunir :") && r.stdout.contains("le département 92 ne suffit pas")
        && r.stdout.contains("revenu fiscal de référence 2024"))
    try """
    date: 2026-03-01
    menage:
      - {prenom: Léa, role: demandeur, naissance: 1985-02-01}
    logement_social:
      zone: province
      revenus_fiscaux:
        deux-mille: 12000
    """.write(toFile: path, atomically: true, encoding: .utf8)
    let bad = try Run(["logement", path])
    #expect(bad.status == 65 && bad.stderr.contains("cas.yaml:7:5") && bad.stderr.contains("année attendue"), "\(bad.stderr)")
  }

  @Test("--offre FICHIER : les offres d'un bailleur s'ajoutent à celles du scénario ; une offre mal écrite est refusée à sa ligne")
  func offersFile() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("equilibre-offres-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("offres.yaml").path
    try """
    offres:
      - {nom: T2 Dinan, financement: plus, typologie: T2, zone: autres-regions, loyer: 400, charges: 50, aide_logement: 280}
    """.write(toFile: path, atomically: true, encoding: .utf8)
    let r = try Run(["logement", "Scenarios/parent-separe.yaml", "--offre", path, "--format", "json"])
    #expect(r.status == 0, "\(r.stderr)")
    let offers = try #require(r.json["offres"] as? [[String: Any]])
    #expect(offers.map { $0["nom"] as! String } == ["T3 Saint-Brieuc", "T3 Lamballe", "T4 Plérin", "T2 Dinan"])
    // T2 Dinan : 1 200 − 260 + 280 = 1 220 ; 970 − 490 + 450 = 930 ; reste à vivre 290,00 ; (450 − 280) ÷ 940 = 18,09 %.
    let after = try #require(offers[3]["apres"] as? [String: Any])
    #expect(after["reste_a_vivre"] as? String == "290.00" && after["taux_effort_apres_aide"] as? String == "18.09")
    try """
    offres:
      - {nom: T2 Dinan, financement: hlm, loyer: 400}
    """.write(toFile: path, atomically: true, encoding: .utf8)
    let bad = try Run(["logement", "Scenarios/parent-separe.yaml", "--offre", path])
    #expect(bad.status == 65 && bad.stderr.contains("offres.yaml:2") && bad.stderr.contains("financement"), "\(bad.stderr)")
  }
}
