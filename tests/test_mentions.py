"""Numbers in text, read by the pattern that finds them fast and by the one that says
what a mention is, plainly.

``find_mentions`` reads the hedge of a number ('about', 'more than', 'just under') back
from where the number starts, because a pattern that begins with the hedge words makes
the regex engine try them at every letter of every text. The plain pattern below, the
hedge in front as an optional group (as it was written before), is the specification:
both must find the same mentions, at the same places, with the same hedges.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from brtrade.core import numbers
from brtrade.core.loader import load_fact_base
from tests.helpers import ROOT

HEDGES = r"""
    (?:(?P<approx>\b(?:about|around|approximately|roughly|some|an\ estimated|close\ to)\s+)|
       (?P<lower>\b(?:more\ than|over|above|at\ least|upwards\ of|in\ excess\ of|exceeding)\s+)|
       (?P<upper>\b(?:nearly|almost|less\ than|fewer\ than|under|up\ to|below|
           no\ more\ than|just\ under)\s+))?
"""
PLAIN = re.compile(HEDGES + numbers._MENTION, re.IGNORECASE | re.VERBOSE)
"""The hedge words in front, as an optional group, of the number's own pattern."""


def plain_spans(text: str) -> list[tuple[int, int, str | None, str]]:
    """(start, end of number, hedge, hedge text) of each match of the plain pattern."""
    out = []
    for m in PLAIN.finditer(text):
        hedge = next((g for g in ("approx", "lower", "upper") if m.group(g)), None)
        start = m.start(hedge) if hedge else m.start("pre" if m.group("pre") else "num")
        out.append((start, m.end("num"), hedge, m.group(hedge) if hedge else ""))
    return out


def fast_spans(text: str) -> list[tuple[int, int, str | None, str]]:
    out = []
    last = 0
    for m in numbers._mention_pattern().finditer(text):
        hedged = numbers._hedge_before(text, m.start(), last)
        last = m.end()
        start = m.start() if hedged is None else hedged[1]
        hedge = None if hedged is None else hedged[0]
        out.append((start, m.end("num"), hedge, text[start : m.start()] if hedged else ""))
    return out


WORDS = [
    "about",
    "around",
    "approximately",
    "some",
    "an estimated",
    "close to",
    "more than",
    "no more than",
    "over",
    "at least",
    "in excess of",
    "nearly",
    "just under",
    "under",
    "up to",
    "less than",
    "US$",
    "U.S. $",
    "$",
    "RMB",
    "CNY",
    "USD",
    "¥",
    "5",
    "12.5",
    "1,200",
    "2020",
    "percent",
    "%",
    "billion",
    "bn",
    "yuan",
    "dollars",
    "U.S dollars",
    "trade",
    "rose",
    "G20",
    "x5",
    "-",
    "to",
    "and",
    "  ",
    "\n",
    ",",
    ".",
]
texts = st.lists(st.sampled_from(WORDS), max_size=12).map(
    lambda parts: "".join(p + (" " if i % 3 else "") for i, p in enumerate(parts))
)


@settings(max_examples=1500, deadline=None)
@given(text=st.one_of(texts, st.lists(st.sampled_from(WORDS), max_size=10).map(" ".join)))
def test_the_fast_pattern_finds_what_the_plain_one_does(text: str) -> None:
    assert fast_spans(text) == plain_spans(text)


def test_every_text_of_the_bundled_base_reads_alike() -> None:
    base = load_fact_base(ROOT / "facts.yaml")
    texts = [c.statement for c in base.claims] + [c.provenance.evidence for c in base.claims]
    texts += [q.text for q in base.quotes]
    texts += (ROOT / "sources" / "br-trade-2020.txt").read_text(encoding="utf-8").split("\n")
    found = 0
    for text in texts:
        assert fast_spans(text) == plain_spans(text), text
        found += len(plain_spans(text))
    assert found > 50


def test_hedges_are_read_back() -> None:
    got = numbers.find_mentions("exports of just under 5 billion yuan, more than $3 million")
    assert [(m.bound, m.strict, m.text) for m in got] == [
        ("upper", False, "5 billion yuan"),
        ("lower", True, "$3 million"),
    ]
    assert numbers.find_mentions("about  12 percent")[0].approximate
    assert numbers.find_mentions("nearly 12 percent")[0].strict is False
