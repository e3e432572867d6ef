import EquilibreCore
import EquilibreDocuments

/// The year's report's charts: horizontal bars drawn in code (no script, no library), each bar
/// labelled with its number so that the chart reads printed in black and white.
public enum ReportChart {
  /// One bar per `(label, value)`, longest first as given; `title` names the chart for screen readers.
  public static func bars(_ title: String, _ items: [(label: String, value: Int)]) -> String {
    guard !items.isEmpty else { return "" }
    let width = 680
    let labelWidth = 260
    let row = 26
    let height = items.count * row + 10
    let top = max(1, items.map(\.value).max() ?? 1)
    var s =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-label=\"\(HTMLEscape.text(title))\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"12\">"
    for (i, item) in items.enumerated() {
      let y = 5 + i * row
      let length = max(0, min(item.value, top)) * (width - labelWidth - 60) / top
      s += "<text x=\"\(labelWidth - 8)\" y=\"\(y + 16)\" text-anchor=\"end\">\(HTMLEscape.text(String(item.label.prefix(40))))</text>"
      s += "<rect x=\"\(labelWidth)\" y=\"\(y + 4)\" width=\"\(length)\" height=\"16\" fill=\"#0072B2\"/>"
      s += "<text x=\"\(labelWidth + length + 6)\" y=\"\(y + 16)\" fill=\"#1d1d1b\">\(item.value)</text>"
    }
    return s + "</svg>"
  }
}
