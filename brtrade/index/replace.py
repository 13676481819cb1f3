"""What re-indexing some files of a folder base replaces, and the replacing.

:func:`plan` holds the changed files' records to every rule a full load holds
them to, against what the index knows of the other files, and refuses
(:class:`Refused`) whatever it cannot prove equal to a full load;
:func:`replace` then swaps the old records for the new in a copy of the index
(:mod:`brtrade.index.update` drives both).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, cast

from brtrade.index.layout import Kind, Tag, checksum
from brtrade.index.postings import packed

if TYPE_CHECKING:
    import sqlite3
    from collections import Counter

    from brtrade.contract.records import Tally
    from brtrade.core.model import Claim, FactBase, Quote
    from brtrade.core.validate import ParsedFile
    from brtrade.index.reader import Index


class Refused(Exception):
    """Why an update cannot be proved equal to a full load: rebuild instead."""


@dataclasses.dataclass
class Plan:
    """What an update replaces: per file, the old records' document orders and the new
    records; and the base the new records are read against."""

    files: dict[str, int]
    """Every file path with its number."""
    numbers: list[int]
    """The numbers of the changed and removed files."""
    old_claims: list[int]
    old_quotes: list[int]
    new_claims: list[Claim]
    new_quotes: list[Quote]
    context: FactBase
    """The small groups, the new records, and the records of other files they name."""
    outside_quotes: dict[str, int]
    """Quotes of other files that new claims are made in, with their document order."""
    remaining_files: tuple[str, ...]


def _elsewhere(index: Index, where: str, values: Sequence[Any], inside: str) -> bool:
    """Whether a row of ``where IN values`` (``where`` is "TABLE WHERE COLUMN") lies
    outside the changed files (``inside``, a condition on ``ord``)."""
    for start in range(0, len(values), 500):
        chunk = values[start : start + 500]
        marks = ",".join("?" * len(chunk))
        sql = f"SELECT 1 FROM {where} IN ({marks}) AND NOT ({inside}) LIMIT 1"
        if index.db.execute(sql, chunk).fetchone():
            return True
    return False


def _in(numbers: Sequence[int], stride: int) -> str:
    """A SQL condition: ``ord`` is in one of these files' ranges."""
    return " OR ".join(f"(ord >= {n * stride} AND ord < {(n + 1) * stride})" for n in numbers)


