"""Rules that read the source texts: ``provenance``, ``figure`` and ``arithmetic``.

``brtrade check`` adds them to the loader's rules. Spans are compared after
normalising only whitespace and typographic quotes.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from brtrade.core.derive import derive
from brtrade.core.errors import FactBaseError, excerpt
from brtrade.core.model import Claim, Figure
from brtrade.core.numbers import find_mentions, parse_wording, same_number
from brtrade.core.provenance import locate_record
from brtrade.core.rules import Rule
from brtrade.core.sources import find_spans, first_difference, normalise_span, source_text

if TYPE_CHECKING:
    from brtrade.core.loader import Linted
    from brtrade.core.model import FactBase
    from brtrade.core.provenance import Missing
    from brtrade.core.rules.problems import Locator


UNIT_WORDS = (
    ("CNY", re.compile(r"\byuan\b|\bRMB\b|\bCNY\b", re.IGNORECASE)),
    ("USD", re.compile(r"\bdollars?\b|\bUSD\b", re.IGNORECASE)),
    ("percent", re.compile(r"\bper ?cent\b|%", re.IGNORECASE)),
)
"""The unit a wording names, by the words that name it."""
APPROX_BEFORE = re.compile(r"\b(about|around|approximately|roughly|some)\s*$", re.I)
"""Words just before a number that make it an approximation."""
APPROX_START = re.compile(r"(about|around|approximately|roughly)\b", re.I)
"""Words at the start of a wording that make it an approximation."""


def check_evidence(linted: Linted, rate_tolerance: float) -> list[FactBaseError]:
    """Every provenance, figure and arithmetic problem of a linted base."""
    return [
        *_check_provenance(linted),
        *_check_figures(linted),
        *_check_arithmetic(linted, rate_tolerance),
    ]


def _check_provenance(linted: Linted) -> list[FactBaseError]:
    base = linted.base
    at = linted.at
    out: list[FactBaseError] = []
    citing: dict[str, int] = {}
    for rec in base.cited():
        citing[rec.provenance.source] = citing.get(rec.provenance.source, 0) + 1
    unreadable: set[str] = set()
    for source in base.sources:  # every text, cited or not yet: once each
        if source.id not in base.source_paths:
            continue  # an unusable path is reported already
        try:
            source_text(base, source.id)
        except FactBaseError as exc:
            n = citing.get(source.id, 0)
            exc.message += f" ({n} record{'s' if n != 1 else ''} cite it)"
            out.append(exc)
            unreadable.add(source.id)
    for rec in base.cited():
        prov = rec.provenance
        if prov.source not in base.source_paths or prov.source in unreadable:
            continue  # an unknown or unreadable source is reported already
        src = source_text(base, prov.source)
        if not src.has(prov.paragraphs):
            out.append(
                at.problem(
                    rec,
                    "provenance.paragraphs",
                    f"paragraphs {list(prov.paragraphs)} are not all in source "
                    f"'{prov.source}', which has {len(src.paragraphs)}",
                    Rule.PROVENANCE,
                )
            )
            continue
        _, missing = locate_record(base, rec)
        for m in missing:
            field = "provenance.evidence" if m.what == "evidence" else "text"
            message, hint = _missing_message(m, src.paragraphs, prov.source)
            out.append(at.problem(rec, field, message, Rule.PROVENANCE, hint))
    for sp in base.speakers:
        attribution = normalise_span(sp.provenance.evidence)
        for name, value in (
            ("name", sp.name),
            ("role", sp.role),
            ("organisation", sp.organisation),
        ):
            if normalise_span(value) not in attribution:
                out.append(
                    at.problem(
                        sp,
                        name,
                        f"the {name} {excerpt(value)} does not occur in the speaker's attribution",
                        Rule.PROVENANCE,
                        "copy it exactly as the article writes it",
                    )
                )
    out.extend(_quotes_name_their_speakers(base, at))
    return out


def _quotes_name_their_speakers(base: FactBase, at: Locator) -> list[FactBaseError]:
    """A quote's attribution ('said Liu Zongyi, ...', 'Liu said') names its speaker: the
    full name, or the family name once the speaker has been introduced (their own
    attribution stands in this paragraph or an earlier one)."""
    from brtrade.core.text import words

    out: list[FactBaseError] = []
    for q in base.quotes:
        if q.speaker not in base.index["speaker"]:
            continue  # an unknown speaker is the reference rule's
        sp = base.speaker(q.speaker)
        said = words(q.provenance.evidence)
        full = words(sp.name)
        if _contains(said, full):
            continue
        family = [sp.family_name] if sp.family_name else [full[0], full[-1]]
        introduced = sp.provenance.source == q.provenance.source and min(
            sp.provenance.paragraphs
        ) <= min(q.provenance.paragraphs)
        if introduced and any(_contains(said, words(f)) for f in family if f):
            continue
        out.append(
            at.problem(
                q,
                "speaker",
                f"quote '{q.id}' is attributed to '{sp.name}', but its attribution "
                f"{excerpt(q.provenance.evidence)} does not name them",
                Rule.PROVENANCE,
                "set the quote's speaker to the person its attribution names, or fix "
                "the quote's provenance.evidence",
            )
        )
    return out


def _contains(have: list[str], want: list[str]) -> bool:
    n = len(want)
    return n > 0 and any(have[i : i + n] == want for i in range(len(have) - n + 1))


def _missing_message(
    m: Missing, paragraphs: tuple[str, ...], source_id: str
) -> tuple[str, str | None]:
    """What to say of a piece not found where its record says, and how to fix it."""
    if m.reason == "parts":
        return (
            f"the {m.what} has {m.parts} paragraphs but names "
            f"{len(m.paragraphs)} ({list(m.paragraphs)})",
            None,
        )
    elsewhere = [
        n
        for n, para in enumerate(paragraphs, 1)
        if n not in m.paragraphs and find_spans(para, m.text)
    ]
    if elsewhere:
        hint = f"it occurs in ¶{', ¶'.join(map(str, elsewhere))}: fix the paragraphs"
    else:
        searched = "\n\n".join(paragraphs[n - 1] for n in m.paragraphs)
        hint = _divergence(searched, m.text)
    shown = m.text if len(m.text) <= 60 else m.text[:57] + "..."
    return (
        f"the {m.what} {excerpt(shown)} does not occur verbatim in "
        f"¶{', ¶'.join(map(str, m.paragraphs))} of '{source_id}'",
        hint,
    )


def _divergence(text: str, span: str) -> str:
    diff = first_difference(text, span)
    advice = "copy it exactly; only whitespace and typographic quotes are normalised"
    if diff is None:
        return advice
    said, source = diff
    return f"it says '…{said}…' where the source has '…{source}…'; {advice}"


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
    at = linted.at
    out: list[FactBaseError] = []
    wording = normalise_span(f.wording)
    found_at = evidence.find(wording)
    if found_at < 0:
        out.append(
            at.problem(
                claim,
                f"figures[{i}].wording",
                f"figure '{f.id}': its wording {excerpt(f.wording)} does not occur in the evidence",
                Rule.FIGURE,
                "copy the number as the evidence writes it",
            )
        )
    stated = parse_wording(f.wording)
    if stated is None:
        out.append(
            at.problem(
                claim,
                f"figures[{i}].wording",
                f"figure '{f.id}': its wording {excerpt(f.wording)} states no number",
                Rule.FIGURE,
            )
        )
    elif not same_number(stated, f.value):
        out.append(
            at.problem(
                claim,
                f"figures[{i}].value",
                f"figure '{f.id}': value {f.value:g} disagrees with its wording "
                f"{excerpt(f.wording)}, which says {stated:g}",
                Rule.FIGURE,
                f"set 'value: {stated:.6g}'" if stated else None,
            )
        )
    for unit, pattern in UNIT_WORDS:
        if pattern.search(f.wording) and f.unit != unit:
            out.append(
                at.problem(
                    claim,
                    f"figures[{i}].unit",
                    f"figure '{f.id}': its wording {excerpt(f.wording)} is in {unit}, "
                    f"but its unit is {f.unit}",
                    Rule.FIGURE,
                )
            )
    approximate = found_at >= 0 and bool(APPROX_BEFORE.search(evidence[:found_at]))
    approximate = approximate or bool(APPROX_START.match(wording))
    # The bound the article states, read by the one figure parser from the words before
    # the wording and the wording itself ('more than 20 percent', 'nearly doubled').
    window = evidence[max(0, found_at - 24) : found_at + len(wording)] if found_at >= 0 else wording
    stated_at = [m for m in find_mentions(window, spelled=True) if not m.is_year]
    bound = stated_at[-1].bound if stated_at else None
    if bound is not None and f.bound != bound:
        out.append(
            at.problem(
                claim,
                f"figures[{i}].bound",
                f"figure '{f.id}': the article gives it as "
                f"{'an upper' if bound == 'upper' else 'a lower'} bound "
                f"({excerpt(' '.join(wording.split()[:3]))})",
                Rule.FIGURE,
                f"set 'bound: {bound}'",
            )
        )
    if approximate and not f.approximate:
        out.append(
            at.problem(
                claim,
                f"figures[{i}].approximate",
                f"figure '{f.id}': the article gives it as an approximation",
                Rule.FIGURE,
                "set 'approximate: true'",
            )
        )
    return out


def _check_arithmetic(linted: Linted, tolerance: float) -> list[FactBaseError]:
    base = linted.base
    out: list[FactBaseError] = []
    for d in derive(base, tolerance):
        if d.flag is None or d.claim is None:
            continue
        claim = base.index["claim"][d.claim]
        assert isinstance(claim, Claim)
        out.append(linted.at.problem(claim, "figures", f"{d.id}: {d.flag}", Rule.ARITHMETIC))
    return out
