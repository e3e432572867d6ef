import EquilibreCore

/// Renders a schedule, its TAEG and the usury check as French text, CSV or JSON.
struct LoanReport {
  let schedule: Schedule
  let apr: APRResult
  let usury: UsuryCheck?
  /// Why no threshold is known, when none is.
  var usuryGap: String? = nil
  let category: UsuryCategory
  let showProportional: Bool

  var terms: LoanTerms { schedule.terms }
  var summary: ScheduleSummary { schedule.summary }

  var title: String {
    let t = terms
    var s = "Prêt de \(t.capital.french) à \(t.annualRate.frenchPercent()) sur \(t.periods) \(t.periodicity.frenchPeriod)"
    s += " — \(t.kind.french)"
    if let d = t.deferral { s += ", différé \(d.kind.rawValue) de \(d.periods) \(t.periodicity.frenchPeriod)" }
    return s
  }

  func text(explain: Bool) -> String {
    var out = "Échéancier\n" + title + "\n\n"
    let header = ["N°", "Échéance", "Intérêts", "Assurance", "Capital", "Capital restant"]
    let rows = schedule.rows.map { r in
      [String(r.number), r.payment.french, r.interest.french, r.insurance.french, r.principal.french, r.balance.french]
    }
    out += Table.render(header: header, rows: rows)
    out += "\nSynthèse\n" + Table.keyValues(summaryPairs() + aprPairs()) + usuryText()
    if explain {
      out += "\nExplications\n"
      for line in schedule.explanation() + apr.explanation(periodic: true) + usuryExplanation() {
        out += "- " + line + "\n"
      }
    }
    return out
  }

  func summaryPairs() -> [(String, String)] {
    let s = summary
    let per = terms.periodicity == .monthly ? "Mensualité" : "Échéance"
    var pairs: [(String, String)] = [
      ("\(per) hors assurance", s.instalment.french),
      ("\(per) avec assurance", s.instalmentWithInsurance.french),
      (
        "Nombre d'échéances",
        String(s.numberOfInstalments)
          + (s.endsEarly ? " (prêt soldé avant la durée prévue de \(s.plannedInstalments) : voir les explications)" : "")
      ),
      ("Total des intérêts", s.totalInterest.french),
      ("Total de l'assurance", s.totalInsurance.french),
      ("Frais de dossier", s.fees.french),
      ("Coût total du crédit", s.totalCostOfCredit.french),
      ("Montant total dû", s.totalPaid.french),
    ]
    if terms.kind == .constantPrincipal { pairs[0].0 = "Première \(per.lowercased()) hors assurance" }
    if terms.kind == .constantPrincipal { pairs[1].0 = "Première \(per.lowercased()) avec assurance" }
    return pairs
  }

  func aprPairs() -> [(String, String)] {
    var pairs = [
      (
        "TAEG",
        "\(apr.roundedPercent.frenchExact(minPlaces: apr.places))\u{00A0}%  (encadrement exact, écart ≤ 10^−\(apr.errorExponent) point)"
      )
    ]
    if showProportional, let p = apr.proportionalPercent {
      pairs.append(("TEG proportionnel (R314-2)", "\(p.frenchExact(minPlaces: apr.places))\u{00A0}%"))
    }
    if let u = usury {
      pairs.append(
        (
          u.isProvisional ? "Seuil de l'usure (provisoire)" : "Seuil de l'usure",
          "\(u.threshold.rate.frenchPercent(minPlaces: 2)) (\(category.french), \(u.isProvisional ? "dernier seuil connu, " : "")en vigueur au \(u.threshold.from.french))"
        ))
    }
    return pairs
  }

  func usuryText() -> String {
    guard let u = usury else {
      return "  ATTENTION : seuil de l'usure inconnu pour « \(category.french) » à cette date : contrôle impossible.\n"
        + (usuryGap.map { "  \($0)\n" } ?? "")
    }
    var out = "  " + u.verdictFrench + "\n"
    if u.threshold.unsure { out += "  À vérifier : valeur de source secondaire unique.\n" }
    return out
  }

  func usuryExplanation() -> [String] {
    guard let u = usury else { return [] }
    return [
      "Seuil de l'usure (article L314-6 du Code de la consommation) : \(u.threshold.rate.frenchPercent(minPlaces: 2)) pour « \(category.french) », en vigueur à partir du \(u.threshold.from.french)\(u.isProvisional ? " (dernier seuil connu, contrôle provisoire)" : "") ; source : \(u.threshold.source)."
    ]
  }

  func aprText(explain: Bool) -> String {
    var out = "TAEG\n" + title + "\n\n" + Table.keyValues(aprPairs()) + usuryText()
    if explain {
      out += "\nExplications\n"
      for line in apr.explanation(periodic: true) + usuryExplanation() { out += "- " + line + "\n" }
    }
    return out
  }

