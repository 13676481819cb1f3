"""Load and validate fact files: YAML -> validated model.

The YAML is *composed* (parsed into nodes) with PyYAML's safe C loader when
it is available, and never *constructed* by PyYAML: this module walks the
nodes against the dataclasses of :mod:`brtrade.core.model`. That gives

* an error with the file, the line and the field path for every mistake;
* schema-driven scalars: a string field takes the text as written, so YAML 1.1
  surprises (``no`` -> False, ``3.10`` -> 3.1, dates, octal) cannot happen,
  and numbers and booleans must be written as such;
* no tags executed: any tag outside YAML's core schema is refused;
* duplicate mapping keys reported instead of silently overwritten;
* aliases refused, so a "billion laughs" document cannot expand.
"""

from __future__ import annotations

import contextlib
import dataclasses
import difflib
import gc
import math
import os
import re
import types
import typing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from brtrade.core.errors import FactBaseError
from brtrade.core.files import FORMAT_VERSION, fact_files
from brtrade.core.model import (
    Claim,
    Entity,
    FactBase,
    FactFile,
    Figure,
    Origin,
    Quote,
    Source,
    Speaker,
    Topic,
)

MAX_FILE_BYTES = 256 * 1024 * 1024
"""A fact file larger than this is refused before it is parsed."""


_CORE_TAG = "tag:yaml.org,2002:"
_ALLOWED_TAGS = frozenset(
    _CORE_TAG + t for t in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")
)
_INT = re.compile(r"[-+]?[0-9]+\Z")
_NUMBER = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?\Z")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_ID = re.compile(r"[a-z0-9][a-z0-9._-]*\Z")

# --------------------------------------------------------------------------
# Type plans: what each dataclass field expects, computed once per class.


@dataclass(frozen=True, slots=True)
class _Spec:
    kind: str  # str | int | number | bool | enum | tuple | record
    optional: bool = False
    choices: tuple[str, ...] = ()
    inner: _Spec | None = None
    record: type | None = None


@dataclass(frozen=True, slots=True)
class _FieldPlan:
    name: str
    spec: _Spec
    required: bool
    ref: str | None


_PLANS: dict[type, tuple[_FieldPlan, ...]] = {}


def _spec_of(hint: Any) -> _Spec:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        inner = _spec_of(args[0])
        return dataclasses.replace(inner, optional=True)
    if origin is typing.Literal:
        return _Spec("enum", choices=tuple(str(a) for a in typing.get_args(hint)))
    if origin is tuple:
        return _Spec("tuple", inner=_spec_of(typing.get_args(hint)[0]))
    if hint is str:
        return _Spec("str")
    if hint is bool:
        return _Spec("bool")
    if hint is int:
        return _Spec("int")
    if hint is float:
        return _Spec("number")
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return _Spec("record", record=hint)
    raise TypeError(f"no loader for {hint!r}")  # a bug in model.py, not in a fact file


_ORIGIN: dict[type, bool] = {}


def _has_origin(cls: type) -> bool:
    """Whether records of ``cls`` remember where they were written (asked once per class)."""
    has = _ORIGIN.get(cls)
    if has is None:
        has = _ORIGIN[cls] = any(f.name == "origin" for f in dataclasses.fields(cls))
    return has


def field_plan(cls: type) -> tuple[_FieldPlan, ...]:
    """The loadable fields of a model dataclass, in declaration order."""
    plan = _PLANS.get(cls)
    if plan is None:
        hints = typing.get_type_hints(cls)
        plan = tuple(
            _FieldPlan(
                name=f.name,
                spec=_spec_of(hints[f.name]),
                required=f.default is dataclasses.MISSING
                and f.default_factory is dataclasses.MISSING,
                ref=f.metadata.get("ref"),
            )
            for f in dataclasses.fields(cls)
            if not f.metadata.get("internal")
        )
        _PLANS[cls] = plan
    return plan


# --------------------------------------------------------------------------
# Reading files.


