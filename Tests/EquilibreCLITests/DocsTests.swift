import Foundation
import Testing

/// Every command quoted in the README and the guides works as written.
///
/// - A ` ```sh ` block is run as it stands (`sh -e`), in a temporary folder holding the example
///   files (as after `equilibre exemples --copier`), with the built `equilibre` on the PATH: each
///   command must succeed.
/// - In ` ```bash `, ` ```shell ` and ` ```console ` blocks (what a test cannot start: the server,
///   an installation, a build), each `equilibre` command (or `swift run equilibre …`) is parsed
///   with all its options, without running (`EQUILIBRE_ANALYSE_SEULE=1`).
/// - Other blocks (YAML, program output) are not commands.
@Suite("Documentation : chaque commande citée fonctionne telle qu'écrite")
struct DocsTests {
  struct Block {
    let file: String
    let line: Int
    let language: String
    let text: String
  }

  static var documents: [URL] {
    let docs = Run.packageRoot.appendingPathComponent("docs")
    let guides = ((try? FileManager.default.contentsOfDirectory(atPath: docs.path)) ?? []).filter { $0.hasSuffix(".md") }.sorted()
    return [Run.packageRoot.appendingPathComponent("README.md")] + guides.map { docs.appendingPathComponent($0) }
  }

  static func blocks(of url: URL) throws -> [Block] {
    let lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
    var out: [Block] = []
    var open: (line: Int, language: String, text: [String])?
    for (n, line) in lines.enumerated() {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      guard trimmed.hasPrefix("```") else {
        open?.text.append(line)
        continue
      }
      if let o = open {
        out.append(Block(file: url.lastPathComponent, line: o.line, language: o.language, text: o.text.joined(separator: "\n")))
        open = nil
      } else {
        open = (n + 1, String(trimmed.dropFirst(3)).trimmingCharacters(in: .whitespaces), [])
      }
    }
    return out
  }

  /// The `equilibre …` commands of a shell text: continuation lines joined, comments dropped,
  /// split at `&&`, `||`, `;` and `|`.
  static func commands(in text: String) -> [String] {
    let joined = text.replacingOccurrences(of: "\\\n", with: " ")
    var out: [String] = []
    for raw in joined.split(separator: "\n") {
      var line = raw.trimmingCharacters(in: .whitespaces)
      if line.hasPrefix("$ ") { line.removeFirst(2) }
      if line.hasPrefix("#") { continue }
      if let hash = line.range(of: "  #") ?? line.range(of: " # ") { line = String(line[..<hash.lowerBound]) }
      for separator in ["&&", "||", ";", "|"] { line = line.replacingOccurrences(of: separator, with: "\u{1}") }
      for segment in line.split(separator: "\u{1}") {
        var s = segment.trimmingCharacters(in: .whitespaces)
        // Redirections belong to the shell, not to the command.
        for redirection in [" >> ", " > ", " < ", " 2> "] { if let r = s.range(of: redirection) { s = String(s[..<r.lowerBound]) } }
        if s.hasPrefix("swift run equilibre ") || s == "swift run equilibre" { s = String(s.dropFirst("swift run ".count)) }
        if s.hasPrefix("sudo ") { continue }
        if s == "equilibre" || s.hasPrefix("equilibre ") { out.append(s) }
      }
    }
    return out
  }

  /// A folder holding the example files, as `equilibre exemples --copier` writes them.
  static func workFolder() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("equilibre-docs-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let scenarios = Run.packageRoot.appendingPathComponent("Scenarios")
    for name in try FileManager.default.contentsOfDirectory(atPath: scenarios.path)
    where name.hasSuffix(".yaml") || name.hasSuffix(".csv") || name == "forfaits" {
      try FileManager.default.copyItem(at: scenarios.appendingPathComponent(name), to: dir.appendingPathComponent(name))
    }
    return dir
  }

  static func environment(_ home: URL, parseOnly: Bool) -> [String: String] {
    var e = [
      "PATH": Run.binary.deletingLastPathComponent().path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"),
      "HOME": home.path, "COLUMNS": "80",
      "LANG": "C.UTF-8",
    ]
    if parseOnly { e["EQUILIBRE_ANALYSE_SEULE"] = "1" }
    return e
  }

