import CGMP
import Foundation
import PropertyBased
import Testing

@testable import EquilibreCore

@Suite("Rationnels exacts")
struct RationalTests {
  @Test(
    "Saisie à la française",
    arguments: [
      ("1234.56", Rational(123456, 100)),
      ("1 234,56", Rational(123456, 100)),
      ("1\u{00A0}234,56", Rational(123456, 100)),
      ("1\u{202F}234,56 €", Rational(123456, 100)),
      ("1234,56 €", Rational(123456, 100)),
      ("1234,56€", Rational(123456, 100)),
      ("-12", Rational(-12)),
      ("+0,5", Rational(1, 2)),
      ("3,5 %", Rational(35, 1000)),
      ("12 000 000", Rational(12_000_000)),
      ("0,000001", Rational(1, 1_000_000)),
    ])
  func parsesFrench(text: String, expected: Rational) throws {
    #expect(try Rational(french: text) == expected)
  }

  @Test(
    "Saisies refusées avec une raison",
    arguments: [
      "", "abc", "1.234,56", "1,234.56", "12 34,5", "1 2345", "1,2,3", "--5", "5 €€", "€", "1e5", "0x10", "3,5 %%",
    ])
  func rejectsGarbage(text: String) {
    #expect(throws: FrenchNumber.ParseError.self) { try Rational(french: text) }
    do {
      _ = try Rational(french: text)
    } catch {
      #expect(error.description.contains("n'est pas un nombre valide"))
    }
  }

  @Test("Affichage français et simple")
  func printsFrenchAndPlain() throws {
    let nbsp = "\u{00A0}"
    #expect(Money(cents: 123456).french == "1\(nbsp)234,56\(nbsp)€")
    #expect(Money(cents: -123_456_789).french == "-1\(nbsp)234\(nbsp)567,89\(nbsp)€")
    #expect(Money(cents: 5).french == "0,05\(nbsp)€")
    #expect(Money(cents: 123456).plain == "1234.56")
    #expect(Money(cents: -5).plain == "-0.05")
    #expect(Money(euros: 12).plain == "12.00")
    #expect(Rational(35, 1000).frenchPercent() == "3,5\(nbsp)%")
    #expect(Rational(1, 3).description == "1/3")
    #expect(Rational(-1, 8).description == "-0.125")
    #expect(Rational(7).description == "7")
  }

  // Reference: the table of java.math.RoundingMode's documentation (UP/DOWN/CEILING/FLOOR/
  // HALF_UP/HALF_EVEN columns), an independent published table of the same five modes.
  @Test(
    "Modes d'arrondi (table de java.math.RoundingMode)",
    arguments: [
      // input, halfAwayFromZero, halfEven, floor, ceiling, towardZero
      ("5.5", 6, 6, 5, 6, 5),
      ("2.5", 3, 2, 2, 3, 2),
      ("1.6", 2, 2, 1, 2, 1),
      ("1.1", 1, 1, 1, 2, 1),
      ("1.0", 1, 1, 1, 1, 1),
      ("-1.0", -1, -1, -1, -1, -1),
      ("-1.1", -1, -1, -2, -1, -1),
      ("-1.6", -2, -2, -2, -1, -1),
      ("-2.5", -3, -2, -3, -2, -2),
      ("-5.5", -6, -6, -6, -5, -5),
    ])
  func roundingModes(input: String, halfUp: Int, halfEven: Int, floor: Int, ceiling: Int, down: Int) {
    let x = Rational(input)!
    #expect(x.rounded(toPlaces: 0, .halfAwayFromZero) == Rational(halfUp))
    #expect(x.rounded(toPlaces: 0, .halfEven) == Rational(halfEven))
    #expect(x.rounded(toPlaces: 0, .floor) == Rational(floor))
    #expect(x.rounded(toPlaces: 0, .ceiling) == Rational(ceiling))
    #expect(x.rounded(toPlaces: 0, .towardZero) == Rational(down))
  }

