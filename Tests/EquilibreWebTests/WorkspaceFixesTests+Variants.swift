import EquilibreCases
import EquilibreCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import EquilibreWeb

extension WorkspaceFixesTests {
  @Test(
    "Variantes depuis la page : chaque sorte de changement devient le changement du scénario, une variante se retire",
    arguments: [
      ("salaire-modifie", "900", "", "", "salaire porté à 900,00\u{00A0}€"),
      // 600 € for 24 h a week, to 35 h: 600 × 35 ÷ 24 = 875,00 €.
      ("heures", "", "", "", "salaire porté à 875,00\u{00A0}€"),
      ("perte-emploi", "800", "", "", "salaire supprimé ; ressource ajoutée : allocation chômage 800,00\u{00A0}€"),
      ("offre", "0", "", "T3 Lamballe", "emménagement : T3 Lamballe (PLUS, T3), loyer 450,00\u{00A0}€"),
      ("aide", "840", "Office HLM Exemple", "", "dette « Office HLM Exemple » : restant dû 0,00\u{00A0}€, impayés 0,00\u{00A0}€"),
      ("dette", "40", "Banque Renouvelable", "", "dette « Banque Renouvelable » : mensualité 40,00\u{00A0}€"),
      ("dette-effacee", "0", "Banque du compte courant", "", "dette « Banque du compte courant » soldée"),
    ])
  func variantKinds(kind: String, amount: String, creditor: String, offer: String, shown: String) async throws {
    try await RouteTests.withApp { client in
      let token = try await RouteTests.token(client)
      try await Self.openExample(client, token)
      let form = String(buffer: try await client.execute(uri: "/dossiers/EQ-2026-00001", method: .get).body)
      #expect(form.contains("<option value=\"\(kind)\">") && form.contains("<option value=\"Banque Renouvelable\">"))
      let r = try await client.execute(
        uri: "/dossiers/EQ-2026-00001/variantes", method: .post, headers: RouteTests.headers(token),
        body: RouteTests.form([
          ("_csrf", token), ("nom", "Essai"), ("type", kind), ("montant", amount), ("creancier", creditor), ("offre", offer),
          ("heures_avant", "24"),
          ("heures_apres", "35"),
        ]))
      #expect(r.status == .seeOther, "\(String(buffer: r.body).prefix(600))")
      let page = RouteTests.unescape(String(buffer: try await client.execute(uri: "/dossiers/EQ-2026-00001", method: .get).body))
      #expect(page.contains(shown), "\(kind)")
      // The same name twice is refused; then the variant is removed, the others stay.
      let twice = try await client.execute(
        uri: "/dossiers/EQ-2026-00001/variantes", method: .post, headers: RouteTests.headers(token),
        body: RouteTests.form([("_csrf", token), ("nom", "Essai"), ("type", "loyer"), ("montant", "400")]))
      #expect(twice.status == .unprocessableContent && String(buffer: twice.body).contains("existe déjà"))
      let removed = try await client.execute(
        uri: "/dossiers/EQ-2026-00001/variantes/retirer", method: .post, headers: RouteTests.headers(token),
        body: RouteTests.form([("_csrf", token), ("nom", "Essai")]))
      #expect(removed.status == .seeOther)
      let after = RouteTests.unescape(String(buffer: try await client.execute(uri: "/dossiers/EQ-2026-00001", method: .get).body))
      #expect(!after.contains(shown) && after.contains("CDD à temps plein"))
    }
  }
}

extension WorkspaceFixesTests {
  @Test("La base et les variantes côte à côte : les mêmes cellules que « equilibre simuler », les écarts marqués")
  func sideBySide() async throws {
    try await RouteTests.withApp { client in
      let token = try await RouteTests.token(client)
      try await Self.openExample(client, token)
      let page = String(buffer: try await client.execute(uri: "/dossiers/EQ-2026-00001", method: .get).body)
      #expect(page.contains("<th scope=\"col\">base</th><th scope=\"col\">CDD à temps plein</th>"))
      // « equilibre simuler Scenarios/parent-separe.yaml » : reste à vivre 230,00 € → 815,65 € ▲ +585,65 €.
      let nbsp = "\u{00A0}"
      #expect(
        page.contains(
          "<th scope=\"row\">Reste à vivre</th><td class=\"montant\">230,00\(nbsp)€</td><td class=\"montant ecart\">815,65\(nbsp)€ ▲ +585,65\(nbsp)€</td>"
        ))
      #expect(
        page.contains(
          "<th scope=\"row\">Charges mensuelles</th><td class=\"montant\">970,00\(nbsp)€</td><td class=\"montant\">970,00\(nbsp)€</td>"))
    }
  }
}

