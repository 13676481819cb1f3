"""A base's records as search terms: the fields that are searched, their weights,
and the editors' vocabulary. The matcher (:mod:`brtrade.core.match`) scores
queries against these terms; the index stores them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from brtrade.core.language import says_ahead, says_when
from brtrade.core.numbers import CURRENCY_QUALIFIERS, find_mentions, number_token
from brtrade.core.stems import stem
from brtrade.core.text import compounds, ranked, words

if TYPE_CHECKING:
    from brtrade.core.model import Claim, FactBase, Quote

FIELDS = (
    "statement",
    "entity",
    "topic",
    "speaker",
    "role",
    "evidence",
    "figure",
    "quote",
    "period",
    "id",
    "text",
    "place",
    "studied",
    "served",
    "bloc",
)
"""Field names, as --explain shows them; their position is their code in the index.
("id" keeps its code, but no record's id is matched as words: an id is a name an editor
or ``draft`` gave, not what the record says.)"""

_CLAIM_WEIGHTS = {
    "statement": 6,
    "entity": 5,
    "topic": 4,
    "speaker": 4,
    "figure": 4,
    "role": 2,
    "evidence": 2,
    "quote": 1,
    "period": 2,
    "place": 2,
    "served": 2,
    "bloc": 2,
}
_QUOTE_WEIGHTS = {
    "speaker": 6,
    "text": 6,
    "topic": 4,
    "entity": 4,
    "role": 2,
    "evidence": 2,
    "place": 2,
    "served": 2,
    "bloc": 2,
}

_CODES = {name: i for i, name in enumerate(FIELDS)}
TOPIC = _CODES["topic"]
STUDIED = _CODES["studied"]
SERVED = _CODES["served"]
"""The code of the words of a role after 'to', the title of someone the speaker serves
('secretary **to the board chairman**'): the speaker is not the chairman."""
"""The code of a term a record holds only as what a body studies ('China Institute for
**WTO** Studies'): the record does not say the WTO, though it is found by it."""
COUNTS = "c:"
"""The prefix of the terms of what a record's count counts (the words of its wording, '11
**routes**'): a question asking how many of something is answered by a count of it."""
MEMBER = "m:"
"""The prefix of the terms of the blocs a record's entities are members of (Indonesia and
Singapore, of ASEAN): what a question asking for a bloc's members ('which **ASEAN
countries**', 'Southeast Asian **destinations**') asks for besides the bloc itself, and
only such a question (:func:`brtrade.core.paraphrase.members_of_a_name`): ASEAN's trade
is not the routes to Indonesia."""
BLOC = _CODES["bloc"]
SAID = "k:said"
"""The term of every record given in someone's words (a quote, or a claim with a speaker
or quote): what a question asking why prefers (:func:`brtrade.core.language.asks_why`),
through a group ``(reason)`` that adds points and never makes an answer."""

TIMED = "k:when"
AHEAD = "k:ahead"
"""The term of a record that says when, and speaks of what will or can happen ('the
bikes can soon be exported'): what 'when will/can ...' asks for."""
"""The term of every record that says when: it has a period, or its words name a time
('in 2020', 'in the second half', 'soon'): what a question asking when needs
(:func:`brtrade.core.language.asks_when`)."""

SINCE = "k:since"
"""The prefix of the years a record's changes are measured against ('k:since2019' of a
2020 rise year on year): a question comparing with the year ('grew **compared with**
2019') is answered by it; one about the year ('grew **in** 2019') is not."""

QUALIFIER = "q:"
"""The prefix of a word that says which dollars ('**US** dollars' holds ``q:us``, not
``us``): a keyword search for it finds the record; a question about trade with the US
does not (:func:`brtrade.core.match.plan_query`)."""

BOTH_WAYS = "k:bothways"
"""The term of every record whose trade is only ever both ways: it speaks of trade, or
of 'imports **and** exports', and never of exports or imports alone. A question about
exports alone ('how much did China's exports grow') is not answered by it
(:func:`both_ways_only`)."""

_BOTH = re.compile(r"\b(?:imports?|exports?)\s+(?:and|&)\s+(?:imports?|exports?)\b", re.I)
_ONE_WAY = re.compile(r"\b(?:import|export)(?:s|ed|ing|ers?)?\b", re.I)  # not 'important'
_TRADE = re.compile(r"\btrad(?:e|es|ed|ing)\b", re.I)


def both_ways_only(texts: Iterable[str]) -> bool:
    """Whether ``texts`` speak of trade only both ways: some text says 'trade' or
    'imports and exports' (or 'import and export'), and none says exports or imports
    alone ('our export value increased')."""
    both = False
    for text in texts:
        if _ONE_WAY.search(_BOTH.sub(" ", text)) is not None:
            return False  # exports or imports by themselves
        both = both or _TRADE.search(text) is not None or _BOTH.search(text) is not None
    return both


FIELD_BITS = 4
"""A posting's value holds its field's code in its low bits, its weight above them."""
FIELD_MASK = (1 << FIELD_BITS) - 1


def posted(weight: int, code: int) -> int:
    """What a posting holds of a record's term: its field's weight and the field's code in
    one small number (< 256: a byte of the index), so the engine can tell a record that
    says a word from one the editors only filed under it (:data:`TOPIC`). The engine
    reads it back as ``value >> FIELD_BITS`` (the weight) and ``value & FIELD_MASK``."""
    return weight << FIELD_BITS | code


_DIGIT = re.compile(r"\d")
_STUDY_SPAN = re.compile(
    r"\b(?:for|of|on)\s+((?:[A-Z][\w'&.-]*)(?:\s+(?:[A-Z][\w'&.-]*|and|&))*?)"
    r"\s+(?:Studies|Research)\b"
)
"""In a body's name, the words between 'for', 'of' or 'on' and 'Studies' or 'Research'
('Institute for **WTO** Studies', 'Institute of **American and Oceania** Studies',
'Center for **Strategic and International** Studies') name the field it studies, not
the body: a question about the WTO is not answered by a dean of WTO studies."""


def studied_spans(text: str) -> list[str]:
    """The names of fields that bodies named in ``text`` study (:data:`_STUDY_SPAN`)."""
    if "Studies" not in text and "Research" not in text:
        return []
    return _STUDY_SPAN.findall(text)


_NO_TERMS: frozenset[str] = frozenset()


def _without_field(span: re.Match[str]) -> str:
    """A body's name without the field it studies ('Institute for Studies')."""
    return span.group(0).replace(span.group(1), " ", 1)


_CACHED_TEXT = 160
"""Texts this short (names, labels, roles: they repeat) are analysed once per base."""

Tokens = dict[str, tuple[int, int]]
"""A record's terms: term -> (field weight, field code) of the heaviest field holding it."""


# --------------------------------------------------------------------------
# The vocabulary


class Vocabulary:
    """The editors' vocabulary, as stem sequences: which entry each word or phrase is in."""

    def __init__(self, entries: Iterable[tuple[str, Sequence[str]]]) -> None:
        """From (entry id, words) pairs: a base's ``vocabulary``, or the index's copy."""
        self.phrases: dict[tuple[str, ...], str] = {}
        for entry, phrases in entries:
            for phrase in phrases:
                key = tuple(stem(w) for w in words(phrase))
                if key:
                    self.phrases.setdefault(key, entry)
        self.longest = max((len(k) for k in self.phrases), default=0)
        self.starts = frozenset(k[0] for k in self.phrases)

    def find(self, seq: Sequence[str], at: int) -> tuple[int, str] | None:
        """The longest phrase starting at ``seq[at]``: (its length, the entry's id)."""
        for n in range(min(self.longest, len(seq) - at), 0, -1):
            found = self.phrases.get(tuple(seq[at : at + n]))
            if found is not None:
                return n, found
        return None

    def entries_in(self, seq: Sequence[str]) -> set[str]:
        out: set[str] = set()
        starts = self.starts
        for i in range(len(seq)):
            if seq[i] not in starts:
                continue
            hit = self.find(seq, i)
            if hit is not None:
                out.add(hit[1])
        return out


# --------------------------------------------------------------------------
# Records as terms


def text_terms(text: str, vocabulary: Vocabulary) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(terms, surface words) of one text: its stems, the joined form of each compound
    ('e-bike' is also 'ebike'), its vocabulary entries and its numbers with units."""
    folded = words(text)
    seq = [stem(w) for w in folded]
    qualifying = _qualifying_dollars(folded) if "ollar" in text else set()
    terms = dict.fromkeys(QUALIFIER + s if k in qualifying else s for k, s in enumerate(seq))
    for parts in compounds(text):
        terms[stem("".join(parts))] = None
    for joined in ranked(folded).values():
        terms[stem(joined)] = None
    for entry in vocabulary.entries_in(seq):
        terms[f"v:{entry}"] = None
    if _DIGIT.search(text):
        for m in find_mentions(text):
            if m.unit is not None or m.scale != 1:
                terms[number_token(m.value)] = None
    return tuple(terms), tuple(w for w in folded if w.isalpha())


def _qualifying_dollars(folded: Sequence[str]) -> set[int]:
    """Where words say which dollars ('**US** dollars', '**U.S** dollars', '**American**
    dollars'): a text holds the currency there, not the US."""
    found: set[int] = set()
    for k, w in enumerate(folded):
        if w in ("dollar", "dollars"):
            j = k - 1
            while j >= 0 and folded[j] in CURRENCY_QUALIFIERS:
                found.add(j)
                j -= 1
    return found


_SERVES = re.compile(r"\s+to\s+(?=\S)", re.IGNORECASE)


def split_role(role: str | None) -> tuple[str, list[str]]:
    """A role's own title, and the title of whoever it serves ('secretary to the board
    chairman': 'secretary', ['the board chairman']; 'executive dean': itself, [])."""
    if not role:
        return role or "", []
    head, *rest = _SERVES.split(role, maxsplit=1)
    return head, rest


def field_tokens(
    fields: Sequence[tuple[str, int, Sequence[str]]], vocabulary: Vocabulary
) -> Tokens:
    """Terms of a small record given as (field name, weight, texts), heaviest field first
    on a tie: how a speaker is matched (:mod:`brtrade.core.people`)."""
    out: Tokens = {}
    for name, weight, texts in fields:
        code = _CODES[name]
        for text in texts:
            for term in text_terms(text, vocabulary)[0]:
                have = out.get(term)
                if have is None or have[0] < weight:
                    out[term] = (weight, code)
    return out


class Analyzer:
    """Turns a base's records into terms (:data:`Tokens`) and its surface words."""

    def __init__(self, base: FactBase) -> None:
        self.base = base
        self.vocabulary = Vocabulary((t.id, t.words) for t in base.vocabulary)
        self._text_cache: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
        self._surface: set[str] = set()
        self._last_long = ""
        self.last_surface: set[str] = set()
        """The surface words of the record :meth:`tokens` made terms of last."""
        self._entity_text: dict[str, list[str]] = {}
        self._places_of: dict[str, tuple[str, ...]] = {}
        self._studied_cache: dict[str, frozenset[str]] = {}

    def _entity(self, eid: str) -> list[str]:
        found = self._entity_text.get(eid)
        if found is None:
            ent = self.base.entity(eid)
            found = self._entity_text[eid] = [ent.name, *ent.aliases, ent.type]
        return found

    def _speaker(self, sid: str | None) -> tuple[list[str], list[str], list[str]]:
        """(name, role and organisation texts, the title the role serves) of a speaker."""
        if sid is None:
            return [], [], []
        sp = self.base.speaker(sid)
        title, served = split_role(sp.role)
        role = [title, sp.organisation]
        for eid in self._chain(sp.entity):
            role.extend(self._entity(eid))
        return [sp.name], role, served

    def _chain(self, eid: str | None, relation: str = "part-of") -> list[str]:
        """An entity and what it is in by ``relation``, in turn: an organisation and what
        it is part of (the institute, its academy, the ministry above it), so that
        'MOFCOM' finds a speaker of an institute under it; or a place and the places it
        is located in."""
        out: list[str] = []
        while eid is not None and eid not in out:
            out.append(eid)
            parent = self._targets(eid, relation)
            eid = parent[0] if parent else None
        return out

    def _targets(self, eid: str, relation: str) -> list[str]:
        """The entities ``eid`` is related to by ``relation``, in the file's order."""
        return [r.target for r in self.base.entity(eid).relations if r.type == relation]

    def _places(self, entities: Sequence[str]) -> list[str]:
        """The names of the places the entities are in, in turn (Yantian Port is in
        Shenzhen, in Guangdong, in China): 'the Shenzhen port' is Yantian Port."""
        out: list[str] = []
        for eid in entities:
            for place in self._within(eid):
                if place not in entities:
                    out.extend(self._entity(place)[:-1])  # names and aliases, not type
        return out

    def _blocs(self, entities: Sequence[str]) -> list[str]:
        """The names of the blocs the entities are members of (Indonesia, of ASEAN)."""
        out: list[str] = []
        for eid in entities:
            for bloc in self._targets(eid, "member-of"):
                if bloc not in entities:
                    out.extend(self._entity(bloc)[:-1])  # names and aliases, not type
        return out

    def _within(self, eid: str) -> tuple[str, ...]:
        """The places an entity is located in, nearest first (once per entity)."""
        found = self._places_of.get(eid)
        if found is None:
            found = self._places_of[eid] = tuple(self._chain(eid, "located-in")[1:])
        return found

    def claim_fields(self, claim: Claim) -> list[tuple[str, list[str]]]:
        name, role, served = self._speaker(claim.speaker)
        quote = [self.base.quote(claim.quote).text] if claim.quote else []
        return [
            ("statement", [claim.statement]),
            ("entity", [t for e in claim.entities for t in self._entity(e)]),
            ("topic", [t for tid in claim.topics for t in (tid, self.base.topic(tid).label)]),
            ("speaker", name),
            ("figure", [t for f in claim.figures for t in (f.measure, f.scope, f.wording) if t]),
            ("role", role),
            ("served", served),
            ("evidence", [claim.provenance.evidence]),
            ("quote", quote),
            ("period", self._periods(claim)),
            ("place", self._places(claim.entities)),
            ("bloc", self._blocs(claim.entities)),
        ]

    @staticmethod
    def _periods(claim: Claim) -> list[str]:
        """A claim's periods."""
        return [p for p in (claim.period, *(f.period for f in claim.figures)) if p]

    @staticmethod
    def _since(claim: Claim) -> list[str]:
        """The years a claim's changes are measured against (a 2020 rise year on year is
        a rise from 2019), as :data:`SINCE` terms: not years the claim is about."""
        from brtrade.core.periods import compared_with

        years = {y for f in claim.figures for y in compared_with(f.period or claim.period, f.basis)}
        return [SINCE + y for y in sorted(years)]

    def quote_fields(self, quote: Quote) -> list[tuple[str, list[str]]]:
        name, role, served = self._speaker(quote.speaker)
        return [
            ("speaker", name),
            ("text", [quote.text]),
            ("topic", [t for tid in quote.topics for t in (tid, self.base.topic(tid).label)]),
            ("entity", [t for e in quote.entities for t in self._entity(e)]),
            ("role", role),
            ("served", served),
            ("evidence", [quote.provenance.evidence]),
            ("place", self._places(quote.entities)),
            ("bloc", self._blocs(quote.entities)),
        ]

    def _terms_of(self, text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(terms, surface words) of one text, computed once per distinct text: entity
        names, topic labels and speakers repeat across thousands of records."""
        found = self._text_cache.get(text)
        if found is None:
            found = text_terms(text, self.vocabulary)
            if len(text) <= _CACHED_TEXT:
                self._text_cache[text] = found
            else:
                # A long text is kept until the next one: a claim's evidence often
                # repeats its statement, word for word.
                self._text_cache.pop(self._last_long, None)
                self._text_cache[text] = found
                self._last_long = text
            self._surface.update(found[1])
        return found

    def tokens(
        self,
        fields: Sequence[tuple[str, list[str]]],
        weights: Mapping[str, int],
        values: Iterable[float] = (),
        kinds: Iterable[str] = (),
        said: bool = False,
    ) -> Tokens:
        """A record's terms, each with its heaviest field (the first such, on a tie);
        ``values`` and ``kinds`` are its figures' (``k:KIND`` for each kind: what a
        question asking 'how many' or 'what share' prefers); ``said``, whether it is given
        in someone's words (:data:`SAID`)."""
        out: Tokens = {}
        surface: set[str] = set()
        self.last_surface = surface
        studied: set[str] = set()
        for name, texts in fields:
            weight, code = weights[name], _CODES[name]
            for text in texts:
                studied.update(self._studied(text))
                terms, words_of = self._terms_of(text)
                if code == BLOC:
                    terms = tuple(MEMBER + t for t in terms)
                else:
                    surface.update(words_of)
                for term in terms:
                    have = out.get(term)
                    if have is None or have[0] < weight:
                        out[term] = (weight, code)
        if studied:
            self._mark_studied(out, fields, studied)
        if said:  # given in someone's words: what a question asking why prefers
            out[SAID] = (weights["speaker"], _CODES["speaker"])
        fig = _CODES["figure"]
        figure_weight = weights.get("figure", 1)
        for term in (*(number_token(v) for v in values), *(f"k:{k}" for k in kinds)):
            have = out.get(term)
            if have is None or have[0] < figure_weight:
                out[term] = (figure_weight, fig)
        return out

    def _studied(self, text: str) -> frozenset[str]:
        """The terms of ``text`` that stand only in the name of a field a body studies
        (kept per text that names one: most texts do not, and are not kept)."""
        found = self._studied_cache.get(text)
        if found is None:
            spans = studied_spans(text)
            if not spans:
                return _NO_TERMS
            inside = {t for span in spans for t in self._terms_of(span)[0]}
            outside = self._terms_of(_STUDY_SPAN.sub(_without_field, text))[0]
            found = self._studied_cache[text] = frozenset(inside.difference(outside))
        return found

    def _mark_studied(
        self, out: Tokens, fields: Sequence[tuple[str, list[str]]], studied: set[str]
    ) -> None:
        """Give the code :data:`STUDIED` to the terms a record holds only as what a body
        studies: a term any of its texts says elsewhere keeps its field."""
        for _, texts in fields:
            for text in texts:
                spanned = self._studied(text)
                studied.difference_update(t for t in self._terms_of(text)[0] if t not in spanned)
        for term in studied:
            if term in out:
                out[term] = (out[term][0], STUDIED)

    def claim_tokens(self, claim: Claim) -> Tokens:
        out = self.tokens(
            self.claim_fields(claim),
            _CLAIM_WEIGHTS,
            (f.value for f in claim.figures),
            dict.fromkeys(
                (*(f.kind for f in claim.figures), *(("figure",) if claim.figures else ()))
            ),
            said=claim.speaker is not None or claim.quote is not None,
        )
        if (
            claim.period
            or any(f.period for f in claim.figures)
            or says_when(claim.statement, claim.provenance.evidence)
        ):
            out[TIMED] = (_CLAIM_WEIGHTS["figure"], _CODES["figure"])
            if says_ahead(claim.statement, claim.provenance.evidence):
                out[AHEAD] = (_CLAIM_WEIGHTS["figure"], _CODES["figure"])
        for term in self._since(claim):
            out.setdefault(term, (_CLAIM_WEIGHTS["period"], _CODES["period"]))
        said = (claim.statement, claim.provenance.evidence, *(f.measure for f in claim.figures))
        if both_ways_only(said):
            out[BOTH_WAYS] = (_CLAIM_WEIGHTS["figure"], _CODES["figure"])
        weight = (_CLAIM_WEIGHTS["figure"], _CODES["figure"])
        for f in claim.figures:
            if f.kind == "count":  # what it counts: '11 **routes**'
                for term in self._terms_of(f.wording)[0]:
                    out.setdefault(COUNTS + term, weight)
        return out

    def quote_tokens(self, quote: Quote) -> Tokens:
        out = self.tokens(self.quote_fields(quote), _QUOTE_WEIGHTS, said=True)
        if says_when(quote.text):
            out[TIMED] = (_QUOTE_WEIGHTS["text"], _CODES["text"])
            if says_ahead(quote.text):
                out[AHEAD] = (_QUOTE_WEIGHTS["text"], _CODES["text"])
        if both_ways_only((quote.text,)):
            out[BOTH_WAYS] = (_QUOTE_WEIGHTS["text"], _CODES["text"])
        return out

    def lexicon(self) -> list[str]:
        """Every folded word a record of the base is searched by, for spelling."""
        for claim in self.base.claims:
            for _, texts in self.claim_fields(claim):
                for t in texts:
                    self._terms_of(t)
        for quote in self.base.quotes:
            for _, texts in self.quote_fields(quote):
                for t in texts:
                    self._terms_of(t)
        return sorted(self._surface)
