// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "Equilibre",
  products: [
    .library(name: "EquilibreCore", targets: ["EquilibreCore"]),
    .executable(name: "equilibre", targets: ["EquilibreCLI"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
    .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
  ],
  targets: [
    .systemLibrary(
      name: "CGMP",
      pkgConfig: "gmp",
      providers: [.apt(["libgmp-dev"]), .brew(["gmp"])]
    ),
    .target(
      name: "EquilibreCore",
      dependencies: ["CGMP"]
    ),
    .executableTarget(
      name: "EquilibreCLI",
      dependencies: [
        "EquilibreCore",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(
      name: "EquilibreCoreTests",
      dependencies: [
        "EquilibreCore",
        .product(name: "PropertyBased", package: "swift-property-based"),
      ]
    ),
    .testTarget(
      name: "EquilibreCLITests",
      dependencies: ["EquilibreCLI"]
    ),
  ]
)