extension FilingFormTests {
  @Test("POST /calcul/formulaire : les champs du formulaire tels que tapés donnent les chiffres que l'enregistrement gardera")
  func liveFormFigures() async throws {
    try await RouteTests.withApp { client in
      let token = try await RouteTests.token(client)
      var headers = RouteTests.headers(token)
      headers[.init("X-CSRF")!] = token
      let r = try await client.execute(uri: "/calcul/formulaire", method: .post, headers: headers, body: RouteTests.form(Self.filled))
      let json = try JSONSerialization.jsonObject(with: Data(String(buffer: r.body).utf8)) as! [String: Any]
      let figures = json["chiffres"] as! [String: String]
      // 600 (salary) + 260 (housing aid) − (420 rent + 70 charges + 90 energy + 75 instalment) = 205,00 €.
      #expect(figures["reste_a_vivre"] == "205,00\u{00A0}€", "\(figures)")
      #expect((json["erreurs"] as! [String]).isEmpty)
      // An unreadable amount: the reader's error, no figure.
      let bad = try await client.execute(
        uri: "/calcul/formulaire", method: .post, headers: headers,
        body: RouteTests.form(Self.filled.map { $0.0 == "f:logement.loyer" ? ($0.0, "beaucoup") : $0 }))
      let badJSON = try JSONSerialization.jsonObject(with: Data(String(buffer: bad.body).utf8)) as! [String: Any]
      #expect((badJSON["erreurs"] as! [String]).contains { $0.contains("logement.loyer") })
      // Without the token: refused.
      let refused = try await client.execute(
        uri: "/calcul/formulaire", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
        body: RouteTests.form(Self.filled))
      #expect(refused.status == .forbidden)
    }
  }
}

extension WorkspaceFixesTests {
  @Test("Variante « regroupement » depuis la page : dettes cochées, mensualité, TAEG certifié et verdict de l'usure à côté")
  func consolidationFromThePage() async throws {
    try await RouteTests.withApp { client in
      let token = try await RouteTests.token(client)
      try await Self.openExample(client, token)
      let r = try await client.execute(
        uri: "/dossiers/EQ-2026-00001/variantes", method: .post, headers: RouteTests.headers(token),
        body: RouteTests.form([
          ("_csrf", token), ("nom", "Regroupement"), ("type", "regroupement"), ("montant", "2600"), ("taux", "5"), ("duree", "36"),
          ("frais", "50"),
          ("regrouper", "Banque Renouvelable"), ("regrouper", "Banque du compte courant"),
        ]))
      #expect(r.status == .seeOther, "\(String(buffer: r.body).prefix(500))")
      let page = RouteTests.unescape(String(buffer: try await client.execute(uri: "/dossiers/EQ-2026-00001", method: .get).body))
      #expect(page.contains("Prêt de regroupement : mensualité 77,92\u{00A0}€, TAEG 6,49\u{00A0}%"))
      #expect(page.contains("Le TAEG ne dépasse pas le seuil de l'usure"))
      // 970 − 75 (revolving instalment) + 77,92 = 972,92 € of charges.
      #expect(page.contains("972,92\u{00A0}€ ▲ +2,92\u{00A0}€"))
      let none = try await client.execute(
        uri: "/dossiers/EQ-2026-00001/variantes", method: .post, headers: RouteTests.headers(token),
        body: RouteTests.form([
          ("_csrf", token), ("nom", "Vide"), ("type", "regroupement"), ("montant", "1000"), ("taux", "5"), ("duree", "12"),
        ]))
      #expect(none.status == .unprocessableContent && String(buffer: none.body).contains("cochez au moins une des dettes"))
    }
  }
}

