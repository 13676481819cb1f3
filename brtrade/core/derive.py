"""Derived figures: arithmetic on the article's own figures, never mixed with them.

Each derived figure says how it was computed (``formula``) and from which
figures (``inputs``). Some are checks as well: a spread of implied exchange
rates over the tolerance, a share over 100 percent, or a part larger than its
whole is flagged, and ``brtrade check`` reports the flags as problems.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from brtrade.core.model import Claim, FactBase, Figure
from brtrade.core.numbers import DEFAULT_RATE_TOLERANCE, format_number
from brtrade.core.text import words


@dataclass(frozen=True, slots=True)
class Derived:
    id: str
    kind: str  # exchange-rate | rate-spread | implied-total | prior-value | part-of-whole
    label: str
    value: float
    unit: str
    formula: str
    inputs: tuple[str, ...]
    period: str | None
    flag: str | None = None
    """Why this derived figure is a problem, or None."""
    claim: str | None = None
    """The claim the derivation is anchored to (where a flag is reported)."""


def _num(value: float, unit: str | None = None) -> str:
    """A number in a formula or label, as people read it: '4.74 trillion CNY'."""
    return format_number(value, unit, precision=4)


def _pct(value: float) -> str:
    return format_number(value, "percent")


def matching(found: Sequence[Derived], qwords: Sequence[str]) -> list[Derived]:
    """The derived figures whose id, kind, label or inputs hold a word starting each of
    ``qwords``; all of them for no words."""
    out = []
    for d in found:
        have = words(" ".join((d.id, d.kind, d.label, *d.inputs)))
        if all(any(h.startswith(w) for h in have) for w in qwords):
            out.append(d)
    return out


def derive(base: FactBase, rate_tolerance: float = DEFAULT_RATE_TOLERANCE) -> list[Derived]:
    """Every derived figure the base supports, in document order by kind."""
    figs = base.figures_by_id
    out: list[Derived] = []
    rates: list[Derived] = []
    for claim in base.claims:
        for f in claim.figures:
            if f.converted_from and f.converted_from in figs:
                _, orig = figs[f.converted_from]
                if f.value:
                    d = Derived(
                        id=f"exchange-rate:{f.id}",
                        kind="exchange-rate",
                        label=f"{orig.unit} per {f.unit} implied by the conversion of "
                        f"{orig.measure}",
                        value=orig.value / f.value,
                        unit=f"{orig.unit}/{f.unit}",
                        formula=f"{_num(orig.value, orig.unit)} / {_num(f.value, f.unit)}",
                        inputs=(orig.id, f.id),
                        period=f.period,
                        claim=claim.id,
                    )
                    rates.append(d)
                    out.append(d)
    # Rates are compared only within one period and one currency pair: 2023's yuan is
    # not 2020's.
    groups: dict[tuple[str | None, str], list[Derived]] = {}
    for r in rates:
        groups.setdefault((r.period, r.unit), []).append(r)
    for (period, _), same in groups.items():
        if len(same) > 1 and (spread := _spread(same, rate_tolerance, period)) is not None:
            out.append(spread)
    for claim in base.claims:
        for f in claim.figures:
            out.extend(_from_figure(claim, f, base))
    # Fact-file values are bounded (core.numbers), so every quotient above is finite;
    # this is the rule that holds whatever the inputs: never an inf or a nan.
    return [d for d in out if math.isfinite(d.value)]


def _spread(rates: list[Derived], tolerance: float, period: str | None) -> Derived | None:
    values = [r.value for r in rates]
    lo, hi = min(values), max(values)
    mean = sum(values) / len(values)
    if not mean > 0:
        return None  # rates of mixed signs: there is no spread to speak of
    spread = (hi - lo) / mean * 100
    flag = None
    when = f" in {period}" if period else " of unstated period"
    if spread > tolerance:
        flag = (
            f"the implied {rates[0].unit} exchange rates{when} differ by {spread:.2f}%, "
            f"more than the tolerance of {tolerance:g}%"
        )
    return Derived(
        id="exchange-rate-spread" + (f":{period}" if period else ""),
        kind="rate-spread",
        label=f"spread of the {len(rates)} implied {rates[0].unit} exchange rates{when} "
        f"(tolerance {tolerance:g}%)",
        value=round(spread, 6),
        unit="percent",
        formula=f"({_num(hi)} - {_num(lo)}) / mean {_num(mean)}",
        inputs=tuple(i for r in rates for i in r.inputs),
        period=period,
        flag=flag,
        claim=rates[-1].claim,
    )


def _from_figure(claim: Claim, f: Figure, base: FactBase) -> list[Derived]:
    figs = base.figures_by_id
    out: list[Derived] = []
    target = figs[f.applies_to][1] if f.applies_to and f.applies_to in figs else None
    if f.kind == "share" and f.unit == "percent":
        flag = f"a share of {_pct(f.value)} is over 100%" if f.value > 100 else None
        if target is not None and 0 < f.value:
            out.append(
                Derived(
                    id=f"implied-total:{f.id}",
                    kind="implied-total",
                    label=f"total implied: {target.measure} is {_pct(f.value)} of it",
                    value=target.value / (f.value / 100),
                    unit=target.unit,
                    formula=f"{_num(target.value, target.unit)} / {_pct(f.value)}",
                    inputs=(target.id, f.id),
                    period=f.period,
                    flag=flag,
                    claim=claim.id,
                )
            )
    if (
        f.kind == "change"
        and target is not None
        and f.basis in ("year-on-year", "same-period-previous-year")
        and f.value > -100
    ):
        out.append(
            Derived(
                id=f"prior-value:{f.id}",
                kind="prior-value",
                label=f"prior-period value implied by {_pct(f.value)} growth of {target.measure}",
                value=target.value / (1 + f.value / 100),
                unit=target.unit,
                formula=f"{_num(target.value, target.unit)} / (1 + {_pct(f.value)})",
                inputs=(target.id, f.id),
                period=None,
                claim=claim.id,
            )
        )
    if f.part_of and f.part_of in figs:
        _, whole = figs[f.part_of]
        if whole.unit == f.unit and whole.value:
            ratio = f.value / whole.value * 100
            flag = None
            if f.value > whole.value:
                flag = (
                    f"{f.measure} ({_num(f.value, f.unit)}) exceeds the whole it is part of, "
                    f"{whole.measure} ({_num(whole.value, whole.unit)})"
                )
            out.append(
                Derived(
                    id=f"part-of-whole:{f.id}",
                    kind="part-of-whole",
                    label=f"{f.measure} as a share of {whole.measure}",
                    value=ratio,
                    unit="percent",
                    formula=f"{_num(f.value, f.unit)} / {_num(whole.value, whole.unit)}",
                    inputs=(f.id, whole.id),
                    period=f.period,
                    flag=flag,
                    claim=claim.id,
                )
            )
    return out
