"""Numbers in words, both ways: the one figure parser and the one formatter for people.

:func:`parse_wording` reads the number a wording states ("4.74 trillion
yuan" -> 4.74e12); ``brtrade check`` holds each figure's value to it.

:func:`format_number` writes a number for people (tables, Markdown, derived
formulas): large amounts in words ("4.74 trillion CNY"), percentages with a
sign when they are changes ("+7%"), counts bare ("11"), at most ``precision``
significant digits (six by default, which shows every figure the article
states exactly). Machine formats never use it: JSON carries the number as
it is, and CSV and TSV write a whole number without ".0".
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence
from typing import NamedTuple

MAX_MAGNITUDE = 1e18
"""A figure's value is at most this large (a quintillion; world trade is about 3e13 USD)."""
MIN_MAGNITUDE = 1e-6
"""A figure's value other than 0 is at least this small, so no ratio of two overflows."""
MAX_WHOLE = 10**9
"""Whole-number fields (paragraph numbers, the format) are at most this."""


def out_of_range(value: float, *, whole: bool = False) -> str | None:
    """Why ``value`` is outside what a fact file may hold, or None when it is inside."""
    if not math.isfinite(value):
        return "is not a finite number"
    if whole:
        return None if abs(value) <= MAX_WHOLE else f"is larger than {MAX_WHOLE:,}"
    if abs(value) > MAX_MAGNITUDE:
        return f"is larger than {MAX_MAGNITUDE:g}"
    if value and abs(value) < MIN_MAGNITUDE:
        return f"is closer to 0 than {MIN_MAGNITUDE:g} (write 0, or use a larger unit)"
    return None


DEFAULT_RATE_TOLERANCE = 2.0
"""Percent: implied exchange rates may differ by this much (max - min, over the mean)."""


def parse_wording(wording: str) -> float | None:
    """The number a wording states: '4.74 trillion yuan' -> 4.74e12, 'US$29bn' -> 2.9e10;
    None if there is none. The same parser as queries and ``verify``
    (:func:`find_mentions`): the first number that is not a year, else the first."""
    found = find_mentions(wording, spelled=True)
    if not found:
        return None
    figures = [m for m in found if not m.is_year] or found
    return figures[0].value


def same_number(a: float, b: float) -> bool:
    """Equal but for floating-point noise."""
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1.0)


_WORD_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def format_number(
    value: float,
    unit: str | None = None,
    *,
    change: bool = False,
    approximate: bool = False,
    precision: int = 6,
) -> str:
    """``value`` for people: '4.74 trillion CNY', '+7%', '29.1%', '11', '≈ 730 billion USD'."""
    prefix = "≈ " if approximate else ""
    if not math.isfinite(value):
        return prefix + str(value)
    sign = "+" if change and value > 0 else ""
    if unit == "percent":
        return f"{prefix}{sign}{value:.{precision}g}%"
    suffix = f" {unit}" if unit and unit != "count" else ""
    for scale, word in _WORD_SCALES:
        if abs(value) >= scale:
            return f"{prefix}{sign}{value / scale:.{precision}g} {word}{suffix}"
    return f"{prefix}{sign}{value:,.{precision}g}{suffix}"


# --------------------------------------------------------------------------
# Figures in running text: the one figure parser that queries and `verify` share.

_SCALE_WORDS = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "trn": 1e12,
}


_ANY_DIGIT = re.compile(r"\d")


@functools.lru_cache(maxsize=1)
def _mention_pattern() -> re.Pattern[str]:
    """Compiled on first use: a query that holds no number never pays for it."""
    return re.compile(_MENTION, re.IGNORECASE | re.VERBOSE)


_MENTION = r"""
    (?=[$¥\dURC])  # what a mention starts with: lets the engine skip every other place
    (?P<pre>US\s?\$|U\.S\.?\s?\$|\$|USD\s?|RMB\s?|CNY\s?|¥\s?)?
    (?:(?<=RMB)|(?<=CNY)|(?<=USD)|(?<![\w.,]))
    (?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)
    (?![\w]*\d)
    (?:[\s-]?(?P<scale>trillion|billion|million|thousand|trn|tn|bn|mn|[kmb])(?![a-z]))?
    (?:[\s-]*(?P<unit>%|per\s?cent|percentage\ points?|yuan|renminbi|RMB|CNY|USD|
        (?:U\.?\s?S\.?\s?|US\ )?dollars?))?
    (?![a-z])
    """
