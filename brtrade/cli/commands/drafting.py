"""The command that starts a fact file from a new article: draft."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from brtrade.cli.errors import warn
from brtrade.cli.listing import state
from brtrade.cli.output import write_text
from brtrade.core.errors import UsageError, excerpt


def draft(
    ctx: typer.Context,
    article: Annotated[
        Path,
        typer.Argument(metavar="ARTICLE", help="The article's plain text.", show_default=False),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the fact file here, and the laid-out text to sources/ beside it "
            "(neither is overwritten). Default: the fact file to stdout.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Draft a fact file for a new article: its source, quotes with speakers, figures and
    one claim per sentence, all read off the text, with verbatim evidence.

    What only an editor can write (statements, measures, topics, editorial links) is
    drafted from the text and marked 'draft: true'; 'brtrade check' passes everything
    else as written and says 'draft: N records still need an editor' (exit 4). Ids are
    unique against the base that --facts names, and entities are linked to its own.

    Examples:

      brtrade draft new-article.txt -o desk/new-article.yaml

      brtrade --facts desk/ draft new-article.txt > desk/new-article.yaml
    """
    import yaml

    from brtrade.cli.commands.drafts import read_text_input
    from brtrade.core.drafting import draft_fact_file
    from brtrade.core.text import strip_controls, words

    shown, text = read_text_input(str(article), "article")
    if not words(strip_controls(text)):
        raise UsageError(
            f"{excerpt(shown)}: the article is empty (no words to draft from)",
            hint="give the text of an article",
        )
    base = state(ctx).base()
    taken = [rec.id for _, group in base.groups() for rec in group]
    taken += list(base.figures_by_id)
    entities = [(e.id, (e.name, *e.aliases)) for e in base.entities]
    if state(ctx).facts is None:
        taken, entities = [], []  # a new base: the bundled one is not its neighbour
    cut: list[str] = []
    laid_out, document = draft_fact_file(
        text, article.stem, taken_ids=taken, entities=entities, cut=cut
    )
    for note in cut:  # a text past the limits: what was left out
        warn(f"{article}: {note} (split the article to draft the rest)")
    rendered = (
        f"# DRAFT fact file for {article.name}, written by 'brtrade draft'. Records marked\n"
        "# 'draft: true' need an editor: write each statement and figure measure in your\n"
        "# own words, add topics and links, then remove 'draft: true'. Evidence, quotes,\n"
        "# wordings and values are copied from the text; check proves them.\n"
        + yaml.dump(
            document,
            Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper),  # libyaml: 3x faster
            sort_keys=False,
            allow_unicode=True,
            width=1000,
        )
    )
    if output is None:
        write_text(rendered)
        return
    text_path = output.parent / document["sources"][0]["text"]
    for path in (output, text_path):
        if path.exists():
            raise UsageError(f"{excerpt(str(path))} exists", hint="give a new name, or move it")
    text_path.parent.mkdir(parents=True, exist_ok=True)
    text_path.write_text(laid_out, "utf-8")
    output.write_text(rendered, "utf-8")
