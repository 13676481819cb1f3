"""Queries over a loaded fact base.

A query is a list of words; a record matches when every word of the query
matches a word of the record (the same word, or the start of one: "export"
matches "exports"). Words are folded by :mod:`brtrade.core.text`, so case,
accents and punctuation do not matter and "&" means "and". Queries are text,
never patterns.

Ranking: each of a record's fields has a weight (see ``claim_fields``). A query
word scores the weight of the heaviest field holding a word it starts, or twice
the weight of the heaviest field holding it whole, whichever is more; a
record's score is the sum over the query's words. Results come best score
first, then in document order. The persistent index (:mod:`brtrade.index`)
computes exactly this in SQL, from per-word maximum weights.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from brtrade.core.errors import NotFoundError, UsageError, excerpt
from brtrade.core.text import fold, words

if TYPE_CHECKING:
    from brtrade.core.model import Claim, FactBase, Figure, Quote, Record

# Field weights: a word found in a heavier field ranks the record higher.
_W_HEADLINE = 3
_W_LABEL = 2
_W_BODY = 1
EXACT_BONUS = 2
"""A whole-word match counts this many times a prefix match."""

_Field = tuple[int, tuple[str, ...], frozenset[str]]


def query_words(parts: Sequence[str]) -> tuple[str, ...]:
    """The words of a query given as command-line parts.

    No parts at all means "everything"; parts that fold to no word at all
    (only spaces or punctuation) are a usage error, not a silent match-all.
    """
    if not parts:
        return ()
    found = tuple(words(" ".join(parts)))
    if not found:
        shown = " ".join(parts)
        raise UsageError(
            f"the query {excerpt(shown)} has no letters or digits to search for",
            hint="give one or more words, or no query at all to list everything",
        )
    return found


def _field(weight: int, texts: Iterable[str]) -> _Field:
    return _tokens_field(weight, tuple(w for t in texts for w in words(t)))


def _tokens_field(weight: int, toks: tuple[str, ...]) -> _Field:
    return (weight, toks, frozenset(toks))


class Hit(NamedTuple):
    record: Claim | Quote
    score: float
    order: int


class Searcher:
    """Search structures for one fact base, built on first use."""

    def __init__(self, base: FactBase) -> None:
        self.base = base
        self._claim_fields: list[list[_Field]] | None = None
        self._quote_fields: list[list[_Field]] | None = None
        self._names_cache: dict[tuple[str, str], tuple[str, ...]] = {}
        self._names: Names | None = None

    # -- searchable text --------------------------------------------------

    def _entity_words(self, ids: Iterable[str]) -> tuple[str, ...]:
        """The words of the entities' names and aliases; each entity folded once."""
        out: list[str] = []
        for eid in ids:
            key = ("entity", eid)
            found = self._names_cache.get(key)
            if found is None:
                ent = self.base.entity(eid)
                found = self._names_cache[key] = tuple(
                    w for t in (ent.name, *ent.aliases) for w in words(t)
                )
            out.extend(found)
        return tuple(out)

    def _topic_words(self, ids: Iterable[str]) -> tuple[str, ...]:
        """The words of the topics' ids and labels; each topic folded once."""
        out: list[str] = []
        for tid in ids:
            key = ("topic", tid)
            found = self._names_cache.get(key)
            if found is None:
                label = self.base.topic(tid).label
                found = self._names_cache[key] = tuple(w for t in (tid, label) for w in words(t))
            out.extend(found)
        return tuple(out)

    def claim_fields(self, claim: Claim) -> list[_Field]:
        speaker = [self.base.speaker(claim.speaker).name] if claim.speaker else []
        return [
            _field(_W_HEADLINE, [claim.statement]),
            _tokens_field(_W_HEADLINE, self._entity_words(claim.entities)),
            _tokens_field(_W_LABEL, self._topic_words(claim.topics)),
            _field(_W_LABEL, speaker),
            _field(_W_BODY, [claim.provenance.evidence, claim.id]),
            _field(_W_BODY, [t for f in claim.figures for t in (f.measure, f.wording)]),
        ]

    def quote_fields(self, quote: Quote) -> list[_Field]:
        sp = self.base.speaker(quote.speaker)
        return [
            _field(_W_HEADLINE, [sp.name]),
            _field(_W_LABEL, [quote.text]),
            _tokens_field(_W_LABEL, self._topic_words(quote.topics)),
            _tokens_field(_W_LABEL, self._entity_words(quote.entities)),
            _field(_W_BODY, [sp.role, sp.organisation, quote.id]),
        ]

    # -- searching --------------------------------------------------------

    def claims(
        self,
        query: Sequence[str] = (),
        *,
        topic: str | None = None,
        entity: str | None = None,
        speaker: str | None = None,
        limit: int | None = None,
    ) -> list[Hit]:
        """Claims matching every word of ``query`` and every filter given."""
        q = resolve_query(
            self.names(), query, topic=topic, entity=entity, speaker=speaker, limit=limit
        )
        return self.search_claims(q)

    def quotes(
        self,
        query: Sequence[str] = (),
        *,
        speaker: str | None = None,
        limit: int | None = None,
    ) -> list[Hit]:
        """Quotes matching every word of ``query``, by the speakers matching ``speaker``."""
        return self.search_quotes(resolve_query(self.names(), query, speaker=speaker, limit=limit))

    def names(self) -> Names:
        if self._names is None:
            self._names = Names.of(self.base)
        return self._names

    def search_claims(self, q: Query) -> list[Hit]:
        """Claims matching a resolved query."""
        if self._claim_fields is None:
            self._claim_fields = [self.claim_fields(c) for c in self.base.claims]
        speakers = set(q.speakers) if q.speakers is not None else None
        hits: list[Hit] = []
        for order, (claim, fields) in enumerate(
            zip(self.base.claims, self._claim_fields, strict=True)
        ):
            if q.topic is not None and q.topic not in claim.topics:
                continue
            if q.entity is not None and q.entity not in claim.entities:
                continue
            if speakers is not None and claim.speaker not in speakers:
                continue
            score = score_fields(q.words, fields)
            if score is not None:
                hits.append(Hit(claim, score, order))
        return _ranked(hits, q.limit)

    def search_quotes(self, q: Query) -> list[Hit]:
        """Quotes matching a resolved query (its topic and entity filters do not apply)."""
        if self._quote_fields is None:
            self._quote_fields = [self.quote_fields(q) for q in self.base.quotes]
        speakers = set(q.speakers) if q.speakers is not None else None
        hits: list[Hit] = []
        for order, (quote, fields) in enumerate(
            zip(self.base.quotes, self._quote_fields, strict=True)
        ):
            if speakers is not None and quote.speaker not in speakers:
                continue
            score = score_fields(q.words, fields)
            if score is not None:
                hits.append(Hit(quote, score, order))
        return _ranked(hits, q.limit)


