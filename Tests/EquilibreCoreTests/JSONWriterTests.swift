import EquilibreCore
import Foundation
import Testing

/// The one JSON writer: keys in the type's order, the same values as Foundation reads them back.
@Suite("JSON : un seul écrivain, clés dans l'ordre du modèle")
struct JSONWriterTests {
  struct Line: Codable, Equatable {
    var libelle: String
    var montant: Rational
    var note: String?
    var mois: [Int]
  }

  struct Sheet: Codable, Equatable {
    var ménage: String
    var lignes: [Line]
    var totaux: [String: Rational]
    var actif: Bool
    var taux: Double
  }

  @Test("Les clés sortent dans l'ordre des propriétés ; une option absente est omise ; un dictionnaire est trié")
  func order() throws {
    let line = Line(libelle: "Loyer", montant: Rational(9, 20), note: nil, mois: [1, 2])
    let sheet = Sheet(ménage: "Martin", lignes: [line], totaux: ["z": .one, "a": .zero], actif: true, taux: 0.5)
    let text = try JSONWriter().string(sheet)
    #expect(
      text == """
        {
          "ménage": "Martin",
          "lignes": [
            {
              "libelle": "Loyer",
              "montant": "0.45",
              "mois": [
                1,
                2
              ]
            }
          ],
          "totaux": {
            "a": "0",
            "z": "1"
          },
          "actif": true,
          "taux": 0.5
        }
        """)
    #expect(try JSONWriter(pretty: false).string(line) == #"{"libelle":"Loyer","montant":"0.45","mois":[1,2]}"#)
  }

  @Test("Les clés renommées suivent le chemin ; les clés d'un dictionnaire ne sont jamais renommées")
  func renamed() throws {
    let writer = JSONWriter(pretty: false, keys: { path in path.count >= 2 ? "[\(path.last!.stringValue)]" : path.last!.stringValue })
    let sheet = Sheet(ménage: "M", lignes: [], totaux: ["libelle": .one], actif: false, taux: 2)
    #expect(try writer.string(sheet) == #"{"ménage":"M","lignes":[],"totaux":{"libelle":"1"},"actif":false,"taux":2}"#)
    let nested = ["x": [Line(libelle: "a", montant: .one, note: "n", mois: [])]]
    #expect(try writer.string(nested) == #"{"x":[{"[libelle]":"a","[montant]":"1","[note]":"n","[mois]":[]}]}"#)
  }

  @Test("Les caractères de contrôle et bidi sont échappés ; les accents et les barres obliques restent")
  func escaping() throws {
    let text = try JSONWriter(pretty: false).string(["t": "a\u{1B}[2J/é\u{202E}\"\\\n"])
    #expect(text == #"{"t":"a\u001b[2J/é\u202e\"\\\n"}"#)
  }

  @Test("Un nombre non fini est refusé, pas écrit en JSON invalide")
  func nonFinite() {
    #expect(throws: EncodingError.self) { try JSONWriter().string([Double.infinity]) }
    #expect(throws: EncodingError.self) { try JSONWriter().string(["x": Double.nan]) }
  }

  @Test("Propriété : relu par JSONDecoder, chaque valeur au hasard est la même ; et le même arbre que JSONEncoder")
  func roundTrip() throws {
    var rng = SplitMix(seed: 30)
    for _ in 0..<300 {
      func text() -> String {
        let pool = ["é", "a", "\u{7}", "\"", "\\", "€", " ", "\u{202E}", "z", "\n", "0"]
        return String((0..<Int.random(in: 0...6, using: &rng)).map { _ in pool.randomElement(using: &rng)! }.joined())
      }
      func rational() -> Rational { Rational(Int.random(in: -1_000_000...1_000_000, using: &rng), Int.random(in: 1...997, using: &rng)) }
      let lines = (0..<Int.random(in: 0...4, using: &rng)).map { _ in
        Line(
          libelle: text(), montant: rational(), note: Bool.random(using: &rng) ? text() : nil,
          mois: (0..<Int.random(in: 0...3, using: &rng)).map { _ in Int.random(in: -5...5000, using: &rng) })
      }
      var totals: [String: Rational] = [:]
      for _ in 0..<Int.random(in: 0...3, using: &rng) { totals[text()] = rational() }
      let sheet = Sheet(
        ménage: text(), lignes: lines, totaux: totals, actif: Bool.random(using: &rng),
        taux: Double(Int.random(in: -10_000...10_000, using: &rng)) / 64)
      for pretty in [true, false] {
        let bytes = Data(try JSONWriter(pretty: pretty).bytes(sheet))
        #expect(try JSONDecoder().decode(Sheet.self, from: bytes) == sheet)
        let ours = try JSONSerialization.jsonObject(with: bytes) as? NSDictionary
        let theirs = try JSONSerialization.jsonObject(with: JSONEncoder().encode(sheet)) as? NSDictionary
        #expect(ours == theirs)
      }
    }
  }

  @Test("Un arbre écrit à la main passe tel quel, et par JSONEncoder donne le même JSON")
  func handBuilt() throws {
    let value = JSONValue.object([("b", .int(1)), ("a", .array([.string("x"), .null, .bool(true), .number("2.5")]))])
    #expect(try JSONWriter().value(value) == value)
    #expect(value.rendered(pretty: false) == #"{"b":1,"a":["x",null,true,2.5]}"#)
    let viaFoundation = try JSONSerialization.jsonObject(with: JSONEncoder().encode(value)) as? NSDictionary
    let ours = try JSONSerialization.jsonObject(with: Data(value.rendered().utf8)) as? NSDictionary
    #expect(viaFoundation == ours)
  }
}
