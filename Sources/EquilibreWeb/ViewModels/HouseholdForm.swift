import EquilibreCore

/// The household form: the scenario as `path = value` fields named by the reader's own paths,
/// grouped into the sections a counsellor knows. Fields the sections do not name stay in
/// « Autres éléments », so nothing of a scenario is lost through the form.
struct HouseholdForm {
  struct Section {
    let key: String
    let title: String
    /// Sub-keys of one row (a list) or of the section (a mapping or top-level scalars).
    let fields: [String]
    let isList: Bool
  }

  /// In the order of the Banque de France declaration (Cerfa 13594), with its headings.
  static let sections: [Section] = [
    Section(
      key: "", title: "1. Identité et situation familiale",
      fields: ["description", "date", "departement", "situation_familiale", "regime_matrimonial", "adresse", "telephone", "courriel"],
      isList: false),
    Section(
      key: "menage", title: "Personnes du ménage, situation professionnelle et employeur",
      fields: [
        "prenom", "nom", "nom_naissance", "role", "naissance", "lieu_naissance", "nationalite", "activite.statut", "activite.contrat",
        "activite.debut", "activite.fin", "activite.employeur", "activite.employeur_adresse", "activite.effectif_employeur",
        "activite.secteur",
      ],
      isList: true),
    Section(
      key: "logement", title: "2. Logement, bailleur ou prêteur",
      fields: [
        "statut", "commune", "loyer", "charges", "aide_logement", "bailleur.nom", "bailleur.adresse", "pret_immobilier.mensualite",
        "pret_immobilier.capital_restant_du",
      ],
      isList: false),
    Section(key: "ressources", title: "3. Ressources", fields: ["type", "montant", "periodicite", "personne", "libelle"], isList: true),
    Section(key: "charges", title: "4. Charges", fields: ["type", "montant", "periodicite", "libelle"], isList: true),
    Section(key: "patrimoine", title: "5. Patrimoine", fields: ["type", "valeur", "libelle"], isList: true),
    Section(
      key: "dettes", title: "6. Dettes",
      fields: [
        "creancier", "adresse", "reference", "nature", "restant_du", "impayes", "mensualite", "taux", "fin", "caution", "caution_nom",
      ],
      isList: true),
    Section(key: "comptes", title: "7. Comptes bancaires", fields: ["banque", "type", "solde", "date"], isList: true),
    Section(
      key: "situation.evenements", title: "8. Causes et événements à l'origine des difficultés", fields: ["type", "date", "precision"],
      isList: true),
    Section(
      key: "situation", title: "Effets sur le budget, et le récit du ménage", fields: ["ressources_avant", "hausse_charges", "recit"],
      isList: false),
    Section(
      key: "procedures", title: "9. Procédures en cours et cessions de rémunération", fields: ["type", "creancier", "date", "description"],
      isList: true),
    Section(key: "depots_anterieurs", title: "10. Dépôts de surendettement antérieurs", fields: ["date", "issue"], isList: true),
    Section(
      key: "suivi_social", title: "11. Service social qui accompagne le ménage",
      fields: ["structure", "referent", "telephone", "courriel"], isList: false),
    Section(key: "", title: "Notes du conseiller", fields: ["notes"], isList: false),
  ]

