import EquilibreCore

/// How one bank writes its CSV export: separator, encoding, date format, decimal comma and the
/// names of its columns. Each layout is a data file (`Layouts/*.yaml`); a structure adds its
/// own with `--mises-en-page DOSSIER`, without a new release.
public struct StatementLayout: Sendable, Equatable {
  /// The text encodings a bank's export is read in.
  public enum Encoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case windows1252 = "windows-1252"
    case latin1 = "iso-8859-1"
    case latin9 = "iso-8859-15"
  }

  /// The order of a date's parts (the separator may be `/`, `-` or `.`; a two-digit year is 20xx).
  public enum DateFormat: String, Sendable, CaseIterable {
    case dayMonthYear = "jj/mm/aaaa"
    case yearMonthDay = "aaaa-mm-jj"
  }

  /// The columns a layout can name.
  public enum Column: String, Sendable, CaseIterable {
    case date, libelle, detail, debit, credit, montant, frais, devise, etat, solde, compte
  }

  /// The file's name without `.yaml` (`credit-agricole`).
  public var id: String
  public var bank: String
  public var source: String
  public var separator: Unicode.Scalar
  public var encoding: Encoding
  public var dateFormat: DateFormat
  public var decimalComma: Bool
  /// Each column's possible header names, in the order tried.
  public var columns: [Column: [String]]
  /// Labels of a line above the header whose next cell is the account's number.
  public var accountLabels: [String] = []
  /// When the layout has a state column: the states kept (others are set aside and listed).
  public var keptStates: [String] = []
  /// True when the layout was guessed from the file (shown for confirmation).
  public var guessed = false

  /// A short French description of the layout, for the guess's confirmation and `--explique`.
  public var french: String {
    let sep = separator == "\t" ? "tabulation" : "« \(separator) »"
    let names = Column.allCases.compactMap { c in columns[c]?.first.map { "\(c.rawValue) = « \($0) »" } }
    return
      "\(bank) : séparateur \(sep), encodage \(encoding.rawValue), dates \(dateFormat.rawValue), "
      + "\(decimalComma ? "virgule décimale" : "point décimal"), colonnes \(names.joined(separator: ", "))"
  }
}

extension StatementLayout {
  /// The layouts shipped with the program, in a fixed order.
  public static let shipped: [StatementLayout] = [
    ("credit-agricole", PackageResources.credit_agricole_yaml), ("bnp-paribas", PackageResources.bnp_paribas_yaml),
    ("societe-generale", PackageResources.societe_generale_yaml), ("banque-postale", PackageResources.banque_postale_yaml),
    ("bpce", PackageResources.bpce_yaml), ("credit-mutuel-cic", PackageResources.credit_mutuel_cic_yaml),
    ("boursobank", PackageResources.boursobank_yaml), ("revolut", PackageResources.revolut_yaml),
  ].map { id, bytes in
    // Compiled in, never read from the user: the `try!` cannot fail on any input, and
    // BankLayoutTests reads every shipped layout (a broken one is a build defect).
    try! parse(String(decoding: bytes, as: UTF8.self), id: id, file: "\(id).yaml")
  }

  /// A layout file, with every problem located (file, line, field) in French.
  public static func parse(_ text: String, id: String, file: String) throws(Diagnostics) -> StatementLayout {
    let reader = YAMLReader(file: file)
    guard let root = reader.root(of: text),
      let m = root.mapping(keys: [
        "banque", "source", "separateur", "encodage", "format_date", "virgule_decimale", "compte", "colonnes", "etats_retenus",
      ])
    else { throw Diagnostics(reader.diagnostics) }
    let bank = m.required("banque")?.requiredString() ?? ""
    let source = m.required("source")?.requiredString() ?? ""
    var separator: Unicode.Scalar = ";"
    if let node = m.required("separateur"), let s = node.string() {
      let t = s == "\\t" || s.lowercased() == "tabulation" ? "\t" : s
      if t.unicodeScalars.count == 1, let c = t.unicodeScalars.first, c != "\"", c != "\n", c != "\r" {
        separator = c
      } else {
        node.error("un seul caractère est attendu (« ; », « , », « \\t » pour une tabulation…)")
      }
    }
    let encoding = m.required("encodage")?.choice(Encoding.self) ?? .utf8
    let dateFormat = m.required("format_date")?.choice(DateFormat.self) ?? .dayMonthYear
    let decimalComma = m.required("virgule_decimale")?.bool() ?? true
    var columns: [Column: [String]] = [:]
    if let node = m.required("colonnes"), let c = node.mapping(keys: Column.allCases.map(\.rawValue)) {
      for column in Column.allCases {
        guard let names = c[column.rawValue] else { continue }
        let list = names.sequence()?.compactMap { $0.requiredString() } ?? []
        if list.isEmpty { names.error("au moins un nom de colonne est attendu") } else { columns[column] = list }
      }
      if columns[.date] == nil { node.error("colonne « date » obligatoire") }
      if columns[.libelle] == nil { node.error("colonne « libelle » obligatoire") }
      if columns[.montant] == nil && (columns[.debit] == nil || columns[.credit] == nil) {
        node.error("il faut une colonne « montant », ou les deux colonnes « debit » et « credit »")
      }
    }
    let accountLabels = m["compte"]?.sequence()?.compactMap { $0.requiredString() } ?? []
    let keptStates = m["etats_retenus"]?.sequence()?.compactMap { $0.requiredString() } ?? []
    if !keptStates.isEmpty && columns[.etat] == nil {
      m["etats_retenus"]?.error("« etats_retenus » demande une colonne « etat »")
    }
    if !reader.diagnostics.isEmpty { throw Diagnostics(reader.diagnostics) }
    return StatementLayout(
      id: id, bank: bank, source: source, separator: separator, encoding: encoding, dateFormat: dateFormat, decimalComma: decimalComma,
      columns: columns, accountLabels: accountLabels, keptStates: keptStates)
  }

  /// The shipped layouts, then those of `directory` (`*.yaml`; one with a shipped id replaces it).
  public static func all(adding directory: String?) throws -> [StatementLayout] {
    guard let directory else { return shipped }
    var byID = Dictionary(uniqueKeysWithValues: shipped.map { ($0.id, $0) })
    var order = shipped.map(\.id)
    for path in try LayoutDirectory.files(directory) {
      let name = String(path.split(separator: "/").last ?? "")
      let id = String(name.dropLast(".yaml".count))
      let layout = try parse(try InputFile.text(path, limit: 1_000_000), id: id, file: path)
      if byID[id] == nil { order.append(id) }
      byID[id] = layout
    }
    return order.compactMap { byID[$0] }
  }
}
