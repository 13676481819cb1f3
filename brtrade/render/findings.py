"""`brtrade verify`'s findings for people (grouped by draft line, coloured by verdict)
and for editors' tools (``--format lint``: ``FILE:LINE:COLUMN: VERDICT: message``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Group
from rich.text import Text

from brtrade.render.safe import terminal_safe
from brtrade.render.tables import DIM, safe_text

if TYPE_CHECKING:
    from rich.console import RenderableType

    from brtrade.core.findings import Finding

STYLES = {
    "supported": "green",
    "contradicted": "bold red",
    "misquoted": "bold red",
    "misattributed": "bold red",
    "not-found": "yellow",
}


def findings_view(findings: Sequence[Finding], summary: str, plain: bool) -> RenderableType:
    """One block per finding, under its draft line: the verdict, then what was found and
    what the base says (its wording and ¶), wrapped under each other; the summary last."""
    from rich.table import Table

    parts: list[RenderableType] = []
    grid: Table | None = None
    shown_line: tuple[str, int] | None = None
    for f in findings:
        if (f.file, f.line) != shown_line:
            shown_line = (f.file, f.line)
            parts.append(safe_text(f"{f.file}:{f.line}", "bold"))
            grid = Table.grid(padding=(0, 1))
            grid.add_column(width=13, no_wrap=True)
            grid.add_column()
            parts.append(grid)
        assert grid is not None
        verdict = Text(
            f.verdict.upper() if plain else f.verdict, style="" if plain else STYLES[f.verdict]
        )
        body = safe_text(f"{f.kind} {' '.join(f.text.split())}")
        body.append("\n")
        body.append_text(safe_text(f.message, DIM))
        grid.add_row(verdict, body)
    parts.append(Text(""))
    parts.append(safe_text(summary, "bold"))
    return Group(*parts)


def lint_lines(findings: Sequence[Finding]) -> str:
    """``FILE:LINE:COLUMN: VERDICT: message``, one finding a line, as compilers write
    errors: Vim's quickfix (errorformat %f:%l:%c: %m), Emacs' compile mode and VS Code
    problem matchers read it."""
    return "".join(
        terminal_safe(
            " ".join(
                f"{f.file}:{f.line}:{f.column}: {f.verdict}: {f.kind} {f.text}: {f.message}".split()
            )
        )
        + "\n"
        for f in findings
    )
