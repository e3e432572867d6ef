import EquilibreCore
import Foundation
import Testing

/// The documents as a counsellor prints them: every example scenario, in every format, read for
/// developer text, tables running past the margin, pages holding only a signature, and, in the
/// anonymised versions, any personal value.
///
/// The PDF checks need WeasyPrint and poppler-utils (`pdftotext`, `pdfinfo`); `.ci/run` installs
/// them. Without them the PDF tests show as skipped, with the reason (`.enabled(if:)`), and in CI
/// ``ExternalToolsTests`` fails: CI sets nothing that skips them.
@Suite("Documents imprimés : mise en page, texte, données personnelles")
struct PrintTests {
  static let scenarios: [String] = {
    let dir = Run.packageRoot.appendingPathComponent("Scenarios")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
    return names.filter { $0.hasSuffix(".yaml") }.sorted().map { "Scenarios/\($0)" } + [personalFixture]
  }()
  static let personalFixture = "Tests/Fixtures/donnees-personnelles.yaml"

  /// Text that must never reach a printed page: paths, template names, options, reference
  /// keys, placeholder dates, empty brackets, Swift's own words.
  static let forbidden = [
    "Templates/", ".mustache", "à personnaliser", "projet_logement", "--fsl", "--forfaits", "(--", "../shared", "shared/reference",
    "[R1]", "[R2]", "[R3]", "[R4]", "[R5]", "1er janvier 1970", "01/01/1970", "()", "( )", "Optional(", "nil", "\\(", "{{", "}}",
    "NaN", "TODO", ".swift", "EquilibreCore", "Error(", "reglages", "rawValue",
  ]

