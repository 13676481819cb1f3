"""Reading a fact file and parsing its YAML into nodes (never into objects).

The YAML is *composed* with PyYAML's safe C loader when it is available; the
nodes are then walked against the model by :mod:`brtrade.core.validate`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from brtrade.core import files
from brtrade.core.errors import FactBaseError, excerpt
from brtrade.core.files import read_bytes


def _line_of_offset(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def read_fact_bytes(path: Path, *, pipe_ok: bool = False) -> bytes:
    """The bytes of a fact file: a regular file (or, with ``pipe_ok``, a pipe) within
    :data:`~brtrade.core.files.MAX_FILE_BYTES`."""
    shown = str(path)
    try:
        return read_bytes(path, files.MAX_FILE_BYTES, what="fact file", pipe_ok=pipe_ok)
    except FileNotFoundError:
        raise FactBaseError(
            "no such fact file", file=shown, hint="check --facts or BRTRADE_FACTS"
        ) from None
    except PermissionError:
        raise FactBaseError(
            "cannot read the fact file: permission denied",
            file=shown,
            hint="check the file's permissions",
        ) from None
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise FactBaseError(f"cannot read the fact file: {reason}", file=shown) from None


def read_fact_text(path: Path, *, pipe_ok: bool = False, digest: bool = False) -> tuple[str, str]:
    """A fact file's text and, with ``digest``, the SHA-256 of the bytes it was read from."""
    data = read_fact_bytes(path, pipe_ok=pipe_ok)
    sha256 = ""
    if digest:
        import hashlib

        sha256 = hashlib.sha256(data).hexdigest()
    return decode_fact_text(data, str(path)), sha256


def decode_fact_text(data: bytes, shown: str) -> str:
    """A fact file's bytes as text, refusing what YAML should never see."""
    nul = data.find(b"\0")
    if nul >= 0:
        raise FactBaseError(
            "the file contains a NUL byte",
            file=shown,
            line=_line_of_offset(data, nul),
            hint="a fact file is UTF-8 text; is this a binary file?",
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FactBaseError(
            f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02x})",
            file=shown,
            line=_line_of_offset(data, exc.start),
            hint="save the file as UTF-8",
        ) from None
    return text


def compose(text: str, shown: str) -> Any:
    import yaml  # imported here: only a load that reads YAML pays for it

    loader_cls: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.compose(text, Loader=loader_cls)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.problem:
            started = exc.context_mark
            at = f" at line {started.line + 1}" if started and started is not mark else ""
            problem = f"{exc.context}{at}, {exc.problem}"
        raise FactBaseError(
            f"YAML syntax error: {problem}",
            file=shown,
            line=mark.line + 1 if mark else None,
            hint="check indentation, quotes and colons near this line",
        ) from None
    except yaml.reader.ReaderError as exc:
        char = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise FactBaseError(
            f"the character U+{char:04X} is not allowed in YAML ({exc.reason})",
            file=shown,
            line=text.count("\n", 0, exc.position) + 1,
            hint='remove it, or write it as an escape such as "\\u0080" in a double-quoted string',
        ) from None
    except yaml.YAMLError as exc:
        raise FactBaseError(f"YAML error: {' '.join(str(exc).split())}", file=shown) from None
    except RecursionError:
        raise FactBaseError("the YAML is nested too deeply", file=shown) from None


# --------------------------------------------------------------------------
# Nodes and plain scalars.

CORE_TAG = "tag:yaml.org,2002:"
ALLOWED_TAGS = frozenset(
    CORE_TAG + t for t in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")
)
INT_TEXT = re.compile(r"[-+]?[0-9]+\Z")
NUMBER_TEXT = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?\Z")
NULLS = frozenset({"", "~", "null", "Null", "NULL"})
TRUE = frozenset({"true", "True", "TRUE"})
FALSE = frozenset({"false", "False", "FALSE"})


def describe_node(node: Any) -> str:
    import yaml

    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if is_plain(node) and node.tag != CORE_TAG + "str":
        kind = node.tag.rsplit(":", 1)[-1]
        return f"{kind} {excerpt(node.value)}" if node.value else "an empty value"
    return f"the string {excerpt(node.value)}"


_YAML12_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_YAML12_INT = re.compile(r"[-+]?[0-9]+\Z|0o[0-7]+\Z|0x[0-9a-fA-F]+\Z")


def yaml12_type(text: str) -> str:
    """What the YAML 1.2 core schema reads a plain scalar as."""
    if text in ("true", "True", "TRUE", "false", "False", "FALSE"):
        return "bool"
    if text in NULLS:
        return "null"
    if _YAML12_INT.match(text):
        return "int"
    if _YAML12_FLOAT.match(text) or text.lower() in (".inf", "-.inf", "+.inf", ".nan"):
        return "float"
    return "str"


def is_plain(node: Any) -> bool:
    """A plain (unquoted, not block) scalar: the C composer says '', the Python one None."""
    return not getattr(node, "style", "x")


def is_null(node: Any) -> bool:
    return is_plain(node) and node.tag == CORE_TAG + "null" and node.value in NULLS


def peek_id(node: Any) -> str | None:
    """The value of a mapping's ``id`` key, if it is a plain value."""
    for key_node, value_node in node.value:
        if getattr(key_node, "value", None) == "id" and isinstance(
            getattr(value_node, "value", None), str
        ):
            return str(value_node.value) or None
    return None


# What YAML 1.1 tools (PyYAML's safe_load, many editors) read a plain scalar as,
# by the kind of value the schema wants there.
YAML11_OK = {
    "str": {"str"},
    "enum": {"str"},
    "int": {"int"},
    "number": {"int", "float"},
    "bool": {"bool"},
}