def figures_of(hits: Sequence[Hit], limit: int | None = None) -> list[tuple[Claim, Figure]]:
    """Each figure of the claims hit, with its claim, in rank order; at most ``limit``."""
    from brtrade.core.model import Claim  # not at import: warm queries never load the model

    pairs = [(h.record, f) for h in hits if isinstance(h.record, Claim) for f in h.record.figures]
    return pairs if limit is None else pairs[:limit]


def _ranked(hits: list[Hit], limit: int | None) -> list[Hit]:
    hits.sort(key=lambda h: (-h.score, h.order))
    return hits if limit is None else hits[:limit]


def score_fields(qwords: Sequence[str], fields: Sequence[_Field]) -> float | None:
    """How well the fields match every query word; None when a word is missing."""
    if not qwords:
        return 0.0
    total = 0.0
    for w in qwords:
        best = 0
        for weight, toks, tokset in fields:
            if w in tokset:
                best = max(best, weight * EXACT_BONUS)
            elif best < weight and any(t.startswith(w) for t in toks):
                best = weight
        if not best:
            return None
        total += best
    return total


# --------------------------------------------------------------------------
# Resolving names the user typed.


def _did_you_mean(typed: str, names: Sequence[str]) -> str | None:
    import difflib

    folded = {fold(n): n for n in names}
    close = difflib.get_close_matches(fold(typed), list(folded), n=1, cutoff=0.5)
    return folded[close[0]] if close else None


def _not_found(what: str, typed: str, names: Sequence[str]) -> NotFoundError:
    guess = _did_you_mean(typed, names)
    known = ", ".join(names)
    hint = f"did you mean '{guess}'? Known {what}s: {known}" if guess else f"known {what}s: {known}"
    return NotFoundError(f"no {what} matches {excerpt(typed)}", hint=hint)


def _name_words(text: str) -> str:
    """A non-empty folded form of a name the user typed, or a usage error."""
    if not words(text):
        raise UsageError(f"{excerpt(text)} has no letters or digits", hint="give a name")
    return " ".join(words(text))


