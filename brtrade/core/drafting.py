"""Drafting a fact file from a new article: everything that can be read off the text.

``brtrade draft`` lays the text out as the base expects (paragraphs separated by a
blank line) and drafts its records: the source; every direct quote with its speaker,
role and organisation, read as news writes attributions (:mod:`brtrade.core.attribution`);
indirect speech as a claim with its speaker and ``basis: reported``; every figure, with
its verbatim wording, value, unit, kind, bound and stated basis, by the same parser as
``check`` and ``verify``, and its measure, scope and period read from its sentence and
the article's date (:mod:`brtrade.core.measures`, :mod:`brtrade.core.periods`); and one
claim per sentence that holds a figure or states a fact outside quotes. What only an
editor can confirm is marked ``(draft)`` and ``draft: true``, which ``check`` reports on
its own (exit 4). Everything else passes ``check`` as written.
"""

from __future__ import annotations

import bisect
import datetime
import re
from collections.abc import Iterable, Sequence
from typing import Any

from brtrade.core.attribution import Person, introductions, reported, tag_after, tag_before
from brtrade.core.draft_text import Draft, passages, sentences
from brtrade.core.errors import excerpt
from brtrade.core.measures import DATELINE, Reading, read_figures
from brtrade.core.names import named_in
from brtrade.core.numbers import FIGURE_UNITS, Mention, find_mentions
from brtrade.core.periods import MONTH_NAME, article_date, dateline, period_of
from brtrade.core.sources import split_paragraphs
from brtrade.core.text import words

_MONTH_BEFORE = re.compile(rf"\b{MONTH_NAME}\s+$")
_SAME_PERIOD = re.compile(r"\bin\s+the\s+(?:same\s+)?period\b", re.I)
_YOY = re.compile(
    r"year[\s-]on[\s-]year|from\s+the\s+(?:previous\s+)?year\s+before|"
    r"from\s+a\s+year\s+(?:earlier|ago)|over\s+the\s+previous\s+year|on\s+the\s+year\s+before",
    re.I,
)
_PRONOUN_AFTER = re.compile(r"^[\s,;:—–-]*(?:he|she)\s+(?:said|says|added|told|noted)\b", re.I)
_PRONOUN_REPORTS = re.compile(
    r"(?:He|She)\s+(?:said|says|added|noted|stressed|explained|warned|argued|insisted|"
    r"predicted|estimated|told\s+(?:reporters|journalists|[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2}))"
    r"(?:\s+(?:on|in)\s+\w+)?\s+(?:that\s+)?(?=[\w$])"
)
"""Indirect speech told by a pronoun: 'He added that stocks ...', 'She said the council
would ...'."""
_PRONOUN_BEFORE = re.compile(r"(?:^|[.!?]\s+)(?:He|She)\s+(?:said|says|added)[\s,:]*$")
_COMPARES = re.compile(
    r"\b(?:consecutive|straight|successive)\s+years?\b|\byears\s+in\s+a\s+row\b|"
    r"\b(?:since|by(?:\s+the\s+end\s+of)?|between)\s+(?:19|20)\d\d\b",
    re.I,
)
_SAME_PERIOD_BASIS = re.compile(r"same\s+period", re.I)


def slug(text: str, limit: int = 4) -> str:
    """An id made of the first content words of ``text``."""
    from brtrade.core.language import is_stop

    kept = [w for w in words(text) if not is_stop(w)] or words(text) or ["record"]
    return "-".join(kept[:limit])


class _Ids:
    """Ids unique in the draft and against the base given by --facts."""

    def __init__(self, taken: Iterable[str]) -> None:
        self.taken = set(taken)
        self._next: dict[str, int] = {}
        """Per wanted id, the suffix to try next (a thousand figures, a thousand steps)."""

    def new(self, wanted: str) -> str:
        wanted = re.sub(r"[^a-z0-9._-]+", "-", wanted.lower()).strip("-") or "record"
        n = self._next.get(wanted)
        if n is None:
            out, n = wanted, 2
        else:
            out, n = f"{wanted}-{n}", n + 1
        while out in self.taken:
            out, n = f"{wanted}-{n}", n + 1
        self._next[wanted] = n
        self.taken.add(out)
        return out


MAX_RECORDS = 5_000
"""A draft holds at most this many claims and quotes (a long feature has tens); the rest
of a longer text is left out, with a note: the time and memory an article at its size
limit takes stay bounded."""
MAX_FIGURES = 5_000
"""...and at most this many figures."""


