"""The matcher: how a question finds records, and when it finds none.

The rule (docs/matching.md, "How matching works"); :mod:`brtrade.core.engine`
applies it, the same over records in memory and over the persistent index:

1. **Terms.** A record's searchable fields (statement, entities and their
   aliases, topics, speaker, role and organisation, evidence, figures, the
   quote it comes from...) become *terms*, each with the weight of the heaviest
   field that holds it: word stems (Snowball English, so 'rose', 'rise' and
   'risen' meet), ``v:ID`` for every vocabulary entry one of whose words or
   phrases occurs, and ``n:VALUE`` for every figure and every number written
   with its scale or unit ('4.74 trillion yuan' is ``n:4.74e+12``).
2. **Groups.** A query becomes groups, one per thing asked for: a number with
   its scale and unit; a vocabulary word or phrase (with its entry's ``v:``
   term); or a word, by its stem (and, for words of four letters or more, the
   stems it starts, or that start it, at half weight). Stop and question words
   ('how', 'much', 'did', 'the') are groups that are never required (and, in a
   question, weigh nothing). A question that says the kind of figure it asks for
   ('what share', 'how many', 'how fast did it grow') has one more group, never
   required, for the ``k:KIND`` term every claim holds for its figures' kinds.
3. **Weight.** A group weighs its inverse document frequency,
   ``round(100 * ln(1 + (N - df + 0.5) / (df + 0.5)))`` (BM25's), where df is
   the number of records holding its most common term. In a question, a word
   nothing holds is widened and weighed by general English instead
   (:mod:`brtrade.core.paraphrase`); elsewhere it weighs the most.
4. **Score.** A record scores, for each group it matches, the group's weight
   times the heaviest field weight among its terms there (doubled for a whole
   term). All integers, summed by :mod:`brtrade.core.engine` over records in
   memory and over the persistent index alike.
5. **Floor.** A record is an answer only when the groups it matches weigh at
   least ``FLOOR_PERCENT`` of what the required groups weigh together; or, in a
   question that says the kind of figure it asks for, ``KIND_FLOOR_PERCENT`` when it
   holds a figure of that kind and matches every group asked for itself. With
   ``all_words``, every group must match, as before version 0.2.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import NamedTuple

from brtrade.core.language import (
    FIGURE_MODIFIERS,
    HOW_IT_DID,
    IMPERATIVES,
    MONTHS,
    OPINIONS,
    PASSAGES,
    PERSON_NOUNS,
    QUESTION_WORDS,
    RESULT_FORMS,
    SIGNIFICANCE,
    SOURCE_DETERMINERS,
    SOURCE_NOUNS,
    TITLES,
    asked_kind,
    asks_ahead,
    asks_how_it_did,
    asks_when,
    asks_why,
    form_words,
    is_stop,
    kind_cues,
    kind_needed,
    plays_a_role,
    speaks,
    why_form,
)
from brtrade.core.numbers import (
    CURRENCY_NOUNS,
    CURRENCY_QUALIFIERS,
    CURRENCY_WORDS,
    SMALL_NUMBERS,
    find_mentions,
    national_currency,
    number_token,
)
from brtrade.core.stems import COLLIDING, stem
from brtrade.core.terms import AHEAD, QUALIFIER, SAID, SINCE, TIMED, TOPIC, Vocabulary
from brtrade.core.text import EXTREMES, compounds, ranked, words

FLOOR_PERCENT = 60
"""An answer matches groups weighing at least this share of the required groups' weight."""
KIND_FLOOR_PERCENT = 30
"""...or, in a question that says the kind of figure it asks for, this share, when the
record holds a figure of that kind and every word the question asks for itself (names,
numbers, what it counts: :func:`brtrade.core.paraphrase.asked_itself`)."""
WHOLE = 2
"""A whole-term match counts this many times a partial (prefix) one."""
MIN_PREFIX = 4
"""Words shorter than this match whole stems only."""
MIN_NEAR = 6
"""A shortened stem is tried only if it keeps at least this many letters."""
RELATED_COVER = 50
"""A word matched only through a closely related word (a synonym, a broader word, a
derivation) covers this share (percent) of its weight toward the floor."""
LOOSE_COVER = 25
"""...and through a loosely related one (a narrower word, a word of its definition)."""

# --------------------------------------------------------------------------
# Queries as groups


