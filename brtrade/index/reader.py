"""Reading a fresh index: the postings search reads (ranked by :mod:`brtrade.core.engine`),
contract rows, names, counts, and the few model records a command needs (``subset``),
or the whole base."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, cast

from brtrade.core.names import Names
from brtrade.core.terms import Tokens, Vocabulary
from brtrade.index.layout import DamagedIndex, Kind, Tag, checksum
from brtrade.index.postings import unpack

if TYPE_CHECKING:
    import sqlite3

    from brtrade.core.engine import Way
    from brtrade.core.match import Group
    from brtrade.core.model import Claim, FactBase, Quote
    from brtrade.core.query import Query
    from brtrade.index.rows import SpeakerRefs

MAX_CHAR = chr(0x10FFFF)
"""Above every character: ``token >= p AND token < p + MAX_CHAR`` is "starts with p"."""


CACHED_POSTINGS = 4 * 2**20
"""The most bytes of packed postings an open index keeps for terms asked for again."""


class Index:
    """A fresh, open index (read-only)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self._names: Names | None = None
        self._name_words: frozenset[str] | None = None
        self._vocabulary: Vocabulary | None = None
        self._speaker_refs: SpeakerRefs | None = None
        self._small: tuple[Any, ...] | None = None
        self._zdict: bytes | None = None
        self._stride: int | None = None
        self._df: dict[tuple[Kind, tuple[str, ...], tuple[str, ...], str | None], int] = {}
        self._postings: dict[tuple[Kind, tuple[str, ...], str | None], list[Any]] = {}
        self._cached = 0  # bytes of packed postings kept in _postings

    def meta(self, key: str) -> Any:
        row = self.db.execute("SELECT value, crc FROM meta WHERE key = ?", (key,)).fetchone()
        if row is None:
            raise DamagedIndex(f"no {key!r} in the index")
        return _checked(row[0], row[1])

    def names(self) -> Names:
        if self._names is None:
            data = json.loads(self.meta("names"))
            self._names = Names(
                speakers=tuple((a, b) for a, b in data["speakers"]),
                topics=tuple((a, b) for a, b in data["topics"]),
                entities=tuple((a, b, tuple(c)) for a, b, c in data["entities"]),
                sources=tuple(data["sources"]),
            )
        return self._names

    def name_words(self) -> frozenset[str]:
        """Stems of the base's names (:func:`brtrade.core.paraphrase.name_words`)."""
        if self._name_words is None:
            from brtrade.core.paraphrase import name_words

            self._name_words = name_words(json.loads(self.meta("name_texts")))
        return self._name_words

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = json.loads(self.meta("counts"))
        return counts

    def small_rows(self, kind: str) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = json.loads(self.meta(f"{kind}_rows"))
        return rows

    def _small_plain(self) -> tuple[Any, ...]:
        if self._small is None:
            import marshal

            self._small = marshal.loads(self.meta("small"))
        return self._small

    def base(self) -> FactBase:
        """The whole base, as loading its YAML gives it."""
        return self.subset(None, None)

    def subset(
        self,
        claims: Sequence[int] | None,
        quotes: Sequence[int] | None,
        about: tuple[str, str] | None = None,
    ) -> FactBase:
        """A base of only the claims and quotes at these document orders (all of them
        for None), the quotes those claims are made in, and of the other kinds what
        answers about them read: every topic and entity, and the speakers and sources
        they name. ``about`` (kind, id), the record ``show`` shows, adds that speaker or
        source, and for a source every speaker it attributes."""
        from brtrade.core.loader import gc_paused
        from brtrade.index.plain import Keep, from_plain

        with gc_paused():
            got_claims = self.models(Kind.CLAIM, None if claims is None else sorted(claims))
            if quotes is not None:
                made_in = {c.quote for c in cast("list[Claim]", got_claims) if c.quote}
                quotes = sorted({*quotes, *self.ords_of(Kind.QUOTE, made_in)})
            got_quotes = self.models(Kind.QUOTE, quotes)
            keep = None
            if claims is not None or quotes is not None:
                got = (*got_claims, *got_quotes)
                keep = Keep(
                    {r.speaker for r in got if r.speaker},
                    {r.provenance.source for r in got},
                )
                if about is not None and about[0] == "speaker":
                    keep.speakers.add(about[1])
                if about is not None and about[0] == "source":
                    keep.sources.add(about[1])
                    keep.citing = about[1]
            return from_plain(
                self._small_plain(),
                cast("tuple[Claim, ...]", tuple(got_claims)),
                cast("tuple[Quote, ...]", tuple(got_quotes)),
                keep,
            )

    def models(self, kind: Kind, ords: Sequence[int] | None) -> list[Claim | Quote]:
        """The model records at ``ords`` (each once, in that order; every one, in document
        order, for None)."""
        from brtrade.index.rows import to_model

        files: list[str] = json.loads(self.meta("files"))
        sql = f"SELECT ord, row, crc FROM {kind.table}"
        if ords is None:
            unsqueeze = self._unsqueeze()
            found = self.db.execute(sql + " ORDER BY ord")
            return [
                to_model(kind.word, json.loads(unsqueeze(_checked(r, c))), files)
                for _, r, c in found
            ]
        chosen = list(dict.fromkeys(ords))
        raw = self._raw(kind, chosen)
        return [to_model(kind.word, json.loads(raw[o]), files) for o in chosen]

    def ords_of(self, kind: Kind, ids: Iterable[str]) -> list[int]:
        """The document orders of the records of ``kind`` with these ids."""
        wanted = list(ids)
        out: list[int] = []
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT ord FROM {kind.table} WHERE id IN ({marks})"
            out.extend(o for (o,) in self.db.execute(sql, chunk))
        return sorted(out)

    def figure_ords(self, ords: Sequence[int], limit: int | None) -> list[int]:
        """Of the claims at ``ords`` (in that order), those with figures, up to the one
        holding the ``limit``-th figure."""
        counts: dict[int, int] = {}
        for start in range(0, len(ords), 500):
            chunk = ords[start : start + 500]
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT ord, figures FROM claims WHERE ord IN ({marks}) AND figures > 0"
            counts.update(self.db.execute(sql, chunk))
        out: list[int] = []
        total = 0
        for o in ords:
            if o in counts:
                if limit is not None and total >= limit:
                    break
                out.append(o)
                total += counts[o]
        return out

    def deriving(self) -> list[int]:
        """The claims ``derive`` reads (index.writer.deriving)."""
        return [o for (o,) in self.db.execute("SELECT ord FROM claims WHERE derives ORDER BY ord")]

    def vocabulary(self) -> Vocabulary:
        if self._vocabulary is None:
            self._vocabulary = Vocabulary(self.vocabulary_entries())
        return self._vocabulary

    def source_files(self) -> dict[str, list[Any] | None]:
        """Each source text's metadata and hash when first indexed (index.evidence)."""
        try:
            found: dict[str, list[Any] | None] = json.loads(self.meta("source_files"))
        except DamagedIndex:
            return {}
        return found

    def source_paths(self) -> dict[str, str]:
        """Each source's text, as a path."""
        return dict(self._small_plain()[1])

    def vocabulary_entries(self) -> list[tuple[str, list[str]]]:
        """The editors' vocabulary as (entry id, words) pairs."""
        return [(e, list(w)) for e, w in json.loads(self.meta("vocabulary"))]

    def lexicon(self) -> list[str]:
        sql = "SELECT word FROM words WHERE records > 0 ORDER BY word"
        return [w for (w,) in self.db.execute(sql)]

    def group_df(self, kind: Kind, g: Group) -> int:
        """How many records hold the group's most common term: asked once per group (a
        draft's sentences ask for the same words again and again)."""
        key = (kind, g.exact, (*g.near, "|", *g.related, "|", *g.loose), g.prefix)
        if key not in self._df:
            terms = (*g.exact, *g.near, *g.related, *g.loose)
            sql = f"SELECT df FROM terms WHERE kind = ? AND token IN ({','.join('?' * len(terms))})"
            params: list[Any] = [int(kind), *terms]
            if g.prefix is not None:
                sql += " UNION ALL SELECT df FROM terms WHERE kind = ? AND token >= ? AND token < ?"
                params += [int(kind), g.prefix, g.prefix + MAX_CHAR]
            row = self.db.execute(f"SELECT MAX(df) FROM ({sql})", params).fetchone()
            self._df[key] = int(row[0] or 0)
        return self._df[key]

    def allowed(self, kind: Kind, q: Query) -> set[int] | None:
        """The records of ``kind`` the query's filters let through (None: all)."""
        found = self._filtered(kind, q)
        return None if found is None else {o for (o,) in self.db.execute(*found)}

    def listed(self, kind: Kind, q: Query) -> list[int]:
        """The records of ``kind`` the filters let through, in document order, at most
        ``q.limit``."""
        sql, params = self._filtered(kind, q) or (f"SELECT ord FROM {kind.table}", [])
        cap = -1 if q.limit is None or q.limit >= 2**62 else q.limit  # SQLite: -1 is no limit
        rows = self.db.execute(f"SELECT ord FROM ({sql}) ORDER BY ord LIMIT ?", (*params, cap))
        return [o for (o,) in rows]

    def _filtered(self, kind: Kind, q: Query) -> tuple[str, list[Any]] | None:
        """SQL selecting the ords of the records the filters let through; None for none."""
        names = self.names()
        wanted: list[tuple[str, list[Any]]] = []
        if q.topic is not None and kind is Kind.CLAIM:
            tag = position([t for t, _ in names.topics], q.topic)
            wanted.append(
                ("SELECT ord FROM tags WHERE kind = ? AND tag = ?", [Tag.TOPIC.of(kind), tag])
            )
        if q.entity is not None and kind is Kind.CLAIM:
            tag = position([e for e, _, _ in names.entities], q.entity)
            wanted.append(
                ("SELECT ord FROM tags WHERE kind = ? AND tag = ?", [Tag.ENTITY.of(kind), tag])
            )
        if q.speakers is not None:
            ids = [s for s, _ in names.speakers]
            marks = ",".join("?" * len(q.speakers))
            sql = f"SELECT ord FROM {kind.table} WHERE speaker IN ({marks})"
            wanted.append((sql, [position(ids, s) for s in q.speakers]))
        if not wanted:
            return None
        return " INTERSECT ".join(s for s, _ in wanted), [p for _, ps in wanted for p in ps]

    def postings(self, kind: Kind, way: Way) -> Iterator[tuple[int, int]]:
        """(record, field weight and code) of the records holding a term matched by ``way``."""
        terms = "SELECT term FROM terms WHERE kind = ? AND token"
        if way.prefix is None:
            sql = f"{terms} IN ({','.join('?' * len(way.terms))})"
            params: list[Any] = [int(kind), *way.terms]
        else:
            sql = f"{terms} >= ? AND token < ?"
            params = [int(kind), way.prefix, way.prefix + MAX_CHAR]
        stride = self.stride()
        key = (kind, way.terms, way.prefix)
        found = self._postings.get(key)
        if found is None:
            rows = self.db.execute(f"SELECT file, data FROM postings WHERE term IN ({sql})", params)
            found = rows.fetchall()
            size = sum(len(data) for _, data in found)
            if self._cached + size <= CACHED_POSTINGS:
                # A draft's sentences, and a question's words, ask for the same terms
                # again and again ('trade', 'China'): their packed postings are kept,
                # up to a bound, so a large base's commonest terms are read again.
                self._postings[key] = found
                self._cached += size
        return (p for file, data in found for p in unpack(file * stride, data))

    def stride(self) -> int:
        """Room in the document order for each file's records (``ord // stride`` is the
        file)."""
        if self._stride is None:
            self._stride = int(json.loads(self.meta("stride")))
        return self._stride

    def store(self, kind: Kind) -> IndexStore:
        """The records of ``kind`` as :mod:`brtrade.core.engine` searches them."""
        return IndexStore(self, kind)

    def tokens(self, kind: Kind, ords: Sequence[int]) -> dict[int, Tokens]:
        """The terms of the records at ``ords``, as core.terms made them when indexing:
        made again from the records (for --explain only; postings are kept by term)."""
        from brtrade.core.model import Claim
        from brtrade.core.terms import Analyzer

        chosen = sorted(set(ords))
        sub = self.subset(
            chosen if kind is Kind.CLAIM else [], chosen if kind is Kind.QUOTE else []
        )
        analyzer = Analyzer(sub)
        by_id = {r.id: r for r in (sub.claims if kind is Kind.CLAIM else sub.quotes)}
        out: dict[int, Tokens] = {}
        for o, row in zip(chosen, self.rows(kind, chosen), strict=True):
            rec = by_id[row["id"]]
            out[o] = (
                analyzer.claim_tokens(rec) if isinstance(rec, Claim) else analyzer.quote_tokens(rec)
            )
        return out

    def speaker_refs(self) -> SpeakerRefs:
        if self._speaker_refs is None:
            self._speaker_refs = json.loads(self.meta("speaker_refs"))
        return self._speaker_refs

    def _unsqueeze(self) -> Callable[[bytes], str]:
        if self._zdict is None:
            self._zdict = self.meta("zdict")
        import zlib

        zdict = self._zdict

        def unsqueeze(data: bytes) -> str:
            return zlib.decompressobj(-15, zdict).decompress(data).decode("utf-8")

        return unsqueeze

    def _raw(self, kind: Kind, ords: Sequence[int]) -> dict[int, str]:
        """The checked packed rows at ``ords``, by document order; DamagedIndex if any
        is missing."""
        unsqueeze = self._unsqueeze()
        found: dict[int, str] = {}
        for start in range(0, len(ords), 500):
            chunk = ords[start : start + 500]
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT ord, row, crc FROM {kind.table} WHERE ord IN ({marks})"
            found.update(
                (o, unsqueeze(_checked(row, crc))) for o, row, crc in self.db.execute(sql, chunk)
            )
        if len(found) != len(set(ords)):
            raise DamagedIndex("rows are missing from the index")
        return found

    def rows(self, kind: Kind, ords: Sequence[int]) -> list[dict[str, Any]]:
        """The contract rows of the records at ``ords``, in that order."""
        from brtrade.index.rows import unpack

        found = self._raw(kind, ords)
        refs = self.speaker_refs()
        return [unpack(kind.word, json.loads(found[o]), refs) for o in ords]


