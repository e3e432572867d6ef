import EquilibreCore
import EquilibreDocuments
import Foundation
import Testing

/// What a commission secretary and a new user found wrong, page by page, each with the check
/// that would have caught it.
@Suite("Pages relues : libellés, pluriels, signes, bailleur, pièces à joindre, graphique, convention")
struct PageFixesTests {
  static func run(_ args: [String]) throws -> String {
    let r = try Run(args + (args.first == "fiche-vierge" ? [] : ["--date-document", "2026-12-01"]))
    #expect(r.status == 0, "\(args) : \(r.stderr)")
    return r.stdout.replacingOccurrences(of: "\u{00A0}", with: " ").replacingOccurrences(of: "\u{202F}", with: " ")
  }

  static func write(_ name: String, _ yaml: String) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("equilibre-pages-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let file = dir.appendingPathComponent(name)
    try yaml.write(to: file, atomically: true, encoding: .utf8)
    return file.path
  }

  @Test("« 1 unité », « aucune personne à charge », pas de « Recherche d'emploi, CDI », le signe moins")
  func wording() throws {
    let file = try Self.write(
      "seul.yaml",
      """
      date: 2026-11-01
      departement: "28"
      menage:
        - {prenom: Léo, role: demandeur, naissance: 1990-01-01, activite: {statut: demandeur-emploi, contrat: CDI}}
      logement: {statut: locataire-prive, loyer: 900}
      ressources:
        - {type: chomage, montant: 700, personne: Léo}
      charges:
        - {type: energie, montant: 100}
      comptes:
        - {banque: Banque, type: courant, solde: "-240,50", date: 2026-10-31}
      """)
    let dossier = try Self.run(["dossier", file, "--format", "md"])
    #expect(dossier.contains("(1 unité, 30 jours)") && !dossier.contains("1 unités"))
    #expect(dossier.contains("aucune personne à charge pour le barème") && !dossier.contains("personne(s)"))
    #expect(!dossier.contains("CDI"), "un demandeur d'emploi n'a pas de contrat")
    // Reste à vivre 700 − 900 − 100 = −300,00 : le signe moins, jamais le trait d'union.
    #expect(dossier.contains("\u{2212}300,00 €") && !dossier.contains("-300,00"))
    let filing = try Self.run(["surendettement", file, "--format", "md"])
    #expect(filing.contains("\u{2212}240,50 €") && !filing.contains("-240,50"))
    #expect(!filing.contains("CDI"))
  }

  @Test("Pièces à joindre : tirées des faits du ménage, chacune avec sa raison")
  func checklist() throws {
    // A retiree alone: no payslip, no childcare, no family record book.
    let retiree = try Self.run(["surendettement", "Scenarios/retraitee-seule-dettes-energie.yaml", "--format", "md"])
    let pieces = retiree.components(separatedBy: "Annexe B").last ?? ""
    #expect(!pieces.contains("bulletins de salaire") && !pieces.contains("frais de garde") && !pieces.contains("Livret de famille"))
    #expect(pieces.contains("Relevé annuel des retraites") && pieces.contains("— retraite déclarée"))
    // A farm worker on sick leave: the MSA, not the CPAM.
    let owner = try Self.run(["surendettement", "Scenarios/proprietaire-impayes-maladie.yaml", "--format", "md"])
    let ownerPieces = owner.components(separatedBy: "Annexe B").last ?? ""
    #expect(ownerPieces.contains("indemnités journalières de la MSA pour Patrick") && !ownerPieces.contains("CPAM"))
    #expect(ownerPieces.contains("Trois derniers bulletins de salaire de Nadia"))
    #expect(ownerPieces.contains("tableau d'amortissement du prêt immobilier"))
    // Every line says why it is asked.
    for line in ownerPieces.split(separator: "\n") where line.hasPrefix("☐") {
      #expect(line.contains(" — "), "pièce sans raison : \(line)")
    }
  }

  @Test("Sources : la convention d'Île-de-France n'est citée que pour un ménage d'Île-de-France")
  func regionalSources() throws {
    let outside = try Self.run(["dossier", "Scenarios/parent-separe.yaml", "--format", "md"])  // Côtes-d'Armor
    #expect(!outside.contains("Île-de-France"))
    let text = try String(contentsOf: Run.packageRoot.appendingPathComponent("Scenarios/parent-separe.yaml"), encoding: .utf8)
      .replacingOccurrences(of: "departement: \"22\"", with: "departement: \"93\"")
    let inside = try Self.run(["dossier", try Self.write("ile-de-france.yaml", text), "--format", "md"])
    #expect(inside.contains("Île-de-France"))
  }