extension FilingFormTests {
  @Test(
    "« Aucun compte », « aucun dépôt », « aucune procédure », « aucun bien » : cochés, ils sont déclarés, et le brouillon ne les demande plus"
  )
  func declaredNone() async throws {
    try await RouteTests.withApp { client in
      let token = try await RouteTests.token(client)
      let lists = ["comptes", "depots_anterieurs", "procedures", "patrimoine"]
      let filled = Self.filled.filter { f in !lists.contains { f.0.hasPrefix("f:\($0)[") } } + lists.map { ("f:\($0)", "aucun") }
      let saved = try await client.execute(
        uri: "/dossiers/nouveau/formulaire", method: .post, headers: RouteTests.headers(token),
        body: RouteTests.form([("_csrf", token), ("faire", "enregistrer")] + filled))
      #expect(saved.status == .seeOther, "\(String(buffer: saved.body).prefix(1500))")
      let text = String(buffer: try await client.execute(uri: "/dossiers/EQ-2026-00001/situation.yaml", method: .get).body)
      let s = try ScenarioFile.parse(text, file: "situation.yaml")
      #expect(s.declaredNone == Set(DeclaredList.allCases))
      // Opened again, the boxes are ticked.
      let form = String(buffer: try await client.execute(uri: "/dossiers/EQ-2026-00001/formulaire", method: .get).body)
      for list in lists { #expect(form.contains("name=\"f:\(list)\" value=\"aucun\" checked"), "\(list)") }
      #expect(!form.contains("Autres éléments du scénario"))
      let draft = String(
        buffer: try await client.execute(
          uri: "/dossiers/EQ-2026-00001/documents", method: .post, headers: RouteTests.headers(token),
          body: RouteTests.form([("_csrf", token), ("type", "surendettement"), ("format", "html")])
        ).body
      ).replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression).split(whereSeparator: \.isWhitespace).joined(
        separator: " ")
      for rubrique in [
        "2.11 Dossier de surendettement déposé auparavant", "4.2 Comptes bancaires et soldes", "Procédures en cours (saisies, expulsion)",
        "Cessions de rémunération consenties", "4.1 Biens",
      ] {
        let r = try #require(draft.range(of: rubrique), "\(rubrique)")
        #expect(!draft[r.upperBound...].prefix(40).hasPrefix(" à compléter"), "\(rubrique) :\(draft[r.upperBound...].prefix(60))")
      }
      // A box left ticked beside a filled row: the row wins.
      let both = try await client.execute(
        uri: "/dossiers/EQ-2026-00001/formulaire", method: .post, headers: RouteTests.headers(token),
        body: RouteTests.form([("_csrf", token), ("version", "1"), ("faire", "enregistrer")] + Self.filled + [("f:comptes", "aucun")]))
      #expect(both.status == .seeOther)
    }
  }
}

extension WorkspaceFixesTests {
  @Test("Variantes « naissance » et « départ d'une personne » depuis la page")
  func householdChanges() async throws {
    try await RouteTests.withApp { client in
      let token = try await RouteTests.token(client)
      try await Self.openExample(client, token)
      let page0 = String(buffer: try await client.execute(uri: "/dossiers/EQ-2026-00001", method: .get).body)
      #expect(page0.contains("<option value=\"Tom\">Tom</option>") && !page0.contains("<option value=\"Sophie\">Sophie</option>"))
      for (kind, extra, shown) in [
        ("naissance", ("prenom_personne", "Jade"), "arrivée au foyer : Jade (enfant, naissance le 1er novembre 2026)"),
        ("depart", ("personne", "Tom"), "départ du foyer : Tom, avec ses ressources"),
      ] {
        let r = try await client.execute(
          uri: "/dossiers/EQ-2026-00001/variantes", method: .post, headers: RouteTests.headers(token),
          body: RouteTests.form([("_csrf", token), ("nom", kind), ("type", kind), extra]))
        #expect(r.status == .seeOther, "\(kind) : \(String(buffer: r.body).prefix(400))")
        let page = RouteTests.unescape(String(buffer: try await client.execute(uri: "/dossiers/EQ-2026-00001", method: .get).body))
        #expect(page.contains(shown), "\(kind)")
      }
      let bad = try await client.execute(
        uri: "/dossiers/EQ-2026-00001/variantes", method: .post, headers: RouteTests.headers(token),
        body: RouteTests.form([("_csrf", token), ("nom", "x"), ("type", "depart"), ("personne", "Sophie")]))
      #expect(bad.status == .unprocessableContent && String(buffer: bad.body).contains("Personne qui part"))
    }
  }
}

extension WorkspaceFixesTests {
  static func post(
    _ client: any TestClientProtocol, _ uri: String, _ token: String, _ fields: [(String, String)]
  ) async throws -> TestResponse {
    try await client.execute(
      uri: uri, method: .post, headers: RouteTests.headers(token), body: RouteTests.form([("_csrf", token)] + fields))
  }

  /// The number of the latest situation, from the YAML download's file name.
  static func latestSituation(_ client: any TestClientProtocol) async throws -> String {
    let r = try await client.execute(uri: "/dossiers/EQ-2026-00001/situation.yaml", method: .get)
    return r.headers[.contentDisposition] ?? ""
  }

