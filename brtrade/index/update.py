"""Re-indexing the files of a folder base that changed, without rebuilding the rest.

When a few files of a folder base change, or are removed, the index is brought
up to date by replacing only their claims and quotes: the edited files are
parsed and held to the cross-file rules against what the index knows of the
other files (ids, figure ids, the quotes and figures their records name), the
old records' rows, tags and postings are taken out, the new ones put in, and
the counts, document frequencies and words adjusted. Anything this cannot
prove equal to a full load falls back to one (:func:`try_update` says why),
which also gives any error its exact place and wording:

- a file was added, or more than ``MAX_CHANGED`` files changed;
- a changed file's sources, topics, entities, extensions, speakers or
  vocabulary differ, even by a line (every record's terms and rows read them);
- a record elsewhere is made in one of its quotes, or names one of its figures;
- its claims or quotes break any rule: within the file, or across files (an
  id used in another file, a reference to nothing, a claim's speaker that is
  not its quote's).

The update is made under the build lock, in one SQLite transaction on the
index itself: readers hold a read transaction for their whole run, so each
sees the index before or after the update, whole. When a reader is using it,
a private copy is updated instead and renamed into place, as a full build is
written. Either way the stamp is rewritten last.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from brtrade.core.files import is_folder
from brtrade.index.freshness import (
    RACY_NS,
    cache_paths,
    code_id,
    file_meta,
    folder_problem,
    listed,
    open_index,
    read_stamp,
    root_id,
    sha256_of,
    stamp,
    stat_all,
)
from brtrade.index.replace import Refused, plan, replace
from brtrade.index.writes import (
    drop_journal,
    drop_temp,
    exclusive,
    make_temp,
    temps_removed_on_signals,
    trusted,
    write_atomically,
)

if TYPE_CHECKING:
    import sqlite3

    from brtrade.core.validate import ParsedFile

MAX_CHANGED = 8
"""More changed or removed files than this (or than a tenth of the files) rebuild."""


def try_update(root: Path) -> sqlite3.Connection | str:
    """Bring the stale index of the folder ``root`` up to date: the new index, opened,
    or why not (the caller then loads the base, which rebuilds the index)."""
    import sqlite3

    from brtrade.core.errors import BrtradeError

    if not is_folder(root):
        return "not a folder"
    paths = cache_paths(root)
    if paths is None or folder_problem(paths.db.parent) is not None:
        return "no usable cache folder"
    try:
        with exclusive(paths.lock) as got:
            if not got:
                return "another run is building the index"
            with temps_removed_on_signals():
                build_id = _update(root, paths.db, paths.stamp)
            db = open_index(paths.db, build_id)
    except Refused as why:
        return str(why)
    except (OSError, ValueError, KeyError, sqlite3.Error, BrtradeError) as exc:
        return f"{type(exc).__name__}: {exc}"
    return "the new index cannot be opened" if db is None else db


def _changed(root: Path, old: dict[str, Any]) -> tuple[list[Path], list[str], list[Path]]:
    """(every fact file now, the paths of those removed, those changed), by the stamp."""
    files = listed(root)  # as open_fresh just listed them
    entries = {f["path"]: f for f in old["files"]}
    now = [str(p) for p in files]
    if any(p not in entries for p in now):
        raise Refused("a file was added")
    removed = [p for p in entries if p not in set(now)]
    changed = []
    verified = old["verified_ns"]
    for p in files:
        entry = entries[str(p)]
        meta = file_meta(p)
        if meta != entry["meta"]:
            changed.append(p)
        elif max(meta[1], meta[2]) >= verified - RACY_NS and sha256_of(p) != entry["sha256"]:
            changed.append(p)
    if not changed and not removed:
        raise Refused("nothing changed")
    if len(changed) + len(removed) > min(MAX_CHANGED, max(1, len(entries) // 10)):
        raise Refused(f"{len(changed) + len(removed)} files changed")
    return files, removed, changed


def _update(root: Path, db_path: Path, stamp_path: Path) -> str:
    """Update the index; its new build id."""
    from brtrade.core.loader import gc_paused
    from brtrade.core.validate import parse_fact_file

    old_stamp = read_stamp(stamp_path)
    if old_stamp.get("root") != root_id(root) or old_stamp.get("code") != code_id():
        raise Refused("the index was built by another brtrade")
    verified = time.time_ns()  # before anything is read: an edit from now on is racy
    files, removed, changed = _changed(root, old_stamp)
    before = stat_all(files)
    if before is None:
        raise Refused("a fact file cannot be stat'ed")
    with gc_paused():
        parsed = [parse_fact_file(p, digest=True) for p in changed]
    if not trusted(os.lstat(db_path)):
        raise Refused("the index is not our own regular file")
    build_id = os.urandom(8).hex()
    if not _in_place(db_path, old_stamp["build"], parsed, removed, build_id, files, before):
        _by_copy(db_path, old_stamp["build"], parsed, removed, build_id, files, before)
    entries = {f["path"]: f for f in old_stamp["files"]}
    for p, meta in zip(files, before, strict=True):
        if p in changed:
            sha = next(x.sha256 for x in parsed if x.path == p)
            entries[str(p)] = {"path": str(p), "meta": meta, "sha256": sha}
        elif max(meta[1], meta[2]) >= verified - RACY_NS:
            # Trusted by its metadata until now; racy against the new stamp: check it.
            if sha256_of(p) != entries[str(p)]["sha256"]:
                raise Refused("an unchanged file changed meanwhile")
    stamped = [entries[str(p)] for p in files]
    write_atomically(stamp_path, stamp(root, build_id, verified, stamped))
    return build_id


def _in_place(
    db_path: Path,
    old_build: str,
    parsed: Sequence[ParsedFile],
    removed: Sequence[str],
    build_id: str,
    files: Sequence[Path],
    before: list[list[int]],
) -> bool:
    """Replace the records in the index itself, in one SQLite transaction (readers hold
    a read transaction, so each sees the index before or after, whole); False, having
    changed nothing, when a reader is using the index (then a copy is updated)."""
    import sqlite3

    from brtrade.core.loader import gc_paused
    from brtrade.index.freshness import uri
    from brtrade.index.reader import Index

    db = sqlite3.connect(uri(db_path, "rw"), uri=True, timeout=0, isolation_level=None)
    try:
        try:
            db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError:
            return False  # busy: another connection writes or holds a lock
        row = db.execute("SELECT value FROM meta WHERE key = 'build'").fetchone()
        if row is None or row[0] != old_build:
            db.execute("ROLLBACK")
            raise Refused("the index does not match its stamp")
        try:
            index = Index(db)
            chosen = plan(index, parsed, removed)
            with gc_paused():
                replace(db, index, chosen, build_id)
            if stat_all(files) != before:
                raise Refused("the fact files changed while they were indexed")
            db.execute("COMMIT")
        except sqlite3.OperationalError:
            db.execute("ROLLBACK")
            return False  # a reader holds the index: update a copy instead
        except BaseException:
            db.execute("ROLLBACK")
            raise
    finally:
        db.close()
    return True


def _by_copy(
    db_path: Path,
    old_build: str,
    parsed: Sequence[ParsedFile],
    removed: Sequence[str],
    build_id: str,
    files: Sequence[Path],
    before: list[list[int]],
) -> None:
    """Replace the records in a private copy of the index, renamed into place."""
    import sqlite3

    from brtrade.core.loader import gc_paused
    from brtrade.index.reader import Index

    old_db = open_index(db_path, old_build)
    if old_db is None:
        raise Refused("the index does not match its stamp")
    try:
        index = Index(old_db)
        chosen = plan(index, parsed, removed)
        tmp = make_temp(db_path)
        try:
            _copy(db_path, tmp)
            db = sqlite3.connect(tmp)
            # a private copy, renamed into place only once complete: no journal needed
            db.execute("PRAGMA journal_mode = OFF")
            db.execute("PRAGMA synchronous = OFF")
            try:
                with gc_paused():
                    replace(db, index, chosen, build_id)
                db.commit()
            finally:
                db.close()
            if stat_all(files) != before:
                raise Refused("the fact files changed while they were indexed")
            drop_journal(db_path)
            os.replace(tmp, db_path)
        finally:
            drop_temp(tmp)
    finally:
        old_db.close()


def _copy(src: Path, dest: Path) -> None:
    """Copy the index into a new temporary file, without following a symlink."""
    import shutil

    from brtrade.index.writes import NOFOLLOW

    fd = os.open(src, os.O_RDONLY | NOFOLLOW)
    try:
        if not trusted(os.fstat(fd)):
            raise Refused("the index is not ours")
        size = os.fstat(fd).st_size
        with open(dest, "wb") as f_out:
            try:  # in the kernel, where it can (Linux)
                done = 0
                while done < size:
                    n = os.copy_file_range(fd, f_out.fileno(), size - done)
                    if n == 0:
                        raise OSError("copy_file_range copied nothing")
                    done += n
            except (AttributeError, OSError):
                os.lseek(fd, 0, os.SEEK_SET)
                f_out.seek(0)
                f_out.truncate()
                with os.fdopen(os.dup(fd), "rb") as f_in:
                    shutil.copyfileobj(f_in, f_out, 1 << 20)
    finally:
        os.close(fd)
