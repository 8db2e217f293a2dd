"""The `factsheet` command: a thin click layer over the library API (`factsheet.pipeline` and friends).

Each command parses its flags into a library call and prints the result; nothing else. Each imports what it
needs when it runs, so `factsheet --help` answers without loading pydantic, Jinja2 or WeasyPrint.
"""

from factsheet.cli import build, check, commands, preview, printing, review, source, translate
from factsheet.cli.group import main

__all__ = ["build", "check", "commands", "main", "preview", "printing", "review", "source", "translate"]