  @Test(
    "Les variantes appartiennent à la situation : ajoutées, renommées, déplacées, retirées sans nouvelle version de la situation ; reprises à la version suivante"
  )
  func variantsBesideTheSituation() async throws {
    try await RouteTests.withApp { client, store in
      let token = try await RouteTests.token(client)
      try await Self.openExample(client, token)
      let path = "/dossiers/EQ-2026-00001"
      #expect(try await Self.latestSituation(client).contains("situation-1.yaml"))
      let added = try await Self.post(client, path + "/variantes", token, [("nom", "Loyer baissé"), ("type", "loyer"), ("montant", "380")])
      #expect(added.status == .seeOther)
      var page = RouteTests.unescape(String(buffer: try await client.execute(uri: path, method: .get).body))
      #expect(page.contains("<th scope=\"col\">CDD à temps plein</th><th scope=\"col\">Loyer baissé</th>"))
      // Still situation n° 1: a variant is not a new version of the household's situation.
      #expect(try await Self.latestSituation(client).contains("situation-1.yaml"))
      // Rename, then move up: the order of the columns follows.
      #expect(
        try await Self.post(
          client, path + "/variantes/gerer", token, [("nom", "Loyer baissé"), ("nouveau_nom", "Loyer à 380 €"), ("faire", "renommer")]
        ).status == .seeOther)
      #expect(
        try await Self.post(client, path + "/variantes/gerer", token, [("nom", "Loyer à 380 €"), ("faire", "monter")]).status == .seeOther)
      page = RouteTests.unescape(String(buffer: try await client.execute(uri: path, method: .get).body))
      #expect(page.contains("<th scope=\"col\">Loyer à 380 €</th><th scope=\"col\">CDD à temps plein</th>"))
      #expect(page.contains("Renommer") && page.contains("Descendre"))
      // A rename onto another variant's name is refused, in French, nothing changed.
      let clash = try await Self.post(
        client, path + "/variantes/gerer", token, [("nom", "Loyer à 380 €"), ("nouveau_nom", "CDD à temps plein"), ("faire", "renommer")])
      #expect(clash.status == .unprocessableContent && String(buffer: clash.body).contains("existe déjà"))
      // Removing the example's own variant: the others stay.
      #expect(
        try await Self.post(client, path + "/variantes/gerer", token, [("nom", "CDD à temps plein"), ("faire", "retirer")]).status
          == .seeOther)
      page = RouteTests.unescape(String(buffer: try await client.execute(uri: path, method: .get).body))
      #expect(!page.contains("<th scope=\"col\">CDD à temps plein</th>") && page.contains("<th scope=\"col\">Loyer à 380 €</th>"))
      #expect(try await Self.latestSituation(client).contains("situation-1.yaml"))
      // The YAML download carries the variants kept beside the situation (the interchange file).
      let yaml = String(buffer: try await client.execute(uri: path + "/situation.yaml", method: .get).body)
      let s = try ScenarioFile.parse(yaml, file: "situation.yaml")
      #expect(s.variants.map(\.name) == ["Loyer à 380 €"])
      #expect(yaml.contains("# « Et si elle passait à temps plein ? »"))
      // A new situation from the form carries the variants.
      let formPage = String(buffer: try await client.execute(uri: path + "/formulaire", method: .get).body)
      #expect(!formPage.contains("variantes["))
      let fields = RouteTests.fields(formPage).map { $0.0 == "f:logement.loyer" ? ($0.0, "430") : $0 }
      let version = String(formPage.split(separator: "name=\"version\" value=\"")[1].prefix { $0 != "\"" })
      let saved = try await Self.post(client, path + "/formulaire", token, [("version", version), ("faire", "enregistrer")] + fields)
      #expect(saved.status == .seeOther, "\(String(buffer: saved.body).prefix(400))")
      #expect(try await Self.latestSituation(client).contains("situation-2.yaml"))
      page = RouteTests.unescape(String(buffer: try await client.execute(uri: path, method: .get).body))
      #expect(page.contains("<th scope=\"col\">Loyer à 380 €</th>"))
      // The audit says what happened to the variants.
      let audit = try await store.auditLog(CaseRef("EQ-2026-00001")!).map(\.detail)
      #expect(audit.contains("situation n° 1 : variante « Loyer baissé » renommée « Loyer à 380 € »"), "\(audit)")
      #expect(
        audit.contains {
          $0.hasPrefix("situation n° 2 du 1 novembre 2026, 2 variantes") || $0.hasPrefix("situation n° 2") && $0.contains("1 variante")
        }, "\(audit)")
    }
  }

  @Test("Une variante qui ne s'applique plus (dette soldée dans la nouvelle situation) est signalée, jamais une erreur de page")
  func staleVariant() async throws {
    try await RouteTests.withApp { client, store in
      let token = try await RouteTests.token(client)
      try await Self.openExample(client, token)
      let path = "/dossiers/EQ-2026-00001"
      #expect(
        try await Self.post(
          client, path + "/variantes", token,
          [("nom", "Crédit rééchelonné"), ("type", "dette"), ("montant", "40"), ("creancier", "Banque Renouvelable")]
        ).status == .seeOther)
      // The next situation from the form, without the revolving credit.
      let formPage = String(buffer: try await client.execute(uri: path + "/formulaire", method: .get).body)
      let all = RouteTests.fields(formPage)
      let row = all.first { $0.0.hasPrefix("f:dettes[") && $0.1 == "Banque Renouvelable" }!.0
      let prefix = String(row.prefix { $0 != "]" }) + "]"
      let fields = all.filter { !$0.0.hasPrefix(prefix + ".") }
      let version = String(formPage.split(separator: "name=\"version\" value=\"")[1].prefix { $0 != "\"" })
      let saved = try await Self.post(client, path + "/formulaire", token, [("version", version), ("faire", "enregistrer")] + fields)
      #expect(saved.status == .seeOther, "\(String(buffer: saved.body).prefix(400))")
      let page = RouteTests.unescape(String(buffer: try await client.execute(uri: path, method: .get).body))
      #expect(page.contains("<th scope=\"col\">CDD à temps plein</th>") && !page.contains("<th scope=\"col\">Crédit rééchelonné</th>"))
      let record = try await store.load(CaseRef("EQ-2026-00001")!, by: "test")
      #expect(record.latest?.note?.contains("non reprise(s) : variante « Crédit rééchelonné »") == true, "\(record.latest?.note ?? "")")
    }
  }
}

