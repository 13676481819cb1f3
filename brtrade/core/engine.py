"""The search engine, written once: a question weighed, matched and ranked over postings.

Every search brtrade makes (``facts``, ``quote``, ``figures``, ``ask``, ``verify``'s and
``draft``'s candidates, the speakers a question about a person is about) is answered
by :func:`search` or :func:`rank` here, over a :class:`Store` (a record kind's postings,
document frequencies and names). Two stores feed them and decide nothing:
:mod:`brtrade.core.memory` for a loaded base, the index's tables (:mod:`brtrade.index.reader`).

The rule is :mod:`brtrade.core.match`'s. A group is matched in a few *ways* (the word
itself; a partial form; a related word; a loose relation), each giving points per
unit of field weight and a share of the group's weight toward the floor; a record
takes, per group, its best points and its best share.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple, Protocol

from brtrade.core import asking, figured, match, paraphrase
from brtrade.core.goods import MEASURED_WORDS, traded_goods
from brtrade.core.language import is_stop
from brtrade.core.match import LOOSE_COVER, RELATED_COVER, WHOLE, Group, Weighed, direct_only
from brtrade.core.query import Found, Query
from brtrade.core.stems import stem
from brtrade.core.terms import (
    BOTH_WAYS,
    COUNTS,
    FIELD_BITS,
    FIELD_MASK,
    FIELDS,
    SERVED,
    STUDIED,
    TOPIC,
)

if TYPE_CHECKING:
    from brtrade.core.terms import Tokens, Vocabulary


class Way(NamedTuple):
    """One way of matching a group: its terms (or every term starting with ``prefix``),
    the points per unit of field weight, and the share (percent) of the group's weight
    it covers toward the floor."""

    terms: tuple[str, ...]
    prefix: str | None
    times: int
    share: int

    def among(self, tokens: Mapping[str, object]) -> Iterator[str]:
        """The terms of ``tokens`` matched this way."""
        if self.prefix is None:
            yield from (t for t in self.terms if t in tokens)
        else:
            yield from (t for t in tokens if t.startswith(self.prefix))


def ways(group: Group) -> list[Way]:
    """How ``group`` is matched, heaviest first: its whole terms count :data:`WHOLE`
    times; partial forms and related words once, related ones covering less."""
    found = [Way(group.exact, None, WHOLE, 100)]
    if group.near:
        found.append(Way(group.near, None, 1, 100))
    if group.prefix is not None:
        found.append(Way((), group.prefix, 1, 100))
    for terms, share in ((group.related, RELATED_COVER), (group.loose, LOOSE_COVER)):
        if terms:
            found.append(Way(terms, None, 1, share))
    return found


Postings = Callable[[Way], Iterable[tuple[int, int]]]
"""(record, field weight and code: :func:`brtrade.core.terms.posted`) per term of a record
matched by a way (a record may recur)."""


class Store(figured.Figured, Protocol):
    """One kind of record of one base, as the engine reads it (and, for the answers
    chosen by their figures and citations, as :mod:`brtrade.core.figured` does)."""

    @property
    def n_docs(self) -> int: ...

    def postings(self, way: Way) -> Iterable[tuple[int, int]]: ...

    def df(self, group: Group) -> int:
        """How many records hold the group's most common term."""

    def vocabulary(self) -> Vocabulary: ...

    def lexicon(self) -> Sequence[str]: ...

    def name_words(self) -> Collection[str]: ...

    def allowed(self, q: Query) -> Collection[int] | None:
        """The records the query's filters let through (None: every record)."""

    def tokens(self, ords: Sequence[int]) -> Mapping[int, Tokens]:
        """The terms of these records (for ``--explain``)."""

    def ids(self, ords: Sequence[int]) -> list[str]: ...


