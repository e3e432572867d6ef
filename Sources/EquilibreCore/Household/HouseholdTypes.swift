/// Closed lists of the scenario files, with their French labels. Raw values are what the user
/// types (matched without case or accents).

/// Place of a person in the household.
public enum Role: String, CaseIterable, Sendable {
  case demandeur, conjoint, enfant
  case autre = "autre-personne-a-charge"

  public var french: String {
    switch self {
    case .demandeur: "demandeur"
    case .conjoint: "conjoint"
    case .enfant: "enfant"
    case .autre: "autre personne à charge"
    }
  }
}

public enum ActivityStatus: String, CaseIterable, Sendable {
  case salarie, demandeurEmploi = "demandeur-emploi", retraite, etudiant, sansActivite = "sans-activite"

  public var french: String {
    switch self {
    case .salarie: "emploi salarié"
    case .demandeurEmploi: "recherche d'emploi"
    case .retraite: "retraite"
    case .etudiant: "études"
    case .sansActivite: "sans activité"
    }
  }
}

public enum ContractType: String, CaseIterable, Sendable {
  case cdi, cdd, interim, apprentissage, professionnalisation

  public var french: String {
    switch self {
    case .cdi: "CDI"
    case .cdd: "CDD"
    case .interim: "intérim"
    case .apprentissage: "contrat d'apprentissage"
    case .professionnalisation: "contrat de professionnalisation"
    }
  }
}

public enum EmployerSector: String, CaseIterable, Sendable {
  case prive, agricole, `public`

  public var french: String {
    switch self {
    case .prive: "privé non agricole"
    case .agricole: "agricole"
    case .`public`: "public"
    }
  }
}

public enum HousingStatus: String, CaseIterable, Sendable {
  case locataireSocial = "locataire-social", locatairePrive = "locataire-prive"
  case proprietaireAccedant = "proprietaire-accedant", proprietaire, heberge, foyer
  case sansLogement = "sans-logement"

  public var french: String {
    switch self {
    case .locataireSocial: "locataire d'un logement social"
    case .locatairePrive: "locataire du parc privé"
    case .proprietaireAccedant: "propriétaire accédant (prêt immobilier en cours)"
    case .proprietaire: "propriétaire"
    case .heberge: "hébergé"
    case .foyer: "en foyer ou résidence"
    case .sansLogement: "sans logement"
    }
  }

  /// Housed free of charge (no forfait habitation or chauffage in a commission's budget).
  public var isHostedFree: Bool { self == .heberge || self == .sansLogement }
}

/// How often an amount comes in or goes out.
public enum BudgetPeriodicity: String, CaseIterable, Sendable {
  case mensuelle, trimestrielle, annuelle, hebdomadaire, ponctuelle
  /// Every four weeks (13 times a year), as some salaries and benefits are paid.
  case quatreSemaines = "quatre-semaines"

  /// Factor to a monthly amount, exactly: annual ÷ 12, quarterly ÷ 3, weekly × 52 ÷ 12, every
  /// four weeks × 13 ÷ 12; a one-off amount is spread over a year (÷ 12).
  public var monthlyFactor: Rational {
    switch self {
    case .mensuelle: Rational(1)
    case .quatreSemaines: Rational(13, 12)
    case .trimestrielle: Rational(1, 3)
    case .annuelle, .ponctuelle: Rational(1, 12)
    case .hebdomadaire: Rational(52, 12)
    }
  }

  public var frenchRule: String {
    switch self {
    case .mensuelle: "montant mensuel"
    case .trimestrielle: "montant trimestriel ÷ 3"
    case .annuelle: "montant annuel ÷ 12"
    case .hebdomadaire: "montant hebdomadaire × 52 ÷ 12"
    case .quatreSemaines: "montant versé toutes les quatre semaines × 13 ÷ 12"
    case .ponctuelle: "montant ponctuel lissé sur 12 mois (÷ 12)"
    }
  }
}

/// Gender and number of a French noun, for the agreement of what follows it
/// (« allocation chômage supprimée », « impôts portés à »).
public enum GrammaticalForm: Sendable {
  case masculine, feminine, masculinePlural, femininePlural

  /// `participle` (written masculine singular) agreed: supprimé → supprimée, supprimés…
  public func agree(_ participle: String) -> String {
    switch self {
    case .masculine: participle
    case .feminine: participle + "e"
    case .masculinePlural: participle + "s"
    case .femininePlural: participle + "es"
    }
  }
}

