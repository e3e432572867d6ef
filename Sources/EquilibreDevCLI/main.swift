import ArgumentParser
import EquilibreCommands
import EquilibreWorkspaceCommands
import Foundation

/// `equilibre-dev`: the developers' tools, built from the sources and never installed.
struct EquilibreDev: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "equilibre-dev",
    abstract: "Outils des développeurs d'Équilibre (mesures, générateurs, fuzz) ; jamais installés.",
    discussion: """
      Exemples :
        swift build -c release --product equilibre-dev
        .build/release/equilibre-dev bench --prets 10000 --taeg 1000
        .build/release/equilibre-dev fuzz --nombre 1000
        .build/release/equilibre-dev base-generer --base /tmp/banc.sqlite
      """,
    subcommands: [
      Bench.self, FuzzCommand.self, MemoryLoop.self, GenerateBatch.self, GenerateCases.self, MeasureCases.self,
      SuiviWriteLoop.self, MeasureStatements.self,
    ]
  )
}

// `memoire` runs under valgrind (.ci/leakcheck), which crashes when an `async` main leaves the main
// thread through `dispatch_main`: that loop runs from a plain synchronous main.
if CommandLine.arguments.dropFirst().first == MemoryLoop.configuration.commandName {
  CommandMain.runSynchronously(EquilibreDev.self)
} else {
  Task {
    await CommandMain.run(EquilibreDev.self, describe: EquilibreWorkspace.describeStoreError)
    exit(0)
  }
  dispatchMain()
}
