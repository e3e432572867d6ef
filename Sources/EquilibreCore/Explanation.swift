/// How a figure was obtained, for `--explique` and the documents: formula, inputs, parameters.
public struct Explanation: Sendable {
  public let figure: String
  public let value: String
  public let formula: String
  public let inputs: [String]
  public let parameters: [ParameterUse]
  public let notes: [String]

  public init(
    figure: String, value: String, formula: String, inputs: [String] = [], parameters: [ParameterUse] = [],
    notes: [String] = []
  ) {
    self.figure = figure
    self.value = value
    self.formula = formula
    self.inputs = inputs
    self.parameters = parameters
    self.notes = notes
  }

  /// French text, one indented line per element.
  public var frenchLines: [String] {
    var out = ["\(figure) = \(value)", "  formule : \(formula)"]
    for i in inputs { out.append("  donnée : \(i)") }
    for p in parameters { out.append("  paramètre : \(p.frenchCitation)") }
    for n in notes { out.append("  note : \(n)") }
    return out
  }
}

extension Money {
  /// Rounded half-up to the cent for display, with the exact value when it has more decimals:
  /// `1 234,57 €` or `1 234,57 € (exactement 14815/12 €)`.
  public var frenchDisplay: String {
    if exactCents != nil { return french }
    return roundedToCents(.halfAwayFromZero).french + " (valeur exacte \(value.frenchExact()) €)"
  }

  /// Plain text rounded half-up to the cent, for JSON and CSV.
  public var plainCents: String { roundedToCents(.halfAwayFromZero).plain }
}
