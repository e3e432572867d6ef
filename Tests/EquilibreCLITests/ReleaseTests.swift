import Foundation
import Testing

/// The release archive and the Debian package of `.ci/release`, checked as a user receives
/// them: unpacked outside the build tree, run with no Swift toolchain on the library path.
/// `.ci/run` builds them and sets EQUILIBRE_DIST; without it (a developer's `swift test`) the
/// suite is skipped with its reason shown, and under CI it fails.
enum Release {
  static let dist: URL? = ProcessInfo.processInfo.environment["EQUILIBRE_DIST"].map { URL(fileURLWithPath: $0) }
  static let required = dist != nil || ProcessInfo.processInfo.environment["CI"] != nil

  static var version: String {
    let source =
      (try? String(contentsOf: Run.packageRoot.appendingPathComponent("Sources/EquilibreCommands/Equilibre.swift"), encoding: .utf8)) ?? ""
    let line = source.split(separator: "\n").first { $0.contains("static let version = \"") } ?? ""
    return line.split(separator: "\"").dropFirst().first.map(String.init) ?? "?"
  }

  /// Runs `command` through /bin/sh in `directory` with a bare environment: no toolchain on
  /// the library path, no Swift on the PATH.
  static func sh(_ command: String, in directory: URL) throws -> Run {
    try Run(
      ["-c", "cd '\(directory.path)' && \(command)"], shell: true,
      environment: ["PATH": "/usr/bin:/bin", "LD_LIBRARY_PATH": "", "HOME": directory.path, "LANG": "C.UTF-8"])
  }

  /// Libraries a Debian system provides; anything else would have to be shipped.
  static let systemLibraries = [
    "linux-vdso.so", "libc.so", "libm.so", "libstdc++.so", "libgcc_s.so", "libgmp.so", "libyaml-0.so", "libz.so", "libpthread.so",
    // FoundationXML's parser (OFX and CAMT.053 statements).
    "libxml2.so",
    "libdl.so",
    "librt.so", "libutil.so", "ld-linux-x86-64.so",
  ]

  /// The folder of the Swift toolchain on this machine (the binary must need nothing from it).
  static var toolchain: String {
    let r = try? Run(["-c", "command -v swift"], shell: true)
    let swift = URL(fileURLWithPath: (r?.stdout ?? "/opt/swift/usr/bin/swift").trimmingCharacters(in: .whitespacesAndNewlines))
    return swift.resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent().path
  }
}

@Suite(
  "Archive et paquet Debian (.ci/release)",
  .enabled(if: Release.required, "EQUILIBRE_DIST absent : lancez .ci/release puis EQUILIBRE_DIST=$PWD/dist swift test (fait par .ci/run)"))
struct ReleaseTests {
  func unpacked() throws -> (URL, URL) {
    let dist = try #require(Release.dist, "EQUILIBRE_DIST doit nommer le dossier de .ci/release")
    let archive = dist.appendingPathComponent("equilibre-\(Release.version)-linux-x86_64.tar.gz")
    #expect(FileManager.default.fileExists(atPath: archive.path), "\(archive.path)")
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("equilibre-archive-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let r = try Release.sh("tar -xzf '\(archive.path)'", in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    return (dir, dir.appendingPathComponent("equilibre-\(Release.version)-linux-x86_64"))
  }

  @Test("L'archive contient le binaire, la page de manuel, les complétions, les exemples, les modèles et les guides")
  func archiveContents() throws {
    let (dir, root) = try unpacked()
    defer { try? FileManager.default.removeItem(at: dir) }
    for path in [
      "bin/equilibre", "man/man1/equilibre.1", "completions/equilibre.bash", "completions/_equilibre", "completions/equilibre.fish",
      "exemples/parent-separe.yaml", "exemples/flux-dates-exemple.csv", "exemples/forfaits/puy-de-dome-2012.yaml",
      "modeles/dossier.html.mustache", "modeles/README.md", "README.md", "docs/guide-conseiller.md", "docs/guide-atelier.md",
      "docs/format-scenario.md", "docs/parametres.md", "docs/regles.md", "docs/architecture.md", "INSTALLER.txt",
    ] {
      #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path), "absent de l'archive : \(path)")
    }
    let examples = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("exemples").path)
    #expect(examples.filter { $0.hasSuffix(".yaml") }.count == 10)
  }

