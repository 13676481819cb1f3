"""Records as plain JSON-ready dictionaries: the JSON contract.

Keys come in a fixed, documented order (:mod:`brtrade.contract.shapes`,
docs/json-contract.md).
Absent values are ``null`` or ``[]``, never missing, so every record of a
type has the same shape. Bump ``CONTRACT_VERSION`` on any change of shape.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from brtrade.core.model import (
    Claim,
    Entity,
    FactBase,
    Figure,
    Provenance,
    Quote,
    Record,
    Source,
    Speaker,
    Topic,
)

if TYPE_CHECKING:
    from brtrade.core.derive import Derived
    from brtrade.core.errors import FactBaseError
    from brtrade.core.findings import Finding
    from brtrade.core.provenance import Passage
    from brtrade.core.query import Carriers

from brtrade.contract.shapes import JSON


def provenance(p: Provenance, verified: bool = True) -> JSON:
    """Where a record comes from. ``verified`` is False when its evidence is no longer
    found verbatim in its source text as the text is now (the text changed since)."""
    return {
        "source": p.source,
        "paragraphs": list(p.paragraphs),
        "evidence": p.evidence,
        "verified": verified,
    }


def figure(f: Figure) -> JSON:
    """A figure as it appears inside a claim."""
    return {
        "id": f.id,
        "measure": f.measure,
        "kind": f.kind,
        "value": f.value,
        "unit": f.unit,
        "period": f.period,
        "period_basis": f.period_basis,
        "basis": f.basis,
        "approximate": f.approximate,
        "bound": f.bound,
        "high": f.high,
        "scope": f.scope,
        "converted_from": f.converted_from,
        "applies_to": f.applies_to,
        "part_of": f.part_of,
        "wording": f.wording,
    }


def figure_row(claim: Claim, f: Figure) -> JSON:
    """A figure on its own, for ``brtrade figures``: where it comes from is added."""
    return {
        "type": "figure",
        **figure(f),
        "claim": claim.id,
        "source": claim.provenance.source,
        "paragraphs": list(claim.provenance.paragraphs),
    }


def speaker_ref(base: FactBase, speaker_id: str | None) -> JSON | None:
    if speaker_id is None:
        return None
    sp = base.speaker(speaker_id)
    return {"id": sp.id, "name": sp.name, "role": sp.role, "organisation": sp.organisation}


def claim(base: FactBase, c: Claim) -> JSON:
    return {
        "type": "claim",
        "id": c.id,
        "statement": c.statement,
        "kind": c.kind,
        "period": c.period,
        "period_basis": c.period_basis,
        "speaker": speaker_ref(base, c.speaker),
        "quote": c.quote,
        "basis": c.basis,
        "topics": list(c.topics),
        "entities": list(c.entities),
        "figures": [figure(f) for f in c.figures],
        "note": c.note,
        "provenance": provenance(c.provenance),
    }


def quote(base: FactBase, q: Quote) -> JSON:
    return {
        "type": "quote",
        "id": q.id,
        "speaker": speaker_ref(base, q.speaker),
        "text": q.text,
        "topics": list(q.topics),
        "entities": list(q.entities),
        "provenance": provenance(q.provenance),
    }


class Tally:
    """How many claims and quotes name each speaker, entity, topic and source: counted
    in one pass over the base, so listing every speaker is linear, not quadratic."""

    def __init__(self, base: FactBase) -> None:
        self.speaker_quotes = Counter(q.speaker for q in base.quotes)
        self.speaker_claims = Counter(c.speaker for c in base.claims)
        self.entity_claims = Counter(e for c in base.claims for e in set(c.entities))
        self.entity_quotes = Counter(e for q in base.quotes for e in set(q.entities))
        self.topic_claims = Counter(t for c in base.claims for t in set(c.topics))
        self.topic_quotes = Counter(t for q in base.quotes for t in set(q.topics))
        self.sources = source_counts(base)


def speaker(base: FactBase, s: Speaker, tally: Tally | None = None) -> JSON:
    t = tally or Tally(base)
    return {
        "type": "speaker",
        "id": s.id,
        "name": s.name,
        "role": s.role,
        "organisation": s.organisation,
        "family_name": s.family_name,
        "given_name": s.given_name,
        "entity": s.entity,
        "quotes": t.speaker_quotes[s.id],
        "claims": t.speaker_claims[s.id],
        "provenance": provenance(s.provenance),
    }


def entity(
    base: FactBase, e: Entity, tally: Tally | None = None, carried: Carriers | None = None
) -> JSON:
    """An entity; its counts from ``carried`` (its carriers) when given, else counted."""
    if carried is None:
        t = tally or Tally(base)
        claims, quotes = t.entity_claims[e.id], t.entity_quotes[e.id]
    else:
        claims, quotes = len(carried.claims), len(carried.quotes)
    return {
        "type": "entity",
        "id": e.id,
        "name": e.name,
        "entity_type": e.type,
        "aliases": list(e.aliases),
        "relations": [{"type": r.type, "target": r.target, "basis": r.basis} for r in e.relations],
        "claims": claims,
        "quotes": quotes,
    }


def topic(
    base: FactBase, tp: Topic, tally: Tally | None = None, carried: Carriers | None = None
) -> JSON:
    """A topic; its counts from ``carried`` (its carriers) when given, else counted."""
    if carried is None:
        t = tally or Tally(base)
        claims, quotes = t.topic_claims[tp.id], t.topic_quotes[tp.id]
    else:
        claims, quotes = len(carried.claims), len(carried.quotes)
    return {
        "type": "topic",
        "id": tp.id,
        "label": tp.label,
        "claims": claims,
        "quotes": quotes,
        "records": claims + quotes,
    }


def source_counts(base: FactBase) -> Counter[str]:
    return Counter(r.provenance.source for r in base.cited())


def source(base: FactBase, s: Source, tally: Tally | None = None) -> JSON:
    counts = tally.sources if tally is not None else source_counts(base)
    return {
        "type": "source",
        "id": s.id,
        "label": s.label,
        "title": s.title,
        "url": s.url,
        "publisher": s.publisher,
        "published": s.published,
        "language": s.language,
        "note": s.note,
        "excerpt": s.excerpt,
        "text": s.text,
        "records": counts[s.id],
    }


def record(base: FactBase, r: Record, carried: Carriers | None = None) -> JSON:
    """Any record as its JSON object (a topic's or entity's counts from ``carried``)."""
    if isinstance(r, Claim):
        return claim(base, r)
    if isinstance(r, Quote):
        return quote(base, r)
    if isinstance(r, Speaker):
        return speaker(base, r)
    if isinstance(r, Entity):
        return entity(base, r, carried=carried)
    if isinstance(r, Topic):
        return topic(base, r, carried=carried)
    return source(base, r)


def derived(d: Derived) -> JSON:
    return {
        "type": "derived",
        "id": d.id,
        "kind": d.kind,
        "label": d.label,
        "value": d.value,
        "unit": d.unit,
        "formula": d.formula,
        "inputs": list(d.inputs),
        "period": d.period,
        "flag": d.flag,
        "derived": True,
    }


def problem(p: FactBaseError) -> JSON:
    return {
        "file": p.file,
        "line": p.line,
        "record": p.record,
        "field": p.field,
        "rule": p.rule,
        "message": p.message,
        "hint": p.hint,
    }


def check_report(
    files: Sequence[str],
    records: int,
    problems: Sequence[FactBaseError],
    drafts: Sequence[str] = (),
) -> JSON:
    """What ``brtrade check --json`` prints."""
    return {
        "ok": not problems,
        "files": list(files),
        "records": records,
        "problems": [problem(p) for p in problems],
        "drafts": list(drafts),
    }


def source_text(source_id: str, passages: Sequence[Passage]) -> JSON:
    """A source's text, paragraph by paragraph, with the spans the base cites."""
    return {"source": source_id, "paragraphs": [source_paragraph(p) for p in passages]}


def source_paragraph(p: Passage) -> JSON:
    """One paragraph of :func:`source_text`, with the spans cited in it."""
    return {
        "number": p.number,
        "text": p.text,
        "cited": [
            {"record": s.record_id, "what": s.what, "start": s.start, "end": s.end} for s in p.spans
        ],
    }


def finding(f: Finding) -> JSON:
    """One figure or quotation of a draft and its verdict (``brtrade verify``)."""
    return {
        "type": "finding",
        "kind": f.kind,
        "verdict": f.verdict,
        "text": f.text,
        "file": f.file,
        "line": f.line,
        "column": f.column,
        "value": f.value,
        "unit": f.unit,
        "speaker": f.speaker,
        "record": f.record,
        "figure": f.figure,
        "expected": f.expected,
        "provenance": f.provenance,
        "message": f.message,
        "diff": f.diff,
    }
