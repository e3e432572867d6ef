import Foundation

/// Reading the household's sections: `menage` (members, activity), `logement`, `ressources`, `charges`, `dettes`.
extension ScenarioFile {
  static func resource(_ item: YNode, person: (YNode) -> Int?) -> Resource? {
    guard
      let m = item.mapping(keys: ["type", "montant", "periodicite", "personne", "libelle", "imposable", "source", "confiance", "preuves"])
    else { return nil }
    let type = m.required("type")?.choice(ResourceType.self, aliases: resourceAliases)
    let amount = m.required("montant")?.money()
    let periodicity = m["periodicite"]?.choice(BudgetPeriodicity.self) ?? .mensuelle
    let who = m["personne"].flatMap(person)
    let taxable = m["imposable"]?.money()
    let provenance = provenance(m)
    guard let type, let amount else { return nil }
    var r = Resource(type: type, amount: amount, periodicity: periodicity, person: who, label: m["libelle"]?.string(), taxable: taxable)
    r.provenance = provenance
    return r
  }

  static func charge(_ item: YNode) -> Charge? {
    guard let m = item.mapping(keys: ["type", "montant", "periodicite", "libelle", "source", "confiance", "preuves"]) else { return nil }
    let type = m.required("type")?.choice(ChargeType.self, aliases: chargeAliases)
    let amount = m.required("montant")?.money()
    let periodicity = m["periodicite"]?.choice(BudgetPeriodicity.self) ?? .mensuelle
    let provenance = provenance(m)
    guard let type, let amount else { return nil }
    var c = Charge(type: type, amount: amount, periodicity: periodicity, label: m["libelle"]?.string())
    c.provenance = provenance
    return c
  }
  static let resourceAliases: [String: ResourceType] = [
    "ij": .indemnitesJournalieres, "pension": .retraite, "retraite-pension": .retraite, "are": .chomage,
    "caf": .prestationsFamiliales, "allocations-familiales": .prestationsFamiliales, "prime-d-activite": .primeActivite,
  ]
  static let chargeAliases: [String: ChargeType] = [
    "electricite": .energie, "gaz": .energie, "telephone": .telephoneInternet, "internet": .telephoneInternet,
    "assurance": .assurances, "impot": .impots, "pension-alimentaire": .pensionAlimentaireVersee,
    "creche": .garde, "frais-de-garde": .garde,
  ]

  static func member(_ node: YNode) -> Member? {
    guard
      let m = node.mapping(keys: [
        "prenom", "nom", "nom_naissance", "lieu_naissance", "nationalite", "role", "naissance", "activite", "a_charge_saisie",
        "handicap",
      ])
    else { return nil }
    let role = m.required("role")?.choice(Role.self, aliases: ["autre": .autre, "personne-a-charge": .autre])
    let birth = m.required("naissance")?.date()
    var activity: Activity?
    if let a = m["activite"] {
      if role == .enfant {
        a.error("un enfant n'a pas d'activité dans le scénario ; un jeune salarié est demandeur ou conjoint")
      } else {
        activity = self.activity(a)
      }
    }
    let dependant = m["a_charge_saisie"]?.bool()
    guard let role, let birth else { return nil }
    var member = Member(name: m["prenom"]?.string(), role: role, birthDate: birth, activity: activity, dependantForSeizure: dependant)
    member.familyName = m["nom"]?.string()
    member.birthName = m["nom_naissance"]?.string()
    member.birthPlace = m["lieu_naissance"]?.string()
    member.nationality = m["nationalite"]?.string()
    member.disabled = m["handicap"]?.bool()
    return member
  }

  static func activity(_ node: YNode) -> Activity? {
    guard
      let m = node.mapping(keys: [
        "statut", "contrat", "debut", "fin", "heures_12_mois", "effectif_employeur", "secteur", "salaire_brut", "employeur",
        "employeur_adresse",
      ])
    else { return nil }
    guard let status = m.required("statut")?.choice(ActivityStatus.self, aliases: ["salariee": .salarie, "chomeur": .demandeurEmploi])
    else { return nil }
    var a = Activity(status: status)
    if status == .salarie {
      a.contract = m.required("contrat")?.choice(ContractType.self)
      a.sector = m["secteur"]?.choice(EmployerSector.self, aliases: ["prive-non-agricole": .prive])
    } else {
      a.contract = m["contrat"]?.choice(ContractType.self)
      a.sector = m["secteur"]?.choice(EmployerSector.self)
    }
    a.start = m["debut"]?.date()
    a.end = m["fin"]?.date()
    if let s = a.start, let e = a.end, e < s { m["fin"]?.error("la date de fin précède la date de début") }
    a.hoursLast12Months = m["heures_12_mois"]?.integer(in: 0...3000)
    a.employerHeadcount = m["effectif_employeur"]?.integer(in: 0...10_000_000)
    a.grossSalary = m["salaire_brut"]?.money()
    a.employerName = m["employeur"]?.string()
    a.employerAddress = m["employeur_adresse"]?.string()
    return a
  }

