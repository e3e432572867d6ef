import EquilibreCases
import EquilibreCore
import EquilibreDocuments
import EquilibreStatements
import Hummingbird

/// « Importer des relevés »: the household's statement files become pieces of the case (all or
/// none, never sent anywhere), then their proposal is reviewed line by line and saved as a new
/// situation. Reading, detection and the proposal are `EquilibreStatements`'; this controller
/// only carries them between the browser and the store.
struct StatementsController {
  let store: StorePool
  let configuration: WebConfiguration
  let today: @Sendable () -> CivilDate

  func addRoutes(to router: Router<WebContext>) {
    router.get("/dossiers/:ref/releves", use: uploadPage)
    router.post("/dossiers/:ref/releves", use: upload)
    router.get("/dossiers/:ref/releves/revue", use: review)
    router.post("/dossiers/:ref/releves/revue", use: save)
  }

  /// The upload form, and the statements the case already holds (to read them again).
  @Sendable func uploadPage(_ request: Request, context: WebContext) async throws -> HTML {
    let ref = try context.caseRef()
    let actor = context.actor
    let record = try await store.run { try await $0.load(ref, by: actor) }
    return uploadPage(ref: ref, record: record, error: nil, context: context)
  }

  func uploadPage(ref: CaseRef, record: CaseRecord, error: String?, context: WebContext, status: HTTPResponse.Status = .ok) -> HTML {
    let held = record.documents.filter { $0.type == StatementPiece.type }
    let data: [String: Any] = [
      "ref": ref.description, "version": String(record.file.version), "aujourdhui": today().description,
      "deja": held.map { ["id": $0.id, "nom": $0.fileName, "date": $0.date.french] }, "a_deja": !held.isEmpty,
      "deja_ids": held.map(\.id).joined(separator: ","),
      "banques": configuration.statementLayouts.map { ["id": $0.id, "nom": $0.bank] },
      "erreur": error ?? "", "a_erreur": error != nil, "a_situation": record.latest != nil,
    ]
    return HTML.page("Dossier \(ref) : importer des relevés", "releves", data, context: context, status: status)
  }

  static func refused(_ message: String) -> WebError { WebError(status: .unprocessableContent, message: message) }

  /// Reads every file sent; one refused, none kept. Then they become the case's pieces, in one change.
  @Sendable func upload(_ request: Request, context: WebContext) async throws -> Response {
    let ref = try context.caseRef()
    guard let type = request.headers[.contentType], let boundary = ImportExportController.boundary(type) else {
      throw Self.refused("Envoyez les relevés avec le formulaire « Importer des relevés » (envoi « multipart/form-data » attendu).")
    }
    let body = try await request.body.collect(upTo: request.bodyLimit)
    guard let parts = try? ImportExportController.partList(body, boundary: boundary) else {
      throw Self.refused("Envoi illisible : choisissez les fichiers de relevés (CSV, OFX ou XML).")
    }
    func text(_ name: String) -> String {
      parts.last { $0.name == name }.map { String(decoding: $0.bytes, as: UTF8.self) }?.trimmingSpaces ?? ""
    }
    let files = parts.filter { $0.name == "fichiers" && !($0.fileName ?? "").isEmpty }
    let bank = text("banque")
    let actor = context.actor
    func refuse(_ message: String) async throws -> Response {
      let record = try await store.run { try await $0.load(ref, by: actor) }
      return try uploadPage(ref: ref, record: record, error: message, context: context, status: .unprocessableContent)
        .response(from: request, context: context)
    }
    guard !files.isEmpty else { return try await refuse("Choisissez au moins un fichier de relevé.") }
    var pieces: [StatementPiece] = []
    for f in files {
      let name = Self.baseName(f.fileName ?? "")
      do throws(StatementError) {
        let st = try StatementReader.read(
          bytes: f.bytes, file: name, layouts: configuration.statementLayouts, forced: bank.isEmpty ? nil : bank)
        pieces.append(StatementPiece(fileName: name, format: Self.pieceFormat(st.format), content: f.bytes))
      } catch {
        return try await refuse(error.description)
      }
    }
    let expected = Int(text("version"))
    let line = DocumentData.bankStatementsPiece
    let kept = pieces
    let ids = try await store.run { s -> [String] in
      _ = try await s.apply(.statements(files: kept, date: today(), checklistLine: line), to: ref, expectedVersion: expected, by: actor)
      // The pieces just kept are the case's last ones (ranked in order).
      return try await s.load(ref, by: actor).documents.suffix(kept.count).map(\.id)
    }
    var location = "/dossiers/\(ref)/releves/revue?pieces=\(ids.joined(separator: ","))"
    if !bank.isEmpty, let id = configuration.statementLayouts.first(where: { $0.id == bank })?.id { location += "&banque=\(id)" }
    return Response(status: .seeOther, headers: [.location: location])
  }