"""A number and its currency, scale and unit. The words that hedge or bound it ('about',
'more than') are read back from where it starts (:func:`_hedge_before`): put in front of
this pattern, as an optional group, they made the engine try every word of every text
(a cold build spent a fifth of its time here)."""

_HEDGE_LONGEST = 14
"""Characters of the longest hedge ('approximately', 'in excess of', 'no more than')."""


def _hedge_before(text: str, start: int, lo: int) -> tuple[str, int] | None:
    """The hedge ending in whitespace just before ``start`` (and not before ``lo``, where
    the last mention ended): its group ('approx', 'lower', 'upper') and where it starts."""
    j = start
    while j > lo and text[j - 1].isspace():
        j -= 1
    if j == start:
        return None
    m = _bound_before().search(text, max(lo, j - _HEDGE_LONGEST), start)
    if m is None:
        return None
    group = next(g for g in ("approx", "lower", "upper") if m.group(g))
    return group, m.start()


FIGURE_UNITS: dict[str | None, str] = {
    "CNY": "CNY",
    "USD": "USD",
    "percent": "percent",
    None: "count",
}
"""The unit a fact file gives the figure of a mention of each unit (a bare number is a
count; percentage points have none)."""
SMALL_NUMBERS = {
    w: n
    for n, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
_ORDINAL = {
    w: n
    for n, w in enumerate(
        "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh "
        "twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth "
        "nineteenth twentieth".split()
    )
}
_PARTS = {"half": 2, "halves": 2, "third": 3, "quarter": 4, "fifth": 5, "tenth": 10}
_SMALL_WORDS = "|".join(SMALL_NUMBERS)
_TENS = {
    w: 10 * n
    for n, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split())
    if n > 1
}
_TENS_WORDS = "|".join(_TENS)


@functools.lru_cache(maxsize=1)
def _bound_before() -> re.Pattern[str]:
    """Compiled on first use, as the figure pattern is: not on the start-up path."""
    return re.compile(
        r"\b(?:(?P<approx>about|around|approximately|roughly|some|an\ estimated|close\ to)|"
        r"(?P<lower>more\ than|over|above|at\ least|upwards\ of|in\ excess\ of|exceeding)|"
        r"(?P<upper>nearly|almost|less\ than|fewer\ than|under|up\ to|below|no\ more\ than|"
        r"just\ under))\s+$",
        re.IGNORECASE,
    )


@functools.lru_cache(maxsize=1)
def _spelled_pattern() -> re.Pattern[str]:
    return re.compile(
        rf"""
        (?P<fraction>(?<!\bfirst\ )(?<!\bsecond\ )(?<!\bthe\ )(?<!\blatter\ )(?<!\blast\ )
            (?<!\bfinal\ )(?<!\bother\ )(?<!\bearly\ )(?<!\blater\ )(?<!\bback\ )(?<!\bfront\ )
            (?<!\bthird\ )(?<!\bfourth\ )(?<!\bthis\ )(?<!\bthat\ )(?<!\beach\ )(?<!\bevery\ )
            (?:\b(?P<top>a|one|two|three|four|{_SMALL_WORDS})[\s-]+)?
            \b(?P<part>half|halves|thirds?|quarters?|fifths?|tenths?)\b
            (?=\s+of\b|\s*[.,;:!?]|\s*$|\s+(?:since|from|compared|over|year|last|this|
            in\s+\d{{4}})\b))
        |(?P<percent>\b(?P<percent_n>{_SMALL_WORDS}|{_TENS_WORDS})
            (?:[\s-](?P<percent_u>one|two|three|four|five|six|seven|eight|nine))?
            \s+(?:percent|per\s+cent)\b)
        |(?P<times>\b(?:doubled|tripled|trebled|quadrupled|halved)\b)
        |(?P<fold>\b(?P<fold_n>{_SMALL_WORDS}|\d+)[\s-]?fold\b)
        |(?P<years>\b(?P<years_n>{_SMALL_WORDS}|\d+)\s+
            (?:(?:consecutive|straight|successive)\s+years\b|years\s+in\s+a\s+row\b))
        |(?P<nth>\bthe\s+(?P<nth_n>{"|".join(_ORDINAL)}|\d+(?:st|nd|rd|th))\s+
            (?:consecutive|straight|successive)\s+year\b)
        """,
        re.IGNORECASE | re.VERBOSE,
    )


_TIMES = {
    "doubled": 100.0,
    "tripled": 200.0,
    "trebled": 200.0,
    "quadrupled": 300.0,
    "halved": -50.0,
}


