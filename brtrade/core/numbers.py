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

SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}


def parse_wording(wording: str) -> float | None:
    """The number a wording states: '4.74 trillion yuan' -> 4.74e12, 'US$29bn' -> 2.9e10;
    None if there is none. The same parser as queries and ``verify``
    (:func:`find_mentions`): the first number that is not a year, else the first."""
    found = find_mentions(wording)
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


@functools.lru_cache(maxsize=1)
def _mention_pattern() -> re.Pattern[str]:
    """Compiled on first use: a query that holds no number never pays for it."""
    return re.compile(_MENTION, re.IGNORECASE | re.VERBOSE)


_MENTION = r"""
    (?P<approx>\b(?:about|around|approximately|nearly|roughly|some|almost|over|
        more\ than|less\ than|close\ to|up\ to)\s+)?
    (?P<pre>US\s?\$|U\.S\.?\s?\$|\$|USD\s?|RMB\s?|CNY\s?|¥\s?)?
    (?<![\w.,])
    (?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)
    (?![\w]*\d)
    (?:\s?(?P<scale>trillion|billion|million|thousand|trn|tn|bn|mn|[kmb])(?![a-z]))?
    (?:\s*(?P<unit>%|per\s?cent|percentage\ points?|yuan|renminbi|RMB|CNY|USD|
        (?:U\.?\s?S\.?\s?|US\ )?dollars?))?
    (?![a-z])
    """


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
        return abs(value - self.value) <= step / 2 * (1 + 1e-9)


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


def find_mentions(text: str) -> list[Mention]:
    """Every number in ``text`` with what makes it a figure: its scale word, its currency
    or percent, and whether it is hedged ('about'). Bare numbers are kept (unit None);
    :attr:`Mention.is_year` tells a year from a count."""
    out: list[Mention] = []
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
        out.append(
            Mention(
                value=float(raw.replace(",", "")) * scale,
                unit=unit,
                start=m.start("approx") if m.group("approx") else start,
                end=end,
                text=text[start:end],
                decimals=decimals,
                scale=scale,
                approximate=bool(m.group("approx")),
            )
        )
    return out


def number_token(value: float) -> str:
    """The search token of a number: 'n:4.74e+12'; equal values give equal tokens."""
    return f"n:{value:.6g}"