  @Test("Le README et les guides citent des commandes", arguments: documents.map(\.lastPathComponent))
  func everyCommandWorks(_ name: String) throws {
    let url = try #require(Self.documents.first { $0.lastPathComponent == name })
    let blocks = try Self.blocks(of: url)
    let dir = try Self.workFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    for block in blocks {
      switch block.language {
      case "sh":
        // Run as written, stopping at the first failure (a minute at most per block).
        let script = dir.appendingPathComponent("bloc-\(block.line).sh")
        try block.text.write(to: script, atomically: true, encoding: .utf8)
        let r = try Run(
          ["-c", "cd '\(dir.path)' && exec timeout 120 sh -e '\(script.path)'"], shell: true,
          environment: Self.environment(dir, parseOnly: false))
        #expect(r.status == 0, "\(block.file):\(block.line) : bloc sh en échec (\(r.status)) : \(r.stderr.prefix(600))")
      case "bash", "shell", "console":
        for command in Self.commands(in: block.text) {
          let r = try Run(["-c", "cd '\(dir.path)' && \(command)"], shell: true, environment: Self.environment(dir, parseOnly: true))
          #expect(r.status == 0, "\(block.file):\(block.line) : « \(command) » ne s'analyse pas : \(r.stderr.prefix(400))")
        }
      default:
        continue
      }
    }
  }

  @Test("README : moins de 10 Ko, un sommaire, un paragraphe en anglais, les deux commandes d'installation")
  func readmeShape() throws {
    let url = Run.packageRoot.appendingPathComponent("README.md")
    let text = try String(contentsOf: url, encoding: .utf8)
    #expect(text.utf8.count <= 10_240, "README de \(text.utf8.count) octets")
    #expect(text.contains("## Sommaire"))
    #expect(text.contains("*In English:"))
    #expect(text.contains("swift test"))
    #expect(!text.contains("../shared"), "le README cite un chemin absent d'un clone")
    // Every local link and image points at a file of the repository.
    for doc in Self.documents {
      let body = try String(contentsOf: doc, encoding: .utf8)
      let regex = try NSRegularExpression(pattern: #"\]\(([^)#:]+)(#[^)]*)?\)"#)
      for m in regex.matches(in: body, range: NSRange(body.startIndex..., in: body)) {
        let target = String(body[Range(m.range(at: 1), in: body)!])
        let path = doc.deletingLastPathComponent().appendingPathComponent(target).path
        #expect(FileManager.default.fileExists(atPath: path), "\(doc.lastPathComponent) : lien mort vers \(target)")
      }
    }
  }

  @Test("README : la première commande d'installation tourne depuis le dossier du projet et donne la capacité annoncée")
  func readmeMainJob() throws {
    let readme = try Self.blocks(of: Run.packageRoot.appendingPathComponent("README.md"))
    let setup = try #require(readme.first { $0.text.contains("swift run equilibre") && $0.text.contains("swift test") })
    let lines = setup.text.split(separator: "\n").map(String.init)
    #expect(lines.count == 2, "deux commandes attendues : \(lines)")
    let main = try #require(lines.first { $0.hasPrefix("swift run equilibre ") })
    // `swift run` builds then runs the binary the tests already built: run that one, from the root.
    let arguments = main.dropFirst("swift run equilibre ".count).split(separator: " ").map(String.init)
    let r = try Run(arguments)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("179,00"), "le README annonce une capacité de 179,00 € par mois")
    let text = try String(contentsOf: Run.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
    #expect(text.contains("capacité de 179,00 € par mois"))
  }

  @Test("Le découpage des commandes : continuation, commentaires, enchaînements")
  func commandSplitting() {
    #expect(
      Self.commands(in: "equilibre a \\\n  --b c  # commentaire\nmkdir x && equilibre d | less\n# equilibre e") == [
        "equilibre a    --b c", "equilibre d",
      ])
    #expect(Self.commands(in: "swift run equilibre serveur --port 8081") == ["equilibre serveur --port 8081"])
  }
}