  /// The review table of the statements named by `pieces`, read against the latest situation.
  @Sendable func review(_ request: Request, context: WebContext) async throws -> Response {
    let ref = try context.caseRef()
    let ids = Self.ids(String(request.uri.queryParameters.get("pieces") ?? ""))
    let bank: String? = request.uri.queryParameters.get("banque").flatMap { $0.isEmpty ? nil : String($0) }
    let loaded = try await load(ref, ids: ids, bank: bank, context: context)
    let page = StatementReviewPage(
      ref: ref, version: loaded.version, situation: loaded.situation, pieces: ids, bank: bank, analysis: loaded.analysis,
      proposal: loaded.proposal, answers: nil)
    return try HTML.page("Dossier \(ref) : relecture des relevés", "releves-revue", TemplateData(page), context: context, wide: true)
      .response(from: request, context: context)
  }

  /// The answers become a new situation: refused beside their rows when incomplete, refused
  /// whole (and shown again, answers kept) when the case changed meanwhile.
  @Sendable func save(_ request: Request, context: WebContext) async throws -> Response {
    let ref = try context.caseRef()
    let form = try await Form.read(request, context: context)
    let ids = Self.ids(form["pieces"] ?? "")
    let bank = form["banque"].flatMap { $0.isEmpty ? nil : $0 }
    let version = form["version"].flatMap(Int.init)
    let loaded = try await load(ref, ids: ids, bank: bank, situation: form["situation"].flatMap(Int.init), context: context)
    var answers = StatementReviewPage.Answers()
    var reviews: [String: StatementProposal.Review] = [:]
    var errors: [String: String] = [:]
    for item in loaded.proposal.items {
      let decision = form["d.\(item.id)"] ?? ""
      let amountText = (form["m.\(item.id)"] ?? "").trimmingSpaces
      let dueText = (form["r.\(item.id)"] ?? "").trimmingSpaces
      answers.byItem[item.id] = .init(decision: decision, amount: amountText, due: dueText)
      // Only reading is checked here; what an amount may be (its sign) is the proposal's rule.
      let (typed, amountRefusal) = Self.money(amountText, field: "montant")
      let (typedDue, dueRefusal) = Self.money(dueText, field: "restant dû")
      if let refusal = amountRefusal ?? dueRefusal {
        errors[item.id] = refusal
        continue
      }
      switch decision {
      case "rejeter": reviews[item.id] = .reject
      case "accepter", "corriger":
        // An amount changed while « accepter » is ticked is a correction all the same.
        let changed = typed.map { $0 != item.amount } ?? false
        reviews[item.id] = decision == "corriger" || changed || typedDue != nil ? .correct(amount: typed, remainingDue: typedDue) : .accept
      default: break
      }
    }
    func again(_ general: [String], _ rowErrors: [String: String], status: HTTPResponse.Status) throws -> Response {
      let page = StatementReviewPage(
        ref: ref, version: version ?? loaded.version, situation: loaded.situation, pieces: ids, bank: bank, analysis: loaded.analysis,
        proposal: loaded.proposal,
        answers: answers, errors: rowErrors, general: general)
      return try HTML.page(
        "Dossier \(ref) : relecture des relevés", "releves-revue", TemplateData(page), context: context, status: status,
        wide: true
      ).response(from: request, context: context)
    }
    let scenario: Scenario
    do throws(StatementProposal.ReviewError) {
      guard errors.isEmpty else { throw StatementProposal.ReviewError(messages: errors) }
      scenario = try loaded.proposal.reviewed(reviews)
    } catch {
      return try again(
        ["Rien n'est enregistré : \(error.messages.count) ligne(s) à reprendre, signalée(s) ci-dessous."], error.messages,
        status: .unprocessableContent)
    }
    let text = ScenarioWriter.yaml(scenario)
    let computed = ComputedScenario(text: text)
    guard let checked = computed.scenario, let figures = computed.figures else {
      return try again(
        [
          "Rien n'est enregistré : la situation relue ne se calcule pas ("
            + (computed.errors + computed.diagnostics.map(\.message)).joined(separator: " ; ") + ")."
        ], [:], status: .unprocessableContent)
    }
    let counts = Self.counts(reviews)
    let note = "Relevés \(ids.joined(separator: ", ")) relus : \(counts)"
    let actor = context.actor
    do {
      _ = try await store.run { s in
        let previous = try await s.load(ref, by: actor).latest
        let draft = SituationDraft.carrying(text: text, scenario: checked, figures: figures, note: note, previous: previous)
        return try await s.apply(.situation(draft), to: ref, expectedVersion: version, by: actor)
      }
    } catch let e as StoreError {
      return try again(
        ["Rien n'est enregistré : \(e.description). Vos choix sont gardés ci-dessous ; rechargez le dossier pour voir ce qui a changé."],
        [:], status: .conflict)
    }
    return Response(status: .seeOther, headers: [.location: "/dossiers/\(ref)"])
  }

