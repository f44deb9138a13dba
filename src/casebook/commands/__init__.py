"""Sub-commands of `casebook`, one module each, found automatically.

A module here defines `add_command(subparsers)` which adds its parser and sets
`handler=function(args) -> exit code`. `validate` lives in cli.py itself.
"""
