"""Queries as values: the words and names a user typed, resolved once.

This module reads a query's words and resolves the names of its filters
(speakers, topics, entities) into a :class:`Query`, the one value every search
takes; :mod:`brtrade.core.engine` answers it, over records in memory or over
the persistent index alike, and says what it found (:class:`Found`). Queries
are text, never patterns.
"""

from __future__ import annotations

import re
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


_SMALL_WORDS = frozenset(
    """the a an of to in on at by for from with and or as than that its their is are was
    were did does do has have will can""".split()
)
_OPENING = _SMALL_WORDS | frozenset("what which who whom whose when where why how".split())
"""Words a question opens with: one of four or more words in title case, all capitals
('Which Body Employs Zhou Mi')."""


def casing_told(text: str) -> str:
    """``text`` with capitals only where they say a name, when its own tell nothing: a
    question in capitals ('HOW MUCH DID CHINA TRADE WITH ASEAN') or in title case ('How
    Did The Bicycle Maker Do Overseas'), where every word has one. Its words of general
    English are then lower-cased, and the words English knows only or first as names
    ('Japan', 'Brazil') or does not know ('ASEAN', 'Yantian') keep a capital, as a
    reporter would have typed them. Elsewhere a capital after the first word says a name
    ('trade with Brazil'), as typed."""
    found = [w for w in (t.strip("\"'‘’“”()[]") for t in text.split()) if w[:1].isalpha()]
    if len(found) < 2:
        return text
    if not any(c.islower() for w in found for c in w):
        return _names_kept(text)  # in capitals
    if len(found) >= 3 and all(w[:1].isupper() for w in found):
        plain = [w.lower().strip(",.;:?!") for w in found]
        if _SMALL_WORDS.intersection(plain[1:]) or (len(plain) >= 4 and plain[0] in _OPENING):
            return _names_kept(text)  # title case: even 'The' and 'Of' have capitals
    return text


def _names_kept(text: str) -> str:
    """``text`` lower-cased but for the words general English knows first as names or
    does not know, which keep their first capital (:func:`casing_told`)."""
    from brtrade.core import english
    from brtrade.core.language import STOP_WORDS
    from brtrade.core.stems import stem

    def cased(m: re.Match[str]) -> str:
        word = m.group(0).lower()
        if word in STOP_WORDS or word in _SMALL_WORDS:
            return word
        known = english.lookup(stem(word))
        if known is None or known.mostly_name:
            return m.group(0) if m.group(0).isupper() and len(word) > 1 else word.capitalize()
        return word

    return re.sub(r"[^\W\d_]+", cased, text)


_LEADING = re.compile(
    r"^(?:\s*(?:hey|hi|hello|ok|okay|um|uh|erm|er|hmm|yo|so|please|pls|plz|btw|fyi|q|"
    r"quick\s+(?:question|one)|question|out\s+of\s+curiosity|just\s+wondering|briefly|"
    r"basically|actually|honestly)\b[\s,:;.!-]*)+",
    re.IGNORECASE,
)
_TRAILING = re.compile(
    r"(?:[\s,;.!-]*\b(?:thx|thanks|thank\s+you|please|pls|plz|lol|exactly|btw)\b[\s.!?]*)+$",
    re.IGNORECASE,
)


def question_parts(parts: Sequence[str]) -> Sequence[str]:
    """A query's parts as every search reads them: cut to :data:`MAX_QUESTION_WORDS`,
    contractions marked ('whats'), the asker's own words around it left out
    (:func:`asker_words_cut`)."""
    return asker_words_cut([contractions_marked(part) for part in cut_question(parts)])


def question_text(parts: Sequence[str]) -> str:
    """A query's text as every search reads it (:func:`question_parts`), without control
    characters, lower-cased where its capitals tell nothing (:func:`casing_told`)."""
    return _text_of(question_parts(parts))


def _text_of(parts: Sequence[str]) -> str:
    return casing_told(strip_controls(" ".join(parts)))


def asker_words_cut(parts: Sequence[str]) -> Sequence[str]:
    """A question without the asker's own words around it: an interjection, a chat
    abbreviation, 'quick question:', 'out of curiosity,' before it; 'thx', 'exactly',
    'please' after it ('**hey**, who is the chairman' asks who, as 'who is the chairman'
    does). Not when nothing else is left: 'hey' alone is searched for."""
    text = " ".join(parts)
    cut = _TRAILING.sub("", _LEADING.sub("", text, count=1), count=1).strip()
    if cut == text.strip() or not words(cut):
        return parts
    return [cut]


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
    query = question_parts(query)
    return Query(
        words=query_words(query),
        topic=resolve_topic(names, topic) if topic is not None else None,
        entity=resolve_entity(names, entity) if entity is not None else None,
        speakers=tuple(resolve_speakers(names, speaker)) if speaker is not None else None,
        limit=limit,
        text=_text_of(query),
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