extension WorkspaceFixesTests {
  /// A value for every field of every section, as the form shows it back once saved.
  static let everyField: [(String, String)] = [
    ("f:description", "Ménage d'essai"), ("f:date", "2026-11-20"), ("f:departement", "22"), ("f:situation_familiale", "marie"),
    ("f:regime_matrimonial", "communaute-legale"), ("f:adresse", "4 rue des Lilas"), ("f:telephone", "06 11 22 33 44"),
    ("f:courriel", "a@example.org"),
    ("f:menage[1].prenom", "Sophie"), ("f:menage[1].nom", "Kerleau"), ("f:menage[1].nom_naissance", "Le Goff"),
    ("f:menage[1].role", "demandeur"),
    ("f:menage[1].naissance", "1990-09-03"), ("f:menage[1].lieu_naissance", "Lannion"), ("f:menage[1].nationalite", "française"),
    ("f:menage[1].activite.statut", "salarie"), ("f:menage[1].activite.contrat", "cdd"), ("f:menage[1].activite.debut", "2026-05-01"),
    ("f:menage[1].activite.fin", "2027-04-30"), ("f:menage[1].activite.employeur", "Crêperie du Port"),
    ("f:menage[1].activite.employeur_adresse", "1 quai Armez"), ("f:menage[1].activite.effectif_employeur", "12"),
    ("f:menage[1].activite.secteur", "prive"),
    ("f:menage[2].prenom", "Yann"), ("f:menage[2].role", "conjoint"), ("f:menage[2].naissance", "1988-01-02"),
    ("f:logement.statut", "proprietaire-accedant"), ("f:logement.commune", "22278"), ("f:logement.loyer", "0.00"),
    ("f:logement.charges", "70.00"),
    ("f:logement.aide_logement", "0.00"), ("f:logement.bailleur.nom", "Banque Habitat"), ("f:logement.bailleur.adresse", "2 rue du Parc"),
    ("f:logement.pret_immobilier.mensualite", "610.00"), ("f:logement.pret_immobilier.capital_restant_du", "98000.00"),
    ("f:ressources[1].type", "salaire"), ("f:ressources[1].montant", "1600.00"), ("f:ressources[1].periodicite", "mensuelle"),
    ("f:ressources[1].personne", "Sophie"), ("f:ressources[1].libelle", "salaire net"),
    ("f:charges[1].type", "energie"), ("f:charges[1].montant", "300.00"), ("f:charges[1].periodicite", "trimestrielle"),
    ("f:charges[1].libelle", "gaz"),
    ("f:patrimoine[1].type", "vehicule"), ("f:patrimoine[1].valeur", "1500.00"), ("f:patrimoine[1].libelle", "Clio 2012"),
    ("f:dettes[1].creancier", "Banque Renouvelable"), ("f:dettes[1].adresse", "BP 12"), ("f:dettes[1].reference", "RC-1"),
    ("f:dettes[1].nature", "credit-renouvelable"), ("f:dettes[1].restant_du", "1900.00"), ("f:dettes[1].impayes", "150.00"),
    ("f:dettes[1].mensualite", "75.00"), ("f:dettes[1].taux", "21.2"), ("f:dettes[1].fin", "2028-06-30"),
    ("f:dettes[1].caution", "garantie-par-caution"),
    ("f:dettes[1].caution_nom", "Jean Kerleau"),
    ("f:comptes[1].banque", "Banque du compte courant"), ("f:comptes[1].type", "courant"), ("f:comptes[1].solde", "-120.00"),
    ("f:comptes[1].date", "2026-11-15"),
    ("f:situation.evenements[1].type", "maladie"), ("f:situation.evenements[1].date", "2026-02-01"),
    ("f:situation.evenements[1].precision", "arrêt de six mois"), ("f:situation.ressources_avant", "2400.00"),
    ("f:situation.hausse_charges", "oui"),
    ("f:situation.recit", "J'ai été malade six mois.\nDepuis, je rattrape le loyer « comme je peut »."),
    ("f:procedures[1].type", "saisie-salaire"), ("f:procedures[1].creancier", "Banque Renouvelable"),
    ("f:procedures[1].date", "2026-10-02"),
    ("f:procedures[1].description", "saisie des rémunérations"),
    ("f:depots_anterieurs[1].date", "2019-05-06"), ("f:depots_anterieurs[1].issue", "plan mené à son terme"),
    ("f:suivi_social.structure", "CCAS"), ("f:suivi_social.referent", "M. Le Bihan"), ("f:suivi_social.telephone", "02 96 00 00 00"),
    ("f:suivi_social.courriel", "ccas@example.org"), ("f:notes", "Premier entretien."),
  ]

