import EquilibreCore
import Foundation
import Testing

/// The housing aid, the RSA and the prime d'activité of generated households, through Équilibre's
/// Benefits and through OpenFisca-France. OpenFisca's family benefits are given back to Équilibre
/// as declared amounts.
@Suite(
  "Aide au logement, RSA et prime d'activité : oracle OpenFisca-France",
  .enabled(if: OpenFisca.installed, "OpenFisca-France absent : pip install openfisca-france==176.1.8 (installé par .ci/run)"))
struct BenefitsOracleTests {
  nonisolated(unsafe) static let data: [String: Any]? = OpenFisca.script("Tests/Oracle/openfisca_prestations.py 3000")

  /// A social tenant in July or August 2025: the quarter before straddles the RLS amounts of
  /// 1 June 2025, which move the housing aid, hence the forfait logement of OpenFisca's mean.
  static func straddlesRLSChange(_ h: [String: Any]) -> Bool {
    (h["statut"] as! String) == "locataire_hlm" && ["2025-07", "2025-08"].contains(h["mois"] as! String)
  }

  static func knownClasses() throws -> [String: [String: Any]] {
    let url = Run.packageRoot.appendingPathComponent("Tests/Oracle/ecarts-connus.json")
    let file = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
    return try #require(file?["prestations"] as? [String: [String: Any]])
  }

  @Test(
    "3 000 ménages générés (salaires, chômage, AAH, retraites, pension alimentaire, enfants, loyer), 4 mois de 2025-2026 : RSA et prime d'activité au centime, l'aide au logement d'OpenFisca donnée"
  )
  func generated() throws {
    let data = try #require(Self.data, "l'oracle n'a pas répondu")
    let households = try #require(data["menages"] as? [[String: Any]])
    #expect(households.count == 3000)
    let knownClasses = try Self.knownClasses()
    var used: [String: Int] = [:]
    var counts: [String: Int] = [:]
    var largest: [String: (Rational, Int)] = [:]
    for h in households {
      let id = h["id"] as! Int
      let date = CivilDate((h["mois"] as! String) + "-01")!
      let adults = (h["adultes"] as! [[String: Any]]).enumerated().map { k, a in
        var adult = BenefitHousehold.Adult(label: "adulte \(k + 1)", age: (a["age"] as! Int) + 1)
        adult.earned = Money(euros: a["salaire"] as! Int)
        adult.aah = Money(euros: a["aah"] as! Int)
        adult.other =
          Money(euros: (a["chomage"] as! Int) + (a["retraite"] as! Int)) + (k == 0 ? Money(euros: h["pension_alimentaire"] as! Int) : .zero)
        return adult
      }
      let children = (h["enfants"] as! [Int]).map { $0 + 1 }.sorted()
      // The aid OpenFisca's own RSA and prime d'activité used (see openfisca_prestations.py).
      let aid = Money(Rational(h["aide_logement_cycle"] as! String)!)
      func household(_ familyKey: String) -> BenefitHousehold {
        BenefitHousehold(
          date: date, adults: adults, childrenAges: children, familyBenefits: Money(Rational(h[familyKey] as! String)!), housingAid: aid)
      }
      let forRSA = try IncomeSupport(household("pf_rsa"))
      let forPA = try IncomeSupport(household("pf_ppa"))
      let straddles = Self.straddlesRLSChange(h)
      if straddles { _ = try #require(knownClasses["prime_activite.moyenne_trimestrielle"]) }
      for (name, ours, key) in [("rsa", forRSA.rsa.amount, "rsa"), ("prime_activite", forPA.primeActivite.amount, "ppa")] {
        if name == "prime_activite" && straddles {
          used["prime_activite.moyenne_trimestrielle", default: 0] += 1
          continue
        }
        let theirs = Rational(h[key] as! String)!
        let diff = (ours.value - theirs).magnitude
        counts[name, default: 0] += 1
        if !theirs.isZero || !ours.isZero { counts[name + " non nuls", default: 0] += 1 }
        if diff > (largest[name]?.0 ?? -1) { largest[name] = (diff, id) }
        // OpenFisca does not round (float32); the tool rounds once to the cent.
        #expect(
          diff <= Rational(1, 100),
          "\(name), ménage \(id) (\(h["mois"]!), \(h["adultes"]!), enfants \(h["enfants"]!)) : Équilibre \(ours.french), OpenFisca \(theirs)"
        )
      }
    }
    print(
      "Oracle OpenFisca, RSA et prime d'activité : \(counts.sorted { $0.key < $1.key }) ; écarts connus : \(used) ; plus grand écart : \(largest.mapValues { "\($0.0.frenchExact()) € (ménage \($0.1))" })"
    )
    #expect(used["prime_activite.moyenne_trimestrielle", default: 0] > 0)
  }

