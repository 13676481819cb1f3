"""What a figure in running text measures: its measure, scope, kind and period.

News copy says what each number measures in the words around it: "China's exports to
ASEAN rose 16.4 percent to 2.59 trillion yuan in the first five months, customs data
showed". :func:`read_figures` reads that sentence as a reporter would: the attribution
("customs data showed", "according to official figures") and the time ("in the first
five months") are set apart; the subject of the clause that holds the number is what
it measures ("China's exports to ASEAN"); a trailing "up 8.3 percent" or "a gain of 5%"
measures what its clause's main figure does; "accounting for 15.8 percent of X" is a
share of X; "19,000 trips" counts trips; "respectively" gives each figure its own item
of a list. The scope is the names in the measure. The period comes from the sentence,
read against the article's date (its dateline, or the date the editor gives).

``draft`` drafts every figure's measure, scope and period from here, marked as drafted;
``verify`` compares a sentence's figure only with figures of the base whose measure
agrees with the one read here. Plain functions over strings: nothing here knows the
base.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from typing import NamedTuple

from brtrade.core.numbers import Mention

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
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_COUNTS = {
    w: n
    for n, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve".split()
    )
}

# --------------------------------------------------------------------------
# The article's date

_DATELINE = re.compile(
    rf"^\s*(?P<place>[A-Z][A-Za-z .'’-]*?),\s+(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})"
    rf"(?:,\s*(?P<year>(?:19|20)\d\d))?\s*(?:\((?P<agency>[^)\n]{{1,40}})\)\s*)?"
    r"(?:--|—|–|-)\s*"
)


class Dateline(NamedTuple):
    """'BEIJING, March 7 (Xinhua) --': where and when an agency or wire story was filed."""

    text: str
    """The dateline as written, up to and including its dash."""
    month: int
    day: int
    year: int | None
    """The year, when the dateline writes it (most do not)."""


def dateline(text: str) -> Dateline | None:
    """The dateline the text opens with, if it has one."""
    m = _DATELINE.match(text)
    if m is None:
        return None
    return Dateline(
        m.group().rstrip(),
        MONTHS[m.group("month").rstrip(".").lower()],
        int(m.group("day")),
        int(m.group("year")) if m.group("year") else None,
    )


def article_date(line: Dateline | None, today: datetime.date) -> datetime.date | None:
    """The date a dateline gives, its year (when it writes none) the latest that is not
    after ``today``: a story drafted on the day it is filed, or in the months after."""
    if line is None:
        return None
    year = line.year or today.year
    try:
        day = datetime.date(year, line.month, line.day)
    except ValueError:
        return None
    if line.year is None and day > today:
        day = day.replace(year=year - 1)
    return day


# --------------------------------------------------------------------------
# Periods

_N = r"(?P<n>two|three|four|five|six|seven|eight|nine|ten|eleven|\d{1,2})"
_PERIODS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in (
        ("months", rf"\bfirst\s+{_N}\s+months\b(?:\s+of\s+(?:the\s+year|this\s+year|(?P<y>(?:19|20)\d\d)))?"),
        ("to", rf"\b{_N}\s+months\s+(?:to|through|ending(?:\s+in)?)\s+(?P<m>{_MONTH})(?:\s+(?P<y>(?:19|20)\d\d))?"),
        ("span", rf"\b(?P<m1>{_MONTH})\s*[-–]\s*(?P<m2>{_MONTH})\b(?:\s+(?P<y>(?:19|20)\d\d))?"),
        ("half", r"\b(?P<h>first|second)\s+half\b(?:\s+of\s+(?:the\s+year|this\s+year|(?P<y>(?:19|20)\d\d)))?"),
        ("quarter", r"\b(?:(?P<q>first|second|third|fourth)\s+quarter|Q(?P<qn>[1-4]))\b(?:\s+of\s+(?:the\s+year|this\s+year|(?P<y>(?:19|20)\d\d)))?"),
        ("month", rf"\b(?:in|during|for|of)\s+(?P<m>{_MONTH})(?!\s+\d)(?:\s+(?P<y>(?:19|20)\d\d))?(?:\s+alone)?\b"),
        ("last", r"\blast\s+year\b"),
        ("this", r"\bthis\s+year\b"),
        ("year", r"\b(?:in|for|during|of)\s+(?P<y>(?:19|20)\d\d)\b"),
    )
)
_QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4}


def _n(text: str) -> int:
    return int(text) if text.isdigit() else _COUNTS[text.lower()]


def period_of(sentence: str, date: datetime.date | None) -> str | None:
    """The period a sentence states, in ISO 8601, its year read against the article's
    ``date`` where the sentence gives none ('in the first two months' of a story filed
    on 7 March 2026: 2026-01/2026-02). None when it states none the date can place."""
    for name, pattern in _PERIODS:
        m = pattern.search(sentence)
        if m is None:
            continue
        groups = m.groupdict()
        year = int(groups["y"]) if groups.get("y") else (date.year if date else None)
        if name == "year":
            return str(year)
        if year is None:
            continue
        if name == "months":
            return f"{year}-01/{year}-{_n(groups['n']):02d}"
        if name == "to":
            last = MONTHS[groups["m"].rstrip(".").lower()]
            first = max(1, last - _n(groups["n"]) + 1)
            return f"{year}-{first:02d}/{year}-{last:02d}"
        if name == "span":
            a = MONTHS[groups["m1"].rstrip(".").lower()]
            b = MONTHS[groups["m2"].rstrip(".").lower()]
            return f"{year}-{a:02d}/{year}-{b:02d}"
        if name == "half":
            return f"{year}-H{1 if groups['h'].lower() == 'first' else 2}"
        if name == "quarter":
            q = int(groups["qn"]) if groups.get("qn") else _QUARTERS[groups["q"].lower()]
            return f"{year}-Q{q}"
        if name == "month":
            month = MONTHS[groups["m"].rstrip(".").lower()]
            if not groups.get("y") and date is not None and month > date.month:
                year -= 1  # 'in December', in a story of January
            return f"{year}-{month:02d}"
        if name == "last":
            return str(year - 1)
        return str(year)
    return None


# --------------------------------------------------------------------------
# Measures

_ATTRIBUTION = re.compile(
    r"(?:^|,\s*)(?:(?:customs|official|government|ministry|trade|preliminary|the)\s+)?"
    r"(?:data|figures|statistics|numbers)(?:\s+(?:from|released\s+by|by)\s+[^,]+?)?\s+"
    r"(?:showed|show|shows|revealed|indicated)\b[^,]*"
    r"|(?:^|,\s*)according\s+to\s+[^,]+(?:\([^)]*\))?"
    r"|,\s*(?:the\s+)?[\w'’ -]{2,60}?\s+(?:said|says|told\s+\w+|announced|reported)"
    r"(?:\s+(?:on|in)\s+\w+)?(?=\s*(?:,|$|\.))",
    re.IGNORECASE,
)
_LEAD = re.compile(
    rf"^(?:(?:in|during|for|over|by)\s+(?:the\s+)?(?:first|second|third|fourth|last|same)?\s*"
    rf"(?:\w+\s+)?(?:months?|half|quarter|period|year|{_MONTH})(?:\s+(?:of\s+)?(?:the\s+)?"
    rf"(?:year|this\s+year|\d{{4}}|alone))?|last\s+year|this\s+year|in\s+\d{{4}}),\s*",
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
_REPORTED_LEAD = re.compile(
    r"^(?:[A-Z][\w'’-]+\s+){0,6}?[A-Z][\w'’-]+(?:,[^,]{3,120},)?\s+"
    r"(?:said|says|told\s+(?:[A-Z][\w'’-]*\s*){1,3}|added|noted|estimated|expects?)\s+(?:that\s+)?"
)
_DEPENDENT = re.compile(
    r"^(?:up|down|an?\s+(?:increase|decrease|gain|rise|drop|decline|jump|fall|growth)|"
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
_DETERMINER = re.compile(r"^(?:and|while|whereas|but|so|with|the|a|an|its|their|also)\s+", re.I)
_EARLIER = re.compile(r"^(?:up|down)?\s*from\b|^compared\s+(?:with|to)\b|^against\b", re.I)
"""A dependent clause giving the earlier level of the figure before it ('up from 60%')."""
_RELATIVE = re.compile(
    r"(?P<np>(?:[\w'’-]+\s+){0,2}[\w'’-]+)\s+(?:that|which|who)\s+"
    r"(?P<verb>(?:(?:was|were|is|are|had|has|have|been|being)\s+)*[\w'’-]+)\s+$"
)
"""'durians that were picked less than 48 hours ago': the figure's clause is relative."""
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


