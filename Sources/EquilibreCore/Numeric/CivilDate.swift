/// A calendar date (proleptic Gregorian), without time or time zone.
public struct CivilDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  public let year: Int
  public let month: Int
  public let day: Int

  /// Years a date may hold. Far wider than any input, so that date arithmetic on an accepted
  /// date (a plan's months, a deferral) never leaves it.
  public static let representableYears = -1_000_000...1_000_000

  /// Years accepted in a scenario, a flow file or an option: a situation, a birth, a loan.
  public static let inputYears = 1900...2199

  /// Fails on an impossible date (31 avril, 29 février 2025…).
  public init?(year: Int, month: Int, day: Int) {
    guard CivilDate.representableYears.contains(year), (1...12).contains(month),
      (1...CivilDate.daysIn(month: month, year: year)).contains(day)
    else { return nil }
    self.year = year
    self.month = month
    self.day = day
  }

  /// Parses `AAAA-MM-JJ` as the case base stores it, byte by byte (the hot path of long
  /// lists); any other text goes through ``init(_:)``.
  public init?(iso text: String) {
    var parsed: (Int, Int, Int)?? = .none
    _ = text.utf8.withContiguousStorageIfAvailable { b in
      guard b.count == 10, b[4] == 45, b[7] == 45 else { return }
      var ok = true
      func d(_ k: Int) -> Int {
        let c = Int(b[k]) &- 48
        if c < 0 || c > 9 { ok = false }
        return c
      }
      let v = (d(0) * 1000 + d(1) * 100 + d(2) * 10 + d(3), d(5) * 10 + d(6), d(8) * 10 + d(9))
      parsed = .some(ok ? v : nil)
    }
    switch parsed {
    case .none: self.init(text)
    case .some(.none): return nil
    case .some(.some(let v)): self.init(year: v.0, month: v.1, day: v.2)
    }
  }

  /// Parses `AAAA-MM-JJ` or `JJ/MM/AAAA`.
  public init?(_ text: String) {
    let t = text.trimmingSpaces
    let parts: [Substring]
    let ymd: Bool
    if t.contains("-") {
      parts = t.split(separator: "-", omittingEmptySubsequences: false)
      ymd = true
    } else {
      parts = t.split(separator: "/", omittingEmptySubsequences: false)
      ymd = false
    }
    guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }),
      let a = Int(parts[0]), let b = Int(parts[1]), let c = Int(parts[2])
    else { return nil }
    if ymd {
      guard parts[0].count == 4 else { return nil }
      self.init(year: a, month: b, day: c)
    } else {
      guard parts[2].count == 4 else { return nil }
      self.init(year: c, month: b, day: a)
    }
  }

  public static func isLeap(_ year: Int) -> Bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
  }

  public static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  public static func daysIn(year: Int) -> Int { isLeap(year) ? 366 : 365 }

  /// Days since 1970-01-01 (negative before).
  public var dayNumber: Int {
    // Howard Hinnant's days_from_civil.
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146097 + doe - 719468
  }

  /// Inverse of ``dayNumber``.
  public init(dayNumber z0: Int) {
    let z = z0 + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
    self.month = m
    self.day = d
  }

  public func adding(days: Int) -> CivilDate { CivilDate(dayNumber: dayNumber + days) }

  /// Same day `n` months later, clamped to the month's last day (31 janv. + 1 mois = 28/29 févr.).
  public func adding(months n: Int) -> CivilDate {
    let total = year * 12 + (month - 1) + n
    let y = total >= 0 ? total / 12 : (total - 11) / 12
    let m = total - y * 12 + 1
    return CivilDate(unchecked: y, m, min(day, CivilDate.daysIn(month: m, year: y)))
  }

  private init(unchecked year: Int, _ month: Int, _ day: Int) {
    self.year = year
    self.month = month
    self.day = day
  }

  public func adding(years n: Int) -> CivilDate { adding(months: 12 * n) }

  public static func < (a: CivilDate, b: CivilDate) -> Bool { a.dayNumber < b.dayNumber }

  /// `AAAA-MM-JJ`.
  public var description: String {
    func pad(_ v: Int, _ w: Int) -> String {
      let s = String(v.magnitude)
      return (v < 0 ? "-" : "") + String(repeating: "0", count: max(0, w - s.count)) + s
    }
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
  }

  public static let frenchMonths = [
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre",
  ]

  /// `mars 2026`: the month, as a cause's date is told.
  public var frenchMonth: String { "\(CivilDate.frenchMonths[month - 1]) \(year)" }

  /// `1er janvier 2026`, `15 mars 2025`.
  public var french: String {
    "\(day == 1 ? "1er" : String(day)) \(CivilDate.frenchMonths[month - 1]) \(year)"
  }

  public init(from decoder: Decoder) throws {
    let c = try decoder.singleValueContainer()
    let s = try c.decode(String.self)
    guard let d = CivilDate(s) else {
      throw DecodingError.dataCorruptedError(in: c, debugDescription: "date invalide : \(s)")
    }
    self = d
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(description)
  }
}

extension String {
  /// Without leading and trailing spaces (ordinary, no-break, thin) and tabs.
  /// The text without leading and trailing spaces (ordinary, no-break, thin) and tabs.
  public var trimmingSpaces: String {
    let isSpace: (Character) -> Bool = { FrenchNumber.spaces.contains($0) || $0 == "\t" || $0 == "\r" }
    guard let start = firstIndex(where: { !isSpace($0) }) else { return "" }
    let end = lastIndex(where: { !isSpace($0) })!
    return String(self[start...end])
  }
}