BOUND_REACH = 1.5
"""How far past a bound a figure may lie and still be what it bounds: 'more than 30
percent' agrees with 34.4 (up to 45), 'less than 10 percent' with 7 (down to 6.7)."""
FRACTION_HEDGE = 0.15
"""How near a hedged fraction in words must be: 'almost a third' is 28.3 to 33.3
percent, 'about a quarter' 21.25 to 28.75."""
NEAR_ONLY = frozenset({"nearly", "almost", "just under"})
"""Bounds that say a figure is near, under it: not merely on one side."""

ROUND_HEDGE = 0.05
"""How near a round number said to be approximate ('about 700 billion', 'nearly 30
percent') must be to agree with a value: within 5 percent of it (730 billion, 29.1)."""


class Mention(NamedTuple):
    """A figure written in running text: '4.7 trillion yuan', 'US$730bn', '34.4 per cent'."""

    value: float
    """The number with its scale applied: 4.7e12."""
    unit: str | None
    """'CNY', 'USD', 'percent', 'percentage-points', or None for a bare number."""
    start: int
    end: int
    text: str
    decimals: int
    """Digits written after the decimal point: the precision the writer chose."""
    scale: float
    """The scale word's multiplier (1e12 for 'trillion'), 1 without one."""
    approximate: bool
    bound: str | None = None
    """'lower' for 'more than 20 percent', 'upper' for 'nearly 70 percent', else None."""
    high: float | None = None
    """For a range ('between 4 and 6 percent', '8-10 percent'): its upper end; the value
    is its lower end."""
    strict: bool = False
    """A bound that says only on which side the figure lies ('more than', 'over', 'at
    least'; 'less than', 'under', 'up to'), not that it is near ('nearly', 'almost')."""
    fraction: bool = False
    """A fraction in words ('a third', 'two-thirds of'): a writer's round way of saying
    a percentage near it."""

    @property
    def is_year(self) -> bool:
        """A bare four-digit number that reads as a year (1900-2099), not a figure."""
        return (
            self.unit is None
            and self.scale == 1
            and self.decimals == 0
            and 1900 <= self.value <= 2099
            and "," not in self.text
        )

    def agrees_with(self, value: float) -> bool:
        """Whether ``value`` rounds to what was written, at the precision written:
        '4.7 trillion' agrees with 4.74e12 (4.74 rounds to 4.7) but not 4.76e12 or
        4.8e12; '730 billion' with 7.3e11. Rounding is half-up on the written digits."""
        step = 10.0 ** (-self.decimals) * self.scale
        if self.high is not None:  # a range agrees with what lies inside it
            return self.value - step / 2 <= value <= self.high + step / 2
        if abs(value - self.value) <= step / 2 * (1 + 1e-9):
            return True
        if self.strict and self.bound == "lower":  # 'more than a third': 34.4 percent
            return self.value <= value <= BOUND_REACH * self.value
        if self.strict and self.bound == "upper":  # 'less than 10 percent': 7
            return self.value / BOUND_REACH <= value <= self.value
        if self.fraction and (self.approximate or self.bound == "upper"):
            # 'almost a third' of 29.1 percent, 'about a quarter' of 27: a hedged fraction
            below = self.bound == "upper"
            return abs(value - self.value) <= FRACTION_HEDGE * self.value and not (
                below and value > self.value
            )
        near = self.round_hedged or (self.fraction and self.bound is None)
        return near and abs(value - self.value) <= ROUND_HEDGE * abs(self.value)

    @property
    def round_hedged(self) -> bool:
        """A round number said to be near ('about 700 billion', 'nearly 30 percent'):
        whole, ending in a zero, after 'about', 'roughly', 'nearly', 'almost'..."""
        if self.decimals or not (self.approximate or self.bound == "upper"):
            return False
        written = round(self.value / self.scale)
        return written != 0 and written % 10 == 0


CURRENCY_WORDS = {
    "yuan": "CNY",
    "renminbi": "CNY",
    "rmb": "CNY",
    "cny": "CNY",
    "dollar": "USD",
    "dollars": "USD",
    "usd": "USD",
    "greenback": "USD",
    "greenbacks": "USD",
}
"""Words that name a currency a figure may be in: a question's 'in **renminbi**' asks
for the figure in yuan, as a mention's unit says."""

CURRENCY_NOUNS = (["dollar"], ["dollars"], ["currency"], ["money"], ["unit"], ["units"])
"""Words after a :data:`CURRENCY_QUALIFIERS` word that make it a currency's name."""
MONEY_NOUNS = frozenset({"currency", "money", "unit", "units"})
NATIONAL_CURRENCY = {"us": "dollars", "american": "dollars", "america": "dollars"}
NATIONAL_CURRENCY |= {"chinese": "yuan", "china": "yuan"}


