import EquilibreCore

/// A self-contained SVG chart of the monthly budget: one bar for resources and one for charges,
/// stacked by category. Labels are escaped here, since the SVG is inserted without escaping.
enum BudgetChart {
  static let palette = ["#2f6f8f", "#4f9d69", "#c8a13a", "#b4533c", "#7b5ea7", "#3c8dbc", "#8c6d46", "#5b7f2f", "#a23b72", "#666666"]

  static func svg(resources: [BudgetLine], charges: [BudgetLine]) -> String {
    let width = 640
    let barWidth = 440
    let left = 150
    let total = max(resources.map(\.monthly).sum(), charges.map(\.monthly).sum())
    guard !total.isZero, !total.isNegative else { return "" }
    var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(150 + 18 * (resources.count + charges.count))\" role=\"img\" aria-label=\"Budget mensuel : ressources et charges\" font-family=\"sans-serif\" font-size=\"11\">"
    func bar(_ y: Int, _ title: String, _ items: [BudgetLine], _ offset: Int) -> String {
      var s = "<text x=\"0\" y=\"\(y + 16)\" font-weight=\"bold\">\(escape(title))</text>"
      var x = Rational(left)
      for (k, item) in items.enumerated() where !item.monthly.isNegative && !item.monthly.isZero {
        let w = item.monthly.value / total.value * Rational(barWidth)
        let xs = x.rounded(toPlaces: 1, .halfAwayFromZero).plainDecimal(places: 1)
        let ws = w.rounded(toPlaces: 1, .halfAwayFromZero).plainDecimal(places: 1)
        s += "<rect x=\"\(xs)\" y=\"\(y)\" width=\"\(ws)\" height=\"24\" fill=\"\(palette[(k + offset) % palette.count])\"><title>\(escape(item.label)) : \(escape(DocumentData.money(item.monthly)))</title></rect>"
        x += w
      }
      return s
    }
    out += bar(10, "Ressources", resources, 0)
    out += bar(50, "Charges", charges, 4)
    var y = 100
    for (title, items, offset) in [("Ressources", resources, 0), ("Charges", charges, 4)] {
      for (k, item) in items.enumerated() where !item.monthly.isZero {
        out += "<rect x=\"0\" y=\"\(y - 9)\" width=\"10\" height=\"10\" fill=\"\(palette[(k + offset) % palette.count])\"/>"
        out += "<text x=\"16\" y=\"\(y)\">\(escape(title)) — \(escape(item.label)) : \(escape(DocumentData.money(item.monthly)))</text>"
        y += 18
      }
    }
    return out + "</svg>"
  }

  static func escape(_ s: String) -> String { HTMLEscape.text(s) }
}

/// HTML escaping of user text, for the parts the program writes itself (the SVG).
public enum HTMLEscape {
  /// `s` for HTML text or an attribute: markup characters escaped, control and bidi characters
  /// neutralised (``TextSafety``).
  public static func text(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for ch in TextSafety.neutralized(s) {
      switch ch {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.append(ch)
      }
    }
    return out
  }
}
