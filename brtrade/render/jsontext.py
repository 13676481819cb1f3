"""JSON with a two-space indent, as ``json.dumps(value, ensure_ascii=False, indent=2,
allow_nan=False)`` writes it, byte for byte, in about half the time.

With ``indent``, the standard library encodes in Python, through generators; a listing
of thousands of records (``derive``, ``speakers`` of a large base, every figure) spent
most of its time there. This writes the same text with one list of parts, leaving
strings to the C escaper. Anything it does not know (a key that is not a string, a
value of another type) goes to ``json.dumps`` itself, so the two never differ.
"""

from __future__ import annotations

import json
from typing import Any

_escape = json.encoder.encode_basestring  # the C function when available
_float = float.__repr__
_INF = float("inf")


def dumps(value: Any, depth: int = 0) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2, allow_nan=False)``; with
    ``depth``, as it stands nested that deep (its inner lines indented ``2 * depth``
    more), so that a long list can be written an item at a time."""
    parts: list[str] = []
    _write(value, parts, "\n" + "  " * depth)
    return "".join(parts)


def _write(value: Any, parts: list[str], newline: str) -> None:
    if isinstance(value, str):
        parts.append(_escape(value))
    elif value is None:
        parts.append("null")
    elif value is True:
        parts.append("true")
    elif value is False:
        parts.append("false")
    elif type(value) is int:
        parts.append(int.__repr__(value))
    elif type(value) is float:
        if value != value or value in (_INF, -_INF):
            raise ValueError("Out of range float values are not JSON compliant: " + repr(value))
        parts.append(_float(value))
    elif type(value) is dict and all(type(key) is str for key in value):
        if not value:
            parts.append("{}")
            return
        inner = newline + "  "
        sep = "{" + inner
        for key, item in value.items():
            kind = type(item)
            # The commonest leaves written here, without a call per value.
            if kind is str:
                parts.append(sep + _escape(key) + ": " + _escape(item))
            elif item is None:
                parts.append(sep + _escape(key) + ": null")
            elif kind is int:
                parts.append(sep + _escape(key) + ": " + int.__repr__(item))
            else:
                parts.append(sep + _escape(key) + ": ")
                _write(item, parts, inner)
            sep = "," + inner
        parts.append(newline + "}")
    elif type(value) in (list, tuple):
        if not value:
            parts.append("[]")
            return
        inner = newline + "  "
        sep = "[" + inner
        for item in value:
            parts.append(sep)
            _write(item, parts, inner)
            sep = "," + inner
        parts.append(newline + "]")
    else:  # another type, or a key that is not a string: the standard encoder's way
        text = json.dumps(value, ensure_ascii=False, indent=2, allow_nan=False)
        parts.append(text.replace("\n", newline))
