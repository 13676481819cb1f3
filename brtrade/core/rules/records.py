"""Rules across records, checked when the files of a base are merged.

``identity`` (ids well-formed and unique), ``reference`` (every reference
resolves; a claim made in a quote has the quote's speaker) and the structural
part of ``figure`` (a change has a basis; percent is for changes and shares)
and of ``schema`` (paragraph numbers). They run on every load, strict or not.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from typing import Any

from brtrade.core.errors import FactBaseError, excerpt
from brtrade.core.fields import ID_PATTERN
from brtrade.core.model import Claim, FactBase, Figure
from brtrade.core.rules import Rule
from brtrade.core.rules.problems import Locator
from brtrade.core.rules.vocabulary import check_vocabulary
from brtrade.core.walk import ParsedFile


def check_records(
    base: FactBase, parsed: Sequence[ParsedFile], at: Locator
) -> Iterable[FactBaseError]:
    """Every cross-record problem of a merged base."""
    yield from _check_unique(base, at)
    yield from _check_refs(base, parsed)
    yield from _check_consistency(base, at)
    yield from check_vocabulary(base, at)


def _check_unique(base: FactBase, at: Locator) -> Iterable[FactBaseError]:
    for kind, records in base.groups():
        first: dict[str, Any] = {}
        for rec in records:
            if not ID_PATTERN.match(rec.id):
                yield at.problem(
                    rec,
                    "id",
                    f"{kind} id {excerpt(rec.id)} must be lower-case letters, digits, "
                    "'.', '_' or '-'",
                    Rule.IDENTITY,
                )
            if rec.id in first:
                yield at.problem(
                    rec,
                    "id",
                    f"duplicate {kind} id '{rec.id}' (first defined at {first[rec.id].origin})",
                    Rule.IDENTITY,
                    hint="give each record its own id",
                )
                continue
            first[rec.id] = rec
    seen: dict[str, Claim] = {}
    for claim in base.claims:
        for i, fig in enumerate(claim.figures):
            if fig.id in seen:
                yield at.problem(
                    claim,
                    f"figures[{i}].id",
                    f"duplicate figure id '{fig.id}' (also in claim '{seen[fig.id].id}' at "
                    f"{seen[fig.id].origin})",
                    Rule.IDENTITY,
                )
            seen[fig.id] = claim


def _check_refs(base: FactBase, parsed: Sequence[ParsedFile]) -> Iterable[FactBaseError]:
    known: dict[str, Any] = {kind: base.index[kind] for kind, _ in base.groups()}
    known["figure"] = base.figures_by_id
    broken = {b for p in parsed for b in p.broken}
    for p in parsed:
        for ref in p.refs:
            targets = known[ref.kind]
            if ref.value not in targets and (ref.kind, ref.value) not in broken:
                folded = {str(t).lower(): str(t) for t in targets}
                close = [
                    folded[c]
                    for c in difflib.get_close_matches(ref.value.lower(), list(folded), n=1)
                ]
                hint = f"did you mean '{close[0]}'?" if close else f"define the {ref.kind} first"
                yield FactBaseError(
                    f"unknown {ref.kind} '{ref.value}'",
                    file=str(p.path),
                    line=ref.line,
                    field=ref.field,
                    hint=hint,
                    record=ref.record,
                    rule=Rule.REFERENCE,
                )


def _check_consistency(base: FactBase, at: Locator) -> Iterable[FactBaseError]:
    for claim in base.claims:
        if claim.quote is not None and claim.quote in base.index["quote"]:
            quote = base.quote(claim.quote)
            if claim.speaker != quote.speaker:
                yield at.problem(
                    claim,
                    "speaker",
                    f"the claim is made in quote '{quote.id}' by '{quote.speaker}' but is "
                    f"attributed to '{claim.speaker}'",
                    Rule.REFERENCE,
                    hint=f"set 'speaker: {quote.speaker}'",
                )
        yield from _check_period(claim, "", claim.period, claim.period_basis, at)
        for i, fig in enumerate(claim.figures):
            yield from _check_figure(claim, i, fig, at)
            yield from _check_period(claim, f"figures[{i}].", fig.period, fig.period_basis, at)
    for rec in base.cited():
        paras = rec.provenance.paragraphs
        if not paras or any(n < 1 for n in paras) or list(paras) != sorted(set(paras)):
            yield at.problem(
                rec,
                "provenance.paragraphs",
                f"paragraphs {list(paras)} must be a non-empty, increasing list of numbers from 1",
                Rule.SCHEMA,
            )


def _check_period(
    claim: Claim, prefix: str, period: str | None, basis: str | None, at: Locator
) -> Iterable[FactBaseError]:
    from brtrade.core.periods import EXAMPLES, is_period

    if period is not None and not is_period(period):
        yield at.problem(
            claim,
            f"{prefix}period",
            f"period {excerpt(period)} is not an ISO 8601 period",
            Rule.SCHEMA,
            hint=f"write it as {EXAMPLES}",
        )
    if period is None and basis is not None:
        yield at.problem(
            claim,
            f"{prefix}period_basis",
            "a period basis without a period",
            Rule.SCHEMA,
            hint="give the period, or remove period_basis",
        )


def _check_figure(claim: Claim, i: int, fig: Figure, at: Locator) -> Iterable[FactBaseError]:
    field = f"figures[{i}]"
    if fig.kind == "change" and fig.basis is None:
        yield at.problem(
            claim,
            f"{field}.basis",
            f"figure '{fig.id}' is a change but has no basis",
            Rule.FIGURE,
            hint="say 'year-on-year', 'same-period-previous-year' or 'unstated'",
        )
    if fig.kind != "change" and fig.basis is not None:
        yield at.problem(
            claim,
            f"{field}.basis",
            f"figure '{fig.id}' has a basis but is not a change",
            Rule.FIGURE,
        )
    if fig.unit == "percent" and fig.kind not in ("change", "share"):
        yield at.problem(
            claim,
            f"{field}.unit",
            f"figure '{fig.id}' is in percent but is a {fig.kind}",
            Rule.FIGURE,
        )
