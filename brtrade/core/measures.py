"""What a figure in running text measures: its measure, scope and kind.

News copy says it in the words around the number: "China's exports to ASEAN rose 16.4
percent to 2.59 trillion yuan in the first five months, customs data showed".
:func:`read_figures` sets the attribution and the time apart; the subject of the clause
that holds the number is what it measures; a trailing "up 8.3 percent" or "a gain of 5%"
measures what its clause's main figure does; "accounting for 15.8 percent of X" is a
share of X; "19,000 trips" counts trips; "respectively" gives each figure its item of a
list. The scope is the names in the measure; periods are :mod:`brtrade.core.periods`'.
``draft`` drafts from here; ``verify`` compares a figure only with figures of the base
whose measure agrees (:func:`brtrade.core.verify.comparable`). Nothing here knows the base.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import NamedTuple

from brtrade.core.attribution import SAY, reported_lead
from brtrade.core.numbers import Mention
from brtrade.core.periods import MONTH_NAME as _MONTH
from brtrade.core.periods import WEEKDAYS

# --------------------------------------------------------------------------
# Measures

_SOURCE = (
    r"(?:(?:customs|official|government|ministry|trade|preliminary|the)\s+)?"
    r"(?:data|figures|statistics|numbers)(?:\s+(?:from|released\s+by|by)\s+[^,]+?)?\s+"
    r"(?:showed|show|shows|revealed|indicated)\b"
)
_ATTRIBUTION = re.compile(
    # Leading, the attribution is only itself: 'Customs data showed (that) trade rose'.
    rf"^{_SOURCE}(?:\s+that\b)?"
    # Trailing, it runs to the next comma: ', customs data showed on Tuesday'.
    rf"|,\s*{_SOURCE}[^,]*"
    r"|(?:^|,\s*)according\s+to\s+[^,]+(?:\([^)]*\))?"
    r"|,\s*(?:the\s+)?[\w'’ -]{2,60}?\s+(?:said|says|told\s+\w+|announced|reported)"
    r"(?:\s+(?:on|in)\s+\w+)?(?=\s*(?:,|$|\.))",
    re.IGNORECASE,
)
_LEAD = re.compile(
    rf"^(?:(?:in|during|for|over|by)\s+(?:the\s+)?(?:first|second|third|fourth|last|same)?\s*"
    rf"(?:\w+\s+)?(?:months?|half|quarter|period|year|{_MONTH})(?:\s+(?:of\s+)?(?:the\s+)?"
    rf"(?:year|this\s+year|\d{{4}}|alone))?|last\s+year|this\s+year|in\s+\d{{4}}"
    rf"|on\s+{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?"
    rf"|on\s+(?:{'|'.join(sorted(WEEKDAYS))})),\s*",
    re.IGNORECASE,
)
_TRAIL_TIME = re.compile(
    rf"\s+(?:in|during|for|over|through|by)\s+(?:the\s+)?(?:(?:first|second|third|fourth|"
    rf"last|same|full|past)\s+)?(?:\w+\s+)?(?:months?|half|quarter|period|year|{_MONTH}|"
    rf"\d{{4}})\b.*$|\s+(?:last|this)\s+year\b.*$",
    re.IGNORECASE,
)
_SEGMENT = re.compile(r";\s*|,\s+(?=while\b|whereas\b|but\b|and\b)|\s+(?=while\b|whereas\b)|,\s+")
_MAJOR = re.compile(r";\s*|,\s+(?=while\b|whereas\b|but\b)|\s+(?=while\b|whereas\b)")
"""Where a sentence that lists ('A, B and C grew 1, 2 and 3 percent respectively') is cut."""
_DEPENDENT = re.compile(
    r"^(?:up|down|an?\s+(?:[\w-]+\s+)?(?:increase|decrease|gain|rise|drop|decline|jump|fall|"
    r"growth)|"
    r"making\s+up|accounting\s+for|representing|compared\s+(?:with|to)|from|or|"
    r"roughly|about|nearly|almost|a\s+year\s+(?:earlier|ago)|against|versus|worth|"
    r"valued\s+at|or\s+about)\b",
    re.IGNORECASE,
)
_VERBS = frozenset(
    """rose rise rises rising fell fall falls falling grew grow grows growing reached reach
    reaches totaled totalled totals totaling totalling stood stands hit hits climbed climbs
    jumped jumps surged surges dropped drops declined declines increased increases decreased
    decreases expanded expands widened widens narrowed narrows edged edges slipped slid
    plunged soared soars was were is are has have had accounted accounts account made
    makes amounted amounts came handled handles moved moves carried carries ran recorded
    records registered posted logged signed bought buys imported exported supplied supply
    supplies approved shipped expect expects expected would will could may might can
    remained remains topped exceeded doubled tripled halved gained lost saw sees
    spent spend""".split()
)
_NOUNS_TOO = frozenset("supply supplies records rise fall spend expect".split())
"""Verbs of :data:`_VERBS` that open a noun phrase as often ('Supplies of rubber ...')."""
_ASIDE = re.compile(
    r"^(?:by|in|on|at|for|as|with|however|meanwhile|though|although|instead|also|still|"
    r"which|who|where|according|for\s+example|on\s+the\s+other\s+hand)\b",
    re.IGNORECASE,
)
"""A segment that is an aside ('by contrast', 'however'), a time or a relative clause:
never the subject of the clause after it."""
_MODIFIERS = frozenset(
    "a an the year-on-year annual annualised sharp slight modest steep strong record "
    "further small big marked".split()
)
"""Words that make 'a year-on-year increase of 64 percent' a change, not a measure."""
_COMPLEMENT = re.compile(
    r"^(?:.*?\b)?(?:said|says|told|added|noted|stated|estimated)\b[^,]*?\bthat\s+",
    re.IGNORECASE,
)
_WHERE_TO = re.compile(
    r"(?:\s+of\s+(?:[\w'’-]+\s+){0,2}?[\w'’-]+)?\s+(?:to|from)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*"
)
"""Where a counted thing goes or comes from: 'to China', 'from the European Union'."""
_OF_THING = re.compile(
    r"\s+of\s+((?:[\w'’-]+\s*){1,3}?)(?=\s*(?:$|[,;.]|\s(?:in|last|this|from|to|for|on)\b))"
)
_OBJECT = re.compile(
    rf"\s+(?:on|for|in|into)\s+(?!the\s+(?:first|second|third|fourth|same|period)\b|"
    rf"(?:19|20)\d\d|{_MONTH}|last\b|this\b)([^,]+)"
)
_CHANGE_WORDS = frozenset(
    "increase decrease gain rise drop decline jump fall growth surge climb".split()
)
_MEASURE_HEADS = frozenset(
    """trade exports export imports import surplus deficit investment investments value
    volume volumes shipments sales output revenue throughput growth prices price rates
    rate costs cost demand freight trips spending contracts capacity turnover production
    consumption tonnes tons units containers number share""".split()
)
_QUANTITIES = frozenset(
    "tons tonnes ton tonne barrels units pieces kilograms kg litres liters cubic metres "
    "meters bags boxes containers teus".split()
)
_DETERMINER = re.compile(
    r"^(?:and|while|whereas|but|so|with|the|a|an|its|their|also|said|says|added|that)\s+", re.I
)
_EARLIER = re.compile(r"^(?:up|down)?\s*from\b|^compared\s+(?:with|to)\b|^against\b", re.I)
"""A dependent clause giving the earlier level of the figure before it ('up from 60%')."""
_RELATIVE = re.compile(
    r"(?P<np>(?:[\w'’-]+\s+){0,2}[\w'’-]+)\s+(?:that|which|who)\s+"
    r"(?P<verb>(?:(?:was|were|is|are|had|has|have|been|being)\s+)*[\w'’-]+)\s+$"
)
"""'durians that were picked less than 48 hours ago': the figure's clause is relative."""
_SAID_LEAD = re.compile(
    r"^[\w'’ .&-]{2,80}?\s+(?:said|says|told\s+[\w ]{2,30}?|reported|estimated|noted|added|"
    r"warned)\s+(?:that\s+)?(?=\S)",
    re.IGNORECASE,
)
"""A leading attribution in a figure's subject that names no person the attribution
module knows ('Analysts at DBS Bank said freight rates ...'): what follows is measured."""
_RELATIVE_PRONOUNS = frozenset({"which", "that", "who"})
_EXPECTED = re.compile(
    r"([\w'’ -]+?)\s+to\s+(?:exceed|reach|top|hit|surpass|pass|rise\s+to|fall\s+to|"
    r"grow\s+to|climb\s+to)\s+$",
    re.IGNORECASE,
)
"""What a forecast's figure measures: the noun phrase before 'to exceed' ('expects
**durian exports** to exceed $4 billion')."""
_SAYING = frozenset(re.findall(r"[a-z]+", SAY))
"""The verbs of speech of an attribution (:data:`brtrade.core.attribution.SAY`)."""
_PASSIVE_LEAD = re.compile(
    r"^(?:(?:have|has|had|been|being|was|were|is|are|be)\s+)+[a-z]+(?:ed|en)\s+"
    r"(?:by|with|into|to|for)\s+",
    re.IGNORECASE,
)
"""A passive verb before the noun phrase of a figure ('have been **replaced by**
processed nickel products worth $5.8 billion')."""
_LIST = re.compile(
    r"(?P<items>(?:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*,\s+)+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*"
    r",?\s+and\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)"
)
_NAME = re.compile(r"\b[A-Z][\w'’.-]*(?:[\s-]+[A-Z][\w'’.-]*)*")