  /// Labels by section and field; `sectionLabels[""]` holds those shared by every section.
  static let sectionLabels: [String: [String: String]] = [
    "": [
      "description": "Description (une ligne)", "date": "Date de la situation", "departement": "Département (deux chiffres, 2A, 971…)",
      "situation_familiale": "Situation familiale", "regime_matrimonial": "Régime matrimonial (si marié)", "adresse": "Adresse",
      "telephone": "Téléphone", "courriel": "Courriel", "notes": "Notes",
    ],
    "menage": [
      "prenom": "Prénom", "nom": "Nom", "nom_naissance": "Nom de naissance", "role": "Place dans le ménage",
      "naissance": "Date de naissance",
      "lieu_naissance": "Lieu de naissance", "nationalite": "Nationalité", "activite.statut": "Activité", "activite.contrat": "Contrat",
      "activite.debut": "En poste depuis le", "activite.fin": "Fin du contrat", "activite.employeur": "Employeur",
      "activite.employeur_adresse": "Adresse de l'employeur", "activite.effectif_employeur": "Salariés de l'employeur",
      "activite.secteur": "Secteur de l'employeur",
    ],
    "logement": [
      "statut": "Statut d'occupation", "commune": "Commune (code INSEE)", "loyer": "Loyer hors charges (par mois)",
      "charges": "Charges locatives (par mois)", "aide_logement": "Aide au logement reçue (par mois)", "bailleur.nom": "Bailleur",
      "bailleur.adresse": "Adresse du bailleur", "pret_immobilier.mensualite": "Mensualité du prêt immobilier",
      "pret_immobilier.capital_restant_du": "Capital restant dû du prêt immobilier",
    ],
    "ressources": [
      "type": "Nature", "montant": "Montant", "periodicite": "Périodicité", "personne": "Personne (prénom)", "libelle": "Précision",
    ],
    "charges": ["type": "Nature", "montant": "Montant", "periodicite": "Périodicité", "libelle": "Précision"],
    "patrimoine": ["type": "Nature", "valeur": "Valeur estimée", "libelle": "Précision"],
    "dettes": [
      "creancier": "Créancier", "adresse": "Adresse du créancier", "reference": "Référence du contrat", "nature": "Nature de la dette",
      "restant_du": "Montant restant dû", "impayes": "Dont impayés", "mensualite": "Mensualité", "taux": "Taux (%)",
      "fin": "Dernière échéance",
      "caution": "Caution", "caution_nom": "Nom de la caution",
    ],
    "comptes": ["banque": "Banque", "type": "Type de compte", "solde": "Solde (négatif : découvert)", "date": "Solde au"],
    "situation.evenements": ["type": "Événement", "date": "Date (même approximative : le 1er du mois)", "precision": "Précision"],
    "situation": [
      "ressources_avant": "Ressources mensuelles avant l'événement", "hausse_charges": "Les charges ont augmenté",
      "recit": "Le récit du ménage, en ses mots",
    ],
    "procedures": ["type": "Procédure", "creancier": "À la demande de", "date": "Date", "description": "Précision"],
    "depots_anterieurs": ["date": "Date du dépôt", "issue": "Issue (plan, effacement, irrecevable…)"],
    "suivi_social": [
      "structure": "Service ou structure", "referent": "Travailleur social référent", "telephone": "Téléphone", "courriel": "Courriel",
    ],
  ]

  static func label(_ section: String, _ field: String) -> String {
    sectionLabels[section]?[field] ?? sectionLabels[""]?[field] ?? field
  }

