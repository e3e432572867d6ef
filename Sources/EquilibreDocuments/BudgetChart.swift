import EquilibreCore

/// A self-contained SVG chart of the monthly budget: resources on one bar, charges and the
/// reste à vivre on the other, each category with its own colour (Okabe–Ito, safe for colour
/// blindness) and hatching, a number or its amount written on the bar, and a legend at body
/// size with every amount, so that the chart reads the same printed in black and white.
enum BudgetChart {
  /// Okabe & Ito's palette (https://jfly.uni-koeln.de/color/), distinguishable with every
  /// common colour-vision deficiency.
  static let palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999"]
  /// Hatching, so that neighbours differ in grey too.
  static let hatches = ["", "M0,6 L6,0", "M0,0 L6,6", "M3,0 L3,6"]

  struct Segment {
    let number: Int
    let label: String
    let amount: Money
    let style: Int
  }

  /// Every category the budget can show, in a fixed order: a category keeps its colour and
  /// hatching from one household to the next.
  static let categories: [String] =
    ResourceType.allCases.map(\.french) + ["aide au logement (APL/AL)", "loyer", "charges locatives", "mensualité du prêt immobilier"]
    + ChargeType.allCases.map(\.french).filter { $0 != "loyer" && $0 != "charges locatives" } + ["mensualités des dettes en cours"]

  /// The fixed style of a category: neighbours in the list differ in colour and in hatching,
  /// so that they stay apart printed in grey.
  static func style(of label: String) -> Int {
    let key = label.lowercased()
    let i = categories.firstIndex { $0.lowercased() == key } ?? categories.count
    // Colour i mod 8, hatching (i div 8 + i) mod 4: one style per category for the first 32,
    // and two neighbours never share their colour nor, within a block of 8, their hatching.
    return i % palette.count + palette.count * ((i / palette.count + i) % hatches.count)
  }

  /// « #0072B2/1 »: the colour and the hatching (0 for none) of a style.
  static func descriptor(_ style: Int) -> String {
    let s = style % (palette.count * hatches.count)
    return "\(palette[s % palette.count])/\((s / palette.count) % hatches.count)"
  }

