// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "Equilibre",
  products: [
    .library(name: "EquilibreCore", targets: ["EquilibreCore"]),
    .library(name: "EquilibreCases", targets: ["EquilibreCases"]),
    .library(name: "EquilibreStatements", targets: ["EquilibreStatements"]),
    .library(name: "EquilibreWeb", targets: ["EquilibreWeb"]),
    // What a counsellor or an educator runs: calculations, documents, workshop. It builds without
    // the server stack and hands `serveur`, `suivi`, `base` and `comptes` to `equilibre-espace`.
    .executable(name: "equilibre", targets: ["EquilibreCLI"]),
    // The workspace and the case store (Hummingbird, SQLite, PostgreSQL), shipped beside `equilibre`.
    .executable(name: "equilibre-espace", targets: ["EquilibreWorkspaceCLI"]),
    // Developer tools (benchmarks, generators, fuzz, store measurements): never installed.
    .executable(name: "equilibre-dev", targets: ["EquilibreDevCLI"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
    .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.0.0"),
    .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
    .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
    .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
    .package(url: "https://github.com/apple/swift-crypto.git", "3.12.0"..<"5.0.0"),
    .package(url: "https://github.com/apple/swift-log.git", from: "1.16.0"),
    .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
    .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.0"),
    .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.0"),
    .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
    .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.0"),
    .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
    .package(url: "https://github.com/yaslab/CSV.swift.git", from: "2.5.2"),
    .package(url: "https://github.com/drmohundro/SWXMLHash.git", from: "8.1.1"),
  ],
  targets: [
    .systemLibrary(
      name: "CGMP",
      pkgConfig: "gmp",
      providers: [.apt(["libgmp-dev"]), .brew(["gmp"])]
    ),
    .systemLibrary(
      name: "CYaml",
      pkgConfig: "yaml-0.1",
      providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
    ),
    .target(
      name: "EquilibreCore",
      dependencies: ["CGMP", "CYaml"],
      resources: [
        // National parameters and the scenario template, compiled into the binary.
        .embedInCode("Parameters/Data/saisie.yaml"),
        .embedInCode("Parameters/Data/rsa.yaml"),
        .embedInCode("Parameters/Data/unites-consommation.yaml"),
        .embedInCode("Parameters/Data/interet-legal.yaml"),
        .embedInCode("Parameters/Data/usure.yaml"),
        .embedInCode("Household/nouveau-scenario.yaml"),
        .embedInCode("Parameters/Data/aides.yaml"),
        .embedInCode("Parameters/Data/logement-social.yaml"),
        .embedInCode("Parameters/Data/prestations.yaml"),
        .embedInCode("Parameters/Data/aide-logement.yaml"),
        .embedInCode("Parameters/Data/plan.yaml"),
        .embedInCode("Benefits/zones-apl.txt"),
        .embedInCode("Aids/Data/action-logement-exemple.yaml"),
        .embedInCode("Aids/Data/fsl-28-eure-et-loir.yaml"),
        .embedInCode("Aids/Data/fsl-22-cotes-d-armor.yaml"),
      ]
    ),
    .target(
      name: "EquilibreTemplates",
      path: "Templates",
      exclude: ["README.md", "apercus"],
      resources: [
        // The default document templates, compiled into the binary; `--modeles DIR` overrides them.
        .embedInCode("dossier.html.mustache"),
        .embedInCode("dossier.md.mustache"),
        .embedInCode("surendettement.html.mustache"),
        .embedInCode("surendettement.md.mustache"),
        .embedInCode("style.css.mustache"),
        .embedInCode("fiche-vierge.html.mustache"),
        .embedInCode("fiche-vierge.md.mustache"),
        .embedInCode("entete.mustache"),
        .embedInCode("pied.mustache"),
        .embedInCode("champ.html.mustache"),
        .embedInCode("champ.md.mustache"),
        .embedInCode("convention.html.mustache"),
        .embedInCode("convention.md.mustache"),
        .embedInCode("bilan.html.mustache"),
        .embedInCode("bilan.md.mustache"),
        .embedInCode("apurement.html.mustache"),
        .embedInCode("apurement.md.mustache"),
      ]
    ),
    .target(
      name: "EquilibreScenarios",
      path: "Scenarios",
      resources: [
        // The example households, for `equilibre exemples` (new files must be listed here).
        .embedInCode("apprenti-recherche-logement.yaml"),
        .embedInCode("couple-trois-enfants-revolving.yaml"),
        .embedInCode("etudiante-boursiere.yaml"),
        .embedInCode("interimaire-credits-conso.yaml"),
        .embedInCode("jeune-couple-bebe.yaml"),
        .embedInCode("locataire-impayes-perte-emploi.yaml"),
        .embedInCode("parent-separe.yaml"),
        .embedInCode("pere-seul-aah.yaml"),
        .embedInCode("proprietaire-impayes-maladie.yaml"),
        .embedInCode("retraitee-seule-dettes-energie.yaml"),
        .embedInCode("flux-dates-exemple.csv"),
        .embedInCode("flux-decret-2002-928-exemple-1.csv"),
        // Three months of a generated household's statements (Crédit Mutuel layout), for `equilibre releves`.
        .embedInCode("releve-exemple-2026-01.csv"),
        .embedInCode("releve-exemple-2026-02.csv"),
        .embedInCode("releve-exemple-2026-03.csv"),
        .embedInCode("forfaits/puy-de-dome-2012.yaml"),
      ]
    ),
    .target(
      name: "EquilibreStatements",
      dependencies: [
        "EquilibreCore", .product(name: "CSV", package: "CSV.swift"), .product(name: "SWXMLHash", package: "SWXMLHash"),
      ],
      resources: [
        // The banks' CSV layouts shipped with the program; a structure adds its own folder.
        .embedInCode("Layouts/credit-agricole.yaml"),
        .embedInCode("Layouts/bnp-paribas.yaml"),
        .embedInCode("Layouts/societe-generale.yaml"),
        .embedInCode("Layouts/banque-postale.yaml"),
        .embedInCode("Layouts/bpce.yaml"),
        .embedInCode("Layouts/credit-mutuel-cic.yaml"),
        .embedInCode("Layouts/boursobank.yaml"),
        .embedInCode("Layouts/revolut.yaml"),
        // What the labels say (counterparties, incidents, gambling) and the lenders, as data.
        .embedInCode("Data/contreparties.yaml"),
        .embedInCode("Data/preteurs.yaml"),
      ]
    ),
    .target(
      // Synthetic bank statements with their truth, for the tests and `equilibre-dev` (never installed).
      name: "EquilibreStatementsSynthetic",
      dependencies: ["EquilibreStatements", "EquilibreCore"]
    ),
    .target(
      name: "EquilibreDocuments",
      dependencies: [
        "EquilibreCore", "EquilibreTemplates",
        .product(name: "Mustache", package: "swift-mustache"),
      ]
    ),
    .target(
      name: "EquilibreCases",
      dependencies: [
        "EquilibreCore", "EquilibreDocuments",
        .product(name: "SQLKit", package: "sql-kit"),
        .product(name: "SQLiteKit", package: "sqlite-kit"),
        .product(name: "PostgresKit", package: "postgres-kit"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
      ],
      resources: [
        // The measure policy shipped with the program (durations, renewals, visit rhythm, sources).
        .embedInCode("Policy/mesures.yaml"),
        // The common passwords refused in shared mode (source in the file's header).
        .embedInCode("Accounts/mots-de-passe-courants.txt"),
      ]
    ),
    .target(
      name: "EquilibreWeb",
      dependencies: [
        "EquilibreCore", "EquilibreDocuments", "EquilibreCases", "EquilibreScenarios", "EquilibreStatements",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
        .product(name: "HummingbirdTLS", package: "hummingbird"),
        .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "Mustache", package: "swift-mustache"),
        .product(name: "MultipartKit", package: "multipart-kit"),
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ],
      resources: [
        // The pages, the style sheet and the small script, compiled into the binary (no CDN, no files to install).
        .embedInCode("Resources/page.mustache"),
        .embedInCode("Resources/dossiers.mustache"),
        .embedInCode("Resources/dossier.mustache"),
        .embedInCode("Resources/erreur.mustache"),
        .embedInCode("Resources/formulaire.mustache"),
        .embedInCode("Resources/import.mustache"),
        .embedInCode("Resources/releves.mustache"),
        .embedInCode("Resources/releves-revue.mustache"),
        .embedInCode("Resources/atelier.mustache"),
        .embedInCode("Resources/connexion.mustache"),
        .embedInCode("Resources/comptes.mustache"),
        .embedInCode("Resources/journal.mustache"),
        .embedInCode("Resources/rapport.mustache"),
        .embedInCode("Resources/agenda.mustache"),
        .embedInCode("Resources/parametres.mustache"),
        .embedInCode("Resources/options.mustache"),
        .embedInCode("Resources/chiffres.mustache"),
        .embedInCode("Resources/explications.mustache"),
        .embedInCode("Resources/espace.css"),
        .embedInCode("Resources/espace.js"),
      ]
    ),
    .target(
      name: "EquilibreCommands",
      dependencies: [
        "EquilibreCore", "EquilibreDocuments", "EquilibreScenarios", "EquilibreStatements",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .executableTarget(
      name: "EquilibreCLI",
      dependencies: ["EquilibreCommands"]
    ),
    .target(
      name: "EquilibreWorkspaceCommands",
      dependencies: [
        "EquilibreCommands", "EquilibreCore", "EquilibreDocuments", "EquilibreCases", "EquilibreStatements", "EquilibreWeb",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .executableTarget(
      name: "EquilibreWorkspaceCLI",
      dependencies: ["EquilibreWorkspaceCommands"]
    ),
    .executableTarget(
      name: "EquilibreDevCLI",
      dependencies: [
        "EquilibreCommands", "EquilibreWorkspaceCommands", "EquilibreCore", "EquilibreScenarios", "EquilibreCases",
        "EquilibreStatements", "EquilibreStatementsSynthetic",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "SQLKit", package: "sql-kit"),
      ]
    ),
    .testTarget(
      name: "EquilibreCoreTests",
      dependencies: [
        "EquilibreCore", "CGMP",
        .product(name: "PropertyBased", package: "swift-property-based"),
      ]
    ),
    .testTarget(
      name: "EquilibreStatementsTests",
      dependencies: [
        "EquilibreStatements", "EquilibreStatementsSynthetic", "EquilibreCore",
        .product(name: "PropertyBased", package: "swift-property-based"),
      ]
    ),
    .testTarget(
      name: "EquilibreCasesTests",
      dependencies: [
        "EquilibreCases", "EquilibreCore",
        .product(name: "PropertyBased", package: "swift-property-based"),
      ]
    ),
    .testTarget(
      name: "EquilibreWebTests",
      dependencies: [
        "EquilibreWeb", "EquilibreCases", "EquilibreCore",
        .product(name: "HummingbirdTesting", package: "hummingbird"),
        .product(name: "Mustache", package: "swift-mustache"),
        .product(name: "PropertyBased", package: "swift-property-based"),
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ]
    ),
    .testTarget(
      name: "EquilibreCLITests",
      dependencies: [
        "EquilibreCLI", "EquilibreWorkspaceCLI", "EquilibreDevCLI", "EquilibreCore", "EquilibreDocuments", "EquilibreScenarios",
        "EquilibreCases",
      ],
      exclude: ["Golden"]
    ),
  ]
)