public enum ResourceType: String, CaseIterable, Sendable {
  case salaire, chomage, indemnitesJournalieres = "indemnites-journalieres", retraite, rsa
  case primeActivite = "prime-activite", prestationsFamiliales = "prestations-familiales", aah
  case pensionAlimentaireRecue = "pension-alimentaire-recue", autre

  public var french: String {
    switch self {
    case .salaire: "salaire"
    case .chomage: "allocation chômage"
    case .indemnitesJournalieres: "indemnités journalières"
    case .retraite: "retraite ou pension"
    case .rsa: "RSA"
    case .primeActivite: "prime d'activité"
    case .prestationsFamiliales: "prestations familiales"
    case .aah: "AAH"
    case .pensionAlimentaireRecue: "pension alimentaire reçue"
    case .autre: "autre ressource"
    }
  }

  public var form: GrammaticalForm {
    switch self {
    case .salaire, .rsa: .masculine
    case .indemnitesJournalieres, .prestationsFamiliales: .femininePlural
    default: .feminine
    }
  }
}

/// Charges in the Banque de France form's categories.
public enum ChargeType: String, CaseIterable, Sendable {
  case loyer, chargesLocatives = "charges-locatives", energie, eau, assurances, mutuelle, impots
  case pensionAlimentaireVersee = "pension-alimentaire-versee", garde, scolarite, cantine, transport
  case telephoneInternet = "telephone-internet", sante, autre

  public var french: String {
    switch self {
    case .loyer: "loyer"
    case .chargesLocatives: "charges locatives"
    case .energie: "énergie"
    case .eau: "eau"
    case .assurances: "assurances"
    case .mutuelle: "mutuelle"
    case .impots: "impôts"
    case .pensionAlimentaireVersee: "pension alimentaire versée"
    case .garde: "frais de garde"
    case .scolarite: "scolarité"
    case .cantine: "cantine"
    case .transport: "transport"
    case .telephoneInternet: "téléphone et internet"
    case .sante: "santé"
    case .autre: "autre charge"
    }
  }

  public var form: GrammaticalForm {
    switch self {
    case .loyer, .transport: .masculine
    case .chargesLocatives, .assurances: .femininePlural
    case .impots, .garde, .telephoneInternet: .masculinePlural
    default: .feminine
    }
  }
}

/// Nature of a debt in the Banque de France typology.
public enum DebtNature: String, CaseIterable, Sendable {
  case creditImmobilier = "credit-immobilier", creditRenouvelable = "credit-renouvelable"
  case pretPersonnel = "pret-personnel", creditAffecte = "credit-affecte", decouvert, loyer, energie, eau
  case fiscale, sociale, familiale, amende, autre

  public var french: String {
    switch self {
    case .creditImmobilier: "crédit immobilier"
    case .creditRenouvelable: "crédit renouvelable"
    case .pretPersonnel: "prêt personnel"
    case .creditAffecte: "crédit affecté"
    case .decouvert: "découvert bancaire"
    case .loyer: "dette de loyer"
    case .energie: "dette d'énergie"
    case .eau: "dette d'eau"
    case .fiscale: "dette fiscale"
    case .sociale: "dette sociale"
    case .familiale: "dette familiale"
    case .amende: "amende"
    case .autre: "autre dette"
    }
  }

  /// Credits whose instalments are current charges until a plan replaces them.
  public var isCredit: Bool {
    [.creditImmobilier, .creditRenouvelable, .pretPersonnel, .creditAffecte].contains(self)
  }
}

public enum CautionStatus: String, CaseIterable, Sendable {
  case aucune
  case garantie = "garantie-par-caution"
  case debiteurCaution = "debiteur-caution"

  public var french: String {
    switch self {
    case .aucune: "aucune caution"
    case .garantie: "dette garantie par une caution"
    case .debiteurCaution: "le débiteur est caution"
    }
  }
}

public enum AssetType: String, CaseIterable, Sendable {
  case bienImmobilier = "bien-immobilier", vehicule, epargne, autre

  public var french: String {
    switch self {
    case .bienImmobilier: "bien immobilier"
    case .vehicule: "véhicule"
    case .epargne: "épargne"
    case .autre: "autre bien"
    }
  }
}
