import EquilibreCore
import EquilibreDocuments
import Foundation
import Testing

/// `--anonyme`, field by field: a marker planted in every text, date and place field of a
/// household never reaches a document, in any format, and the figures stay the same.
@Suite("Anonymisation : aucun marqueur planté dans le ménage ne sort, les chiffres ne changent pas")
struct AnonymisationTests {
  /// A distinct word per field: « Zqbax », « Zqbbx »…
  static func marker(_ i: Int) -> String {
    let letters = Array("abcdefghijklmnopqrstuvwxyz")
    return "Zq" + String(letters[(i / 26) % 26]) + String(letters[i % 26]) + "x"
  }

  /// Full-day forms of a date that must not be printed (its month may be).
  static func dayForms(_ iso: String) -> [String] {
    let p = iso.split(separator: "-").map(String.init)
    let months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
    let day = Int(p[2])!
    return [iso, "\(p[2])/\(p[1])/\(p[0])", "\(p[2]).\(p[1]).\(p[0])", "\(day) \(months[Int(p[1])! - 1]) \(p[0])"]
  }

  /// The household, with its markers, dates and places to look for.
  static func household() -> (yaml: String, secrets: [String]) {
    var n = 0
    var secrets: [String] = []
    func m() -> String {
      n += 1
      let k = marker(n)
      secrets.append(k)
      return k
    }
    let dates = ["1979-07-14", "1977-02-23", "2015-03-17", "2026-10-29", "2019-05-16", "2026-09-15", "2026-11-13"]
    secrets += dates.flatMap(dayForms)
    secrets += ["63113", "06 13 57 91 35", "13 57 91 35", "zqmail@example.org", "zqref@example.org"]
    let first = m()
    let yaml = """
      description: Ménage \(m()) suivi à \(m())
      date: 2026-11-01
      departement: "63"
      adresse: 3 rue \(m()), 63000 \(m())
      telephone: 06 13 57 91 35
      courriel: zqmail@example.org
      situation_familiale: marie
      menage:
        - prenom: \(first)
          nom: \(m())
          nom_naissance: \(m())
          lieu_naissance: \(m())
          nationalite: \(m())
          role: demandeur
          naissance: 1979-07-14
          activite: {statut: salarie, contrat: CDI, debut: 2015-03-17, effectif_employeur: 85, secteur: prive, employeur: \(m()), employeur_adresse: 4 quai \(m())}
        - {prenom: \(m()), nom: \(m()), lieu_naissance: \(m()), role: conjoint, naissance: 1977-02-23}
        - {prenom: \(m()), role: enfant, naissance: 2012-09-21}
      logement:
        statut: locataire-prive
        loyer: 640
        charges: 70
        aide_logement: 120
        bailleur: {nom: \(m()), adresse: 7 avenue \(m())}
      offres:
        - {nom: T4 \(m()), financement: plus, typologie: T4, commune: "63113", loyer: 610, charges: 110, aide_logement: 330}
      ressources:
        - {type: salaire, montant: 1 520, personne: \(first), libelle: salaire chez \(m())}
        - {type: prestations-familiales, montant: 140, libelle: \(m())}
      charges:
        - {type: energie, montant: 130, libelle: \(m())}
        - {type: assurances, montant: 60}
      dettes:
        - {creancier: \(m()), adresse: BP \(m()), reference: \(m()), nature: credit-renouvelable, restant_du: 5 400, impayes: 320, mensualite: 180, caution: garantie-par-caution, caution_nom: \(m())}
        - {creancier: \(m()), nature: loyer, restant_du: 1 280, impayes: 1 280}
      patrimoine:
        - {type: vehicule, valeur: 3 000, libelle: \(m())}
      comptes:
        - {banque: \(m()), type: courant, solde: "-240,50", date: 2026-10-29}
      depots_anterieurs:
        - {date: 2019-05-16, issue: \(m())}
      procedures:
        - {type: saisie-salaire, creancier: \(m()), date: 2026-09-15, description: \(m())}
      situation:
        evenements: [perte-emploi, impayes-loyer]
        recit: "Depuis que \(m()) est parti, je ne paie plus le loyer."
      suivi_social: {structure: \(m()), referent: \(m()), telephone: 04 73 00 11 22, courriel: zqref@example.org}
      accompagnement:
        debut: 2026-11-13
        duree_mois: 12
        objectifs: [\(m())]
        engagements_menage: [\(m())]
        engagements_conseiller: [\(m())]
      variantes:
        - nom: \(m())
          changements:
            - nouveau_pret: {libelle: \(m()), capital: 1 280, taux: 0, duree: 36}
      notes: |
        \(m()) et \(m()).
      """
    return (yaml, secrets)
  }

