import EquilibreCore
import EquilibreStatements

/// A generated household's movements written as its bank's monthly CSV exports: the layout's
/// preamble, header, separator, encoding, date format, decimal comma and sign convention.
public enum SyntheticFiles {
  enum Cell {
    case date, isoDate, dateTime, label, shortLabel, constant(String)
    case debitPositive, debitNegative, credit, signed, balance
  }

  /// Each layout's preamble and columns, as the banks write them.
  static func shape(_ layout: String, account: String, balance: String) -> (preamble: [String], columns: [(String, Cell)]) {
    switch layout {
    case "credit-agricole":
      return (
        [
          "Téléchargement du 02/04/2026;", ";", "M. ET MME EXEMPLE;", "Compte de Dépôt carte;N° \(account);",
          "Solde au 31/03/2026 \(balance) €;", ";",
        ],
        [("Date", .date), ("Libellé", .label), ("Débit euros", .debitPositive), ("Crédit euros", .credit), ("", .constant(""))]
      )
    case "bnp-paribas":
      return (
        ["Compte de chèques;****\(account.suffix(4));Solde au 31/03/2026;\(balance)"],
        [
          ("Date operation", .date), ("Libelle court", .shortLabel), ("Type operation", .constant("Prélèvement")),
          ("Libelle operation", .label), ("Montant operation en euro", .signed),
        ]
      )
    case "societe-generale":
      return (
        ["=\"\(account)\";01/01/2026;31/03/2026;", ""],
        [
          ("Date de l'opération", .date), ("Libellé", .shortLabel), ("Détail de l'écriture", .label), ("Montant de l'opération", .signed),
          ("Devise", .constant("EUR")),
        ]
      )
    case "banque-postale":
      return (
        [
          "Numéro Compte   ;\(account)", "Type   ;CCP", "Compte tenu en   ;euros", "Date   ;31/03/2026", "Solde (EUROS)   ;\(balance)",
          "Solde (FRANCS)   ;0", "",
        ],
        [("Date", .date), ("Libellé", .label), ("Montant(EUROS)", .signed)]
      )
    case "bpce":
      return (
        [],
        [
          ("Date de comptabilisation", .date), ("Libelle simplifie", .shortLabel), ("Libelle operation", .label),
          ("Reference", .constant("")),
          ("Informations complementaires", .constant("")), ("Type operation", .constant("")), ("Categorie", .constant("")),
          ("Sous categorie", .constant("")), ("Debit", .debitNegative), ("Credit", .credit), ("Date operation", .date),
          ("Date de valeur", .date), ("Pointage operation", .constant("0")),
        ]
      )
    case "credit-mutuel-cic":
      return (
        [],
        [
          ("Date", .date), ("Date de valeur", .date), ("Débit", .debitNegative), ("Crédit", .credit), ("Libellé", .label),
          ("Solde", .balance),
        ]
      )
    case "boursobank":
      return (
        [],
        [
          ("dateOp", .isoDate), ("dateVal", .isoDate), ("label", .label), ("category", .constant("")), ("categoryParent", .constant("")),
          ("supplierFound", .constant("")), ("amount", .signed), ("comment", .constant("")), ("accountNum", .constant(account)),
          ("accountLabel", .constant("BoursoBank")), ("accountbalance", .constant(balance)),
        ]
      )
    default:  // revolut
      return (
        [],
        [
          ("Type", .constant("CARD_PAYMENT")), ("Produit", .constant("Actuel")), ("Date de début", .dateTime), ("Date de fin", .dateTime),
          ("Description", .label), ("Montant", .signed), ("Frais", .constant("0.00")), ("Devise", .constant("EUR")),
          ("État", .constant("TERMINÉ")), ("Solde", .balance),
        ]
      )
    }
  }

  /// The household's three monthly files: name and bytes.
  public static func files(_ h: SyntheticHousehold, monthly: Bool = true) -> [(name: String, bytes: [UInt8])] {
    if h.layout == "ofx" || h.layout == "camt.053" { return SyntheticXML.files(h) }
    let layout = StatementLayout.shipped.first { $0.id == h.layout }!
    let comma = layout.decimalComma
    func amount(_ cents: Int, signed: Bool = true) -> String {
      let a = abs(cents)
      let euros = String(a / 100)
      var grouped = ""
      for (i, c) in euros.reversed().enumerated() {
        if i > 0 && i % 3 == 0 && comma { grouped.append(" ") }
        grouped.append(c)
      }
      let text = String(grouped.reversed()) + (comma ? "," : ".") + (a % 100 < 10 ? "0" : "") + String(a % 100)
      return (signed && cents < 0 ? "-" : "") + text
    }
    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    var balance = h.opening
    var byMonth: [Int: [SyntheticHousehold.Movement]] = [:]
    for m in h.movements { byMonth[monthly ? m.date.year * 12 + m.date.month : 0, default: []].append(m) }
    var out: [(String, [UInt8])] = []
    for (k, key) in byMonth.keys.sorted().enumerated() {
      let (preamble, columns) = shape(h.layout, account: "12345678901", balance: amount(balance))
      var rows = preamble
      rows.append(columns.map(\.0).joined(separator: String(layout.separator)))
      for m in byMonth[key]! {
        balance += m.cents
        let cells = columns.map { _, cell -> String in
          switch cell {
          case .date: return "\(two(m.date.day))/\(two(m.date.month))/\(m.date.year)"
          case .isoDate: return m.date.description
          case .dateTime: return m.date.description + " 10:00:00"
          case .label: return quoted(m.label, layout.separator)
          case .shortLabel: return quoted(String(m.label.split(separator: " ").prefix(2).joined(separator: " ")), layout.separator)
          case .constant(let s): return s
          case .debitPositive: return m.cents < 0 ? amount(m.cents, signed: false) : ""
          case .debitNegative: return m.cents < 0 ? amount(m.cents) : ""
          case .credit: return m.cents >= 0 ? amount(m.cents) : ""
          case .signed: return amount(m.cents)
          case .balance: return amount(balance)
          }
        }
        rows.append(cells.joined(separator: String(layout.separator)))
      }
      let text = rows.joined(separator: "\r\n") + "\r\n"
      let bytes: [UInt8] =
        layout.encoding == .utf8
        ? (h.layout == "boursobank" ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8)
        : text.unicodeScalars.map { $0 == "€" ? 0x80 : UInt8(truncatingIfNeeded: $0.value) }
      out.append(("\(h.layout)-\(k + 1).csv", bytes))
    }
    return out
  }

  static func quoted(_ s: String, _ separator: Unicode.Scalar) -> String {
    s.unicodeScalars.contains(separator) || s.contains("\"") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
  }
}

extension SyntheticFiles {
  /// One Crédit Agricole export of about `lines` movements over three months: several generated
  /// households' movements merged into one account.
  public static func busyAccount(lines: Int, seed: UInt64) -> [UInt8] {
    var movements: [SyntheticHousehold.Movement] = []
    var i = 0
    while movements.count < lines {
      movements += SyntheticHousehold.make(index: i * 8, seed: seed, start: CivilDate(year: 2026, month: 1, day: 1)!).movements
      i += 1
    }
    var h = SyntheticHousehold.make(index: 0, seed: seed, start: CivilDate(year: 2026, month: 1, day: 1)!)
    h.movements = Array(movements.prefix(lines)).sorted { ($0.date, $0.label) < ($1.date, $1.label) }
    h.layout = "credit-agricole"
    return files(h, monthly: false)[0].bytes
  }
}
