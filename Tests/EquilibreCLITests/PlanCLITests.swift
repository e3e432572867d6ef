import Foundation
import Testing

@Suite("Commande plan")
struct PlanCLITests {
  @Test("plan --format json : clés, mensualités, invariants au centime")
  func json() throws {
    let r = try Run(["plan", "Scenarios/couple-trois-enfants-revolving.yaml", "--format", "json"])
    #expect(r.status == 0)
    let j = r.json
    #expect(j["duree_mois"] as? Int == 84)
    #expect(j["mensualite_totale"] as? String == "179.00")
    #expect(j["moratoire_mois"] as? Int == 0)
    #expect(j["situation_irremediablement_compromise"] as? Bool == false)
    let creditors = try #require(j["creanciers"] as? [[String: Any]])
    #expect(creditors.count == 6)
    var totalRepaid = 0
    for c in creditors {
      let cents = { (k: String) in Int(((c[k] as? String) ?? "0").replacingOccurrences(of: ".", with: ""))! }
      #expect(cents("rembourse") + cents("efface") + cents("reste_du") == cents("du"))
      let monthly = try #require(c["mensualites"] as? [String])
      #expect(monthly.count == 84)
      #expect(monthly.map { Int($0.replacingOccurrences(of: ".", with: ""))! }.reduce(0, +) == cents("rembourse"))
      totalRepaid += cents("rembourse")
    }
    // 84 months × 179,00 € = 15 036,00 €, all used.
    #expect(totalRepaid == 84 * 17900)
  }

  @Test("plan --capacite, --repartition ordre, --format csv ; erreurs d'options")
  func options() throws {
    let csv = try Run([
      "plan", "Scenarios/interimaire-credits-conso.yaml", "--capacite", "300", "--repartition", "ordre", "--format", "csv",
    ])
    #expect(csv.status == 0)
    let lines = csv.stdout.split(whereSeparator: \.isNewline)
    #expect(lines.first == "mois,Crédit Auto Exemple,Banque Renouvelable,Prêteur Personnel,total,restant_du")
    // In declared order, the first creditor takes the whole 300 € in month 1.
    #expect(lines[1] == "1,300.00,0.00,0.00,300.00,17100.00")
    // 9 % on 1st November 2026: the legal rate is unknown (gap), the plan says it is above the last known one.
    let nine = try Run(["plan", "Scenarios/interimaire-credits-conso.yaml", "--taux", "9"])
    #expect(nine.status == 0 && nine.stdout.contains("DÉPASSE"))
    #expect(try Run(["plan", "Scenarios/interimaire-credits-conso.yaml", "--taux", "9", "--taux-legal", "2,62"]).status == 64)
    #expect(try Run(["plan", "Scenarios/interimaire-credits-conso.yaml", "--duree-max", "120"]).status == 64)
    #expect(try Run(["plan", "Scenarios/interimaire-credits-conso.yaml", "--repartition", "hasard"]).status == 64)
  }

  @Test("plan : moratoire quand la capacité est trop faible")
  func moratoire() throws {
    let r = try Run(["plan", "Scenarios/parent-separe.yaml", "--capacite", "10", "--format", "json"])
    #expect(r.status == 0)
    #expect(r.json["moratoire_mois"] as? Int == 24)
    #expect(r.json["date_reexamen"] as? String == "2028-11-01")
  }
}