  static func housingSection(_ node: YNode) -> Housing? {
    guard
      let m = node.mapping(keys: [
        "statut", "loyer", "charges", "aide_logement", "pret_immobilier", "bailleur", "commune", "zone_apl", "meuble",
        "colocation", "conventionne",
      ])
    else { return nil }
    var h = Housing()
    h.status = m.required("statut")?.choice(HousingStatus.self)
    h.rent = m["loyer"]?.money() ?? .zero
    h.charges = m["charges"]?.money() ?? .zero
    h.housingBenefit = m["aide_logement"]?.money() ?? .zero
    if let c = m["commune"] {
      if let code = c.string(), APLZoning.isCommuneCode(code) {
        h.commune = code
      } else {
        c.error("code INSEE de commune attendu (5 caractères, par exemple 22278 ou 2A004)")
      }
    }
    h.aplZone = m["zone_apl"]?.choice(APLZone.self)
    h.furnished = m["meuble"]?.bool()
    h.flatShare = m["colocation"]?.bool()
    h.conventionne = m["conventionne"]?.bool()
    if let p = m["pret_immobilier"]?.mapping(keys: ["mensualite", "capital_restant_du"]) {
      h.mortgagePayment = p.required("mensualite")?.money() ?? .zero
      h.mortgageOutstanding = p["capital_restant_du"]?.money()
    }
    if let b = m["bailleur"]?.mapping(keys: ["nom", "adresse"]) {
      h.landlord = Party(name: b["nom"]?.string(), address: b["adresse"]?.string())
    }
    if let s = h.status, [.proprietaire, .proprietaireAccedant, .heberge, .sansLogement].contains(s), !h.rent.isZero {
      m["loyer"]?.error("un loyer est déclaré pour un ménage « \(s.rawValue) »")
    }
    return h
  }

  static func debt(_ node: YNode) -> Debt? {
    guard
      let m = node.mapping(keys: [
        "creancier", "adresse", "reference", "nature", "restant_du", "impayes", "mensualite", "taux", "fin", "caution",
        "caution_nom", "exclue_effacement", "bailleur", "source", "confiance", "preuves",
      ])
    else { return nil }
    let provenance = provenance(m)
    let creditor = m.required("creancier")?.requiredString()
    let nature = m.required("nature")?.choice(DebtNature.self, aliases: ["revolving": .creditRenouvelable, "credit-conso": .pretPersonnel])
    let due: Money?
    if let r = m["restant_du"], r.string()?.trimmingSpaces.lowercased() == Provenance.toComplete {
      // A debt seen on the statements: its amount still owed is asked, never assumed.
      r.error("restant dû à compléter : il n'est pas sur les relevés ; demandez-le au créancier, puis écrivez-le ici")
      due = nil
    } else {
      due = m.required("restant_du")?.money()
    }
    let arrears = m["impayes"]?.money() ?? .zero
    if let due, arrears > due { m["impayes"]?.error("les impayés (\(arrears.french)) dépassent le restant dû (\(due.french))") }
    let payment = m["mensualite"]?.money() ?? .zero
    let rate = m["taux"]?.percent()
    let caution = m["caution"]?.choice(CautionStatus.self, aliases: ["garantie": .garantie, "oui": .garantie, "non": .aucune])
    let exclusion = m["exclue_effacement"]?.choice(
      ErasureExclusion.self, aliases: ["pension-alimentaire": .alimentaire, "amende": .amendePenale])
    let landlord = m["bailleur"]?.bool()
    guard let creditor, let nature, let due else { return nil }
    var debt = Debt(
      creditor: creditor, address: m["adresse"]?.string(), reference: m["reference"]?.string(), nature: nature,
      remainingDue: due, arrears: arrears, monthlyPayment: payment, rate: rate, end: m["fin"]?.date(), caution: caution,
      exclusion: exclusion, landlord: landlord)
    debt.guarantor = m["caution_nom"]?.string()
    debt.provenance = provenance
    return debt
  }
}