def plan(index: Index, parsed: Sequence[ParsedFile], removed: Sequence[str]) -> Plan:
    """Check that the changed files can be replaced alone, and what with."""
    from brtrade.core.rules.problems import Locator
    from brtrade.core.rules.records import check_records
    from brtrade.index.plain import Keep, from_plain

    files: list[str] = json.loads(index.meta("files"))
    numbers_of = {f: i for i, f in enumerate(files)}
    stride: int = json.loads(index.meta("stride"))
    refs = [r for p in parsed for r in p.refs]
    small = from_plain(
        index._small_plain(),
        keep=Keep(
            {r.value for r in refs if r.kind == "speaker"},
            {r.value for r in refs if r.kind == "source"},
            files=frozenset([*(str(p.path) for p in parsed), *removed]),
        ),
    )
    touched = [str(p.path) for p in parsed] + list(removed)
    if any(t not in numbers_of for t in touched):
        raise Refused("a file the index does not know")
    numbers = [numbers_of[t] for t in touched]
    groups = ("sources", "topics", "entities", "speakers", "vocabulary", "extensions")

    def own(group: str, path: str) -> list[Any]:
        return [r for r in getattr(small, group) if r.origin and r.origin.file == path]

    if small.extensions or any(p.content.entity_extensions for p in parsed):
        raise Refused("the base extends entities across files")
    for p in parsed:
        path = str(p.path)
        for group in groups:
            name = "entity_extensions" if group == "extensions" else group
            new = list(getattr(p.content, name))
            old = own(group, path)
            if new != old or [r.origin for r in new] != [r.origin for r in old]:
                raise Refused(f"a changed file's {group} changed")
    for path in removed:
        if any(own(g, path) for g in groups):
            raise Refused("a removed file held sources, topics, entities or speakers")
    inside = _in(numbers, stride)
    ordered = "SELECT ord FROM {} WHERE " + inside + " ORDER BY ord"
    old_claims = [o for (o,) in index.db.execute(ordered.format("claims"))]
    old_quotes = [o for (o,) in index.db.execute(ordered.format("quotes"))]
    made_in = f"tags WHERE kind = {Tag.QUOTE.of(Kind.CLAIM)} AND tag"
    if _elsewhere(index, made_in, old_quotes, inside):
        raise Refused("a claim of another file is made in a changed file's quote")
    old_models = cast("list[Claim]", index.models(Kind.CLAIM, old_claims))
    old_figures = [f.id for c in old_models for f in c.figures]
    if _elsewhere(index, "figure_links WHERE target", old_figures, inside):
        raise Refused("a figure of another file names a changed file's figure")
    new_claims = [c for p in parsed for c in p.content.claims]
    new_quotes = [q for p in parsed for q in p.content.quotes]
    # ids must stay unique across the files
    for where, ids in (
        ("claims WHERE id", [c.id for c in new_claims]),
        ("quotes WHERE id", [q.id for q in new_quotes]),
        ("figure_ids WHERE id", [f.id for c in new_claims for f in c.figures]),
    ):
        if _elsewhere(index, where, ids, inside):
            raise Refused("an id is used in another file")
    # the records of other files that new claims name: quotes made in, figures named
    own_quotes = {q.id for q in new_quotes}
    wanted_quotes = {c.quote for c in new_claims if c.quote and c.quote not in own_quotes}
    quote_ords = [o for o in index.ords_of(Kind.QUOTE, wanted_quotes) if o // stride not in numbers]
    outside_models = index.models(Kind.QUOTE, quote_ords)
    outside_quotes = {q.id: o for q, o in zip(outside_models, quote_ords, strict=True)}
    figure_ids = {f.id for c in new_claims for f in c.figures}
    wanted_figures = {
        r
        for c in new_claims
        for f in c.figures
        for r in (f.converted_from, f.applies_to, f.part_of)
        if r and r not in figure_ids
    }
    holders: list[int] = []
    for fid in wanted_figures:
        row = index.db.execute("SELECT ord FROM figure_ids WHERE id = ?", (fid,)).fetchone()
        if row is not None:
            holders.append(row[0])
    outside = [o for o in holders if o // stride not in numbers]
    more_claims = cast("list[Claim]", index.models(Kind.CLAIM, sorted(set(outside))))
    context = _with(small, (*new_claims, *more_claims), (*new_quotes, *outside_models))
    for problem in check_records(context, parsed, Locator()):
        raise Refused(f"the edit breaks a rule ({problem.rule})")
    remaining = tuple(f for f in small.files if f not in set(removed))
    return Plan(
        numbers_of,
        numbers,
        old_claims,
        old_quotes,
        new_claims,
        new_quotes,
        context,
        outside_quotes,
        remaining,
    )


def replace(db: sqlite3.Connection, index: Index, plan: Plan, build_id: str) -> None:
    """Replace the changed files' records in ``db``, a copy of ``index``."""
    from brtrade.contract import records
    from brtrade.index.lookups import id_of
    from brtrade.index.writer import Writer, deriving, named_figures

    stride: int = json.loads(index.meta("stride"))
    zdict: bytes = index.meta("zdict")
    next_term = db.execute("SELECT COALESCE(MAX(term), -1) + 1 FROM terms").fetchone()[0]
    # Take the old records out, counting out their terms and words.
    old = index.subset(plan.old_claims, plan.old_quotes)
    claim_ids = set(id_of(index, Kind.CLAIM, plan.old_claims))
    quote_ids = set(id_of(index, Kind.QUOTE, plan.old_quotes))
    old_claims = [c for c in old.claims if c.id in claim_ids]
    old_quotes = [q for q in old.quotes if q.id in quote_ids]
    lookup = _term_lookup(db)
    names = index.names()
    out = Writer(db, old, dict(plan.files), stride, zdict, next_term, lookup, names)
    out.forget(old_claims, plan.old_claims, old_quotes, plan.old_quotes)
    quote_at = {q.id: o for q, o in zip(old.quotes, _ords(index, old.quotes), strict=True)}
    db.executemany(
        "DELETE FROM tags WHERE kind = ? AND tag = ? AND ord = ?",
        out.tags(old_claims, plan.old_claims, old_quotes, plan.old_quotes, quote_at),
    )
    inside = _in(plan.numbers, stride)
    db.execute(f"DELETE FROM claims WHERE {inside}")
    db.execute(f"DELETE FROM quotes WHERE {inside}")
    db.execute(f"DELETE FROM figure_ids WHERE {inside}")
    db.execute(f"DELETE FROM postings WHERE file IN ({','.join(str(n) for n in plan.numbers)})")
    db.execute(f"DELETE FROM figure_links WHERE {inside}")
    # Put the new ones in. A claim is read by derive when a figure of it names another
    # or is named (here, only from the changed files: see plan).
    named = named_figures(plan.new_claims)
    into = Writer(db, plan.context, dict(plan.files), stride, zdict, next_term, lookup, names)
    into.terms.term_ids.update(out.terms.term_ids)
    into.add(
        plan.new_claims, plan.new_quotes, deriving(plan.new_claims, named), plan.outside_quotes
    )
    links = sorted(named_figures(plan.new_claims))
    for start in range(0, len(links), 500):
        chunk = links[start : start + 500]
        marks = ",".join("?" * len(chunk))
        db.execute(
            f"UPDATE claims SET derives = 1 WHERE ord IN "
            f"(SELECT ord FROM figure_ids WHERE id IN ({marks}))",
            chunk,
        )
    db.executemany("INSERT INTO postings VALUES (?, ?, ?)", packed(into.terms.postings, stride))
    df = dict(out.terms.df)
    for key, n in into.terms.df.items():
        df[key] = df.get(key, 0) + n
    db.executemany(
        "INSERT INTO terms VALUES (?, ?, ?, ?) ON CONFLICT (kind, token) "
        "DO UPDATE SET df = df + excluded.df",
        ((k, tok, n, into.terms.term_id((k, tok))) for (k, tok), n in df.items() if n),
    )
    db.execute("DELETE FROM terms WHERE df <= 0")
    words = dict(out.terms.words)
    for w, n in into.terms.words.items():
        words[w] = words.get(w, 0) + n
    db.executemany(
        "INSERT INTO words VALUES (?, ?) ON CONFLICT (word) "
        "DO UPDATE SET records = records + excluded.records",
        ((w, n) for w, n in words.items() if n),
    )
    db.execute("DELETE FROM words WHERE records <= 0")
    # What the base has once: counts and listing rows, by the difference.
    # (without speakers: they are unchanged, and their attributions count for sources)
    gone = records.Tally(dataclasses.replace(_with(old, old_claims, old_quotes), speakers=()))
    came = records.Tally(
        dataclasses.replace(_with(plan.context, plan.new_claims, plan.new_quotes), speakers=())
    )
    _meta(db, index, plan, build_id, gone, came, old_claims, old_quotes)


def _with(base: FactBase, claims: Sequence[Any], quotes: Sequence[Any]) -> FactBase:
    """``base`` with these claims and quotes (and lookups of its own)."""
    return dataclasses.replace(
        base, claims=tuple(claims), quotes=tuple(quotes), index={}, figures_by_id={}
    )


def _term_lookup(db: sqlite3.Connection) -> Callable[[tuple[int, str]], int | None]:
    """The number of a term the index holds, or None."""

    def lookup(key: tuple[int, str]) -> int | None:
        row = db.execute("SELECT term FROM terms WHERE kind = ? AND token = ?", key).fetchone()
        return None if row is None else int(row[0])

    return lookup


def _ords(index: Index, quotes: Sequence[Quote]) -> list[int]:
    if not quotes:
        return []
    at = dict(
        index.db.execute(
            f"SELECT id, ord FROM quotes WHERE id IN ({','.join('?' * len(quotes))})",
            [q.id for q in quotes],
        )
    )
    return [at[q.id] for q in quotes]


def _meta(
    db: sqlite3.Connection,
    index: Index,
    plan: Plan,
    build_id: str,
    gone: Tally,
    came: Tally,
    old_claims: Sequence[Claim],
    old_quotes: Sequence[Quote],
) -> None:
    import marshal

    counts: dict[str, int] = index.counts()
    counts["claims"] += len(plan.new_claims) - len(old_claims)
    counts["quotes"] += len(plan.new_quotes) - len(old_quotes)
    counts["figures"] += sum(len(c.figures) for c in plan.new_claims) - sum(
        len(c.figures) for c in old_claims
    )
    meta: dict[str, str | bytes] = {"build": build_id, "counts": json.dumps(counts)}
    # Listing rows are rewritten only when their counts moved (a same-size edit moves
    # none): a large base has thousands of speakers and sources.
    g, c = gone, came
    counted: dict[str, dict[str, tuple[Counter[Any], Counter[Any]]]] = {
        "speaker": {
            "quotes": (g.speaker_quotes, c.speaker_quotes),
            "claims": (g.speaker_claims, c.speaker_claims),
        },
        "topic": {
            "claims": (g.topic_claims, c.topic_claims),
            "quotes": (g.topic_quotes, c.topic_quotes),
        },
        "source": {"records": (g.sources, c.sources)},
    }
    for kind, keys in counted.items():
        moved = {
            i: {key: now[i] - before[i] for key, (before, now) in keys.items()}
            for before_now in keys.values()
            for counter in before_now
            for i in counter
        }
        moved = {i: d for i, d in moved.items() if any(d.values())}
        if not moved:
            continue
        rows = index.small_rows(kind)
        for r in rows:
            for key, n in moved.get(r["id"], {}).items():
                r[key] += n
            if kind == "topic":
                r["records"] = r["claims"] + r["quotes"]
        meta[f"{kind}_rows"] = json.dumps(rows)
    if plan.remaining_files != index._small_plain()[2]:
        groups, source_paths, _ = index._small_plain()
        meta["small"] = marshal.dumps((groups, source_paths, plan.remaining_files))
    db.executemany(
        "INSERT OR REPLACE INTO meta VALUES (?, ?, ?)",
        ((k, v, checksum(v)) for k, v in meta.items()),
    )