  /// One line under a field: what to ask the household, and the proof that goes with it.
  static let help: [String: String] = [
    "date": "Le jour de l'entretien : les barèmes en vigueur ce jour-là s'appliquent.",
    "departement": "Celui du logement : il fixe la commission de surendettement et les plafonds.",
    "situation_familiale": "Justificatif : livret de famille, jugement de divorce ou de séparation.",
    "adresse": "Justificatif de domicile de moins de trois mois.",
    "menage.naissance": "Pièce d'identité de chaque personne.",
    "menage.role": "Demandeur, conjoint, enfant ou autre personne à charge vivant au foyer.",
    "menage.activite.statut": "Contrat de travail, attestation France Travail, titre de pension.",
    "menage.activite.employeur": "Nom et adresse sur le dernier bulletin de salaire.",
    "logement.statut": "Bail, avis d'échéance ou acte de propriété.",
    "logement.commune": "Code INSEE (pas le code postal) : il fixe la zone de l'aide au logement.",
    "logement.loyer": "Dernière quittance ou avis d'échéance, hors charges.",
    "logement.aide_logement": "Attestation CAF ou MSA du mois.",
    "logement.bailleur.nom": "Nom du propriétaire ou de l'organisme HLM, sur le bail.",
    "ressources.montant": "Trois derniers bulletins de salaire, attestations CAF, France Travail, caisse de retraite.",
    "charges.montant": "Dernières factures, échéanciers et avis d'imposition.",
    "patrimoine.valeur": "Carte grise et cote du véhicule, relevés d'épargne, titre de propriété.",
    "dettes.restant_du": "Dernier relevé ou tableau d'amortissement du créancier.",
    "dettes.reference": "Numéro de contrat ou de dossier, sur le courrier du créancier.",
    "dettes.impayes": "Mises en demeure, relances, commandement de payer.",
    "comptes.solde": "Trois derniers relevés de chaque compte, demandés avec le dossier.",
    "situation.evenements.type":
      "Ce qui a fait basculer le budget : perte d'emploi, séparation, maladie… La lettre à la commission les reprend, avec leur date.",
    "situation.evenements.date": "Justificatif : lettre de licenciement, jugement, arrêt de travail, déclaration de sinistre.",
    "situation.ressources_avant": "Pour mesurer la baisse : bulletins de salaire ou attestations d'avant l'événement.",
    "procedures.type":
      "Toutes, cessions de rémunération comprises : la liste vaut réponse entière. Actes d'huissier, commandement de quitter les lieux, avis de saisie.",
    "depots_anterieurs.issue": "Courrier de la commission : recevabilité, plan, effacement.",
    "suivi_social.structure": "Le service qui suit le ménage (CCAS, Département, association) et son référent.",
    // The other fields: what to ask, and where the answer is written.
    "description": "Une ligne pour retrouver le dossier (elle ne figure pas sur la déclaration).",
    "regime_matrimonial": "Seulement si marié : contrat de mariage, sinon communauté légale.",
    "telephone": "Le numéro où la commission peut joindre le ménage.",
    "courriel": "L'adresse où le ménage reçoit les courriers de la commission, s'il en a une.",
    "menage.prenom": "Comme sur la pièce d'identité.",
    "menage.nom": "Nom d'usage, comme sur la pièce d'identité.",
    "menage.nom_naissance": "Si différent du nom d'usage : acte de naissance ou livret de famille.",
    "menage.lieu_naissance": "Commune et pays, sur la pièce d'identité.",
    "menage.nationalite": "Sur la pièce d'identité ou le titre de séjour.",
    "menage.activite.contrat": "Sur le contrat de travail ou le dernier bulletin de salaire.",
    "menage.activite.debut": "Date d'entrée, sur le contrat ou le bulletin de salaire.",
    "menage.activite.fin": "Fin prévue d'un CDD ou d'une mission : sur le contrat.",
    "menage.activite.employeur_adresse": "Adresse de l'établissement, sur le bulletin de salaire.",
    "menage.activite.effectif_employeur": "Utile aux aides Action Logement (entreprise de 10 salariés ou plus) : à demander à l'employeur.",
    "menage.activite.secteur": "Privé, public ou agricole : sur le bulletin de salaire (la MSA pour l'agricole).",
    "logement.charges": "Provision pour charges, sur la quittance.",
    "logement.bailleur.adresse": "Sur le bail ou l'avis d'échéance.",
    "logement.pret_immobilier.mensualite": "Tableau d'amortissement du prêt de la résidence principale.",
    "logement.pret_immobilier.capital_restant_du": "Dernier relevé annuel du prêteur.",
    "ressources.type": "Salaire, allocations, pensions… chacune sur sa ligne, au nom de qui la perçoit.",
    "ressources.periodicite": "Mensuelle le plus souvent ; trimestrielle ou annuelle pour une prime ou une pension versée ainsi.",
    "ressources.personne": "Le prénom de la personne qui la perçoit.",
    "ressources.libelle": "Ce qui la distingue : « prime de fin d'année », « pension du père »…",
    "charges.type": "Chaque charge courante sur sa ligne ; les dettes vont dans la rubrique 6.",
    "charges.periodicite": "Une facture trimestrielle ou annuelle est ramenée au mois par le calcul.",
    "charges.libelle": "Ce qui la distingue : « gaz », « assurance auto »…",
    "patrimoine.type": "Logement, véhicule, épargne, parts de société : tout ce que le ménage possède.",
    "patrimoine.libelle": "Modèle et année du véhicule, nom du livret…",
    "dettes.creancier": "Le nom sur le courrier du créancier ou de l'huissier.",
    "dettes.adresse": "Adresse du créancier pour la commission, sur son dernier courrier.",
    "dettes.nature": "Crédit, découvert, loyer, énergie, impôts, amende… : elle fixe ce qui peut être effacé.",
    "dettes.mensualite": "Échéance prévue au contrat, même si elle n'est plus payée.",
    "dettes.taux": "Taux nominal annuel, sur l'offre de crédit.",
    "dettes.fin": "Date de la dernière échéance, sur le tableau d'amortissement.",
    "dettes.caution": "Quelqu'un s'est-il porté caution, ou le ménage est-il caution d'un autre ? Acte de cautionnement.",
    "dettes.caution_nom": "Nom de la caution, sur l'acte.",
    "comptes.banque": "Chaque compte, épargne comprise, dans chaque banque.",
    "comptes.type": "Compte courant, livret, compte joint…",
    "comptes.date": "Date du relevé qui donne le solde.",
    "situation.evenements.precision": "Quelques mots : « licenciement économique », « départ du conjoint »…",
    "situation.hausse_charges": "Une hausse brutale : loyer, énergie, naissance, frais de santé.",
    "situation.recit": "Ce que le ménage dit de sa situation, à la première personne : la lettre à la commission le reprend tel quel.",
    "procedures.creancier": "Celui qui poursuit, sur l'acte d'huissier.",
    "procedures.date": "Date de l'acte le plus récent.",
    "procedures.description": "Ce que dit l'acte : montant saisi, date d'audience…",
    "depots_anterieurs.date": "Date du dépôt, sur le courrier de recevabilité.",
    "suivi_social.referent": "Nom du travailleur social qui suit le ménage.",
    "suivi_social.telephone": "Pour que la commission le joigne.",
    "suivi_social.courriel": "Pour que la commission lui écrive.",
    "notes": "Pour le conseiller : ces notes ne vont pas dans la déclaration.",
  ]

