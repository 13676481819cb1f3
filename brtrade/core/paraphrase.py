"""Words the base does not hold: how a question's words are weighed and widened by
general English (:mod:`brtrade.core.english`), for both engines alike.

- A required word no record holds is **widened** to the words English relates to it
  that some record holds (:func:`paraphrase`); they match partly and cover less.
- It **weighs** by how informative it is in English, against what the question's
  other words weigh (:func:`weight`); a name weighs in full (:func:`typed_names`),
  and so does what a question counts (:func:`brtrade.core.asking.counted`).

docs/matching.md, "Words the base does not hold", says the rules in prose.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from brtrade.core.language import is_stop, past_form
from brtrade.core.match import Group, Plan, idf
from brtrade.core.numbers import SMALL_NUMBERS
from brtrade.core.stems import stem
from brtrade.core.terms import MEMBER
from brtrade.core.text import words

if TYPE_CHECKING:
    from brtrade.core.model import FactBase


def typed_names(text: str) -> frozenset[str]:
    """The (folded) words a question writes as names: capitalised after its first word,
    or in capitals ('trade with Brazil', 'the WTO')."""
    found = re.findall(r"[^\W\d_]+", text)
    return frozenset(
        w.lower()
        for i, w in enumerate(found)
        if (i and w[:1].isupper()) or (len(w) > 1 and w.isupper())
    )


STUDY = frozenset(
    stem(w)
    for w in """expert specialist scholar researcher analyst academic economist professor
    dean institute studies research""".split()
)
"""Words of people and bodies who study a field: 'the **WTO expert**' asks for someone who
studies the WTO, as a dean of the China Institute for WTO Studies does."""


def asks_for_study(words_of: Sequence[str]) -> bool:
    """Whether a question asks for someone who studies what it names (:data:`STUDY`)."""
    return any(stem(w) in STUDY for w in words_of)


RARE_IN_BASE = 8
"""A word the base holds in at most one record in this many ('nations', there only in
ASEAN's name) is widened too, when it is a common noun of English: a reporter's 'belt
and road nations' are the article's 'countries'."""


def paraphrase(
    plan: Plan,
    dfs: Sequence[int],
    df_of: Callable[[Group], int],
    names: frozenset[str] = frozenset(),
    counted: Collection[int] = (),
    n_docs: int = 0,
    in_names: Collection[str] = (),
    loose: bool = True,
    lexicon: Callable[[], Sequence[str]] | None = None,
    labels: Collection[int] = (),
) -> tuple[Plan, list[int]]:
    """Each required word that no record holds, or that few do and English uses
    commonly (:data:`RARE_IN_BASE`; but for names and the groups at ``counted``, which
    are asked for themselves), widened to the words general English
    relates to it (:mod:`brtrade.core.english`: 'overseas' to 'abroad' and 'export',
    'nations' to 'country') that some record holds. They match it partly, as a
    shortened stem does, so a record in the article's own words still ranks first.
    Without ``loose``, only the close relations (``verify``: a draft's sentence names
    what it is about; a loose relation would make it about more). The groups at
    ``labels`` are held only in topics' labels, so as if by no record."""
    groups = list(plan.groups)
    out = list(dfs)
    for i in one_member_asked(plan, in_names) if loose else ():  # a question's
        member = groups[i]._replace(exact=tuple(MEMBER + t for t in groups[i].exact))
        member = member._replace(near=(), prefix=None)
        held = df_of(member)
        if held:  # a bloc with members the base names ('the belt and road' has none)
            groups[i], out[i] = member, held
    for i in members_of_a_name(plan, in_names):
        groups[i] = groups[i]._replace(required=False)  # 'Belt and Road **economies**'
        if groups[i].word in names:
            continue  # a name's own word ('Southeast Asian **Nations**'), not its members
        name = groups[i - 1]  # 'ASEAN countries' are ASEAN's, and its members'
        groups[i - 1] = name._replace(exact=(*name.exact, *(MEMBER + t for t in name.exact)))
        out[i - 1] = df_of(groups[i - 1])
    # A keyword search ('asean') asks for the word itself: a known word is widened only
    # in a question of several words (and then the table is read, not before).
    several = plan.several
    whole = compounds_not_held(plan, dfs)
    for i, (g, df) in enumerate(zip(list(groups), dfs, strict=True)):  # members, not required
        if not g.required or g.via != "word" or not g.word.isalpha() or i in whole:
            continue
        held = bool(df)
        if i in labels:
            df = 0  # 'policy', only an editors' label's
        if g.word in SMALL_NUMBERS:
            continue  # 'one', 'eleven': a number, never 'ace' or 'single'
        place = demonym_of(g.word, in_names)
        if place is not None and place not in g.exact:
            groups[i] = g = g._replace(exact=(*g.exact, place))
            out[i] = df = df_of(g)
            continue  # 'Chinese' is China's: asked for as the name it comes from
        if not df and g.word.isalpha():
            seat = seat_of(g.exact[0], in_names)
            if seat is not None:
                groups[i] = g = g._replace(exact=(*g.exact, seat))
                out[i] = df_of(g)
                continue  # 'Beijing' is China's government: asked for as China
        named = g.exact[0] in in_names
        if g.word in names or (i in counted and not (named and df)):
            # a name ('Brazil'), or what is counted: not asked for by relations, unless
            # the base holds it in a name ('how much **commerce**': the Ministry of
            # Commerce's word, a reporter's for the article's trade)
            continue
        if df and (not several or (RARE_IN_BASE * df > n_docs and not named)):
            continue  # a word of the base's own: asked for as it is (no table read)
        from brtrade.core import english

        if df and not english.common_noun(g.exact[0]):
            continue
        if not english.widens(g.exact[0]):
            continue
        close, far = english.related(g.exact[0])
        if not loose or (df and not named):  # held by a few records: close relations only
            far = ()
        wider = g._replace(related=close, loose=far, via="related", held=held)
        found = df_of(wider)
        if not found and loose and not df and lexicon is not None:
            back = relating(g.exact[0], lexicon)  # 'riders' of a base that says 'pedal'
            if back:
                wider = g._replace(related=back, loose=(), via="related")
                found = df_of(wider)
        if found:
            groups[i], out[i] = wider, found
    return plan._replace(groups=tuple(groups)), out


def reporters_words(
    plan: Plan, dfs: Sequence[int], weights: Sequence[int], in_full: Collection[int]
) -> frozenset[int]:
    """The required groups of a question that are a reporter's words of general English:
    a plain word (or one matched only through related words no record holds) that
    WordNet knows other than as a name, that no record holds, and that the question does
    not ask for in full (``in_full``: its names, what it counts, asks for or says
    changed). See :attr:`brtrade.core.match.Weighed.reporters`."""
    out: set[int] = set()
    for i, (g, df) in enumerate(zip(plan.groups, dfs, strict=True)):
        if not g.required or not weights[i] or i in in_full or not g.word.isalpha():
            continue
        if not (g.via == "word" and not df) and not (g.via == "related" and not g.held):
            continue
        from brtrade.core import english  # only for a word no record holds: start-up

        known = english.lookup(stem(g.word))
        if known is not None and not known.name:
            out.add(i)
    return frozenset(out)


def compounds_not_held(plan: Plan, dfs: Sequence[int]) -> set[int]:
    """The groups of two words that make one noun in English ('exchange rate', 'stock
    market', 'interest rate') whose first word no record holds: the base cannot say
    the thing, and its words are not widened one by one (an exchange rate is not a
    trade, nor a stock market a market; 'growth rate', whose 'growth' the base holds,
    is read word by word)."""
    out: set[int] = set()
    groups = plan.groups
    for i in range(len(groups) - 1):
        a, b = groups[i], groups[i + 1]
        if dfs[i] or not all(g.required and g.via == "word" and g.word.isalpha() for g in (a, b)):
            continue
        from brtrade.core import english  # only for a word no record holds: start-up

        if english.compound(a.exact[0], b.exact[0]):
            out.update((i, i + 1))
    return out


MEMBERS = frozenset(
    """countries economies nations states members partners markets regions
    governments destinations""".split()
)
"""Plural nouns for what a bloc or a region is made of: after its name ('Belt and Road
**economies**', 'ASEAN **members**', 'Southeast Asian **nations**') they are the name's,
not a word the answer must hold in its turn: the article's 'countries along the Belt &
Road' are a reporter's 'Belt and Road economies'."""


def members_of_a_name(plan: Plan, in_names: Collection[str]) -> list[int]:
    """The groups of :data:`MEMBERS` right after a name of the base (:func:`a_name`)."""
    out = []
    for i in range(1, len(plan.groups)):
        g, before = plan.groups[i], plan.groups[i - 1]
        if g.via != "word" or g.word not in MEMBERS or not g.required:
            continue
        if a_name(before, in_names) and before.word not in MEMBERS:
            out.append(i)
    return out


ONE_MEMBER = frozenset("country nation state member economy countries nations members".split())


def one_member_asked(plan: Plan, in_names: Collection[str]) -> list[int]:
    """The name of a bloc a question asks for one member of ('**which country in ASEAN**
    is China's biggest partner', 'which ASEAN member', 'what nation of the belt and
    road'): an answer names a member of it, not the bloc itself (its group then holds
    only the members' term, :data:`brtrade.core.terms.MEMBER`)."""
    k = next((i for i, g in enumerate(plan.groups) if g.via not in ("number", "period")), 0)
    groups = plan.groups[k:]  # the figures a question names come first in its plan
    if len(groups) < 3 or groups[0].word not in ("which", "what"):
        return []
    if groups[1].word in ONE_MEMBER and groups[2].word in ("in", "of", "within", "among"):
        at = 3 + (groups[3].word == "the" if len(groups) > 3 else 0)
        return [k + at] if at < len(groups) and a_name(groups[at], in_names) else []
    if a_name(groups[1], in_names) and groups[2].word in ONE_MEMBER:
        return [k + 1]
    return []


def a_name(group: Group, in_names: Collection[str]) -> bool:
    """Whether a group names something of the base: a phrase of the editors' vocabulary
    whose words are all the base's names' (:func:`name_words`), or one such word that
    English knows first as a name or not at all ('ASEAN', 'China')."""
    said = [stem(w) for w in words(group.word) if not is_stop(w)]
    # a name of several words, each in the base's names ('belt and road'; not the
    # editors' 'routes' or 'trading', words of names that are not names)
    if group.via == "vocabulary" and len(said) > 1 and all(w in in_names for w in said):
        return True
    if group.via == "vocabulary" and len(said) == 1 and " " not in group.word.strip():
        return said[0] in in_names and name_only(said[0])  # 'BRI', an editors' name for one
    if group.via == "word" and group.required and group.exact[:1]:
        return group.exact[0] in in_names and name_only(group.exact[0])
    return False


def scope(plan: Plan, in_names: Collection[str]) -> frozenset[int]:
    """The required groups naming something of the base (:func:`a_name`): where or whom
    a question is about ('how big was **belt and road** trade', 'ASEAN's share'). An
    answer naming each is a better one than an answer naming fewer: the total of Belt
    & Road trade answers the first before ASEAN's trade, however many of the
    question's other words ASEAN's record holds."""
    return frozenset(i for i, g in enumerate(plan.groups) if g.required and a_name(g, in_names))


def name_only(stem_: str) -> bool:
    """Whether general English knows a stem only or first as a name, or not at all
    ('asean', 'china'; not 'trade' of 'trade partners')."""
    from brtrade.core import english

    word = english.lookup(stem_)
    return word is None or word.mostly_name


DEMONYM_ENDINGS = ("ese", "ian", "ean", "an", "n", "i", "ish")
"""How English makes the word for a place's people and things from the place's name:
China -> Chinese, Indonesia -> Indonesian, Singapore -> Singaporean, Brazil ->
Brazilian, Oman -> Omani, Spain -> Spanish."""


COMBINING_FORMS = {"sino": "china"}
"""A country's combining form that no English ending makes from its name ('**Sino**-ASEAN
trade', 'Sino-belt and road commerce'): read as the name."""


def demonym_of(word: str, in_names: Collection[str]) -> str | None:
    """The stem of the base's name that ``word`` is made from as a place's adjective or
    people ('chinese' -> 'china', 'indonesian' -> 'indonesia'), if one is."""
    if word in COMBINING_FORMS and stem(COMBINING_FORMS[word]) in in_names:
        return stem(COMBINING_FORMS[word])  # 'Sino-ASEAN trade' is China's
    if len(word) < 6 or not in_names:
        return None
    for ending in DEMONYM_ENDINGS:
        if not word.endswith(ending):
            continue
        head = word[: -len(ending)]
        if len(head) < 4:
            continue
        for name in (head, head + "a", head + "e"):
            found = stem(name)
            if found in in_names and found != stem(word):
                return found
    return None


def seat_of(stem_: str, in_names: Collection[str]) -> str | None:
    """The stem of the base's name of the country whose capital ``stem_`` names
    ('beij' -> 'china'): a reporter's 'Beijing' is China's government (metonymy), and
    the base, which does not hold the capital, holds the country."""
    if not in_names:
        return None
    from brtrade.core import english

    return next((c for c in english.capital_of(stem_) if c in in_names), None)


def name_texts(base: FactBase) -> list[str]:
    """The base's names: its entities' names and aliases, its speakers' roles and
    organisations (what :func:`name_words` reads; the index keeps the same texts)."""
    texts = [t for e in base.entities for t in (e.name, *e.aliases)]
    return texts + [t for s in base.speakers for t in (s.role, s.organisation)]


def name_words(texts: Iterable[str]) -> frozenset[str]:
    """The stems of the words of a base's names (:func:`name_texts`: 'Ministry of
    Commerce', 'Association of Southeast Asian Nations'). A common noun among them
    ('commerce', 'nations') is also a reporter's word for what the article says in
    others ('trade', 'countries')."""
    return frozenset(stem(w) for t in texts for w in words(t) if w.isalpha())


def unknown_weight(
    n_docs: int, group: Group, known: int | None = None, names: frozenset[str] = frozenset()
) -> int:
    """The weight of a required word no record holds. A name or a word general English
    does not know weighs in full (the most a word can weigh: nothing holds it). A word
    of general English weighs its share (:func:`brtrade.core.english.share`) of what
    the question's words the base holds weigh on average (``known``), so that one
    common word ('job', 'popular', 'overseas') cannot outweigh the words that name
    what is asked about ('Zhou Mi', 'bicycle')."""
    from brtrade.core import english

    full = idf(n_docs, 0)
    if group.via == "number" or not group.word.isalpha() or group.word in names:
        return full  # a figure, a code, a phrase of the editors' vocabulary, or a name
    share = english.share(stem(group.word))
    if share >= 100:
        return full
    return min(full, (known if known is not None else full)) * share // 100


def weight(
    n_docs: int,
    group: Group,
    df: int,
    question: bool,
    known: int | None = None,
    names: frozenset[str] = frozenset(),
    phrased: bool = False,
) -> int:
    """A group's weight: its idf; in a question, a word no record holds weighs as
    :func:`unknown_weight` says, and a word matched only through related words no more
    than that (it is not sure to be what was asked). A verb, adjective or adverb of
    general English that records hold weighs, in a question ``phrased`` as a sentence
    (not keywords, each chosen), its English share of its idf
    (:func:`brtrade.core.english.share`): 'make' is in one record of the base, which
    alone would make it weigh as much as 'Yantian'; it says how a thing is asked."""
    if phrased and df and group.via == "word" and group.word.isalpha() and group.word not in names:
        from brtrade.core import english

        word = english.lookup(stem(group.word))
        if word is not None and not word.name and (not word.noun or past_form(group.word)):
            return idf(n_docs, df) * english.share(stem(group.word)) // 100
    if not question or not (df == 0 or group.via == "related"):
        return idf(n_docs, df)
    if phrased and not df and group.via == "word" and _checked_number(group.word):
        from brtrade.core import english

        return min(idf(n_docs, 0), known or idf(n_docs, 0)) * english.MIN_SHARE // 100
    return min(idf(n_docs, df), unknown_weight(n_docs, group, known, names))


def _checked_number(word: str) -> bool:
    """Whether a question's word is a bare number other than a year: no record holding
    it, it is a figure the asker checks ('did Yantian open **15** new routes' is
    answered by the 11), not a name; a year ('in 2019') is asked for in full."""
    return word.isdigit() and not 1900 <= int(word) <= 2099


def quieten(plan: Plan, weights: Sequence[int]) -> tuple[int, ...]:
    """The weights with every word of the question's form (a group not required: a stop
    or question word such as 'is', 'with', 'how') at nothing, when the question has words
    of substance. Such a word tells records apart only by accident: 'is' is rare in a
    base of past-tense news, so by the base alone it would outweigh 'trade'."""
    return tuple(
        w if g.required or g.via != "word" else 0 for g, w in zip(plan.groups, weights, strict=True)
    )


def asked_itself(plan: Plan, names: Collection[str], counted: Collection[int]) -> frozenset[int]:
    """The required groups a question asks for themselves, which no related word and no
    figure of the right kind can stand in for: names (typed as names, known to English
    only as names, or unknown to it: 'Yantian', 'Brazil'), numbers, codes and phrases of
    several words ('belt and road'), and what it counts (:func:`counted`). A record
    answering under the kind floor (:data:`brtrade.core.match.KIND_FLOOR_PERCENT`) must
    match every one: 'how many containers' is not answered by another count."""
    from brtrade.core import english

    out: set[int] = set()
    for i, g in enumerate(plan.groups):
        if not g.required or g.via == "related":
            continue
        if i in counted or g.via == "number" or not g.word.isalpha() or g.word in names:
            out.add(i)
            continue
        known = english.lookup(stem(g.word))
        if known is None or known.name:
            out.add(i)
    return frozenset(out)


def relating(stem_: str, lexicon: Callable[[], Sequence[str]]) -> tuple[str, ...]:
    """The stems of the base's words that general English closely relates to ``stem_``
    when the table's entry for ``stem_`` does not list them: the table keeps each word's
    first senses and most related words only, so a relation may be written on one side
    ('pedal' lists 'rider'; 'rider' does not list 'pedal'). Synonyms, broader and
    narrower words and derivations are relations both ways; read from the base's side."""
    return _reverse(tuple(lexicon())).get(stem_, ())


@lru_cache(maxsize=4)
def _reverse(lexicon: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    from brtrade.core import english

    found: dict[str, list[str]] = {}
    for held in sorted({stem(w) for w in lexicon if w.isalpha()}):
        for close in english.related(held)[0]:
            found.setdefault(close, []).append(held)
    return {k: tuple(v) for k, v in found.items()}
