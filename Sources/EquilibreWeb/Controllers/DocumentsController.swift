import EquilibreCases
import EquilibreCore
import EquilibreDocuments
import EquilibreScenarios
import Foundation
import Hummingbird

/// The documents of a case: the dossier, the filing draft, the engagement document and the
/// review, as HTML or PDF, anonymised on request. A download is recorded in the audit only; a
/// document ticked « remis au ménage » is kept in the case with the day it was handed.
struct DocumentsController {
  let store: StorePool
  let configuration: WebConfiguration
  let today: @Sendable () -> CivilDate

  enum Kind: String, CaseIterable {
    case dossier, surendettement, apurement, convention, bilan

    var french: String {
      switch self {
      case .dossier: "Dossier budgétaire"
      case .surendettement: "Brouillon de déclaration de surendettement"
      case .apurement: "Proposition de plan d'apurement de la dette de loyer"
      case .convention: "Convention d'accompagnement"
      case .bilan: "Bilan de l'accompagnement"
      }
    }
  }

  func addRoutes(to router: Router<WebContext>) {
    router.post("/dossiers/:ref/documents", use: produce)
  }

  @Sendable func produce(_ request: Request, context: WebContext) async throws -> Response {
    let ref = try context.caseRef()
    let form = try await Form.read(request, context: context)
    guard let kind = form["type"].flatMap(Kind.init(rawValue:)) else {
      throw WebError(status: .unprocessableContent, message: "Type de document : choisissez dans la liste.")
    }
    let pdf = form["format"] == "pdf"
    let anonymous = form["anonyme"] == "oui"
    let actor = context.actor
    let record = try await store.run { try await $0.load(ref, by: actor) }
    guard let latest = record.latest else { throw WebError(status: .unprocessableContent, message: "Ce dossier n'a pas de situation.") }
    let day = today()
    // « Remis au ménage » is ticked on purpose, with the day it is handed (today by default).
    var handedOn: CivilDate?
    if form["remis"] == "oui" {
      let typed = form["date_remise"]?.trimmingSpaces ?? ""
      guard let date = typed.isEmpty ? day : CivilDate(typed) else {
        throw WebError(
          status: .unprocessableContent,
          message: "Date de remise au ménage : « \(typed.excerpt) » n'est pas une date (AAAA-MM-JJ ou JJ/MM/AAAA).")
      }
      guard date <= day else {
        throw WebError(status: .unprocessableContent, message: "Date de remise au ménage : le \(date.french) n'est pas encore arrivé.")
      }
      handedOn = date
    }
    let data: [String: Any]
    let documentKind: DocumentKind
    switch kind {
    case .dossier, .surendettement, .apurement:
      // The plan d'apurement's length, typed beside the list (required for that document only).
      var choice: ArrearsPlan.Choice?
      if kind == .apurement {
        let typed = form["mois_apurement"]?.trimmingSpaces ?? ""
        guard let n = Int(typed), (1...ArrearsPlan.maximumMonths).contains(n) else {
          throw WebError(
            status: .unprocessableContent,
            message:
              "Durée du plan d'apurement : indiquez un nombre de mois entre 1 et \(ArrearsPlan.maximumMonths)\(typed.isEmpty ? "" : " (« \(typed.excerpt) » tapé)")."
          )
        }
        choice = .months(n)
      }
      let scenario: Scenario
      do { scenario = try ScenarioFile.parse(latest.computed.text, file: "situation") } catch {
        throw WebError(
          status: .unprocessableContent, message: "La dernière situation ne se lit plus : enregistrez-en une nouvelle version.")
      }
      let forfaits = scenario.settings.forfaitsFile.flatMap { name in ExampleScenarios.files.first { $0.name == name }?.text }
        .flatMap { try? ParameterFile.parse($0, file: "forfaits") }
      let c: DocumentCase
      do { c = try DocumentCase(scenario: scenario, forfaits: forfaits, documentDate: day, anonymous: anonymous) } catch {
        throw WebError(status: .unprocessableContent, message: error.description)
      }
      switch kind {
      case .apurement:
        guard let choice else { throw WebError(status: .unprocessableContent, message: "Durée du plan d'apurement : indiquez-la.") }
        do {
          data = DocumentData.arrearsPlan(c, try ArrearsPlan(scenario: scenario, capacity: c.capacity, choice: choice))
        } catch {
          throw WebError(status: .unprocessableContent, message: "Plan d'apurement : \(error.description).")
        }
        documentKind = .apurement
      case .dossier:
        data = DocumentData.dossier(c)
        documentKind = .dossier
      default:
        data = DocumentData.filing(c)
        documentKind = .surendettement
      }
    case .convention:
      data = try CaseDocuments.convention(record, measure: nil, policy: configuration.policy, date: day, anonymous: anonymous)
      documentKind = .convention
    case .bilan:
      data = try CaseDocuments.review(record, measure: nil, proposal: .renouveler, comment: nil, date: day, anonymous: anonymous)
      documentKind = .bilan
    }
    let bytes: [UInt8]
    do {
      var renderer = try DocumentRenderer()
      let html = try renderer.render(documentKind, markdown: false, data: data)
      bytes = pdf ? Array(try PDFRenderer.pdf(fromHTML: html)) : Array(html.utf8)
    } catch let e as DocumentError {
      let missing = e.description.hasPrefix("weasyprint est introuvable")
      throw WebError(
        status: missing ? .serviceUnavailable : .internalServerError,
        message: missing
          ? "Le PDF demande WeasyPrint, qui n'est pas installé sur cet ordinateur (pip install weasyprint). Le document reste disponible en HTML, à imprimer depuis le navigateur."
          : "Le document n'a pas pu être produit.")
    }
    let ext = pdf ? "pdf" : "html"
    let name = "\(kind.rawValue)-\(ref)\(anonymous ? "-anonyme" : "").\(ext)"
    if let handedOn {
      // Handed to the household: a deliberate act, kept in the case with its date and content.
      let change = CaseChange.document(
        type: kind.rawValue, date: handedOn, situation: latest.number, format: ext, fileName: name, content: bytes)
      _ = try await store.run { try await $0.apply(change, to: ref, expectedVersion: nil, by: actor) }
    } else {
      // A download only: the audit says who produced which document, the case is unchanged.
      let detail = "\(kind.rawValue) (\(ext)\(anonymous ? ", anonymisé" : "")), situation \(latest.number)"
      try await store.run { try await $0.recordEvent("document-telecharge", ref: ref, detail: detail, by: actor) }
    }
    return Response(
      status: .ok,
      headers: [
        .contentType: pdf ? "application/pdf" : "text/html; charset=utf-8", .contentDisposition: "attachment; filename=\"\(name)\"",
      ],
      body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
  }
}
