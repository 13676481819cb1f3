"""Reading a draft: lines and columns, sentences, quotations and who they are
attributed to. Plain text or Markdown; nothing here knows the fact base."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import NamedTuple

from brtrade.core.text import fold, words


class Draft:
    """A draft's text, with offsets turned into lines and columns."""

    def __init__(self, text: str, file: str) -> None:
        self.text = text.replace("\r\n", "\n").replace("\r", "\n")
        self.file = file
        self._starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        self._ends: list[int] | None = None

    def where(self, offset: int) -> tuple[int, int]:
        """(line, column), both from 1."""
        i = bisect.bisect_right(self._starts, offset) - 1
        return i + 1, offset - self._starts[i] + 1

    def line_start(self, offset: int) -> int:
        """Where the line holding ``offset`` starts."""
        return self._starts[bisect.bisect_right(self._starts, offset) - 1]

    def sentence_at(self, start: int, end: int) -> tuple[int, int]:
        """The sentence around [start, end): from the end of the previous one (or a blank
        line) to the next full stop, question or exclamation mark (or blank line)."""
        if self._ends is None:
            text = self.text
            self._ends = [
                m.end()
                for m in _SENTENCE_END.finditer(text)
                if not _ABBREVIATION.search(text, max(0, m.end() - 8), m.end())
            ]  # 'Jan. 14', 'Mr. Chen', 'U.S. dollars': no end of a sentence
        i = bisect.bisect_right(self._ends, start)
        before = self._ends[i - 1] if i else 0
        j = bisect.bisect_left(self._ends, end + 1)
        after = self._ends[j] if j < len(self._ends) else len(self.text)
        return before, after


_SENTENCE_END = re.compile(
    r"(?<!\d)[.!?](?=[\s”\"’)*_]*(?:\s|$))"
    r"|(?:(?<= \d)|(?<= \d\d)|(?<= \d\d\d)|(?<= \d{4}))[.!?](?=[”\"’)]*(?:\s+[A-Z“\"‘(]|\s*$))"
    r"|\n\s*\n"
)
"""A sentence ends at a full stop, question or exclamation mark before a space; after a
number, only one that follows a space and comes before the next sentence's capital
('...rose 7 percent in **2020.** Trade with...'; not '9.37', nor a list's '1.')."""
_OPEN_CLOSE = {"“": "”", '"': '"', "‘": "’", "«": "»"}


def passages(draft: Draft) -> list[tuple[int, int]]:
    """(start, end) of each outermost quotation, without its marks. A quotation may
    run over lines, and over paragraphs: when the next one opens with a quote mark (as
    newspapers do), or when it closes the quotation before it opens another (as this
    base's own article does). One that never closes is no quotation."""
    text = draft.text
    out: list[tuple[int, int]] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch not in _OPEN_CLOSE or (ch == "‘" and i > 0 and text[i - 1].isalnum()):
            i += 1
            continue
        close = _OPEN_CLOSE[ch]
        j = i + 1
        end = None
        while j < n:
            c = text[j]
            if c == close and not (close == "’" and j + 1 < n and text[j + 1].isalpha()):
                end = j
                break
            if text.startswith("\n\n", j) or (c == "\n" and text[j + 1 : j + 2] == "\n"):
                k = j
                while k < n and text[k] in " \t\n>":
                    k += 1
                if k < n and text[k] == ch:  # the quote goes on in the next paragraph
                    j = k + 1
                    continue
                para_end = text.find("\n\n", k)
                para = text[k : para_end if para_end >= 0 else n]
                closes, opens = para.find(close), para.find(ch) if ch != close else -1
                if closes >= 0 and (opens < 0 or closes < opens) and ch != close:
                    j = k  # closed in the next paragraph, with no mark reopening it
                    continue
                break
            j += 1
        if end is None:
            i += 1  # unbalanced: no passage here
            continue
        out.append((i + 1, end))
        i = end + 1
    return out


_MARKDOWN = re.compile(r"(?m)^\s*>\s?|[*_`]+")
ELLIPSIS = re.compile(r"\.\.\.|…|\[\.\.\.\]")


