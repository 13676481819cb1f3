"""Queries over a loaded fact base.

A query is read into groups and matched by :mod:`brtrade.core.match` (stems,
the editors' vocabulary, numbers with their units, a relevance floor); this
module resolves the names the user typed (speakers, topics, entities, ids)
and runs a resolved :class:`Query` over the records in memory. The persistent
index (:mod:`brtrade.index`) answers the same :class:`Query` with the same
integers in SQL, so both rank identically. Queries are text, never patterns.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING, NamedTuple

from brtrade.core.errors import UsageError, excerpt
from brtrade.core.names import Names, resolve_entity, resolve_speakers, resolve_topic
from brtrade.core.text import strip_controls, words

if TYPE_CHECKING:
    from brtrade.core.match import Group, Weighed
    from brtrade.core.model import Claim, FactBase, Figure, Quote
    from brtrade.core.terms import Tokens, Vocabulary


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
        self._name_words: frozenset[str] | None = None

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

    def name_words(self) -> frozenset[str]:
        """Stems of the base's names (:func:`brtrade.core.paraphrase.name_words`)."""
        if self._name_words is None:
            from brtrade.core.paraphrase import name_texts, name_words

            self._name_words = name_words(name_texts(self.base))
        return self._name_words

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
        weighed = weigh(
            q, vocab, lambda g: group_df(g, df), len(records), self.lexicon, self.name_words
        )
        scored = {i: r for i, r in ((i, match.score(weighed, tokens[i])) for i in keep) if r}
        hits = _ranked([Hit(records[i], float(r[0]), i) for i, r in scored.items()], q.limit)
        covers = tuple(scored[h.order][1] / max(weighed.required, 1) for h in hits)
        closest: tuple[str, ...] = ()
        if not hits:
            direct = match.direct_only(weighed)
            loose = direct._replace(
                plan=direct.plan._replace(
                    all_words=False,
                    groups=tuple(g._replace(required=False) for g in direct.plan.groups),
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
    best = max(
        (df.get(t, 0) for t in (*group.exact, *group.near, *group.related, *group.loose)), default=0
    )
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
    in_names: Callable[[], Collection[str]] = frozenset,
) -> Weighed:
    """The query's plan, spelling corrected, with each group's weight in this base."""
    from brtrade.core import match, paraphrase

    plan = match.plan_query(q.text, vocab, all_words=q.all_words, question=q.floor)
    dfs = [df_of(g) for g in plan.groups]
    # Names, and every word of a 'who' question: weighed in full, never widened.
    names = paraphrase.typed_names(q.text) | paraphrase.asked_for_by_who(q.text)
    asks = q.floor and not q.all_words  # a question, not a draft's sentence or --all-words
    counted: set[int] = set()
    if asks and any(d == 0 for d in dfs):
        plan = match.correct_spelling(plan, dfs, lexicon, vocab)
        if plan.corrections:
            dfs = [df_of(g) for g in plan.groups]
    if asks:
        # What a question counts is asked for itself, never for its relations.
        counted = paraphrase.counted(plan)
        plan, dfs = paraphrase.paraphrase(plan, dfs, df_of, names, counted, n_docs, in_names())
    if not q.floor:  # candidates for verify: only the words that tell records apart
        plan, dfs = match.informative(plan, dfs, n_docs)
    pairs = list(zip(plan.groups, dfs, strict=True))
    held = [match.idf(n_docs, d) for g, d in pairs if g.required and d and g.via != "related"]
    known = sum(held) // len(held) if held else None
    weights = tuple(
        match.idf(n_docs, d)
        if i in counted
        else paraphrase.weight(n_docs, g, d, asks, known, names)
        for i, (g, d) in enumerate(pairs)
    )
    if asks and known is not None:  # words of substance: the question's form weighs nothing
        weights = paraphrase.quieten(plan, weights)
    return match.Weighed(plan, weights, tuple(dfs), q.floor)


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
    query = cut_question(query)
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
