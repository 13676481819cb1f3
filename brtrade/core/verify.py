"""Checking a draft against the base, figure by figure and quote by quote.

Pure: it reads a draft's text and asks the base through ``search`` (the matcher
without its floor, :meth:`brtrade.index.store.FactStore.candidates`), so the
index answers for a large base and memory for a small one, alike. Figures are
found by the one figure parser (:func:`brtrade.core.numbers.find_mentions`);
what a figure is about is found by the one matcher (:mod:`brtrade.core.match`).

Verdicts, and the rules behind them (docs/verify.md):

- figure ``supported``: a figure of the base, of the same unit, that the
  sentence is about, agrees with the draft's number at the precision the draft
  wrote it ('4.7 trillion' agrees with 4.74 trillion, not 4.76);
- figure ``contradicted``: the figure the sentence is most about (it covers at
  least half of the sentence's words, same unit, same year if the sentence names
  one) disagrees, and no figure as much about it agrees;
- quote ``supported``: the passage's words occur in a quote of the base in that
  order (ignoring case, punctuation, quote marks and spacing), by the speaker
  the draft names, if it names one; ``misattributed``: by someone else;
  ``misquoted``: most of its words are in a quote, but not as written;
- ``not-found``: nothing in the base is about it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import Any

from brtrade.core import quotations
from brtrade.core.draft_text import Draft, passages, plain
from brtrade.core.findings import PROBLEMS, VERDICTS, Finding, Search
from brtrade.core.goods import traded_goods
from brtrade.core.language import MONTHS
from brtrade.core.measures import Reading, read_figures, search_text
from brtrade.core.names import named_in
from brtrade.core.numbers import (
    FIGURE_UNITS,
    SMALL_NUMBERS,
    Mention,
    find_mentions,
    format_number,
)
from brtrade.core.periods import (
    MONTH_NAME,
    WEEKDAYS,
    measured_against,
    months,
    period_of,
)
from brtrade.core.text import fold, strip_controls, words

__all__ = ["PROBLEMS", "VERDICTS", "Finding", "Search", "summary", "verify_draft"]

ABOUT = 0.5
"""A sentence is about a record that covers at least this share of its words."""
SUPPORT = 0.25
"""A figure that agrees supports the draft when its record covers at least this share."""


# --------------------------------------------------------------------------
# Figures


_HEADS = {
    word: head
    for head, spellings in (
        ("trade", "trade"),
        ("exports", "export exports"),
        ("imports", "import imports"),
        ("surplus", "surplus"),
        ("deficit", "deficit"),
        ("investment", "investment investments"),
        ("sales", "sales"),
        ("shipments", "shipments"),
        ("throughput", "throughput"),
        ("output", "output"),
        ("revenue", "revenue"),
        ("prices", "price prices"),
        ("costs", "cost costs"),
        ("spending", "spending"),
        ("contracts", "contracts"),
        ("trips", "trips"),
        ("passengers", "passengers travellers"),
        ("settlement", "settlement"),
        ("payments", "payments"),
        ("demand", "demand"),
    )  # fmt: skip
    for word in spellings.split()
}


_ABROAD = frozenset({"overseas", "foreign", "abroad", "international", "outbound", "export"})
"""Words that make sales or shipments exports."""


def measure_head(measure: str) -> str | None:
    """The one word a measure is of: 'exports' for "China's exports to ASEAN", 'trade' for
    "China's imports and exports with ..." and "trade volume with ASEAN"; None when it
    names none of the measures news copy reports. ``verify`` compares a figure only with
    figures of the same head."""
    said = re.findall(r"[a-z]+", measure.lower())
    found = [_HEADS[w] for w in said if w in _HEADS]
    if not found:
        return None
    if found[0] in ("sales", "shipments") and _ABROAD & set(said):
        return "exports"  # 'overseas sales', 'foreign shipments'
    if {"exports", "imports"} <= set(found[:3]) and "trade" not in found[:1]:
        return "trade"  # 'imports and exports', 'import and export value'
    return found[0]


def comparable(reading: Reading, measure: str, scope: str | None, kind: str) -> bool:
    """Whether a figure read off a sentence can be the base's figure of ``measure``,
    ``scope`` and ``kind``: the same kind of percentage (a share is no growth rate), the
    same head of measure (exports are not total trade), scopes that share a name (exports
    to Thailand are not exports to Vietnam). What one side does not say never differs."""
    if {reading.kind, kind} == {"share", "change"}:
        return False
    if kind != "share":
        mine, theirs = measure_head(reading.measure), measure_head(measure)
        if mine and theirs and mine != theirs:
            return False
    if reading.scope and scope:
        have = {n.strip().lower() for n in reading.scope.split(",")}
        want = {n.strip().lower() for n in scope.removeprefix("(draft) ").split(",")}
        if have and want and not have & want:
            return False
    return True


def _years(draft: Draft, mentions: Iterable[Mention]) -> set[str]:
    """The years a sentence is about: its years, but for those it compares with
    ('up 7% from 2019' is about 2020, or at least not about 2019)."""
    return {
        str(int(m.value))
        for m in mentions
        if m.is_year and not measured_against(words(draft.text[max(0, m.start - 40) : m.start]))
    }


_CAPITALISED = re.compile(r"(?<![.!?:“\"‘]\s)\b[A-Z][a-z]+(?:[A-Z][a-z]+)*\b")


_LOWER_WORD = re.compile(r"\b[a-z]{3,}\b")
_PARTNER = re.compile(
    r"\b(?i:trade|trading|traded|exports?|exported|imports?|imported|shipments?|commerce)"
    r"\s+(?:with|to|from|between)\s+(?:the\s+)?(?P<who>(?:[A-Z][\w&.-]*(?:\s+|$))+)"
)
"""Whom a sentence says trade was with ('trade **with Indonesia**', 'exports **to
Singapore**'): written as a name, capitalised."""


def _partners(sentence: str, entities: Sequence[tuple[str, Sequence[str]]]) -> set[str]:
    """The entities a sentence names as whom trade was with (:data:`_PARTNER`)."""
    return {eid for m in _PARTNER.finditer(sentence) for eid in named_in(m.group("who"), entities)}


CORPORATE = frozenset(
    "co corp corporation inc incorporated ltd limited plc llc ag sa nv bv gmbh".split()
)
"""What a company's name ends with, saying what kind of body it is: never a name the
base must know ('Shenzhen Xidesheng Bicycle **Co**' is the base's company)."""


NEWS_AGENCIES = frozenset("xinhua reuters afp ap bloomberg cgtn cctv dpa kyodo yonhap".split())
"""The wire services a story is filed by or told to ('SHANGHAI (**Xinhua**) --', 'told
**Reuters**'): who reports it, not what its figures are about."""


def _strangers(text: str, known: Callable[[str], bool], places: Collection[str] = ()) -> list[str]:
    """Names in the sentence that no record of the base holds: 'Africa' in a sentence
    about trade (capitalised, or a word general English knows only as a name; a first
    word only when it is no common word, or a name first: 'Japan accounted for'). A
    sentence naming one may be about something the base does not cover, so it is never
    said to contradict the base."""
    from brtrade.core import english
    from brtrade.core.stems import stem

    found = []
    text = text.strip()
    for m in _CAPITALISED.finditer(text):
        word = fold(m.group())
        if word in CORPORATE or word in NEWS_AGENCIES or _known_name(word, known, places):
            continue  # 'Bicycle **Co**': the kind of body; 'told **Xinhua**': who reports
        if word.rstrip(".") in MONTHS or word in WEEKDAYS:
            continue  # 'in **July**-December': when, not who or where
        if m.start() == 0 and not re.match(r"['’]s\b", text[m.end() :]):
            entry = english.lookup(stem(word))
            if entry is not None and not entry.mostly_name:
                continue  # 'Exports to': a capital for the sentence ('Chile's', 'Japan' are names)
        found.append(m.group())
    for m in _LOWER_WORD.finditer(text):  # 'exports to africa': a name written in lower case
        word = m.group()
        entry = english.lookup(stem(word))
        if entry is not None and entry.name and not known(word):
            found.append(word)
    return found


def _unknown_kinds(
    text: str, search: Search, known: Callable[[str], bool], seen: dict[str, bool]
) -> list[str]:
    """What the sentence says is traded, exported or imported when no record is about
    it: 'China's **services** trade', '**car** exports', 'imports of **soybeans**'
    (:func:`brtrade.core.goods.traded_goods`) that no record holds (``known``) and
    the search finds nowhere, even through the editors' vocabulary: '**rail** trade' is
    the article's trade by train. A figure of such a sentence is another measure than
    the base's, however close its number: not found. ``seen`` keeps each word's answer
    for the draft (a search ranks every record holding the word: at 100k, 0.1 s)."""
    found = []
    for low in traded_goods(text):
        if low not in seen:
            seen[low] = known(low) or bool(search("claim", low, 1))
        if not seen[low]:
            found.append(low)
    return found


_YEARS_LONG = re.compile(
    r"\b(?:within|over|in|during|for)\s+(?:the\s+)?(?:past\s+|last\s+|next\s+)?"
    r"(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+years\b|"
    r"\bsince\s+(?:19|20)\d\d\b|\bover\s+(?:a|the\s+past|the\s+last)\s+decade\b",
    re.IGNORECASE,
)
"""A period of several years ('doubled **within three years**', '**since 2015**'): the
base's figures are of a year or part of one, so such a figure is none of them."""


def _known_name(word: str, known: Callable[[str], bool], places: Collection[str] = ()) -> bool:
    """Whether the base holds a name or the place's word for its people and things:
    'Asia' of 'Southeast Asian Nations', 'Chinese' of 'China'; or the capital of one of
    its ``places`` (:func:`_capital_of`)."""
    from brtrade.core.paraphrase import DEMONYM_ENDINGS

    if known(word):
        return True
    if _capital_of(word, places):
        return True  # 'Beijing's trade' is China's
    heads = {word, word[:-1], word[:-2]} if len(word) > 4 else {word}
    if any(known(h + e) for h in heads for e in DEMONYM_ENDINGS):
        return True  # 'asia' -> 'asian', 'china' -> 'chinese'
    return any(
        word.endswith(e) and known(word[: -len(e)] + tail)
        for e in DEMONYM_ENDINGS
        if len(word) - len(e) >= 4
        for tail in ("", "a", "e")
    )  # 'indonesian' -> 'indonesia'


def _capital_of(word: str, places: Collection[str]) -> bool:
    """Whether ``word`` names the capital of one of ``places`` (the stems of the base's
    one-word place names: 'china'): news copy names a country by its capital, as
    'Beijing's trade' (:func:`brtrade.core.paraphrase.seat_of`). Not any city of it
    ('Guangzhou' is in China, and no capital), nor the capital of a place the base does
    not name ('Tokyo')."""
    from brtrade.core.paraphrase import seat_of
    from brtrade.core.stems import stem

    return seat_of(stem(word), places) is not None


def place_stems(entities: Iterable[tuple[str, str, Sequence[str]]]) -> frozenset[str]:
    """The stems of the base's one-word entity names and aliases ('China', 'ASEAN'; not
    'Yantian Port'), as :func:`verify_draft` takes its ``places``."""
    from brtrade.core.stems import stem

    return frozenset(
        stem(fold(n)) for _, name, aliases in entities for n in (name, *aliases) if n.isalpha()
    )


_COUNTED_IN_WORDS = re.compile(
    rf"\b(?P<n>{'|'.join(w for w, n in SMALL_NUMBERS.items() if n >= 2)})"
    r"(?=(?:\s+[a-z-]+){0,3}?\s+(?P<noun>[a-z]+s)\b)",
    re.IGNORECASE,
)
_TIME_UNITS = frozenset(
    "years months weeks days hours minutes seconds decades quarters halves times".split()
)


def counts_in_words(text: str) -> list[Mention]:
    """Counts written in words, as news style writes numbers under ten ('**three** new
    routes', 'twelve new routes'): a number word before a plural noun, within two words;
    not a span of time ('five years') nor 'times'."""
    out: list[Mention] = []
    for m in _COUNTED_IN_WORDS.finditer(text):
        if m.group("noun").lower() in _TIME_UNITS:
            continue
        value = float(SMALL_NUMBERS[m.group("n").lower()])
        out.append(
            Mention(
                value=value,
                unit=None,
                start=m.start(),
                end=m.end(),
                text=m.group("n"),
                decimals=0,
                scale=1.0,
                approximate=False,
            )
        )
    return out


_FALL_VERBS = (
    r"fell|fall(?:s|ing|en)?|declin(?:e|es|ed|ing)|drop(?:s|ped|ping)?|slip(?:s|ped)?|"
    r"slid(?:e|es|ing)?|shr[iau]nk(?:s|ing)?|decreas(?:e|es|ed|ing)|slump(?:s|ed|ing)?|"
    r"plung(?:e|es|ed|ing)|plummet(?:s|ed|ing)?|tumbl(?:e|es|ed|ing)"
)
"""The verbs of a fall (and no noun: 'contract', 'dip' and 'down' only say a fall just
before a figure, in :data:`_FALLS`)."""

_FALLS = re.compile(
    rf"\b(?:{_FALL_VERBS}|contract(?:s|ed|ing)?|dip(?:s|ped)?|sank|sink(?:s|ing)?|"
    r"eas(?:e|es|ed|ing)|down|lower)\s+"
    r"(?:by\s+)?(?:(?:about|some|nearly|almost|around|roughly|over|more\s+than)\s+)?$|"
    r"\b(?:a|an)\s+(?:\w+\s+)?(?:fall|drop|decline|decrease|contraction|slump|dip)\s+of\s+$",
    re.IGNORECASE,
)
"""Words that say a change was a fall, just before its figure: 'exports **fell** 30
percent', 'trade was **down** 1 percent', '**a sharp drop of** 7 percent'."""

_FALL_VERB = re.compile(rf"\b(?:{_FALL_VERBS})\b", re.IGNORECASE)
"""Verbs of a fall, read as 'rose' when searching for what a sentence is about: which
claim it is about does not depend on which way the change went (that is judged apart)."""


def says_fall(text: str, start: int) -> bool:
    """Whether the words just before ``start`` in ``text`` say a change was a fall."""
    return _FALLS.search(text[max(0, start - 60) : start]) is not None


def _same_part(claim: dict[str, Any], part: frozenset[tuple[int, int]]) -> bool:
    """Whether a claim's period, or one of its figures', overlaps the part of a year a
    sentence names (a claim of a whole year does not: it is another measure)."""
    periods = [claim.get("period"), *(f.get("period") for f in claim["figures"])]
    return any((of := months(p)) is not None and of & part for p in periods)


def _period_years(period: str | None) -> set[str]:
    return set(re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", period or ""))


_DAY_BEFORE = re.compile(rf"\b{MONTH_NAME}\s+$")
_DAY_AFTER = re.compile(rf"\s+{MONTH_NAME}\b")


def _is_a_day(draft: Draft, m: Mention) -> bool:
    """Whether a bare number is the day of a date ('Jan. 14', '14 January'): no figure."""
    if m.unit is not None or m.scale != 1 or not 1 <= m.value <= 31 or m.decimals:
        return False
    before = draft.text[max(0, m.start - 12) : m.start]
    return bool(_DAY_BEFORE.search(before) or _DAY_AFTER.match(draft.text, m.end))


def _is_list_marker(draft: Draft, m: Mention) -> bool:
    line_start = draft.line_start(m.start)
    near = draft.text[max(line_start, m.start - 64) : m.start].strip()
    if m.start - line_start > 64 and near not in ("", "#", "##", "###"):
        return False  # deep in a line: no marker (and no slice of a long line per figure)
    before = draft.text[line_start : m.start].strip()
    after = draft.text[m.end : m.end + 1]
    return before in ("", "#", "##", "###") and after in (".", ")") and m.unit is None


MAX_FIGURES = 10_000
"""verify checks at most this many figures of one draft (a long feature has tens), and
says so when there are more: the time a draft at its size limit takes stays bounded."""
MAX_QUOTATIONS = 1_000
"""...and at most this many quotations."""


def check_figures(
    draft: Draft,
    search: Search,
    known: Callable[[str], bool] = lambda w: True,
    cut: list[str] | None = None,
    places: Collection[str] = (),
    entities: Sequence[tuple[str, Sequence[str]]] = (),
    speakers: Sequence[tuple[str, str]] = (),
) -> list[Finding]:
    """Every figure of the draft with its verdict (the first :data:`MAX_FIGURES`; when
    there are more, a note in ``cut``). ``entities`` (id and names) tell what a sentence
    names: a claim about each comes before one that is not (see :func:`_judge`).
    ``speakers`` (id, name): a figure the sentence reports as a speaker's words ('Zhou
    Mi said rail trade grew 34.4 percent') is misattributed when the base gives it as
    another's, or as no one's (:func:`_misattributed`)."""
    out: list[Finding] = []
    kinds: dict[str, bool] = {}  # what is traded, by word: whether a record is about it
    left = MAX_FIGURES
    all_mentions = find_mentions(draft.text, spelled=True)
    worded = counts_in_words(draft.text)
    in_words = {m.start for m in worded}
    all_mentions = sorted([*all_mentions, *worded], key=lambda m: m.start)
    by_sentence: dict[tuple[int, int], list[Mention]] = {}
    for m in all_mentions:
        by_sentence.setdefault(draft.sentence_at(m.start, m.end), []).append(m)
    for (s_start, s_end), mentions in by_sentence.items():
        years = _years(draft, mentions)
        figures = [
            m
            for m in mentions
            if not m.is_year and not _is_list_marker(draft, m) and not _is_a_day(draft, m)
        ]
        digits = {m.value for m in figures if m.start not in in_words}
        # 'eleven routes, 11 in all': the count in words is the one in digits
        figures = [m for m in figures if m.start not in in_words or m.value not in digits]
        if not figures:
            continue
        if len(figures) > left:  # past the limit: this sentence's first figures, then stop
            figures = figures[:left]
            if cut is not None:
                cut.append(f"the draft has more than {MAX_FIGURES:,} figures: checked the first")
        left -= len(figures)
        if not figures:
            break
        # The whole sentence, figures included: the other figures of a sentence tell
        # what it is about ('4.74 trillion yuan, up 9 percent' is about ASEAN's trade).
        sentence = plain(draft.text[s_start:s_end])
        asked = search_text(sentence)  # not 'customs data showed', not 'in May'
        asked = _FALL_VERB.sub("rose", asked)  # 'trade fell 1 percent' is about trade's change
        candidates = search("claim", asked, 12)
        named = set(named_in(asked, entities))
        # how many of what the sentence names each claim is about ('Belt and Road trade')
        scoped = {
            row["id"]: len(named.intersection(row.get("entities", ()))) for row, _ in candidates
        }
        strangers = _strangers(asked, known, places) + _unknown_kinds(asked, search, known, kinds)
        strangers += [m.group() for m in _YEARS_LONG.finditer(sentence)]
        readings = _readings(sentence, figures, draft.text[s_start:s_end], s_start)
        falls = [says_fall(draft.text, m.start) for m in figures]
        # A claim of another partner is no measure of this one's trade: the trade with
        # ASEAN says nothing of the trade with Indonesia, a member.
        partners = _partners(sentence, entities)
        if partners:
            candidates = [
                (row, c) for row, c in candidates if partners <= set(row.get("entities", ()))
            ]
        # A part of a year the sentence names ('in the first half of 2020') is another
        # figure than one of another part, or of the whole year
        part = months(period_of(sentence, None))
        if part is not None:
            candidates = [(row, c) for row, c in candidates if _same_part(row, part)]
        judged = [
            _judge(draft, m, candidates, years, bool(strangers), r, f, scoped)
            for m, r, f in zip(figures, readings, falls, strict=True)
        ]
        # A claim that supports one figure of a sentence is what the sentence is about:
        # '4.74 trillion yuan, up 9 percent' puts the 9 percent against that claim too.
        anchors = {f.record for f in judged if f.verdict == "supported" and f.record}
        if anchors:
            anchored = [
                (row, max(c, ABOUT) if row["id"] in anchors else c) for row, c in candidates
            ]
            judged = [
                f
                if f.verdict == "supported"
                else _judge(draft, m, anchored, years, bool(strangers), r, fall, scoped)
                for f, m, r, fall in zip(judged, figures, readings, falls, strict=True)
            ]
        if speakers and any(f.verdict == "supported" for f in judged):
            by = _reporter(draft, sentence, speakers)
            if by is not None:  # once a sentence: who it reports, if a speaker of the base
                rows = {row["id"]: row for row, _ in candidates}
                judged = [_misattributed(f, rows, *by) for f in judged]
        # A count in words that no count of the base is about ('the two countries') is
        # news style, not a figure to check: only one the base can judge is reported.
        out.extend(
            f
            for f, m in zip(judged, figures, strict=True)
            if m.start not in in_words or f.verdict != "not-found"
        )
        if left <= 0 and cut and cut[-1].endswith("checked the first"):
            break
    return out


def _readings(
    sentence: str, figures: Sequence[Mention], raw: str, offset: int
) -> list[Reading | None]:
    """What each figure of the sentence measures, read as ``draft`` reads it; None for
    each when the sentence's text does not give the same figures back (Markdown)."""
    if sentence == raw:  # no Markdown: the figures found already, where they stand
        again = [m._replace(start=m.start - offset, end=m.end - offset) for m in figures]
    else:
        again = [m for m in find_mentions(sentence, spelled=True) if not m.is_year]
    if len(again) != len(figures) or len(figures) > 50:
        return [None] * len(figures)
    units = [FIGURE_UNITS.get(m.unit) or "count" for m in again]
    return list(read_figures(sentence, again, units))


def _judge(
    draft: Draft,
    m: Mention,
    candidates: Sequence[tuple[dict[str, Any], float]],
    years: set[str],
    strangers: bool = False,
    reading: Reading | None = None,
    fall: bool = False,
    scoped: Mapping[str, int] | None = None,
) -> Finding:
    """The verdict of one figure against the claims the sentence is about: the claims
    about more of what the sentence names (``scoped``, by claim id) first, then those
    covering more of its words."""
    unit = FIGURE_UNITS.get(m.unit)
    line, column = draft.where(m.start)
    shown = format_number(m.value, m.unit if m.unit in ("CNY", "USD", "percent") else None)
    base: dict[str, Any] = {
        "kind": "figure",
        "text": m.text,
        "file": draft.file,
        "line": line,
        "column": column,
    }
    compatible: list[tuple[float, bool, dict[str, Any], dict[str, Any]]] = []
    scope = scoped or {}
    for claim, cover in candidates:
        for fig in claim["figures"]:
            if fig["unit"] != unit:
                continue
            fig_years = _period_years(fig["period"]) or _period_years(claim["period"])
            if years and fig_years and not years & fig_years:
                continue  # the draft names another year
            if reading is not None and not comparable(
                reading, fig["measure"], fig.get("scope"), fig["kind"]
            ):
                continue  # another measure: exports are not total trade
            value = fig["value"]
            if _both_changes(fig, reading):
                # 'fell 30 percent' is a change of -30 percent: not the base's rise of 30
                agrees = m.agrees_with(abs(value)) and fall == (value < 0)
            else:
                agrees = m.agrees_with(value)
            compatible.append((cover, agrees, fig, claim))
    if unit is not None and compatible and not strangers:
        compatible.sort(key=lambda c: (-scope.get(c[3]["id"], 0), -c[0], not c[1]))
        top_cover, top_scope = compatible[0][0], scope.get(compatible[0][3]["id"], 0)
        agreeing = [
            c
            for c in compatible
            if c[1]
            and c[0] >= max(SUPPORT, top_cover - 0.1)
            and scope.get(c[3]["id"], 0) == top_scope
        ]
        if agreeing:
            cover, _, fig, claim = agreeing[0]
            return _finding(
                base, "supported", m, shown, fig, claim, f"agrees with {fig['wording']!r}"
            )
        cover, _, fig, claim = compatible[0]
        if cover >= ABOUT:
            value = fig["value"]
            said = format_number(abs(value), fig["unit"] if fig["unit"] != "count" else None)
            drafted = shown
            if _both_changes(fig, reading) and fall != (value < 0):  # say which way each went
                said = f"a {'fall' if value < 0 else 'rise'} of {said}"
                drafted = f"a {'fall' if fall else 'rise'} of {shown}"
            return _finding(
                base,
                "contradicted",
                m,
                shown,
                fig,
                claim,
                f"the base says {said}, not {drafted}",
            )
    return Finding(
        **base,
        verdict="not-found",
        message=f"no figure of the base is about {shown}",
        value=m.value,
        unit=m.unit,
    )


def _both_changes(fig: dict[str, Any], reading: Reading | None) -> bool:
    """Whether the base's figure and the draft's are both changes (a draft's percentage
    read as no other kind), so that which way each went counts."""
    return bool(fig["kind"] == "change" and (reading is None or reading.kind == "change"))


def _reporter(
    draft: Draft, sentence: str, speakers: Sequence[tuple[str, str]]
) -> tuple[str, str] | None:
    """(id, name as written) of the speaker of the base a sentence reports the words of
    ('Zhou Mi said ...', '..., Zhou said', 'According to Li Xiangrong, ...':
    :func:`brtrade.core.attribution.reported`); None when it reports no one, or a name
    that may be someone else's. A name is the speaker's only when the draft writes the
    speaker's full name somewhere, so that another 'Li' is never taken for Li
    Xiangrong (:func:`_only_them`)."""
    from brtrade.core.attribution import reported
    from brtrade.core.draft_text import speaker_of

    person = reported(sentence.strip())
    who = speaker_of(person.name if person else None, speakers)
    if person is None or who is None:
        return None
    full = dict(speakers)[who]
    if fold(full) not in fold(draft.text) or not _only_them(draft.text, person.name, full):
        return None
    return who, person.name


def _misattributed(
    found: Finding, rows: Mapping[str, dict[str, Any]], who: str, name: str
) -> Finding:
    """A supported figure, misattributed when its sentence reports it as the words of
    the speaker ``who`` (written ``name``: :func:`_reporter`) and the base's claim is
    another speaker's, or no one's (the article's own: 'Data showed ...')."""
    row = rows.get(found.record or "")
    if found.verdict != "supported" or row is None:
        return found
    theirs = row.get("speaker") or {}
    if theirs.get("id") == who:
        return found
    given = f"{theirs['name']}'s words" if theirs.get("name") else "no one's words (the article's)"
    return found._replace(
        verdict="misattributed",
        message=f"the base gives this figure as {given}, not {name}'s: "
        + found.message.removeprefix("agrees with "),
        speaker=name,
    )


def _only_them(text: str, name: str, full: str) -> bool:
    """Whether ``name``, as a draft reports it, can only be the speaker ``full``: the
    full name itself, or a family name the draft gives no one else (not 'Premier Li'
    nor 'Li Keqiang' beside Li Xiangrong)."""
    if len(name.split()) > 1:
        return fold(name) == fold(full)
    from brtrade.core.attribution import TITLE_WORDS

    for m in re.finditer(rf"(\w+)\s+{re.escape(name)}\b(\s+[A-Z]\w+)?", text):
        before, after = m.group(1), (m.group(2) or "").strip()
        if before.lower() in TITLE_WORDS or (after and fold(f"{name} {after}") != fold(full)):
            return False
    return True


def _finding(
    base: dict[str, Any],
    verdict: str,
    m: Mention,
    shown: str,
    fig: dict[str, Any],
    claim: dict[str, Any],
    what: str,
) -> Finding:
    prov = claim["provenance"]
    return Finding(
        **base,
        verdict=verdict,
        message=f"{what} ({claim['id']}, {quotations.cite(prov)}: {fig['wording']!r})",
        value=m.value,
        unit=m.unit,
        record=claim["id"],
        figure=fig["id"],
        expected=fig["wording"],
        provenance=prov,
    )


# --------------------------------------------------------------------------


def verify_draft(
    text: str,
    file: str,
    search: Search,
    speakers: Sequence[tuple[str, str]],
    known: Callable[[str], bool] = lambda word: True,
    cut: list[str] | None = None,
    places: Collection[str] = (),
    entities: Sequence[tuple[str, str, Sequence[str]]] = (),
    describe: Callable[[str], str | None] | None = None,
) -> list[Finding]:
    """Every figure and quotation of a draft, with its verdict, in the draft's order.
    ``known`` tells whether a (folded) word is one the base's records hold; ``places``
    are the stems of its one-word place names (:func:`place_stems`); ``entities`` its
    entities (id, name, aliases); ``describe`` the one speaker a description fits
    (:func:`brtrade.core.quotations.check_quote`). Beyond
    :data:`MAX_FIGURES` figures or :data:`MAX_QUOTATIONS` quotations, the rest is not
    checked, and ``cut`` gets a note saying so."""
    draft = Draft(strip_controls(text), file)
    named = [(eid, (name, *aliases)) for eid, name, aliases in entities]
    findings = check_figures(draft, search, known, cut, places, named, speakers)
    checked = 0
    for start, end in passages(draft):
        if checked >= MAX_QUOTATIONS:
            if cut is not None:
                cut.append(
                    f"the draft has more than {MAX_QUOTATIONS:,} quotations: checked the first"
                )
            break
        found = quotations.check_quote(draft, start, end, search, speakers, known, describe)
        if found is not None:
            findings.append(found)
            checked += 1
    findings.sort(key=lambda f: (f.line, f.column, f.kind))
    return findings


def summary(findings: Sequence[Finding]) -> str:
    """'12 figures: 9 supported, 2 contradicted, 1 not found · 3 quotes: 2 supported'."""
    parts = []
    for kind, plural in (("figure", "figures"), ("quote", "quotes")):
        mine = [f for f in findings if f.kind == kind]
        counts = [
            f"{n} {v.replace('-', ' ')}"
            for v in VERDICTS
            if (n := sum(f.verdict == v for f in mine))
        ]
        head = f"{len(mine)} {plural if len(mine) != 1 else kind}"
        parts.append(head + (": " + ", ".join(counts) if counts else ""))
    return " · ".join(parts)
