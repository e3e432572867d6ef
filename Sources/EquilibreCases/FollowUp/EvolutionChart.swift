import EquilibreCore
import EquilibreDocuments

/// The reste à vivre and the total debts over time, as an SVG drawn in code like the budget
/// chart: two lines with distinct dash patterns and markers (readable in black and white),
/// every point labelled with its amount.
public enum EvolutionChart {
  public static func svg(_ versions: [SituationVersion]) -> String {
    let points = versions.sorted { $0.number < $1.number }
    guard !points.isEmpty else { return "" }
    let width = 680
    let height = 260
    let left = 70
    let right = 45
    let top = 30
    let bottom = 60
    let series: [(String, String, String, [Int])] = [
      ("Reste à vivre", "#0072B2", "", points.map { clamp($0.figures.resteAVivre) }),
      ("Total des dettes", "#D55E00", "6 4", points.map { clamp($0.figures.totalDebts) }),
    ]
    let all = series.flatMap(\.3)
    let lo = min(0, all.min() ?? 0)
    let hi = max(all.max() ?? 0, lo + 100)
    // Integer geometry: a y in pixels from cents, rounded down (drawing only; the labels are exact).
    func y(_ cents: Int) -> Int { top + (hi - cents) * (height - top - bottom) / (hi - lo) }
    func x(_ i: Int) -> Int {
      points.count == 1 ? left + (width - left - right) / 2 : left + i * (width - left - right) / (points.count - 1)
    }
    var s =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-label=\"Évolution du reste à vivre et du total des dettes\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"11\">"
    s += "<line x1=\"\(left)\" y1=\"\(y(0))\" x2=\"\(width - right)\" y2=\"\(y(0))\" stroke=\"#555\" stroke-width=\"0.8\"/>"
    for (i, v) in points.enumerated() {
      s += "<text x=\"\(x(i))\" y=\"\(height - bottom + 18)\" text-anchor=\"middle\">\(v.date.slashedShort)</text>"
      s += "<text x=\"\(x(i))\" y=\"\(height - bottom + 32)\" text-anchor=\"middle\" fill=\"#444\">n° \(v.number)</text>"
    }
    for (k, (name, colour, dash, values)) in series.enumerated() {
      let path = values.enumerated().map { "\(x($0.offset)),\(y($0.element))" }.joined(separator: " ")
      s +=
        "<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2.2\"\(dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\"")/>"
      for (i, v) in values.enumerated() {
        s +=
          k == 0
          ? "<circle cx=\"\(x(i))\" cy=\"\(y(v))\" r=\"4\" fill=\"\(colour)\"/>"
          : "<rect x=\"\(x(i) - 4)\" y=\"\(y(v) - 4)\" width=\"8\" height=\"8\" fill=\"\(colour)\"/>"
        let label = Money(cents: v).roundedToCents(.halfAwayFromZero).french
        s +=
          "<text x=\"\(x(i))\" y=\"\(y(v) + (k == 0 ? -8 : 16))\" text-anchor=\"middle\" fill=\"#1d1d1b\">\(HTMLEscape.text(label))</text>"
      }
      let ly = height - 12
      let lx = left + k * 220
      s +=
        "<line x1=\"\(lx)\" y1=\"\(ly - 4)\" x2=\"\(lx + 28)\" y2=\"\(ly - 4)\" stroke=\"\(colour)\" stroke-width=\"2.2\"\(dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\"")/>"
      s += "<text x=\"\(lx + 34)\" y=\"\(ly)\">\(name)</text>"
    }
    return s + "</svg>"
  }
}

/// The store bounds amounts (``Limits/maximumCents``); the drawing holds to them too, so that its
/// integer geometry can never overflow.
private func clamp(_ cents: Int) -> Int { min(max(cents, -Limits.maximumCents), Limits.maximumCents) }

extension CivilDate {
  /// `03/2026`.
  var slashedShort: String { (month < 10 ? "0" : "") + "\(month)/\(year)" }
}
