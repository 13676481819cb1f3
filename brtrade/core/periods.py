"""Periods, as ISO 8601 writes them: a year (2020), a half (2020-H2, brtrade's
extension of the quarter form), a quarter (2020-Q3), a month (2020-05), a day
(2020-05-31), or an interval of two of these (2023-01/2023-05)."""

from __future__ import annotations

import re

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