def rank(
    weighed: Weighed,
    postings: Postings,
    allowed: Collection[int] | None = None,
    limit: int | None = None,
) -> list[tuple[int, int, int]]:
    """(record, score, cover) of the records scoring above zero and covering the
    floor, best first (ties in document order); at most ``limit``."""
    scores: dict[int, int] = {}
    covers: dict[int, int] = {}
    kind_at = _kind_group(weighed)
    kinded: set[int] = set()  # records holding a figure of the kind asked for
    when_at = _when_group(weighed)
    timed: set[int] = set()  # records saying when, for a question asking when
    itself: dict[int, int] = {}  # how many of the groups asked for themselves each matches
    counts: dict[int, int] = {}  # how many of the groups counted each matches
    subjects: set[int] = set()  # the records naming what a change question says changed
    says: dict[int, int] = {}  # how many of the question's names each record says
    spoken: dict[int, int] = {}  # how many of the groups every answer matches each does
    happened: set[int] = set()  # the records saying the event a 'when' question asks of
    served: set[int] = set()  # the records holding a title asked for as another's
    titled: set[int] = set()  # ... and as their own
    unsaid = weighed.unsaid
    owner, owned = weighed.owned if weighed.owned and weighed.floor else (None, None)
    theirs: set[int] = set()  # records in the words of the possessor of what is asked for
    say_it: set[int] = set()  # records saying what is asked for by itself
    scoped: dict[int, int] = {}  # how many of the names the question writes each matches
    # 'when was the Belt and Road Initiative launched': what the event is told of is in
    # the record's own words too, not only in its editors' labels (the routes launched
    # are tagged with the initiative)
    counting_event = kind_at is not None and weighed.plan.groups[kind_at].exact == ("k:count",)
    of_event = (  # (what a count's event happened to is what it counts: named already)
        _event_head(weighed) if weighed.event and weighed.floor and not counting_event else set()
    )
    told: dict[int, int] = {}  # how many of those each record says in its own words
    for i, group in enumerate(weighed.plan.groups):
        weight = weighed.weights[i]
        if not weight and i != kind_at and i != when_at:
            continue  # it adds neither points nor cover
        full = weighed.cover_weight(i)
        best: dict[int, int] = {}
        cover: dict[int, int] = {}
        named: set[int] = set()  # records naming it, not through a loosely related word
        said: set[int] = set()  # records saying it in a field of their own
        telling: set[int] = set()  # records saying it in their own words (of_event)
        counting = i in weighed.counted
        saying = i in weighed.names
        spoken_of = i in weighed.about
        event = i in weighed.event
        title = i in weighed.title
        for way in ways(group):
            share = full * way.share // 100
            times = way.times
            naming = counting and way.share > LOOSE_COVER
            for o, value in postings(way):
                points = (value >> FIELD_BITS) * times  # the field's weight (terms.posted)
                if points > best.get(o, 0):
                    best[o] = points
                if share > cover.get(o, -1):
                    cover[o] = share
                if event and way.share > LOOSE_COVER and value & FIELD_MASK in SAYING:
                    happened.add(o)
                if i in of_event and way.share == 100 and value & FIELD_MASK in SAYING:
                    telling.add(o)  # named as such: 'initiative' is not its sense 'first'
                if title:
                    (served if value & FIELD_MASK == SERVED else titled).add(o)
                if i == owner and value & FIELD_MASK == SPEAKER:
                    theirs.add(o)
                if i == owned and way.share == 100:
                    say_it.add(o)
                if (naming or saying) and value & FIELD_MASK not in unsaid:
                    if naming:  # said by the record, not only the editors' label
                        named.add(o)
                    if saying:
                        said.add(o)
        if i == kind_at:
            kinded.update(best)
        if i == when_at:
            timed.update(best)
        for o in telling:
            told[o] = told.get(o, 0) + 1
        if spoken_of:
            for o in best:
                spoken[o] = spoken.get(o, 0) + 1
        if i in weighed.itself:
            for o in best:
                itself[o] = itself.get(o, 0) + 1
        if i in weighed.scope:
            for o, share in cover.items():
                if share == full:  # the name itself, not a related word
                    scoped[o] = scoped.get(o, 0) + 1
        if counting:
            for o in named:
                counts[o] = counts.get(o, 0) + 1
        if saying:
            for o in said:
                says[o] = says.get(o, 0) + 1
        if i in weighed.subject:
            subjects.update(best)  # by any relation: 'commerce' is the article's trade
        if not weight:
            continue
        for o, points in best.items():
            scores[o] = scores.get(o, 0) + points * weight
            covers[o] = covers.get(o, 0) + cover[o]
    need = weighed.need
    low, every = (weighed.kind_need, len(weighed.itself)) if kind_at is not None else (need, 0)

    # 'how many' needs a count, 'what share' a share, 'how fast did X grow' a change
    needed = kind_at is not None and (weighed.plan.kind_needed or bool(weighed.subject))
    counted = len(weighed.counted) if weighed.floor else 0
    subject = bool(weighed.subject) and weighed.floor
    names = len(weighed.names) if weighed.floor else 0
    spoken_need = len(weighed.about) if weighed.floor else 0
    event = bool(weighed.event) and weighed.floor

    tallied = _counting(weighed, postings) if needed and weighed.floor else None
    both_ways = (
        {o for o, _ in postings(Way((BOTH_WAYS,), None, WHOLE, 100))}
        if weighed.one_way and weighed.floor
        else set()
    )
    excluded = both_ways if weighed.one_way == "no" else set()
    later = both_ways if weighed.one_way == "after" else set()

    def passes(o: int) -> bool:
        if o in excluded:
            return False  # 'China's exports': not its imports and exports together
        if tallied is not None and o not in tallied:
            return False  # 'how many countries' is not answered by a count of routes
        if needed and o not in kinded:
            return False  # 'how many' is not answered by a record without a count
        if counts.get(o, 0) < counted:
            return False  # ...nor by one that does not name what is counted
        if says.get(o, 0) < names:
            return False  # 'what did the WTO say' is not answered by a dean of WTO studies
        if o in theirs and o not in say_it:
            return False  # 'what is Li Xiangrong's age': his words on the engine say nothing of it
        if o in served and o not in titled:
            return False  # 'who is the chairman': not the secretary to the board chairman
        if when_at is not None and o not in timed:
            return False  # 'when was the engine developed': a record that says no date
        if event and o not in happened:
            return False  # 'when did the initiative begin' is not told by its significance
        if told.get(o, 0) < len(of_event):
            return False  # ...nor by the routes it is a label of, launched in 2020
        if spoken.get(o, 0) < spoken_need:
            return False  # 'what did Tu say about tariffs' is not his quote on diversification
        if subject and o not in subjects:
            return False  # 'how fast did China's economy grow' is not answered by trade
        if covers[o] >= need:
            return True
        return o in kinded and covers[o] >= low and itself.get(o, 0) == every

    found = [
        (o, s, covers[o])
        for o, s in scores.items()
        if passes(o) and (allowed is None or o in allowed)
    ]
    worded = _in_own_words(weighed, postings) if weighed.floor and len(found) > 1 else {}
    # of equal scores for a question about a flow of trade ('China's trade with belt and
    # road countries'), a record measuring it before one that only names it
    measured = (
        {o for o, _ in postings(Way(("k:figure",), None, WHOLE, 100))}
        if weighed.floor and len(found) > 1 and _asks_of_a_flow(weighed)
        else set()
    )

    def order(row: tuple[int, int, int]) -> tuple[int, bool, int, int, bool, int]:
        # the names asked of, exports before trade both ways (keywords), then score; of
        # equal scores, the record in the words of the editors' phrases the question uses
        o = row[0]
        return -scoped.get(o, 0), o in later, -row[1], -worded.get(o, 0), o not in measured, o

    if limit is not None and limit < len(found):
        return heapq.nsmallest(limit, found, key=order)
    return sorted(found, key=order)


