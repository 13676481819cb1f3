"""Writing results to stdout: the only code in brtrade that prints data.

JSON goes out as UTF-8 bytes whatever the locale. Tables go through a Rich
console with markup, emoji and highlighting off, so data is never
interpreted. When stdout is not a terminal the console emits no colour and
the renderers drop box drawing; Rich honours NO_COLOR, FORCE_COLOR, TERM=dumb
and COLUMNS.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from brtrade.core.errors import BrtradeError, UsageError
from brtrade.render.formats import Format

if TYPE_CHECKING:
    from rich.console import Console
    from rich.console import RenderableType as RenderableType


class OutputError(BrtradeError):
    """stdout cannot be written (a full disk, a closed terminal)."""


def silence_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass  # not a real file (tests): nothing will flush to it


@contextlib.contextmanager
def guarded_stdout() -> Iterator[None]:
    """Turn a failed write to stdout into :class:`OutputError`; a closed pipe passes on."""
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as exc:
        silence_stdout()
        raise OutputError(
            f"cannot write the output: {exc.strerror or exc}",
            hint="is the disk full, or the terminal gone?",
        ) from None


MIN_TABLE_WIDTH = 60
"""Tables are laid out at least this wide: narrower, Rich would drop whole columns.
On a narrower terminal the lines wrap, but nothing is hidden."""


def _stdout() -> Any:
    """sys.stdout, or an OutputError when the process was started with it closed."""
    if sys.stdout is None:
        raise OutputError("stdout is closed", hint="run brtrade with stdout open")
    return sys.stdout


def write_text(text: str) -> None:
    """Write ``text`` to stdout as UTF-8 and flush, so a write error shows up here."""
    _stdout()
    with guarded_stdout():
        sys.stdout.flush()
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is not None:
            buffer.write(text.encode("utf-8", "backslashreplace"))
            buffer.flush()
        else:  # a text-only stream
            sys.stdout.write(text)
            sys.stdout.flush()


def emit_json(data: Any) -> None:
    from brtrade.render.formats import to_json

    write_text(to_json(data))


def console() -> Console:
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            # Rich would exit 1 here; let BrtradeGroup handle it like every closed pipe.
            self.quiet = True
            raise BrokenPipeError

    stdout = _stdout()
    if hasattr(stdout, "reconfigure") and (stdout.encoding or "").lower() not in ("utf-8", "utf8"):
        # Rich draws ASCII boxes for such a stream by itself; data it cannot encode
        # (¶, curly quotes, bars) is written as \xb6-style escapes, never a crash.
        stdout.reconfigure(errors="backslashreplace")
    out = _Console(
        file=stdout,
        markup=False,
        emoji=False,
        highlight=False,
        soft_wrap=False,
    )
    if out.width < MIN_TABLE_WIDTH:
        out.width = MIN_TABLE_WIDTH
    return out


def emit_rich(build: Callable[[bool], RenderableType]) -> None:
    """Render what ``build(plain)`` returns; ``plain`` is True off a terminal."""
    out = console()
    renderable = build(not out.is_terminal)
    with guarded_stdout():
        out.print(renderable)
        sys.stdout.flush()


class Output(NamedTuple):
    """How a listing command prints: the one decision behind --format, --json, --fields."""

    format: Format
    fields: str | None
    raw_csv: bool = False

    @property
    def is_table(self) -> bool:
        return self.format is Format.table


def output_choice(
    fmt: Format | None, json_flag: bool, fields: str | None, raw_csv: bool = False
) -> Output:
    if json_flag and fmt not in (None, Format.json):
        raise UsageError(f"--json and --format {fmt.value} disagree", hint="give one of them")
    chosen = Format.json if json_flag else (fmt or Format.table)
    if fields is not None and chosen is Format.table:
        raise UsageError(
            "--fields selects fields for the machine formats, not for tables",
            hint="add --format json, jsonl, csv, tsv, yaml or markdown",
        )
    return Output(chosen, fields, raw_csv)


def emit_records(
    out: Output,
    kind: str,
    rows: Callable[[], Sequence[dict[str, Any]]],
    table: Callable[[bool], RenderableType],
    empty: bool,
) -> None:
    """Print records in the chosen format. With ``empty``, print the format's
    empty form (``[]``, a header alone) and nothing for tables."""
    if out.is_table:
        if not empty:
            emit_rich(table)
        return
    from brtrade.render.formats import serialise

    write_text(
        serialise(kind, [] if empty else rows(), out.format, out.fields, raw_csv=out.raw_csv)
    )
