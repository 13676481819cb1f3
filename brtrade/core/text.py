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