class _Speakers:
    """The people of an article, by full name and by each of its first and last names
    (the first speaker of a name keeps it), each with the paragraph that introduces them:
    a name alone means someone only from that paragraph on."""

    def __init__(self, ids: _Ids, source_id: str) -> None:
        self.ids = ids
        self.source_id = source_id
        self.rows: list[dict[str, Any]] = []
        self._by_name: dict[tuple[str, ...], tuple[dict[str, Any], int]] = {}

    def meet(self, person: Person, evidence: str, paragraph: int) -> dict[str, Any] | None:
        """The speaker ``person`` names: known, or new with a full name and a role."""
        named = tuple(words(person.name))
        found = self._by_name.get(named)
        if found is not None and (len(named) > 1 or found[1] <= paragraph):
            return found[0]
        if len(named) < 2 or not person.role or not person.organisation:
            return None
        sp = {
            "id": self.ids.new(slug(person.name, 3)),
            "name": person.name,
            "role": person.role,
            "organisation": person.organisation,
            "provenance": {
                "source": self.source_id,
                "paragraphs": [paragraph],
                "evidence": evidence,
            },
            "draft": True,
        }
        self.rows.append(sp)
        for key in (named, named[:1], named[-1:]):
            self._by_name.setdefault(key, (sp, paragraph))
        return sp


