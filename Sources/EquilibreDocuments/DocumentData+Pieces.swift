import EquilibreCore

/// The blank worksheet of the workshops, and the pieces a filing asks for.
extension DocumentData {
  /// The blank worksheet for pen-and-paper workshops: the scenario files' own categories, and
  /// the consumption-unit scale of the parameters in force on `date`.
  public static func blankWorksheet(parameters: ParameterSet = .national, on date: CivilDate) -> [String: Any] {
    let scale: String
    do {
      scale = try ConsumptionScale(parameters: parameters, on: date).french
    } catch {
      scale = "échelle inconnue au \(date.french) (\(error.description)) : à compléter"
    }
    return [
      "titre": "Fiche budget du ménage",
      "echelle_uc": scale,
      "lignes_menage": Array(repeating: true, count: 6),
      "ressources": ResourceType.allCases.map { Typography.capitalized($0.french) },
      "charges": ChargeType.allCases.map { Typography.capitalized($0.french) },
      "jours": "30",
      "natures": DebtNature.allCases.map(\.french).joined(separator: ", "),
      "lignes_dettes": Array(repeating: true, count: 8),
    ]
  }

  /// The supporting documents to attach, each derived from a fact of the household and said
  /// with its reason: no payslip for a retiree, MSA rather than CPAM for a farm worker.
  static func supportingDocuments(_ s: Scenario, _ a: Anonymizer) -> [[String: Any]] {
    supportingPieces(s, a).map { ["piece": $0.piece, "motif": $0.why] }
  }

  /// The pieces a filing asks for this household, each with why (Annexe B of the filing draft,
  /// and the case's checklist of pieces received).
  /// The checklist line the bank statements satisfy (the web's « importer des relevés » links them to it).
  public static let bankStatementsPiece = "Relevés de tous les comptes bancaires des 3 derniers mois"

