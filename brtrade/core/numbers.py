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

import math
import re

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
_WORDED = re.compile(
    r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)\s*(?P<scale>thousand|million|billion|trillion)?",
    re.IGNORECASE,
)
UNIT_WORDS = (
    ("CNY", re.compile(r"\byuan\b|\bRMB\b|\bCNY\b", re.IGNORECASE)),
    ("USD", re.compile(r"\bdollars?\b|\bUSD\b", re.IGNORECASE)),
    ("percent", re.compile(r"\bper ?cent\b|%", re.IGNORECASE)),
)
"""The unit a wording names, by the words that name it."""
APPROX_BEFORE = re.compile(r"\b(about|around|approximately|nearly|roughly|some|almost)\s*$", re.I)
"""Words just before a number that make it an approximation."""
APPROX_START = re.compile(r"(about|around|approximately|nearly|roughly)\b", re.I)
"""Words at the start of a wording that make it an approximation."""


def parse_wording(wording: str) -> float | None:
    """The number a wording states: '4.74 trillion yuan' -> 4.74e12; None if there is none."""
    m = _WORDED.search(wording)
    if m is None:
        return None
    number = float(m.group("num").replace(",", ""))
    scale = m.group("scale")
    return number * SCALES[scale.lower()] if scale else number


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
