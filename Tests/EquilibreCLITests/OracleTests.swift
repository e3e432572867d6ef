import EquilibreCore
import Foundation
import Testing

/// OpenFisca-France as a differential oracle: the RSA of every household composition and every
/// parameter both tools hold, compared at every date where either changes, and 2 000 generated
/// households through the shared rules. `.ci/run` installs the pinned version in a virtual
/// environment (`EQUILIBRE_PYTHON_ORACLE`); without it the suite is skipped with its reason shown.
/// Known, justified differences are listed with their legal reason in `Tests/Oracle/ecarts-connus.json`.
enum OpenFisca {
  static let version = "176.1.8"

  /// The Python of the oracles: `.ci/run`'s virtual environment, else `python3`.
  static var python: String {
    let p = ProcessInfo.processInfo.environment["EQUILIBRE_PYTHON_ORACLE"] ?? ""
    return p.isEmpty ? "python3" : p
  }

  static func script(_ command: String) -> [String: Any]? {
    let r = try? Run(["-c", "exec '\(python)' \(command)"], shell: true)
    guard let r, r.status == 0 else { return nil }
    return (try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8))) as? [String: Any]
  }

  /// The oracle's output, computed once (the script takes about 20 s).
  nonisolated(unsafe) static let data: [String: Any]? = script("Tests/Oracle/openfisca_oracle.py")

  /// 2 000 generated households (about 25 s).
  nonisolated(unsafe) static let households: [String: Any]? = script("Tests/Oracle/openfisca_menages.py 2000")

  static let installed: Bool = {
    (try? Run(["-c", "'\(python)' -c 'import openfisca_france' 2>/dev/null"], shell: true).status) == 0
  }()

  /// `Tests/Oracle/ecarts-connus.json`: each known difference with its reason.
  nonisolated(unsafe) static let known: [String: [String: String]] = {
    let url = Run.packageRoot.appendingPathComponent("Tests/Oracle/ecarts-connus.json")
    guard let data = try? Data(contentsOf: url), let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
      return [:]
    }
    return object.compactMapValues { $0 as? [String: String] }
  }()

  /// Our parameter, OpenFisca's path, and how to read our value (an element of a list).
  static let pairs: [(ours: String, theirs: String, element: Int?)] = [
    ("rsa.montant_forfaitaire", "prestations_sociales.solidarite_insertion.minima_sociaux.rsa.rsa_m.montant_de_base_du_rsa", nil),
    (
      "rsa.majoration.deuxieme_personne",
      "prestations_sociales.solidarite_insertion.minima_sociaux.rsa.rsa_maj.maj_montant_max.couples_celibataire_avec_enfant", nil
    ),
    (
      "rsa.majoration.personne_supplementaire",
      "prestations_sociales.solidarite_insertion.minima_sociaux.rsa.rsa_maj.maj_montant_max.couple_1_enfant_ou_2e_enfant", nil
    ),
    (
      "rsa.majoration.a_partir_du_troisieme_enfant",
      "prestations_sociales.solidarite_insertion.minima_sociaux.rsa.rsa_maj.maj_montant_max.par_enfant_supplementaire", nil
    ),
    ("smic.horaire_brut", "marche_travail.salaire_minimum.smic.smic_b_horaire", nil),
    ("visale.age_max", "prestations_sociales.aides_logement.action_logement.visale.eligibilite.age_max", nil),
    ("visale.part_aide_logement", "prestations_sociales.aides_logement.action_logement.visale.quote_part_aides_logement", nil),
    ("visale.plafond_loyer", "prestations_sociales.aides_logement.action_logement.visale.plafond_loyer.cas_general.ile_de_france", 0),
    ("visale.plafond_loyer", "prestations_sociales.aides_logement.action_logement.visale.plafond_loyer.cas_general.hors_ile_de_france", 2),
    ("mobili_jeune.age_max", "prestations_sociales.education.mobilite.mobili_jeune.age_maximum", nil),
  ]

  static var knownRSADifferences: [String: String] { known["rsa"] ?? [:] }
  static var knownDifferences: [String: String] { known["parametres"] ?? [:] }
  static var knownHousingDifferences: [String: String] { known["logement_social"] ?? [:] }
  static var knownClasses: [String: String] { known["classes"] ?? [:] }
}

