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

The stamp records the SHA-256 of the bytes that were parsed, and a
``verified_ns`` taken before they were read, so an edit made during a build
is seen by the next run, whatever the filesystem's timestamp resolution.

**Writes** go to a temporary file made by ``mkstemp`` (mode 0600, ``O_EXCL``)
in the cache folder and are renamed into place (atomic on POSIX). The stamp
carries the index's build id, and a reader uses an index only when the ids
agree, so a reader never sees a torn or mismatched pair. Only one run builds
at a time (an advisory lock).

**Shared ground** (docs/security.md). The cache folder is used only when it
belongs to the user and nobody else may write to it; cache files are opened
with ``O_NOFOLLOW`` and trusted only when they are the user's regular files.
Anything unexpected in a stamp or an index means "no index": never an error.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat as stat_module
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from brtrade import __version__
from brtrade.core.files import fact_files
from brtrade.index.layout import INDEX_FORMAT
from brtrade.index.writes import NOFOLLOW, trusted, write_atomically

if TYPE_CHECKING:
    import sqlite3

RACY_NS = 2_000_000_000
"""Files changed this close to the stamp's time are hashed (coarse timestamps)."""


def cache_folder() -> Path | None:
    """Where indexes live, or None when there is no home for them (a relative
    ``XDG_CACHE_HOME`` or ``HOME`` counts as none: it would put a cache wherever
    brtrade happens to run)."""
    from brtrade.core.environment import cache_home

    home = cache_home()
    return Path(home) / "brtrade" if home is not None else None


def folder_problem(folder: Path) -> str | None:
    """Why the cache folder is not safe to use (another user's, or writable by others),
    or None. A folder that is missing or cannot be reached is not a safety problem:
    building into it fails, and brtrade answers from memory."""
    try:
        st = os.stat(folder)
    except (OSError, ValueError):
        return None
    if not stat_module.S_ISDIR(st.st_mode):
        return None
    if st.st_uid != os.geteuid():
        return f"the cache folder {folder} belongs to another user"
    if st.st_mode & 0o022:
        return f"the cache folder {folder} is writable by other users"
    return None


def root_id(root: Path) -> str:
    """What an index is of: the layout, brtrade, Python and the base's real path."""
    return f"{INDEX_FORMAT}|{__version__}|{sys.version_info[:2]}|{os.path.realpath(root)}"


_SHAPING = (
    "core/model.py",
    "core/fields.py",
    "core/validate.py",
    "core/loader.py",
    "core/query.py",
    "core/text.py",
    "core/terms.py",
    "contract/records.py",
    "contract/shapes.py",
    "index/layout.py",
    "index/build.py",
    "index/reader.py",
    "index/plain.py",
    "index/postings.py",
    "index/rows.py",
    "index/update.py",
    "index/writer.py",
    "index/replace.py",
    "index/writes.py",
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
    """The SHA-256 of a regular file (a pipe or a device raises ValueError: never read)."""
    import hashlib

    digest = hashlib.sha256()
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
    try:
        if not stat_module.S_ISREG(os.fstat(fd).st_mode):
            raise ValueError("not a regular file")
        while block := os.read(fd, 1 << 20):
            digest.update(block)
    finally:
        os.close(fd)
    return digest.hexdigest()


def stamp_files(
    files: Sequence[Path], metas: Sequence[list[int]], digests: dict[str, str]
) -> list[dict[str, Any]]:
    """What the stamp says of each file: its metadata before it was read, and the
    SHA-256 of the bytes that were parsed."""
    return [
        {"path": str(p), "meta": meta, "sha256": digests[str(p)]}
        for p, meta in zip(files, metas, strict=True)
    ]


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


MAX_STAMP_BYTES = 64 * 1024 * 1024


def read_stamp(path: Path) -> dict[str, Any]:
    """A stamp, read without following a symlink; ValueError when it is not one."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | NOFOLLOW)
    try:
        if not trusted(os.fstat(fd)):
            raise ValueError("not our stamp")
        data = os.read(fd, MAX_STAMP_BYTES)
    finally:
        os.close(fd)
    return check_stamp(json.loads(data))


def check_stamp(stamp: Any) -> dict[str, Any]:
    """``stamp`` if it has a stamp's shape; else ValueError (a damaged stamp: rebuild)."""
    ok = (
        isinstance(stamp, dict)
        and isinstance(stamp.get("build"), str)
        and isinstance(stamp.get("verified_ns"), int)
        and isinstance(stamp.get("files"), list)
        and all(
            isinstance(f, dict)
            and isinstance(f.get("path"), str)
            and isinstance(f.get("sha256"), str)
            and isinstance(f.get("meta"), list)
            and len(f["meta"]) == 4
            and all(isinstance(n, int) for n in f["meta"])
            for f in stamp["files"]
        )
    )
    if not ok:
        raise ValueError("a damaged stamp")
    return stamp  # type: ignore[no-any-return]


def open_index(path: Path, build: str) -> sqlite3.Connection | None:
    """The index at ``path``, opened read-only, if it is the build ``build``; else None.

    The connection holds a read transaction until it closes: an update in place
    (:mod:`brtrade.index.update`) waits for it, or updates a copy, so a run never sees
    half an update. While an update commits, opening waits (up to 5 s)."""
    import sqlite3

    db = sqlite3.connect(uri(path, "ro"), uri=True, timeout=5.0, isolation_level=None)
    db.execute("BEGIN")
    row = db.execute("SELECT value FROM meta WHERE key = 'build'").fetchone()
    if row is None or row[0] != build:
        db.close()
        return None
    return db


def uri(path: Path, mode: str) -> str:
    """A SQLite URI for ``path`` ('ro' or 'rw'): '%', '?' and '#' escaped, so they stay
    in the name."""
    escaped = str(path).replace("%", "%25").replace("?", "%3f").replace("#", "%23")
    return f"file:{escaped}?mode={mode}"


def touch(stamp: Path) -> None:
    """Mark an index as used now (its stamp's mtime), at most once an hour."""
    with contextlib.suppress(OSError):
        if time.time_ns() - os.lstat(stamp).st_mtime_ns > 3600 * 10**9:
            os.utime(stamp, follow_symlinks=False)


_LISTED: dict[Path, list[Path]] = {}


def listed(root: Path, fresh: bool = False) -> list[Path]:
    """The fact files of ``root``: listed anew with ``fresh``, else as this run last
    listed them (a folder of a thousand files takes a while to list)."""
    if fresh or root not in _LISTED:
        _LISTED[root] = fact_files(root)
    return _LISTED[root]


def open_fresh(root: Path) -> sqlite3.Connection | None:
    """The root's index, opened read-only, if it is fresh; else None.

    Raises for a damaged or foreign cache (OSError, sqlite3.Error, ValueError,
    ...), which callers treat as "no index".
    """

    paths = cache_paths(root)
    if paths is None or folder_problem(paths.db.parent) is not None:
        return None
    try:
        stamp = read_stamp(paths.stamp)
    except FileNotFoundError:
        return None
    if not trusted(os.lstat(paths.db)):
        return None
    if stamp.get("root") != root_id(root) or stamp.get("code") != code_id():
        return None
    files = listed(root, fresh=True)
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
    db = open_index(paths.db, stamp["build"])
    if db is None:
        return None
    touch(paths.stamp)  # last used: what 'brtrade cache' shows and pruning goes by
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
