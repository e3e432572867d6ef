/// The value of a parameter: a number, a list of numbers (a scale's thresholds), or a setting.
public enum ParameterValue: Sendable, Equatable {
  case number(Rational)
  case numbers([Rational])
  case text(String)
  case texts([String])

  /// French text of the value: `651,69`, `[4 480 ; 8 730]`, `global`.
  public var french: String {
    switch self {
    case .number(let r): r.frenchExact()
    case .numbers(let list): "[" + list.map { $0.frenchExact() }.joined(separator: " ; ") + "]"
    case .text(let t): t
    case .texts(let list): list.joined(separator: ", ")
    }
  }
}

/// One dated value of a parameter and where it comes from.
public struct DatedValue: Sendable {
  /// First day the value applies.
  public let from: CivilDate
  /// nil: the tool has no value from this date (a gap the user must fill).
  public let value: ParameterValue?
  /// Legal reference (decree, article).
  public let reference: String?
  /// Where the value was read (URL or publication).
  public let source: String?
  /// True when the value comes from a single or weak source and must be checked.
  public let unsure: Bool
  /// File the value was read from (`national` for the values shipped with the tool).
  public let origin: String
}

/// A parameter: a description, a unit, and its values by date.
public struct Parameter: Sendable {
  public let key: String
  public let description: String
  public let unit: String
  /// The values are known to be still valid up to this date; past it, a newer value may exist.
  public let reviewedUntil: CivilDate?
  /// Sorted by date.
  public let values: [DatedValue]
}

/// A parameter value in force on a date, with its provenance: what an explanation cites.
public struct ParameterUse: Sendable {
  public let key: String
  public let description: String
  public let unit: String
  public let value: ParameterValue
  public let from: CivilDate
  public let reference: String?
  public let source: String?
  public let unsure: Bool
  public let origin: String
  /// The date asked for is past the parameter's review marker.
  public let isPastReview: Bool
  public let reviewedUntil: CivilDate?

  /// Warnings to show next to the figure, in French.
  public var warnings: [String] {
    var out: [String] = []
    if isPastReview, let r = reviewedUntil {
      out.append("à vérifier : valeur connue valable jusqu'au \(r.french), une valeur plus récente peut exister")
    }
    if unsure { out.append("à vérifier : source unique ou incertaine") }
    return out
  }

  /// `Montant forfaitaire du RSA … : 651,69 euros par mois, depuis le 1er avril 2026 (Décret …) — source`.
  public var frenchCitation: String {
    var s = "\(description) : \(value.french) (\(unit)), en vigueur depuis le \(from.french)"
    if let r = reference { s += " — \(r)" }
    if let src = source { s += " — source : \(src)" }
    if origin != ParameterSet.nationalOrigin { s += " — fichier \(origin)" }
    for w in warnings { s += " — \(w)" }
    return s
  }
}

/// Why a parameter could not be read on a date.
public enum ParameterError: Error, Sendable, Equatable, CustomStringConvertible {
  case unknown(String)
  case beforeFirstValue(String, date: CivilDate, first: CivilDate)
  case noValue(String, date: CivilDate, since: CivilDate)
  case wrongType(String, expected: String)

  public var description: String {
    switch self {
    case .unknown(let k): "paramètre inconnu « \(k) »"
    case .beforeFirstValue(let k, let d, let first):
      "paramètre « \(k) » : aucune valeur au \(d.french), la première date du \(first.french)"
    case .noValue(let k, let d, let since):
      "paramètre « \(k) » : l'outil n'a pas de valeur en vigueur au \(d.french) (lacune depuis le \(since.french)) ; ajoutez-la avec --parametres FICHIER"
    case .wrongType(let k, let expected): "paramètre « \(k) » : \(expected) attendu"
    }
  }
}

/// Dated, sourced parameters: the national values shipped with the tool, plus any file the user
/// adds with `--parametres` (its values add to or replace the national ones, date by date).
public struct ParameterSet: Sendable {
  public private(set) var parameters: [String: Parameter]

  public init(parameters: [String: Parameter] = [:]) { self.parameters = parameters }