@Suite(
  "OpenFisca-France, oracle différentiel",
  .enabled(if: OpenFisca.installed, "OpenFisca-France absent : pip install openfisca-france==176.1.8 (installé par .ci/run)"))
struct OracleTests {
  @Test("Version d'OpenFisca-France épinglée")
  func pinnedVersion() throws {
    let r = try Run(["-c", "'\(OpenFisca.python)' -m pip show openfisca-france | sed -n 's/^Version: //p'"], shell: true)
    #expect(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == OpenFisca.version)
  }

  @Test("RSA du foyer : 1 ou 2 adultes × 0 à 6 enfants, à chaque date de revalorisation")
  func rsaByComposition() throws {
    let data = try #require(OpenFisca.data, "l'oracle n'a pas répondu")
    let cases = try #require(data["rsa"] as? [[String: Any]])
    #expect(cases.count >= 14 * 5)
    var seen = Set<String>()
    for c in cases {
      let month = c["mois"] as! String
      let adults = c["adultes"] as! Int
      let children = c["enfants"] as! Int
      let theirs = Rational(c["montant"] as! String)!
      let date = CivilDate(month + "-01")!
      let ours = try RSAHousehold(
        hasPartner: adults == 2, dependants: (0..<children).map { (label: "enfant \($0 + 1)", isYoung: true) },
        parameters: .national, on: date)
      // OpenFisca computes in 32-bit floats and does not round: the exact amount must agree to
      // a tenth of a cent, and the amount rounded to the cent must be OpenFisca's rounded.
      let exact = ours.base.value * ours.multiplier
      #expect((exact - theirs).magnitude < Rational(1, 1000), "\(month), \(adults) adulte(s), \(children) enfant(s)")
      let key = "\(month)/\(adults)/\(children)"
      let theirsRounded = Money(theirs).roundedToCents(.halfAwayFromZero)
      if ours.amount != theirsRounded {
        if OpenFisca.knownRSADifferences[key] != nil {
          seen.insert(key)
          // The listed reason holds: an exact half-cent, and one cent apart.
          #expect((exact * 200).isInteger && !(exact * 100).isInteger, "\(key)")
          #expect(ours.amount - theirsRounded == Money(cents: 1), "\(key)")
        } else {
          Issue.record("\(key) : Équilibre \(ours.amount.french), OpenFisca \(theirsRounded.french) (\(c["montant"] as! String))")
        }
      }
    }
    #expect(seen == Set(OpenFisca.knownRSADifferences.keys), "écarts connus périmés")
  }

  @Test("Paramètres communs : mêmes valeurs à chaque date où l'un ou l'autre change, écarts connus expliqués")
  func sharedParameters() throws {
    let data = try #require(OpenFisca.data, "l'oracle n'a pas répondu")
    let parameters = try #require(data["parametres"] as? [String: [[Any]]])
    let set = ParameterSet.national
    var seenKnown = Set<String>()
    for (ours, theirs, element) in OpenFisca.pairs {
      let history = try #require(parameters[theirs], "\(theirs)")
      let theirDates = history.compactMap { ($0[0] as? String).flatMap { CivilDate($0) } }
      let ourDates = set.parameters[ours]!.values.map(\.from)
      let first = ourDates.min()!
      for date in Set(theirDates + ourDates).sorted() where date >= first {
        guard let use = try? set.use(ours, on: date) else { continue }
        guard let entry = history.last(where: { (CivilDate($0[0] as! String)!) <= date }), let text = entry[1] as? String else {
          continue
        }
        let theirValue = Rational(text)!
        let ourValue: Rational
        switch use.value {
        case .number(let r): ourValue = r
        case .numbers(let list): ourValue = list[element!]
        default:
          Issue.record("\(ours) : valeur non numérique")
          continue
        }
        let key = "\(ours)\(element.map { "[\($0)]" } ?? "")@\(use.from)"
        if ourValue != theirValue {
          if OpenFisca.knownDifferences[key] != nil {
            seenKnown.insert(key)
          } else {
            Issue.record("\(key) : Équilibre \(ourValue.frenchExact()), OpenFisca \(theirValue.frenchExact()) au \(date)")
          }
        }
      }
    }
    // A known difference that no longer shows is stale: remove it from the list.
    #expect(seenKnown == Set(OpenFisca.knownDifferences.keys))
  }

