"""The typed model of a fact base.

Plain frozen dataclasses: they import nothing heavy, so start-up stays fast,
and their field metadata is the one description of the fact-file format. The
loader validates YAML against it; the JSON Schema is generated from it.

Field metadata keys:

``doc``
    what the field holds, for the schema and docs/fact-files.md.
``verbatim``
    the value is copied from the article and is checked against it.
``ref``
    the value names the id of another record of that kind.
``internal``
    set by the loader, never written in a fact file.

Every field that is not ``verbatim`` is editorial.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal

FigureKind = Literal["amount", "count", "change", "share"]
Unit = Literal["CNY", "USD", "percent", "count"]
ChangeBasis = Literal["year-on-year", "same-period-previous-year", "unstated"]
Bound = Literal["lower", "upper"]
ClaimBasis = Literal["stated", "reported"]
ClaimKind = Literal["measurement", "event", "ranking", "description", "assessment"]
EntityType = Literal[
    "country",
    "bloc",
    "initiative",
    "port",
    "city",
    "province",
    "company",
    "institute",
    "university",
    "ministry",
    "organisation",
]
RelationType = Literal["member-of", "located-in", "part-of"]
RelationBasis = Literal["stated", "editorial"]
PeriodBasis = Literal["stated", "editorial"]


def meta(
    doc: str,
    *,
    verbatim: bool = False,
    ref: str | None = None,
    default: Any = dataclasses.MISSING,
) -> Any:
    """A dataclass field carrying the metadata the loader and schema read."""
    md = {"doc": doc, "verbatim": verbatim, "ref": ref}
    if default is dataclasses.MISSING:
        return field(metadata=md)
    return field(default=default, metadata=md)


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a record was written: its fact file and line."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


def origin_field() -> Any:
    return field(default=None, compare=False, repr=False, metadata={"internal": True})


@dataclass(frozen=True, slots=True)
class Provenance:
    source: str = meta("Id of the source the record comes from.", ref="source")
    paragraphs: tuple[int, ...] = meta(
        "Paragraph numbers in the source (blank-line-separated blocks, from 1)."
    )
    evidence: str = meta(
        "The span of the source that supports the record, copied verbatim.", verbatim=True
    )


@dataclass(frozen=True, slots=True)
class Figure:
    id: str = meta("Stable id of the figure, unique in the base.")
    measure: str = meta("What the number measures.")
    kind: FigureKind = meta("amount, count, change (a growth rate) or share (of a total).")
    value: float = meta(
        "The number, normalised: 4.74e12 for '4.74 trillion'; percentages as written (30 = 30%)."
    )
    unit: Unit = meta("Currency or unit of the value.")
    wording: str = meta("The article's own wording of the number.", verbatim=True)
    period: str | None = meta(
        "Period the number covers, in ISO 8601: 2020, 2020-H2, 2020-Q3, 2020-05 or "
        "2023-01/2023-05; null when neither the article nor the editors can say.",
        default=None,
    )
    period_basis: PeriodBasis | None = meta(
        "'stated' (the default) when the sentence gives the period; 'editorial' when the "
        "editors infer it, as from the publication date.",
        default=None,
    )
    basis: ChangeBasis | None = meta(
        "For a change: what it is measured against; 'unstated' when the article does not say.",
        default=None,
    )
    approximate: bool = meta(
        "True when the article gives the number as an approximation ('about ...').",
        default=False,
    )
    bound: Bound | None = meta(
        "'lower' when the article gives the number as a floor ('more than', 'at least'), "
        "'upper' as a ceiling ('nearly', 'less than'); null when it gives it as it is.",
        default=None,
    )
    high: float | None = meta(
        "For a range ('between 4 and 6 percent'): its upper end, normalised as the value "
        "is; the value is its lower end.",
        default=None,
    )
    scope: str | None = meta(
        "Who and where the number covers (editorial): 'China, ASEAN'.", default=None
    )
    converted_from: str | None = meta(
        "For a currency conversion: the id of the figure it converts.", ref="figure", default=None
    )
    applies_to: str | None = meta(
        "For a change: the figure of the level it changed to. For a share: the figure of the "
        "part whose share it is. Used by the arithmetic cross-checks.",
        ref="figure",
        default=None,
    )
    part_of: str | None = meta(
        "For an amount: the figure of a larger amount that includes it (editorial knowledge). "
        "`brtrade check` flags a part that exceeds its whole.",
        ref="figure",
        default=None,
    )


@dataclass(frozen=True, slots=True)
class Claim:
    id: str = meta("Stable id of the claim.")
    statement: str = meta("The claim in one editorial sentence.")
    kind: ClaimKind = meta("What sort of assertion the claim is.")
    provenance: Provenance = meta("Where the claim comes from.")
    period: str | None = meta(
        "Period the claim covers, in ISO 8601 as a figure's; null when unstated.", default=None
    )
    period_basis: PeriodBasis | None = meta(
        "'stated' (the default) or 'editorial', as a figure's.", default=None
    )
    topics: tuple[str, ...] = meta("Ids of the topics.", ref="topic", default=())
    entities: tuple[str, ...] = meta("Entities the claim is about.", ref="entity", default=())
    figures: tuple[Figure, ...] = meta("The numbers the claim states.", default=())
    speaker: str | None = meta(
        "Speaker the claim is attributed to, for claims made inside a quote.",
        ref="speaker",
        default=None,
    )
    quote: str | None = meta("The quote the claim is made in.", ref="quote", default=None)
    basis: ClaimBasis | None = meta(
        "'reported' when the article reports the speaker's words in indirect speech "
        "('Lyu said exports would ...'); 'stated' (the default) otherwise.",
        default=None,
    )
    note: str | None = meta("Editorial note.", default=None)
    draft: bool = meta(
        "Editorial: true while a draft written by 'brtrade draft' still needs an editor.",
        default=False,
    )
    origin: Origin | None = origin_field()


@dataclass(frozen=True, slots=True)
class Quote:
    id: str = meta("Stable id of the quote.")
    speaker: str = meta("Who said it.", ref="speaker")
    text: str = meta(
        "The quote, verbatim, without its quotation marks; paragraphs separated by a blank line.",
        verbatim=True,
    )
    provenance: Provenance = meta("Where the quote is; the evidence is its attribution.")
    topics: tuple[str, ...] = meta("Ids of the topics.", ref="topic", default=())
    entities: tuple[str, ...] = meta("Entities the quote is about.", ref="entity", default=())
    draft: bool = meta(
        "Editorial: true while a draft written by 'brtrade draft' still needs an editor.",
        default=False,
    )
    origin: Origin | None = origin_field()


@dataclass(frozen=True, slots=True)
class Speaker:
    id: str = meta("Stable id of the speaker.")
    name: str = meta("Name as the article writes it.", verbatim=True)
    role: str = meta("Role as the article writes it.", verbatim=True)
    organisation: str = meta("Organisation as the article writes it.", verbatim=True)
    provenance: Provenance = meta("The attribution that names the speaker.")
    family_name: str | None = meta("Family name, for name-order matching.", default=None)
    given_name: str | None = meta("Given name.", default=None)
    entity: str | None = meta("Entity of the speaker's organisation.", ref="entity", default=None)
    draft: bool = meta(
        "Editorial: true while a draft written by 'brtrade draft' still needs an editor.",
        default=False,
    )
    origin: Origin | None = origin_field()


@dataclass(frozen=True, slots=True)
class Relation:
    type: RelationType = meta("How the entity relates to the target.")
    target: str = meta("The related entity.", ref="entity")
    basis: RelationBasis = meta(
        "'stated' when the article says it; 'editorial' when it is editors' knowledge."
    )


@dataclass(frozen=True, slots=True)
class Entity:
    id: str = meta("Stable id of the entity.")
    name: str = meta("Canonical name.")
    type: EntityType = meta("What sort of entity it is.")
    aliases: tuple[str, ...] = meta("Other names, including the article's spellings.", default=())
    relations: tuple[Relation, ...] = meta("Relations to other entities.", default=())
    origin: Origin | None = origin_field()


@dataclass(frozen=True, slots=True)
class Topic:
    id: str = meta("Stable id of the topic.")
    label: str = meta("Human-readable label.")
    origin: Origin | None = origin_field()


@dataclass(frozen=True, slots=True)
class Source:
    id: str = meta("Stable id of the source.")
    text: str = meta("Path of the source's plain text, relative to the fact file's folder.")
    label: str = meta("Editorial description of the source (not its headline).")
    language: str | None = meta("Language code of the text.", default=None)
    title: str | None = meta("Headline, only if the source gives one.", default=None)
    url: str | None = meta("URL, only if known.", default=None)
    publisher: str | None = meta("Publisher, only if known.", default=None)
    published: str | None = meta("Publication date (YYYY-MM-DD), only if known.", default=None)
    note: str | None = meta("Editorial note.", default=None)
    excerpt: str | None = meta(
        "Editorial: how the text differs from the published article, when it is not the "
        "whole of it as published (cut short, paragraph breaks restored by the editor).",
        default=None,
    )
    draft: bool = meta(
        "Editorial: true while a draft written by 'brtrade draft' still needs an editor.",
        default=False,
    )
    origin: Origin | None = origin_field()


@dataclass(frozen=True, slots=True)
class EntityExtension:
    """Editorial: aliases and relations that one article's file adds to an entity
    defined in another's (so that an id typo is an error, not a new entity)."""

    entity: str = meta("The entity extended, defined in any file of the base.", ref="entity")
    aliases: tuple[str, ...] = meta("More names for it, as this article writes them.", default=())
    relations: tuple[Relation, ...] = meta("More relations of it.", default=())
    origin: Origin | None = origin_field()


