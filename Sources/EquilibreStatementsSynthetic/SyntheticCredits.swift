import EquilibreCore

/// Credits of a generated household: instalments by direct debit, a revolving credit hidden
/// among card payments, split payments (« 4X »), and the bank's loan.
enum SyntheticCredits {
  static func add(
    to m: inout [SyntheticHousehold.Movement], months: [CivilDate], rng: inout SeededRandom, day: (CivilDate, Int) -> CivilDate
  ) {
    let debits: [(String, String)] = [
      ("Cofidis", "PRLV SEPA COFIDIS"), ("Cetelem (BNP Paribas Personal Finance)", "PRLV SEPA CETELEM CREDIT"),
      ("Franfinance", "PRLV SEPA FRANFINANCE"), ("Younited", "PRLV SEPA YOUNITED CREDIT"), ("Floa Bank", "PRLV SEPA FLOA BANK"),
      ("Carrefour Banque", "PRLV SEPA CARREFOUR BANQUE PASS"), ("Prêt de la banque du compte", "ECHEANCE PRET"),
    ]
    var used: Set<String> = []
    for _ in 0..<Int.random(in: 0...2, using: &rng) {
      let (lender, label) = debits[Int.random(in: 0..<debits.count, using: &rng)]
      guard used.insert(lender).inserted else { continue }
      let amount = Int.random(in: 3_000...35_000, using: &rng)
      let dom = Int.random(in: 1...28, using: &rng)
      for month in months {
        m.append(
          SyntheticHousehold.Movement(
            date: day(month, dom), label: "\(label) \(Int.random(in: 100_000...999_999, using: &rng))", cents: -amount,
            truth: .credit(lender: lender)))
      }
    }
    // A revolving credit repaid by card: its amount moves with the interest.
    if Int.random(in: 0..<3, using: &rng) == 0 {
      let (lender, word) = [("Sofinco (CA Consumer Finance)", "SOFINCO"), ("Cofinoga", "COFINOGA"), ("Oney", "ONEY")][
        Int.random(in: 0...2, using: &rng)]
      if used.insert(lender).inserted {
        let base = Int.random(in: 4_000...15_000, using: &rng)
        let dom = Int.random(in: 2...27, using: &rng)
        for month in months {
          let d = day(month, dom)
          m.append(
            SyntheticHousehold.Movement(
              date: d, label: "CARTE X\(Int.random(in: 1000...9999, using: &rng)) \(d.day)/\(d.month) \(word)",
              cents: -(base + Int.random(in: -300...300, using: &rng)), truth: .credit(lender: lender)))
        }
      }
    }
    // Paid in four times: a purchase, then three more a month apart (some before the window).
    if Int.random(in: 0..<3, using: &rng) == 0 {
      let (lender, label) = [("Klarna", "PRLV SEPA KLARNA"), ("Alma", "PRLV SEPA ALMA"), ("PayPal (paiement en 4 fois)", "PAYPAL 4X")][
        Int.random(in: 0...2, using: &rng)]
      let amount = Int.random(in: 1_500...12_000, using: &rng)
      let first = months[0].adding(days: Int.random(in: -60...40, using: &rng))
      for k in 0..<4 {
        let d = first.adding(days: 30 * k)
        guard d >= months[0], d < months[2].adding(months: 1) else { continue }
        m.append(
          SyntheticHousehold.Movement(
            date: d, label: "\(label) ACHAT ZALANDO", cents: -amount,
            truth: .credit(lender: lender)))
      }
    }
  }
}

/// Everyday life: groceries several times a month, fuel, cash, a large purchase, a gift; and the
/// incidents — a rejected direct debit with its fees, bets.
enum SyntheticEveryday {
  static func add(to m: inout [SyntheticHousehold.Movement], months: [CivilDate], end: CivilDate, rng: inout SeededRandom) {
    let shops = ["CARREFOUR MARKET", "LIDL", "LECLERC", "INTERMARCHE", "AUCHAN", "ALDI", "FRANPRIX", "MONOPRIX"]
    let favourite = shops[Int.random(in: 0..<shops.count, using: &rng)]
    var d = months[0].adding(days: Int.random(in: 0...4, using: &rng))
    while d <= end {
      let shop = Int.random(in: 0..<3, using: &rng) == 0 ? shops[Int.random(in: 0..<shops.count, using: &rng)] : favourite
      m.append(
        SyntheticHousehold.Movement(
          date: d, label: "CARTE X1234 \(d.day)/\(d.month) \(shop)", cents: -Int.random(in: 800...12_000, using: &rng), truth: .oneOff))
      d = d.adding(days: Int.random(in: 3...9, using: &rng))
    }
    for _ in 0..<Int.random(in: 2...8, using: &rng) {
      let date = months[0].adding(days: Int.random(in: 0...(end.dayNumber - months[0].dayNumber), using: &rng))
      let (label, range): (String, ClosedRange<Int>) = [
        ("CARTE X1234 \(date.day)/\(date.month) TOTAL ACCESS STATION", 2_000...7_000),
        ("RETRAIT DAB \(date.day)/\(date.month) \(Int.random(in: 10...99, using: &rng))", 2_000...10_000),
        ("CARTE X1234 \(date.day)/\(date.month) DARTY", 5_000...60_000), ("CARTE X1234 \(date.day)/\(date.month) PHARMACIE", 500...4_000),
        ("CARTE X1234 \(date.day)/\(date.month) SNCF INTERNET", 1_500...9_000),
        ("VIR SEPA M DUPONT REMBOURSEMENT", 2_000...20_000),
      ][Int.random(in: 0...5, using: &rng)]
      let credit = label.hasPrefix("VIR") && Bool.random(using: &rng)
      m.append(
        SyntheticHousehold.Movement(
          date: date, label: label, cents: (credit ? 1 : -1) * Int.random(in: range, using: &rng), truth: .oneOff))
    }
    // A rejected direct debit, the money coming back, and the bank's fees.
    if Int.random(in: 0..<3, using: &rng) == 0 {
      let month = months[Int.random(in: 0...2, using: &rng)]
      let date = month.adding(days: Int.random(in: 8...20, using: &rng))
      m.append(SyntheticHousehold.Movement(date: date, label: "REJET PRLV SEPA EDF", cents: 8_420, truth: .incident))
      m.append(SyntheticHousehold.Movement(date: date.adding(days: 1), label: "FRAIS REJET PRLV", cents: -2_000, truth: .incident))
      m.append(SyntheticHousehold.Movement(date: date.adding(days: 1), label: "COMMISSION D'INTERVENTION", cents: -800, truth: .incident))
    }
    if Int.random(in: 0..<5, using: &rng) == 0 {
      for _ in 0..<Int.random(in: 1...5, using: &rng) {
        let date = months[0].adding(days: Int.random(in: 0...(end.dayNumber - months[0].dayNumber), using: &rng))
        let site = ["WINAMAX", "BETCLIC", "FDJ", "PMU", "UNIBET"][Int.random(in: 0...4, using: &rng)]
        m.append(
          SyntheticHousehold.Movement(
            date: date, label: "CARTE X1234 \(date.day)/\(date.month) \(site)", cents: -Int.random(in: 500...10_000, using: &rng),
            truth: .incident))
      }
    }
  }
}
