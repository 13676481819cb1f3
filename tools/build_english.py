"""Compile brtrade's table of general English (brtrade/core/english.tsv) from WordNet 3.0
and wordfreq. Run by a maintainer when the sources or the stemmer change, never at run
time (brtrade ships the compiled table and needs neither package):

    apt-get install wordnet-base        # WordNet 3.0 data, /usr/share/wordnet
    pip install wordfreq                # word frequencies (Zipf scale)
    python tools/build_english.py [WORDNET_DIR]

One line per Snowball stem (brtrade.core.language.stem, so that the keys are the terms
the matcher uses), sorted by stem for a binary search:

    stem <TAB> zipf*10 <TAB> flag <TAB> close stems | loose stems <TAB> country stems
        <TAB> compound stems <TAB> verb

(space-separated; the last three fields are empty but for a capital, the first word
of a compound and a verb, below)

- zipf: the highest wordfreq Zipf frequency among the WordNet lemmas (and their
  inflections) with this stem: how common the word is in general English;
- flag: ``n`` when WordNet knows the stem only as a name (every lemma capitalised:
  'Africa', 'Germany'); ``m`` when it also knows a common word of it but its commonest
  word's first noun sense is a named instance, a place, a person or a body ('Japan',
  before the lacquer 'japan'; 'Brazil', before the nut); else ``o`` when its first
  senses are mostly a noun's (a thing asked about: 'containers', 'inflation'), ``v``
  when mostly a verb's, adjective's or adverb's (how it is asked: 'moved', 'paying',
  'popular');
- related: stems of the words WordNet relates to it through its first senses:
  synonyms, hypernyms and hyponyms (not instances), derivations, similar and
  see-also adjectives, pertainyms and attributes, the content words of its
  definition, the words whose definition uses it or a synonym (when few do), and a
  noun's coordinate terms (:data:`MAX_SIBLINGS`), most related first;
- country: for the name of a national capital ('Beijing', 'Peking', 'Moscow'), the
  one-word names of the country it is the capital of (WordNet's part holonym of an
  instance of *national capital*): a reporter's 'Beijing' is often China's government;
- compound: the stems of the words that follow this one in a noun WordNet lists as
  two common words (both at least :data:`COMPOUND_ZIPF`, neither a stop word, not a
  name): 'exchang' lists 'rate', 'stock' lists 'market'. An exchange rate is one thing,
  not an exchange and a rate;
- verb: ``v`` when WordNet has a verb of the stem among its first senses, however
  mostly a noun it is ('stop', 'end', 'help'; 'went', of 'go'): where a question puts
  a verb ('did the pandemic **stop** trade'), the word is read as one.

WordNet 3.0 is Copyright 2006 by Princeton University, under the WordNet licence
(BSD-like; see brtrade/core/english.LICENSE). wordfreq's data is CC BY-SA 4.0,
Robyn Speer; only rounded frequencies are kept here.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from brtrade.core.language import STOP_WORDS  # noqa: E402
from brtrade.core.stems import stem  # noqa: E402

OUT = ROOT / "brtrade" / "core" / "english.tsv"
POS = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
SENSES = 3
"""Senses of a word (in WordNet's order of frequency) whose relations are kept."""
MAX_RELATED = 30
MAX_REVERSE = 25
"""A word used in more definitions than this gets no reverse-definition relations."""
MAX_SIBLINGS = 12
"""A noun's coordinate terms (the other kinds of its broader word: 'hill' and
'mountain', both a natural elevation) are kept when the broader word has at most this
many kinds; a broader word with more ('artifact') says little."""
MIN_ZIPF = 2.0
"""Related words rarer than this in English are left out (they are rarely typed)."""
LEXICAL = {"+", "\\", "^", "=", "&", "<"}
SEMANTIC_ORDER = (
    "syn", "+", "&", "\\", "=", "^", "@", "~", "gloss", "reverse", "sibling", "adjective's"
)  # fmt: skip
LOOSE = SEMANTIC_ORDER.index("~")
"""Narrower words, words of the definition and words defined by it are loosely related;
the rest closely."""

COMPOUND_ZIPF = 3.5
"""Each word of a compound kept is at least this common ('exchange' 4.6, 'rate' 5.0)."""

_WORD = re.compile(r"^[a-z]+$")
_COMPOUND = re.compile(r"^[a-z]+_[a-z]+$")
_GLOSS_WORD = re.compile(r"[A-Za-z]+")


class Synset:
    __slots__ = ("lemmas", "pointers", "gloss")

    def __init__(
        self, lemmas: list[str], pointers: list[tuple[str, str, str, int, int]], gloss: str
    ):
        self.lemmas = lemmas
        self.pointers = pointers
        self.gloss = gloss


def read_data(wordnet: Path) -> dict[tuple[str, str], Synset]:
    synsets: dict[tuple[str, str], Synset] = {}
    for pos, name in POS.items():
        for line in (wordnet / f"data.{name}").read_text("latin-1").splitlines():
            if line.startswith("  "):
                continue  # the licence header
            head, _, gloss = line.partition(" | ")
            f = head.split()
            offset, n_words = f[0], int(f[3], 16)
            lemmas = [re.sub(r"\(.*\)$", "", f[4 + 2 * i]) for i in range(n_words)]
            at = 4 + 2 * n_words
            n_ptr = int(f[at])
            pointers = []
            for k in range(n_ptr):
                sym, off, ppos, st = f[at + 1 + 4 * k : at + 5 + 4 * k]
                ppos = "a" if ppos == "s" else ppos
                pointers.append((sym, off, ppos, int(st[:2], 16), int(st[2:], 16)))
            synsets[(pos, offset)] = Synset(lemmas, pointers, gloss)
    return synsets


def read_index(wordnet: Path) -> dict[str, list[tuple[str, str]]]:
    """lemma (lower case) -> its synsets, most frequent sense first, per part of speech."""
    senses: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for pos, name in POS.items():
        for line in (wordnet / f"index.{name}").read_text("latin-1").splitlines():
            if line.startswith("  "):
                continue
            f = line.split()
            lemma, n_syn, n_ptr = f[0], int(f[2]), int(f[3])
            offsets = f[4 + n_ptr + 2 :]
            assert len(offsets) == n_syn, line
            senses[lemma].extend((pos, o) for o in offsets[:SENSES])
    return senses


def definition_words(gloss: str) -> list[str]:
    """The content words of a definition (before its examples)."""
    definition = gloss.split(";")[0].split('"')[0]
    return [
        w.lower()
        for w in _GLOSS_WORD.findall(definition)
        if len(w) > 2 and w.lower() not in STOP_WORDS
    ]


def capitals(synsets: dict[tuple[str, str], Synset]) -> dict[str, list[str]]:
    """The stem of each one-word name of a national capital, and the stems of the one-word
    names of the countries WordNet says it is part of ('beij': ['china'])."""
    capital = next(k for k, ss in synsets.items() if ss.lemmas == ["national_capital"])
    out: dict[str, list[str]] = {}
    for ss in synsets.values():
        if not any(sym == "@i" and (ppos, off) == capital for sym, off, ppos, _, _ in ss.pointers):
            continue
        countries = [
            stem(w.lower())
            for sym, off, ppos, _, _ in ss.pointers
            if sym == "#p"
            for w in synsets[(ppos, off)].lemmas
            if _WORD.match(w.lower())
        ]
        for w in ss.lemmas:
            s = stem(w.lower())
            if _WORD.match(w.lower()) and any(c != s for c in countries):
                found = out.setdefault(s, [])
                found.extend(c for c in countries if c not in found and c != s)
    return out


def main(argv: list[str]) -> int:
    from wordfreq import zipf_frequency

    wordnet = Path(argv[0]) if argv else Path("/usr/share/wordnet")
    synsets = read_data(wordnet)
    senses = read_index(wordnet)

    def words_of(key: tuple[str, str]) -> list[str]:
        return [w.lower() for w in synsets[key].lemmas if _WORD.match(w.lower())]

    # Which synsets' definitions use each word (for the reverse relation).
    used_in: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for key, ss in synsets.items():
        for w in definition_words(ss.gloss):
            used_in[w].add(key)

    capitalised: dict[str, bool] = {}
    for ss in synsets.values():
        for w in ss.lemmas:
            low = w.lower()
            if _WORD.match(low) or _COMPOUND.match(low):
                capitalised[low] = capitalised.get(low, True) and w != low

    zipf: dict[str, float] = {}
    cache: dict[str, float] = {}

    def z(word: str) -> float:
        if word not in cache:
            cache[word] = zipf_frequency(word, "en")
        return cache[word]

    related: dict[str, dict[str, int]] = defaultdict(dict)
    names: dict[str, bool] = {}
    commonest: dict[str, tuple[float, bool]] = {}
    """Per stem, the Zipf frequency of its commonest lemma with a noun sense, and whether
    that lemma's first noun sense is a name."""
    nouns: dict[str, int] = defaultdict(int)
    """Per stem, its senses as a noun less its senses as a verb, adjective or adverb."""
    verbs: set[str] = set()
    """The stems with a verb among their first senses."""
    for lemma, keys in senses.items():
        if not _WORD.match(lemma):
            continue
        s = stem(lemma)
        forms = [lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "ing"]
        zipf[s] = max(zipf.get(s, 0.0), *(z(f) for f in forms if stem(f) == s or f == lemma))
        names[s] = names.get(s, True) and capitalised.get(lemma, False)
        first_noun = next((k for k in keys if k[0] == "n"), None)
        if first_noun is not None and z(lemma) >= commonest.get(s, (-1.0, False))[0]:
            # Does the commonest word of this stem name a thing first ('Japan', before
            # the lacquer 'japan')?
            first = synsets[first_noun]
            cased = [w for w in first.lemmas if w.lower() == lemma]
            instance = any(p[0] == "@i" for p in first.pointers)  # a place, person, body
            commonest[s] = (z(lemma), instance and bool(cased) and cased[0] != lemma)
        found: dict[str, int] = related[s]

        def add(word: str, kind: str, s: str = s, found: dict[str, int] = found) -> None:
            if not _WORD.match(word) or word in STOP_WORDS or z(word) < MIN_ZIPF:
                return
            if capitalised.get(word, False):
                return  # a name ('Genoa' in the definition of a port) relates nothing
            t = stem(word)
            if t == s:
                return
            rank = SEMANTIC_ORDER.index(kind)
            if found.get(t, 99) > rank:
                found[t] = rank

        for key in keys:
            nouns[s] += 1 if key[0] == "n" else -1
            if key[0] == "v":
                verbs.add(s)
        for n, key in enumerate(keys):
            ss = synsets[key]
            synonyms = words_of(key)
            for w in synonyms:
                add(w, "syn")
            position = next((i + 1 for i, w in enumerate(ss.lemmas) if w.lower() == lemma), 0)
            for sym, off, ppos, src, dst in ss.pointers:
                target = synsets.get((ppos, off))
                if target is None or sym.endswith("i") or sym in {"@i", "~i"}:
                    continue
                if sym in LEXICAL or sym in {"@", "~"}:
                    if src and src != position:
                        continue  # a lexical pointer of another word of the synset
                    kind = sym if sym in SEMANTIC_ORDER else "^"
                    if sym == "~" and len([p for p in ss.pointers if p[0] == "~"]) > 30:
                        continue  # too general: every kind of it
                    chosen = [target.lemmas[dst - 1]] if dst else target.lemmas
                    for w in chosen:
                        add(w.lower(), kind)
            if key[0] == "n":
                for sym, off, ppos, _, _ in ss.pointers:
                    broader = synsets.get((ppos, off)) if sym == "@" else None
                    if broader is None:
                        continue
                    kinds = [p for p in broader.pointers if p[0] == "~"]
                    if len(kinds) <= MAX_SIBLINGS:
                        for _, koff, kpos, _, _ in kinds:
                            for w in words_of((kpos, koff)):
                                add(w, "sibling")
            if n == 0:
                for w in definition_words(ss.gloss):
                    add(w, "gloss")
            for w in [lemma, *(synonyms if n == 0 else [])]:
                users = used_in.get(w, set())
                if 0 < len(users) <= MAX_REVERSE:
                    for other in users:
                        for u in words_of(other):
                            add(u, "reverse")

    # Inflections WordNet lists as exceptions ('geese', 'went'): their stems, when new,
    # stand for their lemma's.
    for name in POS.values():
        for line in (wordnet / f"{name}.exc").read_text("latin-1").splitlines():
            f = line.split()
            if len(f) >= 2 and _WORD.match(f[0]) and _WORD.match(f[1]):
                s, base = stem(f[0]), stem(f[1])
                if s not in related and base in related:
                    related[s] = {base: 0, **related[base]}
                    zipf[s] = max(zipf.get(base, 0.0), z(f[0]))
                    names[s] = names.get(base, False)
                    # a noun's plural is a noun ('geese'); a verb's or an adjective's
                    # form is how a thing is asked ('overtook', 'rode', 'worse')
                    nouns[s] = nouns[base] if name == "noun" else -1
                    if name == "verb":
                        verbs.add(s)

    # An adverb means what its adjective means ('steadily': 'steady', and so 'stable'):
    # it takes the close relations of the adjective it is made from, loosely.
    inherited = SEMANTIC_ORDER.index("adjective's")
    for s, found in list(related.items()):
        if not s.endswith("li"):
            continue
        made_from = [
            t
            for t, r in found.items()
            if r < LOOSE and t in related and len(t) >= 4 and s.startswith(t[:-1])
        ]
        for t in made_from:
            for u, r in list(related[t].items()):
                if r < LOOSE and u != s and u not in found:
                    found[u] = inherited

    seats = capitals(synsets)
    follows: dict[str, set[str]] = defaultdict(set)
    for lemma, keys in senses.items():
        if not _COMPOUND.match(lemma) or capitalised.get(lemma, False):
            continue
        if not any(k[0] == "n" for k in keys):
            continue
        first, second = lemma.split("_")
        if first in STOP_WORDS or second in STOP_WORDS:
            continue
        if min(z(first), z(second)) < COMPOUND_ZIPF:
            continue
        if stem(first) != stem(second):
            follows[stem(first)].add(stem(second))
    lines = []
    for s in sorted(related):
        if zipf.get(s, 0.0) < MIN_ZIPF and not names.get(s):
            continue
        ranked = sorted(
            ((t, r) for t, r in related[s].items() if t != s),
            key=lambda kv: (kv[1], -z(kv[0]), kv[0]),
        )
        kept = ranked[:MAX_RELATED]
        strong = " ".join(t for t, r in kept if r < LOOSE)
        loose = " ".join(t for t, r in kept if r >= LOOSE)
        rel = f"{strong}|{loose}"
        flag = "n" if names.get(s) else ("o" if nouns[s] >= 0 else "v")
        if flag == "o" and nouns[s] > 0 and commonest.get(s, (0.0, False))[1]:
            flag = "m"  # mostly a name: 'Japan', 'Brazil' (and 'japan', lacquer)
        seat = " ".join(seats.get(s, ())) if flag in ("n", "m") else ""
        joined = " ".join(sorted(follows.get(s, ())))
        verb = "v" if s in verbs else ""
        lines.append(
            f"{s}\t{round(10 * zipf.get(s, 0.0))}\t{flag}\t{rel}\t{seat}\t{joined}\t{verb}"
        )
    OUT.write_text("\n".join(lines) + "\n", "utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(lines)} stems, {OUT.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
