/// The value of a parameter: a number, a list of numbers (a scale's thresholds), or a setting.
public enum ParameterValue: Sendable, Equatable {
  case number(Rational)
  case numbers([Rational])
  case text(String)
  case texts([String])

  /// What kind of value, in French: « un nombre », « une liste de 7 nombres »…
  public var shape: String {
    switch self {
    case .number: "un nombre"
    case .numbers(let l): "une liste de \(l.count) nombres"
    case .text: "un réglage"
    case .texts: "une liste de réglages"
    }
  }

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

/// How often a parameter is revised: what tells that its last known value may be out of date.
public enum Revision: String, CaseIterable, Sendable {
  case semestrielle, trimestrielle, annuelle
  /// When a decree or an arrêté changes it, on no fixed calendar.
  case decret
  /// Set by the law itself, changed only by a new law.
  case stable

  public var french: String {
    switch self {
    case .semestrielle: "révisé chaque semestre"
    case .trimestrielle: "révisé chaque trimestre"
    case .annuelle: "révisé chaque année"
    case .decret: "révisé par décret ou arrêté, sans calendrier fixe"
    case .stable: "fixé par la loi"
    }
  }
}

/// A parameter: a description, a unit, and its values by date.
public struct Parameter: Sendable {
  public let key: String
  public let description: String
  public let unit: String
  /// The values are known to be still valid up to this date; past it, a newer value may exist.
  public let reviewedUntil: CivilDate?
  public let revision: Revision?
  /// Where the next value will be published (the text and the site).
  public let nextSource: String?
  /// Sorted by date.
  public let values: [DatedValue]

  public init(
    key: String, description: String, unit: String, reviewedUntil: CivilDate?, revision: Revision? = nil,
    nextSource: String? = nil, values: [DatedValue]
  ) {
    self.key = key
    self.description = description
    self.unit = unit
    self.reviewedUntil = reviewedUntil
    self.revision = revision
    self.nextSource = nextSource
    self.values = values
  }

  /// The newest value that is not a declared gap, on or before `date`.
  public func lastKnown(on date: CivilDate) -> DatedValue? {
    values.last { $0.from <= date && $0.value != nil }
  }
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
  /// Set when no value is known on the date asked for (a declared gap since this date) and the
  /// last known value stands in, provisionally (``ParameterSet/provisional(_:on:)``).
  public var gapSince: CivilDate? = nil

  /// The value is a local one (`equilibre parametres importer`) or from a file the user named.
  public var isLocal: Bool { origin != ParameterSet.nationalOrigin }

  /// The value may not be the one in force: a gap, or past the review date.
  public var isProvisional: Bool { gapSince != nil || isPastReview }

  /// Warnings to show next to the figure, in French.
  public var warnings: [String] {
    var out: [String] = []
    if let g = gapSince {
      out.append(
        "valeur provisoire : aucune valeur connue depuis le \(g.french) ; dernière valeur connue, en vigueur depuis le \(from.french)")
    }
    if isPastReview, let r = reviewedUntil {
      out.append("à vérifier : valeur connue valable jusqu'au \(r.french), une valeur plus récente peut exister")
    }
    if unsure { out.append("à vérifier : source unique ou incertaine") }
    return out
  }

  /// A convention with no date of effect (the OECD scale, a setting) is dated 1970-01-01 in the
  /// data files: it is never shown as « depuis le 1er janvier 1970 ».
  public var isUndated: Bool { from.year <= 1970 }

  /// « en vigueur depuis le 1er avril 2026 », or « sans date d'effet » for a convention.
  public var inForceFrench: String { isUndated ? "sans date d'effet (convention)" : "en vigueur depuis le \(from.french)" }

