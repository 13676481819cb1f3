"""Checking a draft against the base, figure by figure and quote by quote.

Pure: it reads a draft's text and asks the base through ``search`` (the matcher
without its floor, :meth:`brtrade.index.store.FactStore.candidates`), so the
index answers for a large base and memory for a small one, alike. Figures are
found by the one figure parser (:func:`brtrade.core.numbers.find_mentions`);
what a figure is about is found by the one matcher (:mod:`brtrade.core.match`).

Verdicts, and the rules behind them (docs/verify.md):

- figure ``supported``: a figure of the base, of the same unit, that the
  sentence is about, agrees with the draft's number at the precision the draft
  wrote it ('4.7 trillion' agrees with 4.74 trillion, not 4.76);
- figure ``contradicted``: the figure the sentence is most about (it covers at
  least half of the sentence's words, same unit, same year if the sentence names
  one) disagrees, and no figure as much about it agrees;
- quote ``supported``: the passage's words occur in a quote of the base in that
  order (ignoring case, punctuation, quote marks and spacing), by the speaker
  the draft names, if it names one; ``misattributed``: by someone else;
  ``misquoted``: most of its words are in a quote, but not as written;
- ``not-found``: nothing in the base is about it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any, NamedTuple

from brtrade.core.draft import (
    ELLIPSIS,
    Draft,
    attributed_name,
    passages,
    plain,
    speaker_of,
    word_spans,
)
from brtrade.core.numbers import Mention, find_mentions, format_number
from brtrade.core.text import fold

Search = Callable[[str, str, int], list[tuple[dict[str, Any], float]]]
"""(kind, text, limit) -> [(contract row, share of the text's words it covers)], best first."""

VERDICTS = ("supported", "contradicted", "misquoted", "misattributed", "not-found")
PROBLEMS = frozenset({"contradicted", "misquoted", "misattributed"})
ABOUT = 0.5
"""A sentence is about a record that covers at least this share of its words."""
SUPPORT = 0.25
"""A figure that agrees supports the draft when its record covers at least this share."""
MIN_QUOTE_WORDS = 4
CLOSE_QUOTE = 0.5
"""A passage is a misquote of a quote holding at least this share of its words."""
_UNITS = {"CNY": "CNY", "USD": "USD", "percent": "percent", None: "count"}


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

    @property
    def is_problem(self) -> bool:
        return self.verdict in PROBLEMS


def _occurs(pieces: Sequence[Sequence[str]], have: Sequence[str]) -> bool:
    """Whether each piece occurs in ``have``, in order, each as a contiguous run."""
    pos = 0
    for piece in pieces:
        n = len(piece)
        while pos + n <= len(have) and list(have[pos : pos + n]) != list(piece):
            pos += 1
        if pos + n > len(have):
            return False
        pos += n
    return True


def _diff(
    base: Sequence[str],
    said: Sequence[str],
    base_shown: Sequence[str],
    said_shown: Sequence[str],
) -> tuple[str, int, int, int]:
    """A word diff of ``said`` against its best window of ``base`` (compared folded, shown
    as written): (diff, matched words, window start, window end) in base words."""
    import difflib

    sm = difflib.SequenceMatcher(None, base, said, autojunk=False)
    blocks = [b for b in sm.get_matching_blocks() if b.size]
    if not blocks:
        return "", 0, 0, 0
    lo, hi = blocks[0].a, blocks[-1].a + blocks[-1].size
    sm = difflib.SequenceMatcher(None, base[lo:hi], said, autojunk=False)
    out: list[str] = []
    matched = 0
    for op, a1, a2, b1, b2 in sm.get_opcodes():
        if op == "equal":
            matched += a2 - a1
            out.extend(base_shown[lo + a1 : lo + a2])
            continue
        if a2 > a1:
            out.append("[-" + " ".join(base_shown[lo + a1 : lo + a2]) + "-]")
        if b2 > b1:
            out.append("{+" + " ".join(said_shown[b1:b2]) + "+}")
    return " ".join(out), matched, lo, hi


def check_quote(
    draft: Draft,
    start: int,
    end: int,
    search: Search,
    speakers: Sequence[tuple[str, str]],
) -> Finding | None:
    raw = draft.text[start:end]
    unmarked = plain(raw)
    said_spans = word_spans(unmarked)
    said = [w for w, _, _ in said_spans]
    said_shown = [unmarked[a:b] for _, a, b in said_spans]
    if len(said) < MIN_QUOTE_WORDS:
        return None
    line, column = draft.where(start - 1)
    name = attributed_name(draft, start, end)
    who = speaker_of(name, speakers)
    pieces = [[w for w, _, _ in word_spans(p)] for p in ELLIPSIS.split(unmarked)]
    pieces = [p for p in pieces if p]
    base: dict[str, Any] = {
        "kind": "quote",
        "text": draft.text[start - 1 : end + 1],
        "file": draft.file,
        "line": line,
    }
    candidates = search("quote", " ".join(said), 5)
    best: tuple[float, dict[str, Any], str, str] | None = None
    for row, _ in candidates:
        spans = word_spans(row["text"])
        have = [w for w, _, _ in spans]
        if _occurs(pieces, have):
            quoted_by = row["speaker"]["name"]
            if name is not None and who != row["speaker"]["id"]:
                return Finding(
                    **base,
                    column=column,
                    verdict="misattributed",
                    message=f"said by {quoted_by}, not {name} ({row['id']}, "
                    f"{_cite(row['provenance'])})",
                    speaker=name,
                    record=row["id"],
                    expected=_verbatim(row["text"], spans, have, pieces),
                    provenance=row["provenance"],
                )
            return Finding(
                **base,
                column=column,
                verdict="supported",
                message=f"verbatim in {row['id']}, said by {quoted_by} "
                f"({_cite(row['provenance'])})",
                speaker=name or quoted_by,
                record=row["id"],
                expected=_verbatim(row["text"], spans, have, pieces),
                provenance=row["provenance"],
            )
        shown = [row["text"][a:b] for _, a, b in spans]
        diff, matched, lo, hi = _diff(have, said, shown, said_shown)
        share = matched / len(said)
        if share >= CLOSE_QUOTE and matched >= 3 and (best is None or share > best[0]):
            expected = row["text"][spans[lo][1] : spans[hi - 1][2]] if hi > lo else None
            best = (share, row, diff, expected or "")
    if best is not None:
        _, row, diff, expected = best
        return Finding(
            **base,
            column=column,
            verdict="misquoted",
            message=f"not as {row['speaker']['name']} said it ({row['id']}, "
            f"{_cite(row['provenance'])}): {diff}",
            speaker=name,
            record=row["id"],
            expected=expected,
            provenance=row["provenance"],
            diff=diff,
        )
    return Finding(
        **base,
        column=column,
        verdict="not-found",
        message="no quote of the base says this",
        speaker=name,
    )


def _verbatim(
    text: str,
    spans: Sequence[tuple[str, int, int]],
    have: Sequence[str],
    pieces: Sequence[Sequence[str]],
) -> str:
    """The base quote's own words for the passage: from its first word to its last."""
    first, last = pieces[0], pieces[-1]
    for i in range(len(have) - len(first) + 1):
        if list(have[i : i + len(first)]) == list(first):
            for j in range(i, len(have) - len(last) + 1):
                if list(have[j : j + len(last)]) == list(last):
                    return text[spans[i][1] : spans[j + len(last) - 1][2]]
    return text


# --------------------------------------------------------------------------
# Figures


def _cite(prov: dict[str, Any]) -> str:
    return "¶" + ", ¶".join(str(p) for p in prov["paragraphs"])


_BASE_YEAR = re.compile(
    r"(?:from|since|than|over|against|versus|vs\.?|compared\s+(?:with|to))\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def _years(draft: Draft, mentions: Iterable[Mention]) -> set[str]:
    """The years a sentence is about: its years, but for those it compares with
    ('up 7% from 2019' is about 2020, or at least not about 2019)."""
    return {
        str(int(m.value))
        for m in mentions
        if m.is_year and not _BASE_YEAR.search(draft.text[max(0, m.start - 30) : m.start])
    }


_CAPITALISED = re.compile(r"(?<![.!?:“\"‘]\s)(?<!^)\b[A-Z][a-z]+(?:[A-Z][a-z]+)*\b")


def _strangers(text: str, known: Callable[[str], bool]) -> list[str]:
    """Names in the sentence (capitalised, not first) that no record of the base holds:
    'Africa' in a sentence about trade. A sentence naming one may be about something
    the base does not cover, so it is never said to contradict the base."""
    found = []
    for m in _CAPITALISED.finditer(text.strip()):
        if m.start() == 0:
            continue
        word = fold(m.group())
        if not known(word):
            found.append(m.group())
    return found


def _period_years(period: str | None) -> set[str]:
    return set(re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", period or ""))


def _is_list_marker(draft: Draft, m: Mention) -> bool:
    line_start = draft.text.rfind("\n", 0, m.start) + 1
    before = draft.text[line_start : m.start].strip()
    after = draft.text[m.end : m.end + 1]
    return before in ("", "#", "##", "###") and after in (".", ")") and m.unit is None


def check_figures(
    draft: Draft, search: Search, known: Callable[[str], bool] = lambda w: True
) -> list[Finding]:
    """Every figure of the draft with its verdict."""
    out: list[Finding] = []
    all_mentions = find_mentions(draft.text)
    by_sentence: dict[tuple[int, int], list[Mention]] = {}
    for m in all_mentions:
        by_sentence.setdefault(draft.sentence_at(m.start, m.end), []).append(m)
    for (s_start, s_end), mentions in by_sentence.items():
        years = _years(draft, mentions)
        figures = [m for m in mentions if not m.is_year and not _is_list_marker(draft, m)]
        if not figures:
            continue
        # The whole sentence, figures included: the other figures of a sentence tell
        # what it is about ('4.74 trillion yuan, up 9 percent' is about ASEAN's trade).
        sentence = plain(draft.text[s_start:s_end])
        candidates = search("claim", sentence, 12)
        strangers = _strangers(sentence, known)
        judged = [_judge(draft, m, candidates, years, bool(strangers)) for m in figures]
        # A claim that supports one figure of a sentence is what the sentence is about:
        # '4.74 trillion yuan, up 9 percent' puts the 9 percent against that claim too.
        anchors = {f.record for f in judged if f.verdict == "supported" and f.record}
        if anchors:
            anchored = [
                (row, max(c, ABOUT) if row["id"] in anchors else c) for row, c in candidates
            ]
            judged = [
                f
                if f.verdict == "supported"
                else _judge(draft, m, anchored, years, bool(strangers))
                for f, m in zip(judged, figures, strict=True)
            ]
        out.extend(judged)
    return out


def _judge(
    draft: Draft,
    m: Mention,
    candidates: Sequence[tuple[dict[str, Any], float]],
    years: set[str],
    strangers: bool = False,
) -> Finding:
    unit = _UNITS.get(m.unit)
    line, column = draft.where(m.start)
    shown = format_number(m.value, m.unit if m.unit in ("CNY", "USD", "percent") else None)
    base: dict[str, Any] = {
        "kind": "figure",
        "text": m.text,
        "file": draft.file,
        "line": line,
        "column": column,
    }
    compatible: list[tuple[float, bool, dict[str, Any], dict[str, Any]]] = []
    for claim, cover in candidates:
        for fig in claim["figures"]:
            if fig["unit"] != unit:
                continue
            fig_years = _period_years(fig["period"]) or _period_years(claim["period"])
            if years and fig_years and not years & fig_years:
                continue  # the draft names another year
            compatible.append((cover, m.agrees_with(fig["value"]), fig, claim))
    if unit is not None and compatible:
        compatible.sort(key=lambda c: (-c[0], not c[1]))
        top_cover = compatible[0][0]
        agreeing = [c for c in compatible if c[1] and c[0] >= max(SUPPORT, top_cover - 0.1)]
        if agreeing:
            cover, _, fig, claim = agreeing[0]
            return _finding(
                base, "supported", m, shown, fig, claim, f"agrees with {fig['wording']!r}"
            )
        cover, _, fig, claim = compatible[0]
        if cover >= ABOUT and not strangers:
            said = format_number(fig["value"], fig["unit"] if fig["unit"] != "count" else None)
            return _finding(
                base, "contradicted", m, shown, fig, claim, f"the base says {said}, not {shown}"
            )
    return Finding(
        **base,
        verdict="not-found",
        message=f"no figure of the base is about {shown}",
        value=m.value,
        unit=m.unit,
    )


def _finding(
    base: dict[str, Any],
    verdict: str,
    m: Mention,
    shown: str,
    fig: dict[str, Any],
    claim: dict[str, Any],
    what: str,
) -> Finding:
    prov = claim["provenance"]
    return Finding(
        **base,
        verdict=verdict,
        message=f"{what} ({claim['id']}, {_cite(prov)}: {fig['wording']!r})",
        value=m.value,
        unit=m.unit,
        record=claim["id"],
        figure=fig["id"],
        expected=fig["wording"],
        provenance=prov,
    )


# --------------------------------------------------------------------------


def verify_draft(
    text: str,
    file: str,
    search: Search,
    speakers: Sequence[tuple[str, str]],
    known: Callable[[str], bool] = lambda word: True,
) -> list[Finding]:
    """Every figure and quotation of a draft, with its verdict, in the draft's order.
    ``known`` tells whether a (folded) word is one the base's records hold."""
    draft = Draft(text, file)
    findings = check_figures(draft, search, known)
    for start, end in passages(draft):
        found = check_quote(draft, start, end, search, speakers)
        if found is not None:
            findings.append(found)
    findings.sort(key=lambda f: (f.line, f.column, f.kind))
    return findings


def summary(findings: Sequence[Finding]) -> str:
    """'12 figures: 9 supported, 2 contradicted, 1 not found · 3 quotes: 2 supported'."""
    parts = []
    for kind, plural in (("figure", "figures"), ("quote", "quotes")):
        mine = [f for f in findings if f.kind == kind]
        counts = [
            f"{n} {v.replace('-', ' ')}"
            for v in VERDICTS
            if (n := sum(f.verdict == v for f in mine))
        ]
        head = f"{len(mine)} {plural if len(mine) != 1 else kind}"
        parts.append(head + (": " + ", ".join(counts) if counts else ""))
    return " · ".join(parts)
