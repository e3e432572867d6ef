import EquilibreCore
import EquilibreStatements

/// A reproducible random source (SplitMix64): the same seed gives the same households.
public struct SeededRandom: RandomNumberGenerator {
  var state: UInt64
  public init(seed: UInt64) { state = seed }
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

extension CivilDate {
  /// 1 for Monday to 7 for Sunday.
  var weekday: Int {
    let monday = CivilDate(year: 2026, month: 1, day: 5)!.dayNumber
    return ((dayNumber - monday) % 7 + 7) % 7 + 1
  }
}

/// A generated household's three months of movements, each tagged with what it truly is.
public struct SyntheticHousehold: Sendable {
  /// What a generated line truly is.
  public enum Truth: Sendable, Equatable, Hashable {
    /// A recurring income or charge (its id, and whether it is an income).
    case recurring(id: String, income: Bool, periodicity: BudgetPeriodicity)
    /// A credit's instalment (the lender's name in the lenders file).
    case credit(lender: String)
    case incident
    case oneOff
  }

  public struct Movement: Sendable {
    public var date: CivilDate
    public var label: String
    public var cents: Int
    public var truth: Truth
  }

  public var movements: [Movement]
  /// The layout its files are written in.
  public var layout: String
  public var opening: Int

  /// Three months from `start` (the first of a month) for household number `index`.
  public static func make(index: Int, seed: UInt64, start: CivilDate) -> SyntheticHousehold {
    var rng = SeededRandom(seed: seed &+ UInt64(index) &* 7919)
    var m: [Movement] = []
    let months = (0..<3).map { start.adding(months: $0) }
    let end = start.adding(months: 3).adding(days: -1)
    func day(_ month: CivilDate, _ d: Int) -> CivilDate {
      var date = month.adding(days: min(d, 28) - 1)
      // Paid on the next working day when the date falls on a week-end.
      while date.weekday >= 6 { date = date.adding(days: 1) }
      return date
    }
    func monthly(
      _ id: String, _ income: Bool, _ label: (Int) -> String, _ amount: (inout SeededRandom) -> Int, dayOfMonth: Int
    ) {
      for (k, month) in months.enumerated() {
        m.append(
          Movement(
            date: day(month, dayOfMonth), label: label(k), cents: (income ? 1 : -1) * amount(&rng),
            truth: .recurring(id: id, income: income, periodicity: .mensuelle)))
      }
    }
    let monthNames = [
      "JANVIER", "FEVRIER", "MARS", "AVRIL", "MAI", "JUIN", "JUILLET", "AOUT", "SEPTEMBRE", "OCTOBRE", "NOVEMBRE", "DECEMBRE",
    ]
    // Incomes, in the wording the bank uses for a transfer received.
    let received = ["VIR SEPA", "VIREMENT EN VOTRE FAVEUR", "VIR SEPA RECU /DE", "VIR INST RE"][Int.random(in: 0...3, using: &rng)]
    let employers = ["ACME", "BATIMAT", "CLINIQUE DU PARC", "LOGISTIQUE OUEST", "MAIRIE DE TOURS", "SUPER U", "ADECCO", "RANDSTAD"]
    let earners = Int.random(in: 0...2, using: &rng)
    for e in 0..<earners {
      let employer = employers[Int.random(in: 0..<employers.count, using: &rng)] + (e == 1 ? " SERVICES" : "")
      let base = Int.random(in: 90_000...240_000, using: &rng)
      let varies = Bool.random(using: &rng)
      let dom = Int.random(in: 1...6, using: &rng)
      if Int.random(in: 0..<6, using: &rng) == 0 {
        // Paid every four weeks (some temp agencies and employers).
        var d = day(start, dom)
        while d <= end {
          m.append(
            Movement(
              date: d, label: "\(received) \(employer) PAIE \(Int.random(in: 1000...9999, using: &rng))", cents: base,
              truth: .recurring(id: "salaire\(e)", income: true, periodicity: .quatreSemaines)))
          d = d.adding(days: 28)
        }
      } else {
        monthly(
          "salaire\(e)", true, { k in "\(received) \(employer) /MOTIF SALAIRE \(monthNames[months[k].month - 1]) \(months[k].year)" },
          { r in varies ? base + Int.random(in: -base / 12...base / 12, using: &r) : base }, dayOfMonth: dom)
      }
    }
    if earners == 0 || Int.random(in: 0..<5, using: &rng) == 0 {
      let base = Int.random(in: 60_000...130_000, using: &rng)
      monthly(
        "chomage", true, { _ in "\(received) FRANCE TRAVAIL ALLOCATION \(Int.random(in: 100_000...999_999, using: &rng))" }, { _ in base },
        dayOfMonth: Int.random(in: 1...4, using: &rng))
    }
    let caf = ["CAF DE LA GIRONDE", "CAF DU NORD", "CAF DE PARIS", "CAF DU RHONE", "CAF 44"][Int.random(in: 0..<5, using: &rng)]
    if Bool.random(using: &rng) {
      let base = Int.random(in: 14_000...60_000, using: &rng)
      // Benefits are revalued on 1 April.
      let raised = base + base * Int.random(in: 10...40, using: &rng) / 1000
      for month in months {
        m.append(
          Movement(
            date: day(month, 5), label: "\(received) \(caf) PRESTATIONS FAMILIALES",
            cents: month.year * 12 + month.month >= 2026 * 12 + 4 ? raised : base,
            truth: .recurring(id: "caf-prestations", income: true, periodicity: .mensuelle)))
      }
      // Bi-monthly CAF: the housing aid comes on its own day.
      if Bool.random(using: &rng) {
        let apl = Int.random(in: 8_000...35_000, using: &rng)
        monthly("caf-apl", true, { _ in "VIR \(caf) APL" }, { _ in apl }, dayOfMonth: 25)
      }
    }
    if Int.random(in: 0..<4, using: &rng) == 0 {
      let base = Int.random(in: 5_000...30_000, using: &rng)
      monthly("prime", true, { _ in "VIR \(caf) PRIME ACTIVITE" }, { _ in base }, dayOfMonth: 5)
    }
    if Int.random(in: 0..<6, using: &rng) == 0 {
      let base = Int.random(in: 70_000...160_000, using: &rng)
      monthly(
        "retraite", true, { _ in "VIR CARSAT RETRAITE \(Int.random(in: 10_000...99_999, using: &rng))" }, { _ in base }, dayOfMonth: 9)
    }
    if Int.random(in: 0..<6, using: &rng) == 0 {
      let base = Int.random(in: 10_000...40_000, using: &rng)
      monthly("pension-recue", true, { _ in "VIR M DURAND PENSION ALIMENTAIRE" }, { _ in base }, dayOfMonth: 10)
    }
    // Charges.
    let landlords = ["OPH MONTREUIL", "GIRONDE HABITAT", "FONCIA LYON", "NEXITY", "SCI DES LILAS", "CITYA BORDEAUX"]
    let rent = Int.random(in: 35_000...90_000, using: &rng)
    let landlord = landlords[Int.random(in: 0..<landlords.count, using: &rng)]
    monthly(
      "loyer", false, { _ in "PRLV SEPA \(landlord) LOYER REF\(Int.random(in: 1000...9999, using: &rng))" }, { _ in rent }, dayOfMonth: 6)
    let energy = ["EDF CLIENTS PARTICULIERS", "ENGIE", "TOTALENERGIES ELECTRICITE", "EKWATEUR"][Int.random(in: 0..<4, using: &rng)]
    let kwh = Int.random(in: 4_000...16_000, using: &rng)
    monthly("energie", false, { k in "PRLV SEPA \(energy) ECH \(k + 1)/10" }, { _ in kwh }, dayOfMonth: 10)
    // Now and then the yearly adjustment, billed once.
    if Int.random(in: 0..<4, using: &rng) == 0 {
      m.append(
        Movement(
          date: day(months[1], 22), label: "PRLV SEPA \(energy) FACTURE REGULARISATION",
          cents: -Int.random(in: 9_000...60_000, using: &rng),
          truth: .oneOff))
    }
    let phone = ["FREE MOBILE", "SOSH", "BOUYGUES TELECOM", "SFR", "RED BY SFR"][Int.random(in: 0..<5, using: &rng)]
    let phoneCents = [999, 1_599, 1_999, 2_499, 3_999][Int.random(in: 0..<5, using: &rng)]
    monthly("telephone", false, { _ in "PRLV SEPA \(phone)" }, { _ in phoneCents }, dayOfMonth: 12)
    if Bool.random(using: &rng) {
      let box = Int.random(in: 2_499...4_999, using: &rng)
      monthly("internet", false, { _ in "PRLV SEPA ORANGE INTERNET BOX" }, { _ in box }, dayOfMonth: 20)
    }
    let insurer = ["MAIF", "MACIF", "MATMUT", "MAAF", "GROUPAMA"][Int.random(in: 0..<5, using: &rng)]
    if Bool.random(using: &rng) {
      // Quarterly: seen once in three months.
      let q = Int.random(in: 6_000...25_000, using: &rng)
      m.append(
        Movement(
          date: day(months[Int.random(in: 0...2, using: &rng)], 15), label: "PRLV SEPA \(insurer) ASSURANCE HABITATION TRIM",
          cents: -q, truth: .recurring(id: "assurance", income: false, periodicity: .trimestrielle)))
    } else {
      let a = Int.random(in: 1_500...6_000, using: &rng)
      monthly("assurance", false, { _ in "PRLV SEPA \(insurer) ASSURANCE" }, { _ in a }, dayOfMonth: 15)
    }
    if Bool.random(using: &rng) {
      let w = Int.random(in: 2_000...5_000, using: &rng)
      monthly("eau", false, { _ in "PRLV SEPA VEOLIA EAU MENSUALISATION" }, { _ in w }, dayOfMonth: 8)
    }
    if Int.random(in: 0..<3, using: &rng) == 0 {
      let t = Int.random(in: 3_000...20_000, using: &rng)
      monthly("impots", false, { _ in "PRLV SEPA DGFIP IMPOT PRELEVEMENT A LA SOURCE" }, { _ in t }, dayOfMonth: 15)
    }
    if Int.random(in: 0..<4, using: &rng) == 0 {
      let c = Int.random(in: 8_000...40_000, using: &rng)
      monthly("garde", false, { _ in "PRLV SEPA MICRO CRECHE LES PETITS PAS" }, { _ in c }, dayOfMonth: 3)
    }
    if Int.random(in: 0..<4, using: &rng) == 0 {
      let c = Int.random(in: 2_000...9_000, using: &rng)
      monthly("cantine", false, { _ in "PRLV SEPA MAIRIE RESTAURATION SCOLAIRE" }, { _ in c }, dayOfMonth: 18)
    }
    SyntheticCredits.add(to: &m, months: months, rng: &rng, day: day)
    SyntheticEveryday.add(to: &m, months: months, end: end, rng: &rng)
    m.sort { ($0.date, $0.label) < ($1.date, $1.label) }
    let layouts = StatementLayout.shipped.map(\.id) + ["ofx", "camt.053"]
    return SyntheticHousehold(
      movements: m, layout: layouts[index % layouts.count], opening: Int.random(in: -20_000...150_000, using: &rng))
  }
}
