"""Which files a --facts path names, and reading them safely. Light: no YAML, no model.

A fact folder is untrusted input (docs/security.md). Only regular files are
read from it, each confined to the folder (a symlink that leads out of it is
refused) and read with a limit on the bytes actually read, not on what
``st_size`` claims. A path given directly as --facts may also be a pipe
(``/dev/stdin``, a shell's ``<(...)``), read once with the same limit.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from brtrade.core.errors import FactBaseError

FACT_FILE_SUFFIXES = (".yaml", ".yml")
FORMAT_VERSION = 1
"""The fact-file format this brtrade reads (the ``format:`` key)."""

MAX_FILE_BYTES = 256 * 1024 * 1024
"""A fact file larger than this is refused (the 100,000-claim benchmark base is 87 MB)."""

MAX_SOURCE_BYTES = 16 * 1024 * 1024
"""A source text larger than this is refused (a long article is 100 KB)."""

_CHUNK = 1 << 20


def fact_files(path: Path) -> list[Path]:
    """The fact files that ``path`` names: itself, or the YAML files in a folder, by name.

    A file in a folder that is a symlink leading outside the folder is refused.
    """
    if is_folder(path):
        try:
            entries = list(path.iterdir())
        except OSError as exc:
            raise FactBaseError(
                f"cannot list the folder: {exc.strerror or exc}", file=str(path)
            ) from None
        files = sorted(
            p for p in entries if p.suffix in FACT_FILE_SUFFIXES and not p.name.startswith(".")
        )
        if not files:
            raise FactBaseError(
                "the folder holds no *.yaml fact files", file=str(path), hint="add a .yaml file"
            )
        folder = Path(os.path.realpath(path))
        for p in files:
            if p.is_symlink() and not Path(os.path.realpath(p)).is_relative_to(folder):
                raise FactBaseError(
                    "the fact file is a symlink that leads outside its folder",
                    file=str(p),
                    hint="copy the file into the folder, or remove the link",
                )
        return files
    return [path]


def skipped_folders(path: Path) -> list[tuple[str, int]]:
    """Subfolders of a base folder that hold fact files, which a load does not read:
    (name, how many fact files). Nothing for a single file or an unreadable folder."""
    out: list[tuple[str, int]] = []
    try:
        if not path.is_dir():
            return out
        for sub in sorted(p for p in path.iterdir() if p.is_dir() and not p.is_symlink()):
            count = sum(1 for f in sub.iterdir() if f.suffix in FACT_FILE_SUFFIXES)
            if count:
                out.append((str(sub), count))
    except OSError:
        pass
    return out


def is_folder(path: Path) -> bool:
    """Whether ``path`` is a folder; a path that cannot be reached is an error, not False."""
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise FactBaseError(
            f"cannot reach the fact file or folder: {reason}",
            file=str(path),
            hint="check the permissions of the folders on its path",
        ) from None


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def is_pipe(path: Path) -> bool:
    """Whether ``path`` is a pipe, such as ``/dev/stdin`` or a shell's ``<(...)``."""
    try:
        return stat.S_ISFIFO(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def is_transient(path: Path) -> bool:
    """Whether ``path`` names a stream rather than a file kept on disk: a pipe, or a
    path under /dev or /proc (``/dev/stdin``, ``/dev/fd/63``). Never indexed."""
    text = os.path.abspath(path)
    return is_pipe(path) or text.startswith(("/dev/", "/proc/"))


def read_bytes(path: Path, limit: int, *, what: str, pipe_ok: bool = False) -> bytes:
    """The bytes of a regular file (or, with ``pipe_ok``, a pipe), at most ``limit`` of them.

    Never blocks on a FIFO nobody writes to, never reads a device, and stops
    reading at ``limit + 1`` bytes whatever the file claims its size is.
    Raises :class:`FactBaseError` for anything else, and OSError as opened.
    """
    shown = str(path)
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    try:
        st = os.fstat(fd)
        regular = stat.S_ISREG(st.st_mode)
        if not regular and not (pipe_ok and stat.S_ISFIFO(st.st_mode)):
            hint = (
                "give a regular file"
                if not stat.S_ISDIR(st.st_mode)
                else "give a .yaml file or a folder"
            )
            raise FactBaseError(f"the {what} is {_kind(st.st_mode)}", file=shown, hint=hint)
        too_big = FactBaseError(
            f"the {what} is larger than the limit of {limit:,} bytes",
            file=shown,
            hint="split it into several files"
            if what == "fact file"
            else "see 'Security and limits' in docs/security.md",
        )
        if regular and st.st_size > limit:
            raise too_big
        if not regular:
            os.set_blocking(fd, True)  # a pipe the user gave: wait for its writer
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise too_big
        return b"".join(chunks)
    finally:
        os.close(fd)
