"""Source texts: paragraphs and verbatim spans.

A paragraph is a block of the text separated from the next by a blank line,
counted from 1. A span is matched verbatim, normalising only whitespace (any
run becomes one space) and typographic quotes (‘’ -> ', “” -> ").
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from brtrade.core.errors import FactBaseError, excerpt
from brtrade.core.files import MAX_SOURCE_BYTES, read_bytes

if TYPE_CHECKING:
    from brtrade.core.model import FactBase

_PARA_SPLIT = re.compile(r"\n[ \t\r\f\v]*\n")
_SPACE = re.compile(r"\s+")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})


def split_paragraphs(text: str) -> list[str]:
    """The paragraphs of a text, stripped, blank blocks dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [p.strip() for p in _PARA_SPLIT.split(text) if p.strip()]


def normalise_span(text: str) -> str:
    """Whitespace and typographic quotes folded, as the verbatim checks compare."""
    return _SPACE.sub(" ", text.translate(_QUOTES)).strip()


@lru_cache(maxsize=64)
def _normalised_with_map(text: str) -> tuple[str, list[int]]:
    """The normalised text and, for each of its characters, the offset in ``text``
    (once per text: a source every record cites is searched once per record)."""
    out: list[str] = []
    offsets: list[int] = []
    in_space = False
    for i, ch in enumerate(text.translate(_QUOTES)):
        if ch.isspace():
            if not in_space and out:
                out.append(" ")
                offsets.append(i)
            in_space = True
            continue
        in_space = False
        out.append(ch)
        offsets.append(i)
    return "".join(out), offsets


def find_spans(haystack: str, needle: str) -> list[tuple[int, int]]:
    """Every (start, end) in ``haystack`` where ``needle`` occurs, as normalised."""
    want = normalise_span(needle)
    if not want:
        return []
    norm, offsets = _normalised_with_map(haystack)
    found: list[tuple[int, int]] = []
    start = norm.find(want)
    while start >= 0:
        end = start + len(want) - 1
        found.append((offsets[start], offsets[end] + 1))
        start = norm.find(want, start + 1)
    return found


class SourceText:
    """A source's text, split into paragraphs (a plain class: a named tuple's creation
    costs a millisecond on the path of every query)."""

    __slots__ = ("source_id", "path", "paragraphs")

    def __init__(self, source_id: str, path: str, paragraphs: tuple[str, ...]) -> None:
        self.source_id = source_id
        self.path = path
        self.paragraphs = paragraphs

    def paragraph(self, number: int) -> str:
        return self.paragraphs[number - 1]

    def joined(self, numbers: tuple[int, ...]) -> str:
        """The paragraphs ``numbers`` as one text, separated by blank lines."""
        return "\n\n".join(self.paragraph(n) for n in numbers)

    def has(self, numbers: tuple[int, ...]) -> bool:
        return all(1 <= n <= len(self.paragraphs) for n in numbers)


_CACHE: dict[tuple[object, ...], SourceText] = {}
"""Texts read in this process, by path and metadata: the last :data:`CACHED_TEXTS` read,
so that a listing citing thousands of articles holds a few at a time."""

CACHED_TEXTS = 64


def source_text(base: FactBase, source_id: str) -> SourceText:
    """Read (once) and split the text of a source."""
    path = base.source_paths[source_id]
    src = base.source(source_id)
    return read_source_text(source_id, path, str(src.origin) if src.origin else path)


def read_source_text(source_id: str, path: str, where: str) -> SourceText:
    """Read (once) and split the text of source ``source_id`` at ``path``; errors are
    placed at ``where`` (the source's record)."""
    if Path(path).resolve() != Path(path):
        # The path was checked to stay in its folder when the base was loaded; a
        # symlink put there since (the path may come from the persistent index) is refused.
        raise FactBaseError(
            f"source '{source_id}': its text {excerpt(path)} has become a symlink",
            file=where,
            field="text",
            hint="put the text itself beside the fact file",
        )
    try:  # the text as it is now: a long-lived process sees a text that changed
        st = os.stat(path)
        stamp: tuple[object, ...] = (path, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
    except OSError:
        stamp = (path,)
    cached = _CACHE.pop(stamp, None)
    if cached is not None:
        _CACHE[stamp] = cached  # the most recently used last
        return cached
    try:
        data = read_bytes(Path(path), MAX_SOURCE_BYTES, what="source text")
    except FactBaseError as refused:
        raise FactBaseError(
            f"source '{source_id}': cannot read its text {excerpt(path)}: {refused.message}",
            file=where,
            field="text",
            hint=refused.hint,
        ) from None
    except OSError as exc:
        raise FactBaseError(
            f"source '{source_id}': cannot read its text {excerpt(path)}: {exc.strerror or exc}",
            file=where,
            field="text",
            hint="ship the text file beside the fact file",
        ) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FactBaseError(
            f"source '{source_id}': its text {excerpt(path)} is not valid UTF-8",
            file=where,
            field="text",
        ) from None
    result = SourceText(source_id, path, tuple(split_paragraphs(text)))
    if len(stamp) > 1:
        _CACHE[stamp] = result
        while len(_CACHE) > CACHED_TEXTS:
            del _CACHE[next(iter(_CACHE))]
    return result


def evidence_stands(text: SourceText, paragraphs: Sequence[int], evidence: str) -> bool:
    """Whether ``evidence`` still stands verbatim (whitespace and typographic quotes
    aside) in the paragraphs it cites of the source text as it is now."""
    numbers = tuple(paragraphs)
    if not numbers or not text.has(numbers):
        return False
    return normalise_span(evidence) in normalise_span(text.joined(numbers))


def first_difference(haystack: str, needle: str, context: int = 24) -> tuple[str, str] | None:
    """Where ``needle`` stops matching ``haystack``: (what the needle says, what the text says).

    Finds the longest start of ``needle`` that occurs in ``haystack`` (both
    normalised) and returns a short window of each from that point. None when
    not even the first word occurs.
    """
    want = normalise_span(needle)
    text, _ = _normalised_with_map(haystack)
    lo, hi = 0, len(want)
    while lo < hi:  # longest prefix of want found in text
        mid = (lo + hi + 1) // 2
        if want[:mid] in text:
            lo = mid
        else:
            hi = mid - 1
    if lo < min(8, len(want)):
        return None
    at = text.find(want[:lo]) + lo
    start = max(0, lo - context)
    said = want[start : lo + context]
    source = text[at - (lo - start) : at + context]
    return said, source


def paragraph_offsets(base: FactBase, source_id: str) -> tuple[str, list[int]]:
    """A source's text as its file holds it (line ends as \\n), and where each of its
    paragraphs starts in it: the offsets a TextPositionSelector counts in."""
    src = source_text(base, source_id)
    data = read_bytes(Path(src.path), MAX_SOURCE_BYTES, what="source text")
    text = data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    starts: list[int] = []
    pos = 0
    for para in src.paragraphs:
        at = text.find(para, pos)
        starts.append(at)
        pos = at + len(para)
    return text, starts
