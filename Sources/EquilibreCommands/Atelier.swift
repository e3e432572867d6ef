import ArgumentParser
import EquilibreCore
import Foundation

/// What Ctrl-C prints before the process ends (the answers are already in the draft).
/// A C buffer, because a signal handler may only call async-signal-safe functions.
nonisolated(unsafe) private var interruptMessage: UnsafeMutablePointer<CChar>?
nonisolated(unsafe) private var interruptLength = 0

private func onInterrupt(_: Int32) {
  if let m = interruptMessage { _ = write(2, m, interruptLength) }
  _exit(130)
}

/// The workshop questionnaire: questions depend on earlier answers (number of adults and
/// children); answers can be corrected; the result is a scenario file.
struct Atelier {
  enum Kind {
    case date(String)
    case text(optional: Bool)
    case count(ClosedRange<Int>)
    case choice([String])
    case amount
    case file
  }

  struct Question {
    let key: String
    let prompt: String
    let kind: Kind
    var defaultValue: String?
    /// Show the running reste à vivre after this answer.
    var showsBudget = false
  }

  let directory: String
  let echo: Bool
  var answers: [String: String] = [:]
  let today = CivilDate.today
  /// Where the answers are saved after each one; chosen at the first answer unless resuming.
  var draftPath: String?
  /// The question to start at when a draft is resumed.
  var resumeAt = 0

  init(directory: String, echo: Bool) {
    self.directory = directory
    self.echo = echo
  }

  static let resourceQuestions: [(ResourceType, String)] = ResourceType.allCases.map { ($0, $0.french) }
  static let chargeQuestions: [(ChargeType, String)] = ChargeType.allCases.filter { $0 != .loyer && $0 != .chargesLocatives }
    .map { ($0, $0.french) }

  func questions() -> [Question] {
    var q: [Question] = [
      Question(key: "date", prompt: "Date de la situation (AAAA-MM-JJ)", kind: .date(today.description), defaultValue: today.description),
      Question(key: "departement", prompt: "Département (ex. 76 ; vide si inconnu)", kind: .text(optional: true)),
      Question(key: "adultes", prompt: "Nombre d'adultes dans le ménage (1 ou 2)", kind: .count(1...2), defaultValue: "1"),
    ]
    let adults = Int(answers["adultes"] ?? "1") ?? 1
    for a in 1...adults {
      let who = a == 1 ? "du demandeur" : "du conjoint"
      q.append(
        Question(
          key: "prenom\(a)", prompt: "Prénom \(who) (ou un libellé : « Madame A. »)", kind: .text(optional: false),
          defaultValue: a == 1 ? "Demandeur" : "Conjoint"))
      q.append(Question(key: "naissance\(a)", prompt: "Date de naissance \(who) (AAAA-MM-JJ)", kind: .date("")))
    }
    q.append(
      Question(key: "enfants", prompt: "Nombre d'enfants ou autres personnes à charge (0 à 10)", kind: .count(0...10), defaultValue: "0"))
    let children = Int(answers["enfants"] ?? "0") ?? 0
    if children > 0 {
      for e in 1...children {
        q.append(Question(key: "enfant\(e)", prompt: "Prénom de l'enfant \(e)", kind: .text(optional: false), defaultValue: "Enfant \(e)"))
        q.append(Question(key: "naissance_enfant\(e)", prompt: "Date de naissance de l'enfant \(e) (AAAA-MM-JJ)", kind: .date("")))
      }
    }
    q.append(
      Question(
        key: "logement",
        prompt: "Logement : " + HousingStatus.allCases.enumerated().map { "\($0 + 1) \($1.rawValue)" }.joined(separator: ", "),
        kind: .choice(HousingStatus.allCases.map(\.rawValue)), defaultValue: HousingStatus.locatairePrive.rawValue))
    q.append(Question(key: "loyer", prompt: "Loyer mensuel hors charges", kind: .amount, defaultValue: "0", showsBudget: true))
    q.append(Question(key: "charges_locatives", prompt: "Charges locatives par mois", kind: .amount, defaultValue: "0", showsBudget: true))
    q.append(
      Question(key: "aide_logement", prompt: "Aide au logement (APL ou AL) par mois", kind: .amount, defaultValue: "0", showsBudget: true))
    for (type, label) in Self.resourceQuestions {
      q.append(
        Question(key: "r_\(type.rawValue)", prompt: "Ressources — \(label), par mois", kind: .amount, defaultValue: "0", showsBudget: true))
    }
    for (type, label) in Self.chargeQuestions {
      q.append(
        Question(key: "c_\(type.rawValue)", prompt: "Charges — \(label), par mois", kind: .amount, defaultValue: "0", showsBudget: true))
    }
    q.append(
      Question(
        key: "credits_mensualites", prompt: "Mensualités de crédits et de dettes, total par mois", kind: .amount, defaultValue: "0",
        showsBudget: true))
    q.append(Question(key: "credits_restant", prompt: "Total restant dû sur ces crédits et dettes", kind: .amount, defaultValue: "0"))
    q.append(
      Question(
        key: "fichier", prompt: "Nom du fichier à enregistrer", kind: .file,
        defaultValue: "atelier-\(answers["date"] ?? today.description).yaml"))
    return q
  }

