"""``brtrade check``: every problem in a fact base, found by a machine.

Rules (each problem names one):

``schema``      types, required fields, unknown keys, enums
``yaml``        duplicate keys, aliases, tags, syntax
``yaml-1.1``    a plain value that YAML 1.1 tools would read as another type
``identity``    ids: well-formed and unique
``reference``   every reference to a speaker, entity, topic, source, quote or figure resolves
``provenance``  every evidence span and quote occurs verbatim in the paragraphs it names
``figure``      each figure's wording occurs in its evidence and agrees with its value
``arithmetic``  derived figures that reveal an inconsistency (see :mod:`.derive`)

Spans are compared after normalising only whitespace and typographic quotes.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from brtrade.core.derive import DEFAULT_RATE_TOLERANCE, derive
from brtrade.core.errors import FactBaseError
from brtrade.core.loader import Linted, lint_fact_base
from brtrade.core.model import Claim, FactBase, Figure, Quote, Speaker
from brtrade.core.provenance import verbatim_pieces
from brtrade.core.sources import find_spans, first_difference, normalise_span, source_text

RULES = (
    "schema",
    "yaml",
    "yaml-1.1",
    "identity",
    "reference",
    "provenance",
    "figure",
    "arithmetic",
)

_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_WORDED = re.compile(
    r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)\s*(?P<scale>thousand|million|billion|trillion)?",
    re.IGNORECASE,
)
_UNIT_WORDS = (
    ("CNY", re.compile(r"\byuan\b|\bRMB\b|\bCNY\b", re.IGNORECASE)),
    ("USD", re.compile(r"\bdollars?\b|\bUSD\b", re.IGNORECASE)),
    ("percent", re.compile(r"\bper ?cent\b|%", re.IGNORECASE)),
)
_APPROX = re.compile(r"\b(about|around|approximately|nearly|roughly|some|almost)\s*$", re.I)


@dataclass(slots=True)
class Report:
    files: tuple[str, ...]
    records: int
    problems: list[FactBaseError]

    @property
    def ok(self) -> bool:
        return not self.problems


def check_fact_base(
    path: str | os.PathLike[str], rate_tolerance: float = DEFAULT_RATE_TOLERANCE
) -> Report:
    """Check a fact file or folder; every problem, sorted by file and line."""
    linted = lint_fact_base(path)
    problems = list(linted.problems)
    problems += _check_provenance(linted)
    problems += _check_figures(linted)
    problems += _check_arithmetic(linted, rate_tolerance)
    problems.sort(key=lambda p: (p.file, p.line or 0, p.record or "", p.field or ""))
    base = linted.base
    count = sum(len(group) for _, group in base.groups())
    return Report(base.files, count, problems)


def _problem(
    linted: Linted,
    rec: Claim | Quote | Speaker,
    field: str,
    message: str,
    rule: str,
    hint: str | None = None,
) -> FactBaseError:
    origin = rec.origin
    return FactBaseError(
        message,
        file=origin.file if origin else "?",
        line=linted.line(rec.id, field, origin.line if origin else None),
        field=field,
        hint=hint,
        record=rec.id,
        rule=rule,
    )


def _check_provenance(linted: Linted) -> list[FactBaseError]:
    base = linted.base
    out: list[FactBaseError] = []
    for rec in base.cited():
        prov = rec.provenance
        if prov.source not in base.source_paths:
            continue  # an unknown or unusable source is reported already
        try:
            src = source_text(base, prov.source)
        except FactBaseError as exc:
            out.append(exc)
            continue
        if not src.has(prov.paragraphs):
            out.append(
                _problem(
                    linted,
                    rec,
                    "provenance.paragraphs",
                    f"paragraphs {list(prov.paragraphs)} are not all in source "
                    f"'{prov.source}', which has {len(src.paragraphs)}",
                    "provenance",
                )
            )
            continue
        for what, text in verbatim_pieces(rec):
            field = "provenance.evidence" if what == "evidence" else "text"
            paras = prov.paragraphs[-1:] if isinstance(rec, Quote) and what == "evidence" else None
            wanted = paras or prov.paragraphs
            parts = [p for p in text.split("\n\n") if p.strip()]
            if len(parts) > 1 and len(parts) != len(wanted):
                out.append(
                    _problem(
                        linted,
                        rec,
                        field,
                        f"the {what} has {len(parts)} paragraphs but names "
                        f"{len(wanted)} ({list(wanted)})",
                        "provenance",
                    )
                )
                continue
            candidates: list[tuple[int | None, str]] = (
                list(zip(wanted, parts, strict=True))
                if len(parts) > 1
                else [(None, parts[0] if parts else text)]
            )
            for n, part in candidates:
                search_in = (n,) if n is not None else wanted
                if any(find_spans(src.paragraph(m), part) for m in search_in):
                    continue
                elsewhere = [
                    m
                    for m, para in enumerate(src.paragraphs, 1)
                    if find_spans(para, part) and m not in search_in
                ]
                if elsewhere:
                    hint = f"it occurs in ¶{', ¶'.join(map(str, elsewhere))}: fix the paragraphs"
                else:
                    hint = _divergence(src.joined(search_in), part)
                shown = part if len(part) <= 60 else part[:57] + "..."
                out.append(
                    _problem(
                        linted,
                        rec,
                        field,
                        f"the {what} {shown!r} does not occur verbatim in "
                        f"¶{', ¶'.join(map(str, search_in))} of '{prov.source}'",
                        "provenance",
                        hint,
                    )
                )
    for sp in base.speakers:
        for name, value in (
            ("name", sp.name),
            ("role", sp.role),
            ("organisation", sp.organisation),
        ):
            if normalise_span(value) not in normalise_span(sp.provenance.evidence):
                out.append(
                    _problem(
                        linted,
                        sp,
                        name,
                        f"the {name} {value!r} does not occur in the speaker's attribution",
                        "provenance",
                        "copy it exactly as the article writes it",
                    )
                )
    return out


def _divergence(text: str, span: str) -> str:
    diff = first_difference(text, span)
    advice = "copy it exactly; only whitespace and typographic quotes are normalised"
    if diff is None:
        return advice
    said, source = diff
    return f"it says '…{said}…' where the source has '…{source}…'; {advice}"


def parse_wording(wording: str) -> float | None:
    """The number a wording states: '4.74 trillion yuan' -> 4.74e12; None if there is none."""
    m = _WORDED.search(wording)
    if m is None:
        return None
    number = float(m.group("num").replace(",", ""))
    scale = m.group("scale")
    return number * _SCALES[scale.lower()] if scale else number


def _check_figures(linted: Linted) -> list[FactBaseError]:
    out: list[FactBaseError] = []
    for claim in linted.base.claims:
        evidence = normalise_span(claim.provenance.evidence)
        for i, f in enumerate(claim.figures):
            out.extend(_check_one_figure(linted, claim, i, f, evidence))
    return out


def _check_one_figure(
    linted: Linted, claim: Claim, i: int, f: Figure, evidence: str
) -> list[FactBaseError]:
    out: list[FactBaseError] = []
    wording = normalise_span(f.wording)
    at = evidence.find(wording)
    if at < 0:
        out.append(
            _problem(
                linted,
                claim,
                f"figures[{i}].wording",
                f"figure '{f.id}': its wording {f.wording!r} does not occur in the evidence",
                "figure",
                "copy the number as the evidence writes it",
            )
        )
    stated = parse_wording(f.wording)
    if stated is None:
        out.append(
            _problem(
                linted,
                claim,
                f"figures[{i}].wording",
                f"figure '{f.id}': its wording {f.wording!r} states no number",
                "figure",
            )
        )
    elif not _close(stated, f.value):
        out.append(
            _problem(
                linted,
                claim,
                f"figures[{i}].value",
                f"figure '{f.id}': value {f.value:g} disagrees with its wording "
                f"{f.wording!r}, which says {stated:g}",
                "figure",
                f"set 'value: {stated:.6g}'" if stated else None,
            )
        )
    for unit, pattern in _UNIT_WORDS:
        if pattern.search(f.wording) and f.unit != unit:
            out.append(
                _problem(
                    linted,
                    claim,
                    f"figures[{i}].unit",
                    f"figure '{f.id}': its wording {f.wording!r} is in {unit}, "
                    f"but its unit is {f.unit}",
                    "figure",
                )
            )
    worded_approx = bool(_APPROX.search(evidence[:at])) if at >= 0 else False
    worded_approx = worded_approx or bool(
        re.match(r"(about|around|approximately|nearly|roughly)\b", wording, re.I)
    )
    if worded_approx and not f.approximate:
        out.append(
            _problem(
                linted,
                claim,
                f"figures[{i}].approximate",
                f"figure '{f.id}': the article gives it as an approximation",
                "figure",
                "set 'approximate: true'",
            )
        )
    return out


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1.0)


def _check_arithmetic(linted: Linted, tolerance: float) -> list[FactBaseError]:
    base: FactBase = linted.base
    out: list[FactBaseError] = []
    for d in derive(base, tolerance):
        if d.flag is None or d.claim is None:
            continue
        claim = base.index["claim"][d.claim]
        assert isinstance(claim, Claim)
        out.append(_problem(linted, claim, "figures", f"{d.id}: {d.flag}", "arithmetic"))
    return out