def draft_fact_file(
    text: str,
    name: str,
    *,
    taken_ids: Iterable[str] = (),
    entities: Sequence[tuple[str, Sequence[str]]] = (),
    cut: list[str] | None = None,
    date: datetime.date | None = None,
    today: datetime.date | None = None,
) -> tuple[str, dict[str, Any]]:
    """(the text laid out, the draft fact file as plain data) for article ``name``.

    ``taken_ids`` are ids the base already uses; ``entities`` its (id, names) to link.
    ``date`` is the article's date, for the periods it states relative to it ('in the
    first two months', 'last year'); without one, its dateline's, in the latest year not
    after ``today``. Past :data:`MAX_RECORDS` records or :data:`MAX_FIGURES` figures the
    rest is left out, and ``cut`` gets a note saying so."""
    notes: list[str] = cut if cut is not None else []
    paragraphs = split_paragraphs(text)
    laid_out = "\n\n".join(paragraphs) + "\n"
    starts: list[int] = []
    pos = 0
    for p in paragraphs:
        starts.append(laid_out.index(p, pos))
        pos = starts[-1] + len(p)

    def para_of(offset: int) -> int:
        return max(bisect.bisect_right(starts, offset), 1)

    breaks = [m.start() for m in re.finditer("(?=\n\n)", laid_out)]

    def para_span(offset: int) -> tuple[int, int]:
        """[start, end) of the paragraph holding ``offset``, by bisection (a search from
        each quotation would make an article of many quotations quadratic)."""
        i = bisect.bisect_left(breaks, offset)
        end = breaks[i] if i < len(breaks) else len(laid_out)
        j = bisect.bisect_left(breaks, offset - 1) - 1
        return (breaks[j] + 2 if j >= 0 else 0), end

    line = dateline(laid_out)
    when = date or article_date(line, today or datetime.date.today())
    ids = _Ids(taken_ids)
    source_id = ids.new(slug(name, 6))
    source: dict[str, Any] = {
        "id": source_id,
        "text": f"sources/{source_id}.txt",
        "label": f"Article {name} (draft: describe it; give only what it states)",
        "draft": True,
    }
    if date is not None:
        source["published"] = date.isoformat()
    elif line is not None and when is not None:
        source["note"] = (
            f"(draft) dateline {line.text!r}; periods read as of {when.isoformat()}"
            + ("" if line.year else ", the year the latest not after the drafting date")
        )
    draft = Draft(laid_out, name)
    people = _Speakers(ids, source_id)
    quotes: list[dict[str, Any]] = []
    spans: list[tuple[int, int, dict[str, Any]]] = []

    # Introductions first, in text order, so that 'Liu said' finds the Liu Chang that
    # an earlier paragraph introduced, whatever the form of the quote that names him.
    marks = passages(draft)
    named: list[tuple[int, str, dict[str, Any], str, int]] = []
    """Who was named where (offset, id, speaker, attribution, paragraph), in text order:
    whom a 'she said' means."""
    for met in introductions(laid_out):
        if not any(a <= met.start < b for a, b in marks):
            evidence = laid_out[met.start : met.end]
            if "\n\n" not in evidence and (sp := people.meet(met, evidence, para_of(met.start))):
                named.append((met.start, sp["id"], sp, evidence, para_of(met.start)))

    previous: tuple[int, dict[str, Any], str, int] | None = None  # end, speaker, tag, para
    for start, end in marks:
        if len(quotes) >= MAX_RECORDS // 2:
            notes.append(f"more than {MAX_RECORDS // 2:,} quotations: drafted the first")
            break
        passage = laid_out[start:end]
        if len(words(passage)) < 2:
            continue
        p_start, p_end = para_span(end)
        after = laid_out[end + 1 : p_end]
        person = tag_after(after)
        offset = end + 1
        speaker: dict[str, Any] | None = None
        if person is None:
            q_start, _ = para_span(start)
            person = tag_before(laid_out[q_start : start - 1])
            offset = q_start
        if person is not None:
            evidence = laid_out[offset + person.start : offset + person.end].rstrip(" ,.")
            speaker = people.meet(person, evidence, para_of(offset + person.start))
            tag_para = para_of(offset + person.start)
        if speaker is None and (
            _PRONOUN_AFTER.match(after)
            or _PRONOUN_BEFORE.search(laid_out[para_span(start)[0] : start - 1])
        ):
            # '"...," she said' or 'She said: "..."': the one person named in this
            # paragraph or the one before, before the quote; none if two were
            one = _the_one_named(named, start, para_of(start))
            if one is not None:
                _, _, speaker, evidence, tag_para = one
        if speaker is None and previous is not None and start - previous[0] < 160:
            # '"...," He said, "and the share is rising."': the quote goes on after its
            # tag, in the same paragraph, with nothing but the tag between
            between = set(words(laid_out[previous[0] : start]))
            if between <= set(words(previous[2])) | {"said", "says", "added", "told"}:
                speaker, evidence, tag_para = previous[1], previous[2], previous[3]
        if speaker is None:
            previous = None
            continue  # no one named: not a quote the base can attribute
        body = passage.replace("\n\n“", "\n\n").replace('\n\n"', "\n\n").strip().rstrip(",;: ")
        if len(words(body)) < 2:
            continue
        first = para_of(start)
        quote = {
            "id": ids.new(f"q-{speaker['id']}-{slug(body, 2)}"),
            "speaker": speaker["id"],
            "text": body,
            "provenance": {
                "source": source_id,
                "paragraphs": list(range(min(first, tag_para), max(tag_para, para_of(end)) + 1)),
                "evidence": evidence,
            },
            "draft": True,
        }
        quotes.append(quote)
        spans.append((start, end, quote))
        bisect.insort(
            named, (start, speaker["id"], speaker, evidence, tag_para), key=lambda n: n[0]
        )
        previous = (end + 1, speaker, evidence, tag_para)

    claims: list[dict[str, Any]] = []
    span_starts = [s for s, _, _ in spans]  # in text order, never overlapping
    figures_left = MAX_FIGURES
    full = False
    last_period: str | None = None
    lead_period: str | None = None
    for number, para in enumerate(paragraphs, 1):
        if full:
            break
        for sentence, offset in sentences(para, starts[number - 1]):
            at = bisect.bisect_right(span_starts, offset) - 1
            inside = spans[at][2] if at >= 0 and offset < spans[at][1] + 1 else None
            reading = sentence
            if offset == 0 and line is not None:  # the dateline is no figure
                reading = " " * len(line.text) + sentence[len(line.text) :]
            figures_here = [
                m
                for m in find_mentions(reading, spelled=True)
                if not m.is_year
                and m.unit != "percentage-points"
                and not (
                    m.unit is None and _MONTH_BEFORE.search(reading, max(0, m.start - 12), m.start)
                )
            ]
            if len(claims) + len(quotes) >= MAX_RECORDS or len(figures_here) > figures_left:
                notes.append(
                    f"more than {MAX_RECORDS:,} claims and quotes or {MAX_FIGURES:,} "
                    f"figures: drafted the text before paragraph {number}, sentence "
                    f"{excerpt(sentence)}"
                )
                full = True
                break
            figures_left -= len(figures_here)
            if inside is not None and not figures_here:
                continue  # the quote holds it
            period, editorial = _period(reading, when, last_period)
            if period is None and figures_here and lead_period and not _COMPARES.search(reading):
                # A figure the sentence dates no other way is of the story's period, as
                # its lead gives it ('in September'), for the editor to confirm.
                period, editorial = lead_period, True
            last_period = period or last_period
            if number <= 2 and lead_period is None:
                lead_period = period
            units = [FIGURE_UNITS[m.unit] for m in figures_here]
            readings = read_figures(reading, figures_here, units)
            about = (readings[0].measure if readings else "") or reading.strip()
            claim_id = ids.new(slug(about))
            claim: dict[str, Any] = {
                "id": claim_id,
                "statement": DATELINE.sub("", sentence) or sentence,  # evidence keeps it
                "kind": "measurement" if figures_here else "description",
                "period": period,
                "period_basis": "editorial" if period and editorial else None,
                "entities": named_in(sentence, entities),
                "figures": _figures(
                    sentence, figures_here, readings, claim_id, ids, (period, editorial)
                ),
                "provenance": {"source": source_id, "paragraphs": [number], "evidence": sentence},
                "draft": True,
            }
            if inside is not None:
                claim["speaker"] = inside["speaker"]
                claim["quote"] = inside["id"]
            elif (person := reported(sentence)) is not None and (
                speaker := people.meet(person, sentence[person.start : person.end], number)
            ):  # indirect speech: a claim with its speaker
                claim["speaker"] = speaker["id"]
                claim["basis"] = "reported"
            elif _PRONOUN_REPORTS.match(sentence):
                # 'He added that stocks were high': the one person named in this
                # paragraph or the one before, before the sentence; none if two were
                one = _the_one_named(named, offset, number)
                if one is not None:
                    claim["speaker"] = one[1]
                    claim["basis"] = "reported"
            claims.append({k: v for k, v in claim.items() if v not in (None, [])})
    document = {
        "format": 1,
        "sources": [source],
        "speakers": people.rows,
        "quotes": quotes,
        "claims": claims,
    }
    return laid_out, document