  @Test("Chaque champ du formulaire, de chaque rubrique, passe par le YAML et revient tel quel")
  func everyFieldRoundTrips() async throws {
    // The table covers every field the sections name (a new field must be added here).
    let named = Set(
      Self.everyField.map { name in
        String(name.0.dropFirst(2)).replacingOccurrences(of: #"\[\d+\]"#, with: "", options: .regularExpression)
      })
    for s in HouseholdForm.sections {
      for f in s.fields {
        let path = s.key.isEmpty ? f : "\(s.key).\(f)"
        #expect(named.contains(path), "champ du formulaire sans valeur d'essai : \(path)")
      }
    }
    try await RouteTests.withApp { client in
      let token = try await RouteTests.token(client)
      let saved = try await Self.post(client, "/dossiers/nouveau/formulaire", token, [("faire", "enregistrer")] + Self.everyField)
      #expect(
        saved.status == .seeOther,
        "\(RouteTests.unescape(String(buffer: saved.body)).components(separatedBy: "erreur-champ").dropFirst().prefix(3))")
      let back = RouteTests.fields(String(buffer: try await client.execute(uri: "/dossiers/EQ-2026-00001/formulaire", method: .get).body))
      for (name, value) in Self.everyField {
        let shown = back.first { $0.0 == name }?.1
        #expect(shown == value, "\(name) : « \(value) » envoyé, « \(shown ?? "absent") » relu")
      }
      #expect(
        !back.contains { $0.0.hasPrefix("f:") && !Self.everyField.map(\.0).contains($0.0) && !$0.1.isEmpty && $0.0 != "f:patrimoine" })
    }
  }
}

extension WorkspaceFixesTests {
  @Test("Chaque champ du formulaire a sa ligne d'aide : quoi demander au ménage, quel justificatif")
  func everyFieldHasHelp() {
    for s in HouseholdForm.sections {
      for f in s.fields {
        let key = s.key.isEmpty ? f : "\(s.key).\(f)"
        let line = HouseholdForm.help[key] ?? ""
        #expect(!line.isEmpty && line.count <= 200 && !line.contains("\n"), "aide absente ou trop longue : \(key)")
      }
    }
  }
}
