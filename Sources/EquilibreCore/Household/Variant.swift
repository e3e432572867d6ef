/// A named what-if variant of a scenario: a list of changes applied to a copy of it.
public struct Variant: Sendable {
  public let name: String
  public let changes: [VariantChange]

  public init(name: String, changes: [VariantChange]) {
    self.name = name
    self.changes = changes
  }

  /// The scenario with every change applied, in order. Creditor names were checked when the
  /// file was read.
  public func apply(to base: Scenario) -> Scenario {
    var s = base
    s.variants = []
    s.expected = []
    for c in changes { c.apply(to: &s) }
    return s
  }
}

/// One change of a variant.
public enum VariantChange: Sendable {
  case addResource(Resource)
  case setResource(type: ResourceType, person: Int?, amount: Money)
  case removeResource(type: ResourceType, person: Int?)
  case addCharge(Charge)
  case setCharge(type: ChargeType, amount: Money)
  case removeCharge(type: ChargeType)
  case housing(rent: Money?, charges: Money?, benefit: Money?, status: HousingStatus?)
  /// Moving to one of the scenario's offers (`offre: nom`).
  case offer(HousingOffer)
  /// Rent up or down by this amount (negative: down).
  case rentChange(Money)
  case setDebt(creditor: String, payment: Money?, remaining: Money?, arrears: Money?)
  case removeDebt(creditor: String)
  /// A new loan: its instalment (after any deferral) becomes a monthly charge; when it pays
  /// off a debt (`settles`), that debt is reduced by the capital.
  /// A person joins the household (a birth, a partner or a child moving in).
  case addMember(Member)
  /// A person leaves the household (separation, a child leaving), with the resources in their name.
  case removeMember(name: String)
  /// A new loan (consolidation, Action Logement, microcredit) whose capital pays off the debts
  /// `settles`, in order.
  case newLoan(label: String, terms: LoanTerms, settles: [String])

  /// French description for the comparison table.
  public var french: String {
    switch self {
    case .addResource(let r): "ressource ajoutée : \(r.label ?? r.type.french) \(r.amount.french) (\(r.periodicity.rawValue))"
    case .setResource(let t, _, let m): "\(t.french) \(t.form.agree("porté")) à \(m.french)"
    case .removeResource(let t, _): "\(t.french) \(t.form.agree("supprimé"))"
    case .addCharge(let c): "charge ajoutée : \(c.label ?? c.type.french) \(c.amount.french)"
    case .setCharge(let t, let m): "\(t.french) \(t.form.agree("porté")) à \(m.french)"
    case .removeCharge(let t): "\(t.french) \(t.form.agree("supprimé"))"
    case .housing(let rent, let charges, let benefit, let status):
      "logement : "
        + [
          rent.map { "loyer \($0.french)" }, charges.map { "charges \($0.french)" },
          benefit.map { "aide au logement \($0.french)" }, status.map { $0.french },
        ].compactMap { $0 }.joined(separator: ", ")
    case .offer(let o):
      "emménagement : \(o.name) (\(o.financing.rawValue.uppercased())\(o.typology.map { ", \($0)" } ?? "")), loyer \(o.rent.french), charges \(o.charges.french)"
        + (o.housingBenefit.map { ", aide au logement \($0.french)" } ?? ", aide au logement non estimée")
    case .rentChange(let d): "loyer \(d.isNegative ? "" : "+")\(d.french)"
    case .setDebt(let c, let p, let r, let a):
      "dette « \(c) » : "
        + [p.map { "mensualité \($0.french)" }, r.map { "restant dû \($0.french)" }, a.map { "impayés \($0.french)" }]
        .compactMap { $0 }.joined(separator: ", ")
    case .removeDebt(let c): "dette « \(c) » soldée"
    case .addMember(let m): "arrivée au foyer : \(m.name ?? "une personne") (\(m.role.french), naissance le \(m.birthDate.french))"
    case .removeMember(let n): "départ du foyer : \(n), avec ses ressources"
    case .newLoan(let label, let t, let settles):
      "\(label) : \(t.capital.french) à \(t.annualRate.frenchPercent()) sur \(t.periods) mois"
        + (t.fees.isZero ? "" : ", frais \(t.fees.french)")
        + (settles.isEmpty ? "" : ", qui solde " + settles.map { "« \($0) »" }.joined(separator: ", "))
    }
  }