@dataclass(frozen=True, slots=True)
class Term:
    """Editorial: words a search treats as one (synonyms, spellings, abbreviations).

    A query that holds any of the words finds records that hold any other:
    'biggest' finds 'largest', 'BRI' finds 'Belt & Road'. Each word may be a
    phrase; it matches by its stems, so 'route' covers 'routes'.
    """

    id: str = meta("Stable id of the entry.")
    words: tuple[str, ...] = meta(
        "Two or more words or phrases that mean the same for search.", default=()
    )
    note: str | None = meta("Editorial note: why these words go together.", default=None)
    origin: Origin | None = origin_field()


@dataclass(frozen=True, slots=True)
class FactFile:
    """The top level of one fact file."""

    format: int = meta("Version of the fact-file format; this is format 1.")
    sources: tuple[Source, ...] = meta("Sources the records cite.", default=())
    topics: tuple[Topic, ...] = meta("Topics records can carry.", default=())
    entities: tuple[Entity, ...] = meta("Named entities.", default=())
    speakers: tuple[Speaker, ...] = meta("People quoted.", default=())
    quotes: tuple[Quote, ...] = meta("Direct quotes.", default=())
    claims: tuple[Claim, ...] = meta("Claims.", default=())
    vocabulary: tuple[Term, ...] = meta(
        "Editorial: words that searches treat as the same.", default=()
    )
    entity_extensions: tuple[EntityExtension, ...] = meta(
        "Editorial: aliases and relations added to entities defined in another file.",
        default=(),
    )