  /// The same households through the whole chain: the housing aid computed by Équilibre (zone
  /// from the commune, furnished, flat share, RLS), then the RSA and the prime d'activité with it.
  @Test("3 000 ménages : aide au logement à l'euro, puis RSA et prime d'activité avec l'aide calculée")
  func wholeChain() throws {
    let data = try #require(Self.data, "l'oracle n'a pas répondu")
    let households = try #require(data["menages"] as? [[String: Any]])
    // Known differences, each with its legal reason (Tests/Oracle/ecarts-connus.json, « prestations »).
    let knownClasses = try Self.knownClasses()
    var counts: [String: Int] = [:]
    var used: [String: Int] = [:]
    var largest = (Rational.zero, -1)
    for h in households {
      let id = h["id"] as! Int
      let date = CivilDate((h["mois"] as! String) + "-01")!
      let adultsData = h["adultes"] as! [[String: Any]]
      let adults = adultsData.enumerated().map { k, a in
        var adult = BenefitHousehold.Adult(label: "adulte \(k + 1)", age: (a["age"] as! Int) + 1)
        adult.earned = Money(euros: a["salaire"] as! Int)
        adult.aah = Money(euros: a["aah"] as! Int)
        let maintenance = k == 0 ? Money(euros: h["pension_alimentaire"] as! Int) : .zero
        adult.other = Money(euros: (a["chomage"] as! Int) + (a["retraite"] as! Int)) + maintenance
        adult.taxableEarned = adult.earned
        adult.taxableUnemployment = Money(euros: a["chomage"] as! Int)
        adult.taxablePensions = Money(euros: a["retraite"] as! Int) + maintenance
        return adult
      }
      let children = (h["enfants"] as! [Int]).map { $0 + 1 }.sorted()
      let status = h["statut"] as! String
      let commune = h["commune"] as! String
      var tenancy = BenefitHousehold.Tenancy(
        status: status == "locataire_hlm" ? .locataireSocial : .locatairePrive, rent: Money(euros: h["loyer"] as! Int),
        zone: APLZoning.zone(ofCommune: commune), zoneWhy: "commune \(commune)")
      tenancy.furnished = status == "locataire_meuble"
      tenancy.flatShare = h["coloc"] as! Bool
      tenancy.conventionne = status == "locataire_hlm"
      func household(_ familyKey: String) -> BenefitHousehold {
        var b = BenefitHousehold(
          date: date, adults: adults, childrenAges: children, familyBenefits: Money(Rational(h[familyKey] as! String)!))
        b.tenancy = tenancy
        return b
      }
      let forRSA = try Benefits(household("pf_rsa"))
      let forPA = try Benefits(household("pf_ppa"))
      let aid = try #require(forRSA.housingAid.amount, "ménage \(id) : aide non calculée (\(forRSA.housingAid.reason ?? ""))")
      // OpenFisca compares one month's salary with 12 BMAF for the double-activity abatement
      // (aide_logement_biactivite); the tool, the year's income as CCH R822-7 says: known gap.
      let bmaf = try ParameterSet.national.number("prestations_familiales.bmaf", on: date).0
      let doubleActivity = adults.count == 2 && adults.allSatisfy { $0.taxableEarned.value >= bmaf }
      let theirs = Rational(h["aide_logement"] as! String)!
      let diff = (aid.value - theirs).magnitude
      counts["aide_logement", default: 0] += 1
      if !theirs.isZero { counts["aide_logement non nulles", default: 0] += 1 }
      if doubleActivity && !diff.isZero {
        let entry = try #require(knownClasses["aide_logement.double_activite"])
        used["aide_logement.double_activite", default: 0] += 1
        let bound = Rational((entry["ecart_max_euros"] as? Int) ?? 0)
        #expect(
          diff <= bound,
          "aide au logement, ménage \(id) (double activité, écart connu ≤ \(bound) €) : Équilibre \(aid.french), OpenFisca \(theirs)")
        continue
      }
      if diff > largest.0 { largest = (diff, id) }
      if !diff.isZero { counts["aide_logement à 1 € près", default: 0] += 1 }
      // The issue's bound: no difference above 1 € a month. OpenFisca floors in float32 before
      // rounding to the euro, which moves a few aids by exactly one euro.
      #expect(
        diff <= 1,
        "aide au logement, ménage \(id) (\(h["mois"]!), \(status), commune \(commune), loyer \(h["loyer"]!), coloc \(h["coloc"]!), \(adultsData), enfants \(h["enfants"]!)) : Équilibre \(aid.french), OpenFisca \(theirs)\n\(forRSA.housingAid.explanation.frenchLines.joined(separator: "\n"))"
      )
      // OpenFisca's RSA and prime d'activité rest on the aid of its cycle: where that differs
      // from the month's aid, they are not compared (known difference, with its reason).
      if h["aide_logement_cycle"] as! String != h["aide_logement"] as! String {
        _ = try #require(knownClasses["rsa_prime_activite.cycle_openfisca"])
        used["rsa_prime_activite.cycle_openfisca", default: 0] += 1
        continue
      }
      for (name, ours, key) in [
        ("rsa", forRSA.incomeSupport.rsa.amount, "rsa"), ("prime_activite", forPA.incomeSupport.primeActivite.amount, "ppa"),
      ] {
        if name == "prime_activite" && Self.straddlesRLSChange(h) {
          used["prime_activite.moyenne_trimestrielle", default: 0] += 1
          continue
        }
        let theirs = Rational(h[key] as! String)!
        counts[name, default: 0] += 1
        // An aid one euro apart moves these by at most that euro (the aid is a resource, counted once).
        #expect(
          (ours.value - theirs).magnitude <= Rational(1, 100) + diff,
          "\(name) avec l'aide calculée, ménage \(id) : Équilibre \(ours.french), OpenFisca \(theirs)")
      }
    }
    print(
      "Oracle OpenFisca, chaîne complète : \(counts.sorted { $0.key < $1.key }) ; écarts connus : \(used) ; plus grand écart hors liste : \(largest.0.frenchExact()) € (ménage \(largest.1))"
    )
    for k in knownClasses.keys {
      #expect(used[k, default: 0] > 0, "écart connu « \(k) » jamais rencontré : entrée périmée dans ecarts-connus.json ?")
    }
    #expect(counts["aide_logement non nulles", default: 0] > 1000)
    // The one-euro tolerance must stay an exception, not hide a systematic gap.
    #expect(counts["aide_logement à 1 € près", default: 0] <= 15, "trop d'aides à un euro près : écart systématique ?")
  }
}