def _line_of_offset(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def read_fact_text(path: Path) -> str:
    """Read a fact file as text, refusing what YAML should never see."""
    shown = str(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise FactBaseError(
                "is a folder, not a fact file", file=shown, hint="give a .yaml file or a folder"
            )
        if size > MAX_FILE_BYTES:
            raise FactBaseError(
                f"the file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}",
                file=shown,
                hint="split the base into several files in one folder",
            )
        data = path.read_bytes()
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
    except OSError as exc:
        raise FactBaseError(
            f"cannot read the fact file: {exc.strerror or exc}", file=shown
        ) from None
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


def _compose(text: str, shown: str) -> Any:
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
# Walking nodes.


@dataclass(frozen=True, slots=True)
class _Ref:
    kind: str
    value: str
    line: int
    field: str
    record: str | None


def _describe(node: Any) -> str:
    import yaml

    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if _plain(node) and node.tag != _CORE_TAG + "str":
        kind = node.tag.rsplit(":", 1)[-1]
        return f"{kind} {node.value!r}" if node.value else "an empty value"
    return f"the string {node.value!r}"


# What YAML 1.1 tools (PyYAML's safe_load, many editors) read a plain scalar as,
# by the kind of value the schema wants there.
_YAML11_OK = {
    "str": {"str"},
    "enum": {"str"},
    "int": {"int"},
    "number": {"int", "float"},
    "bool": {"bool"},
}


class _Walker:
    """Walks composed YAML nodes against the model.

    Strict (``problems is None``): the first problem raises. Collecting: every
    problem is appended to ``problems``, the bad field or record is skipped,
    and the walk goes on; ``lint`` adds the YAML 1.1 portability rule.
    """

    def __init__(self, file: str, problems: list[FactBaseError] | None, lint: bool) -> None:
        self.file = file
        self.seen: set[int] = set()
        self.refs: list[_Ref] = []
        self.problems = problems
        self.lint = lint
        self.record_id: str | None = None
        self.record_path = ""
        self.lines: dict[tuple[str, str], int] = {}
        """(record id, field path inside the record) -> line; kept in lint mode only."""
        self.broken: set[tuple[str, str]] = set()
        """(kind, id) of records dropped for problems: references to them are not news."""

    def error(
        self, node: Any, field: str, message: str, hint: str | None = None, rule: str = "schema"
    ) -> FactBaseError:
        return FactBaseError(
            message,
            file=self.file,
            line=node.start_mark.line + 1,
            field=field or None,
            hint=hint,
            record=self.record_id,
            rule=rule,
        )

    def report(self, problem: FactBaseError) -> None:
        if self.problems is None:
            raise problem
        self.problems.append(problem)

    def _enter(self, node: Any, field: str) -> None:
        if id(node) in self.seen:
            raise self.error(
                node,
                field,
                "YAML aliases are not supported: the value anchored here (&name) is "
                "used again through an alias (*name)",
                hint="write the value out in full at each place",
                rule="yaml",
            )
        self.seen.add(id(node))
        if node.tag not in _ALLOWED_TAGS:
            raise self.error(
                node,
                field,
                f"the YAML tag {node.tag!r} is not allowed",
                hint="fact files use plain YAML: remove the tag",
                rule="yaml",
            )

    def record(self, node: Any, cls: type, field: str) -> Any:
        """A model instance, or None (collecting mode) when the record is unusable."""
        import yaml

        self._enter(node, field)
        what = "the fact file" if cls is FactFile else cls.__name__.lower()
        if not isinstance(node, yaml.MappingNode):
            raise self.error(
                node,
                field,
                f"expected a mapping ({what}), found {_describe(node)}",
                hint="write the fields as 'key: value' lines",
            )
        outer = (self.record_id, self.record_path)
        own_id = _peek_id(node)
        if own_id and cls is not Figure:
            self.record_id, self.record_path = own_id, field
        try:
            return self._record_fields(node, cls, field, what)
        finally:
            self.record_id, self.record_path = outer

    def _record_fields(self, node: Any, cls: type, field: str, what: str) -> Any:
        import yaml

        plan = field_plan(cls)
        by_name = {p.name: p for p in plan}
        values: dict[str, Any] = {}
        key_lines: dict[str, int] = {}
        failed = False
        suggested: set[str] = set()
        prefix = f"{field}." if field else ""
        for key_node, value_node in node.value:
            self._enter(key_node, field)
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.error(key_node, field, "a mapping key must be a plain name")
            key = key_node.value
            if key in key_lines:
                self.report(
                    self.error(
                        key_node,
                        prefix + key,
                        f"duplicate key '{key}' (first at line {key_lines[key]})",
                        hint="YAML would silently keep only the last one; remove one",
                        rule="yaml",
                    )
                )
                continue
            key_lines[key] = key_node.start_mark.line + 1
            fp = by_name.get(key)
            if fp is None:
                close = difflib.get_close_matches(key, list(by_name), n=1)
                hint = f"did you mean '{close[0]}'?" if close else None
                suggested.update(close)
                allowed = ", ".join(by_name)
                self.report(
                    self.error(
                        key_node,
                        prefix + key,
                        f"unknown field '{key}' in {what} (allowed: {allowed})"
                        if cls is not FactFile
                        else f"unknown field '{key}' at the top of the fact file "
                        f"(allowed: {allowed})",
                        hint=hint,
                    )
                )
                continue
            try:
                values[key] = self.value(value_node, fp.spec, prefix + key, fp.ref)
            except FactBaseError as problem:
                self.report(problem)
                failed = failed or fp.required
        for fp in plan:
            if fp.name not in values and fp.name in key_lines:
                continue  # already reported
            if fp.required and fp.name not in values and fp.name in suggested:
                failed = True  # the unknown key's "did you mean" already says it
            elif fp.required and fp.name not in values:
                self.report(
                    self.error(
                        node,
                        prefix + fp.name,
                        f"missing required field '{fp.name}' in {what}",
                        hint=f"add '{fp.name}:'",
                    )
                )
                failed = True
            elif fp.name in values and values[fp.name] is None and not fp.spec.optional:
                self.report(self.error(node, prefix + fp.name, f"'{fp.name}' must not be empty"))
                failed = True
        if failed:
            own_id = _peek_id(node)
            if own_id:
                self.broken.add((what, own_id))
            return None
        if _has_origin(cls):
            values["origin"] = Origin(self.file, node.start_mark.line + 1)
        return cls(**values)

    def value(self, node: Any, spec: _Spec, field: str, ref: str | None) -> Any:
        import yaml

        if spec.kind == "record":
            assert spec.record is not None
            if _is_null(node) and spec.optional:
                self._enter(node, field)
                return None
            return self.record(node, spec.record, field)
        self._enter(node, field)
        if spec.kind == "tuple":
            assert spec.inner is not None
            if _is_null(node):
                return ()
            if not isinstance(node, yaml.SequenceNode):
                raise self.error(
                    node,
                    field,
                    f"expected a list, found {_describe(node)}",
                    hint="write the items as '- item' lines or [a, b]",
                )
            inner = spec.inner
            items = []
            for i, item in enumerate(node.value):
                try:
                    if inner.kind == "record":
                        got = self.value(item, inner, f"{field}[{i}]", ref)
                    else:
                        self._enter(item, f"{field}[{i}]")
                        got = self.scalar(item, inner, f"{field}[{i}]", ref)
                except FactBaseError as problem:
                    if inner.kind != "record":
                        raise
                    self.report(problem)
                    continue
                if got is not None:
                    items.append(got)
            return tuple(items)
        return self.scalar(node, spec, field, ref)

    def scalar(self, node: Any, spec: _Spec, field: str, ref: str | None) -> Any:
        import yaml

        if not isinstance(node, yaml.ScalarNode):
            raise self.error(node, field, f"expected a single value, found {_describe(node)}")
        text: str = node.value
        plain = _plain(node)
        if self.lint and self.record_id is not None:
            inner = field[len(self.record_path) + 1 :] if self.record_path else field
            self.lines[(self.record_id, inner)] = node.start_mark.line + 1
        if plain and text in _NULLS and node.tag == _CORE_TAG + "null":
            if spec.optional:
                return None
            raise self.error(node, field, "must not be empty")
        if self.lint and plain:
            self._lint_yaml11(node, spec, field)
        if spec.kind in ("str", "enum"):
            if not text.strip():
                raise self.error(node, field, "must not be blank")
            if spec.kind == "enum" and text not in spec.choices:
                close = difflib.get_close_matches(text, spec.choices, n=1)
                raise self.error(
                    node,
                    field,
                    f"'{text}' is not one of: {', '.join(spec.choices)}",
                    hint=f"did you mean '{close[0]}'?" if close else None,
                )
            if ref is not None:
                self.refs.append(_Ref(ref, text, node.start_mark.line + 1, field, self.record_id))
            return text
        if not plain:
            raise self.error(
                node,
                field,
                f"expected {_KIND_WORDS[spec.kind]}, found the quoted string {text!r}",
                hint="remove the quotes",
            )
        if spec.kind == "bool":
            if text in _TRUE:
                return True
            if text in _FALSE:
                return False
            raise self.error(
                node, field, f"expected true or false, found {text!r}", hint="write true or false"
            )
        if spec.kind == "int":
            if _INT.match(text):
                return int(text)
            raise self.error(node, field, f"expected a whole number, found {text!r}")
        if spec.kind == "number":
            if _INT.match(text):
                return int(text)
            if _NUMBER.match(text) and math.isfinite(number := float(text)):
                return number
            raise self.error(
                node, field, f"expected a number, found {text!r}", hint="write it like 4.74e+12"
            )
        raise AssertionError(spec.kind)

    def _lint_yaml11(self, node: Any, spec: _Spec, field: str) -> None:
        """Flag a plain scalar that YAML 1.1 or 1.2 tools would read as another type."""
        read_as = node.tag.rsplit(":", 1)[-1]
        if read_as == "str" and spec.kind in ("str", "enum"):
            read_as = _yaml12_type(node.value)  # e.g. 1e3: a string to 1.1, a float to 1.2
        if read_as in _YAML11_OK.get(spec.kind, {read_as}):
            return
        if spec.kind in ("str", "enum"):
            hint = f'quote it: "{node.value}"'
        elif spec.kind == "number":
            hint = "write the exponent with a sign, like 4.74e+12"
        else:
            hint = None
        self.report(
            self.error(
                node,
                field,
                f"{node.value!r} is read here as {spec.kind}, but other YAML tools "
                f"(PyYAML, editors) read it as {read_as}",
                hint=hint,
                rule="yaml-1.1",
            )
        )


_KIND_WORDS = {"int": "a whole number", "number": "a number", "bool": "true or false"}


_YAML12_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_YAML12_INT = re.compile(r"[-+]?[0-9]+\Z|0o[0-7]+\Z|0x[0-9a-fA-F]+\Z")


def _yaml12_type(text: str) -> str:
    """What the YAML 1.2 core schema reads a plain scalar as."""
    if text in ("true", "True", "TRUE", "false", "False", "FALSE"):
        return "bool"
    if text in _NULLS:
        return "null"
    if _YAML12_INT.match(text):
        return "int"
    if _YAML12_FLOAT.match(text) or text.lower() in (".inf", "-.inf", "+.inf", ".nan"):
        return "float"
    return "str"


def _plain(node: Any) -> bool:
    """A plain (unquoted, not block) scalar: the C composer says '', the Python one None."""
    return not getattr(node, "style", "x")


def _is_null(node: Any) -> bool:
    return _plain(node) and node.tag == _CORE_TAG + "null" and node.value in _NULLS


def _peek_id(node: Any) -> str | None:
    """The value of a mapping's ``id`` key, if it is a plain value."""
    for key_node, value_node in node.value:
        if getattr(key_node, "value", None) == "id" and isinstance(
            getattr(value_node, "value", None), str
        ):
            return str(value_node.value) or None
    return None


# --------------------------------------------------------------------------
# Files, folders and the merged base.


@dataclass(slots=True)
class ParsedFile:
    path: Path
    content: FactFile
    refs: list[_Ref]
    lines: dict[tuple[str, str], int] = dataclasses.field(default_factory=dict)
    broken: set[tuple[str, str]] = dataclasses.field(default_factory=set)


_EMPTY = FactFile(format=FORMAT_VERSION)


def parse_fact_file(
    path: Path, problems: list[FactBaseError] | None = None, *, lint: bool = False
) -> ParsedFile:
    """Parse and validate one fact file on its own (references unchecked).

    With ``problems``, every problem is appended there and whatever is valid
    is returned; otherwise the first problem raises.
    """
    shown = str(path)
    walker = _Walker(shown, problems, lint)
    try:
        text = read_fact_text(path)
        root = _compose(text, shown)
        if root is None:
            raise FactBaseError(
                "the file holds no YAML document",
                file=shown,
                hint="a fact file is a mapping with 'format: 1' and lists of sources, claims, ...",
            )
        try:
            content = walker.record(root, FactFile, "")
        except RecursionError:
            raise FactBaseError("the YAML is nested too deeply", file=shown) from None
        if content is None:
            return ParsedFile(path, _EMPTY, walker.refs, walker.lines, walker.broken)
        if content.format != FORMAT_VERSION:
            raise FactBaseError(
                f"unsupported format {content.format}",
                file=shown,
                line=root.start_mark.line + 1,
                field="format",
                hint=f"this brtrade reads format {FORMAT_VERSION}",
            )
    except FactBaseError as problem:
        walker.report(problem)
        return ParsedFile(path, _EMPTY, walker.refs, walker.lines, walker.broken)
    return ParsedFile(path, content, walker.refs, walker.lines, walker.broken)


def resolve_source_path(source: Source, fact_file: Path) -> Path:
    """The source's text file, which must lie inside the fact file's folder."""
    line = source.origin.line if source.origin else None
    rel = Path(source.text)
    if rel.is_absolute() or ".." in rel.parts or source.text.startswith("~"):
        raise FactBaseError(
            f"text path {source.text!r} must be relative and stay inside the fact file's folder",
            file=str(fact_file),
            line=line,
            record=source.id,
            field="text",
            hint="put the text beside the fact file, for example sources/article.txt",
        )
    folder = fact_file.resolve().parent
    resolved = (folder / rel).resolve()
    if not resolved.is_relative_to(folder):
        raise FactBaseError(
            f"text path {source.text!r} leads outside the fact file's folder (through a symlink)",
            file=str(fact_file),
            line=line,
            record=source.id,
            field="text",
        )
    return resolved


def _root_path(path: str | os.PathLike[str]) -> Path:
    root = Path(path)
    if not root.exists() and not root.is_symlink():
        raise FactBaseError(
            "no such fact file or folder", file=str(root), hint="check --facts or BRTRADE_FACTS"
        )
    return root


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building large acyclic structures.

    Parsing creates millions of objects and no reference cycles; with the
    collector running, it traverses them again and again (a 100,000-claim base
    loads several times slower). Memory is unaffected: nothing here needs the
    cycle collector to be freed.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_fact_base(path: str | os.PathLike[str]) -> FactBase:
    """Load a fact file, or a folder of them, into one validated :class:`FactBase`.

    The first problem raises :class:`FactBaseError`.
    """
    with gc_paused():
        parsed = [parse_fact_file(p) for p in fact_files(_root_path(path))]
        base, _ = merge(parsed, collect=False)
    return base


@dataclass(slots=True)
class Linted:
    """What ``brtrade check`` works on: the valid part of a base, and its problems."""

    base: FactBase
    problems: list[FactBaseError]
    lines: dict[tuple[str, str], int]
    """(record id, field path inside the record) -> line of that field."""

    def line(self, record_id: str, field: str, default: int | None) -> int | None:
        return self.lines.get((record_id, field), default)


def lint_fact_base(path: str | os.PathLike[str]) -> Linted:
    """Load what is valid and collect every problem, for ``brtrade check``.

    A path that does not exist, or an empty folder, still raises.
    """
    problems: list[FactBaseError] = []
    with gc_paused():
        parsed = [parse_fact_file(p, problems, lint=True) for p in fact_files(_root_path(path))]
        base, more = merge(parsed, collect=True)
    lines: dict[tuple[str, str], int] = {}
    for p in parsed:
        lines.update(p.lines)
    return Linted(base, problems + more, lines)


def merge(parsed: list[ParsedFile], *, collect: bool) -> tuple[FactBase, list[FactBaseError]]:
    """Merge parsed files into one base and cross-check it.

    Strict (``collect=False``): the first problem raises. Collecting: the base
    keeps what is valid and every problem is returned.
    """
    problems: list[FactBaseError] = []

    def report(problem: FactBaseError) -> None:
        if not collect:
            raise problem
        problems.append(problem)

    def collect_group(attr: str) -> tuple[Any, ...]:
        return tuple(r for p in parsed for r in getattr(p.content, attr))

    source_paths: dict[str, str] = {}
    for p in parsed:
        for src in p.content.sources:
            try:
                source_paths.setdefault(src.id, str(resolve_source_path(src, p.path)))
            except FactBaseError as bad_path:
                report(bad_path)

    base = FactBase(
        sources=collect_group("sources"),
        topics=collect_group("topics"),
        entities=collect_group("entities"),
        speakers=collect_group("speakers"),
        quotes=collect_group("quotes"),
        claims=collect_group("claims"),
        source_paths=source_paths,
        files=tuple(str(p.path) for p in parsed),
    )
    for check in (_check_unique(base), _check_refs(base, parsed), _check_consistency(base)):
        for problem in check:
            report(problem)
    return base, problems


def _check_unique(base: FactBase) -> Iterable[FactBaseError]:
    for kind, records in base.groups():
        first: dict[str, Any] = {}
        for rec in records:
            if not _ID.match(rec.id):
                yield _record_error(
                    rec,
                    "id",
                    f"{kind} id {rec.id!r} must be lower-case letters, digits, '.', '_' or '-'",
                )
            if rec.id in first:
                yield _record_error(
                    rec,
                    "id",
                    f"duplicate {kind} id '{rec.id}' (first defined at {first[rec.id].origin})",
                    hint="give each record its own id",
                )
                continue
            first[rec.id] = rec
    seen: dict[str, Claim] = {}
    for claim in base.claims:
        for i, fig in enumerate(claim.figures):
            if fig.id in seen:
                yield _record_error(
                    claim,
                    f"figures[{i}].id",
                    f"duplicate figure id '{fig.id}' (also in claim '{seen[fig.id].id}')",
                )
            seen[fig.id] = claim


def _check_refs(base: FactBase, parsed: list[ParsedFile]) -> Iterable[FactBaseError]:
    known: dict[str, Any] = {kind: base.index[kind] for kind, _ in base.groups()}
    known["figure"] = base.figures_by_id
    broken = {b for p in parsed for b in p.broken}
    for p in parsed:
        for ref in p.refs:
            targets = known[ref.kind]
            if ref.value not in targets and (ref.kind, ref.value) not in broken:
                close = difflib.get_close_matches(ref.value, list(targets), n=1)
                hint = f"did you mean '{close[0]}'?" if close else f"define the {ref.kind} first"
                yield FactBaseError(
                    f"unknown {ref.kind} '{ref.value}'",
                    file=str(p.path),
                    line=ref.line,
                    field=ref.field,
                    hint=hint,
                    record=ref.record,
                    rule="reference",
                )


def _check_consistency(base: FactBase) -> Iterable[FactBaseError]:
    for claim in base.claims:
        if claim.quote is not None and claim.quote in base.index["quote"]:
            quote = base.quote(claim.quote)
            if claim.speaker != quote.speaker:
                yield _record_error(
                    claim,
                    "speaker",
                    f"the claim is made in quote '{quote.id}' by '{quote.speaker}' but is "
                    f"attributed to '{claim.speaker}'",
                    hint=f"set 'speaker: {quote.speaker}'",
                    rule="reference",
                )
        for i, fig in enumerate(claim.figures):
            yield from _check_figure(claim, i, fig)
    for rec in base.cited():
        paras = rec.provenance.paragraphs
        if not paras or any(n < 1 for n in paras) or list(paras) != sorted(set(paras)):
            yield _record_error(
                rec,
                "provenance.paragraphs",
                f"paragraphs {list(paras)} must be a non-empty, increasing list of numbers from 1",
            )


def _check_figure(claim: Claim, i: int, fig: Figure) -> Iterable[FactBaseError]:
    field = f"figures[{i}]"
    if fig.kind == "change" and fig.basis is None:
        yield _record_error(
            claim,
            f"{field}.basis",
            f"figure '{fig.id}' is a change but has no basis",
            hint="say 'year-on-year', 'same-period-previous-year' or 'unstated'",
        )
    if fig.kind != "change" and fig.basis is not None:
        yield _record_error(
            claim, f"{field}.basis", f"figure '{fig.id}' has a basis but is not a change"
        )
    if fig.unit == "percent" and fig.kind not in ("change", "share"):
        yield _record_error(
            claim, f"{field}.unit", f"figure '{fig.id}' is in percent but is a {fig.kind}"
        )


def _record_error(
    rec: Claim | Quote | Speaker | Entity | Topic | Source,
    field: str,
    message: str,
    hint: str | None = None,
    rule: str = "identity",
) -> FactBaseError:
    origin = rec.origin
    return FactBaseError(
        message,
        file=origin.file if origin else "?",
        line=origin.line if origin else None,
        field=field,
        hint=hint,
        record=rec.id,
        rule=rule,
    )
