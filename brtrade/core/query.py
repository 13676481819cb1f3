"""Queries as values: the words and names a user typed, resolved once.

This module reads a query's words and resolves the names of its filters
(speakers, topics, entities) into a :class:`Query`, the one value every search
takes; :mod:`brtrade.core.engine` answers it, over records in memory or over
the persistent index alike, and says what it found (:class:`Found`). Queries
are text, never patterns.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from brtrade.core.errors import UsageError, excerpt
from brtrade.core.names import Names, resolve_entity, resolve_speakers, resolve_topic
from brtrade.core.text import contractions_marked, strip_controls, words

if TYPE_CHECKING:
    from brtrade.core.model import Claim, FactBase, Figure, Quote


def query_words(parts: Sequence[str]) -> tuple[str, ...]:
    """The words of a query given as command-line parts.

    No parts at all means "everything"; parts that fold to no word at all
    (only spaces or punctuation) are a usage error, not a silent match-all.
    """
    if not parts:
        return ()
    found = tuple(words(strip_controls(" ".join(parts))))
    if not found:
        shown = " ".join(parts)
        raise UsageError(
            f"the query {excerpt(shown)} has no letters or digits to search for",
            hint="give one or more words, or no query at all to list everything",
        )
    return found


MAX_QUESTION_WORDS = 100
"""A question is read up to this many words; the rest is cut, with a note."""


def cut_question(parts: Sequence[str]) -> Sequence[str]:
    """A question of at most :data:`MAX_QUESTION_WORDS` words: longer ones are cut to
    their first words (:func:`is_cut` tells the CLI to say so)."""
    if not is_cut(parts):
        return parts
    return " ".join(parts).split()[:MAX_QUESTION_WORDS]


def is_cut(parts: Sequence[str]) -> bool:
    """Whether :func:`cut_question` cuts this question."""
    return sum(len(p.split()) for p in parts) > MAX_QUESTION_WORDS


class Hit(NamedTuple):
    record: Claim | Quote
    score: float
    order: int


class Found(NamedTuple):
    """What a search found, and what to tell the user when it found nothing."""

    hits: list[Hit]
    corrections: tuple[tuple[str, str], ...] = ()
    """(typed, read as) for each word corrected for spelling."""
    unmatched: tuple[str, ...] = ()
    """Words of the question that no record holds."""
    closest: tuple[str, ...] = ()
    """Ids of the best records below the relevance floor (only when nothing was shown)."""
    explains: tuple[dict[str, object], ...] = ()
    """With ``Query.explain``: one explanation per hit, in order."""
    covers: tuple[float, ...] = ()
    """Per hit, the share of the question's required weight it matches (0 to 1)."""


def figures_of(hits: Sequence[Hit], limit: int | None = None) -> list[tuple[Claim, Figure]]:
    """Each figure of the claims hit, with its claim, in rank order; at most ``limit``."""
    from brtrade.core.model import Claim  # not at import: warm queries never load the model

    pairs = [(h.record, f) for h in hits if isinstance(h.record, Claim) for f in h.record.figures]
    return pairs if limit is None else pairs[:limit]


class Query(NamedTuple):
    """A query resolved against a base's names, once: the one value that both the
    persistent index and the in-memory :class:`Searcher` answer."""

    words: tuple[str, ...]
    """The folded words (empty: list everything), as tables highlight them."""
    topic: str | None = None
    entity: str | None = None
    speakers: tuple[str, ...] | None = None
    limit: int | None = None
    text: str = ""
    """The query as typed, which :func:`brtrade.core.match.plan_query` reads."""
    all_words: bool = False
    explain: bool = False
    floor: bool = True
    """False: every record matching any word, ranked (how ``verify`` finds candidates)."""


class Asked(NamedTuple):
    """A search as the user gave it, its names not yet resolved: the query options of a
    command as one value (:func:`brtrade.cli.options.query_options`), which
    :meth:`resolve` makes the :class:`Query` every search takes."""

    query: Sequence[str] = ()
    """The query's words as typed (none: everything)."""
    topic: str | None = None
    entity: str | None = None
    speaker: str | None = None
    limit: int | None = None
    all_words: bool = False
    explain: bool = False

    def resolve(self, names: Names) -> Query:
        """The query with its filters' names resolved; an unknown name raises."""
        return resolve_query(
            names,
            self.query,
            topic=self.topic,
            entity=self.entity,
            speaker=self.speaker,
            limit=self.limit,
            all_words=self.all_words,
            explain=self.explain,
        )


def resolve_query(
    names: Names,
    query: Sequence[str] = (),
    *,
    topic: str | None = None,
    entity: str | None = None,
    speaker: str | None = None,
    limit: int | None = None,
    all_words: bool = False,
    explain: bool = False,
) -> Query:
    """The words of ``query`` and the ids the filters name; an unknown name raises."""
    query = [contractions_marked(part) for part in cut_question(query)]  # 'whats'
    return Query(
        words=query_words(query),
        topic=resolve_topic(names, topic) if topic is not None else None,
        entity=resolve_entity(names, entity) if entity is not None else None,
        speakers=tuple(resolve_speakers(names, speaker)) if speaker is not None else None,
        limit=limit,
        text=strip_controls(" ".join(query)),
        all_words=all_words,
        explain=explain,
    )


class Carriers(NamedTuple):
    """The ids of the claims and of the quotes that carry a topic or an entity, each in
    document order: what ``show`` lists and counts for one."""

    claims: tuple[str, ...]
    quotes: tuple[str, ...]


def carriers(base: FactBase, kind: str, record_id: str) -> Carriers:
    """The claims and quotes of ``base`` carrying the topic or entity ``record_id``."""
    if kind == "topic":
        return Carriers(
            tuple(c.id for c in base.claims if record_id in c.topics),
            tuple(q.id for q in base.quotes if record_id in q.topics),
        )
    return Carriers(
        tuple(c.id for c in base.claims if record_id in c.entities),
        tuple(q.id for q in base.quotes if record_id in q.entities),
    )