def national_currency(folded: Sequence[str], i: int) -> str | None:
    """The currency (a word of :data:`CURRENCY_WORDS`) that the word at ``i`` of a
    query's folded words names with the country's word before it: 'in **American
    money**', 'in Chinese **currency**', the **US unit**; None for any other word."""
    if folded[i] in MONEY_NOUNS and i and folded[i - 1] in NATIONAL_CURRENCY:
        return NATIONAL_CURRENCY[folded[i - 1]]
    return None


CURRENCY_QUALIFIERS = frozenset({"us", "u", "s", "american", "america"})
"""Words before 'dollars' that say which dollars ('**American** dollars'): the currency's
name, not a word an answer must hold."""


def _unit_of(pre: str | None, unit: str | None) -> str | None:
    text = f"{pre or ''} {unit or ''}".lower()
    if "point" in text:
        return "percentage-points"
    if "%" in text or "cent" in text:
        return "percent"
    if any(w in text for w in ("yuan", "renminbi", "rmb", "cny", "¥")):
        return "CNY"
    if "$" in text or "dollar" in text or "usd" in text:
        return "USD"
    return None


def find_mentions(text: str, *, spelled: bool = False) -> list[Mention]:
    """Every number in ``text`` with what makes it a figure: its scale word, its currency
    or percent, whether it is hedged ('about': approximate) or bounded ('more than':
    lower; 'nearly': upper), and a range's upper end. Bare numbers are kept (unit None);
    :attr:`Mention.is_year` tells a year from a count.

    ``spelled`` also reads figures written in words, as ``draft``, ``verify`` and
    ``check`` do (queries and the index read digits only): fractions of a whole ('two-thirds
    of', 'a fifth of', 'half of' as percent shares), multiples ('doubled', 'halved',
    'threefold' as percent changes) and runs of years ('eight consecutive years', 'four
    years in a row', 'the sixth straight year' as counts)."""
    out: list[Mention] = []
    if not spelled and _ANY_DIGIT.search(text) is None:
        return out  # every figure in digits holds one; the pattern compiles on first use
    last_end = 0
    for m in _mention_pattern().finditer(text):
        raw = m.group("num")
        scale_word = (m.group("scale") or "").lower()
        unit = _unit_of(m.group("pre"), m.group("unit"))
        if scale_word in ("k", "m", "b") and unit is None and not m.group("pre"):
            scale_word = ""  # '5 m' is five metres as often as five million: not a scale
        scale = _SCALE_WORDS.get(scale_word, 1.0)
        decimals = len(raw.split(".", 1)[1]) if "." in raw else 0
        start = m.start("pre") if m.group("pre") else m.start("num")
        end = m.end()
        if not m.group("unit") and not scale_word:
            end = m.end("num")
        hedged = _hedge_before(text, m.start(), last_end)
        last_end = m.end()
        hedge = None if hedged is None else hedged[0]
        out.append(
            Mention(
                value=float(raw.replace(",", "")) * scale,
                unit=unit,
                start=start if hedged is None else hedged[1],
                end=end,
                text=text[start:end],
                decimals=decimals,
                scale=scale,
                approximate=hedge == "approx",
                bound=hedge if hedge in ("lower", "upper") else None,
                strict=hedged is not None
                and hedge in ("lower", "upper")
                and _strict(text[hedged[1] : m.start()]),
            )
        )
    out = _ranges(text, out)
    if spelled:
        taken = [(m.start, m.end) for m in out]
        for w in _spelled(text):
            if not any(w.start < e and s < w.end for s, e in taken):
                out.append(w)
        out.sort(key=lambda m: m.start)
    return out


_RANGE_GAP = re.compile(r"\s*(?:-|–|to)\s*|\s+and\s+")
_BETWEEN = re.compile(r"\bbetween\s+$", re.IGNORECASE)
_AFTER_A_DATE = re.compile(r"\b(?:in|of|during|since|by|for|until|through)\s+$", re.IGNORECASE)
"""Words before a year a sentence dates by ('rose 1% **in** 2020 to 9.37 trillion yuan'):
the year is when, never the low end of a range."""


