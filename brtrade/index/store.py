"""The fact store: answers queries from the persistent index when it is fresh.

The front end of the index package. It opens a fresh index
(:mod:`.freshness`), or loads the base and builds one (:mod:`.build`), and
answers each question from the index (:mod:`.reader`) or, with no usable
index, from the loaded base, with identical results. A query is resolved
once (:func:`brtrade.core.query.resolve_query`) into the value both paths
take. When the cache folder cannot be written, or with ``--no-cache``,
brtrade answers from memory, more slowly.

The cache is never trusted and never fatal: an index or stamp that is damaged
in any way, or a build that fails in any way, means "answer from memory" (and
rebuild). Why is told to ``on_note``, which the CLI shows with ``--debug``;
a cache folder that is not safe to use is told with ``always=True``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from brtrade.core.files import fact_files, is_folder, is_transient
from brtrade.core.names import Names
from brtrade.core.query import Asked, Query, resolve_query
from brtrade.index.freshness import open_fresh, stat_all
from brtrade.index.layout import Answer, Answered, Kind, Shown, counts, small_rows

if TYPE_CHECKING:
    import sqlite3

    from brtrade.core.memory import Searcher
    from brtrade.core.model import Claim, FactBase, Figure
    from brtrade.index.reader import Index

T = TypeVar("T")

MAX_INDEXED_WORDS = 100
"""Queries with more distinct words than this are answered from memory (same results)."""

ROW_BATCH = 2000
"""Claims or quotes read from the index, and written, at a time."""

FIGURE_CHUNK = 500
"""Claims read from the index at a time while writing figures."""


Note = Callable[[str, bool], None]
"""Told why the cache was not used: (message, always) - always, or only with --debug."""


def _ignore(message: str, always: bool) -> None:
    del message, always


class FactStore:
    """Answers for one --facts path: from a fresh index, else from the loaded base."""

    def __init__(self, root: Path, *, use_cache: bool = True, on_note: Note = _ignore) -> None:
        self.root = root
        # A stream (/dev/stdin, <(...)) is read once: there is nothing to index for next time.
        self.use_cache = use_cache and not is_transient(root)
        self.on_note = on_note
        self._base: FactBase | None = None
        self._index: Index | None = None
        self._tried = False
        self._searcher: Searcher | None = None
        self._told: set[str] = set()
        self._candidates: dict[tuple[str, str, int], list[tuple[dict[str, Any], float]]] = {}
        self._speaker_inputs: (
            tuple[list[dict[str, Any]], list[tuple[str, list[str]]], dict[str, list[str]]] | None
        ) = None

    def close(self) -> None:
        """Close the index. An open index holds a read lock (see
        freshness.open_index); a process ends it by exiting, a long-lived one by this."""
        if self._index is not None:
            self._index.db.close()
            self._index = None

    def __enter__(self) -> FactStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the base and the index -------------------------------------------

    def base(self) -> FactBase:
        if self._base is None:
            self._base = self._from_index(lambda i: i.base(), self._load)
        return self._base

    def _load(self) -> FactBase:
        import time

        from brtrade.core.loader import load_fact_base

        verified = time.time_ns()  # before anything is read: an edit from now on is racy
        files = fact_files(self.root)
        before = stat_all(files)
        digests: dict[str, str] | None = {} if self.use_cache else None
        base = load_fact_base(self.root, digests)
        if self.use_cache and before is not None and digests is not None:
            from brtrade.index.build import try_build

            why = try_build(self.root, base, files, before, digests, verified)
            if why is not None:
                self.on_note(f"answering from memory: {why}", False)
            else:
                self._tried = False  # the next question is answered from the new index
        return base

    def _safe_folder(self) -> bool:
        """Whether the cache folder may be used; if not, say so (once)."""
        from brtrade.index.freshness import cache_folder, folder_problem

        folder = cache_folder()
        problem = folder_problem(folder) if folder is not None else None
        if problem is not None:
            self.on_note(f"not using the cache: {problem}; answering from memory", True)
            self.use_cache = False
        return problem is None

    def index(self) -> Index | None:
        """The fresh index, or None (cache off, missing, stale, or unusable)."""
        if not self._tried:
            self._tried = True
            if self.use_cache and self._safe_folder():
                from brtrade.index.reader import Index

                try:
                    db = open_fresh(self.root)
                    if db is None and is_folder(self.root):
                        db = self._updated()
                except Exception as exc:  # noqa: BLE001 - a cache is never fatal
                    self.on_note(f"not using the index: {type(exc).__name__}: {exc}", False)
                    db = None  # a missing, damaged or foreign cache: answer from memory
                self._index = Index(db) if db is not None else None
        return self._index

    def _updated(self) -> sqlite3.Connection | None:
        """The index of a folder whose files changed, brought up to date by re-indexing
        only those files (:mod:`.update`); None when that cannot be done."""
        from brtrade.index.update import try_update

        got = try_update(self.root)
        if isinstance(got, str):
            self.on_note(f"re-indexing the whole base: {got}", False)
            return None
        self.on_note("re-indexed the changed files only", False)
        return got

    def _from_index(self, ask: Callable[[Index], T], fallback: Callable[[], T]) -> T:
        """``ask`` the fresh index; with none, or a damaged one, the ``fallback`` in memory."""
        index = self.index()
        if index is not None:
            with self._or_memory():
                return ask(index)
        return fallback()

    @contextlib.contextmanager
    def _or_memory(self) -> Iterator[None]:
        """Run index reads; on a damaged index, forget it so the caller answers from memory
        (and, loading the base, rebuilds the index)."""
        from brtrade.core.errors import BrtradeError

        try:
            yield
        except BrtradeError:
            raise  # an answer (no such record), not damage
        except Exception as exc:  # noqa: BLE001 - a damaged index is never fatal
            self.on_note(f"the index is damaged ({exc}); rebuilding it", False)
            self._index = None

    # -- queries ----------------------------------------------------------

    def names(self) -> Names:
        return self._from_index(lambda i: i.names(), lambda: Names.of(self.base()))

    def counts(self) -> dict[str, int]:
        return self._from_index(lambda i: i.counts(), lambda: counts(self.base()))

    def small_rows(self, kind: str) -> list[dict[str, Any]]:
        """Every speaker, topic or source as contract rows, in document order."""
        return self._from_index(lambda i: i.small_rows(kind), lambda: small_rows(self.base(), kind))

    def answers(self, kind: str, asked: Asked) -> Answered:
        """The records of ``kind`` answering ``asked``, best first, as contract rows a
        batch at a time, so that a listing of any size is written without being held
        whole; a row whose evidence its changed source text no longer holds is marked
        unverified (:meth:`checked`). Topics and entities do not narrow quotes."""
        if kind == "quote":
            asked = asked._replace(topic=None, entity=None)
        q = asked.resolve(self.names())
        found, total, batches = self._batches(Kind.CLAIM if kind == "claim" else Kind.QUOTE, q)
        return Answered(found, total, (self.checked(rows) for rows in batches))

    def claim_rows(self, asked: Asked) -> Answer:
        """Claims answering ``asked`` as contract rows, best first (:meth:`answers`)."""
        return self.answers("claim", asked).whole()

    def quote_rows(self, asked: Asked) -> Answer:
        """Quotes answering ``asked`` as contract rows, best first (:meth:`answers`)."""
        return self.answers("quote", asked).whole()

    def _speaker_search(
        self,
    ) -> tuple[list[dict[str, Any]], list[tuple[str, list[str]]], dict[str, list[str]]]:
        """What a search of the speakers needs: their rows, the editors' vocabulary, and
        each body's aliases (:func:`brtrade.core.people.matching_speakers`); read once
        (``verify`` asks for each quotation whose sentence describes its speaker)."""
        if self._speaker_inputs is None:
            from brtrade.core.people import body_aliases

            entries = self._from_index(
                lambda i: i.vocabulary_entries(),
                lambda: [(t.id, list(t.words)) for t in self.base().vocabulary],
            )
            entities = self.names().entities
            aliases = {**body_aliases(entities), **{e: list(a) for e, _, a in entities}}
            self._speaker_inputs = (self.small_rows("speaker"), entries, aliases)
        return self._speaker_inputs

    def speaker_described(self, description: str) -> str | None:
        """The id of the one speaker a draft's description of someone fits ('the
        Ministry of Commerce expert', 'a WTO scholar'); None for none, or several."""
        from brtrade.core.people import matching_speakers

        speakers, entries, aliases = self._speaker_search()
        found = matching_speakers(description, speakers, entries, aliases, question=False)
        return str(found[0]["id"]) if len(found) == 1 else None

    def someone_named(self, query: Sequence[str]) -> list[str]:
        """The names of the speakers a question about a person names ('which university
        does Zhou Mi teach at': Zhou Mi): when no speaker answers it
        (:meth:`speakers_asked_about`), nothing does. [] for other questions."""
        from brtrade.core.people import asks_of_someone_named, speaker_words
        from brtrade.core.query import question_text
        from brtrade.core.text import words

        speakers = self.names().speakers
        named = speaker_words([{"name": name} for _, name in speakers])
        text = question_text(query)
        if not asks_of_someone_named(text, named):
            return []
        said = set(words(text))
        return [name for _, name in speakers if set(words(name)) <= said]

    def speakers_asked_about(self, query: Sequence[str]) -> list[dict[str, Any]]:
        """The speakers a question about a person asks about ('who is Tu Xinquan', 'what
        is Zhou Mi's job'), as contract rows, best first; none for other questions."""
        from brtrade.core.people import about_a_person, matching_speakers, said_about, speaker_words
        from brtrade.core.query import question_text
        from brtrade.core.text import words

        text = question_text(query)  # 'whos', 'HOW MUCH...', as resolve_query reads it
        named = speaker_words([{"name": name} for _, name in self.names().speakers])
        if not about_a_person(text, named):
            return []
        speakers, entries, aliases = self._speaker_search()
        found = matching_speakers(text, speakers, entries, aliases)
        topic = said_about(text)
        if topic is not None:  # 'who talked about X': those who said what best matches X
            said = [
                (r["speaker"]["id"], cover)
                for k in ("quote", "claim")
                for r, cover in self.said(k, topic)
                if r.get("speaker")
            ]
            best = max((c for _, c in said), default=0.0)
            ids = list(dict.fromkeys(s for s, c in said if c >= best))
            # ...and of them, those the question describes ('the executive dean'), if any,
            # by its words less what was said ('which academic commented on market
            # diversification': 'market' is no word of who the speaker is), in the order
            # of what they said
            spoken = set(words(topic))
            who = " ".join(w for w in words(text) if w not in spoken)
            described = matching_speakers(who, speakers, entries, aliases) or matching_speakers(
                who, speakers, entries, aliases, floor=False
            )
            among = sorted(
                (r for r in described if r["id"] in ids), key=lambda r: ids.index(r["id"])
            )
            found = among or [r for i in ids for r in speakers if r["id"] == i] or found
        return [dict(r) for r in found]

    def said(self, kind: str, text: str) -> list[tuple[dict[str, Any], float]]:
        """The rows of ``kind`` answering the question ``text``, best first, with the
        share of its words each covers."""
        answer = self.answers(kind, Asked((text,))).whole()
        return list(zip(answer.rows, answer.found.covers, strict=True))

    def candidates(
        self, kind: str, text: str, limit: int = 8
    ) -> list[tuple[dict[str, Any], float]]:
        """The records of ``kind`` ('claim' or 'quote') that ``text`` is most about, with
        the share of its words each covers, best first: the matcher without its floor.
        Each search is made once a store: a draft asks the same of many sentences (a
        subject it repeats, a quotation given twice), and its rows are only read."""
        from brtrade.core.errors import UsageError

        key = (kind, text, limit)
        if key not in self._candidates:
            try:
                q = resolve_query(self.names(), [text], limit=limit)._replace(floor=False)
            except UsageError:
                self._candidates[key] = []  # no words to go by
            else:
                answer = self._batches(Kind.CLAIM if kind == "claim" else Kind.QUOTE, q).whole()
                self._candidates[key] = list(zip(answer.rows, answer.found.covers, strict=True))
        return list(self._candidates[key])

    def record(self, typed: str) -> Shown:
        """The record ``typed`` names (``id`` or ``kind:id``), the other kinds sharing
        its id, and a base holding it and every record an answer about it reads (from
        the index, only those; else the whole base). A topic or an entity comes with
        the ids of what carries it, not those records: it may be thousands."""

        def from_index(index: Index) -> Shown:
            from brtrade.index import lookups

            kind, rid, others = lookups.find(index, typed)
            if kind in ("topic", "entity"):
                sub = index.subset([], [], about=(kind, rid))
                return Shown(sub.index[kind][rid], others, sub, lookups.carriers(index, kind, rid))
            sub = index.subset(*lookups.related(index, kind, rid), about=(kind, rid))
            return Shown(sub.index[kind][rid], others, sub)

        def from_memory() -> Shown:
            from brtrade.core.names import find_record
            from brtrade.core.query import carriers

            base = self.base()
            rec, others = find_record(base, typed)
            kind = type(rec).__name__.lower()
            held = carriers(base, kind, rec.id) if kind in ("topic", "entity") else None
            return Shown(rec, others, base, held)

        return self._from_index(from_index, from_memory)

    def ids(self, prefix: str) -> list[str]:
        """The ids of every record that start with ``prefix`` (for completion)."""
        from brtrade.core.names import RECORD_KINDS

        def from_memory() -> list[str]:
            base = self.base()
            return [i for k in RECORD_KINDS for i in base.index[k] if i.startswith(prefix)]

        # an id two kinds share (topic:asean, entity:asean) is offered once
        from brtrade.index import lookups

        found = self._from_index(lambda i: lookups.ids(i, prefix), from_memory)
        return list(dict.fromkeys(found))

    def citing(self, source_id: str, batch: int = 2000) -> Iterator[FactBase]:
        """Bases holding, between them, every record citing ``source_id``: at most
        ``batch`` claims or quotes each, so that memory is bounded by the batch."""
        from brtrade.index.lookups import related

        about, index = ("source", source_id), self.index()
        found = self._from_index(lambda i: related(i, *about), lambda: None)
        if index is None or found is None:
            yield self.base()
            return
        claims, quotes = found
        parts: list[tuple[list[int], list[int]]] = [([], [])]
        parts += [(claims[a : a + batch], []) for a in range(0, len(claims), batch)]
        parts += [([], quotes[a : a + batch]) for a in range(0, len(quotes), batch)]
        for c, q in parts[1:] or parts:
            yield index.subset(c, q, about=about)

    def deriving(self) -> FactBase:
        """A base holding every claim ``derive`` reads."""
        return self._from_index(lambda i: i.subset(i.deriving(), []), lambda: self.base())

    def figures(self, asked: Asked) -> Iterator[list[tuple[Claim, Figure]]]:
        """The figures of the claims answering ``asked``, with their claims, in rank
        order and at most ``asked.limit`` in all: a chunk at a time, so that every figure
        of a large base can be written without holding them all."""
        from brtrade.core.engine import search
        from brtrade.core.query import figures_of

        limit = asked.limit
        q = asked._replace(limit=None, all_words=False, explain=False).resolve(self.names())
        index = self.index()
        if index is not None and len(set(q.words)) <= MAX_INDEXED_WORDS:
            chosen: list[int] | None = None
            with self._or_memory():
                ranked, _ = search(index.store(Kind.CLAIM), q)
                chosen = index.figure_ords([o for o, _ in ranked], limit)
            if chosen is not None:
                yield from self._figure_chunks(index, chosen, limit)
                return
        yield figures_of(self.searcher().search("claim", q).hits, limit)

    def _figure_chunks(
        self, index: Index, ords: list[int], limit: int | None
    ) -> Iterator[list[tuple[Claim, Figure]]]:
        left = limit
        for start in range(0, len(ords), FIGURE_CHUNK):
            claims = cast(
                "list[Claim]", index.models(Kind.CLAIM, ords[start : start + FIGURE_CHUNK])
            )
            pairs = [(c, f) for c in claims for f in c.figures]
            if left is not None:
                pairs = pairs[:left]
                left -= len(pairs)
            yield pairs

    def lexicon(self) -> frozenset[str]:
        """Every folded word a record is searched by."""

        return frozenset(self._from_index(lambda i: i.lexicon(), lambda: self.searcher().lexicon()))

    def proved(self) -> None:
        """``check`` proved the base on its texts as they are: an index holding other
        metadata for them is dropped (rebuilt, it stops telling of the change)."""
        from brtrade.index import evidence

        index = self.index()
        if index is not None and evidence.changed_sources(index):
            self.close()
            evidence.forget(self.root)

    def checked(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """``rows``, each marked unverified whose evidence its text lost (index.evidence)."""
        from brtrade.index import evidence

        if any(r.get("provenance") for r in rows):
            index = self.index()
            paths = index.source_paths() if index is not None else self.base().source_paths
            for message in evidence.check(rows, paths, index, str(self.root)):
                if message not in self._told:  # once, though rows come a batch at a time
                    self._told.add(message)
                    self.on_note(message, True)
        return rows

    def searcher(self) -> Searcher:
        """The in-memory search structures of the base, built once per store: a draft's
        hundreds of candidate searches share them."""
        if self._searcher is None:
            from brtrade.core.memory import Searcher

            self._searcher = Searcher(self.base())
        return self._searcher

    def _batches(self, kind: Kind, q: Query) -> Answered:
        from brtrade.core.engine import search

        index = self.index()
        if index is not None and len(set(q.words)) <= MAX_INDEXED_WORDS:
            got: Answered | None = None
            with self._or_memory():
                ranked, found = search(index.store(kind), q)
                ords = [o for o, _ in ranked]
                first = index.rows(kind, ords[:ROW_BATCH])
                got = Answered(found, len(ords), self._index_batches(index, kind, q, ords, first))
            if got is not None:
                return got
        return self._from_memory(kind, q)

    def _index_batches(
        self, index: Index, kind: Kind, q: Query, ords: list[int], first: list[dict[str, Any]]
    ) -> Iterator[list[dict[str, Any]]]:
        yield first
        for start in range(ROW_BATCH, len(ords), ROW_BATCH):
            rows: list[dict[str, Any]] | None = None
            with self._or_memory():
                rows = index.rows(kind, ords[start : start + ROW_BATCH])
            if rows is None:  # damaged on the way: the same answer from memory, from here
                yield from self._from_memory(kind, q, start).batches
                return
            yield rows

    def _from_memory(self, kind: Kind, q: Query, start: int = 0) -> Answered:
        from brtrade.contract import records
        from brtrade.core.model import Claim

        base = self.base()
        found = self.searcher().search(kind.word, q)
        hits = found.hits

        def rows(at: int) -> list[dict[str, Any]]:
            return [
                records.claim(base, h.record)
                if isinstance(h.record, Claim)
                else records.quote(base, h.record)
                for h in hits[at : at + ROW_BATCH]
            ]

        batches = (rows(at) for at in range(start, len(hits), ROW_BATCH))
        return Answered(found._replace(hits=[]), len(hits), batches)
