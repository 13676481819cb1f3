"""The command-line layer: options, commands and output; the only part of brtrade that
prints or exits.

:func:`main` is the console script. ``app`` (the Typer app) and ``ExitCode`` are
imported from their modules on first use, so that the console script can pause the
garbage collector before Typer is imported (:mod:`brtrade.cli.startup`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from brtrade.cli.errors import ExitCode
    from brtrade.cli.program import app

__all__ = ["ExitCode", "app", "main"]


def main() -> None:
    """Console-script entry point: the program (:func:`brtrade.cli.program.main`), its
    start-up run with the cyclic garbage collector paused."""
    from brtrade.cli import startup

    startup.pause()
    try:
        from brtrade.cli.program import main as program

        program()
    finally:
        startup.end()


def __getattr__(name: str) -> Any:
    if name == "app":
        from brtrade.cli.program import app

        return app
    if name == "ExitCode":
        from brtrade.cli.errors import ExitCode

        return ExitCode
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