  @Test("Arrondi au centime d'un tiers et de demi-centimes")
  func roundingToCents() {
    #expect(Rational(1, 3).rounded(toPlaces: 2, .halfAwayFromZero) == Rational(33, 100))
    #expect(Rational(2, 3).rounded(toPlaces: 2, .floor) == Rational(66, 100))
    #expect(Rational(2, 3).rounded(toPlaces: 2, .halfEven) == Rational(67, 100))
    #expect(Rational("0.125")!.rounded(toPlaces: 2, .halfEven) == Rational("0.12")!)
    #expect(Rational("0.135")!.rounded(toPlaces: 2, .halfEven) == Rational("0.14")!)
    #expect(Rational("0.125")!.rounded(toPlaces: 2, .halfAwayFromZero) == Rational("0.13")!)
    #expect(Rational(1250).rounded(toPlaces: -2, .halfEven) == Rational(1200))
    // The entier-rounding helper used by the fast path agrees with the GMP one.
    #expect(RoundingMode.halfAwayFromZero.divide(-5, by: 2) == -3)
    #expect(RoundingMode.halfEven.divide(-5, by: 2) == -2)
    #expect(RoundingMode.floor.divide(-1, by: 3) == -1)
    #expect(RoundingMode.ceiling.divide(1, by: 3) == 1)
  }

  @Test("Puissance entière exacte")
  func power() {
    #expect(Rational(2, 3).power(5) == Rational(32, 243))
    #expect(Rational(2).power(-3) == Rational(1, 8))
    #expect(Rational(-1, 2).power(3) == Rational(-1, 8))
    #expect(Rational(-3, 7).power(0) == .one)
    // 1.01^4 = 1.04060401, expanded by hand: 1.0201² = 1.04060401.
    #expect(Rational(101, 100).power(4) == Rational("1.04060401")!)
    // 2^100 = 1267650600228229401496703205376 (exact, beyond 64 bits).
    #expect(Rational(2).power(100).description == "1267650600228229401496703205376")
  }

  @Test("Égalité, ordre et hachage indépendants de l'écriture")
  func hashingAndOrder() {
    let a = Rational(2, 4)
    let b = Rational("0.5")!
    let c = Rational(1, 3) + Rational(1, 6)
    #expect(a == b && b == c)
    #expect(Set([a, b, c]).count == 1)
    #expect(Rational(1, 3) < Rational(34, 100))
    #expect(Rational(-1, 2) < Rational(-1, 3))
    #expect([Rational(3), Rational(-1), Rational(1, 2)].sorted() == [Rational(-1), Rational(1, 2), Rational(3)])
  }

