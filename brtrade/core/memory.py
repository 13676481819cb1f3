"""A fact base loaded in memory, as the engine's store: its records analysed into
postings (:class:`MemoryPostings`), one record kind as a :class:`~brtrade.core.engine.Store`,
and :class:`Searcher`, which answers queries over them with :func:`brtrade.core.engine.search`.
"""

from __future__ import annotations

import bisect
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from brtrade.core.engine import Way, search
from brtrade.core.match import Group
from brtrade.core.query import Asked, Found, Hit, Query
from brtrade.core.terms import posted

if TYPE_CHECKING:
    from brtrade.core.model import Claim, FactBase, Quote
    from brtrade.core.names import Names
    from brtrade.core.terms import Tokens, Vocabulary


class MemoryPostings:
    """Postings of records analysed in memory, in document order."""

    def __init__(self, tokens: Sequence[Tokens]) -> None:
        self.records = tokens
        self.by_term: dict[str, list[tuple[int, int]]] = {}
        for o, toks in enumerate(tokens):
            for t, (weight, code) in toks.items():
                self.by_term.setdefault(t, []).append((o, posted(weight, code)))
        self._sorted: list[str] | None = None

    @property
    def n_docs(self) -> int:
        return len(self.records)

    def _prefixed(self, prefix: str) -> Iterator[str]:
        if self._sorted is None:
            self._sorted = sorted(self.by_term)
        for t in self._sorted[bisect.bisect_left(self._sorted, prefix) :]:
            if not t.startswith(prefix):
                break
            yield t

    def _terms(self, way: Way) -> Iterable[str]:
        return way.terms if way.prefix is None else self._prefixed(way.prefix)

    def postings(self, way: Way) -> Iterator[tuple[int, int]]:
        for t in self._terms(way):
            yield from self.by_term.get(t, ())

    def df(self, group: Group) -> int:
        terms = [*group.exact, *group.near, *group.related, *group.loose]
        if group.prefix is not None:
            terms += self._prefixed(group.prefix)
        return max((len(self.by_term.get(t, ())) for t in terms), default=0)

    def tokens(self, ords: Sequence[int]) -> Mapping[int, Tokens]:
        return {o: self.records[o] for o in ords}


class _KindStore(MemoryPostings):
    """One kind of record of a base loaded in memory, as a :class:`Store`."""

    def __init__(self, searcher: Searcher, kind: str) -> None:
        analyzer = searcher.analyzer
        base = searcher.base
        self.kind_records: Sequence[Claim | Quote] = base.claims if kind == "claim" else base.quotes
        super().__init__(
            [analyzer.claim_tokens(c) for c in base.claims]
            if kind == "claim"
            else [analyzer.quote_tokens(q) for q in base.quotes]
        )
        self.searcher = searcher

    def vocabulary(self) -> Vocabulary:
        return self.searcher.analyzer.vocabulary

    def lexicon(self) -> Sequence[str]:
        return self.searcher.lexicon()

    def name_words(self) -> Collection[str]:
        return self.searcher.name_words()

    def allowed(self, q: Query) -> Collection[int] | None:
        if q.topic is None and q.entity is None and q.speakers is None:
            return None
        return {i for i, rec in enumerate(self.kind_records) if _passes(rec, q)}

    def listed(self, q: Query) -> list[int]:
        allowed = self.allowed(q)
        every = range(self.n_docs) if allowed is None else sorted(allowed)
        return list(every[: q.limit])

    def ids(self, ords: Sequence[int]) -> list[str]:
        return [self.kind_records[o].id for o in ords]

    def cited(self, ords: Sequence[int]) -> Mapping[int, tuple[str, Sequence[int]]]:
        return {
            o: (rec.provenance.source, rec.provenance.paragraphs)
            for o in ords
            for rec in (self.kind_records[o],)
        }

    def measures(self, ords: Sequence[int]) -> Mapping[int, list[str]]:
        from brtrade.core.model import Claim

        out: dict[int, list[str]] = {}
        for o in ords:
            rec = self.kind_records[o]
            figures = rec.figures if isinstance(rec, Claim) else ()
            out[o] = [f.measure for f in figures if f.kind in ("amount", "change")]
        return out

    def changes(self, ords: Sequence[int]) -> Mapping[int, list[float]]:
        from brtrade.core.model import Claim

        out: dict[int, list[float]] = {}
        for o in ords:
            rec = self.kind_records[o]
            figures = rec.figures if isinstance(rec, Claim) else ()
            out[o] = [f.value for f in figures if f.kind == "change" and f.unit == "percent"]
        return out


class Searcher:
    """Search structures for one fact base in memory, built on first use."""

    def __init__(self, base: FactBase) -> None:
        from brtrade.core.terms import Analyzer

        self.base = base
        self.analyzer = Analyzer(base)
        self._stores: dict[str, _KindStore] = {}
        self._lexicon: list[str] | None = None
        self._names: Names | None = None
        self._name_words: frozenset[str] | None = None

    def store(self, kind: str) -> _KindStore:
        """The claims (``kind`` 'claim') or quotes as a :class:`Store`."""
        if kind not in self._stores:
            self._stores[kind] = _KindStore(self, kind)
        return self._stores[kind]

    def lexicon(self) -> list[str]:
        if self._lexicon is None:
            self._lexicon = self.analyzer.lexicon()
        return self._lexicon

    def name_words(self) -> frozenset[str]:
        """Stems of the base's names (:func:`brtrade.core.paraphrase.name_words`)."""
        if self._name_words is None:
            from brtrade.core.paraphrase import name_texts, name_words

            self._name_words = name_words(name_texts(self.base))
        return self._name_words

    def names(self) -> Names:
        if self._names is None:
            from brtrade.core.names import Names

            self._names = Names.of(self.base)
        return self._names

    def claims(self, query: Sequence[str] = (), **filters: Any) -> list[Hit]:
        """Claims answering ``query`` and the filters of :class:`Asked` given."""
        return self.search("claim", Asked(tuple(query), **filters).resolve(self.names())).hits

    def quotes(self, query: Sequence[str] = (), **filters: Any) -> list[Hit]:
        """Quotes answering ``query``, by the speakers matching ``speaker=``."""
        return self.search("quote", Asked(tuple(query), **filters).resolve(self.names())).hits

    def search(self, kind: str, q: Query) -> Found:
        """Records of ``kind`` ('claim' or 'quote') answering ``q``, best first."""
        store = self.store(kind)
        ranked, found = search(store, q)
        records = store.kind_records
        return found._replace(hits=[Hit(records[o], float(s), o) for o, s in ranked])


def _passes(rec: Claim | Quote, q: Query) -> bool:
    from brtrade.core.model import Claim

    if isinstance(rec, Claim):
        if q.topic is not None and q.topic not in rec.topics:
            return False
        if q.entity is not None and q.entity not in rec.entities:
            return False
    return q.speakers is None or rec.speaker in q.speakers
