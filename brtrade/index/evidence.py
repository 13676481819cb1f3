"""Whether answered records still stand on their source texts.

The answers are only as good as their evidence, and a source text may be edited after
its base was written, indexed or proved. The index keeps each cited text's metadata
as it was first indexed (``index.build`` carries it over a rebuild, until ``check``
proves the base again); :func:`changed_sources` compares it with the texts now. Every
answer's records are looked up in their texts as they are (:func:`mark_unverified`),
from the index and from memory alike (docs/security.md, "Threat model").
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from brtrade.index.reader import Index


Entry = list[Any] | None
"""A source text's [size, mtime, ctime, inode, SHA-256], or None for one that cannot be
read."""


def source_files(paths: dict[str, str]) -> dict[str, Entry]:
    """Each source text's metadata and hash: what the index keeps at its build
    (index.build) for :func:`changed_sources` to compare with."""
    from brtrade.index.freshness import file_meta, sha256_of

    out: dict[str, Entry] = {}
    for sid, path in paths.items():
        try:
            out[sid] = [*file_meta(Path(path)), sha256_of(Path(path))]
        except (OSError, ValueError):
            out[sid] = None
    return out


def changed_sources(index: Index, cited: Iterable[str] | None = None) -> list[str]:
    """The paths of the source texts (of ``cited``, else all) that differ from what the
    index holds for them: edited, replaced or gone since. Equal metadata is trusted;
    other metadata with the same bytes (a fresh clone, a touch) is no change, as git's
    index judges it: the text is hashed only then."""
    paths, built = index.source_paths(), index.source_files()
    out = []
    for sid in sorted(paths if cited is None else set(cited) & set(paths)):
        path, held = paths[sid], built.get(sid)
        if not _same(Path(path), held):
            out.append(path)
    return out


def _same(path: Path, held: Entry) -> bool:
    """Whether the text at ``path`` is the one ``held`` describes."""
    from brtrade.index.freshness import file_meta, sha256_of

    if held is None or len(held) != 5:
        return False
    try:
        return file_meta(path) == held[:4] or sha256_of(path) == held[4]
    except (OSError, ValueError):
        return False


def mark_unverified(rows: Sequence[dict[str, Any]], paths: dict[str, str], where: str) -> list[str]:
    """Mark ``verified: false`` the provenance of each row whose evidence is not found
    verbatim in the cited paragraphs of its source text as it is now (each text read
    once); the ids of those rows."""
    from brtrade.core.errors import FactBaseError
    from brtrade.core.sources import evidence_stands, read_source_text

    gone: list[str] = []
    for row in rows:
        prov = row.get("provenance")
        if not prov or prov["source"] not in paths:
            continue
        try:
            text = read_source_text(prov["source"], paths[prov["source"]], where)
            stands = evidence_stands(text, prov["paragraphs"], prov["evidence"])
        except (FactBaseError, OSError):
            stands = False
        if not stands:
            prov["verified"] = False
            gone.append(row["id"])
    return gone


def check(
    rows: Sequence[dict[str, Any]], paths: dict[str, str], index: Index | None, where: str
) -> list[str]:
    """Mark the rows whose evidence their source text no longer holds; what to say of
    it on stderr: which cited texts changed since the index was built, and which
    records no longer stand."""
    out = []
    if index is not None:
        cited = {r["provenance"]["source"] for r in rows if r.get("provenance")}
        out = [
            f"the source text {path} has changed since the index was built; "
            "run 'brtrade check' to prove its records again"
            for path in changed_sources(index, cited)
        ]
    gone = mark_unverified(rows, paths, where)
    if gone:
        shown = ", ".join(gone[:5]) + (f" and {len(gone) - 5} more" if len(gone) > 5 else "")
        out.append(
            f"the evidence of {shown} is not in its source text as it is now "
            "(marked unverified); run 'brtrade check'"
        )
    return out


def forget(root: Path) -> None:
    """Drop the index of ``root`` (the next query builds it anew)."""
    from brtrade.index.freshness import cache_paths

    where = cache_paths(root)
    if where is not None:
        for stale in (where.db, where.stamp):
            with contextlib.suppress(OSError):
                stale.unlink()