  static func write(_ yaml: String) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("equilibre-anonyme-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let file = dir.appendingPathComponent("menage-marque.yaml")
    try yaml.write(to: file, atomically: true, encoding: .utf8)
    return file.path
  }

  static func leaks(_ text: String, _ secrets: [String]) -> [String] {
    let flat = text.replacingOccurrences(of: "\u{00A0}", with: " ").replacingOccurrences(of: "\u{202F}", with: " ")
    return secrets.filter { flat.localizedCaseInsensitiveContains($0) }
  }

  @Test("Dossier et brouillon (avec la lettre), HTML et Markdown : aucun marqueur, mêmes chiffres")
  func documents() throws {
    let (yaml, secrets) = Self.household()
    let file = try Self.write(yaml)
    // The file is read as written: every marker is printed without --anonyme.
    let plain =
      try Run(["dossier", file, "--format", "md", "--date-document", "2026-12-01"]).stdout
      + (try Run(["surendettement", file, "--format", "md", "--date-document", "2026-12-01"])).stdout
    #expect(Self.leaks(plain, secrets.filter { $0.hasPrefix("Zq") }).count > 30, "le ménage marqué ne se lit pas en entier")
    for (kind, extra) in [("dossier", []), ("surendettement", []), ("apurement", ["--mois", "12"])] {
      for format in ["html", "md", "json"] {
        let r = try Run([kind, file, "--anonyme", "--format", format, "--date-document", "2026-12-01"] + extra)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(Self.leaks(r.stdout, secrets).isEmpty, "\(kind) \(format) : \(Self.leaks(r.stdout, secrets))")
      }
      let named = try Run([kind, file, "--date-document", "2026-12-01"] + extra).stdout
      let anonymous = try Run([kind, file, "--anonyme", "--date-document", "2026-12-01"] + extra).stdout
      let a = DocumentTests.marked(named)
      #expect(a.count >= 5)
      #expect(a.map { "\($0.0)=\($0.1)" } == DocumentTests.marked(anonymous).map { "\($0.0)=\($0.1)" }, "\(kind) : chiffres changés")
    }
  }

  @Test("Un nom remplacé ne mutile pas les mots d'une phrase (« renouvelable a servi »)")
  func wordsIntact() throws {
    var s = Scenario(
      date: CivilDate(year: 2026, month: 11, day: 1)!,
      members: [Member(name: "Léa", role: .demandeur, birthDate: CivilDate(year: 1990, month: 1, day: 1)!)])
    s.debts = [Debt(creditor: "Renouvelable A", nature: .creditRenouvelable, remainingDue: Money(euros: 100))]
    let a = Anonymizer(on: true, scenario: s)
    #expect(a.text("Chaque crédit renouvelable a servi à payer les autres.") == "Chaque crédit renouvelable a servi à payer les autres.")
    #expect(a.text("Relance de Renouvelable A, puis de RENOUVELABLE A.") == "Relance de Créancier 1, puis de Créancier 1.")
    // Amounts are not number plates: « de 150 au mois » stays.
    #expect(a.text("passée de 150 au mois") == "passée de 150 au mois")
    #expect(a.text("véhicule AB-123-CD") == "véhicule [immatriculation]")
  }

  @Test("PDF (texte extrait) : aucun marqueur", .enabled(if: PrintTests.pdfAvailable, PrintTests.pdfMissing))
  func pdf() throws {
    let (yaml, secrets) = Self.household()
    let file = try Self.write(yaml)
    for kind in ["dossier", "surendettement"] {
      let pdf = try PrintTests.pdf([kind, file, "--anonyme", "--date-document", "2026-12-01"], "anonyme-\(kind).pdf")
      let text = try PrintTests.tool("/usr/bin/pdftotext", ["-enc", "UTF-8", pdf, "-"])
      #expect(text.count > 1000)
      #expect(Self.leaks(text, secrets).isEmpty, "\(kind) pdf : \(Self.leaks(text, secrets))")
    }
  }

