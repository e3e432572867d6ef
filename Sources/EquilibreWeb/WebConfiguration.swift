import EquilibreCases

/// How the workspace runs: where it listens, which base, who acts.
public struct WebConfiguration: Sendable {
  /// `127.0.0.1` unless shared mode allows another address.
  public var host: String
  public var port: Int
  /// The case base (SQLite file or `postgres://…`).
  public var base: String
  /// The counsellor recorded in the audit in local mode.
  public var counsellor: String
  /// Shared mode (`--partage`): required to listen on anything but loopback.
  public var shared: Bool
  public var policy: MeasurePolicy

  public init(host: String = "127.0.0.1", port: Int = 8080, base: String, counsellor: String, shared: Bool = false, policy: MeasurePolicy = .shipped) {
    self.host = host
    self.port = port
    self.base = base
    self.counsellor = counsellor
    self.shared = shared
    self.policy = policy
  }

  /// Loopback addresses: the only ones local mode listens on.
  public static func isLoopback(_ host: String) -> Bool {
    host == "127.0.0.1" || host == "::1" || host == "localhost" || host.hasPrefix("127.")
  }
}