_YEARS_RUN = re.compile(
    r"[\w-]+\s+(?:(?:consecutive|straight|successive)\s+years?|years\s+in\s+a\s+row)\b"
    r"|\w+\s+(?:consecutive|straight|successive)\s+year\b",
    re.I,
)


_WINDOW = 240
"""How far from a figure, in characters, its measure is read."""


class Reading(NamedTuple):
    """What one figure of a sentence measures, as read off the sentence."""

    measure: str
    """The words of the sentence that say what it measures: "China's exports to ASEAN"."""
    scope: str | None
    """The names in the measure: "China, ASEAN"."""
    kind: str
    """amount, count, change or share."""


DATELINE = re.compile(
    rf"^\s*[A-Z][A-Z .'’-]{{1,40}}(?:,\s*{_MONTH}\s+\d{{1,2}})?\s*"
    r"(?:\([^)]{1,40}\))?\s*[-–—]{1,2}\s+"
)
"""A wire story's dateline: 'BEIJING, Jan. 14 (Reuters) - ', 'SHANGHAI (Xinhua) -- ':
where and when it was filed, and by whom, not what its sentence is about."""


def plain_clause(sentence: str) -> str:
    """The sentence without its dateline, attribution ('customs data showed', 'according
    to ...', ', the ministry said') and leading time phrase: what ``verify`` searches the
    base with, so that none changes which claim a figure is compared with."""
    out = _LEAD.sub("", DATELINE.sub("", sentence.strip()).rstrip("."))
    out = _ATTRIBUTION.sub("", out)  # 'On March 5, customs data showed (that) ...'
    return _LEAD.sub("", out).strip(" ,")


