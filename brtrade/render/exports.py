"""Exports in the web's standard formats: schema.org JSON-LD, W3C Web Annotations, and
a relational SQLite database (for Datasette and SQL).

Each takes a base and the claims and quotes to export (with the speakers, entities,
topics and sources they cite). Identifiers are URNs, ``urn:brtrade:KIND:ID``: the
base knows no web address for its records, and invents none.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

    from brtrade.core.model import Claim, FactBase, Figure, Quote

UNIT_CODES = {"CNY": "CNY", "USD": "USD", "percent": "P1", "count": "C62"}
"""Units as schema.org wants them: ISO 4217 currency codes, and UN/CEFACT common codes
(P1 percent, C62 one)."""


def urn(kind: str, rid: str) -> str:
    return f"urn:brtrade:{kind}:{rid}"


def _source_work(base: FactBase, source_id: str) -> dict[str, Any]:
    """A source as a schema.org CreativeWork: only what the base knows of it."""
    src = base.source(source_id)
    work: dict[str, Any] = {"@type": "CreativeWork", "@id": urn("source", src.id)}
    work["description"] = src.label
    for key, value in (
        ("headline", src.title),
        ("url", src.url),
        ("publisher", src.publisher),
        ("datePublished", src.published),
        ("inLanguage", src.language),
    ):
        if value:
            work[key] = value if key != "publisher" else {"@type": "Organization", "name": value}
    return work


def _figure(f: Figure) -> dict[str, Any]:
    value: dict[str, Any] = {
        "@type": "QuantitativeValue",
        "@id": urn("figure", f.id),
        "name": f.measure,
        "value": f.value,
        "unitCode": UNIT_CODES[f.unit],
        "unitText": f.unit,
        "description": f.wording,
    }
    if f.period:
        value["validFor"] = f.period
    return value


def _person(base: FactBase, speaker_id: str) -> dict[str, Any]:
    sp = base.speaker(speaker_id)
    return {
        "@type": "Person",
        "@id": urn("speaker", sp.id),
        "name": sp.name,
        "jobTitle": sp.role,
        "affiliation": {"@type": "Organization", "name": sp.organisation},
    }


def jsonld(base: FactBase, claims: Sequence[Claim], quotes: Sequence[Quote]) -> dict[str, Any]:
    """schema.org JSON-LD: each claim a ``Claim`` whose ``appearance`` is its source, each
    quote a ``Quotation`` spoken by a ``Person``; figures as ``QuantitativeValue``s."""
    graph: list[dict[str, Any]] = []
    for c in claims:
        node: dict[str, Any] = {
            "@type": "Claim",
            "@id": urn("claim", c.id),
            "text": c.statement,
            "appearance": _source_work(base, c.provenance.source),
            "firstAppearance": {"@id": urn("source", c.provenance.source)},
            "about": [{"@type": "Thing", "name": base.entity(e).name} for e in c.entities],
            "keywords": [base.topic(t).label for t in c.topics],
            "citation": c.provenance.evidence,
        }
        if c.speaker:
            node["author"] = _person(base, c.speaker)
        if c.figures:
            node["mentions"] = [_figure(f) for f in c.figures]
        graph.append(node)
    for q in quotes:
        graph.append(
            {
                "@type": "Quotation",
                "@id": urn("quote", q.id),
                "text": q.text,
                "spokenByCharacter": _person(base, q.speaker),
                "isPartOf": _source_work(base, q.provenance.source),
                "about": [{"@type": "Thing", "name": base.entity(e).name} for e in q.entities],
            }
        )
    return {"@context": {"@vocab": "https://schema.org/"}, "@graph": graph}


# --------------------------------------------------------------------------
# W3C Web Annotations


def web_annotations(
    base: FactBase, claims: Sequence[Claim], quotes: Sequence[Quote], context: int = 32
) -> dict[str, Any]:
    """One annotation per record on its source: the body says what the record is, the
    target selects its verbatim evidence with a TextQuoteSelector (exact, prefix,
    suffix) and a TextPositionSelector (character offsets in the text file)."""
    from brtrade.core.provenance import locate_record
    from brtrade.core.sources import paragraph_offsets

    texts: dict[str, tuple[str, list[int]]] = {}
    items: list[dict[str, Any]] = []
    records: list[tuple[Claim | Quote, str, str]] = [
        *((c, "claim", c.statement) for c in claims),
        *((q, "quote", f"{base.speaker(q.speaker).name}: {q.text}") for q in quotes),
    ]
    for rec, kind, body in records:
        sid = rec.provenance.source
        if sid not in texts:
            texts[sid] = paragraph_offsets(base, sid)
        text, starts = texts[sid]
        spans, _ = locate_record(base, rec)
        wanted = "evidence" if kind == "claim" else "quote"
        targets = []
        for span in spans:
            if span.what != wanted:
                continue
            start = starts[span.paragraph - 1] + span.start
            end = starts[span.paragraph - 1] + span.end
            targets.append(
                {
                    "source": urn("source", sid),
                    "selector": [
                        {
                            "type": "TextQuoteSelector",
                            "exact": text[start:end],
                            "prefix": text[max(0, start - context) : start],
                            "suffix": text[end : end + context],
                        },
                        {"type": "TextPositionSelector", "start": start, "end": end},
                    ],
                }
            )
        if targets:
            items.append(
                {
                    "id": urn(f"annotation:{kind}", rec.id),
                    "type": "Annotation",
                    "motivation": "describing",
                    "body": {
                        "type": "TextualBody",
                        "value": body,
                        "format": "text/plain",
                        "purpose": "describing",
                    },
                    "target": targets if len(targets) > 1 else targets[0],
                }
            )
    return {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "urn:brtrade:annotations",
        "type": "AnnotationCollection",
        "total": len(items),
        "first": {"type": "AnnotationPage", "items": items},
    }


# --------------------------------------------------------------------------
# SQLite

_TABLES = """
CREATE TABLE sources (id TEXT PRIMARY KEY, label TEXT, title TEXT, url TEXT,
    publisher TEXT, published TEXT, language TEXT, note TEXT, excerpt TEXT, text_path TEXT);