  public static func supportingPieces(_ s: Scenario, _ anonymizer: Anonymizer? = nil) -> [(piece: String, why: String)] {
    let a = anonymizer ?? Anonymizer(on: false, scenario: s)
    var out: [(String, String)] = []
    func ask(_ piece: String, _ why: String) { if !out.contains(where: { $0.0 == piece }) { out.append((piece, why)) } }
    let couple = s.members.contains { $0.role == .conjoint }
    func who(_ i: Int?) -> String { i.map { a.memberName($0) } ?? "le foyer" }
    /// The health insurer of a person: the MSA for the farm sector, the CPAM otherwise.
    func insurer(_ i: Int?) -> String {
      let agricultural = i.map { s.members[$0].activity?.sector == .agricole } ?? s.members.contains { $0.activity?.sector == .agricole }
      return agricultural ? "la MSA" : "la CPAM"
    }
    ask("Pièce d'identité en cours de validité (recto verso)" + (couple ? " de chaque déposant" : ""), "identité des déposants")
    ask(bankStatementsPiece, "soldes et mouvements, demandés pour tout dépôt")
    ask("Dernier avis d'imposition", "ressources de l'année et impôts dus")
    for r in s.resources where !r.amount.isZero {
      let person = who(r.person)
      switch r.type {
      case .salaire: ask("Trois derniers bulletins de salaire de \(person)", "salaire déclaré")
      case .chomage: ask("Notifications et derniers avis de paiement de France Travail pour \(person)", "allocation chômage déclarée")
      case .indemnitesJournalieres:
        ask(
          "Arrêts de travail et relevés d'indemnités journalières de \(insurer(r.person)) pour \(person)",
          "indemnités journalières déclarées")
      case .retraite: ask("Relevé annuel des retraites et pensions (régime de base et complémentaire) de \(person)", "retraite déclarée")
      case .rsa, .primeActivite, .prestationsFamiliales, .aah:
        let payer = s.members.contains { $0.activity?.sector == .agricole } ? "la MSA" : "la CAF"
        ask("Attestation de paiement de \(payer) des 3 derniers mois", "ressource déclarée : \(r.type.french)")
      case .pensionAlimentaireRecue: ask("Jugement ou convention fixant la pension alimentaire", "pension alimentaire reçue")
      case .autre: ask("Justificatif de chaque autre ressource déclarée", "autre ressource déclarée")
      }
    }
    if !s.housing.housingBenefit.isZero {
      let payer = s.members.contains { $0.activity?.sector == .agricole } ? "la MSA" : "la CAF"
      ask("Attestation de paiement de \(payer) des 3 derniers mois", "aide au logement déclarée")
    }
    let tenant = [.locataireSocial, .locatairePrive, .foyer].contains(s.housing.status)
    if tenant { ask("Bail et dernière quittance de loyer", "logement en location") }
    for c in s.charges where !c.amount.isZero {
      switch c.type {
      case .energie, .eau: ask("Dernières factures d'énergie et d'eau", "charges d'énergie ou d'eau déclarées")
      case .assurances: ask("Échéanciers des assurances (habitation, véhicule)", "assurances déclarées")
      case .mutuelle: ask("Échéancier de la complémentaire santé", "mutuelle déclarée")
      case .garde: ask("Justificatifs des frais de garde", "frais de garde déclarés")
      case .scolarite, .cantine: ask("Justificatifs des frais de scolarité et de cantine", "frais de scolarité ou de cantine déclarés")
      case .pensionAlimentaireVersee: ask("Jugement ou convention fixant la pension alimentaire versée", "pension alimentaire versée")
      case .impots: ask("Avis d'impôt ou de taxe correspondant aux impôts déclarés", "impôts déclarés en charges")
      case .transport: ask("Justificatifs des frais de transport (abonnement, carte grise)", "transport déclaré")
      default: break
      }
    }
    for d in s.debts {
      ask(
        "Dernier relevé, tableau d'amortissement ou courrier de \(a.creditor(d.creditor)) indiquant le restant dû",
        "dette déclarée : \(d.nature.french)")
    }
    if s.debts.contains(where: { $0.nature == .loyer && !$0.arrears.isZero }) {
      ask("Décompte des loyers impayés établi par le bailleur", "dette de loyer")
    }
    let owner = [.proprietaire, .proprietaireAccedant].contains(s.housing.status) || s.assets.contains { $0.type == .bienImmobilier }
    if owner {
      ask("Titre de propriété et estimation récente du bien immobilier", "bien immobilier")
      ask("Dernier avis de taxe foncière", "bien immobilier")
    }
    if s.homeLoan != nil { ask("Offre et tableau d'amortissement du prêt immobilier", "prêt de la résidence principale") }
    if s.assets.contains(where: { $0.type == .vehicule }) {
      ask("Certificat d'immatriculation (carte grise) du véhicule", "véhicule déclaré")
    }
    if s.members.contains(where: { $0.role == .enfant }) { ask("Livret de famille ou actes de naissance des enfants", "enfants au foyer") }
    if s.familyStatus == .divorce || s.familyStatus == .separe || s.knownEvents.contains(.separation) {
      ask("Jugement de divorce ou de séparation", "séparation déclarée")
    }
    if s.knownEvents.contains(.maladie) && !s.resources.contains(where: { $0.type == .indemnitesJournalieres }) {
      ask("Arrêts de travail et décomptes de \(insurer(nil))", "maladie déclarée")
    }
    if s.knownEvents.contains(.perteEmploi) || s.members.contains(where: { $0.activity?.status == .demandeurEmploi }) {
      ask("Lettre de licenciement ou fin de contrat, et inscription à France Travail", "perte d'emploi déclarée")
    }
    for p in s.procedures {
      switch p.kind {
      case .saisieSalaire: ask("Acte de saisie sur salaire (procès-verbal, notification de l'employeur)", "saisie sur salaire en cours")
      case .saisieCompte: ask("Acte de saisie sur compte bancaire", "saisie sur compte en cours")
      case .expulsion:
        ask("Actes de la procédure d'expulsion (commandement de payer, assignation, jugement)", "procédure d'expulsion en cours")
      case .saisieImmobiliere: ask("Actes de la saisie immobilière (commandement, jugement d'orientation)", "saisie immobilière en cours")
      case .cessionRemuneration: ask("Acte de cession des rémunérations", "cession de rémunération")
      case .autre: ask("Actes de la procédure en cours (jugement, commandement)", "procédure déclarée")
      }
    }
    if s.debts.contains(where: { $0.caution == .debiteurCaution }) {
      ask("Actes d'engagement de caution signés par le déposant", "engagement de caution")
    }
    return out.map { (piece: $0.0, why: $0.1) }
  }
}
