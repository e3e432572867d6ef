import Foundation
import Hummingbird

/// A page's typed view model as the Mustache templates read it: the struct's `Codable` keys
/// (French, like the templates), encoded once to the dictionary the renderer walks, where
/// every text is neutralised and an empty text opens no section.
enum TemplateData {
  static func dictionary(_ model: some Encodable) -> [String: Any] {
    guard let data = try? JSONEncoder().encode(model), let object = try? JSONSerialization.jsonObject(with: data) else { return [:] }
    return (plain(object) as? [String: Any]) ?? [:]
  }

  /// JSON numbers back to `Bool`, `Int` or `Double`, so that `false` and `0` stay apart.
  static func plain(_ value: Any) -> Any {
    switch value {
    case let d as [String: Any]: return d.mapValues(plain)
    case let a as [Any]: return a.map(plain)
    case let s as String: return s
    case let n as NSNumber:
      let kind = String(cString: n.objCType)
      if kind == "c" || kind == "B" { return n.boolValue }
      if kind == "f" || kind == "d" { return n.doubleValue }
      return n.intValue
    default: return value
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