  /// The statements read again from the case's pieces, analysed against the latest situation.
  /// `situation` is the version the review was drafted against (nil: the latest), so that the
  /// rows answered are the rows shown even when the case changed meanwhile.
  func load(
    _ ref: CaseRef, ids: [String], bank: String?, situation: Int? = nil, context: WebContext
  ) async throws -> (
    version: Int, situation: Int, analysis: StatementAnalysis, proposal: StatementProposal
  ) {
    guard !ids.isEmpty else { throw Self.refused("Aucun relevé choisi : importez-les d'abord (« Importer des relevés »).") }
    let actor = context.actor
    let (record, contents) = try await store.run { s -> (CaseRecord, [(HandedDocument, [UInt8])]) in
      let r = try await s.load(ref, by: actor)
      var out: [(HandedDocument, [UInt8])] = []
      for id in ids {
        guard let d = r.documents.first(where: { $0.id == id && $0.type == StatementPiece.type }) else {
          throw WebError(status: .notFound, message: "Relevé « \(id.excerpt) » introuvable dans ce dossier.")
        }
        out.append((d, try await s.documentContent(ref, id: id)))
      }
      return (r, out)
    }
    guard let latest = situation.flatMap({ n in record.situations.first { $0.number == n } }) ?? record.latest,
      let base = try? ScenarioFile.parse(VariantSet.apply("", to: latest.scenarioText).text, file: "situation.yaml")
    else {
      throw Self.refused(
        "Ce dossier n'a pas encore de situation lisible : saisissez d'abord le ménage (formulaire), puis relisez les relevés.")
    }
    var statements: [Statement] = []
    for (d, bytes) in contents {
      do throws(StatementError) {
        statements.append(try StatementReader.read(bytes: bytes, file: d.fileName, layouts: configuration.statementLayouts, forced: bank))
      } catch {
        throw Self.refused(error.description)
      }
    }
    let analysis = StatementAnalyzer.analyse(statements)
    return (record.file.version, latest.number, analysis, StatementProposal.make(base: base, analysis: analysis))
  }

  static func ids(_ text: String) -> [String] {
    Array(text.split(separator: ",").map { String($0).trimmingSpaces.uppercased() }.filter { !$0.isEmpty }.prefix(24))
  }

  static func baseName(_ name: String) -> String {
    let n = name.trimmingSpaces
    let last = n.split(separator: "/").last.flatMap { $0.split(separator: "\\").last }.map(String.init) ?? ""
    return last.isEmpty ? "releve" : String(last.prefix(200))
  }

  static func pieceFormat(_ f: Statement.Format) -> UploadedPiece.Format {
    switch f {
    case .csv: .csv
    case .ofx: .ofx
    case .camt053: .xml
    }
  }

  /// An amount typed in the review: nil when empty; the French refusal when it does not read.
  static func money(_ text: String, field: String) -> (amount: Money?, refusal: String?) {
    guard !text.isEmpty else { return (nil, nil) }
    guard let m = try? Money(french: text), m.exactCents != nil,
      (m.isNegative ? (Money.zero - m) : m).value <= Rational(Money.maximumInputEuros)
    else {
      return (nil, "\(field) : « \(text.excerpt) » n'est pas un montant en euros (par exemple 1 234,56)")
    }
    return (m, nil)
  }

  static func counts(_ reviews: [String: StatementProposal.Review]) -> String {
    let values = Array(reviews.values)
    let accepted = values.filter { $0 == .accept }.count
    let rejected = values.filter { $0 == .reject }.count
    let corrected = values.count - accepted - rejected
    return "\(accepted) ligne(s) acceptée(s), \(corrected) corrigée(s), \(rejected) rejetée(s)"
  }
}
