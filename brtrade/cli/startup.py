"""Start-up with the cyclic garbage collector paused: the console script pauses it,
the root callback freezes what start-up made and resumes it, and the exit freezes the
rest (docs/performance.md, "Start-up").

Start-up makes some 200,000 objects (Typer, Click, the command's modules and its
parameters), none of them garbage: with the collector on, its passes walk them again
and again, and the interpreter's last collection at exit walks them all once more: a
sixth of a warm query's time on the bundled base. :func:`gc.freeze` moves them where no
collection looks; the command's own work runs with the collector on, so memory stays
bounded.
"""

from __future__ import annotations

import gc

_paused = False
"""Whether :func:`pause` turned the collector off (and it is still off): what
:func:`resume` and :func:`end` undo, and nothing a caller did itself."""


def pause() -> None:
    """Turn the collector off for start-up (the console script, first thing)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """Start-up is over (the root callback: the command is found and its modules are
    imported): freeze what it made, and run the collector again for the command."""
    global _paused
    if _paused:
        gc.freeze()
        gc.enable()
        _paused = False


def end() -> None:
    """The program is done: freeze everything, so that the collection at exit has
    nothing to walk, and leave the collector as the caller had it."""
    gc.freeze()
    resume()
