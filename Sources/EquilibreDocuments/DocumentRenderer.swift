import EquilibreCore
import EquilibreTemplates
import Foundation
import Mustache

/// The documents.
public enum DocumentKind: String, Sendable {
  case dossier
  case surendettement
  case ficheVierge = "fiche-vierge"
  /// The engagement document of an accompaniment (case store).
  case convention
  /// The review of an accompaniment (case store).
  case bilan
  /// The proposal of a plan d'apurement to the landlord, with its schedule.
  case apurement
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
/// a file of the same name in a `--modeles` folder, which may also add partials of its own.
///
/// The letterhead and the footer are the partials `{{> entete}}` and `{{> pied}}`, empty by
/// default: an agency writes them once (see Templates/README.md). Templates are checked before
/// use: an unclosed section is reported at the line of its opening tag, and a variable that the
/// data does not have is reported as a warning with its template and line.
public struct DocumentRenderer {
  let texts: [String: String]
  /// Problems found in the templates that do not stop the rendering (unknown variables or
  /// partials), in French, with the template and the line.
  public private(set) var warnings: [String] = []

  public init(templatesDirectory: String? = nil) throws {
    MustacheContentTypes.register(MarkdownContentType(), named: "MARKDOWN")
    var texts = DefaultTemplates.all
    if let dir = templatesDirectory {
      var isDir: ObjCBool = false
      guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
        throw DocumentError(description: "\(dir.excerptPath) : dossier de modèles introuvable")
      }
      let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
      for file in names where file.hasSuffix(".mustache") {
        let path = (dir as NSString).appendingPathComponent(file)
        do { texts[String(file.dropLast(".mustache".count))] = try InputFile.text(path, limit: 4_000_000) } catch {
          throw DocumentError(description: error.description)
        }
      }
    }
    self.texts = texts
  }

  /// The templates `name` uses, itself included, through its partials.
  func reachable(from name: String) -> [String] {
    var out: [String] = []
    var queue = [name]
    while let n = queue.popLast() {
      guard !out.contains(n), let text = texts[n] else { continue }
      out.append(n)
      queue += TemplateCheck.tags(text).filter { $0.kind == ">" }.map(\.name)
    }
    return out
  }

  /// The compiled templates a document uses; only they are checked, so a broken template of
  /// another document does not stop this one.
  func library(for name: String) throws -> MustacheLibrary {
    var templates: [String: MustacheTemplate] = [:]
    for n in reachable(from: name) {
      let text = texts[n]!
      try TemplateCheck.sections(text, name: n)
      do {
        templates[n] = try MustacheTemplate(string: text)
      } catch {
        throw DocumentError(description: "modèle « \(n).mustache » illisible : \(TemplateCheck.french(error))")
      }
    }
    return MustacheLibrary(templates: templates)
  }

  /// The document as HTML or Markdown. Every text of `data` is neutralised first
  /// (``TextSafety``), so no template, even an agency's own, can let a control or bidi
  /// character through; French typography is applied to the result.
  public mutating func render(_ kind: DocumentKind, markdown: Bool, data: [String: Any]) throws -> String {
    let name = "\(kind.rawValue).\(markdown ? "md" : "html")"
    guard texts[name] != nil else { throw DocumentError(description: "modèle « \(name).mustache » absent") }
    let library = try library(for: name)
    warnings = TemplateCheck.unknownNames(in: name, texts: texts, data: data)
    guard let out = library.render(DocumentData.forMustache(data), withTemplate: name) else {
      throw DocumentError(description: "modèle « \(name).mustache » absent")
    }
    return markdown ? Typography.markdown(out) : Typography.html(out)
  }
}

/// Checks a Mustache template before use, in French.
enum TemplateCheck {
  struct Tag {
    let kind: Character?  // "#", "^", "/", ">", "!", "{", "&", nil for a variable
    let name: String
    let line: Int
  }

  /// The tags of a template with their lines (delimiters `{{ }}` only).
  static func tags(_ text: String) -> [Tag] {
    var out: [Tag] = []
    var line = 1
    var i = text.startIndex
    while i < text.endIndex {
      if text[i] == "\n" { line += 1 }
      if text[i...].hasPrefix("{{") {
        let start = text.index(i, offsetBy: 2)
        let triple = text[start...].hasPrefix("{")
        guard let end = text[start...].range(of: triple ? "}}}" : "}}") else { break }
        var body = text[start..<end.lowerBound].trimmingCharacters(in: .whitespaces)
        var kind: Character?
        if let f = body.first, "#^/>!{&%=".contains(f) {
          kind = f
          body = String(body.dropFirst()).trimmingCharacters(in: .whitespaces)
        }
        out.append(Tag(kind: kind, name: body, line: line))
        for ch in text[i..<end.upperBound] where ch == "\n" { line += 1 }
        i = end.upperBound
        continue
      }
      i = text.index(after: i)
    }
    return out
  }

