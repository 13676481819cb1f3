"""The field plan: what each model dataclass field expects, read off the model once.

The loader walks YAML against these plans, the JSON Schema is generated from
them, and the persistent index flattens records with them, so the three
cannot drift apart.
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from dataclasses import dataclass
from typing import Any

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]*\Z")
"""What every record id looks like: lower-case letters, digits, '.', '_' and '-'."""


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """The kind of value a field takes."""

    kind: str  # str | int | number | bool | enum | tuple | record
    optional: bool = False
    choices: tuple[str, ...] = ()
    inner: FieldSpec | None = None
    record: type | None = None


@dataclass(frozen=True, slots=True)
class FieldPlan:
    """One loadable field of a model dataclass."""

    name: str
    spec: FieldSpec
    required: bool
    ref: str | None


_PLANS: dict[type, tuple[FieldPlan, ...]] = {}


def spec_of(hint: Any) -> FieldSpec:
    """The spec of a type hint of the model."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        inner = spec_of(args[0])
        return dataclasses.replace(inner, optional=True)
    if origin is typing.Literal:
        return FieldSpec("enum", choices=tuple(str(a) for a in typing.get_args(hint)))
    if origin is tuple:
        return FieldSpec("tuple", inner=spec_of(typing.get_args(hint)[0]))
    if hint is str:
        return FieldSpec("str")
    if hint is bool:
        return FieldSpec("bool")
    if hint is int:
        return FieldSpec("int")
    if hint is float:
        return FieldSpec("number")
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return FieldSpec("record", record=hint)
    raise TypeError(f"no loader for {hint!r}")  # a bug in model.py, not in a fact file


def record_spec(cls: type) -> FieldSpec:
    """The spec of a whole record of ``cls``."""
    return FieldSpec("record", record=cls)


_ORIGIN: dict[type, bool] = {}


def has_origin(cls: type) -> bool:
    """Whether records of ``cls`` remember where they were written (asked once per class)."""
    has = _ORIGIN.get(cls)
    if has is None:
        has = _ORIGIN[cls] = any(f.name == "origin" for f in dataclasses.fields(cls))
    return has


def field_plan(cls: type) -> tuple[FieldPlan, ...]:
    """The loadable fields of a model dataclass, in declaration order."""
    plan = _PLANS.get(cls)
    if plan is None:
        hints = typing.get_type_hints(cls)
        plan = tuple(
            FieldPlan(
                name=f.name,
                spec=spec_of(hints[f.name]),
                required=f.default is dataclasses.MISSING
                and f.default_factory is dataclasses.MISSING,
                ref=f.metadata.get("ref"),
            )
            for f in dataclasses.fields(cls)
            if not f.metadata.get("internal")
        )
        _PLANS[cls] = plan
    return plan