  static func forbiddenIn(_ text: String) -> [String] {
    forbidden.filter { f in
      if f == "nil" { return text.range(of: #"\bnil\b"#, options: .regularExpression) != nil }
      return text.contains(f)
    }
  }

  @Test("Aucun texte de développeur : chaque scénario, chaque document, HTML et Markdown", arguments: scenarios)
  func noDeveloperText(_ scenario: String) throws {
    for kind in ["dossier", "surendettement"] {
      for format in ["html", "md"] {
        for extra in [[], ["--anonyme"], ["--annexe-parametres"]] {
          let r = try Run([kind, scenario, "--format", format] + extra)
          #expect(r.status == 0, "\(kind) \(scenario) \(format) \(extra) : \(r.stderr)")
          #expect(r.stderr.isEmpty || r.stderr.hasSuffix("écrit.\n"), "\(kind) \(scenario) : \(r.stderr)")
          let found = Self.forbiddenIn(r.stdout)
          #expect(found.isEmpty, "\(kind) \(scenario) \(format) \(extra) : \(found)")
        }
      }
    }
    for format in ["html", "md"] {
      let blank = try Run(["fiche-vierge", "--format", format])
      #expect(blank.status == 0 && Self.forbiddenIn(blank.stdout).isEmpty && !blank.stdout.contains("equilibre "))
    }
  }

  // MARK: Personal data

  /// What a reader of an anonymised document must not find: every personal value the scenario
  /// holds, listed here from the scenario itself (not from the anonymiser), with the birth
  /// dates in the three ways a document writes them.
  static func personalValues(_ s: Scenario) -> [String] {
    var out: [String] = []
    func add(_ v: String?) { if let v = v?.trimmingCharacters(in: .whitespaces), v.count > 2 { out.append(v) } }
    for m in s.members {
      add(m.name)
      add(m.familyName)
      add(m.birthName)
      add(m.birthPlace)
      add(m.activity?.employerName)
      add(m.activity?.employerAddress)
      let d = m.birthDate
      let months = [
        "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre",
      ]
      out += [
        d.description, String(format: "%02d/%02d/%04d", d.day, d.month, d.year),
        "\(d.day == 1 ? "1er" : String(d.day)) \(months[d.month - 1]) \(d.year)",
      ]
    }
    add(s.contact.address)
    add(s.contact.phone)
    add(s.contact.email)
    add(s.housing.landlord?.name)
    add(s.housing.landlord?.address)
    for d in s.debts {
      add(d.address)
      add(d.reference)
      add(d.guarantor)
    }
    add(s.socialService?.organisation)
    add(s.socialService?.referent)
    add(s.socialService?.phone)
    add(s.socialService?.email)
    for a in s.bankAccounts { add(a.bank) }
    return out
  }

  /// Values the personal-data fixture also writes only in its free text (notes, labels).
  static let fixtureFreeText = [
    "+33 6 98 76 54 32", "jo.b59@example.net", "GH-123-JK", "Aurélien Duquesnoy", "Duquesnoy", "Sabrina Lefebvre", "Lefebvre",
    "12 rue des Capucines", "4 quai de la Deûle", "7 avenue Foch", "03.20.11.22.33", "3 décembre 2025", "2026-10-02", "14/07/1979",
    "Kowalczyk", "Odette", "Maëlys", "Horizon Nord",
  ]

  /// A document's text as a reader sees it: entities decoded, Markdown escapes and
  /// non-breaking spaces undone.
  static func readable(_ s: String) -> String {
    var t = s.replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
      .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(
        of: "&gt;", with: ">")
    for c in ["\\[", "\\]", "\\*", "\\_", "\\|", "\\#", "\\`", "\\\\"] { t = t.replacingOccurrences(of: c, with: String(c.last!)) }
    return t.replacingOccurrences(of: "\u{00A0}", with: " ").replacingOccurrences(of: "\u{202F}", with: " ")
  }

  /// `word` in `text` as a whole word, whatever the case (« Tom » is not in « bottom »).
  static func containsWord(_ text: String, _ word: String) -> Bool {
    var rest = text[...]
    while let r = rest.range(of: word, options: [.caseInsensitive]) {
      let before = r.lowerBound > rest.startIndex ? rest[rest.index(before: r.lowerBound)] : nil
      let after = r.upperBound < rest.endIndex ? rest[r.upperBound] : nil
      if !(before?.isLetter ?? false) && !(after?.isLetter ?? false) { return true }
      rest = rest[r.upperBound...]
    }
    return false
  }

  @Test("--anonyme : aucune valeur personnelle dans aucun document ni aucun format", arguments: scenarios)
  func anonymised(_ path: String) throws {
    let scenario = try ScenarioFile.load(path: Run.packageRoot.appendingPathComponent(path).path)
    var secrets = Self.personalValues(scenario)
    if path == Self.personalFixture { secrets += Self.fixtureFreeText }
    #expect(!secrets.isEmpty)
    for kind in ["dossier", "surendettement"] {
      for format in ["html", "md", "json"] {
        let plain = try Run([kind, path, "--format", format])
        let anon = try Run([kind, path, "--format", format, "--anonyme"])
        #expect(anon.status == 0, "\(anon.stderr)")
        let text = Self.readable(anon.stdout)
        for secret in secrets {
          #expect(!Self.containsWord(text, secret), "\(kind) \(format) \(path) : « \(secret) » paraît")
        }
        // The test means something: the plain document shows the names it hides.
        if format != "json", let first = scenario.members.first?.name, first.count > 2 {
          #expect(Self.readable(plain.stdout).contains(first))
        }
      }
    }
  }

  @Test("--anonyme : élision française devant un libellé remplacé")
  func elision() throws {
    let r = try Run(["dossier", Self.personalFixture, "--format", "md", "--anonyme"])
    #expect(!r.stdout.contains("d'Personne") && !r.stdout.contains("d’Personne") && !r.stdout.contains("l'["))
    #expect(r.stdout.contains("de Personne") || r.stdout.contains("Personne 1"))
  }

  // MARK: PDF

  /// Whether WeasyPrint and poppler-utils (`pdftotext`, `pdfinfo`) are installed.
  static let pdfAvailable: Bool = {
    let poppler = ["/usr/bin/pdftotext", "/usr/bin/pdfinfo"].allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }
    let weasy = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
      .contains { FileManager.default.isExecutableFile(atPath: "\($0)/weasyprint") }
    return poppler && weasy
  }()

  static let pdfMissing: Comment =
    "WeasyPrint ou poppler-utils absents : contrôles PDF non exécutés (pip install weasyprint ; apt-get install poppler-utils)"

  static func tool(_ path: String, _ arguments: [String]) throws -> String {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: path)
    p.arguments = arguments
    let out = Pipe()
    p.standardOutput = out
    p.standardError = FileHandle.nullDevice
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }

  struct Word {
    let page: Int
    let xMin: Double
    let xMax: Double
    let yMin: Double
    let yMax: Double
    let text: String
  }

