"""What an index holds, and the rows it shares with the in-memory answers.

Both the builder and the reader follow this layout; bump ``INDEX_FORMAT``
whenever it changes, and every old index is rebuilt.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import IntEnum
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from brtrade.core.model import FactBase, Record
    from brtrade.core.query import Carriers, Found

INDEX_FORMAT = 26
"""Bump when the index's layout changes; old indexes are then rebuilt."""


class Kind(IntEnum):
    """The searchable record kinds, as stored in ``terms.kind``."""

    CLAIM = 0
    QUOTE = 1

    @property
    def table(self) -> str:
        return "claims" if self is Kind.CLAIM else "quotes"

    @property
    def word(self) -> str:
        """The record kind as the core names it: 'claim' or 'quote'."""
        return "claim" if self is Kind.CLAIM else "quote"


class Tag(IntEnum):
    """What a row of ``tags`` says: a record carries a topic or an entity, or (``QUOTE``)
    a claim is made in a quote. ``tags.kind`` is ``Tag * 2 + Kind``; ``tags.tag`` is the
    position of the topic or entity in its list, or the quote's document order."""

    TOPIC = 0
    ENTITY = 1
    QUOTE = 2

    def of(self, kind: Kind) -> int:
        return int(self) * 2 + int(kind)


ROW_DICTIONARY_BYTES = 32768
"""The size of the preset dictionary rows are compressed against (zlib's window)."""

# Claims and quotes are stored once, as packed contract rows (index.rows) compressed
# against a dictionary of the base's own rows (meta 'zdict'), with the
# columns the commands look them up by: speakers and sources as their position in
# their list (small integers, not repeated strings). Postings name terms by number.
TABLES = """
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB, crc INTEGER) WITHOUT ROWID;
CREATE TABLE claims (ord INTEGER PRIMARY KEY, id TEXT, speaker INTEGER, source INTEGER,
    figures INTEGER, derives INTEGER, row BLOB, crc INTEGER);
CREATE TABLE quotes (ord INTEGER PRIMARY KEY, id TEXT, speaker INTEGER, source INTEGER,
    row BLOB, crc INTEGER);
CREATE TABLE tags (kind INTEGER, tag INTEGER, ord INTEGER, PRIMARY KEY (kind, tag, ord))
    WITHOUT ROWID;
CREATE TABLE terms (kind INTEGER, token TEXT, df INTEGER, term INTEGER,
    PRIMARY KEY (kind, token)) WITHOUT ROWID;
CREATE TABLE postings (term INTEGER, file INTEGER, data BLOB, PRIMARY KEY (term, file));
CREATE TABLE figure_ids (id TEXT PRIMARY KEY, ord INTEGER) WITHOUT ROWID;
CREATE TABLE figure_links (target TEXT, ord INTEGER, PRIMARY KEY (target, ord)) WITHOUT ROWID;
CREATE TABLE words (word TEXT PRIMARY KEY, records INTEGER) WITHOUT ROWID;
"""
INDEXES = """
CREATE INDEX claims_by_id ON claims (id);
CREATE INDEX quotes_by_id ON quotes (id);
CREATE INDEX claims_by_speaker ON claims (speaker);
CREATE INDEX quotes_by_speaker ON quotes (speaker);
CREATE INDEX claims_by_source ON claims (source);
CREATE INDEX quotes_by_source ON quotes (source);
CREATE INDEX claims_deriving ON claims (ord) WHERE derives;
"""


def checksum(value: str | bytes) -> int:
    """The CRC-32 stored beside each row and meta value, checked on every read: a
    damaged index is detected and rebuilt, never served (zlib: no import cost)."""
    import zlib

    return zlib.crc32(value.encode("utf-8", "surrogatepass") if isinstance(value, str) else value)


class DamagedIndex(ValueError):
    """What the index holds does not match its checksum: do not trust it."""


def counts(base: FactBase) -> dict[str, int]:
    """How many records of each kind the base holds."""
    return {
        "claims": len(base.claims),
        "figures": sum(len(c.figures) for c in base.claims),
        "quotes": len(base.quotes),
        "speakers": len(base.speakers),
        "entities": len(base.entities),
        "topics": len(base.topics),
        "sources": len(base.sources),
    }


def small_rows(base: FactBase, kind: str) -> list[dict[str, Any]]:
    """Every speaker, topic or source of the base as contract rows, in document order."""
    from brtrade.contract import records

    tally = records.Tally(base)
    if kind == "speaker":
        return [records.speaker(base, s, tally) for s in base.speakers]
    if kind == "topic":
        return [records.topic(base, t, tally) for t in base.topics]
    return [records.source(base, s, tally) for s in base.sources]


class Shown(NamedTuple):
    """A record ``show`` found, the other kinds sharing its id, a base to answer from,
    and for a topic or an entity, what carries it."""

    record: Record
    others: list[str]
    base: FactBase
    carried: Carriers | None = None


class Answer(NamedTuple):
    """Contract rows, best first, and what the search has to tell (core.query.Found)."""

    rows: list[dict[str, Any]]
    found: Found


class Answered(NamedTuple):
    """An answer of any size: what the search has to tell, how many records answer (``total``), and
    their contract rows, best first, a batch at a time (read as they are written)."""

    found: Found
    total: int
    batches: Iterator[list[dict[str, Any]]]

    def whole(self) -> Answer:
        """Every row at once."""
        return Answer([r for rows in self.batches for r in rows], self.found)
