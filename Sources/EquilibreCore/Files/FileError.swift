#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why a file could not be read or written, in French, with the path.
public enum FileError: Error, Sendable, Equatable, CustomStringConvertible {
  case notFound(String)
  case isDirectory(String)
  case notRegular(String)
  case tooLarge(String, limit: Int)
  case unreadable(String, reason: String)
  case notUTF8(String)
  case exists(String)
  /// The output would replace a file that the same run reads.
  case isInput(String)
  case cannotWrite(String, reason: String)

  public var path: String {
    switch self {
    case .notFound(let p), .isDirectory(let p), .notRegular(let p), .tooLarge(let p, _), .unreadable(let p, _),
      .notUTF8(let p), .exists(let p), .isInput(let p), .cannotWrite(let p, _):
      p
    }
  }

  public var description: String {
    let p = path.excerptPath
    return switch self {
    case .notFound: "\(p) : fichier introuvable"
    case .isDirectory: "\(p) est un dossier, pas un fichier"
    case .notRegular: "\(p) n'est pas un fichier ordinaire"
    case .tooLarge(_, let limit): "\(p) : fichier trop gros (plus de \(limit / 1_000_000) Mo)"
    case .unreadable(_, let reason): "\(p) : lecture impossible (\(reason))"
    case .notUTF8: "\(p) : le fichier n'est pas en UTF-8 (enregistrez-le en UTF-8)"
    case .exists: "\(p) existe déjà : ajoutez --force pour le remplacer"
    case .isInput: "\(p) est un fichier lu par cette commande : il n'est jamais remplacé (choisissez un autre nom)"
    case .cannotWrite(_, let reason): "\(p) : écriture impossible (\(reason))"
    }
  }

  /// The cause of a failed system call, in French.
  public static func reason(_ code: Int32) -> String {
    switch code {
    case ENOENT: "dossier inexistant"
    case EACCES, EPERM: "permission refusée"
    case ENOSPC: "plus de place sur le disque"
    case EDQUOT: "quota de disque dépassé"
    case EROFS: "disque en lecture seule"
    case EISDIR: "c'est un dossier"
    case ENOTDIR: "un élément du chemin n'est pas un dossier"
    case ENAMETOOLONG: "nom trop long"
    case EFBIG: "fichier trop grand pour le système"
    case EIO: "erreur d'entrée-sortie du disque"
    case ELOOP: "trop de liens symboliques"
    case EMFILE, ENFILE: "trop de fichiers ouverts"
    case EEXIST: "le fichier existe déjà"
    case EXDEV: "autre disque"
    default: "erreur système \(code)"
    }
  }
}

extension String {
  /// A path as a message shows it: neutralised, and shortened in the middle when very long.
  public var excerptPath: String {
    let safe = TextSafety.neutralized(self, allowLayout: false)
    guard safe.count > 200 else { return safe }
    return String(safe.prefix(90)) + "…" + String(safe.suffix(90))
  }
}