def _the_one_named(
    named: Sequence[tuple[int, str, dict[str, Any], str, int]], before: int, para: int
) -> tuple[int, str, dict[str, Any], str, int] | None:
    """Whom a 'he said' at ``before`` in paragraph ``para`` means: the one person named
    before it in its paragraph, else the one named in the paragraph before; None when
    two were."""
    for at in (para, para - 1):
        here = [n for n in named if n[0] < before and n[4] == at]
        if len({n[1] for n in here}) > 1:
            return None
        if here:
            return here[-1]
    return None


def _period(sentence: str, when: datetime.date | None, last: str | None) -> tuple[str | None, bool]:
    """(the period a sentence states, whether its year was read from the article's date
    rather than the sentence)."""
    stated = period_of(sentence, None)
    if stated is not None:
        return stated, False
    dated = period_of(sentence, when)
    if dated is not None:
        return dated, True
    if last is not None and _SAME_PERIOD.search(sentence):
        return last, False  # 'in the period': the one the sentence before gave
    return None, False


def _figures(
    sentence: str,
    mentions: Sequence[Mention],
    readings: Sequence[Reading],
    claim_id: str,
    ids: _Ids,
    period: tuple[str | None, bool],
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    last_cny: str | None = None
    basis: str | None = None  # of a change: found once per sentence, not once per figure
    for m, reading in zip(mentions, readings, strict=True):
        unit = FIGURE_UNITS[m.unit]
        kind = reading.kind
        measure = reading.measure or sentence[m.start : m.end]
        fig: dict[str, Any] = {
            "id": ids.new(f"{slug(measure)}-{kind}"),
            "measure": f"(draft) {measure}",
            "scope": f"(draft) {reading.scope}" if reading.scope else None,
            "kind": kind,
            "value": m.value if m.value != int(m.value) or unit != "count" else int(m.value),
            "high": m.high,
            "unit": unit,
            "period": period[0],
            "period_basis": "editorial" if period[0] and period[1] else None,
            "wording": sentence[m.start : m.end],
        }
        if kind == "change":
            if basis is None:
                basis = (
                    "same-period-previous-year"
                    if _SAME_PERIOD_BASIS.search(sentence)
                    else "year-on-year"
                    if _YOY.search(sentence)
                    else "unstated"
                )
            fig["basis"] = basis
        if m.approximate:
            fig["approximate"] = True
        if m.bound:
            fig["bound"] = m.bound
        if unit == "USD" and m.approximate and last_cny is not None:
            fig["converted_from"] = last_cny
        if unit == "CNY":
            last_cny = fig["id"]
        out.append({k: v for k, v in fig.items() if v is not None})
    return out
