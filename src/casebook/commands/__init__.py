"""Sub-commands of `casebook`, one module each, listed in cli._command_modules().

A module here defines `add_command(subparsers)` which adds its parser and sets
`handler=function(args) -> exit code`. `validate` lives in cli.py itself.
"""

from __future__ import annotations

import argparse
from typing import TypeAlias

# What `add_command` receives: the `casebook` parser's sub-command group.
Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
