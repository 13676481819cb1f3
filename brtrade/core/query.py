"""Queries over a loaded fact base.

A query is read into groups and matched by :mod:`brtrade.core.match` (stems,
the editors' vocabulary, numbers with their units, a relevance floor); this
module resolves the names the user typed (speakers, topics, entities, ids)
and runs a resolved :class:`Query` over the records in memory. The persistent
index (:mod:`brtrade.index`) answers the same :class:`Query` with the same
integers in SQL, so both rank identically. Queries are text, never patterns.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from brtrade.core.errors import NotFoundError, UsageError, excerpt
from brtrade.core.text import fold, words

if TYPE_CHECKING:
    from brtrade.core.match import Group, Weighed
    from brtrade.core.model import Claim, FactBase, Figure, Quote, Record
    from brtrade.core.terms import Tokens, Vocabulary


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


class Searcher:
    """Search structures for one fact base, built on first use."""

    def __init__(self, base: FactBase) -> None:
        from brtrade.core.terms import Analyzer

        self.base = base
        self.analyzer = Analyzer(base)
        self._tokens: dict[str, list[Tokens]] = {}
        self._df: dict[str, dict[str, int]] = {}
        self._lexicon: list[str] | None = None
        self._names: Names | None = None

    def tokens(self, kind: str) -> list[Tokens]:
        """Each claim's (or quote's) terms, in document order."""
        found = self._tokens.get(kind)
        if found is None:
            if kind == "claim":
                found = [self.analyzer.claim_tokens(c) for c in self.base.claims]
            else:
                found = [self.analyzer.quote_tokens(q) for q in self.base.quotes]
            self._tokens[kind] = found
        return found

    def document_frequency(self, kind: str) -> dict[str, int]:
        found = self._df.get(kind)
        if found is None:
            found = {}
            for toks in self.tokens(kind):
                for t in toks:
                    found[t] = found.get(t, 0) + 1
            self._df[kind] = found
        return found

    def lexicon(self) -> list[str]:
        if self._lexicon is None:
            self._lexicon = self.analyzer.lexicon()
        return self._lexicon

    # -- searching --------------------------------------------------------

    def claims(
        self,
        query: Sequence[str] = (),
        *,
        topic: str | None = None,
        entity: str | None = None,
        speaker: str | None = None,
        limit: int | None = None,
        all_words: bool = False,
    ) -> list[Hit]:
        """Claims answering ``query`` (see :mod:`brtrade.core.match`) and every filter given."""
        q = resolve_query(
            self.names(),
            query,
            topic=topic,
            entity=entity,
            speaker=speaker,
            limit=limit,
            all_words=all_words,
        )
        return self.search_claims(q)

    def quotes(
        self,
        query: Sequence[str] = (),
        *,
        speaker: str | None = None,
        limit: int | None = None,
        all_words: bool = False,
    ) -> list[Hit]:
        """Quotes answering ``query``, by the speakers matching ``speaker``."""
        q = resolve_query(self.names(), query, speaker=speaker, limit=limit, all_words=all_words)
        return self.search_quotes(q)

    def names(self) -> Names:
        if self._names is None:
            self._names = Names.of(self.base)
        return self._names

    def search_claims(self, q: Query) -> list[Hit]:
        """Claims matching a resolved query."""
        return self.search("claim", q).hits

    def search_quotes(self, q: Query) -> list[Hit]:
        """Quotes matching a resolved query (its topic and entity filters do not apply)."""
        return self.search("quote", q).hits

    def search(self, kind: str, q: Query) -> Found:
        """Records of ``kind`` ('claim' or 'quote') answering ``q``, best first."""
        from brtrade.core import match

        records: Sequence[Claim | Quote] = self.base.claims if kind == "claim" else self.base.quotes
        tokens = self.tokens(kind)
        keep = [i for i, rec in enumerate(records) if _passes(rec, q)]
        if not q.words:
            hits = [Hit(records[i], 0.0, i) for i in keep]
            return Found(hits if q.limit is None else hits[: q.limit])
        df = self.document_frequency(kind)
        vocab = self.analyzer.vocabulary
        weighed = weigh(q, vocab, lambda g: group_df(g, df), len(records), self.lexicon)
        scored = {i: r for i, r in ((i, match.score(weighed, tokens[i])) for i in keep) if r}
        hits = _ranked([Hit(records[i], float(r[0]), i) for i, r in scored.items()], q.limit)
        covers = tuple(scored[h.order][1] / max(weighed.required, 1) for h in hits)
        closest: tuple[str, ...] = ()
        if not hits:
            loose = weighed._replace(
                plan=weighed.plan._replace(
                    all_words=False,
                    groups=tuple(g._replace(required=False) for g in weighed.plan.groups),
                )
            )
            near = [(match.score(loose, tokens[i]), i) for i in keep]
            ranked = _ranked([Hit(records[i], float(r[0]), i) for r, i in near if r], 3)
            closest = tuple(h.record.id for h in ranked)
        explains = tuple(match.explain(weighed, tokens[h.order]) for h in hits) if q.explain else ()
        return Found(
            hits, weighed.plan.corrections, tuple(weighed.unmatched), closest, explains, covers
        )


def group_df(group: Group, df: dict[str, int]) -> int:
    """How many records hold the group's most common term (whole, near or by prefix)."""
    best = max((df.get(t, 0) for t in (*group.exact, *group.near)), default=0)
    if group.prefix is not None:
        p = group.prefix
        best = max([best, *(n for t, n in df.items() if t.startswith(p))])
    return best


