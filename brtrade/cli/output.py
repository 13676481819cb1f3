"""Writing results to stdout: the only code in brtrade that prints data.

JSON goes out as UTF-8 bytes whatever the locale. Tables go through a Rich
console with markup, emoji and highlighting off, so data is never
interpreted. When stdout is not a terminal the console emits no colour and
the renderers drop box drawing; Rich honours NO_COLOR, FORCE_COLOR, TERM=dumb
and COLUMNS.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from brtrade.core.errors import BrtradeError, UsageError
from brtrade.render.formats import Format
from brtrade.render.safe import terminal_safe

if TYPE_CHECKING:
    from rich.console import Console
    from rich.console import RenderableType as RenderableType


class Settings(NamedTuple):
    """How output reaches the user, as the root options say (--color, --no-pager)."""

    color: str = "auto"
    """auto (colour on a terminal), always, or never."""
    pager: bool = True
    """Page long output on a terminal (--no-pager turns it off)."""


def settings() -> Settings:
    """The output settings of the command that runs: its root options' state (on the
    Click context, so no run leaks into the next); the defaults outside a command."""
    from brtrade.cli.typer_compat import current_context

    ctx = current_context()
    found = getattr(ctx.find_root().obj, "output", None) if ctx is not None else None
    return found if isinstance(found, Settings) else Settings()


def warn(message: str) -> None:
    """One line on stderr, made safe for the terminal.

    A message that cannot be written (stderr closed, as with ``2>&-``, or gone) is
    dropped: the exit code says what happened whether or not it was heard.
    """
    try:
        sys.stderr.write(f"brtrade: {terminal_safe(message)}\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass


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
        raise _write_error(exc) from None


MAX_WIDTH = 100
"""Output is laid out at most this wide: prose longer than this is hard to read."""

MIN_TABLE_WIDTH = 60
"""Tables are laid out at least this wide: narrower, Rich would drop whole columns.
On a narrower terminal the lines wrap, but nothing is hidden."""


def _stdout() -> Any:
    """sys.stdout, or an OutputError when the process was started with it closed."""
    if sys.stdout is None:
        raise OutputError("stdout is closed", hint="run brtrade with stdout open")
    return sys.stdout


def write_all(fd: int, data: bytes) -> None:
    """Write every byte of ``data`` to ``fd``, or raise.

    ``os.write`` may write only part (a nearly full disk, a pipe, a signal), and
    Python's unbuffered stdout (``PYTHONUNBUFFERED``) passes such a short count on
    silently; this loop makes every write complete or an error, whatever the
    buffering. A non-blocking descriptor is waited on, not given up on."""
    view = memoryview(data)
    while view:
        try:
            written = os.write(fd, view)
        except BlockingIOError:
            import select

            select.select([], [fd], [])
            continue
        if written <= 0:
            raise OSError(errno.EIO, "the output accepted no bytes")
        view = view[written:]


def _write_error(exc: OSError) -> OutputError:
    silence_stdout()
    return OutputError(
        f"cannot write the output: {exc.strerror or exc}",
        hint="is the disk full, or the terminal gone?",
    )


class _CompleteWriter(io.RawIOBase):
    """A raw stdout whose every write is complete or raises (OutputError; a closed
    pipe stays BrokenPipeError, for exit 141)."""

    def __init__(self, fd: int) -> None:
        super().__init__()
        self._fd = fd

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._fd

    def isatty(self) -> bool:
        return os.isatty(self._fd)

    def write(self, b: Any) -> int:
        data = bytes(b)
        try:
            write_all(self._fd, data)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise _write_error(exc) from None
        return len(data)


def reliable_stdout() -> None:
    """Put a buffered stdout in place whose writes are complete or reported.

    With ``PYTHONUNBUFFERED``, Python's stdout writes straight to the file and
    drops what a short write leaves over; Typer's help and Rich would then cut
    output short and exit 0. Called once by the console script, before anything
    is written; everything printed (data, help, completion) goes through it."""
    out = sys.stdout
    if out is None:
        return
    try:
        fd = out.fileno()
    except (AttributeError, OSError, ValueError):
        return
    out.flush()
    sys.stdout = io.TextIOWrapper(
        io.BufferedWriter(_CompleteWriter(fd), buffer_size=1 << 16),
        encoding=out.encoding,
        errors=out.errors,
        line_buffering=bool(out.line_buffering),
    )


def flush_stdout() -> None:
    """Flush stdout at the end of a run: OutputError or BrokenPipeError if it fails."""
    if sys.stdout is None:
        return
    with guarded_stdout():
        sys.stdout.flush()


def pager_command() -> list[str] | None:
    """The pager to use, as git and gh choose one: BRTRADE_PAGER, then PAGER, then
    'less -FRX'; None when it is set empty or to 'cat'."""
    import shutil

    from brtrade.core.environment import command

    for name in ("BRTRADE_PAGER", "PAGER"):
        words = command(name).value
        if isinstance(words, list):
            return words or None
    return ["less", "-FRX"] if shutil.which("less") else None


def _page(text: str) -> bool:
    """Show ``text`` through the pager, when stdout is a terminal and it is longer than
    the screen; False when it was not paged (then the caller writes it)."""
    if not settings().pager or sys.stdout is None:
        return False
    try:
        if not os.isatty(sys.stdout.fileno()):
            return False
        rows = os.get_terminal_size(sys.stdout.fileno()).lines
    except (OSError, ValueError, AttributeError):
        return False
    if text.count("\n") < rows:
        return False
    command = pager_command()
    if command is None:
        return False
    import subprocess

    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    env.setdefault("LV", "-c")
    try:
        sys.stdout.flush()
        proc = subprocess.Popen(command, stdin=subprocess.PIPE, env=env)
    except OSError:
        return False
    assert proc.stdin is not None
    try:
        proc.stdin.write(text.encode("utf-8", "backslashreplace"))
        proc.stdin.close()
    except BrokenPipeError:
        pass  # the reader quit the pager early: that is how paging ends
    try:
        proc.wait()
    except KeyboardInterrupt:
        proc.wait()
    return True


def write_text(text: str) -> None:
    """Write ``text`` to stdout as UTF-8, all of it, so a write error shows up here.
    On a terminal, output longer than the screen goes through the pager.

    Every byte brtrade prints goes through this function."""
    if _page(text):
        return
    stream = _stdout()
    data = text.encode("utf-8", "backslashreplace")
    with guarded_stdout():
        stream.flush()  # whatever the text layer holds goes first
        try:
            fd = stream.fileno()
        except (AttributeError, OSError, ValueError):
            fd = None  # not a real file (a test's captured stream)
        if fd is not None:
            write_all(fd, data)
            return
        buffer = getattr(stream, "buffer", None)
        if buffer is not None:
            buffer.write(data)
            buffer.flush()
        else:  # a text-only stream
            stream.write(text)
            stream.flush()


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
    color = settings().color
    from brtrade.core.environment import clicolor_force

    if color == "auto" and clicolor_force():
        color = "always"  # the CLICOLOR convention: force colour even through a pipe
    out = _Console(
        file=stdout,
        markup=False,
        emoji=False,
        highlight=False,
        soft_wrap=False,
        force_terminal=True if color == "always" else None,
        # never: no escape codes at all, bold and dim included
        color_system=None if color == "never" else "auto",
    )
    if out.width < MIN_TABLE_WIDTH:
        out.width = MIN_TABLE_WIDTH
    elif out.width > MAX_WIDTH:
        out.width = MAX_WIDTH
    return out


_TRAILING = re.compile(r"[ \t]+(?=(?:\x1b\[[0-9;]*m)*$)", re.MULTILINE)
"""Spaces Rich pads a line with, before any closing colour codes: never written."""


def emit_rich(build: Callable[[bool], RenderableType]) -> None:
    """Render what ``build(plain)`` returns; ``plain`` is True off a terminal.

    Rich renders into a string (with colour when stdout is a terminal), which is
    then written as every output is, by :func:`write_text`."""
    out = console()
    renderable = build(not out.is_terminal)
    with out.capture() as captured:
        out.print(renderable)
    write_text(_TRAILING.sub("", captured.get()))


class Output(NamedTuple):
    """How a listing command prints: the one decision behind --format, --json, --fields."""

    format: Format
    fields: str | None
    raw_csv: bool = False

    @property
    def is_table(self) -> bool:
        return self.format is Format.table


TABLE = Output(Format.table, None)
"""What a listing command prints by default: a table
(:func:`brtrade.cli.options.output_options`)."""


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


def emit_chunks(out: Output, kind: str, chunks: Iterable[Sequence[dict[str, Any]]]) -> int:
    """Print records given a chunk at a time in a machine format, writing each chunk as
    it comes (held whole only for a terminal, where the pager may take it); the number
    of records printed."""
    from brtrade.render.formats import serialise_chunks

    count = 0

    def counted() -> Iterator[Sequence[dict[str, Any]]]:
        nonlocal count
        for chunk in chunks:
            count += len(chunk)
            yield chunk

    pieces = serialise_chunks(kind, counted(), out.format, out.fields, raw_csv=out.raw_csv)
    try:
        terminal = os.isatty(_stdout().fileno())
    except (AttributeError, OSError, ValueError):
        terminal = False  # not a real file (a test's captured stream)
    if terminal:
        write_text("".join(pieces))
    else:
        for piece in pieces:
            if piece:
                write_text(piece)
    return count
