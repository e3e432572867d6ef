import EquilibreCore
import Hummingbird

/// `GET /parametres?date=AAAA-MM-JJ`: the legal parameters in force on a date (today by default),
/// for a counsellor who must say which figure a computation used, and from which text.
struct ParametersController {
  let today: @Sendable () -> CivilDate

  func addRoutes(to router: Router<WebContext>) {
    router.get("/parametres", use: list)
  }

  @Sendable func list(_ request: Request, context: WebContext) async throws -> HTML {
    let typed = request.uri.queryParameters["date"].map(String.init) ?? ""
    let files = LocalParameters.loaded.files
    guard typed.isEmpty || CivilDate(typed).map({ CivilDate.inputYears.contains($0.year) }) == true else {
      let model = ParametersPage(
        date: typed, listing: nil, error: "Date : « \(typed.excerpt) » n'est pas une date (AAAA-MM-JJ, par exemple 2026-04-01).",
        localFiles: files)
      return HTML.page("Paramètres légaux", "parametres", model: model, context: context, status: .unprocessableContent)
    }
    let day = CivilDate(typed) ?? today()
    let model = ParametersPage(date: day.description, listing: ParameterListing(.national, on: day), error: nil, localFiles: files)
    return HTML.page("Paramètres légaux", "parametres", model: model, context: context)
  }
}
