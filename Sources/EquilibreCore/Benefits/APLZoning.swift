import Foundation

/// The zone of the housing aid (arrêté du 17 mars 1978 modifié): 1 (1 bis included), 2 or 3.
public enum APLZone: String, CaseIterable, Sendable {
  case one = "1", two = "2", three = "3"

  public var french: String { "zone \(rawValue)" }
}

/// Communes of the APL zones 1 bis, 1 and 2 (`zones-apl.txt`, from the ministry's list); every
/// other commune of metropolitan France is in zone 3.
public enum APLZoning {
  /// The date and the source of the list, cited in explanations.
  public static let source: (date: String, text: String) = (table.date, table.source)

  /// A five-character INSEE code: digits, or 2A/2B for Corsica.
  public static func isCommuneCode(_ code: String) -> Bool {
    let u = Array(code.utf8)
    guard u.count == 5 else { return false }
    let digits = u.allSatisfy { $0 >= 48 && $0 <= 57 }
    let corsica = u[0] == 50 && (u[1] == 65 || u[1] == 66) && u[2...].allSatisfy { $0 >= 48 && $0 <= 57 }
    return digits || corsica
  }

  /// Overseas communes (971 to 976, and the collectivities): their own rules, outside the tool.
  public static func isOverseas(_ code: String) -> Bool { code.hasPrefix("97") || code.hasPrefix("98") }

  /// The zone of a metropolitan commune; nil for a code the list cannot place (overseas).
  public static func zone(ofCommune code: String) -> APLZone? {
    guard isCommuneCode(code), !isOverseas(code) else { return nil }
    return table.zones[code] ?? .three
  }

  private static let table: (zones: [String: APLZone], date: String, source: String) = {
    var zones: [String: APLZone] = [:]
    var date = ""
    var source = ""
    var current: APLZone?
    let text = String(decoding: PackageResources.zones_apl_txt, as: UTF8.self)
    for line in text.split(separator: "\n") {
      if line.hasPrefix("#") { continue }
      if line.hasPrefix("en_vigueur: ") {
        date = String(line.dropFirst(12))
        continue
      }
      if line.hasPrefix("source: ") {
        source = String(line.dropFirst(8))
        continue
      }
      if line.hasPrefix("zone ") {
        let name = line.dropFirst(5).prefix { $0 != ":" }
        current = name.hasPrefix("1") ? .one : name == "2" ? .two : .three
        continue
      }
      guard let z = current else { continue }
      for code in line.split(separator: " ") { zones[String(code)] = z }
    }
    return (zones, date, source)
  }()
}