def _ranges(text: str, found: list[Mention]) -> list[Mention]:
    """'8-10 percent', '3 to 5 million', 'between 4 and 6 percent' as one mention each."""
    out: list[Mention] = []
    i = 0
    while i < len(found):
        a = found[i]
        b = found[i + 1] if i + 1 < len(found) else None
        if (
            b is not None
            and a.unit is None
            and a.scale == 1
            and not (
                a.is_year
                and (b.is_year or _AFTER_A_DATE.search(text, max(0, a.start - 12), a.start))
            )
        ):
            gap = text[a.end : b.start]
            between = _BETWEEN.search(text[max(0, a.start - 8) : a.start])
            if (
                _RANGE_GAP.fullmatch(gap)
                and (gap.strip() != "and" or between)
                and (b.unit is not None or b.scale != 1 or between)
                and not b.bound
                and not b.approximate
            ):
                start = a.start - (len(between.group()) if between else 0)
                out.append(
                    b._replace(
                        value=a.value * b.scale,
                        start=start,
                        text=text[start : b.end],
                        high=b.value,
                        decimals=max(a.decimals, b.decimals),
                    )
                )
                i += 2
                continue
        out.append(a)
        i += 1
    return out


_SPELLED_KEYS = re.compile(
    r"half|halv|third|quarter|fifth|tenth|doubled|tripled|trebled|quadrupled|fold\b|"
    r"consecutive|straight|successive|in\s+a\s+row|percent|per\s+cent",
    re.IGNORECASE,
)
"""The words every figure in words holds: the full pattern is tried only near them."""


def _spelled_matches(text: str) -> list[re.Match[str]]:
    """The full pattern's matches, looked for only from just before each key word (every
    match holds one, at most a few words in): the full pattern is not tried at every
    position of a long draft. The same matches as a full scan (a test holds it)."""
    out: list[re.Match[str]] = []
    done = 0
    pending: re.Match[str] | None = None  # the next match after a key it did not hold
    pattern = _spelled_pattern()
    for key in _SPELLED_KEYS.finditer(text):
        if key.start() < done:
            continue
        start = max(done, key.start() - 40)
        if pending is None or pending.start() < start:
            pending = pattern.search(text, start)
        if pending is None:
            break
        if pending.start() <= key.end():
            out.append(pending)
            done, pending = pending.end(), None
    return out


def _spelled(text: str) -> list[Mention]:
    out: list[Mention] = []
    for m in _spelled_matches(text):
        unit = "percent"
        if m.group("fraction"):
            part = m.group("part").lower().rstrip("s")
            top = (m.group("top") or "a").lower()
            parts = _PARTS.get(part, _PARTS.get(part + "s", 2))
            count = 1 if top in ("a", "one") else SMALL_NUMBERS.get(top, 1)
            value = round(100.0 * count / parts, 6)
        elif m.group("percent"):  # 'seven percent', 'thirty-four per cent'
            n = m.group("percent_n").lower()
            value = float(SMALL_NUMBERS.get(n, _TENS.get(n, 0)))
            if m.group("percent_u") and n in _TENS:
                value += SMALL_NUMBERS[m.group("percent_u").lower()]
        elif m.group("times"):
            value = _TIMES[m.group("times").lower()]
        elif m.group("fold"):
            n = m.group("fold_n").lower()
            value = 100.0 * ((int(n) if n.isdigit() else SMALL_NUMBERS[n]) - 1)
        elif m.group("years"):
            n = m.group("years_n").lower()
            if n.isdigit():
                continue  # '16 consecutive years': the digits are read already
            value, unit = float(SMALL_NUMBERS[n]), ""
        else:
            n = m.group("nth_n").lower()
            value = float(int(n[:-2]) if n[:-2].isdigit() else _ORDINAL[n])
            unit = ""
        hedge = _bound_before().search(text[max(0, m.start() - 16) : m.start()])
        kind = next((g for g in ("approx", "lower", "upper") if hedge and hedge.group(g)), None)
        start = m.start() - len(hedge.group()) if hedge else m.start()
        out.append(
            Mention(
                value=value,
                unit=unit or None,
                start=start,
                end=m.end(),
                text=m.group(),
                decimals=6 if m.group("fraction") else 0,
                scale=1.0,
                approximate=kind == "approx",
                bound=kind if kind in ("lower", "upper") else None,
                strict=hedge is not None and kind in ("lower", "upper") and _strict(hedge.group()),
                fraction=bool(m.group("fraction")),
            )
        )
    return out


def _strict(hedge: str) -> bool:
    """Whether a bound's words say only a side ('more than', 'under'), not 'nearly'."""
    return " ".join(hedge.lower().split()) not in NEAR_ONLY


def number_token(value: float) -> str:
    """The search token of a number: 'n:4.74e+12'; equal values give equal tokens."""
    return f"n:{value:.6g}"
