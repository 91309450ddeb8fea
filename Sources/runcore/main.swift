// The executable is a trampoline: everything lives in RuncoreCLI, where tests can reach it.
import RuncoreCLI

RuncoreCommand.launch()
