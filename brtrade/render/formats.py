"""Machine formats: JSON, JSON Lines, CSV, TSV, YAML and Markdown.

Every format takes the same records (JSON-ready dicts in contract order,
see :mod:`brtrade.contract.records`) and the same optional field selection.

Flattening, for CSV, TSV and Markdown (documented in docs/commands.md):

* an object field becomes one column per key, named ``field.key``
  (``provenance.source``, ``speaker.name``);
* a list of values is joined with ``"; "`` (``paragraphs`` -> ``8; 9``);
* a list of objects (a claim's ``figures``) is one cell of compact JSON in
  CSV and TSV, and the figures' wordings in Markdown; use
  ``brtrade figures`` for one figure per row;
* null is an empty cell; true and false are ``true`` and ``false``; numbers
  are written as in JSON in CSV and TSV, except that a whole number has no
  ``.0`` (``9370000000000``), and for people in Markdown (``9.37 trillion``,
  by :func:`brtrade.core.numbers.format_number`);
* control characters and bidi overrides in text are written as visible
  escapes (``\\x1b``), as in tables: these formats have no escape syntax of
  their own. JSON, JSON Lines and YAML carry them exactly, escaped as their
  syntax requires.

The columns come from the contract, not from the data, so an empty result
still has its header.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from enum import Enum
from typing import Any

from brtrade.contract.shapes import CONTRACT, JSON, Field
from brtrade.core.errors import UsageError
from brtrade.render.safe import has_unsafe, json_safe, terminal_safe


class Format(str, Enum):
    """Output formats; ``table`` is for people, the rest for programs."""

    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    tsv = "tsv"
    yaml = "yaml"
    markdown = "markdown"


def select_fields(kind: str, fields: str | None) -> tuple[Field, ...]:
    """The contract fields of ``kind`` that ``--fields a,b,c`` selects, in the order given.

    A dotted name selects one key of an object field, as the CSV header names it:
    ``speaker.name``, ``provenance.paragraphs``."""
    contract = CONTRACT[kind]
    if fields is None:
        return contract
    by_name = dict(contract)
    valid = [*by_name, *(f"{n}.{k}" for n, sub in contract if sub for k in sub)]
    wanted = [f.strip() for f in fields.split(",") if f.strip()]
    import difflib

    if not wanted:
        raise UsageError("--fields is empty", hint=f"valid fields: {', '.join(valid)}")
    chosen: dict[str, list[str] | None] = {}
    for name in wanted:
        parent, dot, key = name.partition(".")
        sub = by_name.get(parent) if parent in by_name else None
        if name in by_name:
            chosen[name] = None if by_name[name] is None else list(by_name[name] or ())
        elif dot and sub is not None and key in sub:
            have = chosen.setdefault(parent, [])
            if have is not None and key not in have:
                have.append(key)
        else:
            close = difflib.get_close_matches(name, valid, n=1)
            guess = f"did you mean '{close[0]}'? " if close else ""
            raise UsageError(
                f"unknown field '{name}' for {kind} records",
                hint=f"{guess}valid fields: {', '.join(valid)}",
            )
    return tuple((n, None if sub is None else tuple(sub)) for n, sub in chosen.items())


def _pick(rows: Sequence[JSON], fields: tuple[Field, ...]) -> list[JSON]:
    def value(row: JSON, name: str, sub: tuple[str, ...] | None) -> Any:
        got = row[name]
        if sub is None or not isinstance(got, dict):
            return got
        return {k: got.get(k) for k in sub}

    return [{name: value(row, name, sub) for name, sub in fields} for row in rows]


def columns(fields: tuple[Field, ...]) -> list[str]:
    out: list[str] = []
    for name, sub in fields:
        if sub:
            out.extend(f"{name}.{k}" for k in sub)
        else:
            out.append(name)
    return out


_EXACT_INTEGERS = 2**53
"""Floats below this that are whole numbers are written as integers in CSV and TSV."""


def _scalar(value: Any, human: bool = False) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        if human:
            from brtrade.core.numbers import format_number  # Markdown only: not on start-up

            return format_number(value)
        if isinstance(value, float) and value.is_integer() and abs(value) < _EXACT_INTEGERS:
            return str(int(value))  # 9370000000000, not 9370000000000.0
        return json.dumps(value)
    return terminal_safe(str(value))


JSON_LIST_FIELDS = frozenset({"figures", "relations", "problems", "cited"})
"""List fields whose items are objects: a CSV or TSV cell holds them as compact JSON,
``[]`` when there are none, so that every cell of the column parses."""


def _cell(value: Any, human: bool, name: str = "") -> str:
    if isinstance(value, list) and not value and not human and name in JSON_LIST_FIELDS:
        return "[]"
    if isinstance(value, list):
        if value and all(isinstance(v, dict) for v in value):
            if human:
                return "; ".join(str(v.get("wording") or v.get("id") or v) for v in value)
            return json_safe(json.dumps(value, ensure_ascii=False, separators=(",", ":")))
        return "; ".join(_scalar(v, human) for v in value)
    if isinstance(value, dict):
        return json_safe(json.dumps(value, ensure_ascii=False, separators=(",", ":")))
    return _scalar(value, human)


def flat_rows(
    rows: Sequence[JSON], fields: tuple[Field, ...], human: bool = False
) -> list[list[str]]:
    out: list[list[str]] = []
    for row in rows:
        cells: list[str] = []
        for name, sub in fields:
            value = row[name]
            if sub:
                cells.extend(_cell((value or {}).get(k), human) for k in sub)
            else:
                cells.append(_cell(value, human, name))
        out.append(cells)
    return out


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet may run as a formula at the start of a cell (OWASP, CSV injection)."""
_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?\Z")


