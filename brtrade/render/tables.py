"""Rich renderables for people reading a terminal.

Every piece of data enters Rich as a :class:`rich.text.Text` built from
:func:`terminal_safe` text, never as markup, so a record containing
``[bold]`` or an escape sequence is shown literally.

``plain=True`` (stdout is not a terminal) drops the box drawing so that the
output greps cleanly; colour is decided by the console, not here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from brtrade.core.text import fold
from brtrade.render.safe import terminal_safe

if TYPE_CHECKING:
    from brtrade.core.model import Claim, FactBase, Figure, Quote, Record, Speaker
    from brtrade.core.provenance import Span

HIGHLIGHT = "bold yellow"
FIGURE = "bold cyan"
DIM = "dim"
EVIDENCE = "bold underline"
PLAIN_MARK = ("[[", "]]")
_WORD = re.compile(r"\d+(?:[.,]\d+)+|[^\W_]+")


def _text(value: str, style: str = "") -> Text:
    return Text(terminal_safe(value), style=style)


def highlight(value: str, qwords: Sequence[str], style: str = "") -> Text:
    """``value`` as safe Text, with the words that match the query highlighted."""
    text = _text(value, style)
    if qwords:
        for m in _WORD.finditer(text.plain):
            folded = fold(m.group())
            if any(folded.startswith(w) for w in qwords):
                text.stylize(HIGHLIGHT, m.start(), m.end())
    return text


def _table(*headers: str, plain: bool, lines: bool = False) -> Table:
    table = Table(
        box=None if plain else box.SIMPLE_HEAD,
        show_lines=lines and not plain,
        show_edge=not plain,
        pad_edge=False,
        header_style="bold",
        expand=False,
    )
    for h in headers:
        table.add_column(h, overflow="fold")
    return table


def paragraph_label(source: str, paragraphs: Sequence[int], many_sources: bool) -> str:
    nums = f"¶{paragraphs[0]}" if len(paragraphs) == 1 else f"¶{paragraphs[0]}–{paragraphs[-1]}"
    return f"{source} {nums}" if many_sources else nums


def _row_figures(figures: Sequence[dict[str, Any]]) -> Text:
    line = Text()
    for i, f in enumerate(figures):
        if i:
            line.append("  ·  ", style=DIM)
        approx = f["approximate"] and not f["wording"].lower().startswith("about")
        line.append_text(_text(f["wording"] + (" (approx.)" if approx else ""), FIGURE))
    return line


def claims_table(
    rows: Sequence[dict[str, Any]], qwords: Sequence[str], plain: bool, many_sources: bool
) -> Table:
    """Claims (contract rows) as a table: source paragraph, statement, figures, speaker, id."""
    table = _table("Source", "Claim", plain=plain, lines=True)
    table.columns[0].no_wrap = True
    for c in rows:
        cell = Text()
        cell.append_text(highlight(c["statement"], qwords))
        if c["figures"]:
            cell.append("\n")
            cell.append_text(_row_figures(c["figures"]))
        if c["speaker"]:
            cell.append("\n")
            cell.append_text(_text(f"— {c['speaker']['name']}, {c['speaker']['role']}", DIM))
        cell.append("\n")
        cell.append_text(_text(c["id"], DIM))
        prov = c["provenance"]
        table.add_row(
            _text(paragraph_label(prov["source"], prov["paragraphs"], many_sources)), cell
        )
    return table


def quotes_table(
    rows: Sequence[dict[str, Any]], qwords: Sequence[str], plain: bool, many_sources: bool
) -> Table:
    """Quotes (contract rows) as a table: source paragraph, quote, speaker, id."""
    table = _table("Source", "Quote", plain=plain, lines=True)
    table.columns[0].no_wrap = True
    for q in rows:
        sp = q["speaker"]
        cell = Text("“")
        cell.append_text(highlight(q["text"], qwords))
        cell.append("”\n")
        byline = f"— {sp['name']}, {sp['role']}, {sp['organisation']}"
        cell.append_text(highlight(byline, qwords, "italic"))
        cell.append("\n")
        cell.append_text(_text(q["id"], DIM))
        prov = q["provenance"]
        table.add_row(
            _text(paragraph_label(prov["source"], prov["paragraphs"], many_sources)), cell
        )
    return table


def rows_table(
    headers: Sequence[str], rows: Iterable[Sequence[str]], plain: bool, numeric: Sequence[int] = ()
) -> Table:
    """A simple table of text cells; columns in ``numeric`` are right-aligned."""
    table = _table(*headers, plain=plain)
    for i in numeric:
        table.columns[i].justify = "right"
    for row in rows:
        table.add_row(*(_text(cell) for cell in row))
    return table


def _field_grid(rows: Iterable[tuple[str, Text | str]]) -> Table:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for name, value in rows:
        grid.add_row(name, value if isinstance(value, Text) else _text(value))
    return grid


def _mark_spans(paragraph: str, spans: Sequence[tuple[int, int]], plain: bool) -> Text:
    """The paragraph with the spans styled (terminal) or bracketed (plain)."""
    out = Text()
    pos = 0
    for start, end in sorted(spans):
        if start < pos:
            start = pos
        if end <= start:
            continue
        out.append_text(_text(paragraph[pos:start]))
        if plain:
            out.append(PLAIN_MARK[0])
            out.append_text(_text(paragraph[start:end]))
            out.append(PLAIN_MARK[1])
        else:
            out.append_text(_text(paragraph[start:end], EVIDENCE))
        pos = end
    out.append_text(_text(paragraph[pos:]))
    return out


def _context(base: FactBase, record: Claim | Quote | Speaker, plain: bool) -> list[RenderableType]:
    from brtrade.core.provenance import locate_record
    from brtrade.core.sources import source_text

    spans, missing = locate_record(base, record)
    src = source_text(base, record.provenance.source)
    out: list[RenderableType] = []
    by_para: dict[int, list[Span]] = {}
    for s in spans:
        by_para.setdefault(s.paragraph, []).append(s)
    for n in record.provenance.paragraphs:
        if not src.has((n,)):
            continue
        out.append(Text(f"\n¶{n} of {record.provenance.source}", style="bold"))
        out.append(
            _mark_spans(src.paragraph(n), [(s.start, s.end) for s in by_para.get(n, [])], plain)
        )
    for m in missing:
        out.append(
            _text(f"\nwarning: the {m.what} was not found verbatim in ¶{list(m.paragraphs)}", "red")
        )
    return out


def record_view(base: FactBase, rec: Record, plain: bool) -> RenderableType:
    """One record in full, with its provenance shown in context."""
    from brtrade.core.model import Claim, Entity, Quote, Speaker, Topic

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
        rows.append(("evidence", _text(rec.provenance.evidence)))
        parts.append(_field_grid(rows))
        if rec.figures:
            parts.append(Text("\nFigures", style="bold"))
            parts.append(figures_table(base, [(rec, f) for f in rec.figures], plain))
        parts.extend(_context(base, rec, plain))
    elif isinstance(rec, Quote):
        sp = base.speaker(rec.speaker)
        rows += [
            ("speaker", sp.name),
            ("role", sp.role),
            ("organisation", sp.organisation),
            ("text", _text(rec.text)),
            ("topics", ", ".join(rec.topics) or "—"),
        ]
        claims = [c.id for c in base.claims if c.quote == rec.id]
        rows.append(("claims", ", ".join(claims) or "—"))
        parts.append(_field_grid(rows))
        parts.extend(_context(base, rec, plain))
    elif isinstance(rec, Speaker):
        rows += [
            ("name", rec.name),
            ("role", rec.role),
            ("organisation", rec.organisation),
            ("quotes", ", ".join(q.id for q in base.quotes if q.speaker == rec.id) or "—"),
        ]
        parts.append(_field_grid(rows))
        parts.extend(_context(base, rec, plain))
    elif isinstance(rec, Entity):
        rows += [("name", rec.name), ("entity type", rec.type)]
        rows.append(("aliases", ", ".join(rec.aliases) or "—"))
        for r in rec.relations:
            rows.append((r.type, f"{base.entity(r.target).name} ({r.basis})"))
        rows.append(("claims", ", ".join(c.id for c in base.claims if rec.id in c.entities) or "—"))
        parts.append(_field_grid(rows))
    elif isinstance(rec, Topic):
        rows.append(("label", rec.label))
        rows.append(("claims", ", ".join(c.id for c in base.claims if rec.id in c.topics) or "—"))
        rows.append(("quotes", ", ".join(q.id for q in base.quotes if rec.id in q.topics) or "—"))
        parts.append(_field_grid(rows))
    else:
        from brtrade.contract import records

        parts.append(_field_grid(rows + source_rows(records.source(base, rec))))
    return Group(*parts)


def source_rows(s: dict[str, Any]) -> list[tuple[str, Text | str]]:
    """A source's metadata (a contract row), saying plainly what the source does not give."""
    given = "not given by the source"
    return [
        ("label", s["label"]),
        ("title", s["title"] or given),
        ("url", s["url"] or given),
        ("publisher", s["publisher"] or given),
        ("published", s["published"] or given),
        ("language", s["language"] or "—"),
        ("text", s["text"]),
        ("note", s["note"] or "—"),
    ]