  func say(_ s: String) { print(s) }

  mutating func run() throws {
    say("Atelier budget — Équilibre")
    say("Entrée seule garde la valeur entre crochets. « ? » aide, « retour », « corriger », « corriger N », « fin ».\n")
    var index = min(resumeAt, max(questions().count - 1, 0))
    var furthest = index
    if let d = draftPath {
      say("Reprise du brouillon \(d) à la question \(index + 1).\n")
      armInterrupt()
    }
    signal(SIGINT, onInterrupt)
    signal(SIGTERM, onInterrupt)
    signal(SIGHUP, onInterrupt)
    while true {
      let qs = questions()
      guard index < qs.count else { return }
      furthest = max(furthest, index)
      let q = qs[index]
      let current = answers[q.key] ?? q.defaultValue
      print("\(index + 1). \(q.prompt)\(current.map { $0.isEmpty ? "" : " [\(display($0, q))]" } ?? "") : ", terminator: "")
      fflush(nil)
      guard let raw = readLine() else {
        print("")
        if let d = draftPath {
          throw CLIError.data(
            "entrée terminée à la question \(index + 1) (\(q.prompt)) : vos réponses sont conservées dans \(d) ; "
              + "reprenez avec : equilibre atelier --reprendre \(d)")
        }
        throw CLIError.data("entrée terminée à la question \(index + 1) (\(q.prompt)) avant toute réponse : aucun fichier enregistré")
      }
      if echo { print(raw) }
      let line = raw.trimmingSpaces
      if let bad = line.unicodeScalars.first(where: { TextSafety.isUnsafe($0) || $0 == "\t" }) {
        say("  Réponse refusée : elle contient un caractère invisible (\(codePointNameForAnswer(bad))). Retapez-la.")
        continue
      }
      // Commands.
      switch normalizedCommand(line) {
      case "?":
        say("  Répondez par une valeur, ou : retour, corriger, corriger N, fin. Montants : 1 234,56 ou 1234,56.")
        continue
      case "retour":
        index = max(0, index - 1)
        continue
      case "corriger":
        for (i, question) in qs.enumerated() where answers[question.key] != nil {
          say("  \(i + 1). \(question.prompt) : \(display(answers[question.key]!, question))")
        }
        say("  Tapez « corriger N » pour revenir à la question N (1 à \(furthest + 1)).")
        continue
      case "fin":
        if let fileIndex = qs.firstIndex(where: { $0.key == "fichier" }) {
          let missing = qs.prefix(fileIndex).filter { question in
            if answers[question.key] != nil || question.defaultValue?.isEmpty == false { return false }
            if case .text(optional: true) = question.kind { return false }
            return true
          }
          guard missing.isEmpty else {
            say("  Il manque des réponses sans valeur proposée : " + missing.map(\.prompt).joined(separator: " ; ") + ".")
            continue
          }
          for question in qs.prefix(fileIndex) where answers[question.key] == nil {
            answers[question.key] = question.defaultValue ?? ""
          }
          index = fileIndex
          saveDraft(next: index)
        }
        continue
      default:
        break
      }
      if normalizedCommand(line).hasPrefix("corriger ") {
        // Back to an answered question, never forward past the furthest one reached.
        if let n = Int(String(line.dropFirst("corriger ".count)).trimmingSpaces), n >= 1, n <= furthest + 1 {
          index = n - 1
        } else {
          say("  Numéro de question invalide : de 1 à \(furthest + 1) (les questions déjà posées).")
        }
        continue
      }
      let value = line.isEmpty ? (current ?? "") : line
      switch validate(value, q) {
      case .failure(let message):
        say("  \(message)")
        continue
      case .success(let normalized):
        if case .file = q.kind {
          if try save(to: normalized) {
            if let d = draftPath { unlink(d) }
            return
          }
          continue
        }
        answers[q.key] = normalized
        index += 1
        saveDraft(next: index)
        if q.showsBudget, let b = try? budget() {
          let perUC = b.resteAVivrePerUCPerDay.map { ", \($0.roundedToCents(.halfAwayFromZero).french) par UC et par jour" } ?? ""
          say("  → reste à vivre provisoire : \(b.resteAVivre.roundedToCents(.halfAwayFromZero).french) par mois\(perUC)")
        }
      }
    }
  }

