import EquilibreCore
import Foundation
import Testing

/// The RSA and the prime d'activité of generated households, through Équilibre's IncomeSupport
/// and through OpenFisca-France. OpenFisca's housing aid and family benefits are given back to
/// Équilibre as declared amounts: the rules compared are those of the two benefits.
@Suite("RSA et prime d'activité : oracle OpenFisca-France", .enabled(if: OpenFisca.installed, "OpenFisca-France absent : pip install openfisca-france==176.1.8 (installé par .ci/run)"))
struct BenefitsOracleTests {
  nonisolated(unsafe) static let data: [String: Any]? = OpenFisca.script("Tests/Oracle/openfisca_prestations.py 1000")

  @Test("1 000 ménages générés (salaires, chômage, AAH, retraites, pension alimentaire, enfants, loyer), 4 mois de 2025-2026 : RSA et prime d'activité au centime")
  func generated() throws {
    let data = try #require(Self.data, "l'oracle n'a pas répondu")
    let households = try #require(data["menages"] as? [[String: Any]])
    #expect(households.count == 1000)
    var counts: [String: Int] = [:]
    var largest: [String: (Rational, Int)] = [:]
    for h in households {
      let id = h["id"] as! Int
      let date = CivilDate((h["mois"] as! String) + "-01")!
      let adults = (h["adultes"] as! [[String: Any]]).enumerated().map { k, a in
        var adult = BenefitHousehold.Adult(label: "adulte \(k + 1)", age: (a["age"] as! Int) + 1)
        adult.earned = Money(euros: a["salaire"] as! Int)
        adult.aah = Money(euros: a["aah"] as! Int)
        adult.other = Money(euros: (a["chomage"] as! Int) + (a["retraite"] as! Int)) + (k == 0 ? Money(euros: h["pension_alimentaire"] as! Int) : .zero)
        return adult
      }
      let children = (h["enfants"] as! [Int]).map { $0 + 1 }.sorted()
      let aid = Money(Rational(h["aide_logement"] as! String)!)
      func household(_ familyKey: String) -> BenefitHousehold {
        BenefitHousehold(
          date: date, adults: adults, childrenAges: children, familyBenefits: Money(Rational(h[familyKey] as! String)!), housingAid: aid)
      }
      let forRSA = try IncomeSupport(household("pf_rsa"))
      let forPA = try IncomeSupport(household("pf_ppa"))
      for (name, ours, key) in [("rsa", forRSA.rsa.amount, "rsa"), ("prime_activite", forPA.primeActivite.amount, "ppa")] {
        let theirs = Rational(h[key] as! String)!
        let diff = (ours.value - theirs).magnitude
        counts[name, default: 0] += 1
        if !theirs.isZero || !ours.isZero { counts[name + " non nuls", default: 0] += 1 }
        if diff > (largest[name]?.0 ?? -1) { largest[name] = (diff, id) }
        // OpenFisca does not round (float32); the tool rounds once to the cent.
        #expect(diff <= Rational(1, 100), "\(name), ménage \(id) (\(h["mois"]!), \(h["adultes"]!), enfants \(h["enfants"]!)) : Équilibre \(ours.french), OpenFisca \(theirs)")
      }
    }
    print("Oracle OpenFisca, RSA et prime d'activité : \(counts.sorted { $0.key < $1.key }) ; plus grand écart : \(largest.mapValues { "\($0.0.frenchExact()) € (ménage \($0.1))" })")
  }
}