def sources_view(rows: Sequence[dict[str, Any]], plain: bool) -> RenderableType:
    parts: list[RenderableType] = []
    for i, row in enumerate(rows):
        grid = _field_grid(
            [
                ("source", _text(row["id"], "bold")),
                *source_rows(row),
                ("records", str(row["records"])),
            ]
        )
        parts.append(grid if not i else Group(Text(""), grid))
    return Group(*parts)


def figures_table(base: FactBase, pairs: Sequence[tuple[Claim, Figure]], plain: bool) -> Table:
    table = _table("Figure", "Value", "Period", "Basis", plain=plain)
    for _, f in pairs:
        approx = "≈ " if f.approximate else ""
        table.add_row(
            _text(f.measure),
            _text(f"{approx}{format_value(f)}", FIGURE),
            _text(f.period or "not stated"),
            _text(f.basis or "—"),
        )
    return table


def format_value(f: Figure) -> str:
    if f.unit == "percent":
        return f"{f.value:g}%"
    if f.unit == "count":
        return f"{f.value:g}"
    return f"{f.value:,.0f} {f.unit}"


def source_text_view(
    base: FactBase, source_id: str, spans: Sequence[Span], plain: bool
) -> RenderableType:
    """The whole source, paragraphs numbered, cited spans marked."""
    from brtrade.core.sources import source_text

    src = source_text(base, source_id)
    by_para: dict[int, list[Span]] = {}
    for s in spans:
        by_para.setdefault(s.paragraph, []).append(s)
    table = Table.grid(padding=(0, 1))
    table.add_column(justify="right", style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    for n, para in enumerate(src.paragraphs, 1):
        cited = by_para.get(n, [])
        ids = sorted({s.record_id for s in cited})
        body = _mark_spans(para, [(s.start, s.end) for s in cited], plain)
        body.append("\n")
        body.append_text(_text("cited by: " + (", ".join(ids) if ids else "nothing"), DIM))
        table.add_row(f"[{n}]", body)
        if n < len(src.paragraphs):
            table.add_row("", "")
    return table


def overview(counts: Sequence[tuple[str, int]], examples: Sequence[str]) -> RenderableType:
    head = Text("brtrade", style="bold")
    head.append(" answers questions from a fact base; every answer cites its sentence.\n")
    grid = _field_grid([(name, str(n)) for name, n in counts])
    ex = Text("\nTry:\n", style="bold")
    for e in examples:
        ex.append(f"  {e}\n", style="")
    return Group(head, grid, ex)


def human_amount(value: float, unit: str) -> str:
    """4.74e12 -> '4.74 trillion'; small numbers as they are."""
    for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= scale:
            return f"{value / scale:.3g} {word} {unit}"
    if unit == "percent":
        return f"{value:.2f}%"
    return f"{value:,.4g} {unit}"


def derived_table(found: Sequence[Any], plain: bool) -> RenderableType:
    table = _table("Value", "Derived", plain=plain, lines=True)
    table.columns[0].no_wrap = True
    table.columns[0].justify = "right"
    for d in found:
        cell = Text()
        cell.append_text(_text(d.label))
        cell.append("\n")
        cell.append_text(_text(f"= {d.formula}", FIGURE))
        cell.append("\n")
        cell.append_text(_text("from " + ", ".join(d.inputs), DIM))
        cell.append("\n")
        cell.append_text(_text(d.id, DIM))
        if d.flag:
            cell.append("\n")
            cell.append_text(_text(f"flag: {d.flag}", "bold red"))
        table.add_row(_text(human_amount(d.value, d.unit), FIGURE), cell)
    note = Text(
        "Derived by brtrade from the article's figures; the article does not state them.",
        style=DIM,
    )
    return Group(table, note)


BAR_WIDTH = 24
_EIGHTHS = " ▏▎▍▌▋▊▉"
_GROUPS = (
    ("change", "percent", "Changes", "green"),
    ("share", "percent", "Shares of a total", "magenta"),
    ("amount", "CNY", "Amounts in yuan", "cyan"),
    ("amount", "USD", "Amounts in US dollars", "blue"),
    ("count", "count", "Counts", "white"),
)


def bar(value: float, scale: float, width: int = BAR_WIDTH) -> str:
    """A horizontal bar of ``value / scale`` of ``width`` cells, in eighths."""
    if scale <= 0 or value <= 0:
        return ""
    eighths = max(1, round(min(value / scale, 1.0) * width * 8))
    full, part = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[part] if part else "")