class Group(NamedTuple):
    """One thing a query asks for."""

    word: str
    """As the user wrote it (folded), for messages and --explain."""
    exact: tuple[str, ...]
    """Terms that match it whole."""
    near: tuple[str, ...] = ()
    """Terms that match it partly (shorter stems it starts with)."""
    prefix: str | None = None
    """Terms starting with this match it partly."""
    required: bool = True
    via: str = "word"
    """How it was read: word, number, vocabulary, spelling, or related (widened by
    general English)."""
    related: tuple[str, ...] = ()
    """Terms of words general English relates closely to it: they match it partly, and
    cover only :data:`RELATED_COVER` percent of it toward the floor."""
    loose: tuple[str, ...] = ()
    """Terms of words loosely related to it, covering :data:`LOOSE_COVER` percent."""
    held: bool = False
    """Widened though some record holds the word itself (a word rare in the base): a
    miss is then never told as 'no record has' it."""


class Plan(NamedTuple):
    """A query read into groups, with what was corrected on the way."""

    groups: tuple[Group, ...]
    corrections: tuple[tuple[str, str], ...] = ()
    all_words: bool = False
    kind_needed: bool = False
    """Only a record with a figure of the kind asked for answers ('how many', 'what
    percentage': :func:`brtrade.core.language.kind_needed`)."""
    gist: bool = False
    """The question asks what the article says as a whole ('what is the story about',
    'summarise the article', 'what is the main point of the report'): it is answered
    by the lead, the records of each source's first paragraph (:func:`asks_the_gist`)."""
    extreme: str | None = None
    """'max' or 'min' for a question asking which grew the most or the least ('which
    trade grew **fastest**', 'the **smallest** increase'): its answers are sorted by their
    percentage changes (:func:`extreme_change`)."""

    @property
    def several(self) -> bool:
        """Whether more than one word is required: a sentence, not a keyword search
        ('asean'), which asks for its word itself and reads no English (start-up)."""
        return sum(1 for g in self.groups if g.required) > 1


SAID_CUE = "(said)"
WHEN_CUE = "(when)"
"""The group of a question asking when: every answer says when (term
:data:`brtrade.core.terms.TIMED`)."""
"""The group of a question asking what someone said: points for someone's words."""


def _word_group(word: str, required: bool, via: str = "word") -> Group:
    s = stem(word)
    if word in CURRENCY_WORDS:
        # 'in renminbi' is the article's 'yuan': every name of the currency matches
        unit = CURRENCY_WORDS[word]
        names = dict.fromkeys(stem(w) for w, u in CURRENCY_WORDS.items() if u == unit)
        return Group(word, (s, *(n for n in names if n != s)), required=required, via=via)
    if word in SMALL_NUMBERS and word not in ("zero", "one"):
        # 'eleven new routes' are the article's '11 new routes' ('one' is also a pronoun)
        return Group(word, (s, str(SMALL_NUMBERS[word])), required=required, via=via)
    if len(word) < MIN_PREFIX or not word.isalpha() or word in COLLIDING:
        return Group(word, (s,), required=required, via=via)  # a colliding word: whole
    # Stems one or two letters shorter ('diversifi' -> 'diversif'), never under six letters:
    # Snowball stems related words differently ('diversified', 'diversification').
    near = tuple(s[:k] for k in range(len(s) - 1, max(MIN_NEAR - 1, len(s) - 3), -1))
    # A stem shorter than a prefix may be ('trying' -> 'tri') is a whole stem only: as a
    # prefix it would match 'trillion'.
    prefix = s if len(s) >= MIN_PREFIX and word not in TITLES else None
    # (a title is no prefix of a body: a 'minister' is not a 'ministry')
    return Group(word, (s,), near, prefix, required, via)


def _compound_ends(
    folded: Sequence[str], parts_of: Sequence[tuple[str, ...]]
) -> dict[int, tuple[tuple[str, ...], str]]:
    """Where each compound's parts stand among the query's words: every part's position
    -> (its parts, the joined form, given on the compound's longest part only)."""
    out: dict[int, tuple[tuple[str, ...], str]] = {}
    at = 0
    for parts in parts_of:
        n = len(parts)
        for i in range(at, len(folded) - n + 1):
            if tuple(folded[i : i + n]) == parts:
                longest = max(range(n), key=lambda k: len(parts[k]))
                for k in range(n):
                    out[i + k] = (parts, "".join(parts) if k == longest else "")
                at = i + n
                break
    return out


SCALE_ABBREVIATIONS = {"bn": "billion", "tn": "trillion", "trn": "trillion", "mn": "million"}
"""A scale's abbreviation written alone, the scale ('how many **bn** dollars', 'in **tn**
yuan'); with a number ('730bn') the figure parser reads it."""