def _in_own_words(weighed: Weighed, postings: Postings) -> dict[int, int]:
    """How many of the question's phrases of the editors' vocabulary each record holds
    word for word: 'the deputy director' is the editors' *expert*, as the executive dean
    is, and Zhou Mi's records say 'Deputy Director'."""
    out: dict[int, int] = {}
    for g in weighed.plan.groups:
        if g.via != "vocabulary" or " " not in g.word:
            continue
        stems = [stem(w) for w in g.word.split() if not is_stop(w)]
        holding: set[int] | None = None
        for s in stems:
            have = {o for o, _ in postings(Way((s,), None, 1, 100))}
            holding = have if holding is None else holding & have
        for o in holding or ():
            out[o] = out.get(o, 0) + 1
    return out


SPEAKER = FIELDS.index("speaker")


def _asks_of_a_flow(weighed: Weighed) -> bool:
    """Whether a question asks of a flow of trade (*trade*, *exports*, *imports*...: the
    measures of news copy) and for no particular kind of figure or someone's words: not
    of what kind it is ('what **kind of** trade does China want') nor for a purpose ('are
    the bikes ready **for export**')."""
    groups = weighed.plan.groups
    if any(g.via in ("kind", "cue") for g in groups):
        return False
    said = [g.word for g in groups]
    for k, g in enumerate(groups):
        if not (g.required and set(g.word.split()) & MEASURED_WORDS):
            continue
        before = said[max(0, k - 2) : k]
        if before[-1:] != ["for"] and before not in (
            ["kind", "of"],
            ["type", "of"],
            ["sort", "of"],
        ):
            return True
    return False


