import Foundation

/// A person who signs in to the shared workspace.
public struct Account: Sendable, Equatable {
  /// The sign-in name: lower-case letters, digits, `.`, `-`, `_` (2 to 64).
  public var login: String
  /// The name shown in the audit and on the cases.
  public var name: String
  public var role: Role
  /// The structure (association, agency) whose cases a responsable sees.
  public var structure: String?
  public var active: Bool

  public init(login: String, name: String, role: Role, structure: String?, active: Bool = true) {
    self.login = login
    self.name = name
    self.role = role
    self.structure = structure
    self.active = active
  }

  /// Who may do what in shared mode.
  public enum Role: String, Sendable, CaseIterable, Codable {
    /// Their own cases and those shared with them.
    case conseiller
    /// Every case of their structure.
    case responsable
    /// The accounts, and no case.
    case administrateur

    public var french: String {
      switch self {
      case .conseiller: "conseiller ou conseillère"
      case .responsable: "responsable de structure"
      case .administrateur: "administrateur des comptes"
      }
    }
  }

  /// A valid login, or a French reason.
  public static func checkLogin(_ login: String) -> String? {
    let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789.-_")
    guard (2...64).contains(login.count), login.allSatisfy({ allowed.contains($0) }) else {
      return "identifiant « \(String(login.prefix(64))) » invalide : 2 à 64 caractères parmi a-z, 0-9, « . », « - », « _ »"
    }
    return nil
  }
}

/// Who is asking: the one local user (no sign-in) or a signed-in account.
public enum Viewer: Sendable, Equatable {
  case local(name: String)
  case account(Account)

  /// The name recorded in the audit.
  public var actor: String {
    switch self {
    case .local(let name): name
    case .account(let a): a.login
    }
  }

  public var account: Account? {
    if case .account(let a) = self { return a }
    return nil
  }
}

/// What a case needs for an access decision: whose it is, its structure, who it is shared with.
public struct CaseAccess: Sendable, Equatable {
  public var counsellor: String
  public var structure: String?
  public var sharedWith: [String]

  public init(counsellor: String, structure: String?, sharedWith: [String]) {
    self.counsellor = counsellor
    self.structure = structure
    self.sharedWith = sharedWith
  }
}

/// The access rule of shared mode, in one place.
public enum AccessPolicy {
  /// May `viewer` read and change this case?
  /// - local: yes (one user, loopback only);
  /// - conseiller: their own cases and those shared with them;
  /// - responsable: every case of their structure (all cases when they have none);
  /// - administrateur: no case (accounts only).
  public static func mayOpen(_ access: CaseAccess, viewer: Viewer) -> Bool {
    switch viewer {
    case .local: return true
    case .account(let a):
      guard a.active else { return false }
      switch a.role {
      case .conseiller: return access.counsellor == a.login || access.sharedWith.contains(a.login)
      case .responsable: return a.structure == nil || access.structure == a.structure
      case .administrateur: return false
      }
    }
  }

  /// May `viewer` see the list of cases and open new ones?
  public static func mayWorkOnCases(_ viewer: Viewer) -> Bool {
    switch viewer {
    case .local: true
    case .account(let a): a.active && a.role != .administrateur
    }
  }

  /// May `viewer` read a private note written by `author`? Only its author (a responsable no
  /// more than anyone else); in local mode, the one user.
  public static func mayReadPrivateNote(by author: String, viewer: Viewer) -> Bool {
    switch viewer {
    case .local: true
    case .account(let a): a.active && a.login == author
    }
  }

  /// May `viewer` read a case's audit (who viewed or changed what)? A responsable, or the one
  /// user of local mode.
  public static func mayReadAudit(_ viewer: Viewer) -> Bool {
    switch viewer {
    case .local: true
    case .account(let a): a.active && a.role == .responsable
    }
  }

  /// May `viewer` manage accounts?
  /// The year's report, archiving after the retention period, and erasure on request: a
  /// responsable (or the one user of local mode).
  public static func mayReport(_ viewer: Viewer) -> Bool { mayReadAudit(viewer) }

  public static func mayManageAccounts(_ viewer: Viewer) -> Bool {
    if case .account(let a) = viewer { return a.active && a.role == .administrateur }
    return false
  }
}
