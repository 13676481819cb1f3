"""Reading a fresh index: ranked search in SQL, contract rows, names, counts, the base."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from brtrade.core.match import WHOLE, Group, Weighed, explain
from brtrade.core.query import Found, Names, Query, weigh
from brtrade.core.terms import Tokens, Vocabulary
from brtrade.index.layout import DamagedIndex, Kind, Tag, checksum

if TYPE_CHECKING:
    import sqlite3

    from brtrade.core.model import FactBase

_MAX_CHAR = chr(0x10FFFF)


class Index:
    """A fresh, open index (read-only)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self._names: Names | None = None
        self._vocabulary: Vocabulary | None = None

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
            )
        return self._names

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = json.loads(self.meta("counts"))
        return counts

    def small_rows(self, kind: str) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = json.loads(self.meta(f"{kind}_rows"))
        return rows

    def base(self) -> FactBase:
        import marshal

        from brtrade.core.loader import gc_paused
        from brtrade.index.plain import from_plain

        with gc_paused():
            return from_plain(marshal.loads(self.meta("base")))

    def vocabulary(self) -> Vocabulary:
        if self._vocabulary is None:
            self._vocabulary = Vocabulary(json.loads(self.meta("vocabulary")))
        return self._vocabulary

    def lexicon(self) -> list[str]:
        found: list[str] = json.loads(self.meta("lexicon"))
        return found

    def _group_df(self, kind: Kind, g: Group) -> int:
        terms = (*g.exact, *g.near)
        marks = ",".join("?" * len(terms))
        sql = f"SELECT df FROM terms WHERE kind = ? AND token IN ({marks})"
        params: list[Any] = [int(kind), *terms]
        if g.prefix is not None:
            sql += " UNION ALL SELECT df FROM terms WHERE kind = ? AND token >= ? AND token < ?"
            params += [int(kind), g.prefix, g.prefix + _MAX_CHAR]
        row = self.db.execute(f"SELECT MAX(df) FROM ({sql})", params).fetchone()
        return int(row[0] or 0)

    def _filters(self, kind: Kind, q: Query) -> tuple[str, list[Any]]:
        table = kind.table
        where: list[str] = []
        params: list[Any] = []
        if q.topic is not None and kind is Kind.CLAIM:
            where.append(f"o IN (SELECT ord FROM tags WHERE kind = {int(Tag.TOPIC)} AND tag = ?)")
            params.append(q.topic)
        if q.entity is not None and kind is Kind.CLAIM:
            where.append(f"o IN (SELECT ord FROM tags WHERE kind = {int(Tag.ENTITY)} AND tag = ?)")
            params.append(q.entity)
        if q.speakers is not None:
            marks = ",".join("?" * len(q.speakers))
            where.append(f"o IN (SELECT ord FROM {table} WHERE speaker IN ({marks}))")
            params.extend(q.speakers)
        return (" WHERE " + " AND ".join(where)) if where else "", params

    def _scored(
        self, kind: Kind, q: Query, weighed: Weighed, limit: int | None, floor: bool
    ) -> list[tuple[int, int, int]]:
        """(document order, score, cover) of the records at or above the floor (or, without
        ``floor``, of every record matching any group), ranked as core.match ranks them."""
        cap = -1 if limit is None or limit >= 2**62 else limit  # SQLite: -1 is no limit
        parts: list[str] = []
        params: list[Any] = []
        for i, g in enumerate(weighed.plan.groups):
            # One indexed lookup per way of matching (an OR would scan every posting).
            ways = [
                f"SELECT ord, weight * {WHOLE} AS b FROM postings WHERE kind = ? AND "
                f"token IN ({','.join('?' * len(g.exact))})"
            ]
            params += [int(kind), *g.exact]
            if g.near:
                ways.append(
                    "SELECT ord, weight AS b FROM postings WHERE kind = ? AND "
                    f"token IN ({','.join('?' * len(g.near))})"
                )
                params += [int(kind), *g.near]
            if g.prefix is not None:
                ways.append(
                    "SELECT ord, weight AS b FROM postings WHERE kind = ? AND "
                    "token >= ? AND token < ?"
                )
                params += [int(kind), g.prefix, g.prefix + _MAX_CHAR]
            parts.append(
                f"SELECT o, b * {weighed.weights[i]} AS p, {weighed.cover_weight(i)} AS c FROM "
                f"(SELECT ord AS o, MAX(b) AS b FROM ({' UNION ALL '.join(ways)}) GROUP BY ord)"
            )
        filters, filter_params = self._filters(kind, q)
        need = weighed.need if floor else 0
        sql = (
            f"SELECT o, SUM(p) AS score, SUM(c) FROM ({' UNION ALL '.join(parts)}){filters} "
            f"GROUP BY o HAVING score > 0 AND SUM(c) >= {need} ORDER BY score DESC, o LIMIT ?"
        )
        rows = self.db.execute(sql, (*params, *filter_params, cap)).fetchall()
        return [(int(o), int(score), int(cover)) for o, score, cover in rows]

    def search(self, kind: Kind, q: Query) -> tuple[list[tuple[int, float]], Found]:
        """(document order, score) of the answers, ranked as core.match ranks them, and what
        to tell the user (corrections, unmatched words, closest records, explanations)."""
        if not q.words:
            filters, params = self._filters(kind, q)
            cap = -1 if q.limit is None or q.limit >= 2**62 else q.limit
            sql = f"SELECT o FROM (SELECT ord AS o FROM {kind.table}){filters} ORDER BY o LIMIT ?"
            rows = self.db.execute(sql, (*params, cap)).fetchall()
            return [(o, 0.0) for (o,) in rows], Found([])
        n_docs = self.counts()["claims" if kind is Kind.CLAIM else "quotes"]
        weighed = weigh(
            q, self.vocabulary(), lambda g: self._group_df(kind, g), n_docs, self.lexicon
        )
        ranked = self._scored(kind, q, weighed, q.limit, floor=q.floor)
        closest: tuple[str, ...] = ()
        if not ranked:
            near = self._scored(kind, q, weighed, 3, floor=False)
            closest = tuple(r["id"] for r in self.rows(kind, [o for o, _, _ in near]))
        explains: tuple[dict[str, object], ...] = ()
        if q.explain and ranked:
            tokens = self.tokens(kind, [o for o, _, _ in ranked])
            explains = tuple(explain(weighed, tokens[o]) for o, _, _ in ranked)
        covers = tuple(c / max(weighed.required, 1) for _, _, c in ranked)
        found = Found(
            [], weighed.plan.corrections, tuple(weighed.unmatched), closest, explains, covers
        )
        return [(o, float(score)) for o, score, _ in ranked], found

    def tokens(self, kind: Kind, ords: Sequence[int]) -> dict[int, Tokens]:
        """The terms of the records at ``ords``, as core.terms made them."""
        out: dict[int, Tokens] = {o: {} for o in ords}
        marks = ",".join("?" * len(ords))
        sql = f"SELECT ord, token, weight, field FROM postings WHERE kind = ? AND ord IN ({marks})"
        for o, token, weight, field in self.db.execute(sql, (int(kind), *ords)):
            out[o][token] = (weight, field)
        return out

    def rows(self, kind: Kind, ords: Sequence[int]) -> list[dict[str, Any]]:
        """The contract rows of the records at ``ords``, in that order."""
        found: dict[int, str] = {}
        for start in range(0, len(ords), 500):
            chunk = ords[start : start + 500]
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT ord, row, crc FROM {kind.table} WHERE ord IN ({marks})"
            found.update((o, _checked(row, crc)) for o, row, crc in self.db.execute(sql, chunk))
        if len(found) != len(set(ords)):
            raise DamagedIndex("rows are missing from the index")
        return [json.loads(found[o]) for o in ords]


def _checked(value: Any, crc: Any) -> Any:
    """``value`` if it matches its checksum; else DamagedIndex."""
    if not isinstance(value, (str, bytes)) or checksum(value) != crc:
        raise DamagedIndex("a row of the index does not match its checksum")
    return value
