"""The fact store: answers queries from the persistent index when it is fresh.

One index per fact file or folder lives in the user's cache folder
(``$XDG_CACHE_HOME/brtrade``, else ``~/.cache/brtrade``):

``KEY.sqlite``
    the index: postings, contract rows, names, counts, the compact base.
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
mismatched pair. A builder that sees the fact files change while it reads
them writes nothing. Only one run builds at a time (an advisory lock); the
others answer from memory. When the cache folder cannot be written, or with
``--no-cache``, brtrade answers from memory, more slowly.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from brtrade import __version__
from brtrade.core.files import fact_files
from brtrade.core.query import (
    EXACT_BONUS,
    Names,
    query_words,
    resolve_entity,
    resolve_speakers,
    resolve_topic,
)

if TYPE_CHECKING:
    import sqlite3

    from brtrade.core.model import FactBase

MAX_INDEXED_WORDS = 100
"""Queries with more distinct words than this are answered from memory (same results)."""
INDEX_FORMAT = 1
"""Bump when the index's layout changes; old indexes are then rebuilt."""
RACY_NS = 2_000_000_000
"""Files changed this close to the stamp's time are hashed (coarse timestamps)."""

CLAIM, QUOTE = 0, 1
TOPIC, ENTITY = 0, 1
_MAX_CHAR = chr(0x10FFFF)


def cache_folder() -> Path | None:
    """Where indexes live, or None when there is no home for them."""
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "brtrade"
    home = os.environ.get("HOME")
    return Path(home) / ".cache" / "brtrade" if home else None


def _root_id(root: Path) -> str:
    return f"{INDEX_FORMAT}|{__version__}|{sys.version_info[:2]}|{os.path.realpath(root)}"


_SHAPING = (
    "core/model.py",
    "core/loader.py",
    "core/query.py",
    "core/text.py",
    "render/records.py",
    "render/contract.py",
    "index/store.py",
    "index/plain.py",
)


def _code_id() -> list[list[int]]:
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

    ident = _root_id(root).encode("utf-8", "surrogateescape")
    return f"{zlib.crc32(ident):08x}{zlib.adler32(ident):08x}"


def _meta(path: Path) -> list[int]:
    st = os.stat(path)
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


def _sha256(path: Path) -> str:
    import hashlib

    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _stamp_files(files: Sequence[Path]) -> list[dict[str, Any]]:
    return [{"path": str(p), "meta": _meta(p), "sha256": _sha256(p)} for p in files]


def _owned(path: Path) -> bool:
    """A cache file we may trust: ours, and not writable by anyone else."""
    try:
        st = os.stat(path)
    except OSError:
        return False
    return st.st_uid == os.getuid() and not st.st_mode & 0o022