def _event_head(weighed: Weighed) -> set[int]:
    """The group naming what a question's event happened to: the head of the noun
    phrase after its verb ('when did China **launch** the new **routes**'), else of the
    one before it ('when was the Belt and Road **Initiative** launched'). Its modifiers
    may be the editors' labels of a record ('the **Yantian** routes': the record tells of
    the routes, tagged with the port); the head must be the record's own words."""
    groups = weighed.plan.groups
    content = [
        i
        for i, g in enumerate(groups)
        if g.required and weighed.weights[i] and g.via in ("word", "vocabulary", "related")
    ]
    at = min(weighed.event)
    after = [i for i in content if i > at]
    if after:
        run = [after[0]]
        for i in after[1:]:
            between = range(run[-1] + 1, i)
            if any(weighed.weights[k] or groups[k].word in _PREPOSITIONS for k in between):
                break  # 'launch **routes** to ASEAN members': the phrase ends at 'to'
            run.append(i)
        return {run[-1]}
    before = [i for i in content if i < at]
    return {before[-1]} if before else set()


_PREPOSITIONS = frozenset("to for from with in on at by into across between".split())

SAYING = frozenset(FIELDS.index(f) for f in ("statement", "evidence", "quote", "text"))
"""The fields in which a record says what happened (not its editors' topics or the names
of what it is about): 'when did the initiative **begin**' needs a record saying so."""


def _counting(weighed: Weighed, postings: Postings) -> set[int] | None:
    """For a question asking how many of something, the records whose count counts it
    (:data:`brtrade.core.terms.COUNTS`: '11 **routes**' for 'how many shipping lines');
    None for any other question."""
    kind = next((g for g in weighed.plan.groups if g.via == "kind"), None)
    at = asking.tallied(weighed.plan)
    if kind is None or kind.exact != ("k:count",) or at is None:
        return None
    from brtrade.core import english

    group = weighed.plan.groups[at]
    # what it counts, in the article's words or English's close ones ('lines': 'routes')
    close = english.related(group.exact[-1])[0] if group.word.isalpha() else ()
    terms = (*group.exact, *group.near, *group.related, *close)
    return {o for o, _ in postings(Way(tuple(COUNTS + t for t in terms), None, 1, 100))}


def _when_group(weighed: Weighed) -> int | None:
    """Where the group of a question asking when stands (:data:`match.WHEN_CUE`), when
    the floor applies."""
    if not weighed.floor:
        return None
    return next((i for i, g in enumerate(weighed.plan.groups) if g.word == match.WHEN_CUE), None)


def _kind_group(weighed: Weighed) -> int | None:
    """Where the group for the kind of figure a question asks for stands, when the kind
    floor applies (a question, not ``--all-words`` or a draft's sentence)."""
    if not weighed.floor or weighed.plan.all_words:
        return None
    return next((i for i, g in enumerate(weighed.plan.groups) if g.via == "kind"), None)


NEGATIONS = frozenset("not never no didn doesn don isn wasn aren weren hasn haven hadn".split())
"""Words that deny what a question's verb says ('why **didn't** trade fall'), or the first
pieces of such contractions."""

_WH = frozenset("what which why how when where who".split())
"""The first words of a question that asks for something, not whether ('did exports
fall' is answered by what they did)."""

ASKING = frozenset(
    """how what which who when where why did does do was were is are has have had will
    would can could tell give list show""".split()
)
"""First words of a question, as against a search of a record's own words."""


