"""``brtrade check``: every problem in a fact base, found by a machine.

The loader's rules (schema, YAML, identity, references) run collecting
rather than stopping at the first problem; then the rules that read the
source texts (:mod:`brtrade.core.rules.evidence`). Every rule is named in
:class:`brtrade.core.rules.Rule`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from brtrade.core.errors import FactBaseError
from brtrade.core.loader import lint_fact_base
from brtrade.core.numbers import DEFAULT_RATE_TOLERANCE
from brtrade.core.rules import RULES
from brtrade.core.rules.evidence import check_evidence

__all__ = ["RULES", "Report", "check_fact_base"]


@dataclass(slots=True)
class Report:
    files: tuple[str, ...]
    records: int
    problems: list[FactBaseError]
    drafts: tuple[str, ...] = ()
    """Ids of the records marked ``draft: true``: valid, but still needing an editor."""

    @property
    def ok(self) -> bool:
        return not self.problems


def check_fact_base(
    path: str | os.PathLike[str], rate_tolerance: float = DEFAULT_RATE_TOLERANCE
) -> Report:
    """Check a fact file or folder; every problem, sorted by file and line."""
    linted = lint_fact_base(path)
    problems = list(linted.problems)
    problems += check_evidence(linted, rate_tolerance)
    problems.sort(key=lambda p: (p.file, p.line or 0, p.record or "", p.field or ""))
    base = linted.base
    count = sum(len(group) for _, group in base.groups())
    drafts = tuple(
        rec.id for _, group in base.groups() for rec in group if getattr(rec, "draft", False)
    )
    return Report(base.files, count, problems, drafts)
