import Foundation
import Testing

/// The workspace in a real browser (Debian's chromium and chromium-driver, Selenium from pip),
/// with and without script: `Tests/Browser/espace_navigateur.py`. `.ci/run` installs them;
/// without them the test shows as skipped with the reason, and ``ExternalToolsTests`` fails in CI.
/// `EQUILIBRE_CAPTURES=DOSSIER` keeps the screenshots.
@Suite("Espace de travail dans un vrai navigateur")
struct BrowserTests {
  /// Whether Chromium, its driver, Selenium and axe-selenium-python are installed.
  static let available: Bool = {
    let fm = FileManager.default
    let python =
      (try? Run(["-c", "python3 -c 'import selenium, axe_selenium_python' 2>/dev/null && echo oui"], shell: true).stdout.contains("oui"))
      ?? false
    return fm.isExecutableFile(atPath: "/usr/bin/chromium") && fm.isExecutableFile(atPath: "/usr/bin/chromedriver") && python
  }()

  static let missing: Comment =
    "Chromium, chromium-driver, selenium ou axe-selenium-python absents : test dans le navigateur non exécuté (apt-get install chromium chromium-driver ; pip install selenium axe-selenium-python)"

  @Test(
    "Un conseiller crée un dossier, voit le reste à vivre changer en tapant, ajoute variante, contact et objectif, télécharge le PDF, exporte ; puis sans script ; puis six mois d'ASLL et le rapport",
    .enabled(if: available, missing))
  func counsellorSession() throws {
    let fm = FileManager.default
    let captures =
      ProcessInfo.processInfo.environment["EQUILIBRE_CAPTURES"]
      ?? fm.temporaryDirectory.appendingPathComponent("equilibre-captures-\(getpid())").path
    let script = Run.packageRoot.appendingPathComponent("Tests/Browser/espace_navigateur.py").path
    let scenario = Run.packageRoot.appendingPathComponent("Scenarios/parent-separe.yaml").path
    let r = try Run(["-c", "python3 '\(script)' '\(Run.binary.path)' '\(scenario)' '\(captures)' 2>&1"], shell: true)
    print(r.stdout)
    #expect(r.status == 0, "\(r.stdout.split(separator: "\n").last(where: { $0.hasPrefix("ÉCHEC") }) ?? "échec")")
    #expect(r.stdout.contains("ok : le reste à vivre change pendant la saisie"))
    #expect(r.stdout.contains("ok : Entrée dans un champ : dossier ouvert depuis le formulaire, sans script"))
    #expect(r.stdout.contains("ok : dossier : axe-core, aucune violation WCAG A/AA"))
    // Three statement files, reviewed line by line (issue 32).
    #expect(r.stdout.contains("ok : relecture des relevés : axe-core, aucune violation WCAG A/AA"))
    #expect(r.stdout.contains("ok : relevés relus : nouvelle situation enregistrée"))
    // Six months of an ASLL, then the report and its CSV (issue 29).
    #expect(r.stdout.contains("ok : CSV : UTF-8 avec BOM, les mêmes nombres (1 ; 1 ; 1)"))
  }
}

/// The external tools of the PDF and browser tests: outside CI their tests show as skipped with
/// the reason; in CI (`CI=true`, as `.ci/run` sets) a missing tool is a failure.
@Suite("Outils externes des tests")
struct ExternalToolsTests {
  @Test(
    "En CI, WeasyPrint, poppler-utils, Chromium et Selenium sont installés : aucun test n'est sauté",
    .enabled(
      if: ProcessInfo.processInfo.environment["CI"] == "true", "hors CI : un outil absent ne fait que sauter ses tests, en le disant"))
  func installedInCI() {
    #expect(PrintTests.pdfAvailable, PrintTests.pdfMissing)
    #expect(BrowserTests.available, BrowserTests.missing)
  }
}
