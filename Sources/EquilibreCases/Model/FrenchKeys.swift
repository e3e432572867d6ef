import EquilibreCore
import Foundation

/// The keys of the case's JSON (the export's `dossier.json`, `equilibre suivi … --format json`)
/// in French, like the rest of what a user reads. The model's Swift names stay English; the
/// encoder writes these keys and the decoder reads both, so exports made before still import.
public enum FrenchKeys {
  /// English property name → French key (unique both ways).
  static let french: [String: String] = [
    "action": "action", "actions": "actions", "actor": "auteur", "agreed": "convenu", "appointments": "rendez_vous", "time": "heure",
    "purpose": "objet", "contact": "contact", "assessment": "bilan", "owner": "qui_agit", "agreedBy": "accorde_par", "at": "horodatage",
    "audit": "journal", "bindingTerm": "terme_limitant", "byClosingReason": "par_motif_cloture", "byMeasureType": "par_type_mesure",
    "byStatus": "par_statut", "capacity": "capacite_remboursement", "channel": "canal", "charges": "charges_mensuelles",
    "closedByYear": "clos_par_annee", "closedOn": "clos_le", "closingNote": "note_cloture", "closingReason": "motif_cloture",
    "contacts": "contacts", "count": "nombre", "counsellor": "conseiller", "date": "date", "detail": "detail", "document": "document",
    "documents": "documents", "due": "echeance", "effortRate": "taux_effort_centiemes", "end": "fin", "endReason": "motif_fin",
    "exportedAt": "exporte_le", "figures": "chiffres", "fileName": "nom_fichier", "format": "format", "homeVisits": "visites_domicile",
    "id": "id", "key": "cle", "kind": "nature", "label": "libelle", "lastSituation": "derniere_situation", "measures": "mesures",
    "message": "message", "months": "mois", "nextAppointment": "prochain_rendez_vous", "note": "note", "number": "numero",
    "objective": "objectif", "objectives": "objectifs", "openedByYear": "ouverts_par_annee", "openedOn": "ouvert_le",
    "perUCPerDay": "reste_a_vivre_par_uc_par_jour", "planErased": "plan_efface", "planMonths": "plan_duree_mois",
    "plannedMonths": "duree_prevue_mois", "prescriber": "prescripteur", "privateNote": "note_privee", "purged": "purge",
    "rank": "rang", "ref": "reference", "renewals": "renouvellements", "resources": "ressources_mensuelles",
    "resteAVivre": "reste_a_vivre", "savedAt": "enregistre_le", "savedBy": "enregistre_par", "scenarioText": "scenario",
    "seq": "numero_journal", "sha256": "sha256", "situation": "situation", "situationNumber": "numero_situation",
    "situations": "situations", "size": "taille", "start": "debut", "status": "statut", "structure": "structure",
    "synthesis": "synthese", "theme": "theme", "totalDebts": "total_dettes", "type": "type", "variants": "variantes",
    "version": "version", "wording": "intitule", "year": "annee",
    "aidRequests": "aides", "organisation": "organisme", "askedCents": "montant_demande_centimes", "filedOn": "depose_le",
    "decision": "decision", "decidedOn": "decide_le", "grantedCents": "montant_accorde_centimes", "repayment": "remboursement",
    "monthlyCents": "mensualite_centimes", "firstOn": "premiere_mensualite", "previous": "demande_precedente",
    "suspendedOn": "suspendue_le", "suspendedDays": "jours_suspendue", "origin": "origine", "checklistLine": "ligne_liste_pieces",
  ]
  static let english: [String: String] = {
    var r: [String: String] = [:]
    for (e, f) in french { r[f] = e }
    // `file` is the case's record at the top, a file's path in a list (`situations[i].file`).
    r["dossier"] = "file"
    r["fichier"] = "file"
    return r
  }()

  struct Key: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ s: String) { stringValue = s }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }

  /// The French key for the last key of `path`; a name the table does not know stays as it is.
  static func encode(_ path: [any CodingKey]) -> any CodingKey {
    guard let last = path.last else { return Key("") }
    if last.intValue != nil { return last }
    let name = last.stringValue
    if name == "file" {
      // In a list item: a file's path; otherwise the case's own record.
      let parentIsItem = path.count >= 2 && path[path.count - 2].intValue != nil
      return Key(parentIsItem ? "fichier" : "dossier")
    }
    return Key(french[name] ?? name)
  }

  /// The English name for a key read back, French or English.
  static func decode(_ path: [any CodingKey]) -> any CodingKey {
    guard let last = path.last else { return Key("") }
    if last.intValue != nil { return last }
    return Key(english[last.stringValue] ?? last.stringValue)
  }

  /// The JSON writer with French keys, in the model's order, indented.
  public static let writer = JSONWriter(pretty: true, keys: { encode($0).stringValue })

  /// A JSON decoder that reads French keys, and the English ones of earlier exports.
  public static var decoder: JSONDecoder {
    let d = JSONDecoder()
    d.keyDecodingStrategy = .custom(decode)
    return d
  }
}
