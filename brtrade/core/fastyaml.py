"""The fast path of reading a fact file: rapidyaml, for a file that parses cleanly.

PyYAML's composer (:func:`brtrade.core.yamlread.compose`) and the node walker of
:mod:`brtrade.core.validate` are the *precise* reader: every mistake is worded with
its line and field. A valid file needs none of that, and composing nodes is half of
a cold build. Here rapidyaml (C++) parses the file, emits its tree as JSON, the C
JSON decoder makes Python values of that, and :func:`read` walks them against the
same field plans the precise walker follows, building the same records.

The fast path never decides anything the precise reader would decide otherwise.
Whatever it cannot tell apart hands the file over (``read`` returns None and the
precise reader runs, as it does where rapidyaml is not installed):

* anchors, aliases, tags, directives, a second document, tabs, carriage returns,
  and the characters PyYAML refuses or reads as line breaks (a scan of the text);
* a plain value YAML reads two ways (``~``, ``Null``), a number where text is
  wanted (rapidyaml writes ``.5`` as ``0.5``), text where a number is wanted;
* a duplicate key, an unknown or missing field, a blank, a number out of range:
  any problem at all, so that its message and line come from the precise reader;
* a record whose first line the line scan cannot pin (each record's ``origin``
  is the line of its first key, as PyYAML's start mark says).

Cross-record problems are found after the merge; the loader then reads the files
again, precisely, to word them (:func:`brtrade.core.loader.load_fact_base`).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from brtrade.core.fields import FieldSpec, field_plan, has_origin
from brtrade.core.files import FORMAT_VERSION
from brtrade.core.model import FactFile, Origin
from brtrade.core.numbers import out_of_range
from brtrade.core.yamlread import INT_TEXT, NUMBER_TEXT


class _Handover(Exception):
    """The precise reader must read this file."""


class _Number(str):
    """A number's text, as the JSON rapidyaml wrote it (to tell it from a string)."""

    __slots__ = ()


