"""What an index holds, and the rows it shares with the in-memory answers.

Both the builder and the reader follow this layout; bump ``INDEX_FORMAT``
whenever it changes, and every old index is rebuilt.
"""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from brtrade.core.model import FactBase

INDEX_FORMAT = 4
"""Bump when the index's layout changes; old indexes are then rebuilt."""


class Kind(IntEnum):
    """The searchable record kinds, as stored in ``postings.kind``."""

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
    """The tags a claim carries, as stored in ``tags.kind``."""

    TOPIC = 0
    ENTITY = 1


TABLES = """
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB, crc INTEGER);
CREATE TABLE claims (ord INTEGER PRIMARY KEY, speaker TEXT, row TEXT, crc INTEGER);
CREATE TABLE quotes (ord INTEGER PRIMARY KEY, speaker TEXT, row TEXT, crc INTEGER);
CREATE TABLE tags (kind INTEGER, tag TEXT, ord INTEGER);
CREATE TABLE postings (kind INTEGER, token TEXT, ord INTEGER, weight INTEGER, field INTEGER);
CREATE TABLE terms (kind INTEGER, token TEXT, df INTEGER);
"""
INDEXES = """
CREATE INDEX postings_by_token ON postings (kind, token, ord, weight);
CREATE INDEX postings_by_ord ON postings (kind, ord);
CREATE UNIQUE INDEX terms_by_token ON terms (kind, token, df);
CREATE INDEX tags_by_tag ON tags (kind, tag, ord);
CREATE INDEX claims_by_speaker ON claims (speaker);
CREATE INDEX quotes_by_speaker ON quotes (speaker);
"""


def checksum(value: str | bytes) -> int:
    """The CRC-32 stored beside each row and meta value, checked on every read: a
    damaged index is detected and rebuilt, never served (zlib: no import cost)."""
    import zlib

    return zlib.crc32(value.encode("utf-8", "surrogatepass") if isinstance(value, str) else value)


class DamagedIndex(ValueError):
    """What the index holds does not match its checksum: do not trust it."""


SMALL_KINDS = ("speaker", "topic", "source")
"""The record kinds listed whole, stored as one row each in ``meta``."""


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

    if kind == "speaker":
        return [records.speaker(base, s) for s in base.speakers]
    if kind == "topic":
        return [records.topic(base, t) for t in base.topics]
    source_counts = records.source_counts(base)
    return [records.source(base, s, source_counts) for s in base.sources]
