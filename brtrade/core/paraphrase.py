"""Words the base does not hold: how a question's words are weighed and widened by
general English (:mod:`brtrade.core.english`), for both engines alike.

- A required word no record holds is **widened** to the words English relates to it
  that some record holds (:func:`paraphrase`); they match partly and cover less.
- It **weighs** by how informative it is in English, against what the question's
  other words weigh (:func:`weight`); a name weighs in full (:func:`typed_names`),
  and so does what a question counts (:func:`counted`).

docs/matching.md, "Words the base does not hold", says the rules in prose.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from brtrade.core.language import (
    GENERIC_GOODS,
    PERSON_NOUNS,
    SPEECH,
    TITLES,
    WHO,
    is_stop,
    stem,
)
from brtrade.core.match import SAID_CUE, Group, Plan, idf
from brtrade.core.numbers import SMALL_NUMBERS
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


DO_AND_MODALS = frozenset("do does did will would can could should may might must".split())
"""Verbs that stand before the verb of a question ('who **did** build'); 'is' and 'has'
are its verb ('who is the president', 'who has the patents')."""


def asked_for_by_who(text: str, among_speakers: bool = False) -> frozenset[str]:
    """Every word of a question that begins with 'who' ('who is the president of
    ASEAN'): it asks for a person by those words, so none of them is a mere common word
    of the question's form: each is taken as a name, weighed in full and not widened
    when no record holds it. (A question about a speaker of the base is answered by
    :mod:`brtrade.core.people` first.) Its verbs of speech ('who **said**') are its form,
    not names, and so is the verb right after 'who' ('who **holds** the intellectual
    property', 'who **owns** the patents'): it says what the person does, in words a
    reporter chooses, and weighs as any word of English. ``among_speakers``, where the
    speakers' records are searched, a common word of English that says no person (not
    a title, a word for a person or an agent: *owner*) right after a name, as written,
    describes the name, not whom: 'who is the person from the Ministry of Commerce
    **think tank**', 'whose institute studies American and Oceania **affairs**'; 'who
    negotiated the trade **deals**' still asks for deals."""
    found = words(text)
    if not found or found[0] not in WHO:
        return frozenset()
    names = set(found) - SPEECH
    at = 1
    while at < len(found) - 1 and found[at] in DO_AND_MODALS:
        at += 1  # 'who did build the routes'
    verb = found[at] if at < len(found) and not is_stop(found[at]) else None
    from brtrade.core import english

    if verb is not None:
        known = english.lookup(stem(verb))
        if known is not None and not known.name:
            names.discard(verb)  # 'who **holds** the rights': it asks by a verb, not a name
    typed = typed_names(text) if among_speakers else frozenset[str]()
    for i in range(1, len(found)) if among_speakers else ():
        w = found[i]
        if w in typed or w in PERSON_NOUNS | TITLES or _an_agent(w) or not w.isalpha():
            continue  # 'who is the **owner**', 'the **president** of Indonesia': whom
        if found[i - 1] not in typed and found[i - 1] in names:
            continue  # 'who negotiated the trade **deals**': what, not where
        known = english.lookup(stem(w))
        if found[i - 1] in typed and known is not None and not known.name:
            names.discard(w)  # 'the Ministry of Commerce **think** tank': the name's words
            typed = typed | {w}  # ... and on: 'think **tank**'
    return frozenset(names)


def _an_agent(word: str) -> bool:
    """Whether a word names a person by what they do ('owner', 'founder', 'economist',
    'historian', 'resident'): an English agent noun's ending."""
    return len(word) > 4 and word.endswith(
        ("er", "ers", "or", "ors", "ist", "ists", "ian", "ians", "ent", "ents", "ant", "ants")
    )


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
) -> tuple[Plan, list[int]]:
    """Each required word that no record holds, or that few do and English uses
    commonly (:data:`RARE_IN_BASE`; but for names and the groups at ``counted``, which
    are asked for themselves), widened to the words general English
    relates to it (:mod:`brtrade.core.english`: 'overseas' to 'abroad' and 'export',
    'nations' to 'country') that some record holds. They match it partly, as a
    shortened stem does, so a record in the article's own words still ranks first.
    Without ``loose``, only the close relations (``verify``: a draft's sentence names
    what it is about; a loose relation would make it about more)."""
    groups = list(plan.groups)
    out = list(dfs)
    for i in members_of_a_name(plan, in_names):
        groups[i] = groups[i]._replace(required=False)  # 'Belt and Road **economies**'
    # A keyword search ('asean') asks for the word itself: a known word is widened only
    # in a question of several words (and then the table is read, not before).
    several = plan.several
    whole = compounds_not_held(plan, dfs)
    for i, (g, df) in enumerate(zip(list(groups), dfs, strict=True)):  # members, not required
        if not g.required or g.via != "word" or not g.word.isalpha() or i in whole:
            continue
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
        wider = g._replace(related=close, loose=far, via="related", held=bool(df))
        found = df_of(wider)
        if not found and loose and not df and lexicon is not None:
            back = relating(g.exact[0], lexicon)  # 'riders' of a base that says 'pedal'
            if back:
                wider = g._replace(related=back, loose=(), via="related")
                found = df_of(wider)
        if found:
            groups[i], out[i] = wider, found
    return plan._replace(groups=tuple(groups)), out


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
    governments""".split()
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
        return said[0] in in_names and _a_name(said[0])  # 'BRI', an editors' name for one
    if group.via == "word" and group.required and group.exact[:1]:
        return group.exact[0] in in_names and _a_name(group.exact[0])
    return False


def scope(plan: Plan, in_names: Collection[str]) -> frozenset[int]:
    """The required groups naming something of the base (:func:`a_name`): where or whom
    a question is about ('how big was **belt and road** trade', 'ASEAN's share'). An
    answer naming each is a better one than an answer naming fewer: the total of Belt
    & Road trade answers the first before ASEAN's trade, however many of the
    question's other words ASEAN's record holds."""
    return frozenset(i for i, g in enumerate(plan.groups) if g.required and a_name(g, in_names))


def _a_name(stem_: str) -> bool:
    """Whether general English knows a stem only or first as a name, or not at all
    ('asean', 'china'; not 'trade' of 'trade partners')."""
    from brtrade.core import english

    word = english.lookup(stem_)
    return word is None or word.mostly_name


ORDINAL_PARTS = frozenset("first second third fourth last final latter opening".split())
"""Words that pick a half or quarter of a year ('the **first** quarter')."""


def part_of_a_year(plan: Plan) -> frozenset[str]:
    """The words of a half or quarter of a year a question names without its year ('in
    the **first quarter**', 'the **second half**'): asked for themselves, weighed in
    full as a name, so that the trade of a whole year is no answer; a record of that
    part (the company's second half of 2020) holds them. With its year the part is a
    period of its own (:func:`brtrade.core.match.plan_query`)."""
    said = [g.word for g in plan.groups]
    return frozenset(
        w
        for i in range(len(said) - 1)
        if said[i] in ORDINAL_PARTS
        and said[i + 1] in ("half", "quarter")
        and not any(g.via == "period" for g in plan.groups)
        for w in said[i : i + 2]
    )


def _plain_name(group: Group) -> bool:
    """Whether a group is a plain word English knows first as a name, or not at all."""
    return group.via == "word" and group.word.isalpha() and _a_name(group.exact[0])


DEMONYM_ENDINGS = ("ese", "ian", "ean", "an", "n", "i", "ish")
"""How English makes the word for a place's people and things from the place's name:
China -> Chinese, Indonesia -> Indonesian, Singapore -> Singaporean, Brazil ->
Brazilian, Oman -> Omani, Spain -> Spanish."""


def demonym_of(word: str, in_names: Collection[str]) -> str | None:
    """The stem of the base's name that ``word`` is made from as a place's adjective or
    people ('chinese' -> 'china', 'indonesian' -> 'indonesia'), if one is."""
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
        if word is not None and not word.name and (not word.noun or _past_form(group.word)):
            return idf(n_docs, df) * english.share(stem(group.word)) // 100
    if not question or not (df == 0 or group.via == "related"):
        return idf(n_docs, df)
    return min(idf(n_docs, df), unknown_weight(n_docs, group, known, names))


def _past_form(word: str) -> bool:
    """Whether ``word`` is written as a verb's past ('produced', 'listed'): its stem is
    that of the word without its ending ('produce'), though the stem is mostly a noun's
    ('produc' of 'produce', the noun). A question's verb says how a thing is asked."""
    if len(word) < 5 or not word.endswith("ed"):
        return False
    s = stem(word)
    bare = [word[:-1], word[:-2]]  # 'produce', 'list'
    if word[-3] == word[-4]:
        bare.append(word[:-3])  # 'ship' of 'shipped'
    return s != word and s in {stem(b) for b in bare}


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


COUNTING = (("how", "many"), ("number", "of"), ("how", "much"))
"""Words after which a question names the thing it counts."""
COUNTED = COUNTING[:2]
"""...and those after which it names things every answer must name: 'how many
**bicycles**' is not answered by a count of routes, but 'how much **business**' is
answered by trade."""


DEGREE = frozenset("is was are were did does do has have had will would can could should".split())
"""Verbs after 'how much' that, in a question asking for a change, make it ask how far
something went ('how much **did** trade grow'), not how much of a thing there was ('how
much did China invest' still asks for an amount)."""


def counted(
    plan: Plan, *, words_only: bool = True, after: tuple[tuple[str, str], ...] = COUNTING
) -> set[int]:
    """The groups a question counts or measures ('how many containers', 'the number of
    workers'): what is asked for itself, never widened, weighing in full however common
    a word it is. After the counting words, the last of the nouns that follow them
    without a break (the head of the phrase: 'how many sea **lanes**', 'how many
    **containers** passed'), when it is a plain word (or, not ``words_only``, also a
    vocabulary phrase: every answer must match it); the words before it only
    describe it."""
    out: set[int] = set()
    said = [g.word for g in plan.groups]
    change = "(change)" in said  # the question asks how much something grew or fell
    for i in range(len(said) - 1):
        if (said[i], said[i + 1]) in after:
            if change and said[i + 2 : i + 3] and said[i + 2] in DEGREE:
                continue  # 'how much did trade expand': how far, not how much of a thing
            run: list[int] = []
            for j in range(i + 2, len(plan.groups)):
                g = plan.groups[j]
                if g.via == "kind":
                    continue
                if not g.required:
                    if run:
                        break
                    continue
                if run and (not _noun(g) or _past_form(g.word)):
                    break  # 'containers passed', 'routes Yantian added': its verb ends it
                if run and _plain_name(g) and not _plain_name(plan.groups[run[-1]]):
                    break  # 'how many routes Yantian added': a clause of its own
                run.append(j)
            if run and (plan.groups[run[-1]].via == "word" or not words_only):
                if plan.groups[run[-1]].word not in GENERIC_GOODS:
                    out.add(run[-1])  # 'how much **cargo**' asks for trade: it may widen
    return out


def tallied(plan: Plan) -> int | None:
    """What a question asking 'how many' counts: the last word or phrase of the noun
    phrase after 'how many' or 'number of', up to its verb ('how many new shipping
    **routes** opened', 'how many **countries** are along', 'how many sea **lanes** were
    launched'); None when it asks for no count."""
    said = [g.word for g in plan.groups]
    for i in range(len(said) - 2):
        if (said[i], said[i + 1]) not in COUNTING:
            continue
        run: list[int] = []
        for j in range(i + 2, len(plan.groups)):
            g = plan.groups[j]
            verb = g.word.endswith("ed") and len(g.word) > 4  # 'opened'; not 'shipping' routes
            if g.via in ("kind", "cue", "number") or not g.required or verb:
                if run:
                    break
                continue
            if run and _plain_name(g) and not _plain_name(plan.groups[run[-1]]):
                break  # 'how many routes Yantian added': the name begins a clause
            run.append(j)
        return run[-1] if run else None
    return None


ASKED_BY = frozenset({"is", "was", "were", "are", "s"})
"""The verbs after 'what' that put the thing asked for next: 'what was the **surplus**'."""


DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "this", "that"})


RARE_MODIFIER_ZIPF = 4.5
"""A word describing the thing asked for that is rarer than this in English ('jobless',
'inflation'; not 'annual', 'overall') narrows it: see :func:`asked_for`."""


def asked_for(plan: Plan, dfs: Sequence[int] | None = None) -> set[int]:
    """The thing a 'what is/was ...' question asks for, when it names it: the head of
    the noun phrase after the verb ('what was China's trade **surplus** in 2020', 'what
    is the jobless **rate**'), which every answer must match (by itself, its stem, the
    editors' vocabulary or a closely related word) as 'how many' questions match what
    they count. Not when the phrase goes on with 'of' (its head is then the question's
    form: 'what is the **appeal** of the engine' asks about the engine), nor when it
    names a kind of figure (the kind floor asks for that). When the head is matched
    only through related words (``dfs`` given), the rare words describing it that no
    record holds must match too: a 'jobless rate' is not any rate."""
    said = [g.word for g in plan.groups]
    for i in range(len(said) - 1):
        if said[i] != "what" or said[i + 1] not in ASKED_BY:
            continue
        run: list[int] = []
        determined = False  # the phrase opens with 'the', 'its'...: a noun phrase
        for j in range(i + 2, len(plan.groups)):
            g = plan.groups[j]
            if g.via == "kind":
                return set()
            if not g.required:
                if g.word == "s" and run:
                    run = []  # 'China's surplus': the head follows the possessor
                    determined = True
                    continue
                if not is_stop(g.word):
                    return set()  # a word saying the kind asked for: 'the annual rise'
                if run:
                    if "of" in said[j : j + 2]:
                        return set()  # 'the combined value of': the form again
                    break
                if g.word not in DETERMINERS:
                    return set()  # 'what is the value of': the form of the question
                determined = True
                continue
            plural = determined and len(g.word) > 3 and g.word.endswith("s")
            if run and (
                g.word.endswith("ing")
                or not (plural or _noun(g if g.via != "related" else g._replace(via="word")))
            ):
                break  # 'what is China aiming for': a verb ends the phrase
            run.append(j)
        if not run or plan.groups[run[-1]].via == "number":
            return set()
        if said[run[-1] + 1 : run[-1] + 2] == ["about"]:
            return set()  # 'what is **notable** about the port': how, not a thing asked for
        out = {run[-1]}
        if dfs is not None and plan.groups[run[-1]].via == "related":
            out.update(k for k in run[:-1] if _rare_and_not_held(plan.groups[k], dfs[k]))
        return out
    return set()


def possessed(plan: Plan, head: Collection[int]) -> tuple[int, int] | None:
    """(possessor, thing) of a question asking for a thing someone has ('what is **Li
    Xiangrong**'s **age**', 'what is **Zhou Mi**'s **nationality**'): the head asked for
    (:func:`asked_for`) after a possessive and the last word of what owns it. The
    possessor's own words answer it only when they say the thing itself: a quote of Li
    Xiangrong on new materials tells nothing of his age (:func:`brtrade.core.engine.rank`)."""
    if len(head) != 1:
        return None
    at = next(iter(head))
    k = at - 1
    while k >= 0 and plan.groups[k].required and plan.groups[k].word != "s":
        k -= 1  # 'Li Xiangrong's **annual** salary'
    if k < 1 or plan.groups[k].word != "s" or not plan.groups[k - 1].required:
        return None
    return k - 1, at


def measured(plan: Plan) -> set[int]:
    """The measure of its own a 'what is the ... MEASURE of' question asks for
    (:func:`brtrade.core.language.measure_asked`: 'what is the **population** of
    ASEAN'), which every answer must name: an amount of ASEAN's trade is no population."""
    from brtrade.core.language import measure_asked

    head = measure_asked([stem(g.word) for g in plan.groups if g.via not in ("kind", "cue")])
    if head is None:
        return set()
    return {i for i, g in enumerate(plan.groups) if g.required and stem(g.word) == head}


HOW_FAR = frozenset({"fast", "much", "quickly", "rapidly", "far", "strongly", "sharply"})
"""Words after 'how' that, in a question asking for a change, ask how far something went:
'how **fast** did China's economy grow'."""


def changed(plan: Plan, names: Collection[str] = ()) -> set[int]:
    """What a question asking how far something changed says changed: the noun phrase
    between its auxiliary and its verb, after any possessor ('how fast did China's
    **economy** grow', 'by how much did the bicycle company's **export sales** rise').
    Every answer must match one of its words, as a 'what is/was' question's head
    (:func:`asked_for`): a change of trade is no answer to a question about the economy.
    Only for a question asking for a change, after 'how fast/much/...' or 'by how much'
    and an auxiliary ('did', 'has'). The ``names`` it writes ('China-ASEAN trade') say
    where, not what: they are left out."""
    said = [g.word for g in plan.groups]
    if "(change)" not in said:
        return set()
    for i in range(len(said) - 2):
        if not (
            (said[i] == "how" and said[i + 1] in HOW_FAR)
            or (said[i] == "by" and said[i + 1] in ("what", "how"))
        ):
            continue
        j = i + 2
        while j < len(said) and not plan.groups[j].required and said[j] not in DEGREE:
            j += 1  # 'by what percentage': the kind's own words
        if j >= len(said) or said[j] not in DEGREE:
            return set()
        run: list[int] = []
        for k in range(j + 1, len(plan.groups)):
            g = plan.groups[k]
            if g.via == "kind":
                break
            if not g.required:
                if g.word == "s" and run:
                    run = []  # 'China's economy': what changed follows the possessor
                    continue
                if run or g.word not in DETERMINERS:
                    break
                continue
            if run and not _noun(g if g.via != "related" else g._replace(via="word")):
                break
            run.append(k)
        return {k for k in run if plan.groups[k].via != "number" and said[k] not in names}
    return set()


ABOUT = frozenset({"about", "on", "regarding", "concerning", "of", "for"})
"""Words after a verb of speech that introduce what was spoken of: 'say **about**',
'comment **on**', 'think **of**', 'Zhou Mi's explanation **for**'."""

OPINION = frozenset({"think", "thinks", "thought", "view", "views", "feel", "feels", "felt"})


def spoken_about(plan: Plan) -> set[int]:
    """What a question asking what someone said spoke of: the head of the noun phrase
    after a verb of speech and 'about' ('what did Tu Xinquan say about the US trade
    **war**', '... about **tariffs** on Chinese goods', '... about China's **strategy**'):
    the last noun of its first phrase, after any possessor. Every answer matches it, in
    the article's words or any related ones: a quote on diversification is no answer to a
    question about tariffs."""
    from brtrade.core.language import speaks

    groups = plan.groups
    said = [g.word for g in groups]
    for i in range(len(said) - 2):
        if not (speaks(said, i) or said[i] in OPINION) or said[i + 1] not in ABOUT:
            continue
        run: list[int] = []
        for k in range(i + 2, len(groups)):
            g = groups[k]
            if g.via in ("kind", "cue"):
                break
            if not g.required:
                if g.word == "s" and run:
                    run = []  # 'China's strategy': what was spoken of follows the possessor
                    continue
                if run:
                    break
                continue  # 'the', and a stop word before the phrase ('the US trade war')
            run.append(k)
        run = [k for k in run if groups[k].via != "number"]
        return {run[-1]} if run else set()
    return set()


TITLE_ENDS = frozenset({"of", "to", "at", "from", "for", "with", "in", "on", "who"})


def who_title(plan: Plan) -> set[int]:
    """The title a question asks the holder of: the head of the phrase after 'who is the'
    ('who is the **chairman** of the bicycle company', 'who is the board **secretary** at
    Xidesheng', 'who is the deputy **director** quoted'). No answer holds it only as the
    title of someone it serves ('secretary to the board chairman' is not the chairman:
    :data:`brtrade.core.terms.SERVED`)."""
    from brtrade.core.language import SPEECH

    said = [g.word for g in plan.groups]
    if len(said) < 4 or said[0] not in ("who", "whos") or said[1] not in ("is", "was", "s"):
        return set()
    run: list[int] = []
    for k in range(2, len(said)):
        g = plan.groups[k]
        if said[k] in TITLE_ENDS or g.via in ("kind", "cue"):
            break
        if g.required and said[k] not in SPEECH and g.via != "number":
            run.append(k)
    return {run[-1]} if run else set()


def said_by_someone(text: str, plan: Plan) -> int | None:
    """Where the ``(said)`` group of a question asking what a person said stands: one
    whose words before its verb of speech name someone (a name, or a word for a person
    or a title: 'what did **the president of Indonesia** say', 'what did **Tu Xinquan**
    tell'). Every answer is then someone's words: the reporter's narrative that names
    Indonesia is no answer. None for any other question ('what did the bicycle company
    say', 'what does the data show')."""
    from brtrade.core.language import PERSON_NOUNS, TITLES, speaks

    at = next((i for i, g in enumerate(plan.groups) if g.word == SAID_CUE), None)
    found = words(text)
    verb = next((i for i in range(len(found)) if speaks(found, i)), None)
    if at is None or verb is None:
        return None
    before = set(found[:verb])
    if before & (PERSON_NOUNS | TITLES) or before & typed_names(text):
        return at
    return None


EVENTS = frozenset(
    stem(w)
    for w in """begin began begun start started open opened launch launched found founded
    establish established create created set inaugurate inaugurated introduce introduced
    close closed end ended finish finished complete completed sign signed join joined
    build built announce announced unveil unveiled""".split()
)
"""Verbs of an event that has a date ('when did the initiative **begin**', 'when was the
company **founded**'): general English, the question's form."""


def event_of(plan: Plan) -> set[int]:
    """What a question asking when something happened says happened (:data:`EVENTS`: 'when
    did the Belt and Road Initiative **begin**', 'when was Xidesheng **founded**'). Every
    answer matches it, in the article's words or related ones: a record about the
    initiative that says nothing of its start gives no date of it."""
    from brtrade.core.language import asks_when

    if not asks_when([stem(g.word) for g in plan.groups]):
        return set()
    found = [k for k, g in enumerate(plan.groups) if g.required and stem(g.word) in EVENTS]
    return {found[-1]} if found else set()


def _rare_and_not_held(group: Group, df: int) -> bool:
    """Whether a word no record holds as it is written is rare in English (or unknown to
    it): :data:`RARE_MODIFIER_ZIPF`."""
    if group.via not in ("word", "related") or (df and group.via == "word"):
        return False
    from brtrade.core import english

    word = english.lookup(stem(group.word))
    return word is None or word.zipf < RARE_MODIFIER_ZIPF


def _noun(group: Group) -> bool:
    """Whether a group can be a noun of the counted phrase: a vocabulary phrase or a
    number, or a word general English takes mostly as a noun (or does not know), unless
    its form is a verb's past ('opened', 'passed')."""
    if group.via != "word":
        return True
    if len(group.word) > 4 and group.word.endswith("ed"):
        return False
    from brtrade.core import english

    word = english.lookup(group.exact[0])
    return word is None or word.noun


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
