/// The scenario reference (`docs/format-scenario.md`), generated from what the parser itself
/// reads, so that it cannot drift from the code.
///
/// `docs/format-scenario-exemple.yaml` holds every field once. Parsing it with a
/// ``FieldRecorder`` gives each section with the keys the parser accepts there, and each field
/// with the kind of value the parser asks for (amount, date, one of a closed list with its
/// values…); the example is the file's own value. A test regenerates the page and compares, and
/// fails when a key the parser accepts is missing from the example file or has no description.
package enum ScenarioReference {
  /// Keys accepted by a section but absent from the recorded parse (the example file lacks them).
  package static func missing(_ r: FieldRecorder) -> [String] {
    let sectionPaths = Set(r.sections.map(\.path))
    var out: [String] = []
    for (path, keys) in r.sections {
      for k in keys {
        let p = path.isEmpty ? k : "\(path).\(k)"
        if r.fields[p] == nil && !sectionPaths.contains(p) && !sectionPaths.contains(p + "[]") { out.append(p) }
      }
    }
    return out
  }

  /// Recorded paths without a description.
  package static func undescribed(_ r: FieldRecorder) -> [String] {
    (r.order + r.sections.map(\.path)).filter { !$0.isEmpty && describe($0) == nil }
  }

  /// The Markdown page: one table per section, in the order of the example file.
  package static func markdown(_ r: FieldRecorder) -> String {
    var out = """
      # Format du scénario

      > Page générée à partir du code (`ScenarioReference`, test `FormatScenarioTests`) : chaque
      > clé est celle que le lecteur accepte, avec le type de valeur qu'il demande. L'exemple de
      > chaque ligne vient de [`format-scenario-exemple.yaml`](format-scenario-exemple.yaml), un
      > scénario complet qui se calcule. Pour la régénérer :
      > `EQUILIBRE_REGENERER_DOCS=1 swift test --filter FormatScenarioTests`.

      Un scénario est un fichier YAML (UTF-8). Les montants se tapent à la française (`1 234,56`) ;
      entre accolades `{ … }`, mettez un nombre à virgule entre guillemets (`"3,5"`). Les valeurs
      d'une liste fermée se tapent sans tenir compte des majuscules ni des accents. Un champ
      obligatoire manquant, une clé inconnue ou une valeur refusée est signalé avec le fichier, la
      ligne, la colonne et le chemin du champ (`ressources[1].montant`).

      Bornes : un montant vaut au plus \(Money(euros: Money.maximumInputEuros).french) en valeur
      absolue et tient en centimes entiers ; une liste (ménage, ressources, charges, dettes…)
      compte au plus \(YNode.maximumItems) lignes ; une situation enregistrée dans la base pèse
      au plus 1 Mo et un fichier importé dans l'espace de travail 10 Mo. Au-delà, le champ est
      refusé avec sa ligne.

      `[]` dans un chemin désigne chaque élément d'une liste.


      """
    let sectionPaths = r.sections.map(\.path)
    for (path, keys) in r.sections {
      out += "## " + (path.isEmpty ? "Racine du fichier" : "`\(path)`") + "\n\n"
      if !path.isEmpty, let d = describe(path) { out += d + "\n\n" }
      out += "| Champ | Type | Exemple | Description |\n|---|---|---|---|\n"
      for k in keys {
        let p = path.isEmpty ? k : "\(path).\(k)"
        let nested = sectionPaths.contains(p) || sectionPaths.contains(p + "[]")
        let field = r.fields[p]
        var kind = field?.kind ?? "section"
        if nested { kind = field?.kind.hasPrefix("liste") == true ? "liste de sections (voir `\(p)[]`)" : "section (voir `\(p)`)" }
        let example = field?.example.map { "`" + cell($0) + "`" } ?? ""
        out += "| `\(k)` | \(cell(kind)) | \(example) | \(cell(describe(p) ?? "")) |\n"
      }
      out += "\n"
    }
    // Fields read below a key without a section of their own (lists of texts, tables by year).
    let extra = r.order.filter { p in
      !r.sections.contains { s in s.keys.contains { (s.path.isEmpty ? $0 : "\(s.path).\($0)") == p } }
    }
    if !extra.isEmpty {
      out += "## Éléments de listes et de tables\n\n| Chemin | Type | Exemple | Description |\n|---|---|---|---|\n"
      for p in extra {
        let f = r.fields[p]!
        out += "| `\(p)` | \(cell(f.kind)) | \(f.example.map { "`" + cell($0) + "`" } ?? "") | \(cell(describe(p) ?? "")) |\n"
      }
      out += "\n"
    }
    return out
  }

  /// A table cell: one line, pipes escaped.
  static func cell(_ s: String) -> String {
    s.split(whereSeparator: \.isNewline).joined(separator: " ").replacingOccurrences(of: "|", with: "\\|")
  }

  /// The description of a path: its own, or that of its last key.
  static func describe(_ path: String) -> String? {
    if let d = descriptions[path] ?? ScenarioSchema.descriptions[path] { return d }
    let last = path.split(separator: ".").last.map(String.init) ?? path
    return byKey[last.hasSuffix("[]") ? String(last.dropLast(2)) : last]
  }

  /// Descriptions by full path (where a key means something particular there).
  package static let descriptions: [String: String] = [
    "date": "Date de la situation : les paramètres en vigueur ce jour-là s'appliquent.",
    "description": "Le ménage en une ligne, pour les listes.",
    "departement": "Département (numéro INSEE, entre guillemets : \"2A\", \"974\") ; choisit le FSL et la zone.",
    "adresse": "Adresse du ménage (déclaration de surendettement).",
    "telephone": "Téléphone du ménage.",
    "courriel": "Courriel du ménage.",
    "notes": "Notes libres du conseiller (jamais dans un document anonymisé).",
    "menage": "Les personnes du foyer.",
    "menage[]": "Une personne du foyer.",
    "menage[].prenom": "Prénom ou libellé ; sert à rattacher ressources et changements (`personne:`).",
    "menage[].nom": "Nom de famille (déclaration).",
    "menage[].handicap": "Titulaire de la carte mobilité inclusion « invalidité » (catégorie du logement social).",
    "menage[].activite": "Emploi ou situation d'activité (aides Action Logement, Visale).",
    "menage[].activite.debut": "Début du contrat ou de la situation.",
    "menage[].activite.fin": "Fin du contrat (CDD, intérim).",
    "logement": "Le logement actuel.",
    "logement.statut": "Statut d'occupation.",
    "logement.loyer": "Loyer mensuel hors charges.",
    "logement.charges": "Charges locatives mensuelles.",
    "logement.aide_logement": "APL ou AL mensuelle.",
    "logement.commune": "Code INSEE de la commune du logement : donne la zone de l'aide au logement.",
    "logement.zone_apl": "Zone de l'aide au logement (1, 2 ou 3), si la commune ne suffit pas.",
    "logement.meuble": "Logement loué meublé (loyer retenu aux deux tiers pour l'aide au logement).",
    "logement.colocation": "Colocation (loyer plafond et forfait de charges de colocataire).",
    "logement.conventionne": "Logement conventionné APL (par défaut : oui pour un logement social, non sinon).",
    "logement.pret_immobilier": "Prêt de la résidence principale (accédant).",
    "logement.pret_immobilier.mensualite": "Mensualité du prêt immobilier.",
    "logement.bailleur": "Le bailleur (lettres, déclaration).",
    "logement.bailleur.nom": "Nom du bailleur.",
    "ressources": "Les ressources du foyer.",
    "ressources[]": "Une ressource.",
    "ressources[].type": "Nature de la ressource.",
    "ressources[].imposable": "Montant net imposable (bulletin de paie), s'il diffère du montant versé : l'aide au logement le retient.",
    "charges": "Les charges du foyer (catégories du formulaire de la Banque de France).",
    "charges[]": "Une charge.",
    "charges[].type": "Catégorie de la charge.",
    "dettes": "Les dettes (typologie de la Banque de France).",
    "dettes[]": "Une dette.",
    "dettes[].nature": "Nature de la dette.",
    "dettes[].bailleur": "La dette est due au bailleur du logement (payé en premier dans un plan, L711-6).",
    "dettes[].fin": "Date de la dernière échéance prévue.",
    "dettes[].caution": "Caution de la dette (déclaration).",
    "dettes[].caution_nom": "Nom de la caution.",
    "dettes[].exclue_effacement": "Dette exclue de l'effacement (L711-4, L711-5).",
    "patrimoine": "Les biens du foyer.",
    "patrimoine[]": "Un bien.",
    "comptes": "Les comptes bancaires (déclaration), ou `aucun`.",
    "comptes[]": "Un compte.",
    "incidents_bancaires":
      "Les incidents bancaires mois par mois (relevés acceptés), pour l'exposé des causes du dossier de surendettement.",
    "incidents_bancaires[]": "Un mois d'un compte.",
    "depots_anterieurs": "Dépôts de surendettement antérieurs, ou `aucun`.",
    "depots_anterieurs[]": "Un dépôt antérieur.",
    "procedures": "Procédures en cours (saisies, expulsion…), ou `aucune`.",
    "procedures[]": "Une procédure.",
    "situation": "Événements et faits qui ouvrent des aides.",
    "situation.evenements": "Événements de la vie, causes des difficultés (aides Action Logement, FSL, lettre à la commission).",
    "situation.evenements[]": "Un événement : son nom seul, ou `type`, `date` et `precision`.",
    "situation.evenements[].type": "L'événement.",
    "situation.evenements[].date": "Sa date (au plus tard la date de la situation) ; la lettre à la commission en dit le mois.",
    "situation.evenements[].precision": "Un mot de précision.",
    "projet_logement": "Le logement visé (Visale, Loca-Pass, aides à l'entrée).",
    "logement_social": "Faits pour l'éligibilité au logement social (`equilibre logement`).",
    "logement_social.zone": "Zone des plafonds de ressources (arrêté du 29 juillet 1987).",
    "logement_social.commune": "Code INSEE de la commune (donne la zone ; entre guillemets).",
    "logement_social.revenus_fiscaux": "Revenus fiscaux de référence du foyer, par année.",
    "logement_social.revenus_fiscaux.<année>": "Revenu fiscal de référence de cette année.",
    "logement_social.ressources_12_mois": "Ressources des douze derniers mois (baisse d'au moins 10 %).",
    "offres": "Offres de logement à comparer.",
    "offres[]": "Une offre.",
    "offres[].nom": "Nom de l'offre (repris par une variante `offre:`).",
    "offres[].financement": "Financement du logement.",
    "offres[].typologie": "Typologie (T1, T2…).",
    "offres[].zone": "Zone des plafonds (ou `commune`).",
    "offres[].aide_logement": "Aide au logement estimée (0 si absente).",
    "offres[].commune": "Code INSEE de la commune du logement (ou `zone`).",
    "suivi_social": "Le service qui accompagne le ménage (documents).",
    "accompagnement": "La mesure d'accompagnement (convention).",
    "accompagnement.objectifs[]": "Un objectif.",
    "accompagnement.engagements_menage[]": "Un engagement du ménage.",
    "accompagnement.engagements_conseiller[]": "Un engagement du conseiller.",
    "situation_familiale": "Situation familiale (déclaration).",
    "regime_matrimonial": "Régime matrimonial (déclaration).",
    "variantes": "Variantes « et si » comparées par `equilibre simuler`.",
    "variantes[]": "Une variante.",
    "variantes[].nom": "Nom de la variante (unique).",
    "variantes[].changements": "Les changements, un par ligne.",
    "variantes[].changements[]": "Un changement : une seule clé par ligne.",
    "variantes[].changements[].ajouter_ressource": "Ajoute une ressource (ou remplace celle du même type et de la même personne).",
    "variantes[].changements[].modifier_ressource": "Change le montant d'une ressource.",
    "variantes[].changements[].supprimer_ressource": "Retire une ressource.",
    "variantes[].changements[].ajouter_charge": "Ajoute une charge.",
    "variantes[].changements[].modifier_charge": "Change le montant d'une charge.",
    "variantes[].changements[].supprimer_charge": "Retire une charge.",
    "variantes[].changements[].logement": "Change le logement (loyer, charges, aide, statut).",
    "variantes[].changements[].logement.statut": "Nouveau statut d'occupation.",
    "variantes[].changements[].offre": "Le ménage dans une des `offres`.",
    "variantes[].changements[].loyer_variation": "Variation du loyer, en euros (négative : baisse).",
    "variantes[].changements[].modifier_dette": "Change une dette (rééchelonnement).",
    "variantes[].changements[].supprimer_dette": "Retire une dette (soldée, effacée).",
    "variantes[].changements[].ajouter_personne":
      "Une personne arrive au foyer (naissance, conjoint, enfant) : les unités de consommation, le RSA, les prestations et le budget la comptent.",
    "variantes[].changements[].ajouter_personne.prenom": "Prénom (ou libellé) de la personne qui arrive.",
    "variantes[].changements[].ajouter_personne.role": "`conjoint`, `enfant` ou `autre-personne-a-charge`.",
    "variantes[].changements[].ajouter_personne.naissance": "Date de naissance (prévue, pour une naissance).",
    "variantes[].changements[].ajouter_personne.handicap": "La personne est handicapée (`oui`/`non`).",
    "variantes[].changements[].retirer_personne":
      "Une personne quitte le foyer (séparation, départ d'un enfant), avec les ressources à son nom.",
    "variantes[].changements[].retirer_personne.prenom": "Prénom d'une personne du ménage, autre que le demandeur.",
    "variantes[].changements[].nouveau_pret": "Un nouveau prêt (Action Logement, microcrédit), qui peut solder une dette.",
    "variantes[].changements[].nouveau_pret.libelle": "Nom du prêt.",
    "variantes[].changements[].nouveau_pret.capital": "Capital prêté.",
    "variantes[].changements[].nouveau_pret.taux": "Taux nominal annuel.",
    "variantes[].changements[].nouveau_pret.duree": "Nombre de mensualités.",
    "variantes[].changements[].nouveau_pret.differe": "Mois de différé (intérêts payés).",
    "variantes[].changements[].nouveau_pret.solde":
      "Créancier dont la dette est soldée par le prêt, ou la liste des créanciers regroupés (payés dans l'ordre).",
    "variantes[].changements[].nouveau_pret.frais":
      "Frais de dossier (comptés dans le TAEG ; le capital moins les frais solde les dettes).",
    "reglages": "Réglages du calcul (facultatif).",
    "reglages.politique_reste_a_vivre": "Politique de calcul du reste à vivre (`equilibre parametres` les liste).",
    "reglages.forfaits": "Fichier des forfaits de la commission (budget vie courante), relatif au scénario.",
    "reglages.personnes_a_charge_saisie": "Personnes à charge retenues pour la quotité saisissable, à la place du calcul.",
    "reglages.politique_action_logement": "Fichier de politique locale Action Logement, relatif au scénario.",
    "reglages.fsl": "Fichier du règlement FSL du département, relatif au scénario.",
    "reglages.plans_anterieurs_mois": "Mois déjà passés en plans antérieurs (durée maximale d'un nouveau plan).",
    "reglages.prestations":
      "Prestations comptées dans le budget : `declarees` (par défaut, les montants que le ménage reçoit) ou `calculees` (aide au logement, RSA et prime d'activité calculés par l'outil).",
    "reglages.tolerance_prestations":
      "Écart entre prestation déclarée et calculée au-delà duquel le budget signale « droits à vérifier » (10 € par défaut).",
    "attendu":
      "Chiffres attendus, vérifiés par `equilibre verifier` : les clés de `budget` et `capacite --format json`, et celles des documents (`chiffres` de `surendettement --format json` : `charges_courantes`, `total_impayes`, `impayes_loyer`, `plan_total_efface`…).",
    "attendu.capacite_remboursement": "Capacité de remboursement attendue.",
    "attendu.aide_visale": "Statut attendu d'une aide (`aide_<id>`, ou `aide_<id>_montant` pour son montant).",
  ]

  /// Descriptions by last key, for keys that mean the same everywhere.
  static let byKey: [String: String] = [
    "role": "Place dans le foyer.",
    "naissance": "Date de naissance.",
    "nom_naissance": "Nom de naissance (déclaration).",
    "lieu_naissance": "Lieu de naissance (déclaration).",
    "nationalite": "Nationalité (déclaration).",
    "a_charge_saisie": "Personne à charge pour la quotité saisissable (à la place de la règle).",
    "statut": "Statut.",
    "contrat": "Type de contrat.",
    "secteur": "Secteur de l'employeur (Action Logement : privé non agricole).",
    "heures_12_mois": "Heures travaillées sur les douze derniers mois.",
    "effectif_employeur": "Effectif de l'employeur (Action Logement : 10 salariés et plus).",
    "salaire_brut": "Salaire brut mensuel.",
    "employeur": "Nom de l'employeur.",
    "employeur_adresse": "Adresse de l'employeur.",
    "loyer": "Loyer mensuel hors charges.",
    "charges": "Charges locatives mensuelles.",
    "aide_logement": "Aide au logement mensuelle.",
    "capital_restant_du": "Capital restant dû.",
    "adresse": "Adresse.",
    "nom": "Nom.",
    "type": "Type.",
    "montant": "Montant, par période (`periodicite`).",
    "periodicite": "Période du montant (mensuelle par défaut) ; ramené au mois.",
    "imposable": "Montant net imposable, s'il diffère du montant versé (aide au logement).",
    "personne": "Prénom de la personne du `menage` concernée.",
    "libelle": "Libellé libre.",
    "source": "Origine d'une ligne qui n'a pas été saisie : `releve` (relevés bancaires du ménage, à confirmer).",
    "confiance": "Sûreté de la lecture des relevés : haute, moyenne ou basse.",
    "preuves": "Mouvements vus sur les relevés, « AAAA-MM-JJ : montant ».",
    "creancier": "Nom du créancier (unique parmi les dettes).",
    "restant_du": "Capital restant dû, impayés compris.",
    "impayes": "Échéances impayées (au plus le restant dû).",
    "mensualite": "Mensualité.",
    "reference": "Référence du contrat ou du dossier.",
    "taux": "Taux annuel en %.",
    "banque": "Nom de la banque.",
    "description": "Description.",
    "courriel": "Courriel.",
    "telephone": "Téléphone.",
    "date": "Date.",
  ]
}
