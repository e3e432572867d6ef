import EquilibreCore
import Foundation
import Testing

/// `equilibre apurement`: the letter and the schedule print the plan the core computes, in every
/// format; a wrong option or a household without rent arrears gets a French error.
@Suite("Commande apurement : proposition de plan d'apurement au bailleur")
struct ApurementCLITests {
  @Test("parent-separe, 12 mois : 12 × 70,00 € ; JSON, HTML et Markdown donnent les mêmes chiffres que le cœur")
  func oneSource() throws {
    let json = try Run(["apurement", "Scenarios/parent-separe.yaml", "--mois", "12", "--format", "json", "--date-document", "2026-11-22"])
    #expect(json.status == 0, "\(json.stderr)")
    let data = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    #expect(data["dette"] as? String == "840,00\u{00A0}€" && data["mensualite"] as? String == "70,00\u{00A0}€")
    let rows = try #require(data["echeancier"] as? [[String: Any]])
    #expect(rows.count == 12 && rows.first?["mois"] as? String == "Décembre 2026" && rows.last?["restant"] as? String == "0,00\u{00A0}€")
    let html = try Run(["apurement", "Scenarios/parent-separe.yaml", "--mois", "12", "--date-document", "2026-11-22"])
    let marked = Dictionary(DocumentTests.marked(html.stdout), uniquingKeysWith: { a, _ in a })
    #expect(marked["mensualite_apurement"] == data["mensualite"] as? String)
    #expect(marked["dette_loyer"] == data["dette"] as? String && marked["total_mensuel"] == data["total_mensuel"] as? String)
    #expect(marked["capacite_remboursement"] == data["capacite"] as? String)
    let md = try Run(["apurement", "Scenarios/parent-separe.yaml", "--mois", "12", "--format", "md", "--date-document", "2026-11-22"])
    #expect(md.stdout.contains("12 mensualités de 70,00\u{00A0}€, à partir de décembre 2026"))
    #expect(md.stdout.contains("| 12 | Novembre 2027 | 70,00\u{00A0}€ | 0,00\u{00A0}€ |"))
  }

  @Test("--mensualite et --debut : 50 € à partir de janvier 2027, la dernière de 40 €")
  func monthly() throws {
    let r = try Run(["apurement", "Scenarios/parent-separe.yaml", "--mensualite", "50", "--debut", "2027-01", "--format", "md"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("17 mensualités de 50,00\u{00A0}€, la dernière de 40,00\u{00A0}€, à partir de janvier 2027"))
  }

  @Test("--anonyme : ni le bailleur ni le ménage, mêmes montants")
  func anonymous() throws {
    let r = try Run(["apurement", "Scenarios/parent-separe.yaml", "--mois", "12", "--format", "md", "--anonyme"])
    #expect(r.status == 0 && !r.stdout.contains("Office HLM Exemple") && r.stdout.contains("Créancier 1"))
    #expect(r.stdout.contains("840,00\u{00A0}€") && r.stdout.contains("70,00\u{00A0}€"))
  }

  @Test(
    "Erreurs en français, sortie non nulle, rien d'écrit",
    arguments: [
      (["--format", "md"], 64, "indiquez la durée (--mois N) ou la mensualité"),
      (["--mois", "6", "--mensualite", "50"], 64, "l'un ou l'autre, pas les deux"),
      (["--mensualite", "beaucoup"], 64, "n'est pas un montant"),
      (["--mois", "6", "--debut", "2027-13"], 64, "n'est pas un mois (AAAA-MM"),
      (["--mois", "0"], 65, "entre 1 et 120 mois"),
      (["--mois", "6", "--bailleur", "Personne"], 65, "aucune dette de loyer envers « Personne »"),
    ])
  func errors(_ args: [String], _ code: Int32, _ message: String) throws {
    let r = try Run(["apurement", "Scenarios/parent-separe.yaml"] + args)
    #expect(r.status == code, "\(args) : \(r.status) \(r.stderr)")
    #expect(r.stderr.contains(message) && r.stdout.isEmpty, "\(args) : \(r.stderr)")
  }

  @Test("Un ménage sans dette de loyer : refusé (65), le fichier nommé")
  func noRentDebt() throws {
    let r = try Run(["apurement", "Scenarios/couple-trois-enfants-revolving.yaml", "--mois", "6"])
    #expect(r.status == 65 && r.stderr.contains("couple-trois-enfants-revolving.yaml : aucune dette de loyer"), "\(r.stderr)")
  }
}