  @Test("Le binaire ne dépend pas de la chaîne Swift : readelf, ldd, et une copie hors de l'arbre qui calcule")
  func relocatableBinary() throws {
    let (dir, root) = try unpacked()
    defer { try? FileManager.default.removeItem(at: dir) }
    // Both binaries: the calculations and the workspace; never the developers' tools.
    #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("bin/equilibre-dev").path))
    for name in ["equilibre", "equilibre-espace"] { try checkRelocatable(root.appendingPathComponent("bin/\(name)").path, in: dir) }
    // A copy elsewhere, an empty LD_LIBRARY_PATH, no Swift on the PATH: it runs and computes.
    let work = dir.appendingPathComponent("ailleurs")
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    for name in ["equilibre", "equilibre-espace"] {
      try FileManager.default.copyItem(
        atPath: root.appendingPathComponent("bin/\(name)").path, toPath: work.appendingPathComponent(name).path)
    }
    let version = try Release.sh("./equilibre --version", in: work)
    #expect(version.status == 0, "\(version.stderr)")
    #expect(version.stdout.contains("equilibre \(Release.version)") && version.stdout.contains("paramètres nationaux à jour au"))
    let copy = try Release.sh("./equilibre exemples --copier parent-separe && ./equilibre capacite parent-separe.yaml", in: work)
    #expect(copy.status == 0, "\(copy.stderr)")
    #expect(copy.stdout.contains("Capacité de remboursement"))
    let document = try Release.sh("./equilibre dossier parent-separe.yaml --sortie dossier.html && test -s dossier.html", in: work)
    #expect(document.status == 0, "\(document.stderr)")
    // `equilibre suivi` runs the equilibre-espace beside it.
    let followUp = try Release.sh("./equilibre suivi ouvrir parent-separe.yaml --base dossiers.sqlite", in: work)
    #expect(followUp.status == 0 && followUp.stdout.contains("EQ-"), "\(followUp.stderr)")
    // And with the toolchain folder itself out of sight (an empty folder mounted over it, in a
    // mount namespace of this process only): as on a machine that never had Swift.
    let empty = dir.appendingPathComponent("vide")
    try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
    let hidden = try Release.sh(
      "unshare --mount sh -c \"mount --bind '\(empty.path)' '\(Release.toolchain)' && test -z \\\"\\$(ls '\(Release.toolchain)')\\\" && ./equilibre capacite parent-separe.yaml --format json && ./equilibre suivi liste --base dossiers.sqlite\"",
      in: work)
    #expect(hidden.status == 0, "sans la chaîne Swift (unshare --mount, mount --bind) : \(hidden.stderr)")
    #expect(hidden.stdout.contains("capacite") && hidden.stdout.contains("EQ-"))
  }

  /// No RUNPATH or RPATH at all, and only system libraries needed.
  func checkRelocatable(_ bin: String, in dir: URL) throws {
    let dynamic = try Release.sh("readelf -d '\(bin)'", in: dir)
    #expect(dynamic.status == 0, "readelf : \(dynamic.stderr)")
    #expect(!dynamic.stdout.contains("RUNPATH") && !dynamic.stdout.contains("RPATH"), "\(dynamic.stdout)")
    let needed = dynamic.stdout.split(separator: "\n").filter { $0.contains("(NEEDED)") }
    #expect(!needed.isEmpty)
    for line in needed {
      #expect(Release.systemLibraries.contains { line.contains($0) }, "bibliothèque non système : \(line)")
    }
    let ldd = try Release.sh("ldd '\(bin)'", in: dir)
    #expect(ldd.status == 0, "ldd : \(ldd.stderr)")
    #expect(!ldd.stdout.contains("not found"), "\(ldd.stdout)")
    #expect(!ldd.stdout.contains(Release.toolchain), "une bibliothèque vient de \(Release.toolchain) : \(ldd.stdout)")
    #expect(!ldd.stdout.contains("swift"), "\(bin) : \(ldd.stdout)")
  }

  @Test("La page de manuel est en français et liste les commandes")
  func manPage() throws {
    let (dir, root) = try unpacked()
    defer { try? FileManager.default.removeItem(at: dir) }
    let man = try Release.sh(
      "command -v man >/dev/null || { echo 'man absent' >&2; exit 127; }; MANWIDTH=80 man -l man/man1/equilibre.1 | col -b", in: root)
    #expect(man.status == 0, "man : \(man.stderr)")
    // Filled lines: compare with runs of blanks collapsed to one space.
    let flat = man.stdout.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    for text in [
      "NOM", "SYNOPSIS", "COMMANDES", "equilibre capacite", "Capacité de remboursement", "equilibre suivi ouvrir", "CODE DE SORTIE",
    ] {
      #expect(flat.contains(text), "« \(text) » absent de la page de manuel")
    }
    #expect(!flat.contains("Show help"), "aide d'ArgumentParser en anglais dans la page")
    #expect(!man.stdout.contains("equilibre bench"))
  }

  @Test("Le paquet Debian s'installe (dpkg -x) et equilibre --version tourne sans Swift")
  func debianPackage() throws {
    let dist = try #require(Release.dist)
    let deb = dist.appendingPathComponent("equilibre_\(Release.version)_amd64.deb")
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("equilibre-deb-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let info = try Release.sh("dpkg-deb -f '\(deb.path)' Package Version Depends", in: dir)
    #expect(info.status == 0, "\(info.stderr)")
    #expect(info.stdout.contains("Package: equilibre") && info.stdout.contains("Version: \(Release.version)"))
    let x = try Release.sh("dpkg -x '\(deb.path)' racine", in: dir)
    #expect(x.status == 0, "\(x.stderr)")
    let root = dir.appendingPathComponent("racine")
    for path in [
      "usr/bin/equilibre", "usr/bin/equilibre-espace", "usr/share/man/man1/equilibre.1.gz",
      "usr/share/bash-completion/completions/equilibre",
      "usr/share/zsh/vendor-completions/_equilibre", "usr/share/fish/vendor_completions.d/equilibre.fish",
      "usr/share/doc/equilibre/exemples/parent-separe.yaml", "usr/share/doc/equilibre/docs/guide-conseiller.md",
    ] {
      #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path), "absent du paquet : \(path)")
    }
    let version = try Release.sh("racine/usr/bin/equilibre --version", in: dir)
    #expect(version.status == 0, "\(version.stderr)")
    #expect(version.stdout.hasPrefix("equilibre \(Release.version)"))
  }
}