def plan_query(
    text: str, vocabulary: Vocabulary, *, all_words: bool = False, question: bool = False
) -> Plan:
    """The groups of a query: numbers with their units, vocabulary phrases, words; and,
    for a ``question``, the kind of figure it asks for (:func:`asked_kind`)."""
    groups: list[Group] = []
    rest: list[str] = []
    pos = 0
    share_of = False  # '30 percent **of** China's trade': a share, whatever else it says
    for m in find_mentions(text):
        if m.unit is None and m.scale == 1:
            continue  # a bare number ('2020', '11') is a word like any other
        share_of = share_of or (m.unit == "percent" and text[m.end : m.end + 4].lower() == " of ")
        rest.append(text[pos : m.start])
        pos = m.end
        # The number itself matches whole; its words ('730', 'billion') only partly, so
        # that a record which merely holds them ranks below one stating the figure.
        parts = tuple(dict.fromkeys(stem(w) for w in words(m.text)))
        groups.append(Group(m.text.lower(), (number_token(m.value),), parts, via="number"))
    rest.append(text[pos:])
    folded = [SCALE_ABBREVIATIONS.get(w, w) for chunk in rest for w in words(chunk)]
    seq = [stem(w) for w in folded]
    joined = _compound_ends(folded, [p for chunk in rest for p in compounds(chunk)])
    capitals = _capitals(text)
    ranks = ranked(folded)
    i = 0
    while i < len(folded):
        hit = vocabulary.find(seq, i)
        if hit is not None and not (hit[0] == 1 and is_stop(folded[i])):
            n, entry = hit
            phrase = " ".join(folded[i : i + n])
            exact = (f"v:{entry}", *(dict.fromkeys(seq[i : i + n]) if n == 1 else ()))
            groups.append(Group(phrase, tuple(exact), via="vocabulary"))
            i += n
            continue
        word = folded[i]
        group = _word_group(word, all_words or not is_stop(word) or word in capitals)
        if (money := national_currency(folded, i)) is not None:  # 'in **US money**'
            group = _word_group(money, group.required)._replace(word=word)
        if word == "one" and folded[i + 1 : i + 2] in (["percent"], ["per"], ["pc"]):
            group = Group(word, (stem(word), "1"), required=group.required)  # 'one percent'
        if word in CURRENCY_QUALIFIERS and not (question and word in capitals):
            # a record's 'US dollars' holds 'q:us': the word, not 'trade with the **US**'
            group = group._replace(exact=(*group.exact, QUALIFIER + stem(word)))
        if question and not all_words and word in OPINIONS and speaks(folded, i):
            group = group._replace(required=False)  # 'Zhou Mi's **view**': how it asks
        if question and not all_words and _names_the_source(folded, i):
            group = group._replace(required=False)  # 'in the story': where, not what
        if word in CURRENCY_QUALIFIERS and folded[i + 1 : i + 2] in CURRENCY_NOUNS:
            group = group._replace(required=False)  # 'American dollars': the currency
        if _compared_year(folded, i):  # 'grew compared with 2019': a change from it
            group = group._replace(exact=(*group.exact, SINCE + word))
        if i in joined:  # a compound's parts each match, and so does its joined form
            parts, whole = joined[i]
            if len(word) == 1:  # 'e' of 'e-bike': a letter, not a thing asked for
                group = group._replace(required=False)
            if whole:
                group = group._replace(exact=(*group.exact, stem(whole)))
        if i in ranks:  # 'the **second** largest': held as said, never widened
            group = Group(word, (stem(ranks[i]),), via="rank")
        elif question and not all_words and word == "most" and _an_extreme(folded, i):
            # 'which country traded **the most**', 'China's **most** important partner':
            # an answer says something is first ('largest', 'most', 'top')
            group = Group(
                word, tuple(sorted({stem(w) for w in EXTREMES})), (), None, False, "extreme"
            )
        elif question and not all_words and word in _RANK_NOUNS:
            # 'what was ASEAN's **rank** among China's partners': a record says it by its
            # superlative ('China's largest trading partner')
            group = group._replace(exact=(*group.exact, *sorted({stem(w) for w in EXTREMES})))
        groups.append(group)
        i += 1
    # keywords ('1 percentage') only rank by the kind asked: a sentence may need it
    phrased = any(not g.required for g in groups)
    if question and not all_words and _PART_OF_A_YEAR.intersection(folded):
        part = _part_of_a_year(text)
        if part is not None:  # 'in the first half of 2020': asked for itself
            groups.append(Group(part, (part.replace("-", "").lower(),), via="period"))
            # 'from **July to December** 2020': the months are the period's words
            groups = [
                g._replace(required=False) if g.via == "word" and g.word in MONTH_WORDS else g
                for g in groups
            ]
    roles = plays_a_role(folded) if question and not all_words else frozenset[int]()
    if roles:  # 'what role does the initiative play': how much it matters, not a part
        played = {folded[k] for k in roles}
        groups = [
            g._replace(required=False)
            if g.word in played and g.via in ("word", "vocabulary")
            else g
            for g in groups
        ]
        groups.append(Group("(role)", tuple(stem(w) for w in SIGNIFICANCE), (), None, False, "cue"))
        seq = [s for k, s in enumerate(seq) if k not in roles]
    kind = asked_kind(seq) if question and len(folded) > 1 and not all_words else None
    if share_of and question and not all_words:
        kind = "share"
    extreme = extreme_change(folded) if question and not all_words else None
    if extreme is not None:  # 'which trade grew the fastest': a sort, not a word to hold
        kind = kind or "change"
        groups = [
            g._replace(exact=(stem(g.word),), required=False, via="word")
            if g.word in _EXTREME_WORDS or g.via == "extreme"
            else g
            for g in groups
        ]
    if kind is not None:
        # The words that say the kind ('share', 'size', 'grow') are the question's form,
        # like 'how'; a group for the kind ranks a record with such a figure first.
        cues = kind_cues(kind) | (REACHED if kind == "amount" else frozenset())
        cues |= form_words(seq) if kind == "change" else frozenset()
        cues |= HOW_IT_DID if kind == "change" and asks_how_it_did(seq) else frozenset()
        groups = [g._replace(required=False) if _says_kind(g, cues) else g for g in groups]
        if kind == "figure":  # 'the **key** figures', 'the **headline** number': form too
            said = {
                a
                for a, b in zip(folded, folded[1:], strict=False)
                if a in FIGURE_MODIFIERS and stem(b) in cues
            }
            groups = [g._replace(required=False) if g.word in said else g for g in groups]
    if question and not all_words and folded and folded[0] in IMPERATIVES:
        # '**name** the countries the routes serve': how it asks
        groups = [g._replace(required=False) if g.word == folded[0] else g for g in groups]
    if question and not all_words:
        # 'what did the strategy **lead to**': how it asks for a result
        results = form_words(seq, RESULT_FORMS)
        groups = [
            g._replace(required=False)
            if g.via in ("word", "vocabulary") and " " not in g.word and stem(g.word) in results
            else g
            for g in groups
        ]
    if question and not all_words:
        # 'trade **hit** 1.45 trillion dollars', 'exports **reached** 9.37 trillion': a sum's
        # verb before its figure says how the figure is given, not what to find
        before = {m.group(1).lower() for m in _before_a_figure().finditer(text)}
        sums = {w for w in before if stem(w) in REACHED}
        # 'verify that ...', 'check whether ...': how the question asks, not what
        if len(folded) > 2 and folded[0] in CHECKING and folded[1] in ("that", "whether", "if"):
            sums.add(folded[0])
        groups = [
            g._replace(required=False) if g.via in ("word", "vocabulary") and g.word in sums else g
            for g in groups
        ]
    # 'what are the key figures in the report': only figures asked for (not 'value
    # value', whose records hold the word: they answer it)
    # ... and 'which rose the most': the records with a change, sorted
    asks_only = (kind == "figure" or extreme is not None) and bool(groups)
    asks_only = asks_only and not any(g.required for g in groups)
    if groups and not any(g.required for g in groups) and not asks_only:
        groups = [g._replace(required=True) for g in groups]  # only stop words: need them all
    if kind is not None:
        groups.append(Group(f"({kind})", (f"k:{kind}",), required=asks_only, via="kind"))
    if question and not all_words and asks_when(seq):
        # 'when did X happen': only a record that says when (it never adds points); 'when
        # will X happen': one that says when of what will or can
        timed = AHEAD if asks_ahead(seq) else TIMED
        groups.append(Group(WHEN_CUE, (timed,), required=False, via="cue"))
    if question and not all_words and len(folded) > 1:
        if asks_why(seq):
            form = why_form(seq)  # 'what **drove**', 'what **led to**': how it asks
            groups = [
                g._replace(required=False)
                if g.via in ("word", "vocabulary") and " " not in g.word and stem(g.word) in form
                else g
                for g in groups
            ]
            groups.append(Group("(reason)", (SAID,), required=False, via="cue"))
        elif any(speaks(folded, k) for k in range(len(folded))):
            # 'what did the company say about exports', 'Zhou Mi's assessment': its words;
            # 'what did the company **spokesman** say': a word for whoever spoke, not
            # what a record must hold (the editors' *expert* is the base's own)
            groups = [
                g._replace(required=False) if g.via == "word" and g.word in PERSON_NOUNS else g
                for g in groups
            ]
            groups.append(Group(SAID_CUE, (SAID,), required=False, via="cue"))
    # only a question needs a figure of the kind: keywords ('percent of') are a search
    # for their words, which a record's own words always answer
    asking = any(w in QUESTION_WORDS for w in folded)
    needed = kind is not None and phrased and asking and kind_needed(seq, kind)
    gist = question and not all_words and asks_the_gist(folded)
    return Plan(tuple(groups), all_words=all_words, kind_needed=needed, gist=gist, extreme=extreme)