def weigh(
    q: Query,
    vocab: Vocabulary,
    df_of: Callable[[Group], int],
    n_docs: int,
    lexicon: Callable[[], Sequence[str]],
    in_names: Callable[[], Collection[str]] = frozenset,
    among_speakers: bool = False,
    postings: Postings | None = None,
) -> Weighed:
    """The query's plan, spelling corrected, with each group's weight in this base (of
    the speakers' records, ``among_speakers``: :func:`asking.asked_for_by_who`)."""

    plan = match.plan_query(q.text, vocab, all_words=q.all_words, question=q.floor)
    dfs = [df_of(g) for g in plan.groups]
    # Names, and every word of a 'who' question: weighed in full, never widened.
    typed = paraphrase.typed_names(q.text)
    names = typed | asking.asked_for_by_who(q.text, among_speakers)
    goods: set[str] = set()  # what a question says is traded, which records hold
    if q.floor and not q.all_words and MEASURED_WORDS.intersection(q.words):
        # what a question says is traded, when no record holds it ('imports of **oil**',
        # '**car** exports'): asked for itself, in full, as a name is
        holds = {g.word for g, d in zip(plan.groups, dfs, strict=True) if d}
        traded = set(traded_goods(q.text))
        names |= traded - holds
        goods = traded & holds
    asks = q.floor and not q.all_words  # a question, not a draft's sentence or --all-words
    drafted = not q.floor and not q.all_words  # a draft's sentence (verify's candidates)
    counted: set[int] = set()
    if asks and any(d == 0 for d in dfs):
        plan = asking.unheld_speech(plan, dfs)  # 'how did X **characterise** Y'
        plan = match.correct_spelling(plan, dfs, lexicon, vocab)
        if plan.corrections:
            dfs = [df_of(g) for g in plan.groups]
    if asks:
        names |= asking.part_of_a_year(plan)  # 'in the first quarter'
        # What a question counts is asked for itself, never for its relations.
        counted = asking.counted(plan)
        labels = _only_labels(plan, dfs, postings) if postings is not None else ()
        plan, dfs = paraphrase.paraphrase(
            plan, dfs, df_of, names, counted, n_docs, in_names(), lexicon=lexicon, labels=labels
        )
    if not q.floor and not q.all_words:
        # A draft is in a reporter's words too ('commerce with belt and road nations'):
        # widened as a question is, its related words covering part of a word.
        plan, dfs = paraphrase.paraphrase(
            plan, dfs, df_of, names, (), n_docs, in_names(), loose=False
        )
    if not q.floor:  # candidates for verify: only the words that tell records apart
        plan, dfs = match.informative(plan, dfs, n_docs)
    pairs = list(zip(plan.groups, dfs, strict=True))
    held = [match.idf(n_docs, d) for g, d in pairs if g.required and d and g.via != "related"]
    known = sum(held) // len(held) if held else None
    phrased = asks and any(not g.required for g in plan.groups)  # a sentence, not keywords
    weights = tuple(
        match.idf(n_docs, d)
        if i in counted
        else paraphrase.weight(n_docs, g, d, asks or drafted, known, names, phrased)
        for i, (g, d) in enumerate(pairs)
    )
    if asks and known is not None:  # words of substance: the question's form weighs nothing
        weights = paraphrase.quieten(plan, weights)
    if asks:  # 'the most' only filters: every answer says something is first
        weights = tuple(
            1 if g.via == "extreme" else w for g, w in zip(plan.groups, weights, strict=True)
        )
    itself = frozenset[int]()
    if asks and any(g.via == "kind" for g in plan.groups):
        itself = paraphrase.asked_itself(plan, names, counted)
        # ... and when a record holds it ('what was **rail** trade worth'): an answer
        # under the kind floor names it (ASEAN's trade in yuan is not rail trade's)
        itself |= {i for i, g in enumerate(plan.groups) if g.required and g.word in goods}
        # ... and a noun of two words that the base cannot hold ('how did the **stock
        # market** in Shenzhen do' is not answered by a Shenzhen company's exports)
        itself |= paraphrase.compounds_not_held(plan, dfs)
    heads = frozenset[int]()
    owned = None
    if asks:  # what 'how many' counts: every answer names it
        head = asking.asked_for(plan, dfs)
        owned = asking.possessed(plan, head)
        heads = frozenset(
            asking.counted(plan, words_only=False, after=asking.COUNTED)
            | head
            | asking.measured(plan)
            | {i for i, g in enumerate(plan.groups) if g.via in ("rank", "extreme")}
        )  # 'the second largest', 'traded the most': every answer says so
    if asks and q.words and q.words[0] in _WH:
        # 'which trade declined', 'why did exports fall': a record of a rise is no answer
        falls = {i for i, g in enumerate(plan.groups) if "v:fall" in g.exact}
        # not a fall denied ('why **didn't** trade fall', 'why did trade **not** drop')
        falls = {i for i in falls if not NEGATIONS.intersection(g.word for g in plan.groups[:i])}
        if falls and not any("v:rise" in g.exact for g in plan.groups):
            heads = heads | falls
    subject = frozenset(asking.changed(plan, names)) if asks else frozenset[int]()
    # a question's names, not a keyword search's ('WTO' finds the dean of WTO studies)
    named = frozenset(
        i
        for i, g in enumerate(plan.groups)
        if phrased and g.word in typed and g.required and weights[i]
    )
    title = frozenset(asking.who_title(plan)) if asks else frozenset[int]()
    # 'the WTO expert' is the dean of WTO studies; 'the WTO' is not
    unsaid = frozenset({TOPIC} if paraphrase.asks_for_study(q.words) else {TOPIC, STUDIED})
    about = frozenset[int]()
    if asks:  # what was spoken of; and, of someone's words, that they are someone's
        said_by = asking.said_by_someone(q.text, plan)
        about = frozenset(asking.spoken_about(plan) | ({said_by} if said_by is not None else set()))
    event = frozenset(asking.event_of(plan, among_speakers)) if asks else frozenset[int]()
    several = plan.several
    scope = paraphrase.scope(plan, in_names()) if phrased and several else frozenset[int]()
    # a question, not keywords: 'exports 1 s' holds the words of 'imports and exports'
    opens_as_asked = bool(q.words) and q.words[0] in ASKING
    one_way = ""
    if phrased and several and asking.one_way_only(plan):
        one_way = "no" if opens_as_asked else "after"
    if asks:  # 'by how much did exports exceed imports': a balance, which every answer says
        heads = heads | asking.balance_asked(plan)
    if one_way == "no":  # 'what did China import from Indonesia': every answer says so
        heads = heads | {
            i for i, g in enumerate(plan.groups) if g.required and g.word in asking.ONE_WAY
        }
    # 'what was China's total trade': a whole flow; not a share of it, not a figure
    # checked ('29.1 percent of total trade'), nor keywords (no word of a sentence's form)
    total = (
        asks
        and any(not g.required and g.via == "word" for g in plan.groups)
        and not any(g.via == "number" or g.word == "(share)" for g in plan.groups)
        and asking.asks_for_a_total(q.words)
    )
    total = total and not _names_a_partner(plan, dfs, n_docs, in_names())
    reporters = frozenset[int]()
    if asks:
        in_full = {i for i, g in enumerate(plan.groups) if g.word in names} | itself | heads
        in_full |= subject | title | event | about | paraphrase.compounds_not_held(plan, dfs)
        in_full |= asking.asked_what(plan)  # 'what **subsidies** does the firm get'
        reporters = paraphrase.reporters_words(plan, dfs, weights, in_full)
    return match.Weighed(
        plan,
        weights,
        tuple(dfs),
        q.floor,
        itself,
        heads,
        subject,
        named,
        about,
        event,
        title,
        unsaid,
        owned,
        one_way,
        scope,
        total,
        reporters,
    )


