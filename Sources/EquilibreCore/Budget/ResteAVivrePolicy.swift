/// Which resources and charges a reste à vivre counts. Schemes differ, so the policy is named
/// and shown with every result.
public struct ResteAVivrePolicy: Sendable, Equatable {
  public let name: String
  public let description: String
  /// Resource types counted (the housing benefit is counted when `countsHousingBenefit`).
  public let resources: Set<ResourceType>
  public let countsHousingBenefit: Bool
  /// Declared charge types deducted.
  public let charges: Set<ChargeType>
  /// Rent, charges locatives and mortgage instalment of the housing section.
  public let countsHousing: Bool
  /// Monthly instalments of the declared debts.
  public let countsDebtPayments: Bool

  /// Default: every resource, every fixed charge, housing and current debt instalments.
  public static let chargesFixes = ResteAVivrePolicy(
    name: "charges-fixes",
    description:
      "toutes les ressources (aide au logement comprise) moins toutes les charges fixes : logement, charges déclarées et mensualités des dettes en cours",
    resources: Set(ResourceType.allCases), countsHousingBenefit: true, charges: Set(ChargeType.allCases),
    countsHousing: true, countsDebtPayments: true)

  /// The same before debt repayments: what is left to live on and to repay debts.
  public static let horsDettes = ResteAVivrePolicy(
    name: "hors-dettes",
    description: "toutes les ressources moins les charges fixes, sans les mensualités des dettes (reste avant remboursements)",
    resources: Set(ResourceType.allCases), countsHousingBenefit: true, charges: Set(ChargeType.allCases),
    countsHousing: true, countsDebtPayments: false)

  /// The Île-de-France hébergement rule (PAF): insurance, energy, water, childcare, taxes, health
  /// insurance, alimony paid, debts, phone and transport are deducted; food and other spending
  /// stay in the reste à vivre.
  public static let pafIDF = ResteAVivrePolicy(
    name: "paf-idf",
    description:
      "règle de participation aux frais d'hébergement d'Île-de-France : assurances, énergie, eau, garde, impôts, mutuelle, pension versée, dettes, téléphone et transport déduits",
    resources: Set(ResourceType.allCases), countsHousingBenefit: true,
    charges: [
      .loyer, .chargesLocatives, .assurances, .energie, .eau, .garde, .impots, .mutuelle,
      .pensionAlimentaireVersee, .telephoneInternet, .transport,
    ],
    countsHousing: true, countsDebtPayments: true)

  public static let all = [chargesFixes, horsDettes, pafIDF]

  public static func named(_ name: String) -> ResteAVivrePolicy? { all.first { $0.name == name } }
}
