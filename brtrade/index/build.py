"""Building an index: from a loaded base to a complete SQLite file, then into place."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from brtrade.core.names import Names
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
    ROW_DICTIONARY_BYTES,
    TABLES,
    Kind,
    Tag,
    checksum,
    counts,
)

if TYPE_CHECKING:
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
    from brtrade.index.rows import pack

    db = sqlite3.connect(path)  # an empty file made by make_temp: SQLite starts a database
    try:
        db.executescript(TABLES)
        searcher = Searcher(base)
        compact = (",", ":")
        speaker_at = {s.id: i for i, s in enumerate(base.speakers)}
        source_at = {s.id: i for i, s in enumerate(base.sources)}
        topic_at = {t.id: i for i, t in enumerate(base.topics)}
        entity_at = {e.id: i for i, e in enumerate(base.entities)}
        quote_at = {q.id: i for i, q in enumerate(base.quotes)}
        files: dict[str, int] = {}
        deriving = _deriving(base)

        def packed(row: dict[str, object], rec: Claim | Quote) -> bytes:
            origin = rec.origin
            fno = None if origin is None else files.setdefault(origin.file, len(files))
            line = None if origin is None else origin.line
            text = json.dumps(pack(row, rec.draft, fno, line), separators=compact)
            return text.encode("utf-8")

        claim_rows = [packed(records.claim(base, c), c) for c in base.claims]
        quote_rows = [packed(records.quote(base, q), q) for q in base.quotes]
        zdict = _dictionary(claim_rows, quote_rows)
        squeeze = Squeezer(zdict)
        db.executemany(
            "INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    i,
                    c.id,
                    None if c.speaker is None else speaker_at[c.speaker],
                    source_at[c.provenance.source],
                    len(c.figures),
                    i in deriving,
                    *squeeze(claim_rows[i]),
                )
                for i, c in enumerate(base.claims)
            ),
        )
        db.executemany(
            "INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?)",
            (
                (
                    i,
                    q.id,
                    speaker_at[q.speaker],
                    source_at[q.provenance.source],
                    *squeeze(quote_rows[i]),
                )
                for i, q in enumerate(base.quotes)
            ),
        )
        del claim_rows, quote_rows

        def tags() -> Iterator[tuple[int, int, int]]:
            groups: tuple[tuple[Kind, Sequence[Claim | Quote]], ...] = (
                (Kind.CLAIM, base.claims),
                (Kind.QUOTE, base.quotes),
            )
            for kind, group in groups:
                topic, entity = Tag.TOPIC.of(kind), Tag.ENTITY.of(kind)
                for i, r in enumerate(group):
                    for t in dict.fromkeys(r.topics):
                        yield (topic, topic_at[t], i)
                    for e in dict.fromkeys(r.entities):
                        yield (entity, entity_at[e], i)
            made_in = Tag.QUOTE.of(Kind.CLAIM)
            for i, c in enumerate(base.claims):
                if c.quote is not None:
                    yield (made_in, quote_at[c.quote], i)

        db.executemany("INSERT INTO tags VALUES (?, ?, ?)", tags())
        term_ids: dict[tuple[int, str], int] = {}
        for kind in (Kind.CLAIM, Kind.QUOTE):
            df = searcher.document_frequency(kind.word)
            start = len(term_ids)
            term_ids.update(((int(kind), tok), start + n) for n, tok in enumerate(df))
            db.executemany(
                "INSERT INTO terms VALUES (?, ?, ?, ?)",
                ((int(kind), tok, n, term_ids[int(kind), tok]) for tok, n in df.items()),
            )

        def postings() -> Iterator[tuple[int, int, int]]:
            for kind in (Kind.CLAIM, Kind.QUOTE):
                k = int(kind)
                for i, toks in enumerate(searcher.tokens(kind.word)):
                    for tok, (weight, _) in toks.items():
                        yield (term_ids[k, tok], i, weight)

        db.executemany("INSERT INTO postings VALUES (?, ?, ?)", sorted(postings()))
        db.executescript(INDEXES)
        names = Names.of(base)
        tally = records.Tally(base)
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
            "lexicon": json.dumps(searcher.lexicon()),
            "speaker_rows": json.dumps([records.speaker(base, s, tally) for s in base.speakers]),
            "topic_rows": json.dumps([records.topic(base, t, tally) for t in base.topics]),
            "source_rows": json.dumps([records.source(base, s, tally) for s in base.sources]),
            "speaker_refs": json.dumps(
                {s.id: [s.name, s.role, s.organisation] for s in base.speakers}
            ),
            "files": json.dumps(list(files)),
            "small": marshal.dumps(to_plain(base)),
            "zdict": zdict,
        }
        db.executemany(
            "INSERT INTO meta VALUES (?, ?, ?)", ((k, v, checksum(v)) for k, v in meta.items())
        )
        db.commit()
    finally:
        db.close()
    os.chmod(path, 0o600)


def _deriving(base: FactBase) -> set[int]:
    """The claims ``derive`` reads: those with a figure naming another (converted from,
    applying to, part of) and those holding a figure so named."""
    named: set[str] = set()
    out: set[int] = set()
    for i, c in enumerate(base.claims):
        for f in c.figures:
            refs = [r for r in (f.converted_from, f.applies_to, f.part_of) if r]
            if refs:
                out.add(i)
                named.update(refs)
    if named:
        out.update(i for i, c in enumerate(base.claims) if any(f.id in named for f in c.figures))
    return out


def _dictionary(*groups: Sequence[bytes]) -> bytes:
    """A zlib preset dictionary for the rows: rows taken evenly through the base, up to
    zlib's 32 KiB window. Rows are short and alike (the same keys' values, names and
    phrases), so each compresses against it to about a seventh of its size."""
    rows = [r for g in groups for r in g]
    if not rows:
        return b""
    total = sum(len(r) for r in rows)
    step = max(1, total // ROW_DICTIONARY_BYTES)
    return b"".join(rows[::step])[-ROW_DICTIONARY_BYTES:]


class Squeezer:
    """Compresses rows against a preset dictionary, cheaply: the dictionary is loaded
    once and the primed compressor copied for each row."""

    def __init__(self, zdict: bytes) -> None:
        import zlib

        self.primed = zlib.compressobj(6, zlib.DEFLATED, -15, 8, zlib.Z_DEFAULT_STRATEGY, zdict)

    def __call__(self, row: bytes) -> tuple[bytes, int]:
        """The compressed row and its checksum."""
        c = self.primed.copy()
        data = c.compress(row) + c.flush()
        return data, checksum(data)
