import ArgumentParser
import EquilibreCases
import EquilibreCommands
import EquilibreCore
import Foundation

/// `equilibre comptes …`: the accounts of the shared workspace (`equilibre serveur --partage`).
struct ComptesCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "comptes",
    abstract: WorkspaceForward.abstract("comptes"),
    discussion: """
      Rôles : conseiller (ses dossiers et ceux qu'on lui partage), responsable (tous les dossiers de sa
      structure), administrateur (les comptes, aucun dossier).
      Exemples :
        equilibre comptes creer admin --nom "Administrateur" --role administrateur
        equilibre comptes creer cmartin --nom "Claire Martin" --role conseiller --structure "Association Toit"
        equilibre comptes liste
        equilibre comptes desactiver cmartin
      Le mot de passe est demandé deux fois sans écho, ou lu sur l'entrée standard avec --mot-de-passe-stdin.
      """,
    subcommands: [ComptesCreer.self, ComptesListe.self, ComptesModifier.self, ComptesDesactiver.self, ComptesMotDePasse.self])
}

/// A password typed twice without echo on the terminal, or one line of standard input.
func readNewPassword(fromStandardInput: Bool, login: String, name: String = "") throws -> String {
  let password: String
  if fromStandardInput {
    guard let line = readLine(strippingNewline: true) else {
      throw CLIError.usage("--mot-de-passe-stdin : aucune ligne lue sur l'entrée standard")
    }
    password = line
  } else {
    guard isatty(STDIN_FILENO) != 0 else {
      throw CLIError.usage("pas de terminal pour saisir le mot de passe : utilisez --mot-de-passe-stdin")
    }
    let first = try readHidden("Mot de passe : ")
    let second = try readHidden("Mot de passe, une seconde fois : ")
    guard first == second else { throw CLIError.usage("les deux saisies diffèrent : rien n'a été enregistré") }
    password = first
  }
  if let weak = Passwords.weakness(password, login: login, name: name) { throw CLIError.usage("mot de passe refusé : \(weak)") }
  return password
}

/// One line from the terminal with echo off (restored even on error).
func readHidden(_ prompt: String) throws -> String {
  printStandardError(prompt, newline: false)
  var saved = termios()
  tcgetattr(STDIN_FILENO, &saved)
  var quiet = saved
  quiet.c_lflag &= ~tcflag_t(ECHO)
  tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet)
  defer {
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
    printStandardError("")
  }
  guard let line = readLine(strippingNewline: true) else { throw CLIError.usage("saisie interrompue : rien n'a été enregistré") }
  return line
}

struct RoleArgument: ExpressibleByArgument {
  let role: Account.Role
  init?(argument: String) {
    guard let r = Account.Role(rawValue: argument) else { return nil }
    role = r
  }
  static var allValueStrings: [String] { Account.Role.allCases.map(\.rawValue) }
}

struct ComptesCreer: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "creer", abstract: "Crée un compte.")
  @Argument(help: "Identifiant (a-z, 0-9, « . », « - », « _ »).") var identifiant: String
  @Option(help: "Nom affiché.") var nom: String
  @Option(help: "Rôle : conseiller, responsable ou administrateur.") var role: RoleArgument
  @Option(help: "Structure (association, agence).") var structure: String?
  @Flag(help: "Lit le mot de passe sur l'entrée standard (une ligne).") var motDePasseStdin = false
  @OptionGroup var store: StoreOptions

  func run() async throws {
    if let reason = Account.checkLogin(identifiant) { throw CLIError.usage(reason) }
    guard !nom.trimmingSpaces.isEmpty else { throw CLIError.usage("--nom : nom affiché obligatoire") }
    let password = try readNewPassword(fromStandardInput: motDePasseStdin, login: identifiant, name: nom)
    let account = Account(
      login: identifiant, name: String(nom.trimmingSpaces.prefix(200)), role: role.role,
      structure: structure.flatMap { $0.trimmingSpaces.isEmpty ? nil : String($0.trimmingSpaces.prefix(200)) })
    let hash = Passwords.hash(password)
    let actor = store.actor
    try await store.withStore(creates: true) { try await $0.createAccount(account, passwordHash: hash, by: actor) }
    print("Compte « \(identifiant) » créé (\(role.role.french)\(account.structure.map { ", \($0)" } ?? "")).")
  }
}

struct ComptesListe: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "liste", abstract: "Liste les comptes (jamais les mots de passe).")
  @OptionGroup var store: StoreOptions

  func run() async throws {
    let accounts = try await store.withStore { try await $0.accounts() }
    if accounts.isEmpty {
      print("Aucun compte : créez-en un avec « equilibre comptes creer IDENTIFIANT --nom … --role administrateur ».")
      return
    }
    for a in accounts {
      print("\(a.login)\t\(a.role.rawValue)\t\(a.structure ?? "—")\t\(a.active ? "actif" : "désactivé")\t\(a.name)")
    }
  }
}

struct ComptesModifier: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "modifier", abstract: "Change le rôle, la structure ou le nom d'un compte ; le réactive.")
  @Argument(help: "Identifiant.") var identifiant: String
  @Option(help: "Nouveau rôle.") var role: RoleArgument?
  @Option(help: "Nouvelle structure (vide : aucune).") var structure: String?
  @Option(help: "Nouveau nom affiché.") var nom: String?
  @OptionGroup var store: StoreOptions

  func run() async throws {
    let actor = store.actor
    let (role, structure, nom, login) = (role?.role, structure, nom, identifiant)
    try await store.withStore { s in
      guard var a = try await s.account(login)?.account else { throw StoreError.invalid("compte « \(login) » inconnu") }
      if let role { a.role = role }
      if let structure { a.structure = structure.trimmingSpaces.isEmpty ? nil : String(structure.trimmingSpaces.prefix(200)) }
      if let nom { a.name = String(nom.trimmingSpaces.prefix(200)) }
      a.active = true
      try await s.updateAccount(a, by: actor)
    }
    print("Compte « \(identifiant) » enregistré.")
  }
}

struct ComptesDesactiver: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "desactiver", abstract: "Désactive un compte (il ne se connecte plus ; ses dossiers et le journal restent).")
  @Argument(help: "Identifiant.") var identifiant: String
  @OptionGroup var store: StoreOptions

  func run() async throws {
    let actor = store.actor
    let login = identifiant
    try await store.withStore { s in
      guard var a = try await s.account(login)?.account else { throw StoreError.invalid("compte « \(login) » inconnu") }
      a.active = false
      try await s.updateAccount(a, by: actor)
    }
    print("Compte « \(identifiant) » désactivé.")
  }
}

struct ComptesMotDePasse: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "mot-de-passe", abstract: "Remplace le mot de passe d'un compte.")
  @Argument(help: "Identifiant.") var identifiant: String
  @Flag(help: "Lit le mot de passe sur l'entrée standard (une ligne).") var motDePasseStdin = false
  @OptionGroup var store: StoreOptions

  func run() async throws {
    let password = try readNewPassword(fromStandardInput: motDePasseStdin, login: identifiant)
    let hash = Passwords.hash(password)
    let actor = store.actor
    let login = identifiant
    try await store.withStore { try await $0.setPassword(login, passwordHash: hash, by: actor) }
    print("Mot de passe du compte « \(identifiant) » remplacé.")
  }
}
