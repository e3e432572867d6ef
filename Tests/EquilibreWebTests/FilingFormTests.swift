import EquilibreCases
import EquilibreCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import EquilibreWeb

/// Issue 28: the household form holds the filing. Each field typed in the form reaches the
/// scenario the store keeps, and the filing draft no longer asks for it.
@Suite("Formulaire du ménage : les rubriques de la déclaration de surendettement")
struct FilingFormTests {
  /// One value per field of the filing, as the form names them.
  static let filled: [(String, String)] = [
    ("f:date", "2026-11-20"), ("f:departement", "22"), ("f:situation_familiale", "separe"),
    ("f:adresse", "4 rue des Lilas, 22000 Saint-Brieuc"),
    ("f:telephone", "06 11 22 33 44"), ("f:courriel", "s.k@example.org"),
    ("f:menage[1].prenom", "Sophie"), ("f:menage[1].nom", "Kerleau"), ("f:menage[1].nom_naissance", "Le Goff"),
    ("f:menage[1].role", "demandeur"),
    ("f:menage[1].naissance", "1990-09-03"), ("f:menage[1].lieu_naissance", "Lannion"), ("f:menage[1].nationalite", "française"),
    ("f:menage[1].activite.statut", "salarie"), ("f:menage[1].activite.contrat", "cdd"), ("f:menage[1].activite.debut", "2026-05-01"),
    ("f:menage[1].activite.employeur", "Crêperie du Port"), ("f:menage[1].activite.employeur_adresse", "1 quai Armez, 22000 Saint-Brieuc"),
    ("f:logement.statut", "locataire-social"), ("f:logement.commune", "22278"), ("f:logement.loyer", "420"), ("f:logement.charges", "70"),
    ("f:logement.aide_logement", "260"), ("f:logement.bailleur.nom", "Office HLM Exemple"),
    ("f:logement.bailleur.adresse", "2 rue du Parc, 22000 Saint-Brieuc"),
    ("f:ressources[1].type", "salaire"), ("f:ressources[1].montant", "600"), ("f:ressources[1].personne", "Sophie"),
    ("f:charges[1].type", "energie"), ("f:charges[1].montant", "90"),
    ("f:dettes[1].creancier", "Banque Renouvelable"), ("f:dettes[1].adresse", "BP 12, 75000 Paris"), ("f:dettes[1].reference", "RC-778899"),
    ("f:dettes[1].nature", "credit-renouvelable"), ("f:dettes[1].restant_du", "1900"), ("f:dettes[1].mensualite", "75"),
    ("f:dettes[1].caution", "aucune"),
    ("f:comptes[1].banque", "Banque du compte courant"), ("f:comptes[1].type", "courant"), ("f:comptes[1].solde", "-120"),
    ("f:comptes[1].date", "2026-11-15"),
    ("f:situation.evenements[1].type", "separation"), ("f:situation.evenements[1].date", "2026-03-15"),
    ("f:situation.evenements[1].precision", "départ du conjoint"), ("f:situation.evenements[2].type", "perte-emploi"),
    ("f:situation.ressources_avant", "1500"), ("f:situation.hausse_charges", "oui"),
    ("f:situation.recit", "Après le départ de mon conjoint, je n'ai plus pu payer le crédit.\nJe veux m'en sortir et garder le logement."),
    ("f:depots_anterieurs[1].date", "2019-05-06"), ("f:depots_anterieurs[1].issue", "plan mené à son terme"),
    ("f:procedures[1].type", "saisie-compte"), ("f:procedures[1].creancier", "Banque Renouvelable"), ("f:procedures[1].date", "2026-10-02"),
    ("f:suivi_social.structure", "CCAS de Saint-Brieuc"), ("f:suivi_social.referent", "M. Le Bihan"),
  ]