def plain(text: str) -> str:
    """Draft text without Markdown emphasis or blockquote marks."""
    return _MARKDOWN.sub("", text)


_SAID = r"(?:said|says|told|added|wrote|explained|noted|stressed|according\s+to)"
_NAME = r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3}"
_AFTER = re.compile(rf"^[\s,;:—–-]*(?:{_SAID}\s+({_NAME})|({_NAME})\s+{_SAID})")
_BEFORE = re.compile(rf"(?:{_SAID}\s+({_NAME})|({_NAME})\s+{_SAID})[\s,:—–-]*$")


def attributed_name(draft: Draft, start: int, end: int) -> str | None:
    """The name the draft gives the speaker of the quotation at [start, end): 'said Tu
    Xinquan', 'Zhou Mi said', 'according to Li Xiangrong', in the same sentence."""
    s_start, s_end = draft.sentence_at(start, end)
    after = plain(draft.text[end + 1 : max(s_end, end + 1)])
    before = plain(draft.text[s_start : max(start - 1, s_start)])
    for pattern, window in ((_AFTER, after), (_BEFORE, before)):
        m = pattern.search(window)
        if m:
            return (m.group(1) or m.group(2)).strip()
    return None


_DESCRIBED_BEFORE = re.compile(
    rf"(?:^|[,;:—–]\s*)((?:[\w'’&-]+\s+){{1,8}}?){_SAID}\b(?!.*\b{_SAID}\b)", re.IGNORECASE
)
_DESCRIBED_AFTER = re.compile(
    rf"^[\s,;:—–-]*{_SAID}\s+((?:[\w'’&-]+\s*){{1,8}}?)\s*(?:[,.;:!?]|$)", re.IGNORECASE
)


def described_speaker(draft: Draft, start: int, end: int) -> str | None:
    """How the sentence of the quotation at [start, end) describes whoever said it,
    where it names no one: the words before its verb of speech ('**The Ministry of
    Commerce expert** said the initiative was "of great significance"'), or after one
    that follows the quotation ('"...," said **a WTO scholar**'). Up to eight words."""
    s_start, s_end = draft.sentence_at(start, end)
    after = plain(draft.text[end + 1 : max(s_end, end + 1)])
    m = _DESCRIBED_AFTER.search(after)
    if m is None:
        m = _DESCRIBED_BEFORE.search(plain(draft.text[s_start : max(start - 1, s_start)]))
    found = m.group(1).strip() if m else ""
    return found if words(found) else None


class _SpeakerWords(NamedTuple):
    """The base's speakers as folded words, looked up by first word and by word set."""

    speakers: Sequence[tuple[str, str]]
    parts: list[tuple[str, str, list[str]]]
    """(id, name, folded words) of each speaker, in the base's order."""
    by_first: dict[str, list[int]]
    by_words: dict[tuple[str, ...], list[int]]


_speaker_words: list[_SpeakerWords] = []


def _words_of(speakers: Sequence[tuple[str, str]]) -> _SpeakerWords:
    """The speakers' words, made once per list (a draft asks for each quotation, and a
    base may have tens of thousands of speakers)."""
    if _speaker_words and _speaker_words[0].speakers is speakers:
        return _speaker_words[0]
    found = _SpeakerWords(speakers, [], {}, {})
    for sid, full in speakers:
        parts = words(full)
        if parts:
            found.by_first.setdefault(parts[0], []).append(len(found.parts))
            found.by_words.setdefault(tuple(sorted(parts)), []).append(len(found.parts))
        found.parts.append((sid, full, parts))
    _speaker_words[:] = [found]
    return found


