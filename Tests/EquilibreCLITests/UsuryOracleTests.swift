import EquilibreCore
import Foundation
import Testing

/// The usury thresholds against the official notices themselves: the PDF copies and the data
/// file of the PyPI package `seuils` (installed by `.ci/run` in the oracles' virtual environment).
enum Seuils {
  static let version = "2026.4.0"

  static let installed: Bool = {
    (try? Run(["-c", "'\(OpenFisca.python)' -c 'import seuils' 2>/dev/null && command -v pdftotext >/dev/null"], shell: true).status) == 0
  }()

  nonisolated(unsafe) static let data: [String: Any]? = OpenFisca.script("Tests/Oracle/seuils_oracle.py")
}

@Suite(
  "Seuils de l'usure, oracle : avis officiels du paquet seuils",
  .enabled(if: Seuils.installed, "paquet seuils ou pdftotext absent : pip install seuils==2026.4.0 (installé par .ci/run)"))
struct UsuryOracleTests {
  @Test("Chaque seuil de chaque catégorie, de 2017 au 4e trimestre 2026, égal à l'avis du Journal officiel")
  func everyThreshold() throws {
    let data = try #require(Seuils.data, "l'oracle n'a pas répondu")
    #expect(data["version"] as? String == Seuils.version)
    let avis = try #require(data["avis"] as? [String: [String: Any]])
    #expect(avis.count >= 48)
    var compared = 0
    for (day, notice) in avis {
      let date = try #require(CivilDate(day))
      let fromPDF = try #require(notice["pdf"] as? [String: String], "\(day)")
      #expect(fromPDF.count == UsuryCategory.allCases.count, "\(day) : \(fromPDF.count) catégories lues dans l'avis")
      for category in UsuryCategory.allCases {
        let theirs = try #require(fromPDF[category.rawValue].flatMap { Rational($0) }, "\(day) \(category.rawValue)")
        let use = try ParameterSet.national.use("usure.\(category.rawValue)", on: date)
        #expect(use.from == date, "\(day) \(category.rawValue) : l'outil n'a pas cet avis")
        guard case .number(let ours) = use.value else {
          Issue.record("\(day) \(category.rawValue)")
          continue
        }
        #expect(ours == theirs, "\(day) \(category.rawValue) : Équilibre \(ours.frenchExact()), avis \(theirs.frenchExact())")
        #expect(use.source == notice["lien"] as? String, "\(day) : lien Legifrance")
        compared += 1
      }
      // The package's own transcription of the consumer thresholds, an independent reading.
      let transcribed = try #require(notice["seuils_json"] as? [String])
      let consumer = [UsuryCategory.consumerUpTo3000, .consumer3000To6000, .consumerOver6000].map { fromPDF[$0.rawValue]! }
      #expect(transcribed.map { Rational($0)! } == consumer.map { Rational($0)! }, "\(day) : seuils.json")
      // The threshold is the average rate raised by a third (C. conso. L314-6), to the notice's rounding.
      let averages = try #require(notice["moyens"] as? [String: String])
      for category in UsuryCategory.allCases {
        let average = Rational(averages[category.rawValue]!)!
        let threshold = Rational(fromPDF[category.rawValue]!)!
        #expect((average * Rational(4, 3) - threshold).magnitude <= Rational(2, 100), "\(day) \(category.rawValue) : taux moyen × 4/3")
      }
    }
    #expect(compared == avis.count * 8)
    print("Oracle seuils : \(avis.count) avis, \(compared) seuils comparés")
  }

  @Test("Un prêt conso de 1 000 € à 31,89 % le 3 décembre 2026 : usuraire au seuil du 1er octobre 2026 (23,60 %)")
  func todayVerdict() throws {
    let check = try #require(UsuryTable.check(apr: Rational(3189, 10000), category: .consumerUpTo3000, on: CivilDate("2026-12-03")!))
    #expect(check.isUsurious && !check.isProvisional && check.threshold.rate == Rational(236, 1000))
  }
}
