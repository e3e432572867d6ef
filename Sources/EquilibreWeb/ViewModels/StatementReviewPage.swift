import EquilibreCases
import EquilibreCore
import EquilibreDocuments
import EquilibreStatements

/// The review of a proposal drafted from bank statements: one row per proposed line, with what
/// was seen, and the counsellor's answer (accept, correct, reject) kept across a refusal.
struct StatementReviewPage: Codable {
  struct FileRow: Codable {
    var id, name, bank, account, period, setAside: String
    enum CodingKeys: String, CodingKey {
      case id, name = "nom", bank = "banque", account = "compte", period = "periode", setAside = "ecartees"
    }
  }

  struct Row: Codable {
    var id, nature, wording, periodicity, confidence, proposed, amount, due: String
    var evidence: [String]
    var asksDue, accept, correct, reject, hasError: Bool
    var error: String
    enum CodingKeys: String, CodingKey {
      case id, nature, wording = "libelle", periodicity = "periodicite", confidence = "confiance", proposed = "propose",
        amount = "montant", due = "restant_du", evidence = "preuves", asksDue = "demande_restant_du", accept = "accepter",
        correct = "corriger", reject = "rejeter", hasError = "a_erreur", error = "erreur"
    }
  }

  var ref, version, situation, pieces, bank: String
  var files: [FileRow]
  var rows: [Row]
  var notes: [String]
  var oneOffs: [String]
  var errors: [String]
  var hasRows, hasNotes, hasOneOffs, hasErrors: Bool

  enum CodingKeys: String, CodingKey {
    case ref, version, situation, pieces, bank = "banque", files = "fichiers", rows = "lignes", notes, oneOffs = "ponctuels",
      errors = "erreurs", hasRows = "a_lignes", hasNotes = "a_notes", hasOneOffs = "a_ponctuels", hasErrors = "a_erreurs"
  }

  /// The page of a proposal; `answers` are the counsellor's (nil: first showing, all accepted).
  init(
    ref: CaseRef, version: Int, situation: Int, pieces: [String], bank: String?, analysis: StatementAnalysis, proposal: StatementProposal,
    answers: Answers?, errors: [String: String] = [:], general: [String] = []
  ) {
    self.ref = ref.description
    self.version = String(version)
    self.situation = String(situation)
    self.pieces = pieces.joined(separator: ",")
    self.bank = bank ?? ""
    files = zip(pieces, analysis.statements).map { id, st in
      let dates = st.lines.map(\.date)
      return FileRow(
        id: id, name: st.file,
        bank: st.layout.map { $0.bank + ($0.guessed ? " (mise en page devinée, à confirmer)" : "") } ?? st.format.rawValue,
        account: st.account.map { "n° …" + String($0.suffix(4)) } ?? "",
        period: dates.min().flatMap { a in dates.max().map { "du \(a.french) au \($0.french)" } } ?? "aucun mouvement",
        setAside: st.setAside.isEmpty ? "" : "\(st.setAside.count) ligne(s) écartée(s) (opérations en attente ou annulées)")
    }
    rows = proposal.items.map { item in
      let answer = answers?.byItem[item.id]
      let amountText = answer?.amount ?? item.amount.map(Self.inputText) ?? ""
      return Row(
        id: item.id, nature: Self.nature(item), wording: item.wording, periodicity: Self.periodicity(item),
        confidence: item.confidence.rawValue, proposed: item.amount?.french ?? "", amount: amountText, due: answer?.due ?? "",
        evidence: item.seen.map { l in
          "\(l.date.slashed) : \(Money(cents: l.cents).french)" + (l.file.map { " (\($0.excerptPath), ligne \(l.line))" } ?? "")
        } + Self.details(item),
        asksDue: item.asksRemainingDue, accept: (answer?.decision ?? "accepter") == "accepter", correct: answer?.decision == "corriger",
        reject: answer?.decision == "rejeter", hasError: errors[item.id] != nil, error: errors[item.id] ?? "")
    }
    notes = proposal.notes
    oneOffs = analysis.oneOffs.map { "\($0.date.slashed) : \(Money(cents: $0.cents).french) — \($0.label.excerpt)" }
    self.errors = general
    hasRows = !rows.isEmpty
    hasNotes = !notes.isEmpty
    hasOneOffs = !oneOffs.isEmpty
    hasErrors = !general.isEmpty || !errors.isEmpty
  }

  /// The form's answers as typed: decision, amount and amount still owed, by item.
  struct Answers {
    struct Answer {
      var decision: String
      var amount: String
      var due: String
    }
    var byItem: [String: Answer] = [:]
  }

  /// `1234,56`: an amount as the counsellor types it.
  static func inputText(_ m: Money) -> String {
    guard let c = m.exactCents else { return m.french }
    let sign = c < 0 ? "-" : ""
    let a = abs(c)
    let cents = a % 100
    return "\(sign)\(a / 100),\(cents < 10 ? "0" : "")\(cents)"
  }

  static func nature(_ item: StatementProposal.Item) -> String {
    switch item.kind {
    case .resource: "Ressource"
    case .charge: "Charge"
    case .debt: "Dette"
    case .rent, .housingAid: "Logement"
    case .account: "Compte"
    case .incidents: "Incidents"
    }
  }

  static func periodicity(_ item: StatementProposal.Item) -> String {
    switch item.kind {
    case .resource(let r): r.periodicity.rawValue
    case .charge(let c): c.periodicity.rawValue
    case .debt: "mensualité"
    case .rent, .housingAid: "par mois"
    case .account: "solde"
    case .incidents: "dans le mois"
    }
  }

  /// What an incidents month counts, beside its fees.
  static func details(_ item: StatementProposal.Item) -> [String] {
    guard case .incidents(let m) = item.kind else { return [] }
    var out = ["\(m.rejections ?? 0) rejet(s)", "agios \(m.overdraftInterest.french)", "jeux d'argent \(m.gambling.french)"]
    out.append(m.daysOverdrawn.map { "\($0) jour(s) débiteur(s)" } ?? "jours débiteurs : solde non donné")
    return out
  }
}
