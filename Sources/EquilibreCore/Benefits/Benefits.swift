/// The three benefits of a foyer computed together, as a CAF would pay them in a steady month:
/// the housing aid first, the RSA and the prime d'activité with that aid in their forfait
/// logement, and the housing aid again with earned income neutralised when the RSA is paid
/// (CCH R822-15 and R822-17).
public struct Benefits: Sendable {
  public let housingAid: HousingAid
  public let incomeSupport: IncomeSupport

  /// The parameters of one date, resolved once; the housing aid's are nil before they exist.
  public struct Parameters: Sendable {
    public let income: IncomeSupport.Parameters
    public let housing: HousingAid.Parameters?
    public let housingGap: String?

    public init(parameters p: ParameterSet = .national, on date: CivilDate) throws(ParameterError) {
      income = try IncomeSupport.Parameters(parameters: p, on: date)
      do {
        housing = try HousingAid.Parameters(parameters: p, on: date)
        housingGap = nil
      } catch {
        housing = nil
        housingGap = "paramètres de l'aide au logement absents au \(date.french) : \(error.description)"
      }
    }
  }

  public init(_ h: BenefitHousehold, parameters p: ParameterSet = .national) throws(ParameterError) {
    self.init(h, resolved: try Parameters(parameters: p, on: h.date))
  }

  public init(_ h: BenefitHousehold, resolved r: Parameters) {
    guard let hp = r.housing else {
      housingAid = HousingAid(unavailable: r.housingGap ?? "paramètres absents", household: h)
      incomeSupport = IncomeSupport(h, resolved: r.income)
      return
    }
    let first = HousingAid(h, resolved: hp)
    guard let aid = first.amount else {
      // Not computed: the declared aid stays in the forfait logement.
      housingAid = first
      incomeSupport = IncomeSupport(h, resolved: r.income)
      return
    }
    var withAid = h
    withAid.housingAid = aid
    let income = IncomeSupport(withAid, resolved: r.income)
    guard !income.rsa.amount.isZero else {
      housingAid = first
      incomeSupport = income
      return
    }
    let neutral = HousingAid(h, neutralised: true, resolved: hp)
    withAid.housingAid = neutral.amount ?? aid
    housingAid = neutral
    incomeSupport = IncomeSupport(withAid, resolved: r.income)
  }
}

extension HousingAid {
  /// Not computed: the parameters are missing at this date.
  init(unavailable why: String, household h: BenefitHousehold) {
    amount = nil
    kind = h.tenancy?.conventionne == true ? "APL" : "AL"
    reason = why
    resources = nil
    explanation = Explanation(figure: "aide au logement", value: "non calculée", formula: "—", notes: [why])
  }
}
