import Foundation
import Testing

@testable import EquilibreCore

/// pyxirr, the float solver people use instead, as an independent check of the TAEG: on random
/// loans with fees, insurance, deferral and the three periodicities, our certified 2-decimal
/// TAEG is within half a hundredth of pyxirr's unrounded rate. `.ci/run` installs pyxirr;
/// without it the suite is skipped with its reason shown.
enum Pyxirr {
  static let installed: Bool = {
    (try? Run(["-c", "python3 -c 'import pyxirr' 2>/dev/null"], shell: true).status) == 0
  }()
}

@Suite("pyxirr, oracle du TAEG", .enabled(if: Pyxirr.installed, "pyxirr absent : pip install pyxirr (installé par .ci/run)"))
struct PyxirrOracleTests {
  @Test("400 prêts au hasard : |TAEG arrondi − TAEG de pyxirr| ≤ 0,005 point")
  func agreesWithPyxirr() throws {
    var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next(_ range: ClosedRange<Int>) -> Int {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return range.lowerBound + Int((seed >> 33) % UInt64(range.count))
    }
    let periodicities: [Periodicity] = [.monthly, .quarterly, .annual]
    var loans: [[String: Any]] = []
    var ours: [Rational] = []
    for _ in 0..<400 {
      let periodicity = periodicities[next(0...5) < 4 ? 0 : next(1...2)]
      let periods = periodicity == .monthly ? next(6...360) : next(2...30)
      let deferral =
        periods > 3 && next(0...3) == 0
        ? Deferral(periods: next(1...min(12, periods - 1)), kind: next(0...1) == 0 ? .partial : .total) : nil
      let insurance: Insurance? =
        switch next(0...3) {
        case 0: nil
        case 1: .rate(annual: Rational(next(0...60), 10_000), base: .initialCapital)
        case 2: .rate(annual: Rational(next(0...60), 10_000), base: .outstandingCapital)
        default: .premium(Money(cents: next(0...3000)))
        }
      let capital = next(50_000...50_000_000)
      let terms = LoanTerms(
        capital: Money(cents: capital), annualRate: Rational(next(10...2200), 10_000), periods: periods,
        periodicity: periodicity, deferral: deferral, insurance: insurance, fees: Money(cents: capital * next(0...30) / 1000))
      let schedule = try Schedule(terms: terms)
      var cents = [Int](repeating: 0, count: schedule.rows.count + 1)
      for f in try APR.flows(of: schedule) { cents[f.index] += f.cents }
      loans.append(["q": periodicity.periodsPerYear, "flows": cents])
      ours.append(try APR.solve(schedule: schedule).roundedPercent)
    }
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("pyxirr-\(UUID().uuidString).json")
    try JSONSerialization.data(withJSONObject: loans).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let r = try Run(["-c", "exec python3 Tests/Oracle/pyxirr_oracle.py '\(file.path)'"], shell: true)
    #expect(r.status == 0, "\(r.stderr)")
    let theirs = try #require((try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8))) as? [Any])
    #expect(theirs.count == ours.count)
    var compared = 0
    for (k, value) in theirs.enumerated() {
      guard let percent = value as? Double else { continue }
      // pyxirr's float, read back as the exact decimal it prints (a float only at the peer).
      let peer = try #require(Rational(String(format: "%.9f", percent)))
      let gap = (ours[k] - peer).magnitude
      #expect(gap <= Rational(5_000_001, 1_000_000_000), "prêt \(k) : nous \(ours[k]) %, pyxirr \(percent) %")
      compared += 1
    }
    // pyxirr answers almost every loan (it may give up on a few).
    #expect(compared >= 390, "pyxirr n'a répondu que pour \(compared) prêts")
  }
}
