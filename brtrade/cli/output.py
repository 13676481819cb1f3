"""Writing results to stdout: the only code in brtrade that prints data.

JSON goes out as UTF-8 bytes whatever the locale. Tables go through a Rich
console with markup, emoji and highlighting off, so data is never
interpreted. When stdout is not a terminal the console emits no colour and
the renderers drop box drawing; Rich honours NO_COLOR, FORCE_COLOR, TERM=dumb
and COLUMNS.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console, RenderableType


def write_text(text: str) -> None:
    """Write ``text`` to stdout as UTF-8 and flush, so a closed pipe shows up here."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is not None:
        buffer.write(text.encode("utf-8", "backslashreplace"))
        buffer.flush()
    else:  # a text-only stream
        sys.stdout.write(text)
        sys.stdout.flush()


def emit_json(data: Any) -> None:
    from brtrade.render.records import to_json

    write_text(to_json(data))


def console() -> Console:
    from rich.console import Console

    return Console(
        file=sys.stdout,
        markup=False,
        emoji=False,
        highlight=False,
        soft_wrap=False,
    )


def emit_rich(build: Callable[[bool], RenderableType]) -> None:
    """Render what ``build(plain)`` returns; ``plain`` is True off a terminal."""
    out = console()
    renderable = build(not out.is_terminal)
    out.print(renderable)
    sys.stdout.flush()