def named_speaker(
    draft: Draft, start: int, end: int, speakers: Sequence[tuple[str, str]]
) -> tuple[str, str] | None:
    """(name as written, speaker id) of the one base speaker the sentence of the
    quotation at [start, end) names (in full, or by family name), or, when it names
    none, the sentence before it: who a partial quotation in the writer's own sentence
    is from ('Tu Xinquan said China's "market diversification strategy ..."'). None for
    none, or several."""
    s_start, s_end = draft.sentence_at(start, end)
    p_start, _ = draft.sentence_at(max(s_start - 1, 0), max(s_start - 1, 0))
    known = _words_of(speakers)
    found = _named(words(plain(draft.text[s_start:start] + " " + draft.text[end:s_end])), known)
    if not found:
        found = _named(words(plain(draft.text[p_start:s_start])), known)
    if len(found) != 1:
        return None
    sid, shown = next(iter(found.items()))
    return shown, sid


def _named(window: Sequence[str], known: _SpeakerWords) -> dict[str, str]:
    """The speakers these words name, by id: in full, or by family name alone."""
    found: dict[str, str] = {}
    named = sorted({i for w in set(window) for i in known.by_first.get(w, ())})
    for sid, full, parts in (known.parts[i] for i in named):
        n = len(parts)
        if any(list(window[i : i + n]) == parts for i in range(len(window) - n + 1)):
            found[sid] = full
        else:
            found.setdefault(sid, parts[0])  # the family name alone: 'Tu said'
    return found


def speaker_of(name: str | None, speakers: Sequence[tuple[str, str]]) -> str | None:
    """The id of the base speaker ``name`` means (full name, or family name), if any:
    the first in the base's order."""
    if name is None or not words(name):
        return None
    said = words(name)
    while len(said) > 1 and said[0] in HONORIFICS:
        said = said[1:]  # 'Professor Tu', 'Dr Zhou': the family name after the title
    known = _words_of(speakers)
    at = list(known.by_words.get(tuple(sorted(said)), ()))[:1]
    if len(said) == 1:
        at += known.by_first.get(said[0], ())[:1]
    if not at and len(said) > 1:
        # 'Tu Xinqaun': a full name misspelt by one slip in a word of five letters or more
        from brtrade.core.match import edit_distance  # only for a name not found as written

        near = [
            k
            for k, (_, _, parts) in enumerate(known.parts)
            if len(parts) == len(said)
            and all(
                p == w or (len(p) >= 5 and edit_distance(p, w, 1) == 1)
                for p, w in zip(parts, said, strict=True)
            )
        ]
        at = near if len(near) == 1 else []
    return known.parts[min(at)][0] if at else None


HONORIFICS = frozenset(
    """mr mrs ms miss dr prof professor dean director minister chairman chairwoman
    secretary president vice deputy executive""".split()
)
"""Words before a family name that are no part of it: 'said **Professor** Tu'."""


def word_spans(text: str) -> list[tuple[str, int, int]]:
    return [(fold(m.group()), m.start(), m.end()) for m in re.finditer(r"[^\W_]+", text)]


_ABBREVIATION = re.compile(
    r"(?:\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec|Mr|Mrs|Ms|Dr|St|Co|No|"
    r"Inc|Ltd|Corp|Gov|Sen|Rep|Prof|Gen|Jr|Sr|vs)|\b[A-Z]|\bU\.S)\.$"
)
_SENTENCE = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][”\"’]))\s+(?=[“\"‘(]?[A-Z0-9])")


def sentences(paragraph: str, offset: int) -> list[tuple[str, int]]:
    """The sentences of a paragraph of three words or more, without their outer quote
    marks, each with its offset in the text (the paragraph starts at ``offset``)."""
    out: list[tuple[str, int]] = []
    pos = 0
    for m in _SENTENCE.finditer(paragraph):
        if _ABBREVIATION.search(paragraph, max(0, m.start() - 8), m.start()):
            continue  # 'Jan. 15', 'Mr. Chen', 'U.S. dollars': no end of a sentence
        out.append((paragraph[pos : m.start()], offset + pos))
        pos = m.end()
    out.append((paragraph[pos:], offset + pos))
    kept = []
    for s, o in out:
        stripped = s.strip()
        lead = len(s) - len(s.lstrip()) + len(stripped) - len(stripped.lstrip('“”"‘’'))
        if len(words(s)) >= 3:
            kept.append((stripped.strip('“”"‘’').strip(), o + lead))
    return kept
