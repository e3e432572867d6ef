/// French explanations of how a schedule's figures were obtained (`--explique`).
extension Schedule {
  /// One paragraph per rule: formula, inputs, rounding, and the legal source where there is one.
  public func explanation() -> [String] {
    let t = terms
    let q = t.periodicity.periodsPerYear
    let r = t.periodRate
    var lines: [String] = []
    lines.append(
      "Taux de période : taux nominal annuel \(t.annualRate.frenchPercent()) ÷ \(q) = \(r.frenchPercentApprox()) (taux proportionnel, par \(t.periodicity.frenchPeriod))."
    )
    let d = t.deferral?.periods ?? 0
    if let deferral = t.deferral, d > 0 {
      lines.append(
        deferral.kind == .partial
          ? "Différé partiel de \(d) périodes : seuls les intérêts (et l'assurance) sont payés ; le capital ne diminue pas."
          : "Différé total de \(d) périodes : seule l'assurance est payée ; les intérêts s'ajoutent au capital restant dû (capitalisation)."
      )
    }
    let m = t.periods - d
    let base = d > 0 ? Money(cents: rows[d - 1].balanceCents) : t.capital
    switch t.kind {
    case .annuity:
      if r.isZero {
        lines.append(
          "Échéance constante à taux nul : \(base.french) ÷ \(m) = \(Money(base.value / Rational(m)).frenchApprox), arrondie \(t.rounding.instalment.frenchDescription) au centime : \(summary.instalment.french)."
        )
      } else {
        let exact = base.value * r / (Rational.one - (Rational.one + r).power(-m))
        lines.append(
          "Échéance constante : C × t ÷ (1 − (1 + t)^−n) avec C = \(base.french), t = \(r.description), n = \(m) ; valeur exacte \(Money(exact).frenchApprox), arrondie \(t.rounding.instalment.frenchDescription) au centime : \(summary.instalment.french)."
        )
      }
    case .constantPrincipal:
      lines.append(
        "Amortissement constant : \(base.french) ÷ \(m) = \(Money(base.value / Rational(m)).frenchApprox) de capital par échéance, arrondi \(t.rounding.instalment.frenchDescription) au centime ; les intérêts s'y ajoutent."
      )
    case .inFine:
      lines.append("In fine : chaque échéance paie les intérêts ; le capital est remboursé en entier à la dernière.")
    }
    lines.append(
      "Intérêts de chaque période : capital restant dû × \(r.description), arrondis \(t.rounding.interest.frenchDescription) au centime.")
    if summary.endsEarly {
      lines.append(
        "Le prêt est soldé à l'échéance \(summary.numberOfInstalments) au lieu de \(summary.plannedInstalments) : l'échéance, arrondie \(t.rounding.instalment.frenchDescription) au centime, rembourse un peu plus de capital chaque mois, si bien que le capital restant dû atteint 0 avant la fin ; les échéances suivantes ne sont pas dues."
      )
    }
    switch t.insurance {
    case .rate(let a, let b):
      lines.append(
        "Assurance : \(a.frenchPercent()) par an ÷ \(q) × capital \(b == .initialCapital ? "initial" : "restant dû"), arrondie \(t.rounding.insurance.frenchDescription) au centime, payée à chaque échéance\(t.insuranceInAPR ? "" : " (facultative : hors TAEG)")."
      )
    case .premium(let p):
      lines.append("Assurance : prime fixe de \(p.french) par échéance\(t.insuranceInAPR ? "" : " (facultative : hors TAEG)").")
    case nil:
      break
    }
    lines.append(
      "Dernière échéance : elle solde le capital restant dû et absorbe les écarts d'arrondi ; le capital remboursé totalise exactement \(t.capital.french) et le capital restant final est 0,00 €."
    )
    lines.append(
      "Coût total du crédit = intérêts \(summary.totalInterest.french) + assurance \(summary.totalInsurance.french) + frais \(summary.fees.french) = \(summary.totalCostOfCredit.french)."
    )
    return lines
  }
}

extension APRResult {
  /// How the TAEG was obtained, in French.
  public func explanation(periodic: Bool) -> [String] {
    var lines: [String] = []
    lines.append(
      "TAEG : méthode d'équivalence actuarielle de l'annexe à l'article R314-3 du Code de la consommation : Σ C_k (1+X)^(−t_k) = Σ D_l (1+X)^(−s_l), temps en années depuis le premier versement des fonds."
    )
    if periodic, let q = periodsPerYear, let lo = periodRateLower, let hi = periodRateUpper {
      lines.append(
        q == 12
          ? "Échéances au mois normalisé (1/12 d'année) : (1 + X) = (1 + i)^12, où i est la racine d'un polynôme à coefficients rationnels."
          : "Échéances tous les 1/\(q) d'année : (1 + X) = (1 + i)^\(q), où i est la racine d'un polynôme à coefficients rationnels.")
      lines.append(
        "Racine encadrée exactement entre deux rationnels : \(lo.frenchPercentApprox(places: 12)) ≤ i ≤ \(hi.frenchPercentApprox(places: 12)), par évaluation exacte du signe du polynôme."
      )
    } else {
      lines.append(
        "Flux datés : durées en jours rapportées à 365 jours, ou 366 pour la part située dans une année bissextile ; encadrement rigoureux par arithmétique d'intervalles sur entiers GMP."
      )
    }
    lines.append(
      "X est compris entre \(lower.frenchPercentApprox(places: 12)) et \(upper.frenchPercentApprox(places: 12)) (écart ≤ 10^−\(errorExponent) point) ; résultat arrondi demi-haut à \(places) décimale\(places > 1 ? "s" : "") : \(roundedPercent.frenchExact(minPlaces: places)) %."
    )
    if let p = proportionalPercent, let q = periodsPerYear {
      lines.append("TEG proportionnel (article R314-2) : taux de période i × \(q) = \(p.frenchExact(minPlaces: places)) %.")
    }
    return lines
  }
}

extension Rational {
  /// French decimal text for display, truncated to `places` decimals with "…" when inexact.
  /// Display only: the value itself is unchanged.
  public func frenchApprox(places: Int = 6) -> String {
    let truncated = rounded(toPlaces: places, .towardZero)
    if truncated == self { return frenchExact() }
    return truncated.french(places: places) + "…"
  }

  /// A rate as a percentage for display, truncated with "…" when inexact.
  public func frenchPercentApprox(places: Int = 6) -> String {
    (self * Rational(100)).frenchApprox(places: places) + "\u{00A0}%"
  }
}

extension Money {
  /// French display truncated to 6 decimals with "…" when the value is not exact there.
  public var frenchApprox: String {
    exactCents != nil ? french : value.frenchApprox(places: 6) + "\u{00A0}€"
  }
}
