import EquilibreCore

/// The cover letter of the filing, on its own page, ready to sign and send: sender, the
/// commission's secretariat of the département, date, object, the causes in the first person
/// (« je », or « nous » for a couple filing together) drawn from the situation's events, then
/// their consequences, and the signature(s). Every paragraph stays editable.
enum Letter {
  /// The Banque de France's postal address for paper filings (aides-logement.md, surendettement.md §4.3:
  /// lafinancepourtous.com, 28/12/2020).
  static let postalAddress = ["Banque de France — Surendettement", "TSA 41217", "75035 Paris Cedex 01"]

  /// Every amount is the figures model's (``CaseFigures``): the charges are rubriques 5 and 6
  /// without any debt instalment, the arrears are named by nature, as the filing lists them.
  static func make(_ c: DocumentCase, _ a: Anonymizer, filers: [Int]) -> [String: Any] {
    let s = c.scenario
    let f = c.figures
    let we = filers.count > 1
    func pick(_ singular: String, _ plural: String) -> String { we ? plural : singular }
    let my = pick("mes", "nos")
    let mine = pick("ma", "notre")
    let me = pick("je", "nous")

    // Causes, in the order a reader follows them; consequences (arrears) are not causes.
    var causes: [String] = []
    let events = s.knownEvents
    // « la perte de mon emploi, en mars 2026, a fait baisser… »: the date when one was given;
    // dated causes in the order they happened, then the others.
    var told: [(date: CivilDate?, text: String)] = []
    func cause(_ e: LifeEvent, _ subject: String, _ rest: String) {
      guard events.contains(e) else { return }
      let date = s.situation.date(of: e)
      told.append((date, subject + (date.map { ", en \($0.frenchMonth)," } ?? "") + " " + rest))
    }
    cause(
      .perteEmploi, pick("la perte de mon emploi", "la perte d'un emploi"),
      pick("a fait baisser mes ressources", "a fait baisser nos ressources"))
    cause(.maladie, "une maladie", pick("a interrompu mon activité", "a interrompu l'activité de l'un de nous"))
    cause(
      .separation, pick("ma séparation", "une séparation"),
      pick("a réduit mes ressources et alourdi mes charges", "a réduit nos ressources et alourdi nos charges"))
    cause(.deces, "le décès d'un proche", "a bouleversé \(mine) situation")
    cause(.violences, "des violences au sein du foyer", "ont bouleversé \(mine) situation")
    cause(.sinistre, "un sinistre dans \(pick("mon", "notre")) logement", "a entraîné des dépenses imprévues")
    cause(.catastrophe, "une catastrophe naturelle ou technologique", "a touché \(pick("mon", "notre")) logement")
    let dated = told.filter { $0.date != nil }.enumerated().sorted { ($0.element.date!, $0.offset) < ($1.element.date!, $1.offset) }.map(
      \.element.text)
    causes = dated + told.filter { $0.date == nil }.map(\.text)
    if let before = s.situation.resourcesBefore, before > f.resourcesTotal {
      causes.append("\(my) ressources sont passées de \(DocumentData.money(before)) à \(DocumentData.money(f.resourcesTotal)) par mois")
    }
    // Consequences: the arrears by nature, as rubrique 7 lists them; an event with no amount yet.
    var consequences = f.arrearsByNature.map { "\($0.nature.arrearsFrench) (\(DocumentData.money($0.arrears)))" }
    let natures = Set(f.arrearsByNature.map(\.nature))
    if events.contains(.impayesLoyer) && !natures.contains(.loyer) { consequences.append("des impayés de loyer") }
    if events.contains(.impayesPret) && !natures.contains(.creditImmobilier) { consequences.append("des impayés de prêt immobilier") }

    var paragraphs: [String] = []
    paragraphs.append(
      Typography.sentence(
        "\(pick("J'ai l'honneur de", "Nous avons l'honneur de")) solliciter l'examen de \(mine) situation par la commission de surendettement des particuliers"
      ))
    paragraphs.append(
      Typography.sentence(
        "\(Typography.capitalized(me)) ne \(pick("parviens", "parvenons")) plus à faire face à \(my) dettes non professionnelles, qui s'élèvent à \(DocumentData.money(f.debtsTotal)), avec des ressources de \(DocumentData.money(f.resourcesTotal)) par mois et des charges et dépenses courantes de \(DocumentData.money(f.currentCharges)) par mois, sans compter le remboursement des dettes"
      ))
    // The household's own words (`situation.recit`), as they wrote them; withheld when anonymised.
    // One paragraph per line they wrote.
    let account = (s.situation.householdAccount.flatMap { a.personal($0, "[récit du ménage]") } ?? "")
      .split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    if causes.isEmpty && !account.isEmpty {
      paragraphs += account
    } else if causes.isEmpty {
      // Left for the household to write by hand: no instruction to the counsellor in a letter.
      paragraphs.append(
        "\(pick("Mes", "Nos")) difficultés s'expliquent ainsi : "
          + Array(repeating: String(repeating: "…", count: 10), count: 9).joined(separator: " "))
    } else {
      paragraphs.append(Typography.sentence("\(pick("Mes", "Nos")) difficultés s'expliquent ainsi : " + causes.joined(separator: " ; ")))
      paragraphs += account
    }
    if !consequences.isEmpty {
      let what =
        consequences.count == 1
        ? consequences[0] : consequences.dropLast().joined(separator: ", ") + " et " + consequences.last!
      paragraphs.append(
        Typography.sentence(
          "Ces difficultés ont entraîné \(what)"
            + (consequences.count > 1 && !f.arrearsTotal.isZero ? ", soit \(DocumentData.money(f.arrearsTotal)) d'impayés au total" : "")))
    }
    paragraphs.append(
      Typography.sentence(
        "\(Typography.capitalized(me)) \(pick("m'engage", "nous engageons")) à ne pas aggraver \(my) dettes et à informer la commission de tout changement de \(mine) situation"
      ))
    paragraphs.append(
      Typography.sentence(
        "\(pick("Je vous prie", "Nous vous prions")) d'agréer, Madame, Monsieur, l'expression de \(my) salutations distinguées"))

    let commission =
      s.departement.flatMap(Departements.withPreposition).map { "Secrétariat de la commission de surendettement \($0)" }
      ?? "Secrétariat de la commission de surendettement du département (à compléter)"
    let senders = filers.map { a.memberName($0) }.joined(separator: " et ")
    return [
      "expediteur": senders,
      "expediteur_adresse": DocumentData.field(a.personal(s.contact.address, "[adresse]")),
      "expediteur_telephone": (a.personal(s.contact.phone.map(Typography.phone), "[téléphone]")) ?? "",
      "destinataire": [commission] + postalAddress,
      "lieu_date": "À …………………………, le \(c.documentDate.slashed)",
      "objet": "Objet : dépôt d'un dossier de surendettement",
      "paragraphes": paragraphs,
      "signataires": filers.map { ["nom": a.memberName($0)] },
    ]
  }
}
