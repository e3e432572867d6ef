import EquilibreCore

/// What the form page shows (typed view models), and the form's fields read back as leaves of the scenario.
extension HouseholdForm {
  /// One field of the form, as the template `formulaire` shows it.
  struct Field: Codable {
    var name, id, label, value: String
    var errors: [String]
    var hasErrors = false
    var long = false
    var help = ""
    var hasHelp = false
    var describedBy = ""
    var hasDescribedBy = false
    var options: [TemplateOption]?
    var hasOptions = false
    var autofocus = false
    enum CodingKeys: String, CodingKey {
      case name = "nom", id, label = "libelle", value = "valeur", errors = "erreurs", hasErrors = "a_erreurs", long, help = "aide",
        hasHelp = "a_aide", describedBy = "decrit", hasDescribedBy = "a_decrit", options, hasOptions = "a_options", autofocus
    }
  }

  /// A row of a list section (a person, a debt…).
  struct Row: Codable {
    var number: Int
    var path: String
    var fields: [Field]
    var errors: [String]
    var hasErrors: Bool
    enum CodingKeys: String, CodingKey {
      case number = "ligne", path = "chemin", fields = "champs", errors = "erreurs", hasErrors = "a_erreurs"
    }
  }

  /// The box that declares a list empty on purpose.
  struct NoneBox: Codable {
    var name, id: String
    var checked: Bool
    var label: String
    var errors: [String]
    var hasErrors: Bool
    enum CodingKeys: String, CodingKey {
      case name = "nom", id, checked = "coche", label = "libelle", errors = "erreurs", hasErrors = "a_erreurs"
    }
  }

  /// A section of the form: its fields, or its rows.
  struct SectionView: Codable {
    var title, key: String
    var isList: Bool
    var rows: [Row] = []
    var hasRows = false
    var none: NoneBox?
    var hasNone = false
    var fields: [Field] = []
    enum CodingKeys: String, CodingKey {
      case title = "titre", key = "cle", isList = "liste", rows = "lignes", hasRows = "a_lignes", none = "aucun", hasNone = "a_aucun",
        fields = "champs"
    }
  }

