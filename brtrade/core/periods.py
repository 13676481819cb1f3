"""Periods, as ISO 8601 writes them: a year (2020), a half (2020-H2, brtrade's
extension of the quarter form), a quarter (2020-Q3), a month (2020-05), a day
(2020-05-31), or an interval of two of these (2023-01/2023-05); and the periods news
copy states ('in the first two months', 'last year'), read against the article's date
(its dateline: 'BEIJING, March 7 (Xinhua) --')."""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Sequence
from typing import NamedTuple

from brtrade.core.language import MONTHS
from brtrade.core.numbers import SMALL_NUMBERS

_ONE = r"\d{4}(?:-H[12]|-Q[1-4]|-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?"
PERIOD = re.compile(rf"{_ONE}(?:/{_ONE})?\Z")
EXAMPLES = "2020, 2020-H2, 2020-Q3, 2020-05, 2020-05-31 or 2023-01/2023-05"


def is_period(text: str) -> bool:
    """Whether ``text`` is a period as the fact-file format writes them."""
    return bool(PERIOD.match(text))


def years(period: str | None) -> set[str]:
    """The years a period touches: '2023-01/2024-05' -> {'2023', '2024'}."""
    if not period:
        return set()
    found = re.findall(r"(?<!\d)\d{4}", period)
    if len(found) == 2 and "/" in period:
        first, last = int(found[0]), int(found[1])
        return {str(y) for y in range(first, min(last, first + 100) + 1)}
    return set(found)


def months(period: str | None) -> frozenset[tuple[int, int]] | None:
    """The (year, month)s of a period shorter than a year ('2020-H2', '2020-Q1',
    '2020-07/2020-12', '2020-05'); None for a whole year, for none, or for one this
    cannot read."""
    if not period:
        return None
    m = re.fullmatch(r"(\d{4})-(?:H([12])|Q([1-4])|(\d\d))(?:/(\d{4})-(\d\d))?", period)
    if m is None:
        return None
    year = int(m.group(1))
    if m.group(2):
        first = 1 if m.group(2) == "1" else 7
        span = [(year, k) for k in range(first, first + 6)]
    elif m.group(3):
        first = 3 * int(m.group(3)) - 2
        span = [(year, k) for k in range(first, first + 3)]
    elif m.group(5):
        a, b = (year, int(m.group(4))), (int(m.group(5)), int(m.group(6)))
        span = []
        y, k = a
        while (y, k) <= b and len(span) < 120:
            span.append((y, k))
            y, k = (y + 1, 1) if k == 12 else (y, k + 1)
    else:
        span = [(year, int(m.group(4)))]
    return frozenset(span) if len(span) < 12 else None


def compared_with(period: str | None, basis: str | None) -> set[str]:
    """The years a change over ``period`` is measured against, when its basis says so:
    a year-on-year rise in 2020, or one over the same period of the year before, is a
    rise from 2019 ('how much did trade grow compared with 2019')."""
    if basis not in ("year-on-year", "same-period-previous-year"):
        return set()
    return {str(int(y) - 1) for y in years(period)}


COMPARED_WITH = frozenset("from since than over against versus vs on between before".split())
"""Words after which a year is one compared with ('up 7 % **from** 2019'), not one
a question or a sentence is about."""
_COMPARING = frozenset("compare compared comparing comparison relative".split())
_PASSED_OVER = frozenset("the in of year that those its level levels".split())


def measured_against(before: Sequence[str]) -> bool:
    """Whether a year after the folded words ``before`` is one compared with ('up
    **from** 2019', 'compared **with** the 2019 level', 'than in 2019'), not one the
    text is about ('grew **in** 2019')."""
    kept = [w for w in before[-4:] if w not in _PASSED_OVER]
    if not kept:
        return False
    if kept[-1] in COMPARED_WITH:
        return True
    return kept[-1] in ("with", "to") and len(kept) > 1 and kept[-2] in _COMPARING


WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
"""The days of the week, folded: when, never who ('the ministry said on **Tuesday**')."""

MONTH_NAME = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_MONTH = MONTH_NAME

# --------------------------------------------------------------------------
# The article's date


@functools.cache
def _dateline_pattern() -> re.Pattern[str]:
    """Compiled on first use, as the periods' patterns are: a query pays for neither."""
    return re.compile(
        rf"^\s*(?P<place>[A-Z][A-Za-z .'’-]*?),\s+(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})"
        rf"(?:,\s*(?P<year>(?:19|20)\d\d))?\s*(?:\((?P<agency>[^)\n]{{1,40}})\)\s*)?"
        r"(?:--|—|–|-)\s*"
    )


class Dateline(NamedTuple):
    """'BEIJING, March 7 (Xinhua) --': where and when an agency or wire story was filed."""

    text: str
    """The dateline as written, up to and including its dash."""
    month: int
    day: int
    year: int | None
    """The year, when the dateline writes it (most do not)."""


def dateline(text: str) -> Dateline | None:
    """The dateline the text opens with, if it has one."""
    m = _dateline_pattern().match(text)
    if m is None:
        return None
    return Dateline(
        m.group().rstrip(),
        MONTHS[m.group("month").rstrip(".").lower()],
        int(m.group("day")),
        int(m.group("year")) if m.group("year") else None,
    )