class Reading(NamedTuple):
    """What one figure of a sentence measures, as read off the sentence."""

    measure: str
    """The words of the sentence that say what it measures: "China's exports to ASEAN"."""
    scope: str | None
    """The names in the measure: "China, ASEAN"."""
    kind: str
    """amount, count, change or share."""


def plain_clause(sentence: str) -> str:
    """The sentence without its attribution ('customs data showed', 'according to ...',
    ', the ministry said') and leading time phrase: what ``verify`` searches the base
    with, so that neither changes which claim a figure is compared with."""
    out = _ATTRIBUTION.sub("", sentence.strip().rstrip("."))
    return _LEAD.sub("", out).strip(" ,")


def _clean(phrase: str) -> str:
    phrase = phrase.strip(" ,;:—–-.“”\"‘’")
    for _ in range(3):
        phrase = _DETERMINER.sub("", phrase)
    phrase = _TRAIL_TIME.sub("", phrase)
    phrase = re.sub(r"\s+(?:worth|of|at|to|by|from|for|on|in|with|about|some)$", "", phrase)
    return phrase.strip(" ,;:—–-.“”\"‘’")


def _subject(segment: str, before: int) -> tuple[str, str, str]:
    """(subject, verb phrase, rest before the figure) of a clause whose figure starts at
    ``before``: the words before its first verb."""
    head = segment[:before]
    tokens = list(re.finditer(r"[\w'’-]+", head))
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
        if w.lower() in ("in", "on", "at", "from", "to", "for", "last", "this", "as", "year",
                         "up", "down", "a", "an", "the", "than", "and", "or", "since"):
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
    from brtrade.core.language import stem

    names: list[str] = []
    for i, m in enumerate(_NAME.finditer(measure)):
        name = re.sub(r"['’]s$", "", m.group()).strip(" .-")
        if m.start() == 0 and " " not in name and not re.search(r"['’]s$", m.group()):
            entry = english.lookup(stem(name.lower()))
            if entry is not None and not entry.name and not name.isupper():
                continue  # 'Trade ...': a capital for the sentence, not for a name
        if name and name not in names:
            names.append(name)
    return ", ".join(names) or None


