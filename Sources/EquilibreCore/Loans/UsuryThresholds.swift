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
  /// The date asked for is past the period of the threshold used: a newer one may exist.
  public let isStale: Bool
  /// No threshold is known to the tool on the date (a declared gap since this date): the last
  /// known one stands in.
  public let gapSince: CivilDate?
  /// The date checked.
  public let date: CivilDate

  /// The verdict is provisional: the threshold used may not be the one in force.
  public var isProvisional: Bool { isStale || gapSince != nil }

  /// The verdict, in French, never silent about a provisional threshold.
  public var verdictFrench: String {
    let last = "\(threshold.rate.frenchPercent(minPlaces: 2)), en vigueur depuis le \(threshold.from.french)"
    guard isProvisional else {
      return isUsurious
        ? "ATTENTION : le TAEG dépasse le seuil de l'usure (\(last)) : taux usuraire (article L314-6 du Code de la consommation)."
        : "Le TAEG ne dépasse pas le seuil de l'usure (\(last))."
    }
    let why =
      gapSince.map { "l'outil n'a pas de seuil en vigueur au \(date.french) (lacune depuis le \($0.french))" }
      ?? "le seuil du \(date.french) n'est peut-être pas encore connu de l'outil (révision trimestrielle)"
    return isUsurious
      ? "ATTENTION : TAEG probablement usuraire : il dépasse le dernier seuil connu (\(last)). Contrôle provisoire : \(why) ; vérifiez l'avis de la Banque de France en vigueur."
      : "Contrôle provisoire : le TAEG ne dépasse pas le dernier seuil connu (\(last)), mais \(why) ; vérifiez l'avis de la Banque de France en vigueur."
  }
}

/// The usury thresholds, read from the dated parameters `usure.<categorie>` (file `usure.yaml`).
public enum UsuryTable {
  /// The check of `apr` against the threshold in force on `date` for `category`; when the tool
  /// has none then, against the last known one, provisionally. Nil only before the first
  /// known threshold.
  public static func check(
    apr: Rational, category: UsuryCategory, on date: CivilDate, parameters: ParameterSet = .national
  ) -> UsuryCheck? {
    guard let use = try? parameters.provisional("usure.\(category.rawValue)", on: date), case .number(let percent) = use.value
    else { return nil }
    let threshold = UsuryThreshold(
      category: category, from: use.from, rate: percent / Rational(100),
      source: use.source ?? use.reference ?? "", unsure: use.unsure)
    // Thresholds are revised every quarter: past the quarter, a newer value exists.
    let stale = date >= use.from.adding(months: 3) || use.isPastReview
    return UsuryCheck(threshold: threshold, isUsurious: apr > threshold.rate, isStale: stale, gapSince: use.gapSince, date: date)
  }

  /// Why no threshold is known for `category` on `date`, in French.
  public static func unknownReason(category: UsuryCategory, on date: CivilDate, parameters: ParameterSet = .national) -> String {
    do {
      _ = try parameters.provisional("usure.\(category.rawValue)", on: date)
      return ""
    } catch {
      return error.description
    }
  }
}
