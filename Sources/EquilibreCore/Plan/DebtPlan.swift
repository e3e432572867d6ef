/// A debt-restructuring plan as a commission would build it from the debts and the capacity.
///
/// Rules, each month of the plan:
/// - landlords are paid first (L711-6), then debts excluded from erasure (L711-4), then the
///   others, by pro rata of what each is still owed or in the declared order;
/// - no creditor gets less than the minimum payment, except a payment that clears its debt;
///   when a pro rata share would be too small, the smallest debts are served first;
/// - the month's total never exceeds the capacity.
/// After the plan, what is left is erased (effacement partiel, L733-4 2°), except debts excluded
/// by L711-4, which stay due. With a capacity below the minimum payment the plan is a moratoire
/// (L733-1 4°); with no capacity and no realisable assets, the situation is irrémédiablement
/// compromise (L724-1) and a rétablissement personnel is suggested. Amounts are whole cents.
public struct DebtPlan: Sendable {
  public struct CreditorLine: Sendable {
    public let name: String
    public let nature: DebtNature
    public let landlord: Bool
    public let exclusion: ErasureExclusion?
    /// The arrears of the main residence's loan (``HomeLoan``): never erased.
    public let homeLoanArrears: Bool
    /// Owed when the plan starts.
    public let owedCents: Int
    /// Interest that accrued during the plan (0 at 0 %).
    public let interestCents: Int
    public let repaidCents: Int
    public let erasedCents: Int
    /// Still due after the plan: debts excluded from erasure, or suspended by a moratoire.
    public let remainingCents: Int
    /// Payment of each month of the plan.
    public let monthlyCents: [Int]

    public var owed: Money { Money(cents: owedCents) }
    public var repaid: Money { Money(cents: repaidCents) }
    public var erased: Money { Money(cents: erasedCents) }
    public var remaining: Money { Money(cents: remainingCents) }
    public var interest: Money { Money(cents: interestCents) }
  }

  public let settings: PlanSettings
  public let capacityCents: Int
  public let start: CivilDate
  /// Months of payments (0 for a moratoire or a rétablissement personnel).
  public let months: Int
  public let moratoireMonths: Int
  /// Date to re-examine the case after a moratoire.
  public let reexamination: CivilDate?
  public let irremediablementCompromise: Bool
  public let creditors: [CreditorLine]
  /// Total still owed at the end of each month (month 0 = start), for a chart.
  public let balanceSeries: [Int]
  public let notes: [String]
  public let legalRate: ParameterUse?
  /// The limits applied: the settings', or the parameters in force (``limitUses``).
  public let maxMonths: Int
  public let maxMoratoireMonths: Int
  public let minimumPayment: Money
  /// The parameters the limits came from (none when the counsellor set them all).
  public let limitUses: [ParameterUse]

  /// The plan has interest and its legal ceiling is not known on its date: the check is provisional.
  public var legalRateIsProvisional: Bool {
    settings.givenLegalRate == nil && !settings.annualRate.isZero && legalRate?.gapSince != nil
  }

  public var capacity: Money { Money(cents: capacityCents) }
  public var totalRepaid: Money { Money(cents: creditors.map(\.repaidCents).reduce(0, +)) }
  public var totalErased: Money { Money(cents: creditors.map(\.erasedCents).reduce(0, +)) }
  public var totalOwed: Money { Money(cents: creditors.map(\.owedCents).reduce(0, +)) }
  /// The plan's limits, with the parameters they come from (or « réglé par le conseiller »).
  public var limitsExplanation: Explanation {
    let given = [
      settings.maxMonths.map { "durée maximale \($0) mois (réglée)" }, settings.maxMoratoireMonths.map { "moratoire \($0) mois (réglé)" },
      settings.minimumPayment.map { "versement minimal \($0.french) (réglé)" },
    ].compactMap { $0 }
    return Explanation(
      figure: "limites du plan",
      value: "\(maxMonths) mois, moratoire \(maxMoratoireMonths) mois, versement minimal \(minimumPayment.french)",
      formula:
        "durée du plan + moratoire ≤ durée maximale − plans antérieurs ; aucun versement mensuel sous le minimal, sauf celui qui solde la dette",
      inputs: given, parameters: limitUses)
  }

  /// Total paid in month `m` (1-based).
  public func monthTotal(_ m: Int) -> Money { Money(cents: creditors.map { $0.monthlyCents[m - 1] }.reduce(0, +)) }