CREATE TABLE topics (id TEXT PRIMARY KEY, label TEXT);
CREATE TABLE entities (id TEXT PRIMARY KEY, name TEXT, type TEXT, aliases TEXT);
CREATE TABLE speakers (id TEXT PRIMARY KEY, name TEXT, role TEXT, organisation TEXT,
    entity TEXT REFERENCES entities(id), source TEXT REFERENCES sources(id));
CREATE TABLE quotes (id TEXT PRIMARY KEY, speaker TEXT REFERENCES speakers(id), text TEXT,
    source TEXT REFERENCES sources(id), paragraphs TEXT, attribution TEXT);
CREATE TABLE claims (id TEXT PRIMARY KEY, statement TEXT, kind TEXT, period TEXT,
    speaker TEXT REFERENCES speakers(id), quote TEXT REFERENCES quotes(id), note TEXT,
    source TEXT REFERENCES sources(id), paragraphs TEXT, evidence TEXT);
CREATE TABLE figures (id TEXT PRIMARY KEY, claim TEXT REFERENCES claims(id), measure TEXT,
    kind TEXT, value REAL, unit TEXT, period TEXT, basis TEXT, approximate INTEGER,
    converted_from TEXT, applies_to TEXT, part_of TEXT, wording TEXT);
CREATE TABLE claim_topics (claim TEXT REFERENCES claims(id), topic TEXT REFERENCES topics(id));
CREATE TABLE claim_entities (claim TEXT REFERENCES claims(id),
    entity TEXT REFERENCES entities(id));