  @Test(
    "Plafonds PLAI et PLUS : chaque cellule qu'OpenFisca-France connaît, de 2017 à 2026, zones et catégories 1 à 6 et personne supplémentaire"
  )
  func socialHousingCeilings() throws {
    let data = try #require(OpenFisca.data, "l'oracle n'a pas répondu")
    let cells = try #require(data["logement_social"] as? [String: [[Any]]])
    let zones = ["paris_communes_limitrophes": "paris_limitrophes", "ile_de_france": "ile_de_france", "autres_regions": "autres_regions"]
    var compared = 0
    var seenKnown = Set<String>()
    for (cell, history) in cells {
      let parts = cell.split(separator: ".").map(String.init)
      let (fin, zone, index) = (parts[0], zones[parts[1]]!, Int(parts[2])! - 1)
      for entry in history {
        guard let text = entry[1] as? String, let date = CivilDate(entry[0] as! String), date >= CivilDate(year: 2017, month: 1, day: 1)!
        else { continue }
        let (ours, use) = try ParameterSet.national.numbers("logement_social.plafonds.\(fin).\(zone)", on: date)
        let key = "\(fin).\(zone)[\(index)]@\(use.from)"
        compared += 1
        if ours[index] != Rational(text)! {
          if OpenFisca.knownHousingDifferences[key] != nil {
            seenKnown.insert(key)
          } else {
            Issue.record("\(key) : Équilibre \(ours[index].frenchExact()), OpenFisca \(text)")
          }
        }
      }
    }
    // PLUS: 10 years × 21 cells; PLAI: 6 years × 21 cells (OpenFisca stops at 2022).
    #expect(compared >= 16 * 21)
    #expect(seenKnown == Set(OpenFisca.knownHousingDifferences.keys))
  }

  @Test("Catégorie de ménage : celle d'OpenFisca-France, jeune ménage compris (27 + 28 ans → 3 ; 28 + 28 → 2) et au-delà de la 6e")
  func householdCategories() throws {
    let data = try #require(OpenFisca.data, "l'oracle n'a pas répondu")
    let cases = try #require(data["categories_logement_social"] as? [[String: Any]])
    #expect(cases.count == 11)
    for c in cases {
      let ages = c["ages"] as! [Int]
      let children = c["enfants"] as! Int
      let ours = SocialHousingEligibility.category(
        persons: ages.count + children, dependants: children, couple: ages.count == 2,
        agesOfCouple: ages.count == 2 ? (ages[0], ages[1]) : nil,
        disabledMember: false)
      #expect(ours.number == c["categorie"] as! Int, "\(ages) + \(children) enfant(s)")
      // Beyond the sixth category OpenFisca adds one "personne supplémentaire" per dependant past 4.
      #expect(ours.extraPersons == max(0, children - 4), "\(ages) + \(children) enfant(s)")
    }
  }

