import EquilibreCases
import EquilibreCore
import Foundation
import Hummingbird
import Logging

/// The router of the workspace: middleware (errors, security headers, CSRF) then controllers.
public func buildRouter(store: SerialStore, configuration: WebConfiguration, today: @escaping @Sendable () -> CivilDate) -> Router<WebContext> {
  let router = Router(context: WebContext.self)
  router.add(middleware: SecurityHeadersMiddleware())
  router.add(middleware: ErrorPagesMiddleware())
  router.add(middleware: CSRFMiddleware(secureCookie: false))
  AssetsController().addRoutes(to: router)
  LiveController().addRoutes(to: router)
  FormController(store: store, configuration: configuration, today: today).addRoutes(to: router)
  CasesController(store: store, configuration: configuration, today: today).addRoutes(to: router)
  DocumentsController(store: store, configuration: configuration, today: today).addRoutes(to: router)
  ImportExportController(store: store, configuration: configuration, today: today).addRoutes(to: router)
  AtelierController(today: today).addRoutes(to: router)
  // Any other address: a French page through the same middleware (headers included).
  for method in [HTTPRequest.Method.get, .post] {
    router.on("**", method: method) { _, _ -> Response in throw WebError(status: .notFound, message: "Cette page n'existe pas.") }
  }
  return router
}

/// The workspace application over an open base.
public func buildApplication(
  store: SerialStore, configuration: WebConfiguration, today: @escaping @Sendable () -> CivilDate, logger: Logger? = nil
) -> some ApplicationProtocol {
  var log = logger ?? Logger(label: "equilibre.serveur")
  if logger == nil { log.logLevel = .notice }
  return Application(
    router: buildRouter(store: store, configuration: configuration, today: today),
    configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Equilibre"),
    logger: log)
}

/// Runs the workspace until SIGINT or SIGTERM; in-flight requests finish, then the base closes.
public func runWorkspace(_ configuration: WebConfiguration, today: @escaping @Sendable () -> CivilDate, started: @escaping @Sendable () -> Void) async throws {
  guard configuration.shared || WebConfiguration.isLoopback(configuration.host) else {
    throw StoreError.unavailable("--ecoute \(configuration.host) : hors de la boucle locale, l'espace ne s'ouvre qu'en mode partagé (--partage)")
  }
  let store = try await CaseBase.open(configuration.base, actor: configuration.counsellor)
  let app = buildApplication(store: SerialStore(store), configuration: configuration, today: today)
  started()
  do {
    try await app.runService()
  } catch {
    try? await store.close()
    throw error
  }
  try? await store.close()
}