  /// `Montant forfaitaire du RSA … : 651,69 euros par mois, depuis le 1er avril 2026 (Décret …) — source`.
  public var frenchCitation: String {
    var s = "\(description) : \(value.french) (\(unit)), \(inForceFrench)"
    if let r = reference { s += " — \(r)" }
    if let src = source { s += " — source : \(src)" }
    if isLocal { s += " — valeur locale (\(origin))" }
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

  /// The parameters compiled into the tool (`Parameters/Data`).
  public static let embedded: ParameterSet = {
    var set = ParameterSet()
    let files: [(String, [UInt8])] = [
      ("saisie.yaml", PackageResources.saisie_yaml),
      ("rsa.yaml", PackageResources.rsa_yaml),
      ("unites-consommation.yaml", PackageResources.unites_consommation_yaml),
      ("interet-legal.yaml", PackageResources.interet_legal_yaml),
      ("usure.yaml", PackageResources.usure_yaml),
      ("aides.yaml", PackageResources.aides_yaml),
      ("logement-social.yaml", PackageResources.logement_social_yaml),
      ("prestations.yaml", PackageResources.prestations_yaml),
      ("aide-logement.yaml", PackageResources.aide_logement_yaml),
      ("plan.yaml", PackageResources.plan_yaml),
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

  /// The parameters every computation uses: the embedded ones, plus the local values imported
  /// with `equilibre parametres importer` (``LocalParameters``), which add dates or replace a value
  /// at the same date. Each local value says so in every explanation (« valeur locale »).
  public static let national: ParameterSet = {
    var set = embedded
    set.merge(LocalParameters.loaded.set)
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
      let newest = [p.reviewedUntil, mine.reviewedUntil].compactMap { $0 }.max()
      parameters[key] = Parameter(
        key: key, description: p.description.isEmpty ? mine.description : p.description,
        unit: p.unit.isEmpty ? mine.unit : p.unit, reviewedUntil: newest, revision: p.revision ?? mine.revision,
        nextSource: p.nextSource ?? mine.nextSource, values: byDate.values.sorted { $0.from < $1.from })
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

  /// The value of `key` on `date`, or, when the tool has none then (a declared gap), the last
  /// known value marked provisional (``ParameterUse/gapSince``). A missing value never blocks
  /// a computation that can say so on its figure.
  public func provisional(_ key: String, on date: CivilDate) throws(ParameterError) -> ParameterUse {
    do {
      return try use(key, on: date)
    } catch {
      guard case .noValue(_, _, let since) = error, let p = parameters[key], let last = p.lastKnown(on: date), let value = last.value
      else { throw error }
      var u = ParameterUse(
        key: key, description: p.description, unit: p.unit, value: value, from: last.from, reference: last.reference,
        source: last.source, unsure: last.unsure, origin: last.origin, isPastReview: p.reviewedUntil.map { date > $0 } ?? false,
        reviewedUntil: p.reviewedUntil)
      u.gapSince = since
      return u
    }
  }

  /// A parameter whose value on `date` may be out of date, and why.
  public struct Staleness: Sendable {
    public let parameter: Parameter
    /// The last value known on the date (nil: none at all).
    public let lastKnown: DatedValue?
    /// A declared gap covers the date.
    public let gapSince: CivilDate?
    public let reason: String
  }

  /// Every parameter whose value on `date` is missing (a gap) or past its review date.
  public func stale(on date: CivilDate) -> [Staleness] {
    keys.compactMap { key in
      let p = parameters[key]!
      guard let first = p.values.first, first.from <= date else { return nil }
      let current = p.values.last { $0.from <= date }!
      if current.value == nil {
        return Staleness(
          parameter: p, lastKnown: p.lastKnown(on: date), gapSince: current.from,
          reason: "aucune valeur en vigueur connue depuis le \(current.from.french)")
      }
      if let r = p.reviewedUntil, date > r {
        return Staleness(
          parameter: p, lastKnown: current, gapSince: nil,
          reason:
            "valeur vérifiée jusqu'au \(r.french) ; \(p.revision?.french ?? "révision possible"), une valeur plus récente peut exister")
      }
      return nil
    }
  }

  public func number(_ key: String, on date: CivilDate) throws(ParameterError) -> (Rational, ParameterUse) {
    let u = try use(key, on: date)
    guard case .number(let r) = u.value else { throw .wrongType(key, expected: "un nombre") }
    return (r, u)
  }

  /// A count (months, days, years, persons): a whole number, refused otherwise; never a
  /// fallback value.
  public func wholeNumber(_ key: String, on date: CivilDate) throws(ParameterError) -> (Int, ParameterUse) {
    let (r, u) = try number(key, on: date)
    guard let (n, d) = r.intComponents, d == 1 else { throw .wrongType(key, expected: "un nombre entier") }
    return (n, u)
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
