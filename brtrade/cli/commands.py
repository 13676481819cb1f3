"""The brtrade command line: wires the core to the renderers.

Commands parse options, ask the core, and hand the result to a renderer.
Errors from the core propagate to :class:`~brtrade.cli.errors.BrtradeGroup`,
which turns them into messages and exit codes. Heavy modules (YAML, Rich) are
imported inside the commands that use them.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from brtrade import __version__
from brtrade.cli import completion
from brtrade.cli.errors import BrtradeGroup, ExitCode, debug_requested, warn
from brtrade.cli.options import (
    EntityOpt,
    FactsOpt,
    FieldsOpt,
    FormatOpt,
    JsonFlag,
    LimitOpt,
    QueryArg,
    SpeakerOpt,
    TopicOpt,
)
from brtrade.cli.output import Output, emit_json, emit_records, emit_rich, output_choice, write_text
from brtrade.core.errors import UsageError
from brtrade.core.files import FORMAT_VERSION
from brtrade.core.numbers import DEFAULT_RATE_TOLERANCE
from brtrade.render.formats import Format

if TYPE_CHECKING:
    from brtrade.cli.output import RenderableType
    from brtrade.core.model import FactBase
    from brtrade.core.provenance import Missing, Passage
    from brtrade.index.store import FactStore

app = typer.Typer(
    cls=BrtradeGroup,
    name="brtrade",
    help="Answer questions from a curated fact base on China's 2020 trade along the "
    "Belt & Road routes. Every answer cites the sentence it came from.",
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class State:
    """What the root options set up for the command that runs."""

    def __init__(self, facts: Path | None, use_cache: bool = True) -> None:
        self.facts = facts
        self.use_cache = use_cache
        self._store: FactStore | None = None

    def store(self) -> FactStore:
        if self._store is None:
            from brtrade.core.paths import bundled_facts_path
            from brtrade.index.store import FactStore

            self._store = FactStore(self.facts or bundled_facts_path(), use_cache=self.use_cache)
        return self._store

    def base(self) -> FactBase:
        return self.store().base()


def _state(ctx: typer.Context) -> State:
    state = ctx.find_root().obj
    assert isinstance(state, State)
    return state


def _version(value: bool) -> None:
    if value:
        from brtrade.contract.shapes import CONTRACT_VERSION

        write_text(
            f"brtrade {__version__} (JSON contract {CONTRACT_VERSION}, "
            f"fact-file format {FORMAT_VERSION})\n"
        )
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    facts: FactsOpt = None,
    debug: Annotated[
        bool,
        typer.Option("--debug", envvar="BRTRADE_DEBUG", help="Show tracebacks for errors."),
    ] = False,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            envvar="BRTRADE_NO_CACHE",
            help="Neither read nor write the persistent index; parse the fact files every run.",
        ),
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Answer questions from a curated fact base on China's 2020 trade along the Belt & Road
    routes. Every answer cites the sentence it came from.

    Run 'brtrade' alone for an overview of the base, or 'brtrade COMMAND --help'.
    """
    del debug, version  # read by BrtradeGroup and the eager callback
    ctx.obj = State(facts, use_cache=not no_cache)
    if ctx.invoked_subcommand is None:
        _overview(ctx.obj)


def _overview(state: State) -> None:
    from brtrade.render import tables

    counts = list(state.store().counts().items())
    examples = [
        "brtrade facts asean",
        'brtrade quote --speaker "Tu Xinquan"',
        "brtrade facts \"belt and road\" --json | jq '.[] | .figures'",
    ]
    emit_rich(lambda plain: tables.overview(counts, examples))


def _listing(
    out: Output,
    kind: str,
    what: str,
    query: list[str] | None,
    rows: Callable[[], Sequence[dict[str, Any]]],
    table: Callable[[bool], RenderableType],
    found: int,
) -> None:
    """Print a listing; an empty one is valid output in machine formats, and exits 1."""
    emit_records(out, kind, rows, table, empty=not found)
    if not found:
        if out.is_table:
            shown = f" match {' '.join(query)!r}" if query else ""
            warn(f"no {what}{shown}")
        raise typer.Exit(ExitCode.NO_MATCH)