  static let nationalOrigin = "national"

  /// The national parameters compiled into the tool.
  public static let national: ParameterSet = {
    var set = ParameterSet()
    let files: [(String, [UInt8])] = [
      ("saisie.yaml", PackageResources.saisie_yaml),
      ("rsa.yaml", PackageResources.rsa_yaml),
      ("unites-consommation.yaml", PackageResources.unites_consommation_yaml),
      ("interet-legal.yaml", PackageResources.interet_legal_yaml),
      ("usure.yaml", PackageResources.usure_yaml),
      ("aides.yaml", PackageResources.aides_yaml),
      ("logement-social.yaml", PackageResources.logement_social_yaml),
    ]
    for (name, bytes) in files {
      do {
        set.merge(try ParameterFile.parse(String(decoding: bytes, as: UTF8.self), file: name, origin: nationalOrigin))
      } catch {
        fatalError("paramètres nationaux illisibles (\(name)) :\n\(error)")  // caught by the tests
      }
    }
    return set
  }()

  /// The date of the newest value (not a declared gap) among these parameters.
  public var latestValueDate: CivilDate? {
    parameters.values.flatMap(\.values).filter { $0.value != nil }.map(\.from).max()
  }

  /// Adds `other`'s parameters; for a key in both, values at the same date are replaced and
  /// new dates are added.
  public mutating func merge(_ other: ParameterSet) {
    for (key, p) in other.parameters {
      guard let mine = parameters[key] else {
        parameters[key] = p
        continue
      }
      var byDate: [CivilDate: DatedValue] = [:]
      for v in mine.values { byDate[v.from] = v }
      for v in p.values { byDate[v.from] = v }
      parameters[key] = Parameter(
        key: key, description: p.description.isEmpty ? mine.description : p.description,
        unit: p.unit.isEmpty ? mine.unit : p.unit, reviewedUntil: p.reviewedUntil ?? mine.reviewedUntil,
        values: byDate.values.sorted { $0.from < $1.from })
    }
  }

  /// The value of `key` in force on `date`.
  public func use(_ key: String, on date: CivilDate) throws(ParameterError) -> ParameterUse {
    guard let p = parameters[key] else { throw .unknown(key) }
    guard let first = p.values.first, first.from <= date else {
      throw .beforeFirstValue(key, date: date, first: p.values.first?.from ?? date)
    }
    var current = first
    for v in p.values where v.from <= date { current = v }
    guard let value = current.value else { throw .noValue(key, date: date, since: current.from) }
    return ParameterUse(
      key: key, description: p.description, unit: p.unit, value: value, from: current.from,
      reference: current.reference, source: current.source, unsure: current.unsure, origin: current.origin,
      isPastReview: p.reviewedUntil.map { date > $0 } ?? false, reviewedUntil: p.reviewedUntil)
  }

  public func number(_ key: String, on date: CivilDate) throws(ParameterError) -> (Rational, ParameterUse) {
    let u = try use(key, on: date)
    guard case .number(let r) = u.value else { throw .wrongType(key, expected: "un nombre") }
    return (r, u)
  }

  public func numbers(_ key: String, on date: CivilDate) throws(ParameterError) -> ([Rational], ParameterUse) {
    let u = try use(key, on: date)
    guard case .numbers(let r) = u.value else { throw .wrongType(key, expected: "une liste de nombres") }
    return (r, u)
  }

  public func text(_ key: String, on date: CivilDate) throws(ParameterError) -> (String, ParameterUse) {
    let u = try use(key, on: date)
    guard case .text(let t) = u.value else { throw .wrongType(key, expected: "un réglage") }
    return (t, u)
  }

  public func texts(_ key: String, on date: CivilDate) throws(ParameterError) -> ([String], ParameterUse) {
    let u = try use(key, on: date)
    switch u.value {
    case .texts(let t): return (t, u)
    case .text(let t): return ([t], u)
    default: throw .wrongType(key, expected: "une liste de réglages")
    }
  }

  /// Keys in alphabetical order.
  public var keys: [String] { parameters.keys.sorted() }
}
