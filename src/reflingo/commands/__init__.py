"""The commands: one module each, with one entry function `run(args) -> int` (the exit code).

:data:`COMMANDS` maps a command name to the module that runs it; :mod:`reflingo.cli` builds the
argument parser and imports the module of the command it is asked to run.
"""

from __future__ import annotations

#: Command name -> module (under reflingo.commands) whose `run(args)` carries it out.
COMMANDS = {"parse": "parse", "check": "check", "checks": "checks", "fix": "fix",
            "stubs": "stubs",
            "build": "build", "serve": "serve"}

#: Exit codes: 0 clean; 1 findings at or above --fail-on (or bad input pages for `parse`);
#: 2 usage or I/O error; 3 internal error (a bug in reflingo); 130 interrupted.
EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