def _ranked_listing(
    out: Output,
    kind: str,
    query: list[str] | None,
    rows: list[dict[str, Any]],
    store: FactStore,
) -> None:
    """A listing of search results (claims or quotes), drawn with the query's words lit."""

    def table(plain: bool) -> RenderableType:
        from brtrade.core.query import query_words
        from brtrade.render import tables

        draw = tables.claims_table if kind == "claim" else tables.quotes_table
        many = store.counts()["sources"] > 1
        return draw(rows, query_words(query or []), plain, many)

    _listing(out, kind, f"{kind}s", query, lambda: rows, table, len(rows))


@app.command()
def facts(
    ctx: typer.Context,
    query: QueryArg = None,
    topic: TopicOpt = None,
    entity: EntityOpt = None,
    speaker: SpeakerOpt = None,
    limit: LimitOpt = None,
    fmt: FormatOpt = None,
    fields: FieldsOpt = None,
    json_out: JsonFlag = False,
) -> None:
    """Claims that match every word of QUERY, best match first.

    Searches each claim's statement, its verbatim evidence, its topics and the
    names and aliases of the entities it is about.

    Examples:

      brtrade facts asean

      brtrade facts "belt and road" --topic trade-growth

      brtrade facts --speaker zhou --format csv --fields id,statement
    """
    out = output_choice(fmt, json_out, fields)
    store = _state(ctx).store()
    rows = store.claim_rows(query or [], topic=topic, entity=entity, speaker=speaker, limit=limit)
    _ranked_listing(out, "claim", query, rows, store)


@app.command()
def quote(
    ctx: typer.Context,
    query: QueryArg = None,
    speaker: SpeakerOpt = None,
    limit: LimitOpt = None,
    fmt: FormatOpt = None,
    fields: FieldsOpt = None,
    json_out: JsonFlag = False,
) -> None:
    """Direct quotes that match every word of QUERY, with who said them.

    If no speaker matches --speaker, brtrade exits 1 and suggests the closest
    known speaker.

    Examples:

      brtrade quote --speaker "Tu Xinquan"

      brtrade quote pandemic

      brtrade quote --speaker "Xinquan Tu" --json
    """
    out = output_choice(fmt, json_out, fields)
    store = _state(ctx).store()
    rows = store.quote_rows(query or [], speaker=speaker, limit=limit)
    _ranked_listing(out, "quote", query, rows, store)


@app.command()
def figures(
    ctx: typer.Context,
    query: QueryArg = None,
    topic: TopicOpt = None,
    entity: EntityOpt = None,
    speaker: SpeakerOpt = None,
    limit: LimitOpt = None,
    fmt: FormatOpt = None,
    fields: FieldsOpt = None,
    json_out: JsonFlag = False,
) -> None:
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
    from brtrade.core.query import Searcher, figures_of

    out = output_choice(fmt, json_out, fields)
    base = _state(ctx).base()
    hits = Searcher(base).claims(query or [], topic=topic, entity=entity, speaker=speaker)
    pairs = figures_of(hits, limit)

    def rows() -> list[dict[str, Any]]:
        from brtrade.contract import records

        return [records.figure_row(c, f) for c, f in pairs]

    def table(plain: bool) -> RenderableType:
        from brtrade.render import figures as figure_views

        return figure_views.figures_view(pairs, len(base.sources) > 1, plain)

    _listing(out, "figure", "figures", query, rows, table, len(pairs))


@app.command()
def speakers(
    ctx: typer.Context,
    fmt: FormatOpt = None,
    fields: FieldsOpt = None,
    json_out: JsonFlag = False,
) -> None:
    """Everyone quoted, with role, organisation and number of quotes.

    Example:

      brtrade speakers --format markdown
    """
    out = output_choice(fmt, json_out, fields)
    rows = _state(ctx).store().small_rows("speaker")

    def table(plain: bool) -> RenderableType:
        from brtrade.render import tables

        return tables.speakers_table(rows, plain)

    _listing(out, "speaker", "speakers", None, lambda: rows, table, len(rows))


