"""The command that reads drafts: verify."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from brtrade.cli.errors import ExitCode
from brtrade.cli.options import FieldsOpt, JsonFlag, RawCsvOpt
from brtrade.cli.output import emit_rich, output_choice, warn, write_text
from brtrade.cli.state import state
from brtrade.core.errors import UsageError, excerpt
from brtrade.render.formats import Format

MAX_DRAFT_BYTES = 2 * 1024 * 1024
"""A draft (for verify) or an article (for draft) larger than this is refused: a long
feature is 50 KB, and at this size either command finishes in seconds (docs/security.md,
"Time")."""


class VerifyFormat(str, Enum):
    """verify's formats: the listing formats, and lint for editors."""

    table = "table"
    lint = "lint"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    tsv = "tsv"
    yaml = "yaml"
    markdown = "markdown"


class Only(str, Enum):
    problems = "problems"


def read_text_input(name: str, what: str = "draft") -> tuple[str, str]:
    """(shown name, text) of a text the user gives (a draft, an article): a regular file
    or a pipe, or '-' for standard input, within MAX_DRAFT_BYTES. Anything else is one
    usage error (exit 2) that says what and where."""
    from brtrade.core.errors import FactBaseError
    from brtrade.core.files import read_bytes

    if name == "-":
        stream = sys.stdin.buffer if sys.stdin is not None else None
        if stream is None:
            raise UsageError("standard input is closed", hint=f"give a {what} FILE")
        data = stream.read(MAX_DRAFT_BYTES + 1)
        shown = "<stdin>"
    else:
        shown = name
        try:
            data = read_bytes(Path(name), MAX_DRAFT_BYTES, what=what, pipe_ok=True)
        except FactBaseError as refused:
            raise UsageError(f"{excerpt(name)}: {refused.message}", hint=refused.hint) from None
        except FileNotFoundError:
            raise UsageError(f"no such {what}: {excerpt(name)}") from None
        except OSError as exc:
            raise UsageError(f"cannot read the {what} {excerpt(name)}: {exc.strerror}") from None
    if len(data) > MAX_DRAFT_BYTES:
        raise UsageError(
            f"{shown}: the {what} is larger than the limit of {MAX_DRAFT_BYTES:,} bytes",
            hint="split it",
        )
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 with its mark, as some editors save
        try:
            return shown, data.decode("utf-16")
        except UnicodeDecodeError:
            raise UsageError(
                f"{shown}: the {what} is not valid UTF-16", hint="save it as UTF-8"
            ) from None
    if b"\0" in data:
        raise UsageError(f"{shown}: the {what} is not text (it holds NUL bytes)")
    try:
        return shown, data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise UsageError(
            f"{shown}:{line}: the {what} is not valid UTF-8", hint="save it as UTF-8"
        ) from None


def verify(
    ctx: typer.Context,
    files: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[FILE]...",
            help="Drafts in plain text or Markdown; '-' or none reads standard input.",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        VerifyFormat | None,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            help="table (the default) is for people; lint is FILE:LINE:COLUMN: VERDICT: "
            "message, for editors; json, jsonl, csv, tsv, yaml and markdown for programs.",
            show_default=False,
        ),
    ] = None,
    fields: FieldsOpt = None,
    raw_csv: RawCsvOpt = False,
    json_out: JsonFlag = False,
    only: Annotated[
        Only | None,
        typer.Option(
            "--only",
            help="'problems': show only contradicted, misquoted and misattributed findings.",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option("--strict", help="Fail (exit 1) on not-found findings too."),
    ] = False,
) -> None:
    """Check a draft's figures and quotations against the fact base.

    Each number with a scale, currency or percent (and each bare count), and each
    quotation of four words or more, gets a verdict: supported, contradicted (the
    base's figure on the same thing differs), misquoted (with a word diff),
    misattributed (said by someone else), or not-found. Exits 1 when something is
    contradicted, misquoted or misattributed (with --strict, not found too), else 0.

    Examples:

      brtrade verify examples/draft.md

      brtrade verify draft.md --format lint

      pbpaste | brtrade verify --only problems
    """
    from brtrade.contract import records
    from brtrade.core.verify import PROBLEMS, place_stems, summary, verify_draft

    chosen = VerifyFormat.json if json_out else (fmt or VerifyFormat.table)
    if json_out and fmt not in (None, VerifyFormat.json):
        raise UsageError(f"--json and --format {fmt.value} disagree", hint="give one of them")
    if fields is not None and chosen in (VerifyFormat.table, VerifyFormat.lint):
        raise UsageError(
            "--fields selects fields for the machine formats",
            hint="add --format json, jsonl, csv, tsv, yaml or markdown",
        )
    if not files and sys.stdin is not None and sys.stdin.isatty():
        warn("verify: reading a draft from standard input (end it with Ctrl-D; or give a FILE)")
    drafts = [read_text_input(name) for name in (files or ["-"])]
    for shown, text in drafts:
        if not text.strip():
            raise UsageError(f"{shown}: the draft is empty", hint="give a draft with text")
    store = state(ctx).store()
    names = store.names()
    speakers = names.speakers
    places = place_stems(names.entities)
    lexicon: frozenset[str] | None = None

    def known(word: str) -> bool:
        nonlocal lexicon
        if lexicon is None:
            lexicon = store.lexicon()
        return word in lexicon

    findings = []
    for shown, text in drafts:
        cut: list[str] = []
        findings += verify_draft(
            text,
            shown,
            store.candidates,
            speakers,
            known,
            cut,
            places,
            names.entities,
            store.speaker_described,
        )
        for note in cut:  # what a draft past the limits was not checked for
            warn(f"{shown}: {note} (split it to check the rest)")
    failed = any(f.verdict in PROBLEMS for f in findings) or (
        strict and any(f.verdict == "not-found" for f in findings)
    )
    shown_findings = [f for f in findings if f.verdict in PROBLEMS] if only else findings
    if chosen is VerifyFormat.table:
        from brtrade.render.findings import findings_view

        emit_rich(lambda plain: findings_view(shown_findings, summary(findings), plain))
    elif chosen is VerifyFormat.lint:
        from brtrade.render.findings import lint_lines

        write_text(lint_lines(shown_findings))
    else:
        from brtrade.render.formats import serialise

        out = output_choice(Format(chosen.value), False, fields, raw_csv)
        rows = [records.finding(f) for f in shown_findings]
        write_text(serialise("finding", rows, out.format, out.fields, raw_csv=out.raw_csv))
    if failed:
        raise typer.Exit(ExitCode.NO_MATCH)