_GIST = frozenset(
    """about summary summarise summarize summarised summarized sum gist point points
    takeaway takeaways message overview theme themes subject focus main key central chief
    overall big general principal primary say says said tell tells report reports cover
    covers up give me us""".split()
)
"""Words by which a question asks what the article says as a whole, with its words for
the article itself (:data:`brtrade.core.language.SOURCE_NOUNS`)."""
_GIST_ASKING = frozenset(
    "about summary summarise summarize sum gist point points takeaway takeaways overview".split()
)


def asks_the_gist(folded: Sequence[str]) -> bool:
    """Whether a question asks what the article says as a whole: every word of it is a
    stop word, a word for the article ('story', 'report') or for its gist ('main point',
    'summary', 'about'), and it names the article or asks for a summary ('what is the
    story about', 'summarise the article', 'what does the report say'; not 'what does
    the article say about ASEAN', which asks about ASEAN, nor 'what is it about')."""
    if not SOURCE_NOUNS.intersection(folded) and not (_GIST_ASKING - {"about"}).intersection(
        folded
    ):
        return False  # neither the article named nor a summary asked for: 'what is it about'
    return all(w in _GIST or w in SOURCE_NOUNS or is_stop(w) for w in folded)


_GREATEST = frozenset(
    "fastest quickest biggest largest greatest highest strongest sharpest steepest".split()
)
_LEAST = frozenset("slowest smallest lowest weakest".split())
_EXTREME_WORDS = _GREATEST | _LEAST | {"most", "least"}
CHANGES = frozenset(
    """grow grew grown growing grows growth rise rose risen rising rises increase increased
    increases increasing gain gained gains expand expanded expands expanding expansion
    jump jumped jumps climb climbed climbs surge surged surges""".split()
)
"""Words by which a question asks how much something grew."""


