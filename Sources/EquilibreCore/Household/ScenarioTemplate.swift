/// The commented scenario written by `equilibre nouveau`; it parses as a valid scenario.
public enum ScenarioTemplate {
  public static var text: String { String(decoding: PackageResources.nouveau_scenario_yaml, as: UTF8.self) }

  /// An empty situation dated `date`: the applicant to describe and nothing else, no fictional
  /// household (the workspace's new case). It reads once the applicant's birth date and the
  /// housing are given; the examples stay in the workshop.
  public static func blank(on date: CivilDate) -> String {
    """
    # Nouveau dossier : décrivez la situation du ménage. Un modèle commenté de chaque rubrique :
    # « equilibre nouveau modele.yaml », ou un exemple de l'atelier.
    date: \(date)
    departement: ""
    menage:
      - prenom: ""
        role: demandeur
        naissance: ""
    logement:
      statut: ""
      loyer: ""
    ressources: []
    charges: []
    dettes: []

    """
  }
}
