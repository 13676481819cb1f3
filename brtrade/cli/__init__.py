"""The thin command-line layer: the only part of brtrade that prints or exits."""

from brtrade.cli.commands import app, main
from brtrade.cli.errors import ExitCode

__all__ = ["ExitCode", "app", "main"]
