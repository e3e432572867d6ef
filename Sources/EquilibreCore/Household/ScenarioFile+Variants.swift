import Foundation

/// Reading the `variantes:` section: the « et si » changes of a scenario.
extension ScenarioFile {
  static func variant(
    _ node: YNode, person: (YNode) -> Int?, creditors: [String], offers: [HousingOffer] = [], members: [Member] = [],
    date: CivilDate? = nil
  ) -> Variant? {
    guard let m = node.mapping(keys: ["nom", "changements"]) else { return nil }
    let name = m.required("nom")?.requiredString()
    var changes: [VariantChange] = []
    func creditor(_ n: YNode?) -> String? {
      guard let n, let c = n.requiredString() else { return nil }
      if creditors.contains(c) { return c }
      var message = "créancier inconnu « \(c) »"
      if let s = closest(to: c, in: creditors) { message += " ; vouliez-vous dire « \(s) » ?" }
      n.error(message + " (nom exact d'un créancier de la section dettes)")
      return nil
    }
    for item in m.required("changements")?.sequence() ?? [] {
      guard let cm = item.mapping(keys: changeKeys) else { continue }
      guard cm.entries.count == 1, let (key, value) = cm.entries.first else {
        item.error("un changement par ligne : \(changeKeys.joined(separator: ", "))")
        continue
      }
      switch key {
      case "ajouter_ressource":
        if let r = resource(value, person: person) { changes.append(.addResource(r)) }
      case "modifier_ressource":
        guard let v = value.mapping(keys: ["type", "montant", "personne"]) else { continue }
        if let t = v.required("type")?.choice(ResourceType.self, aliases: resourceAliases), let a = v.required("montant")?.money() {
          changes.append(.setResource(type: t, person: v["personne"].flatMap(person), amount: a))
        }
      case "supprimer_ressource":
        guard let v = value.mapping(keys: ["type", "personne"]) else { continue }
        if let t = v.required("type")?.choice(ResourceType.self, aliases: resourceAliases) {
          changes.append(.removeResource(type: t, person: v["personne"].flatMap(person)))
        }
      case "ajouter_charge":
        if let c = charge(value) { changes.append(.addCharge(c)) }
      case "modifier_charge":
        guard let v = value.mapping(keys: ["type", "montant"]) else { continue }
        if let t = v.required("type")?.choice(ChargeType.self, aliases: chargeAliases), let a = v.required("montant")?.money() {
          changes.append(.setCharge(type: t, amount: a))
        }
      case "supprimer_charge":
        guard let v = value.mapping(keys: ["type"]) else { continue }
        if let t = v.required("type")?.choice(ChargeType.self, aliases: chargeAliases) { changes.append(.removeCharge(type: t)) }
      case "logement":
        guard let v = value.mapping(keys: ["loyer", "charges", "aide_logement", "statut"]) else { continue }
        changes.append(
          .housing(
            rent: v["loyer"]?.money(), charges: v["charges"]?.money(), benefit: v["aide_logement"]?.money(),
            status: v["statut"]?.choice(HousingStatus.self)))
      case "offre":
        guard let nameNode = Optional(value), let wanted = nameNode.requiredString() else { continue }
        if let o = offers.first(where: { $0.name == wanted }) {
          changes.append(.offer(o))
        } else {
          var message = "offre inconnue « \(wanted) »"
          if let c = closest(to: wanted, in: offers.map(\.name)) { message += " ; vouliez-vous dire « \(c) » ?" }
          value.error(message + " (nom exact d'une offre de la section offres)")
        }
      case "loyer_variation":
        if let d = value.money(allowNegative: true) { changes.append(.rentChange(d)) }
      case "modifier_dette":
        guard let v = value.mapping(keys: ["creancier", "mensualite", "restant_du", "impayes"]) else { continue }
        if let c = creditor(v.required("creancier")) {
          changes.append(
            .setDebt(creditor: c, payment: v["mensualite"]?.money(), remaining: v["restant_du"]?.money(), arrears: v["impayes"]?.money()))
        }
      case "supprimer_dette":
        guard let v = value.mapping(keys: ["creancier"]) else { continue }
        if let c = creditor(v.required("creancier")) { changes.append(.removeDebt(creditor: c)) }
      case "ajouter_personne":
        guard let v = value.mapping(keys: ["prenom", "role", "naissance", "handicap"]) else { continue }
        let role = v.required("role")?.choice(Role.self)
        let birth = v.required("naissance")?.date()
        if role == .demandeur {
          v.owner.error("le ménage a déjà son demandeur : une personne qui arrive est conjoint, enfant ou autre personne à charge")
        }
        if let birth, let date, birth > date {
          v.owner.error("date de naissance postérieure à la date de la situation : une naissance se simule à la date de la situation")
        } else if let role, role != .demandeur, let birth {
          var m = Member(name: v["prenom"]?.string(), role: role, birthDate: birth)
          m.disabled = v["handicap"]?.bool()
          changes.append(.addMember(m))
        }
      case "retirer_personne":
        guard let v = value.mapping(keys: ["prenom"]), let node = v.required("prenom") else { continue }
        if let k = person(node) {
          if let name = members[k].name, members[k].role != .demandeur {
            changes.append(.removeMember(name: name))
          } else {
            node.error("le demandeur ne quitte pas son propre dossier : retirez une autre personne du ménage")
          }
        }
      case "nouveau_pret":
        guard let v = value.mapping(keys: ["libelle", "capital", "taux", "duree", "differe", "solde", "frais"]) else { continue }
        let label = v["libelle"]?.string() ?? "nouveau prêt"
        let capital = v.required("capital")?.money()
        let rate = v["taux"]?.percent() ?? .zero
        let months = v.required("duree")?.integer(in: 1...LoanTerms.maximumPeriods)
        let deferral = v["differe"]?.integer(in: 0...(LoanTerms.maximumPeriods - 1))
        // One creditor, or a list of them (a consolidation).
        let settles: [String] =
          if let node = v["solde"], node.isSequence { (node.sequence() ?? []).compactMap { creditor($0) } } else {
            v["solde"].flatMap { creditor($0) }.map { [$0] } ?? []
          }
        let fees = v["frais"]?.money() ?? .zero
        if let capital, let months {
          var terms = LoanTerms(capital: capital, annualRate: rate, periods: months)
          terms.fees = fees
          if let d = deferral, d > 0 { terms.deferral = Deferral(periods: d, kind: .partial) }
          do {
            try terms.validate()
            changes.append(.newLoan(label: label, terms: terms, settles: settles))
          } catch {
            value.error(error.description)
          }
        }
      default: break
      }
    }
    guard let name else { return nil }
    return Variant(name: name, changes: changes)
  }
}