def _unattributed(subject: str) -> str:
    """A subject without a leading attribution: 'Lyu said (that) trade in intermediate
    goods', 'The council said shipments to India', 'Analysts at DBS Bank said freight
    rates': what follows is measured."""
    if lead := reported_lead(subject):
        return _clean(subject[lead:])
    if said := _SAID_LEAD.match(subject):
        return _clean(subject[said.end() :])
    return subject


def _clean(phrase: str) -> str:
    phrase = phrase.strip(' ,;:—–-.“”"‘’')
    for _ in range(3):
        phrase = _DETERMINER.sub("", phrase)
    phrase = _TRAIL_TIME.sub("", phrase)
    phrase = re.sub(r"\s+(?:worth|of|at|to|by|from|for|on|in|with|about|some)$", "", phrase)
    return phrase.strip(' ,;:—–-.“”"‘’')


def _subject(segment: str, before: int) -> tuple[str, str, str]:
    """(subject, verb phrase, rest before the figure) of a clause whose figure starts at
    ``before``: the words before its first verb."""
    head = segment[:before]
    tokens = list(re.finditer(r"[\w'’-]+", head))
    if tokens and tokens[0].group().lower() in _VERBS - _NOUNS_TOO:
        # 'Imports from China, by contrast, fell 20.3%': the subject is an earlier segment's
        return "", head[: tokens[0].end()], head[tokens[0].end() :]
    for i, t in enumerate(tokens):
        if t.group().lower() in _VERBS and i > 0:
            verb_end = t.end()
            while i + 1 < len(tokens) and tokens[i + 1].group().lower() in _VERBS:
                i += 1
                verb_end = tokens[i].end()
            return head[: t.start()], head[t.start() : verb_end], head[verb_end:]
    return head, "", ""


