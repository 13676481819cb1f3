"""Rich renderables for people reading a terminal: the listings, and the parts
that the other views (:mod:`.views`, :mod:`.figures`) are built of.

Every piece of data enters Rich as a :class:`rich.text.Text` built from
:func:`terminal_safe` text, never as markup, so a record containing
``[bold]`` or an escape sequence is shown literally.

``plain=True`` (stdout is not a terminal) drops the box drawing so that the
output greps cleanly; colour is decided by the console, not here. Renderers
take contract rows, model records and already located spans; they never read
a file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from brtrade.core.text import fold
from brtrade.render.safe import terminal_safe

HIGHLIGHT = "bold yellow"
FIGURE = "bold cyan"
DIM = "dim"
EVIDENCE = "bold underline"
PLAIN_MARK = ("[[", "]]")
_WORD = re.compile(r"\d+(?:[.,]\d+)+|[^\W_]+")


MAX_CELL_CHARS = 10_000
"""A table shows at most this many characters of one value, then says how many it left
out: laying out text is not linear in its length (a 3 MB word took seconds). The
machine formats (--json, --format) always carry the whole value."""


def clip(value: str, limit: int = MAX_CELL_CHARS) -> str:
    """``value``, or its first ``limit`` characters and a note of how many more there are."""
    if len(value) <= limit:
        return value
    return f"{value[:limit]}… ({len(value) - limit:,} more characters; see --json)"


def safe_text(value: str, style: str = "") -> Text:
    """Data as Text, with control characters made visible; never markup. Clipped."""
    return Text(terminal_safe(clip(value)), style=style)


def highlight(value: str, qwords: Sequence[str], style: str = "") -> Text:
    """``value`` as safe Text, with the words that match the query highlighted."""
    text = safe_text(value, style)
    if qwords:
        for m in _WORD.finditer(text.plain):
            folded = fold(m.group())
            if any(folded.startswith(w) for w in qwords):
                text.stylize(HIGHLIGHT, m.start(), m.end())
    return text


def new_table(*headers: str, plain: bool, lines: bool = False) -> Table:
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
        line.append_text(safe_text(f["wording"] + (" (approx.)" if approx else ""), FIGURE))
    return line


def explain_text(explained: dict[str, Any]) -> Text:
    """--explain for people: 'why: biggest→largest (statement, vocabulary) +600 · …'."""
    parts = [
        f"{m['word']}→{m['term']} ({m['field']}, {m['via']}) +{m['points']}"
        for m in explained["matched"]
    ]
    if explained["unmatched"]:
        parts.append("no match: " + ", ".join(explained["unmatched"]))
    if explained.get("order"):
        parts.append(str(explained["order"]))
    return safe_text(f"why: score {explained['score']}: " + " · ".join(parts), DIM)


def claims_table(
    rows: Sequence[dict[str, Any]], qwords: Sequence[str], plain: bool, many_sources: bool
) -> Table:
    """Claims (contract rows) as a table: source paragraph, statement, figures, speaker, id."""
    table = new_table("Source", "Claim", plain=plain, lines=True)
    table.columns[0].no_wrap = True
    for c in rows:
        cell = Text()
        cell.append_text(highlight(c["statement"], qwords))
        if c["figures"]:
            cell.append("\n")
            cell.append_text(_row_figures(c["figures"]))
        if c["speaker"]:
            cell.append("\n")
            cell.append_text(safe_text(f"— {c['speaker']['name']}, {c['speaker']['role']}", DIM))
        cell.append("\n")
        cell.append_text(safe_text(c["id"], DIM))
        if "explain" in c:
            cell.append("\n")
            cell.append_text(explain_text(c["explain"]))
        prov = c["provenance"]
        table.add_row(
            safe_text(paragraph_label(prov["source"], prov["paragraphs"], many_sources)), cell
        )
    return table


def quotes_table(
    rows: Sequence[dict[str, Any]], qwords: Sequence[str], plain: bool, many_sources: bool
) -> Table:
    """Quotes (contract rows) as a table: source paragraph, quote, speaker, id."""
    table = new_table("Source", "Quote", plain=plain, lines=True)
    table.columns[0].no_wrap = True
    for q in rows:
        sp = q["speaker"]
        cell = Text("“")
        cell.append_text(highlight(q["text"], qwords))
        cell.append("”\n")
        byline = f"— {sp['name']}, {sp['role']}, {sp['organisation']}"
        cell.append_text(highlight(byline, qwords, "italic"))
        cell.append("\n")
        cell.append_text(safe_text(q["id"], DIM))
        if "explain" in q:
            cell.append("\n")
            cell.append_text(explain_text(q["explain"]))
        prov = q["provenance"]
        table.add_row(
            safe_text(paragraph_label(prov["source"], prov["paragraphs"], many_sources)), cell
        )
    return table


def rows_table(
    headers: Sequence[str], rows: Iterable[Sequence[str]], plain: bool, numeric: Sequence[int] = ()
) -> Table:
    """A simple table of text cells; columns in ``numeric`` are right-aligned."""
    table = new_table(*headers, plain=plain)
    for i in numeric:
        table.columns[i].justify = "right"
    for row in rows:
        table.add_row(*(safe_text(cell) for cell in row))
    return table


def speakers_table(rows: Sequence[dict[str, Any]], plain: bool) -> Table:
    """Speakers (contract rows): name, role, organisation and what they said."""
    return rows_table(
        ["Speaker", "Role", "Organisation", "Quotes", "Claims"],
        [
            [r["name"], r["role"], r["organisation"], str(r["quotes"]), str(r["claims"])]
            for r in rows
        ],
        plain,
        numeric=(3, 4),
    )


def person_tables(
    people: Sequence[dict[str, Any]],
    quotes: Sequence[dict[str, Any]],
    claims: Sequence[dict[str, Any]],
    qwords: Sequence[str],
    plain: bool,
    many_sources: bool,
) -> RenderableType:
    """The answer to a question about a person: the speakers, their quotes, the claims."""

    parts: list[RenderableType] = [speakers_table(people, plain)]
    if quotes:
        parts.append(quotes_table(quotes, qwords, plain, many_sources))
    if claims:
        parts.append(claims_table(claims, qwords, plain, many_sources))
    return Group(*parts)


def topics_table(rows: Sequence[dict[str, Any]], plain: bool) -> Table:
    """Topics (contract rows) with how many claims and quotes carry each."""
    return rows_table(
        ["Topic", "Label", "Claims", "Quotes"],
        [[r["id"], r["label"], str(r["claims"]), str(r["quotes"])] for r in rows],
        plain,
        numeric=(2, 3),
    )


def field_grid(rows: Iterable[tuple[str, Text | str]]) -> Table:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for name, value in rows:
        grid.add_row(name, value if isinstance(value, Text) else safe_text(value))
    return grid


def mark_spans(paragraph: str, spans: Sequence[tuple[int, int]], plain: bool) -> Text:
    """The paragraph with the spans styled (terminal) or bracketed (plain)."""
    if len(paragraph) > MAX_CELL_CHARS:
        spans = [(a, min(b, MAX_CELL_CHARS)) for a, b in spans if a < MAX_CELL_CHARS]
        paragraph = clip(paragraph)
    out = Text()
    pos = 0
    for start, end in sorted(spans):
        if start < pos:
            start = pos
        if end <= start:
            continue
        out.append_text(safe_text(paragraph[pos:start]))
        if plain:
            out.append(PLAIN_MARK[0])
            out.append_text(safe_text(paragraph[start:end]))
            out.append(PLAIN_MARK[1])
        else:
            out.append_text(safe_text(paragraph[start:end], EVIDENCE))
        pos = end
    out.append_text(safe_text(paragraph[pos:]))
    return out


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
        ("excerpt", s["excerpt"] or "not marked as an excerpt"),
    ]


def sources_view(rows: Sequence[dict[str, Any]], plain: bool) -> RenderableType:
    parts: list[RenderableType] = []
    for i, row in enumerate(rows):
        grid = field_grid(
            [
                ("source", safe_text(row["id"], "bold")),
                *source_rows(row),
                ("records", str(row["records"])),
            ]
        )
        parts.append(grid if not i else Group(Text(""), grid))
    return Group(*parts)


def overview(counts: Sequence[tuple[str, int]], examples: Sequence[str]) -> RenderableType:
    head = Text("brtrade", style="bold")
    head.append(" answers questions from a fact base; every answer cites its sentence.\n")
    grid = field_grid([(name, str(n)) for name, n in counts])
    ex = Text("\nTry:\n", style="bold")
    for e in examples:
        ex.append(f"  {e}\n", style="")
    return Group(head, grid, ex)
