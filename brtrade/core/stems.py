"""The stemmer: Snowball's English (Porter 2), with the forms it cannot join to their
stem (:data:`IRREGULAR`: *rose* is *rise*) and the words it stems onto a word of another
meaning (:data:`COLLIDING`: *important* is no *import*).

PyStemmer, a C extension, was chosen for its start-up cost (under 1 ms to import,
measured; the pure-Python snowballstemmer imports as fast but stems about 20 times
slower). tools/build_english.py keys brtrade/core/english.tsv by these stems: rebuild it
when they change.
"""

from __future__ import annotations

from functools import lru_cache

from brtrade.core.text import words

IRREGULAR = {
    "rose": "rise",
    "risen": "rise",
    "grew": "grow",
    "grown": "grow",
    "fell": "fall",
    "shrank": "shrink",
    "shrunk": "shrink",
    "sank": "sink",
    "sunk": "sink",
    "slid": "slide",
    "fallen": "fall",
    "became": "become",
    "began": "begin",
    "begun": "begin",
    "built": "build",
    "bought": "buy",
    "sold": "sell",
    "made": "make",
    "saw": "see",
    "seen": "see",
    "took": "take",
    "taken": "take",
    "gave": "give",
    "given": "give",
    "held": "hold",
    "kept": "keep",
    "led": "lead",
    "met": "meet",
    "paid": "pay",
    "sent": "send",
    "spent": "spend",
    "went": "go",
    "gone": "go",
    "won": "win",
    "wrote": "write",
    "written": "write",
    "countries": "country",
    "economies": "economy",
}
"""Forms a suffix-stripping stemmer cannot join to their stem ('rose' -> 'rise')."""


COLLIDING = {
    "important": "importan",
    "importance": "importan",
    "importantly": "importan",
    "unimportant": "unimportan",
    "authority": "authorit",
    "authorities": "authorit",
    "department": "departm",
    "departments": "departm",
    "experience": "experienc",
    "experiences": "experienc",
    "experienced": "experienc",
    "position": "position",
    "positions": "position",
    "busy": "busy",
    "busier": "busy",
    "busiest": "busy",
    "busily": "busy",
    "executive": "executiv",
    "executives": "executiv",
    "execute": "execut",
    "executed": "execut",
    "execution": "execut",
    "executing": "execut",
    "initiative": "initiativ",
    "initiatives": "initiativ",
    "initial": "initial",
    "initially": "initial",
    "initials": "initial",
    "relatively": "relativ",
    "relative": "relativ",
    "relatives": "relativ",
    "relation": "relat",
    "relations": "relat",
    "related": "relat",
    "relate": "relat",
    "remarkable": "remarkabl",
    "remarkably": "remarkabl",
    "remark": "remark",
    "remarks": "remark",
    "remarked": "remark",
    "assistant": "assistant",
    "assistants": "assistant",
    "assist": "assist",
    "assists": "assist",
    "assisted": "assist",
    "assisting": "assist",
    "assistance": "assist",
    "import": "import",
    "imports": "import",
    "imported": "import",
    "importing": "import",
}
"""Words Snowball stems onto a word of another meaning: *important* and *importance*
onto *import* (so "importance" found the trade records' "imports and exports"),
*authority* onto *author*, *department* onto *depart*, *experience* onto
*experiment*, *position* onto *positive*, *busy* onto *business*, *executive* onto
*executed*, *initiative* onto *initially*, *relatively* onto *relations*,
*remarkable* onto *remarks*, *assistant* onto *assist*. Each is given a stem of its
own, and every word here matches only its own stem, never a longer one it starts nor a
shorter one (:mod:`brtrade.core.match`'s prefixes): *initial* is no prefix of
*initiativ*, nor *relat* of *relativ*. (Found by listing, for every stem of the
bundled base, the common English words Snowball gives it: tools/build_english.py's
sources. *Engineer* onto *engine* was left: kept apart, the engine lost relations the
held-out questions found it by.)"""


@lru_cache(maxsize=1)
def _stemmer() -> object:
    import Stemmer

    return Stemmer.Stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The stem of one folded word: 'rising' -> 'rise', 'rose' -> 'rise'; numbers as they are."""
    if not word.isalpha():
        return word
    if word in COLLIDING:
        return COLLIDING[word]
    word = IRREGULAR.get(word, word)
    stemmed: str = _stemmer().stemWord(word)  # type: ignore[attr-defined]
    return stemmed


def stems(text: str) -> list[str]:
    """The stems of the words of ``text``, in order."""
    return [stem(w) for w in words(text)]
