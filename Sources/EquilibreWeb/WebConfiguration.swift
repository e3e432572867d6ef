import EquilibreCases
import EquilibreStatements

/// How the workspace runs: where it listens, which base, who acts.
public struct WebConfiguration: Sendable {
  /// `127.0.0.1` unless shared mode allows another address.
  public var host: String
  public var port: Int
  /// The case base (SQLite file or `postgres://…`).
  public var base: String
  /// The counsellor recorded in the audit in local mode.
  public var counsellor: String
  /// Shared mode (`--partage`): accounts and sign-in; required to listen on anything but loopback.
  public var shared: Bool
  public var policy: MeasurePolicy
  /// Shared mode's settings.
  public var sharing: Sharing
  /// Connections to an SQLite base: readers in parallel (WAL), writers one at a time.
  public var sqlitePoolSize = 4
  /// A connection idle, or a request half sent, for this long is closed (30 s).
  public var idleSeconds = 30
  /// Whether a missing SQLite base may be created (the workspace opens the first case).
  public var creation: CaseBase.Creation = .fileAndFolders
  /// The banks' statement layouts: those shipped, and a structure's own (`--mises-en-page`).
  public var statementLayouts: [StatementLayout] = StatementLayout.shipped

  public init(
    host: String = "127.0.0.1", port: Int = 8080, base: String, counsellor: String, shared: Bool = false, policy: MeasurePolicy = .shipped,
    sharing: Sharing = Sharing()
  ) {
    self.host = host
    self.port = port
    self.base = base
    self.counsellor = counsellor
    self.shared = shared
    self.policy = policy
    self.sharing = sharing
  }

  /// Settings of shared mode, each with its documented default.
  public struct Sharing: Sendable {
    /// The certificate and key (PEM) when the server speaks TLS itself (`--tls-certificat`, `--tls-cle`).
    public var tlsCertificate: String?
    public var tlsKey: String?
    /// A reverse proxy in front terminates TLS (`--derriere-proxy-tls`): cookies are still `Secure`.
    public var behindTLSProxy: Bool
    /// How long a sign-in lasts (8 hours: a working day).
    public var sessionHours: Int
    /// A sign-in unused for this long ends (30 minutes: a screen left open in an office).
    public var idleMinutes: Int
    /// Failed sign-ins allowed per identifier and per address within `throttleMinutes` (5 in 15 minutes).
    public var maxFailures: Int
    public var throttleMinutes: Int
    /// bcrypt's cost for new passwords (12).
    public var bcryptCost: UInt8
    /// The shortest password accepted (12 characters).
    public var minimumPasswordLength: Int
    /// Connections to a PostgreSQL base (8).
    public var postgresPoolSize: Int

    public init(
      tlsCertificate: String? = nil, tlsKey: String? = nil, behindTLSProxy: Bool = false, sessionHours: Int = 8, idleMinutes: Int = 30,
      maxFailures: Int = 5,
      throttleMinutes: Int = 15, bcryptCost: UInt8 = Passwords.defaultCost, minimumPasswordLength: Int = Passwords.defaultMinimumLength,
      postgresPoolSize: Int = 8
    ) {
      self.tlsCertificate = tlsCertificate
      self.tlsKey = tlsKey
      self.behindTLSProxy = behindTLSProxy
      self.sessionHours = sessionHours
      self.idleMinutes = idleMinutes
      self.maxFailures = maxFailures
      self.throttleMinutes = throttleMinutes
      self.bcryptCost = bcryptCost
      self.minimumPasswordLength = minimumPasswordLength
      self.postgresPoolSize = postgresPoolSize
    }

    /// Cookies carry `Secure` when the browser reaches us over TLS.
    public var secureCookies: Bool { tlsCertificate != nil || behindTLSProxy }
  }

  /// Loopback addresses: the only ones local mode listens on.
  public static func isLoopback(_ host: String) -> Bool {
    host == "127.0.0.1" || host == "::1" || host == "localhost" || host.hasPrefix("127.")
  }

  /// Why this configuration may not start, in French (nil when it may).
  public var refusal: String? {
    if !shared && !Self.isLoopback(host) {
      return "--ecoute \(host) : hors de la boucle locale, l'espace ne s'ouvre qu'en mode partagé (--partage)"
    }
    if shared && !Self.isLoopback(host) && !sharing.secureCookies {
      return
        "--ecoute \(host) : en mode partagé hors de la boucle locale, les mots de passe et les dossiers ne circulent que chiffrés : donnez --tls-certificat et --tls-cle, ou --derriere-proxy-tls si un serveur mandataire HTTPS est devant"
    }
    if (sharing.tlsCertificate == nil) != (sharing.tlsKey == nil) { return "--tls-certificat et --tls-cle vont ensemble" }
    if !shared && (sharing.tlsCertificate != nil || sharing.behindTLSProxy) { return "TLS ne sert qu'en mode partagé (--partage)" }
    return nil
  }
}