def kind_of(sentence: str, m: Mention, unit: str) -> str:
    """amount, count, change or share, by the words around the figure."""
    if unit == "count":
        return "count"
    if unit != "percent":
        return "amount"
    before = sentence[max(0, m.start - 30) : m.start].lower()
    after = sentence[m.end : m.end + 40].lower()
    if re.search(r"(?:made|makes?|accounting|accounts?|accounted)\s+(?:up|for)\s+$|"
                 r"(?:share|proportion)\s+of\s+$|supply\w*\s+$|represent\w*\s+$", before):
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
    for m in (_MAJOR if respectively else _SEGMENT).finditer(sentence):
        segments.append((pos, m.start()))
        pos = m.end()
    segments.append((pos, len(sentence)))
    attribution = [(a.start(), a.end()) for a in _ATTRIBUTION.finditer(sentence)]
    out: list[Reading] = []
    last_subject = ""
    last_measure = ""
    last_scope: str | None = None
    for index, (m, unit) in enumerate(zip(mentions, units, strict=True)):
        s, e = next(((a, b) for a, b in segments if a <= m.start < max(b, a + 1)), (0, len(sentence)))
        for a, b in segments:  # the subject of an earlier segment, for one that has none
            if b <= s and not any(x <= a and b <= y for x, y in attribution):
                text = sentence[a:b]
                subject, verb, _ = _subject(text, len(text))
                if verb and _clean(subject):
                    last_subject = _clean(subject)
        segment = sentence[s:e]
        start, end = m.start - s, m.end - s
        # 'with Thailand supplying 57 percent and Vietnam 39 percent': each figure of a
        # parallel list reads from the 'and' before it.
        cut = max(
            (a.end() for a in re.finditer(r"\s+and\s+", segment[:start])
             if any(s <= x.end <= s + a.start() for x in mentions)),
            default=0,
        )
        if cut:
            segment, start, end = segment[cut:], start - cut, end - cut
        kind = kind_of(sentence, m, unit)
        subject, verb, between = _subject(segment, start)
        relative = _RELATIVE.search(segment[:start])
        if relative and len(_clean(subject)) < relative.start("np") + 1:
            subject, verb, between = relative.group("np"), relative.group("verb"), ""
        subject = _LEAD.sub("", _clean(subject))
        lead = _REPORTED_LEAD.match(subject)
        if lead:  # 'Lyu said trade in intermediate goods made up ...'
            subject = _clean(subject[lead.end() :])
        head = segment.strip()
        dependent = bool(_DEPENDENT.match(head)) and start <= len(segment) - len(head) + 40
        np = re.search(r"([\w'’ -]+?)\s+(?:of|worth|valued\s+at|totalling|totaling)\s+$", between)
        if dependent and _EARLIER.match(head) and out and units[index - 1] == unit:
            # 'up from 60%': the level before, of the same measure and kind
            out.append(out[-1])
            continue
        if np and not set(_clean(np.group(1)).lower().split()) <= _CHANGE_WORDS | {"a", "an"}:
            measure = _clean(np.group(1))
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
                measure = f"{subject} {thing}" if heads or not verb else f"{subject} {verb.strip()} {thing}"
            elif not heads:
                obj = re.match(r"\s+(?:on|for)\s+([^,]+)", segment[end:])
                if verb and obj:
                    measure = f"{subject} {verb.strip()} {_clean(obj.group())}"
        if kind == "share" and (whole := _of_object(segment, end)):
            measure = f"{measure} share of {whole}" if measure else f"share of {whole}"
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
