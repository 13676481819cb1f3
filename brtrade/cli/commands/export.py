"""The export command: the base, or the claims a query finds, in a standard format."""

from __future__ import annotations

import os
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from brtrade.cli.options import query_options
from brtrade.cli.output import warn, write_text
from brtrade.cli.state import state
from brtrade.core.errors import UsageError
from brtrade.core.query import Asked

EVERYTHING = Asked()


class ExportFormat(str, Enum):
    jsonld = "jsonld"
    annotations = "annotations"
    sqlite = "sqlite"


@query_options("topic", "entity", "speaker")
def export(
    ctx: typer.Context,
    fmt: Annotated[
        ExportFormat,
        typer.Argument(
            metavar="FORMAT",
            case_sensitive=False,
            help="jsonld (schema.org), annotations (W3C Web Annotation) or sqlite.",
        ),
    ],
    asked: Asked = EVERYTHING,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write here instead of stdout (required for sqlite). An existing file "
            "is never overwritten, but with --force.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Replace the --output file if it exists (written aside, then moved into "
            "place: a failed export leaves the old file whole).",
        ),
    ] = False,
) -> None:
    """Export the base, or the claims that answer QUERY (with the quotes they come from),
    in the web's standard formats: schema.org JSON-LD (Claim, Quotation, Person,
    QuantitativeValue), W3C Web Annotations on the sources (TextQuoteSelector and
    TextPositionSelector), or a relational SQLite database with full-text search, which
    Datasette browses ('datasette facts.db').

    Examples:

      brtrade export jsonld > facts.jsonld

      brtrade export annotations asean -o asean.json

      brtrade export sqlite -o facts.db --force
    """
    import json

    from brtrade.core.memory import Searcher
    from brtrade.render import exports

    if output is not None and (output.exists() or output.is_symlink()):
        if not force:
            raise UsageError(f"{output} exists", hint="give a new file name, or add --force")
        if output.is_dir():
            raise UsageError(f"{output} is a folder", hint="give a file name")
    if fmt is ExportFormat.sqlite and output is None:
        raise UsageError("sqlite needs a file", hint="add -o FILE, for example -o facts.db")
    base = state(ctx).base()
    if asked != EVERYTHING:
        searcher = Searcher(base)
        hits = searcher.search("claim", asked.resolve(searcher.names())).hits
        claims = [h.record for h in hits]
        cited = {c.quote for c in claims if c.quote}  # type: ignore[union-attr]
        quotes = [q for q in base.quotes if q.id in cited]
    else:
        claims, quotes = list(base.claims), list(base.quotes)
    what = f"{len(claims)} claims, {len(quotes)} quotes as {fmt.value}"
    if fmt is ExportFormat.sqlite:
        assert output is not None
        _write_aside(
            output,
            lambda tmp: exports.sqlite(base, claims, quotes, tmp),  # type: ignore[arg-type]
            force,
        )
        warn(f"export: wrote {output}: {what}")
        return
    data = (
        exports.jsonld(base, claims, quotes)  # type: ignore[arg-type]
        if fmt is ExportFormat.jsonld
        else exports.web_annotations(base, claims, quotes)  # type: ignore[arg-type]
    )
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if output is None:
        write_text(text)
        return
    _write_aside(output, lambda tmp: tmp.write_text(text, "utf-8"), force)
    warn(f"export: wrote {output}: {what}")


def _write_aside(output: Path, write: Callable[[Path], object], force: bool) -> None:
    """Write to a hidden file beside ``output``, then move it into place: an export
    that fails half-way leaves no half file, and --force replaces the old one whole
    (a symlink is replaced, never written through). Without --force, a file that
    appeared meanwhile is still not overwritten (a hard link fails where a name is
    taken)."""
    tmp = output.with_name(f".{output.name}.partial")
    try:
        tmp.unlink(missing_ok=True)
        write(tmp)
        if force:
            os.replace(tmp, output)
        else:
            os.link(tmp, output)
    except FileExistsError:
        raise UsageError(f"{output} exists", hint="give a new file name, or add --force") from None
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None
    finally:
        tmp.unlink(missing_ok=True)