def extreme_change(folded: Sequence[str]) -> str | None:
    """'max' when a question asks what grew the most ('which trade grew **fastest**',
    'the **biggest** increase', 'the **fastest**-growing', 'grew **the most**'), 'min'
    when the least ('the **slowest** growth', 'rose **the least**'); else None. Not 'at
    most', 'at least' (bounds), nor a superlative without growth ('the largest
    partner', which a record says)."""
    if not CHANGES.intersection(folded):
        return None
    for k, w in enumerate(folded):
        bound = folded[k - 1 : k] == ["at"]  # 'at most', 'at least'
        if w in _GREATEST or (w == "most" and not bound and _an_extreme(folded, k)):
            return "max"
        if w in _LEAST or (w == "least" and not bound and _an_extreme(folded, k)):
            return "min"
    return None


MONTH_WORDS = frozenset(MONTHS) - {"may"}
"""Names of months ('may' is also a verb: not here)."""
_PART_OF_A_YEAR = frozenset({"half", "quarter", "months", "h1", "h2"}) | MONTH_WORDS


@lru_cache(maxsize=1)
def _before_a_figure() -> re.Pattern[str]:
    """The word before a figure: 'trade **hit** 1.45 trillion dollars' (compiled when
    first needed: not at start-up)."""
    return re.compile(r"\b([A-Za-z]+)\s+(?:about\s+|nearly\s+|almost\s+|some\s+)?[$€£¥]?\d")


CHECKING = frozenset("verify check confirm establish see".split())
"""Imperatives a fact-checker opens with ('**verify** that trade hit ...')."""
REACHED = frozenset(
    stem(w)
    for w in """reach reached reaches reaching hit hits top topped tops stand stood stands
    come came comes""".split()
)
"""Verbs of a sum in a question asking for an amount: how it asks ('how much did
ASEAN trade **reach**', 'what did it **come** to'), never a word an answer must hold."""


_RANK_NOUNS = frozenset({"rank", "ranking", "rankings", "ranked", "standing", "status"})
"""Words for a place in an order, which a record says with its superlative."""


