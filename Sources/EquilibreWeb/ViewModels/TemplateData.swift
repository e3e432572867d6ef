import EquilibreCore
import EquilibreDocuments
import Foundation
import Hummingbird

/// A page's data as the Mustache templates read it: every text neutralised, an empty text opens
/// no section. Built once from a typed view model (its `Codable` keys, French like the
/// templates); the renderer walks it as is, with no second pass over the tree.
struct TemplateData {
  private(set) var values: [String: Any]

  /// From a typed view model, neutralised while it is turned into Mustache's tree.
  init(_ model: some Encodable) {
    guard let value = try? JSONWriter().value(model) else {
      values = [:]
      return
    }
    values = (Self.tree(value) as? [String: Any]) ?? [:]
  }

  /// From loose values (a few keys), neutralised here.
  init(values: [String: Any]) {
    self.values = DocumentData.neutralizedForPages(values)
  }

  /// A value set after the fact is neutralised like the others.
  subscript(key: String) -> Any? {
    get { values[key] }
    set { values[key] = newValue.map { DocumentData.neutralizedValue($0, forMustache: true) } }
  }

  /// `other`'s keys over these.
  mutating func merge(_ other: TemplateData) {
    values.merge(other.values) { $1 }
  }

  /// The JSON tree as Mustache walks it; `false` and `0` stay apart.
  static func tree(_ value: JSONValue) -> Any {
    switch value {
    case .object(let pairs):
      var d: [String: Any] = [:]
      d.reserveCapacity(pairs.count)
      for (k, v) in pairs { d[k] = tree(v) }
      return d
    case .array(let items): return items.map(tree)
    case .string(let s): return DocumentData.forPages(s)
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

  /// A fixed list's `<option>`s, rendered once by `options.mustache` (the page inserts them as is).
  static func rendered(_ options: [TemplateOption]) -> String {
    Pages.shared.render("options", TemplateData(OptionList(options: options)))
  }

  private struct OptionList: Codable { var options: [TemplateOption] }
}

extension HTML {
  /// A page from its typed view model.
  static func page(
    _ title: String, _ template: String, model: some Encodable, context: WebContext, status: HTTPResponse.Status = .ok, wide: Bool = false
  ) -> HTML {
    page(title, template, TemplateData(model), context: context, status: status, wide: wide)
  }
}
