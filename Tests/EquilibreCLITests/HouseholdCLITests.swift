import Foundation
import Testing

@Suite("Commandes budget, capacite, parametres, nouveau, verifier")
struct HouseholdCLITests {
  let nbsp = "\u{00A0}"

  @Test("capacite --format json : clés et montants du scénario de la mère séparée")
  func capacityJSON() throws {
    let r = try Run(["capacite", "Scenarios/parent-separe.yaml", "--format", "json"])
    #expect(r.status == 0)
    let j = r.json
    // Hand calculation in the scenario file: 1 200 − 1,8 × 651,69 (1 173,04) = 26,96.
    #expect(j["capacite_remboursement"] as? String == "26.96")
    #expect(j["terme_limitant"] as? String == "rsa_foyer")
    #expect(j["quotite_saisissable"] as? String == "105.08")
    #expect(j["rsa_foyer"] as? String == "1173.04")
    #expect(j["budget_vie_courante"] as? String == "895.00")
    #expect(j["solde_bancaire_insaisissable"] as? String == "651.69")
  }

  @Test("budget --format json --explique : clés, politique et explications sourcées")
  func budgetJSON() throws {
    let r = try Run(["budget", "Scenarios/locataire-impayes-perte-emploi.yaml", "--format", "json", "--explique"])
    #expect(r.status == 0)
    let j = r.json
    for key in [
      "ressources_mensuelles", "charges_mensuelles", "reste_a_vivre", "reste_a_vivre_par_uc_par_jour", "unites_consommation",
      "taux_effort",
    ] {
      #expect(j[key] != nil, "clé \(key)")
    }
    #expect(j["reste_a_vivre"] as? String == "405.00")
    #expect(j["reste_a_vivre_par_uc_par_jour"] as? String == "13.50")
    #expect(j["taux_effort"] as? String == "44.78")
    #expect(j["politique_reste_a_vivre"] as? String == "charges-fixes")
    let explanations = try #require(j["explications"] as? [[String: Any]])
    let perUC = try #require(explanations.first { ($0["chiffre"] as? String)?.contains("UC") == true })
    let params = try #require(perUC["parametres"] as? [[String: Any]])
    #expect(params.contains { $0["cle"] as? String == "uc.premiere_personne" && $0["source"] is String })
  }

  @Test("capacite --explique : formule, terme limitant et décret cité")
  func capacityExplained() throws {
    let r = try Run(["capacite", "Scenarios/couple-trois-enfants-revolving.yaml", "--explique"])
    #expect(r.status == 0)
    #expect(r.stdout.contains("179,00\(nbsp)€"))
    #expect(r.stdout.contains("← terme limitant"))
    #expect(r.stdout.contains("Décret n° 2025-1299"))
    #expect(r.stdout.contains("Décret n° 2026-220"))
    #expect(r.stdout.contains("forfaitaire"))
  }

  @Test("--date change les paramètres appliqués")
  func otherDate() throws {
    let r = try Run(["capacite", "Scenarios/locataire-impayes-perte-emploi.yaml", "--date", "2025-06-01", "--format", "json"])
    #expect(r.status == 0)
    #expect(r.json["solde_bancaire_insaisissable"] as? String == "646.52")
    // 2022: no seizure scale in the tool; the 2020 one stands in, said on the figure.
    let gap = try Run(["capacite", "Scenarios/locataire-impayes-perte-emploi.yaml", "--date", "2022-06-01"])
    #expect(gap.status == 0)
    #expect(gap.stdout.contains("valeur provisoire : aucune valeur connue depuis le 1er janvier 2022"))
    let before = try Run(["capacite", "Scenarios/locataire-impayes-perte-emploi.yaml", "--date", "2015-06-01"])
    #expect(before.status == 65)
  }

  @Test("parametres : valeurs, références et sources à une date")
  func parameters() throws {
    let r = try Run(["parametres", "--date", "2026-11-01"])
    #expect(r.status == 0)
    #expect(r.stdout.contains("rsa.montant_forfaitaire"))
    #expect(r.stdout.contains("651,69"))
    #expect(r.stdout.contains("Décret n° 2026-220 du 30 mars 2026"))
    #expect(r.stdout.contains("saisie.seuils_annuels"))
    let j = try Run(["parametres", "--date", "2024-06-01", "--format", "json"])
    let list = try #require(try JSONSerialization.jsonObject(with: Data(j.stdout.utf8)) as? [[String: Any]])
    let rsa = try #require(list.first { $0["cle"] as? String == "rsa.montant_forfaitaire" })
    #expect(rsa["valeur"] as? String == "635,71")
    #expect(rsa["depuis"] as? String == "2024-04-01")
  }

  @Test("nouveau : écrit un scénario valide, ne remplace jamais un fichier")
  func newScenario() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("equilibre-nouveau-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("cas.yaml").path
    let first = try Run(["nouveau", file])
    #expect(first.status == 0)
    let before = try String(contentsOfFile: file, encoding: .utf8)
    let second = try Run(["nouveau", file])
    #expect(second.status == 73)
    #expect(second.stderr.contains("existe déjà"))
    #expect(try String(contentsOfFile: file, encoding: .utf8) == before)
    #expect(try Run(["budget", file]).status == 0)
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["cas.yaml"])
  }

  @Test("verifier : 0 quand tout est retrouvé, 65 avec la ligne de l'écart")
  func verify() throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: Run.packageRoot.appendingPathComponent("Scenarios").path)
      .filter { $0.hasSuffix(".yaml") }.map { "Scenarios/" + $0 }
    let ok = try Run(["verifier"] + names)
    #expect(ok.status == 0)
    #expect(ok.stdout.split(separator: "\n").count == names.count)
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("equilibre-verifier-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let text = try String(
      contentsOfFile: Run.packageRoot.appendingPathComponent("Scenarios/apprenti-recherche-logement.yaml").path, encoding: .utf8
    )
    .replacingOccurrences(of: "capacite_remboursement: \"110,58\"", with: "capacite_remboursement: \"110,59\"")
    let file = dir.appendingPathComponent("faux.yaml")
    try text.write(to: file, atomically: true, encoding: .utf8)
    let bad = try Run(["verifier", file.path])
    #expect(bad.status == 65)
    #expect(bad.stdout.contains("attendu.capacite_remboursement : attendu 110,59, calculé 110,58"))
  }

  @Test("Scénario invalide : toutes les erreurs, code 65 ; fichier absent : 66")
  func badScenario() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("equilibre-bad-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("cas.yaml")
    try "date: 2026-11-01\nmenage:\n  - {role: demandeur, naissance: 1990-13-01}\nlogment: {}\n".write(
      to: file, atomically: true, encoding: .utf8)
    let r = try Run(["budget", file.path])
    #expect(r.status == 65)
    let lines = r.stderr.split(separator: "\n")
    #expect(lines.count == 2)
    #expect(lines.allSatisfy { $0.hasPrefix("equilibre : erreur : \(file.path):") })
    #expect(r.stderr.contains("vouliez-vous dire « logement » ?"))
    #expect(try Run(["capacite", "/nonexistent.yaml"]).status == 66)
  }
}