  /// The plan of `scenario` with `capacity` (usually ``RepaymentCapacity/capacity``).
  public init(
    scenario s: Scenario, capacity: Money, settings: PlanSettings = PlanSettings(), parameters: ParameterSet = .national
  )
    throws(PlanError)
  {
    self.settings = settings
    start = s.date
    let debts = s.debtsForPlan(settings.homeLoan)
    // The home loan's row keeps its place when its arrears enter the plan.
    let homeRow: Int? = s.homeLoan?.debtIndex.flatMap { i in settings.homeLoan == .arrieres && !s.debts[i].arrears.isZero ? i : nil }
    guard !debts.isEmpty else { throw .noDebts }
    // The rate may not exceed the legal rate in force (L733-1 3°). When the tool has no rate on
    // the date (a gap), the plan still computes: the ceiling is shown as unknown, with the last
    // known rate, until the counsellor gives it (settings.givenLegalRate).
    var legalUse: ParameterUse?
    var legalNotes: [String] = []
    if let given = settings.givenLegalRate {
      if settings.annualRate > given {
        throw PlanError.rateAboveLegal(rate: settings.annualRate, legal: given, column: settings.legalRateColumn.rawValue)
      }
      legalNotes.append(
        "taux de l'intérêt légal indiqué par le conseiller : \(given.frenchPercent()) (colonne « \(settings.legalRateColumn.rawValue) »), au lieu de la valeur de l'outil"
      )
    } else if !settings.annualRate.isZero {
      do {
        let use = try parameters.provisional(settings.legalRateColumn.parameterKey, on: s.date)
        guard case .number(let legal) = use.value else { throw PlanError.legalRateUnknown("valeur non numérique") }
        legalUse = use
        if let gap = use.gapSince {
          let above = settings.annualRate > legal / Rational(100)
          legalNotes.append(
            "plafond du taux (intérêt légal, L733-1 3°) inconnu au \(s.date.french) : l'outil n'a pas de taux depuis le \(gap.french) ; dernier taux connu \((legal / Rational(100)).frenchPercent()) (depuis le \(use.from.french)), que le taux du plan (\(settings.annualRate.frenchPercent())) \(above ? "DÉPASSE" : "ne dépasse pas") ; contrôle provisoire, indiquez le taux en vigueur (--taux-legal)"
          )
        } else if settings.annualRate > legal / Rational(100) {
          throw PlanError.rateAboveLegal(rate: settings.annualRate, legal: legal / Rational(100), column: settings.legalRateColumn.rawValue)
        }
      } catch let e as PlanError {
        throw e
      } catch {
        throw .legalRateUnknown(String(describing: error))
      }
    } else {
      legalUse = try? parameters.provisional(settings.legalRateColumn.parameterKey, on: s.date)
    }
    legalRate = legalUse
    // The limits: the counsellor's, else the parameters in force (never a value in the code).
    // Before the first value the tool knows (1 January 2018), that value stands in, said
    // provisional in the plan's notes.
    var uses: [ParameterUse] = []
    var limitNotes: [String] = []
    func parameter(_ key: String) throws(PlanError) -> Rational {
      do {
        let (v, use) = try parameters.number(key, on: s.date)
        uses.append(use)
        return v
      } catch .beforeFirstValue(_, _, let first) {
        guard let (v, use) = try? parameters.number(key, on: first) else { throw .limitUnknown(key) }
        uses.append(use)
        limitNotes.append(
          "\(use.description) : aucune valeur relevée avant le \(first.french) ; celle du \(first.french) (\(v.frenchExact()) \(use.unit)) est appliquée à titre provisoire, à vérifier"
        )
        return v
      } catch { throw .limitUnknown(error.description) }
    }
    func count(_ given: Int?, _ key: String) throws(PlanError) -> Int {
      if let given { return given }
      guard let (n, d) = try parameter(key).intComponents, d == 1 else {
        throw .limitUnknown(ParameterError.wrongType(key, expected: "un nombre entier").description)
      }
      return n
    }
    let maxMonths = try count(settings.maxMonths, "plan.duree_max_mois")
    let maxMoratoire = try count(settings.maxMoratoireMonths, "plan.moratoire_max_mois")
    let minimumPayment: Money
    if let given = settings.minimumPayment {
      minimumPayment = given
    } else {
      minimumPayment = Money(try parameter("plan.versement_minimal"))
    }
    self.maxMonths = maxMonths
    self.maxMoratoireMonths = maxMoratoire
    self.minimumPayment = minimumPayment
    limitUses = uses
    let available = maxMonths - s.settings.earlierPlanMonths
    guard available > 0 else { throw .durationUsed(earlier: s.settings.earlierPlanMonths, max: maxMonths) }

    let cap = max(0, capacity.roundedToCents(.floor).exactCents ?? 0)
    capacityCents = cap
    guard let minimum = minimumPayment.exactCents, minimum >= 0 else { throw .minimumPaymentNotInCents(minimumPayment) }
    var notes: [String] = legalNotes + limitNotes
    if let loan = s.homeLoan {
      notes.append(
        "prêt de la résidence principale\(loan.creditor.map { " (\($0))" } ?? "") : \(settings.homeLoan.french) (\(loan.instalment.french) par mois, réservés dans le budget vie courante) ; il n'est jamais effacé, et la durée de 7 ans peut être dépassée pour éviter la vente du logement (L732-3, L733-3)"
      )
    }
    if s.settings.earlierPlanMonths > 0 {
      notes.append("plans antérieurs : \(s.settings.earlierPlanMonths) mois, durée restante \(available) mois sur \(maxMonths)")
    }

    let owed = debts.map { $0.remainingDue.exactCents ?? 0 }
    var balance = owed
    var interestDue = [Int](repeating: 0, count: debts.count)
    var interestTotal = [Int](repeating: 0, count: debts.count)
    var paid = [[Int]](repeating: [], count: debts.count)
    var series = [owed.reduce(0, +)]
    let realisable = s.assets.map(\.value).sum()

    if cap < minimum {
      // Moratoire, or a situation beyond repair.
      let compromised = cap == 0 && realisable.isZero
      irremediablementCompromise = compromised
      if compromised {
        notes.append(
          "capacité nulle et aucun actif réalisable : situation irrémédiablement compromise (L724-1) ; un rétablissement personnel sans liquidation judiciaire peut être proposé, qui efface les dettes non professionnelles (L741-2), sauf les dettes exclues par L711-4"
        )
        months = 0
        moratoireMonths = 0
        reexamination = nil
        creditors = debts.enumerated().map { i, d in
          let kept = d.exclusion != nil || i == homeRow
          return CreditorLine(
            name: d.creditor, nature: d.nature, landlord: d.landlord, exclusion: d.exclusion, homeLoanArrears: i == homeRow,
            owedCents: owed[i], interestCents: 0,
            repaidCents: 0, erasedCents: kept ? 0 : owed[i], remainingCents: kept ? owed[i] : 0, monthlyCents: [])
        }
        balanceSeries = series
      } else {
        let m = min(maxMoratoire, available)
        months = 0
        moratoireMonths = m
        reexamination = s.date.adding(months: m)
        notes.append(
          "capacité de \(Money(cents: cap).french) inférieure au versement minimal de \(minimumPayment.french) : moratoire de \(m) mois (L733-1 4°), réexamen le \(s.date.adding(months: m).french)"
            + (realisable.isZero ? "" : " ; actifs réalisables déclarés : \(realisable.french)"))
        if cap == 0 && realisable.isZero { notes.append("sans actif réalisable") }
        creditors = debts.enumerated().map { i, d in
          CreditorLine(
            name: d.creditor, nature: d.nature, landlord: d.landlord, exclusion: d.exclusion, homeLoanArrears: i == homeRow,
            owedCents: owed[i], interestCents: 0,
            repaidCents: 0, erasedCents: 0, remainingCents: owed[i], monthlyCents: [Int](repeating: 0, count: m))
        }
        balanceSeries = [Int](repeating: owed.reduce(0, +), count: m + 1)
      }
      self.notes = notes
      return
    }
    irremediablementCompromise = false
    moratoireMonths = 0
    reexamination = nil

    // Priority groups: landlords, then debts excluded from erasure, then the others.
    let groups: [[Int]] = [
      debts.indices.filter { debts[$0].landlord },
      debts.indices.filter { !debts[$0].landlord && (debts[$0].exclusion != nil || $0 == homeRow) },
      debts.indices.filter { !debts[$0].landlord && debts[$0].exclusion == nil && $0 != homeRow },
    ]
    let monthlyRate = settings.annualRate / Rational(12)
    var month = 0
    while month < available && (balance.contains { $0 > 0 } || interestDue.contains { $0 > 0 }) {
      month += 1
      // Interest on the capital still owed, paid after the capital (L733-1 2°).
      if !monthlyRate.isZero {
        for i in debts.indices where balance[i] > 0 {
          let interest = Money(Rational(balance[i], 100) * monthlyRate).roundedToCents(.halfAwayFromZero).exactCents ?? 0
          interestDue[i] += interest
          interestTotal[i] += interest
        }
      }
      var budget = cap
      var payments = [Int](repeating: 0, count: debts.count)
      for group in groups {
        // Each claim is its capital and its interest: a group (the landlords first, L711-6) is
        // cleared, interest included, before the next is paid. Within a payment the capital
        // is settled first, then the interest (L733-1 2°).
        let owing = group.map { balance[$0] + interestDue[$0] }
        let shares = PlanAllocator.allocate(
          budget, balances: owing, minimum: minimum, mode: group == groups[0] ? .prorata : settings.allocation)
        for (k, i) in group.enumerated() {
          payments[i] += shares[k]
          budget -= shares[k]
          let toCapital = min(shares[k], balance[i])
          balance[i] -= toCapital
          interestDue[i] -= shares[k] - toCapital
        }
        if budget < minimum { break }
        // The next group is served only once this one is cleared.
        if group.contains(where: { balance[$0] + interestDue[$0] > 0 }) { break }
      }
      for i in debts.indices { paid[i].append(payments[i]) }
      series.append(balance.reduce(0, +) + interestDue.reduce(0, +))
    }
    months = month
    balanceSeries = series
    creditors = debts.enumerated().map { i, d in
      let repaid = paid[i].reduce(0, +)
      let left = balance[i] + interestDue[i]
      let kept = d.exclusion != nil || i == homeRow
      return CreditorLine(
        name: d.creditor, nature: d.nature, landlord: d.landlord, exclusion: d.exclusion, homeLoanArrears: i == homeRow, owedCents: owed[i],
        interestCents: interestTotal[i], repaidCents: repaid, erasedCents: kept ? 0 : left, remainingCents: kept ? left : 0,
        monthlyCents: paid[i])
    }
    let erased = creditors.map(\.erasedCents).reduce(0, +)
    if erased > 0 {
      notes.append("effacement partiel en fin de plan (L733-4 2°) : \(Money(cents: erased).french)")
    }
    if creditors.contains(where: { $0.exclusion != nil && $0.remainingCents > 0 }) {
      notes.append("dettes exclues de l'effacement (L711-4) : le solde reste dû après le plan")
    }
    for c in creditors where c.homeLoanArrears && c.remainingCents > 0 {
      notes.append(
        "\(c.name) : impayés du prêt de la résidence principale, jamais effacés ; \(c.remaining.french) restent dus après le plan")
    }
    if debts.contains(where: { $0.caution == .garantie }) {
      notes.append(
        "dette garantie par une caution : l'effacement ne libère pas la caution personne physique des sommes qu'elle a payées (L733-4)")
    }
    self.notes = notes
  }
}