  @Test("Chaque rubrique tapée dans le formulaire arrive dans le scénario, et le brouillon ne la demande plus")
  func everyFilingField() async throws {
    try await RouteTests.withApp { client in
      let token = try await RouteTests.token(client)
      // Sent back by « Recalculer »: every field is on the page again, with its value.
      let page = String(
        buffer: try await client.execute(
          uri: "/dossiers/nouveau/formulaire", method: .post, headers: RouteTests.headers(token),
          body: RouteTests.form([("_csrf", token), ("faire", "calculer")] + Self.filled)
        ).body)
      let shown = RouteTests.fields(page)
      for (name, value) in Self.filled {
        #expect(shown.contains { $0.0 == name && $0.1 == value }, "\(name) = \(value) absent du formulaire")
      }
      #expect(!page.contains("Autres éléments du scénario"))
      // Sections in the order of the declaration, labels in French, never a code.
      let order = [
        "1. Identité", "2. Logement", "3. Ressources", "4. Charges", "5. Patrimoine", "6. Dettes", "7. Comptes bancaires",
        "8. Causes et événements", "9. Procédures", "10. Dépôts de surendettement", "11. Service social",
      ]
      let positions = order.map { page.range(of: "<legend>\($0)")?.lowerBound }
      #expect(positions.allSatisfy { $0 != nil }, "\(zip(order, positions.map { $0 == nil }).filter(\.1).map(\.0))")
      #expect(zip(positions, positions.dropFirst()).allSatisfy { a, b in a.flatMap { a in b.map { a < $0 } } ?? false })
      #expect(
        RouteTests.unescape(page).contains(
          "<option value=\"locataire-social\" selected>\(HouseholdForm.capitalized(HousingStatus.locataireSocial.french))</option>"))
      #expect(!page.contains(">locataire-social</option>") && !page.contains(">cdi</option>") && page.contains(">CDD</option>"))
      let saved = try await client.execute(
        uri: "/dossiers/nouveau/formulaire", method: .post, headers: RouteTests.headers(token),
        body: RouteTests.form([("_csrf", token), ("faire", "enregistrer")] + Self.filled))
      #expect(saved.status == .seeOther, "\(String(buffer: saved.body).prefix(2000))")
      let text = String(buffer: try await client.execute(uri: "/dossiers/EQ-2026-00001/situation.yaml", method: .get).body)
      let s = try ScenarioFile.parse(text, file: "situation.yaml")
      #expect(s.socialService?.organisation == "CCAS de Saint-Brieuc" && s.socialService?.referent == "M. Le Bihan")
      #expect(s.bankAccounts.count == 1 && s.previousFilings.first?.outcome == "plan mené à son terme" && s.procedures.count == 1)
      #expect(s.members[0].activity?.employerName == "Crêperie du Port" && s.housing.landlord?.name == "Office HLM Exemple")
      #expect(s.debts[0].reference == "RC-778899" && s.members[0].familyName == "Kerleau")
      #expect(
        s.situation.timeline == [
          DatedEvent(.separation, date: CivilDate(year: 2026, month: 3, day: 15), detail: "départ du conjoint"), DatedEvent(.perteEmploi),
        ])
      #expect(s.situation.resourcesBefore == Money(euros: 1500) && s.situation.chargesRose == true)
      #expect(
        s.situation.householdAccount
          == "Après le départ de mon conjoint, je n'ai plus pu payer le crédit.\nJe veux m'en sortir et garder le logement.")
      // The filing draft: none of these is left « à compléter ».
      let draftHTML = String(
        buffer: try await client.execute(
          uri: "/dossiers/EQ-2026-00001/documents", method: .post, headers: RouteTests.headers(token),
          body: RouteTests.form([("_csrf", token), ("type", "surendettement"), ("format", "html")])
        ).body)
      // The draft's text, tags removed: « 1.1 Nom Kerleau ».
      let draft = draftHTML.replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
        .split(whereSeparator: \.isWhitespace).joined(separator: " ")
      for rubrique in [
        "1.1 Nom", "1.5 Lieu de naissance", "1.7 Adresse", "2.4 Employeur", "2.10 Bailleur : adresse", "2.12 Service social",
      ] {
        guard let r = draft.range(of: rubrique) else {
          Issue.record("rubrique « \(rubrique) » absente du brouillon")
          continue
        }
        let after = draft[r.upperBound...].prefix(60)
        #expect(!after.hasPrefix(" à compléter"), "\(rubrique) :\(after)")
      }
      #expect(draft.contains("Crêperie du Port") && draft.contains("CCAS de Saint-Brieuc") && draft.contains("RC-778899"))
      // The causes, dated, in the letter to the commission.
      #expect(
        RouteTests.unescape(draft).contains(
          "Mes difficultés s'expliquent ainsi : ma séparation, en mars 2026, a réduit mes ressources et alourdi mes charges ; la perte de mon emploi a fait baisser mes ressources"
        ), "\(RouteTests.unescape(draft).components(separatedBy: "difficultés s").dropFirst().first?.prefix(400) ?? "pas de lettre")")
      // The household's own words follow, one paragraph per line, as typed.
      let letter = RouteTests.unescape(draftHTML)
      #expect(
        letter.contains(">Après le départ de mon conjoint, je n'ai plus pu payer le crédit.</p>")
          && letter.contains(">Je veux m'en sortir et garder le logement.</p>"),
        "\(letter.components(separatedBy: "s'expliquent").dropFirst().first?.prefix(600) ?? "")")
    }
  }
}