def article_date(line: Dateline | None, today: datetime.date) -> datetime.date | None:
    """The date a dateline gives, its year (when it writes none) the latest that is not
    after ``today``: a story drafted on the day it is filed, or in the months after."""
    if line is None:
        return None
    year = line.year or today.year
    try:
        day = datetime.date(year, line.month, line.day)
    except ValueError:
        return None
    if line.year is None and day > today:
        day = day.replace(year=year - 1)
    return day


# --------------------------------------------------------------------------
# Periods

_N = r"(?P<n>two|three|four|five|six|seven|eight|nine|ten|eleven|\d{1,2})"
_PERIOD_PATTERNS: tuple[tuple[str, str], ...] = (
    (
        "months",
        rf"\bfirst\s+{_N}\s+months\b(?:\s+of\s+(?:the\s+year|this\s+year|(?P<y>(?:19|20)\d\d)))?",
    ),
    (
        "to",
        rf"\b{_N}\s+months\s+(?:to|through|ending(?:\s+in)?)\s+(?P<m>{_MONTH})(?:\s+(?P<y>(?:19|20)\d\d))?",
    ),
    (
        "span",
        rf"\b(?:(?:from\s+)?(?P<m1>{_MONTH})\s*(?:[-–]|to|through|until)\s*|between\s+"
        rf"(?P<b1>{_MONTH})\s+and\s+)(?P<m2>{_MONTH})\b(?:\s+(?P<y>(?:19|20)\d\d))?",
    ),
    (
        "half",
        r"\b(?P<h>first|second|latter|back|final|last|front)\s+(?:half|six\s+months)\b"
        r"(?:\s+of\s+(?:the\s+year|this\s+year|(?P<y>(?:19|20)\d\d)))?",
    ),
    ("h", r"\b(?:H(?P<hn>[12])\s+(?P<y>(?:19|20)\d\d)|(?P<y2>(?:19|20)\d\d)\s+H(?P<hn2>[12]))\b"),
    (
        "quarter",
        r"\b(?:(?P<q>first|second|third|fourth)\s+quarter|Q(?P<qn>[1-4]))\b(?:\s+of\s+(?:the\s+year|this\s+year|(?P<y>(?:19|20)\d\d)))?",
    ),
    (
        "month",
        rf"\b(?:in|during|for|of)\s+(?P<m>{_MONTH})(?!\s+\d)(?:\s+(?P<y>(?:19|20)\d\d))?(?:\s+alone)?\b",
    ),
    ("last", r"\blast\s+year\b"),
    ("this", r"\bthis\s+year\b"),
    ("year", r"\b(?:in|for|during|of)\s+(?P<y>(?:19|20)\d\d)\b"),
)


@functools.cache
def _periods() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The patterns, compiled on first use (``draft`` reads them; a query never does)."""
    return tuple((name, re.compile(p, re.IGNORECASE)) for name, p in _PERIOD_PATTERNS)


_QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4}


def _n(text: str) -> int:
    return int(text) if text.isdigit() else SMALL_NUMBERS[text.lower()]


def canonical(period: str) -> str:
    """A span of months as the half or quarter it is ('2020-07/2020-12' is 2020-H2,
    '2020-10/2020-12' 2020-Q4); any other period as it is."""
    m = re.fullmatch(r"(\d{4})-(\d\d)/(\d{4})-(\d\d)", period)
    if m is None or m.group(1) != m.group(3):
        return period
    a, b = int(m.group(2)), int(m.group(4))
    if (a, b) in ((1, 6), (7, 12)):
        return f"{m.group(1)}-H{1 if a == 1 else 2}"
    if b - a == 2 and a % 3 == 1:
        return f"{m.group(1)}-Q{(a + 2) // 3}"
    return period


def period_of(sentence: str, date: datetime.date | None) -> str | None:
    """The period a sentence states, in ISO 8601, its year read against the article's
    ``date`` where the sentence gives none ('in the first two months' of a story filed
    on 7 March 2026: 2026-01/2026-02). None when it states none the date can place."""
    for name, pattern in _periods():
        m = pattern.search(sentence)
        if m is None:
            continue
        groups = m.groupdict()
        if name == "h":  # 'H2 2020', '2020 H2'
            return f"{groups['y'] or groups['y2']}-H{groups['hn'] or groups['hn2']}"
        year = int(groups["y"]) if groups.get("y") else (date.year if date else None)
        if name == "year":
            return str(year)
        if year is None:
            continue
        if name == "months":
            return f"{year}-01/{year}-{_n(groups['n']):02d}"
        if name == "to":
            last = MONTHS[groups["m"].rstrip(".").lower()]
            first = max(1, last - _n(groups["n"]) + 1)
            return f"{year}-{first:02d}/{year}-{last:02d}"
        if name == "span":
            a = MONTHS[(groups["m1"] or groups["b1"]).rstrip(".").lower()]
            b = MONTHS[groups["m2"].rstrip(".").lower()]
            if b < a:
                continue  # 'November to February' crosses a year it does not say
            return f"{year}-{a:02d}/{year}-{b:02d}"
        if name == "half":
            return f"{year}-H{1 if groups['h'].lower() in ('first', 'front') else 2}"
        if name == "quarter":
            q = int(groups["qn"]) if groups.get("qn") else _QUARTERS[groups["q"].lower()]
            return f"{year}-Q{q}"
        if name == "month":
            month = MONTHS[groups["m"].rstrip(".").lower()]
            if not groups.get("y") and date is not None and month > date.month:
                year -= 1  # 'in December', in a story of January
            return f"{year}-{month:02d}"
        if name == "last":
            return str(year - 1)
        return str(year)
    return None
