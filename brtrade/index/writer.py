"""Writing claims and quotes into an index: rows, tags, figure ids and postings.

A full build (:mod:`.build`) writes every record with one :class:`Writer`; an
update (:mod:`.replace`) counts out the old records of a file with one and
writes the new ones with another.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from brtrade.core.names import Names
from brtrade.core.terms import posted
from brtrade.index.layout import Kind, Tag, checksum

A = TypeVar("A")
B = TypeVar("B")
Row = tuple[Any, ...]
"""A claim's or a quote's row of the index, as inserted."""
_CLAIM_MARKS = ", ".join("?" * 8)

if TYPE_CHECKING:
    import sqlite3

    from brtrade.core.model import Claim, FactBase, Quote
    from brtrade.core.terms import Tokens


class Writer:
    """Writes claims and quotes into an index: their rows, tags and figure ids; and
    counts their terms, postings and surface words (``terms``, a :class:`TermTally`).

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
        self.terms = TermTally(next_term, lookup)
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

    def _claim_row(self, claim: Claim, ord_: int, deriving: set[str], tally: TermTally) -> Row:
        """A claim's row, its terms counted into ``tally``."""
        from brtrade.contract import records

        packed = self.squeeze(self._packed(records.claim(self.base, claim), claim))
        tally.add(Kind.CLAIM, ord_, self.analyzer.claim_tokens(claim), self.analyzer.last_surface)
        speaker = None if claim.speaker is None else self.speaker_at[claim.speaker]
        source = self.source_at[claim.provenance.source]
        return (ord_, claim.id, speaker, source, len(claim.figures), claim.id in deriving, *packed)

    def _quote_row(self, quote: Quote, ord_: int, tally: TermTally) -> Row:
        """A quote's row, its terms counted into ``tally``."""
        from brtrade.contract import records

        packed = self.squeeze(self._packed(records.quote(self.base, quote), quote))
        tally.add(Kind.QUOTE, ord_, self.analyzer.quote_tokens(quote), self.analyzer.last_surface)
        speaker, source = self.speaker_at[quote.speaker], self.source_at[quote.provenance.source]
        return (ord_, quote.id, speaker, source, *packed)

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
        claim_ords, own_quote_ords = self.ords(claims), self.ords(quotes)
        quote_at = dict(quote_ords or {})
        quote_at.update((q.id, o) for q, o in zip(quotes, own_quote_ords, strict=True))
        split = parallel_split(len(claims), len(quotes))
        db = self.db

        def first() -> None:  # the parent's part, while the child prepares the rest
            rows = [
                self._claim_row(c, o, deriving, self.terms)
                for c, o in zip(claims[:split], claim_ords[:split], strict=True)
            ]
            self.db.executemany(f"INSERT INTO claims VALUES ({_CLAIM_MARKS})", rows)
            del rows
            # what links records: their tags, figure ids and the figures they name
            db.executemany(
                "INSERT INTO tags VALUES (?, ?, ?)",
                self.tags(claims, claim_ords, quotes, own_quote_ords, quote_at),
            )
            db.executemany(
                "INSERT INTO figure_ids VALUES (?, ?)",
                ((f.id, o) for c, o in zip(claims, claim_ords, strict=True) for f in c.figures),
            )
            db.executemany(
                "INSERT OR IGNORE INTO figure_links VALUES (?, ?)",
                (
                    (target, o)
                    for c, o in zip(claims, claim_ords, strict=True)
                    for target in sorted(named_figures([c]))
                ),
            )

        def rest() -> tuple[list[Row], list[Row], TermTally]:
            tally = TermTally()
            claim_rows = [
                self._claim_row(c, o, deriving, tally)
                for c, o in zip(claims[split:], claim_ords[split:], strict=True)
            ]
            quote_rows = [
                self._quote_row(q, o, tally) for q, o in zip(quotes, own_quote_ords, strict=True)
            ]
            return claim_rows, quote_rows, tally

        _, (claim_rows, quote_rows, later) = at_once(first, rest, split < len(claims))
        self.terms.merge(later)
        del later
        self.db.executemany(f"INSERT INTO claims VALUES ({_CLAIM_MARKS})", claim_rows)
        del claim_rows
        self.db.executemany("INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?)", quote_rows)

    def forget(
        self,
        claims: Sequence[Claim],
        claim_ords: Sequence[int],
        quotes: Sequence[Quote],
        quote_ords: Sequence[int],
    ) -> None:
        """Count out the terms and words of records being removed (into ``df``,
        ``words`` and, for their postings, ``gone``)."""
        analyzer, tally = self.analyzer, self.terms
        for c, o in zip(claims, claim_ords, strict=True):
            tally.add(Kind.CLAIM, o, analyzer.claim_tokens(c), analyzer.last_surface, -1)
        for q, o in zip(quotes, quote_ords, strict=True):
            tally.add(Kind.QUOTE, o, analyzer.quote_tokens(q), analyzer.last_surface, -1)

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