  @Test("Codable : chaîne décimale exacte")
  func codable() throws {
    let values = [Rational("1234.56")!, Rational(-1, 8), Rational(1, 3), Rational(0)]
    let data = try JSONEncoder().encode(values)
    #expect(String(decoding: data, as: UTF8.self) == #"["1234.56","-0.125","1\/3","0"]"#)
    #expect(try JSONDecoder().decode([Rational].self, from: data) == values)
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode([Rational].self, from: Data(#"["douze"]"#.utf8))
    }
    let money = try JSONDecoder().decode(Money.self, from: Data(#""12.30""#.utf8))
    #expect(money == Money(cents: 1230))
  }

  @Test("Valeur sémantique : une copie ne bouge pas")
  func valueSemantics() {
    var a = Rational(5)
    let b = a
    a += Rational(1)
    #expect(b == Rational(5))
    #expect(a == Rational(6))
  }

  @Test("Propriété : l'affichage français se relit à l'identique")
  func frenchRoundTrip() async {
    await propertyCheck(count: 2000, input: Gen.int(in: -10_000_000_000...10_000_000_000)) { cents in
      let m = Money(cents: cents)
      let parsed = try Money(french: m.french)
      #expect(parsed == m)
      #expect(Rational(m.plain) == m.value)
      #expect(m.exactCents == cents)
    }
  }

  @Test("Affichage : le chemin rapide (entiers machine) et le chemin GMP écrivent la même chose")
  func frenchFastAndBigPaths() async {
    let nbsp = "\u{00A0}"
    // Beyond Int: GMP. 10^20 + 0,05 and its negative, grouped by three.
    let big = Rational(100_000_000_000_000_000 as Int) * Rational(1000) + Rational(5, 100)
    #expect(big.french(places: 2) == "100\(nbsp)000\(nbsp)000\(nbsp)000\(nbsp)000\(nbsp)000\(nbsp)000,05")
    #expect((-big).plainDecimal(places: 3) == "-100000000000000000000.050")
    // Within Int: the digits of a hand-made decimal text, padded and grouped.
    await propertyCheck(count: 2000, input: Gen.int(in: -9_999_999_999...9_999_999_999)) { n in
      let places = Int(n.magnitude % 5)
      var scale = 1
      for _ in 0..<places { scale *= 10 }
      let r = Rational(n, scale)
      let digits = String(n.magnitude)
      let padded = String(repeating: "0", count: max(0, places + 1 - digits.count)) + digits
      let whole = String(padded.dropLast(places))
      let grouped = whole.enumerated().map { i, c in (i > 0 && (whole.count - i) % 3 == 0 ? nbsp : "") + String(c) }.joined()
      let expected = (n < 0 ? "-" : "") + grouped + (places > 0 ? "," + padded.suffix(places) : "")
      #expect(r.french(places: places) == expected, "\(n) / 10^\(places)")
    }
  }

  @Test("Propriété : arrondis encadrés et cohérents")
  func roundingProperties() async {
    await propertyCheck(
      count: 2000, input: Gen.int(in: -1_000_000_000...1_000_000_000), Gen.int(in: 1...100_000), Gen.int(in: 0...4)
    ) { n, d, places in
      let x = Rational(n, d)
      let floor = x.rounded(toPlaces: places, .floor)
      let ceil = x.rounded(toPlaces: places, .ceiling)
      let unit = Rational(1).power(1) / Rational(10).power(places)
      #expect(floor <= x && x <= ceil)
      #expect(ceil - floor == (floor == x ? .zero : unit))
      for mode in [RoundingMode.halfAwayFromZero, .halfEven] {
        let r = x.rounded(toPlaces: places, mode)
        #expect((r - x).magnitude <= unit / 2)
        #expect(r == floor || r == ceil)
      }
      let t = x.rounded(toPlaces: places, .towardZero)
      #expect(t.magnitude <= x.magnitude)
      // Machine-integer rounding agrees with the GMP one.
      if places == 0 {
        for mode in RoundingMode.allCases {
          #expect(Rational(mode.divide(n, by: d)) == x.rounded(toPlaces: 0, mode))
        }
      }
    }
  }

  @Test("Propriété : arithmétique de corps")
  func fieldProperties() async {
    await propertyCheck(
      count: 1000, input: Gen.int(in: -1_000_000...1_000_000), Gen.int(in: 1...1000), Gen.int(in: -1_000_000...1_000_000),
      Gen.int(in: 1...1000)
    ) { a, b, c, d in
      let x = Rational(a, b)
      let y = Rational(c, d)
      #expect(x + y - y == x)
      #expect(x * y == Rational(a * c, b * d))
      if !y.isZero { #expect(x / y * y == x) }
      #expect((x + y).power(2) == x * x + Rational(2) * x * y + y * y)
    }
  }
}

@Suite("Rationnels : chemin entier machine contre GMP")
struct RationalFastPathTests {
  @Test("Opérations à la limite des entiers machine : mêmes résultats que GMP, forme canonique")
  func againstGMP() async {
    await propertyCheck(
      count: 3000, input: Gen.int(in: Int.min...Int.max), Gen.int(in: 1...Int.max), Gen.int(in: Int.min...Int.max),
      Gen.int(in: 1...Int.max)
    ) { a, b, c, d in
      let x = Rational(a, b)
      let y = Rational(c, d)
      let pairs: [(Rational, Rational)] = [
        (x + y, Rational.gmp(x, y, __gmpq_add)), (x - y, Rational.gmp(x, y, __gmpq_sub)),
        (x * y, Rational.gmp(x, y, __gmpq_mul)),
      ]
      for (fast, slow) in pairs {
        #expect(fast == slow)
        #expect(fast.hashValue == slow.hashValue)
        #expect(fast.description == slow.description)
        #expect((fast.big == nil) == (slow.big == nil))
      }
      if !y.isZero {
        #expect(x / y == Rational.gmp(x, y, __gmpq_div))
      }
      #expect((x < y) == (x.withMPQ { p in y.withMPQ { q in __gmpq_cmp(p.q, q.q) < 0 } }))
    }
  }

  @Test("Passage par GMP et retour : Int.max + 1 − 1 = Int.max, même hachage")
  func roundTrip() {
    let big = Rational(Int.max) + Rational(1)
    #expect(big.big != nil)
    let back = big - Rational(1)
    #expect(back.big == nil)
    #expect(back == Rational(Int.max))
    #expect(Set([back, Rational(Int.max)]).count == 1)
    #expect(Rational(Int.min).description == "-9223372036854775808")
    #expect(-Rational(Int.min) == big)
  }
}