class IndexStore:
    """One kind of record of an index, as a :class:`brtrade.core.engine.Store`."""

    def __init__(self, index: Index, kind: Kind) -> None:
        self.index = index
        self.kind = kind
        self.n_docs = index.counts()[kind.table]

    def postings(self, way: Way) -> Iterator[tuple[int, int]]:
        return self.index.postings(self.kind, way)

    def df(self, group: Group) -> int:
        return self.index.group_df(self.kind, group)

    def vocabulary(self) -> Vocabulary:
        return self.index.vocabulary()

    def lexicon(self) -> list[str]:
        return self.index.lexicon()

    def name_words(self) -> frozenset[str]:
        return self.index.name_words()

    def allowed(self, q: Query) -> set[int] | None:
        return self.index.allowed(self.kind, q)

    def listed(self, q: Query) -> list[int]:
        return self.index.listed(self.kind, q)

    def tokens(self, ords: Sequence[int]) -> dict[int, Tokens]:
        return self.index.tokens(self.kind, ords)

    def ids(self, ords: Sequence[int]) -> list[str]:
        return [r["id"] for r in self.index.rows(self.kind, ords)]

    def cited(self, ords: Sequence[int]) -> dict[int, tuple[str, list[int]]]:
        return {
            o: (row["provenance"]["source"], row["provenance"]["paragraphs"])
            for o, row in zip(ords, self.index.rows(self.kind, ords), strict=True)
        }

    def measures(self, ords: Sequence[int]) -> dict[int, list[str]]:
        if self.kind is not Kind.CLAIM:
            return {}
        return {
            o: [f["measure"] for f in row["figures"] if f["kind"] in ("amount", "change")]
            for o, row in zip(ords, self.index.rows(self.kind, ords), strict=True)
        }

    def changes(self, ords: Sequence[int]) -> dict[int, list[float]]:
        if self.kind is not Kind.CLAIM:
            return {}
        return {
            o: [
                f["value"]
                for f in row["figures"]
                if f["kind"] == "change" and f["unit"] == "percent"
            ]
            for o, row in zip(ords, self.index.rows(self.kind, ords), strict=True)
        }


def position(ids: Sequence[str], wanted: str) -> int:
    """Where ``wanted`` stands in ``ids`` (-1, which no row holds, when it is not there)."""
    try:
        return ids.index(wanted)
    except ValueError:
        return -1


def _checked(value: Any, crc: Any) -> Any:
    """``value`` if it matches its checksum; else DamagedIndex."""
    if not isinstance(value, (str, bytes)) or checksum(value) != crc:
        raise DamagedIndex("a row of the index does not match its checksum")
    return value
