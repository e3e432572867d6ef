import EquilibreCore
import EquilibreTemplates
import Foundation
import Mustache

/// The two documents.
public enum DocumentKind: String, Sendable {
  case dossier
  case surendettement
  case ficheVierge = "fiche-vierge"
}

/// Why a document could not be produced.
public struct DocumentError: Error, CustomStringConvertible {
  public let description: String
}

/// Markdown escaping of user text in Markdown templates: characters that would start markup or
/// break a table are escaped; HTML is neutralised.
struct MarkdownContentType: MustacheContentType {
  func escapeText(_ text: String) -> String {
    var out = ""
    for ch in text {
      switch ch {
      case "\\", "`", "*", "_", "|", "[", "]", "#": out += "\\" + String(ch)
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "&": out += "&amp;"
      case "\n": out += "  \n"
      default: out.append(ch)
      }
    }
    return out
  }
}

/// Renders documents with Mustache: the templates compiled into the binary, each replaceable by
/// a file of the same name in a `--modeles` folder.
public struct DocumentRenderer {
  let library: MustacheLibrary

  public init(templatesDirectory: String? = nil) throws {
    MustacheContentTypes.register(MarkdownContentType(), named: "MARKDOWN")
    var texts = DefaultTemplates.all
    if let dir = templatesDirectory {
      var isDir: ObjCBool = false
      guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
        throw DocumentError(description: "\(dir) : dossier de modèles introuvable")
      }
      for name in texts.keys {
        let path = (dir as NSString).appendingPathComponent(name + ".mustache")
        guard FileManager.default.fileExists(atPath: path) else { continue }
        do { texts[name] = try InputFile.text(path, limit: 4_000_000) } catch {
          throw DocumentError(description: error.description)
        }
      }
    }
    var templates: [String: MustacheTemplate] = [:]
    for (name, text) in texts {
      do {
        templates[name] = try MustacheTemplate(string: text)
      } catch {
        throw DocumentError(description: "modèle « \(name).mustache » illisible : \(error)")
      }
    }
    library = MustacheLibrary(templates: templates)
  }

  /// The document as HTML or Markdown. Every text of `data` is neutralised first
  /// (``TextSafety``), so no template, even an agency's own, can let a control or bidi
  /// character through.
  public func render(_ kind: DocumentKind, markdown: Bool, data: [String: Any]) throws -> String {
    let name = "\(kind.rawValue).\(markdown ? "md" : "html")"
    guard let out = library.render(DocumentData.neutralized(data), withTemplate: name) else {
      throw DocumentError(description: "modèle « \(name).mustache » absent")
    }
    return out
  }
}

/// PDF through weasyprint, when it is installed.
public enum PDFRenderer {
  public static let installHint =
    "weasyprint est introuvable : installez-le (pip install weasyprint, ou apt-get install weasyprint) puis relancez, ou demandez --format html"

  /// The path of `weasyprint` on the PATH, if any.
  public static var executable: String? {
    let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
    for p in paths {
      let candidate = "\(p)/weasyprint"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }

  /// Converts `html` to PDF bytes.
  public static func pdf(fromHTML html: String) throws -> Data {
    guard let exe = executable else { throw DocumentError(description: installHint) }
    // A private folder created exclusively (mkdtemp, mode 0700) for weasyprint's input and output.
    var template = Array((FileManager.default.temporaryDirectory.path + "/equilibre-pdf-XXXXXXXX").utf8CString)
    guard let made = mkdtemp(&template) else {
      throw DocumentError(description: "dossier temporaire impossible à créer (\(FileError.reason(errno)))")
    }
    let dir = URL(fileURLWithPath: String(cString: made))
    defer { try? FileManager.default.removeItem(at: dir) }
    let input = dir.appendingPathComponent("document.html")
    let output = dir.appendingPathComponent("document.pdf")
    try Data(html.utf8).write(to: input)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: exe)
    process.arguments = ["--quiet", input.path, output.path]
    let err = Pipe()
    process.standardError = err
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let message = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0, let data = FileManager.default.contents(atPath: output.path) else {
      let text = String(decoding: message, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
      throw DocumentError(description: "weasyprint a échoué (code \(process.terminationStatus)) \(text)")
    }
    return data
  }
}
