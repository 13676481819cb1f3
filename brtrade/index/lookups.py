"""Finding records in a fresh index by what users type: an id (``show``, completion),
and the records that name one (what ``show`` reads, what carries a topic or an
entity)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from brtrade.index.layout import Kind, Tag
from brtrade.index.reader import MAX_CHAR, position

if TYPE_CHECKING:
    from brtrade.core.query import Carriers
    from brtrade.index.reader import Index


def find(index: Index, typed: str) -> tuple[str, str, list[str]]:
    """(kind, id, other kinds sharing the id) of the record ``typed`` names, as
    core.query.find_record finds it in memory."""
    from brtrade.core.names import resolve_record_id

    names = index.names()
    small = {k: names.ids(k) for k in ("speaker", "entity", "source", "topic")}
    sets = {k: set(v) for k, v in small.items()}

    def has(kind: str, rid: str) -> bool:
        if kind in sets:
            return rid in sets[kind]
        table = "claims" if kind == "claim" else "quotes"
        sql = f"SELECT 1 FROM {table} WHERE id = ? LIMIT 1"
        return index.db.execute(sql, (rid,)).fetchone() is not None

    def all_ids() -> Iterator[str]:
        for k in (Kind.CLAIM, Kind.QUOTE):
            yield from (i for (i,) in index.db.execute(f"SELECT id FROM {k.table} ORDER BY ord"))
        for kind in ("speaker", "entity", "source", "topic"):
            yield from small[kind]

    return resolve_record_id(typed, has, all_ids)


def ids(index: Index, prefix: str) -> list[str]:
    """The ids of every record that start with ``prefix``, kind by kind in
    core.query.RECORD_KINDS order, each kind in document order."""
    out: list[str] = []
    for k in (Kind.CLAIM, Kind.QUOTE):
        sql = f"SELECT id FROM {k.table} WHERE id >= ? AND id < ? ORDER BY ord"
        out.extend(i for (i,) in index.db.execute(sql, (prefix, prefix + MAX_CHAR)))
    names = index.names()
    for kind in ("speaker", "entity", "source", "topic"):
        out.extend(i for i in names.ids(kind) if i.startswith(prefix))
    return out


def related(index: Index, kind: str, record_id: str) -> tuple[list[int], list[int]]:
    """The (claim, quote) document orders that a ``show`` of one record reads: the
    record itself, or the claims and quotes that name it."""
    names = index.names()
    if kind in ("claim", "quote"):
        k = Kind.CLAIM if kind == "claim" else Kind.QUOTE
        own = index.ords_of(k, [record_id])
        if k is Kind.CLAIM:
            return own, []
        made_in = Tag.QUOTE.of(Kind.CLAIM)
        return _tagged(index, made_in, own), own
    if kind in ("speaker", "source"):
        at = position(names.ids(kind), record_id)
        by = [
            [o for (o,) in index.db.execute(f"SELECT ord FROM {k.table} WHERE {kind} = ?", (at,))]
            for k in (Kind.CLAIM, Kind.QUOTE)
        ]
        return by[0], by[1]
    tag = Tag.TOPIC if kind == "topic" else Tag.ENTITY
    at = position(names.ids(kind), record_id)
    return _tagged(index, tag.of(Kind.CLAIM), [at]), _tagged(index, tag.of(Kind.QUOTE), [at])


def carriers(index: Index, kind: str, record_id: str) -> Carriers:
    """The ids of the claims and quotes carrying the topic or entity ``record_id``."""
    from brtrade.core.query import Carriers

    claims, quotes = related(index, kind, record_id)
    return Carriers(
        *(tuple(id_of(index, k, ords)) for k, ords in ((Kind.CLAIM, claims), (Kind.QUOTE, quotes)))
    )


def id_of(index: Index, kind: Kind, ords: Sequence[int]) -> list[str]:
    """The ids of the records at ``ords``, in that order."""
    found: dict[int, str] = {}
    for start in range(0, len(ords), 500):
        chunk = ords[start : start + 500]
        sql = f"SELECT ord, id FROM {kind.table} WHERE ord IN ({','.join('?' * len(chunk))})"
        found.update(index.db.execute(sql, chunk))
    return [found[o] for o in ords]


def _tagged(index: Index, kind: int, tags: Sequence[int]) -> list[int]:
    marks = ",".join("?" * len(tags))
    sql = f"SELECT ord FROM tags WHERE kind = ? AND tag IN ({marks}) ORDER BY ord"
    return [o for (o,) in index.db.execute(sql, (kind, *tags))]