/// Shares one month's budget among creditors.
enum PlanAllocator {
  /// Payments in cents for `balances`: never more than a balance, never a payment below
  /// `minimum` unless it clears the balance, and never more than `budget` in total.
  static func allocate(_ budget: Int, balances: [Int], minimum: Int, mode: PlanAllocation) -> [Int] {
    var pay = [Int](repeating: 0, count: balances.count)
    var left = budget
    var active = balances.indices.filter { balances[$0] > 0 }
    if mode == .ordre {
      for i in active {
        let p = min(left, balances[i])
        if p < minimum && p < balances[i] { break }
        pay[i] = p
        left -= p
      }
      return pay
    }
    while !active.isEmpty && left > 0 {
      let total = active.map { balances[$0] }.reduce(0, +)
      // Whole debts that the pro rata share would cover are paid off first.
      let shares = prorata(left, weights: active.map { balances[$0] })
      if let k = active.indices.first(where: { shares[$0] >= balances[active[$0]] }) {
        let i = active[k]
        pay[i] = balances[i]
        left -= balances[i]
        active.remove(at: k)
        continue
      }
      if shares.allSatisfy({ $0 >= minimum }) || total <= left {
        for (k, i) in active.enumerated() { pay[i] = shares[k] }
        return pay
      }
      // A share below the minimum: the smallest debt is served first, with as much as the month
      // allows (small debts are grouped first rather than paid « mensualités de contact »).
      let smallest = active.indices.min { balances[active[$0]] < balances[active[$1]] }!
      let i = active[smallest]
      let p = min(balances[i], left)
      if p < minimum && p < balances[i] { break }
      pay[i] = p
      left -= p
      active.remove(at: smallest)
    }
    return pay
  }

  /// `amount` split in proportion to `weights`, in whole cents: each share rounded down, the
  /// remaining cents to the largest remainders (ties: the earlier debt).
  static func prorata(_ amount: Int, weights: [Int]) -> [Int] {
    let total = weights.reduce(0, +)
    guard total > 0 else { return weights.map { _ in 0 } }
    var shares: [Int] = []
    var remainders: [(Int, Int)] = []
    for (k, w) in weights.enumerated() {
      let (q, r) = (Int128(amount) * Int128(w)).quotientAndRemainder(dividingBy: Int128(total))
      shares.append(Int(q))
      remainders.append((Int(r), k))
    }
    var extra = amount - shares.reduce(0, +)
    for (_, k) in remainders.sorted(by: { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 }) where extra > 0 {
      shares[k] += 1
      extra -= 1
    }
    return shares
  }
}