  /// The view model: sections with their rows and fields, each field with its value and error.
  /// - Parameter focus: the list whose row was just added: its first field takes the focus.
  static func model(
    _ leaves: [YAMLPaths.Leaf], errors: [String: [String]], focus: String? = nil
  ) -> (sections: [SectionView], others: [Field], general: [String]) {
    var values: [String: String] = [:]
    for l in leaves { values[l.path] = l.value }
    var used = Set<String>()
    var usedErrors = Set<String>()
    func field(_ section: String, _ row: Int?, _ key: String) -> Field {
      let p = path(section, row, key)
      used.insert(p)
      let errs = errors[p] ?? []
      if !errs.isEmpty { usedErrors.insert(p) }
      let id =
        "f-" + p.replacingOccurrences(of: "[", with: "-").replacingOccurrences(of: "]", with: "").replacingOccurrences(of: ".", with: "-")
      var f = Field(
        name: "f:" + p, id: id, label: label(section, key), value: values[p] ?? "", errors: errs, hasErrors: !errs.isEmpty,
        long: key == "notes" || key == "recit")
      let aid = help[section.isEmpty ? key : "\(section).\(key)"]
      f.help = aid ?? ""
      f.hasHelp = aid != nil
      let described = (aid != nil ? [id + "-aide"] : []) + (errs.isEmpty ? [] : [id + "-err"])
      f.describedBy = described.joined(separator: " ")
      f.hasDescribedBy = !described.isEmpty
      if let options = choices(section, key) {
        // A value the YAML leaves out because it is the reader's default shows as that default.
        let current = values[p].flatMap { $0.isEmpty ? nil : $0 } ?? (row != nil ? defaults["\(section).\(key)"] : nil) ?? ""
        var opts = [TemplateOption(value: "", label: "—", selected: current.isEmpty)]
        opts += options.map { .init(value: $0.value, label: $0.label, selected: $0.value == current) }
        if !current.isEmpty && !options.contains(where: { $0.value == current }) {
          opts.append(.init(value: current, label: current, selected: true))
        }
        f.options = opts
        f.hasOptions = true
      }
      return f
    }
    /// A field the sections do not name, kept and editable.
    func extra(_ path: String, id: String, label: String) -> Field {
      used.insert(path)
      if errors[path] != nil { usedErrors.insert(path) }
      return Field(
        name: "f:" + path, id: id, label: label, value: values[path] ?? "", errors: errors[path] ?? [], hasErrors: errors[path] != nil)
    }
    var views: [SectionView] = []
    for s in sections_ {
      if s.isList {
        let rows = rows(s.key, leaves)
        let rowModels: [Row] = rows.map { r in
          let rowPath = "\(s.key)[\(r)]"
          var fields = s.fields.map { field(s.key, r, $0) }
          if s.key == focus, r == rows.last { fields[0].autofocus = true }
          for l in leaves where l.path.hasPrefix(rowPath + ".") && !used.contains(l.path) {
            fields.append(extra(l.path, id: "f-x-\(used.count)", label: String(l.path.dropFirst(rowPath.count + 1))))
          }
          let rowErrors = errors[rowPath] ?? []
          if !rowErrors.isEmpty { usedErrors.insert(rowPath) }
          return Row(number: r, path: rowPath, fields: fields, errors: rowErrors, hasErrors: !rowErrors.isEmpty)
        }
        var section = SectionView(title: s.title, key: s.key, isList: true, rows: rowModels, hasRows: !rowModels.isEmpty)
        // A list the filing asks about can be declared empty on purpose (« aucun »), as opposed
        // to not asked yet (« à compléter » in the draft).
        if let list = DeclaredList(rawValue: s.key) {
          used.insert(s.key)
          let errs = errors[s.key] ?? []
          if !errs.isEmpty { usedErrors.insert(s.key) }
          section.none = NoneBox(
            name: "f:" + s.key, id: "f-\(s.key)-aucun", checked: (values[s.key] ?? "").trimmingSpaces.lowercased().hasPrefix("aucun"),
            label: noneLabels[list] ?? "Aucun", errors: errs, hasErrors: !errs.isEmpty)
          section.hasNone = true
        }
        views.append(section)
      } else {
        views.append(SectionView(title: s.title, key: s.key, isList: false, fields: s.fields.map { field(s.key, nil, $0) }))
      }
    }
    var others: [Field] = []
    for l in leaves where !used.contains(l.path) {
      others.append(extra(l.path, id: "f-o-\(others.count)", label: l.path))
    }
    let general = errors.filter { !usedErrors.contains($0.key) }.sorted { $0.key < $1.key }.flatMap { k, v in
      v.map { k.isEmpty ? $0 : "\(k) : \($0)" }
    }
    return (views, others, general)
  }

  private static var sections_: [Section] { sections }

  /// A scenario's leaves as the form names them: an event written as a word
  /// (`situation.evenements[1]: separation`) becomes its row's `type`.
  static func formLeaves(_ leaves: [YAMLPaths.Leaf]) -> [YAMLPaths.Leaf] {
    leaves.map { l in
      guard l.path.hasPrefix("situation.evenements["), l.path.hasSuffix("]") else { return l }
      return YAMLPaths.Leaf(path: l.path + ".type", value: l.value)
    }
  }

  /// The leaves of a submitted form, with a row added or removed when asked.
  static func leaves(_ form: Form, adding: Bool = true) -> [YAMLPaths.Leaf] {
    var leaves = form.fields.filter { $0.name.hasPrefix("f:") }.map { YAMLPaths.Leaf(path: String($0.name.dropFirst(2)), value: $0.value) }
    // « Aucun » ticked while rows are filled: the rows win (the box is a leftover).
    for list in DeclaredList.allCases {
      let key = list.rawValue
      if leaves.contains(where: { $0.path.hasPrefix(key + "[") && !$0.value.trimmingSpaces.isEmpty }) {
        leaves.removeAll { $0.path == key }
      }
    }
    guard adding else { return renumbered(leaves) }
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