  /// The values a choice field accepts, as the reader spells them, each with its French label.
  static func choices(_ section: String, _ field: String) -> [(value: String, label: String)]? {
    func of<E: RawRepresentable & CaseIterable>(_: E.Type, _ label: (E) -> String) -> [(value: String, label: String)]
    where E.RawValue == String {
      E.allCases.map { (value: $0.rawValue, label: capitalized(label($0))) }
    }
    switch (section, field) {
    case ("", "situation_familiale"): return of(FamilyStatus.self) { $0.french }
    case ("", "regime_matrimonial"): return of(MatrimonialRegime.self) { $0.french }
    case ("menage", "role"): return of(Role.self) { $0.french }
    case ("menage", "activite.statut"): return of(ActivityStatus.self) { $0.french }
    case ("menage", "activite.contrat"): return of(ContractType.self) { $0.french }
    case ("menage", "activite.secteur"): return of(EmployerSector.self) { $0.french }
    case ("logement", "statut"): return of(HousingStatus.self) { $0.french }
    case ("ressources", "type"): return of(ResourceType.self) { $0.french }
    case ("charges", "type"): return of(ChargeType.self) { $0.french }
    case ("ressources", "periodicite"), ("charges", "periodicite"): return of(BudgetPeriodicity.self) { $0.rawValue }
    case ("dettes", "nature"): return of(DebtNature.self) { $0.french }
    case ("dettes", "caution"): return of(CautionStatus.self) { $0.french }
    case ("patrimoine", "type"): return of(AssetType.self) { $0.french }
    case ("comptes", "type"): return of(BankAccount.Kind.self) { $0.french }
    case ("procedures", "type"): return of(Procedure.Kind.self) { $0.french }
    case ("situation.evenements", "type"): return of(LifeEvent.self) { $0.french }
    case ("situation", "hausse_charges"): return [(value: "oui", label: "Oui"), (value: "non", label: "Non")]
    default: return nil
    }
  }

  /// What the reader takes for a choice left out of a row.
  static let defaults: [String: String] = ["ressources.periodicite": "mensuelle", "charges.periodicite": "mensuelle"]

  static func capitalized(_ s: String) -> String { s.prefix(1).uppercased() + s.dropFirst() }

  /// The box that declares a list empty, as the household answers it.
  static let noneLabels: [DeclaredList: String] = [
    .patrimoine: "Le ménage ne possède aucun bien (ni logement, ni véhicule, ni épargne)",
    .comptes: "Aucun compte bancaire",
    .depotsAnterieurs: "Aucun dépôt de surendettement auparavant",
    .procedures: "Aucune procédure en cours (ni saisie, ni expulsion, ni cession de rémunération)",
  ]

  static func path(_ section: String, _ row: Int?, _ field: String) -> String {
    let base = section.isEmpty ? "" : (row.map { "\(section)[\($0)]" } ?? section)
    return base.isEmpty ? field : "\(base).\(field)"
  }

  /// The rows of a list section present in `leaves`, in order.
  static func rows(_ section: String, _ leaves: [YAMLPaths.Leaf]) -> [Int] {
    var seen: [Int] = []
    let prefix = "\(section)["
    for l in leaves where l.path.hasPrefix(prefix) {
      let rest = l.path.dropFirst(prefix.count)
      if let close = rest.firstIndex(of: "]"), let n = Int(rest[..<close]), !seen.contains(n) { seen.append(n) }
    }
    return seen
  }

}