  func csv(dialect: CSV.Dialect = .standard) -> String {
    var csv = CSV(dialect)
    csv.header(["numero", "echeance", "interets", "assurance", "capital", "capital_restant"])
    for r in schedule.rows {
      csv.row(
        [String(r.number), r.payment.plain, r.interest.plain, r.insurance.plain, r.principal.plain, r.balance.plain].map(CSV.Cell.number))
    }
    return csv.text
  }

  func json(includeRows: Bool = true) -> String {
    let s = summary
    var pairs: [(String, JSONValue)] = [
      ("capital", .string(terms.capital.plain)),
      ("taux_nominal", .string((terms.annualRate * 100).description)),
      ("duree", .int(terms.periods)),
      ("periodicite", .string(terms.periodicity.rawValue)),
      ("type", .string(terms.kind.rawValue)),
      ("mensualite", .string(s.instalment.plain)),
      ("mensualite_avec_assurance", .string(s.instalmentWithInsurance.plain)),
      ("nombre_echeances", .int(s.numberOfInstalments)),
      ("nombre_echeances_prevues", .int(s.plannedInstalments)),
      ("total_interets", .string(s.totalInterest.plain)),
      ("total_assurance", .string(s.totalInsurance.plain)),
      ("frais", .string(s.fees.plain)),
      ("cout_total_credit", .string(s.totalCostOfCredit.plain)),
      ("montant_total_du", .string(s.totalPaid.plain)),
    ]
    pairs += APRReport(result: apr, periodic: true, showProportional: showProportional).jsonPairs()
    if let u = usury {
      pairs.append(
        (
          "usure",
          .object([
            ("categorie", .string(category.rawValue)),
            ("seuil", .string((u.threshold.rate * 100).plainDecimal(places: 2))),
            ("en_vigueur_depuis", .string(u.threshold.from.description)),
            ("depasse", .bool(u.isUsurious)),
            ("provisoire", .bool(u.isProvisional)),
            ("lacune_depuis", u.gapSince.map { .string($0.description) } ?? .null),
            ("verdict", .string(u.verdictFrench)),
            ("a_verifier", .bool(u.isProvisional || u.threshold.unsure)),
            ("source", .string(u.threshold.source)),
          ])
        ))
    } else {
      pairs.append(
        ("usure", .object([("categorie", .string(category.rawValue)), ("seuil", .null), ("motif", .string(usuryGap ?? ""))])))
    }
    if includeRows {
      pairs.append(
        (
          "lignes",
          .array(
            schedule.rows.map { r in
              .object([
                ("numero", .int(r.number)),
                ("echeance", .string(r.payment.plain)),
                ("interets", .string(r.interest.plain)),
                ("assurance", .string(r.insurance.plain)),
                ("capital", .string(r.principal.plain)),
                ("capital_restant", .string(r.balance.plain)),
              ])
            })
        ))
    }
    return JSONValue.object(pairs).rendered()
  }
}

/// Renders a TAEG on its own (flows file).
struct APRReport {
  let result: APRResult
  let periodic: Bool
  let showProportional: Bool

  func jsonPairs() -> [(String, JSONValue)] {
    var pairs: [(String, JSONValue)] = [
      ("taeg", .string(result.roundedPercent.plainDecimal(places: result.places))),
      ("taeg_decimales", .int(result.places)),
      ("taeg_borne_inferieure", .string((result.lower * 100).rounded(toPlaces: 20, .floor).description)),
      ("taeg_borne_superieure", .string((result.upper * 100).rounded(toPlaces: 20, .ceiling).description)),
      ("taeg_erreur_max", .string("1e-\(result.errorExponent)")),
    ]
    if showProportional, let p = result.proportionalPercent {
      pairs.append(("teg_proportionnel", .string(p.plainDecimal(places: result.places))))
    }
    return pairs
  }

  func json() -> String { JSONValue.object(jsonPairs()).rendered() }

  func text(explain: Bool) -> String {
    var out = "TAEG \(result.roundedPercent.frenchExact(minPlaces: result.places))\u{00A0}%"
    out += "  (encadrement \(periodic ? "exact" : "rigoureux"), écart ≤ 10^−\(result.errorExponent) point)\n"
    if showProportional, let p = result.proportionalPercent {
      out += "TEG proportionnel (R314-2) \(p.frenchExact(minPlaces: result.places))\u{00A0}%\n"
    }
    if explain {
      out += "\nExplications\n"
      for line in result.explanation(periodic: periodic) { out += "- " + line + "\n" }
    }
    return out
  }
}

/// Aligned plain-text tables.
