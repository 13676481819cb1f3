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
from brtrade.core.validate import ParsedFile


def check_records(
    base: FactBase, parsed: Sequence[ParsedFile], at: Locator
) -> Iterable[FactBaseError]:
    """Every cross-record problem of a merged base."""
    yield from _check_unique(base, at)
    yield from _check_refs(base, parsed)
    yield from _check_consistency(base, at)
    yield from _check_cycles(base, at)
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


FIGURE_LINKS = (
    ("part_of", "is part of"),
    ("applies_to", "applies to"),
    ("converted_from", "is converted from"),
)
"""A figure's references to other figures: none may lead back to where it started."""
ENTITY_LINKS = ("part-of", "member-of", "located-in")


def _check_cycles(base: FactBase, at: Locator) -> Iterable[FactBaseError]:
    """Links that close on themselves, of any length: a figure part of itself (so
    ``derive`` would print a 100 % share of itself), a chain of conversions that comes
    back, an entity that is part of its own part. Each cycle is reported once, at its
    first record in document order, with its path."""
    holder: dict[str, tuple[Claim, int]] = {}
    for claim in base.claims:
        for i, fig in enumerate(claim.figures):
            holder.setdefault(fig.id, (claim, i))
    for field, verb in FIGURE_LINKS:
        nxt = {
            fig: getattr(claim.figures[i], field)
            for fig, (claim, i) in holder.items()
            if getattr(claim.figures[i], field)
        }
        for path in _cycles({k: [v] for k, v in nxt.items()}, list(holder)):
            claim, i = holder[path[0]]
            shown = f" {verb} ".join(f"'{f}'" for f in (*path, path[0]))
            yield at.problem(
                claim,
                f"figures[{i}].{field}",
                f"figure {shown}: a {field.replace('_', ' ')} link may not lead back to itself",
                Rule.REFERENCE,
                hint=f"remove '{field}' from one figure of the cycle",
            )
    for kind in ENTITY_LINKS:
        graph = {
            e.id: [
                r.target for r in e.relations if r.type == kind and r.target in base.index["entity"]
            ]
            for e in base.entities
        }
        for path in _cycles(graph, [e.id for e in base.entities]):
            ent = base.entity(path[0])
            shown = f" {kind} ".join(f"'{e}'" for e in (*path, path[0]))
            yield at.problem(
                ent,
                "relations",
                f"entity {shown}: a {kind} relation may not lead back to itself",
                Rule.REFERENCE,
                hint=f"remove the {kind} relation from one entity of the cycle",
            )


def _cycles(graph: dict[str, list[str]], order: Sequence[str]) -> list[list[str]]:
    """Every cycle of ``graph`` (node -> its targets), once each, as the path from its
    node first in ``order``: an iterative depth-first walk, linear in the links."""
    rank = {n: i for i, n in enumerate(order)}
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    found: dict[tuple[str, ...], list[str]] = {}
    for start in order:
        if start in state:
            continue
        path: list[str] = []
        stack: list[tuple[str, int]] = [(start, 0)]
        while stack:
            node, k = stack.pop()
            if k == 0:
                state[node] = 1
                path.append(node)
            targets = graph.get(node, [])
            if k < len(targets):
                stack.append((node, k + 1))
                t = targets[k]
                if state.get(t) == 1:  # back to a node on the path: a cycle
                    cycle = path[path.index(t) :]
                    first = min(range(len(cycle)), key=lambda j: rank.get(cycle[j], 0))
                    cycle = cycle[first:] + cycle[:first]
                    found.setdefault(tuple(sorted(cycle)), cycle)
                elif t not in state:
                    stack.append((t, 0))
                continue
            state[node] = 2
            path.pop()
    return sorted(found.values(), key=lambda c: rank.get(c[0], 0))


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