class Names(NamedTuple):
    """The names a user can type for speakers, topics and entities.

    Plain tuples, so that the persistent index can answer without building the
    model: ``speakers`` are (id, name), ``topics`` (id, label), ``entities``
    (id, name, aliases).
    """

    speakers: tuple[tuple[str, str], ...]
    topics: tuple[tuple[str, str], ...]
    entities: tuple[tuple[str, str, tuple[str, ...]], ...]

    @staticmethod
    def of(base: FactBase) -> Names:
        return Names(
            speakers=tuple((s.id, s.name) for s in base.speakers),
            topics=tuple((t.id, t.label) for t in base.topics),
            entities=tuple((e.id, e.name, e.aliases) for e in base.entities),
        )


def resolve_speakers(names: Names, typed: str) -> list[str]:
    """The ids of the speakers a typed name means.

    Forgives case, accents, extra spaces, either name order ("Xinquan Tu")
    and partial names ("Zhou", "Xinquan"). A full name that matches exactly
    wins over partial matches. No match is a :class:`NotFoundError` with a
    suggestion and the known speakers.
    """
    want = _name_words(typed).split()
    exact: list[str] = []
    partial: list[str] = []
    for sid, sname in names.speakers:
        name = words(sname)
        if sorted(want) == sorted(name) or want == words(sid.replace("-", " ")):
            exact.append(sid)
        elif _covers(want, name):
            partial.append(sid)
    if exact or partial:
        return exact or partial
    raise _not_found("speaker", typed, [n for _, n in names.speakers])


def _covers(want: Sequence[str], have: Sequence[str]) -> bool:
    """Each wanted word starts a different one of ``have``'s words."""
    pool = list(have)
    for w in want:
        for i, h in enumerate(pool):
            if h.startswith(w):
                del pool[i]
                break
        else:
            return False
    return True


def resolve_topic(names: Names, typed: str) -> str:
    """The id of the topic ``typed`` names, by id or label."""
    want = _name_words(typed)
    for tid, label in names.topics:
        if want in (" ".join(words(tid)), " ".join(words(label))):
            return tid
    raise _not_found("topic", typed, [t for t, _ in names.topics])


def resolve_entity(names: Names, typed: str) -> str:
    """The id of the entity ``typed`` names, by id, name or alias."""
    want = _name_words(typed)
    for eid, name, aliases in names.entities:
        if want in {" ".join(words(n)) for n in (eid, name, *aliases)}:
            return eid
    raise _not_found("entity", typed, [n for _, n, _ in names.entities])


class Query(NamedTuple):
    """A query resolved against a base's names, once: the one value that both the
    persistent index and the in-memory :class:`Searcher` answer."""

    words: tuple[str, ...]
    topic: str | None = None
    entity: str | None = None
    speakers: tuple[str, ...] | None = None
    limit: int | None = None


def resolve_query(
    names: Names,
    query: Sequence[str] = (),
    *,
    topic: str | None = None,
    entity: str | None = None,
    speaker: str | None = None,
    limit: int | None = None,
) -> Query:
    """The words of ``query`` and the ids the filters name; an unknown name raises."""
    return Query(
        words=query_words(query),
        topic=resolve_topic(names, topic) if topic is not None else None,
        entity=resolve_entity(names, entity) if entity is not None else None,
        speakers=tuple(resolve_speakers(names, speaker)) if speaker is not None else None,
        limit=limit,
    )


def find_record(base: FactBase, typed: str) -> tuple[Record, list[str]]:
    """The record with id ``typed`` (or ``kind:id``), and the other kinds sharing the id."""
    kind, sep, rid = typed.partition(":")
    if sep and kind in base.index:
        rec = base.index[kind].get(rid)
        if rec is not None:
            return rec, []
    matches = [(k, recs[typed]) for k, recs in base.index.items() if typed in recs]
    if matches:
        return matches[0][1], [f"{k}:{typed}" for k, _ in matches[1:]]
    import difflib

    all_ids = [rid for recs in base.index.values() for rid in recs]
    guess = difflib.get_close_matches(typed, all_ids, n=3, cutoff=0.5)
    hint = (
        "did you mean " + ", ".join(f"'{g}'" for g in guess) + "?"
        if guess
        else "list ids with 'brtrade facts --json' or 'brtrade quote --json'"
    )
    raise NotFoundError(f"no record has the id {excerpt(typed)}", hint=hint)
