"""Questions about people: 'who is Tu Xinquan', 'what is Zhou Mi's job', 'where does Li
Xiangrong work', 'what does the ministry's expert do'.

Such a question asks for a speaker, not for claims. It is recognised by its form (it
begins with 'who', or with 'which' or 'what' and a word for a person, 'which expert';
or it asks for a job, a title, a role, a place of work, an affiliation, a profile, or
what someone does) and answered by matching the speakers' names, roles and
organisations with the same matcher as claims (:mod:`brtrade.core.match`), the words
of its form left out. Speakers are few, so they are matched from their contract rows,
whichever store holds them. A question that asks who said something ('who talked
about diversification', 'which economist was quoted on the pandemic') and names no
speaker's name, role or body is answered by the speakers of the quotes and claims
that match what was said (:func:`said_about`).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any

from brtrade.core.language import (
    PERSON_NOUNS,
    SOURCE_DETERMINERS,
    SOURCE_NOUNS,
    SPEECH,
    TITLES,
    WHO,
    is_stop,
)
from brtrade.core.numbers import SMALL_NUMBERS
from brtrade.core.paraphrase import typed_names
from brtrade.core.stems import stem
from brtrade.core.text import fold, words

ASKS_ABOUT_A_PERSON = frozenset(
    """job jobs title titles position positions role roles post posts rank work works
    worked working employer employers employ employs employed affiliated affiliation
    affiliations belong belongs organisation organization organisations organizations
    institution institutions occupation profession career office hold holds speak speaks
    spoke speaking spoken spokesman spokeswoman spokesperson represent represents
    represented representing profile biography background based teach teaches taught
    teaching lecture lectures lectured serve serves served serving known famous
    specialise specialises specialised specialize specializes specialized specialty
    speciality specialism expertise research researches researched""".split()
)
"""Words that ask what a person is or where they work. General English, not the
base's: they are the question's form, never required to match."""


ORGANISATION_NOUNS = frozenset(
    """university universities institute institutes institution company companies firm
    firms organisation organization body bodies ministry ministries department agency
    academy college school employer""".split()
)
"""Words for the body a person belongs to: '**which university** is Tu Xinquan from'."""

NAMING = frozenset({"name", "identify", "list"})
"""Verbs that ask for a person by name: '**name** the deputy director who was quoted',
'**list** the speakers'; when a word for a person, a title or *who* follows (not
'name the countries the routes serve', 'identify the largest trading partner')."""

AUXILIARIES = frozenset({"is", "was", "are", "were", "does", "do", "did", "has", "had"})


def asks_of_someone_named(text: str, names: Collection[str] = frozenset()) -> bool:
    """Whether a question about a person (:func:`about_a_person`) names a speaker of the
    base ('which university does **Zhou Mi** teach at', 'what did **Li Xiangrong**
    study'): when no speaker's record answers it, nothing does; the claims in their
    words, which their name alone finds, say nothing of them."""
    return about_a_person(text, names) and bool(names_typed(words(text), names))


def about_a_person(text: str, names: Collection[str] = frozenset()) -> bool:
    """Whether a question asks about a person rather than for claims. ``names``: the
    folded words of the speakers' names, which a question may type in lower case ('what
    does li xiangrong do at xidesheng'); a name in capitals is one anyway."""
    found = words(text)
    if not found:
        return False
    named = typed_names(text) | names_typed(found, names)
    if found[0] in WHO:
        return True
    if found[0] in NAMING:
        return bool((PERSON_NOUNS | TITLES | WHO).intersection(found[1:]))
    if found[0] == "what" and found[1:2] and found[1] in AUXILIARIES and SPEECH & set(found):
        return False  # 'what did the ministry spokesperson say about tariffs': what was said
    if found[:2] in (["tell", "me"], ["tell", "us"]) and found[2:3] == ["what"]:
        if SPEECH & set(found[3:]):
            return False  # 'tell me what the bike firm's spokesman said': what was said
    if any(w in WHO for w in found[1:]):
        return True  # 'the deputy director who was interviewed'
    if found[0] in ("which", "what") and found[1:2] and found[1] in ORGANISATION_NOUNS:
        if found[2:3] and found[2] in AUXILIARIES:
            return True  # 'which university is Tu Xinquan from', 'what firm does Li run'
    if found[0] in ("which", "what") and any(_names_a_person(found, i) for i in (1, 2, 3)):
        return True  # 'which expert', 'what Chinese official', 'which executive dean'
    if found[0] in ("which", "what") and found[1:2] and found[1] not in AUXILIARIES:
        # 'which Chinese Academy of International Trade and Economic Cooperation
        # **official was** quoted': a long name before the word for the person
        for i in range(2, len(found) - 1):
            if found[i] in SPEECH:
                break
            if found[i] in PERSON_NOUNS | TITLES - OTHER_SENSES and found[i + 1] in AUXILIARIES:
                return True
    if found[:3] == ["tell", "me", "about"]:
        return True
    if found[0] == "where" and found[-1] == "from" and found[1:2] and found[1] in AUXILIARIES:
        return bool(named or PERSON_NOUNS.intersection(found))  # 'where is Tu from'
    if _counts_speakers(found):
        return True  # 'how many people were quoted': the speakers, counted
    if found[0] == "what" and found[1:2] in (["is"], ["was"]) and _only_a_name(text, found[2:]):
        return True  # 'what is CAITEC', 'what is the Ministry of Commerce': its people
    if found[0] in ("is", "was") and any(w in ("a", "an") for w in found[2:4] + found[3:5]):
        return True  # 'is Zhou Mi an economist', 'was Li Xiangrong a spokesman'
    if _a_name_is_a(named, found):
        return True  # 'where is Tu Xinquan an executive dean', 'what is Zhou Mi an expert on'
    if found[:5] == ["what", "is", "the", "name", "of"] and (PERSON_NOUNS | TITLES).intersection(
        found[5:]
    ):
        return True  # 'what is the name of the bicycle company's secretary'
    if any(
        found[i] == "s" and found[i + 1] in ORGANISATION_NOUNS and found[i - 1] in named
        for i in range(1, len(found) - 1)
    ):
        return True  # 'what is Tu Xinquan's university', 'Li Xiangrong's company'
    if any(
        found[k : k + 2] == ["s", "name"] and found[k - 1] in PERSON_NOUNS | TITLES
        for k in range(1, len(found) - 1)
    ):
        return True  # 'what is the Xidesheng secretary's name', 'the woman's name from the
        # bicycle company'; not 'the company's name'

    if any(found[k : k + 2] == ["a", "living"] for k in range(1, len(found) - 1)):
        return True  # 'how does Zhou Mi earn a living', 'what does Li do for a living'
    if found[-1] == "do" and "does" in found:  # 'what does X do'
        return True
    if "does" in found and "do" in found[(does := found.index("does")) + 1 :]:
        # 'what does Li Xiangrong do at Xidesheng', when a person is named before 'do';
        # not 'what good does diversifying trade do for the world'
        between = found[does + 1 : found.index("do", does)]
        if any(w in PERSON_NOUNS for w in between) or named & set(between):
            return True
    speaker = names_typed(found, names)  # a speaker named in full, as typed or in lower case
    if speaker and not SPEECH & set(found):
        if _asks_for_their_body(found):
            return True  # 'for which manufacturer does Li Xiangrong act as a board secretary'
        if any(_a_word_for_a_job(w) or w in _STUDIED for w in found if w not in speaker):
            return True  # 'what duties does Li Xiangrong carry out', 'Zhou Mi's **field**'
        if found[0] == "what" and found[1:2] in (["does"], ["do"], ["did"]):
            rest = [w for w in found[2:] if w not in speaker]
            named_in_full = len(found) - len(rest) >= 4  # 'what does' and two name words
            if rest[:1] and rest[0] in LEADING and named_in_full:
                return True  # 'what does Tu Xinquan **lead**': the body at whose head he is
    if not any(w in ASKS_ABOUT_A_PERSON for w in found):
        return False
    # 'where is the e-bike maker based' asks where a body is, not a person
    return not (
        BODIES.intersection(found) and not (PERSON_NOUNS | TITLES).intersection(found) and not named
    )


JOB_STEMS = frozenset(stem(w) for w in "job role title position rank office post career".split())
"""The words a question about someone's job uses ('what is Zhou Mi's **job**'), as
stems: a word general English relates to two of them is a word for a job too."""


def _a_word_for_a_job(word: str) -> bool:
    """Whether general English (WordNet, :mod:`brtrade.core.english`) relates ``word``
    closely or loosely to at least two of the words for a job (:data:`JOB_STEMS`):
    'duties' (job, office, role), 'function' (office, role, position), 'status'
    (position, rank); not 'trade' (job) nor 'task' (job): a word of work, not of the
    post someone holds. Asked of a speaker named, it asks about them."""
    from brtrade.core import english

    if word in ASKS_ABOUT_A_PERSON:
        return True
    if not word.isalpha():
        return False
    close, loose = english.related(stem(word))
    return len(JOB_STEMS.intersection(close + loose)) >= 2


_STUDIED = frozenset("study studies field area subject discipline focus".split())
"""Words asking what a speaker named studies: 'what is Zhou Mi's area of **study**'."""

STUDYING = frozenset("study studies studied studying".split())
"""Words by which a question asks what someone studies, which only a speaker whose
record says so (an institute of studies) answers: Li Xiangrong's company studies nothing."""

_PREPOSITIONS = frozenset("for at in with of from under by to".split())


def _asks_for_their_body(found: Sequence[str]) -> bool:
    """Whether a question asks which body someone belongs to, naming the body's kind
    after 'which' or 'what' (a preposition before, a few words of its own between):
    '**which academic body** has Tu Xinquan at its helm', '**for which manufacturer**
    does Li Xiangrong act as a board secretary', 'at what institute is Zhou Mi'."""
    return _body_word(found) in BODIES


def _body_word(found: Sequence[str]) -> str | None:
    """The word before the auxiliary of a question opening with 'which' or 'what' (a
    preposition before, a few words of its own between): the body asked for, if it is
    one ('for which **manufacturer** does', 'in which ministry's **academy** is')."""
    i = 1 if found[:1] and found[0] in _PREPOSITIONS else 0
    if found[i : i + 1] not in (["which"], ["what"]):
        return None
    for j in range(i + 2, min(i + 6, len(found))):  # 'in which ministry's academy is'
        if found[j] in AUXILIARIES:
            return found[j - 1]
    return None


BODY_KINDS = (
    frozenset("university universities college colleges school schools faculty".split()),
    frozenset("institute institutes academy academies".split()),
    frozenset(
        """company companies firm firms manufacturer manufacturers maker makers business
        businesses enterprise enterprises factory factories producer producers""".split()
    ),
    frozenset("ministry ministries".split()),
)
"""Kinds of body, each in its words: a question asking which of one kind someone's body
is ('which **university** does Zhou Mi teach at') is not answered by a speaker whose body
is only of others (an institute of an academy of a ministry)."""
_ANY_KIND = frozenset().union(*BODY_KINDS)
PLACES_OF_STUDY = frozenset("studies study research institute university academy".split())
"""Words of a body where someone studies: a question asking what someone studies is
answered only by a speaker whose record holds one."""


def _kinds_asked(found: Sequence[str]) -> frozenset[str] | None:
    """The words of the kind of body a question asks someone's is (:data:`BODY_KINDS`),
    or of a place of study when it asks what they study; None when it asks neither."""
    kind = _body_word(found) if _asks_for_their_body(found) else None
    kinds = next((k for k in BODY_KINDS if kind in k), None)  # not 'which body': any
    if kinds is not None:
        return kinds
    if STUDYING & set(found):
        return PLACES_OF_STUDY
    return None


def _of_kind(fields: Sequence[tuple[str, int, list[str]]], wanted: frozenset[str]) -> bool:
    """Whether a speaker's fields hold a word of the kind ``wanted``, or, for a kind of
    body, say of no kind at all what their body is."""
    held = {w for _, _, texts in fields for t in texts for w in words(t)}
    if held & wanted:
        return True
    return wanted is not PLACES_OF_STUDY and not held & _ANY_KIND


def _a_name_is_a(names: Collection[str], found: Sequence[str]) -> bool:
    """Whether a question says of a name, after *is* or *was*, that it is a something:
    'where **is Tu Xinquan an** executive dean', 'what **is Zhou Mi an** expert on'."""
    for i, w in enumerate(found[:-2]):
        if w in ("is", "was"):
            j = i + 1
            while j < len(found) and found[j] in names:
                j += 1
            if j > i + 1 and found[j : j + 1] in (["a"], ["an"]):
                return True
    return False


def names_typed(found: Sequence[str], names: Collection[str]) -> frozenset[str]:
    """The words of ``found`` that are words of the speakers' ``names``, when two stand
    together ('li xiangrong', 'zhou mi'): a name typed in lower case. One alone may be a
    word of English too ('mi', 'tu')."""
    return frozenset(
        w
        for i, w in enumerate(found)
        if w in names
        and ((i > 0 and found[i - 1] in names) or (i + 1 < len(found) and found[i + 1] in names))
    )


def _counts_speakers(found: Sequence[str]) -> bool:
    """Whether a question counts who spoke: 'how many **people** (experts, officials)
    were **quoted**'; not 'how many staff work at the bike maker'."""
    return (
        list(found[:2]) == ["how", "many"]
        and bool(found[2:3])
        and found[2] in PERSON_NOUNS
        and bool(SPEECH & set(found[3:]))
    )


def _only_a_name(text: str, rest: Sequence[str]) -> bool:
    """Whether these words are one name, as the question writes it ('CAITEC', 'the
    Ministry of Commerce'): words in capitals and the small words of a name between."""
    names = typed_names(text)
    rest = rest[1:] if rest[:1] == ["the"] else rest
    return bool(rest) and rest[-1] in names and all(w in names or w in _OF_A_NAME for w in rest)


_OF_A_NAME = frozenset({"of", "for", "and", "the"})

BODIES = ORGANISATION_NOUNS | frozenset(
    """maker makers manufacturer manufacturers factory factories plant plants port ports
    producer producers exporter exporters business businesses enterprise enterprises""".split()
)
"""Words for a body, not a person: a question of where one is based or what it holds,
naming no person, asks about the body ('where is the bicycle company based')."""


def body_aliases(entities: Sequence[tuple[str, str, Sequence[str]]]) -> dict[str, list[str]]:
    """Each body's aliases by its folded name (of (id, name, aliases) entities), for
    :func:`_speaker_fields`: an organisation that names the Ministry of Commerce is
    MOFCOM's."""
    return {fold(name): list(aliases) for _, name, aliases in entities if aliases}


def _speaker_fields(
    row: Mapping[str, Any], aliases: Mapping[str, Sequence[str]]
) -> list[tuple[str, int, list[str]]]:
    """A speaker's searched fields; ``aliases`` by entity id, and by a body's folded name
    (:func:`body_aliases`): the aliases of every body its organisation names ('the
    MOFCOM expert' is the deputy director of an institute of the Ministry of Commerce)."""
    from brtrade.core.terms import split_role

    held = fold(row["organisation"] or "")
    named = [a for body, found in aliases.items() if " " in body and body in held for a in found]
    org = [row["organisation"] or "", *aliases.get(row.get("entity") or "", ()), *named]
    title, served = split_role(row["role"])
    return [
        ("speaker", 3, [row["name"]]),
        ("role", 2, [title]),
        ("entity", 2, org),
        ("served", 2, served),
    ]


def matching_speakers(
    text: str,
    speakers: Sequence[Mapping[str, Any]],
    vocabulary_entries: Sequence[tuple[str, Sequence[str]]],
    aliases: Mapping[str, Sequence[str]],
    floor: bool = True,
    question: bool = True,
) -> list[Mapping[str, Any]]:
    """The speaker rows a question about a person is about, best first: those matching
    enough of what it asks (its words less the words of its form); without the
    ``floor``, those matching the most of it (ties kept). Not a ``question``, ``text`` is a
    description of someone, not a question ('the Ministry of Commerce expert')."""
    from brtrade.core.engine import rank, weigh
    from brtrade.core.memory import MemoryPostings
    from brtrade.core.query import Query
    from brtrade.core.terms import Vocabulary, field_tokens

    if not speakers or (question and not about_a_person(text, speaker_words(speakers))):
        return []
    vocabulary = Vocabulary(vocabulary_entries)
    fields = [_speaker_fields(r, aliases) for r in speakers]  # once: each scans the bodies
    store = MemoryPostings([field_tokens(f, vocabulary) for f in fields])
    # a word for a person that neither the editors' vocabulary nor any speaker's fields
    # hold ('the Xidesheng **representative**') says the question is about someone, not
    # who ('executive' of 'executive dean' does)
    held = {fold(w) for _, found in vocabulary_entries for w in found}
    held |= {w for f in fields for _, _, texts in f for t in texts for w in words(t)}
    kept = {stem(w) for _, found in vocabulary_entries for w in found}  # 'experts'
    unheld = frozenset(w for w in PERSON_NOUNS - held if stem(w) not in kept)
    asked = _without(text, ASKS_ABOUT_A_PERSON | SPEECH | NAMING | unheld)
    if _counts_speakers(words(text)):  # 'how many experts were quoted': the people counted
        asked = asked.split(None, 2)[2] if len(asked.split()) > 2 else ""
    if all(is_stop(w) or w in WHO or w in SOURCE_NOUNS or w in SMALL_NUMBERS for w in words(asked)):
        return _everyone(text, speakers, question)  # 'who was quoted in the article'
    query = Query(words=tuple(words(asked)), text=asked)

    def lexicon() -> list[str]:  # for spelling, read only when a word is unknown
        return sorted(
            {w for f in fields for _, _, texts in f for t in texts for w in words(t) if w.isalpha()}
        )

    weighed = weigh(query, vocabulary, store.df, len(speakers), lexicon, among_speakers=True)
    if not any(g.required for g in weighed.plan.groups):
        return _everyone(text, speakers, question)
    ranked = rank(weighed._replace(floor=floor), store.postings)
    if not floor:
        ranked = [r for r in ranked if r[1] == ranked[0][1]]
    # Ties (an editors' word such as 'expert' covers 'deputy director' and 'executive
    # dean' alike) go to the speaker whose own words the question uses.
    said = {stem(w) for w in words(asked) if not is_stop(w)}

    def own(o: int) -> int:
        held = {stem(w) for _, _, texts in fields[o] for t in texts for w in words(t)}
        return len(said & held)

    ranked.sort(key=lambda r: (-r[1], -own(r[0])))
    if question:
        # 'which university does Zhou Mi teach at': not a speaker whose body is of another
        # kind (an academy of the ministry); 'what did Li Xiangrong study': not one whose
        # body is no place of study (a company)
        wanted = _kinds_asked(words(text))
        if wanted is not None:
            ranked = [r for r in ranked if _of_kind(fields[r[0]], wanted)]
    if question and _asks_who_leads(words(text)):
        # 'who runs the bicycle factory': the one at its head, not its chairman's secretary
        # nor a deputy director of an institute under the ministry
        ranked = [r for r in ranked if _heads(speakers[r[0]])]
    return [speakers[o] for o, _, _ in ranked]


LEADING = frozenset(
    "run runs ran head heads headed lead leads led manage manages managed chair chairs "
    "chaired direct directs directed own owns owned oversee oversees".split()
)
"""Verbs that ask for the one at the head of a body: 'who **runs** the factory'."""
HEAD_TITLES = frozenset(
    """dean director chairman chairwoman chair president chief head ceo minister governor
    mayor manager founder owner principal""".split()
)
UNDER_TITLES = frozenset("deputy vice assistant secretary associate acting".split())


def _asks_who_leads(found: Sequence[str]) -> bool:
    """Whether a question asks who is at the head of something ('who runs', 'who heads')."""
    return bool(found) and found[0] in WHO and bool(found[1:2]) and found[1] in LEADING


def _heads(row: Mapping[str, Any]) -> bool:
    """Whether a speaker's role is at the head of their body: 'executive dean', not
    'Deputy Director' nor 'secretary to the board chairman' (the title it serves)."""
    role = words(str(row.get("role") or ""))
    before = role[: role.index("to")] if "to" in role else role  # 'secretary to the ...'
    return bool(set(before) & HEAD_TITLES) and not set(before) & UNDER_TITLES


OTHER_SENSES = frozenset({"chief", "head", "chair"})
"""Titles whose word is as often another thing ('what **chief** concern', 'which **head**
office'): a person only where the question says so otherwise."""


def _names_a_person(found: Sequence[str], i: int) -> bool:
    """Whether ``found[i]`` is a word for a person or a title heading the phrase that
    opens the question after its first word: 'which **official** said', 'which
    executive **dean** commented', not 'what **official** data' nor 'what did the
    **director** say' (a question of what was said)."""
    if i >= len(found) or found[i] not in PERSON_NOUNS | TITLES - OTHER_SENSES:
        return False
    if any(is_stop(w) or w in SPEECH for w in found[1:i]):
        return False  # the words before it describe it: 'which deputy director'

    if i + 1 == len(found) or found[i + 1] in SPEECH or is_stop(found[i + 1]):
        return True
    from brtrade.core import english
    from brtrade.core.stems import stem

    if found[i + 1].endswith("ed"):
        return True  # 'which deputy director **discussed**': a verb in the past
    after = english.lookup(stem(found[i + 1]))
    return after is None or not after.noun


def said_about(text: str) -> str | None:
    """What a question that asks who said something asks about ('who talked about
    **market diversification**', 'which economist was cited on **the pandemic**'): its
    words less those of its form and the words for a person; None for any other
    question."""
    found = words(text)
    asking = 2 if found[:1] == ["tell"] and found[1:2] in (["me"], ["us"]) else 0
    # 'tell me about the belt and road' asks for it, not who told of it
    if not about_a_person(text) or not any(w in SPEECH for w in found[asking:]):
        return None
    form = WHO | ASKS_ABOUT_A_PERSON | SPEECH | PERSON_NOUNS | NAMING
    form |= {"which", "what", "tell", "me"}
    # what was said follows the verb of speech; the words before it say who said it
    # ('who is the deputy director **quoted** in the report')
    pieces = text.split()
    at = next(i for i, p in enumerate(pieces) if any(w in SPEECH for w in words(p)))
    topic = _without(" ".join(_not_the_source(pieces[at + 1 :])), form)
    return topic if any(not is_stop(w) for w in words(topic)) else None


def _not_the_source(pieces: Sequence[str]) -> list[str]:
    """``pieces`` less the words that name the article itself ('in **the story**')."""
    found = [words(p) for p in pieces]
    out = []
    for i, p in enumerate(pieces):
        here = found[i]
        before = found[i - 1] if i else []
        if (
            here
            and here[-1] in SOURCE_NOUNS
            and (len(here) > 1 or before[-1:] and before[-1] in SOURCE_DETERMINERS)
        ):
            continue
        out.append(p)
    return out


def _everyone(
    text: str, speakers: Sequence[Mapping[str, Any]], question: bool
) -> list[Mapping[str, Any]]:
    """Every speaker, for a question that asks who was quoted and nothing more ('who was
    quoted in the article', 'which people spoke'): a verb of speech or a word for a
    person, and no word of whom; none for anything else ('who is', a description)."""
    said = set(words(text))
    return list(speakers) if question and said & (SPEECH | PERSON_NOUNS) else []


def _without(text: str, form: frozenset[str]) -> str:
    """``text`` less its whitespace-separated pieces made only of words of ``form``,
    the rest as written ('e-bike' stays one compound, not 'e bike')."""
    kept = [p for p in text.split() if not all(w in form for w in words(p))]
    return " ".join(kept)


def speaker_words(speakers: Sequence[Mapping[str, Any]]) -> frozenset[str]:
    """The folded words of the speakers' names (their contract rows)."""
    return frozenset(w for r in speakers for w in words(str(r.get("name") or "")))
