import EquilibreCases
import EquilibreCore
import Foundation
import Hummingbird
import HummingbirdAuth
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOSSL

/// The router of the workspace: middleware (errors, security headers, session, CSRF, who is
/// asking, case access) then controllers.
public func buildRouter(
  store: StorePool, configuration: WebConfiguration, today: @escaping @Sendable () -> CivilDate,
  sessions: any PersistDriver = MemoryPersistDriver()
) -> Router<WebContext> {
  let router = Router(context: WebContext.self)
  let secure = configuration.shared && configuration.sharing.secureCookies
  router.add(middleware: SecurityHeadersMiddleware(hsts: secure))
  router.add(middleware: ErrorPagesMiddleware(shared: configuration.shared))
  router.add(middleware: BodyLimitMiddleware())
  router.add(
    middleware: SessionMiddleware<WebContext>(
      storage: sessions,
      configuration: .init(
        sessionCookieParameters: .init(name: "equilibre_session", path: "/", secure: secure, sameSite: .strict),
        keyPrefix: "session.", defaultSessionExpiration: .seconds(configuration.sharing.sessionHours * 3600))))
  router.add(middleware: CSRFMiddleware(secureCookie: secure, behindProxy: configuration.shared && configuration.sharing.behindTLSProxy))
  router.add(middleware: ViewerMiddleware(store: store, configuration: configuration))
  router.add(middleware: CaseAccessMiddleware(store: store))
  AssetsController().addRoutes(to: router)
  LiveController().addRoutes(to: router)
  AccountsController(
    store: store, configuration: configuration,
    throttle: LoginThrottle(store: store, maxFailures: configuration.sharing.maxFailures, minutes: configuration.sharing.throttleMinutes)
  ).addRoutes(to: router)
  FormController(store: store, configuration: configuration, today: today).addRoutes(to: router)
  CasesController(store: store, configuration: configuration, today: today).addRoutes(to: router)
  FollowUpController(store: store, configuration: configuration, today: today).addRoutes(to: router)
  PiecesController(store: store, configuration: configuration, today: today).addRoutes(to: router)
  StatementsController(store: store, configuration: configuration, today: today).addRoutes(to: router)
  ReportController(store: store, configuration: configuration, today: today).addRoutes(to: router)
  DocumentsController(store: store, configuration: configuration, today: today).addRoutes(to: router)
  ImportExportController(store: store, configuration: configuration, today: today).addRoutes(to: router)
  AtelierController(today: today).addRoutes(to: router)
  ParametersController(today: today).addRoutes(to: router)
  // Any other address: a French page through the same middleware (headers included).
  for method in [HTTPRequest.Method.get, .post] {
    router.on("**", method: method) { _, _ -> Response in throw WebError(status: .notFound, message: "Cette page n'existe pas.") }
  }
  // The store's dates (contacts, appointments) follow the workspace's today.
  store.prepareEach { ($0 as? SQLCaseStore)?.day = today }
  return router
}

/// The workspace application over an open base (HTTPS when shared mode has a certificate).
public func buildApplication(
  store: StorePool, configuration: WebConfiguration, today: @escaping @Sendable () -> CivilDate, logger: Logger? = nil,
  onServerRunning: @escaping @Sendable () -> Void = {}
) throws -> some ApplicationProtocol {
  var log = logger ?? Logger(label: "equilibre.serveur")
  if logger == nil { log.logLevel = .notice }
  // Shared mode: sessions in the base, for several instances and across restarts.
  let memory = MemoryPersistDriver()
  let sessions: any PersistDriver =
    configuration.shared
    ? StoreSessionDriver(store: store, idleSeconds: configuration.sharing.idleMinutes * 60) : memory
  let router = buildRouter(store: store, configuration: configuration, today: today, sessions: sessions)
  let server: HTTPServerBuilder
  let hsts = configuration.shared && configuration.sharing.secureCookies
  // Idle and half-sent connections are closed after `idleSeconds`; every response carries the
  // security headers, the HTTP layer's own refusals included.
  let http1 = HTTP1Channel.Configuration(
    additionalChannelHandlers: [HTTPGuardHandler(hsts: hsts)], idleTimeout: .seconds(Int64(configuration.idleSeconds)))
  if configuration.shared, let certificate = configuration.sharing.tlsCertificate, let key = configuration.sharing.tlsKey {
    server = try .tls(.http1(configuration: http1), tlsConfiguration: tlsConfiguration(certificate: certificate, key: key))
  } else {
    server = .http1(configuration: http1)
  }
  return Application(
    router: router, server: server,
    configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Equilibre"),
    services: configuration.shared ? [] : [memory], onServerRunning: { _ in onServerRunning() }, logger: log)
}

