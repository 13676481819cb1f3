"""What a question asks for, read from its plan: what it counts (:func:`counted`,
:func:`tallied`), the thing a 'what is/was' question names (:func:`asked_for`) and whose
it is (:func:`possessed`), its own measure (:func:`measured`), what it says changed
(:func:`changed`), what someone spoke of and whether someone spoke (:func:`spoken_about`,
:func:`said_by_someone`), the title and the event it asks of (:func:`who_title`,
:func:`event_of`), the part of a year it names (:func:`part_of_a_year`) and, of a *who*
question, its words that are names (:func:`asked_for_by_who`). Every answer must
match what these pick (:func:`brtrade.core.engine.rank`); how words are weighed and
widened is :mod:`brtrade.core.paraphrase`.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from brtrade.core.goods import GENERIC_GOODS
from brtrade.core.language import (
    COUNTING,
    PERSON_NOUNS,
    SPEECH,
    TITLES,
    WHO,
    is_stop,
    past_form,
    speaks,
)
from brtrade.core.match import CHANGES, SAID_CUE, Group, Plan
from brtrade.core.paraphrase import name_only, typed_names
from brtrade.core.stems import stem
from brtrade.core.text import words

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
    return group.via == "word" and group.word.isalpha() and name_only(group.exact[0])


COUNTED = COUNTING[:2]
"""...and those after which it names things every answer must name: 'how many
**bicycles**' is not answered by a count of routes, but 'how much **business**' is
answered by trade."""


DEGREE = frozenset("is was are were did does do has have had will would can could should".split())
"""Verbs after 'how much' that, in a question asking for a change, make it ask how far
something went ('how much **did** trade grow'), not how much of a thing there was ('how
much did China invest' still asks for an amount)."""
CHANGE_UNITS = frozenset("percentage percent per points point".split())
"""Units of a change after 'by how many' ('by how many **percentage points** did trade
grow'): how far it went, not things counted."""


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
            following = said[i + 2 : i + 3]
            if (
                change
                and following
                and (following[0] in DEGREE or following[0].split()[0] in CHANGE_UNITS)
            ):
                continue  # 'how much did trade expand', 'by how many percentage points':
                # how far, not how much of a thing
            run: list[int] = []
            for j in range(i + 2, len(plan.groups)):
                g = plan.groups[j]
                if g.via == "kind":
                    continue
                if not g.required:
                    if run:
                        break
                    continue
                if run and (not _noun(g) or past_form(g.word)):
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
                    if {"of", "between"} & set(said[j : j + 2]):
                        # 'the combined value of', 'the relationship between': the form
                        return set()
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


def asked_what(plan: Plan) -> set[int]:
    """The thing a question opening with 'what' and a noun asks for ('what **subsidies**
    does the government give', 'what **warranty** comes with the engine', 'what
    **risks** threaten trade'): the last noun of the phrase after 'what', up to its
    auxiliary or verb. Unlike a 'what is the ...' question's head (:func:`asked_for`),
    an answer need not match it (a reporter's 'what **gadget** did the firm invent' is
    the engine), but it is what is asked: a second look never leaves it out
    (:attr:`brtrade.core.match.Weighed.reporters`). Not 'what kind (sort, type,
    share...) of', whose noun is the question's form or a kind of figure, nor a phrase
    that ends the question."""
    groups = plan.groups
    if len(groups) < 3 or groups[0].word != "what" or groups[1].word in ASKED_BY:
        return set()
    run: list[int] = []
    for j in range(1, len(groups)):
        g = groups[j]
        if g.via in ("kind", "cue", "number", "period"):
            return set()
        if not g.required or not _noun(g):
            break
        run.append(j)
    end = run[-1] + 1 if run else 0
    if not run or end >= len(groups) or groups[end].word in ("of", "s"):
        return set()
    return {run[-1]}


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
        run = [k for k in _phrase(groups, i + 2) if groups[k].via != "number"]
        if not run:
            return set()
        return {run[-1], *_of_what(groups, run[-1] + 1)}
    return set()


def _phrase(groups: Sequence[Group], start: int) -> list[int]:
    """The required words of the noun phrase from ``start``, past any possessor ('the US
    trade war', 'China's **strategy**'): the stop words before it skipped, the first
    one after it ending it, as does a kind of figure or a cue."""
    run: list[int] = []
    for k in range(start, len(groups)):
        g = groups[k]
        if g.via in ("kind", "cue"):
            break
        if not g.required:
            if g.word == "s" and run:
                run = []  # 'China's strategy': the thing follows the possessor
                continue
            if run:
                break
            continue  # 'the', and a stop word before the phrase
        run.append(k)
    return run


def _of_what(groups: Sequence[Group], at: int) -> set[int]:
    """The last word of the phrase after an 'of' at ``at`` ('about the price of
    **steel**', 'the impact of the **pandemic**'): what the head spoken of is of, which
    an answer matches too (a price advantage is not the price of steel)."""
    if at >= len(groups) or groups[at].word != "of":
        return set()
    run = _phrase(groups, at + 1)  # 'the results of China's strategy': the possessor's thing
    run = [
        k for k in run if groups[k].via not in ("number", "period") and not groups[k].word.isdigit()
    ]
    return {run[-1]} if run else set()


TITLE_ENDS = frozenset({"of", "to", "at", "from", "for", "with", "in", "on", "who"})


def who_title(plan: Plan) -> set[int]:
    """The title a question asks the holder of: the head of the phrase after 'who is the'
    ('who is the **chairman** of the bicycle company', 'who is the board **secretary** at
    Xidesheng', 'who is the deputy **director** quoted'; 'what is the name of the
    **chairman** of Xidesheng'). No answer holds it only as the
    title of someone it serves ('secretary to the board chairman' is not the chairman:
    :data:`brtrade.core.terms.SERVED`)."""
    from brtrade.core.language import SPEECH

    said = [g.word for g in plan.groups]
    if said[:1] in (["who"], ["whos"]) and said[1:2] in (["is"], ["was"], ["s"]):
        start = 2
    elif said[:1] == ["what"] and said[2:5] == ["the", "name", "of"]:
        start = 5  # 'what is the name of the chairman of Xidesheng'
    elif said[:1] == ["what"] and said[2:4] == ["the", "of"]:
        start = 4  # the same, as the people search reads it (its form, 'name', left out)
    else:
        return set()
    if len(said) < start + 2:
        return set()
    run: list[int] = []
    for k in range(start, len(said)):
        g = plan.groups[k]
        if said[k] in TITLE_ENDS or g.via in ("kind", "cue"):
            break
        if g.required and said[k] not in SPEECH and g.via != "number":
            run.append(k)
    return {run[-1]} if run else set()


DESCRIBING = frozenset(
    """describe describes described characterise characterises characterised characterize
    characterizes characterized portray portrays portrayed depict depicts depicted""".split()
)
"""Verbs of speech that say only that something was described, not what was said of it
(as *warn* or *praise* do)."""


def unheld_speech(plan: Plan, dfs: Sequence[int]) -> Plan:
    """The plan with a verb of speech that no record holds ('how did Zhou Mi
    **characterise** the cooperation', 'how are the results **portrayed**') as the
    question's form: it asks for someone's words (the ``(said)`` group), not for a
    record that holds the verb."""
    said = [g.word for g in plan.groups]
    groups = list(plan.groups)
    for i, (g, df) in enumerate(zip(plan.groups, dfs, strict=True)):
        if not df and g.required and g.via == "word" and g.word in DESCRIBING and speaks(said, i):
            groups[i] = g._replace(required=False)
    return plan._replace(groups=tuple(groups))


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
LEADS = frozenset(
    stem(w) for w in "run runs ran head heads lead leads manage manages own owns".split()
)
"""Verbs of who is at the head of a body ('who **runs** the factory'): a claim must say
it, as an event; a speaker says it by the title (:func:`brtrade.core.people.matching_speakers`)."""


def event_of(plan: Plan, among_speakers: bool = False) -> set[int]:
    """What a question asking when something happened says happened (:data:`EVENTS`: 'when
    did the Belt and Road Initiative **begin**', 'when was Xidesheng **founded**'). Every
    answer matches it, in the article's words or related ones: a record about the
    initiative that says nothing of its start gives no date of it."""
    from brtrade.core.language import asks_when

    said = [g.word for g in plan.groups]
    if said[:1] == ["who"] and len(said) > 1:
        # 'who **founded** the institute', 'who **built** the port': whoever did it is told
        # by a record saying it was done
        at = 1 + sum(1 for w in said[1:3] if w in DO_AND_MODALS)
        verbs = EVENTS if among_speakers else EVENTS | LEADS  # a speaker's title says it
        if at < len(plan.groups) and stem(said[at]) in verbs:
            return {at}  # ... and, of the claims, 'who **runs** the factory
        return set()
    if said[:2] == ["how", "many"]:
        # 'how many routes **closed** at Yantian': what happened to what is counted is
        # told by the record counting it (the routes opened do not answer)
        after = counted(plan, words_only=False)
        found = [
            k
            for k, g in enumerate(plan.groups)
            if g.required and stem(g.word) in EVENTS and after and k > max(after)
        ]
        return {found[0]} if found else set()
    if said[:1] and said[0] in WHETHER and len(said) > 2:
        # 'did the pandemic **close** Yantian port', 'has China **signed** new deals':
        # whether it happened is told by a record saying it did
        found = [k for k, g in enumerate(plan.groups) if g.required and stem(g.word) in DONE]
        return {found[0]} if found else set()
    if not asks_when([stem(g.word) for g in plan.groups]):
        return set()
    found = [k for k, g in enumerate(plan.groups) if g.required and stem(g.word) in EVENTS]
    return {found[-1]} if found else set()


WHETHER = frozenset("did does do has have had will would can could".split())
"""Auxiliaries a question asking whether something happened opens with."""
DONE = frozenset(
    stem(w)
    for w in """open opened close closed shut launch launched sign signed join joined
    announce announced unveil unveiled inaugurate inaugurated""".split()
)
"""Of the verbs of an event (:data:`EVENTS`), those whose 'did X ...' a record must say
itself: not the verbs of making ('did the factory **create** an engine': it developed
one; 'did China **build** closer ties') nor of starting ('did trade **begin** to
recover'), which a reporter says of what the article says otherwise."""


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


_COMPARATIVE = re.compile(
    r"\b(?:(?:more|less|fewer|bigger|larger|greater|higher|faster|slower|smaller|lower|"
    r"stronger|weaker|quicker|better|worse)\s+than|exceed(?:s|ed)?|outpac(?:e|es|ed)|"
    r"outstrip(?:s|ped)?|surpass(?:es|ed)?|outgr(?:ew|ow|ows|own))\s+(?=\S)",
    re.IGNORECASE,
)
_COMPARE_BOTH = re.compile(
    r"^\s*compare\s+(?P<a>.+?)\s+(?:with|to|and|against)\s+(?P<b>.+)$", re.IGNORECASE
)
_COMPARED = re.compile(
    r"^(?P<a>.+?)\s+(?:compare|compares|compared|stack\s+up)\s+(?:with|to|against)\s+(?P<b>.+)$"
    r"|^(?P<a2>.+?)\s+(?:versus|vs\.?)\s+(?P<b2>.+)$",
    re.IGNORECASE,
)
_OPTIONS = re.compile(r"^(?P<head>[^,:;]*\w)\s*[,:;]\s*(?P<a>[^,:;]+?)\s+or\s+(?P<b>[^,:;]+)$")
_WHOSE_SIDE = re.compile(r"^\s*(?:how\s+)?(?:does|do|did|is|was|are|were)\s+", re.IGNORECASE)


def compared_sides(text: str) -> tuple[str, str] | None:
    """The two things a question compares, each as a question of its own: 'did rail trade
    grow faster **than** ASEAN trade', 'how does ASEAN trade **compare with** belt and road
    trade', '**compare** rail trade **and** ASEAN trade', 'ASEAN trade **versus** belt and road
    trade', 'which grew more**,** ASEAN trade **or** belt and road trade' (the words before
    the comma go with both). None for anything else, and for a bound: 'grew **more than 5
    percent**' compares a thing with a number, not with another thing."""
    text = text.strip().rstrip("?.! ")
    found = _COMPARATIVE.search(text)
    if found is not None:
        a, b = text[: found.start()], text[found.end() :]
    elif (m := _OPTIONS.match(text)) is not None:
        head = m.group("head")
        a, b = f"{head} {m.group('a')}", f"{head} {m.group('b')}"
    elif (m := _COMPARE_BOTH.match(text)) is not None:
        a, b = m.group("a"), m.group("b")
    elif (m := _COMPARED.match(text)) is not None:
        a = _WHOSE_SIDE.sub("", m.group("a") or m.group("a2"))
        b = m.group("b") or m.group("b2")
    else:
        return None
    if not _a_thing(a) or not _a_thing(b) or _a_balance(words(a), words(b)):
        return None
    # 'did Xidesheng's exports grow faster than China's belt and road trade': the other
    # side is asked how it grew too
    grew = [w for w in words(a) if w in CHANGES]
    if grew and not CHANGES.intersection(words(b)):
        b = f"{b} {grew[0]}"
    return a.strip(), b.strip()


def _a_thing(side: str) -> bool:
    """Whether a side of a comparison names something: a word that is neither a stop
    word nor a number ('ASEAN trade'; not '5 percent', 'half', 'before')."""
    return any(
        not is_stop(w) and not any(c.isdigit() for c in w) and w not in _NOT_A_THING
        for w in words(side)
    )


_NOT_A_THING = frozenset(
    """percent per cent pc half third quarter twice double triple expected forecast yuan
    renminbi rmb dollar dollars usd us trillion billion million thousand bn tn mn""".split()
)


_WHOLE = frozenset("total overall entire whole aggregate combined".split())
_FLOWS_OF = frozenset("trade exports imports export import".split())
_ON_THE_WAY = frozenset("foreign international external global s".split())


def asks_for_a_total(folded: Sequence[str]) -> bool:
    """Whether a question asks for a whole flow: a word of the whole right before a flow
    ('China's **total trade**', '**overall** foreign **exports**', 'the **entire** trade';
    'foreign', 'international' between), not 'the total of belt and road trade' (of
    something), which the name that follows scopes."""
    for k, w in enumerate(folded):
        if w not in _WHOLE:
            continue
        j = k + 1
        while j < len(folded) and folded[j] in _ON_THE_WAY:
            j += 1
        if j < len(folded) and folded[j] in _FLOWS_OF:
            return True
    return False


BALANCING = frozenset(
    """exceed exceeds exceeded exceeding outstrip outstrips outstripped outpace outpaces
    outpaced surpass surpasses surpassed outweigh outweighs outweighed outran outrun
    outruns""".split()
)
"""Verbs that set one amount above another: 'by how much did exports **exceed** imports'."""

SOLD = frozenset("export exports exported exporting sales sold sell sells".split())
"""A reporter's words for what a country or a firm sells abroad ('Chinese **sales** to
ASEAN'), with the editors' *export* phrases (``v:export``: 'overseas sales')."""
BOUGHT = frozenset("import imports imported importing purchases purchased bought buy buys".split())
"""... and for what it buys from abroad ('Chinese **purchases** from the route countries')."""
EXPORT_TERM = "v:export"


def _a_balance(a: Sequence[str], b: Sequence[str]) -> bool:
    """Whether two sides of a comparison are what a country sells and what it buys
    ('exports' and 'imports'): one flow set against the other, a balance
    (:func:`balance_asked`), not two things compared."""
    return bool(
        (SOLD.intersection(a) and BOUGHT.intersection(b))
        or (BOUGHT.intersection(a) and SOLD.intersection(b))
    )


def balance_asked(plan: Plan) -> set[int]:
    """The verb of a question that sets what a country sells abroad against what it buys
    ('by how much did Chinese **exports exceed imports**', 'did sales to ASEAN outstrip
    purchases from it'): it asks for a balance, a surplus or a deficit, which every
    answer must say. A record of exports and imports together is their sum, no balance."""
    said = {w for g in plan.groups for w in g.word.split()}  # 'sales abroad', a phrase
    if not (SOLD & said and BOUGHT & said):
        return set()
    return {i for i, g in enumerate(plan.groups) if g.word in BALANCING and g.required}


def one_way_only(plan: Plan) -> bool:
    """Whether the words of a question's plan speak of exports alone or of imports alone
    ('how much did China **import** from', 'China's **exports**'), not of both or of
    trade."""
    said = [g.word for g in plan.groups]
    figure = any(g.via == "kind" for g in plan.groups)
    ways = [
        i
        for i in one_way_words(plan)
        if not (said[i] in ("export", "import") and tuple(said[i + 1 : i + 2]) == ("markets",))
        and (figure or said[i] in ONE_WAY)
    ]  # not 'export markets', markets traded with; a reporter's 'sales' in a question of
    # a figure only ('how much did Chinese sales to ASEAN grow', not 'has China spread
    # its sales across many markets': trade at large)
    sold = any(said[i] in SOLD or " " in said[i] for i in ways)
    return bool(ways) and (sold != any(said[i] in BOUGHT for i in ways))


def one_way_words(plan: Plan) -> list[int]:
    """The groups of a plan saying what is sold abroad or bought from abroad: the words
    of :data:`ONE_WAY`, a reporter's nouns for them (*sales*, *purchases*) and the
    editors' *export* phrases; not 'exporters', who sell."""
    return [
        i
        for i, g in enumerate(plan.groups)
        if g.word in _FLOWS
        or g.word in ONE_WAY
        or (" " in g.word and EXPORT_TERM in g.exact)  # 'overseas sales'
    ]


ONE_WAY = frozenset("export exports exported exporting import imports imported importing".split())
"""What is sold abroad or bought from abroad (not 'exporters', who sell)."""
_FLOWS = frozenset({"sales", "purchases"})
"""A reporter's nouns for exports and imports ('Chinese **sales** to the belt and road',
'**purchases** from ASEAN'); its verbs ('help China **sell** into new markets') may
speak of trade at large."""
