"""The fact store: answers queries from the persistent index when it is fresh.

The front end of the index package. It opens a fresh index
(:mod:`.freshness`), or loads the base and builds one (:mod:`.build`), and
answers each question from the index (:mod:`.reader`) or, with no usable
index, from the loaded base, with identical results. A query is resolved
once (:func:`brtrade.core.query.resolve_query`) into the value both paths
take. When the cache folder cannot be written, or with ``--no-cache``,
brtrade answers from memory, more slowly.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from brtrade.core.files import fact_files
from brtrade.core.query import Names, Query, resolve_query
from brtrade.index.freshness import open_fresh, stat_all
from brtrade.index.layout import Kind, counts, small_rows

if TYPE_CHECKING:
    from brtrade.core.model import FactBase
    from brtrade.index.reader import Index

MAX_INDEXED_WORDS = 100
"""Queries with more distinct words than this are answered from memory (same results)."""


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
        before = stat_all(files)
        base = load_fact_base(self.root)
        if self.use_cache and before is not None:
            from brtrade.index.build import try_build

            try_build(self.root, base, files, before)
        return base

    def index(self) -> Index | None:
        """The fresh index, or None (cache off, missing, stale, or unusable)."""
        if not self._tried:
            self._tried = True
            if self.use_cache:
                import sqlite3

                from brtrade.index.reader import Index

                try:
                    db = open_fresh(self.root)
                except (OSError, sqlite3.Error, ValueError, KeyError, TypeError, EOFError):
                    db = None  # a missing, damaged or foreign cache: answer from memory
                self._index = Index(db) if db is not None else None
        return self._index

    @contextlib.contextmanager
    def _or_memory(self) -> Iterator[None]:
        """Run index reads; on a damaged index, forget it so the caller answers from memory."""
        import sqlite3

        try:
            yield
        except sqlite3.DatabaseError:
            self._index = None

    # -- queries ----------------------------------------------------------

    def names(self) -> Names:
        index = self.index()
        return index.names() if index is not None else Names.of(self.base())

    def counts(self) -> dict[str, int]:
        index = self.index()
        return index.counts() if index is not None else counts(self.base())

    def small_rows(self, kind: str) -> list[dict[str, Any]]:
        """Every speaker, topic or source as contract rows, in document order."""
        index = self.index()
        return index.small_rows(kind) if index is not None else small_rows(self.base(), kind)

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
        q = resolve_query(
            self.names(), query, topic=topic, entity=entity, speaker=speaker, limit=limit
        )
        return self._rows(Kind.CLAIM, q)

    def quote_rows(
        self, query: Sequence[str], *, speaker: str | None = None, limit: int | None = None
    ) -> list[dict[str, Any]]:
        """Matching quotes as contract rows, best first."""
        return self._rows(
            Kind.QUOTE, resolve_query(self.names(), query, speaker=speaker, limit=limit)
        )

    def _rows(self, kind: Kind, q: Query) -> list[dict[str, Any]]:
        index = self.index()
        if index is not None and len(set(q.words)) <= MAX_INDEXED_WORDS:
            with self._or_memory():
                return index.rows(kind, [o for o, _ in index.search(kind, q)])
        return self._rows_from_memory(kind, q)

    def _rows_from_memory(self, kind: Kind, q: Query) -> list[dict[str, Any]]:
        from brtrade.contract import records
        from brtrade.core.model import Claim, Quote
        from brtrade.core.query import Searcher

        base = self.base()
        searcher = Searcher(base)
        if kind is Kind.CLAIM:
            claims = [h.record for h in searcher.search_claims(q)]
            return [records.claim(base, c) for c in claims if isinstance(c, Claim)]
        quotes = [h.record for h in searcher.search_quotes(q)]
        return [records.quote(base, r) for r in quotes if isinstance(r, Quote)]
