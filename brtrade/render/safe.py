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
