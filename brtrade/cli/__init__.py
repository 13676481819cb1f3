"""The command-line layer: options, commands and output; the only part of brtrade that
prints or exits."""

from brtrade.cli.errors import ExitCode
from brtrade.cli.program import app, main

__all__ = ["ExitCode", "app", "main"]