  /// `U+001B`, for a refused answer.
  func codePointNameForAnswer(_ v: Unicode.Scalar) -> String {
    var hex = String(v.value, radix: 16, uppercase: true)
    while hex.count < 4 { hex = "0" + hex }
    return "U+" + hex
  }

  /// Saves the answers so far (atomically; the draft is this session's own file).
  mutating func saveDraft(next question: Int) {
    if draftPath == nil {
      var n = 1
      var candidate = (directory as NSString).appendingPathComponent("atelier-brouillon.yaml")
      while FileManager.default.fileExists(atPath: candidate) {
        n += 1
        candidate = (directory as NSString).appendingPathComponent("atelier-brouillon-\(n).yaml")
      }
      draftPath = candidate
      say("  (brouillon enregistré au fil des réponses dans \(candidate))")
      armInterrupt()
    }
    guard let path = draftPath else { return }
    let draft = WorkshopDraft(question: question, answers: answers)
    do {
      try AtomicFile.write(
        draft.yaml(resumeHint: "equilibre atelier --reprendre \(path)"), to: path, overwrite: true, access: .privateToUser)
    } catch {
      say("  Attention : brouillon impossible à enregistrer (\(error.description)).")
    }
  }

  /// Prepares the message Ctrl-C prints.
  func armInterrupt() {
    guard let path = draftPath else { return }
    let text = Terminal.safe(
      "\nInterrompu : vos réponses sont conservées dans \(path) ; reprenez avec : equilibre atelier --reprendre \(path)\n")
    let bytes = Array(text.utf8CString)
    let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count)
    buffer.initialize(from: bytes, count: bytes.count)
    interruptLength = bytes.count - 1
    interruptMessage = buffer
  }

  func normalizedCommand(_ s: String) -> String { s.lowercased() }

  /// An answer as shown to the user: amounts the French way.
  func display(_ value: String, _ q: Question) -> String {
    if case .amount = q.kind, let m = try? Money(french: value) { return m.french }
    return value
  }

  enum Check { case success(String), failure(String) }

  func validate(_ value: String, _ q: Question) -> Check {
    switch q.kind {
    case .date:
      guard let d = CivilDate(value), CivilDate.inputYears.contains(d.year) else {
        return .failure(
          "Date invalide « \(value.excerpt) » : écrivez AAAA-MM-JJ ou JJ/MM/AAAA (années \(CivilDate.inputYears.lowerBound) à \(CivilDate.inputYears.upperBound))."
        )
      }
      if q.key.hasPrefix("naissance"), let situation = CivilDate(answers["date"] ?? ""), d > situation {
        return .failure("La date de naissance est après la date de la situation.")
      }
      return .success(d.description)
    case .text(let optional):
      if value.isEmpty && !optional { return .failure("Une réponse est attendue.") }
      return .success(value)
    case .count(let range):
      guard let n = Int(value), range.contains(n) else {
        return .failure("Un nombre de \(range.lowerBound) à \(range.upperBound) est attendu.")
      }
      return .success(String(n))
    case .choice(let options):
      if let n = Int(value), (1...options.count).contains(n) { return .success(options[n - 1]) }
      let key = value.lowercased()
      if options.contains(key) { return .success(key) }
      let suggestion = closest(to: key, in: options).map { " Vouliez-vous dire « \($0) » ?" } ?? ""
      return .failure("Choix inconnu « \(value.excerpt) ».\(suggestion) Tapez un numéro de 1 à \(options.count).")
    case .amount:
      do {
        let m = try Money(french: value)
        guard !m.isNegative else { return .failure("Le montant ne peut pas être négatif.") }
        guard m.exactCents != nil else { return .failure("Le montant doit tenir en centimes.") }
        guard m.isWithinInputRange else {
          return .failure("Montant hors de portée : au plus \(Money(euros: Money.maximumInputEuros).french).")
        }
        return .success(m.plain)
      } catch {
        if error.readings != nil { return .failure("\(error.description). Retapez le montant.") }
        return .failure("Montant illisible : \(error.description).")
      }
    case .file:
      guard !value.isEmpty else { return .failure("Un nom de fichier est attendu.") }
      return .success(value.hasSuffix(".yaml") ? value : value + ".yaml")
    }
  }

  /// The scenario of the answers so far (missing amounts count as 0).
  func scenario() throws -> Scenario {
    let date = CivilDate(answers["date"] ?? "") ?? today
    var members: [Member] = []
    let adults = Int(answers["adultes"] ?? "1") ?? 1
    for a in 1...adults {
      members.append(
        Member(
          name: answers["prenom\(a)"] ?? (a == 1 ? "Demandeur" : "Conjoint"), role: a == 1 ? .demandeur : .conjoint,
          birthDate: CivilDate(answers["naissance\(a)"] ?? "") ?? date.adding(years: -40)))
    }
    let children = Int(answers["enfants"] ?? "0") ?? 0
    if children > 0 {
      for e in 1...children {
        members.append(
          Member(
            name: answers["enfant\(e)"] ?? "Enfant \(e)", role: .enfant,
            birthDate: CivilDate(answers["naissance_enfant\(e)"] ?? "") ?? date.adding(years: -10)))
      }
    }
    func amount(_ key: String) -> Money { (try? Money(french: answers[key] ?? "0")) ?? .zero }
    var s = Scenario(
      date: date, departement: (answers["departement"]?.isEmpty ?? true) ? nil : answers["departement"], members: members,
      housing: Housing(
        status: HousingStatus(rawValue: answers["logement"] ?? "") ?? .locatairePrive, rent: amount("loyer"),
        charges: amount("charges_locatives"), housingBenefit: amount("aide_logement")))
    for (type, _) in Self.resourceQuestions where !amount("r_\(type.rawValue)").isZero {
      s.resources.append(
        Resource(
          type: type, amount: amount("r_\(type.rawValue)"),
          person: [.salaire, .chomage, .indemnitesJournalieres, .retraite, .aah].contains(type) ? 0 : nil))
    }
    for (type, _) in Self.chargeQuestions where !amount("c_\(type.rawValue)").isZero {
      s.charges.append(Charge(type: type, amount: amount("c_\(type.rawValue)")))
    }
    if !amount("credits_mensualites").isZero || !amount("credits_restant").isZero {
      s.debts.append(
        Debt(
          creditor: "Crédits et dettes (à détailler)", nature: .autre, remainingDue: amount("credits_restant"),
          monthlyPayment: amount("credits_mensualites")))
    }
    s.summary = "Budget construit en atelier le \(today.french)"
    return s
  }

  func budget() throws -> Budget { try Budget(scenario: scenario()) }

  /// Writes the scenario; false when the file exists (the name is asked again).
  func save(to name: String) throws -> Bool {
    guard !name.contains("/"), name != ".yaml", !name.hasPrefix(".") else {
      say("  Nom de fichier invalide : un simple nom, sans « / » (le dossier est \(directory)).")
      return false
    }
    let path = (directory as NSString).appendingPathComponent(name)
    if FileManager.default.fileExists(atPath: path) {
      say("  \(path) existe déjà : choisissez un autre nom.")
      return false
    }
    let s = try scenario()
    let text = ScenarioWriter.yaml(
      s,
      header:
        "Scénario construit avec « equilibre atelier » le \(today.french).\nComplétez-le (activités, dettes par créancier) puis : equilibre budget \(name)"
    )
    do {
      _ = try ScenarioFile.parse(text, file: name)
    } catch {
      throw CLIError.data("le scénario produit est invalide (à signaler) : \(error.description)")
    }
    do {
      try AtomicFile.write(text, to: path)
    } catch {
      say(
        "  Enregistrement impossible : \(error.description). Choisissez un autre nom ou un autre dossier ; vos réponses restent dans le brouillon."
      )
      return false
    }
    let b = try budget()
    say("\nSynthèse")
    print(Table.keyValues(BudgetText(budget: b).textPairs), terminator: "")
    say("Scénario enregistré dans \(path). Suite : equilibre capacite \(path) ; equilibre dossier \(path) --sortie dossier.html")
    return true
  }
}
