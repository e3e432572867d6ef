/// An accompaniment measure suggested to the counsellor, with its conditions: a suggestion,
/// not an eligibility decision.
public struct Orientation: Sendable {
  public let name: String
  public let why: String
  public let conditions: [String]
  public let duration: String
}

enum OrientationRules {
  static let actiLogeDepartements: Set<String> = ["10", "54", "55", "88", "52"]

  static func suggest(_ s: Scenario, asd: AidResult) -> [Orientation] {
    var out: [Orientation] = []
    let events = s.knownEvents
    let rentArrears = events.contains(.impayesLoyer) || events.contains(.impayesPret)
    let seeking = s.project != nil || [.heberge, .sansLogement, .foyer].contains(s.housing.status)
    if rentArrears || seeking {
      out.append(
        Orientation(
          name: "ASLL — accompagnement social lié au logement",
          why: rentArrears ? "difficultés de maintien dans le logement (impayés)" : "accès à un logement",
          conditions: ["mesure du FSL du département, sur demande d'un travailleur social", "adhésion du ménage"],
          duration: "6 mois, renouvelable 3 mois puis encore 3 mois"))
    }
    if rentArrears {
      out.append(
        Orientation(
          name: "AVDL — accompagnement vers et dans le logement",
          why: "risque d'expulsion ou de perte du logement",
          conditions: [
            "ménage menacé d'expulsion, reconnu prioritaire DALO ou sortant d'hébergement", "prescription par l'État ou ses partenaires",
          ],
          duration: "selon la prescription"))
    }
    if seeking {
      out.append(
        Orientation(
          name: "Intermédiation locative",
          why: "accès à un logement avec un organisme agréé comme intermédiaire",
          conditions: ["logement loué ou sous-loué par une association agréée", "ressources modestes"],
          duration: "selon le dispositif local"))
    }
    if let dep = s.departement, actiLogeDepartements.contains(dep), asd.status != .nonEligible {
      out.append(
        Orientation(
          name: "Acti'Loge (Aube, Meurthe-et-Moselle, Meuse, Vosges, Haute-Marne)",
          why: "accompagnement renforcé logement et budget des salariés",
          conditions: [
            "sur prescription d'Action Logement uniquement", "employeur cotisant à la PEEC", "au moins une visite à domicile par mois",
          ],
          duration: "4 à 8 mois, renouvelable jusqu'à 24 mois"))
    }
    return out
  }
}
