"""Text folding for matching: case, accents, punctuation and '&'.

``words("Belt & Road")`` and ``words("belt and road")`` are equal, and so are
``words("ASEAN")``, ``words("ａｓｅａｎ")`` (full width) and ``words("aséan")``.
"""

from __future__ import annotations

import re

# A word is a run of letters or digits; a decimal number stays one word.
_WORD = re.compile(r"\d+(?:[.,]\d+)+|[^\W_]+")
_DROP = frozenset({"Mn", "Me", "Cf", "Cs"})  # combining marks, format chars, lone surrogates


def fold(text: str) -> str:
    """Compatibility-decompose, drop marks and invisible characters, casefold."""
    if text.isascii():  # the same result, fast: ASCII has no marks and folds by lower()
        return text.lower().replace("&", " and ")
    import unicodedata  # only for text beyond ASCII

    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(c for c in decomposed if unicodedata.category(c) not in _DROP)
    return kept.casefold().replace("&", " and ")


def words(text: str) -> list[str]:
    """The folded words of ``text``, in order."""
    return _WORD.findall(fold(text))


_COMPOUND = re.compile(r"[^\W_]+(?:[-\u2010\u2011][^\W_]+)+")


def compounds(text: str) -> list[tuple[str, ...]]:
    """The parts of each hyphenated word of ``text`` ('e-bike' -> ('e', 'bike')), folded."""
    if "-" not in text and "\u2010" not in text and "\u2011" not in text:
        return []
    return [tuple(_WORD.findall(m)) for m in _COMPOUND.findall(fold(text))]


RANKS = frozenset(
    "second third fourth fifth sixth seventh eighth ninth tenth 2nd 3rd 4th 5th".split()
)
SUPERLATIVES = frozenset("largest biggest greatest top leading".split())
EXTREMES = SUPERLATIVES | frozenset(
    "most highest main especially particularly mainly mostly chiefly primarily".split()
)
"""Words that say a thing is first of its kind, or above the rest: what 'which country
traded **the most**' asks a record to say ('grew 30 percent, **especially** to...')."""


def ranked(folded: list[str] | tuple[str, ...]) -> dict[int, str]:
    """Where a rank below the first stands before a superlative ('China's **second
    largest** partner', 'second-largest'): its position -> the two words joined, the term
    that says it (a record's 'largest' is not its 'second largest')."""
    if not RANKS.intersection(folded):
        return {}
    return {
        k: w + folded[k + 1]
        for k, w in enumerate(folded[:-1])
        if w in RANKS and folded[k + 1] in SUPERLATIVES
    }


_CONTROL = re.compile(
    r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC ... BEL or ST (a title, a link)
    r"|(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"  # CSI (7- or 8-bit): colours, cursor moves
    r"|\x1b[@-_]"  # other escapes
    r"|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"  # the other control characters
)


_UNMARKED = re.compile(
    r"\b(?:(what|who|how|where|when|why|that|there)(s|re)"
    r"|(do|does|did|is|was|are|were|has|have|had|could|would|should|must|ca|wo)nt)\b",
    re.IGNORECASE,
)


def contractions_marked(text: str) -> str:
    """``text`` with the apostrophe a quick typist leaves out put back: 'whats' is
    "what's", 'didnt' is "didn't", 'cant' "can't" (a question word or an auxiliary
    and its ending; not 'its' or 'lets', English words of their own)."""
    return _UNMARKED.sub(_marked, text)


def _marked(m: re.Match[str]) -> str:
    word, ending, auxiliary = m.groups()
    return f"{auxiliary}n't" if auxiliary else f"{word}'{ending}"


def strip_controls(text: str) -> str:
    """``text`` without terminal control sequences and control characters (newlines and
    tabs kept): the '31' of a colour code or the '52' of an OSC 52 is no word and no
    figure."""
    if text.isprintable() and "\x1b" not in text:
        return text
    return _CONTROL.sub("", text)