  /// The words of a PDF with their boxes (`pdftotext -bbox`), and the page width.
  /// The coordinates are read as numbers only to compare them with the margins.
  static func words(_ pdf: String) throws -> (pages: Int, width: Double, words: [Word]) {
    let html = try tool("/usr/bin/pdftotext", ["-bbox", "-enc", "UTF-8", pdf, "-"])
    var page = 0
    var width = 0.0
    var out: [Word] = []
    func attr(_ line: Substring, _ name: String) -> Double? {
      guard let r = line.range(of: "\(name)=\"") else { return nil }
      return Double(line[r.upperBound...].prefix { $0 != "\"" })
    }
    for line in html.split(separator: "\n") {
      if line.contains("<page ") {
        page += 1
        width = attr(line, "width") ?? width
      } else if line.contains("<word "), let x0 = attr(line, "xMin"), let x1 = attr(line, "xMax"), let y0 = attr(line, "yMin"),
        let y1 = attr(line, "yMax")
      {
        let text = line.split(separator: ">", maxSplits: 1).last.map { String($0.prefix { $0 != "<" }) } ?? ""
        out.append(Word(page: page, xMin: x0, xMax: x1, yMin: y0, yMax: y1, text: text))
      }
    }
    return (page, width, out)
  }

  /// Pairs of words of the same line whose boxes overlap: text running out of its cell. Two
  /// amounts that touch are read as one word (« 200,00 €3 560,00 ») and reported with themselves.
  static func overlaps(_ words: [Word]) -> [(Word, Word)] {
    var out: [(Word, Word)] = []
    for w in words {
      if let euro = w.text.firstIndex(of: "€"), w.text.index(after: euro) < w.text.endIndex {
        let next = w.text[w.text.index(after: euro)]
        if next.isNumber || next.isLetter || next == "\u{2212}" { out.append((w, w)) }
      }
    }
    for page in Set(words.map(\.page)) {
      let on = words.filter { $0.page == page }.sorted { $0.xMin < $1.xMin }
      for (i, a) in on.enumerated() {
        for b in on[(i + 1)...] {
          if b.xMin >= a.xMax - 0.5 { break }
          let vertical = min(a.yMax, b.yMax) - max(a.yMin, b.yMin)
          if vertical > 0.5 * min(a.yMax - a.yMin, b.yMax - b.yMin) { out.append((a, b)) }
        }
      }
    }
    return out
  }

  static func pdf(_ arguments: [String], _ name: String) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("equilibre-impression-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let file = dir.appendingPathComponent(name).path
    try? FileManager.default.removeItem(atPath: file)
    let r = try Run(arguments + ["--format", "pdf", "--sortie", file])
    #expect(r.status == 0, "\(arguments) : \(r.stderr)")
    return file
  }

  /// A4 is 595,28 pt wide; the style sheet's side margins are 14 mm (39,69 pt).
  static let margin = 14.0 / 25.4 * 72.0

