import EquilibreCore
import Foundation
import Testing

/// Issue 26: today's law, a loud word when a value is missing, local values, housing rules.
@Suite("Paramètres légaux du jour, valeurs manquantes et valeurs locales")
struct LegalParametersTests {
  /// A private folder of local values, and the environment that points the CLI at it.
  static func localEnvironment() throws -> (dir: String, env: [String: String]) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "equilibre-locaux-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    ).path
    var env = ProcessInfo.processInfo.environment
    env["EQUILIBRE_PARAMETRES_LOCAUX"] = dir
    return (dir, env)
  }

  static func write(_ text: String, _ name: String) throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(getpid())-\(name)").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test(
    "Un prêt conso de 1 000 € à 29 % (TAEG 33,19 %) au 3 décembre 2026 : usuraire, seuil du 1er octobre 2026 ; après le trimestre : provisoire, « probablement usuraire », --strict en erreur"
  )
  func usuryToday() throws {
    let today = try Run(["taeg", "--capital", "1000", "--taux", "29", "--duree", "12", "--date", "2026-12-03", "--format", "json"])
    #expect(today.status == 0)
    let u = try #require(today.json["usure"] as? [String: Any])
    #expect(u["seuil"] as? String == "23.60" && u["depasse"] as? Bool == true && u["provisoire"] as? Bool == false)
    #expect(u["en_vigueur_depuis"] as? String == "2026-10-01")
    let later = try Run(["taeg", "--capital", "1000", "--taux", "29", "--duree", "12", "--date", "2027-02-01"])
    #expect(later.status == 0)
    #expect(later.stdout.contains("probablement usuraire") && later.stdout.contains("Seuil de l'usure (provisoire)"))
    let strict = try Run(["echeancier", "--capital", "1000", "--taux", "29", "--duree", "12", "--date", "2027-02-01", "--strict"])
    #expect(strict.status == 69)
    #expect(strict.stderr.contains("provisoire"))
    let strictToday = try Run(["taeg", "--capital", "1000", "--taux", "5", "--duree", "12", "--date", "2026-12-03", "--strict"])
    #expect(strictToday.status == 0)
  }

  @Test(
    "Plan avec intérêts au 1er novembre 2026 (taux légal du 2e semestre inconnu) : calculé, plafond dit inconnu avec le dernier taux ; --taux-legal ; --strict"
  )
  func planLegalRateGap() throws {
    let plain = try Run(["plan", "Scenarios/interimaire-credits-conso.yaml", "--taux", "1", "--format", "json"])
    #expect(plain.status == 0, "\(plain.stderr)")
    let legal = try #require(plain.json["taux_legal"] as? [String: Any])
    #expect(legal["provisoire"] as? Bool == true && legal["lacune_depuis"] as? String == "2026-07-01")
    #expect(legal["valeur"] as? String == "2.62")  // the last known rate (1st January 2026)
    #expect((plain.json["notes"] as? [String])?.contains { $0.contains("inconnu") && $0.contains("2,62") } == true)
    let strict = try Run(["plan", "Scenarios/interimaire-credits-conso.yaml", "--taux", "1", "--strict"])
    #expect(strict.status == 69)
    let given = try Run(["plan", "Scenarios/interimaire-credits-conso.yaml", "--taux", "1", "--taux-legal", "2,5", "--strict"])
    #expect(given.status == 0, "\(given.stderr)")
    let above = try Run(["plan", "Scenarios/interimaire-credits-conso.yaml", "--taux", "3", "--taux-legal", "2,5"])
    #expect(above.status != 0 && above.stderr.contains("2,5"))
  }

  @Test(
    "parametres verifier : au 3 décembre 2026, le taux légal du 2e semestre ; au 15 janvier 2027, usure, SMIC, plafonds HLM et barème des saisies à revoir, avec où trouver"
  )
  func verify() throws {
    let today = try Run(["parametres", "verifier", "--date", "2026-12-03", "--format", "json"])
    #expect(today.status == 0)
    let list = try #require((try? JSONSerialization.jsonObject(with: Data(today.stdout.utf8))) as? [[String: Any]])
    let keys = Set(list.compactMap { $0["cle"] as? String })
    #expect(keys.contains("interet_legal.particuliers") && keys.contains("interet_legal.autres_cas"))
    #expect(!keys.contains("usure.conso-3000") && !keys.contains("smic.horaire_brut"))
    let legal = try #require(list.first { $0["cle"] as? String == "interet_legal.particuliers" })
    #expect(legal["derniere_valeur"] as? String == "6,67" && legal["lacune_depuis"] as? String == "2026-07-01")
    #expect((legal["ou_trouver"] as? String)?.contains("legifrance") == true && legal["revision"] as? String == "semestrielle")
    let january = try Run(["parametres", "verifier", "--date", "2027-01-15"])
    for key in ["usure.conso-3000", "smic.horaire_brut", "logement_social.plafonds.plus.autres_regions", "saisie.seuils_annuels"] {
      #expect(january.stdout.contains(key), "\(key)")
    }
    #expect(january.stdout.contains("révisé chaque trimestre"))
    let strict = try Run(["parametres", "verifier", "--date", "2027-01-15", "--strict"])
    #expect(strict.status == 69)
  }

  @Test(
    "parametres importer : fichier validé (dates croissantes, unité, type, source), copié dans le dossier local, cité « valeur locale » ; l'original intact"
  )
  func importLocal() throws {
    let (dir, env) = try Self.localEnvironment()
    let bad = try Self.write(
      "interet_legal.autres_cas:\n  unite: euros\n  valeurs:\n    2026-07-01:\n      valeur: [1, 2]\n    2026-01-01:\n      valeur: \"2\"\n      source: x\ninconnu.cle:\n  valeurs:\n    2026-01-01: {valeur: 1, source: y}\n",
      "mauvais.yaml")
    let refused = try Run(["parametres", "importer", bad], environment: env)
    #expect(refused.status == 65)
    for fragment in [
      "mauvais.yaml:2:", "unité « euros »", "source obligatoire", "un nombre attendu", "ordre croissant", "inconnu de l'outil",
    ] {
      #expect(refused.stderr.contains(fragment), "\(fragment)")
    }
    #expect(!FileManager.default.fileExists(atPath: dir + "/mauvais.yaml"))
    let text =
      "interet_legal.autres_cas:\n  valeurs:\n    2026-07-01:\n      valeur: \"2,55\"\n      reference: Arrêté du 2e semestre 2026 (essai)\n      source: https://www.legifrance.gouv.fr/essai\n"
    let good = try Self.write(text, "taux-legal-s2.yaml")
    let imported = try Run(["parametres", "importer", good], environment: env)
    #expect(imported.status == 0, "\(imported.stderr)")
    #expect(try String(contentsOfFile: dir + "/" + URL(fileURLWithPath: good).lastPathComponent, encoding: .utf8) == text)
    #expect(try String(contentsOfFile: good, encoding: .utf8) == text)
    let listed = try Run(["parametres", "--date", "2026-11-01"], environment: env)
    #expect(listed.stdout.contains("valeur locale : 2,55") && listed.stdout.contains("valeur intégrée à l'outil : 2,62"))
    // The plan now checks against the local rate, and its explanation names it.
    let plan = try Run(["plan", "Scenarios/interimaire-credits-conso.yaml", "--taux", "1", "--strict", "--explique"], environment: env)
    #expect(plan.status == 0, "\(plan.stderr)")
    let over = try Run(["plan", "Scenarios/interimaire-credits-conso.yaml", "--taux", "3"], environment: env)
    #expect(over.status != 0 && over.stderr.contains("2,55"))
    try? FileManager.default.removeItem(atPath: dir)
  }

  @Test(
    "Un dossier de 2017 calcule : SMIC, RSA, plafonds HLM et seuils de l'usure de l'époque ; barème des saisies 2017 absent : repris de 2016, dit provisoire"
  )
  func oldCase() throws {
    var text = try String(contentsOf: Run.packageRoot.appendingPathComponent("Scenarios/parent-separe.yaml"), encoding: .utf8)
    text = text.replacingOccurrences(of: "date: 2026-11-01", with: "date: 2017-06-01")
      .replacingOccurrences(of: "naissance: 2017-06-11", with: "naissance: 2015-06-11")
      .replacingOccurrences(of: "    2024: 11 800", with: "    2015: 11 800").replacingOccurrences(
        of: "    2025: 7 900", with: "    2016: 7 900"
      )
      .replacingOccurrences(of: "2026-05-01", with: "2017-01-01").replacingOccurrences(of: "2027-04-30", with: "2017-12-31")
    let path = try Self.write(text, "dossier-2017.yaml")
    for command in ["budget", "capacite", "logement", "aides", "plan", "dossier"] {
      let r = try Run([command, path])
      #expect(r.status == 0, "\(command) : \(r.stderr)")
    }
    let capacity = try Run(["capacite", path])
    #expect(capacity.stdout.contains("valeur provisoire : aucune valeur connue depuis le 1er janvier 2017"))
    let strict = try Run(["capacite", path, "--strict"])
    #expect(strict.status == 69 && strict.stderr.contains("saisie.seuils_annuels"))
    #expect(try Run(["capacite", "Scenarios/parent-separe.yaml", "--strict"]).status == 0)
    let housing = try Run(["logement", path, "--format", "json"])
    #expect(housing.status == 0)
    #expect(housing.stdout.contains("\"21575.00\""))  // PLAI 2017, autres régions, catégorie 4 (a parent and two children)
    // SMIC 2017 (9,76 €) and RSA 2017 (536,78 € from April) are known.
    #expect(try ParameterSet.national.number("smic.horaire_brut", on: CivilDate("2017-06-01")!).0 == Rational(976, 100))
    #expect(try ParameterSet.national.number("rsa.montant_forfaitaire", on: CivilDate("2017-06-01")!).0 == Rational(53678, 100))
  }

  @Test(
    "Catégorie HLM : une mère seule et son fils né en 1995 → catégorie 2, le fils n'est pas à charge (CCH L442-12, CGI 196 B), raison affichée"
  )
  func adultChild() throws {
    var text = try String(contentsOf: Run.packageRoot.appendingPathComponent("Scenarios/parent-separe.yaml"), encoding: .utf8)
    text = text.replacingOccurrences(of: "  - {prenom: Inès, role: enfant, naissance: 2017-06-11}\n", with: "")
      .replacingOccurrences(
        of: "  - {prenom: Tom, role: enfant, naissance: 2013-01-25}", with: "  - {prenom: Léo, role: enfant, naissance: 1995-03-02}"
      )
      .replacingOccurrences(of: "naissance: 1990-09-03", with: "naissance: 1970-09-03")
    let path = try Self.write(text, "parent-fils-1995.yaml")
    let r = try Run(["logement", path])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("Catégorie de ménage : 2"))
    #expect(r.stdout.contains("enfant de 31 ans : pas à charge, 25 ans ou plus (CCH L442-12, CGI 196 B)"))
  }

  @Test(
    "Outre-mer : un ménage de Saint-Paul (97411) et son offre sont jugés aux plafonds des DOM (LLS = PLUS autres régions × 0,9 ; LLTS × 0,675)"
  )
  func overseas() throws {
    var text = try String(contentsOf: Run.packageRoot.appendingPathComponent("Scenarios/parent-separe.yaml"), encoding: .utf8)
    text = text.replacingOccurrences(of: "departement: \"22\"", with: "departement: \"974\"")
      .replacingOccurrences(of: "  revenus_fiscaux:", with: "  commune: \"97411\"\n  revenus_fiscaux:")
      .replacingOccurrences(of: "zone: autres-regions, loyer: 380", with: "commune: \"97411\", loyer: 380")
    let path = try Self.write(text, "reunion.yaml")
    let r = try Run(["logement", path])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("Zone : outre-mer"))
    #expect(!r.stdout.contains("aucun département"))
    // Catégorie 4, 2026: PLUS autres régions 45 374 € → LLS 40 836,6 → 40 837 € ; LLTS 30 627,45 → 30 627 €.
    let digits = r.stdout.replacingOccurrences(of: "\u{202F}", with: "").replacingOccurrences(of: "\u{00A0}", with: "")
      .replacingOccurrences(of: " ", with: "")
    #expect(digits.contains("40837,00"))
    #expect(digits.contains("30627,00"))
    // A metropolitan household judged for an offer in 97411: the offer's own zone.
    var facts = SocialHousingFacts()
    facts.zone = SocialHousingZone.of(commune: "97411", departement: nil)
    #expect(facts.zone == .outreMer)
    #expect(SocialHousingZone.of(commune: nil, departement: "975") == nil)
  }

  @Test(
    "equilibre prestations : aide au logement, RSA et prime d'activité calculés, à côté des montants déclarés ; tolérance du scénario ou de --tolerance"
  )
  func benefitsCommand() throws {
    let r = try Run(["prestations", "Scenarios/parent-separe.yaml", "--format", "json", "--explique"])
    #expect(r.status == 0, "\(r.stderr)")
    let pa = try #require(r.json["prime_activite"] as? [String: Any])
    #expect(
      pa["montant"] is String && pa["declare"] as? String == "190.00" && (pa["ecart"] as? String)?.contains("droits à vérifier") == true)
    #expect(pa["explication"] != nil)
    let rsa = try #require(r.json["rsa"] as? [String: Any])
    #expect(rsa["montant"] is String)
    let al = try #require(r.json["aide_logement"] as? [String: Any])
    // Saint-Brieuc (22278), zone 3, HLM, 600 € taxable a month: OpenFisca-France 176.1.8 gives the same 413 € (APL, after the RLS of 45,68 €).
    #expect(al["montant"] as? String == "413.00" && al["type"] as? String == "APL" && al["declare"] as? String == "260.00")
    let gap = (al["ecart"] as? String)?.replacingOccurrences(of: "\u{00A0}", with: " ").replacingOccurrences(of: "\u{202F}", with: " ")
    #expect(gap == "aide au logement déclarée 260,00 €, calculée 413,00 € : droits à vérifier")
    #expect(r.json["tolerance"] as? String == "10.00")
    // A wider tolerance silences the gap; the amounts stay.
    let wide = try Run(["prestations", "Scenarios/parent-separe.yaml", "--format", "json", "--tolerance", "200"])
    let wideAid = try #require(wide.json["aide_logement"] as? [String: Any])
    #expect(wideAid["ecart"] is NSNull && wideAid["montant"] as? String == "413.00")
    let text = try Run(["prestations", "Scenarios/parent-separe.yaml", "--explique"])
    #expect(text.status == 0 && text.stdout.contains("Prime d'activité") && text.stdout.contains("forfait logement"))
    #expect(try Run(["prestations", "Scenarios/parent-separe.yaml", "--tolerance", "-1"]).status == 64)
  }
}
