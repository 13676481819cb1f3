"""English for matching: stop words, question words, and the words by which a question
says what it asks for (the stemmer and its exceptions are :mod:`brtrade.core.stems`).

These lists are general English and ship with brtrade. Words of the field
(biggest/largest, covid/pandemic, BRI/Belt and Road) are the editors': they
live in the fact base's ``vocabulary`` (see :mod:`brtrade.core.model`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import cache, lru_cache

from brtrade.core.stems import stem

QUESTION_WORDS = frozenset(
    """what which who whom whose whos when where why how much many tell show give find list
    say said says saying told tells quote quoted quotes quoting mention mentioned
    want wants wanted go goes going went happen happened happens change changed changes
    big bigger fast faster quickly slow slowly doing get got getting look looks like mean
    means kind sort type something anything thing things last recent recently latest
    know known please fare fared fares faring perform performed performs performing
    cope coped copes coping""".split()
) | frozenset(
    """hey hi hello ok okay um uh er erm hmm yo thanks thank thx pls plz lol btw fyi q
    quick question curiosity curious wondering wonder briefly basically actually honestly
    exactly really""".split()
)
"""Words that ask rather than say what is wanted ('how did trade change', 'who is
quoted on', 'how did rail freight fare', 'how did the port cope'), and the asker's own
words around a question ('**hey**, how much...', '**quick question**: ...', 'out of
**curiosity**', '... **exactly**'): never required to match, though they count when
they do."""

WHO = frozenset({"who", "whom", "whose", "whos"})
PERSON_NOUNS = frozenset(
    """expert experts official officials scholar scholars academic academics economist
    economists researcher researchers analyst analysts executive executives professor
    professors specialist specialists spokesman spokeswoman spokesperson representative
    representatives interviewee interviewees commentator commentators observer observers
    speaker speakers insider insiders person persons individual people man men woman
    women guy guys gentleman lady sources""".split()
)
"""Words that name a person by what they are: 'which **expert** was quoted', 'who are
the **sources** in the story' (the plural: 'the source of the figure' is no one)."""

TITLES = frozenset(
    """president presidents minister ministers chairman chairwoman chair secretary
    director dean ceo chief head manager founder governor mayor premier ambassador
    spokesman spokeswoman""".split()
)
"""Titles a person holds: 'what did the **president** of Indonesia say'."""

SOURCE_NOUNS = frozenset(
    """story stories article articles report piece text news coverage interview paragraph
    paragraphs sentence sentences passage passages claim claims record records fact facts
    statement statements""".split()
)
"""Words for the article itself: after 'the' or 'this' in a question ('who is the
ministry researcher **in the story**', 'what does **the article** say about ASEAN') they
say where to look, not what to find. General English, not the base's."""

PASSAGES = frozenset(
    """paragraph paragraphs sentence sentences passage passages claim claims record records
    fact facts statement statements""".split()
)
"""The parts of the article, and the base's records of it, that a question names after
'which' or 'what' to ask where something is said: '**which paragraph** (claim, record)
mentions Indonesia'; not 'which **news** agency reported it'."""

SOURCE_DETERMINERS = frozenset({"the", "this", "that"})

SPEECH = frozenset(
    """say says said saying tell tells told talk talks talked talking speak speaks spoke
    quote quotes quoted quoting cite cites cited interview interviews interviewed
    comment comments commented commenting mention mentions mentioned argue argues argued
    explain explains explained noted stated remarked added claimed describe describes
    described warn warns warned predict predicts predicted praise praises praised
    credited attributed discuss discusses discussed discussing stress stresses stressed
    emphasise emphasises emphasised emphasize emphasizes emphasized highlight highlights
    highlighted observe observes observed suggest suggests suggested insist insists
    insisted assert asserts asserted announce announces announced reply replies replied
    characterise characterises characterised characterize characterizes characterized
    portray portrays portrayed depict depicts depicted""".split()
)
"""Verbs of speech: in a question about a person, how it asks ('who **said**'), never
what it asks about. General English, not the base's."""

OPINIONS = frozenset(
    """view views opinion opinions assessment assessments take point points argument
    arguments explanation explanations comment comments remark remarks message verdict
    conclusion conclusions analysis prediction predictions outlook belief beliefs idea
    ideas perspective reasoning reaction response advice warning evaluation judgement
    judgment observation observations stance thoughts words claim claims statement
    statements""".split()
)
"""Nouns for what someone said or thinks: after a possessor ('Zhou Mi's **assessment**',
'the dean's main **point**') or as 'what **view** did Tu express', they ask for the
person's words as a verb of speech does (:func:`speaks`). General English, not the
base's."""


_ADDING = frozenset({"add", "adds", "added", "adding"})


def speaks(found: Sequence[str], i: int) -> bool:
    """Whether ``found[i]`` asks for someone's words: a verb of speech (:data:`SPEECH`)
    but the asker's own ('**tell me** about', 'what does the article **tell us**', an
    imperative first word: '**explain** the engine'), or a noun of :data:`OPINIONS`
    after a possessive ('Li Xiangrong's main **point**') or as 'what **view** did...'."""
    word = found[i]
    if word in SPEECH:
        if i == 0 or found[i + 1 : i + 2] in (["me"], ["us"]):
            return False  # '**tell me** about trade', '**explain** the engine': the asker's
        if word in _ADDING and found[i + 1 : i + 2] not in ([], ["that"]):
            return False  # 'has Yantian **added** new lines': a thing added, not words
        if found[i - 1] in SOURCE_NOUNS:
            return False  # 'which paragraph **mentions** Indonesia': the article's words
        # 'how many routes Yantian **added**': the verb of what is counted, not speech
        return not (
            word in THING_VERBS
            and any(tuple(found[k : k + 2]) in _HOW_MANY for k in range(max(0, i - 2)))
        )
    if word not in OPINIONS:
        return False
    if "s" in found[max(0, i - 2) : i]:
        return True
    return (
        i > 0
        and found[i - 1] in ("what", "which")
        and found[i + 1 : i + 2] in (["did"], ["does"], ["do"])
        and any(w in _VOICING for w in found[i + 2 :])
    )


IMPERATIVES = frozenset(
    """name list identify show give describe explain summarise summarize outline detail
    find tell""".split()
)
"""Verbs a question may open with, asking the reader ('**name** the countries the new
routes serve', '**describe** the routes'): the question's form, never what a record
must hold."""

THING_VERBS = frozenset(
    """added noted stated described observed announced highlighted stressed credited
    attributed predicted praised mentioned cited""".split()
)
"""Verbs of speech that as often have a thing for object ('routes added', 'goods
described'): after what a question counts, they are what was done to it."""

COUNTING = (
    ("how", "many"),
    ("number", "of"),
    ("how", "much"),
    ("volume", "of"),
    ("amount", "of"),
    ("quantity", "of"),
    ("value", "of"),
    ("sum", "of"),
    ("total", "of"),
)
"""Words after which a question names the thing it counts or measures
(:mod:`brtrade.core.asking`): 'how many **routes**', 'what volume of ASEAN **capital**'."""
_HOW_MANY = frozenset(pair for pair in COUNTING if pair[0] == "how")


_VOICING = frozenset(
    """express expressed give gave offer offered voice voiced share shared hold held
    present presented put make made have""".split()
)
"""Verbs that have someone voice a view ('what view did Zhou Mi **express**'): not 'what
point did trade reach'."""


STOP_WORDS = (
    frozenset(
        """a an the and or but if of to in on at by for from with without into onto about
    as than then so such that this these those there here it its it's itself they them
    their theirs we us our you your he him his she her i me my be is are was were been
    being am do does did done doing have has had having can could will would shall should
    may might must not no nor only own same too very just also any all each every both
    few more most other some s t d ll ve re m don ever again further once up down out off
    over under
    what which who whom whose when where why how per via vs versus according did
    through throughout between among amongst across during after before since until
    till within toward towards upon against behind beyond beside besides while whilst
    whether mr mrs ms dr because didn doesn isn wasn aren weren hasn haven hadn wouldn
    couldn shouldn mustn anyone anybody anything someone somebody something everyone
    everybody everything else
    year years""".split()
    )
    | QUESTION_WORDS
)
"""Words too common to tell records apart. 'year' is here because every figure has a
period: 'in 2020' says what 'year' would. The indefinite pronouns ('more than **anyone
else**') name nothing. The first pieces of negative contractions
('**didn**'t', '**wasn**'t') are their auxiliaries, as 'don' is."""


MONTHS = {
    m: i
    for i, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        1,
    )
    for m in names
}
"""Month names and their abbreviations, folded, by number (:mod:`brtrade.core.periods`
reads them; a question's are the words of its period)."""


def is_stop(word: str) -> bool:
    return word in STOP_WORDS


ASKED_KINDS = (
    ("share", "fraction share portion proportion percentage part account accounted slice"),
    (
        "change",
        """increase increased grow grew growth rise rose jump jumped climb climbed gain
        expand expanded fall fell drop dropped decline declined shrink shrank fast faster
        compared change changed trend trends surge surged soar soared boom boomed slump
        slumped plunge plunged tumble tumbled dip dipped rebound rebounded flat unchanged
        stagnant stagnated stagnate perform performed fare fared""",
    ),
    ("count", "many number"),
    (
        "amount",
        """big large larger value worth size volume total sum valuable much amount scale
        magnitude extent""",
    ),
    ("figure", "figure figures statistic statistics stat stats number numbers"),
)
"""The kind of figure a question asks for, by its words, first kind first: 'what share',
'how fast did it grow', 'how many', 'how big' (a figure's ``kind``: share, change,
count, amount), or any figure at all ('what was the headline **figure**': every claim
with a figure holds ``k:figure``). 'How much did trade grow' asks for a change: the
kinds are tried in this order."""


@lru_cache(maxsize=1)
def _asked_kinds() -> tuple[tuple[str, frozenset[str]], ...]:
    return tuple((kind, frozenset(stem(w) for w in said.split())) for kind, said in ASKED_KINDS)


def kind_cues(kind: str) -> frozenset[str]:
    """The stems that say a question asks for a figure of ``kind``."""
    return dict(_asked_kinds())[kind]


COUNT_FORMS = ("how many", "number of")
"""A count is asked for by these words together: 'many markets' and 'number one trade
partner' ask for none."""
SHARE_FORMS = (
    "how much of",
    "how large a part of",
    "how big a part of",
    "percent of",
    "per cent of",
    "half of",
    "a third of",
    "one third of",
    "two thirds of",
    "a quarter of",
    "three quarters of",
    "a fifth of",
    "a tenth of",
)
"""'How much of China's trade was with the routes' countries' and 'what percent of the
country's total trade' ask for a share, though 'much' alone asks for an amount and
'percent' alone may be a change's; so does a fraction of a whole ('did **half of**
China's trade go to the routes' countries', 'nearly **a third of** its trade'), but not
a part of a year ('the first quarter of 2020')."""
CHANGE_FORMS = (
    "by what percent",
    "by what percentage",
    "by what proportion",
    "by what fraction",
    "by what share",
    "by how much",
    "by how many",
    "up or down",
    "down or up",
    "edge up",
    "edged up",
    "inch up",
    "inched up",
    "tick up",
    "ticked up",
    "go up",
    "went up",
    "go down",
    "went down",
    "pick up",
    "picked up",
    "picks up",
    "ramp up",
    "ramped up",
    "shoot up",
    "shot up",
    "speed up",
    "sped up",
    "take off",
    "took off",
    "slow down",
    "slowed down",
    "level off",
    "levelled off",
    "leveled off",
    "tail off",
    "tailed off",
    "bounce back",
    "bounced back",
    "how much more",
    "how much less",
    "growth rate",
    "rate of growth",
    "rate of increase",
    "rate of decline",
    "pace of growth",
)
"""'By what percentage did trade change' asks for a change, though 'percentage' says a
share; 'did rail shipments **pick up**' asks for one in a verb of two words, each of
them the question's form (:func:`form_words`)."""


RESULT_FORMS = (
    "lead to",
    "leads to",
    "led to",
    "bring about",
    "brought about",
    "come of",
    "came of",
)
"""Ways a question asks what something brought: 'what did the diversification strategy
**lead to**' asks for its results, not for the editors' *leading* (largest). ('Result
in' is not one: *results* is the article's own word for them.)"""


def form_words(seq: list[str], forms: tuple[str, ...] = CHANGE_FORMS) -> frozenset[str]:
    """The stems of the ``forms`` (:data:`CHANGE_FORMS`, :data:`RESULT_FORMS`) a question
    of these stems says: how it asks ('did trade **pick up**'), not what it asks about."""
    return frozenset(s for p in _forms_said(seq, forms) for s in p)


def _forms_said(seq: list[str], forms: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    """The stems of each of ``forms`` that the stems ``seq`` say, word for word."""
    for form in forms:
        p = tuple(stem(w) for w in form.split())
        if any(tuple(seq[i : i + len(p)]) == p for i in range(len(seq))):
            yield p


REASON_FORMS = (
    "why",
    "how come",
    "for what reason",
    "what is the reason",
    "what was the reason",
    "what explains",
    "what is behind",
    "what lies behind",
    "what drove",
    "what drives",
    "what is driving",
    "what s driving",
    "what s behind",
    "what s the reason",
    "what are the reasons",
    "what were the reasons",
    "reasons for",
    "reason for",
    "what caused",
    "what causes",
    "what led to",
    "what fuelled",
    "what fueled",
)
"""Ways a question asks why: for an explanation, which news copy gives in someone's words
(an analyst's 'which means...', a company's 'our engine has advantages'), not in the
reporter's narrative or a table's figure. ('What makes the engine' may ask what it is
made of: not a form of why.)"""


@lru_cache(maxsize=1)
def _when() -> re.Pattern[str]:
    """Words that say when ('in **2020**', 'in the second **half**', '**soon**', 'after
    the completion of assembly'): general English (compiled when first needed)."""
    return re.compile(
        r"\b(?:(?:19|20)\d\d|january|february|march|april|may|june|july|august"
        r"|september|october|november|december|soon|later|today|yesterday|tomorrow|now"
        r"|currently|recently|earlier|previously|annually|quarter|half|since|until|after"
        r"|before|during|(?:this|last|next|same|that|the) (?:year|month|week|period"
        r"|season|decade))\b",
        re.IGNORECASE,
    )


def says_when(*texts: str) -> bool:
    """Whether any of ``texts`` says when something happened or will."""
    return any(_when().search(t) for t in texts)


WHEN_AUXILIARIES = frozenset(
    stem(w) for w in "did does do was were is are will would has have had can could".split()
)


def asks_when(seq: list[str]) -> bool:
    """Whether a question of these stems asks when ('**when did** ASEAN become...', '**when
    will** the bikes be exported'): only a record that says when answers it."""
    return len(seq) > 2 and seq[0] == "when" and seq[1] in WHEN_AUXILIARIES


AHEAD_AUXILIARIES = frozenset(stem(w) for w in "will would can could shall".split())
"""The auxiliaries of a question that asks when something will or can happen ('**when
will** the next routes open', '**when can** the bikes be shipped'): not when it did."""


@lru_cache(maxsize=1)
def _ahead() -> re.Pattern[str]:
    """Words of what will or can happen (compiled when first needed: not at start-up)."""
    return re.compile(
        r"\b(?:will|would|can|could|shall|soon|going\s+to|expects?|expected|plans?|next)\b",
        re.I,
    )


def asks_ahead(seq: list[str]) -> bool:
    """Whether a question of these stems asks when something will or can happen."""
    return asks_when(seq) and seq[1] in AHEAD_AUXILIARIES


def says_ahead(*texts: str) -> bool:
    """Whether any of ``texts`` speaks of what will or can happen ('the bikes can **soon**
    be exported'), not only of what did."""
    return any(_ahead().search(t) for t in texts)


def asks_why(seq: list[str]) -> bool:
    """Whether a question of these stems asks for a reason (:data:`REASON_FORMS`)."""
    return _said(seq, REASON_FORMS)


def why_form(seq: list[str]) -> frozenset[str]:
    """The stems of the form of why a question of these stems uses ('what **led to**',
    'what **drove**'): how it asks, never words it asks for ('led' is no 'leading')."""
    for form in REASON_FORMS:
        pair = tuple(stem(w) for w in form.split())
        if any(tuple(seq[i : i + len(pair)]) == pair for i in range(len(seq))):
            return frozenset(pair)
    return frozenset()


_PLAYS_A_ROLE = re.compile(
    r"\b(?:what|which|how (big|large|important|great|significant) an?) (role|part)s? "
    r"(?:[a-z]+ ){1,8}?(play|plays|played|playing)\b"
)
_ROLE_IN = re.compile(r"\b(?:s|the) (roles?) (?:of (?:[a-z]+ ){1,6}?)?in\b")
"""'X's role in Y', 'the role of X in Y': how much X matters there, as 'what role does
X play' asks (a person's 'role' alone is a job: :mod:`brtrade.core.people`)."""
SIGNIFICANCE = ("significance", "importance", "contribution", "role")
"""What 'what **role** does X **play**' asks for: how much X matters ('of great
**significance**', 'making important **contribution**'), not a share of anything."""


def plays_a_role(folded: Sequence[str]) -> frozenset[int]:
    """Where the words of 'what role (part) does X play' stand among a question's folded
    words: the question's form, asking how much X matters, never a part or a share."""
    text = " ".join(folded)
    m = _PLAYS_A_ROLE.search(text) if "play" in text else None
    if m is None and ("role" in folded or "roles" in folded):
        m = _ROLE_IN.search(text)  # 'Yantian's role in south China shipping'
    if m is None:
        return frozenset()
    groups = range(1, (m.re.groups or 0) + 1)
    return frozenset(len(text[: m.start(g)].split()) for g in groups if m.start(g) >= 0)


NEEDED_SHARE = "fraction share portion proportion percentage percent"
"""Words that ask for a share and nothing else: a question saying one is answered only
by a share ('what part did it play' need not be)."""


def _said(seq: list[str], forms: tuple[str, ...]) -> bool:
    return any(True for _ in _forms_said(seq, forms))


MONEY = frozenset(
    stem(w)
    for w in "yuan renminbi rmb cny usd dollars euros pounds million billion trillion".split()
)
"""Words of money and its scales: 'how many **US dollars** did trade come to', 'how many
**billion yuan**' ask for an amount, not a count."""


def _counts_money(seq: list[str]) -> bool:
    """Whether 'how many' or 'number of' is followed, within three words, by money."""
    for form in COUNT_FORMS:
        pair = tuple(stem(w) for w in form.split())
        for i in range(len(seq) - 1):
            if tuple(seq[i : i + 2]) == pair and MONEY & set(seq[i + 2 : i + 5]):
                return True
    return False


MEASURES = """price cost revenue turnover profit income earnings throughput output wage
salary spending investment budget debt deficit surplus population value worth volume
amount capacity balance weight size speed distance length height range tariff tax
dividend fee subsidy"""
"""Nouns that name a measure of money or quantity: a question asking for one ('what is
the **price** of the e-bike', 'what was the container **throughput** of Yantian') wants
an amount, and only a record with one can answer it."""


GENERIC_MEASURES = frozenset(stem(w) for w in "value worth volume amount size turnover".split())
"""The measures that any amount is ('the **value** of trade'): the kind asked for, where
a *population* or a *price* is a measure of its own that the answer must name."""


def measure_asked(seq: list[str]) -> str | None:
    """The stem of the measure of its own a question asks for ('what is the **population**
    of ASEAN': not ASEAN's trade, though that is an amount too); None when it asks for
    none, or for one any amount is (:data:`GENERIC_MEASURES`)."""
    found = _measure_found(seq)
    if found is None:
        return None
    head = found.group(1) or found.group(2)
    return None if head in GENERIC_MEASURES else head


CHANGES = "growth rise increase decrease decline fall drop change gain"
"""Nouns that name a change: 'what was the **growth** of trade with Indonesia' asks for
one, and only a record with a change answers it."""


@lru_cache(maxsize=1)
def _asks_for_a_change() -> re.Pattern[str]:
    changes = "|".join(sorted({stem(w) for w in CHANGES.split()}))
    return re.compile(
        r"\bwhat (?:is|was|are|were|s) (?:(?:the|a|an|its|their) )?(?:[a-z]+ ){0,2}?"
        rf"(?:{changes}) (?:rate )?(?:of|in)\b"
    )


@lru_cache(maxsize=1)
def _asks_for_measure() -> re.Pattern[str]:
    measures = "|".join(sorted({stem(w) for w in MEASURES.split()}))
    return re.compile(
        r"\b(?:what|how (?:big|larg|high|much|low|small)) (?:is|was|are|were|s) "
        r"(?:(?:the|a|an|its|their) )?(?:[a-z]+ ){0,3}?"
        rf"({measures})(?: (?:of|for|at|in|on|with|between)\b|$)"
        # 'what **revenue** did the firm earn', 'how much **profit** does it make'
        rf"|\b(?:what (?:[a-z]+ )?|how much )({measures}) (?:{'|'.join(_AUXILIARIES)})\b"
    )


_AUXILIARIES = "do doe did is was are were has have had will would can could".split()
"""The stems of the auxiliaries after which 'what MEASURE' asks for it ('what **salary**
does Tu Xinquan earn'), as 'what is the MEASURE of' does."""


def asks_for_a_measure(seq: list[str]) -> bool:
    """Whether a question of these stems asks 'what is/was the ... MEASURE (of ...)'
    or 'how big/large/high/much was the ... MEASURE' (:data:`MEASURES`): the measure
    heads what it asks for, so it wants an amount."""
    return _measure_found(seq) is not None


def _measure_found(seq: list[str]) -> re.Match[str] | None:
    """Where a question of these stems asks for a measure (:func:`_asks_for_measure`)."""
    if "what" not in seq and "how" not in seq:
        return None
    return _asks_for_measure().search(" ".join(seq))


def _percent_change(seq: list[str]) -> bool:
    """Whether a word for a percentage comes right before a word for a change ('the
    **percentage gain**', 'a **percent increase**'): a change, in percent, not a share."""
    share = {stem(w) for w in ("percentage", "percent")}
    change = dict(_asked_kinds())["change"]
    return any(a in share and b in change for a, b in zip(seq, seq[1:], strict=False))


def _compared(seq: list[str]) -> bool:
    """Whether 'how much more' compares two things ('how much more is belt and road trade
    **than** ASEAN trade': their amounts), not one with its past (a change)."""
    return "than" in seq and _said(seq, ("how much more", "how much less"))


def asks_how_it_did(seq: Sequence[str]) -> bool:
    """Whether a question of these stems asks how something did, as *perform* and *fare*
    ask: 'how well did train cargo **do**', 'how is ASEAN trade **doing**' (its *how*,
    *well* and *do* are its form)."""
    return len(seq) > 3 and seq[0] == "how" and seq[-1] in ("do", "done")


HOW_IT_DID = frozenset({"well", "do", "done"})
"""The stems of the form of a question asking how something did (:func:`asks_how_it_did`)."""


def asked_kind(seq: list[str]) -> str | None:
    """The kind of figure a question of these stems asks for, if it says."""
    if (_said(seq, CHANGE_FORMS) and not _compared(seq)) or _percent_change(seq):
        return "change"
    if asks_how_it_did(seq):
        return "change"
    if asks_for_a_measure(seq):
        return "amount"
    if _said(seq, SHARE_FORMS):
        return "share"
    kinds = dict(_asked_kinds())
    have = set(seq)
    if _said(seq, SIZE_FORMS) and not (have & kinds["change"]) - SPEED and not have & _SHARE_NOUNS:
        return "amount"  # 'how big is the factory'; not 'how big was the rise', nor 'share'
    for kind, cues in _asked_kinds():
        if kind == "share" and _share_of_a_change(seq, kinds["change"]):
            return "change"  # 'what percentage did belt and road trade grow by'
        if kind == "count":
            if _said(seq, COUNT_FORMS):
                return "amount" if _counts_money(seq) else kind
        elif kind == "change" and not (have & cues) - SPEED:
            continue  # 'how fast is the smart bike': a speed, without a verb of change
        elif kind == "share" and not (have & cues) - _PARTS and _said(seq, COUNT_FORMS):
            continue  # 'how many countries are **part** of the initiative': a count
        elif kind == "figure" and not (have & cues) - _NUMBER and not _a_number_asked(seq):
            continue  # 'China's **number one** partner', 'a **number of** routes'
        elif have & cues:
            return kind
    return None


_SHARE_NOUNS = frozenset(stem(w) for w in "share portion proportion percentage fraction".split())
FIGURE_MODIFIERS = frozenset(
    """key main headline important major top big chief principal central core crucial
    vital notable salient essential basic primary leading official latest new newest
    recent""".split()
)
"""Words that say which figures a question wants as a reporter ranks them, not what
they measure: 'the **key** figures', 'the **headline** number', 'the **latest**
statistics' (right before a word asking for any figure, they are the question's form)."""
_NUMBER = frozenset({"number", "numbers"})
_RANKS = frozenset("one two three four five 1 2 3 4 5 1st 2nd 3rd".split())


def _a_number_asked(seq: list[str]) -> bool:
    """Whether 'number' asks for a figure: 'the headline **number** for trade', 'what
    are the latest **numbers**', not 'the **number one** partner' (a rank) nor 'the
    **number of** routes' (a count, when 'how many' does not say it)."""
    for i, s in enumerate(seq):
        if s in _NUMBER:
            after = seq[i + 1 : i + 2]
            if not after or (after[0] != "of" and after[0] not in _RANKS):
                return True
    return False


def _share_of_a_change(seq: list[str], change: frozenset[str]) -> bool:
    """Whether a question's percentage is a change's: 'what **percentage** did trade
    **grow** by' (no 'of' after it, a verb of change after it), not 'what percentage of
    trade grew'."""
    shares = {stem(w) for w in ("percentage", "percent")}
    for i, s in enumerate(seq):
        if s in shares and seq[i + 1 : i + 2] != ["of"]:
            return bool(set(seq[i + 1 :]) & (change - SPEED))
    return False


_PARTS = frozenset(stem(w) for w in ("part", "account", "accounted"))
"""Words of the share kind that say a share only when no 'how many' asks for a count."""

SPEED = frozenset({"fast", "faster"})
"""Words of the change kind that ask for one only beside a verb of change ('how **fast**
did trade grow'): alone they ask how fast a thing is."""


SIZE_FORMS = (
    tuple(
        f"how {w} {verb}"
        for w in "big large heavy tall wide deep old fast".split()
        for verb in "is are was were".split()
    )
    + tuple(f"how fast {verb}" for verb in ("does", "do"))
    + tuple(
        f"how {w} {verb}"
        for w in ("long", "far")
        for verb in "is are was were does do did will has have".split()
    )
)
"""'How big is the factory', 'how heavy is the engine', 'how long does testing take',
'how far is the factory from the port': a size, a time or a distance, in a figure; 'how
big a part of' asks for a share, 'how big was the rise' for a change (both read
first)."""

HOW_MUCH_DONE = ("how much did", "how much does", "how much do", "how much will")
AMOUNT_VERBS = """export exports exported import imports imported sell sells sold cost costs
spend spends spent earn earns earned pay pays paid invest invests invested buy buys
bought weigh weighs weighed amount amounts amounted total totals totalled totaled
reach reaches reached"""
"""Verbs whose 'how much' is a sum ('how much did China **export**', 'how much does the
bike **cost**'), where 'how much did the pandemic hurt trade' asks for a degree and
'how much were exports up' for a change."""


@cache
def _stems(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in text.split())


def kind_needed(seq: list[str], kind: str) -> bool:
    """Whether only a record with a figure of ``kind`` can answer: a question asking
    'how many' wants a count, one asking 'what percentage' a share. The other kinds'
    words ('value', 'big', 'grow') also say other things, so they only rank."""
    if kind == "count" or (kind == "amount" and asks_for_a_measure(seq)):
        return True
    if kind == "change" and _asks_for_a_change().search(" ".join(seq)) and "what" in seq:
        return True  # 'what was the growth of trade with Indonesia': a change, or nothing
    if kind == "amount" and _said(seq, SIZE_FORMS):
        return True  # 'how big is the Xidesheng factory': no figure of it, no answer
    if kind == "amount" and _said(seq, HOW_MUCH_DONE) and set(seq) & _stems(AMOUNT_VERBS):
        return True  # 'how much did China export to Indonesia': a sum, not a degree
    if kind == "amount" and _said(seq, ("how much",)) and set(seq) & _stems(WORTH):
        return True  # 'how much was trade with Indonesia worth': a sum, or nothing
    return kind == "share" and bool(set(seq) & {stem(w) for w in NEEDED_SHARE.split()})


WORTH = "worth valued cost costs"
"""Words by which 'how much ... **worth**' asks for a sum."""


def past_form(word: str) -> bool:
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