def figure_value(f: Figure) -> str:
    """A figure's value for people: '+7%', '29.1%', '≈ 730.00 billion USD', '11'."""
    approx = "≈ " if f.approximate else ""
    if f.kind == "change":
        return f"{approx}{f.value:+g}%"
    return approx + (f"{f.value:g}%" if f.unit == "percent" else human_amount(f.value, f.unit))


def figures_view(
    base: FactBase, pairs: Sequence[tuple[Claim, Figure]], plain: bool
) -> RenderableType:
    """Figures grouped so that comparable ones stand together, each with a bar."""
    many = len(base.sources) > 1
    groups: dict[tuple[str, str], list[tuple[Claim, Figure]]] = {}
    for claim, f in pairs:
        groups.setdefault((f.kind, f.unit), []).append((claim, f))
    known = [(k, u) for k, u, _, _ in _GROUPS]
    order = [g for g in _GROUPS if (g[0], g[1]) in groups]
    order += [(k, u, f"{k} ({u})", "white") for (k, u) in groups if (k, u) not in known]
    parts: list[RenderableType] = []
    for kind, unit, title, colour in order:
        members = groups[(kind, unit)]
        comparable = len(members) > 1 or kind == "share"
        scale = 100.0 if kind == "share" else max(abs(f.value) for _, f in members)
        table = _table("Source", "Figure", "Value", "Period", plain=plain)
        table.title = f"{title}" + (" (bars: share of 100%)" if kind == "share" else "")
        table.title_justify = "left"
        table.title_style = "bold"
        table.columns[0].no_wrap = True
        table.columns[2].no_wrap = True
        table.columns[2].justify = "right"
        table.columns[3].no_wrap = True
        for claim, f in members:
            cell = Text()
            cell.append_text(_text(f.measure))
            detail = [f"“{f.wording}”"]
            if f.basis:
                detail.append(
                    f"{f.basis.replace('-', ' ')}" if f.basis != "unstated" else "basis not stated"
                )
            cell.append("\n")
            cell.append_text(_text("  ".join(detail), DIM))
            if comparable:
                cell.append("\n")
                cell.append(bar(abs(f.value), scale), style=colour)
            table.add_row(
                _text(paragraph_label(claim.provenance.source, claim.provenance.paragraphs, many)),
                cell,
                _text(figure_value(f), FIGURE),
                _text(f.period or "not stated"),
            )
        parts.append(table if not parts else Group(Text(""), table))
    return Group(*parts)
