"""Reading a fresh index: ranked search in SQL, contract rows, names, counts, the base."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from brtrade.core.query import EXACT_BONUS, Names, Query
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

    def search(self, kind: Kind, q: Query) -> list[tuple[int, float]]:
        """(document order, score) of the matches, ranked as core.query ranks them."""
        table = kind.table
        cap = -1 if q.limit is None or q.limit >= 2**62 else q.limit  # SQLite: -1 is no limit
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
        filters = (" WHERE " + " AND ".join(where)) if where else ""
        if not q.words:
            sql = f"SELECT o, 0 FROM (SELECT ord AS o FROM {table}){filters} ORDER BY o LIMIT ?"
            rows = self.db.execute(sql, (*params, cap)).fetchall()
            return [(o, 0.0) for o, _ in rows]
        parts = []
        word_params: list[Any] = []
        times = Counter(q.words)  # a repeated word scores once per repetition, as in memory
        for w, n in times.items():
            parts.append(
                f"SELECT ord AS o, {n} * MAX(CASE WHEN token = ? THEN weight * {EXACT_BONUS} "
                "ELSE weight END) AS s "
                "FROM postings WHERE kind = ? AND token >= ? AND token < ? GROUP BY ord"
            )
            word_params += [w, int(kind), w, w + _MAX_CHAR]
        sql = (
            f"SELECT o, SUM(s) AS score FROM ({' UNION ALL '.join(parts)}){filters} "
            f"GROUP BY o HAVING COUNT(*) = {len(times)} ORDER BY score DESC, o LIMIT ?"
        )
        rows = self.db.execute(sql, (*word_params, *params, cap)).fetchall()
        return [(o, float(score)) for o, score in rows]

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