  func apply(to s: inout Scenario) {
    switch self {
    case .addResource(let r): s.resources.append(r)
    case .setResource(let t, let p, let m):
      var done = false
      for i in s.resources.indices where s.resources[i].type == t && (p == nil || s.resources[i].person == p) && !done {
        s.resources[i].amount = m
        s.resources[i].periodicity = .mensuelle
        done = true
      }
      if !done { s.resources.append(Resource(type: t, amount: m, person: p)) }
    case .removeResource(let t, let p): s.resources.removeAll { $0.type == t && (p == nil || $0.person == p) }
    case .addCharge(let c): s.charges.append(c)
    case .setCharge(let t, let m):
      s.charges.removeAll { $0.type == t }
      s.charges.append(Charge(type: t, amount: m))
    case .removeCharge(let t): s.charges.removeAll { $0.type == t }
    case .housing(let rent, let charges, let benefit, let status):
      if let rent { s.housing.rent = rent }
      if let charges { s.housing.charges = charges }
      if let benefit { s.housing.housingBenefit = benefit }
      if let status { s.housing.status = status }
    case .offer(let o):
      let moved = o.applied(to: s)
      s.housing = moved.housing
    case .rentChange(let d):
      let r = s.housing.rent + d
      s.housing.rent = r.isNegative ? .zero : r
    case .setDebt(let c, let p, let r, let a):
      for i in s.debts.indices where s.debts[i].creditor == c {
        if let p { s.debts[i].monthlyPayment = p }
        if let r { s.debts[i].remainingDue = r }
        if let a { s.debts[i].arrears = a }
      }
    case .removeDebt(let c): s.debts.removeAll { $0.creditor == c }
    case .addMember(let m): s.members.append(m)
    case .removeMember(let n):
      // Resources name their person by index: the leaver's go with them, the later ones shift.
      guard let k = s.members.firstIndex(where: { $0.name == n && $0.role != .demandeur }) else { break }
      s.members.remove(at: k)
      s.resources.removeAll { $0.person == k }
      for i in s.resources.indices { if let p = s.resources[i].person, p > k { s.resources[i].person = p - 1 } }
    case .newLoan(let label, let terms, let settles):
      let payment = (try? Schedule(terms: terms))?.summary.instalmentWithInsurance ?? .zero
      s.debts.append(
        Debt(
          creditor: label, nature: .pretPersonnel, remainingDue: terms.capital, monthlyPayment: payment,
          rate: terms.annualRate))
      // The capital, less the fees, pays the chosen debts in order; a debt paid in part keeps the rest.
      var left = terms.capital - terms.fees
      for c in settles {
        guard left.value > 0, let i = s.debts.firstIndex(where: { $0.creditor == c && $0.creditor != label }) else { continue }
        let rest = s.debts[i].remainingDue - left
        if rest.isNegative || rest.isZero {
          left = left - s.debts[i].remainingDue
          s.debts.remove(at: i)
        } else {
          s.debts[i].remainingDue = rest
          let arrears = s.debts[i].arrears - left
          s.debts[i].arrears = arrears.isNegative ? .zero : arrears
          left = .zero
        }
      }
    }
  }
}

extension VariantChange {
  /// For a new loan: its instalment, its TAEG (certified exactly) and the usury verdict on `date`,
  /// in French; nil for any other change or a loan that cannot be scheduled.
  public func loanSummary(on date: CivilDate, parameters: ParameterSet = .national) -> String? {
    guard case .newLoan(let label, let terms, _) = self, let schedule = try? Schedule(terms: terms) else { return nil }
    var text = "\(label) : mensualité \(schedule.summary.instalmentWithInsurance.french)"
    guard let apr = try? APR.solve(schedule: schedule) else { return text + " ; TAEG non calculable" }
    text += ", TAEG \(apr.roundedPercent.frenchExact(minPlaces: 2))\u{00A0}%"
    let category = UsuryCategory.consumer(capital: terms.capital)
    if let check = UsuryTable.check(apr: apr.upper, category: category, on: date, parameters: parameters) {
      text += " (\(category.french)). " + check.verdictFrench
    } else {
      text += " ; seuil de l'usure inconnu : " + UsuryTable.unknownReason(category: category, on: date, parameters: parameters)
    }
    return text
  }
}

extension VariantChange {
  /// A change of working hours as a change of salary: the monthly salary of `person` times
  /// `newHours / currentHours` (same hourly pay), rounded to the cent half away from zero. Nil
  /// when that person has no salary or the hours are not positive.
  public static func hours(in scenario: Scenario, person: Int, from currentHours: Rational, to newHours: Rational) -> VariantChange? {
    guard currentHours > Rational(0), newHours > Rational(0) else { return nil }
    let salary = scenario.resources.filter { $0.type == .salaire && $0.person == person }.map(\.monthly).sum()
    guard !salary.isZero else { return nil }
    let scaled = (salary * (newHours / currentHours)).roundedToCents(.halfAwayFromZero)
    return .setResource(type: .salaire, person: person, amount: scaled)
  }
}
