import EquilibreCommands

await Equilibre.start()
