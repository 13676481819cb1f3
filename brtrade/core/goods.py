"""What a text says is traded, exported or imported ('**car** exports', 'imports of
**oil**', 'trade by **sea**'), and the verb of a question that only looks like it ('did
the pandemic **stop** trade'): a good no record holds is asked for in full, as a name
(docs/matching.md, "What a question says is traded").
"""

from __future__ import annotations

import re
from functools import cache

from brtrade.core.language import FIGURE_MODIFIERS, is_stop, past_form
from brtrade.core.stems import stem

FLOWS = ("trade", "exports", "export", "imports", "import", "sales", "shipments")
"""The words for a flow of trade, after or before which a text says what is traded."""
MEASURED_WORDS = frozenset((*FLOWS, "freight", "cargo"))
"""Every word by which :func:`traded_goods` finds what is traded: a cheap test of
whether to look ('freight' and 'cargo' only follow it: '**air** freight')."""
_MEASURED = "(?:" + "|".join(FLOWS) + ")"
GENERIC_GOODS = frozenset({"goods", "merchandise", "product", "products", "cargo", "freight"})
"""Words for what is traded that say no more than 'trade' does."""
TRADE_SCOPE = frozenset(
    """overall total combined whole entire aggregate bilateral global world international
    foreign domestic external overseas regional corridor corridors border""".split()
)
"""Words before 'trade' that say how much of it or where, not what is traded ('overall
trade', 'combined exports', 'foreign trade', a reporter's '**corridor** trade' of the
Belt and Road), though English also knows most as nouns ('the overall', 'a total')."""


@cache
def _goods_patterns() -> tuple[re.Pattern[str], ...]:
    return (
        re.compile(rf"(?<![-\w'’])([A-Za-z]+)\s+(?:{_MEASURED}|freight|cargo)\b"),
        re.compile(rf"\b{_MEASURED}\s+of\s+([a-z]+)\b", re.IGNORECASE),
        # 'exports of electric **cars**', 'imports of crude **oil**': the noun after its
        # adjective (not 'exports of the company', whose they are)
        re.compile(
            rf"\b{_MEASURED}\s+of\s+(?!(?:the|its|their|a|an|this|these|our|his|her)\b)"
            r"[a-z]+\s+([a-z]+)\b",
            re.IGNORECASE,
        ),
        # 'trade by **sea**', 'trade (that) went by **air**', 'exports carried by **road**'
        re.compile(
            rf"\b{_MEASURED}\s+(?:(?:that|which)\s+)?(?:(?:went|go|goes|was|were|is|are|moved|"
            r"moves|carried|shipped|sent|transported|travelled|traveled)\s+)?by\s+([a-z]+)\b",
            re.IGNORECASE,
        ),
    )


_AUXILIARIES = frozenset("did does do will would can could should may might must".split())
_OPENERS = frozenset("what why how when where which who whom whose".split())
_SUBJECT_DETERMINERS = frozenset(
    "the a an its their his her this that these those our your my some any each every".split()
)
_INSIDE_A_PHRASE = _SUBJECT_DETERMINERS | frozenset(
    "of to from in into with by for on at than as and or between among".split()
)
"""Words after which a word is in a noun phrase ('exports of **steel**'), not a verb."""
_A_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def main_verb(text: str) -> int | None:
    """Where the main verb of a question asked with an auxiliary starts: the first word
    after the first word of the auxiliary's subject that English has a verb of, in its
    bare form and not after a preposition or determiner ('did the pandemic **stop**
    trade', 'how could tariffs **hurt** car exports', 'did China's car exports **rise**',
    'did exports of steel **rise**'). None for a text not asked so. A word
    English has mostly as a noun ('stop', 'end', 'help') is the verb there, not a thing."""
    from brtrade.core import english

    found = list(_A_WORD.finditer(text))
    lows = [m.group().lower() for m in found]
    aux = next((i for i, w in enumerate(lows[:5]) if w in _AUXILIARIES), None)
    if aux is None or (aux > 0 and lows[0] not in _OPENERS):
        return None
    start = next(
        (i for i in range(aux + 1, len(lows)) if lows[i] not in _SUBJECT_DETERMINERS), None
    )
    if start is None:
        return None
    for i in range(start + 1, len(lows)):
        w = lows[i]
        if w.endswith(("ed", "ing", "'s", "’s")) or (w.endswith("s") and not w.endswith("ss")):
            continue
        if lows[i - 1] in _INSIDE_A_PHRASE:
            continue
        entry = english.lookup(stem(w))
        if entry is not None and entry.verb:
            return found[i].start()
    return None


def traded_goods(text: str) -> list[str]:
    """What a text says is traded, exported or imported, or how, folded: 'China's
    **services** trade', '**car** exports', 'imports of **soybeans**', 'trade by
    **sea**', '**air** freight' (a common noun of English right before the measure, or
    after its 'of' or 'by'; not a name, 'ASEAN trade', nor what says how or how much,
    'foreign trade', 'overall trade', 'goods trade')."""
    from brtrade.core import english

    found = []
    verb_at: int | None = -1  # not yet looked for
    for m in (found for pattern in _goods_patterns() for found in pattern.finditer(text)):
        word = m.group(1)
        low = word.lower()
        if (
            (word[:1].isupper() and m.start(1) > 0)
            or is_stop(low)
            or low in GENERIC_GOODS | TRADE_SCOPE
            or low in FIGURE_MODIFIERS  # 'China's **principal** trade partner': which
        ):
            continue  # a name ('ASEAN trade') is a stranger or not by its own rule
        if low.endswith("ing") or past_form(low):
            continue  # 'spreading trade', 'growing exports', 'stopped trade': how it goes
        if verb_at == -1:
            verb_at = main_verb(text)
        if m.start(1) == verb_at:
            continue  # 'did the pandemic **stop** trade': what it did, not what is traded
        entry = english.lookup(stem(low))
        if entry is None or entry.name or not entry.noun:
            continue  # 'foreign trade', 'overall trade': how, not what
        found.append(low)
    return found