  @Test("FSL refusé : montré avec son motif, pas « sans objet »")
  func fslRefusal() throws {
    let dossier = try Self.run(["dossier", "Scenarios/locataire-impayes-perte-emploi.yaml", "--format", "md"])
    #expect(dossier.contains("**Fonds de solidarité pour le logement (FSL)** : Non éligible"))
    let sansObjet = dossier.components(separatedBy: "Sans objet pour ce ménage").last?.components(separatedBy: "\n").first ?? ""
    #expect(!sansObjet.contains("Fonds de solidarité"))
    // Its cautions said once per reason, not on every parameter.
    let html = try Self.run(["dossier", "Scenarios/locataire-impayes-perte-emploi.yaml"])
    let fsl = html.components(separatedBy: "data-aide=\"fsl\"").last?.components(separatedBy: "</tr>").first ?? ""
    #expect(fsl.components(separatedBy: "valeur plus récente peut exister").count - 1 == 1, "\(fsl)")
  }

  @Test("Fiche vierge : colonne de la semaine au trimestre")
  func weeklyColumn() throws {
    for format in ["html", "md"] {
      let sheet = try Self.run(["fiche-vierge", "--format", format])
      #expect(sheet.contains("sem. · mois · trim. · an"))
    }
  }

  @Test("Graphique : une couleur et une trame fixes par catégorie, voisines distinctes en gris")
  func chartPalette() throws {
    func fills(_ name: String) throws -> [String: String] {
      let html = try String(
        decoding: Run(["dossier", "Scenarios/\(name).yaml", "--date-document", "2026-12-01"]).stdout.utf8, as: UTF8.self)
      // Legend entries: <rect … fill="F" …/><text …>n. Label : amount</text>
      let re = try NSRegularExpression(pattern: ##"fill="([^"]+)" stroke="#1d1d1b" stroke-width="0.6"/><text[^>]*>\d+\. ([^<]+?)\s?:"##)
      var out: [String: String] = [:]
      for m in re.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
        let fill = String(html[Range(m.range(at: 1), in: html)!])
        let label = String(html[Range(m.range(at: 2), in: html)!]).trimmingCharacters(in: .whitespaces)
        out[label] = fill
      }
      return out
    }
    let a = try fills("couple-trois-enfants-revolving")
    let b = try fills("parent-separe")
    #expect(a.count >= 4 && b.count >= 4)
    for (label, fill) in a { if let other = b[label] { #expect(fill == other, "« \(label) » : \(fill) ici, \(other) là") } }
    // Neighbouring categories stay apart printed in grey: another hatching, or a clearly
    // different grey (relative luminance, WCAG formula without gamma).
    func grey(_ hex: Substring) -> Double {
      let v = Int(hex.dropFirst(), radix: 16)!
      return (0.2126 * Double((v >> 16) & 255) + 0.7152 * Double((v >> 8) & 255) + 0.0722 * Double(v & 255)) / 255
    }
    let styles = BudgetChartProbe.styles
    #expect(Set(styles).count == styles.count, "deux catégories ont le même style")
    for (x, y) in zip(styles, styles.dropFirst()) {
      let (cx, hx) = (x.split(separator: "/")[0], x.split(separator: "/")[1])
      let (cy, hy) = (y.split(separator: "/")[0], y.split(separator: "/")[1])
      #expect(hx != hy || abs(grey(cx) - grey(cy)) >= 0.15, "\(x) et \(y) se confondent en gris")
    }
  }

  @Test("Chevauchement de texte détecté (le contrôle du PDF sait échouer)")
  func overlapCheckCanFail() {
    let a = PrintTests.Word(page: 1, xMin: 100, xMax: 160, yMin: 200, yMax: 210, text: "102 200,00 €")
    let b = PrintTests.Word(page: 1, xMin: 150, xMax: 190, yMin: 201, yMax: 211, text: "3 560,00 €")
    let c = PrintTests.Word(page: 1, xMin: 161, xMax: 190, yMin: 200, yMax: 210, text: "voisin")
    #expect(PrintTests.overlaps([a, b]).count == 1)
    #expect(PrintTests.overlaps([a, c]).isEmpty)
    // Two amounts that touch come out of pdftotext as one word.
    let glued = PrintTests.Word(page: 1, xMin: 100, xMax: 190, yMin: 200, yMax: 210, text: "200,00\u{00A0}€3")
    #expect(PrintTests.overlaps([glued]).count == 1)
  }
}

/// The chart's fixed styles, category by category, as the documents draw them.
enum BudgetChartProbe {
  static var styles: [String] { DocumentData.chartStyles }
}
