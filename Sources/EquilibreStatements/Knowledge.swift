import EquilibreCore

/// What the labels say: counterparties of incomes and charges, account incidents, gambling and
/// lenders, read from the data files `Data/contreparties.yaml` and `Data/preteurs.yaml`.
public struct Knowledge: Sendable {
  /// A lender: its name, the words that find it, and the debt nature it gives.
  public struct Lender: Sendable {
    public var name: String
    public var words: [String]
    public var nature: DebtNature
    /// Split payment: the number of instalments (nil for an ordinary credit).
    public var instalments: Int?
    /// Words that make one of its lines a split payment (« 3X », « 4X »).
    public var splitWords: [String]
  }

  public var resources: [(ResourceType, [String])]
  public var housingAid: [String]
  public var charges: [(ChargeType, [String])]
  public var fees: [String]
  public var rejections: [String]
  public var overdraftInterest: [String]
  public var gambling: [String]
  public var lenders: [Lender]
  public var sources: [String]

  /// The files shipped with the program. They are compiled in, never read from the user: the
  /// `try!` cannot fail on any input, and every analysis test reads them (a broken file fails them all).
  public static let shipped: Knowledge = try! parse(
    counterparties: String(decoding: PackageResources.contreparties_yaml, as: UTF8.self),
    lenders: String(decoding: PackageResources.preteurs_yaml, as: UTF8.self))

  static func words(_ node: YNode?) -> [String] {
    (node?.sequence() ?? []).compactMap { $0.requiredString() }.map(Label.fold)
  }

  public static func parse(counterparties: String, lenders: String) throws(Diagnostics) -> Knowledge {
    let r1 = YAMLReader(file: "contreparties.yaml")
    var k = Knowledge(
      resources: [], housingAid: [], charges: [], fees: [], rejections: [], overdraftInterest: [], gambling: [], lenders: [], sources: [])
    if let root = r1.root(of: counterparties),
      let m = root.mapping(keys: [
        "ressources", "aide_logement", "charges", "frais_incident", "rejets", "interets_decouvert", "jeux", "source",
      ])
    {
      for (key, keyNode, value) in m["ressources"]?.pairs() ?? [] {
        guard let t = ResourceType(rawValue: key) else {
          keyNode.error("type de ressource inconnu")
          continue
        }
        k.resources.append((t, words(value)))
      }
      for (key, keyNode, value) in m["charges"]?.pairs() ?? [] {
        guard let t = ChargeType(rawValue: key) else {
          keyNode.error("type de charge inconnu")
          continue
        }
        k.charges.append((t, words(value)))
      }
      k.housingAid = words(m["aide_logement"])
      k.fees = words(m["frais_incident"])
      k.rejections = words(m["rejets"])
      k.overdraftInterest = words(m["interets_decouvert"])
      k.gambling = words(m["jeux"])
      if let s = m.required("source")?.requiredString() { k.sources.append(s) }
    }
    let r2 = YAMLReader(file: "preteurs.yaml")
    if let root = r2.root(of: lenders), let m = root.mapping(keys: ["preteurs", "source"]) {
      for item in m.required("preteurs")?.sequence() ?? [] {
        guard let l = item.mapping(keys: ["nom", "mots", "nature", "fractionne", "fractionne_si"]) else { continue }
        guard let name = l.required("nom")?.requiredString(), let nature = l.required("nature")?.choice(DebtNature.self) else { continue }
        k.lenders.append(
          Lender(
            name: name, words: words(l.required("mots")), nature: nature, instalments: l["fractionne"]?.integer(in: 2...12),
            splitWords: words(l["fractionne_si"])))
      }
      if let s = m.required("source")?.requiredString() { k.sources.append(s) }
    }
    let all = r1.diagnostics + r2.diagnostics
    if !all.isEmpty { throw Diagnostics(all) }
    return k
  }
}
