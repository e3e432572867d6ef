import EquilibreCases
import EquilibreCore

/// The case page (`dossier.mustache`): the case, its follow-up, the lists of its forms and its
/// variants; the figures column comes from ``FiguresPanel/Fragments``.
struct CasePage: Codable {
  /// A variant of the latest situation, with what its buttons may do.
  struct VariantEntry: Codable {
    var name: String
    var rank: Int
    var first, last: Bool
    enum CodingKeys: String, CodingKey { case name = "nom", rank = "rang", first = "premier", last = "dernier" }
  }

  /// A measure as the page lists it, with what may still be done to it.
  struct MeasureEntry: Codable {
    var id, summary: String
    var isOpen: Bool
    var isSuspended: Bool
    var renewalMonths: String
    var agreedBy: String
    enum CodingKeys: String, CodingKey {
      case id, summary = "resume", isOpen = "ouverte", isSuspended = "suspendue", renewalMonths = "duree_renouvellement", agreedBy =
        "accord"
    }
  }

  /// An aid request, with its decision form while pending and its variant button once granted.
  struct AidEntry: Codable {
    var id, text: String
    var pending, granted, isLoan: Bool
    enum CodingKeys: String, CodingKey { case id, text = "texte", pending = "en_attente", granted = "accordee", isLoan = "pret" }
  }

  /// A line of the filing's checklist: received (with links to the pieces) or missing.
  struct ChecklistEntry: Codable {
    struct Piece: Codable {
      var id, text: String
      enum CodingKeys: String, CodingKey { case id, text = "texte" }
    }
    var piece, why: String
    var received: Bool
    var pieces: [Piece]
    enum CodingKeys: String, CodingKey { case piece, why = "motif", received = "recue", pieces }
  }

  /// An action towards an objective, with its status to change.
  struct ActionEntry: Codable {
    var id, text: String
    var statuses: [TemplateOption]
    enum CodingKeys: String, CodingKey { case id, text = "texte", statuses = "statuts" }
  }
  /// An objective, its review form and its actions.
  struct ObjectiveEntry: Codable {
    var id, text, status, due, dueFrench, assessment: String
    var statuses: [TemplateOption]
    var actions: [ActionEntry]
    enum CodingKeys: String, CodingKey {
      case id, text = "texte", status = "statut", due = "echeance", dueFrench = "echeance_fr", assessment = "bilan", statuses = "statuts",
        actions
    }
  }

  /// A contact; its private note only for its author.
  struct ContactEntry: Codable {
    var text, privateNote: String
    enum CodingKeys: String, CodingKey { case text = "texte", privateNote = "note_privee" }
  }

  /// An appointment, and whether it can be marked held (its day has come).
  struct AppointmentEntry: Codable {
    var id, text: String
    var held, mayHold: Bool
    enum CodingKeys: String, CodingKey { case id, text = "texte", held = "tenu", mayHold = "a_tenir" }
  }

  var isNew: Bool
  var scenario: String
  var hasErrors: Bool
  var errors: [String]
  var action, version, today: String
  // Shared mode: who follows the case, with whom it is shared.
  var shared = false
  var followedBy = ""
  var sharedStructure = ""
  var sharedWith: [String] = []
  var hasSharedWith = false
  var mayShare = false
  // The case and its follow-up.
  var ref = ""
  var label = ""
  var status = ""
  var counsellor = ""
  var structure = ""
  var alerts: [String] = []
  var hasAlerts = false
  var hasEvolution = false
  var evolutionSVG = ""
  var measures: [MeasureEntry] = []
  var measureKinds = ""
  var closingReasons = ""
  var isOpenCase = false
  var isSuspended = false
  var isClosed = false
  var objectives: [ObjectiveEntry] = []
  var actionOwners = ""
  var contacts: [ContactEntry] = []
  var appointments: [AppointmentEntry] = []
  var hasPendingAppointments = false
  var mayReadAudit = false
  var themes = ""
  var channels = ""
  var documentKinds = ""
  // The variant form and the variants.
  var variantKinds = ""
  var creditors: [String] = []
  var hasCreditors = false
  var offerNames: [String] = []
  var hasOfferNames = false
  var leavers: [String] = []
  var hasLeavers = false
  var variants: [VariantEntry] = []
  var hasVariants = false
  var staleVariants: [String] = []
  var hasStaleVariants = false
  var hasDocuments = false
  var documents: [String] = []
  // Aid requests, pieces brought by the household, erasure.
  var aids: [AidEntry] = []
  var aidOrganisations = ""
  var aidKinds = ""
  var aidDecisions = ""
  var checklist: [ChecklistEntry] = []
  var hasChecklist = false
  var missingPieces = ""
  var otherPieces: [ChecklistEntry.Piece] = []
  var hasOtherPieces = false
  var mayErase = false
  var purged = false

