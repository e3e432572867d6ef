import Foundation
import SQLKit

/// A row that PostgreSQL sent as JSON (`json_agg`): a case is read in one round trip, and its
/// rows are decoded by the same code as the rows of separate queries (text, integers, NULL).
struct JSONRow: SQLRow, @unchecked Sendable {
  let values: [String: Any]

  var allColumns: [String] { Array(values.keys) }
  func contains(column: String) -> Bool { values[column] != nil }
  func decodeNil(column: String) throws -> Bool { values[column] == nil || values[column] is NSNull }

  func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
    let v = values[column]
    if v == nil || v is NSNull {
      if let none = D.self as? any ExpressibleByNilLiteral.Type, let r = none.init(nilLiteral: ()) as? D { return r }
    } else if let s = v as? String, let r = s as? D {
      return r
    } else if let n = v as? NSNumber, !(v is Bool), let r = n.intValue as? D {
      return r
    } else if let i = v as? Int, let r = i as? D {
      return r
    }
    throw StoreError.unavailable("base : colonne \(column) illisible")
  }

  /// The rows of a JSON array (`NULL`, from an empty aggregate, is no row).
  static func rows(_ json: String?) throws -> [any SQLRow] {
    guard let json else { return [] }
    guard let array = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]] else {
      throw StoreError.unavailable("base : lecture du dossier illisible")
    }
    return array.map(JSONRow.init(values:))
  }
}
