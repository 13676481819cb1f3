"""A fact base's small groups as plain nested tuples, for marshal, and back.

marshal is fast and, unlike pickle, cannot run code when loading. The shape
follows the model's field plans, so it changes when the model does; the
index's format number covers that. Each record keeps where it was written
(its ``origin``), so a base read from the index equals one read from YAML.
"""

from __future__ import annotations

from typing import Any

from brtrade.core.fields import FieldSpec, field_plan, has_origin, record_spec
from brtrade.core.model import (
    Claim,
    Entity,
    EntityExtension,
    FactBase,
    Origin,
    Quote,
    Source,
    Speaker,
    Term,
    Topic,
)

_SMALL: tuple[tuple[str, type], ...] = (
    ("sources", Source),
    ("topics", Topic),
    ("entities", Entity),
    ("speakers", Speaker),
    ("vocabulary", Term),
    ("extensions", EntityExtension),
)
"""The groups kept whole in the index's ``small`` value; claims and quotes have rows."""


def _to(value: Any, spec: FieldSpec) -> Any:
    if value is None:
        return None
    if spec.kind == "record":
        assert spec.record is not None
        fields = tuple(_to(getattr(value, fp.name), fp.spec) for fp in field_plan(spec.record))
        if has_origin(spec.record):
            origin = value.origin
            return (*fields, None if origin is None else (origin.file, origin.line))
        return fields
    if spec.kind == "tuple":
        assert spec.inner is not None
        inner = spec.inner
        return tuple(_to(v, inner) for v in value)
    return value


def _from(value: Any, spec: FieldSpec) -> Any:
    if value is None:
        return None
    if spec.kind == "record":
        assert spec.record is not None
        plan = field_plan(spec.record)
        if has_origin(spec.record):
            *fields, origin = value
            built = (_from(v, fp.spec) for v, fp in zip(fields, plan, strict=True))
            return spec.record(*built, origin=None if origin is None else Origin(*origin))
        return spec.record(*(_from(v, fp.spec) for v, fp in zip(value, plan, strict=True)))
    if spec.kind == "tuple":
        assert spec.inner is not None
        inner = spec.inner
        return tuple(_from(v, inner) for v in value)
    return value


def to_plain(base: FactBase) -> tuple[Any, ...]:
    """Everything of ``base`` but its claims and quotes, as plain tuples."""
    groups = tuple(
        tuple(_to(rec, record_spec(cls)) for rec in getattr(base, name)) for name, cls in _SMALL
    )
    return (groups, tuple(base.source_paths.items()), base.files)


def from_plain(
    data: tuple[Any, ...], claims: tuple[Claim, ...] = (), quotes: tuple[Quote, ...] = ()
) -> FactBase:
    """The base ``to_plain`` was given, holding ``claims`` and ``quotes``."""
    groups, source_paths, files = data
    built: list[tuple[Any, ...]] = [
        tuple(_from(rec, record_spec(cls)) for rec in group)
        for (_, cls), group in zip(_SMALL, groups, strict=True)
    ]
    sources, topics, entities, speakers, vocabulary, extensions = built
    return FactBase(
        sources=sources,
        topics=topics,
        entities=entities,
        speakers=speakers,
        quotes=quotes,
        claims=claims,
        vocabulary=vocabulary,
        extensions=extensions,
        source_paths=dict(source_paths),
        files=tuple(files),
    )