def _an_extreme(folded: Sequence[str], i: int) -> bool:
    """Whether the 'most' at ``i`` says something is first: 'traded **the most**',
    'China's **most** important partner', 'grew **most** in 2020'; not 'most of the
    trade' nor 'most international routes' (a greater part)."""
    after = folded[i + 1 : i + 2]
    if after == ["of"] or i == 0:
        return False  # 'most of the trade'; a query of 'most ...' is a keyword search
    return folded[i - 1 : i] in (["the"], ["s"]) or not after or is_stop(after[0])


def _capitals(text: str) -> frozenset[str]:
    """The (folded) words a query writes in capitals, a name even where the word is also
    a stop word ('trade with the **US**'); none in a query written all in capitals."""
    if text.upper() == text:
        return frozenset()
    return frozenset(w.lower() for w in re.findall(r"\b[A-Z]{2,}\b", text))


def _part_of_a_year(text: str) -> str | None:
    """The half or quarter of a year a question names ('the first half of 2020':
    2020-H1), as a record's period term is written (``2020h1``); None for none, or for
    one without its year (then its words are matched as they are)."""
    from brtrade.core.periods import canonical, period_of  # only for such a question

    found = period_of(text, None)
    found = canonical(found) if found is not None else None  # 'the first six months'
    return found if found is not None and ("-H" in found or "-Q" in found) else None


def _compared_year(folded: Sequence[str], i: int) -> bool:
    """Whether ``folded[i]`` is a year a question compares with ('up **from** 2019',
    'compared **with** 2019', 'than in 2019'), not one it is about ('grew **in** 2019')."""
    word = folded[i]
    if not (len(word) == 4 and word.isdigit() and word[:2] in ("19", "20")):
        return False
    from brtrade.core.periods import measured_against  # only for a year: start-up

    return measured_against(folded[max(0, i - 4) : i])


def _names_the_source(folded: Sequence[str], i: int) -> bool:
    """Whether ``folded[i]`` names the article itself ('quoted **in the story**')."""
    if not (folded[i] in SOURCE_NOUNS and i > 0):
        return False
    if folded[i - 1] in ("which", "what"):  # '**which paragraph** mentions Indonesia'
        return folded[i] in PASSAGES  # (not 'which **news** agency reported it')
    return folded[i - 1] in SOURCE_DETERMINERS


def _says_kind(group: Group, cues: frozenset[str]) -> bool:
    """Whether a group is one of the words that say the kind asked for: a word ('share',
    'grow'), a one-word vocabulary entry ('proportion', an editors' word for a percent) or
    a phrase of the vocabulary all of whose words say it ('**went down**')."""
    if group.via == "word":
        return group.exact[0] in cues
    if group.via == "vocabulary" and " " in group.word:  # 'went down': a verb of two words
        return all(stem(w) in cues for w in group.word.split())
    return group.via == "vocabulary" and len(group.exact) == 2 and group.exact[1] in cues


