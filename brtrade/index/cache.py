"""The cache folder as a whole: what indexes it holds, and keeping it small.

Each index is ``KEY.sqlite`` with its ``KEY.stamp.json`` and ``KEY.lock``
(:mod:`brtrade.index.freshness`). The stamp names the base (its real path),
and its mtime is when the index was last used: a run that uses an index
touches its stamp, at most once an hour.

brtrade prunes on its own, at most once a day, after it builds an index:
indexes whose base is gone, and the least recently used ones while the folder
is over ``BRTRADE_CACHE_MAX`` (default 1 GB). ``brtrade cache`` lists,
prunes and clears by hand.
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path
from typing import NamedTuple

from brtrade.index.freshness import cache_folder, folder_problem, read_stamp, root_id

DEFAULT_MAX_BYTES = 1024**3
"""The cache folder's size cap when BRTRADE_CACHE_MAX does not set one."""
DEFAULT_MAX_AGE_DAYS = 30
"""`brtrade cache prune` removes indexes unused for this many days."""
AUTO_PRUNE_SECONDS = 24 * 3600
_MARKER = ".last-prune"
_SUFFIXES = (".sqlite", ".sqlite-journal", ".stamp.json", ".lock")


class Entry(NamedTuple):
    """One index in the cache folder."""

    key: str
    base: str | None
    """The real path of the fact file or folder it indexes; None if its stamp is unreadable."""
    size: int
    """Bytes on disk: the index, its stamp and its lock."""
    used: float
    """When it was last used (seconds since the epoch)."""
    exists: bool
    """Whether its base is still there."""
    current: bool
    """Whether this brtrade can use it (else it was made by another version or format)."""


def max_bytes() -> int:
    """BRTRADE_CACHE_MAX in bytes: a number, optionally with K, M or G (1024-based); the
    default for a value that is none (core.environment words the warning)."""
    from brtrade.core.environment import size

    return size("BRTRADE_CACHE_MAX", DEFAULT_MAX_BYTES)


def _files(folder: Path, key: str) -> list[Path]:
    return [folder / f"{key}{suffix}" for suffix in _SUFFIXES]


def entries(folder: Path | None = None) -> list[Entry]:
    """Every index in the cache folder, most recently used first."""
    folder = folder or cache_folder()
    if folder is None or folder_problem(folder) is not None:
        return []
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    keys = sorted({n.removesuffix(".sqlite") for n in names if n.endswith(".sqlite")})
    out: list[Entry] = []
    for key in keys:
        size = 0
        for path in _files(folder, key):
            with contextlib.suppress(OSError):
                size += os.lstat(path).st_size
        base: str | None = None
        used = 0.0
        current = False
        try:
            stamp_path = folder / f"{key}.stamp.json"
            used = os.lstat(stamp_path).st_mtime
            root = str(read_stamp(stamp_path).get("root", ""))
            base = root.split("|", 3)[-1] or None
            current = base is not None and root == root_id(Path(base))
        except (OSError, ValueError):
            with contextlib.suppress(OSError):
                used = os.lstat(folder / f"{key}.sqlite").st_mtime
        exists = base is not None and os.path.exists(base)
        out.append(Entry(key, base, size, used, exists, current))
    out.sort(key=lambda e: -e.used)
    return out


def remove(folder: Path, entry: Entry) -> None:
    for path in _files(folder, entry.key):
        with contextlib.suppress(OSError):
            path.unlink()


def prune(
    folder: Path | None = None,
    *,
    older_than_days: float | None = DEFAULT_MAX_AGE_DAYS,
    cap: int | None = None,
    everything: bool = False,
) -> list[Entry]:
    """Remove the indexes whose base is gone or that this brtrade cannot use (another
    version's), those unused for ``older_than_days``, and
    the least recently used while the folder is over ``cap`` bytes (or all of them with
    ``everything``); return what was removed. Stale temporaries go too."""
    folder = folder or cache_folder()
    if folder is None or folder_problem(folder) is not None:
        return []
    from brtrade.index.writes import remove_stale_temps

    remove_stale_temps(folder)
    now = time.time()
    keep: list[Entry] = []
    gone: list[Entry] = []
    for e in entries(folder):
        too_old = older_than_days is not None and now - e.used > older_than_days * 86400
        if everything or not e.exists or not e.current or too_old:
            gone.append(e)
        else:
            keep.append(e)
    if cap is not None:
        total = sum(e.size for e in keep)
        while keep and total > cap:
            lru = keep.pop()  # least recently used last
            total -= lru.size
            gone.append(lru)
    for e in gone:
        remove(folder, e)
    return gone


def auto_prune(folder: Path) -> None:
    """At most once a day: drop indexes of bases that are gone, and keep the folder under
    BRTRADE_CACHE_MAX. Quiet and never fatal."""
    marker = folder / _MARKER
    try:
        if time.time() - os.lstat(marker).st_mtime < AUTO_PRUNE_SECONDS:
            return
    except FileNotFoundError:
        pass
    except OSError:
        return
    with contextlib.suppress(OSError):
        fd = os.open(marker, os.O_WRONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
        os.close(fd)
        os.utime(marker)
        prune(folder, older_than_days=None, cap=max_bytes())