  /// The `<option>`s of the page's fixed lists, rendered once per server: they change only with
  /// the follow-up policy (a measure's usual duration shows in its label).
  struct FixedLists: Sendable {
    var measureKinds, closingReasons, actionOwners, themes, channels, documentKinds, variantKinds, aidOrganisations, aidKinds,
      aidDecisions: String

    init(policy: MeasurePolicy) {
      func list<T: RawRepresentable<String>>(_ cases: [T], _ label: (T) -> String) -> String {
        TemplateOption.rendered(cases.map { .init(value: $0.rawValue, label: label($0)) })
      }
      let capitalized = HouseholdForm.capitalized
      measureKinds = list(MeasureType.allCases) { capitalized($0.french) + (policy.initialMonths($0).map { " — \($0) mois" } ?? "") }
      closingReasons = list(ClosingReason.allCases) { capitalized($0.french) }
      actionOwners = list(ActionOwner.allCases) { capitalized($0.french) }
      themes = list(ObjectiveTheme.allCases) { $0.french }
      channels = list(ContactChannel.allCases) { $0.french }
      documentKinds = list(DocumentsController.Kind.allCases) { $0.french }
      variantKinds = TemplateOption.rendered(CasesController.variantKinds.map { .init(value: $0.value, label: $0.label) })
      aidOrganisations = list(AidOrganisation.allCases) { capitalized($0.french) }
      aidKinds = list(AidKind.allCases) { capitalized($0.french) }
      aidDecisions = list(AidDecision.allCases) { capitalized($0.french) }
    }
  }

  /// Takes the fixed lists rendered once.
  mutating func setLists(_ l: FixedLists) {
    (measureKinds, closingReasons, actionOwners, themes, channels) = (
      l.measureKinds, l.closingReasons, l.actionOwners, l.themes, l.channels
    )
    (documentKinds, variantKinds, aidOrganisations, aidKinds, aidDecisions) = (
      l.documentKinds, l.variantKinds, l.aidOrganisations, l.aidKinds, l.aidDecisions
    )
  }

  enum CodingKeys: String, CodingKey {
    case isNew = "nouveau", scenario, hasErrors = "a_erreurs", errors = "erreurs", action, version, today = "aujourdhui",
      shared = "partage", followedBy = "suivi_par", sharedStructure = "structure_partage", sharedWith = "partages",
      hasSharedWith = "a_partages", mayShare = "peut_partager", ref, label = "libelle", status = "statut", counsellor = "conseiller",
      structure, alerts = "alertes", hasAlerts = "a_alertes", hasEvolution = "a_evolution", evolutionSVG = "evolution_svg",
      measures = "mesures", measureKinds = "types_mesures", closingReasons = "motifs_cloture", isOpenCase = "dossier_ouvert",
      isSuspended = "dossier_suspendu", isClosed = "dossier_clos", objectives = "objectifs", actionOwners = "qui_agit", contacts,
      appointments = "rendez_vous", hasPendingAppointments = "a_rendez_vous_a_venir", mayReadAudit = "journal_lisible", themes, channels =
      "canaux", documentKinds = "types_documents",
      variantKinds = "types_variantes", creditors = "creanciers", hasCreditors = "a_creanciers", offerNames = "offres_noms",
      hasOfferNames = "a_offres_noms", leavers = "personnes", hasLeavers = "a_personnes", variants = "variantes_gerer",
      hasVariants = "a_variantes_noms", staleVariants = "variantes_refusees", hasStaleVariants = "a_variantes_refusees",
      hasDocuments = "a_documents", documents, aids = "aides", aidOrganisations = "organismes", aidKinds = "natures_aides",
      aidDecisions = "decisions", checklist = "liste_pieces", hasChecklist = "a_liste_pieces", missingPieces = "pieces_manquantes",
      otherPieces = "autres_pieces", hasOtherPieces = "a_autres_pieces", mayErase = "peut_effacer", purged = "purge"
  }
}