class TermTally:
    """What written records add up to: each term's number, its document frequency and
    its postings, and each surface word's count of records.

    Term numbers are given in the order terms are first met; ``lookup`` finds the
    number of a term already in the index (when updating one)."""

    def __init__(
        self,
        next_term: int = 0,
        lookup: Callable[[tuple[int, str]], int | None] | None = None,
    ) -> None:
        self.term_ids: dict[tuple[int, str], int] = {}
        self.next_term = next_term
        self.lookup = lookup
        self.df: dict[tuple[int, str], int] = {}
        self.postings: dict[int, list[int]] = {}
        """Term -> its records' document orders and weights, flat: records come in
        document order, so each list is in order, and no sort of millions is needed."""
        self.gone: list[tuple[tuple[int, str], int]] = []
        self.words: dict[str, int] = {}

    def term_id(self, key: tuple[int, str]) -> int:
        term = self.term_ids.get(key)
        if term is None:
            term = None if self.lookup is None else self.lookup(key)
            if term is None:
                term = self.next_term
                self.next_term += 1
            self.term_ids[key] = term
        return term

    def add(self, kind: Kind, ord_: int, tokens: Tokens, surface: set[str], sign: int = 1) -> None:
        """Count in (``sign`` 1) or out (-1) one record's terms and surface words."""
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
        for w in surface:
            words[w] = words.get(w, 0) + sign

    def merge(self, later: TermTally) -> None:
        """Add the counts of records written after these (their own tally, numbered from
        0): the terms are numbered, and the tables ordered, as if one tally had counted
        them all."""
        df, postings = self.df, self.postings
        for key, n in later.df.items():
            df[key] = df.get(key, 0) + n
        for key, local in later.term_ids.items():
            term = self.term_id(key)
            theirs = later.postings[local]
            got = postings.get(term)
            if got is None:
                postings[term] = theirs
            else:
                got += theirs
        words = self.words
        for w, n in later.words.items():
            words[w] = words.get(w, 0) + n


PARALLEL_FROM = 20_000
"""Claims from which a build writes part of them in a forked process."""


def parallel_split(claims: int, quotes: int) -> int:
    """How many of the claims a build prepares itself; a forked child prepares the rest,
    and the quotes, at the same time (:func:`at_once`). Measured at 100,000 claims and
    20,000 quotes: a quote costs about half a claim, and the parent also writes what
    links the records (a twentieth of a claim each), so the two parts take as long."""
    if claims < PARALLEL_FROM:
        return claims
    share = (claims + quotes / 2 - (claims + quotes) / 20) / 2
    return max(0, min(claims, round(share)))


def at_once(first: Callable[[], A], rest: Callable[[], B], parallel: bool = True) -> tuple[A, B]:
    """``(first(), rest())``. Where asked (``parallel``), the system forks (Linux) and
    has a second core, ``rest`` runs in a forked child at the same time as ``first``
    here, and its result comes back pickled through a pipe: terms and rows are most of
    a cold build, and each record's are its own. Should the child fail, ``rest`` runs
    here after ``first``."""
    child = _fork(rest) if parallel else None
    if child is None:
        done = first()
        return done, rest()
    import pickle

    pid, stream = child
    try:
        done = first()
        try:
            return done, pickle.load(stream)
        except (EOFError, OSError, pickle.UnpicklingError):
            pass  # the child failed: ``rest`` runs here
    finally:
        stream.close()
        _reap(pid)
    return done, rest()


def _fork(rest: Callable[[], object]) -> tuple[int, Any] | None:
    import os
    import sys

    if not sys.platform.startswith("linux") or (os.cpu_count() or 1) < 2:
        return None
    try:
        read_end, write_end = os.pipe()
        pid = os.fork()
    except OSError:
        return None
    if pid == 0:  # the child: compute, write, and leave without running any cleanup
        code = 1
        try:
            os.close(read_end)
            import pickle

            # Computed whole, then written: the parent reads only once ``first`` is
            # done, and the child waits on the full pipe till then.
            done = rest()
            with os.fdopen(write_end, "wb") as out:
                pickle.dump(done, out, protocol=pickle.HIGHEST_PROTOCOL)
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
