import EquilibreCases
import EquilibreCore
import Foundation
import Hummingbird

/// Shared mode: signing in and out, one's own password, the accounts (administrateur) and the
/// sharing of a case with a colleague. Local mode has no account: these pages say so.
struct AccountsController {
  let store: StorePool
  let configuration: WebConfiguration
  let throttle: LoginThrottle

  func addRoutes(to router: Router<WebContext>) {
    router.get("/connexion", use: signInForm)
    router.post("/connexion", use: signIn)
    router.post("/deconnexion", use: signOut)
    router.get("/compte", use: ownAccount)
    router.post("/compte/mot-de-passe", use: changeOwnPassword)
    router.get("/comptes", use: accounts)
    router.post("/comptes", use: createAccount)
    router.post("/comptes/:login", use: updateAccount)
    router.post("/comptes/:login/mot-de-passe", use: resetPassword)
    router.post("/dossiers/:ref/partages", use: share)
  }

  var sharing: WebConfiguration.Sharing { configuration.sharing }

  func requireShared() throws {
    guard configuration.shared else {
      throw WebError(
        status: .notFound, message: "L'espace local n'a pas de comptes : il ne s'ouvre que sur cet ordinateur, sans connexion.")
    }
  }

  /// Where to go after signing in: a path of this site only.
  static func safeNext(_ s: String?) -> String {
    guard let s, s.hasPrefix("/"), !s.hasPrefix("//"), !s.contains("\\"), s.count < 300,
      s.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F })
    else { return "/" }
    return s
  }

  /// The address the request came from (the proxy's `X-Forwarded-For` only behind one).
  func clientAddress(_ request: Request, context: WebContext) -> String {
    if sharing.behindTLSProxy, let f = request.headers[.init("X-Forwarded-For")!]?.split(separator: ",").last {
      return f.trimmingCharacters(in: .whitespaces)
    }
    return context.remoteAddress?.ipAddress ?? "inconnue"
  }

  // MARK: Sign-in

  @Sendable func signInForm(_ request: Request, context: WebContext) async throws -> Response {
    guard configuration.shared, context.viewer.account == nil else { return Response(status: .seeOther, headers: [.location: "/"]) }
    let next = Self.safeNext(request.uri.queryParameters["suite"].map(String.init))
    return try HTML.page("Connexion", "connexion", ["suite": next], context: context).response(from: request, context: context)
  }

  @Sendable func signIn(_ request: Request, context: WebContext) async throws -> Response {
    try requireShared()
    let form = try await Form.read(request, context: context)
    let login = (form["identifiant"] ?? "").trimmingSpaces.lowercased()
    let password = form["mot_de_passe"] ?? ""
    let next = Self.safeNext(form["suite"])
    let keys = ["identifiant:\(login)", "adresse:\(clientAddress(request, context: context))"]
    let shownLogin = String(login.prefix(64))
    if let minutes = try await throttle.wait(keys) {
      try await store.run {
        try await $0.recordEvent("connexion-bloquee", ref: nil, detail: "trop d'échecs pour \(shownLogin)", by: shownLogin)
      }
      return try HTML.page(
        "Connexion", "connexion",
        [
          "suite": next, "identifiant": shownLogin,
          "message": "Trop de tentatives : réessayez dans \(minutes) minute\(minutes > 1 ? "s" : "").",
        ],
        context: context, status: .tooManyRequests
      ).response(from: request, context: context)
    }
    let found = Account.checkLogin(login) == nil ? try await store.run { try await $0.account(login) } : nil
    // An unknown login costs the same bcrypt time as a known one.
    let valid = Passwords.verify(password, hash: found?.passwordHash ?? Passwords.decoy)
    guard let found, valid, found.account.active else {
      try await throttle.failed(keys)
      try await store.run { try await $0.recordEvent("connexion-refusee", ref: nil, detail: "identifiant \(shownLogin)", by: shownLogin) }
      return try HTML.page(
        "Connexion", "connexion",
        ["suite": next, "identifiant": shownLogin, "message": "Identifiant ou mot de passe incorrect, ou compte désactivé."],
        context: context, status: .unauthorized
      ).response(from: request, context: context)
    }
    try await throttle.succeeded([keys[0]])
    try await store.run { try await $0.recordEvent("connexion", ref: nil, detail: "connexion", by: found.account.login) }
    context.sessions.setSession(
      WebSession(
        login: found.account.login, signedInAt: SQLCaseStore.isoNow(), csrf: CSRFMiddleware.newToken(),
        credential: Passwords.fingerprint(found.passwordHash)),
      expiresIn: .seconds(sharing.sessionHours * 3600))
    let target = found.account.role == .administrateur && next == "/" ? "/comptes" : next
    return Response(status: .seeOther, headers: [.location: target])
  }

  @Sendable func signOut(_ request: Request, context: WebContext) async throws -> Response {
    try requireShared()
    if let a = context.viewer.account {
      // Signing out ends the account's sessions on every instance and every device.
      try await store.run {
        try await $0.recordEvent("deconnexion", ref: nil, detail: "déconnexion", by: a.login)
        try await $0.removeSessions(of: a.login)
      }
    }
    context.sessions.clearSession()
    return Response(status: .seeOther, headers: [.location: "/connexion"])
  }

  // MARK: One's own password

  @Sendable func ownAccount(_ request: Request, context: WebContext) async throws -> HTML {
    try requireShared()
    return HTML.page("Mon compte", "comptes", ["moi": true, "longueur": String(sharing.minimumPasswordLength)], context: context)
  }

  @Sendable func changeOwnPassword(_ request: Request, context: WebContext) async throws -> HTML {
    try requireShared()
    guard let me = context.viewer.account else { throw WebError(status: .unauthorized, message: "Connectez-vous d'abord.") }
    let form = try await Form.read(request, context: context)
    let current = try await store.run { try await $0.account(me.login) }
    var message: String
    var status: HTTPResponse.Status = .unprocessableContent
    if let current, Passwords.verify(form["actuel"] ?? "", hash: current.passwordHash) {
      let new = form["nouveau"] ?? ""
      if new != form["confirmation"] {
        message = "Les deux saisies du nouveau mot de passe diffèrent : rien n'a été changé."
      } else if let weak = Passwords.weakness(new, login: me.login, name: me.name, minimumLength: sharing.minimumPasswordLength) {
        message = "Nouveau mot de passe refusé : \(weak)."
      } else {
        let hash = Passwords.hash(new, cost: sharing.bcryptCost)
        try await store.run { try await $0.setPassword(me.login, passwordHash: hash, by: me.login) }
        // This session goes on with the new password; every other one of the account ends.
        if var session = context.sessions.session {
          session.credential = Passwords.fingerprint(hash)
          context.sessions.setSession(session)
        }
        message = "Mot de passe changé : vos autres connexions sont fermées."
        status = .ok
      }
    } else {
      message = "Mot de passe actuel incorrect : rien n'a été changé."
    }
    return HTML.page(
      "Mon compte", "comptes", ["moi": true, "longueur": String(sharing.minimumPasswordLength), "message": message], context: context,
      status: status)
  }

  // MARK: Accounts (administrateur)

  func requireAdministrator(_ context: WebContext, _ request: Request) async throws -> Account {
    try requireShared()
    guard AccessPolicy.mayManageAccounts(context.viewer), let a = context.viewer.account else {
      try await context.recordRefusal(request, ref: nil, store: store)
      throw WebError(status: .forbidden, message: "Seul un compte administrateur gère les comptes.")
    }
    return a
  }

  func accountsPage(context: WebContext, message: String? = nil, draft: Form? = nil, status: HTTPResponse.Status = .ok) async throws -> HTML
  {
    let list = try await store.run { try await $0.accounts() }
    let model = AccountsPage(
      minimumLength: String(sharing.minimumPasswordLength),
      accounts: list.map { a in
        .init(
          login: a.login, name: a.name, role: a.role.rawValue, structure: a.structure ?? "", state: a.active ? "actif" : "désactivé",
          active: a.active,
          roles: Account.Role.allCases.map { .init(value: $0.rawValue, selected: $0 == a.role) })
      },
      newRoles: Account.Role.allCases.map { .init(value: $0.rawValue, label: $0.french) }, message: message ?? "",
      newLogin: draft?["identifiant"] ?? "", newName: draft?["nom"] ?? "", newStructure: draft?["structure"] ?? "")
    return HTML.page("Comptes", "comptes", model: model, context: context, status: status)
  }

  @Sendable func accounts(_ request: Request, context: WebContext) async throws -> HTML {
    _ = try await requireAdministrator(context, request)
    return try await accountsPage(context: context)
  }

  static func structure(_ form: Form) -> String? {
    let s = (form["structure"] ?? "").trimmingSpaces
    return s.isEmpty ? nil : String(s.prefix(200))
  }

  @Sendable func createAccount(_ request: Request, context: WebContext) async throws -> HTML {
    let admin = try await requireAdministrator(context, request)
    let form = try await Form.read(request, context: context)
    let login = (form["identifiant"] ?? "").trimmingSpaces.lowercased()
    let name = (form["nom"] ?? "").trimmingSpaces
    let password = form["mot_de_passe"] ?? ""
    func refuse(_ m: String) async throws -> HTML {
      try await accountsPage(context: context, message: "Compte non créé : \(m).", draft: form, status: .unprocessableContent)
    }
    if let reason = Account.checkLogin(login) { return try await refuse(reason) }
    if name.isEmpty { return try await refuse("le nom affiché manque") }
    guard let role = Account.Role(rawValue: form["role"] ?? "") else { return try await refuse("rôle inconnu") }
    if let weak = Passwords.weakness(password, login: login, name: name, minimumLength: sharing.minimumPasswordLength) {
      return try await refuse(weak)
    }
    let account = Account(login: login, name: String(name.prefix(200)), role: role, structure: Self.structure(form))
    let hash = Passwords.hash(password, cost: sharing.bcryptCost)
    do {
      try await store.run { try await $0.createAccount(account, passwordHash: hash, by: admin.login) }
    } catch let e as StoreError {
      return try await refuse(e.description)
    }
    return try await accountsPage(context: context, message: "Compte « \(login) » créé.")
  }

  @Sendable func updateAccount(_ request: Request, context: WebContext) async throws -> HTML {
    let admin = try await requireAdministrator(context, request)
    let login = context.parameters.get("login") ?? ""
    let form = try await Form.read(request, context: context)
    guard var account = try await store.run({ try await $0.account(login) })?.account else {
      throw WebError(status: .notFound, message: "Compte inconnu.")
    }
    guard let role = Account.Role(rawValue: form["role"] ?? "") else {
      return try await accountsPage(context: context, message: "Rôle inconnu : rien n'a été changé.", status: .unprocessableContent)
    }
    let active = form["actif"] != "non"
    if login == admin.login && (!active || role != .administrateur) {
      return try await accountsPage(
        context: context, message: "Vous ne pouvez ni désactiver votre propre compte ni lui retirer le rôle d'administrateur.",
        status: .unprocessableContent)
    }
    account.role = role
    account.active = active
    account.structure = Self.structure(form)
    let updated = account
    try await store.run {
      try await $0.updateAccount(updated, by: admin.login)
      // A disabled account is out everywhere (each request also checks it).
      if !updated.active { try await $0.removeSessions(of: updated.login) }
    }
    return try await accountsPage(context: context, message: "Compte « \(login) » enregistré.")
  }

  @Sendable func resetPassword(_ request: Request, context: WebContext) async throws -> HTML {
    let admin = try await requireAdministrator(context, request)
    let login = context.parameters.get("login") ?? ""
    let form = try await Form.read(request, context: context)
    let password = form["mot_de_passe"] ?? ""
    guard let target = try await store.run({ try await $0.account(login) })?.account else {
      throw WebError(status: .notFound, message: "Compte inconnu.")
    }
    if let weak = Passwords.weakness(password, login: login, name: target.name, minimumLength: sharing.minimumPasswordLength) {
      return try await accountsPage(context: context, message: "Mot de passe refusé : \(weak).", status: .unprocessableContent)
    }
    let hash = Passwords.hash(password, cost: sharing.bcryptCost)
    try await store.run { try await $0.setPassword(login, passwordHash: hash, by: admin.login) }
    return try await accountsPage(
      context: context, message: "Mot de passe provisoire du compte « \(login) » enregistré : ses connexions ouvertes sont fermées.")
  }

  // MARK: Sharing a case

  @Sendable func share(_ request: Request, context: WebContext) async throws -> Response {
    try requireShared()
    let ref = try context.caseRef()
    guard let me = context.viewer.account else { throw WebError(status: .unauthorized, message: "Connectez-vous d'abord.") }
    let form = try await Form.read(request, context: context)
    let other = (form["identifiant"] ?? "").trimmingSpaces.lowercased()
    let remove = form["faire"] == "retirer"
    try await store.run { s in
      let access = try await s.caseAccess(ref)
      // Only the counsellor who follows the case, or a responsable, shares it.
      guard access.counsellor == me.login || me.role == .responsable else {
        try await s.recordEvent(
          "acces-refuse", ref: ref, detail: "partage refusé : \(request.method.rawValue) \(String(request.uri.path.prefix(200)))",
          by: me.login)
        throw WebError(status: .forbidden, message: "Seul le conseiller qui suit ce dossier, ou un responsable, peut le partager.")
      }
      if remove { try await s.unshare(ref, with: other, by: me.login) } else { try await s.share(ref, with: other, by: me.login) }
    }
    return Response(status: .seeOther, headers: [.location: "/dossiers/\(ref)#partage"])
  }
}
