/// The départements of France by code, with their names (INSEE, Code officiel géographique:
/// https://www.insee.fr/fr/information/2560452), for the documents: the filing's addressee is the
/// over-indebtedness commission of the household's département.
public enum Departements {
  public static let names: [String: String] = [
    "01": "Ain", "02": "Aisne", "03": "Allier", "04": "Alpes-de-Haute-Provence", "05": "Hautes-Alpes",
    "06": "Alpes-Maritimes", "07": "Ardèche", "08": "Ardennes", "09": "Ariège", "10": "Aube", "11": "Aude",
    "12": "Aveyron", "13": "Bouches-du-Rhône", "14": "Calvados", "15": "Cantal", "16": "Charente",
    "17": "Charente-Maritime", "18": "Cher", "19": "Corrèze", "2A": "Corse-du-Sud", "2B": "Haute-Corse",
    "21": "Côte-d'Or", "22": "Côtes-d'Armor", "23": "Creuse", "24": "Dordogne", "25": "Doubs", "26": "Drôme",
    "27": "Eure", "28": "Eure-et-Loir", "29": "Finistère", "30": "Gard", "31": "Haute-Garonne", "32": "Gers",
    "33": "Gironde", "34": "Hérault", "35": "Ille-et-Vilaine", "36": "Indre", "37": "Indre-et-Loire", "38": "Isère",
    "39": "Jura", "40": "Landes", "41": "Loir-et-Cher", "42": "Loire", "43": "Haute-Loire", "44": "Loire-Atlantique",
    "45": "Loiret", "46": "Lot", "47": "Lot-et-Garonne", "48": "Lozère", "49": "Maine-et-Loire", "50": "Manche",
    "51": "Marne", "52": "Haute-Marne", "53": "Mayenne", "54": "Meurthe-et-Moselle", "55": "Meuse", "56": "Morbihan",
    "57": "Moselle", "58": "Nièvre", "59": "Nord", "60": "Oise", "61": "Orne", "62": "Pas-de-Calais",
    "63": "Puy-de-Dôme", "64": "Pyrénées-Atlantiques", "65": "Hautes-Pyrénées", "66": "Pyrénées-Orientales",
    "67": "Bas-Rhin", "68": "Haut-Rhin", "69": "Rhône", "70": "Haute-Saône", "71": "Saône-et-Loire", "72": "Sarthe",
    "73": "Savoie", "74": "Haute-Savoie", "75": "Paris", "76": "Seine-Maritime", "77": "Seine-et-Marne",
    "78": "Yvelines", "79": "Deux-Sèvres", "80": "Somme", "81": "Tarn", "82": "Tarn-et-Garonne", "83": "Var",
    "84": "Vaucluse", "85": "Vendée", "86": "Vienne", "87": "Haute-Vienne", "88": "Vosges", "89": "Yonne",
    "90": "Territoire de Belfort", "91": "Essonne", "92": "Hauts-de-Seine", "93": "Seine-Saint-Denis",
    "94": "Val-de-Marne", "95": "Val-d'Oise", "971": "Guadeloupe", "972": "Martinique", "973": "Guyane",
    "974": "La Réunion", "976": "Mayotte",
  ]

  /// « du Nord (59) », « de la Seine-Maritime (76) », « de Paris (75) »: the département with the
  /// preposition French grammar wants after « commission de surendettement ».
  /// The départements of Île-de-France.
  public static let ileDeFrance: Set<String> = ["75", "77", "78", "91", "92", "93", "94", "95"]

  /// Whether a reference applies to a household of `code`: a reference that names the
  /// Île-de-France applies to its départements only (nil: unknown département, not asserted).
  public static func referenceApplies(_ reference: String, to code: String?) -> Bool {
    guard reference.contains("Île-de-France") || reference.contains("Ile-de-France") else { return true }
    guard let code else { return false }
    return ileDeFrance.contains(code)
  }

  public static func withPreposition(_ code: String) -> String? {
    guard let name = names[code.uppercased()] else { return nil }
    let article: String
    switch code.uppercased() {
    case "75", "974", "976": article = "de "  // de Paris, de La Réunion, de Mayotte
    case "34": article = "de l'"  // h muet : de l'Hérault
    default:
      let first = name.prefix(1)
      let vowel = "AEÉÈIOUY".contains(first)
      let plural =
        name.hasPrefix("Hautes-") || name.hasPrefix("Hauts-") || name.hasPrefix("Bouches-") || name.hasPrefix("Côtes-")
        || name.hasPrefix("Alpes-") || name.hasPrefix("Pyrénées-") || name.hasPrefix("Ardennes") || name.hasPrefix("Landes")
        || name.hasPrefix("Deux-") || name.hasPrefix("Vosges") || name.hasPrefix("Yvelines")
      let feminine = [
        "Aisne", "Ardèche", "Ariège", "Aube", "Aude", "Charente", "Charente-Maritime", "Corrèze", "Creuse",
        "Côte-d'Or", "Dordogne", "Drôme", "Eure", "Gironde", "Haute-Corse", "Corse-du-Sud", "Haute-Garonne", "Haute-Loire",
        "Haute-Marne", "Haute-Saône", "Haute-Savoie", "Haute-Vienne", "Loire", "Loire-Atlantique", "Lozère", "Manche",
        "Marne", "Mayenne", "Meurthe-et-Moselle", "Meuse", "Moselle", "Nièvre", "Orne", "Sarthe", "Savoie", "Seine-Maritime",
        "Seine-et-Marne", "Seine-Saint-Denis", "Somme", "Vendée", "Vienne", "Guyane", "Guadeloupe", "Martinique",
      ].contains(name)
      if plural { article = "des " } else if vowel { article = "de l'" } else if feminine { article = "de la " } else { article = "du " }
    }
    return "\(article)\(name) (\(code.uppercased()))"
  }
}
