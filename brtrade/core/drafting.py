"""Drafting a fact file from a new article: everything that can be read off the text.

``brtrade draft`` lays the text out as the base expects (paragraphs separated by a
blank line) and drafts its records: the source; every direct quote with its speaker,
role and organisation parsed from the attribution ('…,' said NAME, ROLE of ORG /
NAME, ROLE, said / according to NAME; a later 'Liu said' links back); every figure,
with its verbatim wording, value, unit, kind and stated basis, by the same parser as
``check`` and ``verify``; and one claim per sentence that holds a figure or states a
fact outside quotes, with its verbatim evidence. What only an editor can write
(statements, topics, measures, editorial links) is drafted from the text and marked
``draft: true``, which ``check`` reports on its own ('draft: N records still need an
editor', exit 4). Everything else passes ``check`` as written.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from typing import Any

from brtrade.core.draft import Draft, passages
from brtrade.core.errors import excerpt
from brtrade.core.numbers import Mention, find_mentions
from brtrade.core.sources import split_paragraphs
from brtrade.core.text import words

_NAME = r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}"
_AFTER = re.compile(
    rf"^[\s,;:—–-]*(?:said|says|according\s+to|told\s+\w+|added)\s+(?P<name>{_NAME})"
    rf"(?:,\s+(?P<rest>[^.]*?))?(?=\.\s|\.$|$)"
)
_AFTER_NAME_FIRST = re.compile(
    rf"^[\s,;:—–-]*(?P<name>{_NAME})(?:,\s+(?P<rest>[^.]*?),)?\s+(?:said|says|added)\b"
)
_BEFORE = re.compile(
    rf"(?:^|[.!?]\s+)(?P<att>(?P<name>{_NAME})(?:,\s+(?P<rest>[^.:]*?),)?\s+(?:said|says))"
    r"[\s,:]*$"
)
_SENTENCE = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][”\"’]))\s+(?=[“\"‘(]?[A-Z0-9])")
_CHANGE = re.compile(
    r"\b(up|down|rose|rise|rising|grew|grow|growth|increase\w*|decrease\w*|"
    r"fell|fall|declin\w*|jump\w*|surg\w*|climb\w*|drop\w*)\b",
    re.I,
)
_SHARE = re.compile(r"\b(of|accounting\s+for|account\s+for|share|made\s+up|makes?\s+up)\b", re.I)
_SHARE_BEFORE = re.compile(
    r"\b(made\s+up|makes?\s+up|accounting\s+for|accounts?\s+for|share\s+of|"
    r"proportion\s+of)\s+$",
    re.I,
)
_YOY = re.compile(
    r"year[\s-]on[\s-]year|from\s+the\s+(?:previous\s+)?year\s+before|"
    r"from\s+a\s+year\s+(?:earlier|ago)|over\s+the\s+previous\s+year",
    re.I,
)
_SAME_PERIOD = re.compile(r"same\s+period", re.I)
_HALF = re.compile(r"\b(first|second)\s+half\s+of\s+((?:19|20)\d\d)\b", re.I)
_UNIT = {"CNY": "CNY", "USD": "USD", "percent": "percent", None: "count"}


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
        """Per wanted id, the suffix to try next: a thousand figures wanting one id cost
        a thousand steps, not half a million."""

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


def _split_role(rest: str) -> tuple[str, str]:
    """'executive dean of the China Institute ...' -> ('executive dean', 'China Institute
    ...'); 'Deputy Director, Institute of ...' -> ('Deputy Director', 'Institute of ...')."""
    at = rest.find(" at ")
    if at > 0:  # 'director of operations at Harbour City Port Authority'
        return rest[:at], rest[at + 4 :]
    comma = rest.find(", ")
    of = min((i for i in (rest.find(" of the "), rest.find(" of ")) if i > 0), default=-1)
    if comma > 0 and (of < 0 or comma < of):
        return rest[:comma], rest[comma + 2 :]
    if of > 0:
        skip = 8 if rest.startswith(" of the ", of) else 4
        return rest[:of], rest[of + skip :]
    return rest, rest


MAX_RECORDS = 5_000
"""A draft holds at most this many claims and quotes (a long feature has tens); the rest
of a longer text is left out, with a note: the time and memory an article at its size
limit takes stay bounded."""
MAX_FIGURES = 5_000
"""...and at most this many figures."""


def draft_fact_file(
    text: str,
    name: str,
    *,
    taken_ids: Iterable[str] = (),
    entities: Sequence[tuple[str, Sequence[str]]] = (),
    cut: list[str] | None = None,
) -> tuple[str, dict[str, Any]]:
    """(the text laid out, the draft fact file as plain data) for article ``name``.

    ``taken_ids`` are ids the base already uses; ``entities`` its (id, names) to link.
    Past :data:`MAX_RECORDS` records or :data:`MAX_FIGURES` figures the rest is left
    out, and ``cut`` gets a note saying so."""
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

    # Paragraph breaks, found once: each quotation looks for its own by bisection (a
    # search from each quotation would make an article of many quotations quadratic).
    breaks = [m.start() for m in re.finditer("(?=\n\n)", laid_out)]

    def next_break(offset: int) -> int:
        i = bisect.bisect_left(breaks, offset)
        return breaks[i] if i < len(breaks) else len(laid_out)

    def previous_break(offset: int) -> int:
        i = bisect.bisect_left(breaks, offset - 1) - 1
        return breaks[i] if i >= 0 else -1

    ids = _Ids(taken_ids)
    source_id = ids.new(slug(name, 6))
    source = {
        "id": source_id,
        "text": f"sources/{source_id}.txt",
        "label": f"Article {name} (draft: describe it; give only what it states)",
        "draft": True,
    }
    draft = Draft(laid_out, name)
    speakers: list[dict[str, Any]] = []
    known: dict[tuple[str, ...], dict[str, Any]] = {}
    quotes: list[dict[str, Any]] = []
    spans: list[tuple[int, int, dict[str, Any]]] = []

    for start, end in passages(draft):
        if len(quotes) >= MAX_RECORDS // 2:
            notes.append(f"more than {MAX_RECORDS // 2:,} quotations: drafted the first")
            break
        passage = laid_out[start:end]
        if len(words(passage)) < 4:
            continue
        s_end = next_break(end)
        after = laid_out[end + 1 : s_end]
        m = _AFTER.match(after) or _AFTER_NAME_FIRST.match(after)
        att_start = att_end = None
        if m is not None:
            att_start, att_end = end + 1 + m.start("name"), end + 1 + m.end()
            said = re.search(r"(said|says|according\s+to|told|added)\b", after[: m.end()])
            if said is not None and said.start() < m.start("name"):
                att_start = end + 1 + said.start()
            if after[m.end() : m.end() + 1] == ",":
                att_end = end + 1 + m.end()
        else:
            line_start = previous_break(start)
            before = laid_out[line_start + 2 if line_start >= 0 else 0 : start - 1]
            m = _BEFORE.search(before)
            if m is not None:
                offset = line_start + 2 if line_start >= 0 else 0
                att_start, att_end = offset + m.start("att"), offset + m.end("att")
        if m is None or att_start is None or att_end is None:
            continue  # no speaker named: not a quote the base can attribute
        attribution = laid_out[att_start:att_end].rstrip(" ,.")
        person = m.group("name")
        speaker = _speaker_for(person, m.group("rest"), attribution, speakers, known, ids)
        if speaker is None:
            continue
        if "provenance" not in speaker:
            speaker["provenance"] = {
                "source": source_id,
                "paragraphs": [para_of(att_start)],
                "evidence": attribution,
            }
        body = passage.replace("\n\n“", "\n\n").replace('\n\n"', "\n\n").strip().rstrip(",;: ")
        first, last = para_of(start), para_of(att_start)
        quote = {
            "id": ids.new(f"q-{speaker['id']}-{slug(body, 2)}"),
            "speaker": speaker["id"],
            "text": body,
            "provenance": {
                "source": source_id,
                "paragraphs": list(range(first, max(last, para_of(end)) + 1)),
                "evidence": attribution,
            },
            "draft": True,
        }
        quotes.append(quote)
        spans.append((start, end, quote))

    claims: list[dict[str, Any]] = []
    span_starts = [s for s, _, _ in spans]  # in text order, never overlapping
    figures_left = MAX_FIGURES
    full = False
    for number, para in enumerate(paragraphs, 1):
        if full:
            break
        for sentence, offset in _sentences(para, starts[number - 1]):
            at = bisect.bisect_right(span_starts, offset) - 1
            inside = spans[at][2] if at >= 0 and offset < spans[at][1] + 1 else None
            mentions = [m for m in find_mentions(sentence) if not m.is_year]
            figures_here = [m for m in mentions if m.unit != "percentage-points"]
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
            claim_id = ids.new(slug(sentence))
            period = _period(sentence)
            claim: dict[str, Any] = {
                "id": claim_id,
                "statement": sentence,
                "kind": "measurement" if figures_here else "description",
                "period": period,
                "entities": _entities(sentence, entities),
                "figures": _figures(sentence, figures_here, claim_id, period, ids),
                "provenance": {"source": source_id, "paragraphs": [number], "evidence": sentence},
                "draft": True,
            }
            if inside is not None:
                claim["speaker"] = inside["speaker"]
                claim["quote"] = inside["id"]
            claims.append({k: v for k, v in claim.items() if v not in (None, [])})
    for sp in speakers:
        sp.pop("family", None)
    document = {
        "format": 1,
        "sources": [source],
        "speakers": speakers,
        "quotes": quotes,
        "claims": claims,
    }
    return laid_out, document


def _speaker_for(
    person: str,
    rest: str | None,
    attribution: str,
    speakers: list[dict[str, Any]],
    known: dict[tuple[str, ...], dict[str, Any]],
    ids: _Ids,
) -> dict[str, Any] | None:
    """The speaker a quote's attribution names: a known one by full or family name, or a
    new one with role and organisation split from the rest of the attribution.
    ``known`` holds the speakers so far by full name and by first and last name alone
    (the first speaker of a name keeps it): finding one is a lookup, not a walk."""
    named = words(person)
    found = known.get(tuple(named))
    if found is not None:
        return found
    if len(named) < 2:
        return None  # a family name alone, for someone not yet introduced
    role, organisation = _split_role(rest or "")
    if not role:
        return None
    sp = {
        "id": ids.new(slug(person, 3)),
        "name": person,
        "role": role.strip(),
        "organisation": organisation.strip(),
        "draft": True,
    }
    speakers.append(sp)
    full = words(person)
    for key in (tuple(full), (full[0],), (full[-1],)):
        known.setdefault(key, sp)
    return sp


def _sentences(paragraph: str, offset: int) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    pos = 0
    for m in _SENTENCE.finditer(paragraph):
        out.append((paragraph[pos : m.start()], offset + pos))
        pos = m.end()
    out.append((paragraph[pos:], offset + pos))
    return [(s.strip().strip('“”"‘’').strip(), o) for s, o in out if len(words(s)) >= 3]


def _period(sentence: str) -> str | None:
    half = _HALF.search(sentence)
    if half:
        return f"{half.group(2)}-H{1 if half.group(1).lower() == 'first' else 2}"
    years = [m for m in find_mentions(sentence) if m.is_year]
    return str(int(years[0].value)) if years else None


def _entities(sentence: str, entities: Sequence[tuple[str, Sequence[str]]]) -> list[str]:
    have = words(sentence)
    found = []
    for eid, names in entities:
        for n in names:
            want = words(n)
            if want and any(have[i : i + len(want)] == want for i in range(len(have))):
                found.append(eid)
                break
    return found


def _figures(
    sentence: str, mentions: Sequence[Mention], claim_id: str, period: str | None, ids: _Ids
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    last_cny: str | None = None
    basis: str | None = None  # of a change: found once per sentence, not once per figure
    for m in mentions:
        unit = _UNIT.get(m.unit)
        if unit is None:
            continue
        if unit == "percent":
            before = sentence[max(0, m.start - 30) : m.start]
            if _SHARE_BEFORE.search(before):
                kind = "share"  # 'made up 35 percent', 'accounting for 29.1 percent'
            elif _CHANGE.search(before):
                kind = "change"  # 'up 7 percent', 'rose 1 percent'
            else:
                kind = "share" if _SHARE.search(sentence[m.end : m.end + 30]) else "change"
        else:
            kind = "count" if unit == "count" else "amount"
        fig: dict[str, Any] = {
            "id": ids.new(f"{claim_id}-{unit.lower()}"),
            "measure": f"(draft) {sentence[m.start : m.end]}",
            "kind": kind,
            "value": m.value if m.value != int(m.value) or unit != "count" else int(m.value),
            "unit": unit,
            "period": period,
            "wording": sentence[m.start : m.end],
        }
        if kind == "change":
            if basis is None:
                basis = (
                    "same-period-previous-year"
                    if _SAME_PERIOD.search(sentence)
                    else "year-on-year"
                    if _YOY.search(sentence)
                    else "unstated"
                )
            fig["basis"] = basis
        if m.approximate:
            fig["approximate"] = True
        if unit == "USD" and m.approximate and last_cny is not None:
            fig["converted_from"] = last_cny
        if unit == "CNY":
            last_cny = fig["id"]
        out.append({k: v for k, v in fig.items() if v is not None})
    return out