CREATE TABLE quote_topics (quote TEXT REFERENCES quotes(id), topic TEXT REFERENCES topics(id));
CREATE TABLE quote_entities (quote TEXT REFERENCES quotes(id),
    entity TEXT REFERENCES entities(id));
CREATE VIRTUAL TABLE search USING fts5(kind, id UNINDEXED, text, evidence);
"""


def sqlite(base: FactBase, claims: Sequence[Claim], quotes: Sequence[Quote], path: Path) -> None:
    """A relational database at ``path`` (which must not exist): one table per record
    kind, with foreign keys and link tables, and an FTS5 table ``search`` over claims'
    statements and evidence and quotes' text. ``datasette PATH`` browses it."""
    import json
    import sqlite3

    speakers = {c.speaker for c in claims if c.speaker} | {q.speaker for q in quotes}
    sources = {c.provenance.source for c in claims} | {q.provenance.source for q in quotes}
    db = sqlite3.connect(path)
    try:
        db.executescript(_TABLES)
        db.executemany(
            "INSERT INTO sources VALUES (?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    s.id,
                    s.label,
                    s.title,
                    s.url,
                    s.publisher,
                    s.published,
                    s.language,
                    s.note,
                    s.excerpt,
                    s.text,
                )
                for s in base.sources
                if s.id in sources
            ],
        )
        db.executemany("INSERT INTO topics VALUES (?,?)", [(t.id, t.label) for t in base.topics])
        db.executemany(
            "INSERT INTO entities VALUES (?,?,?,?)",
            [(e.id, e.name, e.type, json.dumps(list(e.aliases))) for e in base.entities],
        )
        db.executemany(
            "INSERT INTO speakers VALUES (?,?,?,?,?,?)",
            [
                (s.id, s.name, s.role, s.organisation, s.entity, s.provenance.source)
                for s in base.speakers
                if s.id in speakers
            ],
        )
        db.executemany(
            "INSERT INTO quotes VALUES (?,?,?,?,?,?)",
            [
                (
                    q.id,
                    q.speaker,
                    q.text,
                    q.provenance.source,
                    json.dumps(list(q.provenance.paragraphs)),
                    q.provenance.evidence,
                )
                for q in quotes
            ],
        )
        quote_ids = {q.id for q in quotes}
        db.executemany(
            "INSERT INTO claims VALUES (?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    c.id,
                    c.statement,
                    c.kind,
                    c.period,
                    c.speaker,
                    c.quote if c.quote in quote_ids else None,
                    c.note,
                    c.provenance.source,
                    json.dumps(list(c.provenance.paragraphs)),
                    c.provenance.evidence,
                )
                for c in claims
            ],
        )
        db.executemany(
            "INSERT INTO figures VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    f.id,
                    c.id,
                    f.measure,
                    f.kind,
                    f.value,
                    f.unit,
                    f.period,
                    f.basis,
                    int(f.approximate),
                    f.converted_from,
                    f.applies_to,
                    f.part_of,
                    f.wording,
                )
                for c in claims
                for f in c.figures
            ],
        )
        db.executemany(
            "INSERT INTO claim_topics VALUES (?,?)", [(c.id, t) for c in claims for t in c.topics]
        )
        db.executemany(
            "INSERT INTO claim_entities VALUES (?,?)",
            [(c.id, e) for c in claims for e in c.entities],
        )
        db.executemany(
            "INSERT INTO quote_topics VALUES (?,?)", [(q.id, t) for q in quotes for t in q.topics]
        )
        db.executemany(
            "INSERT INTO quote_entities VALUES (?,?)",
            [(q.id, e) for q in quotes for e in q.entities],
        )
        db.executemany(
            "INSERT INTO search VALUES (?,?,?,?)",
            [("claim", c.id, c.statement, c.provenance.evidence) for c in claims]
            + [("quote", q.id, q.text, q.provenance.evidence) for q in quotes],
        )
        db.commit()
    finally:
        db.close()
