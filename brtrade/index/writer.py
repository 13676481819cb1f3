"""Writing claims and quotes into an index: rows, tags, figure ids and postings.

A full build (:mod:`.build`) writes every record with one :class:`Writer`; an
update (:mod:`.replace`) counts out the old records of a file with one and
writes the new ones with another.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from brtrade.core.names import Names
from brtrade.core.terms import posted
from brtrade.index.layout import Kind, Tag, checksum

if TYPE_CHECKING:
    import sqlite3

    Prepared = tuple[tuple[bytes, int], "Tokens", set[str]]

    from brtrade.core.model import Claim, FactBase, Quote
    from brtrade.core.terms import Tokens


class Writer:
    """Writes claims and quotes into an index: their rows, tags and figure ids; and
    collects their postings, document frequencies and surface words.

    A record's document order (``ord``) is its file's number times ``stride`` plus its
    place in that file, so that one file's records can be replaced alone
    (:mod:`brtrade.index.update`). ``base`` supplies what a record's terms and row
    read from other records: speakers, entities, topics, and the quotes claims are
    made in.
    """

    def __init__(
        self,
        db: sqlite3.Connection,
        base: FactBase,
        numbers: dict[str, int],
        stride: int,
        zdict: bytes,
        next_term: int = 0,
        lookup: Callable[[tuple[int, str]], int | None] | None = None,
        names: Names | None = None,
    ) -> None:
        from brtrade.core.terms import Analyzer

        self.db = db
        self.base = base
        self.numbers = numbers
        self.stride = stride
        self.zdict = zdict
        self.squeeze = Squeezer(zdict)
        self.analyzer = Analyzer(base)
        self.term_ids: dict[tuple[int, str], int] = {}
        self.next_term = next_term
        self.lookup = lookup
        """Finds the number of a term already in the index (when updating one)."""
        self.df: dict[tuple[int, str], int] = {}
        self.postings: dict[int, list[int]] = {}
        """Term -> its records' document orders and weights, flat: records come in
        document order, so each list is in order, and no sort of millions is needed."""
        self.gone: list[tuple[tuple[int, str], int]] = []
        self.words: dict[str, int] = {}
        # Speakers, sources, topics and entities are stored by their place in the
        # base's lists: the whole base's (``names``), when ``base`` holds only some.
        every = Names.of(base) if names is None else names
        self.speaker_at = {s: i for i, s in enumerate(every.ids("speaker"))}
        self.source_at = {s: i for i, s in enumerate(every.ids("source"))}
        self.topic_at = {t: i for i, t in enumerate(every.ids("topic"))}
        self.entity_at = {e: i for i, e in enumerate(every.ids("entity"))}

    def number(self, rec: Claim | Quote) -> int:
        origin = rec.origin
        return 0 if origin is None else self.numbers.setdefault(origin.file, len(self.numbers))

    def ords(self, group: Sequence[Claim | Quote]) -> list[int]:
        """The document order of each record, by its file and its place in it."""
        seen: dict[int, int] = {}
        out = []
        for rec in group:
            f = self.number(rec)
            out.append(f * self.stride + seen.get(f, 0))
            seen[f] = seen.get(f, 0) + 1
        return out

    def _packed(self, row: dict[str, object], rec: Claim | Quote) -> bytes:
        from brtrade.index.rows import pack

        origin = rec.origin
        fno = None if origin is None else self.number(rec)
        line = None if origin is None else origin.line
        return json.dumps(pack(row, rec.draft, fno, line), separators=(",", ":")).encode()

    def term_id(self, key: tuple[int, str]) -> int:
        term = self.term_ids.get(key)
        if term is None:
            term = None if self.lookup is None else self.lookup(key)
            if term is None:
                term = self.next_term
                self.next_term += 1
            self.term_ids[key] = term
        return term

    def _terms(self, kind: Kind, ord_: int, tokens: Tokens, sign: int = 1) -> None:
        k = int(kind)
        df, ids, postings = self.df, self.term_ids, self.postings  # the build's hot loop
        for tok, (weight, code) in tokens.items():
            key = (k, tok)
            df[key] = df.get(key, 0) + sign
            if sign > 0:
                term = ids.get(key)
                if term is None:
                    term = self.term_id(key)
                got = postings.get(term)
                if got is None:
                    postings[term] = [ord_, posted(weight, code)]
                else:
                    got += (ord_, posted(weight, code))
            else:
                self.gone.append((key, ord_))
        words = self.words
        for w in self.analyzer.last_surface:
            words[w] = words.get(w, 0) + sign

    def _prepare_claim(self, claim: Claim) -> Prepared:
        """What writing a claim computes from it alone: its compressed row, its terms
        and its surface words."""
        from brtrade.contract import records

        packed = self.squeeze(self._packed(records.claim(self.base, claim), claim))
        tokens = self.analyzer.claim_tokens(claim)
        return packed, tokens, self.analyzer.last_surface

    def add(
        self,
        claims: Sequence[Claim],
        quotes: Sequence[Quote],
        deriving: set[str],
        quote_ords: dict[str, int] | None = None,
    ) -> None:
        """Write ``claims`` and ``quotes``; a claim is marked for ``derive`` when its id
        is in ``deriving``. ``quote_ords`` gives the document order of the quotes, made
        in by a claim, that are not among ``quotes``."""
        from brtrade.contract import records

        base, analyzer = self.base, self.analyzer
        claim_ords, own_quote_ords = self.ords(claims), self.ords(quotes)
        quote_at = dict(quote_ords or {})
        quote_at.update((q.id, o) for q, o in zip(quotes, own_quote_ords, strict=True))
        claim_rows = []
        for c, o, (packed, tokens, surface) in zip(
            claims, claim_ords, prepared(claims, self._prepare_claim), strict=True
        ):
            claim_rows.append(
                (
                    o,
                    c.id,
                    None if c.speaker is None else self.speaker_at[c.speaker],
                    self.source_at[c.provenance.source],
                    len(c.figures),
                    c.id in deriving,
                    *packed,
                )
            )
            self.analyzer.last_surface = surface
            self._terms(Kind.CLAIM, o, tokens)
        self.db.executemany("INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?, ?)", claim_rows)
        del claim_rows
        quote_rows = []
        for q, o in zip(quotes, own_quote_ords, strict=True):
            quote_rows.append(
                (
                    o,
                    q.id,
                    self.speaker_at[q.speaker],
                    self.source_at[q.provenance.source],
                    *self.squeeze(self._packed(records.quote(base, q), q)),
                )
            )
            self._terms(Kind.QUOTE, o, analyzer.quote_tokens(q))
        self.db.executemany("INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?)", quote_rows)
        del quote_rows
        self.db.executemany(
            "INSERT INTO tags VALUES (?, ?, ?)",
            self.tags(claims, claim_ords, quotes, own_quote_ords, quote_at),
        )
        self.db.executemany(
            "INSERT INTO figure_ids VALUES (?, ?)",
            ((f.id, o) for c, o in zip(claims, claim_ords, strict=True) for f in c.figures),
        )
        self.db.executemany(
            "INSERT OR IGNORE INTO figure_links VALUES (?, ?)",
            (
                (target, o)
                for c, o in zip(claims, claim_ords, strict=True)
                for target in sorted(named_figures([c]))
            ),
        )

    def forget(
        self,
        claims: Sequence[Claim],
        claim_ords: Sequence[int],
        quotes: Sequence[Quote],
        quote_ords: Sequence[int],
    ) -> None:
        """Count out the terms and words of records being removed (into ``df``,
        ``words`` and, for their postings, ``gone``)."""
        for c, o in zip(claims, claim_ords, strict=True):
            self._terms(Kind.CLAIM, o, self.analyzer.claim_tokens(c), -1)
        for q, o in zip(quotes, quote_ords, strict=True):
            self._terms(Kind.QUOTE, o, self.analyzer.quote_tokens(q), -1)

    def tags(
        self,
        claims: Sequence[Claim],
        claim_ords: Sequence[int],
        quotes: Sequence[Quote],
        quote_ords: Sequence[int],
        quote_at: dict[str, int],
    ) -> Iterator[tuple[int, int, int]]:
        """The tags rows of these records."""
        groups: tuple[tuple[Kind, Sequence[Claim | Quote], Sequence[int]], ...] = (
            (Kind.CLAIM, claims, claim_ords),
            (Kind.QUOTE, quotes, quote_ords),
        )
        for kind, group, ords in groups:
            topic, entity = Tag.TOPIC.of(kind), Tag.ENTITY.of(kind)
            for r, o in zip(group, ords, strict=True):
                for t in dict.fromkeys(r.topics):
                    yield (topic, self.topic_at[t], o)
                for e in dict.fromkeys(r.entities):
                    yield (entity, self.entity_at[e], o)
        made_in = Tag.QUOTE.of(Kind.CLAIM)
        for c, o in zip(claims, claim_ords, strict=True):
            if c.quote is not None:
                yield (made_in, quote_at[c.quote], o)


def named_figures(claims: Iterable[Claim]) -> set[str]:
    """The figure ids that a figure names (converted from, applying to, part of)."""
    return {
        r
        for c in claims
        for f in c.figures
        for r in (f.converted_from, f.applies_to, f.part_of)
        if r
    }


def deriving(claims: Iterable[Claim], named: set[str]) -> set[str]:
    """The ids of the claims ``derive`` reads: those with a figure naming another, and
    those holding a figure ``named``."""
    return {
        c.id
        for c in claims
        if any(f.id in named or f.converted_from or f.applies_to or f.part_of for f in c.figures)
    }


class Squeezer:
    """Compresses rows against a preset dictionary, cheaply: the dictionary is loaded
    once and the primed compressor copied for each row. Level 1: at 10k claims the
    build takes 0.16 s less than at level 6 for an index 5 % larger (0.55x its YAML
    against 0.53x; the size goal is 0.75x), and the cold build is the tighter goal."""

    def __init__(self, zdict: bytes) -> None:
        import zlib

        self.primed = zlib.compressobj(1, zlib.DEFLATED, -15, 8, zlib.Z_DEFAULT_STRATEGY, zdict)

    def __call__(self, row: bytes) -> tuple[bytes, int]:
        """The compressed row and its checksum."""
        c = self.primed.copy()
        data = c.compress(row) + c.flush()
        return data, checksum(data)


PARALLEL_FROM = 20_000
"""Claims from which a build prepares the second half of them in a forked process."""
_BATCH = 2_000


def prepared(claims: Sequence[Claim], prepare: Callable[[Claim], Prepared]) -> Iterator[Prepared]:
    """``prepare`` of each claim, in order. On a large base, where the system forks
    (Linux) and has a second core, the second half is prepared by a forked child at
    the same time as the first half here, and read back through a pipe in batches:
    terms and rows are most of a cold build, and each claim's are its own. Should the
    child fail, its half is prepared here."""
    half = len(claims) // 2
    child = _fork_preparing(claims[half:], prepare) if len(claims) >= PARALLEL_FROM else None
    if child is None:
        yield from map(prepare, claims)
        return
    import pickle

    pid, stream = child
    done = half
    try:
        yield from map(prepare, claims[:half])
        while done < len(claims):
            try:
                batch = pickle.load(stream)
            except (EOFError, OSError, pickle.UnpicklingError):
                break  # the child failed: the rest of its half is prepared below
            for item in batch:
                yield item
                done += 1
    finally:
        stream.close()
        _reap(pid)
    yield from map(prepare, claims[done:])


def _fork_preparing(
    claims: Sequence[Claim], prepare: Callable[[Claim], Prepared]
) -> tuple[int, Any] | None:
    import os
    import sys

    if not sys.platform.startswith("linux") or (os.cpu_count() or 1) < 2:
        return None
    try:
        read_end, write_end = os.pipe()
        pid = os.fork()
    except OSError:
        return None
    if pid == 0:  # the child: prepare, write, and leave without running any cleanup
        code = 1
        try:
            os.close(read_end)
            import pickle

            # All first, then written: the parent reads only once its own half is
            # done, and a child writing as it went would wait on the full pipe.
            batches = [
                [prepare(c) for c in claims[at : at + _BATCH]]
                for at in range(0, len(claims), _BATCH)
            ]
            with os.fdopen(write_end, "wb") as out:
                for batch in batches:
                    pickle.dump(batch, out, protocol=pickle.HIGHEST_PROTOCOL)
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    return pid, os.fdopen(read_end, "rb")


def _reap(pid: int) -> None:
    import os
    import signal

    try:
        os.kill(pid, signal.SIGKILL)  # done or failed: it has nothing left to say
    except OSError:
        pass
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
