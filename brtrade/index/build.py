"""Building an index: from a loaded base to a complete SQLite file, then into place."""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from brtrade.core.query import Names
from brtrade.index.freshness import (
    cache_paths,
    exclusive,
    stamp,
    stamp_files,
    stat_all,
    write_atomically,
)
from brtrade.index.layout import INDEXES, SMALL_KINDS, TABLES, Kind, Tag, counts, small_rows

if TYPE_CHECKING:
    from brtrade.core.model import FactBase


def try_build(root: Path, base: FactBase, files: Sequence[Path], before: list[list[int]]) -> None:
    """Index ``base``, read from ``files`` whose metadata was ``before``; quietly give up
    when another run is building, the files changed meanwhile, or the cache is unwritable."""
    paths = cache_paths(root)
    if paths is None:
        return
    try:
        paths.db.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with exclusive(paths.lock) as got:
            if not got:
                return  # another run is building: answer from memory
            verified = time.time_ns()
            stamped = stamp_files(files)
            if stat_all(files) != before:
                return  # the files changed while we read them
            build_id = os.urandom(8).hex()
            tmp = paths.db.with_name(f".{paths.db.name}.{os.getpid()}.tmp")
            try:
                from brtrade.core.loader import gc_paused

                with gc_paused():
                    build(tmp, base, build_id)
                if [f["meta"] for f in stamped] != before:
                    return
                os.replace(tmp, paths.db)
            finally:
                with contextlib.suppress(OSError):
                    tmp.unlink()
            write_atomically(paths.stamp, stamp(root, build_id, verified, stamped))
    except OSError:
        return  # an unwritable cache folder: answer from memory, more slowly


def _postings(fields: Sequence[tuple[int, tuple[str, ...], frozenset[str]]]) -> dict[str, int]:
    """Each token of a record with the heaviest weight of a field that holds it."""
    best: dict[str, int] = {}
    for weight, _, tokset in fields:
        for tok in tokset:
            if best.get(tok, 0) < weight:
                best[tok] = weight
    return best


def build(path: Path, base: FactBase, build_id: str) -> None:
    """Write a complete index of ``base`` to ``path``."""
    import marshal
    import sqlite3

    from brtrade.contract import records
    from brtrade.core.query import Searcher
    from brtrade.index.plain import to_plain

    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    db = sqlite3.connect(path)
    try:
        db.executescript(TABLES)
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
                (int(kind), tag, i)
                for i, c in enumerate(base.claims)
                for kind, tags in ((Tag.TOPIC, c.topics), (Tag.ENTITY, c.entities))
                for tag in tags
            ),
        )

        def postings() -> Iterator[tuple[int, str, int, int]]:
            for i, c in enumerate(base.claims):
                for tok, weight in _postings(searcher.claim_fields(c)).items():
                    yield (int(Kind.CLAIM), tok, i, weight)
            for i, q in enumerate(base.quotes):
                for tok, weight in _postings(searcher.quote_fields(q)).items():
                    yield (int(Kind.QUOTE), tok, i, weight)

        db.executemany("INSERT INTO postings VALUES (?, ?, ?, ?)", postings())
        db.executescript(INDEXES)
        names = Names.of(base)
        meta = {
            "build": build_id,
            "names": json.dumps(
                {
                    "speakers": names.speakers,
                    "topics": names.topics,
                    "entities": names.entities,
                }
            ),
            "counts": json.dumps(counts(base)),
            **{f"{k}_rows": json.dumps(small_rows(base, k)) for k in SMALL_KINDS},
            "base": marshal.dumps(to_plain(base)),
        }
        db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        db.commit()
    finally:
        db.close()
    os.chmod(path, 0o600)
