"""Views of one record or one source, with the cited spans marked in their paragraphs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from brtrade.render.figures import figures_table
from brtrade.render.tables import DIM, field_grid, mark_spans, safe_text, source_rows

if TYPE_CHECKING:
    from brtrade.core.model import FactBase, Record
    from brtrade.core.provenance import Passage
    from brtrade.core.query import Carriers


def _passages(passages: Sequence[Passage], plain: bool) -> list[RenderableType]:
    """Each cited paragraph under its heading, the record's spans marked."""
    out: list[RenderableType] = []
    for p in passages:
        out.append(Text(f"\n¶{p.number} of {p.source_id}", style="bold"))
        out.append(mark_spans(p.text, [(s.start, s.end) for s in p.spans], plain))
    return out


def record_view(
    base: FactBase,
    rec: Record,
    passages: Sequence[Passage],
    plain: bool,
    carried: Carriers | None = None,
) -> RenderableType:
    """One record in full, with the paragraphs it cites (``passages``) in context; a
    topic or an entity with the claims and quotes carrying it (``carried``)."""
    from brtrade.core.model import Claim, Entity, Quote, Speaker, Topic
    from brtrade.core.query import carriers

    rows: list[tuple[str, Text | str]] = [("type", type(rec).__name__.lower()), ("id", rec.id)]
    parts: list[RenderableType] = []
    if isinstance(rec, Claim):
        rows += [("statement", rec.statement), ("kind", rec.kind)]
        rows.append(("period", rec.period or "not stated"))
        if rec.speaker:
            sp = base.speaker(rec.speaker)
            rows.append(("speaker", f"{sp.name}, {sp.role}, {sp.organisation}"))
        if rec.quote:
            rows.append(("quote", rec.quote))
        rows.append(("topics", ", ".join(rec.topics) or "—"))
        rows.append(("entities", ", ".join(base.entity(e).name for e in rec.entities) or "—"))
        if rec.note:
            rows.append(("note", rec.note))
        rows.append(("evidence", safe_text(rec.provenance.evidence)))
        parts.append(field_grid(rows))
        if rec.figures:
            parts.append(Text("\nFigures", style="bold"))
            parts.append(figures_table(rec.figures, plain))
        parts.extend(_passages(passages, plain))
    elif isinstance(rec, Quote):
        sp = base.speaker(rec.speaker)
        rows += [
            ("speaker", sp.name),
            ("role", sp.role),
            ("organisation", sp.organisation),
            ("text", safe_text(rec.text)),
            ("topics", ", ".join(rec.topics) or "—"),
        ]
        claims = [c.id for c in base.claims if c.quote == rec.id]
        rows.append(("claims", ", ".join(claims) or "—"))
        parts.append(field_grid(rows))
        parts.extend(_passages(passages, plain))
    elif isinstance(rec, Speaker):
        rows += [
            ("name", rec.name),
            ("role", rec.role),
            ("organisation", rec.organisation),
            ("quotes", ", ".join(q.id for q in base.quotes if q.speaker == rec.id) or "—"),
        ]
        parts.append(field_grid(rows))
        parts.extend(_passages(passages, plain))
    elif isinstance(rec, Entity):
        rows += [("name", rec.name), ("entity type", rec.type)]
        rows.append(("aliases", ", ".join(rec.aliases) or "—"))
        for r in rec.relations:
            rows.append((r.type, f"{base.entity(r.target).name} ({r.basis})"))
        held = carried or carriers(base, "entity", rec.id)
        rows.append(("claims", ", ".join(held.claims) or "—"))
        parts.append(field_grid(rows))
    elif isinstance(rec, Topic):
        rows.append(("label", rec.label))
        held = carried or carriers(base, "topic", rec.id)
        rows.append(("claims", ", ".join(held.claims) or "—"))
        rows.append(("quotes", ", ".join(held.quotes) or "—"))
        parts.append(field_grid(rows))
    else:
        from brtrade.contract import records

        parts.append(field_grid(rows + source_rows(records.source(base, rec))))
    return Group(*parts)


def source_text_view(passages: Sequence[Passage], plain: bool) -> RenderableType:
    """A whole source, paragraphs numbered, cited spans marked, and who cites each."""
    table = Table.grid(padding=(0, 1))
    table.add_column(justify="right", style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    for i, p in enumerate(passages):
        ids = sorted({s.record_id for s in p.spans})
        body = mark_spans(p.text, [(s.start, s.end) for s in p.spans], plain)
        body.append("\n")
        body.append_text(safe_text("cited by: " + (", ".join(ids) if ids else "nothing"), DIM))
        table.add_row(f"[{p.number}]", body)
        if i < len(passages) - 1:
            table.add_row("", "")
    return table
