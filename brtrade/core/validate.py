"""Walk composed YAML nodes against the model: one fact file -> validated records.

This module walks the nodes against the dataclasses of
:mod:`brtrade.core.model`, following their field plans
(:mod:`brtrade.core.fields`). That gives

* an error with the file, the line and the field path for every mistake;
* schema-driven scalars: a string field takes the text as written, so YAML 1.1
  surprises (``no`` -> False, ``3.10`` -> 3.1, dates, octal) cannot happen,
  and numbers and booleans must be written as such;
* no tags executed: any tag outside YAML's core schema is refused;
* duplicate mapping keys reported instead of silently overwritten;
* aliases refused, so a "billion laughs" document cannot expand.

References between records are collected here and resolved by
:mod:`brtrade.core.rules.records` once every file is read.
"""

from __future__ import annotations

import dataclasses
import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from brtrade.core.errors import FactBaseError, excerpt
from brtrade.core.fastyaml import read as read_fast
from brtrade.core.fields import FieldSpec, field_plan, has_origin
from brtrade.core.files import FORMAT_VERSION
from brtrade.core.model import FactFile, Figure, Origin
from brtrade.core.numbers import out_of_range
from brtrade.core.rules import Rule
from brtrade.core.yamlread import (
    ALLOWED_TAGS,
    CORE_TAG,
    FALSE,
    INT_TEXT,
    NULLS,
    NUMBER_TEXT,
    TRUE,
    YAML11_OK,
    compose,
    describe_node,
    is_null,
    is_plain,
    peek_id,
    read_fact_text,
    yaml12_type,
)


@dataclass(frozen=True, slots=True)
class Ref:
    kind: str
    value: str
    line: int
    field: str
    record: str | None


