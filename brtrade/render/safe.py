"""Make data safe to show in a terminal.

Control characters (C0 and C1, except newline and tab) and the Unicode
bidirectional overrides are shown as visible escapes such as ``\\x1b``, so a
record can never move the cursor, change colours or reorder what is shown.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(text: str) -> str:
    """``text`` with every unsafe character replaced by a visible escape."""
    return _UNSAFE.sub(_escape, text)


_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def json_safe(text: str) -> str:
    """JSON text with C1 controls and bidi overrides written as \\uXXXX escapes.

    ``json.dumps(..., ensure_ascii=False)`` already escapes C0 controls; these
    can only stand inside JSON strings, so escaping them keeps the data exact.
    """
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def has_unsafe(text: str) -> bool:
    return bool(_UNSAFE.search(text) or _JSON_UNSAFE.search(text))
