import EquilibreCore
import EquilibreDocuments
import Foundation
import Testing

/// One source for every figure: the letter, the dossier, the filing draft and the CLI's
/// `--format json` state the same amounts, because they read the same model (``CaseFigures``).
@Suite("Une seule source : lettre, dossier, brouillon de dépôt et --format json donnent les mêmes chiffres")
struct OneSourceTests {
  static let examples = [
    "apprenti-recherche-logement", "couple-trois-enfants-revolving", "etudiante-boursiere", "interimaire-credits-conso",
    "jeune-couple-bebe", "locataire-impayes-perte-emploi", "parent-separe", "pere-seul-aah", "proprietaire-impayes-maladie",
    "retraitee-seule-dettes-energie",
  ]

  /// An amount as plain text, whatever its writing: « 2 360,00 € », « −12,50 € », « 2360.00 », « 40,09 % ».
  static func plain(_ text: String) -> String {
    var out = ""
    for ch in text {
      if ch.isNumber {
        out.append(ch)
      } else if ch == "," || ch == "." {
        out.append(".")
      } else if ch == "-" || ch == "\u{2212}" {
        out.append("-")
      }
    }
    return out
  }

  /// The amounts the letter states, by figure key, read from its sentences.
  static func letterFigures(_ text: String) -> [String: String] {
    let t = text.replacingOccurrences(of: "\u{00A0}", with: " ").replacingOccurrences(of: "\u{202F}", with: " ")
      .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "’", with: "'")
    var out: [String: String] = [:]
    let amount = #"(−?[0-9][0-9 ]*,[0-9]{2} €)"#
    var patterns: [(String, String)] = []
    patterns.append(("total_dettes", "qui s'élèvent à " + amount))
    patterns.append(("ressources_mensuelles", "avec des ressources de " + amount))
    patterns.append(("charges_courantes", "des charges et dépenses courantes de " + amount))
    patterns.append(("total_impayes", "soit " + amount + " d'impayés au total"))
    for n in DebtNature.allCases {
      let key: String = "impayes_" + n.rawValue.replacingOccurrences(of: "-", with: "_")
      let pattern: String = n.arrearsFrench + " \\(" + amount + "\\)"
      patterns.append((key, pattern))
    }
    for (key, p) in patterns {
      let re = try! NSRegularExpression(pattern: p)
      if let m = re.firstMatch(in: t, range: NSRange(t.startIndex..., in: t)), let r = Range(m.range(at: 1), in: t) {
        out[key] = plain(String(t[r]))
      }
    }
    return out
  }

  /// `key: plain` pairs of a flat JSON object (the CLI's figures), numbers and strings alike.
  static func jsonFigures(_ text: String, path: [String] = []) throws -> [String: String] {
    var object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
    for p in path { object = object[p] as? [String: Any] ?? [:] }
    var out: [String: String] = [:]
    for (k, v) in object {
      if let s = v as? String { out[k] = plain(s) } else if let n = v as? NSNumber, !(v is Bool) { out[k] = n.stringValue }
    }
    return out
  }

  /// Every figure of every document of an example, by source.
  static func sources(_ name: String) throws -> [String: [String: String]] {
    let file = "Scenarios/\(name).yaml"
    func run(_ args: [String]) throws -> String {
      let r = try Run(args)
      #expect(r.status == 0, "\(args.joined(separator: " ")) : \(r.stderr)")
      return r.stdout
    }
    let day = ["--date-document", "2026-12-01"]
    var out: [String: [String: String]] = [:]
    out["dossier"] = Dictionary(DocumentTests.marked(try run(["dossier", file] + day)).map { ($0.0, plain($0.1)) }) { a, _ in a }
    out["brouillon"] = Dictionary(DocumentTests.marked(try run(["surendettement", file] + day)).map { ($0.0, plain($0.1)) }) { a, _ in a }
    out["lettre"] = letterFigures(try run(["surendettement", file, "--format", "md"] + day))
    out["dossier --format json"] = try jsonFigures(try run(["dossier", file, "--format", "json"] + day), path: ["chiffres"])
    out["surendettement --format json"] = try jsonFigures(try run(["surendettement", file, "--format", "json"] + day), path: ["chiffres"])
    out["budget --format json"] = try jsonFigures(try run(["budget", file, "--format", "json"]))
    out["capacite --format json"] = try jsonFigures(try run(["capacite", file, "--format", "json"]))
    let scenario = try ScenarioFile.load(path: Run.packageRoot.appendingPathComponent(file).path)
    if !scenario.debts.isEmpty {
      let plan = try jsonFigures(try run(["plan", file, "--format", "json"]))
      out["plan --format json"] = ["plan_mensualite": plan["mensualite_totale"] ?? "?", "plan_total_efface": plan["total_efface"] ?? "?"]
    }
    return out
  }

  @Test("Chaque montant que deux sources donnent est le même, et celui du --format json", arguments: examples)
  func sameFigures(_ name: String) throws {
    let all = try Self.sources(name)
    let json = all["surendettement --format json"] ?? [:]
    // Every figure a document or a command states is the model's.
    var compared = 0
    for (source, figures) in all {
      for (key, value) in figures {
        guard let model = json[key] else { continue }
        compared += 1
        #expect(value == model, "\(name) : « \(key) » vaut \(value) dans \(source), \(model) dans le modèle")
      }
    }
    // The letter's and the filing's central sums are really stated.
    let letter = all["lettre"] ?? [:]
    for key in ["total_dettes", "ressources_mensuelles", "charges_courantes"] where !(json["total_dettes"] ?? "0.00").hasPrefix("0.00") {
      #expect(letter[key] != nil, "\(name) : la lettre ne donne pas « \(key) »")
    }
    for key in ["ressources_mensuelles", "charges_courantes", "total_dettes", "total_impayes", "capacite_remboursement"] {
      #expect(all["brouillon"]?[key] != nil, "\(name) : le brouillon ne marque pas « \(key) »")
    }
    #expect(compared >= 20, "\(name) : trop peu de chiffres comparés (\(compared))")
  }

  /// The documents of a household rendered by the library, as the CLI and the web render them.
  static func rendered(_ s: Scenario) throws -> (dossier: String, filing: String, letter: String, figures: CaseFigures) {
    let c = try DocumentCase(scenario: s, documentDate: CivilDate(year: 2026, month: 12, day: 1)!)
    var renderer = try DocumentRenderer()
    let dossier = try renderer.render(.dossier, markdown: false, data: DocumentData.dossier(c))
    let filingData = DocumentData.filing(c)
    let filing = try renderer.render(.surendettement, markdown: false, data: filingData)
    let letter = try renderer.render(.surendettement, markdown: true, data: filingData)
    return (dossier, filing, letter, c.figures)
  }

  /// A deterministic random source, so that a failing household can be found again.
  struct SplitMix {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    mutating func int(_ r: ClosedRange<Int>) -> Int { r.lowerBound + Int(next() % UInt64(r.upperBound - r.lowerBound + 1)) }
    mutating func pick<T>(_ a: [T]) -> T { a[int(0...(a.count - 1))] }
    mutating func cents(_ max: Int) -> Money { Money(cents: int(0...max)) }
  }

  /// A household with every kind of housing, resource, charge and debt, a home loan or not.
  static func household(_ g: inout SplitMix) -> Scenario {
    var members = [Member(name: "A", role: .demandeur, birthDate: CivilDate(year: g.int(1950...2004), month: 3, day: 12)!)]
    if g.int(0...1) == 1 {
      members.append(Member(name: "B", role: .conjoint, birthDate: CivilDate(year: g.int(1950...2004), month: 7, day: 2)!))
    }
    for k in 0..<g.int(0...4) {
      members.append(Member(name: "E\(k)", role: .enfant, birthDate: CivilDate(year: g.int(2006...2025), month: 5, day: 1)!))
    }
    let status = g.pick([HousingStatus.locataireSocial, .locatairePrive, .proprietaireAccedant, .proprietaire, .heberge])
    var housing = Housing(status: status)
    if [.locataireSocial, .locatairePrive].contains(status) {
      housing.rent = g.cents(90_000)
      housing.charges = g.cents(15_000)
      housing.housingBenefit = g.cents(40_000)
    }
    if status == .proprietaireAccedant { housing.mortgagePayment = g.cents(150_000) }
    let resources = (0..<g.int(0...4)).map { _ in
      Resource(
        type: g.pick(ResourceType.allCases), amount: g.cents(250_000),
        periodicity: g.pick([.mensuelle, .mensuelle, .trimestrielle, .annuelle]),
        person: g.int(0...1) == 0 ? 0 : nil)
    }
    let charges = (0..<g.int(0...6)).map { _ in
      Charge(
        type: g.pick(ChargeType.allCases.filter { $0 != .loyer && $0 != .chargesLocatives }), amount: g.cents(30_000),
        periodicity: g.pick([.mensuelle, .annuelle]))
    }
    var debts = (0..<g.int(0...5)).map { k in
      let owed = g.cents(3_000_000)
      return Debt(
        creditor: "Créancier \(k)", nature: g.pick(DebtNature.allCases), remainingDue: owed,
        arrears: Money(cents: g.int(0...(owed.exactCents ?? 0))), monthlyPayment: g.cents(80_000))
    }
    if status == .proprietaireAccedant && g.int(0...2) > 0 {
      let owed = g.cents(20_000_000)
      debts.insert(
        Debt(
          creditor: "Banque du prêt", nature: .creditImmobilier, remainingDue: owed,
          arrears: Money(cents: g.int(0...min(2_000_000, owed.exactCents ?? 0))), monthlyPayment: housing.mortgagePayment), at: 0)
    }
    return Scenario(
      date: CivilDate(year: 2026, month: 11, day: 1)!, departement: g.pick(["28", "63", "75", "22"]), members: members,
      housing: housing, resources: resources, charges: charges, debts: debts)
  }

  @Test("500 ménages générés : lettre, dossier et brouillon donnent les chiffres des moteurs, un prêt immobilier compté une fois")
  func generated() throws {
    var g = SplitMix(state: 20_261_203)
    for n in 0..<500 {
      let s = Self.household(&g)
      let (dossier, filing, letter, f) = try Self.rendered(s)
      // The engines, as `budget`, `capacite` and `plan --format json` compute them.
      let budget = try Budget(scenario: s)
      let capacity = try RepaymentCapacity(scenario: s)
      var engines: [String: String] = [:]
      for (k, v) in budget.figures + capacity.figures { if let v { engines[k] = Self.plain(v.plain) } }
      if !s.debts.isEmpty, let plan = try? DebtPlan(scenario: s, capacity: capacity.capacity) {
        engines["plan_mensualite"] = Self.plain((plan.months > 0 ? plan.monthTotal(1) : .zero).plain)
        engines["plan_total_efface"] = Self.plain(plan.totalErased.plain)
        // A home loan is never written off.
        for c in plan.creditors where c.homeLoanArrears { #expect(c.erasedCents == 0, "ménage \(n)") }
      }
      // Hand sums, written here independently of the model.
      let loanListed = s.homeLoan?.debtIndex != nil
      let current =
        s.charges.map(\.monthly).sum() + s.housing.rent + s.housing.charges + (loanListed ? .zero : (s.homeLoan?.instalment ?? .zero))
      engines["charges_courantes"] = Self.plain(current.roundedToCents(.halfAwayFromZero).plain)
      engines["total_dettes"] = Self.plain(s.debts.map(\.remainingDue).sum().plain)
      engines["total_impayes"] = Self.plain(s.debts.map(\.arrears).sum().plain)
      engines["ressources_mensuelles"] = Self.plain(
        (s.resources.map(\.monthly).sum() + s.housing.housingBenefit).roundedToCents(.halfAwayFromZero).plain)
      for nature in DebtNature.allCases {
        let of = s.debts.filter { $0.nature == nature }
        if !of.isEmpty {
          engines["impayes_" + nature.rawValue.replacingOccurrences(of: "-", with: "_")] = Self.plain(of.map(\.arrears).sum().plain)
        }
      }
      let sources: [(String, [String: String])] = [
        ("dossier", Dictionary(DocumentTests.marked(dossier).map { ($0.0, Self.plain($0.1)) }) { a, _ in a }),
        ("brouillon", Dictionary(DocumentTests.marked(filing).map { ($0.0, Self.plain($0.1)) }) { a, _ in a }),
        ("lettre", Self.letterFigures(letter)),
        ("modèle", Dictionary(f.figures.compactMap { k, v in v.map { (k, Self.plain($0.plain)) } }) { a, _ in a }),
      ]
      for (source, figures) in sources {
        for (key, value) in figures {
          guard let expected = engines[key] else { continue }
          #expect(value == expected, "ménage \(n) : « \(key) » vaut \(value) dans \(source), \(expected) attendu")
        }
      }
      // The home loan appears once in the filing: in rubrique 7, not among the charges.
      if loanListed {
        let charges = filing.components(separatedBy: "<h2>5. Charges").last?.components(separatedBy: "<h2>7.").first ?? ""
        #expect(!charges.contains("prêt immobilier"), "ménage \(n) : prêt immobilier repris dans les charges")
      }
    }
  }

  @Test("Locataire après une perte d'emploi : impayés de loyer 2 360 €, d'énergie 310 €, charges 865 €")
  func tenantArrears() throws {
    // Dettes : loyer 2 360 (impayés 2 360, quatre loyers de 590) ; énergie 310 (impayés 310).
    // Impayés de loyer = 2 360,00 (et non 2 670 : l'énergie n'est pas du loyer) ; total des impayés 2 670,00.
    let r = try Run(["surendettement", "Scenarios/locataire-impayes-perte-emploi.yaml", "--format", "md", "--date-document", "2026-12-01"])
    let letter = Self.letterFigures(r.stdout)
    #expect(letter["impayes_loyer"] == "2360.00")
    #expect(letter["impayes_energie"] == "310.00")
    #expect(letter["total_impayes"] == "2670.00")
    #expect(letter["total_dettes"] == "2670.00")
    // Ressources : 1 270,00 (voir le scénario).
    #expect(letter["ressources_mensuelles"] == "1270.00")
    // The landlord of rubrique 2 is the creditor of the rent debt, with its address.
    #expect(r.stdout.contains("M. Bailleur (propriétaire)") && r.stdout.contains("12 rue des Lilas"))
    // No instruction in brackets is left in a letter to sign.
    #expect(!r.stdout.contains("\\[À préciser") && !r.stdout.contains("\\[À compléter"))
  }

  @Test("Propriétaire en arrêt maladie : le prêt immobilier compté une fois, jamais effacé")
  func ownerMortgageOnce() throws {
    let file = "Scenarios/proprietaire-impayes-maladie.yaml"
    let day = ["--date-document", "2026-12-01"]
    let filing = try Run(["surendettement", file, "--format", "md"] + day).stdout
    let letter = Self.letterFigures(filing)
    // Charges et dépenses courantes (rubriques 5 et 6), sans aucune mensualité de dette :
    // taxe foncière 1 140 ÷ 12 = 95 ; + énergie 160 + eau 40 + assurances 70 + mutuelle 110
    // + téléphone 45 + transport 120 + cantine 50 = 690,00 (et non 1 580 : le prêt de 890 est en rubrique 7).
    #expect(letter["charges_courantes"] == "690.00")
    #expect(letter["ressources_mensuelles"] == "2220.00")  // 1 240 + 980
    #expect(letter["total_dettes"] == "102200.00")  // 96 000 + 6 200
    #expect(letter["impayes_credit_immobilier"] == "3560.00")  // quatre mensualités de 890
    let rubrique5 = filing.components(separatedBy: "## 5.").last?.components(separatedBy: "## 7.").first ?? ""
    #expect(!rubrique5.contains("prêt immobilier"))
    #expect(filing.contains("| 890,00 €") || filing.contains("890,00\u{00A0}€"))
    // Capacité : budget vie courante 690 + 890 (le prêt continue hors plan) = 1 580 ;
    // min(quotité 528,96 ; 2 220 − 1 173,04 = 1 046,96 ; 2 220 − 1 580 = 640) = 528,96.
    let capacity = try OneSourceTests.jsonFigures(try Run(["capacite", file, "--format", "json"]).stdout)
    #expect(capacity["budget_vie_courante"] == "1580.00")
    #expect(capacity["capacite_remboursement"] == "528.96")
    // Plan : impayés du prêt 3 560 + prêt personnel 6 200 = 9 760 à 528,96 → 19 mois, rien d'effacé.
    let plan = try OneSourceTests.jsonFigures(try Run(["plan", file, "--format", "json"]).stdout)
    #expect(plan["total_du"] == "9760.00" && plan["total_efface"] == "0.00" && plan["duree_mois"] == "19")
    let dossier = try Run(["dossier", file, "--format", "md"] + day).stdout
    let headline = (dossier.components(separatedBy: "## Plan de remboursement simulé").last ?? "")
      .replacingOccurrences(of: "\u{00A0}", with: " ").replacingOccurrences(of: "\u{202F}", with: " ")
    #expect(headline.contains("Résidence principale") && headline.contains("n'est pas effacé"))
    #expect(headline.contains("effacé en fin de plan : 0,00 €"), "\(headline.prefix(900))")
    // Hors plan, au choix du conseiller : le prêt n'entre pas du tout dans le plan.
    let out = try OneSourceTests.jsonFigures(try Run(["plan", file, "--format", "json", "--pret-residence", "hors-plan"]).stdout)
    #expect(out["total_du"] == "6200.00")
  }

  @Test("Aucun calcul de montant dans le code des documents ni dans les modèles")
  func noArithmeticInDocuments() throws {
    let dir = Run.packageRoot.appendingPathComponent("Sources/EquilibreDocuments")
    for file in try FileManager.default.contentsOfDirectory(atPath: dir.path) where file.hasSuffix(".swift") {
      let text = try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
      for forbidden in [".sum()", "reduce(Money", "reduce(.zero", "Money.zero +"] {
        #expect(!text.contains(forbidden), "\(file) : « \(forbidden) » — un total se lit dans CaseFigures")
      }
    }
  }
}
