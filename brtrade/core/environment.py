"""Every environment variable brtrade reads, parsed in one place.

A value that cannot be read is never a crash and never silently taken: the variable
falls back to its default, and :func:`problems` words a warning for each such value,
which the CLI prints once on stderr (docs/commands.md, "Environment").
"""

from __future__ import annotations

import math
import os
from typing import NamedTuple

VARIABLES = {
    "BRTRADE_FACTS": "fact file or folder to read instead of the bundled base (--facts)",
    "BRTRADE_DEBUG": "true for --debug",
    "BRTRADE_NO_CACHE": "true for --no-cache",
    "BRTRADE_NO_PAGER": "true for --no-pager",
    "BRTRADE_CACHE_MAX": "the cache folder's size limit: bytes, or a number with K, M or G",
    "BRTRADE_PAGER": "the pager command (then PAGER, then 'less -FRX'); empty or 'cat': none",
    "PAGER": "the pager command, when BRTRADE_PAGER is unset",
    "CLICOLOR_FORCE": "anything but 0 or empty: colour even through a pipe (--color auto)",
    "XDG_CACHE_HOME": "an absolute path: the cache folder's parent (else ~/.cache)",
    "HOME": "an absolute path: where ~/.cache is",
}
"""Name -> what it means, as docs/commands.md lists them."""

TRUE_WORDS = frozenset({"1", "true", "t", "yes", "y", "on"})
FALSE_WORDS = frozenset({"", "0", "false", "f", "no", "n", "off"})
_SCALES = {"K": 1024, "M": 1024**2, "G": 1024**3, "T": 1024**4}
MAX_SIZE = 2**62
"""A size above this (an exabyte and more) is no real limit: it is read as this."""


class Reading(NamedTuple):
    """A variable's value as brtrade uses it, and what was wrong with it, if anything."""

    value: object
    problem: str | None = None


def _raw(name: str) -> str | None:
    return os.environ.get(name)


def flag(name: str) -> bool:
    """A true/false variable: 1, true, t, yes, y, on (any case) are true; 0, false, f,
    no, n, off and empty are false; anything else is false, with a warning."""
    return bool(read_flag(name).value)


def read_flag(name: str) -> Reading:
    raw = _raw(name)
    if raw is None:
        return Reading(False)
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return Reading(True)
    if word in FALSE_WORDS:
        return Reading(False)
    return Reading(False, f"{name}={raw!r} is not true or false (1, yes, on / 0, no, off)")


def size(name: str, default: int) -> int:
    """A size in bytes: a number, optionally with K, M, G or T (1024-based) and B."""
    value = read_size(name, default).value
    return value if isinstance(value, int) else default


def read_size(name: str, default: int) -> Reading:
    raw = _raw(name)
    if raw is None or not raw.strip():
        return Reading(default)
    text = raw.strip().upper().removesuffix("B")
    scale = _SCALES.get(text[-1:], 1)
    number = text[:-1] if text[-1:] in _SCALES else text
    problem = f"{name}={raw!r} is not a size (give bytes, or a number with K, M or G)"
    try:
        value = float(number)
    except ValueError:
        return Reading(default, problem + f"; using {default:,} bytes")
    if math.isnan(value) or value < 0:
        return Reading(default, problem + f"; using {default:,} bytes")
    bytes_ = value * scale
    if bytes_ >= MAX_SIZE or math.isinf(bytes_):
        return Reading(MAX_SIZE)  # 'no limit', said in a big way
    return Reading(int(bytes_))


def command(name: str) -> Reading:
    """A command line (a pager): its words, split as a shell would; [] for none ('' or
    'cat'); None when unset. Unbalanced quotes are a warning, and the variable unset."""
    import shlex

    raw = _raw(name)
    if raw is None:
        return Reading(None)
    if raw.strip() in ("", "cat"):
        return Reading([])
    try:
        return Reading(shlex.split(raw))
    except ValueError as exc:
        return Reading(None, f"{name}={raw!r} is not a command line ({exc})")


def facts() -> str | None:
    """BRTRADE_FACTS: the fact file or folder to read (as --facts, which Click also
    reads from it); None when unset or empty."""
    raw = _raw("BRTRADE_FACTS")
    return raw or None


def clicolor_force() -> bool:
    """CLICOLOR_FORCE: set to anything but 0 or empty forces colour."""
    return (_raw("CLICOLOR_FORCE") or "0") not in ("", "0")


def problems() -> list[str]:
    """A warning for each variable set to a value brtrade cannot use."""
    out: list[str] = []
    for name in ("BRTRADE_DEBUG", "BRTRADE_NO_CACHE", "BRTRADE_NO_PAGER"):
        found = read_flag(name).problem
        if found:
            out.append(found)
    cache_max = read_size("BRTRADE_CACHE_MAX", 0).problem
    if cache_max:
        out.append(cache_max.replace("using 0 bytes", "using the default"))
    for name in ("BRTRADE_PAGER", "PAGER"):
        found = command(name).problem
        if found:
            out.append(found)
    for name in ("XDG_CACHE_HOME", "HOME"):
        raw = _raw(name)
        if raw and not os.path.isabs(raw):
            out.append(f"{name}={raw!r} is not an absolute path; it is not used for the cache")
    return out


def cache_home() -> str | None:
    """The folder the cache folder goes in: XDG_CACHE_HOME, else HOME/.cache; None when
    neither is an absolute path (a relative one would put a cache wherever brtrade
    happens to run)."""
    xdg = _raw("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):
        return xdg
    home = _raw("HOME")
    return os.path.join(home, ".cache") if home and os.path.isabs(home) else None