  /// Sections opened and never closed, or closed without being opened, at their line.
  static func sections(_ text: String, name: String) throws {
    let all = tags(text)
    if all.contains(where: { $0.kind == "=" }) { return }  // custom delimiters: left to the library
    var stack: [Tag] = []
    for t in all {
      switch t.kind {
      case "#", "^": stack.append(t)
      case "/":
        guard let open = stack.popLast() else {
          throw DocumentError(description: "modèle « \(name).mustache », ligne \(t.line) : fermeture {{/\(t.name)}} sans section ouverte")
        }
        if open.name != t.name {
          throw DocumentError(
            description:
              "modèle « \(name).mustache », ligne \(open.line) : la section « \(open.name) » n'est pas fermée ({{/\(t.name)}} trouvé ligne \(t.line))"
          )
        }
      default: break
      }
    }
    if let open = stack.first {
      throw DocumentError(
        description:
          "modèle « \(name).mustache », ligne \(open.line) : la section « \(open.name) » n'est jamais fermée ({{/\(open.name)}} manquant)")
    }
  }

  /// Variables that render empty because the data does not have them (a typo, a key that does
  /// not exist), and partials that do not exist, as warnings naming the template and the line.
  /// The template is walked like Mustache renders it, with the real data: a section that does
  /// not render for this household is not checked.
  static func unknownNames(in name: String, texts: [String: String], data: [String: Any]) -> [String] {
    var out: [String] = []
    var seen = Set<String>()
    func lookup(_ key: String, _ stack: [Any]) -> Any?? {
      if key == "." { return .some(stack.last) }
      let parts = key.split(separator: ".").map(String.init)
      for context in stack.reversed() {
        guard let d = context as? [String: Any], let first = d[parts[0]] else { continue }
        var value: Any = first
        for p in parts.dropFirst() {
          guard let next = (value as? [String: Any])?[p] else { return .some(nil) }
          value = next
        }
        return .some(value)
      }
      return .none
    }
    func truthy(_ v: Any?) -> Bool {
      switch v {
      case nil: false
      case let b as Bool: b
      case let s as String: !s.isEmpty
      case let a as [Any]: !a.isEmpty
      default: true
      }
    }
    func walk(_ template: String, _ tags: ArraySlice<Tag>, _ stack: [Any], depth: Int) {
      guard depth < 20 else { return }
      var i = tags.startIndex
      while i < tags.endIndex {
        let t = tags[i]
        switch t.kind {
        case "#", "^":
          // The section's own tags, up to its close.
          var level = 0
          var j = i + 1
          while j < tags.endIndex {
            if tags[j].kind == "#" || tags[j].kind == "^" { level += 1 }
            if tags[j].kind == "/" { if level == 0 { break } else { level -= 1 } }
            j += 1
          }
          let inner = tags[(i + 1)..<j]
          let found = lookup(t.name, stack)
          if case .none = found, seen.insert("\(template):\(t.line):\(t.name)").inserted {
            out.append("modèle « \(template).mustache », ligne \(t.line) : section inconnue « \(t.name) » (jamais affichée)")
          }
          let value: Any? = found ?? nil
          if t.kind == "^" {
            if !truthy(value) { walk(template, inner, stack, depth: depth + 1) }
          } else if truthy(value) {
            if let list = value as? [Any] {
              walk(template, inner, stack + [list[0]], depth: depth + 1)
            } else if value is Bool {
              walk(template, inner, stack, depth: depth + 1)
            } else {
              walk(template, inner, stack + [value!], depth: depth + 1)
            }
          }
          i = min(j + 1, tags.endIndex)
          continue
        case ">":
          if let text = texts[t.name] {
            walk(t.name, TemplateCheck.tags(text)[...], stack, depth: depth + 1)
          } else if seen.insert("partial:\(t.name)").inserted {
            out.append(
              "modèle « \(template).mustache », ligne \(t.line) : le modèle inclus « \(t.name) » n'existe pas (fichier \(t.name).mustache)")
          }
        case "!", "%", "=", "/": break
        default:
          if case .none = lookup(t.name, stack), seen.insert("\(template):\(t.line):\(t.name)").inserted {
            out.append("modèle « \(template).mustache », ligne \(t.line) : variable inconnue « \(t.name) » (rendue vide)")
          }
        }
        i += 1
      }
    }
    if let text = texts[name] { walk(name, tags(text)[...], [data], depth: 0) }
    return out
  }

  /// swift-mustache's parser errors in French.
  static func french(_ error: Error) -> String {
    let text = String(describing: error)
    if text.contains("expectedSectionEnd") { return "une section n'est pas fermée" }
    if text.contains("sectionCloseNameIncorrect") { return "une section est fermée sous un autre nom" }
    if text.contains("unfinishedName") { return "une balise {{ }} n'est pas terminée" }
    if text.contains("expectedTagEnd") { return "une balise {{ }} n'est pas terminée" }
    if text.contains("unrecognisedConfigVariable") { return "type de contenu inconnu dans {{% CONTENT_TYPE }}" }
    return "syntaxe Mustache invalide"
  }
}

/// PDF through WeasyPrint, when it is installed: tagged (PDF/UA-1) for screen readers.
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
    process.arguments = ["--quiet", "--pdf-variant", "pdf/ua-1", input.path, output.path]
    let err = Pipe()
    process.standardError = err
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let message = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0, let data = FileManager.default.contents(atPath: output.path) else {
      let text = String(decoding: message, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
      throw DocumentError(description: "weasyprint a échoué (code \(process.terminationStatus)) \(text.excerpt)")
    }
    return data
  }
}