def weigh(
    q: Query,
    vocab: Vocabulary,
    df_of: Callable[[Group], int],
    n_docs: int,
    lexicon: Callable[[], Sequence[str]],
) -> Weighed:
    """The query's plan, spelling corrected, with each group's weight in this base."""
    from brtrade.core import match

    plan = match.plan_query(q.text, vocab, all_words=q.all_words)
    dfs = [df_of(g) for g in plan.groups]
    if q.floor and not q.all_words and any(d == 0 for d in dfs):
        plan = match.correct_spelling(plan, dfs, lexicon, vocab)
        if plan.corrections:
            dfs = [df_of(g) for g in plan.groups]
    if not q.floor:  # candidates for verify: only the words that tell records apart
        plan, dfs = match.informative(plan, dfs, n_docs)
    return match.Weighed(plan, tuple(match.idf(n_docs, d) for d in dfs), tuple(dfs), q.floor)


def _passes(rec: Claim | Quote, q: Query) -> bool:
    from brtrade.core.model import Claim

    if isinstance(rec, Claim):
        if q.topic is not None and q.topic not in rec.topics:
            return False
        if q.entity is not None and q.entity not in rec.entities:
            return False
    return q.speakers is None or rec.speaker in q.speakers


def figures_of(hits: Sequence[Hit], limit: int | None = None) -> list[tuple[Claim, Figure]]:
    """Each figure of the claims hit, with its claim, in rank order; at most ``limit``."""
    from brtrade.core.model import Claim  # not at import: warm queries never load the model

    pairs = [(h.record, f) for h in hits if isinstance(h.record, Claim) for f in h.record.figures]
    return pairs if limit is None else pairs[:limit]


def _ranked(hits: list[Hit], limit: int | None) -> list[Hit]:
    hits.sort(key=lambda h: (-h.score, h.order))
    return hits if limit is None else hits[:limit]


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
    return Query(
        words=query_words(query),
        topic=resolve_topic(names, topic) if topic is not None else None,
        entity=resolve_entity(names, entity) if entity is not None else None,
        speakers=tuple(resolve_speakers(names, speaker)) if speaker is not None else None,
        limit=limit,
        text=" ".join(query),
        all_words=all_words,
        explain=explain,
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
