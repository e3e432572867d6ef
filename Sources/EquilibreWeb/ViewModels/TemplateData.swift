import EquilibreCore
import Foundation
import Hummingbird

/// A page's typed view model as the Mustache templates read it: the struct's `Codable` keys
/// (French, like the templates), encoded once to the dictionary the renderer walks, where
/// every text is neutralised and an empty text opens no section.
enum TemplateData {
  static func dictionary(_ model: some Encodable) -> [String: Any] {
    guard let value = try? JSONWriter().value(model) else { return [:] }
    return (plain(value) as? [String: Any]) ?? [:]
  }

  /// The JSON tree as Mustache walks it; `false` and `0` stay apart.
  static func plain(_ value: JSONValue) -> Any {
    switch value {
    case .object(let pairs): return Dictionary(pairs.map { ($0.0, plain($0.1)) }, uniquingKeysWith: { _, last in last })
    case .array(let items): return items.map(plain)
    case .string(let s): return s
    case .int(let i): return i
    case .number(let n): return Double(n) ?? n
    case .bool(let b): return b
    case .null: return NSNull()
    }
  }
}

/// One choice of a list (an `<option>`, a radio): its value, its French label, whether it is
/// chosen; a template that does not show the label or the state gets none.
struct TemplateOption: Codable {
  var value: String
  var label: String?
  var selected: Bool?

  init(value: String, label: String? = nil, selected: Bool? = nil) {
    self.value = value
    self.label = label
    self.selected = selected
  }

  enum CodingKeys: String, CodingKey { case value = "valeur", label = "libelle", selected = "choisi" }
}

extension HTML {
  /// A page from its typed view model.
  static func page(
    _ title: String, _ template: String, model: some Encodable, context: WebContext, status: HTTPResponse.Status = .ok, wide: Bool = false
  ) -> HTML {
    page(title, template, TemplateData.dictionary(model), context: context, status: status, wide: wide)
  }
}