@app.command()
def topics(
    ctx: typer.Context,
    fmt: FormatOpt = None,
    fields: FieldsOpt = None,
    json_out: JsonFlag = False,
) -> None:
    """Each topic with the number of claims and quotes that carry it.

    Example:

      brtrade topics
    """
    out = output_choice(fmt, json_out, fields)
    rows = _state(ctx).store().small_rows("topic")

    def table(plain: bool) -> RenderableType:
        from brtrade.render import tables

        return tables.topics_table(rows, plain)

    _listing(out, "topic", "topics", None, lambda: rows, table, len(rows))


@app.command()
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
    from brtrade.core.query import find_record

    base = _state(ctx).base()
    rec, others = find_record(base, record_id)
    if others:
        warn(f"note: {record_id!r} also names {', '.join(others)}")
    if json_out:
        from brtrade.contract import records

        emit_json(records.record(base, rec))
        return
    passages: list[Passage] = []
    if isinstance(rec, (Claim, Quote, Speaker)):
        passages, missing = record_passages(base, rec)
        _warn_missing(missing)
    from brtrade.render import views

    emit_rich(lambda plain: views.record_view(base, rec, passages, plain))


def _warn_missing(missing: Sequence[Missing]) -> None:
    for m in missing:
        warn(f"warning: {m.record_id}: {m.what} not found verbatim in ¶{list(m.paragraphs)}")


@app.command()
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
    fmt: FormatOpt = None,
    fields: FieldsOpt = None,
    json_out: JsonFlag = False,
) -> None:
    """The sources the fact base cites, with what is known about each.

    Examples:

      brtrade sources

      brtrade sources br-trade-2020 --text
    """
    from brtrade.core.errors import NotFoundError

    out = output_choice(fmt, json_out, fields)
    store = _state(ctx).store()
    rows = store.small_rows("source")
    if source_id is not None:
        if source_id not in (r["id"] for r in rows):
            known = ", ".join(r["id"] for r in rows)
            raise NotFoundError(f"no source has the id {source_id!r}", hint=f"known: {known}")
        rows = [r for r in rows if r["id"] == source_id]
    if text:
        if len(rows) != 1:
            raise UsageError(
                "--text needs one source", hint="give its id: brtrade sources ID --text"
            )
        if out.format not in (Format.table, Format.json) or out.fields:
            raise UsageError("--text prints a table or --json", hint="drop --format/--fields")
        _source_text(store.base(), rows[0]["id"], out.format is Format.json)
        return

    def table(plain: bool) -> RenderableType:
        from brtrade.render import tables

        return tables.sources_view(rows, plain)

    _listing(out, "source", "sources", None, lambda: rows, table, len(rows))


def _source_text(base: FactBase, source_id: str, json_out: bool) -> None:
    from brtrade.core.provenance import source_passages

    passages, missing = source_passages(base, source_id)
    _warn_missing(missing)
    if json_out:
        from brtrade.contract import records

        emit_json(records.source_text(source_id, passages))
        return
    from brtrade.render import views

    emit_rich(lambda plain: views.source_text_view(passages, plain))