  @Test(
    "PDF : aucun texte au-delà des marges, aucune page de signature seule, graphique en page 1, balisage",
    .enabled(if: pdfAvailable, pdfMissing), arguments: scenarios)
  func printedPages(_ scenario: String) throws {
    let base = (scenario as NSString).lastPathComponent.replacingOccurrences(of: ".yaml", with: "")
    for kind in ["dossier", "surendettement"] {
      let file = try Self.pdf([kind, scenario], "\(kind)-\(base).pdf")
      let (pages, width, words) = try Self.words(file)
      #expect(pages >= 1 && width > 500 && words.count > 200, "\(kind) \(base) : texte du PDF illisible")
      // Every word within the printable width.
      for w in words where w.xMax > width - Self.margin + 1 || w.xMin < Self.margin - 1 {
        Issue.record("\(kind) \(base) p. \(w.page) : « \(w.text) » sort de la marge (x \(w.xMin)–\(w.xMax) sur \(width))")
      }
      // No page with only a signature block, and no page almost empty.
      let signatureWords: Set<String> = ["signature", "Le", "ménage", "conseiller", "Fait", "à", "le"]
      for p in 1...pages {
        let onPage = words.filter { $0.page == p && !($0.text == "page" || $0.text == "/" || Int($0.text) != nil) }
        let names = Set(onPage.map(\.text)).subtracting(signatureWords)
        #expect(onPage.count >= 20, "\(kind) \(base) p. \(p) : page presque vide (\(onPage.map(\.text).joined(separator: " ")))")
        // The declaration and its signatures never open a page: they take the last rows of rubrique 7 along.
        #expect(
          onPage.prefix(2).map(\.text) != ["Déclaration", "sur"],
          "\(kind) \(base) p. \(p) : la déclaration et les signatures seules sur leur page")
        if onPage.contains(where: { $0.text == "signature" || $0.text == "conseiller" }) {
          #expect(names.count > 8, "\(kind) \(base) p. \(p) : page qui ne porte qu'une signature")
        }
      }
      // Every page numbered « page n / N ».
      for p in 1...pages {
        let texts = words.filter { $0.page == p }.map(\.text)
        let numbered = texts.indices.contains { i in
          i + 3 < texts.count && texts[i] == "page" && texts[i + 1] == "\(p)" && texts[i + 2] == "/" && texts[i + 3] == "\(pages)"
        }
        #expect(numbered, "\(kind) \(base) p. \(p) : pas de numéro « page \(p) / \(pages) »")
      }
      // No text box runs into another: a total wider than its column, a badge out of its cell.
      for o in Self.overlaps(words) {
        Issue.record("\(kind) \(base) p. \(o.0.page) : « \(o.0.text) » chevauche « \(o.1.text) »")
      }
      if kind == "dossier" {
        // The chart is on the first page (its legend gives the reste à vivre).
        let first = words.filter { $0.page == 1 }.map(\.text).joined(separator: " ")
        #expect(first.contains("Reste à vivre :"), "\(base) : graphique absent de la première page")
      }
      // Tagged PDF with a title, tables tagged for screen readers.
      let info = try Self.tool("/usr/bin/pdfinfo", [file])
      #expect(info.contains("Tagged:          yes"), "\(kind) \(base) : PDF non balisé")
      #expect(info.contains("Title:") && !info.contains("Title:           \n"))
      let structure = try Self.tool("/usr/bin/pdfinfo", ["-struct", file])
      #expect(structure.contains("Table") && structure.contains("TH"), "\(kind) \(base) : tableaux non balisés")
    }
  }

  @Test("PDF : langue du document déclarée en français", .enabled(if: pdfAvailable, pdfMissing))
  func language() throws {
    let file = try Self.pdf(["dossier", "Scenarios/parent-separe.yaml"], "langue.pdf")
    // The catalogue is compressed: inflate every stream and look for /Lang (fr).
    let script = """
      import re, sys, zlib
      d = open(sys.argv[1], 'rb').read()
      found = re.search(rb'/Lang ?\\(fr', d) is not None
      for m in re.finditer(rb'stream\\r?\\n', d):
          try:
              if re.search(rb'/Lang ?\\(fr', zlib.decompressobj().decompress(d[m.end():m.end() + 500000])): found = True
          except Exception:
              pass
      print('fr' if found else 'absent')
      """
    let out = try Self.tool("/usr/bin/env", ["python3", "-c", script, file])
    #expect(out.trimmingCharacters(in: .whitespacesAndNewlines) == "fr")
  }

  @Test("Fiche vierge PDF : colonne de fréquence, lignes d'au moins 8 mm, pas de ligne de commande", .enabled(if: pdfAvailable, pdfMissing))
  func blankWorksheet() throws {
    let file = try Self.pdf(["fiche-vierge"], "fiche.pdf")
    let (pages, width, words) = try Self.words(file)
    let text = words.map(\.text).joined(separator: " ")
    #expect(text.contains("Fréquence") || text.contains("fréquence"))
    // No orphan page: each page has a table to fill, and its number.
    for p in 1...pages {
      let onPage = words.filter { $0.page == p }
      #expect(onPage.count >= 25, "fiche vierge p. \(p) : page presque vide")
      #expect(onPage.map(\.text).joined(separator: " ").contains("page \(p) / \(pages)"))
    }
    #expect(!text.contains("equilibre"))
    for w in words where w.xMax > width - Self.margin + 1 { Issue.record("fiche vierge : « \(w.text) » sort de la marge") }
    // Rows: consecutive labels of the resources table are at least 8 mm apart.
    let labels = ["Salaire", "Allocation", "Indemnités", "Retraite"].compactMap { l in words.first { $0.text == l } }
    let ys = labels.map(\.yMin).sorted()
    #expect(ys.count >= 3)
    for (a, b) in zip(ys, ys.dropFirst()) { #expect(b - a >= 8.0 / 25.4 * 72.0 - 0.5, "lignes de \(b - a) pt") }
  }
}
