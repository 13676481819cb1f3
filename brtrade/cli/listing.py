"""Printing a listing: the rows of a search, or their table, and what to say of none."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

import typer

from brtrade.cli.errors import ExitCode
from brtrade.cli.output import Output, emit_chunks, emit_records, warn
from brtrade.core.errors import excerpt

if TYPE_CHECKING:
    from brtrade.cli.output import RenderableType
    from brtrade.index.layout import Answer, Answered
    from brtrade.index.store import FactStore


def listing(
    out: Output,
    kind: str,
    what: str,
    query: list[str] | None,
    rows: Callable[[], Sequence[dict[str, Any]]],
    table: Callable[[bool], RenderableType],
    found: int,
    said: bool = False,
) -> None:
    """Print a listing; an empty one is valid output in machine formats, and exits 1.
    With ``said``, why it is empty has been told already."""
    emit_records(out, kind, rows, table, empty=not found)
    if not found:
        if out.is_table and not said:
            shown = f" match {' '.join(query)!r}" if query else ""
            warn(f"no {what}{shown}")
        raise typer.Exit(ExitCode.NO_MATCH)


def say_if_cut(query: Sequence[str] | None) -> None:
    """Tell on stderr that an over-long question was read only up to its limit."""
    from brtrade.core.query import MAX_QUESTION_WORDS, is_cut

    if query and is_cut(query):
        warn(f"the question is long: reading its first {MAX_QUESTION_WORDS} words only")


def ranked_listing(
    out: Output,
    kind: str,
    query: list[str] | None,
    answered: Answered,
    store: FactStore,
) -> None:
    """A listing of search results (claims or quotes), drawn with the query's words lit;
    in the machine formats, written a batch of rows at a time.

    Spelling corrections are said on stderr; with no answer, so are the closest
    records below the relevance floor and the words that matched nothing."""
    say_if_cut(query)
    found = answered.found
    for typed, read in found.corrections:
        warn(f"reading {excerpt(typed)} as {excerpt(read)}")
    batches = _explained(answered)
    said = bool(not answered.total and query and (found.unmatched or found.closest))
    if not answered.total and query:  # one miss, one line: the words no record has, the closest
        parts = []
        if found.unmatched:
            shown = [excerpt(w) for w in found.unmatched[:10]]
            more = len(found.unmatched) - len(shown)
            parts.append(
                "no record has: " + ", ".join(shown) + (f" and {more} more" if more > 0 else "")
            )
        if found.closest:
            parts.append(
                f"no {kind} answers enough of the question; the closest, not shown: "
                + ", ".join(found.closest)
                + " (see docs/matching.md)"
            )
        if parts:
            warn("; ".join(parts))
    if answered.total and not out.is_table:
        emit_chunks(out, kind, batches)
        return
    rows = [r for b in batches for r in b]

    def table(plain: bool) -> RenderableType:
        from brtrade.core.query import query_words
        from brtrade.render import tables

        draw = tables.claims_table if kind == "claim" else tables.quotes_table
        many = store.counts()["sources"] > 1
        return draw(rows, query_words(query or []), plain, many)

    listing(out, kind, f"{kind}s", query, lambda: rows, table, len(rows), said)


def _explained(answered: Answered) -> Iterator[list[dict[str, Any]]]:
    """The rows, each with its explanation (``--explain``) under 'explain'."""
    done = 0
    for rows in answered.batches:
        why = answered.found.explains[done : done + len(rows)]
        done += len(rows)
        yield [{**r, "explain": w} for r, w in zip(rows, why, strict=True)] if why else rows


def takes_people(out: Output) -> bool:
    """Whether speakers can join claims in this output: record types may mix in a table
    and in json, jsonl and yaml, not in columns (csv, tsv, markdown, --fields)."""
    from brtrade.render.formats import Format

    return out.fields is None and out.format in (
        Format.table,
        Format.json,
        Format.jsonl,
        Format.yaml,
    )


def nobody_answers(out: Output, query: list[str], names: Sequence[str]) -> None:
    """The answer to a question about a speaker it names that no speaker's record
    answers ('which university does Zhou Mi teach at'): none, said once on stderr;
    their words are a ``quote --speaker`` away."""
    import shlex

    say_if_cut(query)
    who, first = " or ".join(names), shlex.quote(names[0])
    warn(f"no record says that of {excerpt(who)}; their words: brtrade quote --speaker {first}")
    listing(out, "speaker", "speakers", query, list, lambda _: "", 0, said=True)


def person_listing(
    out: Output,
    query: list[str],
    people: list[dict[str, Any]],
    answer: Answer,
    store: FactStore,
    limit: int | None,
) -> None:
    """The answer to a question about a person: the speakers it is about (``speaker``
    rows), their quotes, then the claims answering the question (else the speakers'
    claims), each kind in its own table."""
    from brtrade.cli.output import emit_rich
    from brtrade.core.query import Asked

    say_if_cut(query)
    quotes: list[dict[str, Any]] = []
    claims = list(answer.rows)
    for person in people:
        quotes += store.quote_rows(Asked(speaker=person["id"])).rows
        if not answer.rows:
            claims += store.claim_rows(Asked(speaker=person["id"], limit=limit)).rows
    if limit is not None:
        claims = claims[:limit]
    if not out.is_table:
        emit_records(out, "speaker", lambda: [*people, *quotes, *claims], lambda _: "", False)
        return

    def tables(plain: bool) -> RenderableType:
        from brtrade.core.query import query_words
        from brtrade.render.tables import person_tables

        many = store.counts()["sources"] > 1
        return person_tables(people, quotes, claims, query_words(query), plain, many)

    emit_rich(tables)
