"""The search commands: facts, quote and figures."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from brtrade.cli.errors import ExitCode
from brtrade.cli.listing import (
    listing,
    nobody_answers,
    person_listing,
    ranked_listing,
    takes_people,
)
from brtrade.cli.options import output_options, query_options
from brtrade.cli.output import TABLE, Output, emit_chunks
from brtrade.cli.state import state
from brtrade.core.query import Asked

if TYPE_CHECKING:
    from brtrade.cli.output import RenderableType

EVERYTHING = Asked()


@output_options
@query_options("topic", "entity", "speaker", "limit", "all_words", "explain")
def facts(ctx: typer.Context, asked: Asked = EVERYTHING, out: Output = TABLE) -> None:
    """Claims that answer QUERY, a question or keywords, best answer first.

    Searches each claim's statement, its evidence, its figures, its topics, the
    entities it is about (with their aliases), and its speaker's name, role and
    organisation. When nothing answers enough of the question, says so (exit 1)
    and names the closest records on stderr.

    A question about a person ("who is Tu Xinquan", "what is Zhou Mi's job",
    "where does Li Xiangrong work") answers with the speakers it is about, then
    their quotes, then the claims (in tables, json, jsonl and yaml without
    --fields; csv, tsv, markdown and --fields list claims only).

    Examples:

      brtrade facts asean

      brtrade facts how much did China trade with ASEAN in 2020

      brtrade facts "who is China's biggest trading partner" --explain

      brtrade facts "what is Zhou Mi's job"

      brtrade facts --speaker zhou --format csv --fields id,statement
    """
    store = state(ctx).store()
    answered = store.answers("claim", asked)
    query = list(asked.query)
    filtered = asked.topic is not None or asked.entity is not None or asked.speaker is not None
    if query and not filtered and not asked.all_words and takes_people(out):
        people = store.speakers_asked_about(query)
        if people:
            person_listing(out, query, people, answered.whole(), store, asked.limit)
            return
        named = store.someone_named(query)
        if named:
            nobody_answers(out, query, named)
            return
    ranked_listing(out, "claim", query, answered, store)


@output_options
@query_options("speaker", "limit", "all_words", "explain")
def quote(ctx: typer.Context, asked: Asked = EVERYTHING, out: Output = TABLE) -> None:
    """Direct quotes that answer QUERY, with who said them.

    If no speaker matches --speaker, brtrade exits 1 and suggests the closest
    known speaker.

    Examples:

      brtrade quote --speaker "Tu Xinquan"

      brtrade quote pandemic

      brtrade quote --speaker "Xinquan Tu" --json
    """
    store = state(ctx).store()
    ranked_listing(out, "quote", list(asked.query), store.answers("quote", asked), store)


@output_options
@query_options("topic", "entity", "speaker", "limit")
def figures(ctx: typer.Context, asked: Asked = EVERYTHING, out: Output = TABLE) -> None:
    """Every figure in the base, one per row, from the claims that match QUERY.

    Shows what each number measures, its value and unit, its period, the basis
    of a change, and its source paragraph. Comparable figures (growth rates,
    shares, amounts in one currency) get an inline bar, so they can be read
    side by side. In CSV and the other machine formats, each row is one figure.

    Examples:

      brtrade figures

      brtrade figures growth

      brtrade figures --format csv > figures.csv
    """
    store = state(ctx).store()
    chunks = store.figures(asked)
    if not out.is_table:
        from brtrade.contract import records

        rows = ([records.figure_row(c, f) for c, f in chunk] for chunk in chunks)
        if not emit_chunks(out, "figure", rows):
            raise typer.Exit(ExitCode.NO_MATCH)
        return
    pairs = [p for chunk in chunks for p in chunk]

    def table(plain: bool) -> RenderableType:
        from brtrade.render import figures as figure_views

        return figure_views.figures_view(pairs, store.counts()["sources"] > 1, plain)

    listing(out, "figure", "figures", list(asked.query), list, table, len(pairs))
