"""Postings packed a term and a file at a time: which records hold a term, in what
field (its weight and code, :func:`brtrade.core.terms.posted`).

The postings of a term in one fact file are one row: the records' document orders as
gaps (4-byte unsigned integers, the first from where the file's orders start), then
their fields (a byte each: weight and code), compressed with zlib (whose checksum also catches
a damaged row). A row per term and posting took most of the index (61 of 103 MB at
100,000 claims); packed, they take a fifth of that, and reading a term's postings is
a row per file and one C call each. A file's rows are replaced whole when the file
is re-indexed alone, so an update never rewrites another file's postings.
"""

from __future__ import annotations

import itertools
import zlib
from array import array
from collections.abc import Iterator, Sequence

LEVEL = 6
"""zlib's compression level for postings."""


def pack(start: int, ords: Sequence[int], weights: Sequence[int]) -> bytes:
    """The row of a term held by ``ords`` (ascending, from ``start``, the first order
    of their file) at ``weights`` (each < 256)."""
    gaps = array("I", [b - a for a, b in zip([start, *ords], ords, strict=False)])
    return zlib.compress(gaps.tobytes() + bytes(weights), LEVEL)


def unpack(start: int, data: bytes) -> Iterator[tuple[int, int]]:
    """(document order, field weight and code) of each record a packed row holds, in order."""
    raw = zlib.decompress(data)
    n = len(raw) // 5
    gaps = array("I")
    gaps.frombytes(raw[: 4 * n])
    ords = itertools.islice(itertools.accumulate(gaps, initial=start), 1, None)
    return zip(ords, raw[4 * n :], strict=True)


def packed(flat: dict[int, list[int]], stride: int) -> Iterator[tuple[int, int, bytes]]:
    """(term, file, row) for each term of ``flat`` (term -> [ord, weight, ord, weight,
    ...], ords ascending) and each file (``ord // stride``) holding it, in key order."""
    for term in sorted(flat):
        pairs = flat[term]
        ords, weights = pairs[0::2], pairs[1::2]
        for file, run in itertools.groupby(range(len(ords)), key=lambda i: ords[i] // stride):
            at = list(run)
            yield (
                term,
                file,
                pack(file * stride, ords[at[0] : at[-1] + 1], weights[at[0] : at[-1] + 1]),
            )
