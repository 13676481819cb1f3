"""The commands that hold a base to its sources: check, derive and schema."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from brtrade.cli.errors import ExitCode
from brtrade.cli.listing import listing
from brtrade.cli.options import (
    JsonFlag,
    QueryArg,
    RateToleranceOpt,
    output_options,
)
from brtrade.cli.output import TABLE, Output, emit_json, warn, write_text
from brtrade.cli.state import state
from brtrade.core.numbers import DEFAULT_RATE_TOLERANCE

if TYPE_CHECKING:
    from brtrade.cli.output import RenderableType


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
    rate_tolerance: RateToleranceOpt = DEFAULT_RATE_TOLERANCE,
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
    from brtrade.core.files import skipped_folders
    from brtrade.core.paths import bundled_facts_path
    from brtrade.render.safe import terminal_safe

    target = path or state(ctx).facts or bundled_facts_path()
    report = check_fact_base(target, rate_tolerance)
    if json_out:
        emit_json(
            records.check_report(report.files, report.records, report.problems, report.drafts)
        )
    else:
        write_text("".join(terminal_safe(p.describe()) + "\n" for p in report.problems))
        files = f"{len(report.files)} file{'s' if len(report.files) != 1 else ''}"
        if len(report.files) > 1:  # which files it read: a folder's *.yaml, by name
            names = [Path(f).name for f in report.files]
            files += f" ({', '.join(names[:6])}{', ...' if len(names) > 6 else ''})"
        for folder, count in skipped_folders(target):
            warn(
                f"check: skipped {folder}/, a folder holding {count} fact "
                f"file{'s' if count != 1 else ''}: a base is one folder's files, not its "
                "subfolders' (move them up, or check that folder on its own)"
            )
        if report.ok and report.drafts:
            n = len(report.drafts)
            warn(
                f"check: draft: {n} record{'s' if n != 1 else ''} still need{'' if n != 1 else 's'}"
                f" an editor ({', '.join(report.drafts[:5])}{', ...' if n > 5 else ''}); "
                "write their statements, topics and links, then remove 'draft: true'"
            )
        elif report.ok:
            warn(f"check: ok: {report.records} records in {files}, no problems")
        else:
            n = len(report.problems)
            with_problems = len({p.file for p in report.problems})
            where = files if with_problems == len(report.files) else f"{with_problems} of {files}"
            warn(f"check: {n} problem{'s' if n != 1 else ''} in {where} ({report.records} records)")
    if not report.ok:
        raise typer.Exit(ExitCode.NO_MATCH)
    if path is None:  # the base in use, proved: its index may stop telling of changed texts
        state(ctx).store().proved()
    if report.drafts:
        raise typer.Exit(ExitCode.DRAFT)


@output_options
def derive(
    ctx: typer.Context,
    query: QueryArg = None,
    rate_tolerance: RateToleranceOpt = DEFAULT_RATE_TOLERANCE,
    out: Output = TABLE,
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

    base = state(ctx).store().deriving()
    found = matching(derive_figures(base, rate_tolerance), query_words(query or []))

    def rows() -> list[dict[str, Any]]:
        from brtrade.contract import records

        return [records.derived(d) for d in found]

    def table(plain: bool) -> RenderableType:
        from brtrade.render import figures as figure_views

        return figure_views.derived_table(found, plain)

    listing(out, "derived", "derived figures", query, rows, table, len(found))


def schema(
    output: Annotated[
        bool,
        typer.Option(
            "--output",
            help="Print the schema of brtrade's JSON output (the contract) instead.",
        ),
    ] = False,
) -> None:
    """Print the JSON Schema of the fact-file format, or with --output of the JSON output.

    Editors can validate and complete fact files with it; facts.yaml points at a
    copy, facts.schema.json beside it (also in the wheel), through its yaml-language-server
    comment. Scripts can validate what --json writes against the output schema.

    Examples:

      brtrade schema > facts.schema.json

      brtrade schema --output > output.schema.json
    """
    if output:
        from brtrade.contract.schema import output_schema_json

        write_text(output_schema_json())
        return
    from brtrade.core.file_schema import schema_json

    write_text(schema_json())
