"""Locate each record's verbatim text in its source paragraphs."""

from __future__ import annotations

from dataclasses import dataclass

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
    """A verbatim piece that was not found where the record says it is."""

    record_id: str
    what: str
    paragraphs: tuple[int, ...]
    text: str


def _locate(
    src: SourceText, record_id: str, what: str, paragraphs: tuple[int, ...], text: str
) -> list[Span] | Missing:
    """Find ``text`` in the paragraphs named; it may run over several of them."""
    if not src.has(paragraphs):
        return Missing(record_id, what, paragraphs, text)
    parts = [p for p in text.split("\n\n") if p.strip()]
    spans: list[Span] = []
    if len(parts) == 1:
        for n in paragraphs:
            found = find_spans(src.paragraph(n), parts[0])
            if found:
                spans.append(Span(record_id, what, n, *found[0]))
                return spans
        return Missing(record_id, what, paragraphs, text)
    if len(parts) != len(paragraphs):
        return Missing(record_id, what, paragraphs, text)
    for n, part in zip(paragraphs, parts, strict=True):
        found = find_spans(src.paragraph(n), part)
        if not found:
            return Missing(record_id, what, paragraphs, text)
        spans.append(Span(record_id, what, n, *found[0]))
    return spans


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
            paragraphs = paragraphs[-1:]  # the attribution follows the quote's last part
        found = _locate(src, record.id, what, paragraphs, text)
        if isinstance(found, Missing):
            missing.append(found)
        else:
            spans.extend(found)
    return spans, missing


def cited_spans(base: FactBase, source_id: str) -> tuple[list[Span], list[Missing]]:
    """Every located span that the base cites in one source."""
    spans: list[Span] = []
    missing: list[Missing] = []
    for rec in base.cited():
        if rec.provenance.source != source_id:
            continue
        found, lost = locate_record(base, rec)
        spans.extend(found)
        missing.extend(lost)
    return spans, missing
