"""What ``verify`` says of each figure and quotation of a draft: a :class:`Finding`
and its verdict. Shared by the figure checks (:mod:`brtrade.core.verify`), the
quotation checks (:mod:`brtrade.core.quotations`), the JSON contract and the renderers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

Search = Callable[[str, str, int], list[tuple[dict[str, Any], float]]]
"""(kind, text, limit) -> [(contract row, share of the text's words it covers)], best first."""

VERDICTS = ("supported", "contradicted", "misquoted", "misattributed", "not-found")
PROBLEMS = frozenset({"contradicted", "misquoted", "misattributed"})


class Finding(NamedTuple):
    """One figure or quotation of a draft, and what the base says of it."""

    kind: str
    verdict: str
    text: str
    file: str
    line: int
    column: int
    message: str
    value: float | None = None
    unit: str | None = None
    speaker: str | None = None
    record: str | None = None
    figure: str | None = None
    expected: str | None = None
    provenance: dict[str, Any] | None = None
    diff: str | None = None