def _write_atomically(dest: Path, data: bytes) -> None:
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.{time.monotonic_ns()}.tmp")
    try:
        with open(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as f:
            f.write(data)
        os.replace(tmp, dest)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


class Index:
    """A fresh, open index (read-only)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self._names: Names | None = None

    def meta(self, key: str) -> Any:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else row[0]

    def names(self) -> Names:
        if self._names is None:
            data = json.loads(self.meta("names"))
            self._names = Names(
                speakers=tuple((a, b) for a, b in data["speakers"]),
                topics=tuple((a, b) for a, b in data["topics"]),
                entities=tuple((a, b, tuple(c)) for a, b, c in data["entities"]),
            )
        return self._names

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = json.loads(self.meta("counts"))
        return counts

    def small_rows(self, kind: str) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = json.loads(self.meta(f"{kind}_rows"))
        return rows

    def base(self) -> FactBase:
        import marshal

        from brtrade.core.loader import gc_paused
        from brtrade.index.plain import from_plain

        with gc_paused():
            return from_plain(marshal.loads(self.meta("base")))

    def search(
        self,
        kind: int,
        qwords: Sequence[str],
        *,
        topic: str | None = None,
        entity: str | None = None,
        speakers: Sequence[str] | None = None,
        limit: int | None = None,
    ) -> list[tuple[int, float]]:
        """(document order, score) of the matches, ranked as core.query ranks them."""
        table = "claims" if kind == CLAIM else "quotes"
        cap = -1 if limit is None or limit >= 2**62 else limit  # SQLite: -1 means no limit
        where: list[str] = []
        params: list[Any] = []
        if topic is not None:
            where.append(f"o IN (SELECT ord FROM tags WHERE kind = {TOPIC} AND tag = ?)")
            params.append(topic)
        if entity is not None:
            where.append(f"o IN (SELECT ord FROM tags WHERE kind = {ENTITY} AND tag = ?)")
            params.append(entity)
        if speakers is not None:
            marks = ",".join("?" * len(speakers))
            where.append(f"o IN (SELECT ord FROM {table} WHERE speaker IN ({marks}))")
            params.extend(speakers)
        filters = (" WHERE " + " AND ".join(where)) if where else ""
        if not qwords:
            sql = f"SELECT o, 0 FROM (SELECT ord AS o FROM {table}){filters} ORDER BY o LIMIT ?"
            rows = self.db.execute(sql, (*params, cap)).fetchall()
            return [(o, 0.0) for o, _ in rows]
        parts = []
        word_params: list[Any] = []
        times = Counter(qwords)  # a repeated word scores once per repetition, as in memory
        for w, n in times.items():
            parts.append(
                f"SELECT ord AS o, {n} * MAX(CASE WHEN token = ? THEN weight * {EXACT_BONUS} "
                "ELSE weight END) AS s "
                "FROM postings WHERE kind = ? AND token >= ? AND token < ? GROUP BY ord"
            )
            word_params += [w, kind, w, w + _MAX_CHAR]
        sql = (
            f"SELECT o, SUM(s) AS score FROM ({' UNION ALL '.join(parts)}){filters} "
            f"GROUP BY o HAVING COUNT(*) = {len(times)} ORDER BY score DESC, o LIMIT ?"
        )
        rows = self.db.execute(sql, (*word_params, *params, cap)).fetchall()
        return [(o, float(score)) for o, score in rows]

    def rows(self, kind: int, ords: Sequence[int]) -> list[dict[str, Any]]:
        """The contract rows of the records at ``ords``, in that order."""
        table = "claims" if kind == CLAIM else "quotes"
        found: dict[int, str] = {}
        for start in range(0, len(ords), 500):
            chunk = ords[start : start + 500]
            marks = ",".join("?" * len(chunk))
            found.update(
                self.db.execute(f"SELECT ord, row FROM {table} WHERE ord IN ({marks})", chunk)
            )
        return [json.loads(found[o]) for o in ords]


class FactStore:
    """Answers for one --facts path: from a fresh index, else from the loaded base."""

    def __init__(self, root: Path, *, use_cache: bool = True) -> None:
        self.root = root
        self.use_cache = use_cache
        self._base: FactBase | None = None
        self._index: Index | None = None
        self._tried = False

    # -- the base and the index -------------------------------------------

    def base(self) -> FactBase:
        if self._base is None:
            index = self.index()
            self._base = index.base() if index is not None else self._load()
        return self._base

    def _load(self) -> FactBase:
        from brtrade.core.loader import load_fact_base

        files = fact_files(self.root) if self.root.exists() else []
        before = self._stat_all(files)
        base = load_fact_base(self.root)
        if self.use_cache and before is not None:
            self._try_build(base, files, before)
        return base

    @staticmethod
    def _stat_all(files: Sequence[Path]) -> list[list[int]] | None:
        try:
            return [_meta(p) for p in files]
        except OSError:
            return None

    def index(self) -> Index | None:
        """The fresh index, or None (cache off, missing, stale, or unusable)."""
        if not self._tried:
            self._tried = True
            if self.use_cache:
                import sqlite3

                try:
                    self._index = self._open_fresh()
                except (OSError, sqlite3.Error, ValueError, KeyError, TypeError, EOFError):
                    self._index = None  # a missing, damaged or foreign cache: answer from memory
        return self._index

    def _paths(self) -> tuple[Path, Path, Path] | None:
        folder = cache_folder()
        if folder is None:
            return None
        key = _key(self.root)
        return folder / f"{key}.sqlite", folder / f"{key}.stamp.json", folder / f"{key}.lock"

    def _open_fresh(self) -> Index | None:
        import sqlite3

        paths = self._paths()
        if paths is None:
            return None
        db_path, stamp_path, _ = paths
        if not (_owned(stamp_path) and _owned(db_path)):
            return None
        stamp = json.loads(stamp_path.read_bytes())
        if stamp.get("root") != _root_id(self.root) or stamp.get("code") != _code_id():
            return None
        files = fact_files(self.root)
        if [str(p) for p in files] != [f["path"] for f in stamp["files"]]:
            return None
        now = time.time_ns()
        verified = stamp["verified_ns"]
        still_racy = False
        for entry, path in zip(stamp["files"], files, strict=True):
            meta = _meta(path)
            if meta != entry["meta"]:
                return None
            changed = max(meta[1], meta[2])
            if changed >= verified - RACY_NS:
                if _sha256(path) != entry["sha256"]:
                    return None
                still_racy = still_racy or changed >= now - RACY_NS
        db = sqlite3.connect(f"file:{db_path}?mode=ro&immutable=1", uri=True)
        index = Index(db)
        if index.meta("build") != stamp["build"]:
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
                _write_atomically(stamp_path, json.dumps(stamp).encode())
        return index

    def _try_build(self, base: FactBase, files: Sequence[Path], before: list[list[int]]) -> None:
        paths = self._paths()
        if paths is None:
            return
        db_path, stamp_path, lock_path = paths
        try:
            db_path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            with _exclusive(lock_path) as got:
                if not got:
                    return  # another run is building: answer from memory
                verified = time.time_ns()
                stamp_files = _stamp_files(files)
                if self._stat_all(files) != before:
                    return  # the files changed while we read them
                build = os.urandom(8).hex()
                tmp = db_path.with_name(f".{db_path.name}.{os.getpid()}.tmp")
                try:
                    from brtrade.core.loader import gc_paused

                    with gc_paused():
                        _build(tmp, base, build)
                    if [f["meta"] for f in stamp_files] != before:
                        return
                    os.replace(tmp, db_path)
                finally:
                    with contextlib.suppress(OSError):
                        tmp.unlink()
                stamp = {
                    "build": build,
                    "verified_ns": verified,
                    "root": _root_id(self.root),
                    "code": _code_id(),
                    "files": stamp_files,
                }
                _write_atomically(stamp_path, json.dumps(stamp).encode())
        except OSError:
            return  # an unwritable cache folder: answer from memory, more slowly

    # -- queries ----------------------------------------------------------

    def names(self) -> Names:
        index = self.index()
        return index.names() if index is not None else Names.of(self.base())

    def counts(self) -> dict[str, int]:
        index = self.index()
        return index.counts() if index is not None else _counts(self.base())

    def small_rows(self, kind: str) -> list[dict[str, Any]]:
        """Every speaker, topic or source as contract rows, in document order."""
        index = self.index()
        return index.small_rows(kind) if index is not None else _small_rows(self.base(), kind)

    def claim_rows(
        self,
        query: Sequence[str],
        *,
        topic: str | None = None,
        entity: str | None = None,
        speaker: str | None = None,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """Matching claims as contract rows, best first."""
        index = self.index()
        qwords = query_words(query)
        if index is None or len(set(qwords)) > MAX_INDEXED_WORDS:
            return self._claim_rows_from_memory(query, topic, entity, speaker, limit)
        names = index.names()
        topic_id = resolve_topic(names, topic) if topic is not None else None
        entity_id = resolve_entity(names, entity) if entity is not None else None
        speaker_ids = resolve_speakers(names, speaker) if speaker is not None else None
        with self._or_memory():
            found = index.search(
                CLAIM, qwords, topic=topic_id, entity=entity_id, speakers=speaker_ids, limit=limit
            )
            return index.rows(CLAIM, [o for o, _ in found])
        return self._claim_rows_from_memory(query, topic, entity, speaker, limit)

    @contextlib.contextmanager
    def _or_memory(self) -> Iterator[None]:
        """Run index reads; on a damaged index, forget it so the caller answers from memory."""
        import sqlite3

        try:
            yield
        except sqlite3.DatabaseError:
            self._index = None

    def _claim_rows_from_memory(
        self,
        query: Sequence[str],
        topic: str | None,
        entity: str | None,
        speaker: str | None,
        limit: int | None,
    ) -> list[dict[str, Any]]:
        from brtrade.core.query import Searcher
        from brtrade.render import records

        base = self.base()
        hits = Searcher(base).claims(
            query, topic=topic, entity=entity, speaker=speaker, limit=limit
        )
        return [records.claim(base, h.record) for h in hits]  # type: ignore[arg-type]

    def quote_rows(
        self, query: Sequence[str], *, speaker: str | None = None, limit: int | None = None
    ) -> list[dict[str, Any]]:
        """Matching quotes as contract rows, best first."""
        index = self.index()
        qwords = query_words(query)
        if index is None or len(set(qwords)) > MAX_INDEXED_WORDS:
            from brtrade.core.query import Searcher
            from brtrade.render import records

            base = self.base()
            hits = Searcher(base).quotes(query, speaker=speaker, limit=limit)
            return [records.quote(base, h.record) for h in hits]  # type: ignore[arg-type]
        speakers = resolve_speakers(index.names(), speaker) if speaker is not None else None
        with self._or_memory():
            found = index.search(QUOTE, qwords, speakers=speakers, limit=limit)
            return index.rows(QUOTE, [o for o, _ in found])
        return self.quote_rows(query, speaker=speaker, limit=limit)


@contextlib.contextmanager
def _exclusive(lock_path: Path) -> Iterator[bool]:
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


def _counts(base: FactBase) -> dict[str, int]:
    return {
        "claims": len(base.claims),
        "figures": sum(len(c.figures) for c in base.claims),
        "quotes": len(base.quotes),
        "speakers": len(base.speakers),
        "entities": len(base.entities),
        "topics": len(base.topics),
        "sources": len(base.sources),
    }


SMALL_KINDS = ("speaker", "topic", "source")


def _small_rows(base: FactBase, kind: str) -> list[dict[str, Any]]:
    from brtrade.render import records

    if kind == "speaker":
        return [records.speaker(base, s) for s in base.speakers]
    if kind == "topic":
        return [records.topic(base, t) for t in base.topics]
    counts = records.source_counts(base)
    return [records.source(base, s, counts) for s in base.sources]


def _postings(fields: Sequence[tuple[int, tuple[str, ...], frozenset[str]]]) -> dict[str, int]:
    best: dict[str, int] = {}
    for weight, _, tokset in fields:
        for tok in tokset:
            if best.get(tok, 0) < weight:
                best[tok] = weight
    return best


def _build(path: Path, base: FactBase, build: str) -> None:
    """Write a complete index of ``base`` to ``path``."""
    import marshal
    import sqlite3

    from brtrade.core.query import Searcher
    from brtrade.index.plain import to_plain
    from brtrade.render import records

    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    db = sqlite3.connect(path)
    try:
        db.executescript(
            """
            PRAGMA journal_mode = OFF;
            PRAGMA synchronous = OFF;
            CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB);
            CREATE TABLE claims (ord INTEGER PRIMARY KEY, speaker TEXT, row TEXT);
            CREATE TABLE quotes (ord INTEGER PRIMARY KEY, speaker TEXT, row TEXT);
            CREATE TABLE tags (kind INTEGER, tag TEXT, ord INTEGER);
            CREATE TABLE postings (kind INTEGER, token TEXT, ord INTEGER, weight INTEGER);
            """
        )
        searcher = Searcher(base)
        compact = (",", ":")
        db.executemany(
            "INSERT INTO claims VALUES (?, ?, ?)",
            (
                (i, c.speaker, json.dumps(records.claim(base, c), separators=compact))
                for i, c in enumerate(base.claims)
            ),
        )
        db.executemany(
            "INSERT INTO quotes VALUES (?, ?, ?)",
            (
                (i, q.speaker, json.dumps(records.quote(base, q), separators=compact))
                for i, q in enumerate(base.quotes)
            ),
        )
        db.executemany(
            "INSERT INTO tags VALUES (?, ?, ?)",
            (
                (kind, tag, i)
                for i, c in enumerate(base.claims)
                for kind, tags in ((TOPIC, c.topics), (ENTITY, c.entities))
                for tag in tags
            ),
        )

        def postings() -> Iterator[tuple[int, str, int, int]]:
            for i, c in enumerate(base.claims):
                for tok, weight in _postings(searcher.claim_fields(c)).items():
                    yield (CLAIM, tok, i, weight)
            for i, q in enumerate(base.quotes):
                for tok, weight in _postings(searcher.quote_fields(q)).items():
                    yield (QUOTE, tok, i, weight)

        db.executemany("INSERT INTO postings VALUES (?, ?, ?, ?)", postings())
        db.executescript(
            """
            CREATE INDEX postings_by_token ON postings (kind, token, ord, weight);
            CREATE INDEX tags_by_tag ON tags (kind, tag, ord);
            CREATE INDEX claims_by_speaker ON claims (speaker);
            CREATE INDEX quotes_by_speaker ON quotes (speaker);
            """
        )
        names = Names.of(base)
        meta = {
            "build": build,
            "names": json.dumps(
                {
                    "speakers": names.speakers,
                    "topics": names.topics,
                    "entities": names.entities,
                }
            ),
            "counts": json.dumps(_counts(base)),
            **{f"{k}_rows": json.dumps(_small_rows(base, k)) for k in SMALL_KINDS},
            "base": marshal.dumps(to_plain(base)),
        }
        db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        db.commit()
    finally:
        db.close()
    os.chmod(path, 0o600)