  @Test("Convention et bilan du suivi (--anonyme) : ni noms, ni structure, ni conseiller, ni texte libre")
  func caseDocuments() throws {
    let (yaml, householdSecrets) = Self.household()
    let file = try Self.write(yaml)
    let base = FileManager.default.temporaryDirectory.appendingPathComponent(
      "equilibre-anonyme-\(getpid())/base-\(UInt32.random(in: 0...UInt32.max)).sqlite"
    ).path
    var env = ProcessInfo.processInfo.environment
    env["EQUILIBRE_AUJOURDHUI"] = "2026-11-20"
    env["EQUILIBRE_CONSEILLER"] = "Conseillère Zqcounx"
    func suivi(_ args: [String], today: String = "2026-11-20") throws -> Run {
      env["EQUILIBRE_AUJOURDHUI"] = today
      let r = try Run(["suivi"] + args + ["--base", base], environment: env)
      #expect(r.status == 0, "\(args) : \(r.stderr)")
      return r
    }
    let ref =
      try suivi(["ouvrir", file, "--structure", "Association Zqstrux"], today: "2026-11-10").stdout.split(separator: "\n").last.map(
        String.init) ?? ""
    _ = try suivi(["mesure", ref, "ouvrir", "--type", "asll", "--debut", "2026-11-13", "--duree", "6", "--prescripteur", "Zqprescx"])
    _ = try suivi(["objectif", ref, "--ajouter", "Zqobjex", "--theme", "logement", "--echeance", "2027-03-17"])
    _ = try suivi(["objectif", ref, "O1", "--action", "Zqactix", "--echeance", "2026-12-15"])
    _ = try suivi(["contact", ref, "--date", "2026-11-19", "--canal", "visite-domicile", "--synthese", "Zqsynthx"])
    let secrets =
      householdSecrets + ["Zqcounx", "Zqstrux", "Zqprescx", "Zqobjex", "Zqactix", "Zqsynthx", "Zqcommx", ref]
      + Self.dayForms("2026-11-19") + Self.dayForms("2027-03-17")
    for format in ["html", "md"] {
      let convention = try suivi(["convention", ref, "--anonyme", "--format", format, "--date-document", "2026-11-20"])
      #expect(convention.stdout.contains("Personne 1") && convention.stdout.contains("Objectif 1"))
      #expect(Self.leaks(convention.stdout, secrets).isEmpty, "convention \(format) : \(Self.leaks(convention.stdout, secrets))")
      let review = try suivi(["bilan", ref, "--anonyme", "--format", format, "--commentaire", "Zqcommx", "--date-document", "2026-11-20"])
      #expect(Self.leaks(review.stdout, secrets).isEmpty, "bilan \(format) : \(Self.leaks(review.stdout, secrets))")
    }
    // Printed: the review's chart and every word inside the page, pages numbered, nothing overlapping.
    // Without the PDF tools, ExternalToolsTests says so (and fails in CI).
    if PrintTests.pdfAvailable {
      let dir = FileManager.default.temporaryDirectory.appendingPathComponent("equilibre-anonyme-\(getpid())")
      for kind in ["convention", "bilan"] {
        let pdf = dir.appendingPathComponent("\(kind).pdf").path
        _ = try suivi([kind, ref, "--anonyme", "--format", "pdf", "--sortie", pdf, "--force", "--date-document", "2026-11-20"])
        let (pages, width, words) = try PrintTests.words(pdf)
        #expect(pages >= 1 && words.count > 50)
        for w in words where w.xMax > width - PrintTests.margin + 1 || w.xMin < PrintTests.margin - 1 {
          Issue.record("\(kind) p. \(w.page) : « \(w.text) » sort de la marge")
        }
        for o in PrintTests.overlaps(words) { Issue.record("\(kind) p. \(o.0.page) : « \(o.0.text) » chevauche « \(o.1.text) »") }
        let text = words.map(\.text).joined(separator: " ")
        #expect(text.contains("page 1 / \(pages)"), "\(kind) : pages non numérotées")
        if kind == "bilan" { #expect(text.contains("Reste"), "bilan : légende du graphique absente") }
      }
    }
    // Without --anonyme the same documents name the household (the markers are really there).
    let named = try suivi(["convention", ref, "--format", "md", "--date-document", "2026-11-20"]).stdout
    #expect(named.contains("Zqcounx") && named.contains("Zqobjex"))
    // Numbered by place: action 1.1 sits under objective 1.
    #expect(named.contains("**Objectif 1 — Zqobjex**") && named.contains("Action 1.1 — Zqactix"), "\(named)")
    // An anonymised document is never recorded as handed to the household.
    let handed = try Run(["suivi", "convention", ref, "--anonyme", "--remettre", "--base", base], environment: env)
    #expect(handed.status != 0)
  }
}