_MARK = re.compile(r"[&*!][^\s,\[\]{}]")
"""An anchor, alias or tag (``&a``, ``*a``, ``!!str``), if a token may start before it."""
_TOKEN_START = frozenset(" \n,[]{}")
_BAD_STARTS = tuple(
    re.compile(pattern)
    for pattern in (
        r"\n(?:%|---|\.\.\.)",  # a directive, a document marker
        r": +[\],}%@`]",  # a value starting with a character PyYAML refuses there
        r"- +[\],}%@`]",
        r"\[ *[%@`]",
        r"\{ *[%@`]",
        r", *[%@`]",
        # an anchor, alias or tag indicator that opens a value with no name after it
        # ('id: *', '- &'), which PyYAML refuses; '&' inside a value ('Belt & Road') is
        # no indicator, and a named one is the next check's
        r"[&*!](?=[\s,\]}]|$)(?:(?<=[:\-,\[{] [&*!])|(?<=[,\[{][&*!]))",  # char first: fast
    )
)
"""What PyYAML refuses (``id: ]``, ``- @x``) or reads as another document, and
rapidyaml takes as text; each pattern starts with a literal, which the regex engine
finds fast."""
_ASCII_ALLOWED = bytes([0x0A, *range(0x20, 0x7F), *range(0x80, 0x100)])
_OUTSIDE = re.compile(
    r"[^\x0a\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
"""Tabs and carriage returns (PyYAML and rapidyaml weigh them differently), the
characters PyYAML refuses, its YAML 1.1 line breaks (NEL, LS, PS), and a BOM."""


def _refused(text: str, data: bytes) -> bool:
    """Whether the text (``data``, its UTF-8) holds anything the fast path leaves to
    the precise reader. Each check is one pass in C: a 100k base takes a fraction of
    a second."""
    if data.translate(None, _ASCII_ALLOWED) or (not text.isascii() and _OUTSIDE.search(text)):
        return True
    if text.startswith(("%", "---", "...", "&", "*", "!")) or any(
        p.search(text) for p in _BAD_STARTS
    ):
        return True
    for m in _MARK.finditer(text):
        at = m.start()
        if at == 0 or text[at - 1] in _TOKEN_START:
            return True
    return False


_TWO_WAYS = frozenset({"~", "Null", "NULL"})
"""Plain values PyYAML reads as null that rapidyaml writes as strings."""
_MAX_NUMBER_TEXT = 38
"""Below the precise reader's limit, less what rapidyaml may add (``.5`` -> ``0.5``)."""
_KEY = re.compile(
    r"^(?:([^\s#\-'\"{}\[\]][^:\n]*):(?: |$)|( *)- +([^\s#'\"{}\[\]:][^:\n]*):(?: |$))", re.M
)


def available() -> bool:
    """Whether rapidyaml can be imported here."""
    try:
        import ryml  # noqa: F401
    except ImportError:
        return False
    return True


def read(
    text: str, shown: str
) -> tuple[FactFile, list[tuple[str, str, int, str, str | None]]] | None:
    """The records of a fact file and its references, or None to hand it over.

    ``text`` is the decoded file; ``shown`` its name in each record's origin. A
    reference is (kind, value, the line of its record, field, record id).
    """
    try:
        import ryml
    except ImportError:
        return None
    data = text.encode("utf-8")
    if _refused(text, data):
        return None
    try:
        lines = _record_lines(text)
        buf = bytearray(data)
        del data
        with _stderr_silenced():
            tree = ryml.parse_in_place(buf)
            emitted = ryml.emit_json(tree)
        del tree, buf
        if not emitted:
            return None  # no document: the precise reader says so
        root = json.loads(
            emitted,
            object_pairs_hook=_mapping,
            parse_int=_Number,
            parse_float=_Number,
            parse_constant=_refuse,
        )
        del emitted
        walker = _Walk(shown)
        return walker.root(root, lines), walker.refs
    except (_Handover, ValueError, RecursionError, MemoryError):
        return None
    except Exception as exc:  # rapidyaml's own parse errors
        if type(exc).__module__.startswith("ryml"):
            return None
        raise


@contextlib.contextmanager
def _stderr_silenced() -> Iterator[None]:
    """File descriptor 2 pointed at the null device: rapidyaml's C++ writes each parse
    error there before raising it, and the error the user sees is the precise reader's."""
    try:
        saved = os.dup(2)
    except OSError:  # no standard error at all: nothing to silence
        yield
        return
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(null, 2)
        finally:
            os.close(null)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def _mapping(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    got = dict(pairs)
    if len(got) != len(pairs):
        raise _Handover  # a duplicate key: the precise reader names both lines
    return got


def _refuse(_: str) -> Any:
    raise _Handover


def _record_lines(text: str) -> dict[str, list[tuple[int, str]]]:
    """Per top-level key, the (line, first key) of each item of its block list.

    The line is where the item's first key is written, on its dash's line: what
    PyYAML's start mark gives a mapping written ``- key: value``. Items nested
    deeper (a claim's figures) are not the section's.
    """
    sections: dict[str, list[tuple[int, str]]] = {}
    items: list[tuple[int, str]] = []
    indent = -1
    line = 1
    at = 0
    for m in _KEY.finditer(text):
        line += text.count("\n", at, m.start())
        at = m.start()
        top = m.group(1)
        if top is not None:
            if top in sections:
                raise _Handover
            items = sections[top] = []
            indent = -1
            continue
        width = len(m.group(2))
        if indent < 0:
            indent = width
        if width == indent:
            items.append((line, m.group(3).rstrip()))
    return sections


class _Walk:
    """Python values from JSON -> model records, as the precise walker would build them."""

    def __init__(self, shown: str) -> None:
        self.file = shown
        self.refs: list[tuple[str, str, int, str, str | None]] = []
        self.line = 0
        self.record_id: str | None = None

    def root(self, value: Any, lines: dict[str, list[tuple[int, str]]]) -> FactFile:
        if type(value) is not dict or list(value) != list(lines):
            raise _Handover  # every top-level key must be where the line scan saw one
        values: dict[str, Any] = {}
        for name, (kind, optional, choices, inner, ref) in _plan(FactFile).items():
            if name not in value:
                continue
            got = value[name]
            if inner is not None and inner[0] == "record" and has_origin(inner[3]):
                values[name] = self.section(got, inner[3], lines[name])
            else:
                values[name] = self.value(got, kind, optional, choices, inner, ref, name)
        unknown = set(value) - set(_plan(FactFile))
        if unknown or "format" not in values or values["format"] != FORMAT_VERSION:
            raise _Handover
        return FactFile(**values)

    def section(self, items: Any, cls: type, lines: list[tuple[int, str]]) -> tuple[Any, ...]:
        if items is None:
            if lines:
                raise _Handover
            return ()
        if type(items) is not list or len(items) != len(lines):
            raise _Handover
        out = []
        for item, (line, first) in zip(items, lines, strict=True):
            if type(item) is not dict or not item or next(iter(item)) != first:
                raise _Handover
            self.line = line
            own = item.get("id")
            self.record_id = own if type(own) is str and own else None
            out.append(self.record(item, cls, Origin(self.file, line)))
        return tuple(out)

    def record(self, value: Any, cls: type, origin: Origin | None) -> Any:
        if type(value) is not dict:
            raise _Handover
        plan = _plan(cls)
        values: dict[str, Any] = {}
        for key, got in value.items():
            field = plan.get(key)
            if field is None:
                raise _Handover
            kind, optional, choices, inner, ref = field
            values[key] = self.value(got, kind, optional, choices, inner, ref, key)
        if not _required(cls) <= values.keys():
            raise _Handover
        if origin is not None:
            values["origin"] = origin
        return cls(**values)

    def value(
        self,
        got: Any,
        kind: str,
        optional: bool,
        choices: frozenset[str],
        inner: Any,
        ref: str | None,
        field: str,
    ) -> Any:
        if kind == "tuple":
            if got is None:
                return ()
            if type(got) is not list:
                raise _Handover
            i_kind, i_optional, i_choices, i_cls = inner
            if i_kind == "record":
                return tuple(self.record(item, i_cls, None) for item in got)
            if None in got:
                raise _Handover  # the precise walker drops an empty item of a list
            return tuple(
                self.scalar(item, i_kind, i_optional, i_choices, ref, field) for item in got
            )
        if kind == "record":
            if got is None and optional:
                return None
            return self.record(got, inner[3], None)
        return self.scalar(got, kind, optional, choices, ref, field)

    def scalar(
        self,
        got: Any,
        kind: str,
        optional: bool,
        choices: frozenset[str],
        ref: str | None,
        field: str,
    ) -> Any:
        if got is None:
            if optional:
                return None
            raise _Handover
        cls = type(got)
        if kind == "str" or kind == "enum":
            if cls is not str or got in _TWO_WAYS or not got.strip() or "\0" in got:
                raise _Handover
            if kind == "enum" and got not in choices:
                raise _Handover
            if ref is not None:
                self.refs.append((ref, got, self.line, field, self.record_id))
            return got
        if kind == "bool":
            if cls is not bool:
                raise _Handover
            return got
        if cls is not _Number or len(got) > _MAX_NUMBER_TEXT:
            raise _Handover
        if INT_TEXT.match(got):
            value: float = int(got)
            whole = kind == "int"
        elif kind == "number" and NUMBER_TEXT.match(got):
            value, whole = float(got), False
        else:
            raise _Handover
        if out_of_range(value, whole=whole) is not None:
            raise _Handover
        return value


_Field = tuple[str, bool, frozenset[str], Any, "str | None"]


@cache
def _plan(cls: type) -> dict[str, _Field]:
    """A class's field plan, flattened for the walk: name -> (kind, optional,
    choices, inner (kind, optional, choices, class), reference kind)."""
    out: dict[str, _Field] = {}
    for fp in field_plan(cls):
        spec = fp.spec
        inner: Any = None
        if spec.kind == "tuple":
            assert spec.inner is not None
            inner = _flat(spec.inner)
        elif spec.kind == "record":
            inner = _flat(spec)
        out[fp.name] = (spec.kind, spec.optional, frozenset(spec.choices), inner, fp.ref)
    return out


def _flat(spec: FieldSpec) -> tuple[str, bool, frozenset[str], type | None]:
    return (spec.kind, spec.optional, frozenset(spec.choices), spec.record)


@cache
def _required(cls: type) -> frozenset[str]:
    return frozenset(fp.name for fp in field_plan(cls) if fp.required)