@app.command()
def check(
    ctx: typer.Context,
    path: Annotated[
        Path | None,
        typer.Argument(
            metavar="[PATH]",
            help="Fact file or folder to check. Default: --facts, BRTRADE_FACTS, or the "
            "bundled base.",
            show_default=False,
        ),
    ] = None,
    rate_tolerance: Annotated[
        float,
        typer.Option(
            "--rate-tolerance",
            min=0.0,
            metavar="PERCENT",
            help="How far the implied exchange rates may spread (max - min, over the mean).",
        ),
    ] = DEFAULT_RATE_TOLERANCE,
    json_out: JsonFlag = False,
) -> None:
    """Check a fact base and report every problem, one per line.

    Each line reads FILE:LINE: RECORD: FIELD: MESSAGE (HINT). Checked: the schema
    and YAML traps (duplicate keys, YAML 1.1 coercions), unique ids and resolved
    references, that every evidence span and quote occurs verbatim in the paragraph
    it names (normalising only whitespace and typographic quotes), that each
    figure's wording occurs in its evidence and agrees with its value, and the
    arithmetic cross-checks of 'brtrade derive'. Exits 0 when clean, 1 when there
    are problems.

    Examples:

      brtrade check

      brtrade check articles/ --json
    """
    from brtrade.contract import records
    from brtrade.core.check import check_fact_base
    from brtrade.core.paths import bundled_facts_path
    from brtrade.render.safe import terminal_safe

    target = path or _state(ctx).facts or bundled_facts_path()
    report = check_fact_base(target, rate_tolerance)
    if json_out:
        emit_json(records.check_report(report.files, report.records, report.problems))
    else:
        write_text("".join(terminal_safe(p.describe()) + "\n" for p in report.problems))
        files = f"{len(report.files)} file{'s' if len(report.files) != 1 else ''}"
        if report.ok:
            warn(f"check: ok: {report.records} records in {files}, no problems")
        else:
            n = len(report.problems)
            warn(f"check: {n} problem{'s' if n != 1 else ''} in {files} ({report.records} records)")
    if not report.ok:
        raise typer.Exit(ExitCode.NO_MATCH)


@app.command()
def derive(
    ctx: typer.Context,
    query: QueryArg = None,
    rate_tolerance: Annotated[
        float,
        typer.Option(
            "--rate-tolerance",
            min=0.0,
            metavar="PERCENT",
            help="How far the implied exchange rates may spread before they are flagged.",
        ),
    ] = DEFAULT_RATE_TOLERANCE,
    fmt: FormatOpt = None,
    fields: FieldsOpt = None,
    json_out: JsonFlag = False,
) -> None:
    """Figures derived from the article's own, each with its formula and inputs.

    Implied exchange rates of the yuan/dollar pairs and their spread, the total
    implied by a share, the prior-year value implied by a growth rate, and a part
    against its whole. They are computed by brtrade, labelled derived, and never
    mixed with the article's claims.

    Examples:

      brtrade derive

      brtrade derive exchange --json
    """
    from brtrade.core.derive import derive as derive_figures
    from brtrade.core.derive import matching
    from brtrade.core.query import query_words

    out = output_choice(fmt, json_out, fields)
    base = _state(ctx).base()
    found = matching(derive_figures(base, rate_tolerance), query_words(query or []))

    def rows() -> list[dict[str, Any]]:
        from brtrade.contract import records

        return [records.derived(d) for d in found]

    def table(plain: bool) -> RenderableType:
        from brtrade.render import figures as figure_views

        return figure_views.derived_table(found, plain)

    _listing(out, "derived", "derived figures", query, rows, table, len(found))


@app.command()
def schema() -> None:
    """Print the JSON Schema of the fact-file format.

    Editors can validate and complete fact files with it; facts.yaml points at a
    copy in docs/facts.schema.json through its yaml-language-server comment.

    Example:

      brtrade schema > facts.schema.json
    """
    from brtrade.core.schema import schema_json

    write_text(schema_json())


def main() -> None:
    """Console-script entry point.

    Domain errors are handled by BrtradeGroup; anything that escapes it is a
    bug, shown as one line (or a traceback with --debug) with exit code 70.
    """
    try:
        app()
    except KeyboardInterrupt:  # outside a command: while starting up or completing
        sys.exit(ExitCode.INTERRUPTED)
    except Exception as exc:  # noqa: BLE001 - the last line of defence, not used in tests
        if debug_requested(None):
            raise
        warn(
            f"internal error: {type(exc).__name__}: {exc} "
            "(re-run with --debug for the traceback, and please report it)"
        )
        sys.exit(ExitCode.INTERNAL)
