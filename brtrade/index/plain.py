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


class Keep:
    """Which speakers and sources :func:`from_plain` builds: these, the sources those
    speakers cite, and with ``citing`` every speaker whose attribution is in that
    source. Building thousands of records no answer reads is most of a small answer's
    time on a large base."""

    def __init__(
        self,
        speakers: set[str],
        sources: set[str],
        citing: str | None = None,
        files: frozenset[str] = frozenset(),
    ) -> None:
        self.speakers = speakers
        self.sources = sources
        self.citing = citing
        self.files = files
        """Keep also the speakers and sources written in these files."""


def _kept(groups: tuple[Any, ...], keep: Keep) -> tuple[Any, ...]:
    at = [name for name, _ in _SMALL]
    speakers_i, sources_i = at.index("speakers"), at.index("sources")
    prov = [fp.name for fp in field_plan(Speaker)].index("provenance")

    def written_in(rec: tuple[Any, ...]) -> bool:
        return rec[-1] is not None and rec[-1][0] in keep.files

    speakers = tuple(
        s
        for s in groups[speakers_i]
        if s[0] in keep.speakers or s[prov][0] == keep.citing or written_in(s)
    )
    cited = keep.sources | {s[prov][0] for s in speakers}
    sources = tuple(s for s in groups[sources_i] if s[0] in cited or written_in(s))
    out = list(groups)
    out[speakers_i], out[sources_i] = speakers, sources
    return tuple(out)


def from_plain(
    data: tuple[Any, ...],
    claims: tuple[Claim, ...] = (),
    quotes: tuple[Quote, ...] = (),
    keep: Keep | None = None,
) -> FactBase:
    """The base ``to_plain`` was given, holding ``claims`` and ``quotes`` (and, with
    ``keep``, only the speakers and sources it names)."""
    groups, source_paths, files = data
    if keep is not None:
        groups = _kept(groups, keep)
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
