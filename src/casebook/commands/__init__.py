"""Sub-commands of `casebook` that live in their own modules.

Each module has `add_command(subparsers)`; list it in ALL to make it available.
"""

ALL: list = []
