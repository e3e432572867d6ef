import EquilibreCore

/// « Proposition de plan d'apurement » : the letter to the landlord and its schedule. Every amount
/// is the plan's (``ArrearsPlan``, core); the template lays them out.
extension DocumentData {
  public static func arrearsPlan(_ c: DocumentCase, _ plan: ArrearsPlan) -> [String: Any] {
    let s = c.scenario
    let a = anonymizer(c)
    let filers = signatories(s)
    let we = filers.count > 1
    func pick(_ singular: String, _ plural: String) -> String { we ? plural : singular }

    let landlord = a.creditor(plan.landlord)
    // The landlord's address, when the housing's landlord is the one owed.
    let address = s.housing.landlord.flatMap { $0.name == plan.landlord ? $0.address : nil }
    let n = plan.instalments.count
    let schedule =
      "\(n) mensualité\(n > 1 ? "s" : "") de \(money(plan.monthly))"
      + (plan.last != plan.monthly ? ", la dernière de \(money(plan.last))" : "")
    var paragraphs: [String] = []
    paragraphs.append(
      Typography.sentence(
        "\(pick("Je vous écris", "Nous vous écrivons")) au sujet de la dette de loyers et de charges de \(pick("mon", "notre")) logement : au \(plan.asOf.french), elle s'élève à \(money(plan.arrears))"
      ))
    paragraphs.append(
      Typography.sentence(
        "Pour la régler, \(pick("je vous propose", "nous vous proposons")) de verser, en plus du loyer courant, \(schedule), à partir de \(plan.instalments[0].month.frenchMonth), selon l'échéancier ci-joint"
      ))
    paragraphs.append(
      Typography.sentence(
        "Le loyer et les charges restant à \(pick("ma", "notre")) charge après l'aide au logement étant de \(money(plan.currentHousingCost)) par mois, \(pick("je vous réglerai", "nous vous réglerons")) ainsi \(money(plan.monthlyTotal)) par mois pendant la durée du plan"
      ))
    paragraphs.append(
      Typography.sentence(
        "\(pick("Je vous remercie", "Nous vous remercions")) de bien vouloir \(pick("me", "nous")) faire connaître votre accord"))
    paragraphs.append(
      Typography.sentence(
        "\(pick("Je vous prie", "Nous vous prions")) d'agréer, Madame, Monsieur, l'expression de \(pick("mes", "nos")) salutations distinguées"
      ))

    return [
      "titre": "Proposition de plan d'apurement",
      "date_document": c.documentDate.slashed,
      "date_situation": s.date.slashed,
      "anonyme": c.anonymous,
      "lettre": [
        "expediteur": filers.map { a.memberName($0) }.joined(separator: " et "),
        "expediteur_adresse": field(a.personal(s.contact.address, "[adresse]")),
        "destinataire": [landlord] + (a.personal(address, "[adresse du bailleur]").map { [$0] } ?? []),
        "lieu_date": "À …………………………, le \(c.documentDate.slashed)",
        "objet": "Objet : proposition d'un plan d'apurement de la dette de loyer",
        "paragraphes": paragraphs,
        "signataires": filers.map { ["nom": a.memberName($0)] },
      ] as [String: Any],
      "bailleur": landlord,
      "dette": money(plan.arrears),
      "mensualite": money(plan.monthly),
      "derniere": money(plan.last),
      "nombre": String(n),
      "loyer_residuel": money(plan.currentHousingCost),
      "total_mensuel": money(plan.monthlyTotal),
      "capacite": money(plan.capacity),
      "echeancier": plan.instalments.map { i in
        [
          "numero": String(i.number), "mois": Typography.capitalized(i.month.frenchMonth), "montant": money(i.amount),
          "restant": money(i.remaining),
        ]
      },
      "avertissements": plan.warnings.map(Typography.sentence),
      "a_avertissements": !plan.warnings.isEmpty,
      "explication": plan.explanation.frenchLines.map { a.text($0.trimmingCharacters(in: .whitespaces)) },
    ]
  }
}