def _after(segment: str, end: int, limit: int = 5) -> str:
    """The words right after a figure, up to a preposition, a comma or ``limit`` words."""
    rest = segment[end:]
    m = re.match(r"\s*((?:[\w'’-]+|\([A-Za-z]+\))(?:\s+(?:[\w'’-]+|\([A-Za-z]+\)))*)", rest)
    if m is None:
        return ""
    out = []
    for w in m.group(1).split():
        if w.lower() in (
            "in",
            "on",
            "at",
            "from",
            "to",
            "for",
            "last",
            "this",
            "as",
            "year",
            "up",
            "down",
            "a",
            "an",
            "the",
            "than",
            "and",
            "or",
            "since",
        ):
            break
        out.append(w)
        if len(out) == limit:
            break
    return " ".join(out)


def _of_object(segment: str, end: int) -> str:
    m = re.match(r"\s+of\s+(.+)", segment[end:])
    if m is None:
        return ""
    whole = re.split(r"\s+(?:in|from|last|this|during|as|since|on|at|by|to)\s+|,", m.group(1))[0]
    return _clean(whole)


def _scope(measure: str) -> str | None:
    from brtrade.core import english
    from brtrade.core.stems import stem

    names: list[str] = []
    for _i, m in enumerate(_NAME.finditer(measure)):
        name = re.sub(r"['’]s$", "", m.group()).strip(" -")
        name = name if re.search(r"\w\.\w", name) else name.rstrip(".")  # 'U.S.' keeps its dot
        if m.start() == 0 and " " not in name and not re.search(r"['’]s$", m.group()):
            entry = english.lookup(stem(name.lower()))
            if entry is not None and not entry.name and not name.isupper():
                continue  # 'Trade ...': a capital for the sentence, not for a name
        if name and name not in names:
            names.append(name)
    return ", ".join(names) or None


_TIME = re.compile(
    rf"\b(?:in|during|for|over|through)\s+(?:the\s+)?(?:(?:first|second|third|fourth|last|"
    rf"same|full|past)\s+)?(?:\w+\s+)?(?:months?|half|quarter|period|{_MONTH})\b"
    rf"(?:\s+(?:of\s+)?(?:the\s+year|this\s+year|alone))?|\b(?:last|this)\s+year\b",
    re.IGNORECASE,
)


def search_text(sentence: str) -> str:
    """A sentence as ``verify`` asks the base about it: without its attribution and its
    time phrases ('customs data showed', 'in the first five months'), which say nothing
    of which claim it is about (its years stay: they pick the year)."""
    text = _REPORTING.sub(" ", plain_clause(sentence))  # 'Tu Xinquan **noted that** ...'
    return re.sub(r"\s{2,}", " ", _TIME.sub(" ", text)).strip()


_REPORTING = re.compile(rf"\b{SAY}(?:\s+that)?\b")
"""A verb of attribution, and its 'that': who reports a figure says nothing of which
claim it is (:data:`brtrade.core.attribution.SAY`)."""


