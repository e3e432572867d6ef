import EquilibreWorkspaceCommands

await EquilibreWorkspace.start()