def informative(plan: Plan, dfs: Sequence[int], n_docs: int) -> tuple[Plan, list[int]]:
    """The groups that tell records apart: not stop or question words, and not held by
    more than one record in twenty (or nine, in a small base): 'china' in a base about
    China's trade. ``verify`` looks
    for candidates with these alone (unless nothing else is left), which keeps a long
    draft fast on a large base; answers to questions weigh every group."""
    keep = [
        i
        for i, (g, df) in enumerate(zip(plan.groups, dfs, strict=True))
        if g.required and df <= max(n_docs // 20, 9)
    ]
    if not keep:
        return plan, list(dfs)
    return plan._replace(groups=tuple(plan.groups[i] for i in keep)), [dfs[i] for i in keep]


def idf(n_docs: int, df: int) -> int:
    """A group's weight: BM25's inverse document frequency, times 100, rounded."""
    return round(100 * math.log(1 + (n_docs - df + 0.5) / (df + 0.5)))


class Weighed(NamedTuple):
    """A plan with each group's weight and document frequency in one base."""

    plan: Plan
    weights: tuple[int, ...]
    dfs: tuple[int, ...]
    floor: bool = True
    """Without the floor, every record matching anything is a candidate (``verify``)."""
    itself: frozenset[int] = frozenset()
    """The required groups a question asks for themselves (names, numbers, what it
    counts): a record under the kind floor must match every one."""
    counted: frozenset[int] = frozenset()
    """What a question counts ('how many **containers**'): every answer matches it."""
    subject: frozenset[int] = frozenset()
    """What a question asking how far something changed says changed ('how fast did
    China's **economy** grow', 'the company's **export sales**'): every answer matches
    one of these words (:func:`brtrade.core.asking.changed`)."""
    names: frozenset[int] = frozenset()
    """The names a question writes ('exports to **Brazil**', 'what did the **WTO** say'):
    every answer says each in a field of its own, not only as an editors' topic or as the
    field a body studies."""
    about: frozenset[int] = frozenset()
    """Groups every answer matches, by any relation: what a question asking what someone
    said spoke of ('say about **tariffs**': :func:`brtrade.core.asking.spoken_about`),
    and, when it names who spoke, its ``(said)`` group (someone's words:
    :func:`brtrade.core.asking.said_by_someone`)."""
    event: frozenset[int] = frozenset()
    """What a question asking when something happened says happened ('when did it
    **begin**'): every answer says it, in its own words or closely related ones
    (:func:`brtrade.core.asking.event_of`)."""
    title: frozenset[int] = frozenset()
    """The title a question asks the holder of ('who is the **chairman**'): no answer
    holds it only as the title of someone it serves (:data:`brtrade.core.terms.SERVED`)."""
    unsaid: frozenset[int] = frozenset({TOPIC})
    """Field codes in which a record holds a word without saying it (see ``names``): an
    editors' topic, and for a question not asking for an expert, a field a body studies."""
    owned: tuple[int, int] | None = None
    """(possessor, thing) of a question asking for something someone has ('Li
    Xiangrong's **age**'): a record in the possessor's words answers only if it says the
    thing by itself, not through a related word (:func:`brtrade.core.asking.possessed`)."""
    one_way: str = ""
    """For a query about exports alone or imports alone, what becomes of a record whose
    exports and imports are only ever both together (:data:`brtrade.core.terms.BOTH_WAYS`):
    ``"no"`` for a question ('how much did China's exports grow': it answers it not),
    ``"after"`` for keywords ('secretary board chairman export value': it comes after
    the records of exports, a record's own words still find it); else ``""``."""
    scope: frozenset[int] = frozenset()
    """The names of the base a question writes ('**Belt and Road** trade', '**ASEAN**'):
    among the answers, one matching more of them ranks first, whatever its score
    (:func:`brtrade.core.paraphrase.scope`)."""
    total: bool = False
    """The question asks for a whole flow and names no partner ('what was China's
    **total** trade', 'how much did its **overall** exports grow'): only a record with a
    figure of a flow not scoped to a partner answers (:func:`brtrade.core.engine.search`)."""
    reporters: frozenset[int] = frozenset()
    """The reporter's own words ('on steep **terrain**'), which a second look leaves out
    (:func:`brtrade.core.paraphrase.reporters_words`, :func:`brtrade.core.engine.search`)."""

    @property
    def required(self) -> int:
        """What the required groups weigh together (times 100): a full cover."""
        if self.plan.all_words:
            return 100 * sum(self.weights)
        return 100 * sum(
            w for w, g in zip(self.weights, self.plan.groups, strict=True) if g.required
        )

    @property
    def need(self) -> int:
        """The weight a record must match to be an answer (times 100)."""
        if not self.floor:
            return 0
        if self.plan.all_words:
            return self.required
        return FLOOR_PERCENT * self.required // 100

    @property
    def kind_need(self) -> int:
        """The lower floor (times 100) for a record holding a figure of the kind asked
        for: :data:`KIND_FLOOR_PERCENT` of the required weight, never above :attr:`need`."""
        return min(self.need, max(1, KIND_FLOOR_PERCENT * self.required // 100))

    def cover_weight(self, i: int) -> int:
        """What matching group ``i`` adds toward :attr:`need` (times 100)."""
        g = self.plan.groups[i]
        return 100 * self.weights[i] if (g.required or self.plan.all_words) else 0

    @property
    def unmatched(self) -> list[str]:
        """Words of the query that no record holds (though a related word may), once each."""
        return list(
            dict.fromkeys(
                g.word
                for g, df in zip(self.plan.groups, self.dfs, strict=True)
                if g.required and (not df or (g.via == "related" and not g.held))
            )
        )


def direct_only(weighed: Weighed) -> Weighed:
    """The same weights without related words: the closest records a question is told
    of, when nothing answers, hold some of its own words ('volcano' is not close to a
    record about mountain roads)."""
    groups = tuple(g._replace(related=(), loose=()) for g in weighed.plan.groups)
    return weighed._replace(plan=weighed.plan._replace(groups=groups))


def correct_spelling(
    plan: Plan, dfs: Sequence[int], lexicon: Callable[[], Sequence[str]], vocabulary: Vocabulary
) -> Plan:
    """Each required word that no record holds, replaced by a word of the base one or two
    edits away ('xinquna' -> 'xinquan'), when there is exactly one best such word."""
    from brtrade.core import english

    groups = list(plan.groups)
    fixes: list[tuple[str, str]] = []
    words_of_base: Sequence[str] | None = None
    joined = _rejoined(plan, dfs, lexicon)
    for i, whole in joined.items():
        groups[i] = _word_group(whole, True, "spelling")
        groups[i + 1] = groups[i + 1]._replace(required=False)
        fixes.append((f"{plan.groups[i].word} {plan.groups[i + 1].word}", whole))
    for i, (g, df) in enumerate(zip(plan.groups, dfs, strict=True)):
        if i in joined or i - 1 in joined:
            continue
        if df or not g.required or g.via != "word" or not g.word.isalpha():
            continue
        if i == 0 and (asker := [q for q in ASKERS if _less_one(q, g.word)]):
            groups[i] = g._replace(required=False)  # '**wat** did Zhou Mi say', '**hw** much'
            if len(asker) == 1:
                fixes.append((g.word, asker[0]))
            continue
        if len(g.word) < 3:
            continue
        if english.lookup(g.exact[0]) is not None:
            continue  # a word of English ('create'), not a misspelt word of the base
        if len(g.word) <= 5:
            slips = {
                g.word[:k] + g.word[k + 1] + g.word[k] + g.word[k + 2 :]
                for k in range(len(g.word) - 1)
            }
            stops = sorted(w for w in slips if is_stop(w))
            if stops:  # 'waht', 'teh', 'hwo' (how or who), 'wat': a word of the question's form
                groups[i] = g._replace(required=False)
                if len(stops) == 1:
                    fixes.append((g.word, stops[0]))
                continue
        if len(g.word) < 4:
            continue
        if words_of_base is None:
            words_of_base = lexicon()
        if len(g.word) == 4:  # 'raod': two neighbours swapped, the one slip so short a word
            swapped = {g.word[:k] + g.word[k + 1] + g.word[k] + g.word[k + 2 :] for k in range(3)}
            found = sorted(swapped & set(words_of_base))
            best = found[0] if len(found) == 1 else None
        else:
            best = closest(g.word, words_of_base)
        if best is not None:
            seq = [stem(best)]
            hit = vocabulary.find(seq, 0)
            groups[i] = (
                Group(best, (f"v:{hit[1]}", seq[0]), via="spelling")
                if hit is not None
                else _word_group(best, True, "spelling")
            )
            fixes.append((g.word, best))
    return plan._replace(groups=tuple(groups), corrections=tuple(fixes))


def _rejoined(
    plan: Plan, dfs: Sequence[int], lexicon: Callable[[], Sequence[str]]
) -> dict[int, str]:
    """Two neighbouring words, one held by no record, that are one word of the base
    written apart ('Tu Xin Quan', 'Li Xiang Rong': a Chinese given name in its
    syllables), by the position of the first."""
    out: dict[int, str] = {}
    groups = plan.groups
    held: set[str] | None = None
    for i in range(len(groups) - 1):
        a, b = groups[i], groups[i + 1]
        if (dfs[i] and dfs[i + 1]) or i - 1 in out:
            continue
        if not all(g.required and g.via == "word" and g.word.isalpha() for g in (a, b)):
            continue
        if held is None:
            held = set(lexicon())
        if a.word + b.word in held:
            out[i] = a.word + b.word
    return out


ASKERS = ("what", "which", "when", "where", "why", "how", "who")
"""The words a question opens with: its first word one of them with a letter dropped
('**wat** did Zhou Mi say', '**hw** much') is that word, though English may know it (a
*wat* is a temple)."""


def _less_one(word: str, short: str) -> bool:
    """Whether ``short`` is ``word`` with one letter dropped."""
    return len(word) == len(short) + 1 and any(
        word[:k] + word[k + 1 :] == short for k in range(len(word))
    )


def closest(word: str, candidates: Sequence[str]) -> str | None:
    """The one candidate nearest to ``word`` within its edit budget (1 edit for words of
    5 to 7 letters, 2 from 8; shorter words are too often other real words), counting a
    swap of two neighbours as one edit."""
    budget = 1 if len(word) < 8 else 2
    best: list[str] = []
    best_d = budget + 1
    for cand in candidates:
        if abs(len(cand) - len(word)) > budget or cand == word:
            continue
        d = edit_distance(word, cand, best_d)
        if d < best_d:
            best, best_d = [cand], d
        elif d == best_d:
            best.append(cand)
    return best[0] if len(best) == 1 else None


def edit_distance(a: str, b: str, cap: int) -> int:
    """Damerau-Levenshtein distance (optimal string alignment); ``cap + 1`` as soon as
    it is sure to exceed ``cap``."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > cap:
            return cap + 1
        prev2, prev = prev, cur
    return prev[-1]


# --------------------------------------------------------------------------
# Scoring one record (memory) and explaining a match
