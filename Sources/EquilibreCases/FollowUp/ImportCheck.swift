import EquilibreCore

extension CaseRecord {
  /// Checks a case read from an archive, whole, before anything is written: the reference's
  /// form, identifiers of the strict form the store gives (`C1`, `D2`, `O3.1`…), unique and
  /// continuous version numbers, bounded texts, amounts and counts, and every document's
  /// SHA-256 against its content. The first problem found is thrown, in French, naming the
  /// entry and the field.
  public func checkForImport(documents: [String: [UInt8]]) throws(StoreError) {
    let f = file
    guard CaseRef(f.ref.text)?.text == f.ref.text else {
      throw .invalid("dossier.json, champ « reference » : référence « \(f.ref.text.excerpt) » invalide (EQ-AAAA-NNNNN attendu)")
    }
    try Limits.optionalText(f.label, "dossier.json, champ « libelle »", max: Limits.label)
    try Limits.requireText(f.counsellor, "dossier.json, champ « conseiller »", max: Limits.name)
    try Limits.optionalText(f.structure, "dossier.json, champ « structure »", max: Limits.name)
    try Limits.optionalText(f.closingNote, "dossier.json, champ « note_cloture »", max: Limits.longText)
    try Limits.requireDate(f.openedOn, "dossier.json, champ « ouvert_le »")
    if let d = f.closedOn { try Limits.requireDate(d, "dossier.json, champ « clos_le »") }
    guard (1...10_000_000).contains(f.version) else { throw .invalid("dossier.json, champ « version » : de 1 à 10 000 000") }

    for (kind, count) in [
      ("situations", situations.count), ("measures", measures.count), ("objectives", objectives.count),
      ("contacts", contacts.count), ("documents", documents.count),
    ] where count > Limits.entriesPerKind {
      throw .invalid("dossier.json, « \(kind) » : \(Limits.entriesPerKind) entrées au plus (\(count) reçues)")
    }

    // Situations: numbered 1…n, each once.
    let numbers = situations.map(\.number).sorted()
    guard numbers == Array(stride(from: 1, through: numbers.count, by: 1)) else {
      let seen = Dictionary(grouping: numbers, by: { $0 }).first { $0.value.count > 1 }?.key
      throw .invalid(
        seen.map { "dossier.json, « situations » : la situation n° \($0) figure deux fois" }
          ?? "dossier.json, « situations » : numéros attendus de 1 à \(numbers.count), sans trou")
    }
    for s in situations {
      let at = "situation n° \(s.number)"
      try Limits.requireDate(s.date, "\(at), champ « date »")
      guard s.scenarioText.utf8.count <= Limits.scenarioBytes else {
        throw .invalid("\(at) : scénario de plus de \(Limits.scenarioBytes / 1_000_000) Mo")
      }
      guard (s.variants?.utf8.count ?? 0) <= Limits.scenarioBytes else {
        throw .invalid("\(at) : variantes de plus de \(Limits.scenarioBytes / 1_000_000) Mo")
      }
      try Limits.optionalText(s.note, "\(at), champ « note »", max: Limits.longText)
      try Limits.optionalText(s.savedAt, "\(at), champ « enregistre_le »", max: 64)
      try Limits.optionalText(s.savedBy, "\(at), champ « enregistre_par »", max: Limits.name)
      let g = s.figures
      for (key, value) in [
        ("ressources_mensuelles", g.resources), ("charges_mensuelles", g.charges), ("reste_a_vivre", g.resteAVivre),
        ("reste_a_vivre_par_uc_par_jour", g.perUCPerDay),
        ("capacite_remboursement", g.capacity), ("total_dettes", g.totalDebts), ("plan_efface", g.planErased),
      ] {
        try Limits.requireCents(value, "\(at), champ « chiffres.\(key) »")
      }
      if let r = g.effortRate, r.magnitude > 100_000_000 {
        throw .invalid("\(at), champ « chiffres.taux_effort_centiemes » : hors de portée")
      }
      if let m = g.planMonths, !(0...1_200).contains(m) { throw .invalid("\(at), champ « chiffres.plan_duree_mois » : de 0 à 1 200 mois") }
      try Limits.optionalText(g.bindingTerm, "\(at), champ « chiffres.terme_limitant »", max: 64)
    }

    var ids = Set<String>()
    func unique(_ id: String, _ kind: String, prefix: String) throws(StoreError) {
      guard Limits.isIdentifier(id, prefix: prefix) else {
        throw .invalid("dossier.json, « \(kind) » : identifiant « \(id.excerpt) » invalide (\(prefix) suivi d'un numéro attendu)")
      }
      guard ids.insert(id).inserted else { throw .invalid("dossier.json, « \(kind) » : identifiant « \(id) » en double") }
    }
    for m in measures {
      try unique(m.id, "measures", prefix: "M")
      try Limits.requireDate(m.start, "mesure \(m.id), champ « debut »")
      if let e = m.end { try Limits.requireDate(e, "mesure \(m.id), champ « fin »") }
      guard (1...120).contains(m.plannedMonths) else { throw .invalid("mesure \(m.id), champ « duree_prevue_mois » : de 1 à 120 mois") }
      try Limits.optionalText(m.prescriber, "mesure \(m.id), champ « prescripteur »", max: Limits.name)
      try Limits.optionalText(m.endReason, "mesure \(m.id), champ « motif_fin »", max: Limits.wording)
      guard m.renewals.count <= 100 else { throw .invalid("mesure \(m.id) : 100 renouvellements au plus") }
      for r in m.renewals {
        try Limits.requireDate(r.date, "mesure \(m.id), renouvellement, champ « date »")
        guard (1...120).contains(r.months) else { throw .invalid("mesure \(m.id), renouvellement, champ « mois » : de 1 à 120 mois") }
        try Limits.optionalText(r.agreedBy, "mesure \(m.id), renouvellement, champ « accorde_par »", max: Limits.name)
      }
    }
    for o in objectives {
      try unique(o.id, "objectives", prefix: "O")
      try Limits.requireText(o.wording, "objectif \(o.id), champ « intitule »", max: Limits.wording)
      try Limits.optionalText(o.assessment, "objectif \(o.id), champ « bilan »", max: Limits.longText)
      if let d = o.due { try Limits.requireDate(d, "objectif \(o.id), champ « echeance »") }
      guard o.actions.count <= Limits.entriesPerKind else { throw .invalid("objectif \(o.id) : trop d'actions") }
      for a in o.actions {
        try unique(a.id, "actions", prefix: "\(o.id).")
        try Limits.requireText(a.wording, "action \(a.id), champ « intitule »", max: Limits.wording)
        if let d = a.due { try Limits.requireDate(d, "action \(a.id), champ « echeance »") }
      }
    }
    for c in contacts {
      try unique(c.id, "contacts", prefix: "C")
      try Limits.requireDate(c.date, "contact \(c.id), champ « date »")
      if let d = c.nextAppointment { try Limits.requireDate(d, "contact \(c.id), champ « prochain_rendez_vous »") }
      try Limits.requireText(c.synthesis, "contact \(c.id), champ « synthese »", max: Limits.longText)
      try Limits.optionalText(c.privateNote, "contact \(c.id), champ « note_privee »", max: Limits.longText)
      try Limits.requireText(c.counsellor, "contact \(c.id), champ « conseiller »", max: Limits.name)
    }
    for a in appointments {
      try unique(a.id, "rendez_vous", prefix: "R")
      try Limits.requireDate(a.date, "rendez-vous \(a.id), champ « date »")
      if let t = a.time, Appointment.minutes(t) == nil { throw .invalid("rendez-vous \(a.id), champ « heure » : HH:MM attendu") }
      try Limits.requireText(a.purpose, "rendez-vous \(a.id), champ « objet »", max: Limits.wording)
      try Limits.requireText(a.counsellor, "rendez-vous \(a.id), champ « conseiller »", max: Limits.name)
      if let c = a.contact, !contacts.contains(where: { $0.id == c }) {
        throw .invalid("rendez-vous \(a.id), champ « contact » : contact « \(c.excerpt) » absent du dossier")
      }
    }
    for a in aidRequests {
      try unique(a.id, "aides", prefix: "A")
      try Limits.requireDate(a.filedOn, "demande \(a.id), champ « depose_le »")
      if let d = a.decidedOn { try Limits.requireDate(d, "demande \(a.id), champ « decide_le »") }
      for (c, field) in [(a.askedCents, "montant_demande_centimes"), (a.grantedCents, "montant_accorde_centimes")] {
        try Limits.requireCents(c, "demande \(a.id), champ « \(field) »")
        if let c, c < 0 { throw .invalid("demande \(a.id), champ « \(field) » : montant négatif") }
      }
      if let r = a.repayment {
        try Limits.requireCents(r.monthlyCents, "demande \(a.id), champ « mensualite_centimes »")
        guard r.monthlyCents > 0, (1...240).contains(r.months) else { throw .invalid("demande \(a.id) : remboursement invalide") }
      }
      try Limits.optionalText(a.note, "demande \(a.id), champ « note »", max: Limits.wording)
    }
    for m in measures {
      if let d = m.suspendedOn { try Limits.requireDate(d, "mesure \(m.id), champ « suspendue_le »") }
      if let n = m.suspendedDays, !(0...36_600).contains(n) { throw .invalid("mesure \(m.id), champ « jours_suspendue » : hors de portée") }
    }
    for d in self.documents {
      try unique(d.id, "documents", prefix: "D")
      try Limits.optionalText(d.checklistLine, "document \(d.id), champ « ligne_liste_pieces »", max: Limits.wording)
      if let o = d.origin, o != UploadedPiece.origin { throw .invalid("document \(d.id), champ « origine » : « \(o.excerpt) » inconnu") }
      try Limits.requireDate(d.date, "document \(d.id), champ « date »")
      guard d.sha256.count == 64, d.sha256.allSatisfy({ $0.isASCII && $0.isHexDigit && !$0.isUppercase }) else {
        throw .invalid("document \(d.id), champ « sha256 » : 64 chiffres hexadécimaux attendus")
      }
      guard d.format.count <= 16, d.format.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
        throw .invalid("document \(d.id), champ « format » : format invalide")
      }
      try Limits.requireText(d.type, "document \(d.id), champ « type »", max: Limits.name)
      try Limits.requireText(d.fileName, "document \(d.id), champ « nom_fichier »", max: 255)
      guard let content = documents[d.id] else { throw .invalid("document \(d.id) : fichier absent de l'export") }
      guard content.count == d.size else {
        throw .invalid("document \(d.id), champ « taille » : \(d.size) octets annoncés, \(content.count) reçus")
      }
      guard CaseArchive.sha(content) == d.sha256 else {
        throw .invalid("document \(d.id) (\(d.fileName.excerpt)) : l'empreinte SHA-256 ne correspond pas, fichier altéré")
      }
    }
  }
}