  /// The counts of the last run of ``generatedHouseholds()``, per rule, for the closing note.
  @Test("2 000 ménages générés : RSA forfaitaire par composition, catégorie HLM et plafond PLAI par zone et par année, de 2017 à 2026")
  func generatedHouseholds() throws {
    let data = try #require(OpenFisca.households, "l'oracle n'a pas répondu")
    let households = try #require(data["menages"] as? [[String: Any]])
    #expect(households.count == 2000)
    var counts: [String: Int] = [:]
    var classesSeen = Set<String>()
    func known(_ cls: String) {
      #expect(OpenFisca.knownClasses[cls] != nil, "classe d'écart non listée : \(cls)")
      classesSeen.insert(cls)
      counts["écart connu " + cls, default: 0] += 1
    }
    for h in households {
      let id = h["id"] as! Int
      let month = h["mois"] as! String
      let date = CivilDate(month + "-01")!
      let adults = h["adultes"] as! [Int]
      let children = h["enfants"] as! [Int]
      // The script gives birth dates of 1st January, (year − age − 1): the same members here.
      func born(_ age: Int) -> CivilDate { CivilDate(year: date.year - age - 1, month: 1, day: 1)! }
      var members = [Member(name: "A", role: .demandeur, birthDate: born(adults[0]))]
      if adults.count == 2 { members.append(Member(name: "B", role: .conjoint, birthDate: born(adults[1]))) }
      for (k, age) in children.enumerated() { members.append(Member(name: "E\(k)", role: .enfant, birthDate: born(age))) }
      var s = Scenario(date: date, members: members)
      s.socialHousing = SocialHousingFacts(commune: h["commune"] as? String)
      let tag = "ménage \(id) (\(month), \(adults) + \(children))"

      // RSA: children under 25 count (CASF R262-3); exact to a tenth of a cent, and to the cent
      // once rounded, except an exact half-cent (known class).
      let young = members.filter { $0.role == .enfant && $0.age(on: date) < 25 }
      let rsa = try RSAHousehold(
        hasPartner: adults.count == 2, dependants: young.map { (label: $0.label, isYoung: true) }, parameters: .national, on: date)
      let theirs = Rational(h["rsa"] as! String)!
      let exact = rsa.base.value * rsa.multiplier
      counts["rsa", default: 0] += 1
      #expect((exact - theirs).magnitude < Rational(1, 1000), "RSA \(tag)")
      if rsa.amount != Money(theirs).roundedToCents(.halfAwayFromZero) {
        if (exact * 200).isInteger && !(exact * 100).isInteger {
          known("rsa.demi_centime")
        } else {
          Issue.record("RSA \(tag) : Équilibre \(rsa.amount.french), OpenFisca \(theirs)")
        }
      }

      // Household category: the same unless a member is not à charge (known class).
      let eligibility = SocialHousingEligibility(scenario: s, parameters: .national)
      let theirCategory = h["categorie"] as! Int
      counts["categorie", default: 0] += 1
      let notDependant = members.contains { $0.role == .enfant && !SocialHousingEligibility.dependant($0, on: date).counts }
      var sameCategory = eligibility.category.number == theirCategory
      if !sameCategory {
        if notDependant {
          known("categorie.membre_non_a_charge")
        } else {
          Issue.record(
            "catégorie \(tag) : Équilibre \(eligibility.category.number) (\(eligibility.category.reason)), OpenFisca \(theirCategory)")
        }
      }
      // OpenFisca adds a "personne supplémentaire" per dependant past the fourth.
      if sameCategory && eligibility.category.extraPersons != max(0, young.count - 4) { sameCategory = false }

      // PLAI ceiling by zone and year (OpenFisca's series stops in 2022: known class after).
      counts["plafond", default: 0] += 1
      let zone = try #require(eligibility.zone, "zone \(tag)")
      let theirCeiling = Rational(h["plafond_plai"] as! String)!
      if !sameCategory {
        known("plafond.categorie_differente")
        continue
      }
      guard
        let (ours, _, _) = try? SocialHousingEligibility.ceiling(
          .plai, zone: zone, category: eligibility.category, parameters: .national, date: date)
      else {
        // 2025 and 2026: a declared gap in the tool; OpenFisca repeats 2022.
        #expect(date.year >= 2025, "plafond PLAI absent \(tag)")
        known("plafond.plai_openfisca_2022")
        continue
      }
      if ours.value != theirCeiling && notDependant {
        // Persons past the sixth: each member counts for the arrêté, only dependants for OpenFisca.
        known("categorie.membre_non_a_charge")
      } else if ours.value != theirCeiling {
        let typo = date.year == 2022 && zone == .parisLimitrophes && eligibility.category.number == 2
        if date.year >= 2023 {
          known("plafond.plai_openfisca_2022")
        } else if typo {
          counts["plafond_faute_openfisca", default: 0] += 1
        } else {
          Issue.record("plafond PLAI \(tag) : Équilibre \(ours.french), OpenFisca \(theirCeiling)")
        }
      } else {
        counts["plafond_identique", default: 0] += 1
      }
    }
    // The classes these households must meet are met (none is stale); the half-cent class is
    // met by rsaByComposition.
    #expect(classesSeen.isSuperset(of: ["categorie.membre_non_a_charge", "plafond.plai_openfisca_2022", "plafond.categorie_differente"]))
    print("Oracle OpenFisca, ménages générés : \(counts.sorted { $0.key < $1.key })")
  }
}
