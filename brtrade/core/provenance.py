"""Locate each record's verbatim text in its source paragraphs.

The one place that knows where a record's verbatim pieces must stand: its
evidence in the paragraphs it names (a quote's evidence, its attribution, in
the quote's last paragraph), a piece that runs over several paragraphs part
by part. ``show``, ``sources --text`` and the ``provenance`` rule of
``brtrade check`` all locate through it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from brtrade.core.model import Claim, FactBase, Provenance, Quote, Speaker
from brtrade.core.sources import SourceText, find_spans, source_text


@dataclass(frozen=True, slots=True)
class Span:
    """A located piece of a record: ``text[start:end]`` of paragraph ``paragraph``."""

    record_id: str
    what: str  # "evidence" or "quote"
    paragraph: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Missing:
    """A verbatim piece that was not found where the record says it is.

    ``reason`` says why: ``paragraphs``, the source lacks a paragraph named;
    ``parts``, the piece has ``parts`` paragraphs but names another number of
    them; ``text``, ``text`` is in none of ``paragraphs``.
    """

    record_id: str
    what: str
    paragraphs: tuple[int, ...]
    text: str
    reason: Literal["paragraphs", "parts", "text"] = "text"
    parts: int = 1


@dataclass(frozen=True, slots=True)
class Passage:
    """One paragraph of a source with the spans cited in it: what renderers draw."""

    source_id: str
    number: int
    text: str
    spans: tuple[Span, ...]


def pieces_of(text: str) -> list[str]:
    """A verbatim piece's paragraphs (blank-line separated), blank ones dropped."""
    return [p for p in text.split("\n\n") if p.strip()]


def _locate(
    src: SourceText, record_id: str, what: str, paragraphs: tuple[int, ...], text: str
) -> tuple[list[Span], list[Missing]]:
    """Find ``text`` in the paragraphs named; it may run over several of them."""
    if not src.has(paragraphs):
        return [], [Missing(record_id, what, paragraphs, text, "paragraphs")]
    parts = pieces_of(text)
    if len(parts) <= 1:
        part = parts[0] if parts else text
        for n in paragraphs:
            found = find_spans(src.paragraph(n), part)
            if found:
                return [Span(record_id, what, n, *found[0])], []
        return [], [Missing(record_id, what, paragraphs, part)]
    if len(parts) != len(paragraphs):
        return [], [Missing(record_id, what, paragraphs, text, "parts", len(parts))]
    spans: list[Span] = []
    missing: list[Missing] = []
    for n, part in zip(paragraphs, parts, strict=True):
        found = find_spans(src.paragraph(n), part)
        if found:
            spans.append(Span(record_id, what, n, *found[0]))
        else:
            missing.append(Missing(record_id, what, (n,), part))
    return spans, missing


def verbatim_pieces(record: Claim | Quote | Speaker) -> list[tuple[str, str]]:
    """The (what, text) pieces of a record that must occur verbatim in its source."""
    pieces = [("evidence", record.provenance.evidence)]
    if isinstance(record, Quote):
        pieces.append(("quote", record.text))
    return pieces


def locate_record(
    base: FactBase, record: Claim | Quote | Speaker
) -> tuple[list[Span], list[Missing]]:
    """Where each verbatim piece of ``record`` stands in its source."""
    prov: Provenance = record.provenance
    src = source_text(base, prov.source)
    spans: list[Span] = []
    missing: list[Missing] = []
    for what, text in verbatim_pieces(record):
        paragraphs = prov.paragraphs
        if what == "evidence" and isinstance(record, Quote):
            # The attribution follows the quote's last part, or (for a quote tagged 'she
            # said' after the paragraph that named her) stands in an earlier one it cites.
            found, lost = _locate(src, record.id, what, paragraphs[-1:], text)
            if lost and len(paragraphs) > 1:
                found, lost = _locate(src, record.id, what, paragraphs, text)
            spans.extend(found)
            missing.extend(lost)
            continue
        found, lost = _locate(src, record.id, what, paragraphs, text)
        spans.extend(found)
        missing.extend(lost)
    return spans, missing


def passages(
    base: FactBase, source_id: str, numbers: tuple[int, ...] | None, spans: list[Span]
) -> list[Passage]:
    """Paragraphs ``numbers`` of a source (all of them for None), each with its spans."""
    src = source_text(base, source_id)
    by_paragraph: dict[int, list[Span]] = {}
    for s in spans:
        by_paragraph.setdefault(s.paragraph, []).append(s)
    wanted = range(1, len(src.paragraphs) + 1) if numbers is None else numbers
    return [
        Passage(source_id, n, src.paragraph(n), tuple(by_paragraph.get(n, ())))
        for n in wanted
        if src.has((n,))
    ]


def record_passages(
    base: FactBase, record: Claim | Quote | Speaker
) -> tuple[list[Passage], list[Missing]]:
    """The paragraphs a record cites, with its located spans, and what was not found."""
    spans, missing = locate_record(base, record)
    prov = record.provenance
    return passages(base, prov.source, prov.paragraphs, spans), missing


def source_passages(
    bases: Iterable[FactBase], source_id: str
) -> tuple[list[Passage], list[Missing]]:
    """Every paragraph of a source, with every span cited in it by the records of
    ``bases`` (one base, or a large one a batch at a time: each record counted once,
    only its spans kept)."""
    spans: list[Span] = []
    missing: list[Missing] = []
    seen: set[tuple[str, str]] = set()
    base: FactBase | None = None
    for base in bases:
        for rec in base.cited():
            key = (type(rec).__name__, rec.id)
            if rec.provenance.source != source_id or key in seen:
                continue
            seen.add(key)
            found, lost = locate_record(base, rec)
            spans.extend(found)
            missing.extend(lost)
    if base is None:
        return [], []
    spans.sort(key=lambda s: (s.paragraph, s.start, s.end, s.record_id, s.what))  # as read
    return passages(base, source_id, None, spans), missing
