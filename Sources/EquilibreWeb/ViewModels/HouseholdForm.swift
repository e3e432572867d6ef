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

  static let sections: [Section] = [
    Section(key: "", title: "Le ménage en bref", fields: ["description", "date", "departement", "situation_familiale", "adresse", "telephone", "courriel"], isList: false),
    Section(
      key: "menage", title: "Personnes",
      fields: ["prenom", "nom", "role", "naissance", "activite.statut", "activite.contrat", "activite.debut", "activite.effectif_employeur", "activite.secteur"],
      isList: true),
    Section(key: "logement", title: "Logement", fields: ["statut", "loyer", "charges", "aide_logement", "pret_immobilier.mensualite"], isList: false),
    Section(key: "ressources", title: "Ressources", fields: ["type", "montant", "periodicite", "personne", "libelle"], isList: true),
    Section(key: "charges", title: "Charges", fields: ["type", "montant", "periodicite", "libelle"], isList: true),
    Section(key: "dettes", title: "Dettes", fields: ["creancier", "nature", "restant_du", "impayes", "mensualite", "taux", "caution"], isList: true),
    Section(key: "patrimoine", title: "Patrimoine", fields: ["type", "valeur", "libelle"], isList: true),
    Section(key: "procedures", title: "Procédures", fields: ["type", "creancier", "date", "description"], isList: true),
    Section(key: "", title: "Notes", fields: ["notes"], isList: false),
  ]

  static let labels: [String: String] = [
    "description": "Description (une ligne)", "date": "Date de la situation", "departement": "Département",
    "situation_familiale": "Situation familiale", "adresse": "Adresse", "telephone": "Téléphone", "courriel": "Courriel",
    "prenom": "Prénom", "nom": "Nom", "role": "Rôle", "naissance": "Date de naissance", "activite.statut": "Activité",
    "activite.contrat": "Contrat", "activite.debut": "En poste depuis", "activite.effectif_employeur": "Salariés de l'employeur",
    "activite.secteur": "Secteur", "statut": "Statut", "loyer": "Loyer hors charges (par mois)", "charges": "Charges locatives (par mois)",
    "aide_logement": "Aide au logement (par mois)", "pret_immobilier.mensualite": "Mensualité du prêt immobilier",
    "type": "Type", "montant": "Montant", "periodicite": "Périodicité", "personne": "Personne", "libelle": "Précision",
    "creancier": "Créancier", "nature": "Nature", "restant_du": "Restant dû", "impayes": "Impayés", "mensualite": "Mensualité",
    "taux": "Taux (%)", "caution": "Caution", "valeur": "Valeur", "notes": "Notes",
  ]

  /// The values a choice field accepts, as the reader spells them.
  static func choices(_ section: String, _ field: String) -> [String]? {
    switch (section, field) {
    case ("", "situation_familiale"): FamilyStatus.allCases.map(\.rawValue)
    case ("menage", "role"): Role.allCases.map(\.rawValue)
    case ("menage", "activite.statut"): ActivityStatus.allCases.map(\.rawValue)
    case ("menage", "activite.contrat"): ContractType.allCases.map(\.rawValue)
    case ("menage", "activite.secteur"): EmployerSector.allCases.map(\.rawValue)
    case ("logement", "statut"): HousingStatus.allCases.map(\.rawValue)
    case ("ressources", "type"): ResourceType.allCases.map(\.rawValue)
    case ("charges", "type"): ChargeType.allCases.map(\.rawValue)
    case ("ressources", "periodicite"), ("charges", "periodicite"): BudgetPeriodicity.allCases.map(\.rawValue)
    case ("dettes", "nature"): DebtNature.allCases.map(\.rawValue)
    case ("dettes", "caution"): CautionStatus.allCases.map(\.rawValue)
    case ("patrimoine", "type"): AssetType.allCases.map(\.rawValue)
    case ("procedures", "type"): Procedure.Kind.allCases.map(\.rawValue)
    default: nil
    }
  }

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

  /// The view model: sections with their rows and fields, each field with its value and error.
  static func model(_ leaves: [YAMLPaths.Leaf], errors: [String: [String]]) -> (sections: [[String: Any]], others: [[String: Any]], general: [String]) {
    var values: [String: String] = [:]
    for l in leaves { values[l.path] = l.value }
    var used = Set<String>()
    var usedErrors = Set<String>()
    func field(_ section: String, _ row: Int?, _ key: String) -> [String: Any] {
      let p = path(section, row, key)
      used.insert(p)
      let errs = errors[p] ?? []
      if !errs.isEmpty { usedErrors.insert(p) }
      var d: [String: Any] = [
        "nom": "f:" + p, "id": "f-" + p.replacingOccurrences(of: "[", with: "-").replacingOccurrences(of: "]", with: "").replacingOccurrences(of: ".", with: "-"),
        "libelle": labels[key] ?? key, "valeur": values[p] ?? "", "erreurs": errs, "a_erreurs": !errs.isEmpty, "long": key == "notes",
      ]
      if let options = choices(section, key) {
        let current = values[p] ?? ""
        var opts = [["valeur": "", "libelle": "—", "choisi": current.isEmpty]] as [[String: Any]]
        opts += options.map { ["valeur": $0, "libelle": $0, "choisi": $0 == current] }
        if !current.isEmpty && !options.contains(current) { opts.append(["valeur": current, "libelle": current, "choisi": true]) }
        d["options"] = opts
        d["a_options"] = true
      }
      return d
    }
    var sections: [[String: Any]] = []
    for s in sections_ {
      if s.isList {
        let rows = rows(s.key, leaves)
        let rowModels: [[String: Any]] = rows.map { r in
          let rowPath = "\(s.key)[\(r)]"
          var fields = s.fields.map { field(s.key, r, $0) }
          // Fields of this row the section does not name, kept and editable.
          for l in leaves where l.path.hasPrefix(rowPath + ".") && !used.contains(l.path) {
            used.insert(l.path)
            let sub = String(l.path.dropFirst(rowPath.count + 1))
            fields.append(["nom": "f:" + l.path, "id": "f-x-\(used.count)", "libelle": sub, "valeur": l.value, "erreurs": errors[l.path] ?? [], "a_erreurs": errors[l.path] != nil])
            if errors[l.path] != nil { usedErrors.insert(l.path) }
          }
          let rowErrors = errors[rowPath] ?? []
          if !rowErrors.isEmpty { usedErrors.insert(rowPath) }
          return ["ligne": r, "chemin": rowPath, "champs": fields, "erreurs": rowErrors, "a_erreurs": !rowErrors.isEmpty]
        }
        sections.append(["titre": s.title, "cle": s.key, "liste": true, "lignes": rowModels, "a_lignes": !rowModels.isEmpty])
      } else {
        sections.append(["titre": s.title, "cle": s.key, "liste": false, "champs": s.fields.map { field(s.key, nil, $0) }])
      }
    }
    var others: [[String: Any]] = []
    for l in leaves where !used.contains(l.path) {
      used.insert(l.path)
      if errors[l.path] != nil { usedErrors.insert(l.path) }
      others.append(["nom": "f:" + l.path, "id": "f-o-\(others.count)", "libelle": l.path, "valeur": l.value, "erreurs": errors[l.path] ?? [], "a_erreurs": errors[l.path] != nil])
    }
    let general = errors.filter { !usedErrors.contains($0.key) }.sorted { $0.key < $1.key }.flatMap { k, v in v.map { k.isEmpty ? $0 : "\(k) : \($0)" } }
    return (sections, others, general)
  }

  private static var sections_: [Section] { sections }

  /// The leaves of a submitted form, with a row added or removed when asked.
  static func leaves(_ form: Form) -> [YAMLPaths.Leaf] {
    var leaves = form.fields.filter { $0.name.hasPrefix("f:") }.map { YAMLPaths.Leaf(path: String($0.name.dropFirst(2)), value: $0.value) }
    if let remove = form["retirer"] { leaves.removeAll { $0.path.hasPrefix(remove + ".") || $0.path == remove } }
    if let add = form["ajouter"], let s = sections.first(where: { $0.isList && $0.key == add }) {
      let next = (rows(s.key, leaves).max() ?? 0) + 1
      // An empty row: its first field with no value keeps the row in the form until filled.
      leaves.append(YAMLPaths.Leaf(path: path(s.key, next, s.fields[0]), value: ""))
    }
    return renumbered(leaves)
  }

  /// List rows renumbered 1, 2, 3… in order, as the YAML will number them, so that the reader's
  /// paths point at the rows the counsellor sees.
  static func renumbered(_ leaves: [YAMLPaths.Leaf]) -> [YAMLPaths.Leaf] {
    var out = leaves
    for s in sections where s.isList {
      let order = rows(s.key, leaves)
      var map: [Int: Int] = [:]
      for (i, r) in order.enumerated() { map[r] = i + 1 }
      let prefix = "\(s.key)["
      for k in out.indices where out[k].path.hasPrefix(prefix) {
        let rest = out[k].path.dropFirst(prefix.count)
        guard let close = rest.firstIndex(of: "]"), let n = Int(rest[..<close]), let m = map[n] else { continue }
        out[k].path = "\(prefix)\(m)" + rest[close...]
      }
    }
    return out
  }
}
