/// The workshop's pages (`atelier.mustache`): the list of example households, one example with
/// its variants and a before/after, or a household built line by line. Every amount is already
/// computed and written in French by the engines.
struct WorkshopPage: Codable {
  struct Example: Codable {
    var name, summary: String
    enum CodingKeys: String, CodingKey { case name = "nom", summary = "description" }
  }
  struct VariantLine: Codable {
    var name, changes, resteAVivre, perUCPerDay, change: String
    enum CodingKeys: String, CodingKey {
      case name = "nom", changes = "changements", resteAVivre = "reste_a_vivre", perUCPerDay = "par_uc_jour", change = "variation"
    }
  }
  struct BeforeAfter: Codable {
    var label, before, after: String
    enum CodingKeys: String, CodingKey { case label = "libelle", before = "avant", after = "apres" }
  }
  struct Hidden: Codable {
    var name, value: String
    enum CodingKeys: String, CodingKey { case name = "nom", value = "valeur" }
  }

  // The list of examples.
  var isHome = false
  var examples: [Example] = []
  // One example.
  var isExample = false
  var name = ""
  var summary = ""
  var scenario = ""
  var resources = ""
  var charges = ""
  var resteAVivre = ""
  var perUCPerDay = ""
  var rent = ""
  var salary = ""
  var variants: [VariantLine] = []
  var hasVariants = false
  var hasSimulation = false
  var sentence = ""
  var hasSentence = false
  var simulation: [BeforeAfter] = []
  // Step by step.
  var isStepByStep = false
  var lines: [String] = []
  var hasLines = false
  var state: [Hidden] = []
  var lineTypes: [TemplateOption] = []
  var errors: [String] = []
  var hasErrors = false

  enum CodingKeys: String, CodingKey {
    case isHome = "accueil", examples = "exemples", isExample = "exemple", name = "nom", summary = "description", scenario,
      resources = "ressources", charges, resteAVivre = "reste_a_vivre", perUCPerDay = "par_uc_jour", rent = "loyer", salary = "salaire",
      variants = "variantes", hasVariants = "a_variantes", hasSimulation = "a_simulation", sentence = "phrase", hasSentence = "a_phrase",
      simulation, isStepByStep = "pas_a_pas", lines = "lignes", hasLines = "a_lignes", state = "etat", lineTypes = "types",
      errors = "erreurs", hasErrors = "a_erreurs"
  }
}