def defuse(cell: str) -> str:
    """A cell that a spreadsheet would run as a formula, with a ``'`` before it.

    A number (``-3.5``) is data, not a formula, and is left as it is."""
    if cell.startswith(_FORMULA_START) and not _NUMBER.match(cell):
        return "'" + cell
    return cell


def _delimited(rows: Sequence[JSON], fields: tuple[Field, ...], delimiter: str, raw: bool) -> str:
    """CSV (RFC 4180 quoting) or TSV (one record a line: tab, newline, carriage return
    and backslash written as \\t, \\n, \\r and \\\\, as jq's @tsv does)."""
    flat = flat_rows(rows, fields)
    cells = flat if raw else [[defuse(c) for c in row] for row in flat]
    if delimiter == "\t":
        lines = [columns(fields), *cells]
        return "".join("\t".join(_tsv(c) for c in line) + "\n" for line in lines)
    import csv
    import io

    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    writer.writerow(columns(fields))
    writer.writerows(cells)
    return buf.getvalue()


_TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _tsv(cell: str) -> str:
    return cell.translate(_TSV_ESCAPES)


_MARKDOWN_ESCAPES = str.maketrans(
    {
        "\\": "\\\\",
        "|": "\\|",
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        "[": "\\[",
        "]": "\\]",
        "`": "\\`",
        "*": "\\*",
        "_": "\\_",
    }
)
"""Data in Markdown is text: no HTML (``<script>``, ``onerror=``), no links or images
(``[x](javascript:...)``), no code spans or emphasis."""


