import EquilibreCore
import Mustache

/// The over-indebtedness filing draft (Cerfa 13594*02).
extension DocumentData {
  // MARK: The over-indebtedness filing draft (Cerfa 13594*02)

  public static func filing(_ c: DocumentCase) -> [String: Any] {
    let s = c.scenario
    let a = anonymizer(c)
    let applicant = s.members.firstIndex { $0.role == .demandeur } ?? 0
    let partner = s.members.firstIndex { $0.role == .conjoint }
    let couple = partner != nil
    let dependants = s.members.enumerated().filter { $0.element.role == .enfant || $0.element.role == .autre }
    func both(_ f: (Int) -> String?) -> (String?, String??) {
      (f(applicant), couple ? .some(f(partner!)) : .none)
    }
    func member(_ i: Int) -> Member { s.members[i] }
    func identity(_ n: String, _ label: String, _ f: (Int) -> String?) -> [String: Any] {
      let (x, y) = both(f)
      return line(n, label, x, y)
    }
    let identite: [[String: Any]] = [
      identity("1.1", "Nom", { a.familyName($0) }),
      identity("1.2", "Nom de naissance", { a.personal(member($0).birthName, "[nom de naissance]") }),
      identity("1.3", "Prénom(s)", { a.firstName($0) }),
      identity("1.4", "Date de naissance", { a.on ? "[date]" : member($0).birthDate.slashed }),
      identity("1.5", "Lieu de naissance", { a.personal(member($0).birthPlace, "[lieu de naissance]") }),
      identity("1.6", "Nationalité", { a.personal(member($0).nationality, "[nationalité]") }),
    ]
    let coordonnees: [[String: Any]] = [
      line("1.7", "Adresse", a.personal(s.contact.address, "[adresse]")),
      line("1.8", "Téléphone", a.personal(s.contact.phone.map(Typography.phone), "[téléphone]")),
      line("1.9", "Courriel", a.personal(s.contact.email, "[courriel]")),
    ]
    let married = s.familyStatus == .marie || s.familyStatus == .pacse
    var personnelles: [[String: Any]] = [
      line("2.1", "Situation familiale", s.familyStatus.map { Typography.capitalized($0.french) }),
      line(
        "2.2", "Régime matrimonial",
        married ? s.matrimonialRegime.map { Typography.capitalized($0.french) } : (s.familyStatus == nil ? nil : "sans objet")),
    ]
    func job(_ i: Int) -> (String?, String?, String?, String?) {
      guard let act = member(i).activity else { return (nil, nil, nil, nil) }
      let profession = [act.status.french, act.status == .salarie ? act.contract?.french : nil].compactMap { $0 }.joined(separator: ", ")
      guard act.status == .salarie else { return (Typography.capitalized(profession), "sans objet", "sans objet", "sans objet") }
      return (
        Typography.capitalized(profession), a.personal(act.employerName, "[employeur]"),
        a.personal(act.employerAddress, "[adresse]"), a.slashed(act.start)
      )
    }
    let (ja, jb) = (job(applicant), partner.map(job))
    personnelles += [
      line("2.3", "Profession, contrat", ja.0, couple ? .some(jb?.0) : .none),
      line("2.4", "Employeur", ja.1, couple ? .some(jb?.1) : .none),
      line("2.5", "Adresse de l'employeur", ja.2, couple ? .some(jb?.2) : .none),
      line("2.6", "En poste depuis le", ja.3, couple ? .some(jb?.3) : .none),
    ]
    let tenant = [.locataireSocial, .locatairePrive, .foyer].contains(s.housing.status)
    // The landlord: as the scenario names it, or the creditor of the rent debt.
    let rentDebt = s.debts.first { $0.nature == .loyer || $0.landlord }
    let landlordName: String? =
      s.housing.landlord?.name.flatMap { a.personal($0, "[bailleur]") } ?? rentDebt.map { a.creditor($0.creditor) }
    let landlordAddress = s.housing.landlord?.address ?? (s.housing.landlord?.name == nil ? rentDebt?.address : nil)
    let logement: [[String: Any]] = [
      line("2.8", "Logement", s.housing.status.map { Typography.capitalized($0.french) }),
      line("2.9", "Bailleur : nom", tenant ? landlordName : "sans objet"),
      line("2.10", "Bailleur : adresse", tenant ? a.personal(landlordAddress, "[adresse]") : "sans objet"),
      line(
        "2.11", "Dossier de surendettement déposé auparavant",
        s.previousFilings.isEmpty
          ? (s.settings.earlierPlanMonths > 0
            ? "oui (plans antérieurs : \(s.settings.earlierPlanMonths) mois)" : (s.declaredNone.contains(.depotsAnterieurs) ? "non" : nil))
          : s.previousFilings.map { "le \(a.slashed($0.date)!)" + ($0.outcome.map { a.on ? "" : " : \($0)" } ?? "") }.joined(
            separator: " ; ")),
      line(
        "2.12", "Service social qui accompagne le ménage",
        s.socialService.flatMap { ss in
          ss.organisation == nil && ss.referent == nil
            ? nil
            : [
              a.personal(ss.organisation, "[structure]"), a.personal(ss.referent, "[référent]"),
              a.personal(ss.phone.map(Typography.phone), "[téléphone]"), a.personal(ss.email, "[courriel]"),
            ]
            .compactMap { $0 }.joined(separator: ", ")
        }),
    ]
    // Rubriques 4 to 7 read the figures model: no sum here.
    let f = c.figures
    func row(_ l: CaseFigures.Line) -> [String: Any] {
      ["libelle": Budget.itemLabelForDocuments(l.category, a.label(l.label)), "montant": money(l.monthly)]
    }
    let ressources: [[String: Any]] = f.resources.map { l in
      row(l).merging(["personne": l.person.map { a.memberName($0) } ?? "Foyer"]) { $1 }
    }
    let charges = f.fixedCharges.map(row)
    let expenses = f.expenses.map(row)
    // Debts, one numbered row each; a guarantor is never asserted without data.
    let debts = f.debts.map { r -> [String: Any] in
      let d = r.debt
      let caution: String? =
        switch d.caution {
        case nil: nil
        case .aucune: "aucune"
        case .garantie: "oui" + (d.guarantor.map { " : \(a.on ? "[caution]" : $0)" } ?? " (nom à compléter)")
        case .debiteurCaution: "le déposant est caution"
        }
      let address = a.personal(d.address, "[adresse]")
      let reference = a.personal(d.reference, "[référence]")
      let missing = [address == nil ? "adresse" : nil, reference == nil ? "référence" : nil].compactMap { $0 }
      return [
        "numero": r.number, "nature": Typography.capitalized(d.nature.french) + (r.isHomeLoan ? " (résidence principale)" : ""),
        "creancier": a.creditor(d.creditor),
        "adresse": address ?? "", "reference": reference.map { "Réf. \($0)" } ?? "",
        "manquants": missing.joined(separator: ", "), "a_manquants": !missing.isEmpty,
        "restant_du": money(d.remainingDue), "impayes": money(d.arrears), "mensualite": money(d.monthlyPayment),
        "caution": field(caution), "exclusion": d.exclusion.map { Typography.capitalized($0.french) } ?? "",
        "a_exclusion": d.exclusion != nil,
      ]
    }
    let n = s.debts.count
    let cessions = s.procedures.filter { $0.kind == .cessionRemuneration }
    let executions = s.procedures.filter { $0.kind != .cessionRemuneration }
    func procedureText(_ p: Procedure) -> String {
      var t = Typography.capitalized(p.kind.french)
      if let cr = p.creditor { t += " (\(a.creditor(cr)))" }
      if let d = a.slashed(p.date) { t += ", le \(d)" }
      if let desc = p.description, !a.on { t += " : \(desc)" }
      return t
    }
    // The list of procedures is answered as a whole (cessions included): once it holds one, the
    // other kind is « aucune ».
    let answered = s.declaredNone.contains(.procedures) || !s.procedures.isEmpty
    let complementaires: [[String: Any]] = [
      line(
        "7.\(n + 1)", "Cessions de rémunération consenties",
        cessions.isEmpty ? (answered ? "aucune" : nil) : cessions.map(procedureText).joined(separator: " ; ")),
      line(
        "7.\(n + 2)", "Procédures en cours (saisies, expulsion)",
        executions.isEmpty ? (answered ? "aucune" : nil) : executions.map(procedureText).joined(separator: " ; ")),
    ]
    // Assets and accounts.
    let biens = s.assets.map {
      ["type": Typography.capitalized($0.type.french), "libelle": a.label($0.label) ?? "", "valeur": money($0.value)]
    }
    let comptes = s.bankAccounts.map {
      [
        "banque": a.on ? "[banque]" : $0.bank, "type": Typography.capitalized($0.kind.french), "solde": money($0.balance),
        "date": a.slashed($0.date) ?? "",
      ]
    }
    let incidents = s.bankIncidents.map {
      [
        "mois": $0.month.frenchMonth, "compte": a.on ? "[banque]" : ($0.account ?? ""),
        "rejets": $0.rejections.map(String.init) ?? "", "frais": money($0.fees), "agios": money($0.overdraftInterest),
        "jours": $0.daysOverdrawn.map(String.init) ?? "non donné", "jeux": money($0.gambling),
      ]
    }
    let incidentTotal = BankIncidentMonth.total(s.bankIncidents)
    let filers = signatories(s)
    return [
      "titre": "Déclaration de surendettement — brouillon",
      "cerfa": "Cerfa n° 13594*02",
      "date_document": c.documentDate.slashed,
      "date_situation": s.date.slashed,
      "anonyme": c.anonymous,
      "a_codeposant": couple,
      "nom_deposant": a.memberName(applicant),
      "nom_codeposant": partner.map { a.memberName($0) } ?? "",
      "identite": identite,
      "coordonnees": coordonnees,
      "personnelles": personnelles,
      "personnes_a_charge": dependants.map { i, m in
        ["nom": a.memberName(i), "lien": Typography.capitalized(m.role.french), "naissance": a.on ? "[date]" : m.birthDate.slashed]
      },
      "a_personnes_a_charge": !dependants.isEmpty,
      "logement": logement,
      "ressources": ressources,
      "total_ressources": money(f.resourcesTotal),
      "biens": biens, "a_biens": !biens.isEmpty, "aucun_bien": s.declaredNone.contains(.patrimoine),
      "comptes": comptes, "a_comptes": !comptes.isEmpty, "aucun_compte": s.declaredNone.contains(.comptes),
      "incidents": incidents, "a_incidents": !incidents.isEmpty,
      "total_incidents": [
        "rejets": String(incidentTotal.rejections), "frais": money(incidentTotal.fees), "agios": money(incidentTotal.overdraftInterest),
        "jours": incidentTotal.daysOverdrawn.map(String.init) ?? "", "jeux": money(incidentTotal.gambling),
      ],
      "charges": charges, "total_charges": money(f.fixedChargesTotal),
      "depenses": expenses, "total_depenses": money(f.expensesTotal),
      "total_charges_depenses": money(f.currentCharges),
      "dettes": debts,
      "total_dettes": money(f.debtsTotal),
      "total_impayes": money(f.arrearsTotal),
      "total_mensualites": money(f.instalmentsTotal),
      "note_pret_residence": f.homeLoan.map { l in
        l.debtIndex == nil
          ? ""
          : "Le prêt de la résidence principale figure ici, en dettes, avec sa mensualité de \(money(l.instalment)) : il n'est pas repris dans les charges (rubrique 5)."
      } ?? "",
      "complementaires": complementaires,
      "lettre": Letter.make(c, a, filers: filers),
      "pieces": supportingDocuments(s, a),
      "capacite": capacity(c),
      "signataires": filers.map { ["nom": a.memberName($0)] },
      "chiffres": figures(c),
    ]
  }
}
