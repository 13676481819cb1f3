"""The one family of errors that brtrade's core raises.

The core never prints or exits. The CLI (``brtrade.cli.errors``) maps each
class below to an exit code and a one-line message, in one place.
"""

from __future__ import annotations

from brtrade.core.rules import Rule


class BrtradeError(Exception):
    """Base class of every error the core raises on purpose."""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def describe(self) -> str:
        """The whole message on one line, hint included."""
        return _one_line(f"{self.message} ({self.hint})" if self.hint else self.message)


class UsageError(BrtradeError):
    """The user asked for something that cannot be answered as asked."""


class NotFoundError(BrtradeError):
    """A name, id or speaker the user gave matches nothing in the base."""


class FactBaseError(BrtradeError):
    """A fact file is missing, unreadable or invalid.

    ``file`` and ``line`` say where; ``record`` is the id of the record the
    problem is in, when known; ``field`` is the path of the offending field
    inside the document, such as ``claims[3].figures[0].value``; ``rule`` names
    the check that found it (see :class:`~brtrade.core.rules.Rule`).
    """

    def __init__(
        self,
        message: str,
        *,
        file: str,
        line: int | None = None,
        field: str | None = None,
        hint: str | None = None,
        record: str | None = None,
        rule: Rule = Rule.SCHEMA,
    ) -> None:
        super().__init__(message, hint=hint)
        self.file = file
        self.line = line
        self.field = _clip(field) if field else field  # a key or an id may be any length
        self.record = _clip(record) if record else record
        self.rule = rule

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}" if self.line is not None else self.file

    def describe(self) -> str:
        """``file:line: record-id: field: message (hint)``, parts omitted when unknown."""
        parts = [self.location]
        if self.record:
            parts.append(self.record)
        if self.field:
            parts.append(self.field)
        return _one_line(": ".join(parts)) + ": " + super().describe()


EXCERPT_CHARS = 40
"""Error messages quote at most this many characters of any value from a file."""


def excerpt(value: object, limit: int = EXCERPT_CHARS) -> str:
    """A value as an error message quotes it: escaped (``repr``), at most ``limit``
    characters of it, and how long it really was when it was cut."""
    text = str(value)
    shown = repr(text[:limit])
    if len(shown) > 3 * limit:  # escapes (\x1f, \U0001e14a) make the repr longer: cut it
        shown = shown[: 3 * limit] + "…"
    if len(text) <= limit:
        return shown
    return f"{shown}… ({len(text):,} characters)"


MAX_NAME_CHARS = 64
"""A record id or a field name in a message is cut at this many characters."""


def _clip(text: str, limit: int = MAX_NAME_CHARS) -> str:
    """A record id, or each part of a field path, cut short: ids and keys come from
    the file and may be any length."""
    parts = text.split(".")
    return ".".join(p if len(p) <= limit else p[:limit] + "…" for p in parts)


def _one_line(text: str) -> str:
    """Line breaks from user data written as escapes: an error is always one line."""
    return text.replace("\r", "\\r").replace("\n", "\\n")