class _Walker:
    """Walks composed YAML nodes against the model.

    Strict (``problems is None``): the first problem raises. Collecting: every
    problem is appended to ``problems``, the bad field or record is skipped,
    and the walk goes on; ``lint`` adds the YAML 1.1 portability rule.
    """

    def __init__(self, file: str, problems: list[FactBaseError] | None, lint: bool) -> None:
        self.file = file
        self.seen: set[int] = set()
        self.refs: list[Ref] = []
        self.problems = problems
        self.lint = lint
        self.record_id: str | None = None
        self.record_path = ""
        self.lines: dict[tuple[str, str], int] = {}
        """(record id, field path inside the record) -> line; kept in lint mode only."""
        self.broken: set[tuple[str, str]] = set()
        """(kind, id) of records dropped for problems: references to them are not news."""

    def error(
        self, node: Any, field: str, message: str, hint: str | None = None, rule: Rule = Rule.SCHEMA
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
                rule=Rule.YAML,
            )
        self.seen.add(id(node))
        if self.lint and self.record_id is not None:
            inner = field[len(self.record_path) + 1 :] if self.record_path else field
            self.lines.setdefault((self.record_id, inner), node.start_mark.line + 1)
        if node.tag not in ALLOWED_TAGS:
            raise self.error(
                node,
                field,
                f"the YAML tag {excerpt(node.tag)} is not allowed",
                hint="fact files use plain YAML: remove the tag",
                rule=Rule.YAML,
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
                f"expected a mapping ({what}), found {describe_node(node)}",
                hint="write the fields as 'key: value' lines",
            )
        outer = (self.record_id, self.record_path)
        own_id = peek_id(node)
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
                        f"duplicate key {excerpt(key)} (first at line {key_lines[key]})",
                        hint="YAML would silently keep only the last one; remove one",
                        rule=Rule.YAML,
                    )
                )
                continue
            key_lines[key] = key_node.start_mark.line + 1
            fp = by_name.get(key)
            if fp is None:
                close = difflib.get_close_matches(key, list(by_name), n=1)
                hint = f"did you mean '{close[0]}'?" if close else None
                suggested.update(close)
                allowed = ", ".join(by_name) if len(key) <= 40 else "see docs/fact-files.md"
                self.report(
                    self.error(
                        key_node,
                        prefix + key,
                        f"unknown field {excerpt(key)} in {what} (allowed: {allowed})"
                        if cls is not FactFile
                        else f"unknown field {excerpt(key)} at the top of the fact file "
                        f"(allowed: {allowed})",
                        hint=hint,
                    )
                )
                continue
            try:
                got = self.value(value_node, fp.spec, prefix + key, fp.ref)
            except FactBaseError as problem:
                self.report(problem)
                failed = failed or fp.required
                continue
            if got is None and not is_null(value_node):
                failed = failed or fp.required  # a nested record said what is wrong in it
                continue
            values[key] = got
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
            own_id = peek_id(node)
            if own_id:
                self.broken.add((what, own_id))
            for fig in values.get("figures") or ():  # lost with their claim: not "unknown"
                self.broken.add(("figure", fig.id))
            return None
        if has_origin(cls):
            values["origin"] = Origin(self.file, node.start_mark.line + 1)
        return cls(**values)

    def value(self, node: Any, spec: FieldSpec, field: str, ref: str | None) -> Any:
        import yaml

        if spec.kind == "record":
            assert spec.record is not None
            if is_null(node) and spec.optional:
                self._enter(node, field)
                return None
            return self.record(node, spec.record, field)
        self._enter(node, field)
        if spec.kind == "tuple":
            assert spec.inner is not None
            if is_null(node):
                return ()
            if not isinstance(node, yaml.SequenceNode):
                raise self.error(
                    node,
                    field,
                    f"expected a list, found {describe_node(node)}",
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

    def scalar(self, node: Any, spec: FieldSpec, field: str, ref: str | None) -> Any:
        import yaml

        if not isinstance(node, yaml.ScalarNode):
            raise self.error(node, field, f"expected a single value, found {describe_node(node)}")
        text: str = node.value
        plain = is_plain(node)
        if plain and text in NULLS and node.tag == CORE_TAG + "null":
            if spec.optional:
                return None
            raise self.error(node, field, "must not be empty")
        if self.lint and plain:
            self._lint_yaml11(node, spec, field)
        if spec.kind in ("str", "enum"):
            if not text.strip():
                raise self.error(node, field, "must not be blank")
            if "\0" in text:
                raise self.error(node, field, "must not contain a NUL character (\\0)")
            if spec.kind == "enum" and text not in spec.choices:
                close = difflib.get_close_matches(text, spec.choices, n=1)
                raise self.error(
                    node,
                    field,
                    f"{excerpt(text)} is not one of: {', '.join(spec.choices)}",
                    hint=f"did you mean '{close[0]}'?" if close else None,
                )
            if ref is not None:
                self.refs.append(Ref(ref, text, node.start_mark.line + 1, field, self.record_id))
            return text
        if not plain:
            raise self.error(
                node,
                field,
                f"expected {_KIND_WORDS[spec.kind]}, found the quoted string {excerpt(text)}",
                hint="remove the quotes",
            )
        if spec.kind == "bool":
            if text in TRUE:
                return True
            if text in FALSE:
                return False
            raise self.error(
                node,
                field,
                f"expected true or false, found {excerpt(text)}",
                hint="write true or false",
            )
        if len(text) <= _MAX_NUMBER_TEXT:
            if INT_TEXT.match(text):
                return self._in_range(node, field, int(text), spec.kind == "int")
            if spec.kind == "number" and NUMBER_TEXT.match(text):
                return self._in_range(node, field, float(text), False)
        want = "a whole number" if spec.kind == "int" else "a number"
        hint = "write it like 4.74e+12" if spec.kind == "number" else None
        raise self.error(node, field, f"expected {want}, found {excerpt(text)}", hint=hint)

    def _in_range(self, node: Any, field: str, value: float, whole: bool) -> float:
        why = out_of_range(value, whole=whole)
        if why is None:
            return value
        raise self.error(node, field, f"the number {excerpt(node.value)} {why}")

    def _lint_yaml11(self, node: Any, spec: FieldSpec, field: str) -> None:
        """Flag a plain scalar that YAML 1.1 or 1.2 tools would read as another type."""
        read_as = node.tag.rsplit(":", 1)[-1]
        if read_as == "str" and spec.kind in ("str", "enum"):
            read_as = yaml12_type(node.value)  # e.g. 1e3: a string to 1.1, a float to 1.2
        if read_as in YAML11_OK.get(spec.kind, {read_as}):
            return
        if spec.kind in ("str", "enum"):
            hint = f'quote it: "{node.value}"' if len(node.value) <= 40 else "quote it"
        elif spec.kind == "number":
            hint = "write the exponent with a sign, like 4.74e+12"
        else:
            hint = None
        self.report(
            self.error(
                node,
                field,
                f"{excerpt(node.value)} is read here as {spec.kind}, but other YAML tools "
                f"(PyYAML, editors) read it as {read_as}",
                hint=hint,
                rule=Rule.YAML_1_1,
            )
        )


_KIND_WORDS = {"int": "a whole number", "number": "a number", "bool": "true or false"}
_MAX_NUMBER_TEXT = 40
"""A number written with more characters than this is refused unread."""


@dataclass(slots=True)
class ParsedFile:
    path: Path
    content: FactFile
    refs: list[Ref]
    lines: dict[tuple[str, str], int] = dataclasses.field(default_factory=dict)
    broken: set[tuple[str, str]] = dataclasses.field(default_factory=set)
    sha256: str = ""
    """The SHA-256 of the bytes parsed, when asked for (the index stamps it)."""
    text: str | None = None
    """The text, kept when the fast path (:mod:`brtrade.core.fastyaml`) read it: its
    references carry their record's line, so a problem found after the merge is
    worded by reading the text again, precisely (:func:`reparsed_precisely`)."""


_EMPTY = FactFile(format=FORMAT_VERSION)


def parse_fact_file(
    path: Path,
    problems: list[FactBaseError] | None = None,
    *,
    lint: bool = False,
    pipe_ok: bool = False,
    digest: bool = False,
    fast: bool = True,
) -> ParsedFile:
    """Parse and validate one fact file on its own (references unchecked).

    With ``problems``, every problem is appended there and whatever is valid
    is returned; otherwise the first problem raises. ``pipe_ok`` lets the file
    be a pipe (a path the user gave directly); ``digest`` records the SHA-256
    of the bytes parsed. A strict read takes the fast path where it can (not with
    ``fast=False``); a collecting or linting one is always precise.
    """
    shown = str(path)
    walker = _Walker(shown, problems, lint)
    sha256 = ""
    try:
        text, sha256 = read_fact_text(path, pipe_ok=pipe_ok, digest=digest)
    except FactBaseError as problem:
        walker.report(problem)
        return ParsedFile(path, _EMPTY, walker.refs, sha256=sha256)
    if fast and problems is None and not lint:
        got = read_fast(text, shown)
        if got is not None:
            content, refs = got
            return ParsedFile(path, content, [Ref(*r) for r in refs], sha256=sha256, text=text)
    return _parse_precisely(path, text, sha256, walker)


def reparsed_precisely(parsed: ParsedFile) -> ParsedFile:
    """A file the fast path read, read again by the precise reader (strict)."""
    if parsed.text is None:
        return parsed
    return _parse_precisely(
        parsed.path, parsed.text, parsed.sha256, _Walker(str(parsed.path), None, False)
    )


def _parse_precisely(path: Path, text: str, sha256: str, walker: _Walker) -> ParsedFile:
    shown = str(path)
    content: FactFile | None = None
    try:
        root = compose(text, shown)
        if root is None:
            raise FactBaseError(
                "the file holds no YAML document",
                file=shown,
                hint=f"a fact file is a mapping with 'format: {FORMAT_VERSION}' and lists of "
                "sources, claims, ...",
            )
        try:
            content = walker.record(root, FactFile, "")
        except RecursionError:
            raise FactBaseError("the YAML is nested too deeply", file=shown) from None
        if content is not None and content.format != FORMAT_VERSION:
            raise FactBaseError(
                f"unsupported format {content.format}",
                file=shown,
                line=root.start_mark.line + 1,
                field="format",
                hint=f"this brtrade reads format {FORMAT_VERSION}",
            )
    except FactBaseError as problem:
        walker.report(problem)
        content = None
    kept = _EMPTY if content is None else content
    return ParsedFile(path, kept, walker.refs, walker.lines, walker.broken, sha256)
