"""Writing cache files safely: private temporaries renamed into place, removed when a
signal or a crash ends the run that made them, and one builder at a time.

Temporaries come from ``mkstemp`` (0600, ``O_EXCL``) beside their destination and
carry the writer's pid, so that a later run can remove those of a dead one. The
build lock is an advisory ``flock`` on a file opened without following symlinks.
"""

from __future__ import annotations

import contextlib
import os
import stat as stat_module
from collections.abc import Iterator
from pathlib import Path
from typing import Any


def trusted(st: os.stat_result) -> bool:
    """A cache file we may trust: our regular file, and not writable by anyone else."""
    return stat_module.S_ISREG(st.st_mode) and st.st_uid == os.geteuid() and not st.st_mode & 0o022


NOFOLLOW = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


TEMP_SUFFIX = ".tmp"
_LIVE_TEMPS: set[str] = set()
"""Temporary files this process is writing: removed if a signal ends it."""


def make_temp(dest: Path) -> Path:
    """A new private temporary file beside ``dest`` (mkstemp: 0600, O_EXCL), named
    with our pid so that a later run can remove it if we die."""
    import tempfile

    fd, name = tempfile.mkstemp(
        prefix=f".{dest.name}.{os.getpid()}.", suffix=TEMP_SUFFIX, dir=dest.parent
    )
    os.close(fd)
    _LIVE_TEMPS.add(name)
    return Path(name)


def drop_temp(tmp: Path) -> None:
    _LIVE_TEMPS.discard(str(tmp))
    with contextlib.suppress(OSError):
        tmp.unlink()


def remove_stale_temps(folder: Path) -> None:
    """Remove temporary files left by runs that died (SIGKILL, a crash, a power cut)."""
    try:
        names = [n for n in os.listdir(folder) if n.startswith(".") and n.endswith(TEMP_SUFFIX)]
    except OSError:
        return
    for name in names:
        parts = name.split(".")
        pid = int(parts[-3]) if len(parts) >= 4 and parts[-3].isdigit() else None
        if pid is None or pid == os.getpid() or _alive(pid):
            continue
        path = folder / name
        with contextlib.suppress(OSError):
            if trusted(os.lstat(path)):
                path.unlink()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process: alive
    return True


@contextlib.contextmanager
def temps_removed_on_signals() -> Iterator[None]:
    """While building, SIGTERM and SIGHUP remove our temporary files, then end the
    process as the signal would have."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: Any) -> None:
        for name in list(_LIVE_TEMPS):
            with contextlib.suppress(OSError):
                os.unlink(name)
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)

    signums = [signal.SIGTERM, signal.SIGHUP]
    old = [signal.signal(s, handler) for s in signums]
    try:
        yield
    finally:
        for s, h in zip(signums, old, strict=True):
            signal.signal(s, h)


def write_atomically(dest: Path, data: bytes) -> None:
    tmp = make_temp(dest)
    try:
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, dest)
    finally:
        drop_temp(tmp)


@contextlib.contextmanager
def exclusive(lock_path: Path) -> Iterator[bool]:
    """An advisory, non-blocking lock: yields False when another process holds it."""
    import fcntl

    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | NOFOLLOW, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        yield True
    finally:
        os.close(fd)


def drop_journal(db: Path) -> None:
    """Remove a rollback journal left beside an index by an update that died: before a
    new index takes the name, or SQLite would play the old journal into it."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(db.with_name(db.name + "-journal"))