def kind_of(sentence: str, m: Mention, unit: str) -> str:
    """amount, count, change or share, by the words around the figure."""
    if unit == "count":
        return "count"
    if unit != "percent":
        return "amount"
    before = sentence[max(0, m.start - 30) : m.start].lower()
    after = sentence[m.end : m.end + 40].lower()
    if re.search(
        r"(?:made|makes?|accounting|accounts?|accounted)\s+(?:up|for)\s+"
        r"(?:another\s+|an?\s+(?:additional|further)\s+|a\s+further\s+)?$|"
        r"(?:share|proportion)\s+of\s+$|supply\w*\s+$|represent\w*\s+$",
        before,
    ):
        return "share"
    if re.match(r"\s*(?:of|of\s+the)\b(?!\s+(?:growth|increase|\d))", after):
        return "share"
    if re.match(r"\s*(?:share|of\s+the\s+total)\b", after):
        return "share"
    return "change"


def read_figures(sentence: str, mentions: Sequence[Mention], units: Sequence[str]) -> list[Reading]:
    """What each figure of ``sentence`` measures (``mentions`` in order, with the unit
    each is drafted in)."""
    segments: list[tuple[int, int]] = []
    pos = 0
    respectively = "respectively" in sentence.lower()
    for sep in (_MAJOR if respectively else _SEGMENT).finditer(sentence):
        segments.append((pos, sep.start()))
        pos = sep.end()
    segments.append((pos, len(sentence)))
    attribution = [(a.start(), a.end()) for a in _ATTRIBUTION.finditer(sentence)]
    out: list[Reading] = []
    last_subject = ""
    last_measure = ""
    last_scope: str | None = None
    seg_starts = [a for a, _ in segments]
    att_starts = [a for a, _ in attribution]
    ends = [x.end for x in mentions]
    seen = 0  # segments before this figure's, read for their subject once each
    open_subject = False
    for index, (m, unit) in enumerate(zip(mentions, units, strict=True)):
        k = max(bisect.bisect_right(seg_starts, m.start) - 1, 0)
        s, e = segments[k]
        while seen < k:  # the subject of an earlier segment, for one that has none
            a, b = segments[seen]
            seen += 1
            j = bisect.bisect_right(att_starts, a) - 1
            if j >= 0 and attribution[j][1] >= b:
                continue  # 'customs data showed': no subject of a figure
            text = sentence[max(a, b - _WINDOW) : b]
            subject, verb, _ = _subject(text, len(text))
            if verb and _clean(subject):
                last_subject, open_subject = _unattributed(_clean(subject)), False
            elif not verb and not open_subject and not _ASIDE.match(text.strip()):
                noun = _unattributed(_LEAD.sub("", _clean(text)))
                if noun and not _LEAD.match(text.strip() + ", "):
                    # 'Imports from China, by contrast, fell': the subject before an aside
                    # (the first of a run: 'Port X, the world's busiest port, handled')
                    last_subject, open_subject = noun, True
        # A figure reads from the words near it: a sentence of a thousand figures costs
        # a thousand windows, not a million words.
        s, e = max(s, m.start - _WINDOW), min(e, m.end + _WINDOW)
        segment = sentence[s:e]
        start, end = m.start - s, m.end - s
        # 'with Thailand supplying 57 percent and Vietnam 39 percent': each figure of a
        # parallel list reads from the 'and' before it.
        cut = 0
        for conj in re.finditer(r"\s+and\s+", segment[max(0, start - 80) : start]):
            at = max(0, start - 80) + conj.start()
            i = bisect.bisect_right(ends, s + at) - 1
            if i >= 0 and ends[i] >= s and not respectively:
                cut = max(0, start - 80) + conj.end()
        if not re.search(r"[A-Za-z]", segment[cut:start]):
            cut = 0  # '..., 9.7 percent and 6.2 percent': no subject of its own
        if cut:
            segment, start, end = segment[cut:], start - cut, end - cut
        kind = kind_of(sentence, m, unit)
        subject, verb, between = _subject(segment, start)
        subject = _COMPLEMENT.sub("", subject)  # '..., said in an interview that the port'
        relative = _RELATIVE.search(segment[:start])
        if relative and len(_clean(subject)) < relative.start("np") + 1:
            subject, verb, between = relative.group("np"), relative.group("verb"), ""
        subject = _LEAD.sub("", _clean(subject))
        subject = _unattributed(subject)
        if subject.lower() in _RELATIVE_PRONOUNS | _SAYING:
            subject = ""  # 'Transhipment cargo, which accounts for 85 percent': the one before
        head = segment.strip()
        dependent = bool(_DEPENDENT.match(head)) and start <= len(segment) - len(head) + 40
        np = re.search(r"([\w'’ -]+?)\s+(?:of|worth|valued\s+at|totalling|totaling)\s+$", between)
        np = np or _EXPECTED.search(between)  # 'expects durian exports to exceed $4 billion'
        if verb.strip().lower() in _SAYING:
            verb = ""  # 'said more than 1,200 trucks crossed': whose words, not the figure's
        if dependent and _EARLIER.match(head) and out and units[index - 1] == unit:
            # 'up from 60%': the level before, of the same measure and kind
            out.append(out[-1])
            continue
        if not subject and verb and not dependent and last_subject:
            subject = last_subject  # 'Imports from China, by contrast, fell 20.3%'
        if np and not set(_clean(np.group(1)).lower().split()) <= _CHANGE_WORDS | _MODIFIERS:
            # the noun phrase from its last determiner: 'confident **the full-year target**
            # of $300 billion'
            phrase = _PASSIVE_LEAD.sub("", np.group(1).strip())  # "been replaced by ..."
            ends = [d.end() for d in re.finditer(r"\b(?:the|a|an|its|their|our)\s+", phrase)]
            measure = _clean(phrase[ends[-1] :] if ends and ends[-1] < len(phrase) else phrase)
        elif (
            not subject
            and not dependent
            and unit == "count"
            and (thing_first := _after(segment, end))
        ):
            measure = thing_first  # 'fewer than 60 mills are certified': the figure is the subject
        elif dependent or not subject:
            measure = last_measure or last_subject or subject
        elif unit == "count" and _YEARS_RUN.match(segment[start:]):
            measure = "years " + _clean(f"{subject} {verb} {between}")
        else:
            measure = subject
            heads = {w.lower() for w in re.findall(r"\w+", subject)} & _MEASURE_HEADS
            if unit == "count" and (thing := _after(segment, end)):
                of = re.match(r"\s+of\s+((?:[\w'’-]+\s*){1,3})", segment[end + len(thing) + 1 :])
                if of and thing.lower().split()[-1] in _QUANTITIES:
                    thing = f"{thing} of {_clean(of.group(1))}"  # 'tons of fresh durians'
                if to := _WHERE_TO.match(segment, end + len(thing) + 1):
                    thing = f"{thing} {to.group().strip()}"  # '... of milled rice to China'
                measure = (
                    f"{subject} {thing}"
                    if heads or not verb
                    else f"{subject} {verb.strip()} {thing}"
                )
            elif unit in ("CNY", "USD") and (of := re.match(_OF_THING, segment[end:])):
                measure = f"{subject} {_clean(of.group(1))}"  # '175 trillion yuan of payments'
            elif not heads:
                if obj := re.match(_OBJECT, segment[end:]):
                    measure = f"{subject} {verb.strip()} {_clean(obj.group())}".replace("  ", " ")
        if unit == "percent" and kind == "change" and re.search(r"\bshare\s+of\b", measure):
            kind = "share"  # "Vietnam's share of U.S. imports could pass 5 percent"
        if kind == "share" and (whole := _of_object(segment, end)):
            longer = f"{measure} share of {whole}"
            measure = longer if measure and len(longer.split()) <= 10 else f"share of {whole}"
        if respectively:
            items = _LIST.search(measure)
            if items:
                parts = re.split(r",\s+(?:and\s+)?|\s+and\s+", items.group("items"))
                same = [i for i, u in enumerate(units) if u == unit]
                if len(parts) == len(same) and index in same:
                    part = parts[same.index(index)].removeprefix("the ")
                    measure = measure[: items.start()] + part + measure[items.end() :]
        measure = re.sub(r"\s+", " ", measure).strip()
        if dependent and measure == last_measure:
            scope = last_scope
        else:
            scope = _scope(subject if unit == "count" and subject else measure)
        if kind != "share" and not dependent:
            last_measure, last_scope = measure, scope
        out.append(Reading(measure, scope, kind))
    return out
