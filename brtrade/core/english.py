"""General English, for words the fact base does not hold: how informative a word is,
and which words it is related to.

The table (``english.tsv`` beside this module) is compiled from WordNet 3.0 and
wordfreq by ``tools/build_english.py`` and shipped with brtrade; neither is needed at
run time. One sorted line per Snowball stem::

    stem <TAB> zipf*10 <TAB> n|m|o|v <TAB> close stems|loose stems <TAB> country stems
        <TAB> stems that follow it in a compound noun <TAB> v (it has a verb)

It is read by binary search over a memory map, a few lookups per question, so a
query pays for the words it asks about, not for the 38,000 lines (see
docs/matching.md, "Words the base does not hold").
"""

from __future__ import annotations

import mmap
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

TABLE = Path(__file__).resolve().parent / "english.tsv"

COMMON_ZIPF = 6.5
"""Zipf frequency at which a word would tell nothing: 'the' is 7.7, 'job' 5.5."""
RARE_ZIPF = 3.5
"""At or below this Zipf frequency ('gadget' 3.5, 'tariffs' 3.6), a word is as
informative as any word could be."""
MIN_SHARE = 40
"""The least share (percent) of a full weight that a word of the table weighs."""


class Word(NamedTuple):
    """What the table says of one stem."""

    zipf: float
    """Its frequency in general English, on the Zipf scale (wordfreq)."""
    name: bool
    """WordNet knows it only as a name ('africa', 'brazil')."""
    noun: bool
    """Its first senses are mostly a noun's: a thing asked about ('containers'), not
    the way it is asked ('moved', 'popular')."""
    related: tuple[str, ...]
    """Stems of closely related words (synonyms, broader words, derivations), most
    related first."""
    loose: tuple[str, ...]
    """Stems of loosely related words (narrower words, words of its definition and the
    words it defines)."""
    country: tuple[str, ...] = ()
    """For the name of a national capital ('Beijing'), the names of its country."""
    mostly_name: bool = False
    """A name first, though English also has a common word of it: 'Japan' (and the
    lacquer), 'Brazil' (and the nut); every name is."""
    compounds: tuple[str, ...] = ()
    """Stems of the words that follow it in a noun of two common words: 'exchang' has
    'rate', 'stock' has 'market'."""
    verb: bool = False
    """WordNet has a verb of it among its first senses, however mostly a noun it is
    ('stop', 'end', 'help'; not 'car')."""


@lru_cache(maxsize=1)
def _table() -> mmap.mmap | None:
    try:
        with TABLE.open("rb") as f:
            return mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return None  # no table (a broken install): every unknown word weighs in full


def _line_at(table: mmap.mmap, pos: int) -> tuple[int, int]:
    """(start, end) of the line holding byte ``pos``."""
    start = table.rfind(b"\n", 0, pos) + 1
    end = table.find(b"\n", pos)
    return start, (len(table) if end < 0 else end)


@lru_cache(maxsize=4096)
def lookup(stem: str) -> Word | None:
    """The table's entry for ``stem``, or None when general English does not know it
    (names, codes, numbers, words of another language). A comparative or superlative
    WordNet does not list ('cheaper', 'busiest') is read as its adjective, which it is
    closely related to: WordNet leaves regular forms to its morphology rules."""
    found = _entry(stem)
    if found is not None:
        return found
    for base in _compared(stem):
        adjective = _entry(base)
        if adjective is not None and not adjective.noun and not adjective.name:
            return adjective._replace(related=(base, *adjective.related))
    return None


def _compared(stem: str) -> list[str]:
    """The stems an unlisted comparative or superlative may come from, most likely first:
    'cheaper' -> 'cheap', 'wider' -> 'wide', 'hotter' -> 'hot', 'busier' -> 'busi'
    (Snowball's stem of 'busy')."""
    for ending in ("est", "er"):
        if stem.endswith(ending) and len(stem) - len(ending) >= 3:
            root = stem[: -len(ending)]
            out = [root, root + "e"]
            if len(root) > 3 and root[-1] == root[-2]:
                out.append(root[:-1])  # 'hotter'
            return out
    return []


def _entry(stem: str) -> Word | None:
    table = _table()
    if table is None or not stem or "\t" in stem or "\n" in stem:
        return None
    key = stem.encode("utf-8")
    lo, hi = 0, len(table)
    while lo < hi:
        mid = (lo + hi) // 2
        start, end = _line_at(table, mid)
        line = table[start:end]
        head = line.split(b"\t", 1)[0]
        if head == key:
            fields = line.decode("utf-8").split("\t")
            close, _, loose = fields[3].partition("|")
            flag = fields[2]
            return Word(
                int(fields[1]) / 10,
                flag == "n",
                flag != "v",
                tuple(close.split()),
                tuple(loose.split()),
                tuple(fields[4].split()) if len(fields) > 4 else (),
                flag in ("n", "m"),
                tuple(fields[5].split()) if len(fields) > 5 else (),
                len(fields) > 6 and fields[6] == "v",
            )
        if head < key:
            lo = end + 1
        else:
            hi = start
    return None


def compound(first: str, second: str) -> bool:
    """Whether the stems ``first`` and ``second``, in that order, make a noun of their
    own in general English ('exchange rate', 'stock market', 'selling point')."""
    word = lookup(first)
    return word is not None and second in word.compounds


def share(stem: str) -> int:
    """How much of a full weight (percent) a word the base does not hold should weigh:
    100 for a name or a word general English does not know ('Africa', 'Keqiang'), less
    the more common the word ('job' 33, 'gadget' 100), and half that for a word that is
    mostly a verb, an adjective or an adverb ('popular' 24): how a thing is asked about,
    where a noun is the thing."""
    word = lookup(stem)
    if word is None or word.name:
        return 100
    scaled = round(100 * (COMMON_ZIPF - word.zipf) / (COMMON_ZIPF - RARE_ZIPF))
    scaled = max(MIN_SHARE, min(100, scaled))
    return scaled if word.noun else max(MIN_SHARE // 2, scaled // 2)


def capital_of(stem: str) -> tuple[str, ...]:
    """The stems of the country a capital's name stands for ('beij': 'china')."""
    word = lookup(stem)
    return () if word is None else word.country


def related(stem: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Stems of the words general English relates to ``stem``: (closely: synonyms,
    broader words, derivations; loosely: narrower words, words of its definition)."""
    word = lookup(stem)
    return ((), ()) if word is None else (word.related, word.loose)


COMMON_NOUN_ZIPF = 4.0
"""A noun at least this common in English ('nation' 4.9, 'job' 5.3) is a reporter's word
even where the base holds it only rarely, as inside a name."""


def common_noun(stem: str) -> bool:
    """Whether a word is a common noun of general English, not a name nor first a name
    ('china' is China before it is porcelain)."""
    word = lookup(stem)
    return word is not None and word.noun and not word.mostly_name and word.zipf >= COMMON_NOUN_ZIPF


def widens(stem: str) -> bool:
    """Whether a word the base does not hold is widened to its related words: a word of
    general English, not a name ('Africa' is not asked for by 'continent')."""
    word = lookup(stem)
    return word is not None and not word.name and bool(word.related or word.loose)
