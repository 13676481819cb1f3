"""verify's verdicts on quotations: a passage in quote marks against the quotes of the
base, whole or as a fragment, and against the speaker the draft names (its tag, or for
a partial quotation in the writer's own sentence, the speaker the sentence or the one
before names). The rules are in :mod:`brtrade.core.verify` and docs/verify.md.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from brtrade.core.draft_text import (
    ELLIPSIS,
    Draft,
    attributed_name,
    described_speaker,
    named_speaker,
    plain,
    speaker_of,
    word_spans,
)
from brtrade.core.findings import Finding, Search
from brtrade.core.text import words

MIN_QUOTE_WORDS = 4
MIN_FRAGMENT_WORDS = 2
"""A fragment this short is checked when the draft names a speaker of the base beside it
('Zhou Mi called it "of great significance"'); else only quotations of
:data:`MIN_QUOTE_WORDS` words or more are."""
CLOSE_QUOTE = 0.5
"""A passage is a misquote of a quote holding at least this share of its words."""


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


@lru_cache(maxsize=1024)
def _diff(
    base: tuple[str, ...],
    said: tuple[str, ...],
    base_shown: tuple[str, ...],
    said_shown: tuple[str, ...],
) -> tuple[str, int, int, int]:
    """A word diff of ``said`` against its best window of ``base`` (compared folded, shown
    as written): (diff, matched words, window start, window end) in base words. Made once
    per pair: a draft that gives a quotation twice compares it with the same quotes."""
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


@lru_cache(maxsize=1024)
def _quote_words(text: str) -> tuple[tuple[tuple[str, int, int], ...], tuple[str, ...]]:
    """(word spans, folded words) of a base quote's text, once per text: every quotation
    of a draft is compared with the same few quotes."""
    spans = tuple(word_spans(text))
    return spans, tuple(w for w, _, _ in spans)


def check_quote(
    draft: Draft,
    start: int,
    end: int,
    search: Search,
    speakers: Sequence[tuple[str, str]],
    known: Callable[[str], bool] = lambda word: True,
    describe: Callable[[str], str | None] | None = None,
) -> Finding | None:
    """The verdict on the quotation at [start, end): verbatim (whole, or a fragment) in
    a quote of the speaker the draft names, misquoted, misattributed, or not found.
    ``known`` tells whether a (folded) word is one the base's records hold: a 'said'
    followed only by such words names no person. ``describe`` gives the id of the one
    speaker a description fits ('the Ministry of Commerce expert'), for a sentence that
    names no one."""
    raw = draft.text[start:end]
    unmarked = plain(raw)
    said_spans = word_spans(unmarked)
    said = [w for w, _, _ in said_spans]
    said_shown = [unmarked[a:b] for _, a, b in said_spans]
    if len(said) < MIN_FRAGMENT_WORDS:
        return None
    line, column = draft.where(start - 1)
    name = attributed_name(draft, start, end)
    who = speaker_of(name, speakers)
    if who is None and (name is None or all(known(w) for w in words(name))):
        # No speaker tag, or a 'said' followed by no person ('said China's "..."'): a
        # partial quotation in the writer's own sentence is the speaker's it names.
        named = named_speaker(draft, start, end, speakers)
        if named is not None:
            name, who = named
        elif describe is not None and (described := described_speaker(draft, start, end)):
            fits = describe(described)  # 'the Ministry of Commerce expert said "..."'
            if fits is not None:  # shown as written, but 'not a WTO scholar'
                first = described.split(" ", 1)[0]
                lead = first.lower() if first in ("The", "A", "An") else first
                name, who = lead + described[len(first) :], fits
    if len(said) < MIN_QUOTE_WORDS and who is None:
        return None  # a few words in quote marks, from no one: a phrase, not a quotation
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
        spans, have = _quote_words(row["text"])
        if _occurs(pieces, have):
            quoted_by = row["speaker"]["name"]
            if name is not None and who != row["speaker"]["id"]:
                return Finding(
                    **base,
                    column=column,
                    verdict="misattributed",
                    message=f"said by {quoted_by}, not {name} ({row['id']}, "
                    f"{cite(row['provenance'])})",
                    speaker=name,
                    record=row["id"],
                    expected=_verbatim(row["text"], spans, have, pieces),
                    provenance=row["provenance"],
                )
            return Finding(
                **base,
                column=column,
                verdict="supported",
                message=f"verbatim in {row['id']}, said by {quoted_by} ({cite(row['provenance'])})",
                speaker=name or quoted_by,
                record=row["id"],
                expected=_verbatim(row["text"], spans, have, pieces),
                provenance=row["provenance"],
            )
        shown = tuple(row["text"][a:b] for _, a, b in spans)
        diff, matched, lo, hi = _diff(have, tuple(said), shown, tuple(said_shown))
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
            f"{cite(row['provenance'])}): {diff}",
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


def cite(prov: dict[str, Any]) -> str:
    """'¶5' or '¶8, ¶9': where a record stands in its source, for a finding's message."""
    return "¶" + ", ¶".join(str(p) for p in prov["paragraphs"])
