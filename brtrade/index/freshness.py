"""Where indexes live, and whether one is fresh: stamps, hashes, locks, atomic writes.

One index per fact file or folder lives in the user's cache folder
(``$XDG_CACHE_HOME/brtrade``, else ``~/.cache/brtrade``):

``KEY.sqlite``
    the index (:mod:`brtrade.index.layout`).
``KEY.stamp.json``
    what the index was built from: each fact file's size, mtime, ctime, inode
    and SHA-256, and when that was true (``verified_ns``).

**Freshness.** Every run lists the fact files and stats them. A different
list, size, mtime, ctime or inode means stale. Equal metadata is trusted,
unless a file's mtime or ctime is within ``RACY_NS`` of ``verified_ns`` (git's
"racy clean" rule): then an edit in the same timestamp tick could hide behind
equal metadata, so the file is hashed. Once a racy file is verified and old
enough, the stamp is rewritten so that later runs trust it without hashing.

**Writes** go to a temporary file in the cache folder and are renamed into
place (atomic on POSIX). The stamp carries the index's build id, and a reader
uses an index only when the ids agree, so a reader never sees a torn or
mismatched pair. Only one run builds at a time (an advisory lock).
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from brtrade import __version__
from brtrade.core.files import fact_files
from brtrade.index.layout import INDEX_FORMAT

if TYPE_CHECKING:
    import sqlite3

RACY_NS = 2_000_000_000
"""Files changed this close to the stamp's time are hashed (coarse timestamps)."""


def cache_folder() -> Path | None:
    """Where indexes live, or None when there is no home for them."""
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "brtrade"
    home = os.environ.get("HOME")
    return Path(home) / ".cache" / "brtrade" if home else None


def root_id(root: Path) -> str:
    """What an index is of: the layout, brtrade, Python and the base's real path."""
    return f"{INDEX_FORMAT}|{__version__}|{sys.version_info[:2]}|{os.path.realpath(root)}"


_SHAPING = (
    "core/model.py",
    "core/fields.py",
    "core/walk.py",
    "core/loader.py",
    "core/query.py",
    "core/text.py",
    "contract/records.py",
    "contract/shapes.py",
    "index/layout.py",
    "index/build.py",
    "index/reader.py",
    "index/plain.py",
)


def code_id() -> list[list[int]]:
    """Size and mtime of the modules that shape an index: an edited checkout rebuilds."""
    package = Path(__file__).resolve().parent.parent
    out = []
    for name in _SHAPING:
        try:
            st = os.stat(package / name)
        except OSError:
            out.append([-1, -1])
            continue
        out.append([st.st_size, st.st_mtime_ns])
    return out


def _key(root: Path) -> str:
    """A file name for the root's index. zlib, not hashlib: it is imported on every run.
    Two roots sharing a key only rebuild each other's index: the stamp names its root."""
    import zlib

    ident = root_id(root).encode("utf-8", "surrogateescape")
    return f"{zlib.crc32(ident):08x}{zlib.adler32(ident):08x}"


class CachePaths(NamedTuple):
    db: Path
    stamp: Path
    lock: Path


def cache_paths(root: Path) -> CachePaths | None:
    """The index, stamp and lock files of a base, or None without a cache folder."""
    folder = cache_folder()
    if folder is None:
        return None
    key = _key(root)
    return CachePaths(
        folder / f"{key}.sqlite", folder / f"{key}.stamp.json", folder / f"{key}.lock"
    )


def file_meta(path: Path) -> list[int]:
    st = os.stat(path)
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


def stat_all(files: Sequence[Path]) -> list[list[int]] | None:
    """Every file's metadata, or None when one cannot be stat'ed."""
    try:
        return [file_meta(p) for p in files]
    except OSError:
        return None


def sha256_of(path: Path) -> str:
    import hashlib

    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def stamp_files(files: Sequence[Path]) -> list[dict[str, Any]]:
    return [{"path": str(p), "meta": file_meta(p), "sha256": sha256_of(p)} for p in files]


def stamp(root: Path, build_id: str, verified_ns: int, files: list[dict[str, Any]]) -> bytes:
    """The stamp of a new index: its build id, what it was built from, and when."""
    return json.dumps(
        {
            "build": build_id,
            "verified_ns": verified_ns,
            "root": root_id(root),
            "code": code_id(),
            "files": files,
        }
    ).encode()


def _owned(path: Path) -> bool:
    """A cache file we may trust: ours, and not writable by anyone else."""
    try:
        st = os.stat(path)
    except OSError:
        return False
    return st.st_uid == os.getuid() and not st.st_mode & 0o022


def write_atomically(dest: Path, data: bytes) -> None:
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.{time.monotonic_ns()}.tmp")
    try:
        with open(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as f:
            f.write(data)
        os.replace(tmp, dest)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


@contextlib.contextmanager
def exclusive(lock_path: Path) -> Iterator[bool]:
    """An advisory, non-blocking lock: yields False when another process holds it."""
    import fcntl

    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        yield True
    finally:
        os.close(fd)


def open_fresh(root: Path) -> sqlite3.Connection | None:
    """The root's index, opened read-only, if it is fresh; else None.

    Raises OSError, sqlite3.Error, ValueError, KeyError, TypeError or EOFError
    for a damaged or foreign cache, which callers treat as "no index".
    """
    import sqlite3

    paths = cache_paths(root)
    if paths is None:
        return None
    if not (_owned(paths.stamp) and _owned(paths.db)):
        return None
    stamp = json.loads(paths.stamp.read_bytes())
    if stamp.get("root") != root_id(root) or stamp.get("code") != code_id():
        return None
    files = fact_files(root)
    if [str(p) for p in files] != [f["path"] for f in stamp["files"]]:
        return None
    now = time.time_ns()
    verified = stamp["verified_ns"]
    still_racy = False
    for entry, path in zip(stamp["files"], files, strict=True):
        meta = file_meta(path)
        if meta != entry["meta"]:
            return None
        changed = max(meta[1], meta[2])
        if changed >= verified - RACY_NS:
            if sha256_of(path) != entry["sha256"]:
                return None
            still_racy = still_racy or changed >= now - RACY_NS
    db = sqlite3.connect(f"file:{paths.db}?mode=ro&immutable=1", uri=True)
    row = db.execute("SELECT value FROM meta WHERE key = 'build'").fetchone()
    if row is None or row[0] != stamp["build"]:
        db.close()
        return None
    if (
        verified < now - RACY_NS
        and any(max(f["meta"][1], f["meta"][2]) >= verified - RACY_NS for f in stamp["files"])
        and not still_racy
    ):
        # Verified by hash and old enough now: later runs may trust the metadata.
        stamp["verified_ns"] = now
        with contextlib.suppress(OSError):
            write_atomically(paths.stamp, json.dumps(stamp).encode())
    return db