def _names_a_partner(
    plan: match.Plan, dfs: Sequence[int], n_docs: int, in_names: Collection[str]
) -> bool:
    """Whether a question names what a flow is with or where: a name of the base ('trade
    with **ASEAN**', '**belt and road** trade', 'exports to **Indonesia**'), not the
    owner of the flow ('**China**'s total trade': before its possessive) nor a name nine
    records in ten hold (the base's own country, whose trade it all is)."""
    groups = plan.groups
    for i, (g, d) in enumerate(zip(groups, dfs, strict=True)):
        if not g.required or not paraphrase.a_name(g, in_names):
            continue
        owner = i + 1 < len(groups) and groups[i + 1].word == "s"
        if not owner and d * 10 < n_docs * 9:
            return True
    return False


def weighed_for(store: Store, q: Query) -> Weighed:
    """The query's plan with each group's weight in ``store``."""
    return weigh(
        q,
        store.vocabulary(),
        store.df,
        store.n_docs,
        store.lexicon,
        store.name_words,
        postings=store.postings,
    )


def _only_labels(plan: match.Plan, dfs: Sequence[int], postings: Postings) -> set[int]:
    """The required words that records hold only in the label of an editors' topic
    ('Trade **policy** and cooperation'): no record says them, so they are widened
    as a word no record holds is ('the diversification policy' is the article's
    diversification *strategy*)."""
    out = set()
    for i, (g, df) in enumerate(zip(plan.groups, dfs, strict=True)):
        if df and g.required and g.via == "word":
            held = postings(Way(g.exact, None, 1, 100))
            if all(value & FIELD_MASK == TOPIC for _, value in held):
                out.add(i)
    return out