  /// `resources` and `charges` are the budget's lines by category (their labels as the budget
  /// names them); the totals are the budget's own.
  static func svg(resources: [BudgetLine], charges: [BudgetLine], resourcesTotal: Money, chargesTotal: Money, resteAVivre: Money) -> String
  {
    let width = 680
    let left = 118
    let barWidth = width - left - 8
    let rav = resteAVivre.isNegative ? Money.zero : resteAVivre
    let scale = max(resourcesTotal, chargesTotal + rav)
    guard !scale.isZero, !scale.isNegative else { return "" }
    var number = 0
    func segments(_ lines: [BudgetLine], styleOffset: Int) -> [Segment] {
      lines.enumerated().compactMap { k, l in
        guard !l.monthly.isZero, !l.monthly.isNegative else { return nil }
        number += 1
        return Segment(number: number, label: Typography.capitalized(l.label), amount: l.monthly, style: style(of: l.label))
      }
    }
    let resourceSegments = segments(resources, styleOffset: 0)
    let chargeSegments = segments(charges, styleOffset: 3)
    let legendRows = max(resourceSegments.count, chargeSegments.count + 1)
    let height = 112 + 19 * legendRows
    var defs = "<defs>"
    for style in 0..<(palette.count * hatches.count) where !hatches[(style / palette.count) % hatches.count].isEmpty {
      let colour = palette[style % palette.count]
      let path = hatches[(style / palette.count) % hatches.count]
      defs +=
        "<pattern id=\"h\(style)\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\"><rect width=\"6\" height=\"6\" fill=\"\(colour)\"/><path d=\"\(path)\" stroke=\"#ffffff\" stroke-width=\"1.6\"/></pattern>"
    }
    defs +=
      "<pattern id=\"rav\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\"><rect width=\"8\" height=\"8\" fill=\"#ffffff\"/><path d=\"M0,8 L8,0\" stroke=\"#1d1d1b\" stroke-width=\"0.8\"/></pattern></defs>"
    func fill(_ style: Int) -> String {
      let s = style % (palette.count * hatches.count)
      return hatches[(s / palette.count) % hatches.count].isEmpty ? palette[s % palette.count] : "url(#h\(s))"
    }
    var out =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-label=\"Budget mensuel : ressources, charges et reste à vivre\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"13\">"
    out += defs
    func bar(_ y: Int, _ title: String, _ items: [Segment], extra: (String, Money)?) -> String {
      var s = "<text x=\"0\" y=\"\(y + 20)\" font-weight=\"bold\">\(escape(title))</text>"
      var x = Rational(left)
      func rect(_ w: Rational, _ fillValue: String, _ text: String, _ title: String, dark: Bool) {
        let xs = x.rounded(toPlaces: 1, .halfAwayFromZero).plainDecimal(places: 1)
        let ws = w.rounded(toPlaces: 1, .halfAwayFromZero).plainDecimal(places: 1)
        s +=
          "<rect x=\"\(xs)\" y=\"\(y)\" width=\"\(ws)\" height=\"30\" fill=\"\(fillValue)\" stroke=\"#ffffff\" stroke-width=\"1.5\"><title>\(escape(title))</title></rect>"
        // On the bar: the amount when it fits, else the legend number, else nothing.
        let widthPx = w.rounded(toPlaces: 0, .floor).intComponents?.numerator ?? 0
        let label = text.count * 7 + 8 <= widthPx ? text : nil
        if let label {
          let shown = label.isEmpty ? "" : label
          let cx = (x + w / 2).rounded(toPlaces: 1, .halfAwayFromZero).plainDecimal(places: 1)
          if !shown.isEmpty {
            // Dark text on a small white plate: readable on every colour and hatching, and in grey.
            let plate = shown.count * 7 + 6
            let px = (x + w / 2 - Rational(plate, 2)).rounded(toPlaces: 1, .halfAwayFromZero).plainDecimal(places: 1)
            s += "<rect x=\"\(px)\" y=\"\(y + 7)\" width=\"\(plate)\" height=\"17\" fill=\"#ffffff\" opacity=\"0.92\"/>"
            s +=
              "<text x=\"\(cx)\" y=\"\(y + 20)\" text-anchor=\"middle\" font-size=\"11.5\" font-weight=\"bold\" fill=\"#1d1d1b\">\(escape(shown))</text>"
          }
        }
        x += w
      }
      for seg in items {
        let w = seg.amount.value / scale.value * Rational(barWidth)
        let widthPx = w.rounded(toPlaces: 0, .floor).intComponents?.numerator ?? 0
        let amountText = Self.shortEuros(seg.amount)
        let text = amountText.count * 7 + 8 <= widthPx ? amountText : String(seg.number)
        rect(w, fill(seg.style), text, "\(seg.number). \(seg.label) : \(DocumentData.money(seg.amount))", dark: true)
      }
      if let (label, amount) = extra, !amount.isZero {
        let w = amount.value / scale.value * Rational(barWidth)
        rect(w, "url(#rav)", Self.shortEuros(amount), "\(label) : \(DocumentData.money(amount))", dark: false)
      }
      return s
    }
    out += bar(6, "Ressources", resourceSegments, extra: nil)
    out += bar(46, "Charges", chargeSegments, extra: ("Reste à vivre", rav))
    // Legend: resources on the left, charges and the reste à vivre on the right.
    var y = 104
    out += "<text x=\"0\" y=\"\(y)\" font-weight=\"bold\">Ressources</text><text x=\"345\" y=\"\(y)\" font-weight=\"bold\">Charges</text>"
    func legend(_ x: Int, _ row: Int, _ fillValue: String, _ text: String) -> String {
      let ly = y + 19 * (row + 1)
      return
        "<rect x=\"\(x)\" y=\"\(ly - 11)\" width=\"14\" height=\"14\" fill=\"\(fillValue)\" stroke=\"#1d1d1b\" stroke-width=\"0.6\"/><text x=\"\(x + 20)\" y=\"\(ly)\">\(escape(text))</text>"
    }
    // A legend line fits its half of the chart: a long label is shortened (the tables have it in full).
    func entry(_ seg: Segment) -> String {
      let label = seg.label.count > 32 ? String(seg.label.prefix(31)) + "…" : seg.label
      return "\(seg.number). \(label) : \(DocumentData.money(seg.amount))"
    }
    for (row, seg) in resourceSegments.enumerated() { out += legend(0, row, fill(seg.style), entry(seg)) }
    for (row, seg) in chargeSegments.enumerated() { out += legend(345, row, fill(seg.style), entry(seg)) }
    let ravText =
      resteAVivre.isNegative
      ? "Reste à vivre : \(DocumentData.money(resteAVivre)) (déficit)"
      : "Reste à vivre : \(DocumentData.money(resteAVivre))"
    out += legend(345, chargeSegments.count, "url(#rav)", ravText)
    return out + "</svg>"
  }

  /// `1 450 €`: whole euros for a label on the bar (the legend has the cents).
  static func shortEuros(_ m: Money) -> String {
    m.value.rounded(toPlaces: 0, .halfAwayFromZero).french(places: 0) + "\u{00A0}€"
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