/// The server's TLS from PEM files, with a French error naming the file (never its contents).
func tlsConfiguration(certificate: String, key: String) throws -> TLSConfiguration {
  let chain: [NIOSSLCertificate]
  do { chain = try NIOSSLCertificate.fromPEMFile(certificate) } catch {
    throw StoreError.unavailable("--tls-certificat \(certificate) : certificat PEM illisible")
  }
  let privateKey: NIOSSLPrivateKey
  do { privateKey = try NIOSSLPrivateKey(file: key, format: .pem) } catch {
    throw StoreError.unavailable("--tls-cle \(key) : clé privée PEM illisible")
  }
  var tls = TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(privateKey))
  tls.minimumTLSVersion = .tlsv12
  return tls
}

/// Opens the base for the workspace: a pool of connections (SQLite in WAL mode reads in
/// parallel and writes one at a time); reads
/// of a case are logged in shared mode.
public func openWorkspaceStore(_ configuration: WebConfiguration) async throws -> StorePool {
  let size = CaseBase.isPostgres(configuration.base) ? configuration.sharing.postgresPoolSize : configuration.sqlitePoolSize
  let stores = try await CaseBase.openPool(
    configuration.base, size: size, actor: configuration.counsellor, logReads: configuration.shared ? true : nil,
    create: configuration.creation)
  guard CaseBase.isPostgres(configuration.base) else { return StorePool(stores) }
  // A PostgreSQL connection the server dropped is opened again on its next use.
  let location = configuration.base
  let actor = configuration.counsellor
  let logReads = configuration.shared ? true : nil
  return StorePool(stores) { try await CaseBase.open(location, actor: actor, logReads: logReads, migrate: false, create: .never) }
}

/// Runs the workspace until SIGINT or SIGTERM; in-flight requests finish, then the base closes.
public func runWorkspace(
  _ configuration: WebConfiguration, today: @escaping @Sendable () -> CivilDate, started: @escaping @Sendable () -> Void
) async throws {
  if let refusal = configuration.refusal { throw StoreError.unavailable(refusal) }
  raiseOpenFileLimit()
  let store = try await openWorkspaceStore(configuration)
  do {
    if configuration.shared {
      let accounts = try await store.run { try await $0.accounts() }
      guard accounts.contains(where: { $0.active && $0.role == .administrateur }) else {
        throw StoreError.unavailable(
          "mode partagé : cette base n'a aucun compte administrateur actif ; créez-en un d'abord : equilibre comptes creer IDENTIFIANT --role administrateur --base …"
        )
      }
    }
    // The address is announced once the socket listens: a script that reads it connects at once.
    let app = try buildApplication(store: store, configuration: configuration, today: today, onServerRunning: started)
    try await app.runService()
  } catch {
    await store.close()
    throw error
  }
  await store.close()
}

/// Many idle browsers must not exhaust the descriptors: the soft limit goes up to the hard one.
func raiseOpenFileLimit() {
  var limit = rlimit()
  guard getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < limit.rlim_max else { return }
  limit.rlim_cur = min(limit.rlim_max, 65_536)
  _ = setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
}