def search(store: Store, q: Query, compared: bool = True) -> tuple[list[tuple[int, int]], Found]:
    """(record, score) of the answers to ``q``, best first, and what to tell the user
    (corrections, unmatched words, the closest records, explanations, covers). A
    question comparing two things is answered by both (:func:`both_sides`)."""
    if not q.words:
        return [(o, 0) for o in store.listed(q)], Found([])
    if compared and q.floor and not q.all_words:
        sides = asking.compared_sides(q.text)
        if sides is not None:
            both = both_sides(store, q, sides)
            if both is not None:
                return both
    allowed = store.allowed(q)
    weighed = weighed_for(store, q)
    if weighed.plan.gist:
        leads = figured.lead(store, q)
        if leads:
            notes = figured.lead_notes(store, leads) if q.explain else ()
            said = tuple({"score": 0, "matched": [], "unmatched": [], "order": n} for n in notes)
            return [(o, 0) for o in leads], Found([], weighed.plan.corrections, explains=said)
    extreme = weighed.plan.extreme
    whole = weighed.total
    ranked = rank(weighed, store.postings, allowed, None if extreme or whole else q.limit)
    if whole:
        ranked = figured.of_a_whole_flow(ranked, store)[: q.limit]
    if extreme is not None:
        ranked = figured.by_change(ranked, store, extreme)[: q.limit]
    second = ""  # what --explain says of a second look
    if not ranked and weighed.reporters:
        weighed, ranked = _second_look(weighed, store.postings, allowed, q.limit)
        if ranked:
            left = ", ".join(repr(weighed.plan.groups[i].word) for i in sorted(weighed.reporters))
            second = f"a second look, not requiring the words no record holds as written: {left}"
    closest: tuple[str, ...] = ()
    if not ranked:
        near = rank(direct_only(weighed)._replace(floor=False), store.postings, allowed, 3)
        closest = tuple(store.ids([o for o, _, _ in near]))
    explains: tuple[dict[str, object], ...] = ()
    if q.explain and ranked:
        ords = [o for o, _, _ in ranked]
        tokens = store.tokens(ords)
        explains = tuple(explain(weighed, tokens[o]) for o in ords)
        notes = figured.order_notes(store, ords, extreme, whole)
        notes = [f"{n} · {second}" if n and second else n or second for n in notes]
        explains = tuple(
            {**e, "order": n} if n else e for e, n in zip(explains, notes, strict=True)
        )
    covers = tuple(c / max(weighed.required, 1) for _, _, c in ranked)
    found = Found([], weighed.plan.corrections, tuple(weighed.unmatched), closest, explains, covers)
    return [(o, s) for o, s, _ in ranked], found


SECOND_FLOOR_PERCENT = 90
"""When nothing answers a question, a second look leaves out the reporter's own words
(:attr:`brtrade.core.match.Weighed.reporters`) and takes a record matching this share
of the rest, when the rest is at least :data:`SECOND_LOOK_WORDS` words of substance."""
SECOND_LOOK_WORDS = 2


