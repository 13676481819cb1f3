"""The commands that list and show records: speakers, topics, show and sources."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from brtrade.cli import completion
from brtrade.cli.listing import listing
from brtrade.cli.options import (
    JsonFlag,
    output_options,
)
from brtrade.cli.output import TABLE, Output, emit_json, emit_rich, warn, write_text
from brtrade.cli.state import state
from brtrade.core.errors import UsageError
from brtrade.render.formats import Format

if TYPE_CHECKING:
    from brtrade.cli.output import RenderableType
    from brtrade.core.model import FactBase
    from brtrade.core.provenance import Missing, Passage


@output_options
def speakers(
    ctx: typer.Context,
    out: Output = TABLE,
) -> None:
    """Everyone quoted, with role, organisation and number of quotes.

    Example:

      brtrade speakers --format markdown
    """
    rows = state(ctx).store().small_rows("speaker")

    def table(plain: bool) -> RenderableType:
        from brtrade.render import tables

        return tables.speakers_table(rows, plain)

    listing(out, "speaker", "speakers", None, lambda: rows, table, len(rows))


@output_options
def topics(
    ctx: typer.Context,
    out: Output = TABLE,
) -> None:
    """Each topic with the number of claims and quotes that carry it.

    Example:

      brtrade topics
    """
    rows = state(ctx).store().small_rows("topic")

    def table(plain: bool) -> RenderableType:
        from brtrade.render import tables

        return tables.topics_table(rows, plain)

    listing(out, "topic", "topics", None, lambda: rows, table, len(rows))


def show(
    ctx: typer.Context,
    record_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            autocompletion=completion.record_ids,
            help="Id of a claim, quote, speaker, entity, source or topic. Where two kinds "
            "share an id, write KIND:ID, as in topic:asean.",
        ),
    ],
    json_out: JsonFlag = False,
) -> None:
    """One record in full, with its evidence highlighted inside its paragraph.

    With --json, prints the record as one JSON object.

    Examples:

      brtrade show asean-trade-2020

      brtrade show q-tu-xinquan-diversification --json
    """
    from brtrade.core.model import Claim, Quote, Speaker
    from brtrade.core.provenance import record_passages

    store = state(ctx).store()
    rec, others, base, carried = store.record(record_id)
    if others:
        warn(f"note: {record_id!r} also names {', '.join(others)}")
    if json_out:
        from brtrade.contract import records

        row = records.record(base, rec, carried)
        emit_json(store.checked([row])[0] if "provenance" in row else row)
        return
    passages: list[Passage] = []
    if isinstance(rec, (Claim, Quote, Speaker)):
        passages, missing = record_passages(base, rec)
        warn_missing(missing)
    from brtrade.render import views

    emit_rich(lambda plain: views.record_view(base, rec, passages, plain, carried))


def warn_missing(missing: Sequence[Missing]) -> None:
    for m in missing:
        warn(f"warning: {m.record_id}: {m.what} not found verbatim in ¶{list(m.paragraphs)}")


@output_options
def sources(
    ctx: typer.Context,
    source_id: Annotated[
        str | None,
        typer.Argument(
            metavar="[ID]",
            help="Show only this source.",
            show_default=False,
            autocompletion=completion.source_ids,
        ),
    ] = None,
    text: Annotated[
        bool,
        typer.Option(
            "--text",
            help="Print the source's text with numbered paragraphs and the spans the "
            "fact base cites marked (bold in a terminal, [[like this]] in a pipe).",
        ),
    ] = False,
    out: Output = TABLE,
) -> None:
    """The sources the fact base cites, with what is known about each.

    Examples:

      brtrade sources

      brtrade sources br-trade-2020 --text
    """
    from brtrade.core.names import not_found

    store = state(ctx).store()
    rows = store.small_rows("source")
    if source_id is not None:
        if source_id not in (r["id"] for r in rows):
            raise not_found("source", source_id, [r["id"] for r in rows])
        rows = [r for r in rows if r["id"] == source_id]
    if text:
        if len(rows) != 1:
            raise UsageError(
                "--text needs one source", hint="give its id: brtrade sources ID --text"
            )
        if out.format not in (Format.table, Format.json) or out.fields:
            raise UsageError("--text prints a table or --json", hint="drop --format/--fields")
        source_text(store.citing(rows[0]["id"]), rows[0]["id"], out.format is Format.json)
        return

    def table(plain: bool) -> RenderableType:
        from brtrade.render import tables

        return tables.sources_view(rows, plain)

    listing(out, "source", "sources", None, lambda: rows, table, len(rows))


def source_text(bases: Iterable[FactBase], source_id: str, json_out: bool) -> None:
    from brtrade.core.provenance import source_passages

    passages, missing = source_passages(bases, source_id)
    warn_missing(missing)
    if json_out:  # a paragraph at a time: every record of a large base may cite it
        from brtrade.contract import records
        from brtrade.render.formats import to_json_chunks

        paragraphs = (records.source_paragraph(p) for p in passages)
        for chunk in to_json_chunks({"source": source_id}, "paragraphs", paragraphs):
            write_text(chunk)
        return
    from brtrade.render import views

    emit_rich(lambda plain: views.source_text_view(passages, plain))
