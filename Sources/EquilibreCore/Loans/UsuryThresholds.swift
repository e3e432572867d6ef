/// Usury thresholds (seuils de l'usure, article L314-6 du Code de la consommation): a TAEG
/// above the threshold in force for the loan's category is usurious.
///
/// Quarterly values published by the Banque de France (avis au Journal officiel). This
/// dated table moves to the parameter files in a later step.
public enum UsuryCategory: String, CaseIterable, Sendable, Codable {
  case consumerUpTo3000 = "conso-3000"
  case consumer3000To6000 = "conso-3000-6000"
  case consumerOver6000 = "conso-6000"
  case mortgageFixedUnder10Years = "immo-moins-10-ans"
  case mortgageFixed10To20Years = "immo-10-20-ans"
  case mortgageFixed20YearsOrMore = "immo-20-ans"
  case mortgageVariable = "immo-variable"
  case bridgeLoan = "pret-relais"

  public var french: String {
    switch self {
    case .consumerUpTo3000: "prêt à la consommation ≤ 3 000 €"
    case .consumer3000To6000: "prêt à la consommation de 3 000 € à 6 000 €"
    case .consumerOver6000: "prêt à la consommation > 6 000 €"
    case .mortgageFixedUnder10Years: "prêt immobilier à taux fixe < 10 ans"
    case .mortgageFixed10To20Years: "prêt immobilier à taux fixe de 10 à 20 ans"
    case .mortgageFixed20YearsOrMore: "prêt immobilier à taux fixe ≥ 20 ans"
    case .mortgageVariable: "prêt immobilier à taux variable"
    case .bridgeLoan: "prêt relais"
    }
  }

  /// The consumer-credit category of a capital.
  public static func consumer(capital: Money) -> UsuryCategory {
    if capital.value <= Rational(3000) { return .consumerUpTo3000 }
    if capital.value <= Rational(6000) { return .consumer3000To6000 }
    return .consumerOver6000
  }

  /// The fixed-rate mortgage category of a duration in months.
  public static func mortgage(months: Int) -> UsuryCategory {
    if months < 120 { return .mortgageFixedUnder10Years }
    if months < 240 { return .mortgageFixed10To20Years }
    return .mortgageFixed20YearsOrMore
  }
}

/// A threshold in force from a date, with its source.
public struct UsuryThreshold: Sendable, Equatable {
  public let category: UsuryCategory
  /// First day of the quarter it applies to.
  public let from: CivilDate
  /// Annual rate as a fraction (0.2356 for 23,56 %).
  public let rate: Rational
  public let source: String
  /// The value comes from a single or partial source and must be checked.
  public let unsure: Bool
}

/// The outcome of checking a TAEG against the threshold in force.
public struct UsuryCheck: Sendable, Equatable {
  public let threshold: UsuryThreshold
  /// The TAEG is strictly above the threshold.
  public let isUsurious: Bool
  /// The date asked for is past the quarter of the latest known threshold.
  public let isStale: Bool
}

public enum UsuryTable {
  /// Known thresholds, newest last per category.
  public static let thresholds: [UsuryThreshold] = {
    typealias C = UsuryCategory
    let rows: [(String, [C: String], String, Bool)] = [
      (
        "2025-01-01",
        [
          .consumerUpTo3000: "22.93", .consumer3000To6000: "15.16", .consumerOver6000: "8.51",
          .mortgageFixedUnder10Years: "4.61", .mortgageFixed10To20Years: "5.80",
          .mortgageFixed20YearsOrMore: "5.67", .mortgageVariable: "5.87", .bridgeLoan: "6.64",
        ], "https://www.solutis.fr/quel-est-taux-usure-actuel.html", false
      ),
      (
        "2025-04-01",
        [
          .consumerUpTo3000: "23.24", .consumer3000To6000: "15.67", .consumerOver6000: "8.63",
          .mortgageFixedUnder10Years: "4.51", .mortgageFixed10To20Years: "5.45",
          .mortgageFixed20YearsOrMore: "5.31", .mortgageVariable: "5.64", .bridgeLoan: "6.39",
        ],
        "https://avocat-nice-sanossian.fr/actualite-13087-seuils-de-lusure-de-nouveaux-taux-applicables-au-1er-avril-2025 (JO 28/3/2025)",
        false
      ),
      (
        "2025-07-01",
        [.consumerUpTo3000: "23.39", .consumer3000To6000: "15.79", .consumerOver6000: "8.69"],
        "https://ymanci.fr/regroupement-credits/actualites/credit-conso-les-taux-d-usure-effectifs-a-partir-de-juillet-2025",
        false
      ),
      (
        "2025-10-01",
        [.consumerUpTo3000: "23.49", .consumer3000To6000: "15.71", .consumerOver6000: "8.73"],
        "https://ymanci.fr/regroupement-credits/actualites/les-taux-d-usure-pour-les-credits-conso-en-janvier-2026",
        false
      ),
      (
        "2026-01-01",
        [.consumerUpTo3000: "23.56", .consumer3000To6000: "15.87", .consumerOver6000: "8.67"],
        "https://ymanci.fr/regroupement-credits/actualites/les-taux-d-usure-pour-les-credits-conso-en-janvier-2026",
        false
      ),
      (
        "2026-01-01",
        [
          .mortgageFixedUnder10Years: "4.12", .mortgageFixed10To20Years: "4.59",
          .mortgageFixed20YearsOrMore: "5.13",
        ],
        "https://www.partners-finances.fr/actualites/835-quil-faut-savoir-sur-les-nouveaux-taux-dusure-1er-trimestre-2026",
        true
      ),
    ]
    var out: [UsuryThreshold] = []
    for (date, values, source, unsure) in rows {
      for (category, percent) in values.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
        out.append(
          UsuryThreshold(
            category: category, from: CivilDate(date)!, rate: Rational(percent)! / Rational(100),
            source: source, unsure: unsure))
      }
    }
    return out
  }()

  /// The threshold in force on `date` for `category`, or nil before the first known value or
  /// when the category has no known value.
  public static func check(apr: Rational, category: UsuryCategory, on date: CivilDate) -> UsuryCheck? {
    guard
      let t = thresholds.filter({ $0.category == category && $0.from <= date }).max(by: { $0.from < $1.from })
    else { return nil }
    // Thresholds are revised every quarter: past the quarter, a newer value exists.
    return UsuryCheck(threshold: t, isUsurious: apr > t.rate, isStale: date >= t.from.adding(months: 3))
  }
}
