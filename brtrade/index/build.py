"""Building an index: from a loaded base to a complete SQLite file, then into place."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from brtrade.core.query import Names
from brtrade.index.freshness import (
    cache_paths,
    drop_temp,
    exclusive,
    folder_problem,
    make_temp,
    remove_stale_temps,
    stamp,
    stamp_files,
    stat_all,
    temps_removed_on_signals,
    write_atomically,
)
from brtrade.index.layout import (
    INDEXES,
    SMALL_KINDS,
    TABLES,
    Kind,
    Tag,
    checksum,
    counts,
    small_rows,
)

if TYPE_CHECKING:
    from brtrade.core.model import FactBase


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

                    with gc_paused():
                        build(tmp, base, build_id)
                    if stat_all(files) != before:
                        return "the fact files changed while they were indexed"
                    os.replace(tmp, paths.db)
                finally:
                    drop_temp(tmp)
                write_atomically(paths.stamp, stamp(root, build_id, verified, stamped))
            from brtrade.index.cache import auto_prune

            auto_prune(folder)
    except (OSError, sqlite3.Error) as exc:
        return f"cannot write the index in {folder}: {exc}"
    return None


def build(path: Path, base: FactBase, build_id: str) -> None:
    """Write a complete index of ``base`` to ``path``."""
    import marshal
    import sqlite3

    from brtrade.contract import records
    from brtrade.core.query import Searcher
    from brtrade.index.plain import to_plain

    db = sqlite3.connect(path)  # an empty file made by make_temp: SQLite starts a database
    try:
        db.executescript(TABLES)
        searcher = Searcher(base)
        compact = (",", ":")

        def with_crc(i: int, speaker: str | None, row: str) -> tuple[int, str | None, str, int]:
            return (i, speaker, row, checksum(row))

        db.executemany(
            "INSERT INTO claims VALUES (?, ?, ?, ?)",
            (
                with_crc(i, c.speaker, json.dumps(records.claim(base, c), separators=compact))
                for i, c in enumerate(base.claims)
            ),
        )
        db.executemany(
            "INSERT INTO quotes VALUES (?, ?, ?, ?)",
            (
                with_crc(i, q.speaker, json.dumps(records.quote(base, q), separators=compact))
                for i, q in enumerate(base.quotes)
            ),
        )
        db.executemany(
            "INSERT INTO tags VALUES (?, ?, ?)",
            (
                (int(kind), tag, i)
                for i, c in enumerate(base.claims)
                for kind, tags in ((Tag.TOPIC, c.topics), (Tag.ENTITY, c.entities))
                for tag in tags
            ),
        )

        def postings() -> Iterator[tuple[int, str, int, int, int]]:
            for kind in (Kind.CLAIM, Kind.QUOTE):
                for i, toks in enumerate(searcher.tokens(kind.word)):
                    for tok, (weight, field) in toks.items():
                        yield (int(kind), tok, i, weight, field)

        db.executemany("INSERT INTO postings VALUES (?, ?, ?, ?, ?)", postings())
        db.executemany(
            "INSERT INTO terms VALUES (?, ?, ?)",
            (
                (int(kind), tok, n)
                for kind in (Kind.CLAIM, Kind.QUOTE)
                for tok, n in searcher.document_frequency(kind.word).items()
            ),
        )
        db.executescript(INDEXES)
        names = Names.of(base)
        meta: dict[str, str | bytes] = {
            "build": build_id,
            "names": json.dumps(
                {
                    "speakers": names.speakers,
                    "topics": names.topics,
                    "entities": names.entities,
                }
            ),
            "counts": json.dumps(counts(base)),
            "vocabulary": json.dumps([(t.id, t.words) for t in base.vocabulary]),
            "lexicon": json.dumps(searcher.lexicon()),
            **{f"{k}_rows": json.dumps(small_rows(base, k)) for k in SMALL_KINDS},
            "base": marshal.dumps(to_plain(base)),
        }
        db.executemany(
            "INSERT INTO meta VALUES (?, ?, ?)", ((k, v, checksum(v)) for k, v in meta.items())
        )
        db.commit()
    finally:
        db.close()
    os.chmod(path, 0o600)