def _markdown(rows: Sequence[JSON], fields: tuple[Field, ...]) -> str:
    def esc(text: str) -> str:
        # No HTML: a renderer with HTML off would show '<br>' literally. A paragraph
        # break is written ' ¶ ', a line break a space.
        escaped = text.translate(_MARKDOWN_ESCAPES)
        return " ".join(escaped.replace("\n\n", " ¶ ").split())

    head = columns(fields)
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for cells in flat_rows(rows, fields, human=True):
        lines.append("| " + " | ".join(esc(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"


def serialise(
    kind: str, rows: Sequence[JSON], fmt: Format, fields: str | None, *, raw_csv: bool = False
) -> str:
    """``rows`` of record type ``kind`` as ``fmt`` text, with ``--fields`` applied.

    CSV and TSV cells that a spreadsheet would run as formulas get a ``'`` in
    front (see :func:`defuse`), unless ``raw_csv``."""
    chosen = select_fields(kind, fields)
    picked = _pick(rows, chosen) if fields is not None else list(rows)
    if fmt is Format.json:
        return to_json(picked)
    if fmt is Format.jsonl:
        return "".join(
            json_safe(json.dumps(r, ensure_ascii=False, allow_nan=False)) + "\n" for r in picked
        )
    if fmt is Format.csv:
        return _delimited(picked, chosen, ",", raw_csv)
    if fmt is Format.tsv:
        return _delimited(picked, chosen, "\t", raw_csv)
    if fmt is Format.markdown:
        return _markdown(picked, chosen)
    if fmt is Format.yaml:
        import yaml

        text: str = yaml.safe_dump(
            picked, sort_keys=False, allow_unicode=True, default_flow_style=False, width=2**16
        )
        if has_unsafe(text):  # PyYAML passes bidi overrides through: escape everything
            text = yaml.safe_dump(
                picked, sort_keys=False, allow_unicode=False, default_flow_style=False, width=2**16
            )
        return text
    raise AssertionError(fmt)


def serialise_chunks(
    kind: str,
    chunks: Iterable[Sequence[JSON]],
    fmt: Format,
    fields: str | None,
    *,
    raw_csv: bool = False,
) -> Iterator[str]:
    """What :func:`serialise` writes for all the rows of ``chunks``, piece by piece, so
    that a long listing is written without being held whole. YAML, which has no such
    pieces here, comes whole at the end."""
    if fmt in (Format.yaml, Format.table):
        yield serialise(kind, [r for c in chunks for r in c], fmt, fields, raw_csv=raw_csv)
        return
    from brtrade.render import jsontext

    chosen = select_fields(kind, fields)
    first = True
    for chunk in chunks:
        picked = _pick(chunk, chosen) if fields is not None else list(chunk)
        if fmt is Format.json:
            if picked:
                inner = ",\n".join("  " + jsontext.dumps(r).replace("\n", "\n  ") for r in picked)
                yield json_safe(("[\n" if first else ",\n") + inner)
                first = False
            continue
        if fmt is Format.jsonl:
            text = serialise(kind, picked, fmt, fields=None)
        else:
            text = serialise(kind, chunk, fmt, fields, raw_csv=raw_csv)
            if not first:
                text = text.split("\n", 2 if fmt is Format.markdown else 1)[-1]
        first = False
        yield text
    if fmt is Format.json:
        yield "[]\n" if first else "\n]\n"
    elif first:
        yield serialise(kind, [], fmt, fields, raw_csv=raw_csv)


def to_json_chunks(head: JSON, key: str, items: Iterable[JSON]) -> Iterator[str]:
    """``to_json({**head, key: list(items)})``, byte for byte, an item at a time: the
    text of a long list (a source's paragraphs and every span cited in them) is never
    held whole. ``key`` comes last."""
    from brtrade.render import jsontext

    prefix, _, end = to_json({**head, key: []}).rpartition("[]")
    first = True
    for item in items:
        yield (prefix + "[\n    " if first else ",\n    ") + json_safe(jsontext.dumps(item, 2))
        first = False
    yield (prefix + "[]" if first else "\n  ]") + end


def to_json(data: Sequence[JSON] | JSON) -> str:
    """UTF-8-ready JSON text: two-space indent, keys in contract order, no colour."""
    from brtrade.render import jsontext

    return json_safe(jsontext.dumps(data)) + "\n"
