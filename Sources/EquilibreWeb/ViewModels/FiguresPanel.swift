/// The figures column of a case (key figures, capacity, aids, plan, variants, social housing,
/// benefits, explanations): every value already computed and written in French by the engines;
/// the templates `chiffres` and `explications` only place them.
struct FiguresPanel: Codable {
  struct KeyFigure: Codable {
    var key, label, value: String
    enum CodingKeys: String, CodingKey { case key = "cle", label = "libelle", value = "valeur" }
  }
  struct Term: Codable {
    var label, value: String
    var binding: Bool
    enum CodingKeys: String, CodingKey { case label = "libelle", value = "valeur", binding = "limitant" }
  }
  struct Aid: Codable {
    var name, status, amount: String
    var reasons: [String]
    var missing: String
    var hasMissing: Bool
    enum CodingKeys: String, CodingKey {
      case name = "nom", status = "statut", amount = "montant", reasons = "motifs", missing = "manquants", hasMissing = "a_manquants"
    }
  }
  struct PlanCreditor: Codable {
    var name, owed, repaid, erased: String
    enum CodingKeys: String, CodingKey { case name = "nom", owed = "du", repaid = "rembourse", erased = "efface" }
  }
  struct VariantLine: Codable {
    var name, changes, resteAVivre, capacity, netGain, benefits: String
    var hasBenefits: Bool
    var sentence: String
    var hasSentence: Bool
    var loan: String
    var hasLoan: Bool
    enum CodingKeys: String, CodingKey {
      case name = "nom", changes = "changements", resteAVivre = "reste_a_vivre", capacity = "capacite", netGain = "gain_net",
        benefits = "prestations", hasBenefits = "a_prestations", sentence = "phrase", hasSentence = "a_phrase", loan = "pret", hasLoan =
        "a_pret"
    }
  }
  struct Cell: Codable {
    var text: String
    var differs: Bool
    enum CodingKeys: String, CodingKey { case text = "texte", differs = "ecart" }
  }
  struct ComparisonRow: Codable {
    var label: String
    var cells: [Cell]
    enum CodingKeys: String, CodingKey { case label = "libelle", cells = "cellules" }
  }
  struct HousingLine: Codable {
    var key, text: String
    enum CodingKeys: String, CodingKey { case key = "cle", text = "texte" }
  }
  struct Benefit: Codable {
    var key, name, declared, computed, message: String
    var hasMessage: Bool
    var reason: String
    var hasReason: Bool
    var lines: [String]
    enum CodingKeys: String, CodingKey {
      case key = "cle", name = "nom", declared = "declaree", computed = "calculee", message, hasMessage = "a_message", reason = "motif",
        hasReason = "a_motif", lines = "lignes"
    }
  }
  struct ExplainedFigure: Codable {
    var figure, value: String
    var lines: [String]
    enum CodingKeys: String, CodingKey { case figure, value = "valeur", lines = "lignes" }
  }

  /// What a case page takes from the panel: its two parts, rendered (and escaped) once.
  struct Fragments: Codable {
    var hasFigures: Bool
    var waiting: [KeyFigure]
    var figuresHTML, explanationsHTML: String
    enum CodingKeys: String, CodingKey {
      case hasFigures = "a_chiffres", waiting = "attente", figuresHTML = "chiffres_html", explanationsHTML = "explications_html"
    }
  }

  var hasFigures = false
  /// The key figures' places while nothing computes yet (the script fills them).
  var waiting: [KeyFigure] = []
  var figures: [KeyFigure] = []
  var bindingTerm = ""
  var terms: [Term] = []
  var aids: [Aid] = []
  var hasPlan = false
  var plan = ""
  var planCreditors: [PlanCreditor] = []
  var variants: [VariantLine] = []
  var hasVariants = false
  var columns: [String] = []
  var comparisonRows: [ComparisonRow] = []
  var hasHousing = false
  var housing: [HousingLine] = []
  var housingCategory = ""
  var hasOffers = false
  var offers: [String] = []
  var benefitsMode = ""
  var benefits: [Benefit] = []
  var withoutForfaits = false
  var hasProvisional = false
  var provisional: [String] = []
  var explanations: [ExplainedFigure] = []

  enum CodingKeys: String, CodingKey {
    case hasFigures = "a_chiffres", waiting = "attente", figures = "chiffres", bindingTerm = "terme_limitant", terms = "termes",
      aids = "aides", hasPlan = "a_plan", plan, planCreditors = "plan_creanciers", variants = "variantes", hasVariants = "a_variantes",
      columns = "colonnes", comparisonRows = "lignes_comparaison", hasHousing = "a_logement", housing = "logement",
      housingCategory = "logement_categorie", hasOffers = "a_offres", offers = "offres", benefitsMode = "prestations_mode",
      benefits = "prestations", withoutForfaits = "sans_forfaits", hasProvisional = "a_provisoires", provisional = "provisoires",
      explanations = "explications"
  }
}
