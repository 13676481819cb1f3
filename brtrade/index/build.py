"""Building an index: from a loaded base to a complete SQLite file, then into place."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from brtrade.core.names import Names
from brtrade.core.paraphrase import name_texts
from brtrade.index.freshness import cache_paths, folder_problem, stamp, stamp_files, stat_all
from brtrade.index.layout import (
    INDEXES,
    ROW_DICTIONARY_BYTES,
    TABLES,
    checksum,
    counts,
)
from brtrade.index.postings import packed
from brtrade.index.writer import Writer, deriving, named_figures
from brtrade.index.writes import (
    drop_journal,
    drop_temp,
    exclusive,
    make_temp,
    remove_stale_temps,
    temps_removed_on_signals,
    write_atomically,
)

if TYPE_CHECKING:
    import sqlite3

    from brtrade.core.model import Claim, FactBase, Quote


def try_build(
    root: Path,
    base: FactBase,
    files: Sequence[Path],
    before: list[list[int]],
    digests: dict[str, str],
    verified: int,
) -> str | None:
    """Index ``base``, parsed from ``files`` whose metadata was ``before`` and whose bytes
    hashed to ``digests``, all read after ``verified``. Quietly gives up, returning why,
    when another run is building, the files changed meanwhile, or the cache cannot be
    written (a full disk, a read-only folder, any SQLite error): the caller answers
    from memory."""
    import sqlite3

    paths = cache_paths(root)
    if paths is None:
        return "no cache folder (HOME and XDG_CACHE_HOME are unset or relative)"
    folder = paths.db.parent
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        problem = folder_problem(folder)
        if problem is not None:
            return problem
        with exclusive(paths.lock) as got:
            if not got:
                return "another run is building the index"
            remove_stale_temps(folder)
            if stat_all(files) != before:
                return "the fact files changed while they were read"
            stamped = stamp_files(files, before, digests)
            build_id = os.urandom(8).hex()
            with temps_removed_on_signals():
                tmp = make_temp(paths.db)
                try:
                    from brtrade.core.loader import gc_paused

                    carried = previous_source_files(paths.db)
                    with gc_paused():
                        build(tmp, base, build_id, carried)
                    if stat_all(files) != before:
                        return "the fact files changed while they were indexed"
                    drop_journal(paths.db)
                    os.replace(tmp, paths.db)
                finally:
                    drop_temp(tmp)
                write_atomically(paths.stamp, stamp(root, build_id, verified, stamped))
            from brtrade.index.cache import auto_prune

            auto_prune(folder)
    except (OSError, sqlite3.Error) as exc:
        return f"cannot write the index in {folder}: {exc}"
    return None


def previous_source_files(db_path: Path) -> dict[str, list[Any] | None]:
    """The source texts' metadata the index being replaced holds ({} for none): a
    rebuild carries it over, so a source text edited before a fact file was is still
    told of (until ``check`` proves the base again: FactStore.proved)."""
    import sqlite3

    from brtrade.index.freshness import uri
    from brtrade.index.writes import trusted

    try:
        if not trusted(os.lstat(db_path)):
            return {}
        db = sqlite3.connect(uri(db_path, "ro"), uri=True)
        try:
            row = db.execute("SELECT value FROM meta WHERE key = 'source_files'").fetchone()
        finally:
            db.close()
        found = json.loads(row[0]) if row is not None else {}
    except (OSError, sqlite3.Error, ValueError, TypeError):
        return {}
    return found if isinstance(found, dict) else {}


def build(
    path: Path,
    base: FactBase,
    build_id: str,
    carried: dict[str, list[Any] | None] | None = None,
) -> None:
    """Write a complete index of ``base`` to ``path``; ``carried``: the source texts'
    metadata to keep from the index it replaces."""
    import sqlite3

    db = sqlite3.connect(path)  # an empty file made by make_temp: SQLite starts a database
    try:
        # Every table and index takes a page at least: small pages keep a small base's
        # index small; big ones read a large base's rows in fewer steps.
        small = len(base.claims) + len(base.quotes) < 2000
        db.execute(f"PRAGMA page_size = {1024 if small else 4096}")
        db.executescript(TABLES)
        numbers = {f: i for i, f in enumerate(base.files)}
        stride = _stride(base)
        writer = Writer(db, base, numbers, stride, _dictionary(base))
        writer.add(base.claims, base.quotes, deriving(base.claims, named_figures(base.claims)))
        db.executemany(
            "INSERT INTO terms VALUES (?, ?, ?, ?)",
            ((k, tok, n, writer.terms.term_ids[k, tok]) for (k, tok), n in writer.terms.df.items()),
        )
        db.executemany(
            "INSERT INTO postings VALUES (?, ?, ?)", packed(writer.terms.postings, stride)
        )
        writer.terms.postings.clear()
        db.executemany("INSERT INTO words VALUES (?, ?)", sorted(writer.terms.words.items()))
        db.executescript(INDEXES)
        write_meta(db, base, build_id, writer, carried or {})
        db.commit()
    finally:
        db.close()
    os.chmod(path, 0o600)


def write_meta(
    db: sqlite3.Connection,
    base: FactBase,
    build_id: str,
    writer: Writer,
    carried: dict[str, list[Any] | None] | None = None,
) -> None:
    """The values a base has once: names, counts, the small groups, listing rows."""
    import marshal

    from brtrade.contract import records
    from brtrade.index.evidence import source_files
    from brtrade.index.plain import to_plain

    names = Names.of(base)
    tally = records.Tally(base)
    current = source_files(base.source_paths)  # index.evidence reads it back

    def carry(sid: str, meta: list[Any] | None) -> list[Any] | None:
        """The replaced index's entry for a text, if it is a whole one (from this code)."""
        held = (carried or {}).get(sid)
        return held if isinstance(held, list) and len(held) == 5 else meta

    meta: dict[str, str | bytes] = {
        "build": build_id,
        "names": json.dumps(
            {
                "speakers": names.speakers,
                "topics": names.topics,
                "entities": names.entities,
                "sources": names.sources,
            }
        ),
        "counts": json.dumps(counts(base)),
        "vocabulary": json.dumps([(t.id, t.words) for t in base.vocabulary]),
        "name_texts": json.dumps(name_texts(base)),
        "speaker_rows": json.dumps([records.speaker(base, s, tally) for s in base.speakers]),
        "topic_rows": json.dumps([records.topic(base, t, tally) for t in base.topics]),
        "source_rows": json.dumps([records.source(base, s, tally) for s in base.sources]),
        "speaker_refs": json.dumps({s.id: [s.name, s.role, s.organisation] for s in base.speakers}),
        "files": json.dumps(list(writer.numbers)),
        "stride": json.dumps(writer.stride),
        "small": marshal.dumps(to_plain(base)),
        "zdict": writer.zdict,
        "source_files": json.dumps({sid: carry(sid, meta) for sid, meta in current.items()}),
    }
    db.executemany(
        "INSERT OR REPLACE INTO meta VALUES (?, ?, ?)",
        ((k, v, checksum(v)) for k, v in meta.items()),
    )


def _stride(base: FactBase) -> int:
    """Room in the document order for the most records any one file holds (at least
    2**20, so that a same-size edit never needs more)."""
    most: dict[str, int] = {}
    group: tuple[Claim | Quote, ...]
    for group in (base.claims, base.quotes):
        for rec in group:
            f = rec.origin.file if rec.origin else ""
            most[f] = most.get(f, 0) + 1
    stride = 1 << 20
    while stride <= max(most.values(), default=0):
        stride <<= 1
    return stride


def _dictionary(base: FactBase) -> bytes:
    """A zlib preset dictionary for the rows: statements, quotes and evidence taken
    evenly through the base, up to zlib's 32 KiB window. Rows are short and alike (the
    same values, names and phrases), so each compresses against it to a fraction."""
    texts = [
        t
        for c in base.claims
        for t in (c.statement, c.provenance.evidence, *(f.measure for f in c.figures))
    ]
    texts += [t for q in base.quotes for t in (q.text, q.provenance.evidence)]
    if not texts:
        return b""
    total = sum(len(t) for t in texts)
    step = max(1, total // ROW_DICTIONARY_BYTES)
    return "\n".join(texts[::step]).encode()[-ROW_DICTIONARY_BYTES:]