Record = Claim | Quote | Speaker | Entity | Topic | Source


@dataclass(slots=True)
class FactBase:
    """A loaded, validated fact base: one or more fact files merged."""

    sources: tuple[Source, ...]
    topics: tuple[Topic, ...]
    entities: tuple[Entity, ...]
    speakers: tuple[Speaker, ...]
    quotes: tuple[Quote, ...]
    claims: tuple[Claim, ...]
    source_paths: dict[str, str]
    """Source id -> absolute path of its text file."""
    files: tuple[str, ...] = ()
    vocabulary: tuple[Term, ...] = ()
    """Editorial search vocabulary (not a record kind: ``show`` does not list it)."""
    extensions: tuple[EntityExtension, ...] = ()
    """The entity extensions the files hold, already merged into ``entities``: kept so
    that the index knows which file extends what."""

    index: dict[str, dict[str, Record]] = field(default_factory=dict, repr=False)
    """Record kind -> id -> record. Ids are unique within a kind."""
    figures_by_id: dict[str, tuple[Claim, Figure]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for kind, group in self.groups():
            self.index[kind] = {rec.id: rec for rec in group}
        for claim in self.claims:
            for fig in claim.figures:
                self.figures_by_id[fig.id] = (claim, fig)

    def groups(self) -> tuple[tuple[str, tuple[Record, ...]], ...]:
        """Each record kind with its records, in the order ``show`` looks them up."""
        return (
            ("claim", self.claims),
            ("quote", self.quotes),
            ("speaker", self.speakers),
            ("entity", self.entities),
            ("source", self.sources),
            ("topic", self.topics),
        )

    def cited(self) -> tuple[Claim | Quote | Speaker, ...]:
        """The records that cite a source: claims, quotes and speakers."""
        return (*self.claims, *self.quotes, *self.speakers)

    def speaker(self, speaker_id: str) -> Speaker:
        rec = self.index["speaker"][speaker_id]
        assert isinstance(rec, Speaker)
        return rec

    def entity(self, entity_id: str) -> Entity:
        rec = self.index["entity"][entity_id]
        assert isinstance(rec, Entity)
        return rec

    def topic(self, topic_id: str) -> Topic:
        rec = self.index["topic"][topic_id]
        assert isinstance(rec, Topic)
        return rec

    def source(self, source_id: str) -> Source:
        rec = self.index["source"][source_id]
        assert isinstance(rec, Source)
        return rec

    def quote(self, quote_id: str) -> Quote:
        rec = self.index["quote"][quote_id]
        assert isinstance(rec, Quote)
        return rec
