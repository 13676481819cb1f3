"""Figures for people: each value in words, comparable ones side by side with bars,
and the figures brtrade derives from them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from brtrade.core.numbers import format_number
from brtrade.render.tables import DIM, FIGURE, new_table, paragraph_label, safe_text

if TYPE_CHECKING:
    from brtrade.core.derive import Derived
    from brtrade.core.model import Claim, Figure


def figure_value(f: Figure) -> str:
    """A figure's value for people: '+7%', '29.1%', '≈ 730 billion USD', '11'."""
    return format_number(f.value, f.unit, change=f.kind == "change", approximate=f.approximate)


def figures_table(figures: Sequence[Figure], plain: bool) -> Table:
    """A claim's figures: what each measures, its value, period and basis."""
    table = new_table("Figure", "Value", "Period", "Basis", plain=plain)
    for f in figures:
        table.add_row(
            safe_text(f.measure),
            safe_text(figure_value(f), FIGURE),
            safe_text(f.period or "not stated"),
            safe_text(f.basis or "—"),
        )
    return table


def derived_table(found: Sequence[Derived], plain: bool) -> RenderableType:
    """Derived figures, each with its formula, inputs and any flag."""
    table = new_table("Value", "Derived", plain=plain, lines=True)
    table.columns[0].no_wrap = True
    table.columns[0].justify = "right"
    for d in found:
        cell = Text()
        cell.append_text(safe_text(d.label))
        cell.append("\n")
        cell.append_text(safe_text(f"= {d.formula}", FIGURE))
        cell.append("\n")
        cell.append_text(safe_text("from " + ", ".join(d.inputs), DIM))
        cell.append("\n")
        cell.append_text(safe_text(f"{d.id}  (period: {d.period or 'not stated'})", DIM))
        if d.flag:
            cell.append("\n")
            cell.append_text(safe_text(f"flag: {d.flag}", "bold red"))
        table.add_row(safe_text(format_number(d.value, d.unit, precision=4), FIGURE), cell)
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


def figures_view(
    pairs: Sequence[tuple[Claim, Figure]], many_sources: bool, plain: bool
) -> RenderableType:
    """Figures grouped so that comparable ones stand together, each with a bar."""
    # One table, and one bar scale, per kind, unit and period: figures of different
    # periods are never drawn against each other.
    groups: dict[tuple[str, str, str], list[tuple[Claim, Figure]]] = {}
    for claim, f in pairs:
        period = f.period or claim.period or ""
        groups.setdefault((f.kind, f.unit, period), []).append((claim, f))
    periods = sorted({p for _, _, p in groups}, key=lambda p: (p == "", p))
    known = [(k, u) for k, u, _, _ in _GROUPS]
    order = [(k, u, p, t, c) for k, u, t, c in _GROUPS for p in periods if (k, u, p) in groups]
    order += [(k, u, p, f"{k} ({u})", "white") for (k, u, p) in groups if (k, u) not in known]
    parts: list[RenderableType] = []
    for kind, unit, period, base_title, colour in order:
        members = groups[(kind, unit, period)]
        title = f"{base_title}, {period}" if period else f"{base_title}, period not stated"
        comparable = len(members) > 1 or kind == "share"
        scale = 100.0 if kind == "share" else max(abs(f.value) for _, f in members)
        table = new_table("Source", "Figure", "Value", "Period", plain=plain)
        table.title = title + (" (bars: share of 100%)" if kind == "share" else "")
        table.title_justify = "left"
        table.expand = True  # the tables of one output share one width
        table.title_style = "bold"
        table.columns[0].no_wrap = True
        table.columns[2].no_wrap = True
        table.columns[2].justify = "right"
        table.columns[3].no_wrap = True
        for claim, f in members:
            prov = claim.provenance
            cell = Text()
            cell.append_text(safe_text(f.measure))
            detail = [f"“{f.wording}”"]
            if f.basis:
                detail.append(
                    f"{f.basis.replace('-', ' ')}" if f.basis != "unstated" else "basis not stated"
                )
            cell.append("\n")
            cell.append_text(safe_text("  ".join(detail), DIM))
            if comparable:
                cell.append("\n")
                cell.append(bar(abs(f.value), scale), style=colour)
            table.add_row(
                safe_text(paragraph_label(prov.source, prov.paragraphs, many_sources)),
                cell,
                safe_text(figure_value(f), FIGURE),
                safe_text(f.period or "not stated"),
            )
        parts.append(table if not parts else Group(Text(""), table))
    return Group(*parts)
