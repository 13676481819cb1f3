"""The export command: the base, or the claims a query finds, in a standard format."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from brtrade.cli.listing import state
from brtrade.cli.options import EntityOpt, QueryArg, SpeakerOpt, TopicOpt
from brtrade.cli.output import write_text
from brtrade.core.errors import UsageError


class ExportFormat(str, Enum):
    jsonld = "jsonld"
    annotations = "annotations"
    sqlite = "sqlite"


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
    query: QueryArg = None,
    topic: TopicOpt = None,
    entity: EntityOpt = None,
    speaker: SpeakerOpt = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write here instead of stdout (required for sqlite; never overwritten).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Export the base, or the claims that answer QUERY (with the quotes they come from),
    in the web's standard formats: schema.org JSON-LD (Claim, Quotation, Person,
    QuantitativeValue), W3C Web Annotations on the sources (TextQuoteSelector and
    TextPositionSelector), or a relational SQLite database with full-text search, which
    Datasette browses ('datasette facts.db').

    Examples:

      brtrade export jsonld > facts.jsonld

      brtrade export annotations asean -o asean.json

      brtrade export sqlite -o facts.db
    """
    import json

    from brtrade.core.query import Searcher
    from brtrade.render import exports

    if output is not None and (output.exists() or output.is_symlink()):
        raise UsageError(f"{output} exists", hint="give a new file name, or remove it first")
    if fmt is ExportFormat.sqlite and output is None:
        raise UsageError("sqlite needs a file", hint="add -o FILE, for example -o facts.db")
    base = state(ctx).base()
    if query or topic or entity or speaker:
        hits = Searcher(base).claims(query or [], topic=topic, entity=entity, speaker=speaker)
        claims = [h.record for h in hits]
        cited = {c.quote for c in claims if c.quote}  # type: ignore[union-attr]
        quotes = [q for q in base.quotes if q.id in cited]
    else:
        claims, quotes = list(base.claims), list(base.quotes)
    if fmt is ExportFormat.sqlite:
        assert output is not None
        tmp = output.with_name(f".{output.name}.partial")
        tmp.unlink(missing_ok=True)
        try:
            exports.sqlite(base, claims, quotes, tmp)  # type: ignore[arg-type]
            tmp.rename(output)
        finally:
            tmp.unlink(missing_ok=True)
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
    try:
        with open(output, "x", encoding="utf-8") as f:
            f.write(text)
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None