def _second_look(
    weighed: Weighed, postings: Postings, allowed: Collection[int] | None, limit: int | None
) -> tuple[Weighed, list[tuple[int, int, int]]]:
    """The answers to a question that nothing answers whole, its reporter's own words
    (:attr:`Weighed.reporters`: 'does the bike's assist system help on steep
    **terrain**') left out: the records matching :data:`SECOND_FLOOR_PERCENT` of the
    rest, when the rest is :data:`SECOND_LOOK_WORDS` words of substance or more; none
    else. The words left out count toward no floor, but still add to a record's score
    where a related word matches them; ``--explain`` names them."""
    groups = weighed.plan.groups
    rest = [
        i
        for i, g in enumerate(groups)
        if g.required and weighed.weights[i] and i not in weighed.reporters and g.via != "kind"
    ]
    if len(rest) < SECOND_LOOK_WORDS:
        return weighed, []
    groups = tuple(
        g._replace(required=False) if i in weighed.reporters else g for i, g in enumerate(groups)
    )
    second = weighed._replace(plan=weighed.plan._replace(groups=groups))
    need = SECOND_FLOOR_PERCENT * second.required // 100
    found = [r for r in rank(second, postings, allowed, None) if r[2] >= need]
    return (second, found[:limit]) if found else (weighed, [])


SIDE_ANSWERS = 3
"""How many answers each side of a comparison gives: its best, not every record that
holds one of its words ('total belt and road trade' alone is half the base)."""


def both_sides(
    store: Store, q: Query, sides: tuple[str, str]
) -> tuple[list[tuple[int, int]], Found] | None:
    """The answers to each side of a comparison ('did rail trade grow faster than ASEAN
    trade'), asked as a question of its own, taken in turn: the best of one, the best of
    the other, and so on (a record answering both once). One question matched the two
    sides' words together, and one side's records came first, often alone. None when a
    side finds nothing: the whole question is asked then."""
    from brtrade.core.text import words

    answers = []
    for k, side in enumerate(sides, 1):
        sub = q._replace(text=side, words=tuple(words(side)), limit=None)
        ranked, found = search(store, sub, compared=False)
        if not ranked:
            return None
        explains = tuple(
            {**e, "order": f"side {k} of the comparison: {side!r}"} for e in found.explains
        ) or tuple({} for _ in ranked)
        covers = found.covers or (1.0,) * len(ranked)
        answers.append(list(zip(ranked, explains, covers, strict=True))[:SIDE_ANSWERS])
    # the side whose best record the whole question ranks first goes first: the two
    # sides add each other's answers, and the best answer to all the words stays first
    whole, _ = search(store, q._replace(limit=1, explain=False), compared=False)
    if whole and answers[1][0][0][0] == whole[0][0] != answers[0][0][0][0]:
        answers.reverse()
    out: list[tuple[int, int]] = []
    explained: list[dict[str, object]] = []
    shares: list[float] = []
    seen: set[int] = set()
    for pair in itertools.zip_longest(*answers):
        for got in pair:
            if got is not None and got[0][0] not in seen:
                seen.add(got[0][0])
                out.append(got[0])
                explained.append(got[1])
                shares.append(got[2])
    n = len(out) if q.limit is None else q.limit
    found = Found([], explains=tuple(explained[:n]) if q.explain else (), covers=tuple(shares[:n]))
    return out[:n], found


def explain(weighed: Weighed, tokens: Tokens) -> dict[str, object]:
    """Which query words matched which field, through what, for how many points."""
    matched: list[dict[str, object]] = []
    missing: list[str] = []
    total = 0
    for i, g in enumerate(weighed.plan.groups):
        best, term = 0, None
        for way in ways(g):
            for t in way.among(tokens):
                if tokens[t][0] * way.times > best:
                    best, term = tokens[t][0] * way.times, t
        if not weighed.weights[i] and not g.required:
            continue  # a word of the question's form, weighing nothing
        if not best or term is None:
            if g.required or i in weighed.reporters:
                missing.append(g.word)
            continue
        points = weighed.weights[i] * best
        total += points
        via = g.via
        if via in ("word", "related"):
            if (term in g.related or term in g.loose) and term not in g.near:
                via = "related"
            elif term in g.exact:
                via = "word" if term == g.word else "stem"
            else:
                via = "partial"
        field = FIELDS[tokens[term][1]]
        matched.append({"word": g.word, "term": term, "field": field, "via": via, "points": points})
    return {"score": total, "matched": matched, "unmatched": missing}
