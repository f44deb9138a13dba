"""Sub-commands of `casebook`, one module each, listed in cli._command_modules().

A module here defines `add_command(subparsers)` which adds its parser and sets
`handler=function(args) -> exit code`. `validate` lives in cli.py itself.
"""
